package dev.ocp;

/**
 * What {@link OcpDocument#walk(OcpVisitor)} calls on each node, in document order: {@link #enter} on the way down
 * and {@link #exit} on the way back up, so a node's children come between its enter and its exit. A visitor that
 * needs only one of them is a lambda:
 *
 * <pre>{@code
 * document.walk(node -> {
 *     if (node.kind() == NodeKind.LINK) {
 *         links.add(node.destination());
 *     }
 *     return true;
 * });
 * }</pre>
 *
 * <p>The {@link OcpNode} handed over is one view moved from node to node; it is valid during the call only. The
 * walk holds the document open for its duration: closing the document from inside a visitor throws
 * {@link IllegalStateException} (or, on some engines, ends the walk with one); close it after {@code walk}
 * returns.
 */
@FunctionalInterface
public interface OcpVisitor {

    /**
     * Called when the walk reaches a node.
     *
     * @param node the node, valid during this call
     * @return whether to walk the node's children; {@link #exit} is called for the node either way
     */
    boolean enter(OcpNode node);

    /**
     * Called when the walk leaves a node, after its children. Does nothing unless overridden.
     *
     * @param node the node, valid during this call
     */
    default void exit(OcpNode node) {
    }
}
