package dev.ocp.internal;

import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.ocp.spi.OcpFormat.*;

/**
 * The renderers' view of a payload: node fields read in place by index, without the cursor's per-call
 * bookkeeping. It is made and used inside {@link ReadGuard} reads (see {@code Output.beginRead}); whoever
 * walks with it also calls {@link #check()} once per node, so that a closed document stops a walk early.
 */
final class Nodes {
    final ByteBuffer buf;
    final PayloadLayout layout;
    final int count;
    private final OcpDocument document;
    private final int base;
    private final int size;

    Nodes(OcpCursor cursor) {
        this.document = cursor.document();
        ByteBuffer view = document.bytes();
        this.buf = view.order() == ByteOrder.LITTLE_ENDIAN ? view : view.order(ByteOrder.LITTLE_ENDIAN);
        this.layout = PayloadLayout.of(buf);
        this.count = layout.nodeCount();
        this.base = layout.nodeOffset();
        this.size = layout.nodeRecordSize();
    }

    void check() {
        if (document.isClosed()) {
            throw new IllegalStateException("OCP document is closed");
        }
    }

    int kind(int i) {
        return buf.get(base + i * size) & 0xFF;
    }

    int flags(int i) {
        return buf.get(base + i * size + N_FLAGS) & 0xFF;
    }

    int data(int i) {
        return buf.getShort(base + i * size + N_DATA) & 0xFFFF;
    }

    int parent(int i) {
        return buf.getInt(base + i * size + N_PARENT);
    }

    int first(int i) {
        return buf.getInt(base + i * size + N_FIRST_CHILD);
    }

    int next(int i) {
        return buf.getInt(base + i * size + N_NEXT_SIBLING);
    }

    int spanStart(int i) {
        return buf.getInt(base + i * size + N_SPAN_START);
    }

    int spanEnd(int i) {
        return buf.getInt(base + i * size + N_SPAN_END);
    }

    /** Slot 0 (a), 1 (b) or 2 (c). */
    int slot(int i, int slot) {
        return buf.getInt(base + i * size + N_A + 4 * slot);
    }

    /** Absolute offset of the bytes of string {@code ref} (not NONE). */
    int stringStart(int ref) {
        layout.stringLength(buf, ref); // throws CORRUPT_PAYLOAD for a reference outside the pool
        return layout.stringOffset() + ref + 4;
    }

    /** Length in bytes of string {@code ref} (not NONE). */
    int stringLength(int ref) {
        return (int) layout.stringLength(buf, ref);
    }

    /**
     * The index one past node {@code i}'s last descendant: in pre-order its subtree is {@code [i, end)}.
     * Linear in the depth.
     */
    int subtreeEnd(int i) {
        int steps = 0;
        for (int x = i; x != NONE; x = parent(x)) {
            if (!exists(x) || ++steps > count) {
                throw PayloadLayout.corrupt("parent links of node " + i + " do not lead to the root");
            }
            int n = next(x);
            if (n != NONE) {
                return link(n);
            }
        }
        return count;
    }

    /** A link read from the payload, checked before it is followed: {@code i} if it is a node's index. */
    int link(int i) {
        if (!exists(i)) {
            throw PayloadLayout.corrupt("node link " + Integer.toUnsignedLong(i) + " is out of range");
        }
        return i;
    }

    /** Whether {@code i} is a valid node index. */
    boolean exists(int i) {
        return i >= 0 && i < count;
    }
}
