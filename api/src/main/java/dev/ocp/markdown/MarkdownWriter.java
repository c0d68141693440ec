package dev.ocp.markdown;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpNode;
import dev.ocp.internal.DocumentMemory;
import dev.ocp.internal.PayloadLayout;
import dev.ocp.internal.Utf8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.ocp.spi.OcpFormat.NONE;

/**
 * Writes a tree as Markdown: a visitor of the public walk. Blocks are written line by line under a stack of line
 * prefixes (a block quote's {@code > }, a list item's indentation, whose first line carries the item's marker
 * instead); the inline content of a paragraph, heading or table cell is collected first, escaped as it is written
 * ({@link Escaper}, by the {@link EscapeTable} of the document's syntax), then written as lines under the prefixes of
 * its block.
 *
 * <p>This class holds the lines, the prefixes, the strings read and the walk; what each node kind writes is its
 * handler's, one per kind, grouped by construct ({@link Containers}, {@link LeafBlocks}, {@link CodeBlocks},
 * {@link MarkdownTables}, {@link Phrasing}, {@link Delimited}, {@link Links}, {@link MdxHandlers}), reached by the
 * switch expressions of {@link #enter(NodeKind, OcpNode, Frame)} and {@link #exit(NodeKind, OcpNode, Frame)}, which
 * name every kind: a new kind fails compilation there until it has one. A new construct adds its handler, its
 * rows to the escape table for the characters that start it, and its arms to the two switches.
 *
 * <p>Sibling blocks are separated by a blank line, except in tight lists. The choices that the tree alone would
 * get wrong are made here: two lists in a row take different markers, an indented code block that would join what
 * comes before it is fenced, a thematic break never reads as a list item or a setext underline.
 */
final class MarkdownWriter implements dev.ocp.internal.LibraryRenderer {
    /** The lines being written; each full chunk of them is decoded into one of {@link #parts} and the bytes reused. */
    final Bytes out;
    private final List<String> parts = new ArrayList<>();
    private char[] chars = new char[0];
    private long written;
    final MarkdownOptions options;
    /**
     * Whether each string is checked to be well-formed UTF-8 as it is read, and read decoded where it is not. Else
     * (the first try) only the output is checked, once, which the renderer does, and strings whose ends are not
     * whole characters, which that check could miss, are noted in {@link #illFormed}.
     */
    private final boolean strict;
    /** Whether a string with broken ends was read (not {@link #strict}): the output must be written strictly. */
    private boolean illFormed;
    /** A cursor for looking at other nodes: the walk's own ({@link #lookAroundUnguarded}) while it runs. */
    OcpCursor look;
    final Escaper escaper;
    final boolean mdx;
    /** The payload, whose strings are read in place as UTF-8: the walk holds the document open while it runs. */
    final ByteBuffer payload;
    /** Where its records are ({@link #layout()}), or null until needed. */
    PayloadLayout layout;

    /**
     * Per prefix level: what continuation lines start with ({@link #QUOTE}, or that many spaces), and what the next
     * line starts with if not yet written: {@code firsts[firstFrom, firstTo)}, pending while {@code firstFrom <
     * firstTo}. The first lines' bytes are a stack like the levels.
     */
    private int[] cont = new int[16];
    private int[] firstFrom = new int[16];
    private int[] firstTo = new int[16];
    final Bytes firsts = new Bytes(64);
    int prefixes;
    /** A {@link #cont} of a block quote: {@code "> "}. */
    static final int QUOTE = -1;
    /** How many of the prefix levels are a JSX element's indentation of its children, which no container strips. */
    int jsxIndents;
    /** The nodes that hold ESM or an HTML block ({@link MdxHandlers.MdxJsxFlow#holdsColumnOneBlocks}), or null. */
    java.util.BitSet holdColumnOneBlocks;
    /** Lines written so far, to tell whether a container wrote anything. */
    int lines;

    /** The open nodes, outermost first. */
    Frame[] frames = new Frame[32];
    int depth;

    /** The inline content of the leaf block being written (paragraph, heading, table cell). */
    final Bytes inline = new Bytes(1024);
    /** A string of the node being written, read from the payload ({@link #load}). */
    final Bytes text = new Bytes(256);
    /** Another, when two are needed at once (a code block's info beside its literal). */
    final Bytes aux = new Bytes(64);
    /** A string of a node the {@link #look} cursor is on. */
    final Bytes ahead = new Bytes(64);
    /** A line or a piece put together before it is written. */
    final Bytes piece = new Bytes(256);
    /**
     * The leaf block whose text was last looked through for {@code *} and {@code _} ({@link Delimited}, when an option
     * asks for another emphasis character than the source's), and whether it has any.
     */
    int runCharsBlock = -1;
    boolean runCharsInBlock;
    /** How many leaf blocks are open (0 or 1 in a conforming tree). */
    int leaf;
    /** Nodes whose text is written as it is, unescaped (the text of an autolink). */
    int verbatim;
    /** The text that follows a shortcut or collapsed reference must not turn it into another link. */
    boolean afterReference;
    /** Whether the inline node being entered follows such a reference ({@link #afterReference} as it was). */
    boolean enteredAfterReference;
    /** Where text written unescaped as part of the delimiter run after it ends in {@link #inline}, or -1. */
    int rawRunEnd = -1;
    /**
     * A block left open as the source left it (an HTML block of conditions 1 to 5 without its end, a fence without
     * its closing fence): it would take in the blank line that separates the next block.
     */
    boolean leftOpen;
    /** Whether the last line written is ESM's, which runs on up to a blank line: a closing tag must not follow it. */
    boolean afterEsm;
    /** The rows of the table being written: each a list of cells' Markdown. */
    List<List<byte[]>> rows;
    List<OcpNode.Alignment> aligns;

    MarkdownWriter(OcpCursor root, MarkdownOptions options, boolean strict) {
        this.strict = strict;
        this.options = options;
        this.look = root.copy();
        this.payload = DocumentMemory.payloadOf(root.document());
        // Sized by the payload, which is larger than the Markdown it holds for all but the smallest documents, so that
        // a small document's writer does not clear a whole chunk's room; it grows to a chunk when the output needs it.
        this.out = new Bytes(Math.min(CHUNK + 1024, Math.max(256, payload.remaining())));
        Set<Extension> extensions = root.extensions();
        this.mdx = root.dialect() == Dialect.MDX;
        this.escaper = new Escaper(EscapeTable.of(root.dialect(), extensions));
    }

    /** One open node and what its children need to know of it and of each other. */
    static final class Frame {
        NodeKind kind;
        int index;
        /** A list's or list item's list is tight. */
        boolean tight;
        /**
         * A list's or item's {@code spread} (blank lines between its items, its children), and whether the payload
         * records it (v1.3 on); the list's, for an item.
         */
        boolean spread;
        boolean spreadKnown;
        boolean ordered;
        /** A list's marker: the bullet, or the ordered delimiter. */
        char marker;
        long number;
        /** A list's least content indentation, when what follows it must not be read as part of its last item. */
        int contentIndent;
        int prefixesAtEnter;
        int linesAtEnter;
        /** The previous child block: its kind, its list marker, whether it was indented code. */
        NodeKind previous;
        char previousMarker;
        boolean previousOrdered;
        boolean previousIndentedCode;
        /** Inline: where the node's output starts in {@link #inline}. */
        int mark;
        /**
         * Its closing text: {@code closeCount} times {@code closeChar} (a delimiter run, an autolink's {@code >});
         * or, with {@code closeTag}, a JSX element's closing tag, written from the node when it is left.
         */
        byte closeChar;
        int closeCount;
        boolean closeTag;
        /** A task item's box, waiting for its first paragraph: {@code 'x'}, {@code ' '}, or 0 for none. */
        byte task;
    }

    // ---------------------------------------------------------------- lines

    /**
     * Opens a prefix level whose continuation lines start with {@code continuation} ({@link #QUOTE} or a count of
     * spaces) and whose next line starts with what was added to {@link #firsts} since {@code from}.
     */
    void pushPrefix(int from, int continuation) {
        if (prefixes == cont.length) {
            cont = java.util.Arrays.copyOf(cont, 2 * prefixes);
            firstFrom = java.util.Arrays.copyOf(firstFrom, 2 * prefixes);
            firstTo = java.util.Arrays.copyOf(firstTo, 2 * prefixes);
        }
        cont[prefixes] = continuation;
        firstFrom[prefixes] = from;
        firstTo[prefixes] = firsts.n;
        prefixes++;
    }

    void pushPrefix(int continuation) {
        pushPrefix(firsts.n, continuation);
    }

    void popPrefix() {
        prefixes--;
        firsts.setLength(firstFrom[prefixes]);
    }

    private void continuation(int level) {
        int c = cont[level];
        if (c == QUOTE) {
            out.add('>', ' ');
        } else {
            out.repeat(' ', c);
        }
    }

    /** How many bytes of lines are collected before they are put aside as a chunk. */
    private static final int CHUNK = 1 << 16;

    /**
     * Puts the lines written so far aside when they fill a chunk: the output is never copied to grow, and a chunk
     * holds whole lines, so that the line being written can be trimmed and no character is split.
     */
    private void endLine() {
        Bytes o = out;
        if (o.n == o.a.length) {
            o.add('\n');
        } else {
            o.a[o.n++] = '\n';
        }
        lines++;
        if (o.n >= CHUNK) {
            nextChunk();
        }
    }

    /**
     * Decodes the chunk of lines written into a string of its own, while its bytes are still in the cache, and starts
     * the next in the same bytes. (Nothing leaves the writer before the walk has checked its read.) A chunk that is
     * not well-formed UTF-8 marks the output {@link #illFormed}.
     */
    private void nextChunk() {
        written += out.n;
        if (written > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("Markdown output exceeds the largest Java string");
        }
        if (!illFormed) {
            if (chars.length < out.n) {
                chars = new char[out.n]; // a byte decodes to at most one UTF-16 unit; a longer chunk later grows it
            }
            int k = Bytes.decode(out.a, 0, out.n, chars, 0);
            if (k < 0) {
                illFormed = true;
            } else {
                parts.add(new String(chars, 0, k));
            }
        }
        out.n = 0;
    }

    /**
     * The output decoded, once the walk is over; null if it is not well-formed UTF-8 or a string read had broken
     * ends, when it must be written again {@link #strict}ly.
     */
    String result() {
        nextChunk();
        if (illFormed) {
            return null;
        }
        // The parts (of one byte a character where they can be) joined: one array of the whole output's characters
        // is not needed, nor String(char[])'s attempt to hold them one byte each.
        return parts.size() == 1 ? parts.get(0) : String.join("", parts);
    }

    /** How many of the bytes waiting to start the next line (list markers and the like) are {@code c}. */
    int pendingCount(byte c) {
        int count = 0;
        for (int i = 0; i < prefixes; i++) {
            for (int k = firstFrom[i]; k < firstTo[i]; k++) {
                count += firsts.a[k] == c ? 1 : 0;
            }
        }
        return count;
    }

    /** Writes one line under the prefixes; the first line under a list item's prefix carries its marker. */
    void line(byte[] text, int from, int to) {
        int start = out.n;
        for (int i = 0; i < prefixes; i++) {
            if (firstFrom[i] < firstTo[i]) {
                out.add(firsts.a, firstFrom[i], firstTo[i]);
                firstTo[i] = firstFrom[i];
            } else {
                continuation(i);
            }
        }
        leftOpen = false;
        afterEsm = false;
        out.add(text, from, to);
        if (from == to) {
            trimTrailingBlanks(start);
        }
        endLine();
    }

    void line(Bytes text) {
        line(text.a, 0, text.n);
    }

    private static final byte[] NOTHING = new byte[0];

    /** Writes a line of ASCII characters. */
    void line(String ascii) {
        piece.setLength(0);
        piece.ascii(ascii);
        line(piece);
    }

    void emptyLine() {
        line(NOTHING, 0, 0);
    }

    /**
     * Writes each line of {@code text[0, n)} (lines end with LF; a final LF ends the last line, it adds none);
     * nothing for an empty text.
     */
    void lines(byte[] text, int n) {
        int from = 0;
        if (n == 0) {
            return;
        }
        if (text[n - 1] == '\n') {
            n--;
        }
        if (prefixes == 0) {
            // Lines under no prefix are written as they are: all at once.
            leftOpen = false;
            out.add(text, 0, n);
            endLine();
            return;
        }
        while (true) {
            int i = Bytes.indexOf(text, from, n, '\n');
            if (i < 0) {
                line(text, from, n);
                return;
            }
            line(text, from, i);
            from = i + 1;
        }
    }

    void lines(Bytes text) {
        lines(text.a, text.n);
    }

    /** A blank line between blocks: the prefixes alone, without their trailing spaces, no marker spent. */
    void blankLine() {
        if (leftOpen) {
            // The open block would take it in; it ends with its container anyway.
            leftOpen = false;
            return;
        }
        int start = out.n;
        for (int i = 0; i < prefixes; i++) {
            continuation(i);
        }
        trimTrailingBlanks(start);
        endLine();
    }

    private void trimTrailingBlanks(int from) {
        int end = out.n;
        while (end > from && (out.a[end - 1] == ' ' || out.a[end - 1] == '\t')) {
            end--;
        }
        out.setLength(end);
    }

    // ---------------------------------------------------------------- strings

    /**
     * Reads a string field of {@code node} into {@code into} as UTF-8, as the payload has it; ill-formed UTF-8 (a
     * payload may hold it) as its decoding has it, so that what is written is what the string accessors show.
     *
     * @return whether the node has the string (else {@code into} is empty)
     */
    boolean load(OcpNode node, OcpNode.Field field, Bytes into) {
        return load(node.stringOffset(field), () -> node.string(field), into);
    }

    /** {@link #load} for the node under the {@link #look} cursor. */
    boolean load(OcpCursor node, OcpNode.Field field, Bytes into) {
        return load(node.stringOffset(field), () -> node.string(field), into);
    }

    /** {@link #load} of the string whose bytes start at {@code at} (or -1), decoded by {@code decoded} if need be. */
    boolean load(int at, java.util.function.Supplier<String> decoded, Bytes into) {
        into.setLength(0);
        if (at < 0) {
            return false;
        }
        copy(at, PayloadLayout.lengthOfStringAt(payload, at), into);
        if (!strict) {
            illFormed |= !Bytes.wholeAtEnds(into.a, into.n);
        } else if (!Utf8.isWellFormed(into.a, 0, into.n)) {
            into.setLength(0);
            into.utf8(decoded.get());
        }
        return true;
    }

    private void copy(int at, int length, Bytes into) {
        if (into.a.length < length) {
            into.a = new byte[Math.max(length, 2 * into.a.length)];
        }
        payload.get(at, into.a, 0, length);
        into.n = length;
    }

    // ---------------------------------------------------------------- walk

    private Frame push(OcpNode node, NodeKind kind) {
        if (depth == frames.length) {
            frames = java.util.Arrays.copyOf(frames, 2 * depth);
        }
        Frame f = frames[depth];
        if (f == null) {
            f = frames[depth] = new Frame();
        }
        depth++;
        f.kind = kind;
        f.index = node.index();
        f.tight = false;
        f.spread = false;
        f.spreadKnown = false;
        f.ordered = false;
        f.marker = 0;
        f.number = 0;
        f.contentIndent = 0;
        f.prefixesAtEnter = prefixes;
        f.linesAtEnter = lines;
        f.previous = null;
        f.previousMarker = 0;
        f.previousOrdered = false;
        f.previousIndentedCode = false;
        f.mark = inline.n;
        f.closeChar = 0;
        f.closeCount = 0;
        f.closeTag = false;
        f.task = 0;
        return f;
    }

    @Override
    public void lookAroundUnguarded(OcpCursor cursor) {
        look = cursor;
    }

    Frame parent() {
        return depth >= 2 ? frames[depth - 2] : null;
    }

    /**
     * A node of a kind this reader does not know (a later minor version's) is handled here, once: nothing is known
     * to write, and its subtree is skipped. Every other goes to its kind's handler ({@link #enter(NodeKind, OcpNode,
     * Frame)}); a block is first separated from the one before it, and a block inside a leaf block (only a builder
     * makes one) writes its inline content as it comes.
     */
    @Override
    public boolean enter(OcpNode node) {
        NodeKind kind = node.kind();
        if (kind == null) {
            push(node, null);
            return false;
        }
        Frame f = push(node, kind);
        if (kind.isBlock() && leaf == 0) {
            separate(node, parent());
            f.linesAtEnter = lines;
            return enter(kind, node, f);
        }
        enteredAfterReference = afterReference;
        afterReference = false;
        return !kind.isBlock() ? enter(kind, node, f) : true;
    }

    /**
     * Leaves a node: a block left as a block (its handler's exit, then what its parent needs to know of it), an inline
     * node (its handler's exit), or a block written as inline content (nothing to close).
     */
    @Override
    public void exit(OcpNode node) {
        Frame f = frames[depth - 1];
        NodeKind kind = f.kind;
        if (kind != null) {
            Frame parent = parent();
            if (kind.isBlock() && (leaf == 0 || isLeaf(kind))) {
                exit(kind, node, f);
                if (parent != null) {
                    parent.previous = kind;
                    parent.previousIndentedCode = kind == NodeKind.CODE_BLOCK && f.marker == ' ';
                    if (kind == NodeKind.LIST) {
                        parent.previousMarker = f.marker;
                        parent.previousOrdered = f.ordered;
                    }
                }
            } else {
                if (!kind.isBlock()) {
                    exit(kind, node, f);
                }
                if (parent != null) {
                    parent.previous = kind;
                }
            }
        }
        depth--;
    }

    // ---------------------------------------------------------------- handlers

    /**
     * Enters a node: its kind's handler. A switch expression without {@code default}, which the compiler holds to
     * every kind: a new kind does not compile until it has a handler here.
     *
     * @return whether its children are visited
     */
    private boolean enter(NodeKind kind, OcpNode node, Frame f) {
        return switch (kind) {
            case DOCUMENT -> Containers.Document.enter(this, node, f);
            case PARAGRAPH -> LeafBlocks.Paragraph.enter(this, node, f);
            case HEADING -> LeafBlocks.Heading.enter(this, node, f);
            case THEMATIC_BREAK -> LeafBlocks.ThematicBreak.enter(this, node, f);
            case BLOCK_QUOTE -> Containers.BlockQuote.enter(this, node, f);
            case ALERT -> Containers.Alert.enter(this, node, f);
            case LIST -> Containers.ListBlock.enter(this, node, f);
            case LIST_ITEM -> Containers.ListItem.enter(this, node, f);
            case CODE_BLOCK -> CodeBlocks.CodeBlock.enter(this, node, f);
            case HTML_BLOCK -> LeafBlocks.HtmlBlock.enter(this, node, f);
            case DEFINITION -> LeafBlocks.Definition.enter(this, node, f);
            case TABLE -> MarkdownTables.Table.enter(this, node, f);
            case TABLE_ROW -> MarkdownTables.TableRow.enter(this, node, f);
            case TABLE_CELL -> MarkdownTables.TableCell.enter(this, node, f);
            case FOOTNOTE_DEFINITION -> Containers.FootnoteDefinition.enter(this, node, f);
            case FRONTMATTER -> LeafBlocks.Frontmatter.enter(this, node, f);
            case MATH_BLOCK -> CodeBlocks.MathBlock.enter(this, node, f);
            case MDX_JSX_FLOW -> MdxHandlers.MdxJsxFlow.enter(this, node, f);
            case MDX_EXPRESSION_FLOW -> MdxHandlers.MdxExpressionFlow.enter(this, node, f);
            case MDX_ESM -> MdxHandlers.MdxEsm.enter(this, node, f);
            case TEXT -> Phrasing.Text.enter(this, node, f);
            case SOFT_BREAK -> Phrasing.SoftBreak.enter(this, node, f);
            case HARD_BREAK -> Phrasing.HardBreak.enter(this, node, f);
            case CODE_SPAN -> Phrasing.CodeSpan.enter(this, node, f);
            case EMPHASIS -> Delimited.Emphasis.enter(this, node, f);
            case STRONG -> Delimited.Strong.enter(this, node, f);
            case LINK -> Links.Link.enter(this, node, f);
            case IMAGE -> Links.Image.enter(this, node, f);
            case HTML_INLINE -> Phrasing.HtmlInline.enter(this, node, f);
            case STRIKETHROUGH -> Delimited.Strikethrough.enter(this, node, f);
            case FOOTNOTE_REFERENCE -> Phrasing.FootnoteReference.enter(this, node, f);
            case MATH_INLINE -> Phrasing.MathInline.enter(this, node, f);
            case MDX_JSX_TEXT -> MdxHandlers.MdxJsxText.enter(this, node, f);
            case MDX_EXPRESSION_TEXT -> MdxHandlers.MdxExpressionText.enter(this, node, f);
            case CONTAINER_DIRECTIVE -> DirectiveHandlers.Container.enter(this, node, f);
            case LEAF_DIRECTIVE -> DirectiveHandlers.Leaf.enter(this, node, f);
            case TEXT_DIRECTIVE -> DirectiveHandlers.Text.enter(this, node, f);
        };
    }

    /**
     * Leaves a node: its kind's handler, where it has something to write or undo when left. Exhaustive like
     * {@link #enter(NodeKind, OcpNode, Frame)}; the handlers return true, a value only so that this is a switch
     * expression.
     */
    private boolean exit(NodeKind kind, OcpNode node, Frame f) {
        return switch (kind) {
            case PARAGRAPH -> LeafBlocks.Paragraph.exit(this, node, f);
            case HEADING -> LeafBlocks.Heading.exit(this, node, f);
            case BLOCK_QUOTE -> Containers.BlockQuote.exit(this, node, f);
            case ALERT -> Containers.Alert.exit(this, node, f);
            case LIST_ITEM -> Containers.ListItem.exit(this, node, f);
            case FOOTNOTE_DEFINITION -> Containers.FootnoteDefinition.exit(this, node, f);
            case TABLE -> MarkdownTables.Table.exit(this, node, f);
            case TABLE_CELL -> MarkdownTables.TableCell.exit(this, node, f);
            case MDX_JSX_FLOW -> MdxHandlers.MdxJsxFlow.exit(this, node, f);
            case EMPHASIS, STRONG, STRIKETHROUGH -> Delimited.exit(this, node, f);
            case LINK -> Links.Link.exit(this, node, f);
            case IMAGE -> Links.Image.exit(this, node, f);
            case MDX_JSX_TEXT -> MdxHandlers.MdxJsxText.exit(this, node, f);
            case CONTAINER_DIRECTIVE -> DirectiveHandlers.Container.exit(this, node, f);
            case LEAF_DIRECTIVE -> DirectiveHandlers.Leaf.exit(this, node, f);
            case TEXT_DIRECTIVE -> DirectiveHandlers.Text.exit(this, node, f);
            // Written whole when entered: nothing to close.
            case DOCUMENT, THEMATIC_BREAK, LIST, CODE_BLOCK, HTML_BLOCK, DEFINITION, TABLE_ROW, FRONTMATTER,
                 MATH_BLOCK, MDX_EXPRESSION_FLOW, MDX_ESM, TEXT, SOFT_BREAK, HARD_BREAK, CODE_SPAN, HTML_INLINE,
                 FOOTNOTE_REFERENCE, MATH_INLINE, MDX_EXPRESSION_TEXT -> true;
        };
    }

    static boolean isLeaf(NodeKind kind) {
        return kind == NodeKind.PARAGRAPH || kind == NodeKind.HEADING || kind == NodeKind.TABLE_CELL
                || kind == NodeKind.LEAF_DIRECTIVE;
    }

    // ---------------------------------------------------------------- blocks

    /**
     * Separates a block from the sibling before it: a blank line, except between the blocks of a tight list, and
     * between a paragraph and the list nested under it in a loose one (where a blank line is not needed and the
     * payload does not say whether the source had one: writers usually leave it out).
     */
    private void separate(OcpNode node, Frame parent) {
        if (parent == null || node.parentIndex() + 1 == node.index()) {
            return;
        }
        if (parent.kind == NodeKind.TABLE || parent.kind == NodeKind.TABLE_ROW) {
            return;
        }
        if (parent.previous == NodeKind.DEFINITION && node.kind() == NodeKind.PARAGRAPH && startsWithHtml(node)) {
            // After a blank line, the paragraph's raw HTML would start an HTML block; right under the definition,
            // the line goes on the paragraph the definition was taken from, as in the source.
            return;
        }
        if (parent.kind == NodeKind.LIST || parent.kind == NodeKind.LIST_ITEM) {
            if (parent.tight) {
                return;
            }
            if (parent.spreadKnown) {
                // Where the source had blank lines, as the payload records them; two paragraphs need one anyway.
                if (parent.spread || (parent.previous == NodeKind.PARAGRAPH && node.kind() == NodeKind.PARAGRAPH)) {
                    blankLine();
                }
                return;
            }
            if (parent.kind == NodeKind.LIST_ITEM && parent.previous == NodeKind.PARAGRAPH
                    && node.kind() == NodeKind.LIST && interruptsParagraph(node) && hasSiblings(parent.index)) {
                return; // the blank lines between the items keep the list loose
            }
        }
        blankLine();
    }

    private boolean hasSiblings(int node) {
        look.moveTo(node);
        return look.nextSiblingIndex() != NONE || look.index() != look.parentIndex() + 1;
    }

    private boolean startsWithHtml(OcpNode paragraph) {
        look.moveTo(paragraph.index());
        return look.toFirstChild() && look.kind() == NodeKind.HTML_INLINE;
    }

    /** Whether {@code container}'s first block is a list that cannot start right under a paragraph's last line. */
    boolean startsWithListThatCannotInterrupt(OcpNode container) {
        look.moveTo(container.index());
        if (!look.toFirstChild() || look.kind() != NodeKind.LIST) {
            return false;
        }
        boolean startsAtOne = !look.isOrderedList() || look.listStart() == 1;
        return !startsAtOne || !look.toFirstChild() || !look.hasChildren();
    }

    /** Whether a list can start right under a paragraph's last line: a bullet list, or one numbered from 1. */
    private static boolean interruptsParagraph(OcpNode list) {
        return list.hasChildren() && (!list.isOrderedList() || list.listStart() == 1);
    }

    /** The payload's layout, read the first time a fact of v1.5 that the node accessors leave out is needed. */
    PayloadLayout layout() {
        if (layout == null) {
            layout = PayloadLayout.of(payload);
        }
        return layout;
    }

    boolean atLineStart() {
        int n = inline.n;
        return n == 0 || inline.a[n - 1] == '\n' || (n == frames[leafDepth()].mark && n > 0);
    }

    /** The depth of the open leaf block's frame. */
    int leafDepth() {
        for (int i = depth - 1; i >= 0; i--) {
            if (frames[i].kind != null && isLeaf(frames[i].kind)) {
                return i;
            }
        }
        return 0;
    }


    boolean inTable() {
        return rows != null;
    }
}
