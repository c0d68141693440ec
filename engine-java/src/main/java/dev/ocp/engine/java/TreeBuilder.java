package dev.ocp.engine.java;

import dev.ocp.NodeKind;
import dev.ocp.ParseOptions;
import dev.ocp.OcpException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

import static dev.ocp.spi.OcpFormat.*;

/**
 * The parser's working tree: nodes in parallel primitive arrays (no object per node), strings in one scratch
 * byte array. Nodes are created in any order and linked as children; {@link #serialize} writes the canonical
 * OCP v1 layout (pre-order nodes, strings in order of first reference, adjacent TEXT siblings merged), so the
 * bytes do not depend on the order in which the parser built the tree.
 *
 * <p>Not thread-safe; one per parse, reused through {@link #reset(int)}.
 */
public final class TreeBuilder {
    static final int NIL = -1;
    private static final byte TEXT = (byte) NodeKind.TEXT.code();

    private int maxNodes;
    /**
     * Nodes the working tree may hold. The nodes a parse discards or merges away (delimiter runs, bracket texts,
     * pieces of text, paragraphs that held only definitions) each own at least one source byte that no other such
     * node owns, so a working tree of more than {@code maxNodes + source length} nodes can only make a document
     * of more than {@code maxNodes}: failing then is exact, and bounds the work spent on a document that will fail.
     */
    private long workingLimit;
    /** The document's node and attribute counts ({@link #countReachable()}) once {@link #checkNodeLimit} ran. */
    private long reachable = -1;
    private int count;
    private byte[] kind = new byte[256];
    private byte[] flags = new byte[256];
    private byte[] stringSlots = new byte[256]; // bit i set: slot i holds a string id, not a number
    private char[] data = new char[256];
    private int[] first = new int[256];
    private int[] last = new int[256];
    private int[] next = new int[256];
    private int[] prev = new int[256];
    private int[] start = new int[256];
    private int[] end = new int[256];
    private int[] a = new int[256];
    private int[] b = new int[256];
    private int[] c = new int[256];

    // Scratch strings: id -> [strStart, strStart + strLength) in chars.
    private byte[] chars = new byte[4096];
    private int charCount;
    private int[] strStart = new int[256];
    private int[] strLength = new int[256];
    private int stringCount;
    private int openString = NIL;
    /** Pool bytes all string references may take: 4 + length per reference (see sizeBound). */
    private long referencedBytes;

    // MDX JSX attributes.
    private int attrCount;
    private byte[] attrKind = new byte[16];
    private int[] attrName = new int[16];
    private int[] attrValue = new int[16];
    private int[] attrStart = new int[16];
    private int[] attrEnd = new int[16];

    // Serialization scratch.
    private int[] stack = new int[64];

    /** Forgets the previous tree; {@code maxNodes} is the node limit of the coming parse, on its working tree too. */
    void reset(int maxNodes) {
        reset(maxNodes, 0);
    }

    /**
     * Forgets the previous tree, for a parse of a source of {@code sourceLength} bytes whose document may have
     * {@code maxNodes} nodes (checked exactly by {@link #checkNodeLimit}).
     */
    void reset(int maxNodes, int sourceLength) {
        this.maxNodes = maxNodes;
        this.workingLimit = (long) maxNodes + sourceLength;
        reachable = -1;
        count = 0;
        charCount = 0;
        referencedBytes = 0;
        stringCount = 0;
        attrCount = 0;
        openString = NIL;
    }

    int nodeCount() {
        return count;
    }

    // ---- nodes ----

    /** Creates a detached node; link it with {@link #appendChild} or {@link #insertBefore}. */
    public int newNode(NodeKind k, int spanStart, int spanEnd) {
        int n = count;
        if (n >= workingLimit) {
            throw new OcpException(OcpException.Code.LIMIT_EXCEEDED, "document has more than maxNodes " + maxNodes + " nodes");
        }
        if (n == kind.length) {
            grow(n * 2);
        }
        count = n + 1;
        kind[n] = (byte) k.code();
        flags[n] = 0;
        stringSlots[n] = 0;
        data[n] = 0;
        first[n] = NIL;
        last[n] = NIL;
        next[n] = NIL;
        prev[n] = NIL;
        start[n] = spanStart;
        end[n] = spanEnd;
        a[n] = NONE;
        b[n] = NONE;
        c[n] = NONE;
        return n;
    }

    /** Creates a node as the last child of {@code parent}. */
    public int add(NodeKind k, int parent, int spanStart, int spanEnd) {
        int n = newNode(k, spanStart, spanEnd);
        appendChild(parent, n);
        return n;
    }

    public void appendChild(int parent, int child) {
        int tail = last[parent];
        prev[child] = tail;
        next[child] = NIL;
        if (tail == NIL) {
            first[parent] = child;
        } else {
            next[tail] = child;
        }
        last[parent] = child;
    }

    /** Links detached {@code node} just before {@code sibling}, a child of {@code parent}. */
    public void insertBefore(int parent, int sibling, int node) {
        int p = prev[sibling];
        prev[node] = p;
        next[node] = sibling;
        prev[sibling] = node;
        if (p == NIL) {
            first[parent] = node;
        } else {
            next[p] = node;
        }
    }

    /** Unlinks {@code node}, a child of {@code parent}; its own children stay with it. */
    public void unlink(int parent, int node) {
        int p = prev[node];
        int n = next[node];
        if (p == NIL) {
            first[parent] = n;
        } else {
            next[p] = n;
        }
        if (n == NIL) {
            last[parent] = p;
        } else {
            prev[n] = p;
        }
        prev[node] = NIL;
        next[node] = NIL;
    }

    /**
     * Moves the siblings from {@code from} to {@code to} (inclusive, children of {@code parent}, in order) to
     * the end of {@code target}'s children, in constant time. Used to wrap a run of inlines in emphasis.
     */
    public void moveRange(int parent, int from, int to, int target) {
        int before = prev[from];
        int after = next[to];
        if (before == NIL) {
            first[parent] = after;
        } else {
            next[before] = after;
        }
        if (after == NIL) {
            last[parent] = before;
        } else {
            prev[after] = before;
        }
        int tail = last[target];
        prev[from] = tail;
        next[to] = NIL;
        if (tail == NIL) {
            first[target] = from;
        } else {
            next[tail] = from;
        }
        last[target] = to;
    }

    public int kind(int n) {
        return kind[n];
    }

    public int firstChild(int n) {
        return first[n];
    }

    public int lastChild(int n) {
        return last[n];
    }

    public int nextSibling(int n) {
        return next[n];
    }

    public int previousSibling(int n) {
        return prev[n];
    }

    public void setKind(int n, NodeKind k) {
        kind[n] = (byte) k.code();
    }

    public int flags(int n) {
        return flags[n];
    }

    public void setFlags(int n, int value) {
        flags[n] = (byte) value;
    }

    int data(int n) {
        return data[n];
    }

    public void setData(int n, int value) {
        data[n] = (char) value;
    }

    public int spanStart(int n) {
        return start[n];
    }

    public int spanEnd(int n) {
        return end[n];
    }

    public void setSpan(int n, int spanStart, int spanEnd) {
        start[n] = spanStart;
        end[n] = spanEnd;
    }

    public void setSpanEnd(int n, int spanEnd) {
        end[n] = spanEnd;
    }

    /** Stores a number (not a string) in slot 0 (a), 1 (b) or 2 (c). */
    public void setNumber(int n, int slot, int value) {
        slots(slot)[n] = value;
        stringSlots[n] &= (byte) ~(1 << slot);
    }

    /** Stores string {@code id} (from {@link #string} or {@link #endString}) in slot 0 (a), 1 (b) or 2 (c). */
    public void setString(int n, int slot, int id) {
        slots(slot)[n] = id;
        stringSlots[n] |= (byte) (1 << slot);
        referenced(id);
    }

    /** Counts the pool bytes one more reference to {@code id} may cost: each reference copies the string. */
    private void referenced(int id) {
        if (id != NONE) {
            referencedBytes += 4L + strLength[id];
        }
    }

    int slotValue(int n, int slot) {
        return slots(slot)[n];
    }

    private int[] slots(int slot) {
        switch (slot) {
            case 0:
                return a;
            case 1:
                return b;
            case 2:
                return c;
            default:
                throw new IllegalArgumentException("slot " + slot);
        }
    }

    // ---- strings ----

    /** Copies bytes into the scratch pool; returns the string's id. */
    public int string(byte[] src, int off, int len) {
        beginString();
        append(src, off, len);
        return endString();
    }

    public void beginString() {
        if (openString != NIL) {
            throw new IllegalStateException("a string is already open");
        }
        openString = charCount;
    }

    public void append(byte value) {
        if (charCount == chars.length) {
            chars = Arrays.copyOf(chars, chars.length * 2);
        }
        chars[charCount++] = value;
    }

    public void append(byte[] src, int off, int len) {
        if (charCount + len > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + len));
        }
        System.arraycopy(src, off, chars, charCount, len);
        charCount += len;
    }

    /** Appends a code point as UTF-8. */
    public void appendCodePoint(int cp) {
        if (cp < 0x80) {
            append((byte) cp);
        } else if (cp < 0x800) {
            append((byte) (0xC0 | cp >> 6));
            append((byte) (0x80 | cp & 0x3F));
        } else if (cp < 0x10000) {
            append((byte) (0xE0 | cp >> 12));
            append((byte) (0x80 | cp >> 6 & 0x3F));
            append((byte) (0x80 | cp & 0x3F));
        } else {
            append((byte) (0xF0 | cp >> 18));
            append((byte) (0x80 | cp >> 12 & 0x3F));
            append((byte) (0x80 | cp >> 6 & 0x3F));
            append((byte) (0x80 | cp & 0x3F));
        }
    }

    /** Length of the string being built so far. */
    int openLength() {
        return charCount - openString;
    }

    public int endString() {
        if (openString == NIL) {
            throw new IllegalStateException("no string is open");
        }
        int id = stringCount;
        if (id == strStart.length) {
            strStart = Arrays.copyOf(strStart, id * 2);
            strLength = Arrays.copyOf(strLength, id * 2);
        }
        strStart[id] = openString;
        strLength[id] = charCount - openString;
        stringCount = id + 1;
        openString = NIL;
        return id;
    }

    int stringLength(int id) {
        return strLength[id];
    }

    /** Byte {@code i} of string {@code id}. */
    byte stringByte(int id, int i) {
        return chars[strStart[id] + i];
    }

    // ---- attributes ----

    /** Adds an attribute; attributes of one JSX node must be added consecutively. Returns its index. */
    public int addAttribute(int attributeKind, int nameId, int valueId, int spanStart, int spanEnd) {
        int i = attrCount;
        if (i == attrKind.length) {
            int n = i * 2;
            attrKind = Arrays.copyOf(attrKind, n);
            attrName = Arrays.copyOf(attrName, n);
            attrValue = Arrays.copyOf(attrValue, n);
            attrStart = Arrays.copyOf(attrStart, n);
            attrEnd = Arrays.copyOf(attrEnd, n);
        }
        attrKind[i] = (byte) attributeKind;
        attrName[i] = nameId;
        attrValue[i] = valueId;
        attrStart[i] = spanStart;
        attrEnd[i] = spanEnd;
        attrCount = i + 1;
        referenced(nameId);
        referenced(valueId);
        return i;
    }

    // ---- serialization ----

    /**
     * Fails if the document (the tree as {@link #serialize} writes it, adjacent TEXT merged) has more than
     * {@code maxNodes} nodes: the limit is on the document every engine produces, not on a parser's working tree.
     */
    void checkNodeLimit() {
        reachable = countReachable();
        int nodes = (int) reachable;
        if (nodes > maxNodes) {
            throw new OcpException(OcpException.Code.LIMIT_EXCEEDED, "document has " + nodes + " nodes, more than "
                    + "maxNodes " + maxNodes);
        }
    }

    /**
     * An upper bound of the payload size for the tree built so far. The pool is bounded by the references,
     * not by the scratch strings: one string (a definition's destination or title) is copied into every link
     * that uses it.
     */
    long sizeBound() {
        return HEADER_SIZE + (long) count * NODE_RECORD_SIZE + (long) attrCount * ATTR_RECORD_SIZE + referencedBytes;
    }

    /**
     * Writes the canonical payload of the tree rooted at node 0 into {@code out} at {@code base}.
     * {@code out} must have at least {@link #sizeBound()} bytes from {@code base}.
     *
     * @return the payload's exact size
     */
    int serialize(byte[] out, int base, ParseOptions options, int sourceLength) {
        // Pass 1: count output nodes (adjacent TEXT siblings become one) and attributes to place the sections.
        long counted = reachable >= 0 ? reachable : countReachable();
        int nodes = (int) counted;
        int attrsUsed = (int) (counted >>> 32);
        int nodeOffset = HEADER_SIZE;
        int attrOffset = nodeOffset + nodes * NODE_RECORD_SIZE;
        int stringOffset = attrOffset + attrsUsed * ATTR_RECORD_SIZE;

        // Pass 2: iterative pre-order walk writing records and strings. For each open ancestor the stack
        // holds its builder node, its output index and the output index of its last child written so far.
        Writer w = new Writer(out, base, nodeOffset, attrOffset, stringOffset);
        writeNode(w, 0, NONE, 0);
        int outIndex = 1;
        int[] st = ensureStack(3);
        st[0] = 0;
        st[1] = 0;
        st[2] = NONE;
        int depth = 1;
        int child = first[0];
        while (depth > 0) {
            int top = (depth - 1) * 3;
            if (child == NIL) {
                depth--;
                if (depth > 0) {
                    child = next[st[top]];
                }
                continue;
            }
            int me = outIndex++;
            int runEnd = child;
            if (kind[child] == TEXT) {
                while (next[runEnd] != NIL && kind[next[runEnd]] == TEXT) {
                    runEnd = next[runEnd];
                }
            }
            if (runEnd != child) {
                writeMergedText(w, child, runEnd, st[top + 1], me);
            } else {
                writeNode(w, child, st[top + 1], me);
            }
            int previous = st[top + 2];
            w.u32(previous == NONE ? nodeField(w, st[top + 1], N_FIRST_CHILD) : nodeField(w, previous, N_NEXT_SIBLING), me);
            st[top + 2] = me;
            if (runEnd == child && first[child] != NIL) {
                st = ensureStack(depth * 3 + 3);
                st[depth * 3] = child;
                st[depth * 3 + 1] = me;
                st[depth * 3 + 2] = NONE;
                depth++;
                child = first[child];
            } else {
                child = next[runEnd];
            }
        }
        if (outIndex != nodes || w.attrsWritten != attrsUsed) {
            throw new IllegalStateException("serializer miscounted: " + outIndex + "/" + nodes + " nodes, "
                    + w.attrsWritten + "/" + attrsUsed + " attributes");
        }
        int total = w.stringEnd;
        int stringSize = total - stringOffset;
        // Header.
        w.u32(H_MAGIC, MAGIC);
        w.u16(H_VERSION_MAJOR, VERSION_MAJOR);
        w.u16(H_VERSION_MINOR, VERSION_MINOR);
        w.u16(H_HEADER_SIZE, HEADER_SIZE);
        out[base + H_DIALECT] = (byte) dev.ocp.spi.OcpFormat.dialectCode(options);
        out[base + H_FLAGS] = (byte) options.extensionBits();
        w.u32(H_TOTAL_SIZE, total);
        w.u32(H_SOURCE_LENGTH, sourceLength);
        w.u32(H_NODE_OFFSET, nodeOffset);
        w.u32(H_NODE_COUNT, nodes);
        w.u16(H_NODE_RECORD_SIZE, NODE_RECORD_SIZE);
        w.u16(H_ATTR_RECORD_SIZE, ATTR_RECORD_SIZE);
        w.u32(H_STRING_OFFSET, stringOffset);
        w.u32(H_STRING_SIZE, stringSize);
        w.u32(H_ATTR_OFFSET, attrOffset);
        w.u32(H_ATTR_COUNT, attrsUsed);
        return total;
    }

    private int[] ensureStack(int size) {
        if (stack.length < size) {
            stack = Arrays.copyOf(stack, Math.max(size, stack.length * 2));
        }
        return stack;
    }

    private static int nodeField(Writer w, int outIndex, int field) {
        return w.nodeOffset + outIndex * NODE_RECORD_SIZE + field;
    }

    /** Counts the nodes the walk will write (merged TEXT runs once) in the low half, attributes in the high. */
    private long countReachable() {
        long nodes = 1;
        long attrs = attributesOf(0);
        int depth = 0;
        int[] st = ensureStack(16);
        int child = first[0];
        while (true) {
            if (child != NIL) {
                nodes++;
                attrs += attributesOf(child);
                int runEnd = child;
                if (kind[child] == TEXT) {
                    while (next[runEnd] != NIL && kind[next[runEnd]] == TEXT) {
                        runEnd = next[runEnd];
                    }
                }
                if (runEnd == child && first[child] != NIL) {
                    st = ensureStack(depth + 1);
                    st[depth++] = child;
                    child = first[child];
                } else {
                    child = next[runEnd];
                }
            } else {
                if (depth == 0) {
                    return nodes | attrs << 32;
                }
                child = next[st[--depth]];
            }
        }
    }

    private int attributesOf(int n) {
        return isJsx(n) && c[n] != NONE ? c[n] : 0;
    }

    private boolean isJsx(int n) {
        int k = kind[n];
        return k == NodeKind.MDX_JSX_FLOW.code() || k == NodeKind.MDX_JSX_TEXT.code()
                || k == NodeKind.CONTAINER_DIRECTIVE.code() || k == NodeKind.LEAF_DIRECTIVE.code()
                || k == NodeKind.TEXT_DIRECTIVE.code(); // JSX elements and directives own attribute records
    }

    private void writeNode(Writer w, int n, int parentOut, int me) {
        int rec = w.nodeOffset + me * NODE_RECORD_SIZE;
        w.head(rec, kind[n], flags[n], data[n], parentOut, start[n], end[n]);
        int mask = stringSlots[n];
        boolean jsx = isJsx(n);
        w.u32(rec + N_A, (mask & 1) != 0 ? w.string(this, a[n]) : a[n]);
        if (jsx) {
            // b = first attribute, c = count; attribute records are copied in pre-order, strings alongside.
            int firstAttr = b[n];
            int attrs = c[n] == NONE ? 0 : c[n];
            int outFirst = w.attrsWritten;
            for (int i = 0; i < attrs; i++) {
                w.attribute(this, firstAttr + i);
            }
            w.u32(rec + N_B, attrs == 0 ? NONE : outFirst);
            w.u32(rec + N_C, attrs);
        } else {
            w.u32(rec + N_B, (mask & 2) != 0 ? w.string(this, b[n]) : b[n]);
            w.u32(rec + N_C, (mask & 4) != 0 ? w.string(this, c[n]) : c[n]);
        }
    }

    private void writeMergedText(Writer w, int from, int to, int parentOut, int me) {
        int rec = w.nodeOffset + me * NODE_RECORD_SIZE;
        w.head(rec, TEXT, (byte) 0, (char) 0, parentOut, start[from], end[to]);
        int ref = w.stringEnd - w.stringOffset;
        int lengthAt = w.stringEnd;
        w.stringEnd += 4;
        int length = 0;
        for (int n = from; ; n = next[n]) {
            int id = a[n];
            System.arraycopy(chars, strStart[id], w.out, w.base + w.stringEnd, strLength[id]);
            w.stringEnd += strLength[id];
            length += strLength[id];
            if (n == to) {
                break;
            }
        }
        w.u32(lengthAt, length);
        w.u32(rec + N_A, ref);
        w.u32(rec + N_B, NONE);
        w.u32(rec + N_C, NONE);
    }

    /**
     * Little-endian output cursor over the payload being written. Offsets are relative to {@code base}.
     * Multi-byte fields are stored through byte-array views, one store per field instead of one per byte.
     */
    private static final class Writer {
        private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
        private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
        private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

        static {
            // head() packs fields by these positions; a format change must revisit it.
            if (N_KIND != 0 || N_FLAGS != 1 || N_DATA != 2 || N_NEXT_SIBLING != N_FIRST_CHILD + 4) {
                throw new AssertionError("node record layout changed");
            }
        }

        final byte[] out;
        final int base;
        final int nodeOffset;
        final int attrOffset;
        final int stringOffset;
        int stringEnd;
        int attrsWritten;

        Writer(byte[] out, int base, int nodeOffset, int attrOffset, int stringOffset) {
            this.out = out;
            this.base = base;
            this.nodeOffset = nodeOffset;
            this.attrOffset = attrOffset;
            this.stringOffset = stringOffset;
            this.stringEnd = stringOffset;
        }

        void u16(int at, int v) {
            I16.set(out, base + at, (short) v);
        }

        void u32(int at, int v) {
            I32.set(out, base + at, v);
        }

        /**
         * Writes a node record's fields up to the span: kind, flags and data in one word, then the parent,
         * first child and next sibling (both {@code NONE} until a child or sibling is written), and the span.
         */
        void head(int rec, byte kind, byte flags, char data, int parent, int spanStart, int spanEnd) {
            int at = base + rec;
            I32.set(out, at + N_KIND, (kind & 0xFF) | (flags & 0xFF) << 8 | data << 16);
            I32.set(out, at + N_PARENT, parent);
            I64.set(out, at + N_FIRST_CHILD, -1L); // N_NEXT_SIBLING follows: both NONE
            I32.set(out, at + N_SPAN_START, spanStart);
            I32.set(out, at + N_SPAN_END, spanEnd);
        }

        /** Copies scratch string {@code id} to the pool; returns its reference. */
        int string(TreeBuilder t, int id) {
            if (id == NONE) {
                return NONE;
            }
            int ref = stringEnd - stringOffset;
            int len = t.strLength[id];
            u32(stringEnd, len);
            System.arraycopy(t.chars, t.strStart[id], out, base + stringEnd + 4, len);
            stringEnd += 4 + len;
            return ref;
        }

        void attribute(TreeBuilder t, int i) {
            int rec = attrOffset + attrsWritten * ATTR_RECORD_SIZE;
            attrsWritten++;
            out[base + rec + A_KIND] = t.attrKind[i];
            out[base + rec + 1] = 0;
            u16(rec + 2, 0);
            u32(rec + A_NAME, string(t, t.attrName[i]));
            u32(rec + A_VALUE, string(t, t.attrValue[i]));
            u32(rec + A_SPAN_START, t.attrStart[i]);
            u32(rec + A_SPAN_END, t.attrEnd[i]);
        }
    }

    private void grow(int n) {
        kind = Arrays.copyOf(kind, n);
        flags = Arrays.copyOf(flags, n);
        stringSlots = Arrays.copyOf(stringSlots, n);
        data = Arrays.copyOf(data, n);
        first = Arrays.copyOf(first, n);
        last = Arrays.copyOf(last, n);
        next = Arrays.copyOf(next, n);
        prev = Arrays.copyOf(prev, n);
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        a = Arrays.copyOf(a, n);
        b = Arrays.copyOf(b, n);
        c = Arrays.copyOf(c, n);
    }
}
