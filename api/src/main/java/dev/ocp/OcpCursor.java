package dev.ocp;

import dev.ocp.internal.PayloadLayout;
import dev.ocp.internal.ReadGuard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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
 * <p>The node under the cursor is read through the {@link OcpNode} accessors; strings are decoded on demand or
 * handed out as zero-copy slices. Each call checks that the document is still open and throws
 * {@link IllegalStateException} otherwise. A call that overlaps a {@code close()} on another thread either
 * returns the document's own data or throws; it never returns, or crashes on, freed memory.
 * {@link #walk(OcpVisitor)} visits a subtree holding the document open for the whole walk: the view it hands the
 * visitor then pays one volatile read per call instead of the document's full guard.
 *
 * <p>A cursor is not thread-safe (it has a position); use one per thread, or {@link #copy()}.
 */
public final class OcpCursor implements OcpNode {
    /** The string slots of a node record (the format specification gives their meaning per kind). */
    private static final int SLOT_A = 0;
    private static final int SLOT_B = 1;
    private static final int SLOT_C = 2;

    private final OcpDocument document;
    private final ReadGuard guard;
    private final ByteBuffer buf;
    private final PayloadLayout layout;
    private int node;
    private int record;

    OcpCursor(OcpDocument document) {
        this.document = document;
        this.guard = ReadGuard.of(document);
        guard.enterRead();
        try {
            ByteBuffer view = document.bytes();
            this.buf = view.order() == ByteOrder.LITTLE_ENDIAN ? view : view.order(ByteOrder.LITTLE_ENDIAN);
            this.layout = PayloadLayout.of(buf); // reads the header
            moveTo(0);
        } finally {
            guard.exitRead();
        }
    }

    private OcpCursor(OcpCursor other) {
        this(other, other.guard);
    }

    /** A cursor at the same node as {@code other}, reading under {@code guard}. */
    private OcpCursor(OcpCursor other, ReadGuard guard) {
        this.document = other.document;
        this.guard = guard;
        this.buf = other.buf;
        this.layout = other.layout;
        this.node = other.node;
        this.record = other.record;
    }

    /**
     * Creates an independent cursor at the same node, over the same memory (for another thread, or to
     * look around without losing this position).
     *
     * @return the new cursor
     */
    public OcpCursor copy() {
        check();
        return new OcpCursor(this);
    }

    /**
     * The document this cursor reads.
     *
     * @return the document
     */
    public OcpDocument document() {
        return document;
    }

    /** For calls that read only what the constructor cached: is the document still open? */
    private void check() {
        guard.enterRead();
        guard.exitRead();
    }

    // Every read of the payload goes through one of these, inside the guard.

    private int u8(int offset) {
        guard.enterRead();
        try {
            return buf.get(offset) & 0xFF;
        } finally {
            guard.exitRead();
        }
    }

    private int u16(int offset) {
        guard.enterRead();
        try {
            return buf.getShort(offset) & 0xFFFF;
        } finally {
            guard.exitRead();
        }
    }

    private int u32(int offset) {
        guard.enterRead();
        try {
            return buf.getInt(offset);
        } finally {
            guard.exitRead();
        }
    }

    private String decode(int ref) {
        guard.enterRead();
        try {
            return layout.decode(buf, ref);
        } finally {
            guard.exitRead();
        }
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
        int bits = layout.headerFlags() | (layout.dialect() == Dialect.GFM.code() ? Extension.GFM.bit() : 0);
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

    // ---- position ----

    /**
     * The index of the node under the cursor: its position in pre-order, 0 for the root.
     *
     * @return the index
     */
    @Override
    public int index() {
        check();
        return node;
    }

    /**
     * Moves to a node by index.
     *
     * @param index a node index in {@code 0..nodeCount()-1}
     * @throws IndexOutOfBoundsException if there is no such node
     */
    public void moveTo(int index) {
        check();
        if (index < 0 || index >= layout.nodeCount()) {
            throw new IndexOutOfBoundsException("node " + index + " of " + layout.nodeCount());
        }
        node = index;
        record = layout.record(index);
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
     * another thread either waits for it or makes it throw at its next read), so the view's accessors cost a
     * volatile read each rather than the document's full guard; it needs no stack at any depth and allocates
     * nothing per node.
     *
     * @param visitor what to call on each node
     * @throws IllegalStateException if the document is or gets closed
     * @throws OcpException          {@code CORRUPT_PAYLOAD} if the links are inconsistent (possible only in a
     *                               payload that was not validated)
     */
    public void walk(OcpVisitor visitor) {
        java.util.Objects.requireNonNull(visitor, "visitor");
        dev.ocp.internal.Walks.begin(document, guard);
        try {
            new OcpCursor(this, ReadGuard.forWalk(document, visitor)).walk(node, visitor);
        } finally {
            dev.ocp.internal.Walks.end(document);
        }
    }

    /**
     * The walk, in pre-order: down through first-child links, on through next-sibling links, back up through
     * parent links. It needs no stack, so any depth costs constant memory, and allocates nothing. This cursor is
     * the view the visitor is handed, put on each node before each call, so a visitor that moves it cannot derail
     * the walk. The walk's own reads run inside the read {@link #walk(OcpVisitor)} holds; since the payload may be
     * one nobody validated, every link is checked before it is followed and the steps are counted against a
     * budget (each node is entered once and climbed back to at most once), so bad links end in
     * {@code CORRUPT_PAYLOAD} rather than an exception from the buffer or an endless loop.
     */
    private void walk(int root, OcpVisitor visitor) {
        int count = layout.nodeCount();
        long budget = 2L * count + 8;
        int n = root;
        int depth = 0; // below the root: each exit climbs out of a node entered before, so visitors can keep stacks
        down:
        while (true) {
            budget = step(budget);
            place(n);
            if (visitor.enter(this)) {
                int child = link(n, N_FIRST_CHILD);
                if (child != NONE) {
                    n = child;
                    depth++;
                    continue;
                }
            }
            while (true) {
                place(n);
                visitor.exit(this);
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

    /** Puts the cursor on node {@code index}, already known to be in range. */
    private void place(int index) {
        node = index;
        record = layout.record(index);
    }

    /** The link in {@code field} of node {@code n}: NONE or, checked, a node's index. */
    private int link(int n, int field) {
        int target = buf.getInt(layout.record(n) + field);
        if (target != NONE && (target < 0 || target >= layout.nodeCount())) {
            throw PayloadLayout.corrupt("node link " + Integer.toUnsignedLong(target) + " is out of range");
        }
        return target;
    }

    private boolean follow(int field) {
        int target = u32(field);
        if (target == NONE) {
            return false;
        }
        moveTo(target);
        return true;
    }

    // ---- the node under the cursor ----

    /**
     * The kind of the node under the cursor.
     *
     * @return the kind, or {@code null} for a kind v1.0 does not define (from a newer minor version); such a
     *         node should be skipped with its subtree ({@link #skipSubtree()})
     */
    @Override
    public NodeKind kind() {
        return NodeKind.fromCode(kindCode());
    }

    /**
     * The raw kind number of the node, as stored in its record.
     *
     * @return the number, 0..255
     */
    @Override
    public int kindCode() {
        return u8(record + N_KIND);
    }

    /**
     * The raw flags of the node; their meaning depends on the kind (see {@link dev.ocp.spi.OcpFormat}).
     *
     * @return the flags byte, 0..255
     */
    public int flags() {
        return u8(record + N_FLAGS);
    }

    /**
     * The raw {@code data} field of the node: a heading's level, a table cell's alignment, a list's marker
     * and so on, per kind.
     *
     * @return the field, 0..65535
     */
    public int data() {
        return u16(record + N_DATA);
    }

    /**
     * The index of the node's parent.
     *
     * @return the index, or -1 for the root
     */
    @Override
    public int parentIndex() {
        return u32(record + N_PARENT);
    }

    /**
     * The index of the node's first child.
     *
     * @return the index, or -1 if the node has no children
     */
    @Override
    public int firstChildIndex() {
        return u32(record + N_FIRST_CHILD);
    }

    /**
     * The index of the node's next sibling.
     *
     * @return the index, or -1 if the node is a last child or the root
     */
    @Override
    public int nextSiblingIndex() {
        return u32(record + N_NEXT_SIBLING);
    }

    /**
     * Whether the node has children.
     *
     * @return {@code true} if it has at least one
     */
    @Override
    public boolean hasChildren() {
        return firstChildIndex() != NONE;
    }

    /**
     * Where the node starts in the source.
     *
     * @return a byte offset into the source
     */
    @Override
    public int spanStart() {
        return u32(record + N_SPAN_START);
    }

    /**
     * Where the node ends in the source (exclusive).
     *
     * @return the byte offset just past the node
     */
    @Override
    public int spanEnd() {
        return u32(record + N_SPAN_END);
    }

    /** The raw value of slot a, b or c: a string reference, a number or -1 for none, depending on the kind. */
    private int slot(int slot) {
        return u32(record + N_A + 4 * slot);
    }

    /**
     * The literal content of the node: the decoded text of TEXT, CODE_SPAN, HTML_INLINE, the content of
     * CODE_BLOCK, HTML_BLOCK, MATH_BLOCK, MATH_INLINE and FRONTMATTER, the source of MDX_EXPRESSION_FLOW,
     * MDX_EXPRESSION_TEXT and MDX_ESM.
     *
     * @return the literal, or {@code null} for other kinds
     */
    @Override
    public String literal() {
        return string(Field.LITERAL);
    }


    /**
     * The destination of a LINK, IMAGE or DEFINITION, decoded (not percent-encoded).
     *
     * @return the destination, or {@code null} for other kinds
     */
    @Override
    public String destination() {
        return string(Field.DESTINATION);
    }

    @Override
    public ByteBuffer bytes(Field field) {
        guard.enterRead();
        try {
            int ref = ref(field);
            return ref == NONE ? null : layout.string(buf, ref).order(ByteOrder.LITTLE_ENDIAN);
        } finally {
            guard.exitRead();
        }
    }

    @Override
    public String string(Field field) {
        guard.enterRead();
        try {
            return layout.decode(buf, ref(field)); // null for NONE
        } finally {
            guard.exitRead();
        }
    }

    @Override
    public int stringOffset(Field field) {
        guard.enterRead();
        try {
            int ref = ref(field);
            if (ref == NONE) {
                return -1;
            }
            layout.stringLength(buf, ref); // throws CORRUPT_PAYLOAD for a reference outside the pool
            return layout.stringOffset() + ref + 4;
        } finally {
            guard.exitRead();
        }
    }

    @Override
    public int stringLength(Field field) {
        guard.enterRead();
        try {
            int ref = ref(field);
            return ref == NONE ? -1 : (int) layout.stringLength(buf, ref);
        } finally {
            guard.exitRead();
        }
    }

    /** Inside a read: the string reference {@code field} holds, NONE if the node's kind has no such field. */
    private int ref(Field field) {
        int slot = slotOf(field, buf.get(record + N_KIND) & 0xFF);
        return slot < 0 ? NONE : buf.getInt(record + N_A + 4 * slot);
    }

    /** Inside a read: the slot holding {@code field} for kind {@code k}, or -1 if the kind has no such field. */
    private int slotOf(Field field, int k) {
        int slot = SLOTS[field.ordinal()][k];
        return slot != LABEL_IF_REFERENCE ? slot : isReference(k) ? SLOT_C : -1;
    }

    /** Per field and kind code, the slot holding the field, -1 for none, or {@link #LABEL_IF_REFERENCE}. */
    private static final byte[][] SLOTS = new byte[Field.values().length][256];
    /** A LINK's or IMAGE's label: in slot c if it was written as a reference. */
    private static final byte LABEL_IF_REFERENCE = 3;

    static {
        for (byte[] row : SLOTS) {
            java.util.Arrays.fill(row, (byte) -1);
        }
        for (NodeKind k : new NodeKind[] {NodeKind.TEXT, NodeKind.CODE_SPAN, NodeKind.CODE_BLOCK, NodeKind.HTML_BLOCK,
                NodeKind.HTML_INLINE, NodeKind.MATH_BLOCK, NodeKind.MATH_INLINE, NodeKind.FRONTMATTER,
                NodeKind.MDX_EXPRESSION_FLOW, NodeKind.MDX_EXPRESSION_TEXT, NodeKind.MDX_ESM}) {
            SLOTS[Field.LITERAL.ordinal()][k.code()] = SLOT_A;
        }
        for (NodeKind k : new NodeKind[] {NodeKind.LINK, NodeKind.IMAGE, NodeKind.DEFINITION}) {
            SLOTS[Field.DESTINATION.ordinal()][k.code()] = SLOT_A;
            SLOTS[Field.TITLE.ordinal()][k.code()] = SLOT_B;
        }
        SLOTS[Field.INFO.ordinal()][NodeKind.CODE_BLOCK.code()] = SLOT_B;
        SLOTS[Field.INFO.ordinal()][NodeKind.MATH_BLOCK.code()] = SLOT_B;
        for (NodeKind k : new NodeKind[] {NodeKind.DEFINITION, NodeKind.FOOTNOTE_DEFINITION,
                NodeKind.FOOTNOTE_REFERENCE}) {
            SLOTS[Field.LABEL.ordinal()][k.code()] = SLOT_C;
        }
        SLOTS[Field.LABEL.ordinal()][NodeKind.LINK.code()] = LABEL_IF_REFERENCE;
        SLOTS[Field.LABEL.ordinal()][NodeKind.IMAGE.code()] = LABEL_IF_REFERENCE;
        SLOTS[Field.JSX_NAME.ordinal()][NodeKind.MDX_JSX_FLOW.code()] = SLOT_A;
        SLOTS[Field.JSX_NAME.ordinal()][NodeKind.MDX_JSX_TEXT.code()] = SLOT_A;
    }

    /**
     * The title of a LINK, IMAGE or DEFINITION, decoded.
     *
     * @return the title, or {@code null} if it has none or the node is of another kind
     */
    @Override
    public String title() {
        return string(Field.TITLE);
    }

    /**
     * The info string of a fenced CODE_BLOCK, or the meta of a MATH_BLOCK, decoded.
     *
     * @return the info string, or {@code null} if there is none or the node is of another kind
     */
    @Override
    public String info() {
        return string(Field.INFO);
    }

    /**
     * The label of a DEFINITION, FOOTNOTE_DEFINITION or FOOTNOTE_REFERENCE, as written (not normalized).
     *
     * @return the label, or {@code null} for other kinds
     */
    @Override
    public String label() {
        return string(Field.LABEL);
    }

    /**
     * The element name of an MDX JSX node, such as {@code Chart} or {@code ui.Button}.
     *
     * @return the name, or {@code null} for a fragment ({@code <>...</>}) or a node of another kind
     */
    @Override
    public String jsxName() {
        return string(Field.JSX_NAME);
    }

    /**
     * The level of a HEADING.
     *
     * @return 1..6, or 0 for other kinds
     */
    @Override
    public int headingLevel() {
        return kindCode() == NodeKind.HEADING.code() ? data() : 0;
    }

    /**
     * The start number of an ordered LIST, as written in its first item.
     *
     * @return the start number, or 0 for bullet lists and other kinds
     */
    @Override
    public long listStart() {
        return isOrderedList() ? Integer.toUnsignedLong(slot(SLOT_A)) : 0;
    }

    @Override
    public boolean isSetextHeading() {
        return flagOf(NodeKind.HEADING, FLAG_HEADING_SETEXT);
    }

    @Override
    public boolean isOrderedList() {
        return flagOf(NodeKind.LIST, FLAG_LIST_ORDERED);
    }

    @Override
    public boolean isTightList() {
        return flagOf(NodeKind.LIST, FLAG_LIST_TIGHT);
    }

    @Override
    public boolean isTask() {
        return flagOf(NodeKind.LIST_ITEM, FLAG_ITEM_TASK);
    }

    @Override
    public boolean isChecked() {
        return isTask() && flagOf(NodeKind.LIST_ITEM, FLAG_ITEM_CHECKED);
    }

    @Override
    public char marker() {
        int k = kindCode();
        boolean has = k == NodeKind.LIST.code() || k == NodeKind.EMPHASIS.code() || k == NodeKind.STRONG.code()
                || k == NodeKind.CODE_BLOCK.code();
        return has ? (char) (data() & 0xFF) : 0;
    }

    @Override
    public int htmlBlockCondition() {
        return kindCode() == NodeKind.HTML_BLOCK.code() ? data() : 0;
    }

    @Override
    public boolean isFencedCode() {
        return flagOf(NodeKind.CODE_BLOCK, FLAG_CODE_FENCED);
    }

    @Override
    public boolean isTableHeader() {
        return flagOf(NodeKind.TABLE_ROW, FLAG_TABLE_HEADER) || flagOf(NodeKind.TABLE_CELL, FLAG_TABLE_HEADER);
    }

    @Override
    public Alignment alignment() {
        if (kindCode() != NodeKind.TABLE_CELL.code()) {
            return Alignment.NONE;
        }
        int a = data();
        return a >= ALIGN_LEFT && a <= ALIGN_RIGHT ? Alignment.values()[a] : Alignment.NONE;
    }

    @Override
    public ReferenceType referenceType() {
        guard.enterRead();
        try {
            int k = buf.get(record + N_KIND) & 0xFF;
            if (!isReference(k)) {
                return null;
            }
            return ReferenceType.values()[(buf.get(record + N_FLAGS) & FLAG_REFERENCE_MASK) / FLAG_REFERENCE_FULL - 1];
        } finally {
            guard.exitRead();
        }
    }

    /** Inside a read: whether the node, of kind {@code k}, is a LINK or IMAGE written as a reference (v1.2). */
    private boolean isReference(int k) {
        return (k == NodeKind.LINK.code() || k == NodeKind.IMAGE.code()) && layout.minor() >= 2
                && (buf.get(record + N_FLAGS) & FLAG_REFERENCE_MASK) != 0;
    }

    @Override
    public boolean isAutolink() {
        return kindCode() == NodeKind.LINK.code() && (flags() & (FLAG_LINK_AUTOLINK | FLAG_LINK_LITERAL)) != 0;
    }

    @Override
    public boolean isAutolinkLiteral() {
        return flagOf(NodeKind.LINK, FLAG_LINK_LITERAL);
    }

    @Override
    public String frontmatterFormat() {
        if (kindCode() != NodeKind.FRONTMATTER.code()) {
            return null;
        }
        int format = data();
        return format == FRONTMATTER_YAML ? "yaml" : format == FRONTMATTER_TOML ? "toml" : null;
    }

    /** Whether the node is of {@code kind} and has {@code flag} set. */
    private boolean flagOf(NodeKind kind, int flag) {
        return kindCode() == kind.code() && (flags() & flag) != 0;
    }

    // ---- MDX JSX attributes ----

    /**
     * The number of attributes of an MDX JSX node.
     *
     * @return the count, or 0 for other kinds
     */
    @Override
    public int attributeCount() {
        return isJsx(kindCode()) ? slot(SLOT_C) : 0;
    }

    @Override
    public AttributeKind attributeKind(int i) {
        int kind = u8(attributeRecord(i) + A_KIND);
        if (kind < ATTR_PLAIN || kind > ATTR_SPREAD) {
            throw new OcpException(OcpException.Code.CORRUPT_PAYLOAD, "attribute kind " + kind);
        }
        return AttributeKind.values()[kind - ATTR_PLAIN];
    }

    /**
     * The name of an attribute of an MDX JSX node.
     *
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return its name, or {@code null} for a spread
     * @throws IndexOutOfBoundsException if there is no such attribute
     */
    @Override
    public String attributeName(int i) {
        return decode(u32(attributeRecord(i) + A_NAME));
    }

    /**
     * The value of an attribute of an MDX JSX node: the decoded string of a plain attribute, the source of
     * an expression or spread.
     *
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return its value, or {@code null} for a boolean attribute
     * @throws IndexOutOfBoundsException if there is no such attribute
     */
    @Override
    public String attributeValue(int i) {
        return decode(u32(attributeRecord(i) + A_VALUE));
    }

    /**
     * Where an attribute of an MDX JSX node starts in the source.
     *
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return a byte offset into the source
     * @throws IndexOutOfBoundsException if there is no such attribute
     */
    @Override
    public int attributeSpanStart(int i) {
        return u32(attributeRecord(i) + A_SPAN_START);
    }

    /**
     * Where an attribute of an MDX JSX node ends in the source (exclusive).
     *
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return the byte offset just past the attribute
     * @throws IndexOutOfBoundsException if there is no such attribute
     */
    @Override
    public int attributeSpanEnd(int i) {
        return u32(attributeRecord(i) + A_SPAN_END);
    }

    private int attributeRecord(int i) {
        long count = Integer.toUnsignedLong(attributeCount());
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("attribute " + i + " of " + count);
        }
        long first = Integer.toUnsignedLong(slot(SLOT_B));
        if (first + count > Integer.toUnsignedLong(layout.attrCount())) {
            // possible only in a payload nobody validated
            throw PayloadLayout.corrupt("attributes " + first + "+" + count + " lie outside the attribute table");
        }
        return layout.attrRecord((int) first + i);
    }

    private static boolean isJsx(int k) {
        return k == NodeKind.MDX_JSX_FLOW.code() || k == NodeKind.MDX_JSX_TEXT.code();
    }

    /** Describes the position; never throws, even once the document is closed. */
    @Override
    public String toString() {
        try {
            int code = u8(record + N_KIND);
            NodeKind kind = NodeKind.fromCode(code);
            return "OcpCursor[node " + node + ", " + (kind != null ? kind : "kind " + code) + "]";
        } catch (IllegalStateException closed) {
            // closed before or during the read (a scoped view throws by itself): fall through
        }
        return "OcpCursor[node " + node + ", document closed]";
    }
}
