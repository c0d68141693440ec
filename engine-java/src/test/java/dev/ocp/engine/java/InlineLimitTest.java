package dev.ocp.engine.java;

import dev.ocp.NodeKind;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * ParseOptions.maxInlineNesting bounds how deep emphasis, strikethrough, links, images and JSX elements nest; nothing
 * recurses.
 */
class InlineLimitTest {

    private static ParseOptions nesting(int limit) {
        return ParseOptions.defaults().withMaxInlineNesting(limit);
    }

    /** The deepest chain of inline containers, found iteratively. */
    private static int depth(InlineHarness h) {
        int max = 0;
        int[] stack = new int[1 << 20];
        int[] level = new int[1 << 20];
        int sp = 0;
        stack[sp] = h.doc;
        level[sp++] = 0;
        while (sp > 0) {
            int n = stack[--sp];
            int l = level[sp];
            NodeKind k = h.kind(n);
            if (k == NodeKind.EMPHASIS || k == NodeKind.STRONG || k == NodeKind.LINK || k == NodeKind.IMAGE) {
                l++;
                max = Math.max(max, l);
            }
            for (int c = h.tree.firstChild(n); c != TreeBuilder.NIL; c = h.tree.nextSibling(c)) {
                stack[sp] = c;
                level[sp++] = l;
            }
        }
        return max;
    }

    @Test
    void strongEmphasisAtTheLimitIsAllowedAndOneMoreFails() {
        // 2k asterisks on each side nest k STRONG nodes.
        assertEquals(10, depth(InlineHarness.parse("*".repeat(20) + "a" + "*".repeat(20), nesting(10))));
        OcpException e = assertThrows(OcpException.class,
                () -> InlineHarness.parse("*".repeat(22) + "a" + "*".repeat(22), nesting(10)));
        assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code());
    }

    @Test
    void nestedImagesCount() {
        assertEquals(5, depth(InlineHarness.parse("![".repeat(5) + "a" + "](b)".repeat(5), nesting(5))));
        assertThrows(OcpException.class, () -> InlineHarness.parse("![".repeat(6) + "a" + "](b)".repeat(6), nesting(5)));
    }

    @Test
    void mixedContainersCountTogetherEvenWhenEmpty() {
        // em > link > strong > image, the image without children.
        String md = "*[**![](i)**](l)*";
        InlineHarness h = InlineHarness.parse(md, nesting(4));
        assertEquals("em*(link<l>(strong*(image<i>())))", h.dump());
        assertThrows(OcpException.class, () -> InlineHarness.parse(md, nesting(3)));
    }

    @Test
    void theDefaultLimitStopsHostileNestingWithoutRecursion() {
        String md = "*".repeat(200_000) + "a" + "*".repeat(200_000);
        OcpException e = assertThrows(OcpException.class, () -> InlineHarness.parse(md));
        assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code());
        assertEquals(100_000, depth(InlineHarness.parse(md, nesting(1_000_000))));
    }

    @Test
    void linksDoNotNestSoBracketFloodsStayShallow() {
        InlineHarness h = InlineHarness.parse("[".repeat(50_000) + "a" + "](b)".repeat(50_000), nesting(1));
        assertEquals(1, depth(h));
    }
}
