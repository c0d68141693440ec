package dev.ocp.engine.java;

import dev.ocp.engine.java.block.HtmlBlock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seven HTML block start conditions and the end conditions of types 1 to 5, line by line. */
class HtmlBlocksTest {

    private static int start(String line, boolean allow7) {
        // Padded on both sides so that a scanner reading outside [from, end) would be caught by the results.
        byte[] b = ("<<" + line + "\n>").getBytes(StandardCharsets.UTF_8);
        return HtmlBlock.startCondition(b, 2, b.length - 2, allow7);
    }

    private static int start(String line) {
        return start(line, true);
    }

    private static boolean ends(int type, String line) {
        byte[] b = ("</pre>" + line + "-->").getBytes(StandardCharsets.UTF_8);
        return HtmlBlock.endCondition(type, b, 6, b.length - 3);
    }

    @Test
    void condition1() {
        assertEquals(1, start("<pre"));
        assertEquals(1, start("<PRE class=\"x\">"));
        assertEquals(1, start("<script>"));
        assertEquals(1, start("<style\tmedia=x"));
        assertEquals(1, start("<textarea>"));
        assertEquals(0, start("<pre/>", false));
        assertEquals(0, start("<prefix>", false));
        assertEquals(0, start("</pre>", false));
    }

    @Test
    void aByteAboveAsciiAfterTheNameIsNotABoundary() {
        byte[] b = {'<', 'p', 'r', 'e', (byte) 0xFF, '\n'};
        assertEquals(0, HtmlBlock.startCondition(b, 0, b.length - 1, false), "<pre followed by 0xFF");
        byte[] div = {'<', 'd', 'i', 'v', (byte) 0xFF, '\n'};
        assertEquals(0, HtmlBlock.startCondition(div, 0, div.length - 1, false), "<div followed by 0xFF");
    }

    @Test
    void conditions2To5() {
        assertEquals(2, start("<!-- x"));
        assertEquals(2, start("<!---->"));
        assertEquals(3, start("<?php"));
        assertEquals(4, start("<!DOCTYPE html>"));
        assertEquals(4, start("<!x"));
        assertEquals(5, start("<![CDATA[ x"));
        assertEquals(0, start("<!-x", false));
        assertEquals(0, start("<![cdata[", false));
        assertEquals(0, start("<!", false));
        assertEquals(0, start("<", false));
    }

    @Test
    void condition6() {
        assertEquals(6, start("<div>"));
        assertEquals(6, start("<DIV CLASS=\"foo\">"));
        assertEquals(6, start("</div>"));
        assertEquals(6, start("<h1>"));
        assertEquals(6, start("<table"));
        assertEquals(6, start("<hr/>"));
        assertEquals(6, start("<search\t"));
        assertEquals(6, start("<ul unclosed"));
        // The name must end there.
        assertEquals(0, start("<divx>", false));
        assertEquals(0, start("<div-x>", false));
        assertEquals(0, start("<h7>", false));
        assertEquals(0, start("<source>", false)); // dropped from the list in spec 0.31
        assertEquals(0, start("<div/ >", false));
    }

    @Test
    void condition7() {
        assertEquals(7, start("<a>"));
        assertEquals(7, start("<custom-tag>  \t"));
        assertEquals(7, start("<a href=\"x\" title='y' data-z=w checked>"));
        assertEquals(7, start("<a b = c/>"));
        assertEquals(7, start("<x :a _b.c-d>"));
        assertEquals(7, start("</custom>"));
        assertEquals(7, start("</a  >"));
        // Not while it would interrupt a paragraph.
        assertEquals(0, start("<a>", false));
        // Incomplete or malformed tags, or text after the tag.
        assertEquals(0, start("<a"));
        assertEquals(0, start("<a href=>"));
        assertEquals(0, start("<a href=\"x>"));
        assertEquals(0, start("<a b=c`d>"));
        assertEquals(0, start("<a\"b>"));
        assertEquals(0, start("<a b='c'd>"));
        assertEquals(0, start("<a> x"));
        assertEquals(0, start("<1a>"));
        assertEquals(0, start("</a b>"));
        assertEquals(0, start("<a/ >"));
    }

    @Test
    void endConditions() {
        assertTrue(ends(1, "x</PRE>"));
        assertTrue(ends(1, "</script>y"));
        assertTrue(ends(1, "a</style></textarea>"));
        assertFalse(ends(1, "</pre"));
        assertFalse(ends(1, "</pres>"));
        assertFalse(ends(1, "</ pre>"));
        assertTrue(ends(2, "x -->"));
        assertFalse(ends(2, "- ->"));
        assertFalse(ends(2, "--"));
        assertTrue(ends(3, "?>"));
        assertFalse(ends(3, "?"));
        assertTrue(ends(4, "a>"));
        assertFalse(ends(4, "a"));
        assertTrue(ends(5, "]]>"));
        assertFalse(ends(5, "]]"));
        assertFalse(ends(6, "anything"));
        assertFalse(ends(7, "</div>"));
    }
}
