package dev.ocp;

import dev.ocp.internal.PayloadLayout;
import dev.ocp.internal.ReadGuard;

import static dev.ocp.spi.OcpFormat.*;

/**
 * A flyweight cursor over a document's node table: one object walks the whole tree, reading the payload in
 * place (no object per node). Move it with {@link #toFirstChild()}, {@link #toNextSibling()},
 * {@link #toParent()}, {@link #skipSubtree()} and {@link #moveTo(int)}; read the node under it with the
 * accessors.
 *
 * <p>Nodes are numbered in depth-first pre-order from 0, the root. So a node's first child, if any, is the
 * node after it, and its subtree is the index range {@code [index(), subtreeEnd())}.
 *
 * <p>The node under the cursor is read through accessors of the same names as {@link OcpNode}'s, plus the raw
 * {@link #flags()} and {@link #data()}; strings are decoded on demand or handed out as zero-copy slices. Each call
 * checks that the document is still open and throws {@link IllegalStateException} otherwise. A call that overlaps a
 * {@code close()} on another thread either returns the document's own data or throws; it never returns, or crashes
 * on, freed memory. {@link #walk(OcpVisitor)} visits a subtree holding the document open for the whole walk: the
 * nodes it hands the visitor then pay one volatile read per call instead of the document's full guard.
 *
 * <p>A cursor is a position, not a node: it is not an {@link OcpNode}, since whatever kept it would follow it to
 * wherever it moves next. {@link #node()} gives the node under it to keep.
 *
 * <p>A cursor is not thread-safe (it has a position); use one per thread, or {@link #copy()}.
 */
public final class OcpCursor extends NodeReader {

    OcpCursor(OcpDocument document) {
        super(document);
    }

    /** A cursor at the same node as {@code other}, reading under {@code guard}. */
    private OcpCursor(OcpCursor other, ReadGuard guard) {
        super(other, guard);
    }

    /**
     * Creates an independent cursor at the same node, over the same memory (for another thread, or to
     * look around without losing this position).
     *
     * @return the new cursor
     */
    public OcpCursor copy() {
        check();
        return new OcpCursor(this, guard);
    }

    /**
     * The node under the cursor as a node of its own, which stays on that node wherever the cursor goes: what to
     * keep of a cursor's position (the cursor itself is not an {@link OcpNode}, because it moves).
     *
     * @return the node under the cursor, valid until the document is closed
     * @throws IllegalStateException if the document is closed
     */
    public OcpNode node() {
        check();
        return NodeView.of(this);
    }

    /**
     * The document this cursor reads.
     *
     * @return the document
     */
    public OcpDocument document() {
        return document;
    }

    // ---- document-wide ----

    /**
     * The dialect recorded in the payload's header.
     *
     * @return the dialect
     */
    public Dialect dialect() {
        check();
        return Dialect.fromCode(layout.dialect());
    }

    /**
     * The extensions that were on, from the payload header's flags ({@link Extension#GFM} also for a v1.0
     * payload of the GFM dialect, whose header had no flags yet).
     *
     * @return an unmodifiable set of the extensions
     */
    public java.util.Set<Extension> extensions() {
        check();
        int bits = layout.headerFlags() | (layout.dialect() == DIALECT_GFM ? Extension.GFM.bit() : 0);
        return Extension.fromBits(bits);
    }

    /**
     * The number of nodes in the document, the root included.
     *
     * @return the node count
     */
    public int nodeCount() {
        check();
        return layout.nodeCount();
    }

    /**
     * The length of the source the document was parsed from; spans are byte offsets into it.
     *
     * @return the length in bytes
     */
    public long sourceLength() {
        check();
        return Integer.toUnsignedLong(layout.sourceLength());
    }

    /**
     * Moves to a node by index.
     *
     * @param index a node index in {@code 0..nodeCount()-1}
     * @throws IndexOutOfBoundsException if there is no such node
     */
    public void moveTo(int index) {
        check();
        placeChecked(index);
    }

    /**
     * Moves to the node's first child, if it has one.
     *
     * @return {@code true} if the cursor moved; {@code false} (and it stays) if the node has no children
     */
    public boolean toFirstChild() {
        return follow(record + N_FIRST_CHILD);
    }

    /**
     * Moves to the node's next sibling, if it has one.
     *
     * @return {@code true} if the cursor moved; {@code false} (and it stays) if the node is a last child
     */
    public boolean toNextSibling() {
        return follow(record + N_NEXT_SIBLING);
    }

    /**
     * Moves to the node's parent, if it has one.
     *
     * @return {@code true} if the cursor moved; {@code false} (and it stays) on the root
     */
    public boolean toParent() {
        return follow(record + N_PARENT);
    }

    /**
     * Moves past the node's subtree to the next node in pre-order that is not its descendant: its next
     * sibling, else the next sibling of its nearest ancestor that has one. This is how a reader skips a
     * subtree it does not understand. Linear in the depth at most.
     *
     * @return {@code true} if the cursor moved; {@code false} (and it stays) if the subtree reaches the end
     *         of the document
     */
    public boolean skipSubtree() {
        int next = subtreeEnd();
        if (next >= layout.nodeCount()) {
            return false;
        }
        moveTo(next);
        return true;
    }

    /**
     * The index just past the node's last descendant: in pre-order the node's subtree is
     * {@code [index(), subtreeEnd())}. Linear in the depth at most.
     *
     * @return the end index, {@code nodeCount()} when the subtree reaches the end of the document
     * @throws OcpException {@code CORRUPT_PAYLOAD} if the links are inconsistent (possible only in a payload
     *                      that was not validated)
     */
    public int subtreeEnd() {
        guard.enterRead();
        try {
            return subtreeEndInGuard();
        } finally {
            guard.exitRead();
        }
    }

    private int subtreeEndInGuard() {
        int count = layout.nodeCount();
        int steps = 0;
        for (int x = node; x != NONE; x = buf.getInt(layout.record(x) + N_PARENT)) {
            // Bounded so that even an engine's faulty (unvalidated) links cannot make this loop forever.
            if (x < 0 || x >= count || ++steps > count) {
                throw new OcpException(OcpException.Code.CORRUPT_PAYLOAD,
                        "parent links of node " + node + " do not lead to the root");
            }
            int next = buf.getInt(layout.record(x) + N_NEXT_SIBLING);
            if (next != NONE) {
                return next;
            }
        }
        return count;
    }

    // ---- walking ----

    /**
     * Walks the subtree of the node under the cursor (the whole document when the cursor is on the root, as it
     * is on a new cursor) in document order, calling the visitor's {@code enter} and {@code exit} for each node.
     * The cursor does not move. The walk holds the document open for its whole length (a {@code close()} on
     * another thread either waits for it or makes it throw at its next read), so the nodes' accessors cost a
     * volatile read each rather than the document's full guard. It allocates nothing per node: the nodes it hands
     * the visitor are views, two per level of depth it reaches, each on its node from {@code enter} to {@code exit}
     * and on none outside that (see {@link OcpVisitor}); to keep a node, keep {@link OcpDocument#node(int)} of its
     * index.
     *
     * @param visitor what to call on each node
     * @throws IllegalStateException if the document is or gets closed
     * @throws OcpException          {@code CORRUPT_PAYLOAD} if the links are inconsistent (possible only in a
     *                               payload that was not validated)
     */
    public void walk(OcpVisitor visitor) {
        java.util.Objects.requireNonNull(visitor, "visitor");
        dev.ocp.internal.Walks.begin(document, guard);
        NodeView.Views views = new NodeView.Views(this, ReadGuard.forWalk(document, visitor),
                ReadGuard.isLibraryRenderer(visitor));
        try {
            if (visitor instanceof dev.ocp.internal.LibraryRenderer renderer) {
                renderer.lookAroundUnguarded(new OcpCursor(this, ReadGuard.UNCHECKED));
            }
            new OcpCursor(this, guard).walk(node, visitor, views);
        } finally {
            views.end();
            dev.ocp.internal.Walks.end(document);
        }
    }

    /**
     * The walk, in pre-order: down through first-child links, on through next-sibling links, back up through
     * parent links, with no stack of its own. The views the visitor is handed are not this cursor, so a visitor
     * cannot derail the walk. The walk's own reads run inside the read {@link #walk(OcpVisitor)} holds; since the
     * payload may be one nobody validated, every link is checked before it is followed and the steps are counted
     * against a budget (each node is entered once and climbed back to at most once), so bad links end in
     * {@code CORRUPT_PAYLOAD} rather than an exception from the buffer or an endless loop.
     */
    private void walk(int root, OcpVisitor visitor, NodeView.Views views) {
        int count = layout.nodeCount();
        long budget = 2L * count + 8;
        int n = root;
        int depth = 0; // below the root: each exit climbs out of a node entered before, so visitors can keep stacks
        down:
        while (true) {
            budget = step(budget);
            if (visitor.enter(views.enter(depth, n))) {
                int child = link(n, N_FIRST_CHILD);
                if (child != NONE) {
                    n = child;
                    depth++;
                    continue;
                }
            }
            while (true) {
                visitor.exit(views.exit(depth, n));
                views.left(depth);
                if (n == root) {
                    return;
                }
                int sibling = link(n, N_NEXT_SIBLING);
                if (sibling != NONE) {
                    n = sibling;
                    continue down;
                }
                int child = n;
                n = link(n, N_PARENT);
                if (depth-- == 0 || n == NONE) {
                    throw PayloadLayout.corrupt("the parent link of node " + child + " leads out of the walk");
                }
                budget = step(budget);
            }
        }
    }

    /** One step of a walk: counted against the budget, and stopped if the document was closed meanwhile. */
    private long step(long budget) {
        if (budget <= 0) {
            throw PayloadLayout.corrupt("node links form a cycle");
        }
        if (document.isClosed()) {
            throw new IllegalStateException("OCP document is closed");
        }
        return budget - 1;
    }

    private boolean follow(int field) {
        int target = u32(field);
        if (target == NONE) {
            return false;
        }
        moveTo(target);
        return true;
    }

    /** Describes the position; never throws, even once the document is closed. */
    @Override
    public String toString() {
        try {
            int code = u8(rec() + N_KIND);
            NodeKind kind = NodeKind.fromCode(code);
            return "OcpCursor[node " + node + ", " + (kind != null ? kind : "kind " + code) + "]";
        } catch (IllegalStateException closed) {
            // closed before or during the read (a scoped view throws by itself): fall through
        }
        return "OcpCursor[node " + node + ", document closed]";
    }
}
