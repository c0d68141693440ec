package dev.ocp;

import dev.ocp.internal.ReadGuard;

import static dev.ocp.spi.OcpFormat.N_KIND;

/**
 * A node of a document: the {@link OcpNode} that walks hand to visitors and that {@link OcpDocument#node(int)} and
 * {@link OcpCursor#node()} return. It never moves: a node kept from a lookup answers for its node until the document
 * is closed, and one a walk handed out answers for its node from the visitor's {@code enter} to its {@code exit} and
 * throws outside that, rather than answer for another node.
 */
final class NodeView extends NodeReader implements OcpNode {
    /** Whether a walk hands this view from node to node (then it is on none between its nodes' visits). */
    private final boolean walked;

    private NodeView(NodeReader at, ReadGuard guard, boolean walked) {
        super(at, guard);
        this.walked = walked;
    }

    /** The node {@code at} is on, for keeps: read under the document's own guard, as a cursor is. */
    static NodeView of(NodeReader at) {
        return new NodeView(at, at.guard, false);
    }

    @Override
    IllegalStateException outsideItsVisit() {
        return new IllegalStateException("a node from a walk was used outside its visit (after the walk left it with "
                + "exit(), or after the walk ended): it answers only from enter() to exit(). To keep a node, keep "
                + "document.node(node.index()) instead of the node the walk handed out");
    }

    private void leave() {
        node = -1;
        record = -1;
    }

    /** Describes the node; never throws, even once the document is closed or the node's visit is over. */
    @Override
    public String toString() {
        if (record < 0) {
            return "OcpNode[outside its visit]";
        }
        try {
            int code = u8(record + N_KIND);
            NodeKind kind = NodeKind.fromCode(code);
            return "OcpNode[node " + node + ", " + (kind != null ? kind : "kind " + code) + "]";
        } catch (IllegalStateException closed) {
            return "OcpNode[node " + node + ", document closed]";
        }
    }

    /**
     * The views of one walk. For the library's own renderers, which keep no node, one view serves every node, as a
     * flyweight. For any other visitor, each level of depth has two views, used in turn by the nodes entered at that
     * level: a node's view stays on it until its exit (so ancestors kept by the visitor still answer for themselves
     * while their descendants are visited), then goes on none until the level's next node but one, so that a node
     * kept past its exit throws when used, the previous sibling included, instead of answering for its successor.
     */
    static final class Views {
        private final OcpCursor at;
        private final ReadGuard guard;
        private final NodeView single;
        /** Per level: views {@code 2 * depth} and {@code 2 * depth + 1}; made as the walk first reaches each. */
        private NodeView[] views;
        /** Per level: which of its two views is on the level's current node. */
        private boolean[] second;

        Views(OcpCursor at, ReadGuard guard, boolean flyweight) {
            this.at = at;
            this.guard = guard;
            this.single = flyweight ? new NodeView(at, guard, true) : null;
            if (!flyweight) {
                views = new NodeView[16];
                second = new boolean[8];
            }
        }

        /** The view for entering node {@code n} at {@code depth}, put on it. */
        NodeView enter(int depth, int n) {
            NodeView view;
            if (single != null) {
                view = single;
            } else {
                if (depth >= second.length) {
                    grow(depth);
                }
                boolean other = !second[depth];
                second[depth] = other;
                int slot = 2 * depth + (other ? 1 : 0);
                view = views[slot];
                if (view == null) {
                    view = new NodeView(at, guard, true);
                    views[slot] = view;
                }
            }
            view.place(n);
            return view;
        }

        /** The view for leaving node {@code n} at {@code depth}: the one it entered with, still on it. */
        NodeView exit(int depth, int n) {
            if (single != null) {
                single.place(n); // the flyweight went on to the descendants
                return single;
            }
            return views[2 * depth + (second[depth] ? 1 : 0)];
        }

        /** After the exit of the node at {@code depth}: its view is on no node until it is handed out again. */
        void left(int depth) {
            if (single == null) {
                views[2 * depth + (second[depth] ? 1 : 0)].leave();
            }
        }

        /** After the walk, however it ended: every view is on no node. */
        void end() {
            if (single != null) {
                single.leave();
                return;
            }
            for (NodeView view : views) {
                if (view != null) {
                    view.leave();
                }
            }
        }

        private void grow(int depth) {
            int levels = Math.max(depth + 1, second.length * 2);
            views = java.util.Arrays.copyOf(views, 2 * levels);
            second = java.util.Arrays.copyOf(second, levels);
        }
    }
}
