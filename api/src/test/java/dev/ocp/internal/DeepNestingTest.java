package dev.ocp.internal;

import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import org.junit.jupiter.api.Test;

import static dev.ocp.NodeKind.*;
import static dev.ocp.internal.PayloadBuilder.*;
import static dev.ocp.internal.Trees.*;
import static org.junit.jupiter.api.Assertions.*;

/** Validation, rendering and cursor movement are iterative: depth costs no stack. */
class DeepNestingTest {
    private static final int DEPTH = 100_000;

    @Test
    void blockQuotesNested100000Deep() {
        Node innermost = para(text("deep"));
        Node top = innermost;
        for (int i = 0; i < DEPTH; i++) {
            top = quote(top);
        }
        try (OcpDocument d = Ocp.read(build(doc(top, para(text("after")))))) {
            String html = d.toHtml();
            String expected = "<blockquote>\n".repeat(DEPTH) + "<p>deep</p>\n" + "</blockquote>\n".repeat(DEPTH)
                    + "<p>after</p>\n";
            assertEquals(expected, html);
            assertEquals(DEPTH + 5, JsonChecker.check(d.toJson()));

            OcpCursor c = d.cursor();
            c.moveTo(1);
            assertEquals(DEPTH + 3, c.subtreeEnd());
            c.moveTo(DEPTH + 2); // the innermost TEXT
            assertEquals("deep", c.literal());
            assertTrue(c.skipSubtree(), "from the innermost node to the paragraph after all the quotes");
            assertEquals(DEPTH + 3, c.index());
            assertEquals(PARAGRAPH, c.kind());
        }
    }

    @Test
    void emphasisNested100000Deep() {
        Node top = text("x");
        for (int i = 0; i < DEPTH; i++) {
            top = em(top);
        }
        try (OcpDocument d = Ocp.read(build(doc(para(top))))) {
            assertEquals("<p>" + "<em>".repeat(DEPTH) + "x" + "</em>".repeat(DEPTH) + "</p>\n", d.toHtml());
            JsonChecker.check(d.toJson());
        }
    }

    @Test
    void imageDescriptionNested100000Deep() {
        Node top = text("alt");
        for (int i = 0; i < DEPTH; i++) {
            top = i % 2 == 0 ? strong(top) : link("/l", null, top);
        }
        try (OcpDocument d = Ocp.read(build(doc(para(image("/i", "t", top)))))) {
            assertEquals("<p><img src=\"/i\" alt=\"alt\" title=\"t\" /></p>\n", d.toHtml());
        }
    }
}
