package dev.ocp.engine.java;

import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.NodeKind;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.OcpFormat;

import java.util.Arrays;

/**
 * The CommonMark 0.31.2 inline parser (spec section 6) and link reference definitions (section 4.7).
 *
 * <p>One instance serves one document: it holds the document's reference map, and its work arrays (the
 * delimiter and bracket stacks, the backtick index) are reused from one block's content to the next. It scans
 * bytes left to right once; special bytes are found through a table, everything else accumulates into text
 * runs that become one TEXT node each, with escapes and character references decoded.
 *
 * <p>Emphasis, links and images follow the spec's appendix: delimiter runs and brackets are pushed on two
 * stacks of plain int arrays; {@code ]} looks for a link or image; {@code process emphasis} runs per link
 * and once at the end, with {@code openers_bottom} per delimiter character, closer-can-open and length mod 3.
 * Every construct is recognized in time linear in the input, whatever it is:
 * <ul>
 * <li>backtick runs: a closing run is searched at most once to the end of the content; the positions of the
 *     runs seen are kept per run length, so later openers without a closer fail in constant time;</li>
 * <li>brackets: the stack is LIFO, so "links may not contain links" deactivates every earlier {@code [} by
 *     moving one index ({@code inactiveBelow}) instead of walking the stack;</li>
 * <li>link destinations nest parentheses at most {@value LinkScanner#MAX_DESTINATION_PARENS} deep (the spec
 *     allows a limit), titles and labels stop at their first closing byte;</li>
 * <li>HTML comments, processing instructions, CDATA and declarations remember where their terminator was (or
 *     that there is none) so floods of openers do not rescan.</li>
 * </ul>
 *
 * <p>Node spans are source offsets through the block's {@link SourceMap}: text spans its bytes (escapes and
 * references as written), a code span, autolink or raw HTML its delimiters, emphasis the delimiter characters
 * it used, a link or image from {@code [} or {@code !} through its closing {@code )} or {@code ]}, and a line
 * break its line ending (LF, CR or CR LF) with the spaces or backslash before it. Every string written has U+0000
 * replaced by U+FFFD (spec 2.3).
 *
 * <p>With {@link Extension#GFM} on, the parser also reads GitHub's inline extensions:
 * <ul>
 * <li>strikethrough: runs of one or two {@code ~} join the delimiter stack with the flanking rules of {@code *};
 *     a closer matches the nearest opener of the same length (runs of three or more are text);</li>
 * <li>autolink literals ({@link #autolinkLiteral}): {@code www.}, {@code http://}, {@code https://},
 *     {@code ftp://}, {@code mailto:}, {@code xmpp:} and e-mail addresses, recognized where their first
 *     byte is met ({@code w}, the {@code :} after a scheme, the {@code @} of an address) and consumed whole,
 *     so their bytes are no delimiters; none is recognized while a bracket is open;</li>
 * <li>footnote references: a {@code [^label]} that is not a link, whose label as written names a footnote
 *     definition of the document ({@link #addFootnote}), becomes a FOOTNOTE_REFERENCE (after an image's
 *     {@code !}, which stays text), whatever the label holds: escapes, references, emphasis and code spans are
 *     its text as written, as commonmark-java and micromark match them.</li>
 * </ul>
 *
 * <p>Limits: {@link ParseOptions#maxInlineNesting()} bounds how deep emphasis, strong emphasis, strikethrough,
 * links and images nest; deeper nesting fails the parse with {@link OcpException.Code#LIMIT_EXCEEDED}
 * (deterministic, and the same on every engine).
 */
final class InlineParser {
    private static final int NIL = TreeBuilder.NIL;
    private static final int NONE = OcpFormat.NONE;

    private static final int CAN_OPEN = 1;
    private static final int CAN_CLOSE = 2;

    /**
     * Bytes the main loop stops at, all others being plain text, per set of extensions (index: 1 with GFM, plus 2
     * with math, plus 4 in MDX). GFM adds strikethrough runs and the bytes where an autolink literal may be met;
     * math the dollar; MDX the brace of an expression.
     */
    private static final boolean[][] SPECIAL = new boolean[8][256];

    static {
        for (int set = 0; set < SPECIAL.length; set++) {
            for (char c : new char[]{'\n', '\\', '`', '*', '_', '[', ']', '!', '<', '&', '\0'}) {
                SPECIAL[set][c] = true;
            }
            if ((set & 1) != 0) {
                for (char c : new char[]{'~', 'w', 'W', ':', '@'}) {
                    SPECIAL[set][c] = true;
                }
            }
            if ((set & 2) != 0) {
                SPECIAL[set]['$'] = true;
            }
            if ((set & 4) != 0) {
                SPECIAL[set]['{'] = true;
            }
        }
    }

    // Terminators searched for by raw HTML constructs (index into the find cache).
    private static final int FIND_COMMENT = 0;
    private static final int FIND_PI = 1;
    private static final int FIND_CDATA = 2;
    private static final int FIND_DECLARATION = 3;

    private final TreeBuilder tree;
    private int maxNesting;
    /** Whether {@link Extension#GFM} is on. */
    private boolean gfm;
    /** Whether the parse follows micromark's reading where it departs from the reference ({@link Flavor#MICROMARK}). */
    private boolean micromark;
    /** Whether {@link Extension#MATH} is on. */
    private boolean math;
    /** Whether the dialect is MDX: JSX and expressions, no raw HTML and no angle-bracket autolinks. */
    private boolean mdx;
    private final MdxScanner mdxScanner = new MdxScanner();
    /** The source, for the line and column of a syntax error, and the indentation a code span keeps (v1.5). */
    private byte[] source;
    private int sourceLength;
    // Open JSX text elements of the content being parsed: node, tag start, index in jsxOpenNode.
    private int jsxDepth;
    private int[] jsxNode = new int[8];
    private int[] jsxStart = new int[8];
    private int[] jsxOpenIndex = new int[8];
    // Elements of the content with a closing tag, in the order of their opening tags; their closing tags (markers
    // until resolveJsx) in the order met, with the index of their element; the parent each pair ends up under.
    private int jsxOpened;
    private int[] jsxOpenNode = new int[8];
    private int jsxClosed;
    private int[] jsxMarker = new int[8];
    private int[] jsxMarkerOpen = new int[8];
    private int[] jsxParent = new int[8];
    private final ReferenceMap refs = new ReferenceMap();
    /** The normalized labels of the document's footnote definitions (GFM); destinations and titles unused. */
    private final ReferenceMap footnotes = new ReferenceMap();
    private final LinkScanner scan = new LinkScanner();

    /**
     * Bytes and stack entries examined so far, counting every rescan: a deterministic measure of work that
     * tests use to show the parser stays linear on hostile input.
     */
    long work;

    // The content being parsed: buf[start, end), its nodes appended to top.
    private byte[] buf;
    private int start;
    private int end;
    private SourceMap map;
    private int top;
    /** Start of the pending text run: bytes from here to the scan position are text not yet emitted. */
    private int textStart;
    /** Whether the pending text run may hold an escape, a reference or NUL (else it is copied as it is). */
    private boolean textNeedsDecoding;

    // Delimiter stack (emphasis runs), a doubly linked list in arrays; indices grow with position.
    private int delimCount;
    private int lastDelim = NIL;
    private int[] dNode = new int[32];
    private int[] dStart = new int[32]; // remaining characters: [dStart, dEnd)
    private int[] dEnd = new int[32];
    private int[] dOrig = new int[32];  // length of the whole run (for the rule of 3)
    private int[] dPrev = new int[32];
    private int[] dNext = new int[32];
    private byte[] dChar = new byte[32];
    private byte[] dFlags = new byte[32];
    /** Per delimiter kind: {@code *} and {@code _} by can-open and length mod 3 (12), {@code ~} by length (2). */
    private final int[] openersBottom = new int[14];

    // Bracket stack ([ and ![), strictly LIFO.
    private int bracketCount;
    /** Brackets below this index that are links ([, not ![) are inactive: they are inside or before a link. */
    private int inactiveBelow;
    private int[] bNode = new int[16];
    private int[] bPos = new int[16];
    private int[] bPrevDelim = new int[16];
    private boolean[] bImage = new boolean[16];

    // Backtick runs (and dollar runs, with math) seen while searching for closers: per run, keyed by its
    // length and marker (runKey), the last position, stamped with the generation (one per parse call) so nothing
    // needs clearing. Short keys index an array; longer ones go to an open-addressing table, so memory follows
    // the number of distinct lengths, not the longest run.
    private static final int DENSE_TICKS = 64;
    private final int[] tickLast = new int[DENSE_TICKS];
    private final int[] tickGeneration = new int[DENSE_TICKS];
    private int[] longTickLength = new int[16];
    private int[] longTickLast = new int[16];
    private int[] longTickGeneration = new int[16];
    private int longTickCount; // entries of the current generation
    private int generation;
    /** Per marker (0 backtick, 1 dollar): whether a search for closers reached the end of the content. */
    private final boolean[] ticksScannedToEnd = new boolean[2];

    // Raw HTML terminator cache: the first terminator at or after findFrom (or -1 for none).
    private final int[] findFrom = new int[4];
    private final int[] findAt = new int[4];

    private int[] openStack = new int[16];
    private int[] walkStack = new int[32];

    InlineParser(TreeBuilder tree, ParseOptions options) {
        this.tree = tree;
        this.maxNesting = options.maxInlineNesting();
        this.gfm = options.has(Extension.GFM);
        this.micromark = options.flavor() == Flavor.MICROMARK;
        refs.dotlessIsI = micromark;
        footnotes.dotlessIsI = micromark;
        this.math = options.has(Extension.MATH);
        this.mdx = options.dialect() == dev.ocp.Dialect.MDX;
    }

    /** The source the contents come from, for the positions of syntax errors. */
    void source(byte[] src, int length) {
        source = src;
        sourceLength = length;
    }

    /** Readies the parser for another document of the same tree: forgets its definitions and counters. */
    void reset(ParseOptions options) {
        maxNesting = options.maxInlineNesting();
        gfm = options.has(Extension.GFM);
        micromark = options.flavor() == Flavor.MICROMARK;
        refs.dotlessIsI = micromark;
        footnotes.dotlessIsI = micromark;
        math = options.has(Extension.MATH);
        mdx = options.dialect() == dev.ocp.Dialect.MDX;
        refs.clear();
        footnotes.clear();
        work = 0;
    }

    /** Registers the label {@code buf[from, to)} of a footnote definition (GFM), before the inline phase. */
    void addFootnote(byte[] buf, int from, int to) {
        footnotes.normalize(buf, from, to);
        footnotes.addNormalized(NONE, NONE);
        work += to - from + footnotes.work;
        footnotes.work = 0;
    }

    /**
     * Parses {@code buf[off, off+len)} as inline content and appends the inline nodes as children of
     * {@code parent}. Spans come from {@code map}. Called after every reference definition of the document
     * was collected.
     *
     * <p>The content is the block's lines joined by {@code '\n'}, the last line's trailing whitespace already
     * stripped.
     *
     * @throws OcpException LIMIT_EXCEEDED when inline containers nest deeper than the limit, or the node limit is hit
     */
    void parse(int parent, byte[] buf, int off, int len, SourceMap map) {
        this.buf = buf;
        this.start = off;
        this.end = off + len;
        this.map = map;
        this.top = parent;
        delimCount = 0;
        lastDelim = NIL;
        bracketCount = 0;
        inactiveBelow = 0;
        if (++generation == Integer.MAX_VALUE) {
            Arrays.fill(tickGeneration, 0);
            Arrays.fill(longTickGeneration, 0);
            generation = 1;
        }
        ticksScannedToEnd[0] = false;
        ticksScannedToEnd[1] = false;
        longTickCount = 0;
        Arrays.fill(findFrom, -1);
        domainFrom = -1;
        domainStop = -1;
        trailFailFrom = -1;
        trailFailTo = -1;
        try {
            int p = off;
            textStart = off;
            textNeedsDecoding = false;
            int end = this.end;
            boolean[] special = SPECIAL[(gfm ? 1 : 0) | (math ? 2 : 0) | (mdx ? 4 : 0)];
            jsxDepth = 0;
            jsxOpened = 0;
            jsxClosed = 0;
            while (p < end) {
                // Plain text runs are most of the input: skip them in a loop of their own, with the buffer
                // in a local (the field would be reloaded around the calls of the switch below).
                byte[] b = buf;
                while (!special[b[p] & 0xFF] && ++p < end) {
                    // nothing else to do for a plain byte
                }
                if (p == end) {
                    break;
                }
                byte c = b[p];
                switch (c) {
                    case '\n':
                        p = lineEnding(p);
                        break;
                    case '\\':
                        p = backslash(p);
                        break;
                    case '`':
                    case '$':
                        p = rawSpan(p);
                        break;
                    case '*':
                    case '_':
                    case '~':
                        p = c == '_' && micromark && gfm ? emailOrDelimiterRun(p) : delimiterRun(p);
                        break;
                    case 'w':
                    case 'W':
                    case ':':
                    case '@':
                        p = autolinkLiteral(p);
                        break;
                    case '[':
                        p = openBracket(p, false);
                        break;
                    case '!':
                        p = p + 1 < end && buf[p + 1] == '[' ? openBracket(p, true) : p + 1;
                        break;
                    case ']':
                        p = closeBracket(p);
                        break;
                    case '<':
                        p = mdx ? jsxTag(p) : angleBracket(p);
                        break;
                    case '{':
                        p = expression(p);
                        break;
                    default: // '&' and NUL: decoded when the run is emitted
                        textNeedsDecoding = true;
                        p++;
                }
            }
            flushText(end);
            if (jsxDepth > 0) {
                int d = jsxDepth - 1;
                throw syntax(end, -1, "end-tag-mismatch", "Expected a closing tag for `" + tagLabel(jsxNode[d], false)
                        + "` (" + lineColumn(src(jsxStart[d])) + ") before the end of `" + leafName(top) + "`");
            }
            processEmphasis(NIL, top);
            if (jsxClosed > 0) {
                resolveJsx();
            }
            checkNesting();
            work += len + refs.work;
            refs.work = 0;
        } finally {
            this.buf = null;
            this.map = null;
        }
    }

    private int src(int i) {
        return map.toSource(i);
    }

    // ---- text ----

    /** Emits the pending text run up to {@code to} as a TEXT node. */
    private void flushText(int to) {
        int from = textStart;
        if (to > from) {
            work += to - from;
            int t = tree.add(NodeKind.TEXT, top, src(from), src(to));
            if (textNeedsDecoding) {
                tree.beginString();
                appendUnescaped(tree, buf, from, to);
                tree.setString(t, 0, tree.endString());
            } else {
                tree.setString(t, 0, tree.string(buf, from, to - from));
            }
        }
        textNeedsDecoding = false;
    }

    /**
     * A line ending: a hard break after two or more spaces, else a soft break. The spaces before it are part of
     * the break; the indentation after it belongs to nothing (like the next line's container prefix).
     */
    private int lineEnding(int p) {
        int q = p;
        while (q > textStart && buf[q - 1] == ' ') {
            q--;
        }
        flushText(q);
        int next = LinkScanner.skipSpaceTab(buf, p + 1, end);
        if (next < end) {
            int lineBreak = tree.add(p - q >= 2 ? NodeKind.HARD_BREAK : NodeKind.SOFT_BREAK, top, src(q),
                    map.afterLineEnding(p));
            if (p - q >= 2) {
                // v1.3: made by spaces; v1.4: by spaces after a tab, which micromark does not take for a break
                tree.setData(lineBreak, q > textStart && buf[q - 1] == '\t' ? '\t' : ' ');
            }
        }
        textStart = next;
        return next;
    }

    /** A backslash: a hard break before a line ending, an escape before ASCII punctuation, else literal. */
    private int backslash(int p) {
        if (p + 1 < end) {
            byte n = buf[p + 1];
            if (n == '\n') {
                int next = LinkScanner.skipSpaceTab(buf, p + 2, end);
                if (next >= end) {
                    return p + 1; // at the end of the block a backslash is literal
                }
                flushText(p);
                int lineBreak = tree.add(NodeKind.HARD_BREAK, top, src(p), map.afterLineEnding(p + 1));
                tree.setData(lineBreak, '\\'); // v1.3: made by a backslash
                textStart = next;
                return next;
            }
            if (CharClasses.isAsciiPunct(n)) {
                textNeedsDecoding = true;
                return p + 2; // stays in the text run; decoded when the run is emitted
            }
        }
        return p + 1;
    }

    /**
     * Appends {@code buf[from, to)} to the tree's open string with backslash escapes and entity and numeric
     * character references decoded (as for info strings, link destinations and titles), and U+0000 replaced by
     * U+FFFD.
     */
    static void appendUnescaped(TreeBuilder tree, byte[] buf, int from, int to) {
        appendDecoded(tree, buf, from, to, true);
    }

    /**
     * Appends {@code buf[from, to)} with character references decoded, backslash escapes too when
     * {@code escapes} (JSX attribute values have none), and U+0000 as U+FFFD.
     */
    static void appendDecoded(TreeBuilder tree, byte[] buf, int from, int to, boolean escapes) {
        int run = from;
        int i = from;
        while (i < to) {
            byte b = buf[i];
            if (b == '\\' && escapes) {
                if (i + 1 < to && CharClasses.isAsciiPunct(buf[i + 1])) {
                    tree.append(buf, run, i - run);
                    run = i + 1;
                    i += 2;
                    continue;
                }
            } else if (b == '&') {
                long ref = Entities.scan(buf, i, to);
                if (ref != 0) {
                    tree.append(buf, run, i - run);
                    Entities.appendReference(tree, ref);
                    i += (int) (ref >>> 32);
                    run = i;
                    continue;
                }
            } else if (b == 0) {
                tree.append(buf, run, i - run);
                tree.appendCodePoint(0xFFFD);
                run = i + 1;
            }
            i++;
        }
        tree.append(buf, run, to - run);
    }

    /** Appends {@code buf[from, to)} as it is, except U+0000 becomes U+FFFD. */
    private static void appendRaw(TreeBuilder tree, byte[] buf, int from, int to) {
        int run = from;
        for (int i = from; i < to; i++) {
            if (buf[i] == 0) {
                tree.append(buf, run, i - run);
                tree.appendCodePoint(0xFFFD);
                run = i + 1;
            }
        }
        tree.append(buf, run, to - run);
    }

    // ---- code spans and inline math ----

    /**
     * A run of backticks (a code span) or, with math, of dollars (inline math, which follows the code span's
     * rules with its own marker): the span up to the next run of the same length, or literal text.
     */
    private int rawSpan(int p) {
        byte marker = buf[p];
        if (marker == '$' && !math) {
            return p + 1;
        }
        int q = p;
        while (q < end && buf[q] == marker) {
            q++;
        }
        int n = q - p;
        int close = findClosingRun(q, n, marker);
        if (close < 0) {
            return q; // no closer: the run is literal text
        }
        flushText(p);
        int node = tree.add(marker == '`' ? NodeKind.CODE_SPAN : NodeKind.MATH_INLINE, top, src(p), src(close + n));
        int from = q;
        int to = close;
        boolean strip = stripsOneSpace(from, to);
        if (strip) {
            from++;
            to--;
        }
        tree.setString(node, 0, codeContent(from, to, false));
        if (hasLineEnding(from, to)) {
            tree.setString(node, 1, codeContent(from, to, true)); // v1.3: as written, for mdast and Markdown output
        }
        if (losesIndentation(q, close)) {
            tree.setString(node, 2, contentAsWritten(q, close, strip)); // v1.5: with the indentation, for mdast
        }
        textStart = close + n;
        return textStart;
    }

    /** The start of the first run of exactly {@code n} {@code marker}s at or after {@code from}, or -1. */
    private int findClosingRun(int from, int n, byte marker) {
        int m = marker == '`' ? 0 : 1;
        if (ticksScannedToEnd[m] && lastTickRun(runKey(n, m)) < from) {
            return -1;
        }
        int p = from;
        byte[] b = buf;
        int end = this.end;
        while (p < end) {
            if (b[p] != marker) {
                p++;
                continue;
            }
            int s = p;
            while (p < end && b[p] == marker) {
                p++;
            }
            int len = p - s;
            recordTickRun(runKey(len, m), s);
            if (len == n) {
                work += p - from;
                return s;
            }
        }
        work += p - from;
        ticksScannedToEnd[m] = true;
        return -1;
    }

    /**
     * The run index's key of a run of {@code len} markers of kind {@code m} (0 backtick, 1 dollar). Lengths from
     * 2<sup>29</sup> on share a key: a shared key can only make a search rescan, never miss a closer.
     */
    private static int runKey(int len, int m) {
        return 2 * Math.min(len, 1 << 29) + m;
    }

    /** The last recorded start of a run of {@code n} backticks in this parse call, or -1. */
    private int lastTickRun(int n) {
        if (n < DENSE_TICKS) {
            return tickGeneration[n] == generation ? tickLast[n] : -1;
        }
        int slot = longTickSlot(n);
        return longTickGeneration[slot] == generation ? longTickLast[slot] : -1;
    }

    /**
     * Records a run of {@code len} backticks at {@code s}. Only the last position counts: a later search may
     * rescan runs an earlier one already recorded, and must not move the answer back.
     */
    private void recordTickRun(int len, int s) {
        if (len < DENSE_TICKS) {
            if (tickGeneration[len] != generation || tickLast[len] < s) {
                tickLast[len] = s;
                tickGeneration[len] = generation;
            }
            return;
        }
        int slot = longTickSlot(len);
        if (longTickGeneration[slot] != generation) {
            if (2 * (longTickCount + 1) > longTickLength.length) {
                growLongTicks();
                slot = longTickSlot(len);
            }
            longTickCount++;
            longTickGeneration[slot] = generation;
            longTickLength[slot] = len;
            longTickLast[slot] = s;
        } else if (longTickLast[slot] < s) {
            longTickLast[slot] = s;
        }
    }

    /** The slot holding run length {@code len}, or the free slot where it belongs. Slots of older generations are free. */
    private int longTickSlot(int len) {
        int mask = longTickLength.length - 1;
        int h = len * 0x9E3779B9;
        int slot = (h ^ h >>> 16) & mask;
        while (longTickGeneration[slot] == generation && longTickLength[slot] != len) {
            slot = slot + 1 & mask;
        }
        return slot;
    }

    private void growLongTicks() {
        int[] length = longTickLength;
        int[] last = longTickLast;
        int[] gen = longTickGeneration;
        longTickLength = new int[length.length * 2];
        longTickLast = new int[length.length * 2];
        longTickGeneration = new int[length.length * 2];
        for (int i = 0; i < length.length; i++) {
            if (gen[i] == generation) {
                int slot = longTickSlot(length[i]);
                longTickLength[slot] = length[i];
                longTickLast[slot] = last[i];
                longTickGeneration[slot] = generation;
            }
        }
    }

    /** Code span content: line endings become spaces; one space is stripped from each end if both have one. */
    /**
     * Whether a code span's content loses one space or line ending on each side: it starts and ends with one and is
     * not all of them.
     */
    private boolean stripsOneSpace(int from, int to) {
        if (to - from >= 2 && isSpaceOrLineEnding(buf[from]) && isSpaceOrLineEnding(buf[to - 1])) {
            for (int i = from; i < to; i++) {
                if (!isSpaceOrLineEnding(buf[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean hasLineEnding(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * A code span's content, U+0000 replaced, its line endings turned into spaces (the literal) or kept as LF (the
     * content as written, slot b from v1.3).
     */
    private int codeContent(int from, int to, boolean keepLineEndings) {
        tree.beginString();
        int run = from;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == 0 || (b == '\n' && !keepLineEndings)) {
                tree.append(buf, run, i - run);
                if (b == 0) {
                    tree.appendCodePoint(0xFFFD);
                } else {
                    tree.append((byte) ' ');
                }
                run = i + 1;
            }
        }
        tree.append(buf, run, to - run);
        return tree.endString();
    }

    /**
     * Appends {@code buf[from, to)} as written (v1.5: a label or a code span's content as written): NUL as U+FFFD,
     * and after each line ending the indentation the next line lost to its paragraph, less its last column for the
     * line that starts at {@code trimAt} (a code span whose closing line's indentation stands for the stripped space;
     * -1 for none).
     */
    private void appendAsWritten(SourceMap map, byte[] buf, int from, int to, int trimAt) {
        appendAsWritten(map, buf, from, to, trimAt, 0);
    }

    /**
     * {@link #appendAsWritten(SourceMap, byte[], int, int, int)}, each line's indentation less its first
     * {@code skipColumns} columns when that is not 0 (raw HTML's, {@link #HTML_KEEPS_PAST}).
     */
    private void appendAsWritten(SourceMap map, byte[] buf, int from, int to, int trimAt, int skipColumns) {
        int run = from;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == 0 || b == '\n') {
                tree.append(buf, run, i - run);
                if (b == 0) {
                    tree.appendCodePoint(0xFFFD);
                } else {
                    tree.append((byte) '\n');
                    if (skipColumns > 0) {
                        appendIndentationPast(i + 1, skipColumns);
                    } else {
                        appendIndentation(map, i + 1, i + 1 == trimAt);
                    }
                }
                run = i + 1;
            }
        }
        tree.append(buf, run, to - run);
    }

    /** The columns (a tab's as spaces) and bytes of indentation the content line starting at {@code i} lost. */
    private int indentation(int i) {
        return map.indentationPad(i) + map.toSource(i) - map.indentationStart(i);
    }

    /** Whether a line of the content {@code buf[from, to)} after its first lost indentation (v1.5). */
    private boolean losesIndentation(int from, int to) {
        return losesIndentation(from, to, 0);
    }

    /**
     * Whether a line of the content {@code buf[from, to)} after its first lost more than {@code columns} columns of
     * indentation (a tab's as far as its tab stop).
     */
    private boolean losesIndentation(int from, int to, int columns) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n' && indentation(i + 1) > 0 && (columns == 0 || lostColumns(i + 1) > columns)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The columns of indentation raw HTML loses to its paragraph before what mdast keeps: micromark takes at most
     * three columns of a later line's indentation as its prefix and keeps the rest in the HTML's value.
     */
    private static final int HTML_KEEPS_PAST = 3;

    /** The columns the content line starting at {@code i} lost: its tab's part, then its bytes up to their tab stops. */
    private int lostColumns(int i) {
        int indent = map.indentationStart(i);
        int column = columnOf(indent);
        int start = column;
        for (int k = indent; k < map.toSource(i); k++) {
            column = source[k] == '\t' ? column + 4 - (column & 3) : column + 1;
        }
        return map.indentationPad(i) + column - start;
    }

    /** The column of source offset {@code at} on its line, from 0, tabs to their tab stops. */
    private int columnOf(int at) {
        int lineStart = at;
        while (lineStart > 0 && source[lineStart - 1] != '\n' && source[lineStart - 1] != '\r') {
            lineStart--;
        }
        int column = 0;
        for (int k = lineStart; k < at; k++) {
            column = source[k] == '\t' ? column + 4 - (column & 3) : column + 1;
        }
        work += at - lineStart;
        return column;
    }

    /**
     * Raw HTML {@code buf[from, to)} as mdast keeps it (v1.5): after each line ending what the next line's lost
     * indentation has past its first {@link #HTML_KEEPS_PAST} columns, a tab those columns end inside as the spaces
     * left of it; NUL as U+FFFD.
     */
    private int htmlAsWritten(int from, int to) {
        tree.beginString();
        appendAsWritten(map, buf, from, to, -1, HTML_KEEPS_PAST);
        return tree.endString();
    }

    /** Appends what the content line starting at {@code i} lost of its indentation past its first {@code skip} columns. */
    private void appendIndentationPast(int i, int skip) {
        int pad = map.indentationPad(i);
        int dropped = Math.min(pad, skip);
        for (int k = dropped; k < pad; k++) {
            tree.append((byte) ' ');
        }
        skip -= dropped;
        int k = map.indentationStart(i);
        int stop = map.toSource(i);
        int column = columnOf(k);
        while (k < stop && skip > 0) {
            int width = source[k] == '\t' ? 4 - (column & 3) : 1;
            if (width > skip) {
                for (int left = width - skip; left > 0; left--) {
                    tree.append((byte) ' ');
                }
                skip = 0;
            } else {
                skip -= width;
            }
            column += width;
            k++;
        }
        if (k < stop) {
            tree.append(source, k, stop - k);
        }
    }

    /**
     * A code span's content {@code buf[q, close)} as written: line endings kept, and after each the indentation the
     * next line lost; less its first and last character when CommonMark strips a space or line ending at each end
     * ({@code strip}): the last is then the closing line's indentation when it has some. mdast's value.
     */
    private int contentAsWritten(int q, int close, boolean strip) {
        tree.beginString();
        int from = q;
        int to = close;
        int trimAt = -1;
        if (strip) {
            from++;
            if (buf[q] == '\n') {
                appendIndentation(map, from, false);
            }
            if (buf[close - 1] == '\n' && indentation(close) > 0) {
                trimAt = close;
            } else {
                to--;
            }
        }
        appendAsWritten(map, buf, from, to, trimAt);
        return tree.endString();
    }

    /** Appends the indentation the content line starting at {@code i} lost, less its last column when asked. */
    private void appendIndentation(SourceMap map, int i, boolean lessItsLast) {
        int pad = map.indentationPad(i);
        int indent = map.indentationStart(i);
        int bytes = map.toSource(i) - indent;
        if (lessItsLast) {
            if (bytes > 0) {
                bytes--;
            } else {
                pad--;
            }
        }
        for (; pad > 0; pad--) {
            tree.append((byte) ' ');
        }
        if (bytes > 0) {
            tree.append(source, indent, bytes);
        }
    }

    private static boolean isSpaceOrLineEnding(byte b) {
        return b == ' ' || b == '\n';
    }

    // ---- emphasis ----

    private int delimiterRun(int p) {
        byte c = buf[p];
        int q = p + 1;
        while (q < end && buf[q] == c) {
            q++;
        }
        if (c == '~' && q - p > 2) {
            return q; // three or more tildes never strike: plain text
        }
        int before = p > start ? CharClasses.decodeBefore(buf, start, p) : '\n';
        int after = q < end ? CharClasses.decode(buf, q, end) : '\n';
        // NUL stands for U+FFFD (spec 2.3), a symbol and so punctuation for flanking.
        if (before == 0) {
            before = 0xFFFD;
        }
        if (after == 0) {
            after = 0xFFFD;
        }
        boolean spaceBefore = CharClasses.isWhitespace(before);
        boolean spaceAfter = CharClasses.isWhitespace(after);
        boolean punctBefore = CharClasses.isPunctuation(before);
        boolean punctAfter = CharClasses.isPunctuation(after);
        boolean left = !spaceAfter && (!punctAfter || spaceBefore || punctBefore);
        boolean right = !spaceBefore && (!punctBefore || spaceAfter || punctAfter);
        int flags;
        if (c != '_') {
            flags = (left ? CAN_OPEN : 0) | (right ? CAN_CLOSE : 0);
        } else {
            flags = (left && (!right || punctBefore) ? CAN_OPEN : 0) | (right && (!left || punctAfter) ? CAN_CLOSE : 0);
        }
        if (flags == 0) {
            return q; // can neither open nor close: plain text
        }
        flushText(p);
        int node = tree.add(NodeKind.TEXT, top, src(p), src(q)); // its string is set when the run leaves the stack
        pushDelimiter(node, c, p, q, flags);
        textStart = q;
        return q;
    }

    private void pushDelimiter(int node, byte c, int s, int e, int flags) {
        int d = delimCount;
        if (d == dNode.length) {
            int n = d * 2;
            dNode = Arrays.copyOf(dNode, n);
            dStart = Arrays.copyOf(dStart, n);
            dEnd = Arrays.copyOf(dEnd, n);
            dOrig = Arrays.copyOf(dOrig, n);
            dPrev = Arrays.copyOf(dPrev, n);
            dNext = Arrays.copyOf(dNext, n);
            dChar = Arrays.copyOf(dChar, n);
            dFlags = Arrays.copyOf(dFlags, n);
        }
        delimCount = d + 1;
        dNode[d] = node;
        dChar[d] = c;
        dStart[d] = s;
        dEnd[d] = e;
        dOrig[d] = e - s;
        dFlags[d] = (byte) flags;
        dPrev[d] = lastDelim;
        dNext[d] = NIL;
        if (lastDelim != NIL) {
            dNext[lastDelim] = d;
        }
        lastDelim = d;
    }

    /**
     * Takes {@code d} off the stack. Its node keeps the characters no emphasis used as its text, or, if none
     * are left, leaves {@code parent}.
     */
    private void removeDelimiter(int d, int parent) {
        int p = dPrev[d];
        int n = dNext[d];
        if (p != NIL) {
            dNext[p] = n;
        }
        if (n != NIL) {
            dPrev[n] = p;
        } else {
            lastDelim = p;
        }
        int node = dNode[d];
        int s = dStart[d];
        int e = dEnd[d];
        if (s == e) {
            tree.unlink(parent, node);
        } else {
            tree.setString(node, 0, tree.string(buf, s, e - s));
            tree.setSpan(node, src(s), src(e));
        }
    }

    /**
     * The spec's "process emphasis" over the delimiters above {@code bottom} (an index; NIL for all), whose
     * nodes are children of {@code parent}. Removes them all from the stack when done.
     */
    private void processEmphasis(int bottom, int parent) {
        int closer = NIL;
        for (int d = lastDelim; d != NIL && d > bottom; d = dPrev[d]) {
            closer = d;
            work++;
        }
        int[] openersBottom = this.openersBottom;
        Arrays.fill(openersBottom, bottom);
        while (closer != NIL) {
            work++;
            int flags = dFlags[closer];
            if ((flags & CAN_CLOSE) == 0) {
                closer = dNext[closer];
                continue;
            }
            byte ch = dChar[closer];
            int closerLength = dOrig[closer];
            int slot = ch == '~' ? 11 + closerLength
                    : (ch == '_' ? 6 : 0) + ((flags & CAN_OPEN) != 0 ? 3 : 0) + closerLength % 3;
            int limit = openersBottom[slot];
            int opener = dPrev[closer];
            while (opener != NIL && opener > limit) {
                work++;
                int of = dFlags[opener];
                if (dChar[opener] == ch && (of & CAN_OPEN) != 0) {
                    int openerLength = dOrig[opener];
                    if (ch == '~') {
                        if (openerLength == closerLength) {
                            break; // strikethrough pairs runs of the same length
                        }
                    } else {
                        // Rule of 3: if either can both open and close, the run lengths' sum must not be a
                        // multiple of 3 unless both are.
                        boolean bothWays = (flags & CAN_OPEN) != 0 || (of & CAN_CLOSE) != 0;
                        if (!bothWays || (openerLength + closerLength) % 3 != 0
                                || openerLength % 3 == 0 && closerLength % 3 == 0) {
                            break;
                        }
                    }
                }
                opener = dPrev[opener];
            }
            if (opener != NIL && opener > limit) {
                closer = insertEmphasis(opener, closer, parent);
            } else {
                // No opener for this kind of closer up to here: later searches of this kind stop here.
                openersBottom[slot] = closer - 1;
                int next = dNext[closer];
                if ((flags & CAN_OPEN) == 0) {
                    removeDelimiter(closer, parent);
                }
                closer = next;
            }
        }
        while (lastDelim != NIL && lastDelim > bottom) {
            removeDelimiter(lastDelim, parent);
        }
    }

    /** Wraps the nodes between opener and closer in emphasis or strikethrough; returns the closer to continue with. */
    private int insertEmphasis(int opener, int closer, int parent) {
        boolean strike = dChar[opener] == '~';
        int use = strike ? dOrig[closer]
                : dEnd[opener] - dStart[opener] >= 2 && dEnd[closer] - dStart[closer] >= 2 ? 2 : 1;
        dEnd[opener] -= use;
        dStart[closer] += use;
        int openerNode = dNode[opener];
        int closerNode = dNode[closer];
        int em = tree.newNode(strike ? NodeKind.STRIKETHROUGH : use == 2 ? NodeKind.STRONG : NodeKind.EMPHASIS,
                src(dEnd[opener]), src(dStart[closer]));
        if (!strike) {
            tree.setData(em, dChar[opener]);
        }
        int first = tree.nextSibling(openerNode);
        if (first != closerNode) {
            tree.moveRange(parent, first, tree.previousSibling(closerNode), em);
        }
        tree.insertBefore(parent, closerNode, em);
        for (int d = dNext[opener]; d != closer; ) {
            int next = dNext[d];
            removeDelimiter(d, em);
            d = next;
        }
        if (dStart[opener] == dEnd[opener]) {
            removeDelimiter(opener, parent);
        }
        if (dStart[closer] == dEnd[closer]) {
            int next = dNext[closer];
            removeDelimiter(closer, parent);
            return next;
        }
        return closer;
    }

    // ---- autolink literals (GFM) ----

    /**
     * An autolink literal met at {@code buf[p]}: {@code www.} at its first {@code w}, {@code http://},
     * {@code https://} or {@code ftp://} at the {@code :} after the scheme (which is taken back from the pending
     * text), an e-mail address at its {@code @} (its local part taken back likewise, with a {@code mailto:} or
     * {@code xmpp:} before it). The www and scheme forms follow cmark-gfm's extension, the e-mail form
     * micromark's (which adds the two protocols); docs/conformance.md lists where they differ from other readings.
     *
     * @return where to continue: after the link, or after {@code buf[p]} when there is none
     */
    private int autolinkLiteral(int p) {
        if (bracketCount > 0) {
            return p + 1; // not while a bracket is open (cmark-gfm, micromark): it may yet become link text
        }
        if (micromark) {
            return micromarkLiteral(p);
        }
        byte c = buf[p];
        if (c == 'W') {
            return p + 1; // cmark-gfm's www is lower case
        }
        if (c == 'w') {
            return wwwAutolink(p);
        }
        return c == ':' ? schemeAutolink(p) : emailAutolink(p);
    }

    private int wwwAutolink(int p) {
        if (p > start) {
            byte before = buf[p - 1];
            if (!isAsciiSpace(before) && before != '*' && before != '_' && before != '~' && before != '(') {
                return p + 1;
            }
        }
        if (end - p < 4 || buf[p + 1] != 'w' || buf[p + 2] != 'w' || buf[p + 3] != '.') {
            return p + 1;
        }
        int domain = checkDomain(p, false);
        if (domain == 0) {
            return p + 1;
        }
        int e = trimLinkEnd(p, toWhitespace(p + domain));
        return emitAutolinkLiteral(p, p + e, HTTP);
    }

    private int schemeAutolink(int p) {
        if (end - p < 4 || buf[p + 1] != '/' || buf[p + 2] != '/') {
            return p + 1;
        }
        int s = p;
        while (s > textStart && CharClasses.isLetter(buf[s - 1])) {
            s--;
        }
        if (!isScheme(s, p) || !validHostChar(p + 3)) {
            return p + 1;
        }
        int domain = checkDomain(p + 3, true);
        if (domain == 0) {
            return p + 1;
        }
        int e = trimLinkEnd(p, toWhitespace(p + 3 + domain));
        return emitAutolinkLiteral(s, p + e, null);
    }

    /** Whether {@code buf[s, colon)} is http, https or ftp, in any case. */
    private boolean isScheme(int s, int colon) {
        int n = colon - s;
        return n == 4 && lower(s, "http") || n == 5 && lower(s, "https") || n == 3 && lower(s, "ftp");
    }

    private boolean lower(int s, String word) {
        for (int i = 0; i < word.length(); i++) {
            if ((buf[s + i] | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int emailAutolink(int at) {
        // The local part: atext taken back from the pending text, neither after a slash nor an escaped byte.
        int s = at;
        while (s > textStart && isAtext(buf[s - 1]) && !escaped(s - 1)) {
            s--;
        }
        if (s == at || s > textStart && buf[s - 1] == '/') {
            return at + 1;
        }
        boolean xmpp = false;
        boolean protocol = false;
        if (s - 1 > textStart && buf[s - 1] == ':') {
            int w = s - 1;
            while (w > textStart && CharClasses.isAlnum(buf[w - 1])) {
                w--;
            }
            xmpp = s - 1 - w == 4 && lower(w, "xmpp");
            protocol = xmpp || s - 1 - w == 6 && lower(w, "mailto");
            if (protocol) {
                s = w;
            }
        }
        int q = at + 1;
        boolean dot = false;
        while (q < end) {
            byte b = buf[q];
            if (CharClasses.isAlnum(b) || b == '-' || b == '_' || b == '/' && xmpp) {
                q++;
            } else if (b == '.' && q + 1 < end && CharClasses.isAlnum(buf[q + 1])) {
                dot = true;
                q++;
            } else {
                break;
            }
        }
        if (q == at + 1 || !dot || !CharClasses.isLetter(buf[q - 1]) && buf[q - 1] != '.') {
            return at + 1;
        }
        work += q - s;
        return emitAutolinkLiteral(s, q, protocol ? null : MAILTO);
    }

    /** The simplified atext of an e-mail autolink's local part. */
    private static boolean isAtext(byte b) {
        return CharClasses.isAlnum(b) || b == '+' || b == '-' || b == '.' || b == '_';
    }

    /** Whether {@code buf[i]} is escaped by an odd run of backslashes before it in the pending text. */
    private boolean escaped(int i) {
        int n = 0;
        while (i - 1 - n >= textStart && buf[i - 1 - n] == '\\') {
            n++;
        }
        return (n & 1) == 1 && CharClasses.isAsciiPunct(buf[i]);
    }

    private static boolean isAsciiSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r';
    }

    /** Whether the character at {@code i} may be in a domain: not whitespace, not punctuation, well-formed. */
    private boolean validHostChar(int i) {
        int cp = CharClasses.decode(buf, i, end);
        return cp >= 0 && !CharClasses.isWhitespace(cp) && !CharClasses.isPunctuation(cp);
    }

    /**
     * cmark-gfm's domain check from {@code d}: how far a domain reaches (dots, hyphens and valid host characters;
     * no underscore in its last two labels), or 0 if it is no domain (or, unless {@code allowShort}, has no dot).
     * As cmark-gfm's, the scan starts at the second byte and never looks at the content's last byte.
     *
     * <p>The scan is remembered: an attempt that starts inside a domain scanned before (only an underscore can
     * precede a www inside one) reuses where it ended and its last labels, so hostile runs of candidates cost
     * linear time. The last two labels are only rescanned for a start inside them.
     */
    private int checkDomain(int d, boolean allowShort) {
        if (d <= domainFrom || d >= domainStop) {
            int i = d + 1;
            int lastDot = -1;
            int secondDot = -1;
            while (i < end - 1) {
                byte b = buf[i];
                if (b == '.') {
                    secondDot = lastDot;
                    lastDot = i;
                } else if (b != '_' && b != '-' && !validHostChar(i)) {
                    break;
                }
                i++;
            }
            domainFrom = d;
            domainStop = i;
            domainLastDot = lastDot;
            domainSecondDot = secondDot;
            domainUnderscore = secondDot >= 0 && hasUnderscore(secondDot, i);
            work += i - d;
        }
        int i = domainStop;
        // No underscore in the last two labels (of those from d + 1 on): cached unless d is inside them.
        boolean underscore = domainSecondDot >= d + 1 ? domainUnderscore : hasUnderscore(d + 1, i);
        if (underscore) {
            return 0;
        }
        if (allowShort) {
            return i - d;
        }
        return domainLastDot >= d + 1 ? i - d : 0;
    }

    private boolean hasUnderscore(int from, int to) {
        work += to - from;
        for (int k = from; k < to; k++) {
            if (buf[k] == '_') {
                return true;
            }
        }
        return false;
    }

    // The last domain scan of this content (see checkDomain): where it started and stopped, its last two dots,
    // and whether its last two labels hold an underscore.
    private int domainFrom = -1;
    private int domainStop = -1;
    private int domainLastDot;
    private int domainSecondDot;
    private boolean domainUnderscore;

    /** The index of the first ASCII whitespace at or after {@code q}, or the end. */
    private int toWhitespace(int q) {
        int from = q;
        while (q < end && !isAsciiSpace(buf[q])) {
            q++;
        }
        work += q - from;
        return q;
    }

    /**
     * cmark-gfm's trailing-punctuation rule for a link candidate {@code buf[from, to)}: cut at the first
     * {@code <}; then drop trailing {@code ?!.,:*_~'"}, a trailing entity-like {@code &name;}, and a trailing
     * {@code )} while closing parentheses outnumber opening ones (counted once, then kept up to date).
     *
     * @return the candidate's length that remains
     */
    private int trimLinkEnd(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '<') {
                to = i;
                break;
            }
        }
        int open = -1;
        int close = 0;
        work += to - from;
        while (to > from) {
            byte last = buf[to - 1];
            if (last == '?' || last == '!' || last == '.' || last == ',' || last == ':' || last == '*'
                    || last == '_' || last == '~' || last == '\'' || last == '"') {
                to--;
            } else if (last == ';') {
                int e = to - 2;
                while (e > from && CharClasses.isLetter(buf[e])) {
                    e--;
                }
                work += to - e;
                if (e < to - 2 && buf[e] == '&') {
                    to = e;
                } else {
                    to--;
                }
            } else if (last == ')') {
                if (open < 0) {
                    open = 0;
                    for (int i = from; i < to; i++) {
                        if (buf[i] == '(') {
                            open++;
                        } else if (buf[i] == ')') {
                            close++;
                        }
                    }
                    work += to - from;
                }
                if (close <= open) {
                    break;
                }
                to--;
                close--;
            } else {
                break;
            }
            // Only ')' ever leaves the counted parentheses: the other bytes dropped are no parentheses.
        }
        return to - from;
    }

    private static final byte[] HTTP = {'h', 't', 't', 'p', ':', '/', '/'};

    // ---- autolink literals as micromark reads them (Flavor.MICROMARK) ----

    /**
     * An autolink literal as micromark-extension-gfm-autolink-literal finds one, met at {@code buf[p]} as
     * {@link #autolinkLiteral} meets it: {@code www.} in any case after a space, line ending, {@code ( * _ [ ] ~} or
     * nothing; {@code http://} or {@code https://} (no {@code ftp://}) after anything but a letter; an e-mail address
     * whose local part follows neither a slash nor a local-part character, with no protocol forms. The domain ends at
     * whitespace, at punctuation other than {@code - . _}, or at a {@code .} or {@code _} that only trailing
     * punctuation follows; the path ends where only trailing punctuation follows ({@link #trailEnds}), with a
     * {@code )} kept while it closes an open one. docs/conformance.md lists where this reading departs from cmark-gfm's.
     */
    private int micromarkLiteral(int p) {
        byte c = buf[p];
        if (c == '@') {
            return micromarkEmail(p);
        }
        int from;
        int domain;
        if (c == ':') {
            from = p;
            while (from > textStart && CharClasses.isLetter(buf[from - 1])) {
                from--;
            }
            int n = p - from;
            if (from > start && CharClasses.isLetter(buf[from - 1])
                    || !(n == 4 && lower(from, "http") || n == 5 && lower(from, "https"))
                    || end - p < 4 || buf[p + 1] != '/' || buf[p + 2] != '/') {
                return p + 1;
            }
            domain = p + 3;
            int cp = CharClasses.decode(buf, domain, end);
            if (cp < 0x20 || cp == 0x7F || isMicromarkSpace(cp) || CharClasses.isPunctuation(cp)) {
                return p + 1;
            }
        } else {
            int email = micromarkEmailFrom(p);
            if (email >= 0) {
                return emitAutolinkLiteral(p, email, MAILTO);
            }
            from = p;
            if (p > start && !previousAllowsWww(buf[p - 1])) {
                return p + 1;
            }
            if (end - p < 5 || (buf[p + 1] | 0x20) != 'w' || (buf[p + 2] | 0x20) != 'w' || buf[p + 3] != '.') {
                return p + 1;
            }
            domain = p;
        }
        int pathFrom = micromarkDomain(domain);
        if (pathFrom < 0) {
            return p + 1;
        }
        return emitAutolinkLiteral(from, micromarkPath(pathFrom), c == ':' ? null : HTTP);
    }

    private static boolean previousAllowsWww(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '(' || b == '*' || b == '_' || b == '['
                || b == ']' || b == '~';
    }

    /** Whitespace to micromark: a space, tab or line ending, or what JavaScript's {@code \s} matches. */
    private static boolean isMicromarkSpace(int cp) {
        return cp == 0x0B || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || CharClasses.isWhitespace(cp);
    }

    /**
     * The domain from {@code d}: where it ends, or -1 when an underscore is in its last two segments. It ends at
     * whitespace or the content's end, at punctuation other than {@code - . _}, or at a {@code .} or {@code _} that
     * only trailing punctuation follows. Where it ends does not depend on {@code d}, so a later start inside the
     * last one scanned (after an underscore) reuses it, with its last two dots.
     */
    private int micromarkDomain(int d) {
        if (d <= domainFrom || d >= domainStop) {
            int i = d;
            int lastDot = -1;
            int secondDot = -1;
            while (i < end) {
                byte b = buf[i];
                if (b == '.' || b == '_') {
                    if (trailEnds(i)) {
                        break;
                    }
                    if (b == '.') {
                        secondDot = lastDot;
                        lastDot = i;
                    }
                    i++;
                    continue;
                }
                int cp = CharClasses.decode(buf, i, end);
                if (cp < 0 || isMicromarkSpace(cp) || b != '-' && CharClasses.isPunctuation(cp)) {
                    break;
                }
                i += cp < 0x80 ? 1 : CharClasses.sequenceLength(buf, i, end);
            }
            work += i - d;
            domainFrom = d;
            domainStop = i;
            domainLastDot = lastDot;
            domainSecondDot = secondDot;
            domainUnderscore = hasUnderscore(secondDot >= 0 ? secondDot : d, i);
        }
        boolean underscore = domainSecondDot >= d ? domainUnderscore : hasUnderscore(d, domainStop);
        return underscore ? -1 : domainStop;
    }

    /**
     * The path from {@code q}, after a domain: up to whitespace or the content's end, or to punctuation that only
     * trailing punctuation follows; a {@code )} stays while it closes an open {@code (}.
     */
    private int micromarkPath(int q) {
        int open = 0;
        int close = 0;
        int from = q;
        while (q < end) {
            byte b = buf[q];
            if (b == '(') {
                open++;
            } else if (b == ')' && close < open) {
                close++;
            } else if (b == '!' || b == '"' || b == '&' || b == '\'' || b == ')' || b == '*' || b == ',' || b == '.'
                    || b == ':' || b == ';' || b == '<' || b == '?' || b == ']' || b == '_' || b == '~') {
                if (trailEnds(q)) {
                    break;
                }
                if (b == ')') {
                    close++;
                }
            } else if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == '\f'
                    || b < 0 && isMicromarkSpace(CharClasses.decode(buf, q, end))) {
                break;
            }
            q++;
        }
        work += q - from;
        return q;
    }

    /**
     * Whether only trailing punctuation follows from {@code i} up to whitespace, {@code <} or the content's end:
     * {@code ! " ' ) * , . : ; ? _ ~}, character-reference-like {@code &name;}, and {@code ]} (which also ends the
     * trail before {@code (} or {@code [}). A failed scan is remembered: every start inside it fails alike, so
     * runs of punctuation cost linear time.
     */
    private boolean trailEnds(int i) {
        if (i >= trailFailFrom && i < trailFailTo) {
            return false;
        }
        int q = i;
        boolean ends;
        scan:
        while (true) {
            if (q >= end) {
                ends = true;
                break;
            }
            byte b = buf[q];
            switch (b) {
                case '!', '"', '\'', ')', '*', ',', '.', ':', ';', '?', '_', '~' -> q++;
                case '&' -> {
                    int n = q + 1;
                    while (n < end && CharClasses.isLetter(buf[n])) {
                        n++;
                    }
                    if (n == q + 1 || n >= end || buf[n] != ';') {
                        ends = false;
                        break scan;
                    }
                    q = n + 1;
                }
                case ']' -> {
                    q++;
                    if (q >= end || buf[q] == '(' || buf[q] == '[') {
                        ends = true;
                        break scan;
                    }
                }
                case '<', ' ', '\t', '\n', '\r', 0x0B, '\f' -> {
                    ends = true;
                    break scan;
                }
                default -> {
                    ends = b < 0 && isMicromarkSpace(CharClasses.decode(buf, q, end));
                    break scan;
                }
            }
        }
        work += q - i + 1;
        if (!ends) {
            trailFailFrom = i;
            trailFailTo = q;
        }
        return ends;
    }

    // The last failed trail scan (trailEnds): every start in [trailFailFrom, trailFailTo) fails too.
    private int trailFailFrom = -1;
    private int trailFailTo = -1;

    /**
     * An e-mail address as micromark finds one, met at its {@code @}: the local part taken back from the pending
     * text, which must not follow a slash, a local-part character or an escape; a domain of letters, digits,
     * {@code - _} and inner dots that ends in a letter. No {@code mailto:} or {@code xmpp:} forms.
     */
    private int micromarkEmail(int at) {
        int s = at;
        while (s > textStart && isAtext(buf[s - 1]) && !escaped(s - 1)) {
            s--;
        }
        if (s == at || s > start && (buf[s - 1] == '/' || isAtext(buf[s - 1]))) {
            return at + 1;
        }
        int q = micromarkEmailEnd(s, at);
        return q < 0 ? at + 1 : emitAutolinkLiteral(s, q, MAILTO);
    }

    /**
     * A {@code _} run, or an e-mail address it starts: micromark tries the address first, and {@code _} is a
     * local-part character ({@code _a@b.c} is one link, where the pending text's local part never holds the run).
     */
    private int emailOrDelimiterRun(int p) {
        int q = micromarkEmailFrom(p);
        return q >= 0 ? emitAutolinkLiteral(p, q, MAILTO) : delimiterRun(p);
    }

    /**
     * Where an e-mail address that starts at {@code buf[p]} ends, or -1 if none does: micromark tries an address
     * first where a www literal or a {@code _} run might start ({@code www.a.b@c.d} is an address). It starts after
     * neither a slash nor a local-part character, outside open brackets.
     */
    private int micromarkEmailFrom(int p) {
        if (bracketCount > 0 || p > start && (buf[p - 1] == '/' || isAtext(buf[p - 1]))) {
            return -1;
        }
        int at = p;
        while (at < end && isAtext(buf[at])) {
            at++;
        }
        work += at - p;
        return at < end && buf[at] == '@' ? micromarkEmailEnd(p, at) : -1;
    }

    /** Where the domain of an address {@code buf[s, at)@...} ends, as micromark reads it, or -1 if it is none. */
    private int micromarkEmailEnd(int s, int at) {
        int q = at + 1;
        boolean dot = false;
        while (q < end) {
            byte b = buf[q];
            if (CharClasses.isAlnum(b) || b == '-' || b == '_') {
                q++;
            } else if (b == '.' && q + 1 < end && CharClasses.isAlnum(buf[q + 1])) {
                dot = true;
                q++;
            } else {
                break;
            }
        }
        work += q - s;
        return q == at + 1 || !dot || !CharClasses.isLetter(buf[q - 1]) ? -1 : q;
    }

    /**
     * Emits {@code buf[from, to)} as an autolink literal: a LINK flagged literal whose destination is the text
     * with {@code prefix} before it (or the text alone), and whose one child is the text as written.
     */
    private int emitAutolinkLiteral(int from, int to, byte[] prefix) {
        flushText(from);
        int link = tree.add(NodeKind.LINK, top, src(from), src(to));
        tree.setFlags(link, OcpFormat.FLAG_LINK_LITERAL);
        tree.beginString();
        if (prefix != null) {
            tree.append(prefix, 0, prefix.length);
        }
        appendRaw(tree, buf, from, to);
        tree.setString(link, 0, tree.endString());
        int text = tree.add(NodeKind.TEXT, link, src(from), src(to));
        tree.beginString();
        appendRaw(tree, buf, from, to);
        tree.setString(text, 0, tree.endString());
        textStart = to;
        return to;
    }

    // ---- links and images ----

    private int openBracket(int p, boolean image) {
        flushText(p);
        int q = p + (image ? 2 : 1);
        int node = tree.add(NodeKind.TEXT, top, src(p), src(q));
        tree.setString(node, 0, tree.string(buf, p, q - p));
        int b = bracketCount;
        if (b == bNode.length) {
            int n = b * 2;
            bNode = Arrays.copyOf(bNode, n);
            bPos = Arrays.copyOf(bPos, n);
            bPrevDelim = Arrays.copyOf(bPrevDelim, n);
            bImage = Arrays.copyOf(bImage, n);
        }
        bracketCount = b + 1;
        bNode[b] = node;
        bPos[b] = p;
        bPrevDelim[b] = lastDelim;
        bImage[b] = image;
        textStart = q;
        return q;
    }

    private void popBracket() {
        bracketCount--;
        if (inactiveBelow > bracketCount) {
            inactiveBelow = bracketCount;
        }
    }

    /** The spec's "look for link or image" at {@code buf[p] == ']'}. */
    private int closeBracket(int p) {
        if (bracketCount == 0) {
            return p + 1;
        }
        int b = bracketCount - 1;
        boolean image = bImage[b];
        if (!image && b < inactiveBelow) {
            popBracket();
            return p + 1;
        }
        int textFrom = bPos[b] + (image ? 2 : 1);
        int after = p + 1;
        int linkEnd = -1;
        int destFrom = 0;
        int destTo = 0;
        int titleFrom = -1;
        int titleTo = -1;
        int reference = -1;
        int referenceFlag = 0; // FLAG_REFERENCE_*, with the label's range in buf
        int labelFrom = 0;
        int labelTo = 0;
        int far = after; // how far the attempts below read, for the work count
        // Inline: ( destination? title? ) with spaces, tabs and up to one line ending between the parts.
        if (after < end && buf[after] == '(') {
            int d = LinkScanner.skipSpaceTabNewline(buf, after + 1, end);
            int de = scan.scanDestination(buf, d, end);
            far = Math.max(d, scan.stop);
            if (de >= 0) {
                int r = LinkScanner.skipSpaceTabNewline(buf, de, end);
                int t = r;
                int te = -1;
                if (r > de) {
                    te = scan.scanTitle(buf, r, end);
                    far = Math.max(far, scan.stop);
                }
                if (te >= 0) {
                    t = LinkScanner.skipSpaceTabNewline(buf, te, end);
                }
                far = Math.max(far, t);
                if (t < end && buf[t] == ')') {
                    linkEnd = t + 1;
                    boolean pointy = d < de && buf[d] == '<';
                    destFrom = pointy ? d + 1 : d;
                    destTo = pointy ? de - 1 : de;
                    if (te >= 0) {
                        titleFrom = r + 1;
                        titleTo = te - 1;
                    }
                }
            }
        }
        // References: full [text][label], collapsed [text][], shortcut [text].
        if (linkEnd < 0 && refs.size() > 0) {
            int labelEnd = -1;
            if (after < end && buf[after] == '[') {
                labelEnd = scan.scanLabel(buf, after, end);
                far = Math.max(far, scan.stop);
            }
            if (labelEnd >= 0) {
                refs.normalize(buf, after + 1, labelEnd - 1);
                work += labelEnd - after;
                reference = refs.lookupNormalized();
                linkEnd = reference >= 0 ? labelEnd : -1;
                referenceFlag = OcpFormat.FLAG_REFERENCE_FULL;
                labelFrom = after + 1;
                labelTo = labelEnd - 1;
            } else if (micromark && after + 1 < end && buf[after] == '[' && buf[after + 1] != ']') {
                // micromark: a [ after the text that opens neither a full reference nor [] leaves no reference at
                // all (CommonMark reads a shortcut, [x] in [x][ ]).
                linkEnd = -1;
            } else {
                // Collapsed or shortcut: the link text itself must be a label. (A following [...] that is not a
                // label, such as "[ ]", leaves a shortcut reference.)
                boolean isLabel = scan.isLabelContent(buf, textFrom, p);
                work += scan.stop - textFrom;
                if (isLabel) {
                    boolean collapsed = after + 1 < end && buf[after] == '[' && buf[after + 1] == ']';
                    work += p - textFrom;
                    refs.normalize(buf, textFrom, p);
                    reference = refs.lookupNormalized();
                    if (reference >= 0) {
                        linkEnd = collapsed ? after + 2 : after;
                        referenceFlag = collapsed ? OcpFormat.FLAG_REFERENCE_COLLAPSED : OcpFormat.FLAG_REFERENCE_SHORTCUT;
                        labelFrom = textFrom;
                        labelTo = p;
                    }
                }
            }
        }
        work += far - p;
        if (linkEnd < 0) {
            if (footnotes.size() > 0 && isFootnoteCall(textFrom, p)) {
                return footnoteReference(b, textFrom, p, image);
            }
            popBracket();
            return p + 1; // the ']' stays in the text run
        }
        flushText(p);
        int link = tree.newNode(image ? NodeKind.IMAGE : NodeKind.LINK, src(bPos[b]), src(linkEnd));
        if (reference >= 0) {
            tree.setString(link, 0, refs.destination(reference));
            if (refs.title(reference) != NONE) {
                tree.setString(link, 1, refs.title(reference));
            }
            tree.setFlags(link, referenceFlag);
            tree.beginString();
            appendAsWritten(map, buf, labelFrom, labelTo, -1);
            tree.setString(link, 2, tree.endString());
        } else {
            tree.beginString();
            appendUnescaped(tree, buf, destFrom, destTo);
            tree.setString(link, 0, tree.endString());
            if (titleFrom >= 0) {
                tree.beginString();
                appendUnescaped(tree, buf, titleFrom, titleTo);
                tree.setString(link, 1, tree.endString());
            }
        }
        int openerNode = bNode[b];
        int first = tree.nextSibling(openerNode);
        if (first != NIL) {
            tree.moveRange(top, first, tree.lastChild(top), link);
        }
        tree.unlink(top, openerNode);
        tree.appendChild(top, link);
        processEmphasis(bPrevDelim[b], link);
        popBracket();
        if (!image) {
            inactiveBelow = bracketCount; // links may not contain links: every [ before this one is now inert
        }
        textStart = linkEnd;
        return linkEnd;
    }

    /**
     * Whether the bracket closing at {@code p} without being a link is a footnote call (GFM): its content
     * {@code buf[textFrom, p)} starts with {@code ^} and the label after it, as written, names a definition. What
     * the inline parse made of the label (an escape, a reference, emphasis, a code span) does not matter: the
     * footnotes extension of commonmark-java, the reference of footnotes here, matches the label's source, and so
     * does micromark (cmark-gfm looks at a single text node only).
     */
    private boolean isFootnoteCall(int textFrom, int p) {
        if (p - textFrom < 2 || buf[textFrom] != '^') {
            return false;
        }
        // A label first (no bracket, at most 999 characters): the scan stops there, so nested brackets, each
        // closing around the others, cost linear time, not a normalization of all they hold.
        boolean isLabel = scan.isLabelContent(buf, textFrom, p);
        work += scan.stop - textFrom;
        if (!isLabel || micromark && hasSpaceOrLineEnding(textFrom + 1, p)) {
            return false; // micromark's footnote labels hold no whitespace ([^ a] is text)
        }
        footnotes.normalize(buf, textFrom + 1, p);
        boolean found = footnotes.lookupNormalized() >= 0;
        work += p - textFrom + footnotes.work;
        footnotes.work = 0;
        return found;
    }

    private boolean hasSpaceOrLineEnding(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * Replaces the bracket {@code b} and its label by a FOOTNOTE_REFERENCE spanning {@code [^label]}: what the label
     * was parsed into so far (text, code spans, delimiter runs not yet paired) goes. An image's bracket {@code ![}
     * leaves its {@code !} as text before the reference, as micromark and commonmark-java read {@code ![^a]}.
     */
    private int footnoteReference(int b, int textFrom, int p, boolean image) {
        int opener = bPos[b];
        while (lastDelim != NIL && lastDelim > bPrevDelim[b]) {
            removeDelimiter(lastDelim, top);
        }
        int label = tree.nextSibling(bNode[b]);
        while (label != NIL) {
            int next = tree.nextSibling(label);
            tree.unlink(top, label);
            label = next;
        }
        textNeedsDecoding = false;
        if (image) {
            tree.setString(bNode[b], 0, tree.string(buf, opener, 1));
            tree.setSpanEnd(bNode[b], src(opener + 1));
            opener++;
        } else {
            tree.unlink(top, bNode[b]);
        }
        int ref = tree.add(NodeKind.FOOTNOTE_REFERENCE, top, src(opener), src(p + 1));
        tree.setString(ref, 2, tree.string(buf, textFrom + 1, p - textFrom - 1));
        popBracket();
        textStart = p + 1;
        return p + 1;
    }

    // ---- MDX: JSX and expressions ----

    /** An expression in text: {@code {…}} with balanced braces, whose source is what is between them. */
    private int expression(int p) {
        int e;
        try {
            e = mdxScanner.expression(buf, p, end);
        } catch (MdxScanner.Failure f) {
            throw syntax(f.at, -1, f.ruleId, f.reason);
        }
        flushText(p);
        int node = tree.add(NodeKind.MDX_EXPRESSION_TEXT, top, src(p), src(e));
        tree.setString(node, 0, tree.string(buf, p + 1, e - 2 - p));
        work += e - p;
        textStart = e;
        return e;
    }

    /**
     * A JSX tag in text. An opening tag adds its element, and its closing tag a marker: emphasis and links pair
     * across tags as markdown-rs pairs them, and once they are resolved {@link #resolveJsx} moves the nodes between
     * an element and its marker into the element (as a link takes its text). A self-closing tag is an element
     * without children. Not a tag: the {@code <} is text.
     */
    private int jsxTag(int p) {
        MdxScanner t = mdxScanner;
        int e;
        try {
            e = t.tag(buf, p, end);
        } catch (MdxScanner.Failure f) {
            throw syntax(f.at, -1, f.ruleId, f.reason);
        }
        if (e == MdxScanner.NOK) {
            return p + 1;
        }
        work += e - p;
        flushText(p);
        textStart = e;
        if (!t.closing) {
            int node = tree.add(NodeKind.MDX_JSX_TEXT, top, src(p), src(e));
            MdxNodes.tagFields(tree, node, t, buf, map);
            if (!t.selfClosing) {
                pushJsx(node, p);
            }
            return e;
        }
        if (jsxDepth == 0) {
            int slash = p + 1;
            while (buf[slash] != '/') {
                slash++;
            }
            throw syntax(slash, -1, "unexpected-closing-slash",
                    "Unexpected closing slash `/` in tag, expected an open tag first");
        }
        if (t.closingExtra >= 0) {
            throw syntax(t.closingExtra, -1, t.closingExtraIsSlash ? "unexpected-self-closing-slash"
                    : "unexpected-attribute", t.closingExtraIsSlash
                    ? "Unexpected self-closing slash `/` in closing tag, expected the end of the tag"
                    : "Unexpected attribute in closing tag, expected the end of the tag");
        }
        int d = jsxDepth - 1;
        int element = jsxNode[d];
        if (!MdxNodes.sameName(tree, element, buf, t)) {
            throw syntax(p, e, "end-tag-mismatch", "Unexpected closing tag `" + MdxNodes.closingLabel(buf, t)
                    + "`, expected corresponding closing tag for `" + tagLabel(element, false) + "` ("
                    + lineColumn(src(jsxStart[d])) + ")");
        }
        if (jsxClosed == jsxMarker.length) {
            int n = jsxClosed * 2;
            jsxMarker = Arrays.copyOf(jsxMarker, n);
            jsxMarkerOpen = Arrays.copyOf(jsxMarkerOpen, n);
            jsxParent = Arrays.copyOf(jsxParent, n);
        }
        jsxMarker[jsxClosed] = tree.add(NodeKind.MDX_JSX_TEXT, top, src(p), src(e));
        jsxMarkerOpen[jsxClosed++] = jsxOpenIndex[d];
        jsxDepth--;
        return e;
    }

    private void pushJsx(int node, int p) {
        if (jsxDepth == jsxNode.length) {
            int n = jsxDepth * 2;
            jsxNode = Arrays.copyOf(jsxNode, n);
            jsxStart = Arrays.copyOf(jsxStart, n);
            jsxOpenIndex = Arrays.copyOf(jsxOpenIndex, n);
        }
        if (jsxOpened == jsxOpenNode.length) {
            jsxOpenNode = Arrays.copyOf(jsxOpenNode, jsxOpened * 2);
        }
        jsxNode[jsxDepth] = node;
        jsxStart[jsxDepth] = p;
        jsxOpenIndex[jsxDepth] = jsxOpened;
        jsxOpenNode[jsxOpened++] = node;
        jsxDepth++;
    }

    /**
     * Puts the nodes between each element and its closing tag into the element, once emphasis and links are
     * resolved. First the check markdown-rs's {@code to_mdast} makes, in document order: a closing tag must find
     * its element on top of the open nodes (not an emphasis or link begun after the element), and an emphasis or
     * link must not end while an element opened inside it is open; the first such crossing fails the parse with
     * its words. Then, pair by pair in the order the closing tags came (inner elements first), the move.
     */
    private void resolveJsx() {
        int depth = 0; // walkStack: the containers whose children the walk is in
        int open = 0; // openStack: the containers and elements open at the walk's position
        int nextOpen = 0;
        int nextMarker = 0;
        int n = tree.firstChild(top);
        while (true) {
            if (n != NIL) {
                work++;
                if (open == openStack.length) {
                    openStack = Arrays.copyOf(openStack, open * 2);
                }
                if (nextOpen < jsxOpened && n == jsxOpenNode[nextOpen]) {
                    openStack[open++] = n;
                    nextOpen++;
                } else if (nextMarker < jsxClosed && n == jsxMarker[nextMarker]) {
                    int element = jsxOpenNode[jsxMarkerOpen[nextMarker]];
                    int onTop = openStack[open - 1];
                    if (onTop != element) {
                        throw syntaxAt(tree.spanStart(n), "end-tag-mismatch", "Expected the closing tag `"
                                + MdxNodes.label(tree, element, true) + "` either before the start of `"
                                + inlineName(onTop) + "` (" + lineColumn(tree.spanStart(onTop)) + "), or another "
                                + "opening tag after that start");
                    }
                    open--;
                    jsxParent[nextMarker++] = depth == 0 ? top : walkStack[depth - 1];
                } else if (isInlineContainer(tree.kind(n))) {
                    openStack[open++] = n;
                    if (depth == walkStack.length) {
                        walkStack = Arrays.copyOf(walkStack, depth * 2);
                    }
                    walkStack[depth++] = n;
                    n = tree.firstChild(n);
                    continue;
                }
                n = tree.nextSibling(n);
            } else {
                if (depth == 0) {
                    break;
                }
                int container = walkStack[--depth];
                int onTop = openStack[open - 1];
                if (onTop != container) {
                    throw syntaxAt(tree.spanEnd(container), "end-tag-mismatch", "Expected a closing tag for `"
                            + MdxNodes.label(tree, onTop, false) + "` (" + lineColumn(tree.spanStart(onTop))
                            + ") before the end of `" + inlineName(container) + "`");
                }
                open--;
                n = tree.nextSibling(container);
            }
        }
        for (int i = 0; i < jsxClosed; i++) {
            int element = jsxOpenNode[jsxMarkerOpen[i]];
            int marker = jsxMarker[i];
            int parent = jsxParent[i];
            int first = tree.nextSibling(element);
            if (first != marker) {
                tree.moveRange(parent, first, tree.previousSibling(marker), element);
            }
            tree.setSpanEnd(element, tree.spanEnd(marker));
            tree.unlink(parent, marker);
        }
    }

    private static boolean isInlineContainer(int kind) {
        return kind == EMPHASIS || kind == STRONG || kind == STRIKETHROUGH || kind == LINK || kind == IMAGE;
    }

    /** markdown-rs's name of an inline container, for messages. */
    private String inlineName(int node) {
        int k = tree.kind(node);
        return k == EMPHASIS ? "Emphasis" : k == STRONG ? "Strong" : k == STRIKETHROUGH ? "GfmStrikethrough"
                : k == LINK ? "Link" : "Image";
    }

    /** A syntax error at a source offset. */
    private OcpException syntaxAt(int sourceOffset, String ruleId, String reason) {
        return MdxNodes.syntaxError(source, sourceLength, sourceOffset, -1, ruleId, reason);
    }

    /** {@code <name>} (or {@code </name>}) of a JSX node, markdown-rs's short form of a tag in messages. */
    private String tagLabel(int node, boolean closing) {
        return MdxNodes.label(tree, node, closing);
    }

    /** markdown-rs's name of the leaf whose content holds an unclosed element. */
    private String leafName(int leaf) {
        int k = tree.kind(leaf);
        if (k == NodeKind.HEADING.code()) {
            return (tree.flags(leaf) & OcpFormat.FLAG_HEADING_SETEXT) != 0 ? "HeadingSetextText" : "HeadingAtxText";
        }
        return k == NodeKind.TABLE_CELL.code() ? "GfmTableCell" : "Paragraph";
    }

    /**
     * A syntax error at content offset {@code at} (to {@code to}, or a point when -1), placed in the source.
     */
    private OcpException syntax(int at, int to, String ruleId, String reason) {
        return MdxNodes.syntaxError(source, sourceLength, src(at), to < 0 ? -1 : src(to), ruleId, reason);
    }

    private String lineColumn(int sourceOffset) {
        return MdxNodes.lineColumn(source, sourceLength, sourceOffset);
    }

    // ---- autolinks and raw HTML ----

    private int angleBracket(int p) {
        int q = scan.scanUriAutolink(buf, p, end);
        work += scan.stop - p;
        boolean email = false;
        if (q < 0) {
            q = scan.scanEmailAutolink(buf, p, end);
            work += scan.stop - p;
            email = q >= 0;
        }
        if (q >= 0) {
            flushText(p);
            int link = tree.add(NodeKind.LINK, top, src(p), src(q));
            tree.setFlags(link, OcpFormat.FLAG_LINK_AUTOLINK);
            tree.beginString();
            if (email) {
                tree.append(MAILTO, 0, MAILTO.length);
            }
            appendRaw(tree, buf, p + 1, q - 1);
            tree.setString(link, 0, tree.endString());
            int text = tree.add(NodeKind.TEXT, link, src(p + 1), src(q - 1));
            tree.beginString();
            appendRaw(tree, buf, p + 1, q - 1);
            tree.setString(text, 0, tree.endString());
            textStart = q;
            return q;
        }
        q = scanHtml(p);
        if (q >= 0) {
            flushText(p);
            int html = tree.add(NodeKind.HTML_INLINE, top, src(p), src(q));
            tree.beginString();
            appendRaw(tree, buf, p, q);
            tree.setString(html, 0, tree.endString());
            if (losesIndentation(p, q, HTML_KEEPS_PAST)) {
                tree.setString(html, 2, htmlAsWritten(p, q)); // v1.5: what mdast's raw HTML keeps of it
            }
            textStart = q;
            return q;
        }
        return p + 1;
    }

    private static final byte[] MAILTO = {'m', 'a', 'i', 'l', 't', 'o', ':'};
    private static final byte[] CDATA = {'[', 'C', 'D', 'A', 'T', 'A', '['};

    /** Raw HTML at {@code buf[p] == '<'}: returns the index after it, or -1. */
    private int scanHtml(int p) {
        if (p + 1 >= end) {
            return -1;
        }
        byte c = buf[p + 1];
        if (CharClasses.isLetter(c)) {
            int q = scan.scanOpenTag(buf, p, end);
            work += scan.stop - p;
            return q;
        }
        if (c == '/') {
            int q = scan.scanClosingTag(buf, p, end);
            work += scan.stop - p;
            return q;
        }
        if (c == '?') {
            int at = find(FIND_PI, p + 2);
            return at < 0 ? -1 : at + 2;
        }
        if (c != '!' || p + 2 >= end) {
            return -1;
        }
        byte d = buf[p + 2];
        if (d == '-') {
            if (p + 3 >= end || buf[p + 3] != '-') {
                return -1;
            }
            int q = p + 4;
            if (q < end && buf[q] == '>') {
                return q + 1; // <!-->
            }
            if (q + 1 < end && buf[q] == '-' && buf[q + 1] == '>') {
                return q + 2; // <!--->
            }
            int at = find(FIND_COMMENT, q);
            return at < 0 ? -1 : at + 3;
        }
        if (d == '[') {
            if (end - (p + 2) < CDATA.length || !Arrays.equals(buf, p + 2, p + 2 + CDATA.length, CDATA, 0, CDATA.length)) {
                return -1;
            }
            int at = find(FIND_CDATA, p + 2 + CDATA.length);
            return at < 0 ? -1 : at + 3;
        }
        if (CharClasses.isLetter(d)) {
            int at = find(FIND_DECLARATION, p + 3);
            return at < 0 ? -1 : at + 1;
        }
        return -1;
    }

    /**
     * The first occurrence at or after {@code from} of the terminator of {@code kind} ({@code -->}, {@code ?>},
     * {@code ]]>}, {@code >}), or -1. Remembers the last answer: queries come in increasing order, so each byte
     * is scanned at most once per kind and parse.
     */
    private int find(int kind, int from) {
        int cachedFrom = findFrom[kind];
        if (cachedFrom >= 0 && from >= cachedFrom && (findAt[kind] < 0 || from <= findAt[kind])) {
            return findAt[kind];
        }
        int at = -1;
        byte[] b = buf;
        int end = this.end;
        for (int i = from; i < end; i++) {
            byte x = b[i];
            if (kind == FIND_DECLARATION) {
                if (x == '>') {
                    at = i;
                    break;
                }
            } else if (kind == FIND_COMMENT) {
                if (x == '-' && i + 2 < end && b[i + 1] == '-' && b[i + 2] == '>') {
                    at = i;
                    break;
                }
            } else if (kind == FIND_PI) {
                if (x == '?' && i + 1 < end && b[i + 1] == '>') {
                    at = i;
                    break;
                }
            } else if (x == ']' && i + 2 < end && b[i + 1] == ']' && b[i + 2] == '>') {
                at = i;
                break;
            }
        }
        work += (at < 0 ? end : at) - from;
        findFrom[kind] = from;
        findAt[kind] = at;
        return at;
    }

    // ---- limits ----

    /** Fails if inline containers under {@code top} nest deeper than the limit; an iterative walk. */
    private void checkNesting() {
        int depth = 0;
        int n = tree.firstChild(top);
        while (true) {
            if (n != NIL) {
                work++;
                int k = tree.kind(n);
                if (k == EMPHASIS || k == STRONG || k == STRIKETHROUGH || k == LINK || k == IMAGE || k == JSX_TEXT) {
                    if (depth + 1 > maxNesting) {
                        // The words are the C core's too (the engines' messages are byte-identical); JSX
                        // elements count as well.
                        throw new OcpException(OcpException.Code.LIMIT_EXCEEDED, "emphasis, strikethrough, links, "
                                + "images and JSX elements nest deeper than maxInlineNesting " + maxNesting);
                    }
                    int child = tree.firstChild(n);
                    if (child != NIL) {
                        if (depth == walkStack.length) {
                            walkStack = Arrays.copyOf(walkStack, depth * 2);
                        }
                        walkStack[depth++] = n;
                        n = child;
                        continue;
                    }
                }
                n = tree.nextSibling(n);
            } else {
                if (depth == 0) {
                    return;
                }
                n = tree.nextSibling(walkStack[--depth]);
            }
        }
    }

    private static final int EMPHASIS = NodeKind.EMPHASIS.code();
    private static final int STRONG = NodeKind.STRONG.code();
    private static final int JSX_TEXT = NodeKind.MDX_JSX_TEXT.code();
    private static final int LINK = NodeKind.LINK.code();
    private static final int IMAGE = NodeKind.IMAGE.code();
    private static final int STRIKETHROUGH = NodeKind.STRIKETHROUGH.code();

    // ---- link reference definitions ----

    /**
     * Tries to parse one link reference definition at the start of {@code buf[off, off+len)} (a paragraph's
     * remaining content). On success registers it (first definition of a label wins), inserts a DEFINITION
     * node into {@code container} just before {@code paragraph}, and returns the number of bytes consumed
     * (through the end of its last line, including the {@code '\n'}); returns 0 if there is none.
     *
     * <p>The DEFINITION node has the decoded destination in slot a, the decoded title (or none) in slot b, the
     * label as written in slot c, and spans from {@code [} to the end of its last line, as blocks do (the caller
     * extends the span over trailing whitespace the content lost, when the definition ends the content).
     */
    int parseDefinition(byte[] buf, int off, int len, SourceMap map, int container, int paragraph) {
        int end = off + len;
        int p = LinkScanner.skipSpaceTab(buf, off, end);
        int labelEnd = scan.scanLabel(buf, p, end);
        work += scan.stop - off;
        if (labelEnd < 0 || labelEnd >= end || buf[labelEnd] != ':') {
            return 0;
        }
        int d = LinkScanner.skipSpaceTabNewline(buf, labelEnd + 1, end);
        int de = scan.scanDestination(buf, d, end);
        work += scan.stop - labelEnd;
        if (de <= d) {
            return 0; // missing (an empty destination must be written <>)
        }
        int lineEnd = -1;
        int titleEnd = -1;
        int r = LinkScanner.skipSpaceTabNewline(buf, de, end);
        if (r > de) {
            int te = scan.scanTitle(buf, r, end);
            work += scan.stop - de;
            if (te >= 0) {
                int after = LinkScanner.skipSpaceTab(buf, te, end);
                if (after == end || buf[after] == '\n') {
                    titleEnd = te;
                    lineEnd = after;
                }
            }
        }
        if (lineEnd < 0) {
            // No title, or one followed by more text: the definition is the destination's line, if that ends there.
            int after = LinkScanner.skipSpaceTab(buf, de, end);
            if (after < end && buf[after] != '\n') {
                return 0;
            }
            lineEnd = after;
        }
        boolean pointy = buf[d] == '<';
        tree.beginString();
        appendUnescaped(tree, buf, pointy ? d + 1 : d, pointy ? de - 1 : de);
        int destination = tree.endString();
        int title = NONE;
        if (titleEnd >= 0) {
            tree.beginString();
            appendUnescaped(tree, buf, r + 1, titleEnd - 1);
            title = tree.endString();
        }
        refs.normalize(buf, p + 1, labelEnd - 1);
        refs.addNormalized(destination, title);
        work += labelEnd - p + refs.work;
        refs.work = 0;
        int node = tree.newNode(NodeKind.DEFINITION, map.toSource(p), map.toSource(lineEnd));
        tree.setString(node, 0, destination);
        if (title != NONE) {
            tree.setString(node, 1, title);
        }
        tree.beginString();
        appendAsWritten(map, buf, p + 1, labelEnd - 1, -1);
        tree.setString(node, 2, tree.endString());
        tree.insertBefore(container, paragraph, node);
        return (lineEnd < end ? lineEnd + 1 : end) - off;
    }
}
