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
 * <p><b>Keeping nodes.</b> The walk allocates nothing per node: the {@link OcpNode} handed to {@code enter} is a view
 * that answers for that node until the node's {@code exit} returns (its ancestors' views stay on them meanwhile, so a
 * visitor may keep the node it is inside of, say the current heading, and read it while visiting the heading's
 * text). Used after that, a view throws {@link IllegalStateException} instead of answering for another node: a list
 * of nodes collected during the walk and read afterwards, or at an ancestor's exit, fails loudly. To keep a node
 * beyond its visit, keep {@link OcpDocument#node(int) document.node(node.index())}, which answers for its node until
 * the document is closed. (Each level of depth has two views, used in turn, so a node kept past its exit throws
 * until the walk is two nodes further along at that level: its view may then be the current node's. Do not keep the
 * views.)
 *
 * <pre>{@code
 * List<OcpNode> headings = new ArrayList<>();
 * document.walk(node -> {
 *     if (node.kind() == NodeKind.HEADING) {
 *         headings.add(document.node(node.index()));   // not headings.add(node)
 *     }
 *     return true;
 * });
 * }</pre>
 *
 * <p>The walk holds the document open for its duration: closing the document from inside a visitor throws
 * {@link IllegalStateException} (or, on some engines, ends the walk with one); close it after {@code walk}
 * returns.
 */
@FunctionalInterface
public interface OcpVisitor {

    /**
     * Called when the walk reaches a node.
     *
     * @param node the node, valid until its {@link #exit} returns
     * @return whether to walk the node's children; {@link #exit} is called for the node either way
     */
    boolean enter(OcpNode node);

    /**
     * Called when the walk leaves a node, after its children. Does nothing unless overridden.
     *
     * @param node the node, valid until this call returns
     */
    default void exit(OcpNode node) {
    }
}
