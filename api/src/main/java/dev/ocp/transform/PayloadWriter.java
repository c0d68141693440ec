package dev.ocp.transform;

import dev.ocp.NodeKind;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.internal.DocumentMemory;
import dev.ocp.internal.KindSchema;
import dev.ocp.internal.PayloadLayout;
import dev.ocp.spi.OcpFormat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static dev.ocp.spi.OcpFormat.*;

/**
 * Writes a payload in the canonical layout (format section 8) from pieces: subtrees of existing payloads, copied as
 * bytes with their links and string references moved by a constant, and single records made here. Strings are
 * written in the order their nodes are, so the pool stays in order of first reference; a run of strings that lay back
 * to back in the source (a copied subtree's, in a canonical source) is copied in one piece. Adjacent texts are merged
 * as the parsers merge them.
 */
final class PayloadWriter {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int REC = NODE_RECORD_SIZE;
    private static final int ATTR = ATTR_RECORD_SIZE;
    private static final int TEXT = NodeKind.TEXT.code();

    /**
     * Which of slots a (1), b (2) and c (4) hold strings, by kind code, from the kind schema; a slot that is NONE
     * holds none.
     */
    private static final byte[] STRING_SLOTS = new byte[64];

    static {
        for (NodeKind k : NodeKind.values()) {
            STRING_SLOTS[k.code()] = (byte) KindSchema.of(k).stringSlots();
        }
    }

    /** Whether slot {@code bit} (1 a, 2 b, 4 c) of a node of kind code {@code kind} holds a string. */
    static boolean holdsString(int kind, int bit) {
        return (STRING_SLOTS[kind & 63] & bit) != 0;
    }

    /** A payload to copy from. */
    static final class Source {
        final ByteBuffer payload;
        final PayloadLayout layout;
        final OcpDocument document;

        /**
         * Whether the payload is in the canonical layout by its writer's contract (an engine's, or this writer's), so
         * that a subtree's strings lie back to back in the pool; a payload from elsewhere ({@code Ocp.read}) is only
         * known to be valid.
         */
        final boolean canonical;

        Source(OcpDocument document) {
            this.document = document;
            this.payload = DocumentMemory.payloadOf(document);
            this.layout = PayloadLayout.of(payload);
            this.canonical = (document instanceof DocumentMemory || document instanceof BuiltDocument)
                    && layout.attrCount() == 0;
            if (layout.minor() > OcpFormat.VERSION_MINOR) {
                throw new IllegalArgumentException("this library writes OCP up to v1." + OcpFormat.VERSION_MINOR
                        + " and cannot carry the kinds of a v1." + layout.minor() + " payload over");
            }
        }

        int u32(int offset) {
            return payload.getInt(offset);
        }

        int kind(int node) {
            return payload.get(layout.record(node) + N_KIND) & 0xFF;
        }

        int field(int node, int field) {
            return payload.getInt(layout.record(node) + field);
        }

        /** Where the subtree of {@code node} ends: its next sibling, or its nearest ancestor's. */
        int subtreeEnd(int node) {
            for (int n = node; n != NONE; n = field(n, N_PARENT)) {
                int next = field(n, N_NEXT_SIBLING);
                if (next != NONE) {
                    return next;
                }
            }
            return layout.nodeCount();
        }
    }

    /** An output node whose children are being written: where the next child is linked. */
    static final class Sink {
        final int out;
        int last = NONE;
        /** The child before {@link #last}, or NONE (not kept after a child is taken back). */
        int previous = NONE;
        int children;

        Sink(int out) {
            this.out = out;
        }
    }

    final Content content;
    private final int sourceLength;
    private final Source main;
    private final Map<OcpDocument, Source> others = new IdentityHashMap<>();

    /**
     * The payload being written, in one array laid out as it will be: header, node records, attribute records, pool.
     * The regions are sized from estimates; one that fills up moves the ones after it, and {@link #finish} closes
     * the gaps the estimates left, so that a transform copies the bulk of the payload once.
     */
    private byte[] buf;
    private int nodeCapacity;
    private int attrCapacity;
    private int attrBase;
    private int poolBase;
    private int count;
    private int attrCount;
    private int poolSize;

    /** A run of source strings not yet copied: [from, to) of {@code pendingSource}'s pool, to go at {@code pendingOut}. */
    private Source pendingSource;
    private int pendingFrom;
    private int pendingTo;
    private int pendingOut;

    PayloadWriter(Content content, Source main, int sourceLength, int nodes, int attributes, int poolBytes) {
        this.content = content;
        this.main = main;
        this.sourceLength = sourceLength;
        layout(Math.max(nodes, 16), Math.max(attributes, 0), Math.max(poolBytes, 256), false);
    }

    /** Lays the regions out with these capacities, keeping what was written. */
    private void layout(int nodes, int attributes, int poolBytes, boolean keep) {
        long size = HEADER_SIZE + (long) nodes * REC + (long) attributes * ATTR + poolBytes;
        if (size > Integer.MAX_VALUE - 64) {
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "the document would be larger than 2 GiB");
        }
        byte[] next = new byte[(int) size];
        int nextAttrBase = HEADER_SIZE + nodes * REC;
        int nextPoolBase = nextAttrBase + attributes * ATTR;
        if (keep) {
            System.arraycopy(buf, HEADER_SIZE, next, HEADER_SIZE, count * REC);
            System.arraycopy(buf, attrBase, next, nextAttrBase, attrCount * ATTR);
            System.arraycopy(buf, poolBase, next, nextPoolBase, poolSize);
        }
        buf = next;
        nodeCapacity = nodes;
        attrCapacity = attributes;
        attrBase = nextAttrBase;
        poolBase = nextPoolBase;
    }

    private static int rec(int node) {
        return HEADER_SIZE + node * REC;
    }

    private int attr(int index) {
        return attrBase + index * ATTR;
    }

    /** A built document: the root and the blocks under it. */
    static OcpDocument build(ParseOptions options, Content content, List<Node> blocks) {
        PayloadWriter w = new PayloadWriter(content, null, 0, 64, 8, 1024);
        Sink root = w.root();
        for (Node block : blocks) {
            w.emit(block, root, 0, null);
        }
        return new BuiltDocument(w.finish(OcpFormat.dialectCode(options), headerFlags(options)));
    }

    private static int headerFlags(ParseOptions options) {
        int flags = 0;
        for (dev.ocp.Extension e : options.extensions()) {
            flags |= switch (e) {
                case GFM -> HEADER_FLAG_GFM;
                case FRONTMATTER -> HEADER_FLAG_FRONTMATTER;
                case MATH -> HEADER_FLAG_MATH;
                case DIRECTIVE -> HEADER_FLAG_DIRECTIVE;
                case ALERTS -> HEADER_FLAG_ALERTS;
                case HEADING_IDS -> HEADER_FLAG_HEADING_IDS;
                case HTML_COMMENTS -> HEADER_FLAG_HTML_COMMENTS;
            };
        }
        return flags;
    }

    // ---- records ----

    Sink root() {
        int idx = newRecord(NodeKind.DOCUMENT.code(), 0, 0, 0, sourceLength);
        return new Sink(idx);
    }

    int count() {
        return count;
    }

    private int newRecord(int kind, int flags, int data, int start, int end) {
        ensureNodes(1);
        int w = rec(count);
        buf[w] = (byte) kind;
        buf[w + 1] = (byte) flags;
        buf[w + 2] = (byte) data;
        buf[w + 3] = (byte) (data >>> 8);
        INT.set(buf, w + N_PARENT, NONE);
        INT.set(buf, w + N_FIRST_CHILD, NONE);
        INT.set(buf, w + N_NEXT_SIBLING, NONE);
        INT.set(buf, w + N_SPAN_START, start);
        INT.set(buf, w + N_SPAN_END, end);
        INT.set(buf, w + N_A, NONE);
        INT.set(buf, w + N_B, NONE);
        INT.set(buf, w + N_C, NONE);
        return count++;
    }

    /** Appends a record as the next child of {@code parent}. */
    int child(Sink parent, int kind, int flags, int data, int start, int end) {
        int idx = newRecord(kind, flags, data, start, end);
        link(parent, idx);
        return idx;
    }

    private void link(Sink parent, int idx) {
        INT.set(buf, rec(idx) + N_PARENT, parent.out);
        int last = parent.last;
        if (last != NONE) {
            INT.set(buf, rec(last) + N_NEXT_SIBLING, idx);
            closeFence(last);
        } else {
            INT.set(buf, rec(parent.out) + N_FIRST_CHILD, idx);
            forgetCheckAfter(parent.out, idx);
        }
        parent.previous = last;
        parent.last = idx;
        parent.children++;
    }

    /**
     * Clears a task item's check (v1.5) when its new first child starts before the check ends: a node inserted
     * before the paragraph it stood before, at the item's start.
     */
    private void forgetCheckAfter(int item, int child) {
        if (outKind(item) == NodeKind.LIST_ITEM.code()) {
            int check = outField(item, N_A);
            if (check != NONE && Integer.toUnsignedLong(check) + 3
                    > Integer.toUnsignedLong(outField(child, N_SPAN_START))) {
                slot(item, N_A, NONE);
            }
        }
    }

    /**
     * A fence left open because its container or the document ended there is closed once something follows it:
     * written open, it would take in what follows.
     */
    private void closeFence(int node) {
        int kind = outKind(node);
        int at = rec(node) + N_FLAGS;
        if (kind == NodeKind.CODE_BLOCK.code()) {
            buf[at] &= (byte) ~FLAG_CODE_UNCLOSED;
        } else if (kind == NodeKind.MATH_BLOCK.code()) {
            buf[at] &= (byte) ~FLAG_MATH_UNCLOSED;
        }
    }

    /**
     * Ends the children of {@code sink}, a node a change went through, the way a parser would have left it: no line
     * break at the end of inline content, and no emphasis or paragraph left empty (they cannot be written); the
     * parent is {@code parent}.
     */
    void close(Sink sink, Sink parent) {
        if (sink.out == NONE) {
            return;
        }
        NodeKind kind = NodeKind.fromCode(outKind(sink.out));
        if (kind == null || Content.holds(kind) != KindSchema.Place.INLINES) {
            return;
        }
        int last = sink.last;
        if (last != NONE && last == count - 1 && (outKind(last) == NodeKind.SOFT_BREAK.code()
                || outKind(last) == NodeKind.HARD_BREAK.code())) {
            takeBackLast(sink);
        }
        if (sink.last == NONE && sink.out == count - 1 && parent != null && parent.last == sink.out
                && (kind == NodeKind.PARAGRAPH || kind == NodeKind.EMPHASIS || kind == NodeKind.STRONG
                || kind == NodeKind.STRIKETHROUGH)) {
            takeBackLast(parent);
        }
    }

    /** Takes back the last record, the last child of {@code sink}, which has no children and no strings. */
    private void takeBackLast(Sink sink) {
        int previous = sink.previous;
        if (previous != NONE) {
            INT.set(buf, rec(previous) + N_NEXT_SIBLING, NONE);
        } else {
            INT.set(buf, rec(sink.out) + N_FIRST_CHILD, NONE);
        }
        sink.last = previous;
        sink.previous = NONE;
        sink.children--;
        count--;
    }

    void slot(int node, int field, int value) {
        INT.set(buf, rec(node) + field, value);
    }

    int outField(int node, int field) {
        return (int) INT.get(buf, rec(node) + field);
    }

    int outFlags(int node) {
        return buf[rec(node) + N_FLAGS] & 0xFF;
    }

    int outData(int node) {
        return (buf[rec(node) + N_DATA] & 0xFF) | (buf[rec(node) + N_DATA + 1] & 0xFF) << 8;
    }

    int outKind(int node) {
        return buf[rec(node)] & 0xFF;
    }

    private void ensureNodes(int more) {
        if ((long) count + more > nodeCapacity) {
            layout(grow(nodeCapacity, (long) count + more), attrCapacity, poolCapacity(), true);
        }
    }

    private int poolCapacity() {
        return buf.length - poolBase;
    }

    private static int grow(int capacity, long need) {
        long size = Math.max(need, 2L * capacity);
        if (need > Integer.MAX_VALUE / REC) {
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "the document would be larger than 2 GiB");
        }
        return (int) Math.min(size, Integer.MAX_VALUE / REC);
    }

    // ---- strings ----

    /** Writes a new string and returns its reference; {@code null} is NONE. */
    int string(String value) {
        if (value == null) {
            return NONE;
        }
        return string(value.getBytes(StandardCharsets.UTF_8));
    }

    private int string(byte[] utf8) {
        flushStrings();
        ensurePool(4 + utf8.length);
        int ref = poolSize;
        INT.set(buf, poolBase + ref, utf8.length);
        System.arraycopy(utf8, 0, buf, poolBase + ref + 4, utf8.length);
        poolSize += 4 + utf8.length;
        return ref;
    }

    /** Copies string {@code ref} of {@code source} (or NONE) and returns its new reference. */
    int copyString(Source source, int ref) {
        if (ref == NONE) {
            return NONE;
        }
        int length = source.u32(source.layout.stringOffset() + ref);
        int size = 4 + length;
        if (pendingSource != source || pendingTo != ref) {
            flushStrings();
            pendingSource = source;
            pendingFrom = ref;
            pendingTo = ref;
            pendingOut = poolSize;
        }
        ensurePool(size);
        int out = poolSize;
        pendingTo += size;
        poolSize += size;
        return out;
    }

    private void flushStrings() {
        if (pendingSource != null) {
            int n = pendingTo - pendingFrom;
            pendingSource.payload.get(pendingSource.layout.stringOffset() + pendingFrom, buf, poolBase + pendingOut, n);
            pendingSource = null;
        }
    }

    private void ensurePool(int more) {
        long need = (long) poolSize + more;
        if (need > poolCapacity()) {
            long size = Math.max(need, 2L * poolCapacity());
            if ((long) poolBase + size > Integer.MAX_VALUE - 64) {
                throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "the document would be larger than 2 GiB");
            }
            buf = java.util.Arrays.copyOf(buf, poolBase + (int) size);
        }
    }

    // ---- text ----

    /** Whether a text written now into {@code sink} joins the text before it (format section 8, rule 3). */
    private boolean joinsText(Sink sink) {
        return sink.last != NONE && sink.last == count - 1 && outKind(sink.last) == TEXT
                && outField(sink.last, N_A) != NONE;
    }

    /** Appends text to the last node, a TEXT whose literal is the pool's last string. */
    private void joinText(Sink sink, Source source, int ref, byte[] utf8, int end) {
        flushStrings();
        int last = sink.last;
        int at = outField(last, N_A);
        int length = (int) INT.get(buf, poolBase + at);
        int more = utf8 != null ? utf8.length : source.u32(source.layout.stringOffset() + ref);
        ensurePool(more);
        if (utf8 != null) {
            System.arraycopy(utf8, 0, buf, poolBase + poolSize, more);
        } else {
            source.payload.get(source.layout.stringOffset() + ref + 4, buf, poolBase + poolSize, more);
        }
        poolSize += more;
        INT.set(buf, poolBase + at, length + more);
        slot(last, N_SPAN_END, Math.max(end, outField(last, N_SPAN_END)));
    }

    // ---- copies ----

    Source source(OcpDocument document) {
        if (main != null && document == main.document) {
            return main;
        }
        return others.computeIfAbsent(document, Source::new);
    }

    /**
     * Copies the subtree [{@code from}, {@code to}) of {@code source} as the next child of {@code sink}: its records
     * in one pass, links moved by the distance between the two tables, strings and attributes copied in order. From
     * another document the spans become {@code pos} (they point into another source) and the kinds are checked
     * against this document's syntax.
     */
    void copySubtree(Source source, int from, int to, Sink sink, int pos) {
        boolean foreign = source != main;
        ByteBuffer p = source.payload;
        PayloadLayout layout = source.layout;
        if (to - from == 1 && source.kind(from) == TEXT && joinsText(sink)) {
            joinText(sink, source, source.field(from, N_A), null, foreign ? pos : source.field(from, N_SPAN_END));
            return;
        }
        if (!foreign && source.canonical) {
            copyCanonical(source, from, to, sink);
            return;
        }
        int d = count - from;
        int root = count;
        ensureNodes(to - from);
        // The records in one piece (a canonical source has them back to back, 36 bytes each), then moved in place.
        p.get(layout.record(from), buf, rec(count), (to - from) * REC);
        for (int i = from; i < to; i++) {
            int w = rec(count);
            int kind = buf[w] & 0xFF;
            if (foreign) {
                content.checkKind(NodeKind.fromCode(kind), kind == NodeKind.LIST_ITEM.code() && (buf[w + 1] & 1) != 0);
                INT.set(buf, w + N_SPAN_START, pos);
                INT.set(buf, w + N_SPAN_END, pos);
                forgetPlaces(w, kind);
            }
            if (i != from) {
                INT.set(buf, w + N_PARENT, (int) INT.get(buf, w + N_PARENT) + d);
            }
            moveLink(w + N_FIRST_CHILD, d);
            moveLink(w + N_NEXT_SIBLING, d);
            int strings = STRING_SLOTS[kind & 63];
            if ((strings & 1) != 0) {
                INT.set(buf, w + N_A, copyString(source, (int) INT.get(buf, w + N_A)));
            }
            if (dev.ocp.internal.KindSchema.ownsAttributes(kind)) {
                int first = (int) INT.get(buf, w + N_B);
                if (first != NONE) {
                    int n = (int) INT.get(buf, w + N_C);
                    INT.set(buf, w + N_B, copyAttributes(source, first, n, foreign, pos));
                }
            } else {
                if ((strings & 2) != 0) {
                    INT.set(buf, w + N_B, copyString(source, (int) INT.get(buf, w + N_B)));
                }
                if ((strings & 4) != 0) {
                    INT.set(buf, w + N_C, copyString(source, (int) INT.get(buf, w + N_C)));
                }
            }
            count++;
        }
        INT.set(buf, rec(root) + N_NEXT_SIBLING, NONE);
        link(sink, root);
    }

    /**
     * {@link #copySubtree} from a canonical source without attributes: the records and the strings each in one piece,
     * then links and string references moved by constants, and not even that where the subtree lands where it was.
     */
    private void copyCanonical(Source source, int from, int to, Sink sink) {
        ByteBuffer p = source.payload;
        int n = to - from;
        int firstRef = NONE;
        for (int i = from; i < to && firstRef == NONE; i++) {
            firstRef = firstString(source, i);
        }
        int endRef = 0;
        if (firstRef != NONE) {
            for (int i = to - 1; ; i--) {
                int last = lastString(source, i);
                if (last != NONE) {
                    endRef = last + 4 + source.u32(source.layout.stringOffset() + last);
                    break;
                }
            }
        }
        int d = count - from;
        int root = count;
        ensureNodes(n);
        p.get(source.layout.record(from), buf, rec(count), n * REC);
        int ds = 0;
        if (firstRef != NONE) {
            flushStrings();
            int bytes = endRef - firstRef;
            ensurePool(bytes);
            p.get(source.layout.stringOffset() + firstRef, buf, poolBase + poolSize, bytes);
            ds = poolSize - firstRef;
            poolSize += bytes;
        }
        if (d != 0 || ds != 0) {
            for (int w = rec(count), end = rec(count + n); w < end; w += REC) {
                if (d != 0) {
                    moveLink(w + N_PARENT, d);
                    moveLink(w + N_FIRST_CHILD, d);
                    moveLink(w + N_NEXT_SIBLING, d);
                }
                int strings = STRING_SLOTS[buf[w] & 63];
                if (ds != 0 && strings != 0) {
                    if ((strings & 1) != 0) {
                        moveLink(w + N_A, ds);
                    }
                    if ((strings & 2) != 0) {
                        moveLink(w + N_B, ds);
                    }
                    if ((strings & 4) != 0) {
                        moveLink(w + N_C, ds);
                    }
                }
            }
        }
        count += n;
        INT.set(buf, rec(root) + N_NEXT_SIBLING, NONE);
        link(sink, root);
    }

    /**
     * Clears the places in its old source that a record copied from another document holds (v1.5): they would name
     * bytes of this document's source that are not the node's.
     */
    private void forgetPlaces(int w, int kind) {
        if (kind == NodeKind.HEADING.code() || kind == NodeKind.TABLE_CELL.code()
                || kind == NodeKind.LIST_ITEM.code()) {
            INT.set(buf, w + N_A, NONE); // a setext heading's paragraph start, a cell's pipe, a task item's check
        } else if (kind == NodeKind.CODE_BLOCK.code() && (buf[w + N_FLAGS] & FLAG_CODE_FENCED) == 0) {
            buf[w + N_DATA] = 0; // an indented block's indentation before its span
            buf[w + N_DATA + 1] = 0;
        }
    }

    /** The first string node {@code i} references, in the pool's order (slots a, b, c), or NONE. */
    private static int firstString(Source source, int i) {
        int strings = STRING_SLOTS[source.kind(i) & 63];
        for (int bit = 1, field = N_A; bit <= 4; bit <<= 1, field += 4) {
            if ((strings & bit) != 0) {
                int ref = source.field(i, field);
                if (ref != NONE) {
                    return ref;
                }
            }
        }
        return NONE;
    }

    /** The last string node {@code i} references, in the pool's order, or NONE. */
    private static int lastString(Source source, int i) {
        int strings = STRING_SLOTS[source.kind(i) & 63];
        for (int bit = 4, field = N_C; bit >= 1; bit >>= 1, field -= 4) {
            if ((strings & bit) != 0) {
                int ref = source.field(i, field);
                if (ref != NONE) {
                    return ref;
                }
            }
        }
        return NONE;
    }

    private void moveLink(int at, int d) {
        int v = (int) INT.get(buf, at);
        if (v != NONE) {
            INT.set(buf, at, v + d);
        }
    }

    /** Copies {@code n} attribute records of {@code source} from {@code first}; returns the first new index. */
    int copyAttributes(Source source, int first, int n, boolean foreign, int pos) {
        ensureAttrs(n);
        int start = attrCount;
        for (int j = 0; j < n; j++) {
            source.payload.get(source.layout.attrRecord(first + j), buf, attr(attrCount), ATTR);
            int w = attr(attrCount);
            INT.set(buf, w + A_NAME, copyString(source, (int) INT.get(buf, w + A_NAME)));
            INT.set(buf, w + A_VALUE, copyString(source, (int) INT.get(buf, w + A_VALUE)));
            if (foreign) {
                INT.set(buf, w + A_SPAN_START, pos);
                INT.set(buf, w + A_SPAN_END, pos);
            }
            attrCount++;
        }
        return start;
    }

    /** Writes new attribute records; returns the first index, or NONE when there are none. */
    int attributes(List<Node.Attribute> list, int pos) {
        if (list.isEmpty()) {
            return NONE;
        }
        ensureAttrs(list.size());
        int start = attrCount;
        for (Node.Attribute a : list) {
            int name = string(a.name());
            int value = string(a.value());
            int w = attr(attrCount);
            java.util.Arrays.fill(buf, w, w + 4, (byte) 0);
            buf[w] = (byte) (a.kind().ordinal() + 1);
            INT.set(buf, w + A_NAME, name);
            INT.set(buf, w + A_VALUE, value);
            INT.set(buf, w + A_SPAN_START, pos);
            INT.set(buf, w + A_SPAN_END, pos);
            attrCount++;
        }
        return start;
    }

    private void ensureAttrs(int more) {
        if ((long) attrCount + more > attrCapacity) {
            layout(nodeCapacity, grow(attrCapacity, (long) attrCount + more), poolCapacity(), true);
        }
    }

    // ---- new nodes ----

    /**
     * Writes a node made in code, and its children, as the next child of {@code sink}, with empty spans at {@code pos}.
     * {@code alignments} are the columns of a table whose header row this is, else null (a cell's alignment is then
     * read from the header row already written).
     */
    void emit(Node node, Sink sink, int pos, List<dev.ocp.OcpNode.Alignment> alignments) {
        if (node.isCopy()) {
            if (node.document.isClosed()) {
                throw new IllegalStateException("the document a Node.copyOf stands for is closed");
            }
            Source source = source(node.document);
            copySubtree(source, node.index, source.subtreeEnd(node.index), sink, pos);
            return;
        }
        int kind = node.kind.code();
        if (node.kind == NodeKind.TEXT) {
            byte[] utf8 = ((String) node.a).getBytes(StandardCharsets.UTF_8);
            if (utf8.length == 0) {
                return;
            }
            if (joinsText(sink)) {
                joinText(sink, null, NONE, utf8, pos);
                return;
            }
        }
        int flags = node.flags;
        int data = node.data;
        if (node.kind == NodeKind.TABLE_ROW) {
            flags = sink.children == 0 ? 1 : 0;
        } else if (node.kind == NodeKind.TABLE_CELL) {
            flags = outFlags(sink.out) & 1;
            data = alignments != null ? alignmentCode(alignments, sink.children) : headerAlignment(sink);
        }
        int idx = child(sink, kind, flags, data, pos, pos);
        slot(idx, N_A, value(node.a));
        if (dev.ocp.internal.KindSchema.ownsAttributes(node.kind.code())) {
            slot(idx, N_B, attributes(node.attributes, pos));
            slot(idx, N_C, node.attributes.size());
        } else {
            slot(idx, N_B, value(node.b));
            slot(idx, N_C, value(node.c));
        }
        Sink children = new Sink(idx);
        for (int i = 0; i < node.children.size(); i++) {
            Node child = node.children.get(i);
            List<dev.ocp.OcpNode.Alignment> columns = null;
            if (node.kind == NodeKind.TABLE && i == 0 && !node.alignments.isEmpty()) {
                columns = node.alignments;
            } else if (node.kind == NodeKind.TABLE_ROW) {
                columns = alignments;
            }
            emit(child, children, pos, columns);
        }
        if (node.kind == NodeKind.TABLE_ROW) {
            // A row lacking cells has them padded to the header's count, as the parsers pad it.
            int columns = alignments != null ? alignments.size() : headerCells(sink.out);
            while (children.children < columns) {
                emit(EMPTY_CELL, children, pos, alignments);
            }
        }
    }

    private static final Node EMPTY_CELL = Node.tableCell();

    /** How many cells the first row of {@code table} has (0 when it is no table). */
    private int headerCells(int table) {
        if (outKind(table) != NodeKind.TABLE.code() || outField(table, N_FIRST_CHILD) == NONE) {
            return 0;
        }
        int n = 0;
        for (int cell = outField(outField(table, N_FIRST_CHILD), N_FIRST_CHILD); cell != NONE;
             cell = outField(cell, N_NEXT_SIBLING)) {
            n++;
        }
        return n;
    }

    private int value(Object slot) {
        if (slot == null) {
            return NONE;
        }
        if (slot instanceof String s) {
            return string(s);
        }
        return (int) (long) (Long) slot;
    }

    private static int alignmentCode(List<dev.ocp.OcpNode.Alignment> alignments, int column) {
        return column < alignments.size() ? alignments.get(column).ordinal() : 0;
    }

    /** The alignment of the next cell of row {@code row}: that of its column's cell in its table's first row. */
    private int headerAlignment(Sink row) {
        int table = outField(row.out, N_PARENT);
        if (table == NONE || outKind(table) != NodeKind.TABLE.code()) {
            return 0;
        }
        int cell = outField(outField(table, N_FIRST_CHILD), N_FIRST_CHILD);
        for (int column = 0; cell != NONE && column < row.children; column++) {
            cell = outField(cell, N_NEXT_SIBLING);
        }
        return cell == NONE || outKind(cell) != NodeKind.TABLE_CELL.code() ? 0 : outData(cell);
    }

    // ---- the payload ----

    /** The payload: header, nodes, attributes and pool, back to back (the gaps the estimates left closed). */
    ByteBuffer finish(int dialect, int headerFlags) {
        flushStrings();
        int nodeEnd = HEADER_SIZE + count * REC;
        int stringOffset = nodeEnd + attrCount * ATTR;
        // Where the estimates were exact, as they are when no node is removed, nothing moves: the copy of a region
        // onto itself is not free (the pool is most of the payload).
        if (attrBase != nodeEnd) {
            System.arraycopy(buf, attrBase, buf, nodeEnd, attrCount * ATTR);
        }
        if (poolBase != stringOffset) {
            System.arraycopy(buf, poolBase, buf, stringOffset, poolSize);
        }
        int total = stringOffset + poolSize;
        ByteBuffer out = ByteBuffer.wrap(buf, 0, total).slice().order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(H_MAGIC, MAGIC);
        out.putShort(H_VERSION_MAJOR, (short) VERSION_MAJOR);
        out.putShort(H_VERSION_MINOR, (short) VERSION_MINOR);
        out.putShort(H_HEADER_SIZE, (short) HEADER_SIZE);
        out.put(H_DIALECT, (byte) dialect);
        out.put(H_FLAGS, (byte) headerFlags);
        out.putInt(H_TOTAL_SIZE, total);
        out.putInt(H_SOURCE_LENGTH, sourceLength);
        out.putInt(H_NODE_OFFSET, HEADER_SIZE);
        out.putInt(H_NODE_COUNT, count);
        out.putShort(H_NODE_RECORD_SIZE, (short) REC);
        out.putShort(H_ATTR_RECORD_SIZE, (short) ATTR);
        out.putInt(H_STRING_OFFSET, stringOffset);
        out.putInt(H_STRING_SIZE, poolSize);
        out.putInt(H_ATTR_OFFSET, nodeEnd);
        out.putInt(H_ATTR_COUNT, attrCount);
        buf = null; // the document owns it now
        return out;
    }
}
