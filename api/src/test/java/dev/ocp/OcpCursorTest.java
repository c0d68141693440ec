package dev.ocp;

import dev.ocp.internal.PayloadBuilder;
import dev.ocp.internal.PayloadBuilder.Node;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.ocp.NodeKind.*;
import static dev.ocp.internal.PayloadBuilder.*;
import static dev.ocp.spi.OcpFormat.*;
import static org.junit.jupiter.api.Assertions.*;

class OcpCursorTest {

    // 0 doc, 1 heading, 2 text "Title", 3 para, 4 link, 5 text "l", 6 text " tail",
    // 7 list, 8 item, 9 para, 10 text "x", 11 code block, 12 jsx, 13 footnote def, 14 para, 15 text
    private static Node tree() {
        return doc(
                node(HEADING, text("Title").span(2, 7)).data(2).span(0, 8),
                para(node(LINK, text("l")).a("/d\u00e9st").b("T").span(9, 20), text(" tail")).span(9, 26),
                node(LIST, node(LIST_ITEM, para(text("x")))).flags(FLAG_LIST_ORDERED | FLAG_LIST_TIGHT).data(')').a(42),
                node(CODE_BLOCK).flags(FLAG_CODE_FENCED).data('~').a("code\n").b("py"),
                node(MDX_JSX_FLOW).a("Box").attr(ATTR_PLAIN, "a", "1", 30, 35).attr(ATTR_BOOLEAN, "b", null, 36, 37)
                        .attr(ATTR_SPREAD, null, "...p", 38, 44),
                node(FOOTNOTE_DEFINITION, para(text("fn"))).c("Note")).span(0, 100);
    }

    private static OcpDocument open(Node tree) {
        return Ocp.read(new PayloadBuilder().dialect(Dialect.MDX).payload(tree));
    }

    @Test
    void navigatesThePreOrderTree() {
        try (OcpDocument d = open(tree())) {
            OcpCursor c = d.cursor();
            assertEquals(0, c.index());
            assertEquals(DOCUMENT, c.kind());
            assertEquals(16, c.nodeCount());
            assertEquals(100, c.sourceLength());
            assertEquals(Dialect.MDX, c.dialect());
            assertFalse(c.toParent());
            assertFalse(c.toNextSibling());
            assertEquals(-1, c.parentIndex());
            assertTrue(c.toFirstChild());
            assertEquals(1, c.index());
            assertEquals(HEADING, c.kind());
            assertEquals(2, c.headingLevel());
            assertEquals(0, c.spanStart());
            assertEquals(8, c.spanEnd());
            List<NodeKind> top = new ArrayList<>();
            do {
                top.add(c.kind());
                assertEquals(0, c.parentIndex());
            } while (c.toNextSibling());
            assertEquals(List.of(HEADING, PARAGRAPH, LIST, CODE_BLOCK, MDX_JSX_FLOW, FOOTNOTE_DEFINITION), top);
            assertEquals(-1, c.nextSiblingIndex());
            assertTrue(c.toFirstChild());
            assertTrue(c.toFirstChild());
            assertEquals(15, c.index());
            assertFalse(c.hasChildren());
            assertEquals(-1, c.firstChildIndex());
            assertFalse(c.toFirstChild());
            assertTrue(c.toParent());
            assertEquals(14, c.index());
        }
    }

    @Test
    void skipsSubtrees() {
        try (OcpDocument d = open(tree())) {
            OcpCursor c = d.cursor();
            c.moveTo(3);
            assertEquals(7, c.subtreeEnd());
            assertTrue(c.skipSubtree());
            assertEquals(7, c.index());
            c.moveTo(10); // last node of the list's subtree: the next is the code block, a sibling of its ancestor
            assertEquals(11, c.subtreeEnd());
            assertTrue(c.skipSubtree());
            assertEquals(CODE_BLOCK, c.kind());
            c.moveTo(13);
            assertEquals(16, c.subtreeEnd());
            assertFalse(c.skipSubtree());
            assertEquals(13, c.index());
            c.moveTo(0);
            assertEquals(16, c.subtreeEnd());
            assertFalse(c.skipSubtree());
            assertThrows(IndexOutOfBoundsException.class, () -> c.moveTo(16));
            assertThrows(IndexOutOfBoundsException.class, () -> c.moveTo(-1));
        }
    }

    @Test
    void typedAccessorsReadTheirKindsOnly() {
        try (OcpDocument d = open(tree())) {
            OcpCursor c = d.cursor();
            c.moveTo(4);
            assertEquals(LINK, c.kind());
            assertEquals("/d\u00e9st", c.destination());
            assertEquals("T", c.title());
            assertNull(c.literal());
            assertNull(c.info());
            assertNull(c.label());
            assertNull(c.jsxName());
            assertEquals(0, c.headingLevel());
            assertEquals(0, c.listStart());
            assertEquals(0, c.attributeCount());
            c.moveTo(6);
            assertEquals(" tail", c.literal());
            assertNull(c.destination());
            c.moveTo(7);
            assertEquals(42, c.listStart());
            assertEquals(')', c.data());
            assertEquals(FLAG_LIST_ORDERED | FLAG_LIST_TIGHT, c.flags());
            c.moveTo(11);
            assertEquals("code\n", c.literal());
            assertEquals("py", c.info());
            assertEquals('~', c.data());
            c.moveTo(13);
            assertEquals("Note", c.label());
            assertNull(c.literal());
            assertNull(c.bytes(OcpNode.Field.LITERAL));
            assertNull(c.bytes(OcpNode.Field.DESTINATION));
        }
    }

    @Test
    void markersConditionsAndAutolinkKinds() {
        Node tree = doc(node(HTML_BLOCK).data(2).a("<!-- x -->\n"),
                para(node(LINK, text("w")).flags(FLAG_LINK_LITERAL).a("http://w"),
                        node(LINK, text("a")).flags(FLAG_LINK_AUTOLINK).a("http://a"),
                        node(EMPHASIS, text("e")).data('_'), node(STRONG, text("s")).data('*')),
                node(CODE_BLOCK).a("indented\n"));
        try (OcpDocument d = open(tree)) {
            OcpCursor c = d.cursor();
            c.moveTo(1);
            assertEquals(2, c.htmlBlockCondition());
            assertEquals(0, c.marker());
            c.moveTo(3);
            assertTrue(c.isAutolink());
            assertTrue(c.isAutolinkLiteral());
            c.moveTo(5);
            assertTrue(c.isAutolink());
            assertFalse(c.isAutolinkLiteral());
            assertEquals(0, c.htmlBlockCondition());
            c.moveTo(7);
            assertEquals('_', c.marker());
            c.moveTo(9);
            assertEquals('*', c.marker());
            c.moveTo(11);
            assertEquals(CODE_BLOCK, c.kind());
            assertEquals(0, c.marker(), "indented code has no fence");
        }
        try (OcpDocument d = open(tree())) {
            OcpCursor c = d.cursor();
            c.moveTo(7);
            assertEquals(')', c.marker());
            c.moveTo(11);
            assertEquals('~', c.marker());
            c.moveTo(2);
            assertEquals(0, c.marker());
        }
    }

    @Test
    void theWalksNodesTellTheirNeighbours() {
        try (OcpDocument d = open(tree())) {
            List<String> seen = new ArrayList<>();
            d.walk(n -> {
                seen.add(n.index() + ":" + n.parentIndex() + "/" + n.firstChildIndex() + "/" + n.nextSiblingIndex());
                return n.kind() != LIST;
            });
            assertEquals(List.of("0:-1/1/-1", "1:0/2/3", "2:1/-1/-1", "3:0/4/7", "4:3/5/6", "5:4/-1/-1", "6:3/-1/-1",
                    "7:0/8/11", "11:0/-1/12", "12:0/-1/13", "13:0/14/-1", "14:13/15/-1", "15:14/-1/-1"), seen);
        }
    }

    @Test
    void jsxAttributes() {
        try (OcpDocument d = open(tree())) {
            OcpCursor c = d.cursor();
            c.moveTo(12);
            assertEquals("Box", c.jsxName());
            assertEquals(3, c.attributeCount());
            assertEquals(OcpNode.AttributeKind.PLAIN, c.attributeKind(0));
            assertEquals("a", c.attributeName(0));
            assertEquals("1", c.attributeValue(0));
            assertEquals(30, c.attributeSpanStart(0));
            assertEquals(35, c.attributeSpanEnd(0));
            assertEquals(OcpNode.AttributeKind.BOOLEAN, c.attributeKind(1));
            assertNull(c.attributeValue(1));
            assertEquals(OcpNode.AttributeKind.SPREAD, c.attributeKind(2));
            assertNull(c.attributeName(2));
            assertEquals("...p", c.attributeValue(2));
            assertEquals(44, c.attributeSpanEnd(2));
            assertThrows(IndexOutOfBoundsException.class, () -> c.attributeKind(3));
            assertThrows(IndexOutOfBoundsException.class, () -> c.attributeName(-1));
            c.moveTo(1);
            assertThrows(IndexOutOfBoundsException.class, () -> c.attributeValue(0));
        }
    }

    @Test
    void stringSlicesAreZeroCopyViewsOfThePayload() {
        byte[] bytes = PayloadBuilder.bytes(doc(para(text("hello"))));
        try (OcpDocument d = Ocp.read(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN))) {
            OcpCursor c = d.cursor();
            c.moveTo(2);
            ByteBuffer slice = c.bytes(OcpNode.Field.LITERAL);
            assertTrue(slice.isReadOnly());
            assertEquals(5, slice.remaining());
            assertEquals(0, slice.position());
            int at = bytes.length - 5;
            assertEquals('h', bytes[at]);
            bytes[at] = 'j'; // the caller owns the memory: the view sees the change, so nothing was copied
            assertEquals('j', slice.get(0));
            assertEquals("jello", StandardCharsets.UTF_8.decode(slice).toString());
            assertNull(c.bytes(OcpNode.Field.DESTINATION));
            assertNull(c.title());
            assertEquals(at, c.stringOffset(OcpNode.Field.LITERAL), "the string's place in the payload");
            assertEquals(5, c.stringLength(OcpNode.Field.LITERAL));
            assertEquals(-1, c.stringOffset(OcpNode.Field.DESTINATION));
            assertEquals(-1, c.stringLength(OcpNode.Field.TITLE));
            assertEquals('j', d.bytes().get(c.stringOffset(OcpNode.Field.LITERAL)));
        }
    }

    @Test
    void copiesMoveIndependently() {
        try (OcpDocument d = open(tree())) {
            OcpCursor c = d.cursor();
            c.moveTo(3);
            OcpCursor other = c.copy();
            assertTrue(other.toFirstChild());
            assertEquals(4, other.index());
            assertEquals(3, c.index());
            assertSame(d, c.document());
            assertEquals("OcpCursor[node 3, PARAGRAPH]", c.toString());
        }
    }

    @Test
    void unknownKindsReportNullAndTheirCode() {
        try (OcpDocument d = Ocp.read(new PayloadBuilder().minor(VERSION_MINOR + 1).payload(doc(raw(77, para()), para())))) {
            OcpCursor c = d.cursor();
            c.moveTo(1);
            assertNull(c.kind());
            assertEquals(77, c.kindCode());
            assertEquals("OcpCursor[node 1, kind 77]", c.toString());
            assertTrue(c.skipSubtree());
            assertEquals(PARAGRAPH, c.kind());
        }
    }

    @Test
    void everyCallChecksTheDocumentIsOpen() {
        OcpDocument d = open(tree());
        OcpCursor c = d.cursor();
        c.moveTo(12);
        d.close();
        List<Consumer<OcpCursor>> calls = List.of(OcpCursor::copy, OcpCursor::dialect, OcpCursor::nodeCount,
                OcpCursor::sourceLength, OcpCursor::index, x -> x.moveTo(0), OcpCursor::toFirstChild,
                OcpCursor::toNextSibling, OcpCursor::toParent, OcpCursor::skipSubtree, OcpCursor::subtreeEnd,
                OcpCursor::kind, OcpCursor::kindCode, OcpCursor::flags, OcpCursor::data, OcpCursor::parentIndex,
                OcpCursor::firstChildIndex, OcpCursor::nextSiblingIndex, OcpCursor::hasChildren, OcpCursor::spanStart,
                OcpCursor::spanEnd, x -> x.bytes(OcpNode.Field.LITERAL), x -> x.string(OcpNode.Field.LABEL),
                x -> x.walk(n -> true),
                OcpCursor::isSetextHeading, OcpCursor::isOrderedList, OcpCursor::isTightList, OcpCursor::isTask,
                OcpCursor::isChecked, OcpCursor::isFencedCode, OcpCursor::isTableHeader, OcpCursor::alignment,
                OcpCursor::isAutolink, OcpCursor::isAutolinkLiteral, OcpCursor::marker, OcpCursor::htmlBlockCondition,
                OcpCursor::referenceType, x -> x.stringOffset(OcpNode.Field.JSX_NAME),
                x -> x.stringLength(OcpNode.Field.JSX_NAME), OcpCursor::frontmatterFormat, OcpCursor::literal,
                OcpCursor::destination, OcpCursor::title, OcpCursor::info, OcpCursor::label, OcpCursor::jsxName,
                OcpCursor::headingLevel, OcpCursor::listStart, OcpCursor::attributeCount, x -> x.attributeKind(0),
                x -> x.attributeName(0), x -> x.attributeValue(0), x -> x.attributeSpanStart(0),
                x -> x.attributeSpanEnd(0));
        for (Consumer<OcpCursor> call : calls) {
            assertThrows(IllegalStateException.class, () -> call.accept(c));
        }
        assertEquals("OcpCursor[node 12, document closed]", c.toString());
        assertThrows(IllegalStateException.class, d::cursor);
        assertThrows(IllegalStateException.class, d::nodeCount);
    }
}
