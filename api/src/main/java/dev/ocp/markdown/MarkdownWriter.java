package dev.ocp.markdown;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpNode;
import dev.ocp.internal.DocumentMemory;
import dev.ocp.internal.PayloadLayout;
import dev.ocp.internal.Utf8;
import dev.ocp.spi.OcpFormat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.ocp.spi.OcpFormat.NONE;

/**
 * Writes a tree as Markdown: a visitor of the public walk. Blocks are written line by line under a stack of line
 * prefixes (a block quote's {@code > }, a list item's indentation, whose first line carries the item's marker
 * instead); the inline content of a paragraph, heading or table cell is collected first, escaped as it is written
 * ({@link Escaper}), then written as lines under the prefixes of its block.
 *
 * <p>Sibling blocks are separated by a blank line, except in tight lists. The choices that the tree alone would
 * get wrong are made here: two lists in a row take different markers, an indented code block that would join what
 * comes before it is fenced, a thematic break never reads as a list item or a setext underline.
 */
final class MarkdownWriter implements dev.ocp.internal.LibraryRenderer {
    /** The lines being written; each full chunk of them is decoded into one of {@link #parts} and the bytes reused. */
    private final Bytes out;
    private final List<String> parts = new ArrayList<>();
    private char[] chars = new char[0];
    private long written;
    private final MarkdownOptions options;
    /**
     * Whether each string is checked to be well-formed UTF-8 as it is read, and read decoded where it is not. Else
     * (the first try) only the output is checked, once, which the renderer does, and strings whose ends are not
     * whole characters, which that check could miss, are noted in {@link #illFormed}.
     */
    private final boolean strict;
    /** Whether a string with broken ends was read (not {@link #strict}): the output must be written strictly. */
    private boolean illFormed;
    /** A cursor for looking at other nodes: the walk's own ({@link #lookAroundUnguarded}) while it runs. */
    private OcpCursor look;
    private final Escaper escaper;
    private final boolean mdx;
    /** The payload, whose strings are read in place as UTF-8: the walk holds the document open while it runs. */
    private final ByteBuffer payload;
    /** Where its records are ({@link #layout()}), or null until needed. */
    private PayloadLayout layout;

    /**
     * Per prefix level: what continuation lines start with ({@link #QUOTE}, or that many spaces), and what the next
     * line starts with if not yet written: {@code firsts[firstFrom, firstTo)}, pending while {@code firstFrom <
     * firstTo}. The first lines' bytes are a stack like the levels.
     */
    private int[] cont = new int[16];
    private int[] firstFrom = new int[16];
    private int[] firstTo = new int[16];
    private final Bytes firsts = new Bytes(64);
    private int prefixes;
    /** A {@link #cont} of a block quote: {@code "> "}. */
    private static final int QUOTE = -1;
    /** How many of the prefix levels are a JSX element's indentation of its children, which no container strips. */
    private int jsxIndents;
    /** Lines written so far, to tell whether a container wrote anything. */
    private int lines;

    /** The open nodes, outermost first. */
    private Frame[] frames = new Frame[32];
    private int depth;

    /** The inline content of the leaf block being written (paragraph, heading, table cell). */
    private final Bytes inline = new Bytes(1024);
    /** A string of the node being written, read from the payload ({@link #load}). */
    private final Bytes text = new Bytes(256);
    /** Another, when two are needed at once (a code block's info beside its literal). */
    private final Bytes aux = new Bytes(64);
    /** A string of a node the {@link #look} cursor is on. */
    private final Bytes ahead = new Bytes(64);
    /** A line or a piece put together before it is written. */
    private final Bytes piece = new Bytes(256);
    /** How many leaf blocks are open (0 or 1 in a conforming tree). */
    private int leaf;
    /** Nodes whose text is written as it is, unescaped (the text of an autolink). */
    private int verbatim;
    /** The text that follows a shortcut or collapsed reference must not turn it into another link. */
    private boolean afterReference;
    /** Where text written unescaped as part of the delimiter run after it ends in {@link #inline}, or -1. */
    private int rawRunEnd = -1;
    /**
     * A block left open as the source left it (an HTML block of conditions 1 to 5 without its end, a fence without
     * its closing fence): it would take in the blank line that separates the next block.
     */
    private boolean leftOpen;
    /** The rows of the table being written: each a list of cells' Markdown. */
    private List<List<byte[]>> rows;
    private List<OcpNode.Alignment> aligns;

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
    private static final class Frame {
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
    private void pushPrefix(int from, int continuation) {
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

    private void pushPrefix(int continuation) {
        pushPrefix(firsts.n, continuation);
    }

    private void popPrefix() {
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

    /** Writes one line under the prefixes; the first line under a list item's prefix carries its marker. */
    private void line(byte[] text, int from, int to) {
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
        out.add(text, from, to);
        if (from == to) {
            trimTrailingBlanks(start);
        }
        endLine();
    }

    private void line(Bytes text) {
        line(text.a, 0, text.n);
    }

    private static final byte[] NOTHING = new byte[0];

    /** Writes a line of ASCII characters. */
    private void line(String ascii) {
        piece.setLength(0);
        piece.ascii(ascii);
        line(piece);
    }

    private void emptyLine() {
        line(NOTHING, 0, 0);
    }

    /**
     * Writes each line of {@code text[0, n)} (lines end with LF; a final LF ends the last line, it adds none);
     * nothing for an empty text.
     */
    private void lines(byte[] text, int n) {
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

    private void lines(Bytes text) {
        lines(text.a, text.n);
    }

    /** A blank line between blocks: the prefixes alone, without their trailing spaces, no marker spent. */
    private void blankLine() {
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
    private boolean load(OcpNode node, OcpNode.Field field, Bytes into) {
        return load(node.stringOffset(field), () -> node.string(field), into);
    }

    /** {@link #load} for the node under the {@link #look} cursor. */
    private boolean load(OcpCursor node, OcpNode.Field field, Bytes into) {
        return load(node.stringOffset(field), () -> node.string(field), into);
    }

    /** {@link #load} of the string whose bytes start at {@code at} (or -1), decoded by {@code decoded} if need be. */
    private boolean load(int at, java.util.function.Supplier<String> decoded, Bytes into) {
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

    private Frame parent() {
        return depth >= 2 ? frames[depth - 2] : null;
    }

    @Override
    public boolean enter(OcpNode node) {
        NodeKind kind = node.kind();
        if (kind == null) {
            push(node, null);
            return false; // a later minor version's kind: nothing known to write
        }
        Frame f = push(node, kind);
        return kind.isBlock() && leaf == 0 ? enterBlock(node, kind, f) : enterInline(node, kind, f);
    }

    @Override
    public void exit(OcpNode node) {
        Frame f = frames[depth - 1];
        if (f.kind != null) {
            if (f.kind.isBlock() && (leaf == 0 || isLeaf(f.kind))) {
                exitBlock(node, f);
            } else {
                exitInline(node, f);
                Frame parent = parent();
                if (parent != null) {
                    parent.previous = f.kind;
                }
            }
        }
        depth--;
    }

    private static boolean isLeaf(NodeKind kind) {
        return kind == NodeKind.PARAGRAPH || kind == NodeKind.HEADING || kind == NodeKind.TABLE_CELL;
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

    private boolean anItemIsSpread(OcpNode list) {
        look.moveTo(list.index());
        for (boolean more = look.toFirstChild(); more; more = look.toNextSibling()) {
            if (look.isSpread()) {
                return true;
            }
        }
        return false;
    }

    private boolean hasSiblings(int node) {
        look.moveTo(node);
        return look.nextSiblingIndex() != NONE || look.index() != look.parentIndex() + 1;
    }

    private boolean startsWithHtml(OcpNode paragraph) {
        look.moveTo(paragraph.index());
        return look.toFirstChild() && look.kind() == NodeKind.HTML_INLINE;
    }

    /** Whether a list can start right under a paragraph's last line: a bullet list, or one numbered from 1. */
    private static boolean interruptsParagraph(OcpNode list) {
        return list.hasChildren() && (!list.isOrderedList() || list.listStart() == 1);
    }

    private boolean enterBlock(OcpNode node, NodeKind kind, Frame f) {
        Frame parent = parent();
        separate(node, parent);
        f.linesAtEnter = lines;
        switch (kind) {
            case DOCUMENT:
                return true;
            case PARAGRAPH:
            case HEADING:
                leaf++;
                inline.setLength(0);
                if (kind == NodeKind.PARAGRAPH && parent != null && parent.task != 0 && parent.index + 1 == node.index()) {
                    inline.add('[', parent.task);
                    inline.add(']', ' ');
                }
                f.mark = inline.n;
                return true;
            case TABLE_CELL:
                leaf++;
                inline.setLength(0);
                f.mark = 0;
                return true;
            case THEMATIC_BREAK:
                line(thematicBreak(node, parent));
                return false;
            case BLOCK_QUOTE:
                pushPrefix(QUOTE);
                return true;
            case LIST:
                enterList(node, f, parent);
                return true;
            case LIST_ITEM:
                enterItem(node, f, parent);
                return true;
            case CODE_BLOCK:
                codeBlock(node, parent);
                return false;
            case HTML_BLOCK: {
                load(node, OcpNode.Field.LITERAL, text);
                if (parent != null && parent.kind == NodeKind.LIST_ITEM && parent.index + 1 == node.index()
                        && text.n > 0 && text.a[0] == ' ') {
                    // After the marker its leading spaces would be taken for the marker's; on a line of its own
                    // under the marker, the item's content starts a column after it and the spaces stay.
                    emptyLine();
                }
                lines(text);
                leftOpen = !closes(node.htmlBlockCondition(), text);
                return false;
            }
            case DEFINITION:
                definition(node);
                return false;
            case TABLE:
                rows = new ArrayList<>();
                aligns = new ArrayList<>();
                return true;
            case TABLE_ROW:
                rows.add(new ArrayList<>());
                return true;
            case FOOTNOTE_DEFINITION: {
                int from = firsts.n;
                firsts.add('[', '^');
                load(node, OcpNode.Field.LABEL, aux);
                firsts.add(aux);
                firsts.add(']', ':');
                firsts.add(' ');
                pushPrefix(from, 4);
                return true;
            }
            case FRONTMATTER: {
                String fence = "toml".equals(node.frontmatterFormat()) ? "+++" : "---";
                line(fence);
                load(node, OcpNode.Field.LITERAL, text);
                lines(text);
                line(fence);
                return false;
            }
            case MATH_BLOCK: {
                load(node, OcpNode.Field.LITERAL, text);
                int marks = Math.max(2, Escaper.longestRun(text.a, text.n, (byte) '$') + 1);
                piece.setLength(0);
                piece.repeat('$', marks);
                if (load(node, OcpNode.Field.INFO, aux)) {
                    piece.add(aux);
                }
                line(piece);
                lines(text);
                closeFence(node, '$', marks);
                return false;
            }
            case MDX_JSX_FLOW: {
                boolean children = node.hasChildren();
                piece.setLength(0);
                piece.utf8(JsxWriter.openTag(node, !children));
                line(piece);
                if (children) {
                    f.closeTag = true;
                    pushPrefix(2);
                    jsxIndents++;
                }
                return children;
            }
            case MDX_EXPRESSION_FLOW:
                load(node, OcpNode.Field.LITERAL, text);
                piece.setLength(0);
                piece.add('{');
                piece.add(text);
                piece.add('}');
                lines(piece);
                return false;
            case MDX_ESM:
                load(node, OcpNode.Field.LITERAL, text);
                lines(text);
                return false;
            default:
                return true;
        }
    }

    private void exitBlock(OcpNode node, Frame f) {
        Frame parent = parent();
        switch (f.kind) {
            case PARAGRAPH:
                leaf--;
                lines(inline);
                inline.setLength(0);
                break;
            case HEADING:
                leaf--;
                heading(node);
                inline.setLength(0);
                break;
            case TABLE_CELL:
                leaf--;
                if (!padding(node, parent)) {
                    rows.get(rows.size() - 1).add(java.util.Arrays.copyOf(inline.a, inline.n));
                }
                if (rows.size() == 1) {
                    aligns.add(node.alignment());
                }
                inline.setLength(0);
                break;
            case TABLE:
                MarkdownTables.write(rows, aligns, piece, this::line);
                rows = null;
                aligns = null;
                break;
            case BLOCK_QUOTE:
                if (lines == f.linesAtEnter) {
                    emptyLine();
                }
                popPrefix();
                leftOpen = false; // a blank line ends the quote, and a block left open in it
                break;
            case LIST_ITEM:
            case FOOTNOTE_DEFINITION:
                if (lines == f.linesAtEnter) {
                    emptyLine(); // an empty item: its marker alone
                }
                popPrefix();
                break;
            case MDX_JSX_FLOW:
                if (f.closeTag) {
                    popPrefix();
                    jsxIndents--;
                    piece.setLength(0);
                    piece.utf8(JsxWriter.closeTag(node));
                    line(piece);
                }
                break;
            default:
                break;
        }
        if (parent != null) {
            parent.previous = f.kind;
            parent.previousIndentedCode = f.kind == NodeKind.CODE_BLOCK && f.marker == ' ';
            if (f.kind == NodeKind.LIST) {
                parent.previousMarker = f.marker;
                parent.previousOrdered = f.ordered;
            }
        }
    }

    /**
     * Whether a cell is one the parser added to a body row that lacked it: empty, at the very end of its row. It is
     * left out, so that the row reads back as short as it was (mdast keeps it short; HTML pads it either way).
     */
    private boolean padding(OcpNode cell, Frame row) {
        if (cell.hasChildren() || rows.size() == 1 || cell.spanStart() != cell.spanEnd()) {
            return false;
        }
        look.moveTo(row.index);
        return cell.spanStart() == look.spanEnd() && look.spanStart() < look.spanEnd();
    }

    private void enterList(OcpNode node, Frame f, Frame parent) {
        f.ordered = node.isOrderedList();
        f.tight = node.isTightList();
        f.spread = node.isSpread();
        // A loose list is spread, or one of its items is, in payloads that record it: else it is an older one.
        f.spreadKnown = f.tight || f.spread || anItemIsSpread(node);
        char asked = f.ordered ? options.orderedDelimiter() : options.bullet();
        char marker = asked != MarkdownOptions.AS_PARSED ? asked : node.marker();
        if (marker == 0 || (f.ordered ? ".)" : "-*+").indexOf(marker) < 0) {
            marker = f.ordered ? '.' : '-';
        }
        // Two lists in a row with the same marker would be read as one.
        if (parent != null && parent.previous == NodeKind.LIST && parent.previousOrdered == f.ordered
                && parent.previousMarker == marker) {
            marker = f.ordered ? (marker == '.' ? ')' : '.') : (marker == '-' ? '*' : '-');
        }
        f.marker = marker;
        f.number = f.ordered ? node.listStart() : 0;
        int next = node.nextSiblingIndex();
        if (next != NONE) {
            look.moveTo(next);
            if (look.kind() == NodeKind.HTML_BLOCK) {
                // An HTML block indented as deep as the items' content would be read as their last item's.
                load(look, OcpNode.Field.LITERAL, ahead);
                int spaces = 0;
                while (spaces < ahead.n && ahead.a[spaces] == ' ') {
                    spaces++;
                }
                f.contentIndent = spaces > 0 ? spaces + 1 : 0;
            }
        }
    }

    private void enterItem(OcpNode node, Frame f, Frame list) {
        int from = firsts.n;
        if (list != null && list.kind == NodeKind.LIST) {
            f.tight = list.tight;
            f.spreadKnown = list.spreadKnown;
            f.spread = node.isSpread();
            if (list.ordered) {
                if (list.number < 0) {
                    firsts.ascii(Long.toString(list.number));
                } else {
                    firsts.decimal(list.number);
                }
                firsts.add(list.marker);
                if (options.incrementListNumbers()) {
                    list.number++;
                }
            } else {
                firsts.add(list.marker);
            }
        } else {
            firsts.add('-'); // an item outside a list: only a builder makes one
        }
        int marker = firsts.n - from;
        if (node.isTask()) {
            f.task = (byte) (node.isChecked() ? 'x' : ' ');
        }
        int pad = 1;
        if (list != null && list.contentIndent > marker + 1 && !firstChildIsCode(node)) {
            pad = Math.min(4, list.contentIndent - marker);
        }
        firsts.repeat(' ', pad);
        pushPrefix(from, marker + pad);
    }

    private boolean firstChildIsCode(OcpNode item) {
        look.moveTo(item.index());
        return look.toFirstChild() && look.kind() == NodeKind.CODE_BLOCK;
    }

    /** Three of the thematic break character, one that cannot read as the list item's marker on its line. */
    private String thematicBreak(OcpNode node, Frame parent) {
        char c = options.thematicBreak() != MarkdownOptions.AS_PARSED ? options.thematicBreak() : node.marker();
        if (c != '-' && c != '_') {
            c = '*';
        }
        if (parent != null && parent.kind == NodeKind.LIST_ITEM) {
            Frame list = frames[depth - 3];
            if (!list.ordered && list.marker == c) {
                c = c == '*' ? '-' : '*';
            }
            // Right under a paragraph (a tight item), dashes would underline it as a heading.
            if (c == '-' && parent.previous == NodeKind.PARAGRAPH) {
                c = list.marker == '*' ? '_' : '*';
            }
        }
        // First in a document, three dashes would open frontmatter.
        return String.valueOf(c).repeat(c == '-' && node.index() == 1 ? 4 : 3);
    }

    private void heading(OcpNode node) {
        int level = node.headingLevel();
        boolean multiline = inline.indexOf('\n', 0) >= 0;
        boolean setext = switch (options.headings()) {
            case AS_PARSED -> node.isSetextHeading();
            case SETEXT -> true;
            case ATX -> false;
        };
        if ((setext || multiline) && level <= 2 && inline.n > 0) {
            lines(inline);
            line(level == 1 ? "===" : "---");
            return;
        }
        if (multiline) {
            // ATX headings hold one line: a line break inside one becomes a space.
            for (int i = 0; i < inline.n; i++) {
                if (inline.a[i] == '\n') {
                    int end = i;
                    while (end > 0 && (inline.a[end - 1] == ' ' || inline.a[end - 1] == '\\')) {
                        end--;
                    }
                    inline.replace(end, i + 1, ' ');
                    i = end;
                }
            }
        }
        Escaper.protectClosingHashes(inline);
        piece.setLength(0);
        piece.repeat('#', level);
        if (inline.n > 0) {
            piece.add(' ');
            piece.add(inline);
        }
        line(piece);
    }

    private void codeBlock(OcpNode node, Frame parent) {
        Bytes literal = text;
        Bytes info = aux;
        load(node, OcpNode.Field.LITERAL, literal);
        boolean hasInfo = load(node, OcpNode.Field.INFO, info);
        if (canIndent(node, literal, hasInfo ? info : null, parent)) {
            Frame f = frames[depth - 1];
            f.marker = ' ';
            if (parent != null && parent.kind == NodeKind.FOOTNOTE_DEFINITION && parent.index + 1 == node.index()) {
                emptyLine(); // on the label's line it would be a paragraph; under it, four columns in, it is code
            }
            pushPrefix(4);
            lines(literal);
            popPrefix();
            trailingLines(node);
            return;
        }
        char fence = options.fence() != MarkdownOptions.AS_PARSED ? options.fence()
                : node.isFencedCode() ? node.marker() : '`';
        if (fence != '`' && fence != '~') {
            fence = '`';
        }
        if (fence == '`' && hasInfo && info.indexOf('`', 0) >= 0) {
            fence = '~';
        }
        int marks = Math.max(3, Escaper.longestRun(literal.a, literal.n, (byte) fence) + 1);
        piece.setLength(0);
        piece.repeat(fence, marks);
        if (info.n > 0) {
            if (info.a[0] == fence) {
                piece.add(' '); // else the fence would take it as one of its own
            }
            escaper.info(info.a, info.n, piece);
        }
        line(piece);
        lines(literal);
        closeFence(node, fence, marks);
    }

    /**
     * Writes the blank lines an indented block took in after its text (format v1.5, slot c), each as four spaces and
     * what it held past them, so that the block reads back with them and mdast's value keeps them. CommonMark leaves
     * them out of the block's literal, and so the HTML does not change; a fenced block has no such lines, and
     * where this one is written fenced they are lost.
     */
    private void trailingLines(OcpNode node) {
        int ref = payload.getInt(layout().record(node.index()) + OcpFormat.N_C);
        if (ref == NONE) {
            return;
        }
        int at = layout.stringOffset() + ref + 4;
        load(at, () -> layout.decode(payload, ref), aux);
        int from = 0;
        while (true) {
            int i = Bytes.indexOf(aux.a, from, aux.n, '\n');
            int to = i < 0 ? aux.n : i;
            piece.setLength(0);
            piece.repeat(' ', 4); // never empty: a blank line written empty would lose its indentation
            piece.add(aux.a, from, to);
            line(piece);
            if (i < 0) {
                return;
            }
            from = i + 1;
        }
    }

    /**
     * Loads raw HTML as mdast keeps it (format v1.5, slot c: with what its later lines' indentation had past three
     * columns), if the payload records it; {@link Escaper#rawInline} writes such a line past three columns again, so
     * that it reads back with the same HTML and the same mdast.
     */
    private boolean htmlAsWritten(OcpNode node, Bytes into) {
        int ref = payload.getInt(layout().record(node.index()) + OcpFormat.N_C);
        if (ref == NONE) {
            return false;
        }
        return load(layout.stringOffset() + ref + 4, () -> layout.decode(payload, ref), into);
    }

    /** The payload's layout, read the first time a fact of v1.5 that the node accessors leave out is needed. */
    private PayloadLayout layout() {
        if (layout == null) {
            layout = PayloadLayout.of(payload);
        }
        return layout;
    }

    /**
     * Whether an HTML block's last line holds the end its start condition waits for (conditions 1 to 5; the others
     * end at a blank line).
     */
    private static boolean closes(int condition, Bytes literal) {
        int n = literal.n;
        int start = Math.max(0, n - 2);
        while (start >= 0 && (start >= n || literal.a[start] != '\n')) {
            start--;
        }
        start++;
        byte[] s = literal.a;
        return switch (condition) {
            case 1 -> contains(s, start, n, "</script>", true) || contains(s, start, n, "</pre>", true)
                    || contains(s, start, n, "</style>", true) || contains(s, start, n, "</textarea>", true);
            case 2 -> contains(s, start, n, "-->", false);
            case 3 -> contains(s, start, n, "?>", false);
            case 4 -> contains(s, start, n, ">", false);
            case 5 -> contains(s, start, n, "]]>", false);
            default -> true;
        };
    }

    /**
     * Whether {@code s[from, to)} contains the ASCII {@code what}, in any case of its letters if {@code anyCase}
     * (no other character lower-cases to an ASCII letter of the tags asked for).
     */
    private static boolean contains(byte[] s, int from, int to, String what, boolean anyCase) {
        int m = what.length();
        outer:
        for (int i = from; i + m <= to; i++) {
            for (int k = 0; k < m; k++) {
                int c = s[i + k];
                if (anyCase && c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != what.charAt(k)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Writes a fenced block's closing fence, unless the source had none (the block ended with its container or the
     * document): mdast leaves out a blank last line of such a block, and keeps it in a closed one.
     */
    private void closeFence(OcpNode node, char fence, int marks) {
        if (node.isUnclosed()) {
            leftOpen = true;
        } else {
            piece.setLength(0);
            piece.repeat(fence, marks);
            line(piece);
        }
    }

    /** Whether an indented code block reads back as itself here. */
    private boolean canIndent(OcpNode node, Bytes literal, Bytes info, Frame parent) {
        if (options.fencedCode() || mdx || node.isFencedCode() || literal.n == 0 || (info != null && info.n > 0)) {
            return false;
        }
        if (Escaper.blankLine(literal.a, literal.n, 0) || Escaper.blankLastLine(literal.a, literal.n)) {
            return false; // an indented block starts and ends with a line that is not blank
        }
        if (parent != null && node.parentIndex() + 1 != node.index()) {
            NodeKind before = parent.previous;
            // After a list, the indented lines would continue its last item; after indented code, join it; in a
            // tight item, continue the paragraph before.
            if (before == NodeKind.LIST || parent.previousIndentedCode
                    || (parent.tight && before == NodeKind.PARAGRAPH)) {
                return false;
            }
        }
        return true;
    }

    private void definition(OcpNode node) {
        piece.setLength(0);
        piece.add('[');
        load(node, OcpNode.Field.LABEL, aux);
        piece.add(aux);
        piece.add(']', ':');
        piece.add(' ');
        destinationAndTitle(node, true, piece);
        if (jsxIndents == 0) {
            // A label or title across lines: each line under the containers' prefixes, where the indentation the
            // label keeps (format v1.5) is the line's own, past them; a lazy line would lose what reaches into them.
            lines(piece);
        } else {
            // Under a JSX element the indentation is the writer's own, not a container's: a label would keep it.
            line(piece);
        }
    }

    // ---------------------------------------------------------------- inlines

    private boolean enterInline(OcpNode node, NodeKind kind, Frame f) {
        Bytes b = inline;
        f.mark = b.n;
        boolean reference = afterReference;
        afterReference = false;
        switch (kind) {
            case TEXT: {
                load(node, OcpNode.Field.LITERAL, text);
                if (verbatim > 0) {
                    b.add(text);
                } else {
                    int where = textPlace(node, text, reference);
                    escaper.text(text.a, text.n, b, where);
                    rawRunEnd = (where & Escaper.RUN_AFTER) != 0 ? b.n : -1;
                }
                return false;
            }
            case SOFT_BREAK:
                b.add('\n');
                return false;
            case HARD_BREAK: {
                // Right after a sibling's closing run, a backslash would be punctuation where the source had a space.
                int before = b.n == 0 ? ' ' : b.last();
                boolean afterRun = node.parentIndex() + 1 != node.index()
                        && (before == '*' || before == '_' || before == '~');
                boolean spaces = switch (options.hardBreak()) {
                    case SPACES -> true;
                    case BACKSLASH -> false;
                    case AS_PARSED -> node.marker() == ' ' || node.marker() == '\t'; // v1.4: spaces after a tab
                };
                if (spaces || afterRun) {
                    b.add(' ', ' ');
                } else {
                    b.add('\\');
                }
                b.add('\n');
                return false;
            }
            case CODE_SPAN:
            case MATH_INLINE: {
                if (inTable() || !load(node, OcpNode.Field.LITERAL_WITH_LINE_ENDINGS, text)) {
                    load(node, OcpNode.Field.LITERAL, text);
                }
                Escaper.codeSpan(text.a, text.n, (byte) (kind == NodeKind.CODE_SPAN ? '`' : '$'), inTable(), b);
                return false;
            }
            case HTML_INLINE:
                if (b.last() == '\n') {
                    // At the start of a line it could start an HTML block; indented, the line goes on the paragraph.
                    b.repeat(' ', 4);
                }
                if (!htmlAsWritten(node, text)) {
                    load(node, OcpNode.Field.LITERAL, text);
                }
                Escaper.rawInline(text.a, text.n, inTable(), b);
                return false;
            case EMPHASIS:
            case STRONG: {
                char asked = kind == NodeKind.EMPHASIS ? options.emphasis() : options.strong();
                char c = delimiter(node, asked);
                int count = kind == NodeKind.EMPHASIS ? 1 : 2;
                b.repeat(c, count);
                f.closeChar = (byte) c;
                f.closeCount = count;
                return true;
            }
            case STRIKETHROUGH: {
                // Inside another, a second ~~ would close it: one ~ pairs with its own.
                Frame parent = parent();
                int count = parent != null && parent.kind == NodeKind.STRIKETHROUGH && parent.closeChar == '~'
                        && parent.closeCount == 2 ? 1 : 2;
                b.repeat('~', count);
                f.closeChar = '~';
                f.closeCount = count;
                return true;
            }
            case LINK:
            case IMAGE:
                return enterLink(node, kind, f);
            case FOOTNOTE_REFERENCE:
                if (b.last() == '\n') {
                    b.repeat(' ', 4); // at the start of a line, with a : after it, it would define a footnote
                }
                b.add('[', '^');
                load(node, OcpNode.Field.LABEL, text);
                b.add(text);
                b.add(']');
                return false;
            case MDX_JSX_TEXT: {
                boolean children = node.hasChildren();
                b.utf8(JsxWriter.openTag(node, !children));
                f.closeTag = children;
                return children;
            }
            case MDX_EXPRESSION_TEXT:
                b.add('{');
                load(node, OcpNode.Field.LITERAL, text);
                b.add(text);
                b.add('}');
                return false;
            default:
                return true; // a block inside a leaf block: its inline content is written as it comes
        }
    }

    private void exitInline(OcpNode node, Frame f) {
        if (f.kind == NodeKind.LINK || f.kind == NodeKind.IMAGE) {
            exitLink(node, f);
        } else if (f.closeTag) {
            inline.utf8(JsxWriter.closeTag(node));
        } else {
            inline.repeat(f.closeChar, f.closeCount);
        }
    }

    private boolean enterLink(OcpNode node, NodeKind kind, Frame f) {
        if (kind == NodeKind.LINK && node.isAutolink()) {
            boolean angle = !node.isAutolinkLiteral();
            if (angle) {
                inline.add('<');
            }
            verbatim++;
            f.closeChar = '>';
            f.closeCount = angle ? 1 : 0;
            f.marker = 'v';
            f.mark = inline.n;
            return true;
        }
        if (kind == NodeKind.IMAGE) {
            inline.add('!');
        }
        inline.add('[');
        f.mark = inline.n;
        OcpNode.ReferenceType type = node.referenceType();
        if (type != null && node.stringOffset(OcpNode.Field.LABEL) >= 0) {
            f.marker = switch (type) {
                case FULL -> 'f';
                case COLLAPSED -> 'c';
                case SHORTCUT -> 's';
            };
        } else {
            f.marker = 'i';
        }
        return true;
    }

    /**
     * A link's or definition's destination, and its title after a space if it has one. An empty destination is written
     * {@code <>} where nothing else would show it is there: in a definition, and before a title.
     */
    private void destinationAndTitle(OcpNode node, boolean definition, Bytes into) {
        boolean hasTitle = node.stringOffset(OcpNode.Field.TITLE) >= 0;
        load(node, OcpNode.Field.DESTINATION, aux);
        escaper.destination(aux.a, aux.n, definition || hasTitle, into);
        if (hasTitle) {
            load(node, OcpNode.Field.TITLE, aux);
            into.add(' ');
            escaper.title(aux.a, aux.n, into);
        }
    }

    /** An inline link's {@code ](destination "title")}, written when the link is left. */
    private void inlineLinkTail(OcpNode node) {
        Bytes tail = inTable() ? piece : inline;
        if (tail == piece) {
            piece.setLength(0);
        }
        tail.add(']', '(');
        destinationAndTitle(node, false, tail);
        tail.add(')');
        if (tail == piece) {
            Escaper.pipes(piece, inline);
        }
    }

    private void exitLink(OcpNode node, Frame f) {
        switch (f.marker) {
            case 'v' -> {
                verbatim--;
                inline.repeat(f.closeChar, f.closeCount);
                if (f.closeCount == 0 && !literalEndsHere(node)) {
                    // What follows would lengthen the literal: written as an ordinary link, which ends at its ).
                    piece.setLength(0);
                    piece.add(inline.a, f.mark, inline.n);
                    inline.setLength(f.mark);
                    inline.add('[');
                    escaper.text(piece.a, piece.n, inline, 0);
                    inline.add(']', '(');
                    load(node, OcpNode.Field.DESTINATION, aux);
                    escaper.destination(aux.a, aux.n, false, inline);
                    inline.add(')');
                }
            }
            case 'i' -> inlineLinkTail(node);
            case 'f' -> {
                inline.add(']', '[');
                load(node, OcpNode.Field.LABEL, aux);
                inline.add(aux);
                inline.add(']');
            }
            default -> {
                // The text of a collapsed or shortcut reference is its label: written as the source wrote it, so
                // that it matches its definition; if the text no longer reads as the label, as a full reference.
                load(node, OcpNode.Field.LABEL, aux);
                int from = f.mark;
                int to = inline.n;
                if (!java.util.Arrays.equals(inline.a, from, to, aux.a, 0, aux.n)) {
                    if (Escaper.sameText(inline.a, from, to, aux.a, 0, aux.n)) {
                        inline.setLength(from);
                        inline.add(aux);
                    } else {
                        inline.add(']', '[');
                        inline.add(aux);
                    }
                }
                if (f.marker == 'c') {
                    inline.add(']', '[');
                    inline.add(']');
                } else {
                    inline.add(']');
                }
                afterReference = f.marker == 's';
            }
        }
    }

    /**
     * The delimiter character of an emphasis, strong emphasis: the one asked for, unless it would not parse. {@code _}
     * does not open or close inside a word; and a run of delimiters right next to another of the same character (a
     * parent's, a sibling's) would merge with it, so the other character is taken there.
     */
    private char delimiter(OcpNode node, char asked) {
        char parsed = node.marker();
        if (asked == MarkdownOptions.AS_PARSED && (parsed == '*' || parsed == '_')) {
            // The source's runs, rewritten as they were, pair up as they did.
            return parsed == '_' && !underscoreParses(node) ? '*' : parsed;
        }
        char c = asked == '_' ? '_' : '*';
        if (mergesWithNeighbour(node, c)) {
            c = c == '*' ? '_' : '*';
        }
        if (c == '_' && !underscoreParses(node)) {
            c = '*';
        }
        return c;
    }

    /**
     * Whether a delimiter run of {@code c} for this node, written right after the one before it, would be read as one
     * run with it and pair up otherwise: an emphasis first in an emphasis ({@code **} is strong), an emphasis that
     * is all of a strong emphasis ({@code ***a***} is the other nesting), and a delimited node right after a
     * delimited sibling ({@code *a**b*}). Strong in strong, strong in emphasis and last children pair up as written.
     */
    private boolean mergesWithNeighbour(OcpNode node, char c) {
        int n = inline.n;
        if (n == 0 || inline.a[n - 1] != c || (n >= 2 && inline.a[n - 2] == '\\') || n == rawRunEnd) {
            return false; // not a delimiter, or text written as part of the run on purpose (Escaper.RUN_AFTER)
        }
        if (node.parentIndex() + 1 != node.index()) {
            return true; // the previous sibling's closing run
        }
        Frame parent = parent();
        if (parent == null || node.kind() != NodeKind.EMPHASIS) {
            return false;
        }
        return parent.kind == NodeKind.EMPHASIS
                || (parent.kind == NodeKind.STRONG && node.nextSiblingIndex() == NONE);
    }

    /** Whether {@code _} delimiters open and close an emphasis here: not inside a word. */
    private boolean underscoreParses(OcpNode node) {
        if (inline.n > 0 && !apart(inline.codePointBefore(inline.n))) {
            return false;
        }
        int next = node.nextSiblingIndex();
        if (next == NONE) {
            return true;
        }
        look.moveTo(next);
        if (look.kind() != NodeKind.TEXT) {
            return true;
        }
        load(look, OcpNode.Field.LITERAL, ahead);
        return ahead.n == 0 || apart(Bytes.codePointAt(ahead.a, 0, ahead.n));
    }

    /**
     * Whether a character next to an {@code _} run leaves it free to open or close: Unicode whitespace or
     * punctuation as CommonMark 0.31.2 defines them (general categories Zs, P and S, and tab, line feed, form feed,
     * carriage return). Beside anything else (a letter, a digit, a control character) {@code *} is taken, which opens
     * and closes inside words too.
     */
    private static boolean apart(int c) {
        if (c == '\t' || c == '\n' || c == '\f' || c == '\r') {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.SPACE_SEPARATOR, Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                 Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
                 Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /**
     * Whether a GFM autolink literal written as it is ends where it ended in the tree: before a line break, the end
     * of its block, or whitespace, after nothing but the punctuation a literal leaves out at its end ({@code . , ? !
     * : )}), written without escapes. Anything else that follows (an escape's backslash, a character reference, a
     * delimiter) would be read as more of its address.
     */
    private boolean literalEndsHere(OcpNode link) {
        int next = link.nextSiblingIndex();
        if (next == NONE) {
            // The closing runs of the delimited nodes it ends ({@code **}, {@code ~~}) are left out of the address
            // like other trailing punctuation, but not what follows them.
            for (int d = depth - 2; d >= 0 && frames[d].kind != null && isDelimited(frames[d].kind); d--) {
                look.moveTo(frames[d].index);
                int after = look.nextSiblingIndex();
                if (after != NONE) {
                    look.moveTo(after);
                    if (look.kind() == NodeKind.SOFT_BREAK) {
                        return true;
                    }
                    return look.kind() == NodeKind.TEXT && load(look, OcpNode.Field.LITERAL, ahead) && ahead.n > 0
                            && ahead.a[0] == ' ';
                }
            }
            return true;
        }
        look.moveTo(next);
        NodeKind kind = look.kind();
        if (kind == NodeKind.SOFT_BREAK) {
            return true;
        }
        if (kind != NodeKind.TEXT) {
            return false; // a hard break's backslash, too, would join the address
        }
        load(look, OcpNode.Field.LITERAL, ahead);
        byte[] text = ahead.a;
        int length = ahead.n;
        int end = 0;
        while (end < length && ".,?!:)".indexOf(text[end]) >= 0) {
            end++;
        }
        int after = look.nextSiblingIndex();
        NodeKind afterKind = NodeKind.DOCUMENT;
        if (after != NONE) {
            look.moveTo(after);
            afterKind = look.kind();
        }
        if (end == length) {
            if (after != NONE && afterKind != NodeKind.SOFT_BREAK) {
                return false;
            }
        } else if (text[end] != ' ') {
            return false;
        } else if (isBlank(text, end, length) && (after == NONE || afterKind == NodeKind.SOFT_BREAK
                || afterKind == NodeKind.HARD_BREAK)) {
            return false; // blanks that end a line are written as references, which would join the address
        }
        piece.setLength(0);
        escaper.text(text, end, piece, 0);
        return piece.n == end && (end == 0 || text[end - 1] != '!' || end < length);
    }

    /** {@link String#isBlank()} of the bytes {@code s[from, to)}: white space as {@link Character#isWhitespace}. */
    private static boolean isBlank(byte[] s, int from, int to) {
        for (int i = from; i < to; ) {
            int c = Bytes.codePointAt(s, i, to);
            if (!Character.isWhitespace(c)) {
                return false;
            }
            i += Bytes.sequenceLength(s[i]);
        }
        return true;
    }

    /** Where a text node stands, for {@link Escaper#text}. */
    private int textPlace(OcpNode node, Bytes literal, boolean afterReference) {
        int where = afterReference ? Escaper.AFTER_REFERENCE : 0;
        if (atLineStart()) {
            where |= Escaper.LINE_START;
        }
        // What is asked of the node and its next sibling, asked once: each answer is a read of the payload.
        int next = node.nextSiblingIndex();
        boolean firstChild = node.parentIndex() + 1 == node.index();
        Frame parent = parent();
        NodeKind nextKind = null;
        if (next != NONE) {
            look.moveTo(next);
            nextKind = look.kind();
        }
        // It ends a line: the last of its block's inlines, or followed by a line break. Not before a hard break of
        // spaces after a tab (v1.4): the text ends in that tab, which the break's spaces cannot take, and which
        // must stay a tab (a reference would make the break one of spaces alone).
        if (next == NONE ? parent != null && parent.kind != null && isLeaf(parent.kind)
                : nextKind == NodeKind.SOFT_BREAK || nextKind == NodeKind.HARD_BREAK && look.marker() != '\t') {
            where |= Escaper.LINE_END;
        }
        if (nextKind == NodeKind.LINK) {
            where |= Escaper.BEFORE_LINK;
        }
        if (parent != null && isDelimited(parent.kind)) {
            if (firstChild) {
                where |= Escaper.OPENS_DELIMITED;
            }
            if (next == NONE) {
                where |= Escaper.CLOSES_DELIMITED;
            }
        }
        byte[] text = literal.a;
        int length = literal.n;
        if (length > 0 && verbatim == 0) {
            if (!firstChild && parent != null && isDelimitedKind(parent.previous)
                    && closerNeedsHelp(Bytes.codePointAt(text, 0, length))) {
                where |= Escaper.REFERENCE_FIRST;
            }
            if (next != NONE && isDelimitedKind(nextKind)
                    && openerNeedsHelp(Bytes.codePointBefore(text, 0, length), next)) {
                where |= Escaper.REFERENCE_LAST;
            }
        }
        if (length > 0) {
            int runs = 0;
            int n = inline.n;
            byte first = text[0];
            if ((first == '*' || first == '_') && n > 0 && inline.a[n - 1] == first
                    && (n < 2 || inline.a[n - 2] != '\\') && !firstChild) {
                runs |= Escaper.RUN_BEFORE; // the previous sibling's closing run, not the parent's opening one
            }
            byte last = text[length - 1];
            if ((last == '*' || last == '_') && (nextKind == NodeKind.EMPHASIS || nextKind == NodeKind.STRONG)
                    && delimiterFollows(next, (char) last) && runCanOpen(text, length, last)) {
                runs |= Escaper.RUN_AFTER;
            }
            where |= runs;
        }
        return where;
    }

    /**
     * Whether a run of {@code _} that starts with the trailing {@code _} of this text can still open: not right after a
     * letter or digit (inside a word). Otherwise the text's {@code _} is escaped, and the delimiter after it opens on
     * its own.
     */
    private boolean runCanOpen(byte[] text, int length, byte c) {
        if (c != '_') {
            return true;
        }
        int i = length;
        while (i > 0 && text[i - 1] == c) {
            i--;
        }
        if (i > 0) {
            return apart(Bytes.codePointBefore(text, 0, i));
        }
        return inline.n == 0 || apart(inline.codePointBefore(inline.n));
    }

    /** Whether the opening run of {@code c} of a delimited sibling comes right after this node. */
    private boolean delimiterFollows(int next, char c) {
        if (next == NONE) {
            return false;
        }
        look.moveTo(next);
        return (look.kind() == NodeKind.EMPHASIS || look.kind() == NodeKind.STRONG) && look.marker() == c;
    }

    /**
     * Whether the closing run just written (at the end of {@link #inline}) closes only if the character after it is
     * punctuation rather than {@code after}, as written: a reference ({@code &...;}) then stands there.
     */
    private boolean closerNeedsHelp(int after) {
        int end = inline.n;
        if (end == 0) {
            return false;
        }
        byte c = inline.a[end - 1];
        int start = end;
        while (start > 0 && inline.a[start - 1] == c) {
            start--;
        }
        int before = start == 0 ? -1 : inline.codePointBefore(start);
        return !closes((char) (c & 0xFF), before, after) && closes((char) (c & 0xFF), before, '&');
    }

    /** Whether the delimited sibling at {@code next} opens only if the character before it is punctuation. */
    private boolean openerNeedsHelp(int before, int next) {
        look.moveTo(next);
        NodeKind kind = look.kind();
        if (!isDelimitedKind(kind)) {
            return false;
        }
        char c = kind == NodeKind.STRIKETHROUGH ? '~' : look.marker();
        int after = look.toFirstChild() ? firstCharacter() : -1;
        return !opens(c, before, after) && opens(c, before == -1 ? -1 : ';', after);
    }

    /** The first character a node under the look cursor writes, as near as it matters for flanking. */
    private int firstCharacter() {
        NodeKind kind = look.kind();
        if (kind == NodeKind.TEXT) {
            load(look, OcpNode.Field.LITERAL, ahead);
            return ahead.n == 0 ? -1 : Bytes.codePointAt(ahead.a, 0, ahead.n);
        }
        return kind == NodeKind.SOFT_BREAK || kind == NodeKind.HARD_BREAK ? '\n' : '*';
    }

    private static boolean opens(char c, int before, int after) {
        boolean left = Escaper.leftFlanking(before, after);
        return c == '_' ? left && (!Escaper.rightFlanking(before, after) || Escaper.isUnicodePunctuation(before))
                : left;
    }

    private static boolean closes(char c, int before, int after) {
        boolean right = Escaper.rightFlanking(before, after);
        return c == '_' ? right && (!Escaper.leftFlanking(before, after) || Escaper.isUnicodePunctuation(after))
                : right;
    }

    private static boolean isDelimitedKind(NodeKind kind) {
        return kind != null && isDelimited(kind);
    }

    private static boolean isDelimited(NodeKind kind) {
        return kind == NodeKind.EMPHASIS || kind == NodeKind.STRONG || kind == NodeKind.STRIKETHROUGH;
    }

    private boolean atLineStart() {
        int n = inline.n;
        return n == 0 || inline.a[n - 1] == '\n' || (n == frames[leafDepth()].mark && n > 0);
    }

    /** The depth of the open leaf block's frame. */
    private int leafDepth() {
        for (int i = depth - 1; i >= 0; i--) {
            if (frames[i].kind != null && isLeaf(frames[i].kind)) {
                return i;
            }
        }
        return 0;
    }


    private boolean inTable() {
        return rows != null;
    }
}
