package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.NodeKind;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;

import java.util.Arrays;

import static dev.ocp.spi.OcpFormat.ALIGN_CENTER;
import static dev.ocp.spi.OcpFormat.ALIGN_LEFT;
import static dev.ocp.spi.OcpFormat.ALIGN_NONE;
import static dev.ocp.spi.OcpFormat.ALIGN_RIGHT;
import static dev.ocp.spi.OcpFormat.FLAG_CODE_FENCED;
import static dev.ocp.spi.OcpFormat.FLAG_CODE_UNCLOSED;
import static dev.ocp.spi.OcpFormat.FLAG_HTML_UNCLOSED;
import static dev.ocp.spi.OcpFormat.FLAG_MATH_UNCLOSED;
import static dev.ocp.spi.OcpFormat.FLAG_HEADING_SETEXT;
import static dev.ocp.spi.OcpFormat.FLAG_ITEM_CHECKED;
import static dev.ocp.spi.OcpFormat.FLAG_ITEM_SPREAD;
import static dev.ocp.spi.OcpFormat.FLAG_ITEM_TASK;
import static dev.ocp.spi.OcpFormat.FLAG_LIST_SPREAD;
import static dev.ocp.spi.OcpFormat.FLAG_LIST_ORDERED;
import static dev.ocp.spi.OcpFormat.FLAG_LIST_TIGHT;
import static dev.ocp.spi.OcpFormat.FLAG_TABLE_HEADER;
import static dev.ocp.spi.OcpFormat.FRONTMATTER_TOML;
import static dev.ocp.spi.OcpFormat.FRONTMATTER_YAML;

/**
 * The CommonMark 0.31.2 block parser: phase 1 of the spec's parsing strategy (block structure, one pass over
 * the lines), then phase 2 handed to {@link InlineParser} for every paragraph and heading in document order.
 *
 * <p>Shape, chosen so that the C core can be a line-by-line port:
 * <ul>
 *   <li>The open blocks form a stack of parallel int arrays indexed by depth (0 is the document); each line is
 *       matched against it bottom-up, new blocks are pushed on top, unmatched ones popped. Nothing recurses.</li>
 *   <li>Leaf content is kept as line records (source start, source end, virtual spaces of a partly consumed
 *       tab) in one growing table; only one leaf is open at a time, so its lines are always the table's tail.
 *       Paragraph and heading lines stay until the inline phase; code and HTML lines become their literal
 *       string when the block closes and are dropped.</li>
 *   <li>Per line the work is linear in the bytes the line consumes: the first non-space scan is cached across
 *       containers, thematic-break scans remember where they failed, and a blank line skips the run of lists
 *       and non-empty list items that it would match without consuming anything.</li>
 * </ul>
 *
 * <p>Spans: a block starts at the first byte of its marker (or of its content, for paragraphs, indented code and
 * HTML) and ends at the end of its last line, line ending excluded. Containers end with their last line: the
 * last line of their last child, or a later line that only carried their marker (a {@code >} line). Blank lines
 * after the last child do not extend a list item or a list.
 *
 * <p>Looseness is decided by line numbers: every block knows the last line that belongs to it, and a list is
 * loose when a child of one of its items, or one of its items, starts more than one line after the previous
 * sibling ended, which is exactly "separated by a blank line". Blank lines inside a fenced code or HTML block
 * belong to it and separate nothing. Link reference definitions count as children even when they leave no
 * paragraph behind: spec example 317 counts one as a block-level element, so {@code - [a]: /u\n\n  b} is loose
 * (as in commonmark.js; cmark keeps it tight).
 *
 * <p>Node details: HEADING data = level, {@code FLAG_HEADING_SETEXT}; LIST data = marker byte ({@code - + * . )}),
 * {@code FLAG_LIST_ORDERED} with slot a = start number, {@code FLAG_LIST_TIGHT}; CODE_BLOCK
 * {@code FLAG_CODE_FENCED} with data = fence byte and slot b = decoded info string (absent when empty), slot a
 * = literal; HTML_BLOCK data = start condition 1..7, slot a = literal. A literal is every content line followed
 * by {@code '\n'}, with a partly consumed tab as spaces and NUL as U+FFFD; an indented code block's trailing
 * blank lines are not part of it.
 *
 * <p>With {@link Extension#GFM} on, three more kinds of block follow cmark-gfm's extensions:
 * <ul>
 *   <li>FOOTNOTE: a container opened by {@code [^label]:} (after thematic breaks and before list items in the
 *       chain of block starts, so it may interrupt a paragraph), continued by lines indented four columns and by
 *       blank lines, its content starting after the colon and the spaces after it. Its label is registered
 *       with the inline parser, which needs every definition before any reference.</li>
 *   <li>TABLE: when a paragraph's line is followed by a delimiter row with as many cells, that line becomes the
 *       header row (the paragraph's earlier lines stay a paragraph) and the table takes every following
 *       line that has a cell and starts no other block as a row (a blank line, or one of only a pipe, ends it),
 *       cut or padded to the header's cells. Rows and cells
 *       are made at once; each cell's content (trimmed, {@code \|} unescaped) is queued for the inline phase
 *       like a one-line paragraph. Spans: the table and a row from their first byte to the end of their line
 *       (the table's last row), a cell its trimmed content (a cell the row lacks: empty, at the row's end).</li>
 *   <li>Task-list items: a paragraph that is its item's first child and begins with
 *       {@code [ ]}, {@code [x]} or {@code [X]} and a space, tab or line end, with more after that whitespace
 *       (on the line or on a next line), flags the item; the paragraph then starts after the check and its
 *       whitespace.</li>
 * </ul>
 */
final class BlockParser {
    // Kinds of open blocks on the stack.
    private static final int DOCUMENT = 0;
    private static final int QUOTE = 1;
    private static final int LIST = 2;
    private static final int ITEM = 3;
    private static final int PARAGRAPH = 4;
    private static final int FENCED = 5;
    private static final int INDENTED = 6;
    private static final int HTML = 7;
    /** A setext heading made from the paragraph on top; popped at once. */
    private static final int HEADING = 8;
    /** A GFM footnote definition (a container). */
    private static final int FOOTNOTE = 9;
    /** A GFM table (holds its rows; takes lines like a leaf). */
    private static final int TABLE = 10;
    /** An MDX JSX element in flow: a container without a prefix, open from its opening tag to its closing tag. */
    private static final int JSX = 11;
    /** MDX ESM: {@code import}/{@code export} lines up to a blank line (a leaf). */
    private static final int ESM = 12;
    /** Columns a footnote definition's content is indented by. */
    private static final int FOOTNOTE_INDENT = 4;

    private static final int NIL = TreeBuilder.NIL;
    private static final int TAB_STOP = 4;
    private static final int CODE_INDENT = 4;

    private byte[] src;
    private int length;
    private int maxDepth;
    /** Whether {@link Extension#GFM} is on. */
    private boolean gfm;
    /** Whether the parse follows micromark's reading where it departs from the reference ({@link Flavor#MICROMARK}). */
    private boolean micromark;
    /** Whether {@link Extension#MATH} is on. */
    private boolean math;
    /** Whether {@link Extension#FRONTMATTER} is on. */
    private boolean frontmatter;
    /** Whether the dialect is MDX: no indented code and no HTML blocks; JSX, expressions and ESM. */
    private boolean mdx;
    private final TreeBuilder tree;
    // ---- MDX flow: the lines of a flow tag or expression, their map to the source, where the parse resumes ----
    private final MdxScanner flowScanner = new MdxScanner();
    private final ContentMap flowMap = new ContentMap();
    private byte[] flowBuf = new byte[256];
    private int flowLen;
    /** The container the flow construct is in, whose chain its continuation lines must continue. */
    private int flowContainer;
    /** The end of the last source line taken into the flow buffer, and how many lines were taken after the first. */
    private int flowLineEnd;
    private int flowExtraLines;
    /** Where the next line starts when a flow construct took lines after its first, else -1. */
    private int resumeAt = -1;
    private final MdxScanner.Continuation flowLines = this::moreFlow;
    private final InlineParser inline;
    private final ContentMap map = new ContentMap();

    // ---- open blocks, index 0..top ----
    private int top = -1;
    private int[] stKind = new int[32];
    private int[] stNode = new int[32];
    /** Source offset where the block ends so far (end of its last line, line ending excluded). */
    private int[] stEnd = new int[32];
    /** Last line number that belongs to the block so far. */
    private int[] stEndLine = new int[32];
    /** End line of the last counted child that was closed, or -1 before the first. */
    private int[] stChildEndLine = new int[32];
    /** Container depth (block quotes and list items) up to and including this block. */
    private int[] stDepth = new int[32];
    /** Number of block quotes at indexes 1..k. */
    private int[] stQuotes = new int[32];
    /** Per kind: LIST marker byte, ITEM content indent, FENCED fence byte, HTML start condition, TABLE columns. */
    private int[] stA = new int[32];
    /** Per kind: LIST 1 when loose, FENCED fence length. */
    private int[] stB = new int[32];
    /** Per kind: LIST 1 when ordered, FENCED fence indentation in columns. */
    private int[] stC = new int[32];
    /** Stack index of the i-th open block quote. */
    private int[] quoteAt = new int[32];
    /**
     * Runs of JSX elements nested directly in each other (consecutive stack indexes that are all JSX): for each,
     * the run's first index, and at that first index the run's last.
     */
    private int[] jsxRunStart = new int[32];
    private int[] jsxRunTop = new int[32];

    // ---- the open leaf (paragraph, code or HTML block): its lines are the table's tail from leafFirst ----
    private int leafFirst;
    /** INDENTED: last line record that is not blank, or -1. */
    private int leafLastText;
    /**
     * INDENTED: the last line record that is blank but indented four columns or more (v1.5: such lines after the last
     * line of text are the block's trailing lines), or -1.
     */
    private int leafLastIndentedBlank;
    /** INDENTED: whether this line, blank, was indented less than four columns past its containers. */
    private boolean shallowBlankLine;

    // ---- line records ----
    private int lineCount;
    private int[] lineStartAt = new int[64];
    private int[] lineEndAt = new int[64];
    private int[] linePad = new int[64];
    /**
     * Per line record: where the line's indentation starts, past its containers' prefixes (a paragraph's line starts
     * after it); a paragraph line's {@link #linePad} is then the columns of a tab a container took part of.
     */
    private int[] lineIndentAt = new int[64];

    // ---- paragraphs, headings and table cells awaiting the inline phase, in document order ----
    private int leafCount;
    private int[] leafNode = new int[32];
    private int[] leafLines = new int[32];
    /** Line records of the leaf, or {@link #CELL} for a table cell (one record, pipes to unescape). */
    private int[] leafLineCount = new int[32];
    private static final int CELL = -1;

    // ---- the open table: the alignment of each column ----
    private int[] tableAlign = new int[16];

    // ---- content buffer handed to the inline parser ----
    private byte[] scratch = new byte[256];
    private byte[] contentBuf;
    private int contentOff;
    private int contentLen;

    // ---- the current line ----
    private int lineNumber;
    private int lineStart;
    private int lineEnd;
    private int offset;
    private int column;
    private boolean partialTab;
    private int nonspace;
    private int nonspaceColumn;
    private int indent;
    private boolean blank;
    /** A thematic break cannot start before this offset on the current line (an earlier scan failed there). */
    private int breakKill;

    /**
     * Steps taken by the loops whose cost could grow faster than the input if a shortcut broke: open blocks
     * checked per line, new blocks tried per line, bytes scanned for the first non-space and for thematic breaks.
     * Tests hold it to a small multiple of the input size on pathological inputs, which proves linear time
     * without a clock.
     */
    private long work;

    // ---- results of the list marker scan ----
    private int markerByte;
    private boolean markerOrdered;
    private int markerStartNumber;
    private int markerWidth;

    BlockParser(byte[] src, int length, ParseOptions options, TreeBuilder tree) {
        this.src = src;
        this.length = length;
        this.maxDepth = options.maxNestingDepth();
        this.gfm = options.has(Extension.GFM);
        this.micromark = options.flavor() == Flavor.MICROMARK;
        this.math = options.has(Extension.MATH);
        this.frontmatter = options.has(Extension.FRONTMATTER);
        this.mdx = options.dialect() == Dialect.MDX;
        this.tree = tree;
        this.inline = new InlineParser(tree, options);
    }

    /**
     * Readies the parser, with the arrays it grew, for another document: one parser per engine context means
     * steady-state parsing allocates almost nothing. Every field that a parse reads before writing is set here.
     */
    void reset(byte[] src, int length, ParseOptions options) {
        this.src = src;
        this.length = length;
        this.maxDepth = options.maxNestingDepth();
        this.gfm = options.has(Extension.GFM);
        this.micromark = options.flavor() == Flavor.MICROMARK;
        this.math = options.has(Extension.MATH);
        this.frontmatter = options.has(Extension.FRONTMATTER);
        this.mdx = options.dialect() == Dialect.MDX;
        inline.reset(options);
        top = -1;
        leafFirst = 0;
        leafLastText = 0;
        leafLastIndentedBlank = -1;
        lineCount = 0;
        leafCount = 0;
        contentBuf = null;
        contentOff = 0;
        contentLen = 0;
        lineNumber = 0;
        lineStart = 0;
        lineEnd = 0;
        offset = 0;
        column = 0;
        partialTab = false;
        nonspace = 0;
        nonspaceColumn = 0;
        indent = 0;
        blank = false;
        breakKill = 0;
        work = 0;
        markerByte = 0;
        markerOrdered = false;
        markerStartNumber = 0;
        markerWidth = 0;
    }

    /** @return the work counter (see {@link #work}) */
    long work() {
        return work;
    }

    /** @return the inline parser's work counter ({@link InlineParser#work}), definitions included */
    long inlineWork() {
        return inline.work;
    }

    /** Parses the whole input into the tree (node 0 becomes the DOCUMENT), both phases. */
    void parse() {
        int doc = tree.newNode(NodeKind.DOCUMENT, 0, length);
        push(DOCUMENT, doc);
        inline.source(src, length);
        resumeAt = -1;
        // A UTF-8 byte order mark is not content (cmark and commonmark.js skip it too).
        int p = length >= 3 && src[0] == (byte) 0xEF && src[1] == (byte) 0xBB && src[2] == (byte) 0xBF ? 3 : 0;
        if (frontmatter && p < length && (src[p] == '-' || src[p] == '+')) {
            p = frontmatter(p);
        }
        while (p < length) {
            int e = ByteScan.lineEnd(src, p, length);
            lineStart = p;
            lineEnd = e;
            processLine();
            p = resumeAt >= 0 ? resumeAt : nextLine(e);
            resumeAt = -1;
        }
        while (top > 0) {
            if (stKind[top] == JSX && stB[top] == 0) {
                throw unclosedJsx(top, length, null);
            }
            closeTop();
        }
        for (int i = 0; i < leafCount; i++) {
            if (leafLineCount[i] == CELL) {
                buildCellContent(leafLines[i]);
            } else {
                buildContent(leafLines[i], leafLineCount[i]);
            }
            inline.parse(leafNode[i], contentBuf, contentOff, contentLen, map);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // One line
    // ------------------------------------------------------------------------------------------------------

    /**
     * The bytes a line's content (past its indentation) starts with when it opens a block other than a paragraph, or
     * may (outside MDX, not indented): '>' a block quote, '#' a heading, '`' '~' '$' a fence, '<' HTML, '=' '-' a
     * setext underline, '*' '-' '_' a thematic break, '[' a footnote definition, '*' '+' '-' and digits a list item,
     * '|' ':' '-' and the table whitespace VT and FF a table's delimiter row. Any other byte makes the line text,
     * which most lines are: one look here instead of a test per construct.
     */
    private static final boolean[] MAY_START_BLOCK = new boolean[256];

    static {
        for (char c : ">#`~$<=-*_+[|:0123456789".toCharArray()) {
            MAY_START_BLOCK[c] = true;
        }
        MAY_START_BLOCK[0x0B] = true;
        MAY_START_BLOCK['\f'] = true;
    }

    private void processLine() {
        lineNumber++;
        offset = lineStart;
        column = 0;
        partialTab = false;
        nonspace = -1;
        breakKill = 0;

        // 1. Which open blocks does the line continue?
        int k = 1;
        while (k <= top) {
            work++;
            findNonspace();
            int kind = stKind[k];
            if (kind == QUOTE) {
                if (!mdx && indent > 3 || blank || src[nonspace] != '>') {
                    break;
                }
                advance(nonspace + 1 - offset, false);
                if (offset < lineEnd && isSpaceOrTab(src[offset])) {
                    advance(1, true);
                }
                stEnd[k] = lineEnd;
                stEndLine[k] = lineNumber;
            } else if (kind == ITEM) {
                boolean empty = tree.firstChild(stNode[k]) == NIL;
                if (blank && empty) {
                    // An item can begin with at most one blank line (its marker line), whatever the blank line's
                    // indentation (cmark tests the indentation first and keeps "-\n  \n  foo" in the item).
                    break;
                }
                if (indent >= stA[k]) {
                    // Also for blank lines: whitespace past the item's indentation stays content, as in cmark.
                    advance(stA[k], true);
                } else if (blank) {
                    advance(nonspace - offset, false);
                    // Every block between here and the next block quote (or the top) is a list or a list item
                    // with children, which a blank line continues without consuming anything: skip them.
                    int next = stQuotes[k] < stQuotes[top] ? quoteAt[stQuotes[k]] : top;
                    if (next > k + 1) {
                        k = next - 1;
                    }
                } else {
                    break;
                }
            } else if (kind == FENCED) {
                if ((mdx || indent <= 3) && !blank && src[nonspace] == stA[k] && isClosingFence(k)) {
                    int node = stNode[k];
                    tree.setFlags(node, tree.flags(node) & ~(tree.kind(node) == NodeKind.MATH_BLOCK.code()
                            ? FLAG_MATH_UNCLOSED : FLAG_CODE_UNCLOSED));
                    stEnd[k] = lineEnd;
                    stEndLine[k] = lineNumber;
                    closeTop();
                    return;
                }
                for (int i = stC[k]; i > 0 && offset < lineEnd && isSpaceOrTab(src[offset]); i--) {
                    advance(1, true);
                }
            } else if (kind == INDENTED) {
                shallowBlankLine = indent < CODE_INDENT;
                if (indent >= CODE_INDENT) {
                    advance(CODE_INDENT, true);
                } else if (blank) {
                    advance(nonspace - offset, false);
                } else {
                    break;
                }
            } else if (kind == HTML) {
                if (blank && stA[k] >= 6) {
                    break;
                }
            } else if (kind == PARAGRAPH || kind == TABLE) {
                if (blank || kind == TABLE && rowWithoutCells()) {
                    break;
                }
            } else if (kind == FOOTNOTE) {
                if (indent >= FOOTNOTE_INDENT) {
                    advance(FOOTNOTE_INDENT, true);
                } else if (blank) {
                    advance(nonspace - offset, false);
                } else {
                    break;
                }
            } else if (kind == ESM) {
                if (blank) {
                    break;
                }
            } else if (kind == JSX) {
                // A JSX element continues every line without a prefix, and so does every element nested directly
                // in it: skip the whole run at once, or deep nesting would cost its depth on every line. (A blank
                // line in a list item may have skipped to the middle of the run: its top is kept at its start.)
                k = jsxRunTop[jsxRunStart[k]];
            }
            k++;
        }
        int lastMatched = k - 1;

        // 2. Does it open new blocks?
        int container = lastMatched;
        int containerKind = stKind[container];
        boolean maybeLazy = stKind[top] == PARAGRAPH;
        boolean opened = false;
        while (containerKind != FENCED && containerKind != INDENTED && containerKind != HTML && containerKind != ESM) {
            work++;
            findNonspace();
            boolean indented = !mdx && indent >= CODE_INDENT;
            int c = blank ? -1 : src[nonspace] & 0xFF;
            int n;
            if (!mdx && (c < 0 || !indented && !MAY_START_BLOCK[c])) {
                break; // a blank line, or text: none of the tests below can pass (each wants one of these bytes)
            }
            if (mdx && (c == '<' || c == '{') && mdxFlow(container)) {
                return;
            } else if (mdx && c == '<' || mdx && c == '{') {
                break; // text: a paragraph, or a lazy line of one (the checks below cannot start with these bytes)
            } else if (mdx && container == 0 && stKind[top] != PARAGRAPH && nonspace == lineStart && esmStart()) {
                container = open(container, ESM, NodeKind.MDX_ESM, lineStart);
                opened = true;
                break;
            } else if (!indented && c == '>') {
                int start = nonspace;
                advance(nonspace + 1 - offset, false);
                if (offset < lineEnd && isSpaceOrTab(src[offset])) {
                    advance(1, true);
                }
                container = open(container, QUOTE, NodeKind.BLOCK_QUOTE, start);
            } else if (!indented && c == '#' && (n = atxLevel(nonspace)) > 0) {
                atxHeading(container, n);
                return;
            } else if (!indented && (c == '`' || c == '~' || c == '$' && math) && (n = openingFence(nonspace)) > 0) {
                fencedCode(container, n);
                return;
            } else if (!indented && c == '<' && !mdx
                    && (n = HtmlBlocks.startCondition(src, nonspace, lineEnd, stKind[top] != PARAGRAPH)) > 0) {
                // The tag is content: the offset stays where the line's content starts.
                container = open(container, HTML, NodeKind.HTML_BLOCK, offset);
                stA[container] = n;
                tree.setData(stNode[container], n);
                if (n <= 5) {
                    tree.setFlags(stNode[container], FLAG_HTML_UNCLOSED); // until its end marker comes (v1.4)
                }
                opened = true;
                break;
            } else if (!indented && containerKind == PARAGRAPH && (c == '=' || c == '-')
                    && (n = setextLevel(nonspace)) > 0 && setextHeading(container, n)) {
                return;
            } else if (!indented && (c == '*' || c == '-' || c == '_') && nonspace >= breakKill
                    && isThematicBreak(nonspace)) {
                int parent = prepare(container, LEAF);
                int rule = tree.add(NodeKind.THEMATIC_BREAK, stNode[parent], nonspace, lineEnd);
                tree.setData(rule, c); // v1.3: its character
                leafDone(parent);
                return;
            } else if (gfm && !indented && c == '[' && (n = footnoteDefinitionStart(nonspace)) > 0) {
                container = footnoteDefinition(container, n);
            } else if (!indented && c != -1 && listMarker(nonspace, containerKind == PARAGRAPH)) {
                container = listItem(container, containerKind);
            } else if (indented && !maybeLazy && !blank) {
                // v1.5: the bytes of indentation before the block's span, from the first byte at or after the
                // column its four columns start at (past a tab its container took columns of).
                int indentation = partialTab ? offset + 1 : offset;
                advance(CODE_INDENT, true);
                container = open(container, INDENTED, NodeKind.CODE_BLOCK, offset);
                tree.setData(stNode[container], offset - indentation);
                leafLastText = -1;
                leafLastIndentedBlank = -1;
                opened = true;
                break;
            } else if (gfm && !indented && containerKind == PARAGRAPH && c != -1
                    && (n = delimiterRow(nonspace)) > 0 && tableStart(container, n)) {
                return;
            } else {
                break;
            }
            opened = true;
            containerKind = stKind[container];
            maybeLazy = false;
        }

        // 3. What is left of the line is text for the container, or a lazy continuation line.
        findNonspace();
        if (!opened && lastMatched < top && !blank && stKind[top] == PARAGRAPH) {
            addParagraphLine(top);
            return;
        }
        closeAbove(container);
        int kind = stKind[container];
        if (kind == FENCED || kind == INDENTED || kind == ESM) {
            addCodeLine(container);
        } else if (kind == HTML) {
            addCodeLine(container);
            int type = stA[container];
            if (type <= 5 && HtmlBlocks.endCondition(type, src, nonspace, lineEnd)) {
                tree.setFlags(stNode[container], 0);
                closeTop();
            }
        } else if (blank) {
            // Nothing: blank lines only end blocks (already done) and separate them (seen through line numbers).
        } else if (kind == TABLE) {
            tableRow(container, false);
        } else if (kind == PARAGRAPH) {
            addParagraphLine(container);
        } else {
            container = open(container, PARAGRAPH, NodeKind.PARAGRAPH, nonspace);
            addParagraphLine(container);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Column arithmetic
    // ------------------------------------------------------------------------------------------------------

    /**
     * Finds the first non-space byte from the offset. The result is kept while the offset stays before it, so
     * that containers consuming a long run of indentation one after the other scan it once.
     */
    private void findNonspace() {
        if (nonspace <= offset) {
            int p = offset;
            int col = column;
            while (p < lineEnd) {
                work++;
                byte b = src[p];
                if (b == ' ') {
                    col++;
                } else if (b == '\t') {
                    col += TAB_STOP - col % TAB_STOP;
                } else {
                    break;
                }
                p++;
            }
            nonspace = p;
            nonspaceColumn = col;
        }
        indent = nonspaceColumn - column;
        blank = nonspace == lineEnd;
    }

    /**
     * Advances by {@code count} bytes, or by {@code count} columns when {@code columns} is set; in the latter case
     * a tab may be consumed in part, leaving the offset on it with {@link #partialTab} set.
     */
    private void advance(int count, boolean columns) {
        while (count > 0 && offset < lineEnd) {
            if (src[offset] == '\t') {
                int toTab = TAB_STOP - column % TAB_STOP;
                if (columns) {
                    partialTab = toTab > count;
                    int step = Math.min(count, toTab);
                    column += step;
                    if (!partialTab) {
                        offset++;
                    }
                    count -= step;
                } else {
                    partialTab = false;
                    column += toTab;
                    offset++;
                    count--;
                }
            } else {
                partialTab = false;
                offset++;
                column++;
                count--;
            }
        }
    }

    private static boolean isSpaceOrTab(byte b) {
        return b == ' ' || b == '\t';
    }

    // ------------------------------------------------------------------------------------------------------
    // Block starts
    // ------------------------------------------------------------------------------------------------------

    /** @return the level of an ATX heading opening at {@code p}, or 0 */
    private int atxLevel(int p) {
        int q = p;
        while (q < lineEnd && src[q] == '#' && q - p < 7) {
            q++;
        }
        int level = q - p;
        if (level > 6 || q < lineEnd && !isSpaceOrTab(src[q])) {
            return 0;
        }
        return level;
    }

    private void atxHeading(int container, int level) {
        int parent = prepare(container, LEAF);
        int node = tree.add(NodeKind.HEADING, stNode[parent], nonspace, lineEnd);
        tree.setData(node, level);
        int s = nonspace + level;
        while (s < lineEnd && isSpaceOrTab(src[s])) {
            s++;
        }
        int e = lineEnd;
        while (e > s && isSpaceOrTab(src[e - 1])) {
            e--;
        }
        int h = e;
        while (h > s && src[h - 1] == '#') {
            h--;
        }
        if (h < e) {
            if (h == s) {
                e = s; // only a closing sequence (s is past at least one space after the opening one)
            } else if (isSpaceOrTab(src[h - 1])) {
                e = h;
                while (e > s && isSpaceOrTab(src[e - 1])) {
                    e--;
                }
            }
        }
        addLine(s, e, 0);
        addLeaf(node, lineCount - 1, 1);
        leafDone(parent);
    }

    /**
     * @return the length of an opening code fence at {@code p} (three or more backticks or tildes), or of a math
     * fence (two or more dollars), or 0
     */
    private int openingFence(int p) {
        byte fence = src[p];
        int q = p;
        while (q < lineEnd && src[q] == fence) {
            q++;
        }
        int n = q - p;
        work += n;
        if (n < (fence == '$' ? 2 : 3)) {
            return 0;
        }
        if (fence == '`' || fence == '$') {
            work += lineEnd - q;
            for (int i = q; i < lineEnd; i++) {
                if (src[i] == fence) {
                    return 0;
                }
            }
        }
        return n;
    }

    /**
     * A fenced code block, or a math block (a fence of dollars), whose meta is the rest of the fence line as it
     * stands where a code block's info string is decoded.
     */
    private void fencedCode(int container, int fenceLength) {
        int start = nonspace;
        boolean isMath = src[start] == '$';
        int k = open(container, FENCED, isMath ? NodeKind.MATH_BLOCK : NodeKind.CODE_BLOCK, start);
        int node = stNode[k];
        stA[k] = src[start];
        stB[k] = fenceLength;
        stC[k] = indent;
        // Unclosed until its closing fence comes (v1.3).
        if (isMath) {
            tree.setFlags(node, FLAG_MATH_UNCLOSED);
        } else {
            tree.setFlags(node, FLAG_CODE_FENCED | FLAG_CODE_UNCLOSED);
            tree.setData(node, src[start]);
        }
        int s = start + fenceLength;
        while (s < lineEnd && isSpaceOrTab(src[s])) {
            s++;
        }
        int e = lineEnd;
        while (e > s && isSpaceOrTab(src[e - 1])) {
            e--;
        }
        if (s < e) {
            tree.beginString();
            if (isMath) {
                appendLiteral(s, e);
            } else {
                InlineParser.appendUnescaped(tree, src, s, e);
            }
            tree.setString(node, 1, tree.endString());
        }
    }

    /**
     * Frontmatter at {@code p}, the document's first byte (after a byte order mark): a fence of exactly three
     * {@code -} (YAML) or {@code +} (TOML) with nothing but spaces and tabs after it, the lines of the matter,
     * and the same fence again, as markdown-rs reads it. Without a closing fence the lines are read as usual.
     *
     * @return where the lines after the frontmatter start, or {@code p} if there is none
     */
    private int frontmatter(int p) {
        byte marker = src[p];
        int open = ByteScan.lineEnd(src, p, length);
        if (!isFence(marker, p, open) || open == length) {
            return p;
        }
        int line = nextLine(open);
        int lines = 1;
        while (line < length) {
            int e = ByteScan.lineEnd(src, line, length);
            lines++;
            work += e - line + 1;
            if (isFence(marker, line, e)) {
                lineNumber += lines;
                lineStart = p;
                lineEnd = e;
                int parent = prepare(0, LEAF);
                int node = tree.add(NodeKind.FRONTMATTER, stNode[parent], p, e);
                tree.setData(node, marker == '-' ? FRONTMATTER_YAML : FRONTMATTER_TOML);
                tree.beginString();
                for (int s = nextLine(open); s < line; ) {
                    int le = ByteScan.lineEnd(src, s, length);
                    appendLiteral(s, le);
                    tree.append((byte) '\n');
                    s = nextLine(le);
                }
                tree.setString(node, 0, tree.endString());
                leafDone(parent);
                return nextLine(e);
            }
            line = nextLine(e);
        }
        return p;
    }

    // ------------------------------------------------------------------------------------------------------
    // MDX in flow
    // ------------------------------------------------------------------------------------------------------

    /** Whether the line is ESM: {@code import} or {@code export} and a space at its first byte. */
    private boolean esmStart() {
        return startsWith(lineStart, "import ") || startsWith(lineStart, "export ");
    }

    private boolean startsWith(int p, String word) {
        if (lineEnd - p < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (src[p + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tags and expressions in flow: from the line's first non-blank byte, a run of JSX tags and expressions with
     * only spaces and tabs between and after them, as markdown-rs's flow constructs read it. A tag or an
     * expression may go on over the next lines (with their container prefixes; a lazy one fails). An opening
     * tag opens an element that holds the blocks up to its closing tag; a self-closing tag and an expression
     * are leaves.
     *
     * @return whether the line was that; if not, it is text for a paragraph
     */
    private boolean mdxFlow(int container) {
        flowLen = 0;
        flowMap.reset();
        flowContainer = container;
        flowExtraLines = 0;
        flowLineEnd = lineEnd;
        appendFlow(nonspace, lineEnd);
        flowMap.addLine(0, nonspace, nextLine(lineEnd));
        MdxScanner t = flowScanner;
        t.continueWith(flowLines);
        int constructs = 0;
        try {
            int q = 0;
            while (true) {
                while (q < flowLen && (flowBuf[q] == ' ' || flowBuf[q] == '\t')) {
                    q++;
                }
                if (q >= flowLen) {
                    break;
                }
                byte c = flowBuf[q];
                int e;
                if (c == '<') {
                    e = t.tag(flowBuf, q, flowLen);
                } else if (c == '{') {
                    e = t.expression(flowBuf, q, flowLen);
                } else {
                    e = MdxScanner.NOK;
                }
                flowBuf = t.buffer();
                if (e == MdxScanner.NOK) {
                    return false;
                }
                constructs++;
                q = e;
            }
        } catch (MdxScanner.Failure f) {
            throw MdxNodes.syntaxError(src, length, flowMap.toSource(f.at), -1, f.ruleId, f.reason);
        } finally {
            t.continueWith(null);
        }
        work += flowLen;
        // The run is flow: make its nodes, reading the tags again from the complete buffer.
        int cur = container;
        int q = 0;
        for (int i = 0; i < constructs; i++) {
            while (flowBuf[q] == ' ' || flowBuf[q] == '\t') {
                q++;
            }
            if (flowBuf[q] == '{') {
                int e = t.expression(flowBuf, q, flowLen);
                int parent = prepare(cur, LEAF);
                int node = tree.add(NodeKind.MDX_EXPRESSION_FLOW, stNode[parent], flowMap.toSource(q),
                        flowMap.toSource(e));
                tree.setString(node, 0, tree.string(flowBuf, q + 1, e - q - 2));
                leafDone(parent);
                cur = parent;
                q = e;
            } else {
                int e = t.tag(flowBuf, q, flowLen);
                cur = flowTag(cur, q, e);
                q = e;
            }
        }
        work += flowLen; // the second reading
        if (flowExtraLines > 0) {
            lineNumber += flowExtraLines;
            lineEnd = flowLineEnd;
            resumeAt = nextLine(flowLineEnd);
            if (cur > 0) {
                // Its ancestors learn the end when it closes.
                stEnd[cur] = Math.max(stEnd[cur], flowLineEnd);
                stEndLine[cur] = lineNumber;
            }
        }
        return true;
    }

    /** One tag of a flow run at {@code flowBuf[q, e)}, in the block at {@code cur}; returns where the next goes. */
    private int flowTag(int cur, int q, int e) {
        MdxScanner t = flowScanner;
        int start = flowMap.toSource(q);
        int stop = flowMap.toSource(e);
        if (!t.closing) {
            if (t.selfClosing) {
                int parent = prepare(cur, LEAF);
                int node = tree.add(NodeKind.MDX_JSX_FLOW, stNode[parent], start, stop);
                MdxNodes.tagFields(tree, node, t, flowBuf, flowMap);
                leafDone(parent);
                return parent;
            }
            int k = open(cur, JSX, NodeKind.MDX_JSX_FLOW, start);
            MdxNodes.tagFields(tree, stNode[k], t, flowBuf, flowMap);
            stB[k] = 0; // not closed by a tag yet
            stA[k] = start;
            stEnd[k] = stop;
            return k;
        }
        closeAbove(cur);
        while (!canContain(stKind[cur], LEAF)) {
            closeTop(); // the paragraph (or other leaf) the closing tag interrupts
            cur--;
        }
        int element = cur;
        while (element > 0 && stKind[element] != JSX) {
            element--;
        }
        if (element == 0) {
            int slash = q + 1;
            while (flowBuf[slash] != '/') {
                slash++;
            }
            throw MdxNodes.syntaxError(src, length, flowMap.toSource(slash), -1, "unexpected-closing-slash",
                    "Unexpected closing slash `/` in tag, expected an open tag first");
        }
        if (t.closingExtra >= 0) {
            throw MdxNodes.syntaxError(src, length, flowMap.toSource(t.closingExtra), -1,
                    t.closingExtraIsSlash ? "unexpected-self-closing-slash" : "unexpected-attribute",
                    t.closingExtraIsSlash ? "Unexpected self-closing slash `/` in closing tag, expected the end of the tag"
                    : "Unexpected attribute in closing tag, expected the end of the tag");
        }
        if (element < cur) {
            // The element is outside a container the closing tag is in.
            throw MdxNodes.syntaxError(src, length, stA[element], -1, "end-tag-mismatch", "Expected the closing tag `"
                    + MdxNodes.closingLabel(flowBuf, t) + "` either before the start of `" + blockName(element + 1)
                    + "` (" + MdxNodes.lineColumn(src, length, tree.spanStart(stNode[element + 1])) + "), or another "
                    + "opening tag after that start");
        }
        if (!MdxNodes.sameName(tree, stNode[element], flowBuf, t)) {
            throw MdxNodes.syntaxError(src, length, start, stop, "end-tag-mismatch", "Unexpected closing tag `"
                    + MdxNodes.closingLabel(flowBuf, t) + "`, expected corresponding closing tag for `"
                    + MdxNodes.label(tree, stNode[element], false) + "` (" + MdxNodes.lineColumn(src, length, stA[element])
                    + ")");
        }
        stB[element] = 1;
        stEnd[element] = stop;
        stEndLine[element] = lineNumber + flowExtraLines;
        closeTop();
        return element - 1;
    }

    /** markdown-rs's name of the container at stack index {@code k}, for messages. */
    private String blockName(int k) {
        switch (stKind[k]) {
            case QUOTE:
                return "BlockQuote";
            case ITEM:
                return "ListItem";
            case LIST:
                return stC[k] == 1 ? "ListOrdered" : "ListUnordered";
            case FOOTNOTE:
                return "GfmFootnoteDefinition";
            case JSX:
                return "MdxJsxFlowTag";
            default:
                return "Paragraph";
        }
    }

    /** The element at stack index {@code k} is still open where its parent (of {@code parentKind}) ends. */
    private OcpException unclosedJsx(int k, int at, Integer parentKind) {
        return MdxNodes.syntaxError(src, length, at, -1, "end-tag-mismatch", "Expected a closing tag for `"
                + MdxNodes.label(tree, stNode[k], false) + "` (" + MdxNodes.lineColumn(src, length, stA[k]) + ")"
                + (parentKind == null ? "" : " before the end of `" + blockName(k - 1) + "`"));
    }

    /** Appends {@code src[from, to)} to the flow buffer. */
    private void appendFlow(int from, int to) {
        int n = to - from;
        if (flowLen + n + 1 > flowBuf.length) {
            flowBuf = Arrays.copyOf(flowBuf, Math.max(flowBuf.length * 2, flowLen + n + 1));
        }
        System.arraycopy(src, from, flowBuf, flowLen, n);
        flowLen += n;
    }

    /**
     * The scanner reached the end of the flow buffer inside a tag or an expression: appends the next source line
     * (a line feed, then the line after the prefixes of the containers the construct is in), or fails if that line
     * is lazy (does not continue those containers).
     */
    private boolean moreFlow(MdxScanner scanner, boolean inExpression) {
        if (flowLineEnd >= length) {
            return false;
        }
        int ls = nextLine(flowLineEnd);
        if (ls >= length && (flowLineEnd + 1 > length || ls == flowLineEnd)) {
            return false;
        }
        int le = ByteScan.lineEnd(src, ls, length);
        int content = continuedContent(ls, le);
        if (flowLen + 1 > flowBuf.length) {
            flowBuf = Arrays.copyOf(flowBuf, flowBuf.length * 2);
        }
        flowBuf[flowLen++] = '\n';
        if (content < 0) {
            flowMap.addLine(flowLen, ls, nextLine(le));
            throw new MdxScanner.Failure(flowLen, "unexpected-lazy", "Unexpected lazy line in "
                    + (inExpression ? "expression" : "jsx") + " in container, expected line to be prefixed with `>` when "
                    + "in a block quote, whitespace when in a list, etc");
        }
        flowMap.addLine(flowLen, content, nextLine(le));
        appendFlow(content, le);
        flowLineEnd = le;
        flowExtraLines++;
        work += le - ls + 1;
        scanner.grow(flowBuf, flowLen);
        return true;
    }

    /**
     * Where the content of line {@code src[ls, le)} starts inside the containers of the flow construct (block
     * quotes take their {@code >} and a space, items and footnote definitions their indentation, JSX elements
     * nothing), or -1 if the line does not continue one of them.
     */
    private int continuedContent(int ls, int le) {
        int p = ls;
        int col = 0;
        for (int k = 1; k <= flowContainer; k++) {
            int kind = stKind[k];
            if (kind == JSX) {
                k = Math.min(jsxRunTop[k], flowContainer);
                continue;
            }
            if (kind == LIST) {
                continue;
            }
            int q = p;
            int c = col;
            while (q < le && (src[q] == ' ' || src[q] == '\t')) {
                c += src[q] == '\t' ? TAB_STOP - c % TAB_STOP : 1;
                q++;
            }
            boolean blankLine = q == le;
            if (kind == QUOTE) {
                if (blankLine || !mdx && c - col > 3 || src[q] != '>') {
                    return -1;
                }
                q++;
                c++;
                if (q < le && (src[q] == ' ' || src[q] == '\t')) {
                    c += src[q] == '\t' ? TAB_STOP - c % TAB_STOP : 1;
                    q++;
                }
                p = q;
                col = c;
            } else if (kind == ITEM || kind == FOOTNOTE) {
                int need = kind == ITEM ? stA[k] : FOOTNOTE_INDENT;
                if (blankLine) {
                    return q;
                }
                if (c - col < need) {
                    return -1;
                }
                int target = col + need;
                while (col < target) {
                    col += src[p] == '\t' ? TAB_STOP - col % TAB_STOP : 1;
                    p++;
                }
            }
        }
        return p;
    }

    /** Whether {@code src[from, to)} is a frontmatter fence of {@code marker}: three of it, then spaces or tabs. */
    private boolean isFence(byte marker, int from, int to) {
        if (to - from < 3 || src[from] != marker || src[from + 1] != marker || src[from + 2] != marker) {
            return false;
        }
        for (int i = from + 3; i < to; i++) {
            if (!isSpaceOrTab(src[i])) {
                return false;
            }
        }
        return true;
    }

    /** The start of the line after the line ending at {@code lineEnd} (LF, CR or CR LF), or the input's length. */
    private int nextLine(int lineEnd) {
        if (lineEnd + 1 < length && src[lineEnd] == '\r' && src[lineEnd + 1] == '\n') {
            return lineEnd + 2;
        }
        return Math.min(lineEnd + 1, length);
    }

    private boolean isClosingFence(int k) {
        byte fence = (byte) stA[k];
        int q = nonspace;
        while (q < lineEnd && src[q] == fence) {
            q++;
        }
        work += q - nonspace;
        if (q - nonspace < stB[k]) {
            return false;
        }
        while (q < lineEnd && isSpaceOrTab(src[q])) {
            q++;
        }
        return q == lineEnd;
    }

    /** @return 1 or 2 if the line from {@code p} is a setext heading underline, else 0 */
    private int setextLevel(int p) {
        byte m = src[p];
        int q = p;
        while (q < lineEnd && src[q] == m) {
            q++;
        }
        while (q < lineEnd && isSpaceOrTab(src[q])) {
            q++;
        }
        if (q != lineEnd) {
            return 0;
        }
        return m == '=' ? 1 : 2;
    }

    /**
     * Turns the paragraph on top ({@code k}) into a setext heading of {@code level} ending on this line, unless
     * it held nothing but link reference definitions.
     *
     * @return {@code false} if the paragraph was only definitions (the line is then tried as something else)
     */
    private boolean setextHeading(int k, int level) {
        int paragraphStart = tree.spanStart(stNode[k]);
        int remaining = resolveDefinitions(k);
        if (remaining == 0) {
            return false;
        }
        int node = stNode[k];
        if (tree.spanStart(node) != paragraphStart) {
            tree.setNumber(node, 0, paragraphStart); // v1.5: where the paragraph began, before its definitions
        }
        tree.setKind(node, NodeKind.HEADING);
        tree.setData(node, level);
        tree.setFlags(node, FLAG_HEADING_SETEXT);
        stKind[k] = HEADING;
        stEnd[k] = lineEnd;
        stEndLine[k] = lineNumber;
        addLeaf(node, leafFirst, remaining);
        closeTop();
        return true;
    }

    private boolean isThematicBreak(int p) {
        byte m = src[p];
        int count = 0;
        for (int i = p; i < lineEnd; i++) {
            work++;
            byte b = src[i];
            if (b == m) {
                count++;
            } else if (!isSpaceOrTab(b)) {
                breakKill = i;
                return false;
            }
        }
        if (count < 3) {
            breakKill = lineEnd;
            return false;
        }
        return true;
    }

    /**
     * Scans a list marker at {@code p}, filling the {@code marker*} fields.
     *
     * @param interruptsParagraph whether the item would interrupt a paragraph (then it must not be empty and an
     *                            ordered one must start at 1)
     */
    private boolean listMarker(int p, boolean interruptsParagraph) {
        byte c = src[p];
        int next;
        if (c == '*' || c == '+' || c == '-') {
            markerByte = c;
            markerOrdered = false;
            markerStartNumber = 0;
            next = p + 1;
        } else if (c >= '0' && c <= '9') {
            int q = p;
            int value = 0;
            while (q < lineEnd && q - p < 10 && src[q] >= '0' && src[q] <= '9') {
                value = value * 10 + (src[q] - '0');
                q++;
            }
            if (q - p > 9 || q >= lineEnd || src[q] != '.' && src[q] != ')') {
                return false;
            }
            markerByte = src[q];
            markerOrdered = true;
            markerStartNumber = value;
            next = q + 1;
        } else {
            return false;
        }
        if (next < lineEnd && !isSpaceOrTab(src[next])) {
            return false;
        }
        if (interruptsParagraph) {
            if (markerOrdered && markerStartNumber != 1) {
                return false;
            }
            int q = next;
            while (q < lineEnd && isSpaceOrTab(src[q])) {
                q++;
            }
            if (q == lineEnd) {
                return false;
            }
        }
        markerWidth = next - p;
        return true;
    }

    /** Opens a list item (and its list unless {@code container} is a list it continues) for the scanned marker. */
    private int listItem(int container, int containerKind) {
        int start = nonspace;
        int markerIndent = indent;
        advance(nonspace + markerWidth - offset, false);
        boolean savedPartial = partialTab;
        int savedOffset = offset;
        int savedColumn = column;
        while (column - savedColumn <= 5 && offset < lineEnd && isSpaceOrTab(src[offset])) {
            advance(1, true);
        }
        int spaces = column - savedColumn;
        int padding;
        if (spaces >= 5 || spaces < 1 || offset == lineEnd) {
            // Content starts one column after the marker: indented code, blank start, or no space at all.
            padding = markerWidth + 1;
            offset = savedOffset;
            column = savedColumn;
            partialTab = savedPartial;
            if (spaces > 0) {
                advance(1, true);
            }
        } else {
            padding = markerWidth + spaces;
        }
        if (containerKind != LIST || stA[container] != markerByte || (stC[container] == 1) != markerOrdered) {
            container = open(container, LIST, NodeKind.LIST, start);
            int list = stNode[container];
            stA[container] = markerByte;
            stC[container] = markerOrdered ? 1 : 0;
            tree.setData(list, markerByte);
            if (markerOrdered) {
                tree.setFlags(list, FLAG_LIST_ORDERED);
                tree.setNumber(list, 0, markerStartNumber);
            }
        }
        int item = open(container, ITEM, NodeKind.LIST_ITEM, start);
        stA[item] = markerIndent + padding;
        return item;
    }

    // ------------------------------------------------------------------------------------------------------
    // GFM blocks
    // ------------------------------------------------------------------------------------------------------

    /**
     * Scans a footnote definition's start {@code [^label]:} at {@code p}: a label of at least one byte, none of them
     * {@code ]}, a space, a tab or NUL. With {@link Flavor#MICROMARK}, as micromark reads one: a backslash takes the
     * {@code [ \ ]} after it into the label ({@code [^a\]b]:}), and an unescaped {@code [} is no label.
     *
     * @return the index of the label's {@code ]}, or 0 if there is no definition start
     */
    private int footnoteDefinitionStart(int p) {
        if (p + 1 >= lineEnd || src[p + 1] != '^') {
            return 0;
        }
        int q = p + 2;
        while (q < lineEnd) {
            byte b = src[q];
            if (b == ']' || b == ' ' || b == '\t' || b == 0) {
                break;
            }
            if (micromark) {
                if (b == '[') {
                    return 0;
                }
                if (b == '\\' && q + 1 < lineEnd && (src[q + 1] == '[' || src[q + 1] == '\\' || src[q + 1] == ']')) {
                    q++;
                }
            }
            q++;
        }
        work += q - p;
        if (q == p + 2 || q + 1 >= lineEnd || src[q] != ']' || src[q + 1] != ':') {
            return 0;
        }
        return q;
    }

    /** Opens a footnote definition whose label ends at {@code labelEnd}; its content starts after the spaces. */
    private int footnoteDefinition(int container, int labelEnd) {
        int start = nonspace;
        advance(labelEnd + 2 - offset, false);
        // Columns count characters as UTF-16 code units (as commonmark-java and micromark do), not bytes: a
        // tab after a non-ASCII label stops where theirs does.
        for (int i = start + 2; i < labelEnd; i++) {
            int b = src[i] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                column--; // a continuation byte
            } else if (b >= 0xF0) {
                column++; // a four-byte character is a surrogate pair: two units for its four bytes
            }
        }
        while (offset < lineEnd && isSpaceOrTab(src[offset])) {
            advance(1, false);
        }
        int k = open(container, FOOTNOTE, NodeKind.FOOTNOTE_DEFINITION, start);
        tree.setString(stNode[k], 2, tree.string(src, start + 2, labelEnd - start - 2));
        inline.addFootnote(src, start + 2, labelEnd);
        return k;
    }

    /** Table whitespace, cmark-gfm's {@code spacechar}: space, tab, vertical tab, form feed. */
    private static boolean isTableSpace(byte b) {
        return b == ' ' || b == '\t' || b == 0x0B || b == '\f';
    }

    private int skipTableSpace(int q) {
        while (q < lineEnd && isTableSpace(src[q])) {
            q++;
        }
        return q;
    }

    /**
     * Scans a table delimiter row at {@code p}: cells of an optional {@code :}, dashes and an optional {@code :},
     * separated by single pipes, with optional outer pipes and table whitespace around each. Records each
     * column's alignment in {@link #tableAlign}.
     *
     * @return the number of cells, or 0 if the line is no delimiter row
     */
    private int delimiterRow(int p) {
        int q = p;
        if (src[q] == '|') {
            q++;
        }
        int cells = 0;
        while (true) {
            q = skipTableSpace(q);
            boolean left = q < lineEnd && src[q] == ':';
            if (left) {
                q++;
            }
            int dashes = q;
            while (q < lineEnd && src[q] == '-') {
                q++;
            }
            work += q - dashes + 1;
            if (q == dashes) {
                return 0;
            }
            boolean right = q < lineEnd && src[q] == ':';
            if (right) {
                q++;
            }
            if (cells == tableAlign.length) {
                tableAlign = Arrays.copyOf(tableAlign, cells * 2);
            }
            tableAlign[cells++] = left && right ? ALIGN_CENTER : left ? ALIGN_LEFT : right ? ALIGN_RIGHT : ALIGN_NONE;
            q = skipTableSpace(q);
            if (q == lineEnd) {
                return cells;
            }
            if (src[q] != '|') {
                return 0;
            }
            q = skipTableSpace(q + 1);
            if (q == lineEnd) {
                return cells;
            }
        }
    }

    /**
     * Splits the row {@code src[from, to)} into cells as cmark-gfm does: an optional leading pipe, then cells
     * separated by pipes that do not follow a backslash, table whitespace after
     * each pipe skipped, no empty cell after a trailing pipe. Calls {@link #cell} for each cell while
     * {@code limit} allows, and counts them all.
     *
     * @param row   the TABLE_ROW node to add cells to, or {@link #NIL} to count only
     * @param limit cells to add at most
     * @return the number of cells of the row
     */
    private int splitRow(int from, int to, int row, int limit, boolean header) {
        int q = from;
        int pipe = NIL;
        if (q < to && src[q] == '|') {
            pipe = q;
            q = skipTableSpaceTo(q + 1, to);
        }
        int cells = 0;
        while (q < to) {
            int cellStart = q;
            // A pipe right after a backslash is the cell's (cmark-gfm's cell scanner takes the longest match, so
            // even in \\| the backslash before the pipe escapes it).
            while (q < to && (src[q] != '|' || q > cellStart && src[q - 1] == '\\')) {
                q++;
            }
            work += q - cellStart + 1;
            boolean endsAtPipe = q < to;
            if (q > cellStart || endsAtPipe) {
                if (row != NIL && cells < limit) {
                    cell(row, pipe, cellStart, q, cells, header);
                }
                cells++;
            }
            if (!endsAtPipe) {
                break;
            }
            pipe = q;
            q = skipTableSpaceTo(q + 1, to);
        }
        return cells;
    }

    /**
     * Whether the line has no cells for a table row (cmark-gfm's row parser finds none): nothing but an optional
     * pipe and table whitespace. Such a line ends a table, as a blank line does.
     */
    private boolean rowWithoutCells() {
        int q = nonspace;
        if (q < lineEnd && src[q] == '|') {
            q = skipTableSpaceTo(q + 1, lineEnd);
        }
        return q == lineEnd;
    }

    private int skipTableSpaceTo(int q, int to) {
        while (q < to && isTableSpace(src[q])) {
            q++;
        }
        return q;
    }

    /**
     * Adds the cell {@code src[from, to)} (trimmed) of column {@code column} to {@code row}, after the pipe at
     * {@code pipe} ({@link #NIL} for a first cell without one); queues its content.
     */
    private void cell(int row, int pipe, int from, int to, int column, boolean header) {
        while (from < to && isTableSpace(src[from])) {
            from++;
        }
        while (to > from && isTableSpace(src[to - 1])) {
            to--;
        }
        int cell = tree.add(NodeKind.TABLE_CELL, row, from, to);
        tree.setData(cell, tableAlign[column]);
        if (pipe != NIL) {
            tree.setNumber(cell, 0, pipe); // v1.5: the pipe it starts after
        }
        if (header) {
            tree.setFlags(cell, FLAG_TABLE_HEADER);
        }
        if (to > from) {
            addLine(from, to, 0);
            addLeaf(cell, lineCount - 1, CELL);
        }
    }

    /**
     * Turns the last line of the paragraph {@code k} into a table's header row if it has {@code columns} cells
     * (those of the delimiter row on this line); the paragraph's earlier lines stay a paragraph.
     *
     * @return whether the table was made (else the line goes on as it would have)
     */
    private boolean tableStart(int k, int columns) {
        int h = lineCount - 1;
        int headerStart = lineStartAt[h];
        int headerEnd = lineEndAt[h];
        if (splitRow(headerStart, headerEnd, NIL, 0, true) != columns) {
            return false;
        }
        int t;
        if (h > leafFirst) {
            lineCount = h;
            stEnd[k] = lineEndAt[h - 1];
            stEndLine[k] = lineNumber - 2;
            int parent = k - 1;
            closeTop();
            t = push(TABLE, tree.add(NodeKind.TABLE, stNode[parent], headerStart, lineEnd));
        } else {
            lineCount = h;
            t = k;
            stKind[t] = TABLE;
            tree.setKind(stNode[t], NodeKind.TABLE);
        }
        stA[t] = columns;
        int row = tree.add(NodeKind.TABLE_ROW, stNode[t], headerStart, headerEnd);
        tree.setFlags(row, FLAG_TABLE_HEADER);
        splitRow(headerStart, headerEnd, row, columns, true);
        stEnd[t] = lineEnd;
        stEndLine[t] = lineNumber;
        return true;
    }

    /** Adds the rest of the line as a body row of table {@code t}, cut or padded to its columns. */
    private void tableRow(int t, boolean header) {
        int row = tree.add(NodeKind.TABLE_ROW, stNode[t], nonspace, lineEnd);
        int columns = stA[t];
        int cells = splitRow(nonspace, lineEnd, row, columns, header);
        for (int c = cells; c < columns; c++) {
            tree.setData(tree.add(NodeKind.TABLE_CELL, row, lineEnd, lineEnd), tableAlign[c]);
        }
        stEnd[t] = lineEnd;
        stEndLine[t] = lineNumber;
    }

    /**
     * Flags the item above paragraph {@code k} as a task-list item when the paragraph is the item's first child,
     * starts with {@code [ ]}, {@code [x]} or {@code [X]} followed by whitespace (spaces or tabs, or the line's
     * end), and goes on after it: more on that line, or another line (as micromark and cmark-gfm read
     * {@code - [ ]} at the end of a line). The paragraph may start on a line after the item's marker, as in
     * micromark and commonmark-java. The paragraph then starts after the whitespace, at the
     * line's end when nothing is left on it (its first line is then empty, and the content starts with a line
     * break).
     *
     * @param lines the paragraph's number of lines
     */
    private void taskItem(int k, int lines) {
        int item = stNode[k - 1];
        int node = stNode[k];
        int s = lineStartAt[leafFirst];
        int e = lineEndAt[leafFirst];
        if (tree.firstChild(item) != node || s + 3 > e || src[s] != '[' || src[s + 2] != ']'
                || (s + 3 < e && !isSpaceOrTab(src[s + 3]))) {
            return;
        }
        byte check = src[s + 1];
        if (check != ' ' && check != 'x' && check != 'X') {
            return;
        }
        int content = s + 3;
        while (content < e && isSpaceOrTab(src[content])) {
            content++;
        }
        if (content == e && lines == 1) {
            return;
        }
        tree.setFlags(item, tree.flags(item) | FLAG_ITEM_TASK | (check == ' ' ? 0 : FLAG_ITEM_CHECKED));
        tree.setNumber(item, 0, s); // v1.5: where the check starts, which the paragraph's span leaves out
        lineStartAt[leafFirst] = content;
        tree.setSpan(node, content, tree.spanEnd(node));
    }

    // ------------------------------------------------------------------------------------------------------
    // The stack
    // ------------------------------------------------------------------------------------------------------

    /** Pseudo kind for {@link #prepare}: a leaf that is added and closed at once (heading, thematic break). */
    private static final int LEAF = -1;

    private static boolean canContain(int parent, int child) {
        switch (parent) {
            case DOCUMENT:
            case QUOTE:
            case ITEM:
            case FOOTNOTE:
            case JSX:
                return child != ITEM;
            case LIST:
                return child == ITEM;
            default:
                return false;
        }
    }

    /**
     * Closes the blocks the line did not continue (above {@code container}) and then the ones that cannot hold
     * a child of {@code kind}.
     *
     * @return the index of the block that gets the child
     */
    private int prepare(int container, int kind) {
        closeAbove(container);
        int parent = container;
        while (!canContain(stKind[parent], kind)) {
            closeTop();
            parent--;
        }
        childStarts(parent);
        return parent;
    }

    /** Opens a block of {@code kind} as a child of {@code container} (or of the first ancestor that can hold it). */
    private int open(int container, int kind, NodeKind nodeKind, int start) {
        int parent = prepare(container, kind);
        int node = tree.add(nodeKind, stNode[parent], start, lineEnd);
        int k = push(kind, node);
        if (kind == PARAGRAPH || kind == FENCED || kind == INDENTED || kind == HTML || kind == ESM) {
            leafFirst = lineCount;
        }
        return k;
    }

    private int push(int kind, int node) {
        int k = ++top;
        if (k == stKind.length) {
            int n = k * 2;
            stKind = Arrays.copyOf(stKind, n);
            stNode = Arrays.copyOf(stNode, n);
            stEnd = Arrays.copyOf(stEnd, n);
            stEndLine = Arrays.copyOf(stEndLine, n);
            stChildEndLine = Arrays.copyOf(stChildEndLine, n);
            stDepth = Arrays.copyOf(stDepth, n);
            stQuotes = Arrays.copyOf(stQuotes, n);
            stA = Arrays.copyOf(stA, n);
            stB = Arrays.copyOf(stB, n);
            stC = Arrays.copyOf(stC, n);
            jsxRunStart = Arrays.copyOf(jsxRunStart, n);
            jsxRunTop = Arrays.copyOf(jsxRunTop, n);
        }
        if (kind == JSX) {
            int start = k > 0 && stKind[k - 1] == JSX ? jsxRunStart[k - 1] : k;
            jsxRunStart[k] = start;
            jsxRunTop[start] = k;
        }
        stKind[k] = kind;
        stNode[k] = node;
        stEnd[k] = lineEnd;
        stEndLine[k] = lineNumber;
        stChildEndLine[k] = -1;
        stA[k] = 0;
        stB[k] = 0;
        stC[k] = 0;
        boolean container = kind == QUOTE || kind == ITEM || kind == FOOTNOTE || kind == JSX;
        int depth = k == 0 ? 0 : stDepth[k - 1] + (container ? 1 : 0);
        if (depth > maxDepth) {
            // The words are the C core's too (the engines' messages are byte-identical, the C core's ending with
            // the line as getMessage() ends this one); JSX elements count as well.
            throw new OcpException(OcpException.Code.LIMIT_EXCEEDED, "block quotes, list items, footnotes and JSX "
                    + "elements are nested more than maxNestingDepth " + maxDepth + " deep", lineNumber);
        }
        stDepth[k] = depth;
        int quotes = k == 0 ? 0 : stQuotes[k - 1];
        if (kind == QUOTE) {
            if (quotes == quoteAt.length) {
                quoteAt = Arrays.copyOf(quoteAt, quotes * 2);
            }
            quoteAt[quotes++] = k;
        }
        stQuotes[k] = quotes;
        return k;
    }

    private void closeAbove(int k) {
        while (top > k) {
            closeTop();
        }
    }

    /**
     * A child of block {@code parent} starts on this line: a blank line before it makes the list loose, and spreads
     * the list (between items, bit 0 of the list's {@code stB}) or the item (between its children, bit 1).
     */
    private void childStarts(int parent) {
        int previousEnd = stChildEndLine[parent];
        if (previousEnd < 0 || lineNumber <= previousEnd + 1) {
            return;
        }
        if (stKind[parent] == LIST) {
            stB[parent] |= 1;
        } else if (stKind[parent] == ITEM) {
            stB[parent - 1] |= 2;
            int item = stNode[parent];
            tree.setFlags(item, tree.flags(item) | FLAG_ITEM_SPREAD);
        }
    }

    /** A heading or thematic break, already added under {@code parent}, ended on this line. */
    private void leafDone(int parent) {
        stChildEndLine[parent] = lineNumber;
        if (lineEnd > stEnd[parent]) {
            stEnd[parent] = lineEnd;
        }
        stEndLine[parent] = Math.max(stEndLine[parent], lineNumber);
    }

    /** Closes the block on top of the stack and reports its end to its parent. */
    private void closeTop() {
        int k = top;
        if (stKind[k] == JSX) {
            if (stB[k] == 0) {
                // A container ends (a block quote, an item) with the element still open in it.
                throw unclosedJsx(k, stEnd[k - 1], stKind[k - 1]);
            }
            if (jsxRunStart[k] < k) {
                jsxRunTop[jsxRunStart[k]] = k - 1;
            }
        }
        int node = stNode[k];
        switch (stKind[k]) {
            case PARAGRAPH:
                finishParagraph(k);
                break;
            case FENCED:
            case INDENTED:
            case HTML:
                finishLiteral(k);
                break;
            case ESM:
                finishEsm(k);
                break;
            case LIST:
                tree.setFlags(node, (stC[k] == 1 ? FLAG_LIST_ORDERED : 0) | (stB[k] == 0 ? FLAG_LIST_TIGHT : 0)
                        | ((stB[k] & 1) != 0 ? FLAG_LIST_SPREAD : 0));
                break;
            default:
                break;
        }
        tree.setSpanEnd(node, stEnd[k]);
        top = k - 1;
        int parent = k - 1;
        if (stEnd[k] > stEnd[parent]) {
            stEnd[parent] = stEnd[k];
        }
        if (stEndLine[k] > stEndLine[parent]) {
            stEndLine[parent] = stEndLine[k];
        }
        stChildEndLine[parent] = stEndLine[k];
    }

    // ------------------------------------------------------------------------------------------------------
    // Leaf content
    // ------------------------------------------------------------------------------------------------------

    private void addLine(int start, int end, int pad) {
        addLine(start, end, pad, start);
    }

    private void addLine(int start, int end, int pad, int indentAt) {
        int i = lineCount;
        if (i == lineStartAt.length) {
            int n = i * 2;
            lineStartAt = Arrays.copyOf(lineStartAt, n);
            lineEndAt = Arrays.copyOf(lineEndAt, n);
            linePad = Arrays.copyOf(linePad, n);
            lineIndentAt = Arrays.copyOf(lineIndentAt, n);
        }
        lineStartAt[i] = start;
        lineEndAt[i] = end;
        linePad[i] = pad;
        lineIndentAt[i] = indentAt;
        lineCount = i + 1;
    }

    private void addLeaf(int node, int firstLine, int lines) {
        int i = leafCount;
        if (i == leafNode.length) {
            int n = i * 2;
            leafNode = Arrays.copyOf(leafNode, n);
            leafLines = Arrays.copyOf(leafLines, n);
            leafLineCount = Arrays.copyOf(leafLineCount, n);
        }
        leafNode[i] = node;
        leafLines[i] = firstLine;
        leafLineCount[i] = lines;
        leafCount = i + 1;
    }

    /** Adds the line from its first non-space byte to paragraph {@code k} (also for lazy continuation lines). */
    private void addParagraphLine(int k) {
        if (lineCount == leafFirst) {
            tree.setSpan(stNode[k], nonspace, lineEnd);
        }
        // The indentation it loses is kept beside it: a code span across lines keeps it in its content as written.
        addLine(nonspace, lineEnd, partialTab ? TAB_STOP - column % TAB_STOP : 0, partialTab ? offset + 1 : offset);
        stEnd[k] = lineEnd;
        stEndLine[k] = lineNumber;
    }

    /** Adds the rest of the line to the code or HTML block {@code k}, a partly consumed tab as spaces. */
    private void addCodeLine(int k) {
        int start = offset;
        int pad = 0;
        if (partialTab) {
            start++;
            pad = TAB_STOP - column % TAB_STOP;
        }
        addLine(start, lineEnd, pad);
        if (stKind[k] == INDENTED) {
            if (blank) {
                if (!shallowBlankLine) {
                    leafLastIndentedBlank = lineCount - 1;
                }
                return; // trailing blank lines are not part of an indented code block
            }
            leafLastText = lineCount - 1;
        }
        stEnd[k] = lineEnd;
        stEndLine[k] = lineNumber;
    }

    /** ESM: its lines as written, joined by line feeds, without the last line's ending. */
    private void finishEsm(int k) {
        tree.beginString();
        for (int i = leafFirst; i < lineCount; i++) {
            if (i > leafFirst) {
                tree.append((byte) '\n');
            }
            appendLiteral(lineStartAt[i], lineEndAt[i]);
        }
        tree.setString(stNode[k], 0, tree.endString());
        work += lineEndAt[lineCount - 1] - lineStartAt[leafFirst];
        lineCount = leafFirst;
    }

    /** Code and HTML blocks: the literal is every line followed by a line feed. */
    private void finishLiteral(int k) {
        int node = stNode[k];
        int last = stKind[k] == INDENTED ? leafLastText : lineCount - 1;
        tree.beginString();
        for (int i = leafFirst; i <= last; i++) {
            for (int s = linePad[i]; s > 0; s--) {
                tree.append((byte) ' ');
            }
            appendLiteral(lineStartAt[i], lineEndAt[i]);
            tree.append((byte) '\n');
        }
        tree.setString(node, 0, tree.endString());
        if (stKind[k] == INDENTED && leafLastIndentedBlank > last) {
            // v1.5: the blank lines after the last line of text, to the last one indented four columns or more,
            // what each holds past those columns, joined by line feeds (mdast's code takes them in).
            tree.beginString();
            for (int i = last + 1; i <= leafLastIndentedBlank; i++) {
                if (i > last + 1) {
                    tree.append((byte) '\n');
                }
                for (int s = linePad[i]; s > 0; s--) {
                    tree.append((byte) ' ');
                }
                appendLiteral(lineStartAt[i], lineEndAt[i]);
            }
            tree.setString(node, 2, tree.endString());
        }
        lineCount = leafFirst;
    }

    /** Appends source bytes to the open string with NUL replaced by U+FFFD, as the spec requires. */
    private void appendLiteral(int from, int to) {
        int run = from;
        for (int i = ByteScan.zero(src, from, to); i < to; i = ByteScan.zero(src, i + 1, to)) {
            tree.append(src, run, i - run);
            tree.appendCodePoint(0xFFFD);
            run = i + 1;
        }
        tree.append(src, run, to - run);
    }

    /**
     * Closes paragraph {@code k}: takes link reference definitions off its start, then queues the rest for the
     * inline phase, or unlinks the paragraph if nothing is left.
     */
    private void finishParagraph(int k) {
        int first = leafFirst;
        int remaining = resolveDefinitions(k);
        int node = stNode[k];
        if (remaining == 0) {
            tree.unlink(stNode[k - 1], node);
            lineCount = first;
            return;
        }
        if (gfm && stKind[k - 1] == ITEM) {
            taskItem(k, remaining);
        }
        addLeaf(node, leafFirst, remaining);
    }

    /**
     * Lets the inline parser take link reference definitions off the start of paragraph {@code k}'s content;
     * they become DEFINITION nodes before it. Moves {@link #leafFirst} past the lines they used.
     *
     * @return the number of lines left in the paragraph
     */
    private int resolveDefinitions(int k) {
        int lines = lineCount - leafFirst;
        if (lines == 0 || src[lineStartAt[leafFirst]] != '[') {
            return lines;
        }
        buildContent(leafFirst, lines);
        byte[] buf = contentBuf;
        int pos = contentOff;
        int end = contentOff + contentLen;
        while (pos < end && buf[pos] == '[') {
            int used = inline.parseDefinition(buf, pos, end - pos, map, stNode[k - 1], stNode[k]);
            if (used <= 0) {
                break;
            }
            pos += used;
        }
        if (pos == contentOff) {
            return lines;
        }
        if (pos >= end) {
            // The last definition ends the content, whose last line lost its trailing whitespace: end it with
            // its line, as every block does.
            tree.setSpanEnd(tree.previousSibling(stNode[k]), stEnd[k]);
            leafFirst = lineCount;
            return 0;
        }
        int line = map.lineOf(pos);
        if (map.lineContentStart(line) != pos) {
            throw new IllegalStateException("a link reference definition ended inside a line");
        }
        leafFirst += line;
        tree.setSpan(stNode[k], lineStartAt[leafFirst], stEnd[k]);
        return lineCount - leafFirst;
    }

    /**
     * Makes {@code lines} line records from {@code first} into inline content: {@link #contentBuf},
     * {@link #contentOff}, {@link #contentLen} and {@link #map}. The last line loses its trailing spaces and tabs.
     * When the lines follow each other in the source, separated by {@code '\n'}, the source itself is the
     * buffer; otherwise they are joined in the scratch buffer.
     */
    private void buildContent(int first, int lines) {
        int last = first + lines - 1;
        int lastEnd = lineEndAt[last];
        while (lastEnd > lineStartAt[last] && isSpaceOrTab(src[lastEnd - 1])) {
            lastEnd--;
        }
        map.reset();
        boolean contiguous = true;
        for (int i = first; i < last; i++) {
            if (lineStartAt[i + 1] != lineEndAt[i] + 1 || src[lineEndAt[i]] != '\n') {
                contiguous = false;
                break;
            }
        }
        if (contiguous) {
            for (int i = first; i <= last; i++) {
                map.addLine(lineStartAt[i], lineStartAt[i], afterLineEnding(lineEndAt[i]), lineIndentAt[i], linePad[i]);
            }
            contentBuf = src;
            contentOff = lineStartAt[first];
            contentLen = lastEnd - contentOff;
            return;
        }
        int size = lines - 1;
        for (int i = first; i < last; i++) {
            size += lineEndAt[i] - lineStartAt[i];
        }
        size += lastEnd - lineStartAt[last];
        ensureScratch(size);
        int pos = 0;
        for (int i = first; i <= last; i++) {
            int s = lineStartAt[i];
            int e = i == last ? lastEnd : lineEndAt[i];
            map.addLine(pos, s, afterLineEnding(lineEndAt[i]), lineIndentAt[i], linePad[i]);
            System.arraycopy(src, s, scratch, pos, e - s);
            pos += e - s;
            if (i < last) {
                scratch[pos++] = '\n';
            }
        }
        contentBuf = scratch;
        contentOff = 0;
        contentLen = pos;
    }

    /**
     * Makes table cell content from line record {@code rec}: the cell's bytes with the backslash of each
     * {@code \|} dropped (the pipe is then plain text to the inline parser, even in a code span), mapped to the
     * source piece by piece. Without an escaped pipe the source itself is the buffer.
     */
    private void buildCellContent(int rec) {
        int s = lineStartAt[rec];
        int e = lineEndAt[rec];
        map.reset();
        int first = -1;
        for (int i = s; i + 1 < e; i++) {
            if (src[i] == '\\' && src[i + 1] == '|') {
                first = i;
                break;
            }
        }
        if (first < 0) {
            map.addLine(s, s, e);
            contentBuf = src;
            contentOff = s;
            contentLen = e - s;
            return;
        }
        ensureScratch(e - s);
        int pos = 0;
        int run = s;
        for (int i = first; i + 1 < e; i++) {
            if (src[i] == '\\' && src[i + 1] == '|') {
                addCellPiece(pos, run, s, e);
                System.arraycopy(src, run, scratch, pos, i - run);
                pos += i - run;
                run = i + 1;
            }
        }
        addCellPiece(pos, run, s, e);
        System.arraycopy(src, run, scratch, pos, e - run);
        pos += e - run;
        contentBuf = scratch;
        contentOff = 0;
        contentLen = pos;
    }

    /**
     * Maps the piece of cell content at {@code pos} to the source from {@code run}: the cell's first piece, or one
     * after an escaped pipe, whose span starts at its backslash (a text's span covers its escapes as written).
     */
    private void addCellPiece(int pos, int run, int cellStart, int cellEnd) {
        if (run == cellStart) {
            map.addLine(pos, run, cellEnd);
        } else {
            map.addPieceAfterEscape(pos, run, cellEnd);
        }
    }

    /** Makes {@link #scratch} hold at least {@code size} bytes (nothing in it is kept). */
    private void ensureScratch(int size) {
        if (scratch.length < size) {
            scratch = new byte[Math.max(size, scratch.length * 2)];
        }
    }

    /** @return the source offset past the line ending (LF, CR or CR LF) at {@code lineEnd}, if there is one */
    private int afterLineEnding(int lineEnd) {
        if (lineEnd >= length) {
            return lineEnd;
        }
        return src[lineEnd] == '\r' && lineEnd + 1 < length && src[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
    }
}
