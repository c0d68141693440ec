package dev.ocp.json;

import dev.ocp.Dialect;
import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.internal.JsonChecker;
import dev.ocp.internal.PayloadBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static dev.ocp.NodeKind.*;
import static dev.ocp.internal.PayloadBuilder.*;
import static dev.ocp.internal.Trees.*;
import static dev.ocp.spi.OcpFormat.*;
import static org.junit.jupiter.api.Assertions.*;

class JsonRendererTest {

    @Test
    void oneObjectPerNodeWithTypeSpanFieldsAndChildren() {
        Node tree = doc(para(text("Hi ").span(0, 3), em(text("you").span(4, 7)).span(3, 8)).span(0, 8)).span(0, 9);
        assertEquals("{\"type\":\"document\",\"span\":[0,9],\"dialect\":\"commonmark\",\"extensions\":[],\"children\":["
                + "{\"type\":\"paragraph\",\"span\":[0,8],\"children\":["
                + "{\"type\":\"text\",\"span\":[0,3],\"literal\":\"Hi \",\"children\":[]},"
                + "{\"type\":\"emphasis\",\"span\":[3,8],\"marker\":\"*\",\"children\":["
                + "{\"type\":\"text\",\"span\":[4,7],\"literal\":\"you\",\"children\":[]}]}]}]}", json(tree));
    }

    @Test
    void typeNamesAreTheKindsInCamelCase() {
        assertEquals("document", JsonWriter.typeName(DOCUMENT));
        assertEquals("thematicBreak", JsonWriter.typeName(THEMATIC_BREAK));
        assertEquals("mdxJsxFlow", JsonWriter.typeName(MDX_JSX_FLOW));
        assertEquals("mdxEsm", JsonWriter.typeName(MDX_ESM));
        assertEquals("footnoteReference", JsonWriter.typeName(FOOTNOTE_REFERENCE));
        for (NodeKind k : NodeKind.values()) {
            String name = JsonWriter.typeName(k);
            assertTrue(name.matches("[a-z][a-zA-Z]*"), name);
            assertEquals(k.name().replace("_", ""), name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void blockFields() {
        String out = json(Dialect.MDX, kitchenSink());
        String[] expected = {
                "{\"type\":\"frontmatter\",\"span\":[0,0],\"format\":\"yaml\",\"literal\":\"title: x\\n\",\"children\":[]}",
                "{\"type\":\"mdxEsm\",\"span\":[0,0],\"literal\":\"import X from 'x'\",\"children\":[]}",
                "{\"type\":\"heading\",\"span\":[0,0],\"level\":2,\"setext\":true,\"id\":null,\"children\":[",
                "{\"type\":\"thematicBreak\",\"span\":[0,0],\"marker\":null,\"children\":[]}",
                "{\"type\":\"blockQuote\",\"span\":[0,0],\"children\":[",
                "{\"type\":\"list\",\"span\":[0,0],\"ordered\":false,\"tight\":true,\"marker\":\"-\",\"start\":null,\"spread\":false,\"children\":[",
                "{\"type\":\"list\",\"span\":[0,0],\"ordered\":true,\"tight\":false,\"marker\":\".\",\"start\":7,\"spread\":false,\"children\":[",
                "{\"type\":\"listItem\",\"span\":[0,0],\"task\":false,\"checked\":false,\"spread\":false,\"children\":[",
                "{\"type\":\"listItem\",\"span\":[0,0],\"task\":true,\"checked\":true,\"spread\":false,\"children\":[",
                "{\"type\":\"codeBlock\",\"span\":[0,0],\"fenced\":true,\"marker\":\"`\",\"info\":\"java extra\",\"literal\":\"int x;\\n\",\"unclosed\":false,\"children\":[]}",
                "{\"type\":\"codeBlock\",\"span\":[0,0],\"fenced\":false,\"marker\":null,\"info\":null,\"literal\":\"code\\n\",\"unclosed\":false,\"children\":[]}",
                "{\"type\":\"htmlBlock\",\"span\":[0,0],\"condition\":6,\"literal\":\"<div>\\n\",\"unclosed\":false,\"children\":[]}",
                "{\"type\":\"definition\",\"span\":[0,0],\"destination\":\"/url\",\"title\":\"title\",\"label\":\"Label\",\"children\":[]}",
                "{\"type\":\"table\",\"span\":[0,0],\"children\":[{\"type\":\"tableRow\",\"span\":[0,0],\"header\":true,\"children\":["
                        + "{\"type\":\"tableCell\",\"span\":[0,0],\"header\":true,\"align\":\"left\",\"children\":[",
                "{\"type\":\"tableCell\",\"span\":[0,0],\"header\":true,\"align\":null,\"children\":[",
                "{\"type\":\"tableCell\",\"span\":[0,0],\"header\":false,\"align\":\"center\",\"children\":[",
                "{\"type\":\"tableCell\",\"span\":[0,0],\"header\":false,\"align\":\"right\",\"children\":[",
                "{\"type\":\"footnoteDefinition\",\"span\":[0,0],\"label\":\"N\",\"children\":[",
                "{\"type\":\"mathBlock\",\"span\":[0,0],\"literal\":\"\\\\sum x\\n\",\"meta\":\"meta\",\"unclosed\":false,\"children\":[]}",
                "{\"type\":\"mdxJsxFlow\",\"span\":[0,0],\"name\":\"Chart\",\"attributes\":["
                        + "{\"kind\":\"plain\",\"name\":\"title\",\"value\":\"T\",\"span\":[3,4]},"
                        + "{\"kind\":\"expression\",\"name\":\"data\",\"value\":\"[1, 2]\",\"span\":[5,6]},"
                        + "{\"kind\":\"boolean\",\"name\":\"wide\",\"value\":null,\"span\":[7,8]},"
                        + "{\"kind\":\"spread\",\"name\":null,\"value\":\"...rest\",\"span\":[9,10]}],\"children\":[",
                "{\"type\":\"mdxJsxFlow\",\"span\":[0,0],\"name\":null,\"attributes\":[],\"children\":[",
                "{\"type\":\"mdxExpressionFlow\",\"span\":[0,0],\"literal\":\"x\",\"children\":[]}"};
        for (String e : expected) {
            assertTrue(out.contains(e), () -> "missing " + e + " in\n" + out);
        }
    }

    @Test
    void inlineFields() {
        String out = json(Dialect.MDX, kitchenSink());
        String[] expected = {
                "{\"type\":\"softBreak\",\"span\":[0,0],\"children\":[]}",
                "{\"type\":\"hardBreak\",\"span\":[0,0],\"marker\":null,\"children\":[]}",
                "{\"type\":\"codeSpan\",\"span\":[0,0],\"literal\":\"x<y\",\"literalWithLineEndings\":null,\"children\":[]}",
                "{\"type\":\"strong\",\"span\":[0,0],\"marker\":\"*\",\"children\":[",
                "{\"type\":\"link\",\"span\":[0,0],\"destination\":\"/u r?a=1&b=%zz\",\"title\":\"t\\\"\",\"autolink\":null,\"reference\":null,\"label\":null,\"children\":[",
                "{\"type\":\"link\",\"span\":[0,0],\"destination\":\"http://x\",\"title\":null,\"autolink\":\"angle\",\"reference\":null,\"label\":null,\"children\":[",
                "{\"type\":\"link\",\"span\":[0,0],\"destination\":\"http://www.y\",\"title\":null,\"autolink\":\"literal\",\"reference\":null,\"label\":null,\"children\":[",
                "{\"type\":\"image\",\"span\":[0,0],\"destination\":\"/i.png\",\"title\":null,\"reference\":null,\"label\":null,\"children\":[",
                "{\"type\":\"htmlInline\",\"span\":[0,0],\"literal\":\"<b>\",\"children\":[]}",
                "{\"type\":\"strikethrough\",\"span\":[0,0],\"children\":[",
                "{\"type\":\"footnoteReference\",\"span\":[0,0],\"label\":\"n\",\"children\":[]}",
                "{\"type\":\"mathInline\",\"span\":[0,0],\"literal\":\"x^2\",\"literalWithLineEndings\":null,\"children\":[]}",
                "{\"type\":\"mdxJsxText\",\"span\":[0,0],\"name\":\"Badge\",\"attributes\":[{\"kind\":\"plain\",\"name\":\"k\",\"value\":\"v\",\"span\":[1,2]}],\"children\":[",
                "{\"type\":\"mdxExpressionText\",\"span\":[0,0],\"literal\":\"1 + 1\",\"children\":[]}"};
        for (String e : expected) {
            assertTrue(out.contains(e), () -> "missing " + e + " in\n" + out);
        }
        assertTrue(out.startsWith("{\"type\":\"document\",\"span\":[0,1000],\"dialect\":\"mdx\",\"extensions\":[],\"children\":["), out);
    }

    @Test
    void everyNodeAndAttributeIsOneObjectOfWellFormedJson() {
        try (OcpDocument d = Ocp.read(new PayloadBuilder().dialect(Dialect.MDX).payload(kitchenSink()))) {
            int attributes = 8; // the JSX element's five, the directives' three
            assertEquals(d.nodeCount() + attributes, JsonChecker.check(d.toJson()));
        }
    }

    @Test
    void stringsAreEscaped() {
        String literal = "q\" b\\ s/ \n\r\t\b\f \u0001\u001f \u007f \u2028 \u00e9 \uD83D\uDE00";
        String out = json(doc(para(text(literal))));
        assertTrue(out.contains("\"literal\":\"q\\\" b\\\\ s/ \\n\\r\\t\\b\\f \\u0001\\u001f \u007f \u2028 \u00e9 \uD83D\uDE00\""), out);
        JsonChecker.check(out);
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() {
        byte[] bad = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xC0, (byte) 0xAF, 'x', (byte) 0xF4, (byte) 0x90};
        String out = json(doc(para(node(TEXT).a(bad))));
        assertTrue(out.contains("\"literal\":\"\\\"\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDx\uFFFD\uFFFD\""), out);
        JsonChecker.check(out);
    }

    @Test
    void unknownKindsAreShownWithoutTheirSubtree() {
        Node tree = doc(para(text("a"), raw(60, text("hidden")).span(1, 2), text("b")));
        try (OcpDocument d = Ocp.read(new PayloadBuilder().minor(VERSION_MINOR + 1).payload(tree))) {
            String out = d.toJson();
            assertTrue(out.contains("{\"type\":\"unknown\",\"code\":60,\"span\":[1,2],\"children\":[]}"), out);
            assertFalse(out.contains("hidden"), out);
            JsonChecker.check(out);
        }
    }

    @Test
    void spansAreUnsigned() {
        String out = json(doc(para(text("x").span(0, 0x8000_0001))).span(0, 0xFFFF_FFFE));
        assertTrue(out.contains("\"span\":[0,4294967294]"), out);
        assertTrue(out.contains("\"span\":[0,2147483649]"), out);
    }

    @Test
    void rendersTheSubtreeUnderTheCursor() throws IOException {
        try (OcpDocument d = Ocp.read(build(doc(para(text("a")), quote(para(text("b"))))))) {
            OcpCursor c = d.cursor();
            c.moveTo(4);
            StringBuilder sb = new StringBuilder();
            JsonRenderer.render(c, sb);
            assertEquals("{\"type\":\"paragraph\",\"span\":[0,0],\"children\":[{\"type\":\"text\",\"span\":[0,0],"
                    + "\"literal\":\"b\",\"children\":[]}]}", sb.toString());
        }
    }

    @Test
    void theCheckerItselfRejectsMalformedJson() {
        for (String bad : new String[]{"", "{", "{\"a\":}", "{\"a\":1,}", "[1 2]", "\"\u0001\"", "{\"a\" 1}",
                "[\"\\x\"]", "01", "[1]]", "{\"a\":1}x", "[\"\uD800\"]", "{1:2}"}) {
            assertThrows(AssertionError.class, () -> JsonChecker.check(bad), bad);
        }
        assertEquals(3, JsonChecker.check("{\"a\":[{},{\"b\":[true,false,null,-1,0,\"\\u00e9\"]}]}"));
    }
}
