package dev.ocp.engine.java;

import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million of each inline opener, and a million list markers of the ordered kind, through the whole engine and
 * the HTML renderer: nothing recurses on the input's depth, so none ends in a {@link StackOverflowError} (which
 * would surface as that error or as an INTERNAL failure). Where the nesting is real, the default limit refuses
 * it and a raised one builds it. (A million {@code >} and bullet items are in {@link BlockLimitsTest}.)
 */
class DeepInlineTest {
    private static final int MILLION = 1_000_000;
    private static final OcpEngine ENGINE = Ocp.engine("java");
    private static final ParseOptions RAISED = ParseOptions.defaults().withMaxNestingDepth(2 * MILLION)
            .withMaxInlineNesting(2 * MILLION);

    private static String html(String markdown, ParseOptions options) {
        try (OcpDocument doc = ENGINE.parse(markdown, options)) {
            return doc.toHtml();
        }
    }

    @Test
    void aMillionOpenBrackets() {
        String md = "[".repeat(MILLION);
        assertEquals("<p>" + md + "</p>\n", html(md, ParseOptions.defaults()));
    }

    @Test
    void aMillionImageOpeners() {
        String md = "![".repeat(MILLION);
        assertEquals("<p>" + md + "</p>\n", html(md, ParseOptions.defaults()));
    }

    @Test
    void aMillionNestedInlineLinksMakeOneLink() {
        // Links may not contain links: the innermost one is a link, every outer bracket stays text.
        String md = "[".repeat(MILLION) + "a" + "](b)".repeat(MILLION);
        String expected = "<p>" + "[".repeat(MILLION - 1) + "<a href=\"b\">a</a>" + "](b)".repeat(MILLION - 1) + "</p>\n";
        assertEquals(expected, html(md, ParseOptions.defaults()));
    }

    @Test
    void aMillionNestedImagesNeedTheLimitRaised() {
        String md = "![".repeat(MILLION) + "a" + "](b)".repeat(MILLION);
        OcpException e = assertThrows(OcpException.class, () -> ENGINE.parse(md, ParseOptions.defaults()).close());
        assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code());
        assertTrue(e.getMessage().contains("maxInlineNesting " + ParseOptions.DEFAULT_MAX_INLINE_NESTING), e.getMessage());
        try (OcpDocument doc = ENGINE.parse(md, RAISED)) {
            assertEquals(MILLION, chain(doc, NodeKind.IMAGE));
            assertEquals("<p><img src=\"b\" alt=\"a\" /></p>\n", doc.toHtml(), "the alt text flattens every level");
        }
    }

    @Test
    void aMillionAsterisksOnEachSideNestStrongEmphasis() {
        String md = "*".repeat(MILLION) + "a" + "*".repeat(MILLION);
        assertThrows(OcpException.class, () -> ENGINE.parse(md, ParseOptions.defaults()).close());
        try (OcpDocument doc = ENGINE.parse(md, RAISED)) {
            assertEquals(MILLION / 2, chain(doc, NodeKind.STRONG));
            assertEquals("<p>" + "<strong>".repeat(MILLION / 2) + "a" + "</strong>".repeat(MILLION / 2) + "</p>\n",
                    doc.toHtml());
        }
    }

    @Test
    void aMillionOrderedListMarkers() {
        String md = "1. ".repeat(MILLION) + "x\n";
        OcpException e = assertThrows(OcpException.class, () -> ENGINE.parse(md, ParseOptions.defaults()).close());
        assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code());
        try (OcpDocument doc = ENGINE.parse(md, RAISED)) {
            assertEquals(MILLION, chain(doc, NodeKind.LIST));
            String html = doc.toHtml();
            assertTrue(html.startsWith("<ol>\n<li>\n<ol>\n<li>\n") && html.endsWith("</li>\n</ol>\n</li>\n</ol>\n"),
                    "rendered without recursion");
        }
    }

    /** How many {@code kind} nodes the first-child chain from the root passes. */
    private static int chain(OcpDocument doc, NodeKind kind) {
        OcpCursor c = doc.cursor();
        int n = 0;
        while (c.toFirstChild()) {
            if (c.kind() == kind) {
                n++;
            }
        }
        return n;
    }
}
