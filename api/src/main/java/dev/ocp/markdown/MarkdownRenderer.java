package dev.ocp.markdown;

import dev.ocp.OcpCursor;

import java.io.IOException;

/**
 * Writes a document, or any subtree of one, back as Markdown (or MDX): what
 * {@link dev.ocp.OcpDocument#toMarkdown()} and {@link dev.ocp.OcpDocument#renderMarkdown} call, for a cursor on any
 * node. The output parses back, with the document's dialect and extensions, to a document with the same HTML and the
 * same mdast (positions aside), and writing that one again gives the same Markdown.
 */
public final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    /**
     * Writes the node under the cursor and its subtree as Markdown. The cursor does not move.
     *
     * @param root    a cursor on the node to write (the root for the whole document)
     * @param out     where to write
     * @param options how to write it
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is or gets closed
     */
    public static void render(OcpCursor root, Appendable out, MarkdownOptions options) throws IOException {
        out.append(renderToString(root, options));
    }

    /**
     * Writes the node under the cursor and its subtree as Markdown into a string.
     *
     * @param root    a cursor on the node to write
     * @param options how to write it
     * @return the Markdown
     * @throws IllegalStateException if the document is or gets closed
     */
    public static String renderToString(OcpCursor root, MarkdownOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        // Decoded only once the walk has ended: it checked that the document stayed open while it read.
        MarkdownWriter writer = new MarkdownWriter(root, options, false);
        root.copy().walk(writer);
        String markdown = writer.result();
        if (markdown == null) {
            // A payload with ill-formed UTF-8: its strings are written as they decode, each checked as it is read.
            writer = new MarkdownWriter(root, options, true);
            root.copy().walk(writer);
            markdown = writer.result();
            if (markdown == null) {
                throw new AssertionError("strings read decoded and written as UTF-8 make well-formed UTF-8");
            }
        }
        return markdown;
    }
}
