package dev.ocp.internal;

import dev.ocp.OcpCursor;

import java.io.IOException;

/** Placeholder until the renderer lands (see issue 2); fails loudly rather than render wrongly. */
public final class JsonRenderer {
    private JsonRenderer() {
    }

    /**
     * @param root a cursor on the root
     * @param out  where to write
     * @throws IOException if {@code out} fails
     */
    public static void render(OcpCursor root, Appendable out) throws IOException {
        throw new UnsupportedOperationException("JsonRenderer is not written yet");
    }
}
