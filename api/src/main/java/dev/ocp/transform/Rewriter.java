package dev.ocp.transform;

import dev.ocp.OcpNode;

/**
 * Decides, node by node, what a {@link Transform} makes of a document: called for each node in document order (a node
 * before its children), it keeps the node by doing nothing, or tells {@code edit} what to change. The node and the
 * edit answer only during the call.
 *
 * <pre>{@code
 * OcpDocument absolute = Transform.apply(doc, (node, edit) -> {
 *     if (node.kind() == NodeKind.LINK && !node.destination().contains(":")) {
 *         edit.setDestination("https://example.org/docs/" + node.destination());
 *     }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Rewriter {
    /**
     * Looks at one node and says what becomes of it.
     *
     * @param node the node, as it is in the source document
     * @param edit what to do with it; doing nothing keeps it as it is
     */
    void visit(OcpNode node, Edit edit);
}
