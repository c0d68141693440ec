package dev.ocp.transform;

import dev.ocp.OcpDocument;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A document a transform or a build wrote: its payload is an array on the Java heap, so there is nothing native to
 * free or to leak. {@code close()} makes it unreadable at once (every access through the API throws, as for a parsed
 * document) and drops the array for the collector; a {@code bytes()} view taken before keeps showing the document's own
 * bytes, since heap memory is never handed to another document.
 */
final class BuiltDocument implements OcpDocument {
    private volatile ByteBuffer payload;

    BuiltDocument(ByteBuffer payload) {
        this.payload = payload.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public ByteBuffer bytes() {
        ByteBuffer p = payload;
        if (p == null) {
            throw new IllegalStateException("OCP document is closed");
        }
        return p.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public boolean isClosed() {
        return payload == null;
    }

    @Override
    public void close() {
        payload = null;
    }

    @Override
    public String toString() {
        ByteBuffer p = payload;
        return "OcpDocument[built, " + (p == null ? "closed]" : p.capacity() + " bytes]");
    }
}
