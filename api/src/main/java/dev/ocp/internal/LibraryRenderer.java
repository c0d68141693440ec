package dev.ocp.internal;

/**
 * A visitor of this library's own that renders a document: it reads each node only between its {@code enter} and
 * {@code exit} and keeps none, so a walk may hand it one view that moves from node to node and skip the per-read
 * closed checks a user's visitor gets (the walk's own hold on the document keeps the reads safe). The HTML, JSON and
 * mdast renderers ({@link Rendering}) and the Markdown writer are.
 */
public interface LibraryRenderer extends dev.ocp.OcpVisitor {
    /**
     * Called by the walk before it enters its first node, with an unguarded cursor of its own (hence the name) for
     * looking at other nodes than the one visited (a next sibling, a parent) while it runs. Like the views, the cursor
     * reads under the walk's hold and skips the per-read guard, which on an engine that gates its reads is an atomic
     * update a read: use it only inside {@code enter} and {@code exit}, never once the walk is over.
     *
     * @param cursor an unguarded cursor on the walk's root, for this walk only
     */
    default void lookAroundUnguarded(dev.ocp.OcpCursor cursor) {
    }
}
