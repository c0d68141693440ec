package dev.ocp.internal.text;

import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpNode;
import dev.ocp.internal.DocumentMemory;
import dev.ocp.internal.Output;
import dev.ocp.internal.Rendering;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The plain-text writer behind {@link dev.ocp.text.TextRenderer} (whose javadoc says what becomes of each kind of
 * node), and the same text with the place of chosen nodes in it, for the chunker: it takes each chunk's text out of
 * one rendering of the document instead of rendering every block alone. Public for those two packages; like the
 * rest of {@code dev.ocp.internal}, not exported.
 */
public final class PlainText {
    private PlainText() {
    }

    /**
     * Writes the subtree under the cursor as plain text, then a final line break unless the text is empty or already
     * ends with one. The cursor does not move.
     *
     * @param root a cursor on the subtree's root
     * @param out  where the text goes
     * @throws IOException if the output fails
     */
    public static void write(OcpCursor root, Output out) throws IOException {
        new Writer(root, out, null).render(root);
    }

    /**
     * The text of the subtree under the cursor, as {@link #write} writes it, and where the text of each of the given
     * nodes lies in it.
     *
     * @param root  a cursor on the subtree's root; it does not move
     * @param nodes indices of nodes of the subtree, ascending
     * @return the text and the nodes' ranges in it
     */
    public static Marked writeMarked(OcpCursor root, int[] nodes) {
        OcpNode node = root.node();
        Output out = new Output((int) Math.min(Integer.MAX_VALUE - 8, (long) node.spanEnd() - node.spanStart() + 1));
        Marked marked = new Marked(nodes);
        try {
            new Writer(root, out, marked).render(root);
        } catch (IOException e) {
            throw new AssertionError("collecting into an array does not throw", e);
        }
        marked.chars = out.array();
        marked.length = out.length();
        return marked;
    }

    /**
     * A text and the ranges of nodes in it: {@code [start(i), end(i))} is what the node {@code nodes[i]} and its
     * subtree wrote, without the line breaks that separate it from the blocks before and after it. A node that wrote
     * nothing has an empty range where its text would have begun.
     */
    public static final class Marked {
        private final int[] nodes;
        private final int[] starts;
        private final int[] ends;
        /** Marks entered whose start waits for their first character. */
        private final int[] pending;
        private int pendingCount;
        private int next;
        private char[] chars;
        private int length;

        private Marked(int[] nodes) {
            this.nodes = nodes;
            this.starts = new int[nodes.length];
            this.ends = new int[nodes.length];
            this.pending = new int[nodes.length];
        }

        /** The characters of the text; those from {@link #length()} on are not part of it. */
        public char[] chars() {
            return chars;
        }

        /** The text's length. */
        public int length() {
            return length;
        }

        /** Where the text of {@code nodes[i]} starts. */
        public int start(int i) {
            return starts[i];
        }

        /** Where the text of {@code nodes[i]} ends. */
        public int end(int i) {
            return ends[i];
        }

        /** The mark of the node entered, or -1. */
        int enter(int node, int at) {
            if (next < nodes.length && nodes[next] == node) {
                starts[next] = at;
                pending[pendingCount++] = next;
                return next++;
            }
            return -1;
        }

        /** Text starts at {@code at}: every mark entered since the last text starts there. */
        void text(int at) {
            for (int i = 0; i < pendingCount; i++) {
                starts[pending[i]] = at;
            }
            pendingCount = 0;
        }

        void exit(int mark, int at) {
            ends[mark] = Math.max(at, starts[mark]);
            // A mark left before any text is no longer waiting.
            for (int i = 0; i < pendingCount; i++) {
                if (pending[i] == mark) {
                    pending[i] = pending[--pendingCount];
                    break;
                }
            }
        }
    }

    /**
     * The walk's visitor; it keeps an int per open node, so deep nesting costs little. Text is decoded from where it
     * lies in the payload straight into the output, as the HTML renderer does: a string per node, copied into a
     * builder and copied again at the end, made plain text slower than HTML. A {@link Rendering}, as the HTML renderer
     * is: it reads each node only while visiting it and keeps none, and the output's exception leaves the walk as
     * itself.
     */
    private static final class Writer extends Rendering {
        /** Marks a tight list in {@link #open}. */
        private static final int TIGHT = 0x100;
        private static final int LIST_ITEM = NodeKind.LIST_ITEM.ordinal() + 1;

        private final Output text;
        /** The payload, whose strings are written from where they are. */
        private final ByteBuffer payload;
        /** The nodes whose place in the text is recorded, or null. */
        private final Marked marked;
        /** Per open node, its mark or -1 (only with {@link #marked}). */
        private int[] marks;
        /** Whether anything was written yet. */
        private boolean written;
        /** Per open node from the walk root's parent down: its kind's ordinal plus one, {@link #TIGHT} if it is a tight list. */
        private int[] open = new int[32];
        private int depth = 1;
        /** Line breaks owed before the next text: 1 or 2 when a block started since the last text. */
        private int owed;
        /** Line breaks the text ends with (at most 2 counted). */
        private int trailing;
        /** Whether this row's next cell is not its first. */
        private boolean cellAfterFirst;

        Writer(OcpCursor root, Output text, Marked marked) {
            this.text = text;
            this.payload = DocumentMemory.payloadOf(root.document());
            this.marked = marked;
            this.marks = marked == null ? null : new int[32];
            OcpCursor parent = root.copy();
            if (parent.toParent()) {
                open[0] = code(parent.node());
            }
        }

        private static int code(OcpNode node) {
            NodeKind kind = node.kind();
            if (kind == null) {
                return 0;
            }
            return kind.ordinal() + 1 | (kind == NodeKind.LIST && node.isTightList() ? TIGHT : 0);
        }

        /** Writes the subtree of the node under {@code root}, then the final line break. */
        void render(OcpCursor root) throws IOException {
            walk(root.copy());
            if (written && trailing == 0) {
                put('\n');
            }
        }

        @Override
        protected boolean enterNode(OcpNode node) throws IOException {
            int d = depth++;
            if (d == open.length) {
                open = Arrays.copyOf(open, 2 * d);
                if (marks != null) {
                    marks = Arrays.copyOf(marks, 2 * d);
                }
            }
            open[d] = code(node);
            if (marked != null) {
                marks[d] = marked.enter(node.index(), text.length());
            }
            NodeKind kind = node.kind();
            if (kind == null) {
                return false; // a kind of a later minor version: its meaning is unknown here
            }
            if (kind.isBlock() && kind != NodeKind.TABLE_CELL) {
                startBlock(kind, d);
            }
            return switch (kind) {
                case TEXT, CODE_SPAN, MATH_INLINE, CODE_BLOCK, MATH_BLOCK -> {
                    writeLiteral(node);
                    yield false;
                }
                case SOFT_BREAK, HARD_BREAK -> {
                    write('\n');
                    yield false;
                }
                case TABLE_ROW -> {
                    cellAfterFirst = false;
                    yield true;
                }
                case TABLE_CELL -> {
                    if (cellAfterFirst) {
                        // Written at once, not owed: an empty cell still keeps the columns in place.
                        write('\t');
                    }
                    cellAfterFirst = true;
                    yield true;
                }
                case THEMATIC_BREAK, HTML_BLOCK, HTML_INLINE, DEFINITION, FRONTMATTER, FOOTNOTE_REFERENCE,
                     MDX_EXPRESSION_FLOW, MDX_EXPRESSION_TEXT, MDX_ESM -> false;
                case DOCUMENT, PARAGRAPH, HEADING, BLOCK_QUOTE, ALERT, LIST, LIST_ITEM, TABLE, FOOTNOTE_DEFINITION,
                     MDX_JSX_FLOW, EMPHASIS, STRONG, LINK, IMAGE, STRIKETHROUGH, MDX_JSX_TEXT, CONTAINER_DIRECTIVE,
                     LEAF_DIRECTIVE, TEXT_DIRECTIVE -> {
                    yield true; // containers: their children are the text (a directive's: its label and content)
                }
            };
        }

        @Override
        protected void exitNode(OcpNode node) {
            int d = --depth;
            if (marked != null && marks[d] >= 0) {
                marked.exit(marks[d], text.length());
            }
        }

        /**
         * A block at depth {@code d} starts: the next text goes on a line of its own, after a blank line unless the
         * block is an item of a tight list or inside one, or a table row.
         */
        private void startBlock(NodeKind kind, int d) {
            int parent = open[d - 1];
            boolean tight = kind == NodeKind.TABLE_ROW
                    || (parent & TIGHT) != 0
                    || ((parent & 0xFF) == LIST_ITEM && d >= 2 && (open[d - 2] & TIGHT) != 0);
            owed = Math.max(owed, tight ? 1 : 2);
        }

        /** Writes a node's literal, decoded as {@link OcpNode#literal()} decodes it. */
        private void writeLiteral(OcpNode node) throws IOException {
            int at = node.stringOffset(OcpNode.Field.LITERAL);
            int length = at < 0 ? 0 : node.stringLength(OcpNode.Field.LITERAL);
            if (length == 0) {
                return;
            }
            lineBreaksOwed();
            text.utf8(payload, at, length, Output.RAW);
            // A line break is one byte in UTF-8 as it is one character, so the bytes tell how the text ends.
            int n = 0;
            while (n < 2 && n < length && payload.get(at + length - 1 - n) == '\n') {
                n++;
            }
            trailing = n == length ? Math.min(2, trailing + n) : n;
        }

        private void write(char c) throws IOException {
            lineBreaksOwed();
            put(c);
            trailing = c == '\n' ? Math.min(2, trailing + 1) : 0;
        }

        /** Before text: the line breaks that a block started since the last text is owed. */
        private void lineBreaksOwed() throws IOException {
            if (written) {
                for (int i = trailing; i < owed; i++) {
                    put('\n');
                }
            }
            owed = 0;
            written = true;
            if (marked != null) {
                marked.text(text.length());
            }
        }

        private void put(char c) throws IOException {
            text.ch(c);
        }
    }
}
