package dev.ocp.engine.java;

import dev.ocp.ParseOptions;
import dev.ocp.NodeKind;
import dev.ocp.OcpException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.ocp.spi.OcpFormat.*;
import static org.junit.jupiter.api.Assertions.*;

/** The serializer writes the canonical layout whatever order the parser built the tree in. */
class TreeBuilderTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ByteBuffer write(TreeBuilder t, int sourceLength) {
        byte[] out = new byte[(int) t.sizeBound()];
        int size = t.serialize(out, 0, ParseOptions.defaults(), sourceLength);
        return ByteBuffer.wrap(out, 0, size).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int node(ByteBuffer b, int index, int field) {
        return b.getInt(b.getInt(H_NODE_OFFSET) + index * NODE_RECORD_SIZE + field);
    }

    private static int kind(ByteBuffer b, int index) {
        return b.get(b.getInt(H_NODE_OFFSET) + index * NODE_RECORD_SIZE + N_KIND);
    }

    private static String string(ByteBuffer b, int ref) {
        int at = b.getInt(H_STRING_OFFSET) + ref;
        byte[] bytes = new byte[b.getInt(at)];
        b.get(at + 4, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void nodesAreRenumberedInPreOrderWhateverTheCreationOrder() {
        TreeBuilder t = new TreeBuilder();
        t.reset(100);
        int doc = t.newNode(NodeKind.DOCUMENT, 0, 20);
        int p2 = t.newNode(NodeKind.PARAGRAPH, 10, 20);     // created before its elder sibling
        int p1 = t.newNode(NodeKind.PARAGRAPH, 0, 9);
        int text2 = t.add(NodeKind.TEXT, p2, 10, 20);
        t.setString(text2, 0, t.string(utf8("second"), 0, 6));
        int text1 = t.add(NodeKind.TEXT, p1, 0, 9);
        t.setString(text1, 0, t.string(utf8("first"), 0, 5));
        t.appendChild(doc, p1);
        t.appendChild(doc, p2);

        ByteBuffer b = write(t, 20);
        assertEquals(5, b.getInt(H_NODE_COUNT));
        int[] expectedKinds = {NodeKind.DOCUMENT.code(), NodeKind.PARAGRAPH.code(), NodeKind.TEXT.code(),
                NodeKind.PARAGRAPH.code(), NodeKind.TEXT.code()};
        for (int i = 0; i < 5; i++) {
            assertEquals(expectedKinds[i], kind(b, i), "kind of node " + i);
        }
        assertEquals(NONE, node(b, 0, N_PARENT));
        assertEquals(1, node(b, 0, N_FIRST_CHILD));
        assertEquals(3, node(b, 1, N_NEXT_SIBLING));
        assertEquals(0, node(b, 3, N_PARENT));
        assertEquals(NONE, node(b, 3, N_NEXT_SIBLING));
        assertEquals(4, node(b, 3, N_FIRST_CHILD));
        assertEquals(3, node(b, 4, N_PARENT));
        // Strings follow the pre-order walk, not creation order: "first" comes before "second".
        assertEquals(0, node(b, 2, N_A));
        assertEquals("first", string(b, node(b, 2, N_A)));
        assertEquals("second", string(b, node(b, 4, N_A)));
        assertTrue(node(b, 2, N_A) < node(b, 4, N_A));
        assertEquals(b.limit(), b.getInt(H_TOTAL_SIZE));
        assertEquals(b.limit(), b.getInt(H_STRING_OFFSET) + b.getInt(H_STRING_SIZE));
    }

    @Test
    void adjacentTextSiblingsAreMergedWithTheirSpansJoined() {
        TreeBuilder t = new TreeBuilder();
        t.reset(100);
        int doc = t.newNode(NodeKind.DOCUMENT, 0, 9);
        int p = t.add(NodeKind.PARAGRAPH, doc, 0, 9);
        String[] pieces = {"a", "b*", "c"};
        int at = 0;
        for (String piece : pieces) {
            int n = t.add(NodeKind.TEXT, p, at, at + piece.length());
            t.setString(n, 0, t.string(utf8(piece), 0, piece.length()));
            at += piece.length();
        }
        int br = t.add(NodeKind.SOFT_BREAK, p, at, at + 1);
        int last = t.add(NodeKind.TEXT, p, at + 1, at + 2);
        t.setString(last, 0, t.string(utf8("d"), 0, 1));

        ByteBuffer b = write(t, 9);
        assertEquals(5, b.getInt(H_NODE_COUNT), "document, paragraph, merged text, soft break, text");
        assertEquals(NodeKind.TEXT.code(), kind(b, 2));
        assertEquals("ab*c", string(b, node(b, 2, N_A)));
        assertEquals(0, node(b, 2, N_SPAN_START));
        assertEquals(4, node(b, 2, N_SPAN_END));
        assertEquals(3, node(b, 2, N_NEXT_SIBLING));
        assertEquals(NodeKind.SOFT_BREAK.code(), kind(b, 3));
        assertEquals("d", string(b, node(b, 4, N_A)));
        assertTrue(br >= 0);
    }

    @Test
    void movedRangesAndUnlinkedNodesAreWrittenWhereTheyEndUp() {
        TreeBuilder t = new TreeBuilder();
        t.reset(100);
        int doc = t.newNode(NodeKind.DOCUMENT, 0, 10);
        int p = t.add(NodeKind.PARAGRAPH, doc, 0, 10);
        List<Integer> texts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = t.add(NodeKind.TEXT, p, i, i + 1);
            t.setString(n, 0, t.string(utf8("" + (char) ('w' + i)), 0, 1));
            texts.add(n);
        }
        int em = t.newNode(NodeKind.EMPHASIS, 1, 3);
        t.insertBefore(p, texts.get(1), em);
        t.moveRange(p, texts.get(1), texts.get(2), em);   // w <em>x y</em> z
        int orphan = t.add(NodeKind.TEXT, p, 9, 10);
        t.setString(orphan, 0, t.string(utf8("gone"), 0, 4));
        t.unlink(p, orphan);

        ByteBuffer b = write(t, 10);
        // document, paragraph, "w", emphasis, "xy", "z"
        assertEquals(6, b.getInt(H_NODE_COUNT));
        assertEquals(NodeKind.EMPHASIS.code(), kind(b, 3));
        assertEquals("xy", string(b, node(b, 4, N_A)));
        assertEquals(3, node(b, 4, N_PARENT));
        assertEquals(5, node(b, 3, N_NEXT_SIBLING));
        assertEquals("z", string(b, node(b, 5, N_A)));
        assertFalse(new String(b.array(), StandardCharsets.ISO_8859_1).contains("gone"),
                "an unlinked node leaves nothing in the payload");
    }

    @Test
    void jsxAttributesAreWrittenAfterTheirElementName() {
        TreeBuilder t = new TreeBuilder();
        t.reset(100);
        int doc = t.newNode(NodeKind.DOCUMENT, 0, 30);
        int el = t.add(NodeKind.MDX_JSX_FLOW, doc, 0, 30);
        t.setString(el, 0, t.string(utf8("Box"), 0, 3));
        int first = t.addAttribute(ATTR_PLAIN, t.string(utf8("id"), 0, 2), t.string(utf8("x"), 0, 1), 5, 11);
        t.addAttribute(ATTR_BOOLEAN, t.string(utf8("open"), 0, 4), NONE, 12, 16);
        t.setNumber(el, 1, first);
        t.setNumber(el, 2, 2);

        ByteBuffer b = write(t, 30);
        assertEquals(2, b.getInt(H_ATTR_COUNT));
        assertEquals("Box", string(b, node(b, 1, N_A)));
        assertEquals(0, node(b, 1, N_B));
        assertEquals(2, node(b, 1, N_C));
        int attrs = b.getInt(H_ATTR_OFFSET);
        assertEquals(ATTR_PLAIN, b.get(attrs + A_KIND));
        assertEquals("id", string(b, b.getInt(attrs + A_NAME)));
        assertEquals("x", string(b, b.getInt(attrs + A_VALUE)));
        assertEquals(ATTR_BOOLEAN, b.get(attrs + ATTR_RECORD_SIZE + A_KIND));
        assertEquals(NONE, b.getInt(attrs + ATTR_RECORD_SIZE + A_VALUE));
        assertTrue(b.getInt(attrs + A_NAME) > node(b, 1, N_A), "name before attribute strings");
    }

    @Test
    void nodeLimitIsEnforced() {
        TreeBuilder t = new TreeBuilder();
        t.reset(3);
        int doc = t.newNode(NodeKind.DOCUMENT, 0, 0);
        t.add(NodeKind.PARAGRAPH, doc, 0, 0);
        t.add(NodeKind.PARAGRAPH, doc, 0, 0);
        OcpException e = assertThrows(OcpException.class, () -> t.add(NodeKind.PARAGRAPH, doc, 0, 0));
        assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code());
    }

    @Test
    void deepTreesSerializeWithoutRecursion() {
        TreeBuilder t = new TreeBuilder();
        t.reset(1_000_001);
        int parent = t.newNode(NodeKind.DOCUMENT, 0, 0);
        for (int i = 0; i < 1_000_000; i++) {
            parent = t.add(NodeKind.BLOCK_QUOTE, parent, 0, 0);
        }
        ByteBuffer b = write(t, 0);
        assertEquals(1_000_001, b.getInt(H_NODE_COUNT));
        assertEquals(999_999, node(b, 1_000_000, N_PARENT));
    }

    @Test
    void theSizeBoundCoversAStringCopiedIntoEveryReference() {
        // A definition's title is one scratch string that every link using it copies into the pool.
        StringBuilder md = new StringBuilder("[x]: /u \"" + "t".repeat(100_000) + "\"\n\n");
        for (int i = 0; i < 100; i++) {
            md.append("[x] ");
        }
        byte[] src = md.toString().getBytes(StandardCharsets.UTF_8);
        JavaParser parser = new JavaParser();
        parser.parse(src, src.length, dev.ocp.ParseOptions.defaults());
        long bound = parser.tree.sizeBound();
        byte[] out = new byte[(int) bound];
        int size = parser.tree.serialize(out, 0, ParseOptions.defaults(), src.length);
        assertTrue(size <= bound, size + " <= " + bound);
        assertTrue(size > 100 * 100_000, "every link holds its own copy of the title: " + size);
    }
}
