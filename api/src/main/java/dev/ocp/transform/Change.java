package dev.ocp.transform;

import java.util.ArrayList;
import java.util.List;

/** What a rewriter said of one node of the source: what replaces it, what goes around it, which fields change. */
final class Change {
    /** A slot the change leaves as the source has it. */
    static final Object KEEP = new Object();

    final int index;
    boolean remove;
    boolean unwrap;
    List<Node> replacement;
    final List<Node> before = new ArrayList<>(0);
    final List<Node> after = new ArrayList<>(0);
    final List<Node> prepend = new ArrayList<>(0);
    final List<Node> append = new ArrayList<>(0);
    int flags = -1;
    int data = -1;
    /** New slots a, b, c: {@link #KEEP}, null for NONE, a String, or a Long. */
    final Object[] slots = {KEEP, KEEP, KEEP};
    List<Node.Attribute> attributes;
    boolean emptySpan;

    Change(int index) {
        this.index = index;
    }

    /** Whether the node's own record changes (not only what is around or inside it). */
    boolean changesRecord() {
        return flags >= 0 || data >= 0 || slots[0] != KEEP || slots[1] != KEEP || slots[2] != KEEP
                || attributes != null || emptySpan;
    }
}
