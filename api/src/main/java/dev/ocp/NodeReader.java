package dev.ocp;

import dev.ocp.OcpNode.Alignment;
import dev.ocp.OcpNode.AttributeKind;
import dev.ocp.OcpNode.Field;
import dev.ocp.OcpNode.ReferenceType;
import dev.ocp.internal.DocumentMemory;
import dev.ocp.internal.KindSchema;
import dev.ocp.internal.PayloadLayout;
import dev.ocp.internal.ReadGuard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.ocp.spi.OcpFormat.*;

/**
 * What reads a node record of a payload in place: the typed accessors of {@link OcpNode}, shared by the movable
 * {@link OcpCursor} and the fixed {@link NodeView}s that walks and lookups hand out. A reader is on one node at a
 * time ({@code node}, {@code record}); a node view outside its visit is on none ({@code record} negative), and every
 * accessor then throws rather than read another node's record.
 */
abstract sealed class NodeReader permits OcpCursor, NodeView {
    /** The string slots of a node record (the format specification gives their meaning per kind). */
    private static final int SLOT_A = 0;
    private static final int SLOT_B = 1;
    private static final int SLOT_C = 2;

    final OcpDocument document;
    final ReadGuard guard;
    /**
     * Whether {@link #guard} is {@link ReadGuard#UNCHECKED} (the views a walk hands the library's renderers): the hot
     * reads then skip it. Its calls would do nothing, but each is a call the JIT cannot inline where readers under
     * different guards share the read (a walk's views, a look-ahead cursor, the document's own), and a renderer reads
     * several fields a node.
     */
    final boolean unchecked;
    final ByteBuffer buf;
    final PayloadLayout layout;
    int node;
    int record;

    /** A reader on the root of {@code document}, under the document's own guard. */
    NodeReader(OcpDocument document) {
        this.document = document;
        this.guard = ReadGuard.of(document);
        this.unchecked = guard == ReadGuard.UNCHECKED;
        guard.enterRead();
        try {
            this.buf = DocumentMemory.payloadOf(document);
            this.layout = PayloadLayout.of(buf); // reads the header
            placeChecked(0);
        } finally {
            guard.exitRead();
        }
    }

    /** A reader of the same memory as {@code other}, on the same node, reading under {@code guard}. */
    NodeReader(NodeReader other, ReadGuard guard) {
        this.document = other.document;
        this.guard = guard;
        this.unchecked = guard == ReadGuard.UNCHECKED;
        this.buf = other.buf;
        this.layout = other.layout;
        this.node = other.node;
        this.record = other.record;
    }

    /** For calls that read only what the constructor cached: is the document still open? */
    final void check() {
        if (unchecked) {
            return;
        }
        guard.enterRead();
        guard.exitRead();
    }

    // Every read of the payload goes through one of these, inside the guard.

    final int u8(int offset) {
        if (unchecked) {
            return buf.get(offset) & 0xFF;
        }
        guard.enterRead();
        try {
            return buf.get(offset) & 0xFF;
        } finally {
            guard.exitRead();
        }
    }

    final int u16(int offset) {
        if (unchecked) {
            return buf.getShort(offset) & 0xFFFF;
        }
        guard.enterRead();
        try {
            return buf.getShort(offset) & 0xFFFF;
        } finally {
            guard.exitRead();
        }
    }

    final int u32(int offset) {
        if (unchecked) {
            return buf.getInt(offset);
        }
        guard.enterRead();
        try {
            return buf.getInt(offset);
        } finally {
            guard.exitRead();
        }
    }

    final String decode(int ref) {
        guard.enterRead();
        try {
            return layout.decode(buf, ref);
        } finally {
            guard.exitRead();
        }
    }

    /** The record of the node this reader is on; a node view outside its visit is on none, and says so. */
    final int rec() {
        int r = record;
        if (r < 0) {
            throw outsideItsVisit();
        }
        return r;
    }

    /** What a node view says when it is used outside its visit; overridden there. */
    IllegalStateException outsideItsVisit() {
        return new IllegalStateException("this reader is on no node");
    }

    /** Puts the reader on node {@code index}, checked against the node count. */
    final void placeChecked(int index) {
        if (index < 0 || index >= layout.nodeCount()) {
            throw new IndexOutOfBoundsException("node " + index + " of " + layout.nodeCount());
        }
        place(index);
    }

    /** Puts the reader on node {@code index}, already known to be in range. */
    final void place(int index) {
        node = index;
        record = layout.record(index);
    }

    /** The link in {@code field} of node {@code n}: NONE or, checked, a node's index. */
    final int link(int n, int field) {
        int target = buf.getInt(layout.record(n) + field);
        if (target != NONE && (target < 0 || target >= layout.nodeCount())) {
            throw PayloadLayout.corrupt("node link " + Integer.toUnsignedLong(target) + " is out of range");
        }
        return target;
    }

    /**
     * The index of the node under the cursor: its position in pre-order, 0 for the root.
     *
     * @return the index
     */
    public int index() {
        rec();
        check();
        return node;
    }


    // ---- the node under the cursor ----

    /**
     * The kind of the node under the cursor.
     *
     * @return the kind, or {@code null} for a kind v1.0 does not define (from a newer minor version); such a
     *         node should be skipped with its subtree ({@link OcpCursor#skipSubtree()})
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
        return u8(rec() + N_KIND);
    }

    /**
     * The raw flags of the node; their meaning depends on the kind (see {@link dev.ocp.spi.OcpFormat}).
     *
     * @return the flags byte, 0..255
     */
    public int flags() {
        return u8(rec() + N_FLAGS);
    }

    /**
     * The raw {@code data} field of the node: a heading's level, a table cell's alignment, a list's marker
     * and so on, per kind.
     *
     * @return the field, 0..65535
     */
    public int data() {
        return u16(rec() + N_DATA);
    }

    /**
     * The index of the node's parent.
     *
     * @return the index, or -1 for the root
     */
    public int parentIndex() {
        return u32(rec() + N_PARENT);
    }

    /**
     * The index of the node's first child.
     *
     * @return the index, or -1 if the node has no children
     */
    public int firstChildIndex() {
        return u32(rec() + N_FIRST_CHILD);
    }

    /**
     * The index of the node's next sibling.
     *
     * @return the index, or -1 if the node is a last child or the root
     */
    public int nextSiblingIndex() {
        return u32(rec() + N_NEXT_SIBLING);
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
        return u32(rec() + N_SPAN_START);
    }

    /**
     * Where the node ends in the source (exclusive).
     *
     * @return the byte offset just past the node
     */
    public int spanEnd() {
        return u32(rec() + N_SPAN_END);
    }

    /** The raw value of slot a, b or c: a string reference, a number or -1 for none, depending on the kind. */
    private int slot(int slot) {
        return u32(rec() + N_A + 4 * slot);
    }

    /**
     * The literal content of the node: the decoded text of TEXT, CODE_SPAN, HTML_INLINE, the content of
     * CODE_BLOCK, HTML_BLOCK, MATH_BLOCK, MATH_INLINE and FRONTMATTER, the source of MDX_EXPRESSION_FLOW,
     * MDX_EXPRESSION_TEXT and MDX_ESM.
     *
     * @return the literal, or {@code null} for other kinds
     */
    public String literal() {
        return string(Field.LITERAL);
    }


    /**
     * The destination of a LINK, IMAGE or DEFINITION, decoded (not percent-encoded).
     *
     * @return the destination, or {@code null} for other kinds
     */
    public String destination() {
        return string(Field.DESTINATION);
    }

    /**
     * A string field as its UTF-8 bytes, without copying: a read-only view of the payload, valid until the
     * document is closed. The bytes are as stored, so a source's ill-formed UTF-8 is there as it was.
     *
     * @param field which string
     * @return the bytes (position 0, limit their length), or {@code null} where the accessor of the same name
     *         returns {@code null}
     */
    public ByteBuffer bytes(Field field) {
        guard.enterRead();
        try {
            int ref = ref(field);
            // A slice of the view the caller may keep, not of the library's own: it holds the memory it shows.
            return ref == NONE ? null : layout.string(DocumentMemory.keptOf(document), ref).order(ByteOrder.LITTLE_ENDIAN);
        } finally {
            guard.exitRead();
        }
    }

    /**
     * A string field, decoded: the same as the accessor of the same name, for code that chooses the field at run
     * time.
     *
     * @param field which string
     * @return the string, or {@code null} where the node has none
     */
    public String string(Field field) {
        guard.enterRead();
        try {
            return layout.decode(buf, ref(field)); // null for NONE
        } finally {
            guard.exitRead();
        }
    }

    /**
     * Where a string field's bytes start in the payload ({@link OcpDocument#bytes()}). With {@link #stringLength}
     * this reads a string in place without even the small view object {@link #bytes(Field)} makes, for code that
     * reads very many (a renderer). The payload's bytes are the document's while it is open: read them during the
     * walk that handed over this node.
     *
     * @param field which string
     * @return the index of the string's first byte in the payload, or -1 where the accessor of the same name returns
     *         {@code null}
     */
    public int stringOffset(Field field) {
        if (unchecked) {
            return offsetOf(ref(field));
        }
        guard.enterRead();
        try {
            return offsetOf(ref(field));
        } finally {
            guard.exitRead();
        }
    }

    private int offsetOf(int ref) {
        if (ref == NONE) {
            return -1;
        }
        layout.stringLength(buf, ref); // throws CORRUPT_PAYLOAD for a reference outside the pool
        return layout.stringOffset() + ref + 4;
    }

    /**
     * The length in bytes of a string field (see {@link #stringOffset}).
     *
     * @param field which string
     * @return the length, or -1 where the accessor of the same name returns {@code null}
     */
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
        int slot = slotOf(field, buf.get(rec() + N_KIND) & 0xFF);
        return slot < 0 ? NONE : buf.getInt(rec() + N_A + 4 * slot);
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
        // Which slot holds which field is the kind schema's to say (section 7.3); this only makes it an index.
        for (NodeKind k : NodeKind.values()) {
            KindSchema.Kind facts = KindSchema.of(k);
            KindSchema.Slot[] abc = {facts.a(), facts.b(), facts.c()};
            for (int slot = SLOT_A; slot <= SLOT_C; slot++) {
                Field field = abc[slot].field();
                if (field != null) {
                    SLOTS[field.ordinal()][k.code()] = (byte) (conditional(abc[slot]) ? LABEL_IF_REFERENCE : slot);
                }
            }
        }
    }

    /**
     * Whether a slot holds its field only for some flags: today only a reference's label, which {@link #slotOf}
     * reads through {@link #isReference}; a schema with another such slot must teach this reader first.
     */
    private static boolean conditional(KindSchema.Slot slot) {
        if (slot.when() == 0 || slot.readAnyway()) {
            return false;
        }
        if (slot.field() != Field.LABEL || slot.when() != FLAG_REFERENCE_MASK || !slot.whenSet()) {
            throw new IllegalStateException("the node reader cannot tell when " + slot + " holds its field");
        }
        return true;
    }

    /**
     * The title of a LINK, IMAGE or DEFINITION, decoded.
     *
     * @return the title, or {@code null} if it has none or the node is of another kind
     */
    public String title() {
        return string(Field.TITLE);
    }

    /**
     * The info string of a fenced CODE_BLOCK, or the meta of a MATH_BLOCK, decoded.
     *
     * @return the info string, or {@code null} if there is none or the node is of another kind
     */
    public String info() {
        return string(Field.INFO);
    }

    /**
     * A CODE_SPAN's or MATH_INLINE's content as written, with the line endings it crossed (as LF) where its
     * {@link #literal()} has spaces. Recorded from format v1.3 on.
     *
     * @return the content with its line endings, or {@code null} if it crossed none, the payload is older than v1.3,
     *         or the node is of another kind
     */
    public String literalWithLineEndings() {
        return string(Field.LITERAL_WITH_LINE_ENDINGS);
    }

    /**
     * The label of a DEFINITION, FOOTNOTE_DEFINITION or FOOTNOTE_REFERENCE, as written (not normalized).
     *
     * @return the label, or {@code null} for other kinds
     */
    public String label() {
        return string(Field.LABEL);
    }

    /**
     * The element name of an MDX JSX node, such as {@code Chart} or {@code ui.Button}.
     *
     * @return the name, or {@code null} for a fragment ({@code <>...</>}) or a node of another kind
     */
    public String jsxName() {
        return string(Field.JSX_NAME);
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
     * A HEADING's explicit id ({@code {#id}} with {@link Extension#HEADING_IDS}; format v1.6).
     *
     * @return the id, or {@code null} if it has none, the payload is older than v1.6, or the node is of another kind
     */
    public String headingId() {
        return string(Field.HEADING_ID);
    }

    /**
     * The type of an ALERT (format v1.6).
     *
     * @return the type, or {@code null} for other kinds
     */
    public OcpNode.AlertType alertType() {
        return kindCode() == NodeKind.ALERT.code() ? OcpNode.AlertType.fromCode(data()) : null;
    }

    /**
     * The start number of an ordered LIST, as written in its first item.
     *
     * @return the start number, or 0 for bullet lists and other kinds
     */
    public long listStart() {
        return isOrderedList() ? Integer.toUnsignedLong(slot(SLOT_A)) : 0;
    }

    /**
     * Whether a HEADING is a setext heading (underlined with {@code =} or {@code -}) rather than an ATX one.
     *
     * @return whether it is underlined; {@code false} for other kinds
     */
    public boolean isSetextHeading() {
        return flagOf(NodeKind.HEADING, FLAG_HEADING_SETEXT);
    }

    /**
     * Whether a LIST is ordered ({@code 1.}) rather than a bullet list ({@code -}).
     *
     * @return whether it is ordered; {@code false} for other kinds
     */
    public boolean isOrderedList() {
        return flagOf(NodeKind.LIST, FLAG_LIST_ORDERED);
    }

    /**
     * Whether a LIST is tight: no blank lines between its items or their blocks, so its paragraphs render without
     * {@code <p>}.
     *
     * @return whether it is tight; {@code false} for other kinds
     */
    public boolean isTightList() {
        return flagOf(NodeKind.LIST, FLAG_LIST_TIGHT);
    }

    /**
     * mdast's {@code spread}: whether a blank line separates two items of a LIST, or two children of a LIST_ITEM.
     * Recorded from format v1.3 on.
     *
     * @return whether it is spread; {@code false} for other kinds and in payloads older than v1.3
     */
    public boolean isSpread() {
        return flagOf(NodeKind.LIST, FLAG_LIST_SPREAD) || flagOf(NodeKind.LIST_ITEM, FLAG_ITEM_SPREAD);
    }

    /**
     * Whether a LIST_ITEM is a GFM task item ({@code - [ ]} or {@code - [x]}).
     *
     * @return whether it is a task; {@code false} for other kinds
     */
    public boolean isTask() {
        return flagOf(NodeKind.LIST_ITEM, FLAG_ITEM_TASK);
    }

    /**
     * Whether a task LIST_ITEM is checked.
     *
     * @return whether it is checked; {@code false} for unchecked tasks, other items and other kinds
     */
    public boolean isChecked() {
        return isTask() && flagOf(NodeKind.LIST_ITEM, FLAG_ITEM_CHECKED);
    }

    /**
     * The marker character as written: a LIST's bullet ({@code -}, {@code +}, {@code *}) or, for an ordered list,
     * the delimiter after the number ({@code .} or {@code )}); the fence character of a fenced CODE_BLOCK
     * ({@code `} or {@code ~}); the delimiter of an EMPHASIS or STRONG ({@code *} or {@code _}); from format v1.3,
     * the character of a THEMATIC_BREAK ({@code *}, {@code -} or {@code _}) and what made a HARD_BREAK (a backslash,
     * or a space for two or more spaces; from v1.4 a tab for two or more spaces after a tab, which micromark does
     * not take for a hard break).
     *
     * @return the character, or {@code 0} for other kinds and for indented code
     */
    public char marker() {
        int k = kindCode();
        boolean has = k == NodeKind.LIST.code() || k == NodeKind.EMPHASIS.code() || k == NodeKind.STRONG.code()
                || k == NodeKind.CODE_BLOCK.code() || k == NodeKind.THEMATIC_BREAK.code()
                || k == NodeKind.HARD_BREAK.code();
        return has ? (char) (data() & 0xFF) : 0;
    }

    /**
     * Which of CommonMark's seven start conditions began an HTML_BLOCK (1 for {@code <script>}, {@code <pre>},
     * {@code <style>} and {@code <textarea>}, 2 for a comment, ... 7 for any other complete tag).
     *
     * @return 1 to 7, or 0 for other kinds
     */
    public int htmlBlockCondition() {
        return kindCode() == NodeKind.HTML_BLOCK.code() ? data() : 0;
    }

    /**
     * Whether a CODE_BLOCK is fenced ({@code ```} or {@code ~~~}) rather than indented.
     *
     * @return whether it is fenced; {@code false} for other kinds
     */
    public boolean isFencedCode() {
        return flagOf(NodeKind.CODE_BLOCK, FLAG_CODE_FENCED);
    }

    /**
     * Whether a fenced CODE_BLOCK or a MATH_BLOCK ended without its closing fence (recorded from format v1.3 on), or
     * an HTML_BLOCK of start condition 1 to 5 without its end marker (from v1.4).
     *
     * @return whether it was left open; {@code false} for other kinds and in payloads older than those
     */
    public boolean isUnclosed() {
        return flagOf(NodeKind.CODE_BLOCK, FLAG_CODE_UNCLOSED) || flagOf(NodeKind.MATH_BLOCK, FLAG_MATH_UNCLOSED)
                || flagOf(NodeKind.HTML_BLOCK, FLAG_HTML_UNCLOSED);
    }

    /**
     * Whether a TABLE_ROW is the header row, or a TABLE_CELL is in it.
     *
     * @return whether it is a header; {@code false} for other kinds
     */
    public boolean isTableHeader() {
        return flagOf(NodeKind.TABLE_ROW, FLAG_TABLE_HEADER) || flagOf(NodeKind.TABLE_CELL, FLAG_TABLE_HEADER);
    }

    /**
     * The alignment of a TABLE_CELL's column.
     *
     * @return the alignment; {@link Alignment#NONE} for other kinds
     */
    public Alignment alignment() {
        if (kindCode() != NodeKind.TABLE_CELL.code()) {
            return Alignment.NONE;
        }
        int a = data();
        return a >= ALIGN_LEFT && a <= ALIGN_RIGHT ? Alignment.values()[a] : Alignment.NONE;
    }

    /**
     * How a LINK or IMAGE was written when it is a reference to a definition. Payloads before format v1.2 do not
     * record it: their references read as inline links.
     *
     * @return the reference's form, or {@code null} for an inline link, an autolink and other kinds
     */
    public ReferenceType referenceType() {
        guard.enterRead();
        try {
            int k = buf.get(rec() + N_KIND) & 0xFF;
            if (!isReference(k)) {
                return null;
            }
            return ReferenceType.values()[(buf.get(rec() + N_FLAGS) & FLAG_REFERENCE_MASK) / FLAG_REFERENCE_FULL - 1];
        } finally {
            guard.exitRead();
        }
    }

    /** Inside a read: whether the node, of kind {@code k}, is a LINK or IMAGE written as a reference (v1.2). */
    private boolean isReference(int k) {
        return (k == NodeKind.LINK.code() || k == NodeKind.IMAGE.code()) && layout.minor() >= 2
                && (buf.get(rec() + N_FLAGS) & FLAG_REFERENCE_MASK) != 0;
    }

    /**
     * Whether a LINK was written as an autolink: {@code <https://…>}, or a bare URL or address under GFM.
     *
     * @return whether it is an autolink; {@code false} for other kinds
     */
    public boolean isAutolink() {
        return kindCode() == NodeKind.LINK.code() && (flags() & (FLAG_LINK_AUTOLINK | FLAG_LINK_LITERAL)) != 0;
    }

    /**
     * Whether a LINK is a GFM autolink literal: a bare URL, {@code www.} address or email address, not in angle
     * brackets (those are {@link #isAutolink()} too).
     *
     * @return whether it is one; {@code false} for other kinds
     */
    public boolean isAutolinkLiteral() {
        return flagOf(NodeKind.LINK, FLAG_LINK_LITERAL);
    }

    /**
     * The format of FRONTMATTER.
     *
     * @return {@code "yaml"} ({@code ---} fences) or {@code "toml"} ({@code +++}), or {@code null} for other kinds
     */
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
    public int attributeCount() {
        return ownsAttributes(kindCode()) ? slot(SLOT_C) : 0;
    }

    /**
     * What an attribute of an MDX JSX node is.
     *
     * @param i attribute number, {@code 0..attributeCount()-1}
     * @return its kind
     * @throws IndexOutOfBoundsException if there is no such attribute
     */
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
        long first = Integer.toUnsignedLong(slot(SLOT_B));
        if (first + count > Integer.toUnsignedLong(layout.attrCount())) {
            // possible only in a payload nobody validated
            throw PayloadLayout.corrupt("attributes " + first + "+" + count + " lie outside the attribute table");
        }
        return layout.attrRecord((int) first + i);
    }

    /** Whether nodes of kind {@code k} own a range of attribute records: MDX JSX elements and directives. */
    private static boolean ownsAttributes(int k) {
        return k == NodeKind.MDX_JSX_FLOW.code() || k == NodeKind.MDX_JSX_TEXT.code() || isDirective(k);
    }

    private static boolean isDirective(int k) {
        return k == NodeKind.CONTAINER_DIRECTIVE.code() || k == NodeKind.LEAF_DIRECTIVE.code()
                || k == NodeKind.TEXT_DIRECTIVE.code();
    }

    // ---- directives ----

    /**
     * The name of a CONTAINER_DIRECTIVE, LEAF_DIRECTIVE or TEXT_DIRECTIVE ({@code note} in {@code :::note}).
     *
     * @return the name, or {@code null} for other kinds
     */
    public String directiveName() {
        return string(Field.DIRECTIVE_NAME);
    }

    /**
     * The attributes of a directive as mdast-util-directive gives them: by name in the order each name was first
     * written, the last value of a name written twice, except {@code class}, whose values ({@code .a} and
     * {@code class="b"} alike) are joined by a space. {@code #x} is {@code id}, a name without a value has the value
     * {@code ""}. Each of {@link #attributeName(int)} and {@link #attributeValue(int)} gives one attribute as
     * written, for a reader that wants them unfolded.
     *
     * @return an unmodifiable map, empty for nodes of other kinds
     */
    public java.util.Map<String, String> directiveAttributes() {
        if (!isDirective(kindCode())) {
            return java.util.Map.of();
        }
        return foldDirectiveAttributes(this::attributeName, this::attributeValue, attributeCount());
    }

    /** Folds attributes as written into mdast-util-directive's map (see {@link #directiveAttributes()}). */
    static java.util.Map<String, String> foldDirectiveAttributes(java.util.function.IntFunction<String> name,
                                                             java.util.function.IntFunction<String> value,
                                                             int count) {
        java.util.LinkedHashMap<String, String> folded = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String n = name.apply(i);
            String v = value.apply(i);
            if (n == null) {
                continue; // not a directive's (a payload from elsewhere): nothing to fold
            }
            v = v == null ? "" : v;
            String before = folded.get(n);
            // As mdast-util-directive: a class after an empty one replaces it (its test is on the value, not the key).
            folded.put(n, "class".equals(n) && before != null && !before.isEmpty() ? before + " " + v : v);
        }
        return java.util.Collections.unmodifiableMap(folded);
    }

    /**
     * Whether this is a PARAGRAPH that is the label of its CONTAINER_DIRECTIVE ({@code :::note[label]}), flagged so
     * from format v1.6.
     *
     * @return whether it is one
     */
    public boolean isDirectiveLabel() {
        return kindCode() == NodeKind.PARAGRAPH.code() && (flags() & FLAG_PARAGRAPH_DIRECTIVE_LABEL) != 0;
    }

}
