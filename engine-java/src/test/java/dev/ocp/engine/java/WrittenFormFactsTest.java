package dev.ocp.engine.java;

import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facts of formats v1.3 and v1.4 that tell how the source was written where the tree alone cannot: where a
 * loose list's blank lines were (its {@code spread} and its items'), where a code span crossed lines, which HTML
 * blocks never met their end marker, and which hard breaks came after a tab. mdast and the Markdown writer read
 * them; the C core writes the same bytes (the differential tests hold it to that).
 */
class WrittenFormFactsTest {

    private static List<Boolean> spreads(String markdown) {
        List<Boolean> out = new ArrayList<>();
        try (OcpDocument doc = Ocp.engine("java").parse(markdown, ParseOptions.defaults())) {
            OcpCursor c = doc.cursor();
            for (int i = 0; i < c.nodeCount(); i++) {
                c.moveTo(i);
                if (c.kind() == NodeKind.LIST || c.kind() == NodeKind.LIST_ITEM) {
                    out.add(c.isSpread());
                }
            }
        }
        return out;
    }

    @Test
    void aBlankLineBetweenItemsSpreadsTheList() {
        assertEquals(List.of(true, false, false), spreads("- a\n\n- b\n"));
    }

    @Test
    void aBlankLineInsideAnItemSpreadsTheItemOnly() {
        // list, a, b (spread: two paragraphs), d: loose, yet no blank line between items
        assertEquals(List.of(false, false, true, false), spreads("- a\n- b\n\n  c\n- d\n"));
        try (OcpDocument doc = Ocp.engine("java").parse("- a\n- b\n\n  c\n- d\n", ParseOptions.defaults())) {
            assertFalse(doc.node(1).isTightList(), "loose all the same");
        }
    }

    @Test
    void aTightListIsSpreadNowhere() {
        assertEquals(List.of(false, false, false, false, false), spreads("- a\n  - b\n- c\n"));
    }

    @Test
    void aCodeSpanAcrossLinesKeepsItsLineEndingsBesideItsLiteral() {
        try (OcpDocument doc = Ocp.engine("java").parse("`a\nb`  `c d`\n> `e\r\n> f`", ParseOptions.defaults())) {
            OcpCursor c = doc.cursor();
            List<String[]> spans = new ArrayList<>();
            for (int i = 0; i < c.nodeCount(); i++) {
                c.moveTo(i);
                if (c.kind() == NodeKind.CODE_SPAN) {
                    spans.add(new String[] {c.literal(), c.literalWithLineEndings()});
                }
            }
            assertEquals(3, spans.size());
            assertEquals("a b", spans.get(0)[0]);
            assertEquals("a\nb", spans.get(0)[1]);
            assertEquals("c d", spans.get(1)[0]);
            assertNull(spans.get(1)[1], "a span on one line has no second form");
            assertEquals("e\nf", spans.get(2)[1], "CR LF is LF, and the block quote's marker is not content");
            assertTrue(doc.toHtml().contains("<code>a b</code>"));
        }
    }

    /** Per node of a kind, in document order: what {@code fact} says of it. */
    private static <T> List<T> facts(String markdown, NodeKind kind, java.util.function.Function<OcpCursor, T> fact) {
        List<T> out = new ArrayList<>();
        try (OcpDocument doc = Ocp.engine("java").parse(markdown, ParseOptions.defaults())) {
            OcpCursor c = doc.cursor();
            for (int i = 0; i < c.nodeCount(); i++) {
                c.moveTo(i);
                if (c.kind() == kind) {
                    out.add(fact.apply(c));
                }
            }
        }
        return out;
    }

    @Test
    void anHtmlBlockThatNeverMetItsEndMarkerIsUnclosed() {
        assertEquals(List.of(true), facts("<script>\na", NodeKind.HTML_BLOCK, OcpCursor::isUnclosed));
        assertEquals(List.of(false), facts("<script>\na</script>\nb", NodeKind.HTML_BLOCK, OcpCursor::isUnclosed));
        assertEquals(List.of(true, false), facts("> <!--\n\n<?a?>", NodeKind.HTML_BLOCK, OcpCursor::isUnclosed),
                "a comment the block quote ends; a processing instruction closed on its line");
        assertEquals(List.of(false), facts("<div>\na", NodeKind.HTML_BLOCK, OcpCursor::isUnclosed),
                "start conditions 6 and 7 have no end marker: a blank line ends them");
    }

    @Test
    void aHardBreakOfSpacesAfterATabSaysSo() {
        // A tab right before the spaces, a tab further back in the line's trailing whitespace, spaces only, a
        // backslash, and a tab in the text that follows emphasis.
        assertEquals(List.of('\t', '\t', ' ', '\\', '\t'), facts("a\t  \nb  \t  \nc  \nd\\\n*e*\t  \nf",
                NodeKind.HARD_BREAK, OcpCursor::marker));
    }
}
