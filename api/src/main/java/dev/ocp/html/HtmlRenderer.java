package dev.ocp.html;

import dev.ocp.HtmlOptions;
import dev.ocp.OcpCursor;

import java.io.IOException;

/**
 * Renders a document, or any subtree of one, as HTML: what {@link dev.ocp.OcpDocument#toHtml()} and
 * {@link dev.ocp.OcpDocument#renderHtml(Appendable, HtmlOptions)} call, for a cursor on any node. CommonMark's
 * reference HTML for CommonMark nodes (byte for byte what the spec's examples show), GitHub's HTML for the GFM
 * extensions, and the conventions of {@code docs/ocp-format.md} ("HTML rendering") for math and MDX.
 */
public final class HtmlRenderer {
    private HtmlRenderer() {
    }

    /**
     * Renders the node under the cursor and its subtree (the whole document when the cursor is on the root),
     * then, if footnotes were referenced, the footnote section. The cursor does not move.
     *
     * @param root a cursor on the node to render
     * @param out  where to write
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is or gets closed
     */
    public static void render(OcpCursor root, Appendable out) throws IOException {
        HtmlWriter.render(root, out);
    }

    /**
     * Renders like {@link #render(OcpCursor, Appendable)} with options.
     *
     * @param root    a cursor on the node to render
     * @param out     where to write
     * @param options how to write it, for example {@link HtmlOptions#safe()}
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is or gets closed
     */
    public static void render(OcpCursor root, Appendable out, HtmlOptions options) throws IOException {
        HtmlWriter.render(root, out, options);
    }

    /**
     * Renders like {@link #render(OcpCursor, Appendable)} into a string, copying the characters once.
     *
     * @param root         a cursor on the node to render
     * @param payloadBytes the size of the document's payload, from which the length of the result is guessed
     * @return the HTML
     * @throws IllegalStateException if the document is or gets closed
     */
    public static String renderToString(OcpCursor root, long payloadBytes) {
        return HtmlWriter.renderToString(root, payloadBytes);
    }

    /**
     * Renders like {@link #renderToString(OcpCursor, long)} with options.
     *
     * @param root         a cursor on the node to render
     * @param payloadBytes the size of the document's payload, from which the length of the result is guessed
     * @param options      how to write it
     * @return the HTML
     * @throws IllegalStateException if the document is or gets closed
     */
    public static String renderToString(OcpCursor root, long payloadBytes, HtmlOptions options) {
        return HtmlWriter.renderToString(root, payloadBytes, options);
    }
}
