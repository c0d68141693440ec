package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.ParseOptions;
import dev.ocp.tck.MarkdownGenerator;
import dev.ocp.tck.SpecExample;
import dev.ocp.text.TextRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Writer;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plain-text rendering ({@link OcpDocument#toText()}, {@link TextRenderer}): for each kind of node, exactly the
 * text it gives, over CommonMark, GFM, MDX, math and frontmatter.
 */
class TextRenderingTest {
    private static final ParseOptions COMMONMARK = ParseOptions.defaults();
    private static final ParseOptions GFM = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);
    private static final ParseOptions MDX_PAGE = ParseOptions.of(Dialect.MDX, Extension.GFM, Extension.FRONTMATTER,
            Extension.MATH);

    private static String text(String markdown, ParseOptions options) {
        try (OcpDocument doc = BlockTrees.engine().parse(markdown, options)) {
            return doc.toText();
        }
    }

    private static String text(String markdown) {
        return text(markdown, COMMONMARK);
    }

    @Test
    void blocksAreSeparatedByOneBlankLineAndTheTextEndsWithOneLineBreak() {
        assertEquals("Title\n\nOne paragraph.\n\nAnother.\n", text("# Title\n\nOne paragraph.\n\n\n\nAnother."));
        assertEquals("Setext\n\nnext\n", text("Setext\n======\nnext\n"));
        assertEquals("", text(""));
        assertEquals("", text("\n\n   \n"));
    }

    @Test
    void softAndHardBreaksBecomeLineBreaks() {
        assertEquals("one\ntwo\nthree\n", text("one\ntwo  \nthree"));
        assertEquals("a\nb\n", text("a\\\nb"));
    }

    @Test
    void emphasisStrongAndEscapesLeaveTheirTextOnly() {
        assertEquals("a b c *d* & <e>\n", text("*a* **b** _c_ \\*d\\* &amp; &lt;e&gt;"));
    }

    @Test
    void codeKeepsItsContentWithoutFencesOrInfo() {
        assertEquals("Run it:\n\nmvn -q install\n  indented\n\ncall x() now\n",
                text("Run it:\n\n```sh title=\"x\"\nmvn -q install\n  indented\n```\n\ncall `x()` now"));
        assertEquals("indented code\n\nafter\n", text("    indented code\n\nafter"));
        // A code block's own blank lines stay; empty code blocks give nothing.
        assertEquals("a\n\nb\n\nc\n", text("```\na\n\nb\n```\n```\n```\nc"));
    }

    @Test
    void linksKeepTheirTextAndImagesTheirAltText() {
        assertEquals("See the docs and https://example.com.\n",
                text("See [the *docs*](https://x.org \"T\") and <https://example.com>."));
        assertEquals("A cat on a mat\n", text("![A *cat* on `a` mat](cat.png \"title\")"));
        assertEquals("ref text\n", text("[ref *text*][r]\n\n[r]: /url \"title\""));
    }

    @Test
    void rawHtmlAndDefinitionsAndThematicBreaksAreDropped() {
        assertEquals("keep this\n\nand that\n",
                text("<div class=\"x\">\n\n</div>\n\nkeep <b>this</b>\n\n***\n\n[a]: /b\n\nand that"));
        assertEquals("", text("<!-- comment -->\n"));
    }

    @Test
    void blockQuotesKeepTheirBlocks() {
        assertEquals("before\n\nquoted\nline\n\nsecond\n\nafter\n", text("before\n\n> quoted\nline\n>\n> second\n\nafter"));
    }

    @Test
    void tightListItemsAreLinesAndLooseOnesParagraphs() {
        assertEquals("one\ntwo\nthree\n\nafter\n", text("- one\n- two\n- three\n\nafter"));
        assertEquals("one\n\ntwo\n", text("1. one\n\n2. two"));
        assertEquals("a\nnested\nalso\nb\n", text("- a\n  - nested\n  - also\n- b"));
        assertEquals("a\n\npara\n\nb\n", text("- a\n\n  para\n- b"));
        assertEquals("code\nitem\n", text("- ```\n  code\n  ```\n- item"));
    }

    @Test
    void gfmTablesAreRowsOfTabSeparatedCells() {
        assertEquals("Name\tValue\na\t1\nb code\t\n\nafter\n",
                text("| Name | Value |\n|:-----|------:|\n| a | 1 |\n| *b* `code` | |\n\nafter", GFM));
    }

    @Test
    void gfmTaskListsLoseTheirCheckboxesAndStrikethroughItsMarkers() {
        assertEquals("done\nto do\n", text("- [x] done\n- [ ] to do", GFM));
        assertEquals("old new\n", text("~~old~~ new", GFM));
        assertEquals("Visit www.example.com now\n", text("Visit www.example.com now", GFM));
    }

    @Test
    void footnoteReferencesAreDroppedAndDefinitionsKeptWhereTheyAre() {
        assertEquals("Claim.\n\nThe source.\n\nMore.\n", text("Claim.[^1]\n\n[^1]: The source.\n\nMore.", GFM));
    }

    @Test
    void mathKeepsItsTexSource() {
        ParseOptions math = COMMONMARK.withExtensions(Extension.MATH);
        assertEquals("Euler: e^{i\\pi} + 1 = 0\n\n\\sum_{k=1}^n k\n", text("Euler: $e^{i\\pi} + 1 = 0$\n\n$$\n\\sum_{k=1}^n k\n$$", math));
    }

    @Test
    void frontmatterIsDropped() {
        ParseOptions frontmatter = COMMONMARK.withExtensions(Extension.FRONTMATTER);
        assertEquals("Body\n", text("---\ntitle: Hello\n---\nBody\n", frontmatter));
        assertEquals("Body\n", text("+++\ntitle = \"x\"\n+++\nBody\n", frontmatter));
    }

    @Test
    void mdxTagsExpressionsAndEsmAreDroppedAndJsxChildrenKept() {
        String page = String.join("\n",
                "---",
                "title: Page",
                "---",
                "import {Note} from './note.js'",
                "export const year = 2024",
                "",
                "# Hello {props.name}",
                "",
                "<Note kind=\"tip\">",
                "  Inside **the** note.",
                "</Note>",
                "",
                "{/* a comment */}",
                "",
                "Text with <Badge>inline</Badge> JSX and {year}.",
                "");
        // The heading keeps the space before its expression: text is kept as written.
        assertEquals("Hello \n\nInside the note.\n\nText with inline JSX and .\n", text(page, MDX_PAGE));
    }

    @Test
    void theExampleOfTheFormatSpecificationIsWhatItSays() {
        // docs/ocp-format.md, section 15: keep the two in step.
        assertEquals("Hi \n\ndone\nsee\n\na\tb\n1\t\n",
                text("# Hi {name}\n\n- [x] *done*\n- [see](/x)\n\n| a | b |\n|---|---|\n| 1 | |", MDX_PAGE));
    }

    @Test
    void anyNodeRendersItsSubtree() throws IOException {
        try (OcpDocument doc = BlockTrees.engine().parse("# Head\n\n- a *b*\n- c\n", COMMONMARK)) {
            OcpCursor cursor = doc.cursor();
            cursor.toFirstChild();
            cursor.toNextSibling(); // the list
            assertEquals("a b\nc\n", TextRenderer.renderToString(cursor));
            cursor.toFirstChild(); // its first item, inside a tight list
            StringBuilder out = new StringBuilder();
            TextRenderer.render(cursor, out);
            assertEquals("a b\n", out.toString());
        }
    }

    @Test
    void renderTextWritesWhatToTextReturnsAndOcpToTextParsesForYou() throws IOException {
        String markdown = "# T\n\nSee [x](y).\n";
        try (OcpDocument doc = BlockTrees.engine().parse(markdown, COMMONMARK)) {
            Writer out = new StringWriter();
            doc.renderText(out);
            assertEquals(doc.toText(), out.toString());
        }
        assertEquals("T\n\nSee x.\n", Ocp.toText(markdown));
        assertEquals("a\tb\n", Ocp.toText("|a|b|\n|-|-|", GFM));
    }

    @Test
    void aClosedDocumentIsRefused() {
        OcpDocument doc = BlockTrees.engine().parse("text", COMMONMARK);
        doc.close();
        assertThrows(IllegalStateException.class, doc::toText);
    }

    /**
     * Every CommonMark spec example: its text has the same characters, whitespace aside, as the HTML's text (its tags
     * stripped, its escapes decoded), and no more than one blank line in a row outside code blocks. Left out of the
     * first: documents with raw HTML (the HTML keeps the text inside HTML blocks, which the text drops, and a tag's
     * attributes can hold {@code >}, which the stripping here does not follow) and images (the HTML has their text
     * in an attribute).
     */
    @ParameterizedTest
    @MethodSource("specExamples")
    void everySpecExampleHasTheTextOfItsHtml(String markdown) {
        try (OcpDocument doc = BlockTrees.engine().parse(markdown, COMMONMARK)) {
            boolean[] skip = {false};
            boolean[] code = {false};
            doc.walk(node -> {
                skip[0] |= node.kind() == NodeKind.HTML_BLOCK || node.kind() == NodeKind.HTML_INLINE
                        || node.kind() == NodeKind.IMAGE;
                code[0] |= node.kind() == NodeKind.CODE_BLOCK;
                return true;
            });
            String text = doc.toText();
            assertTrue(text.isEmpty() || text.endsWith("\n") && (code[0] || !text.endsWith("\n\n") && !text.contains("\n\n\n")),
                    () -> MarkdownGenerator.javaLiteral(markdown) + " gave " + MarkdownGenerator.javaLiteral(text));
            if (!skip[0]) {
                String html = doc.toHtml().replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">")
                        .replace("&quot;", "\"").replace("&amp;", "&");
                assertEquals(html.replaceAll("\\s", ""), text.replaceAll("\\s", ""), () -> MarkdownGenerator.javaLiteral(markdown));
            }
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> specExamples() throws IOException {
        return SpecExample.readResource("/spec.txt").stream()
                .map(e -> org.junit.jupiter.params.provider.Arguments.of(e.markdown()));
    }
}
