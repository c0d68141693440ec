package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.NodeKind;
import dev.ocp.ParseOptions;
import dev.ocp.engine.java.block.BlockStack;
import dev.ocp.engine.java.block.Frontmatter;
import dev.ocp.engine.java.block.LeafContent;
import dev.ocp.engine.java.block.Line;
import dev.ocp.engine.java.block.MdxFlow;
import dev.ocp.engine.java.block.Table;

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
 *
 * <p>Code layout: this class holds the state (the stack of open blocks, the line records, the current line) and
 * runs the two phases ({@link #parse}); the grammar is in one class per construct in
 * {@code dev.ocp.engine.java.block}, named as the C core's {@code native/src/block/} files, with the per-line driver
 * in {@code Line}, the stack in {@code BlockStack} and the leaves' lines in {@code LeafContent}. Those are final
 * classes of static methods that take this parser as their first argument and use its fields directly, so every call
 * is a static call (never virtual) and every field access the {@code getfield} an instance method would make: the
 * bytecode, and what the JIT inlines, stay those of one class. The fields are public for that reason only; the
 * package is not exported.
 */
public final class BlockParser {
    // Kinds of open blocks on the stack.
    public static final int DOCUMENT = 0;
    public static final int QUOTE = 1;
    public static final int LIST = 2;
    public static final int ITEM = 3;
    public static final int PARAGRAPH = 4;
    public static final int FENCED = 5;
    public static final int INDENTED = 6;
    public static final int HTML = 7;
    /** A setext heading made from the paragraph on top; popped at once. */
    public static final int HEADING = 8;
    /** A GFM footnote definition (a container). */
    public static final int FOOTNOTE = 9;
    /** A GFM table (holds its rows; takes lines like a leaf). */
    public static final int TABLE = 10;
    /** An MDX JSX element in flow: a container without a prefix, open from its opening tag to its closing tag. */
    public static final int JSX = 11;
    /** MDX ESM: {@code import}/{@code export} lines up to a blank line (a leaf). */
    public static final int ESM = 12;
    /** A container directive ({@code :::name} up to its closing fence): a container without a prefix. */
    public static final int DIRECTIVE = 13;
    /** Columns a footnote definition's content is indented by. */
    public static final int FOOTNOTE_INDENT = 4;

    public static final int NIL = TreeBuilder.NIL;
    public static final int TAB_STOP = 4;
    public static final int CODE_INDENT = 4;

    public byte[] src;
    public int length;
    public int maxDepth;
    /** Whether {@link Extension#GFM} is on. */
    public boolean gfm;
    /** Whether the parse follows micromark's reading where it departs from the reference ({@link Flavor#MICROMARK}). */
    public boolean micromark;
    /** Whether {@link Extension#MATH} is on. */
    public boolean math;
    /** Whether {@link Extension#ALERTS} is on. */
    public boolean alerts;
    /** Whether {@link Extension#HEADING_IDS} is on. */
    public boolean headingIds;
    /** Whether {@link Extension#FRONTMATTER} is on. */
    private boolean frontmatter;
    /** Whether {@link Extension#HTML_COMMENTS} is on: HTML comments in MDX. */
    public boolean htmlComments;
    /** Whether {@link Extension#DIRECTIVE} is on. */
    public boolean directive;
    /** The scan of the block directive being read. */
    public final dev.ocp.engine.java.inline.Directive.Scan directiveScan = new dev.ocp.engine.java.inline.Directive.Scan();
    /** Whether the dialect is MDX: no indented code and no HTML blocks; JSX, expressions and ESM. */
    public boolean mdx;
    public final TreeBuilder tree;
    // ---- MDX flow: the lines of a flow tag or expression, their map to the source, where the parse resumes ----
    public final MdxScanner flowScanner = new MdxScanner();
    public final ContentMap flowMap = new ContentMap();
    public byte[] flowBuf = new byte[256];
    public int flowLen;
    /** The container the flow construct is in, whose chain its continuation lines must continue. */
    public int flowContainer;
    /** The end of the last source line taken into the flow buffer, and how many lines were taken after the first. */
    public int flowLineEnd;
    public int flowExtraLines;
    /** Where the next line starts when a flow construct took lines after its first, else -1. */
    public int resumeAt = -1;
    public final MdxScanner.Continuation flowLines = (scanner, inExpression) -> MdxFlow.moreFlow(this, scanner,
            inExpression);
    public final InlineParser inline;
    public final ContentMap map = new ContentMap();

    // ---- open blocks, index 0..top ----
    public int top = -1;
    public int[] stKind = new int[32];
    public int[] stNode = new int[32];
    /** Source offset where the block ends so far (end of its last line, line ending excluded). */
    public int[] stEnd = new int[32];
    /** Last line number that belongs to the block so far. */
    public int[] stEndLine = new int[32];
    /** End line of the last counted child that was closed, or -1 before the first. */
    public int[] stChildEndLine = new int[32];
    /** Container depth (block quotes and list items) up to and including this block. */
    public int[] stDepth = new int[32];
    /** Number of block quotes at indexes 1..k. */
    public int[] stQuotes = new int[32];
    /** Per stack entry: how many container directives are open at or below it (a lazy line cannot cross one). */
    public int[] stDirectives = new int[32];
    /** Per kind: LIST marker byte, ITEM content indent, FENCED fence byte, HTML start condition, TABLE columns. */
    public int[] stA = new int[32];
    /**
     * Per kind: LIST 1 when loose, FENCED fence length, JSX 1 once its closing tag was met, DIRECTIVE the fewest
     * colons of a fence in its run up to it (see {@link #runStart}).
     */
    public int[] stB = new int[32];
    /** Per kind: LIST 1 when ordered, FENCED fence indentation in columns. */
    public int[] stC = new int[32];
    /** Stack index of the i-th open block quote. */
    public int[] quoteAt = new int[32];
    /**
     * Runs of JSX elements, and of container directives, nested directly in each other (consecutive stack indexes
     * of the one kind): for each, the run's first index, and at that first index the run's last. A line continues
     * a run as a whole (or closes one of its directives), so that deep nesting does not cost its depth per line.
     */
    public int[] runStart = new int[32];
    public int[] runTop = new int[32];
    /** DIRECTIVE: the columns of indentation the directives of its run up to it take off a line, summed. */
    public long[] stIndentSum = new long[32];

    // ---- the open leaf (paragraph, code or HTML block): its lines are the table's tail from leafFirst ----
    public int leafFirst;
    /** INDENTED: last line record that is not blank, or -1. */
    public int leafLastText;
    /**
     * INDENTED: the last line record that is blank but indented four columns or more (v1.5: such lines after the last
     * line of text are the block's trailing lines), or -1.
     */
    public int leafLastIndentedBlank;
    /** INDENTED: whether this line, blank, was indented less than four columns past its containers. */
    public boolean shallowBlankLine;

    // ---- line records ----
    public int lineCount;
    public int[] lineStartAt = new int[64];
    public int[] lineEndAt = new int[64];
    public int[] linePad = new int[64];
    /**
     * Per line record: where the line's indentation starts, past its containers' prefixes (a paragraph's line starts
     * after it); a paragraph line's {@link #linePad} is then the columns of a tab a container took part of.
     */
    public int[] lineIndentAt = new int[64];

    // ---- paragraphs, headings and table cells awaiting the inline phase, in document order ----
    public int leafCount;
    public int[] leafNode = new int[32];
    public int[] leafLines = new int[32];
    /** Line records of the leaf, or {@link #CELL} for a table cell (one record, pipes to unescape). */
    public int[] leafLineCount = new int[32];
    public static final int CELL = -1;

    // ---- the open table: the alignment of each column ----
    public int[] tableAlign = new int[16];

    // ---- content buffer handed to the inline parser ----
    public byte[] scratch = new byte[256];
    public byte[] contentBuf;
    public int contentOff;
    public int contentLen;

    // ---- the current line ----
    public int lineNumber;
    public int lineStart;
    public int lineEnd;
    public int offset;
    public int column;
    public boolean partialTab;
    public int nonspace;
    public int nonspaceColumn;
    public int indent;
    public boolean blank;
    /** A thematic break cannot start before this offset on the current line (an earlier scan failed there). */
    public int breakKill;

    /**
     * Steps taken by the loops whose cost could grow faster than the input if a shortcut broke: open blocks
     * checked per line, new blocks tried per line, bytes scanned for the first non-space and for thematic breaks.
     * Tests hold it to a small multiple of the input size on pathological inputs, which proves linear time
     * without a clock.
     */
    public long work;

    /**
     * micromark ({@link Flavor#MICROMARK}): the stack index of the container an indented code block opened in, while
     * no other leaf has opened since and that container is still open ({@link #indentedCodeInNode}), else -1. A list
     * micromark would start in it reads as one interrupting a paragraph, its flow's construct still being the code.
     */
    public int indentedCodeIn = -1;
    /** The node of the container at {@link #indentedCodeIn}. */
    public int indentedCodeInNode = NIL;
    /** micromark: whether the last {@link BlockStack#prepare} closed containers the line did not continue. */
    public boolean preparedClosingContainers;
    /**
     * micromark: an indented code block opened on a lazy line (one that closed containers and opened none), which
     * ends with that line (micromark's indented code does not go on past a lazy line), or NIL.
     */
    public int codeEndsWithItsLine = NIL;
    /**
     * micromark: no block quote, list item or footnote definition starts anywhere (a frontmatter fence opened the
     * document and never closed: micromark's frontmatter is concrete, and no container starts while it is open; it
     * fails at the end, and the lines are read again as flow where they are, at the top).
     */
    public boolean containersOff;

    // ---- results of the list marker scan ----
    public int markerByte;
    public boolean markerOrdered;
    public int markerStartNumber;
    public int markerWidth;

    BlockParser(byte[] src, int length, ParseOptions options, TreeBuilder tree) {
        this.src = src;
        this.length = length;
        this.maxDepth = options.maxNestingDepth();
        this.gfm = options.has(Extension.GFM);
        this.micromark = options.flavor() == Flavor.MICROMARK;
        flowScanner.micromark = micromark;
        this.math = options.has(Extension.MATH);
        this.alerts = options.has(Extension.ALERTS);
        this.headingIds = options.has(Extension.HEADING_IDS);
        this.htmlComments = options.has(Extension.HTML_COMMENTS);
        this.frontmatter = options.has(Extension.FRONTMATTER);
        this.directive = options.has(Extension.DIRECTIVE);
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
        flowScanner.micromark = micromark;
        this.math = options.has(Extension.MATH);
        this.alerts = options.has(Extension.ALERTS);
        this.headingIds = options.has(Extension.HEADING_IDS);
        this.htmlComments = options.has(Extension.HTML_COMMENTS);
        this.frontmatter = options.has(Extension.FRONTMATTER);
        this.directive = options.has(Extension.DIRECTIVE);
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
        BlockStack.push(this, DOCUMENT, doc);
        inline.source(src, length);
        resumeAt = -1;
        indentedCodeIn = -1;
        codeEndsWithItsLine = NIL;
        containersOff = false;
        // A UTF-8 byte order mark is not content (cmark and commonmark.js skip it too).
        int p = length >= 3 && src[0] == (byte) 0xEF && src[1] == (byte) 0xBB && src[2] == (byte) 0xBF ? 3 : 0;
        if (frontmatter && p < length && (src[p] == '-' || src[p] == '+')) {
            p = Frontmatter.frontmatter(this, p);
        }
        while (p < length) {
            int e = ByteScan.lineEnd(src, p, length);
            lineStart = p;
            lineEnd = e;
            Line.processLine(this);
            p = resumeAt >= 0 ? resumeAt : Line.nextLine(this, e);
            resumeAt = -1;
        }
        while (top > 0) {
            if (stKind[top] == JSX && stB[top] == 0) {
                inline.defer(() -> MdxFlow.unclosedJsx(this, top, length, null), length + 1, true);
                stB[top] = 1; // (the message is the root's: closeTop must not name the parent)
            }
            if (stKind[top] == DIRECTIVE && stQuotes[top] == 0) {
                stEnd[top] = length; // open at the end outside block quotes: micromark's content takes the rest, final line ending included
            }
            BlockStack.closeTop(this);
        }
        for (int i = 0; i < leafCount; i++) {
            if (leafLineCount[i] == CELL) {
                Table.buildCellContent(this, leafLines[i]);
            } else {
                LeafContent.buildContent(this, leafLines[i], leafLineCount[i]);
            }
            inline.parse(leafNode[i], contentBuf, contentOff, contentLen, map);
        }
        inline.throwDeferred();
    }
}
