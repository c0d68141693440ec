package dev.ocp.internal;

import dev.ocp.Dialect;
import dev.ocp.NodeKind;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import static dev.ocp.spi.OcpFormat.*;

/**
 * Test-only writer of OCP payloads from a tree described by hand, independent of any engine. It lays out
 * exactly what the node objects say (pre-order, strings in order of first reference, attributes in
 * pre-order of their owners) and merges nothing, so tests can build both canonical and odd payloads.
 * Iterative, so it builds trees of any depth.
 */
public final class PayloadBuilder {
    /** The header's dialect number: a {@link Dialect#code()}, or {@code DIALECT_GFM} ({@link #gfm()}). */
    private int dialect = Dialect.COMMONMARK.code();
    private int minor = VERSION_MINOR;
    private int sourceLength = -1;

    /** One node; fields default to 0 and slots to NONE. A {@code String} slot is a string, an {@code Integer} a number. */
    public static final class Node {
        final int kind;
        int flags;
        int data;
        int start;
        int end;
        boolean spanSet;
        final Object[] slots = new Object[3];
        final List<Node> children = new ArrayList<>();
        final List<Object[]> attributes = new ArrayList<>();
        int index;

        Node(int kind) {
            this.kind = kind;
        }

        public Node flags(int value) {
            flags = value;
            return this;
        }

        public Node data(int value) {
            data = value;
            return this;
        }

        public Node span(int s, int e) {
            start = s;
            end = e;
            spanSet = true;
            return this;
        }

        public Node a(Object value) {
            slots[0] = value;
            return this;
        }

        public Node b(Object value) {
            slots[1] = value;
            return this;
        }

        public Node c(Object value) {
            slots[2] = value;
            return this;
        }

        public Node add(Node... more) {
            children.addAll(Arrays.asList(more));
            return this;
        }

        /** An MDX JSX attribute ({@code null} name or value for NONE). */
        public Node attr(int kind, String name, String value, int s, int e) {
            attributes.add(new Object[]{kind, name, value, s, e});
            return this;
        }

        public Node attr(int kind, String name, String value) {
            return attr(kind, name, value, 0, 0);
        }
    }

    public static Node node(NodeKind kind, Node... children) {
        return new Node(kind.code()).add(children);
    }

    /** A node of a raw kind number (for kinds a later minor version might add). */
    public static Node raw(int code, Node... children) {
        return new Node(code).add(children);
    }

    public static Node doc(Node... children) {
        return node(NodeKind.DOCUMENT, children);
    }

    public static Node para(Node... children) {
        return node(NodeKind.PARAGRAPH, children);
    }

    public static Node text(String s) {
        return node(NodeKind.TEXT).a(s);
    }

    public PayloadBuilder dialect(Dialect value) {
        dialect = value.code();
        return this;
    }

    /** CommonMark with GFM, as headers number it ({@code DIALECT_GFM}). */
    public PayloadBuilder gfm() {
        dialect = DIALECT_GFM;
        return this;
    }

    /** A header dialect number as it stands, valid or not. */
    public PayloadBuilder dialectCode(int value) {
        dialect = value;
        return this;
    }

    public PayloadBuilder minor(int value) {
        minor = value;
        return this;
    }

    /** The source length in the header; by default the root's span end, else 1000. */
    public PayloadBuilder sourceLength(int value) {
        sourceLength = value;
        return this;
    }

    public static ByteBuffer build(Node root) {
        return new PayloadBuilder().payload(root);
    }

    public static byte[] bytes(Node root) {
        return new PayloadBuilder().toBytes(root);
    }

    public ByteBuffer payload(Node root) {
        return ByteBuffer.wrap(toBytes(root)).order(ByteOrder.LITTLE_ENDIAN);
    }

    public byte[] toBytes(Node root) {
        int srcLen = sourceLength >= 0 ? sourceLength : root.spanSet ? root.end : 1000;
        if (!root.spanSet) {
            root.span(0, srcLen);
        }
        // Pre-order numbering with an explicit stack.
        List<Node> order = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[]{root, NONE});
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            Node n = (Node) top[0];
            n.index = order.size();
            order.add(n);
            parents.add((Integer) top[1]);
            for (int i = n.children.size() - 1; i >= 0; i--) {
                stack.push(new Object[]{n.children.get(i), n.index});
            }
        }
        int count = order.size();
        int[] nextSibling = new int[count];
        Arrays.fill(nextSibling, NONE);
        for (Node n : order) {
            for (int i = 0; i + 1 < n.children.size(); i++) {
                nextSibling[n.children.get(i).index] = n.children.get(i + 1).index;
            }
        }
        int attrCount = 0;
        for (Node n : order) {
            attrCount += n.attributes.size();
        }
        int nodeOffset = HEADER_SIZE;
        int attrOffset = nodeOffset + count * NODE_RECORD_SIZE;
        int stringOffset = attrOffset + attrCount * ATTR_RECORD_SIZE;
        ByteBuffer nodes = ByteBuffer.allocate(count * NODE_RECORD_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer attrs = ByteBuffer.allocate(attrCount * ATTR_RECORD_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream pool = new ByteArrayOutputStream();
        int attrIndex = 0;
        for (Node n : order) {
            int r = n.index * NODE_RECORD_SIZE;
            nodes.put(r + N_KIND, (byte) n.kind);
            nodes.put(r + N_FLAGS, (byte) n.flags);
            nodes.putShort(r + N_DATA, (short) n.data);
            nodes.putInt(r + N_PARENT, parents.get(n.index));
            nodes.putInt(r + N_FIRST_CHILD, n.children.isEmpty() ? NONE : n.children.get(0).index);
            nodes.putInt(r + N_NEXT_SIBLING, nextSibling[n.index]);
            nodes.putInt(r + N_SPAN_START, n.start);
            nodes.putInt(r + N_SPAN_END, n.end);
            boolean jsx = KindSchema.ownsAttributes(n.kind);
            nodes.putInt(r + N_A, slot(n.slots[0], pool));
            if (jsx && n.slots[1] == null && n.slots[2] == null) {
                nodes.putInt(r + N_B, n.attributes.isEmpty() ? NONE : attrIndex);
                nodes.putInt(r + N_C, n.attributes.size());
            } else {
                nodes.putInt(r + N_B, slot(n.slots[1], pool));
                nodes.putInt(r + N_C, slot(n.slots[2], pool));
            }
            for (Object[] a : n.attributes) {
                int ar = attrIndex++ * ATTR_RECORD_SIZE;
                attrs.put(ar + A_KIND, (byte) (int) (Integer) a[0]);
                attrs.putInt(ar + A_NAME, slot(a[1], pool));
                attrs.putInt(ar + A_VALUE, slot(a[2], pool));
                attrs.putInt(ar + A_SPAN_START, (Integer) a[3]);
                attrs.putInt(ar + A_SPAN_END, (Integer) a[4]);
            }
        }
        byte[] strings = pool.toByteArray();
        int total = stringOffset + strings.length;
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(H_MAGIC, MAGIC);
        out.putShort(H_VERSION_MAJOR, (short) VERSION_MAJOR);
        out.putShort(H_VERSION_MINOR, (short) minor);
        out.putShort(H_HEADER_SIZE, (short) HEADER_SIZE);
        out.put(H_DIALECT, (byte) dialect);
        // v1.1 records GFM in the flags too (section 7.1); a v1.0 payload has none.
        out.put(H_FLAGS, (byte) (minor >= 1 && dialect == DIALECT_GFM ? HEADER_FLAG_GFM : 0));
        out.putInt(H_TOTAL_SIZE, total);
        out.putInt(H_SOURCE_LENGTH, srcLen);
        out.putInt(H_NODE_OFFSET, nodeOffset);
        out.putInt(H_NODE_COUNT, count);
        out.putShort(H_NODE_RECORD_SIZE, (short) NODE_RECORD_SIZE);
        out.putShort(H_ATTR_RECORD_SIZE, (short) ATTR_RECORD_SIZE);
        out.putInt(H_STRING_OFFSET, stringOffset);
        out.putInt(H_STRING_SIZE, strings.length);
        out.putInt(H_ATTR_OFFSET, attrOffset);
        out.putInt(H_ATTR_COUNT, attrCount);
        out.put(nodeOffset, nodes.array());
        out.put(attrOffset, attrs.array());
        out.put(stringOffset, strings);
        return out.array();
    }

    private static int slot(Object value, ByteArrayOutputStream pool) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof Integer) {
            return (Integer) value;
        }
        byte[] bytes = value instanceof byte[] ? (byte[]) value : ((String) value).getBytes(StandardCharsets.UTF_8);
        int ref = pool.size();
        pool.write(bytes.length);
        pool.write(bytes.length >>> 8);
        pool.write(bytes.length >>> 16);
        pool.write(bytes.length >>> 24);
        pool.writeBytes(bytes);
        return ref;
    }

    /** Lowercase hex, 16 bytes per line, each line prefixed with its offset: for the specification's example. */
    public static String hexDump(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length; i += 16) {
            sb.append(String.format("%04x:", i));
            for (int j = i; j < Math.min(bytes.length, i + 16); j++) {
                sb.append(' ').append(String.format("%02x", bytes[j] & 0xFF));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
