package dev.ocp.transform;

import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpNode;
import dev.ocp.internal.ReadGuard;
import dev.ocp.internal.Walks;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.ocp.spi.OcpFormat.*;

/**
 * Changes a document: walks it with a {@link Rewriter} that keeps, drops, replaces, unwraps or changes each node and
 * inserts new ones ({@link Node}), and writes the result as a new document. The source is not touched and stays open.
 *
 * <p>The result is binary first: every subtree the rewriter left alone is copied as payload bytes, its records moved
 * in one pass and its strings in one piece, never rebuilt or parsed again; a rewriter that changes nothing gives the
 * source's bytes. Its payload is canonical and valid, the same whichever engine parsed the source, and it renders
 * HTML, mdast and Markdown like a parsed document. Kept nodes keep their spans (pass the original source to
 * {@code toMdast}); nodes made in code, and nodes whose literal changed, have empty spans where they stand.
 *
 * <p>The result lives on the Java heap: {@code close()} makes it unreadable at once and leaves the memory to the
 * collector; there is nothing native to free or leak.
 */
public final class Transform {
    private Transform() {
    }

    /** Thrown through the walk to end it when the rewriter stops; it carries no stack. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    /**
     * Walks {@code document} with {@code rewriter} and writes what it made of it.
     *
     * @param document the source, open; it stays open and unchanged
     * @param rewriter what to do with each node
     * @return the new document, open; the caller closes it
     * @throws IllegalStateException    if the document is or gets closed, or the rewriter misuses its edit
     * @throws IllegalArgumentException if the rewriter inserts a node where it cannot stand, or of a kind the
     *                                  document's syntax lacks
     */
    public static OcpDocument apply(OcpDocument document, Rewriter rewriter) {
        return apply(document, null, rewriter);
    }

    /**
     * Shows {@code rewriter} only the nodes of the given kinds (unist-util-visit's test), in document order, and keeps
     * every other node as it is: the document is scanned by kind in place, without a walk's view of each node, so a
     * transform of a few kinds costs little more than copying what changes around them. Skipping a node's children
     * skips the matching nodes inside it.
     *
     * @param document the source, open; it stays open and unchanged
     * @param kinds    the kinds to show the rewriter
     * @param rewriter what to do with each node of those kinds
     * @return the new document, open; the caller closes it
     * @throws IllegalStateException    if the document is or gets closed, or the rewriter misuses its edit
     * @throws IllegalArgumentException if the rewriter inserts a node where it cannot stand, or of a kind the
     *                                  document's syntax lacks
     */
    public static OcpDocument apply(OcpDocument document, Set<NodeKind> kinds, Rewriter rewriter) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(rewriter, "rewriter");
        PayloadWriter.Source source = new PayloadWriter.Source(document);
        Content content = Content.of(document);
        Plan plan = new Plan(source);
        if (kinds == null) {
            walk(document, source, content, rewriter, plan);
        } else {
            scan(document, source, content, EnumSet.copyOf(kinds), rewriter, plan);
        }
        List<Change> changes = plan.finish();
        Walks.begin(document, ReadGuard.of(document));
        try {
            ByteBuffer payload = changes.isEmpty() ? copyOf(source.payload)
                    : write(source, content, changes);
            return new BuiltDocument(payload);
        } finally {
            Walks.end(document);
        }
    }

    /** The first pass: what the rewriter says of each node, in document order. */
    private static void walk(OcpDocument document, PayloadWriter.Source source, Content content, Rewriter rewriter,
                             Plan plan) {
        Edit edit = new Edit(source, content);
        try {
            document.walk(node -> visit(node, node.index(), null, edit, rewriter, plan));
        } catch (Stop stopped) {
            // the rest is copied as it is
        }
    }

    /** The first pass for some kinds only: their nodes found by the kind byte of each record. */
    private static void scan(OcpDocument document, PayloadWriter.Source source, Content content, Set<NodeKind> kinds,
                             Rewriter rewriter, Plan plan) {
        long wanted = 0;
        for (NodeKind k : kinds) {
            wanted |= 1L << k.code();
        }
        Edit edit = new Edit(source, content);
        OcpCursor cursor = document.cursor();
        int count = source.layout.nodeCount();
        // The scan holds the document open as a walk does, the rewriter's calls included.
        Walks.begin(document, ReadGuard.of(document));
        try {
            for (int n = 0; n < count; n++) {
                int code = source.kind(n);
                if (code < 64 && (wanted >>> code & 1) != 0) {
                    cursor.moveTo(n);
                    if (!visit(cursor.node(), n, NodeKind.fromCode(code), edit, rewriter, plan)) {
                        n = source.subtreeEnd(n) - 1;
                    }
                }
            }
        } catch (Stop stopped) {
            // the rest is copied as it is
        } finally {
            Walks.end(document);
        }
    }

    /** One node before the rewriter; returns whether to go on into its children. */
    private static boolean visit(OcpNode node, int index, NodeKind kind, Edit edit, Rewriter rewriter, Plan plan) {
        edit.begin(index, kind);
        Change change;
        try {
            rewriter.visit(node, edit);
        } finally {
            change = edit.end();
        }
        if (change != null) {
            plan.add(change);
        }
        if (edit.stop) {
            throw new Stop();
        }
        return !edit.skip;
    }

    /**
     * The changes, by node, with what they imply for other nodes: a link whose content changed can no longer be an
     * autolink or a shortcut reference (its text was its destination or label); a reference whose definition is gone
     * becomes an inline link, a footnote reference whose definition is gone the text it would read as.
     */
    private static final class Plan {
        private final PayloadWriter.Source source;
        private final java.util.HashMap<Integer, Change> byIndex = new java.util.HashMap<>();
        private boolean definitionsMayBeLost;

        Plan(PayloadWriter.Source source) {
            this.source = source;
        }

        private Change at(int index) {
            return byIndex.computeIfAbsent(index, Change::new);
        }

        void add(Change change) {
            int index = change.index;
            byIndex.put(index, change);
            int kind = source.kind(index);
            if (kind == NodeKind.HEADING.code() && change.flags >= 0 && (change.flags & 1) == 0
                    && (source.payload.get(source.layout.record(index) + N_FLAGS) & 1) != 0) {
                flattened.add(index);
            }
            boolean content = !change.prepend.isEmpty() || !change.append.isEmpty();
            if (content && (kind == NodeKind.LINK.code() || kind == NodeKind.IMAGE.code())) {
                contentChanged(index);
            }
            if (NodeKind.fromCode(kind) != null && !NodeKind.fromCode(kind).isBlock()) {
                for (int a = source.field(index, N_PARENT); a != NONE; a = source.field(a, N_PARENT)) {
                    int k = source.kind(a);
                    if (k == NodeKind.LINK.code() || k == NodeKind.IMAGE.code()) {
                        contentChanged(a);
                    } else if (NodeKind.fromCode(k) == null || NodeKind.fromCode(k).isBlock()) {
                        break;
                    }
                }
            }
            // Definitions are blocks: only a block that goes can take one with it.
            boolean block = NodeKind.fromCode(kind) != null && NodeKind.fromCode(kind).isBlock();
            definitionsMayBeLost |= block && (change.remove || change.replacement != null)
                    || kind == NodeKind.DEFINITION.code() && change.changesRecord()
                    || kind == NodeKind.FOOTNOTE_DEFINITION.code() && change.slots[2] != Change.KEEP;
        }

        /** A link or image whose text changed: an autolink becomes a link, a shortcut or collapsed reference a full one. */
        private void contentChanged(int link) {
            int flags = at(link).flags >= 0 ? at(link).flags : source.payload.get(source.layout.record(link) + N_FLAGS)
                    & 0xFF;
            int reference = flags & FLAG_REFERENCE_MASK;
            if ((flags & (FLAG_LINK_AUTOLINK | FLAG_LINK_LITERAL)) != 0) {
                at(link).flags = flags & ~(FLAG_LINK_AUTOLINK | FLAG_LINK_LITERAL);
            } else if (reference == FLAG_REFERENCE_COLLAPSED || reference == FLAG_REFERENCE_SHORTCUT) {
                at(link).flags = flags & ~FLAG_REFERENCE_MASK | FLAG_REFERENCE_FULL;
            }
        }

        /** Setext headings made ATX: one line, so their line breaks read as the spaces they were. */
        private final List<Integer> flattened = new ArrayList<>();

        private void flatten(int heading) {
            for (int n = heading + 1, end = source.subtreeEnd(heading); n < end; n++) {
                int kind = source.kind(n);
                if (kind == NodeKind.SOFT_BREAK.code() || kind == NodeKind.HARD_BREAK.code()) {
                    Change c = at(n);
                    if (!c.remove && c.replacement == null) {
                        c.replacement = List.of(Node.text(" "));
                    }
                }
            }
        }

        List<Change> finish() {
            for (int heading : flattened) {
                if (!byIndex.get(heading).remove && byIndex.get(heading).replacement == null) {
                    flatten(heading);
                }
            }
            if (definitionsMayBeLost) {
                relinkLostDefinitions();
            }
            List<Change> changes = new ArrayList<>(byIndex.values());
            changes.removeIf(c -> !c.remove && !c.unwrap && c.replacement == null && c.before.isEmpty()
                    && c.after.isEmpty() && c.prepend.isEmpty() && c.append.isEmpty() && !c.changesRecord());
            changes.sort(java.util.Comparator.comparingInt(c -> c.index));
            return changes;
        }

        /** Whether node {@code n} is removed or replaced, itself or with an ancestor. */
        private boolean gone(int n, int[] removedFrom, int[] removedTo, int ranges) {
            for (int i = 0; i < ranges; i++) {
                if (n >= removedFrom[i] && n < removedTo[i]) {
                    return true;
                }
            }
            return false;
        }

        private void relinkLostDefinitions() {
            int[] from = new int[byIndex.size()];
            int[] to = new int[byIndex.size()];
            int ranges = 0;
            for (Change c : byIndex.values()) {
                if (c.remove || c.replacement != null) {
                    from[ranges] = c.index;
                    to[ranges++] = source.subtreeEnd(c.index);
                }
            }
            int count = source.layout.nodeCount();
            // By label, the first definition's fate: null kept as it is, LOST, or its change (a new destination or
            // title, which the references follow, as they resolve through it).
            java.util.Map<String, Object> definitions = new java.util.HashMap<>();
            java.util.Map<String, Object> footnotes = new java.util.HashMap<>();
            for (int n = 0; n < count; n++) {
                int kind = source.kind(n);
                boolean definition = kind == NodeKind.DEFINITION.code();
                if (definition || kind == NodeKind.FOOTNOTE_DEFINITION.code()) {
                    String key = dev.ocp.internal.Labels.identifier(label(n));
                    Change c = byIndex.get(n);
                    Object fate = null;
                    if (gone(n, from, to, ranges) || c != null && c.slots[2] != Change.KEEP) {
                        fate = LOST;
                    } else if (definition && c != null && c.changesRecord()) {
                        fate = c;
                    }
                    (definition ? definitions : footnotes).putIfAbsent(key, fate == null ? KEPT : fate);
                }
            }
            for (int n = 0; n < count; n++) {
                int kind = source.kind(n);
                if ((kind == NodeKind.LINK.code() || kind == NodeKind.IMAGE.code())
                        && (source.payload.get(source.layout.record(n) + N_FLAGS) & FLAG_REFERENCE_MASK) != 0) {
                    Object fate = definitions.get(dev.ocp.internal.Labels.identifier(label(n)));
                    Change own = byIndex.get(n);
                    if (fate == null || fate == KEPT || own != null && own.flags >= 0
                            && (own.flags & FLAG_REFERENCE_MASK) == 0) {
                        continue; // resolved as before, or made inline by the rewriter
                    }
                    Change c = at(n);
                    if (fate == LOST) {
                        int flags = c.flags >= 0 ? c.flags : source.payload.get(source.layout.record(n) + N_FLAGS);
                        c.flags = flags & ~FLAG_REFERENCE_MASK & 0xFF;
                        c.slots[2] = null;
                    } else {
                        Change definition = (Change) fate;
                        c.slots[0] = definition.slots[0] != Change.KEEP ? definition.slots[0] : c.slots[0];
                        c.slots[1] = definition.slots[1] != Change.KEEP ? definition.slots[1] : c.slots[1];
                    }
                } else if (kind == NodeKind.FOOTNOTE_REFERENCE.code()) {
                    String label = label(n);
                    if (footnotes.get(dev.ocp.internal.Labels.identifier(label)) == LOST
                            && !byIndex.containsKey(n)) {
                        at(n).replacement = List.of(Node.text("[^" + label + "]"));
                    }
                }
            }
        }

        private static final Object LOST = new Object();
        private static final Object KEPT = new Object();

        private String label(int n) {
            return source.layout.decode(source.payload, source.field(n, N_C));
        }
    }

    private static ByteBuffer copyOf(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate());
        return copy.flip();
    }

    /** A parent whose source children are being written: the next one, where its subtree ends, what closes it. */
    private static final class Frame {
        final PayloadWriter.Sink sink;
        int next;
        final int end;
        final Change closing;
        final int closingPos;
        /** Whether the frame's node was written (not unwrapped): then it is closed when its children are. */
        boolean written = true;

        Frame(PayloadWriter.Sink sink, int next, int end, Change closing, int closingPos) {
            this.sink = sink;
            this.next = next;
            this.end = end;
            this.closing = closing;
            this.closingPos = closingPos;
        }
    }

    /**
     * The second pass: the source's tree in order, a subtree with no change in it copied whole, a node on the way to a
     * change written on its own with its changes. Iterative, as a document may nest thousands of levels deep.
     */
    private static ByteBuffer write(PayloadWriter.Source source, Content content, List<Change> changes) {
        // Sized as the source plus what is inserted: exact when nothing goes, so the bulk is copied once.
        int insertedNodes = 0;
        int insertedAttributes = 0;
        for (Change c : changes) {
            for (List<Node> nodes : List.of(c.before, c.after, c.prepend, c.append,
                    c.replacement != null ? c.replacement : List.<Node>of())) {
                for (Node node : nodes) {
                    insertedNodes += size(source, node);
                    insertedAttributes += node.attributes.size();
                }
            }
            if (c.attributes != null) {
                insertedAttributes += c.attributes.size();
            }
        }
        PayloadWriter out = new PayloadWriter(content, source, source.layout.sourceLength(),
                source.layout.nodeCount() + insertedNodes, source.layout.attrCount() + insertedAttributes,
                source.layout.stringSize() + source.layout.stringSize() / 16 + 4096);
        int[] at = new int[changes.size() + 1];
        for (int i = 0; i < changes.size(); i++) {
            at[i] = changes.get(i).index;
        }
        at[changes.size()] = Integer.MAX_VALUE;
        int p = 0; // the first change at or after the node being written

        PayloadWriter.Sink root = out.root();
        Change rootChange = changes.get(0).index == 0 ? changes.get(0) : null;
        int count = source.layout.nodeCount();
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        if (rootChange != null) {
            emitAll(out, rootChange.prepend, root, 0);
        }
        stack.push(new Frame(root, source.field(0, N_FIRST_CHILD), count, rootChange, source.layout.sourceLength()));
        while (!stack.isEmpty()) {
            Frame f = stack.peek();
            if (f.next == NONE) {
                stack.pop();
                PayloadWriter.Sink parent = stack.isEmpty() ? null : stack.peek().sink;
                if (f.closing != null) {
                    emitAll(out, f.closing.append, f.sink, f.closingPos);
                }
                if (f.written) {
                    out.close(f.sink, parent);
                }
                if (f.closing != null && parent != null) {
                    emitAll(out, f.closing.after, parent, f.closingPos);
                }
                continue;
            }
            int n = f.next;
            int sibling = source.field(n, N_NEXT_SIBLING);
            int end = sibling != NONE ? sibling : f.end;
            f.next = sibling;
            while (at[p] < n) {
                p++;
            }
            if (at[p] >= end) {
                out.copySubtree(source, n, end, f.sink, 0);
                continue;
            }
            int start = source.field(n, N_SPAN_START);
            int stop = source.field(n, N_SPAN_END);
            Change c = at[p] == n ? changes.get(p) : null;
            if (c == null) {
                PayloadWriter.Sink sink = new PayloadWriter.Sink(record(out, source, n, null, f.sink));
                stack.push(new Frame(sink, source.field(n, N_FIRST_CHILD), end, null, stop));
                continue;
            }
            emitAll(out, c.before, f.sink, start);
            if (c.remove || c.replacement != null) {
                if (c.replacement != null) {
                    emitAll(out, c.replacement, f.sink, start);
                }
                emitAll(out, c.after, f.sink, stop);
                continue;
            }
            if (c.unwrap) {
                emitAll(out, c.prepend, f.sink, start);
                Frame unwrapped = new Frame(f.sink, source.field(n, N_FIRST_CHILD), end, c, stop);
                unwrapped.written = false;
                stack.push(unwrapped);
                continue;
            }
            PayloadWriter.Sink sink = new PayloadWriter.Sink(record(out, source, n, c, f.sink));
            emitAll(out, c.prepend, sink, start);
            stack.push(new Frame(sink, source.field(n, N_FIRST_CHILD), end, c, stop));
        }
        return out.finish(source.payload.get(H_DIALECT) & 0xFF, source.payload.get(H_FLAGS) & 0xFF);
    }

    /** How many records a node made in code becomes (a copy: its subtree's). */
    private static int size(PayloadWriter.Source source, Node node) {
        if (node.isCopy()) {
            PayloadWriter.Source from = node.document == source.document ? source
                    : new PayloadWriter.Source(node.document);
            return from.subtreeEnd(node.index) - node.index;
        }
        int n = 1;
        for (Node child : node.children) {
            n += size(source, child);
        }
        return n;
    }

    private static void emitAll(PayloadWriter out, List<Node> nodes, PayloadWriter.Sink sink, int pos) {
        for (Node node : nodes) {
            out.emit(node, sink, pos, null);
        }
    }

    /**
     * Writes node {@code n}'s own record, with the change's fields, as the next child of {@code sink}; its children
     * follow. A text that now follows a text is copied whole: only a leaf can join, and a text has no children.
     */
    private static int record(PayloadWriter out, PayloadWriter.Source source, int n, Change c,
                              PayloadWriter.Sink sink) {
        int kind = source.kind(n);
        int r = source.layout.record(n);
        ByteBuffer p = source.payload;
        if (kind == NodeKind.TEXT.code() && (c == null || !c.changesRecord())) {
            out.copySubtree(source, n, n + 1, sink, 0);
            return sink.last;
        }
        int flags = c != null && c.flags >= 0 ? c.flags : p.get(r + N_FLAGS) & 0xFF;
        int data = c != null && c.data >= 0 ? c.data : p.getShort(r + N_DATA) & 0xFFFF;
        int start = p.getInt(r + N_SPAN_START);
        int end = c != null && c.emptySpan ? start : p.getInt(r + N_SPAN_END);
        if (kind == NodeKind.TEXT.code()) {
            // A changed text: written as a new one, so it joins a text before it or is dropped when empty.
            out.emit(Node.text((String) c.slots[0]), sink, start, null);
            return sink.last;
        }
        int idx = out.child(sink, kind, flags, data, start, end);
        out.slot(idx, N_A, slot(out, source, r + N_A, c == null ? Change.KEEP : c.slots[0], kind, 1));
        if (dev.ocp.internal.KindSchema.ownsAttributes(kind)) { // JSX elements and directives: attribute records
            if (c != null && c.attributes != null) {
                out.slot(idx, N_B, out.attributes(c.attributes, start));
                out.slot(idx, N_C, c.attributes.size());
            } else {
                int first = p.getInt(r + N_B);
                int n2 = p.getInt(r + N_C);
                out.slot(idx, N_B, first == NONE ? NONE : out.copyAttributes(source, first, n2, false, 0));
                out.slot(idx, N_C, n2);
            }
        } else {
            out.slot(idx, N_B, slot(out, source, r + N_B, c == null ? Change.KEEP : c.slots[1], kind, 2));
            out.slot(idx, N_C, slot(out, source, r + N_C, c == null ? Change.KEEP : c.slots[2], kind, 4));
        }
        return idx;
    }

    private static int slot(PayloadWriter out, PayloadWriter.Source source, int at, Object change, int kind, int bit) {
        if (change == Change.KEEP) {
            int value = source.payload.getInt(at);
            return PayloadWriter.holdsString(kind, bit) ? out.copyString(source, value) : value;
        }
        if (change == null) {
            return NONE;
        }
        if (change instanceof String s) {
            return out.string(s);
        }
        return (int) (long) (Long) change;
    }
}
