package dev.ocp.internal;

/**
 * A visitor of this library's own that renders a document: it reads each node only between its {@code enter} and
 * {@code exit} and keeps none, so a walk may hand it one view that moves from node to node and skip the per-read
 * closed checks a user's visitor gets (the walk's own hold on the document keeps the reads safe). The HTML, JSON and
 * mdast renderers ({@link Rendering}) and the Markdown writer are.
 */
public interface LibraryRenderer extends dev.ocp.OcpVisitor {
}
