package dev.ocp.json;

import dev.ocp.OcpCursor;

import java.io.IOException;

/**
 * Renders a document, or any subtree of one, as JSON, one object per node with its kind, span, fields and children:
 * what {@link dev.ocp.OcpDocument#toJson()} and {@link dev.ocp.OcpDocument#renderJson(Appendable)} call. The shape is
 * specified in {@code docs/ocp-format.md} ("JSON rendering"): compact, strings escaped as RFC 8259 requires,
 * malformed UTF-8 decoded as U+FFFD.
 */
public final class JsonRenderer {
    private JsonRenderer() {
    }

    /**
     * Renders the node under the cursor and its subtree (the whole document when the cursor is on the root) as one
     * JSON object. The cursor does not move.
     *
     * @param root a cursor on the node to render
     * @param out  where to write
     * @throws IOException           if {@code out} fails
     * @throws IllegalStateException if the document is or gets closed
     */
    public static void render(OcpCursor root, Appendable out) throws IOException {
        JsonWriter.render(root, out);
    }

    /**
     * Renders like {@link #render(OcpCursor, Appendable)} into a string, copying the characters once.
     *
     * @param root         a cursor on the node to render
     * @param payloadBytes the size of the document's payload, from which the length of the result is guessed
     * @return the JSON
     * @throws IllegalStateException if the document is or gets closed
     */
    public static String renderToString(OcpCursor root, long payloadBytes) {
        return JsonWriter.renderToString(root, payloadBytes);
    }
}
