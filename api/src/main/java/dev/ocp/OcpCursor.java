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
 * <p>Strings are available as zero-copy slices ({@link #stringSlice(int)}) or decoded on demand. Each call
 * checks that the document is still open and throws {@link IllegalStateException} otherwise. A call that
 * overlaps a {@code close()} on another thread either returns the document's own data or throws; it never
 * returns, or crashes on, freed memory.
 *
 * <p>A cursor is not thread-safe (it has a position); use one per thread, or {@link #copy()}.
 */
public final class OcpCursor {
    /** String slot {@code a} of a node record (see the format specification for its meaning per kind). */
    public static final int SLOT_A = 0;
    /** String slot {@code b}. */
    public static final int SLOT_B = 1;
    /** String slot {@code c}. */
    public static final int SLOT_C = 2;

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
        this.document = other.document;
        this.guard = other.guard;
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
    public NodeKind kind() {
        return NodeKind.fromCode(kindCode());
    }

    /**
     * The raw kind number of the node, as stored in its record.
     *
     * @return the number, 0..255
     */
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
    public int parentIndex() {
        return u32(record + N_PARENT);
    }

    /**
     * The index of the node's first child.
     *
     * @return the index, or -1 if the node has no children
     */
    public int firstChildIndex() {
        return u32(record + N_FIRST_CHILD);
    }

    /**
     * The index of the node's next sibling.
     *
     * @return the index, or -1 if the node is a last child or the root
     */
    public int nextSiblingIndex() {
        return u32(record + N_NEXT_SIBLING);
    }

    /**
     * Whether the node has children.
     *
     * @return {@code true} if it has at least one
     */
    public boolean hasChildren() {
        return firstChildIndex() != NONE;
    }

    /**
     * Where the node starts in the source.
     *
     * @return a byte offset into the source
     */
    public int spanStart() {
        return u32(record + N_SPAN_START);
    }

    /**
     * Where the node ends in the source (exclusive).
     *
     * @return the byte offset just past the node
     */
    public int spanEnd() {
        return u32(record + N_SPAN_END);
    }

    /**
     * The raw value of a slot: a string reference, a number or -1 for none, depending on the kind.
     *
     * @param slot {@link #SLOT_A}, {@link #SLOT_B} or {@link #SLOT_C}
     * @return the u32 in that slot
     * @throws IllegalArgumentException if {@code slot} is not 0, 1 or 2
     */
    public int slot(int slot) {
        if (slot < 0 || slot > 2) {
            throw new IllegalArgumentException("slot " + slot);
        }
        return u32(record + N_A + 4 * slot);
    }

    /**
     * A string of the node as bytes, without copying: a read-only view of the payload.
     *
     * @param slot a slot holding a string reference for this kind
     * @return the UTF-8 bytes of the string (position 0, limit its length), or {@code null} if the slot is
     *         empty
     */
    public ByteBuffer stringSlice(int slot) {
        int ref = slot(slot);
        if (ref == NONE) {
            return null;
        }
        guard.enterRead();
        try {
            return layout.string(buf, ref).order(ByteOrder.LITTLE_ENDIAN);
        } finally {
            guard.exitRead();
        }
    }

    /**
     * A string of the node, decoded (malformed UTF-8 becomes U+FFFD).
     *
     * @param slot a slot holding a string reference for this kind
     * @return the string, or {@code null} if the slot is empty
     */
    public String string(int slot) {
        int ref = slot(slot);
        return ref == NONE ? null : decode(ref);
    }

    /**
     * The literal content of the node: the decoded text of TEXT, CODE_SPAN, HTML_INLINE, the content of
     * CODE_BLOCK, HTML_BLOCK, MATH_BLOCK, MATH_INLINE and FRONTMATTER, the source of MDX_EXPRESSION_FLOW,
     * MDX_EXPRESSION_TEXT and MDX_ESM.
     *
     * @return the literal, or {@code null} for other kinds
     */
    public String literal() {
        return hasLiteral(kindCode()) ? string(SLOT_A) : null;
    }

    /**
     * The destination of a LINK, IMAGE or DEFINITION, decoded (not percent-encoded).
     *
     * @return the destination, or {@code null} for other kinds
     */
    public String destination() {
        return isLinkLike(kindCode()) ? string(SLOT_A) : null;
    }

    /**
     * The title of a LINK, IMAGE or DEFINITION, decoded.
     *
     * @return the title, or {@code null} if it has none or the node is of another kind
     */
    public String title() {
        return isLinkLike(kindCode()) ? string(SLOT_B) : null;
    }

    /**
     * The info string of a fenced CODE_BLOCK, or the meta of a MATH_BLOCK, decoded.
     *
     * @return the info string, or {@code null} if there is none or the node is of another kind
     */
    public String info() {
        int k = kindCode();
        return k == NodeKind.CODE_BLOCK.code() || k == NodeKind.MATH_BLOCK.code() ? string(SLOT_B) : null;
    }

    /**
     * The label of a DEFINITION, FOOTNOTE_DEFINITION or FOOTNOTE_REFERENCE, as written (not normalized).
     *
     * @return the label, or {@code null} for other kinds
     */
    public String label() {
        int k = kindCode();
        return k == NodeKind.DEFINITION.code() || k == NodeKind.FOOTNOTE_DEFINITION.code()
                || k == NodeKind.FOOTNOTE_REFERENCE.code() ? string(SLOT_C) : null;
    }

    /**
     * The element name of an MDX JSX node, such as {@code Chart} or {@code ui.Button}.
     *
     * @return the name, or {@code null} for a fragment ({@code <>...</>}) or a node of another kind
     */
    public String jsxName() {
        return isJsx(kindCode()) ? string(SLOT_A) : null;
    }

    /**
     * The level of a HEADING.
     *
     * @return 1..6, or 0 for other kinds
     */
    public int headingLevel() {
        return kindCode() == NodeKind.HEADING.code() ? data() : 0;
    }

    /**
     * The start number of an ordered LIST, as written in its first item.
     *
     * @return the start number, or 0 for bullet lists and other kinds
     */
    public long listStart() {
        return kindCode() == NodeKind.LIST.code() && (flags() & FLAG_LIST_ORDERED) != 0
                ? Integer.toUnsignedLong(slot(SLOT_A)) : 0;
    }

    // ---- MDX JSX attributes ----

    /**
     * The number of attributes of an MDX JSX node.
     *
     * @return the count, or 0 for other kinds
     */
    public int attributeCount() {
        return isJsx(kindCode()) ? slot(SLOT_C) : 0;
    }

    /**
     * The kind of an attribute of an MDX JSX node.
     *
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return {@link dev.ocp.spi.OcpFormat#ATTR_PLAIN} or another of the {@code ATTR_} values
     * @throws IndexOutOfBoundsException if there is no such attribute
     */
    public int attributeKind(int i) {
        return u8(attributeRecord(i) + A_KIND);
    }

    /**
     * The name of an attribute of an MDX JSX node.
     *
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return its name, or {@code null} for a spread
     * @throws IndexOutOfBoundsException if there is no such attribute
     */
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
    public int attributeSpanEnd(int i) {
        return u32(attributeRecord(i) + A_SPAN_END);
    }

    private int attributeRecord(int i) {
        long count = Integer.toUnsignedLong(attributeCount());
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("attribute " + i + " of " + count);
        }
        return layout.attrRecord(slot(SLOT_B) + i);
    }

    private static boolean hasLiteral(int k) {
        return k == NodeKind.TEXT.code() || k == NodeKind.CODE_SPAN.code() || k == NodeKind.CODE_BLOCK.code()
                || k == NodeKind.HTML_BLOCK.code() || k == NodeKind.HTML_INLINE.code()
                || k == NodeKind.MATH_BLOCK.code() || k == NodeKind.MATH_INLINE.code()
                || k == NodeKind.FRONTMATTER.code() || k == NodeKind.MDX_EXPRESSION_FLOW.code()
                || k == NodeKind.MDX_EXPRESSION_TEXT.code() || k == NodeKind.MDX_ESM.code();
    }

    private static boolean isLinkLike(int k) {
        return k == NodeKind.LINK.code() || k == NodeKind.IMAGE.code() || k == NodeKind.DEFINITION.code();
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
