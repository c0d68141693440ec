package dev.ocp.mdast;

import dev.ocp.OcpDocument;

import java.io.IOException;

/**
 * Renders a document as mdast, the syntax tree of the unified ecosystem, in the shape
 * {@code mdast-util-from-markdown} gives with its MDX, GFM, frontmatter and math extensions: what
 * {@link OcpDocument#toMdast(byte[])} and {@link OcpDocument#renderMdast(Appendable, byte[])} call. Positions
 * count UTF-16 code units and need the source, as a document keeps only its length: the caller passes the bytes it
 * parsed.
 */
public final class MdastRenderer {
    private MdastRenderer() {
    }

    /**
     * Renders the whole document as one mdast {@code root} object.
     *
     * @param document the document
     * @param source   the bytes it was parsed from
     * @param out      where to write
     * @throws IOException              if {@code out} fails
     * @throws IllegalArgumentException if {@code source} is not as long as the document's source
     * @throws IllegalStateException    if the document is or gets closed
     */
    public static void render(OcpDocument document, byte[] source, Appendable out) throws IOException {
        MdastWriter.render(document, source, out);
    }

    /**
     * Renders like {@link #render} into a string, copying the characters once.
     *
     * @param document the document
     * @param source   the bytes it was parsed from
     * @return the mdast JSON
     * @throws IllegalArgumentException if {@code source} is not as long as the document's source
     * @throws IllegalStateException    if the document is or gets closed
     */
    public static String renderToString(OcpDocument document, byte[] source) {
        return MdastWriter.renderToString(document, source);
    }
}
