package dev.ocp;

import dev.ocp.internal.PayloadLayout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static dev.ocp.spi.OcpFormat.NONE;

/**
 * A flyweight cursor over a document's node table: one object walks the whole tree, reading the payload in
 * place (no object per node). Move it with {@link #toFirstChild()}, {@link #toNextSibling()},
 * {@link #toParent()} and {@link #moveTo(int)}; read the node under it with the accessors.
 *
 * <p>Strings are available as zero-copy slices ({@link #stringSlice(int)}) or decoded on demand. Each call
 * checks that the document is still open and throws {@link IllegalStateException} otherwise.
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
    private final ByteBuffer buf;
    private final PayloadLayout layout;
    private int node;
    private int record;

    OcpCursor(OcpDocument document) {
        this.document = document;
        this.buf = document.bytes();
        this.layout = PayloadLayout.of(buf);
        moveTo(0);
    }

    private OcpCursor(OcpCursor other) {
        this.document = other.document;
        this.buf = other.buf;
        this.layout = other.layout;
        this.node = other.node;
        this.record = other.record;
    }

    /** @return a new cursor at the same node, over the same memory */
    public OcpCursor copy() {
        check();
        return new OcpCursor(this);
    }

    private void check() {
        if (document.isClosed()) {
            throw new IllegalStateException("OCP document is closed");
        }
    }

    private int u32(int offset) {
        check();
        return buf.getInt(offset);
    }

    // ---- document-wide ----

    /** @return the dialect in the header */
    public Dialect dialect() {
        check();
        return Dialect.fromCode(layout.dialect());
    }

    /** @return the number of nodes */
    public int nodeCount() {
        check();
        return layout.nodeCount();
    }

    /** @return the length of the parsed source in bytes */
    public long sourceLength() {
        check();
        return Integer.toUnsignedLong(layout.sourceLength());
    }

    // ---- position ----

    /** @return the index of the node under the cursor (0 is the root) */
    public int index() {
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
        record = layout.nodeOffset() + index * layout.nodeRecordSize();
    }

    /** @return {@code true} and moves if the node has children; else stays and returns {@code false} */
    public boolean toFirstChild() {
        return follow(record + 8);
    }

    /** @return {@code true} and moves if the node has a next sibling; else stays and returns {@code false} */
    public boolean toNextSibling() {
        return follow(record + 12);
    }

    /** @return {@code true} and moves if the node has a parent; else (the root) stays and returns {@code false} */
    public boolean toParent() {
        return follow(record + 4);
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

    /** @return the kind, or {@code null} for a kind v1 does not define (from a newer minor version) */
    public NodeKind kind() {
        return NodeKind.fromCode(kindCode());
    }

    /** @return the raw kind number */
    public int kindCode() {
        check();
        return buf.get(record) & 0xFF;
    }

    /** @return the raw flags (meaning per kind, see {@link dev.ocp.spi.OcpFormat}) */
    public int flags() {
        check();
        return buf.get(record + 1) & 0xFF;
    }

    /** @return the raw {@code data} field (heading level, alignment, ...) */
    public int data() {
        check();
        return buf.getShort(record + 2) & 0xFFFF;
    }

    /** @return the parent's index, or -1 for the root */
    public int parentIndex() {
        return u32(record + 4);
    }

    /** @return the first child's index, or -1 */
    public int firstChildIndex() {
        return u32(record + 8);
    }

    /** @return the next sibling's index, or -1 */
    public int nextSiblingIndex() {
        return u32(record + 12);
    }

    /** @return {@code true} if the node has children */
    public boolean hasChildren() {
        return firstChildIndex() != NONE;
    }

    /** @return the byte offset in the source where the node starts */
    public int spanStart() {
        return u32(record + 16);
    }

    /** @return the byte offset in the source just past the node's end */
    public int spanEnd() {
        return u32(record + 20);
    }

    /**
     * @param slot {@link #SLOT_A}, {@link #SLOT_B} or {@link #SLOT_C}
     * @return the raw u32 in that slot (a string reference, a number or -1 for none, per kind)
     */
    public int slot(int slot) {
        if (slot < 0 || slot > 2) {
            throw new IllegalArgumentException("slot " + slot);
        }
        return u32(record + 24 + 4 * slot);
    }

    /**
     * @param slot a slot holding a string reference for this kind
     * @return the UTF-8 bytes of the string, zero-copy (read-only), or {@code null} if the slot is empty
     */
    public ByteBuffer stringSlice(int slot) {
        int ref = slot(slot);
        if (ref == NONE) {
            return null;
        }
        return layout.string(buf, ref).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @param slot a slot holding a string reference for this kind
     * @return the string decoded, or {@code null} if the slot is empty
     */
    public String string(int slot) {
        ByteBuffer slice = stringSlice(slot);
        if (slice == null) {
            return null;
        }
        if (slice.hasArray()) {
            return new String(slice.array(), slice.arrayOffset() + slice.position(), slice.remaining(),
                    StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[slice.remaining()];
        slice.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * @return the literal content of TEXT, CODE_SPAN, CODE_BLOCK, HTML_BLOCK, HTML_INLINE, MATH_BLOCK,
     *         MATH_INLINE, FRONTMATTER, MDX_EXPRESSION_* and MDX_ESM nodes; {@code null} for other kinds
     */
    public String literal() {
        return hasLiteral(kindCode()) ? string(SLOT_A) : null;
    }

    /** @return the destination of a LINK, IMAGE or DEFINITION; {@code null} for other kinds */
    public String destination() {
        return isLinkLike(kindCode()) ? string(SLOT_A) : null;
    }

    /** @return the title of a LINK, IMAGE or DEFINITION, or {@code null} if it has none */
    public String title() {
        return isLinkLike(kindCode()) ? string(SLOT_B) : null;
    }

    /** @return the info string of a fenced CODE_BLOCK or the meta of a MATH_BLOCK, or {@code null} */
    public String info() {
        int k = kindCode();
        return k == NodeKind.CODE_BLOCK.code() || k == NodeKind.MATH_BLOCK.code() ? string(SLOT_B) : null;
    }

    /** @return the label of a DEFINITION, FOOTNOTE_DEFINITION or FOOTNOTE_REFERENCE, or {@code null} */
    public String label() {
        int k = kindCode();
        return k == NodeKind.DEFINITION.code() || k == NodeKind.FOOTNOTE_DEFINITION.code()
                || k == NodeKind.FOOTNOTE_REFERENCE.code() ? string(SLOT_C) : null;
    }

    /** @return the element name of an MDX JSX node ({@code null} for a fragment or another kind) */
    public String jsxName() {
        return isJsx(kindCode()) ? string(SLOT_A) : null;
    }

    /** @return the heading level 1..6 of a HEADING; 0 for other kinds */
    public int headingLevel() {
        return kindCode() == NodeKind.HEADING.code() ? data() : 0;
    }

    /** @return the start number of an ordered LIST; 0 for other nodes */
    public long listStart() {
        return kindCode() == NodeKind.LIST.code() && (flags() & 1) != 0 ? Integer.toUnsignedLong(slot(SLOT_A)) : 0;
    }

    // ---- MDX JSX attributes ----

    /** @return the number of attributes of an MDX JSX node; 0 for other kinds */
    public int attributeCount() {
        return isJsx(kindCode()) ? slot(SLOT_C) : 0;
    }

    /**
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return the attribute's kind: {@link dev.ocp.spi.OcpFormat#ATTR_PLAIN} and the other {@code ATTR_} values
     */
    public int attributeKind(int i) {
        return buf.get(attributeRecord(i)) & 0xFF;
    }

    /**
     * @param i attribute number
     * @return its name, or {@code null} for a spread
     */
    public String attributeName(int i) {
        return layout.decode(buf, buf.getInt(attributeRecord(i) + 4));
    }

    /**
     * @param i attribute number
     * @return its value (string or expression source), or {@code null} for a boolean attribute
     */
    public String attributeValue(int i) {
        return layout.decode(buf, buf.getInt(attributeRecord(i) + 8));
    }

    private int attributeRecord(int i) {
        int count = attributeCount();
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("attribute " + i + " of " + count);
        }
        return layout.attrOffset() + (slot(SLOT_B) + i) * layout.attrRecordSize();
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

    @Override
    public String toString() {
        return "OcpCursor[node " + node + ", " + kind() + "]";
    }
}
