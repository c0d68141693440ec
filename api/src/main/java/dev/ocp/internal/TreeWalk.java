package dev.ocp.internal;

import java.io.IOException;

import static dev.ocp.spi.OcpFormat.NONE;

/**
 * The one walk over a subtree, for the renderers and for the public visitor walk ({@link VisitorWalk}), in pre-order: down through first-child links, on through next-sibling
 * links, back up through parent links. It needs no stack, so any nesting depth costs constant extra memory,
 * and it allocates nothing, so a subclass that writes straight to its output renders without garbage.
 *
 * <p>Renderers may be handed a payload nobody validated, whose links can point outside the node table or
 * form a cycle. The walk therefore checks every link before following it and counts its steps against a
 * budget, so a bad payload ends in {@code CORRUPT_PAYLOAD} instead of an exception from the buffer or an
 * endless loop; it also stops at the next node when the document is closed under it ({@link Nodes#check()}).
 */
abstract class TreeWalk {
    final Nodes t;
    /** Steps (enters and climbs) left before the walk declares the links cyclic. */
    private long budget;
    /** The node the current walk started from. */
    private int start;

    /**
     * @param stepsPerNode how many times all walks of this object together may step onto one node: a walk
     *                     enters each node once and climbs back to it at most once, so 2 for one walk of the
     *                     tree, more when some subtrees are walked again
     */
    TreeWalk(Nodes t, int stepsPerNode) {
        this.t = t;
        this.budget = (long) stepsPerNode * t.count + 8;
    }

    /** Writes the opening of node {@code n}; returns whether to walk its children. */
    abstract boolean enter(int n) throws IOException;

    /** Writes the closing of node {@code n}, entered before (whether or not its children were walked). */
    abstract void exit(int n) throws IOException;

    /** Called after a node's exit when its next sibling follows (before that sibling's enter). */
    void betweenSiblings() throws IOException {
    }

    /** The node the current (or last) walk started from. */
    final int start() {
        return start;
    }

    /** Enters and exits every node of {@code root}'s subtree that {@link #enter} lets the walk reach. */
    final void walk(int root) throws IOException {
        start = root;
        int n = root;
        down:
        while (true) {
            step();
            if (enter(n)) {
                int child = t.first(n);
                if (child != NONE) {
                    n = t.link(child);
                    continue;
                }
            }
            while (true) {
                exit(n);
                if (n == root) {
                    return;
                }
                int sibling = t.next(n);
                if (sibling != NONE) {
                    betweenSiblings();
                    n = t.link(sibling);
                    continue down;
                }
                n = t.link(t.parent(n));
                step();
            }
        }
    }

    private void step() {
        if (--budget < 0) {
            throw PayloadLayout.corrupt("node links form a cycle");
        }
        t.check();
    }
}
