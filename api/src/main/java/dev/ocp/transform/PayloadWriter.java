package dev.ocp.transform;

import dev.ocp.NodeKind;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.internal.DocumentMemory;
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

    /** Which of slots a (1), b (2) and c (4) hold strings, by kind code; a slot that is NONE holds none. */
    private static final byte[] STRING_SLOTS = new byte[64];

    static {
        for (NodeKind k : NodeKind.values()) {
            STRING_SLOTS[k.code()] = (byte) switch (k) {
                case CODE_BLOCK, LINK, IMAGE, CODE_SPAN, MATH_INLINE, MATH_BLOCK -> 1 | 2 | (k == NodeKind.LINK
                        || k == NodeKind.IMAGE ? 4 : 0);
                case DEFINITION -> 1 | 2 | 4;
                case HTML_BLOCK, FRONTMATTER, MDX_JSX_FLOW, MDX_JSX_TEXT, MDX_EXPRESSION_FLOW, MDX_EXPRESSION_TEXT,
                     MDX_ESM, TEXT, HTML_INLINE -> 1;
                case FOOTNOTE_DEFINITION, FOOTNOTE_REFERENCE -> 4;
                default -> 0;
            };
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

        Source(OcpDocument document) {
            this.document = document;
            this.payload = DocumentMemory.payloadOf(document);
            this.layout = PayloadLayout.of(payload);
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

    private byte[] nodes = new byte[REC * 64];
    private int count;
    private byte[] attrs = new byte[ATTR * 8];
    private int attrCount;
    private byte[] pool = new byte[256];
    private int poolSize;

    /** A run of source strings not yet copied: [from, to) of {@code pendingSource}'s pool, to go at {@code pendingOut}. */
    private Source pendingSource;
    private int pendingFrom;
    private int pendingTo;
    private int pendingOut;

    PayloadWriter(Content content, Source main, int sourceLength, int expectedBytes) {
        this.content = content;
        this.main = main;
        this.sourceLength = sourceLength;
        if (expectedBytes > 0) {
            nodes = new byte[Math.max(nodes.length, expectedBytes / 2)];
            pool = new byte[Math.max(pool.length, expectedBytes / 2)];
        }
    }

    /** A built document: the root and the blocks under it. */
    static OcpDocument build(ParseOptions options, Content content, List<Node> blocks) {
        PayloadWriter w = new PayloadWriter(content, null, 0, 0);
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
        int w = count * REC;
        nodes[w] = (byte) kind;
        nodes[w + 1] = (byte) flags;
        nodes[w + 2] = (byte) data;
        nodes[w + 3] = (byte) (data >>> 8);
        INT.set(nodes, w + N_PARENT, NONE);
        INT.set(nodes, w + N_FIRST_CHILD, NONE);
        INT.set(nodes, w + N_NEXT_SIBLING, NONE);
        INT.set(nodes, w + N_SPAN_START, start);
        INT.set(nodes, w + N_SPAN_END, end);
        INT.set(nodes, w + N_A, NONE);
        INT.set(nodes, w + N_B, NONE);
        INT.set(nodes, w + N_C, NONE);
        return count++;
    }

    /** Appends a record as the next child of {@code parent}. */
    int child(Sink parent, int kind, int flags, int data, int start, int end) {
        int idx = newRecord(kind, flags, data, start, end);
        link(parent, idx);
        return idx;
    }

    private void link(Sink parent, int idx) {
        INT.set(nodes, idx * REC + N_PARENT, parent.out);
        int last = parent.last;
        if (last != NONE) {
            INT.set(nodes, last * REC + N_NEXT_SIBLING, idx);
            closeFence(last);
        } else {
            INT.set(nodes, parent.out * REC + N_FIRST_CHILD, idx);
        }
        parent.previous = last;
        parent.last = idx;
        parent.children++;
    }

    /**
     * A fence left open because its container or the document ended there is closed once something follows it:
     * written open, it would take in what follows.
     */
    private void closeFence(int node) {
        int kind = outKind(node);
        int at = node * REC + N_FLAGS;
        if (kind == NodeKind.CODE_BLOCK.code()) {
            nodes[at] &= (byte) ~FLAG_CODE_UNCLOSED;
        } else if (kind == NodeKind.MATH_BLOCK.code()) {
            nodes[at] &= (byte) ~FLAG_MATH_UNCLOSED;
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
        if (kind == null || Content.holds(kind) != Content.Place.INLINES) {
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
            INT.set(nodes, previous * REC + N_NEXT_SIBLING, NONE);
        } else {
            INT.set(nodes, sink.out * REC + N_FIRST_CHILD, NONE);
        }
        sink.last = previous;
        sink.previous = NONE;
        sink.children--;
        count--;
    }

    void slot(int node, int field, int value) {
        INT.set(nodes, node * REC + field, value);
    }

    int outField(int node, int field) {
        return (int) INT.get(nodes, node * REC + field);
    }

    int outFlags(int node) {
        return nodes[node * REC + N_FLAGS] & 0xFF;
    }

    int outData(int node) {
        return (nodes[node * REC + N_DATA] & 0xFF) | (nodes[node * REC + N_DATA + 1] & 0xFF) << 8;
    }

    int outKind(int node) {
        return nodes[node * REC] & 0xFF;
    }

    private void ensureNodes(int more) {
        long need = (long) (count + more) * REC;
        if (need > nodes.length) {
            nodes = java.util.Arrays.copyOf(nodes, grow(nodes.length, need));
        }
    }

    private static int grow(int length, long need) {
        long size = Math.max(need, 2L * length);
        if (need > Integer.MAX_VALUE - 64) {
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "the document would be larger than 2 GiB");
        }
        return (int) Math.min(size, Integer.MAX_VALUE - 64);
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
        INT.set(pool, ref, utf8.length);
        System.arraycopy(utf8, 0, pool, ref + 4, utf8.length);
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
            pendingSource.payload.get(pendingSource.layout.stringOffset() + pendingFrom, pool, pendingOut, n);
            pendingSource = null;
        }
    }

    private void ensurePool(int more) {
        long need = (long) poolSize + more;
        if (need > pool.length) {
            pool = java.util.Arrays.copyOf(pool, grow(pool.length, need));
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
        int length = (int) INT.get(pool, at);
        int more = utf8 != null ? utf8.length : source.u32(source.layout.stringOffset() + ref);
        ensurePool(more);
        if (utf8 != null) {
            System.arraycopy(utf8, 0, pool, poolSize, more);
        } else {
            source.payload.get(source.layout.stringOffset() + ref + 4, pool, poolSize, more);
        }
        poolSize += more;
        INT.set(pool, at, length + more);
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
        int d = count - from;
        int root = count;
        ensureNodes(to - from);
        for (int i = from; i < to; i++) {
            int w = count * REC;
            p.get(layout.record(i), nodes, w, REC);
            int kind = nodes[w] & 0xFF;
            if (foreign) {
                content.checkKind(NodeKind.fromCode(kind), kind == NodeKind.LIST_ITEM.code() && (nodes[w + 1] & 1) != 0);
                INT.set(nodes, w + N_SPAN_START, pos);
                INT.set(nodes, w + N_SPAN_END, pos);
            }
            if (i != from) {
                INT.set(nodes, w + N_PARENT, (int) INT.get(nodes, w + N_PARENT) + d);
            }
            moveLink(w + N_FIRST_CHILD, d);
            moveLink(w + N_NEXT_SIBLING, d);
            int strings = STRING_SLOTS[kind & 63];
            if ((strings & 1) != 0) {
                INT.set(nodes, w + N_A, copyString(source, (int) INT.get(nodes, w + N_A)));
            }
            if (kind == NodeKind.MDX_JSX_FLOW.code() || kind == NodeKind.MDX_JSX_TEXT.code()) {
                int first = (int) INT.get(nodes, w + N_B);
                if (first != NONE) {
                    INT.set(nodes, w + N_B, copyAttributes(source, first, (int) INT.get(nodes, w + N_C), foreign, pos));
                }
            } else {
                if ((strings & 2) != 0) {
                    INT.set(nodes, w + N_B, copyString(source, (int) INT.get(nodes, w + N_B)));
                }
                if ((strings & 4) != 0) {
                    INT.set(nodes, w + N_C, copyString(source, (int) INT.get(nodes, w + N_C)));
                }
            }
            count++;
        }
        INT.set(nodes, root * REC + N_NEXT_SIBLING, NONE);
        link(sink, root);
    }

    private void moveLink(int at, int d) {
        int v = (int) INT.get(nodes, at);
        if (v != NONE) {
            INT.set(nodes, at, v + d);
        }
    }

    /** Copies {@code n} attribute records of {@code source} from {@code first}; returns the first new index. */
    int copyAttributes(Source source, int first, int n, boolean foreign, int pos) {
        ensureAttrs(n);
        int start = attrCount;
        for (int j = 0; j < n; j++) {
            int w = attrCount * ATTR;
            source.payload.get(source.layout.attrRecord(first + j), attrs, w, ATTR);
            INT.set(attrs, w + 4, copyString(source, (int) INT.get(attrs, w + 4)));
            INT.set(attrs, w + 8, copyString(source, (int) INT.get(attrs, w + 8)));
            if (foreign) {
                INT.set(attrs, w + 12, pos);
                INT.set(attrs, w + 16, pos);
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
            int w = attrCount * ATTR;
            java.util.Arrays.fill(attrs, w, w + 4, (byte) 0);
            attrs[w] = (byte) (a.kind().ordinal() + 1);
            INT.set(attrs, w + 4, string(a.name()));
            INT.set(attrs, w + 8, string(a.value()));
            INT.set(attrs, w + 12, pos);
            INT.set(attrs, w + 16, pos);
            attrCount++;
        }
        return start;
    }

    private void ensureAttrs(int more) {
        long need = (long) (attrCount + more) * ATTR;
        if (need > attrs.length) {
            attrs = java.util.Arrays.copyOf(attrs, grow(attrs.length, need));
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
            Source source = source(node.document);
            if (node.document.isClosed()) {
                throw new IllegalStateException("the document a Node.copyOf stands for is closed");
            }
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
        if (node.kind == NodeKind.MDX_JSX_FLOW || node.kind == NodeKind.MDX_JSX_TEXT) {
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

    /** The payload: header, nodes, attributes and pool, back to back. */
    ByteBuffer finish(int dialect, int headerFlags) {
        flushStrings();
        long total = HEADER_SIZE + (long) count * REC + (long) attrCount * ATTR + poolSize;
        if (total > Integer.MAX_VALUE - 64) {
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "the document would be larger than 2 GiB");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        int nodeOffset = HEADER_SIZE;
        int attrOffset = nodeOffset + count * REC;
        int stringOffset = attrOffset + attrCount * ATTR;
        out.putInt(H_MAGIC, MAGIC);
        out.putShort(H_VERSION_MAJOR, (short) VERSION_MAJOR);
        out.putShort(H_VERSION_MINOR, (short) VERSION_MINOR);
        out.putShort(H_HEADER_SIZE, (short) HEADER_SIZE);
        out.put(H_DIALECT, (byte) dialect);
        out.put(H_FLAGS, (byte) headerFlags);
        out.putInt(H_TOTAL_SIZE, (int) total);
        out.putInt(H_SOURCE_LENGTH, sourceLength);
        out.putInt(H_NODE_OFFSET, nodeOffset);
        out.putInt(H_NODE_COUNT, count);
        out.putShort(H_NODE_RECORD_SIZE, (short) REC);
        out.putShort(H_ATTR_RECORD_SIZE, (short) ATTR);
        out.putInt(H_STRING_OFFSET, stringOffset);
        out.putInt(H_STRING_SIZE, poolSize);
        out.putInt(H_ATTR_OFFSET, attrOffset);
        out.putInt(H_ATTR_COUNT, attrCount);
        out.put(nodeOffset, nodes, 0, count * REC);
        out.put(attrOffset, attrs, 0, attrCount * ATTR);
        out.put(stringOffset, pool, 0, poolSize);
        return out;
    }
}
