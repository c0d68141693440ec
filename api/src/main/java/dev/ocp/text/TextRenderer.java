package dev.ocp.text;

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
 * Writes a document, or any subtree of one, as plain text for search indexes and embeddings: the words a reader
 * sees, without the markup around them. What {@link dev.ocp.OcpDocument#toText()} and
 * {@link dev.ocp.OcpDocument#renderText} call, for a cursor on any node.
 *
 * <p>What is kept and how:
 * <ul>
 *   <li>Blocks (paragraphs, headings, code and math blocks, block quotes, list items, tables, footnote definitions)
 *       are separated by one blank line; the items of a tight list, and the blocks inside them, by one line break.
 *       The text ends with one line break, unless it is empty.</li>
 *   <li>Text as it reads after escapes and entities are decoded; soft and hard line breaks become line breaks.</li>
 *   <li>Code: a code block's content as it is (no fence, no info string), a code span's text.</li>
 *   <li>Links: their text, not their destination or title; an autolink's text is its address.</li>
 *   <li>Images: their alt text (the description, as plain text).</li>
 *   <li>Tables: one line per row, header included, cells separated by a tab.</li>
 *   <li>Math: its TeX source, inline or as a block.</li>
 *   <li>MDX JSX elements: their tags are dropped, their children kept.</li>
 * </ul>
 * <p>What is dropped: list markers and task-list checkboxes, emphasis, strong and strikethrough markers (their text
 * is kept), thematic breaks, raw HTML (blocks and inline: markup, not text), link reference definitions, footnote
 * references (a footnote's definition is kept where it was written), frontmatter, and MDX expressions and ESM
 * ({@code import}/{@code export}): code a page runs, not text it shows. {@code docs/ocp-format.md}, section 15, has
 * the same per kind of node.
 */
public final class TextRenderer {
    private TextRenderer() {
    }

    /**
     * Writes the node under the cursor and its subtree as plain text. The cursor does not move. The text is made
     * in full before {@code out} is given it, so {@code out} may block or close the document without harm.
     *
     * @param root a cursor on the node to write (the root for the whole document)
     * @param out  where to write
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is or gets closed
     */
    public static void render(OcpCursor root, Appendable out) throws IOException {
        out.append(renderToString(root));
    }

    /**
     * Writes the node under the cursor and its subtree as plain text into a string.
     *
     * @param root a cursor on the node to write
     * @return the text
     * @throws IllegalStateException if the document is or gets closed
     */
    public static String renderToString(OcpCursor root) {
        // The text is at most about as long as the source it came from.
        OcpNode node = root.node();
        long expected = (long) node.spanEnd() - node.spanStart() + 1;
        return Output.collect(expected, output -> new Writer(root, output).render(root));
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

        Writer(OcpCursor root, Output text) {
            this.text = text;
            this.payload = DocumentMemory.payloadOf(root.document());
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
            }
            open[d] = code(node);
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
            depth--;
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
        }

        private void put(char c) throws IOException {
            text.ch(c);
        }
    }
}
