package dev.ocp.internal;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static dev.ocp.NodeKind.*;
import static dev.ocp.internal.PayloadBuilder.*;
import static dev.ocp.internal.Trees.*;
import static dev.ocp.spi.OcpFormat.*;
import static org.junit.jupiter.api.Assertions.*;

class PayloadValidatorTest {

    static byte[] sink() {
        return new PayloadBuilder().dialect(Dialect.MDX).toBytes(kitchenSink());
    }

    static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static int rec(int node) {
        return HEADER_SIZE + node * NODE_RECORD_SIZE;
    }

    /** Index of the first node of that kind in a canonical payload. */
    static int find(byte[] payload, NodeKind kind) {
        ByteBuffer b = le(payload);
        int n = b.getInt(H_NODE_COUNT);
        for (int i = 0; i < n; i++) {
            if ((b.get(rec(i)) & 0xFF) == kind.code()) {
                return i;
            }
        }
        throw new AssertionError("no " + kind);
    }

    static int attrRec(byte[] payload, int index) {
        return le(payload).getInt(H_ATTR_OFFSET) + index * ATTR_RECORD_SIZE;
    }

    static OcpException rejects(byte[] payload, String messagePart) {
        OcpException e = assertThrows(OcpException.class, () -> PayloadValidator.validate(le(payload)));
        assertEquals(OcpException.Code.CORRUPT_PAYLOAD, e.code());
        assertTrue(e.getMessage().contains(messagePart), () -> "message '" + e.getMessage() + "' lacks '" + messagePart + "'");
        assertThrows(OcpException.class, () -> Ocp.read(le(payload)), "Ocp.read validates");
        return e;
    }

    // ---- acceptance ----

    @Test
    void referenceLinksCarryTheirFormAndLabelFromV12() {
        Node full = node(LINK, text("a")).a("/u").flags(FLAG_REFERENCE_FULL).c("Label");
        Node shortcut = node(IMAGE, text("b")).a("/i").flags(FLAG_REFERENCE_SHORTCUT).c("b");
        byte[] ok = new PayloadBuilder().toBytes(doc(para(full, shortcut)));
        PayloadValidator.validate(le(ok));
        try (dev.ocp.OcpDocument d = Ocp.read(le(ok))) {
            dev.ocp.OcpCursor c = d.cursor();
            c.moveTo(2);
            assertEquals(dev.ocp.OcpNode.ReferenceType.FULL, c.referenceType());
            assertEquals("Label", c.label());
            c.moveTo(4);
            assertEquals(dev.ocp.OcpNode.ReferenceType.SHORTCUT, c.referenceType());
        }
        rejects(new PayloadBuilder().toBytes(doc(para(node(LINK, text("a")).a("/u").flags(FLAG_REFERENCE_FULL)))),
                "slot c must hold the label of a reference link");
        rejects(new PayloadBuilder().toBytes(doc(para(node(LINK, text("a")).a("/u").c("x")))),
                "slot c must hold the label of a reference link");
        rejects(new PayloadBuilder().toBytes(doc(para(node(LINK, text("a")).a("/u")
                .flags(FLAG_LINK_AUTOLINK | FLAG_REFERENCE_COLLAPSED).c("a")))), "both as an autolink and as a reference");
        // v1.1 defined no reference bits: a v1.1 payload with them is corrupt, and its links read as inline ones.
        rejects(new PayloadBuilder().minor(1).toBytes(doc(para(node(LINK, text("a")).a("/u").flags(FLAG_REFERENCE_FULL)))),
                "set bits LINK does not define");
    }

    @Test
    void theFactsOfV14AreCheckedAndOlderPayloadsCannotHaveThem() {
        Node unclosed = doc(node(HTML_BLOCK).data(1).flags(FLAG_HTML_UNCLOSED).a("<script>\n"));
        PayloadValidator.validate(le(new PayloadBuilder().toBytes(unclosed)));
        try (OcpDocument d = Ocp.read(le(new PayloadBuilder().toBytes(unclosed)))) {
            assertTrue(d.node(1).isUnclosed());
        }
        rejects(new PayloadBuilder().toBytes(doc(node(HTML_BLOCK).data(6).flags(FLAG_HTML_UNCLOSED).a("<div>\n"))),
                "start condition 6 has no end marker");
        rejects(new PayloadBuilder().minor(3).toBytes(unclosed), "set bits HTML_BLOCK does not define");
        Node afterTab = doc(para(text("a"), node(HARD_BREAK).data('\t'), text("b")));
        PayloadValidator.validate(le(new PayloadBuilder().toBytes(afterTab)));
        rejects(new PayloadBuilder().minor(3).toBytes(afterTab), "marker 9 is not one of");
    }

    @Test
    void theFactsOfV15AreCheckedAndOlderPayloadsCannotHaveThem() {
        Node heading = doc(node(HEADING).data(1).flags(FLAG_HEADING_SETEXT).a(2).span(4, 9));
        PayloadValidator.validate(le(new PayloadBuilder().sourceLength(10).toBytes(heading)));
        rejects(new PayloadBuilder().sourceLength(10).toBytes(doc(node(HEADING).data(1).a(5).span(4, 9))),
                "paragraph start 5 lies after the span's start 4");
        rejects(new PayloadBuilder().minor(4).sourceLength(10).toBytes(heading), "slot a is unused");
        Node indented = doc(node(CODE_BLOCK).data(4).a("x\n").c("  ").span(4, 5));
        PayloadValidator.validate(le(new PayloadBuilder().sourceLength(6).toBytes(indented)));
        rejects(new PayloadBuilder().sourceLength(6).toBytes(doc(node(CODE_BLOCK).data(5).a("x\n").span(5, 6))),
                "5 bytes of indentation");
        rejects(new PayloadBuilder().sourceLength(6).toBytes(doc(node(CODE_BLOCK).data(3).a("x\n").span(2, 3))),
                "3 bytes of indentation before a span that starts at 2");
        rejects(new PayloadBuilder().minor(4).sourceLength(6).toBytes(indented), "data 4 must be 0");
        Node html = doc(para(node(HTML_INLINE).a("<?\n?>").c("<?\n ?>").span(0, 10)));
        PayloadValidator.validate(le(new PayloadBuilder().sourceLength(10).toBytes(html)));
        rejects(new PayloadBuilder().minor(4).sourceLength(10).toBytes(html), "slot c is unused");
    }

    /** "- [x] a": a list of one task item whose check starts at {@code check}, its paragraph at 6. */
    private static Node taskList(int flags, Object check) {
        return doc(node(LIST).flags(FLAG_LIST_TIGHT).data('-').add(node(LIST_ITEM).flags(flags).a(check)
                .add(para(text("a").span(6, 7)).span(6, 7)).span(0, 7)).span(0, 7));
    }

    @Test
    void aTaskItemsCheckLiesInTheItemBeforeItsFirstChild() {
        int task = FLAG_ITEM_TASK | FLAG_ITEM_CHECKED;
        PayloadValidator.validate(le(new PayloadBuilder().sourceLength(8).toBytes(taskList(task, 2))));
        PayloadValidator.validate(le(new PayloadBuilder().sourceLength(8).toBytes(taskList(task, 3))));
        PayloadValidator.validate(le(new PayloadBuilder().sourceLength(8).toBytes(taskList(task, null))));
        rejects(new PayloadBuilder().sourceLength(8).toBytes(taskList(task, 4)),
                "check 4 must start at or after the item's start 0 and end by 6");
        rejects(new PayloadBuilder().sourceLength(8).toBytes(taskList(task, 7)), "check 7");
        rejects(new PayloadBuilder().sourceLength(8).toBytes(taskList(task, -2)), "check 4294967294");
        Node late = doc(node(LIST).flags(FLAG_LIST_TIGHT).data('-').add(node(LIST_ITEM).flags(task).a(0)
                .add(para(text("a").span(6, 7)).span(6, 7)).span(1, 7)).span(1, 7));
        rejects(new PayloadBuilder().sourceLength(8).toBytes(late), "check 0 must start at or after the item's start 1");
        Node empty = doc(node(LIST).flags(FLAG_LIST_TIGHT).data('-').add(node(LIST_ITEM).flags(task).a(2).span(0, 5))
                .span(0, 5));
        PayloadValidator.validate(le(new PayloadBuilder().sourceLength(8).toBytes(empty)));
        rejects(new PayloadBuilder().sourceLength(8).toBytes(doc(node(LIST).flags(FLAG_LIST_TIGHT).data('-')
                .add(node(LIST_ITEM).flags(task).a(3).span(0, 5)).span(0, 5))), "end by 5 (its first child's start, or its end)");
        rejects(new PayloadBuilder().sourceLength(8).toBytes(taskList(0, 2)), "a check at 2 but not a task item");
        rejects(new PayloadBuilder().minor(4).sourceLength(8).toBytes(taskList(task, 2)), "slot a is unused");
        PayloadValidator.validate(le(new PayloadBuilder().minor(4).sourceLength(8).toBytes(taskList(task, null))));
    }

    @Test
    void acceptsValidPayloadsAndTheirCanonicalLayout() {
        for (Node tree : new Node[]{doc(), doc(para(text("Hi "), em(text("you")))), kitchenSink()}) {
            byte[] bytes = new PayloadBuilder().dialect(Dialect.MDX).toBytes(tree);
            PayloadValidator.validate(le(bytes));
            PayloadValidator.validateCanonical(le(bytes));
            PayloadValidator.validate(ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN)); // order of the view is irrelevant
            try (OcpDocument d = Ocp.read(le(bytes))) {
                assertEquals(Dialect.MDX, d.dialect());
            }
        }
    }

    @Test
    void acceptsAbsentOptionalStringsAndAnyListStart() {
        byte[] bytes = bytes(doc(fenced(null, "x\n"), para(link("/u", null, text("x")), image("/i", null)),
                ordered(0, true, item()), ordered(-2, true, item()), node(MATH_BLOCK).a("m\n"), jsxFlow(null)));
        PayloadValidator.validateCanonical(le(bytes));
    }

    @Test
    void acceptsAPayloadInsideALargerBufferThroughOcpRead() {
        byte[] bytes = bytes(doc(para(text("x"))));
        byte[] padded = new byte[bytes.length + 10];
        System.arraycopy(bytes, 0, padded, 5, bytes.length);
        ByteBuffer view = ByteBuffer.wrap(padded, 5, bytes.length);
        try (OcpDocument d = Ocp.read(view)) {
            assertEquals("<p>x</p>\n", d.toHtml());
        }
    }

    @Test
    void laterMinorVersionsMayAddKindsFieldsFlagsAndLongerRecords() {
        Node tree = doc(para(text("a"), raw(60, text("new")), text("b")), heading(1, text("h")).flags(0x80));
        byte[] v11 = new PayloadBuilder().minor(VERSION_MINOR + 1).toBytes(tree);
        PayloadValidator.validate(le(v11));
        rejects(new PayloadBuilder().minor(0).toBytes(tree), "unknown kind 60 in a v1.0 payload");

        // a v1.1 writer may append header fields and widen records: readers must use the header's sizes
        byte[] wide = widen(v11, 8, 4, 2);
        PayloadValidator.validate(le(wide));
        try (OcpDocument d = Ocp.read(le(wide))) {
            assertEquals("<p>ab</p>\n<h1>h</h1>\n", d.toHtml());
        }
        le(wide).putShort(H_VERSION_MINOR, (short) 0);
        rejects(wide, "header: size 56 in a v1.x payload");
    }

    /** Re-lays a canonical payload with a header {@code extraHeader} bytes longer and records widened. */
    static byte[] widen(byte[] canonical, int extraHeader, int extraNode, int extraAttr) {
        ByteBuffer in = le(canonical);
        int n = in.getInt(H_NODE_COUNT);
        int attrs = in.getInt(H_ATTR_COUNT);
        int pool = in.getInt(H_STRING_SIZE);
        int header = HEADER_SIZE + extraHeader;
        int nodeSize = NODE_RECORD_SIZE + extraNode;
        int attrSize = ATTR_RECORD_SIZE + extraAttr;
        int nodeOffset = header;
        int attrOffset = nodeOffset + n * nodeSize;
        int stringOffset = attrOffset + attrs * attrSize;
        int total = stringOffset + pool;
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(0, canonical, 0, HEADER_SIZE);
        out.putShort(H_HEADER_SIZE, (short) header);
        out.putShort(H_NODE_RECORD_SIZE, (short) nodeSize);
        out.putShort(H_ATTR_RECORD_SIZE, (short) attrSize);
        out.putInt(H_TOTAL_SIZE, total);
        out.putInt(H_NODE_OFFSET, nodeOffset);
        out.putInt(H_ATTR_OFFSET, attrOffset);
        out.putInt(H_STRING_OFFSET, stringOffset);
        for (int i = HEADER_SIZE; i < header; i++) {
            out.put(i, (byte) 0x5A); // unknown appended header fields
        }
        for (int i = 0; i < n; i++) {
            out.put(nodeOffset + i * nodeSize, canonical, in.getInt(H_NODE_OFFSET) + i * NODE_RECORD_SIZE, NODE_RECORD_SIZE);
            out.put(nodeOffset + i * nodeSize + NODE_RECORD_SIZE, (byte) 0x77);
        }
        for (int i = 0; i < attrs; i++) {
            out.put(attrOffset + i * attrSize, canonical, in.getInt(H_ATTR_OFFSET) + i * ATTR_RECORD_SIZE, ATTR_RECORD_SIZE);
        }
        out.put(stringOffset, canonical, in.getInt(H_STRING_OFFSET), pool);
        return out.array();
    }

    // ---- rejection, one defect at a time ----

    private record Defect(String name, Node tree, int minor, Consumer<byte[]> damage, String message) {
    }

    private static Defect defect(String name, Consumer<byte[]> damage, String message) {
        return new Defect(name, kitchenSink(false), 0, damage, message);
    }

    private static Defect defect(String name, Node tree, Consumer<byte[]> damage, String message) {
        return new Defect(name, tree, 0, damage, message);
    }

    private static Consumer<byte[]> putInt(int offset, int value) {
        return b -> le(b).putInt(offset, value);
    }

    private static Consumer<byte[]> putShort(int offset, int value) {
        return b -> le(b).putShort(offset, (short) value);
    }

    private static Consumer<byte[]> putByte(int offset, int value) {
        return b -> b[offset] = (byte) value;
    }

    /** Changes a field of the first node of a kind. */
    private static Consumer<byte[]> field(NodeKind kind, int field, int value, int width) {
        return b -> {
            int r = rec(find(b, kind)) + field;
            switch (width) {
                case 1 -> b[r] = (byte) value;
                case 2 -> le(b).putShort(r, (short) value);
                default -> le(b).putInt(r, value);
            }
        };
    }

    @TestFactory
    List<DynamicTest> rejectsEachKindOfDefect() {
        Node chain = doc(para(text("a"), em(text("b"))), para(text("c")));
        // chain: 0 doc, 1 para, 2 text a, 3 em, 4 text b, 5 para, 6 text c
        List<Defect> defects = List.of(
                // header
                defect("bad magic", putByte(0, 'X'), "bad magic"),
                defect("major 2", putShort(H_VERSION_MAJOR, 2), "major version 2"),
                defect("header size 40", putShort(H_HEADER_SIZE, 40), "header size 40"),
                defect("total size", putInt(H_TOTAL_SIZE, 12345), "header says 12345 bytes"),
                defect("small node records", putShort(H_NODE_RECORD_SIZE, 35), "record sizes 35/20"),
                defect("wide records in v1.0", putShort(H_NODE_RECORD_SIZE, 40), "record sizes 40/20 in a v1.x payload"),
                defect("node table outside", putInt(H_NODE_COUNT, 100000), "node table"),
                defect("node table before header end", putInt(H_NODE_OFFSET, 20), "node table at 20"),
                defect("string pool outside", putInt(H_STRING_SIZE, -1), "string pool"),
                defect("attribute table outside", putInt(H_ATTR_OFFSET, -8), "attribute table"),
                defect("no nodes", chain, b -> {
                    le(b).putInt(H_NODE_COUNT, 0);
                }, "at least the document node"),
                defect("sections overlap", b -> le(b).putInt(H_STRING_OFFSET, HEADER_SIZE), "sections overlap"),
                defect("dialect 3", putByte(H_DIALECT, 3), "unknown dialect 3"),
                defect("header flags", putByte(H_FLAGS, 1), "header: flags 0x1 in a v1.0 payload"),
                // tree
                defect("root not a document", chain, putByte(rec(0), PARAGRAPH.code()), "root must be DOCUMENT"),
                defect("root with parent", chain, putInt(rec(0) + N_PARENT, 0), "root has a parent"),
                defect("root with sibling", chain, putInt(rec(0) + N_NEXT_SIBLING, 1), "root has a parent or a sibling"),
                defect("root span", chain, putInt(rec(0) + N_SPAN_END, 3), "cover the whole source"),
                defect("document below root", chain, putByte(rec(5), DOCUMENT.code()), "node 5: DOCUMENT below the root"),
                defect("wrong parent", chain, putInt(rec(4) + N_PARENT, 1), "node 4: parent 1 (pre-order links make it 3)"),
                defect("parent NONE", chain, putInt(rec(2) + N_PARENT, NONE), "node 2: parent 4294967295"),
                defect("first child skips", chain, putInt(rec(1) + N_FIRST_CHILD, 3), "node 1: first child 3"),
                defect("first child past the end", chain, putInt(rec(6) + N_FIRST_CHILD, 7), "node 6: first child 7"),
                defect("lost first child", chain, putInt(rec(3) + N_FIRST_CHILD, NONE), "node 1: next sibling 5 (its subtree ends before node 4"),
                defect("sibling skips", chain, putInt(rec(2) + N_NEXT_SIBLING, 4), "node 2: next sibling 4"),
                defect("sibling backwards", chain, putInt(rec(3) + N_NEXT_SIBLING, 2), "node 3: next sibling 2"),
                defect("sibling out of range", chain, putInt(rec(5) + N_NEXT_SIBLING, 99), "node 5: next sibling 99"),
                defect("sibling to itself", chain, putInt(rec(6) + N_NEXT_SIBLING, 6), "node 6: next sibling 6"),
                defect("lost sibling", chain, putInt(rec(1) + N_NEXT_SIBLING, NONE), "node 5: unreachable"),
                // spans
                defect("span reversed", chain, b -> {
                    le(b).putInt(rec(2) + N_SPAN_START, 5);
                    le(b).putInt(rec(2) + N_SPAN_END, 4);
                }, "node 2: span [5, 4)"),
                defect("span past source", chain, putInt(rec(2) + N_SPAN_END, 1001), "node 2: span [0, 1001)"),
                defect("span end NONE", chain, putInt(rec(2) + N_SPAN_END, NONE), "span [0, 4294967295)"),
                // kinds
                defect("kind 0", chain, putByte(rec(2), 0), "node 2: unknown kind 0"),
                defect("unknown kind in v1.0", chain, putByte(rec(2), 99), "node 2: unknown kind 99 in a v1.0 payload"),
                // strings
                defect("string outside the pool", field(TEXT, N_A, 100000, 4), "slot a: string reference 100000 lies outside"),
                defect("string overruns the pool", b -> {
                    ByteBuffer x = le(b);
                    int ref = x.getInt(rec(find(b, TEXT)) + N_A);
                    x.putInt(x.getInt(H_STRING_OFFSET) + ref, 1 << 30);
                }, "overruns the string pool"),
                defect("definition label", field(DEFINITION, N_C, 1 << 28, 4), "(DEFINITION): slot c"),
                defect("footnote label", field(FOOTNOTE_REFERENCE, N_C, -7, 4), "(FOOTNOTE_REFERENCE): slot c"),
                defect("code info", field(CODE_BLOCK, N_B, 99999, 4), "(CODE_BLOCK): slot b"),
                defect("link title", field(LINK, N_B, 99999, 4), "(LINK): slot b"),
                defect("math meta", field(MATH_BLOCK, N_B, 99999, 4), "(MATH_BLOCK): slot b"),
                defect("jsx name", field(MDX_JSX_FLOW, N_A, 99999, 4), "(MDX_JSX_FLOW): slot a"),
                // data ranges and flags
                defect("heading level 0", field(HEADING, N_DATA, 0, 2), "(HEADING): level 0 is not in 1..6"),
                defect("heading level 7", field(HEADING, N_DATA, 7, 2), "level 7"),
                defect("alignment 4", field(TABLE_CELL, N_DATA, 4, 2), "(TABLE_CELL): alignment 4"),
                defect("html condition 0", field(HTML_BLOCK, N_DATA, 0, 2), "start condition 0"),
                defect("html condition 8", field(HTML_BLOCK, N_DATA, 8, 2), "start condition 8"),
                defect("frontmatter format", field(FRONTMATTER, N_DATA, 3, 2), "(FRONTMATTER): format 3"),
                defect("bullet marker", field(LIST, N_DATA, '.', 2), "is not a bullet list's"),
                defect("ordered marker", b -> {
                    int r = rec(find(b, LIST));
                    b[r + N_FLAGS] = (byte) FLAG_LIST_ORDERED;
                    le(b).putInt(r + N_A, 1);
                }, "is not an ordered list's"),
                defect("emphasis delimiter", field(EMPHASIS, N_DATA, '~', 2), "(EMPHASIS): delimiter 126"),
                defect("strong delimiter", field(STRONG, N_DATA, 0, 2), "(STRONG): delimiter 0"),
                defect("fence", field(CODE_BLOCK, N_DATA, '"', 2), "(CODE_BLOCK): fence 34"),
                defect("indented with fence", b -> {
                    int r = rec(find(b, CODE_BLOCK));
                    b[r + N_FLAGS] = 0;
                }, "(CODE_BLOCK): data 96 must be 0"),
                defect("undefined flag", field(PARAGRAPH, N_FLAGS, 4, 1), "(PARAGRAPH): flags 0x4"),
                defect("undefined heading flag", field(HEADING, N_FLAGS, 3, 1), "(HEADING): flags 0x3"),
                defect("unused data", field(BLOCK_QUOTE, N_DATA, 1, 2), "(BLOCK_QUOTE): data 1 must be 0"),
                defect("unused slot", field(TEXT, N_B, 0, 4), "(TEXT): slot b is unused"),
                defect("bullet list start", field(LIST, N_A, 1, 4), "(LIST): slot a is unused"),
                defect("checked but no task", field(LIST_ITEM, N_FLAGS, FLAG_ITEM_CHECKED, 1), "checked but not a task"),
                defect("two autolink flags", field(LINK, N_FLAGS, 3, 1), "(LINK): flagged both"),
                // JSX attributes
                defect("attributes outside the table", field(MDX_JSX_FLOW, N_C, 50, 4), "lie outside the attribute table"),
                defect("attribute count NONE", field(MDX_JSX_FLOW, N_C, NONE, 4), "lie outside the attribute table"),
                defect("attributes without start", field(MDX_JSX_FLOW, N_B, NONE, 4), "attributes 4294967295+4"),
                defect("first attribute without count", field(MDX_JSX_TEXT, N_C, 0, 4), "with no attributes"),
                defect("attributes overlap", field(MDX_JSX_FLOW, N_B, 0, 4), "attributes start at 0 but"),
                defect("orphan attributes", field(MDX_JSX_FLOW, N_C, 3, 4), "JSX nodes own 4"),
                defect("attribute kind 0", b -> b[attrRec(b, 1)] = 0, "attribute 1 (of node"),
                defect("attribute kind 5", b -> b[attrRec(b, 2)] = 5, "unknown kind 5"),
                defect("attribute reserved", b -> b[attrRec(b, 1) + 2] = 1, "reserved bytes"),
                defect("spread with name", b -> b[attrRec(b, 4)] = ATTR_PLAIN, "no name, but only a spread"),
                defect("boolean with value", b -> b[attrRec(b, 1)] = ATTR_BOOLEAN, "a boolean attribute has no value"),
                defect("value missing", b -> b[attrRec(b, 3)] = ATTR_PLAIN, "no value, but only a boolean"),
                defect("attribute string", b -> le(b).putInt(attrRec(b, 2) + A_VALUE, 77777), "value: string reference 77777"),
                defect("attribute span", b -> le(b).putInt(attrRec(b, 2) + A_SPAN_END, 2000), "span [5, 2000)"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Defect d : defects) {
            tests.add(DynamicTest.dynamicTest(d.name(), () -> {
                byte[] bytes = new PayloadBuilder().dialect(Dialect.MDX).minor(d.minor()).toBytes(d.tree());
                PayloadValidator.validate(le(bytes)); // valid before the damage
                byte[] damaged = bytes.clone();
                d.damage().accept(damaged);
                rejects(damaged, d.message());
            }));
        }
        return tests;
    }

    @Test
    void rejectsTruncationAtEveryLength() {
        byte[] bytes = sink();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            OcpException e = assertThrows(OcpException.class, () -> PayloadValidator.validate(le(cut)));
            assertEquals(OcpException.Code.CORRUPT_PAYLOAD, e.code());
        }
    }

    @Test
    void headerFlagsRecordTheExtensionsAndAgreeWithTheDialect() {
        Node tree = doc(para(text("a")));
        for (int d : new int[] {Dialect.COMMONMARK.code(), DIALECT_GFM, Dialect.MDX.code()}) {
            for (int flags = 0; flags < 8; flags++) {
                byte[] b = new PayloadBuilder().dialectCode(d).toBytes(tree);
                b[H_FLAGS] = (byte) flags;
                boolean gfm = (flags & HEADER_FLAG_GFM) != 0;
                if (d == DIALECT_GFM && !gfm || d == Dialect.COMMONMARK.code() && gfm) {
                    rejects(b, "the GFM flag");
                } else {
                    PayloadValidator.validate(le(b));
                    try (OcpDocument doc = Ocp.read(le(b))) {
                        assertEquals(Extension.fromBits(flags), doc.extensions(), d + " with flags " + flags);
                    }
                }
            }
        }
        byte[] unknown = new PayloadBuilder().toBytes(tree);
        unknown[H_FLAGS] = (byte) 0x80;
        rejects(unknown, "header: flags 0x80 in a v1." + VERSION_MINOR + " payload (defined: 0x7f)");
        byte[] commentsInV15 = new PayloadBuilder().minor(5).toBytes(tree);
        commentsInV15[H_FLAGS] = 0x40;
        rejects(commentsInV15, "header: flags 0x40 in a v1.5 payload (defined: 0x7)");
        byte[] directiveInV15 = new PayloadBuilder().minor(5).toBytes(tree);
        directiveInV15[H_FLAGS] = 0x08;
        rejects(directiveInV15, "header: flags 0x8 in a v1.5 payload (defined: 0x7)");
        byte[] alertsInV15 = new PayloadBuilder().minor(5).toBytes(tree);
        alertsInV15[H_FLAGS] = HEADER_FLAG_ALERTS;
        rejects(alertsInV15, "header: flags 0x10 in a v1.5 payload (defined: 0x7)");
        byte[] v10 = new PayloadBuilder().minor(0).gfm().toBytes(tree);
        try (OcpDocument doc = Ocp.read(le(v10))) {
            assertEquals(Set.of(Extension.GFM), doc.extensions(), "a v1.0 GFM payload has no flags, yet GFM was on");
        }
        v10[H_FLAGS] = HEADER_FLAG_MATH;
        rejects(v10, "header: flags 0x4 in a v1.0 payload (defined: 0x0)");
    }

    @Test
    void laterMinorsRelaxOnlyWhatV10Reserves() {
        Node tree = kitchenSink();
        byte[] v11 = new PayloadBuilder().dialect(Dialect.MDX).minor(VERSION_MINOR + 1).toBytes(tree);
        byte[] b = v11.clone();
        b[rec(find(b, PARAGRAPH)) + N_FLAGS] = 0x40;   // a flag a later minor defines
        le(b).putInt(rec(find(b, TEXT)) + N_B, 12345); // a slot a later minor uses
        b[H_FLAGS] = 0x40;                              // a header flag a later minor defines
        PayloadValidator.validate(le(b));
        // but what v1.0 defines is checked in every minor
        byte[] level = v11.clone();
        le(level).putShort(rec(find(level, HEADING)) + N_DATA, (short) 9);
        rejects(level, "level 9");
        byte[] checked = v11.clone();
        checked[rec(find(checked, LIST_ITEM)) + N_FLAGS] = FLAG_ITEM_CHECKED;
        rejects(checked, "checked but not a task");
        byte[] kind0 = v11.clone();
        kind0[rec(find(kind0, TEXT))] = 0;
        rejects(kind0, "unknown kind 0");
        // an indented code block's b is unused, yet readers take it as the info string: checked in every minor
        byte[] info = v11.clone();
        int indented = rec(find(info, CODE_BLOCK) + 1);
        assertEquals(0, info[indented + N_FLAGS], "the kitchen sink's second code block is indented");
        le(info).putInt(indented + N_B, 1 << 20);
        rejects(info, "(CODE_BLOCK): slot b");
        byte[] string = v11.clone();
        le(string).putInt(rec(find(string, TEXT)) + N_A, 1 << 20);
        rejects(string, "slot a");
    }

    @Test
    void unknownKindsAreNotLookedInto() {
        // a later minor's kind may use its slots in ways v1.0 cannot check; its children are still nodes
        Node tree = doc(raw(50, para(text("x"))).a(123456).b(-5).flags(0xFF).data(0xFFFF));
        byte[] bytes = new PayloadBuilder().minor(VERSION_MINOR + 1).toBytes(tree);
        PayloadValidator.validate(le(bytes));
        byte[] bad = bytes.clone();
        le(bad).putInt(rec(3) + N_A, 1 << 20);
        rejects(bad, "node 3 (TEXT): slot a");
    }

    // ---- canonical layout ----

    @Test
    void canonicalCheckFindsDeparturesThatAreOtherwiseValid() {
        // adjacent TEXT siblings
        byte[] split = bytes(doc(para(text("a"), text("b"))));
        PayloadValidator.validate(le(split));
        assertCanonicalDefect(split, "node 2 and its next sibling 3 are both TEXT");

        // strings out of order of first reference
        byte[] swapped = bytes(doc(para(text("ab"), em(text("cd")))));
        ByteBuffer s = le(swapped);
        int a = s.getInt(rec(2) + N_A);
        int c = s.getInt(rec(4) + N_A);
        s.putInt(rec(2) + N_A, c);
        s.putInt(rec(4) + N_A, a);
        PayloadValidator.validate(le(swapped));
        assertCanonicalDefect(swapped, "string at 6 where the next string");

        // a string shared by two nodes (no deduplication in the canonical layout)
        byte[] shared = bytes(doc(para(text("ab"), em(text("ab")))));
        le(shared).putInt(rec(4) + N_A, 0);
        PayloadValidator.validate(le(shared));
        assertCanonicalDefect(shared, "string at 0 where");

        // pool bytes no node references
        byte[] trailing = bytes(doc(para(text("ab"))));
        byte[] longer = Arrays.copyOf(trailing, trailing.length + 3);
        le(longer).putInt(H_TOTAL_SIZE, longer.length);
        le(longer).putInt(H_STRING_SIZE, le(trailing).getInt(H_STRING_SIZE) + 3);
        PayloadValidator.validate(le(longer));
        assertCanonicalDefect(longer, "string pool has 9 bytes but the strings referenced fill 6");

        // sections out of order (strings before nodes)
        byte[] moved = moveStringsFirst(bytes(doc(para(text("ab")))));
        PayloadValidator.validate(le(moved));
        assertCanonicalDefect(moved, "back to back");

        // wider records are valid in a later minor, never canonical for v1.0 writers
        byte[] wide = widen(new PayloadBuilder().minor(VERSION_MINOR + 1).toBytes(doc(para(text("x")))), 0, 4, 0);
        PayloadValidator.validate(le(wide));
        assertCanonicalDefect(wide, "back to back");
    }

    private static void assertCanonicalDefect(byte[] payload, String messagePart) {
        OcpException e = assertThrows(OcpException.class, () -> PayloadValidator.validateCanonical(le(payload)));
        assertEquals(OcpException.Code.CORRUPT_PAYLOAD, e.code());
        assertTrue(e.getMessage().contains("not canonical"), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), () -> e.getMessage() + " lacks " + messagePart);
    }

    private static byte[] moveStringsFirst(byte[] canonical) {
        ByteBuffer in = le(canonical);
        int nodes = in.getInt(H_NODE_COUNT) * NODE_RECORD_SIZE;
        int pool = in.getInt(H_STRING_SIZE);
        ByteBuffer out = ByteBuffer.allocate(canonical.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(0, canonical, 0, HEADER_SIZE);
        out.put(HEADER_SIZE, canonical, in.getInt(H_STRING_OFFSET), pool);
        out.put(HEADER_SIZE + pool, canonical, HEADER_SIZE, nodes);
        out.putInt(H_STRING_OFFSET, HEADER_SIZE);
        out.putInt(H_NODE_OFFSET, HEADER_SIZE + pool);
        out.putInt(H_ATTR_OFFSET, HEADER_SIZE + pool + nodes);
        return out.array();
    }
}
