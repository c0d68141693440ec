package dev.ocp.text;

import dev.ocp.OcpCursor;
import dev.ocp.OcpNode;
import dev.ocp.internal.Output;
import dev.ocp.internal.text.PlainText;

import java.io.IOException;

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
        return Output.collect(expected, output -> PlainText.write(root, output));
    }
}
