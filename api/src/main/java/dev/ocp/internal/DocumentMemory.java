package dev.ocp.internal;

import dev.ocp.OcpDocument;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The two ways into a document's memory that the library tells apart: the view its own reads use, which is never
 * handed to the caller and so may be freed at {@code close()}, and the view the caller may keep
 * ({@link OcpDocument#bytes()}, the string slices of a node), whose memory stays the document's for as long as
 * anyone can read it. Documents of {@code StandardEngine} implement it; any other document has only
 * {@link OcpDocument#bytes()}, used for both.
 */
public interface DocumentMemory {
    /**
     * The view the library's own reads use (little-endian, read-only): valid until the document is freed, read only
     * under the document's {@link ReadGuard}, never handed out.
     *
     * @return the library's view of the payload
     * @throws IllegalStateException if the document is closed
     */
    ByteBuffer payload();

    /**
     * The buffer the caller's views are derived from (little-endian, read-only): the same memory as
     * {@link #payload()}, kept for as long as it or anything derived from it is reachable.
     *
     * @return the root of the caller's views
     * @throws IllegalStateException if the document is closed
     */
    ByteBuffer keptPayload();

    /**
     * The library's view of any document.
     *
     * @param document a document
     * @return its {@link #payload()}, or its {@link OcpDocument#bytes()} if it has no other
     */
    static ByteBuffer payloadOf(OcpDocument document) {
        ByteBuffer view = document instanceof DocumentMemory m ? m.payload() : document.bytes();
        return view.order() == ByteOrder.LITTLE_ENDIAN ? view : view.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The root of the caller's views of any document.
     *
     * @param document a document
     * @return its {@link #keptPayload()}, or its {@link OcpDocument#bytes()} if it has no other
     */
    static ByteBuffer keptOf(OcpDocument document) {
        ByteBuffer view = document instanceof DocumentMemory m ? m.keptPayload() : document.bytes();
        return view.order() == ByteOrder.LITTLE_ENDIAN ? view : view.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
}
