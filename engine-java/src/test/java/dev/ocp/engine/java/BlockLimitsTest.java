package dev.ocp.engine.java;

import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.ocp.engine.java.BlockTrees.blocks;
import static dev.ocp.engine.java.BlockTrees.engine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Container nesting: the {@link ParseOptions#maxNestingDepth()} limit, and inputs a million levels deep, which
 * must parse without recursion (a {@link StackOverflowError} would surface as an INTERNAL error).
 */
class BlockLimitsTest {
    private static final int MILLION = 1_000_000;

    @Test
    void nestingDepthLimitCountsBlockQuotesAndListItems() {
        ParseOptions three = ParseOptions.defaults().withMaxNestingDepth(3);
        try (OcpDocument doc = engine().parse("> - > a", three)) {
            assertEquals(2, deepest(doc, NodeKind.BLOCK_QUOTE));
            assertEquals(1, deepest(doc, NodeKind.LIST_ITEM));
        }
        OcpException e = assertThrows(OcpException.class, () -> engine().parse("> - > - a", three).close());
        assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code());
        assertTrue(e.getMessage().contains("maxNestingDepth 3"), e.getMessage());
        // The line where the limit was crossed is the exception's, and the message still ends with it (as the C core's).
        assertEquals(1, e.line());
        OcpException later = assertThrows(OcpException.class, () -> engine().parse("a\n\nb\n> - > - a", three).close());
        assertEquals(4, later.line());
        assertTrue(later.getMessage().endsWith(" deep (line 4)"), later.getMessage());
        // Depth is nesting, not count: many siblings at depth 1 are fine.
        try (OcpDocument doc = engine().parse("> a\n\n> b\n\n- c\n- d\n", ParseOptions.defaults().withMaxNestingDepth(1))) {
            assertEquals(1, deepest(doc, NodeKind.BLOCK_QUOTE));
        }
    }

    @Test
    void millionBlockQuotesHitTheDefaultLimit() {
        byte[] input = repeat(">", MILLION, "x\n");
        OcpException e = assertThrows(OcpException.class, () -> engine().parse(input, ParseOptions.defaults()).close());
        assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code());
        assertTrue(e.getMessage().contains("maxNestingDepth " + ParseOptions.DEFAULT_MAX_NESTING_DEPTH), e.getMessage());
    }

    @Test
    void millionBlockQuotesParseWithARaisedLimit() {
        // Two lines: the second continues every quote and the paragraph, so the stack is walked in full again.
        byte[] line = repeat(">", MILLION, "x\n");
        byte[] input = Arrays.copyOf(line, line.length * 2);
        System.arraycopy(line, 0, input, line.length, line.length);
        try (OcpDocument doc = engine().parse(input, ParseOptions.defaults().withMaxNestingDepth(MILLION))) {
            assertEquals(MILLION, deepest(doc, NodeKind.BLOCK_QUOTE));
            OcpCursor c = deepestNode(doc);
            assertEquals(NodeKind.TEXT, c.kind());
            c.toParent();
            assertEquals(NodeKind.PARAGRAPH, c.kind());
            assertEquals(MILLION, c.spanStart());
            assertEquals(input.length - 1, c.spanEnd());
        }
    }

    @Test
    void millionNestedListItemsHitTheDefaultLimit() {
        byte[] input = repeat("- ", MILLION, "x\n");
        OcpException e = assertThrows(OcpException.class, () -> engine().parse(input, ParseOptions.defaults()).close());
        assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code());
    }

    @Test
    void millionNestedListItemsParseWithARaisedLimit() {
        // Then blank lines (which every item with content continues) and a lazy continuation line.
        byte[] head = repeat("- ", MILLION, "x\n");
        byte[] tail = "\n\n\nlazy?\n".getBytes();
        byte[] input = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, input, head.length, tail.length);
        try (OcpDocument doc = engine().parse(input, ParseOptions.defaults().withMaxNestingDepth(MILLION))) {
            assertEquals(MILLION, deepest(doc, NodeKind.LIST_ITEM));
            assertEquals(MILLION, deepest(doc, NodeKind.LIST));
            // After the blank lines "lazy?" is no continuation: it is a paragraph of the document.
            OcpCursor root = doc.cursor();
            root.toFirstChild();
            assertEquals(NodeKind.LIST, root.kind());
            assertTrue(root.toNextSibling());
            assertEquals(NodeKind.PARAGRAPH, root.kind());
            assertEquals(head.length + 3, root.spanStart());
        }
    }

    @Test
    void deepNestingDoesNotChangeSmallDocuments() {
        assertEquals("LIST@0-7(-,tight){LIST_ITEM@0-7{LIST@2-7(-,tight){LIST_ITEM@2-7{LIST@4-7(-,tight){"
                + "LIST_ITEM@4-7{PARAGRAPH@6-7[\"x\"]@6-7}}}}}}", blocks("- - - x"));
    }

    /** The greatest number of {@code kind} nodes on one root-to-leaf path, walked without recursion. */
    private static int deepest(OcpDocument doc, NodeKind kind) {
        OcpCursor c = doc.cursor();
        int depth = 0;
        int best = 0;
        while (true) {
            if (c.kind() == kind) {
                depth++;
                best = Math.max(best, depth);
            }
            if (c.toFirstChild()) {
                continue;
            }
            while (true) {
                if (c.kind() == kind) {
                    depth--;
                }
                if (c.toNextSibling()) {
                    break;
                }
                if (!c.toParent()) {
                    return best;
                }
            }
        }
    }

    /** Follows first children from the root to a leaf. */
    private static OcpCursor deepestNode(OcpDocument doc) {
        OcpCursor c = doc.cursor();
        while (c.toFirstChild()) {
            // descend
        }
        return c;
    }

    private static byte[] repeat(String unit, int times, String end) {
        StringBuilder b = new StringBuilder(unit.length() * times + end.length());
        for (int i = 0; i < times; i++) {
            b.append(unit);
        }
        return b.append(end).toString().getBytes();
    }
}
