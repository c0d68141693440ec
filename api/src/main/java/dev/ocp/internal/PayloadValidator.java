package dev.ocp.internal;

import dev.ocp.NodeKind;
import dev.ocp.OcpException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.ocp.spi.OcpFormat.*;

/**
 * Checks an untrusted payload completely before anything reads it, so that readers may then follow every
 * link and reference without bounds surprises. The rules are those of {@code docs/ocp-format.md},
 * section "Validation".
 *
 * <p>Linear in the payload's size and constant in extra memory: the pre-order walk needs the chain of open
 * ancestors, and that chain is already in the payload as parent links, each checked before it is followed.
 * A defect ends in {@link OcpException} with {@link OcpException.Code#CORRUPT_PAYLOAD} naming the node and
 * field; no other exception escapes.
 */
public final class PayloadValidator {
    private static final int K_DOCUMENT = NodeKind.DOCUMENT.code();
    private static final int K_TEXT = NodeKind.TEXT.code();

    private final ByteBuffer b;
    private final PayloadLayout layout;
    private final boolean canonical;
    /** Payloads of a minor this reader knows (up to its own) must leave unused fields zero/NONE and use only
     *  known kinds; later minors may not. */
    private final boolean strict;
    private final long sourceLength;
    private final long pool;
    /** Next attribute record a JSX node may claim; ranges are claimed in order, so each is checked once. */
    private long nextAttr;
    /** In canonical mode, the reference the next string must have. */
    private long nextString;

    private PayloadValidator(ByteBuffer payload, boolean canonical) {
        this.b = payload.order() == ByteOrder.LITTLE_ENDIAN ? payload : payload.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.layout = PayloadLayout.of(b);
        this.canonical = canonical;
        this.strict = layout.minor() <= VERSION_MINOR;
        this.sourceLength = Integer.toUnsignedLong(layout.sourceLength());
        this.pool = Integer.toUnsignedLong(layout.stringSize());
    }

    /**
     * Validates a payload: header, every node record, the tree's links, spans, string references and
     * attribute records.
     *
     * @param payload a view of a payload whose first byte is index 0 (any byte order; not modified)
     * @throws OcpException CORRUPT_PAYLOAD naming the first defect found
     */
    public static void validate(ByteBuffer payload) {
        new PayloadValidator(payload, false).run();
    }

    /**
     * Validates a payload and also checks that it is in the canonical layout every writer must produce
     * (sections contiguous in order, strings in order of first reference, adjacent TEXT siblings merged).
     * Engines' conformance tests use it; readers only need {@link #validate(ByteBuffer)}.
     *
     * @param payload a view of a payload whose first byte is index 0 (any byte order; not modified)
     * @throws OcpException CORRUPT_PAYLOAD naming the first defect or departure from the canonical layout
     */
    public static void validateCanonical(ByteBuffer payload) {
        new PayloadValidator(payload, true).run();
    }

    private void run() {
        header();
        nodes();
        if (strict && nextAttr != Integer.toUnsignedLong(layout.attrCount())) {
            throw corrupt("attribute table has " + Integer.toUnsignedLong(layout.attrCount())
                    + " records but JSX nodes own " + nextAttr);
        }
        if (canonical && nextString != pool) {
            throw corrupt("not canonical: string pool has " + pool + " bytes but the strings referenced fill "
                    + nextString);
        }
    }

    // ---- header ----

    private void header() {
        PayloadLayout l = layout;
        if (l.dialect() > 2) {
            throw corrupt("header: unknown dialect " + l.dialect());
        }
        if (strict) {
            if (l.headerSize() != HEADER_SIZE) {
                throw corrupt("header: size " + l.headerSize() + " in a v1.x payload (must be " + HEADER_SIZE + ")");
            }
            int known = l.minor() == 0 ? 0 : l.minor() < 6 ? HEADER_FLAGS_V1_1 : HEADER_FLAGS_KNOWN;
            if ((l.headerFlags() & ~known) != 0) {
                throw corrupt("header: flags 0x" + Integer.toHexString(l.headerFlags()) + " in a v1." + l.minor()
                        + " payload (defined: 0x" + Integer.toHexString(known) + ")");
            }
            boolean gfm = (l.headerFlags() & HEADER_FLAG_GFM) != 0;
            if (l.minor() > 0 && (l.dialect() == 1 && !gfm || l.dialect() == 0 && gfm)) {
                throw corrupt("header: dialect " + l.dialect() + (gfm ? " with" : " without")
                        + " the GFM flag (dialect 1 is exactly CommonMark with GFM)");
            }
            if (l.nodeRecordSize() != NODE_RECORD_SIZE || l.attrRecordSize() != ATTR_RECORD_SIZE) {
                throw corrupt("header: record sizes " + l.nodeRecordSize() + "/" + l.attrRecordSize()
                        + " in a v1.x payload (must be " + NODE_RECORD_SIZE + "/" + ATTR_RECORD_SIZE + ")");
            }
        }
        long nodeStart = l.nodeOffset();
        long nodeEnd = nodeStart + (long) l.nodeCount() * l.nodeRecordSize();
        long attrStart = l.attrOffset();
        long attrEnd = attrStart + (long) l.attrCount() * l.attrRecordSize();
        long strStart = l.stringOffset();
        long strEnd = strStart + pool;
        if (overlap(nodeStart, nodeEnd, attrStart, attrEnd) || overlap(nodeStart, nodeEnd, strStart, strEnd)
                || overlap(attrStart, attrEnd, strStart, strEnd)) {
            throw corrupt("header: sections overlap (nodes " + nodeStart + ".." + nodeEnd + ", attributes "
                    + attrStart + ".." + attrEnd + ", strings " + strStart + ".." + strEnd + ")");
        }
        if (canonical && !(strict && nodeStart == l.headerSize() && attrStart == nodeEnd && strStart == attrEnd
                && strEnd == b.limit())) {
            throw corrupt("not canonical: a v1 payload has the header, node table, attribute table and string"
                    + " pool back to back, in that order, and nothing after them");
        }
    }

    private static boolean overlap(long s1, long e1, long s2, long e2) {
        return s1 < e1 && s2 < e2 && s1 < e2 && s2 < e1;
    }

    // ---- nodes ----

    private void nodes() {
        int n = layout.nodeCount();
        int root = layout.record(0);
        if ((b.get(root + N_KIND) & 0xFF) != K_DOCUMENT) {
            throw corrupt("node 0: kind " + (b.get(root + N_KIND) & 0xFF) + " (the root must be DOCUMENT)");
        }
        if (u32(root + N_PARENT) != NONE || u32(root + N_NEXT_SIBLING) != NONE) {
            throw corrupt("node 0: the root has a parent or a sibling");
        }
        if (u32(root + N_SPAN_START) != 0 || Integer.toUnsignedLong(u32(root + N_SPAN_END)) != sourceLength) {
            throw corrupt("node 0: the root's span must cover the whole source [0, " + sourceLength + ")");
        }
        for (int i = 0; i < n; i++) {
            int r = layout.record(i);
            links(i, r, n);
            node(i, r);
        }
        // The last node closes every subtree still open: it and its ancestors are last children.
        for (int x = n - 1; x != NONE; x = parent(x)) {
            if (next(x) != NONE) {
                throw corrupt("node " + x + ": next sibling " + unsigned(next(x)) + " but no node follows the subtree");
            }
        }
    }

    /**
     * Checks node {@code i}'s place in the pre-order sequence. Node {@code i} must be the first child of
     * {@code i-1}, or the next sibling of {@code i-1} or of one of its ancestors whose subtree just ended; every
     * node on the way up must be a last child. Each node is climbed past once, so the whole walk is linear.
     */
    private void links(int i, int r, int n) {
        int first = u32(r + N_FIRST_CHILD);
        if (first != NONE && (first != i + 1 || i + 1 >= n)) {
            throw corrupt("node " + i + ": first child " + unsigned(first) + " (must be NONE or " + (i + 1)
                    + ", the next node in pre-order, which must exist)");
        }
        if (i == 0) {
            return;
        }
        int kind = b.get(r + N_KIND) & 0xFF;
        if (kind == K_DOCUMENT) {
            throw corrupt("node " + i + ": DOCUMENT below the root");
        }
        int prev = i - 1;
        int expectedParent;
        if (first(prev) == i) {
            expectedParent = prev;
        } else {
            int x = prev;
            while (true) {
                int sibling = next(x);
                if (sibling == i) {
                    expectedParent = parent(x);
                    if (canonical && kind == K_TEXT && (b.get(layout.record(x) + N_KIND) & 0xFF) == K_TEXT) {
                        throw corrupt("not canonical: node " + x + " and its next sibling " + i + " are both TEXT"
                                + " (adjacent TEXT siblings are merged)");
                    }
                    break;
                }
                if (sibling != NONE) {
                    throw corrupt("node " + x + ": next sibling " + unsigned(sibling) + " (its subtree ends before node "
                            + i + ", so the sibling must be " + i + " or NONE)");
                }
                x = parent(x);
                if (x == NONE) {
                    throw corrupt("node " + i + ": unreachable (the root's subtree ended before it)");
                }
            }
        }
        int parent = u32(r + N_PARENT);
        if (parent != expectedParent) {
            throw corrupt("node " + i + ": parent " + unsigned(parent) + " (pre-order links make it " + expectedParent + ")");
        }
    }

    private void node(int i, int r) {
        int kind = b.get(r + N_KIND) & 0xFF;
        int flags = b.get(r + N_FLAGS) & 0xFF;
        int data = PayloadLayout.u16(b, r + N_DATA);
        long start = Integer.toUnsignedLong(u32(r + N_SPAN_START));
        long end = Integer.toUnsignedLong(u32(r + N_SPAN_END));
        if (start > end || end > sourceLength) {
            throw corrupt("node " + i + ": span [" + start + ", " + end + ") does not lie in the source of "
                    + sourceLength + " bytes");
        }
        NodeKind k = kind == 0 ? null : NodeKind.fromCode(kind);
        if (k != null && KindSchema.of(k).since() > layout.minor()) {
            k = null; // a kind this payload's minor does not define (a directive before v1.6)
        }
        if (k == null) {
            if (strict || kind == 0) {
                throw corrupt("node " + i + ": unknown kind " + kind + (kind == 0 ? "" : " in a v1." + layout.minor() + " payload"));
            }
            return; // a later minor's kind: readers skip it and its subtree, whatever its fields hold
        }
        // Per kind: the flags and slots of section 7.3, from the kind schema; data and the rules that tie fields
        // together, from the switches below.
        KindSchema.Kind schema = KindSchema.of(k);
        int minor = layout.minor();
        if (strict && schema.since() > minor) {
            throw corrupt("node " + i + ": unknown kind " + kind + " in a v1." + minor + " payload (" + k
                    + " is v1." + schema.since() + "'s)");
        }
        flags(i, k, flags, schema.flagMask(minor));
        int dataUsed = switch (k) {
            // data (v1.3): the break's character, or what made a hard break
            case THEMATIC_BREAK, HARD_BREAK -> minor >= 3 ? data : 0;
            case HEADING, LIST, HTML_BLOCK, TABLE_CELL, FRONTMATTER, EMPHASIS, STRONG, ALERT -> data;
            // the fence byte; (v1.5) of an indented block, the bytes of indentation before its span
            case CODE_BLOCK -> (flags & FLAG_CODE_FENCED) != 0 || minor >= 5 ? data : 0;
            case DOCUMENT, PARAGRAPH, BLOCK_QUOTE, LIST_ITEM, DEFINITION, TABLE, TABLE_ROW, FOOTNOTE_DEFINITION,
                 MATH_BLOCK, MDX_JSX_FLOW, MDX_EXPRESSION_FLOW, MDX_ESM, TEXT, SOFT_BREAK, CODE_SPAN, LINK, IMAGE,
                 HTML_INLINE, STRIKETHROUGH, FOOTNOTE_REFERENCE, MATH_INLINE, MDX_JSX_TEXT, MDX_EXPRESSION_TEXT,
                 CONTAINER_DIRECTIVE, LEAF_DIRECTIVE, TEXT_DIRECTIVE -> 0;
        };
        data(i, k, data, dataUsed);
        boolean checked = switch (k) {
            case THEMATIC_BREAK, HARD_BREAK -> {
                // (v1.4) a hard break's tab for spaces after a tab
                String allowed = k == NodeKind.THEMATIC_BREAK ? "*-_" : minor >= 4 ? "\\ \t" : "\\ ";
                if (minor >= 3 && strict && data != 0 && allowed.indexOf(data) < 0) { // 0: not recorded
                    throw corrupt("node " + i + " (" + k + "): marker " + data + " is not one of " + allowed);
                }
                yield true;
            }
            case HEADING -> range(i, k, "level", data, 1, 6);
            case ALERT -> range(i, k, "type", data, 1, dev.ocp.OcpNode.AlertType.values().length);
            case LIST -> {
                if ((flags & (FLAG_LIST_TIGHT | FLAG_LIST_SPREAD)) == (FLAG_LIST_TIGHT | FLAG_LIST_SPREAD)) {
                    throw corrupt("node " + i + " (LIST): flagged both tight and spread");
                }
                boolean ordered = (flags & FLAG_LIST_ORDERED) != 0;
                if (ordered ? data != '.' && data != ')' : data != '-' && data != '+' && data != '*') {
                    throw corrupt("node " + i + " (LIST): marker " + data + " is not a"
                            + (ordered ? "n ordered list's '.' or ')'" : " bullet list's '-', '+' or '*'"));
                }
                yield true;
            }
            case LIST_ITEM -> {
                if ((flags & (FLAG_ITEM_TASK | FLAG_ITEM_CHECKED)) == FLAG_ITEM_CHECKED) {
                    throw corrupt("node " + i + " (LIST_ITEM): checked but not a task item");
                }
                yield true;
            }
            case CODE_BLOCK -> {
                boolean fenced = (flags & FLAG_CODE_FENCED) != 0;
                if (!fenced && minor >= 5 && (data > 4 || data > start)) { // a later minor's too: read
                    throw corrupt("node " + i + " (CODE_BLOCK): " + data + " bytes of indentation before a span"
                            + " that starts at " + start + " (at most 4)");
                }
                if (!fenced && (flags & FLAG_CODE_UNCLOSED) != 0 && minor >= 3) {
                    throw corrupt("node " + i + " (CODE_BLOCK): an indented block flagged as an unclosed fence");
                }
                if (fenced && data != '`' && data != '~') {
                    throw corrupt("node " + i + " (CODE_BLOCK): fence " + data + " is not '`' or '~'");
                }
                yield true;
            }
            case HTML_BLOCK -> {
                range(i, k, "start condition", data, 1, 7);
                if ((flags & FLAG_HTML_UNCLOSED) != 0 && data > 5 && strict) {
                    throw corrupt("node " + i + " (HTML_BLOCK): flagged unclosed, but start condition " + data
                            + " has no end marker");
                }
                yield true;
            }
            case TABLE_CELL -> range(i, k, "alignment", data, ALIGN_NONE, ALIGN_RIGHT);
            case FRONTMATTER -> range(i, k, "format", data, FRONTMATTER_YAML, FRONTMATTER_TOML);
            case LINK -> {
                if ((flags & (FLAG_LINK_AUTOLINK | FLAG_LINK_LITERAL)) == (FLAG_LINK_AUTOLINK | FLAG_LINK_LITERAL)) {
                    throw corrupt("node " + i + " (LINK): flagged both as an autolink in <...> and as a literal");
                }
                if ((flags & FLAG_REFERENCE_MASK) != 0 && (flags & (FLAG_LINK_AUTOLINK | FLAG_LINK_LITERAL)) != 0) {
                    throw corrupt("node " + i + " (LINK): flagged both as an autolink and as a reference");
                }
                yield referenceLabel(i, k, flags, u32(r + N_C));
            }
            case IMAGE -> referenceLabel(i, k, flags, u32(r + N_C));
            case EMPHASIS, STRONG -> {
                if (data != '*' && data != '_') {
                    throw corrupt("node " + i + " (" + k + "): delimiter " + data + " is not '*' or '_'");
                }
                yield true;
            }
            case PARAGRAPH -> {
                // (v1.6) a directive's label is the first child of a container directive
                if ((flags & FLAG_PARAGRAPH_DIRECTIVE_LABEL) != 0 && minor >= 6) {
                    int parent = u32(r + N_PARENT);
                    if (parent != i - 1 || (b.get(layout.record(parent) + N_KIND) & 0xFF)
                            != NodeKind.CONTAINER_DIRECTIVE.code()) {
                        throw corrupt("node " + i + " (PARAGRAPH): flagged as a directive's label, but it is not the"
                                + " first child of a CONTAINER_DIRECTIVE");
                    }
                }
                yield true;
            }
            case CONTAINER_DIRECTIVE, LEAF_DIRECTIVE, TEXT_DIRECTIVE -> {
                if (strict && u32(r + N_A) == NONE) {
                    throw corrupt("node " + i + " (" + k + "): no name (a directive always has one)");
                }
                yield true;
            }
            case DOCUMENT, BLOCK_QUOTE, DEFINITION, TABLE, TABLE_ROW, FOOTNOTE_DEFINITION, MATH_BLOCK,
                 MDX_JSX_FLOW, MDX_EXPRESSION_FLOW, MDX_ESM, TEXT, SOFT_BREAK, CODE_SPAN, HTML_INLINE, STRIKETHROUGH,
                 FOOTNOTE_REFERENCE, MATH_INLINE, MDX_JSX_TEXT, MDX_EXPRESSION_TEXT -> true;
        };
        assert checked;
        slot(i, k, "a", u32(r + N_A), holds(schema.a(), flags));
        slot(i, k, "b", u32(r + N_B), holds(schema.b(), flags));
        slot(i, k, "c", u32(r + N_C), holds(schema.c(), flags));
        // What the slots' numbers point at.
        if (k == NodeKind.HEADING) {
            placeBefore(i, k, "paragraph start", u32(r + N_A), start); // where its paragraph began (v1.5)
        } else if (k == NodeKind.TABLE_CELL) {
            placeBefore(i, k, "pipe", u32(r + N_A), start); // the pipe it starts after (v1.5)
        } else if (k == NodeKind.LIST_ITEM) {
            taskCheck(i, r, (flags & FLAG_ITEM_TASK) != 0, start, end);
        } else if (k == NodeKind.MDX_JSX_FLOW || k == NodeKind.MDX_JSX_TEXT) {
            attributes(i, k, u32(r + N_B), u32(r + N_C), false); // b and c: the node's range of attribute records
        } else if (k == NodeKind.CONTAINER_DIRECTIVE || k == NodeKind.LEAF_DIRECTIVE || k == NodeKind.TEXT_DIRECTIVE) {
            attributes(i, k, u32(r + N_B), u32(r + N_C), true);
        }
    }

    /**
     * What a slot holds in this payload, for {@link #slot}: what the schema says from the minor that defined it, when
     * the node's flags use it; otherwise unused, and also checked as a string if readers take it anyway.
     */
    private int holds(KindSchema.Slot slot, int flags) {
        if (layout.minor() < slot.since()) {
            return UNUSED;
        }
        int holds = switch (slot.holds()) {
            case UNUSED -> UNUSED;
            case STRING -> STRING;
            case NUMBER -> NUMBER;
        };
        if (slot.usedWith(flags)) {
            return holds;
        }
        return slot.readAnyway() ? UNUSED | holds : UNUSED;
    }

    /**
     * From v1.2 a LINK's or IMAGE's slot c holds the reference's label exactly when the reference flags are set
     * (the schema says when it is a string; this says it must then be there).
     */
    private boolean referenceLabel(int i, NodeKind k, int flags, int c) {
        if (layout.minor() >= 2 && strict && ((flags & FLAG_REFERENCE_MASK) != 0) == (c == NONE)) {
            throw corrupt("node " + i + " (" + k + "): slot c must hold the label of a reference link, and only"
                    + " of one");
        }
        return true;
    }

    /**
     * A place a node records before its span (v1.5), {@code NONE} when there is none: it must not lie after the
     * span's start, so that a renderer can take it for the node's start (checked in a later minor's payload too, as
     * such a renderer reads it there).
     */
    private void placeBefore(int i, NodeKind k, String what, int place, long start) {
        if (layout.minor() >= 5 && place != NONE && Integer.toUnsignedLong(place) > start) {
            throw corrupt("node " + i + " (" + k + "): " + what + " " + Integer.toUnsignedLong(place)
                    + " lies after the span's start " + start);
        }
    }

    /**
     * A task item's check (v1.5), {@code NONE} when it is not recorded: its three bytes lie in the item's span and end
     * at or before its first child's start, where a renderer takes the text after it to begin (checked in a later
     * minor's payload too, as such a renderer reads it there). The first child, if any, is the next record, whose
     * link was checked; its span is checked when its turn comes. An item that is no task has none.
     */
    private void taskCheck(int i, int r, boolean task, long start, long end) {
        int check = u32(r + N_A);
        if (layout.minor() < 5 || check == NONE) {
            return;
        }
        if (!task) {
            if (strict) {
                throw corrupt("node " + i + " (LIST_ITEM): a check at " + Integer.toUnsignedLong(check)
                        + " but not a task item");
            }
            return;
        }
        long from = Integer.toUnsignedLong(check);
        long limit = u32(r + N_FIRST_CHILD) == NONE ? end
                : Integer.toUnsignedLong(u32(layout.record(i + 1) + N_SPAN_START));
        if (from < start || from + 3 > limit) {
            throw corrupt("node " + i + " (LIST_ITEM): check " + from + " must start at or after the item's start "
                    + start + " and end by " + limit + " (its first child's start, or its end)");
        }
    }

    /** In a minor this reader knows, flag bits the kind does not define must be clear. */
    private void flags(int i, NodeKind k, int flags, int flagMask) {
        if (strict && (flags & ~flagMask) != 0) {
            throw corrupt("node " + i + " (" + k + "): flags 0x" + Integer.toHexString(flags) + " set bits " + k
                    + " does not define");
        }
    }

    /** In a minor this reader knows, a {@code data} the kind does not use must be 0. */
    private void data(int i, NodeKind k, int data, int dataUsed) {
        if (strict && data != dataUsed) {
            throw corrupt("node " + i + " (" + k + "): data " + data + " must be 0");
        }
    }

    private boolean range(int i, NodeKind k, String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw corrupt("node " + i + " (" + k + "): " + what + " " + value + " is not in " + min + ".." + max);
        }
        return true;
    }

    /** What a slot holds, for {@link #slots}: a number, checked by nothing (N7). */
    private static final int NUMBER = 0;
    /** What a slot holds: nothing; in v1.0 it must be NONE (N6). A bit, as a slot may also be read (CODE_BLOCK b). */
    private static final int UNUSED = 1;
    /** What a slot holds: NONE or a string reference into the pool (N3). */
    private static final int STRING = 2;

    private void slot(int i, NodeKind k, String slot, int value, int holds) {
        if ((holds & UNUSED) != 0) {
            unused(i, k, slot, value);
        }
        if ((holds & STRING) != 0) {
            string(i, k, slot, value);
        }
    }

    /** In v1.0, a slot the kind does not use must be NONE. */
    private void unused(int i, NodeKind k, String slot, int value) {
        if (strict && value != NONE) {
            throw corrupt("node " + i + " (" + k + "): slot " + slot + " is unused and must be NONE, not "
                    + unsigned(value));
        }
    }

    private void string(int i, NodeKind k, String slot, int ref) {
        // The fast path of checkString for the valid case, so a valid payload builds no message per slot.
        if (ref == NONE) {
            return;
        }
        long r = Integer.toUnsignedLong(ref);
        if (r + 4 <= pool) {
            long end = r + 4 + Integer.toUnsignedLong(u32(layout.stringOffset() + (int) r));
            if (end <= pool && (!canonical || r == nextString)) {
                if (canonical) {
                    nextString = end;
                }
                return;
            }
        }
        checkString(ref, "node " + i + " (" + k + "): slot " + slot);
    }

    /** A string reference is NONE or a length prefix and bytes that lie inside the pool. */
    private void checkString(int ref, String where) {
        if (ref == NONE) {
            return;
        }
        long r = Integer.toUnsignedLong(ref);
        if (r + 4 > pool) {
            throw corrupt(where + ": string reference " + r + " lies outside the string pool of " + pool + " bytes");
        }
        long length = Integer.toUnsignedLong(u32(layout.stringOffset() + (int) r));
        if (r + 4 + length > pool) {
            throw corrupt(where + ": string at " + r + " of " + length + " bytes overruns the string pool of "
                    + pool + " bytes");
        }
        if (canonical) {
            if (r != nextString) {
                throw corrupt("not canonical: " + where + ": string at " + r + " where the next string in order of"
                        + " first reference starts at " + nextString);
            }
            nextString = r + 4 + length;
        }
    }

    /** A node's attribute records; a directive's are plain, each with a name and a value (v1.6). */
    private void attributes(int i, NodeKind k, int first, int count, boolean directive) {
        long n = Integer.toUnsignedLong(count);
        if (n == 0) {
            if (first != NONE) {
                throw corrupt("node " + i + " (" + k + "): first attribute " + unsigned(first) + " with no attributes"
                        + " (must be NONE)");
            }
            return;
        }
        long f = Integer.toUnsignedLong(first);
        long table = Integer.toUnsignedLong(layout.attrCount());
        if (first == NONE || f + n > table) {
            throw corrupt("node " + i + " (" + k + "): attributes " + f + "+" + n + " lie outside the attribute table of "
                    + table + " records");
        }
        if (strict ? f != nextAttr : f < nextAttr) {
            throw corrupt("node " + i + " (" + k + "): attributes start at " + f + " but the records of earlier JSX"
                    + " or directive nodes end at " + nextAttr + " (each node's attributes follow the previous node's)");
        }
        nextAttr = f + n;
        for (long j = f; j < f + n; j++) {
            attribute(i, (int) j);
            if (directive && strict && (b.get(layout.attrRecord((int) j) + A_KIND) & 0xFF) != ATTR_PLAIN) {
                throw corrupt("attribute " + j + " (of node " + i + "): a directive's attribute is plain (kind "
                        + ATTR_PLAIN + ")");
            }
        }
    }

    private void attribute(int node, int j) {
        int r = layout.attrRecord(j);
        String where = "attribute " + j + " (of node " + node + ")";
        int kind = b.get(r + A_KIND) & 0xFF;
        int name = u32(r + A_NAME);
        int value = u32(r + A_VALUE);
        boolean known = kind >= ATTR_PLAIN && kind <= ATTR_SPREAD;
        if (strict) {
            if (!known) {
                throw corrupt(where + ": unknown kind " + kind);
            }
            if (b.get(r + 1) != 0 || b.getShort(r + 2) != 0) {
                throw corrupt(where + ": reserved bytes 1..3 must be zero");
            }
            if ((kind == ATTR_SPREAD) != (name == NONE)) {
                throw corrupt(where + ": " + (name == NONE ? "no name, but only a spread has none"
                        : "a spread has no name, but the name is " + unsigned(name)));
            }
            if ((kind == ATTR_BOOLEAN) != (value == NONE)) {
                throw corrupt(where + ": " + (value == NONE ? "no value, but only a boolean attribute has none"
                        : "a boolean attribute has no value, but the value is " + unsigned(value)));
            }
        }
        checkString(name, where + ": name");
        checkString(value, where + ": value");
        long start = Integer.toUnsignedLong(u32(r + A_SPAN_START));
        long end = Integer.toUnsignedLong(u32(r + A_SPAN_END));
        if (start > end || end > sourceLength) {
            throw corrupt(where + ": span [" + start + ", " + end + ") does not lie in the source of "
                    + sourceLength + " bytes");
        }
    }

    // ---- reading ----

    private int u32(int offset) {
        return b.getInt(offset);
    }

    private int parent(int i) {
        return u32(layout.record(i) + N_PARENT);
    }

    private int first(int i) {
        return u32(layout.record(i) + N_FIRST_CHILD);
    }

    private int next(int i) {
        return u32(layout.record(i) + N_NEXT_SIBLING);
    }

    private static long unsigned(int v) {
        return Integer.toUnsignedLong(v);
    }

    private static OcpException corrupt(String message) {
        return PayloadLayout.corrupt(message);
    }
}
