package dev.ocp.engine.java;

import dev.ocp.NodeKind;
import dev.ocp.ParseOptions;
import dev.ocp.engine.java.block.Definition;
import dev.ocp.spi.OcpFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link InlineParser#parseDefinition} as the block parser calls it: the contract's return value and node. */
class LinkReferenceDefinitionTest {
    private TreeBuilder tree;
    private InlineParser inline;
    private int doc;
    private int paragraph;
    private byte[] content;
    private final int base = 100; // content index i maps to source offset base + i

    @BeforeEach
    void setUp() {
        tree = new TreeBuilder();
        tree.reset(1000);
        doc = tree.newNode(NodeKind.DOCUMENT, 0, 0);
        paragraph = tree.add(NodeKind.PARAGRAPH, doc, 0, 0);
        inline = new InlineParser(tree, ParseOptions.defaults());
    }

    /** Parses one definition at content offset {@code off} of {@code text}; returns the bytes consumed. */
    private int define(String text, int off) {
        content = text.getBytes(StandardCharsets.UTF_8);
        return Definition.parseDefinition(inline, content, off, content.length - off, i -> base + i, doc, paragraph);
    }

    private int define(String text) {
        return define(text, 0);
    }

    private int definitionNode() {
        int n = tree.firstChild(doc);
        assertEquals(NodeKind.DEFINITION.code(), tree.kind(n), "a DEFINITION is inserted before the paragraph");
        assertEquals(paragraph, tree.nextSibling(n));
        return n;
    }

    private String str(int node, int slot) {
        int id = tree.slotValue(node, slot);
        if (id == OcpFormat.NONE) {
            return null;
        }
        byte[] b = new byte[tree.stringLength(id)];
        for (int i = 0; i < b.length; i++) {
            b[i] = tree.stringByte(id, i);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The reference the definitions registered for {@code label}, as "destination|title", or null. */
    private String resolve(String label) {
        // Parse "[label]" as inline content against this parser's reference map.
        byte[] text = ("[" + label + "]").getBytes(StandardCharsets.UTF_8);
        int p = tree.add(NodeKind.PARAGRAPH, doc, 0, 0);
        inline.parse(p, text, 0, text.length, i -> i);
        int link = tree.firstChild(p);
        if (tree.kind(link) != NodeKind.LINK.code()) {
            return null;
        }
        return str(link, 0) + "|" + str(link, 1);
    }

    @Test
    void simpleDefinitionToTheEndOfContent() {
        String text = "[foo]: /url \"title\"";
        assertEquals(text.length(), define(text));
        int d = definitionNode();
        assertEquals("/url", str(d, 0));
        assertEquals("title", str(d, 1));
        assertEquals("foo", str(d, 2));
        assertEquals(base, tree.spanStart(d));
        assertEquals(base + text.length(), tree.spanEnd(d));
        assertEquals("/url|title", resolve("FOO"));
    }

    @Test
    void consumesThroughTheLineEndingAndStopsThere() {
        String text = "[a]: /x  \n[b]: /y\nrest";
        int used = define(text);
        assertEquals("[a]: /x  \n".length(), used);
        assertEquals("[b]: /y\n".length(), define(text, used));
        assertEquals(0, define(text, used + "[b]: /y\n".length()));
        int first = tree.firstChild(doc);
        assertEquals(base + "[a]: /x  ".length(), tree.spanEnd(first), "the span ends with its line, as blocks do");
    }

    @Test
    void partsOnSeparateLinesAndMultiLineTitle() {
        String text = "[Foo bar]:\n<my url>\n'title\nline2'\nnext";
        assertEquals(text.length() - "next".length(), define(text));
        int d = definitionNode();
        assertEquals("my url", str(d, 0));
        assertEquals("title\nline2", str(d, 1));
        assertEquals("Foo bar", str(d, 2));
        assertEquals(base + text.indexOf("\nnext"), tree.spanEnd(d));
    }

    @Test
    void escapesAndReferencesAreDecodedButTheLabelIsAsWritten() {
        define("[Foo*bar\\]]:my_(url) 'title (with parens)'");
        int d = definitionNode();
        assertEquals("my_(url)", str(d, 0));
        assertEquals("title (with parens)", str(d, 1));
        assertEquals("Foo*bar\\]", str(d, 2));
        setUp();
        define("[x]: /f&ouml;\\* \"f&ouml;\\\"\"");
        assertEquals("/fö*", str(definitionNode(), 0));
        assertEquals("fö\"", str(definitionNode(), 1));
    }

    @Test
    void aTitleFollowedByTextEndsTheDefinitionBeforeIt() {
        String text = "[foo]: /url\n\"title\" ok";
        assertEquals("[foo]: /url\n".length(), define(text));
        assertNull(str(definitionNode(), 1));
        setUp();
        assertEquals(0, define("[foo]: /url \"title\" ok"), "on the destination's line it is not a definition at all");
    }

    @Test
    void titleMustBeSeparatedFromTheDestination() {
        assertEquals(0, define("[foo]: <bar>(baz)"));
    }

    @Test
    void emptyDestinationOnlyInAngleBrackets() {
        assertEquals(0, define("[foo]:"));
        assertEquals(0, define("[foo]:\n"));
        assertEquals("[foo]: <>".length(), define("[foo]: <>"));
        assertEquals("", str(definitionNode(), 0));
    }

    @Test
    void notDefinitions() {
        assertEquals(0, define("foo [bar]: /u"));
        assertEquals(0, define("[]: /u"));
        assertEquals(0, define("[ \n ]: /u"));
        assertEquals(0, define("[foo] : /u"));
        assertEquals(0, define("[foo]: <a\nb>"));
        assertEquals(0, define("[foo[bar]]: /u"));
        assertEquals(0, define("[" + "a".repeat(1000) + "]: /u"));
        assertEquals(tree.firstChild(doc), paragraph, "no node was inserted");
    }

    @Test
    void firstDefinitionOfALabelWinsButEveryOneGetsANode() {
        int used = define("[foo]: /first\n[FOO]: /second");
        define("[foo]: /first\n[FOO]: /second", used);
        assertEquals("/first|null", resolve("Foo"));
        int first = tree.firstChild(doc);
        assertEquals("/second", str(tree.nextSibling(first), 0));
    }

    @Test
    void labelsAreNormalizedByCaseFoldingAndWhitespace() {
        define("[  ẞ \t\n  Straße ]: /u");
        assertEquals("/u|null", resolve("ss strasse"));
        assertEquals("/u|null", resolve("SS\nSTRASSE"));
        assertNull(resolve("ss  strasse x"));
    }

    @Test
    void leadingIndentationIsAllowed() {
        assertEquals("   [foo]: /u".length(), define("   [foo]: /u"));
        assertEquals(base + 3, tree.spanStart(definitionNode()));
    }
}
