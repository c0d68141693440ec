package dev.ocp.engine.java;

import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.NodeKind;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.engine.java.inline.Autolink;
import dev.ocp.engine.java.inline.AutolinkLiteral;
import dev.ocp.engine.java.inline.AutolinkLiteralMicromark;
import dev.ocp.engine.java.inline.CodeSpan;
import dev.ocp.engine.java.inline.Directive;
import dev.ocp.engine.java.inline.Emphasis;
import dev.ocp.engine.java.inline.HtmlText;
import dev.ocp.engine.java.inline.Limits;
import dev.ocp.engine.java.inline.Link;
import dev.ocp.engine.java.inline.MdxText;
import dev.ocp.engine.java.inline.Text;
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
 * <li>autolink literals ({@link dev.ocp.engine.java.inline.AutolinkLiteral}): {@code www.}, {@code http://},
 *     {@code https://}, {@code ftp://}, {@code mailto:}, {@code xmpp:} and e-mail addresses, recognized where
 *     their first byte is met ({@code w}, the {@code :} after a scheme, the {@code @} of an address) and consumed
 *     whole, so their bytes are no delimiters; none is recognized while a bracket is open;</li>
 * <li>footnote references: a {@code [^label]} that is not a link, whose label as written names a footnote
 *     definition of the document ({@link #addFootnote}), becomes a FOOTNOTE_REFERENCE (after an image's
 *     {@code !}, which stays text), whatever the label holds: escapes, references, emphasis and code spans are
 *     its text as written, as commonmark-java and micromark match them.</li>
 * </ul>
 *
 * <p>Limits: {@link ParseOptions#maxInlineNesting()} bounds how deep emphasis, strong emphasis, strikethrough,
 * links and images nest; deeper nesting fails the parse with {@link OcpException.Code#LIMIT_EXCEEDED}
 * (deterministic, and the same on every engine).
 *
 * <p>Code layout: this class holds the state (the content, the stacks, the caches) and the main loop
 * ({@link #parse}), which dispatches on the byte to one class per construct in {@code dev.ocp.engine.java.inline}
 * (named as the C core's {@code native/src/inline/} files); link reference definitions are in
 * {@code dev.ocp.engine.java.block.Definition}. Those are final classes of static methods that take this parser as
 * their first argument and use its fields directly, so every call is a static call (never virtual) and every field
 * access the {@code getfield} an instance method would make: the bytecode, and what the JIT inlines, stay those of
 * one class. The fields are public for that reason only; the package is not exported.
 */
public final class InlineParser {
    public static final int NIL = TreeBuilder.NIL;
    public static final int NONE = OcpFormat.NONE;

    public static final int CAN_OPEN = 1;
    public static final int CAN_CLOSE = 2;

    /**
     * Bytes the main loop stops at, all others being plain text, per set of extensions (index: 1 with GFM, plus 2
     * with math, plus 4 in MDX, plus 8 with directives). GFM adds strikethrough runs and the bytes where an autolink
     * literal may be met; math the dollar; MDX the brace of an expression; directives the colon.
     */
    private static final boolean[][] SPECIAL = new boolean[16][256];

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
            if ((set & 8) != 0) {
                SPECIAL[set][':'] = true;
            }
        }
    }

    // Terminators searched for by raw HTML constructs (index into the find cache).
    public static final int FIND_COMMENT = 0;
    public static final int FIND_PI = 1;
    public static final int FIND_CDATA = 2;
    public static final int FIND_DECLARATION = 3;

    public final TreeBuilder tree;
    public int maxNesting;
    /** Whether {@link Extension#GFM} is on. */
    public boolean gfm;
    /** Whether the parse follows micromark's reading where it departs from the reference ({@link Flavor#MICROMARK}). */
    public boolean micromark;
    /** Whether {@link Extension#MATH} is on. */
    public boolean math;
    /** Whether the dialect is MDX: JSX and expressions, no raw HTML and no angle-bracket autolinks. */
    private boolean mdx;
    /** Whether {@link Extension#HTML_COMMENTS} is on: in MDX, {@code <!--} starts a comment, not JSX. */
    private boolean htmlComments;
    /** Whether {@link Extension#DIRECTIVE} is on. */
    private boolean directive;
    /** The scan of the text directive being read. */
    public final dev.ocp.engine.java.inline.Directive.Scan directiveScan = new dev.ocp.engine.java.inline.Directive.Scan();
    public final MdxScanner mdxScanner = new MdxScanner();
    /** The source, for the line and column of a syntax error, and the indentation a code span keeps (v1.5). */
    public byte[] source;
    public int sourceLength;
    // Open JSX text elements of the content being parsed: node, tag start, index in jsxOpenNode.
    public int jsxDepth;
    public int[] jsxNode = new int[8];
    public int[] jsxStart = new int[8];
    public int[] jsxOpenIndex = new int[8];
    // Elements of the content with a closing tag, in the order of their opening tags; their closing tags (markers
    // until resolveJsx) in the order met, with the index of their element; the parent each pair ends up under.
    public int jsxOpened;
    public int[] jsxOpenNode = new int[8];
    public int jsxClosed;
    public int[] jsxMarker = new int[8];
    public int[] jsxMarkerOpen = new int[8];
    public int[] jsxParent = new int[8];
    public final ReferenceMap refs = new ReferenceMap();
    /** The normalized labels of the document's footnote definitions (GFM); destinations and titles unused. */
    public final ReferenceMap footnotes = new ReferenceMap();
    public final LinkScanner scan = new LinkScanner();

    /**
     * Bytes and stack entries examined so far, counting every rescan: a deterministic measure of work that
     * tests use to show the parser stays linear on hostile input.
     */
    public long work;

    // The content being parsed: buf[start, end), its nodes appended to top.
    public byte[] buf;
    public int start;
    public int end;
    public SourceMap map;
    public int top;
    /** Start of the pending text run: bytes from here to the scan position are text not yet emitted. */
    public int textStart;
    /** Whether the pending text run may hold an escape, a reference or NUL (else it is copied as it is). */
    public boolean textNeedsDecoding;

    // Delimiter stack (emphasis runs), a doubly linked list in arrays; indices grow with position.
    public int delimCount;
    public int lastDelim = NIL;
    public int[] dNode = new int[32];
    public int[] dStart = new int[32]; // remaining characters: [dStart, dEnd)
    public int[] dEnd = new int[32];
    public int[] dOrig = new int[32];  // length of the whole run (for the rule of 3)
    public int[] dPrev = new int[32];
    public int[] dNext = new int[32];
    public byte[] dChar = new byte[32];
    public byte[] dFlags = new byte[32];
    /** Per delimiter kind: {@code *} and {@code _} by can-open and length mod 3 (12), {@code ~} by length (2). */
    public final int[] openersBottom = new int[14];
    /** The first delimiter run's character in the content ({@code *}, {@code _} or {@code ~}), or 0 before one. */
    public int firstRun;
    /**
     * How far micromark's failed attempts read, or -1: at a resource or reference after a link text that made no
     * link, at raw HTML, at closing a code span (or inline math), which reads to the content's end when it finds no
     * closer. The line endings they crossed end, as a break's or text's end, past the next line's container prefixes
     * ({@link Text#lineEndingEnd}). The attempts come in order, so the farthest is enough.
     */
    public int failedAttemptEnd = -1;

    // Bracket stack ([ and ![), strictly LIFO.
    public int bracketCount;
    /** Brackets below this index that are links ([, not ![) are inactive: they are inside or before a link. */
    public int inactiveBelow;
    public int[] bNode = new int[16];
    public int[] bPos = new int[16];
    public int[] bPrevDelim = new int[16];
    public boolean[] bImage = new boolean[16];

    // Backtick runs (and dollar runs, with math) seen while searching for closers: per run, keyed by its
    // length and marker (runKey), the last position, stamped with the generation (one per parse call) so nothing
    // needs clearing. Short keys index an array; longer ones go to an open-addressing table, so memory follows
    // the number of distinct lengths, not the longest run.
    public static final int DENSE_TICKS = 64;
    public final int[] tickLast = new int[DENSE_TICKS];
    public final int[] tickGeneration = new int[DENSE_TICKS];
    public int[] longTickLength = new int[16];
    public int[] longTickLast = new int[16];
    public int[] longTickGeneration = new int[16];
    public int longTickCount; // entries of the current generation
    public int generation;
    /** Per marker (0 backtick, 1 dollar): whether a search for closers reached the end of the content. */
    public final boolean[] ticksScannedToEnd = new boolean[2];

    // Raw HTML terminator cache: the first terminator at or after findFrom (or -1 for none).
    public final int[] findFrom = new int[4];
    public final int[] findAt = new int[4];

    public int[] openStack = new int[16];
    public int[] walkStack = new int[32];

    InlineParser(TreeBuilder tree, ParseOptions options) {
        this.tree = tree;
        this.maxNesting = options.maxInlineNesting();
        this.gfm = options.has(Extension.GFM);
        this.micromark = options.flavor() == Flavor.MICROMARK;
        scan.parenthesesInTitles = micromark;
        mdxScanner.micromark = micromark;
        refs.dotlessIsI = micromark;
        footnotes.dotlessIsI = micromark;
        this.math = options.has(Extension.MATH);
        this.mdx = options.dialect() == dev.ocp.Dialect.MDX;
        this.directive = options.has(Extension.DIRECTIVE);
        this.htmlComments = options.has(Extension.HTML_COMMENTS);
    }

    /** The source the contents come from, for the positions of syntax errors. */
    void source(byte[] src, int length) {
        source = src;
        sourceLength = length;
        deferred = null;
    }

    // The first of the errors MDX raises only once the whole document is read (unmatched JSX tags), see defer.
    private OcpException deferred;
    private long deferredOrder;

    /**
     * Keeps an error that MDX's tree builder raises (a closing tag without its opening tag, a tag left open where
     * its parent ends, a closing tag with attributes), for the end of the parse. micromark and markdown-rs read
     * the whole document before they match tags, so any error of their reading (an expression or a tag that does
     * not end, a lazy line) comes first, wherever it is; of the matching errors the first in document order wins,
     * the one met where a node ends before one met where its parent ends. The parse goes on as if the tag were not
     * there, or were closed, only to find such an error: its tree is never used.
     *
     * @param sourceOffset where the tree builder meets it: the tag, or the end of the node left unclosed
     * @param block whether it is met where a block ends (after the inline errors of that block's content)
     */
    public void defer(java.util.function.Supplier<OcpException> error, int sourceOffset, boolean block) {
        long order = 2L * sourceOffset + (block ? 1 : 0);
        if (deferred == null || order < deferredOrder) {
            deferred = error.get(); // made only when kept: a message places itself by a scan from the start
            deferredOrder = order;
        }
    }

    /** Throws the error {@link #defer} kept, if any: the parse has ended without an error of the reading. */
    void throwDeferred() {
        if (deferred != null) {
            throw deferred;
        }
    }

    /** Readies the parser for another document of the same tree: forgets its definitions and counters. */
    void reset(ParseOptions options) {
        maxNesting = options.maxInlineNesting();
        gfm = options.has(Extension.GFM);
        micromark = options.flavor() == Flavor.MICROMARK;
        scan.parenthesesInTitles = micromark;
        mdxScanner.micromark = micromark;
        refs.dotlessIsI = micromark;
        footnotes.dotlessIsI = micromark;
        math = options.has(Extension.MATH);
        mdx = options.dialect() == dev.ocp.Dialect.MDX;
        directive = options.has(Extension.DIRECTIVE);
        htmlComments = options.has(Extension.HTML_COMMENTS);
        refs.clear();
        footnotes.clear();
        work = 0;
    }

    /** Registers the label {@code buf[from, to)} of a footnote definition (GFM), before the inline phase. */
    public void addFootnote(byte[] buf, int from, int to) {
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
        scan.forget();
        if (mdx) {
            // micromark's text runs on over the spaces that end a paragraph's (or setext heading's) last line
            int after = len == 0 ? -1 : src(end - 1) + 1;
            int kind = tree.kind(parent);
            boolean paragraph = kind == NodeKind.PARAGRAPH.code() || kind == NodeKind.HEADING.code()
                    && (tree.flags(parent) & OcpFormat.FLAG_HEADING_SETEXT) != 0;
            mdxScanner.spaceAtEnd = micromark && paragraph && after > 0 && after < sourceLength
                    && (source[after] == ' ' || source[after] == '\t');
        }
        domainFrom = -1;
        domainStop = -1;
        trailFailFrom = -1;
        trailFailTo = -1;
        try {
            int p = off;
            textStart = off;
            textNeedsDecoding = false;
            int end = this.end;
            boolean[] special = SPECIAL[(gfm ? 1 : 0) | (math ? 2 : 0) | (mdx ? 4 : 0) | (directive ? 8 : 0)];
            firstRun = 0;
            failedAttemptEnd = -1;
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
                        p = Text.lineEnding(this, p);
                        break;
                    case '\\':
                        p = Text.backslash(this, p);
                        break;
                    case '`':
                    case '$':
                        p = CodeSpan.rawSpan(this, p);
                        break;
                    case '*':
                    case '_':
                    case '~':
                        p = c == '_' && micromark && gfm ? AutolinkLiteralMicromark.emailOrDelimiterRun(this, p)
                                : Emphasis.delimiterRun(this, p);
                        break;
                    case ':':
                        if (directive) {
                            int q = Directive.textDirective(this, p);
                            if (q >= 0) {
                                p = q;
                                break;
                            }
                            if (!gfm) {
                                p++;
                                break;
                            }
                        }
                        p = AutolinkLiteral.autolinkLiteral(this, p);
                        break;
                    case 'w':
                    case 'W':
                    case '@':
                        p = AutolinkLiteral.autolinkLiteral(this, p);
                        break;
                    case '[':
                        p = Link.openBracket(this, p, false);
                        break;
                    case '!':
                        p = p + 1 < end && buf[p + 1] == '[' ? Link.openBracket(this, p, true) : p + 1;
                        break;
                    case ']':
                        p = Link.closeBracket(this, p);
                        break;
                    case '<': {
                        int q = mdx && htmlComments ? HtmlText.comment(this, p) : -1;
                        p = q >= 0 ? q : mdx ? MdxText.jsxTag(this, p) : Autolink.angleBracket(this, p);
                        break;
                    }
                    case '{':
                        p = MdxText.expression(this, p);
                        break;
                    default: // '&' and NUL: decoded when the run is emitted
                        textNeedsDecoding = true;
                        p++;
                }
            }
            Text.flushText(this, end);
            Emphasis.processEmphasis(this, NIL, top, firstRun == '~');
            if (jsxClosed > 0 || jsxDepth > 0) {
                MdxText.resolveJsx(this);
            }
            Limits.checkNesting(this);
            work += len + refs.work;
            refs.work = 0;
        } finally {
            this.buf = null;
            this.map = null;
        }
    }

    /**
     * Parses {@code buf[from, to)} of the content being parsed as inline content of its own, under {@code parent}: a
     * directive's label, whose delimiters and brackets pair among themselves only (micromark reads it as text of its
     * own). The state of the content around it is kept aside and given back; the caches of closers are forgotten
     * after it, as their positions belonged to the label's parse.
     */
    public void parseNested(int parent, int from, int to) {
        byte[] savedBuf = buf;
        SourceMap savedMap = map;
        int savedStart = start;
        int savedEnd = end;
        int savedTop = top;
        int savedTextStart = textStart;
        boolean savedDecoding = textNeedsDecoding;
        int savedDelimCount = delimCount;
        int savedLastDelim = lastDelim;
        int savedFirstRun = firstRun;
        int savedFailedAttemptEnd = failedAttemptEnd;
        int[][] savedDelims = {dNode, dStart, dEnd, dOrig, dPrev, dNext};
        byte[] savedChar = dChar;
        byte[] savedFlags = dFlags;
        int[] savedBottom = openersBottom.clone();
        int savedBrackets = bracketCount;
        int savedInactive = inactiveBelow;
        int[][] savedBracketArrays = {bNode, bPos, bPrevDelim};
        boolean[] savedImage = bImage;
        int savedJsxDepth = jsxDepth;
        int savedJsxOpened = jsxOpened;
        int savedJsxClosed = jsxClosed;
        int[][] savedJsx = {jsxNode, jsxStart, jsxOpenIndex, jsxOpenNode, jsxMarker, jsxMarkerOpen, jsxParent};
        boolean savedSpaceAtEnd = mdxScanner.spaceAtEnd;
        mdxScanner.spaceAtEnd = false; // the label is text of its own, which ends at its bracket
        dNode = new int[8];
        dStart = new int[8];
        dEnd = new int[8];
        dOrig = new int[8];
        dPrev = new int[8];
        dNext = new int[8];
        dChar = new byte[8];
        dFlags = new byte[8];
        bNode = new int[4];
        bPos = new int[4];
        bPrevDelim = new int[4];
        bImage = new boolean[4];
        jsxNode = new int[4];
        jsxStart = new int[4];
        jsxOpenIndex = new int[4];
        jsxOpenNode = new int[4];
        jsxMarker = new int[4];
        jsxMarkerOpen = new int[4];
        jsxParent = new int[4];
        java.util.Arrays.fill(openersBottom, 0);
        try {
            parse(parent, savedBuf, from, to - from, savedMap);
        } finally {
            buf = savedBuf;
            map = savedMap;
            start = savedStart;
            end = savedEnd;
            top = savedTop;
            textStart = savedTextStart;
            textNeedsDecoding = savedDecoding;
            delimCount = savedDelimCount;
            lastDelim = savedLastDelim;
            firstRun = savedFirstRun;
            failedAttemptEnd = savedFailedAttemptEnd;
            dNode = savedDelims[0];
            dStart = savedDelims[1];
            dEnd = savedDelims[2];
            dOrig = savedDelims[3];
            dPrev = savedDelims[4];
            dNext = savedDelims[5];
            dChar = savedChar;
            dFlags = savedFlags;
            System.arraycopy(savedBottom, 0, openersBottom, 0, openersBottom.length);
            bracketCount = savedBrackets;
            inactiveBelow = savedInactive;
            bNode = savedBracketArrays[0];
            bPos = savedBracketArrays[1];
            bPrevDelim = savedBracketArrays[2];
            bImage = savedImage;
            jsxDepth = savedJsxDepth;
            jsxOpened = savedJsxOpened;
            jsxClosed = savedJsxClosed;
            jsxNode = savedJsx[0];
            jsxStart = savedJsx[1];
            jsxOpenIndex = savedJsx[2];
            jsxOpenNode = savedJsx[3];
            jsxMarker = savedJsx[4];
            jsxMarkerOpen = savedJsx[5];
            jsxParent = savedJsx[6];
            mdxScanner.spaceAtEnd = savedSpaceAtEnd;
            // Closer caches: the label's parse moved the generation; rescan rather than trust "scanned to the end".
            ticksScannedToEnd[0] = false;
            ticksScannedToEnd[1] = false;
            if (++generation == Integer.MAX_VALUE) {
                Arrays.fill(tickGeneration, 0);
                Arrays.fill(longTickGeneration, 0);
                generation = 1;
            }
            longTickCount = 0;
            java.util.Arrays.fill(findFrom, -1);
            scan.forget();
            domainFrom = -1;
            domainStop = -1;
            trailFailFrom = -1;
            trailFailTo = -1;
        }
    }

    /** @return the source offset of content offset {@code i} (through the block's {@link SourceMap}) */
    public int src(int i) {
        return map.toSource(i);
    }

    /**
     * The columns of indentation raw HTML loses to its paragraph before what mdast keeps: micromark takes at most
     * three columns of a later line's indentation as its prefix and keeps the rest in the HTML's value.
     */
    public static final int HTML_KEEPS_PAST = 3;

    // The last domain scan of this content (see AutolinkLiteral#checkDomain): where it started and stopped, its last
    // two dots, and whether its last two labels hold an underscore.
    public int domainFrom = -1;
    public int domainStop = -1;
    public int domainLastDot;
    public int domainSecondDot;
    public boolean domainUnderscore;

    public static final byte[] HTTP = {'h', 't', 't', 'p', ':', '/', '/'};

    // The last failed trail scan (AutolinkLiteralMicromark#trailEnds): every start in [trailFailFrom, trailFailTo)
    // fails too.
    public int trailFailFrom = -1;
    public int trailFailTo = -1;

    public static final byte[] MAILTO = {'m', 'a', 'i', 'l', 't', 'o', ':'};

    public static final int EMPHASIS = NodeKind.EMPHASIS.code();
    public static final int STRONG = NodeKind.STRONG.code();
    public static final int JSX_TEXT = NodeKind.MDX_JSX_TEXT.code();
    public static final int LINK = NodeKind.LINK.code();
    public static final int IMAGE = NodeKind.IMAGE.code();
    public static final int STRIKETHROUGH = NodeKind.STRIKETHROUGH.code();
}
