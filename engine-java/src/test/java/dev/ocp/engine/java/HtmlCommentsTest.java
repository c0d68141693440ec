package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Extension#HTML_COMMENTS}: HTML comments in MDX as Docusaurus reads them (it rewrites {@code <!--} to
 * {@code {/*} before MDX sees the page), kept as CommonMark's HTML so that the writer gives them back as written.
 */
class HtmlCommentsTest {
    private static final ParseOptions MDX = ParseOptions.of(Dialect.MDX);
    private static final ParseOptions COMMENTS = MDX.withExtensions(Extension.HTML_COMMENTS);

    private static String blocks(String markdown) {
        return BlockTrees.blocks(markdown, COMMENTS);
    }

    @Test
    void onLinesOfTheirOwnACommentIsAnHtmlBlockEndingOnTheLineWithItsEnd() {
        assertEquals("HTML_BLOCK@0-13(2,\"<!-- note -->\\n\") PARAGRAPH@15-19[\"text\"]@15-19",
                blocks("<!-- note -->\n\ntext\n"));
        assertEquals("HTML_BLOCK@0-19(2,\"<!--\\nkept\\nlines\\n-->\\n\") PARAGRAPH@20-21[\"b\"]@20-21",
                blocks("<!--\nkept\nlines\n-->\nb\n"));
        // Indented, and CommonMark's short forms.
        assertEquals("HTML_BLOCK@0-9(2,\"  <!---->\\n\")", blocks("  <!---->\n"));
        assertEquals("HTML_BLOCK@0-5(2,\"<!-->\\n\")", blocks("<!-->\n"));
    }

    @Test
    void inTextACommentIsInlineHtmlAndDoesNotInterruptAParagraph() {
        assertEquals("<p>a <!-- b --> c</p>\n", html("a <!-- b --> c\n", COMMENTS));
        assertEquals("<p>a\n<!-- b -->\nc</p>\n", html("a\n<!-- b -->\nc\n", COMMENTS));
    }

    @Test
    void commentsStandInsideElementsListItemsAndBlockQuotes() {
        assertEquals("MDX_JSX_FLOW@0-28{HTML_BLOCK@6-21(2,\"<!-- inside -->\\n\")}",
                blocks("<div>\n<!-- inside -->\n</div>\n").replaceAll("\\(\\)", ""));
        assertEquals("<ul>\n<li>\n<p>item</p>\n<!-- c -->\n</li>\n</ul>\n",
                html("* item\n\n  <!-- c -->\n", COMMENTS));
        assertEquals("<blockquote>\n<!-- q -->\n</blockquote>\n", html("> <!-- q -->\n", COMMENTS));
        // Written back, an element that holds one leaves its children unindented: the literal would keep the spaces.
        try (OcpDocument doc = BlockTrees.engine().parse("<A>\n  <!--\n  kept\n  -->\n  text\n</A>\n", COMMENTS)) {
            assertEquals("<A>\n  <!--\n  kept\n  -->\n\ntext\n</A>\n", doc.toMarkdown());
        }
    }

    @Test
    void withoutTheExtensionOrUnclosedInTextMdxRejectsIt() {
        assertEquals("1:2: Unexpected character `!` (U+0021) before name, expected a character that can start a name,"
                + " such as a letter, `$`, or `_` (note: to create a comment in MDX, use `{/* text */}`)"
                + " (ocp:unexpected-character)", syntaxError("<!-- a -->\n", MDX));
        assertEquals("1:4: Unexpected character `!` (U+0021) before name, expected a character that can start a name,"
                + " such as a letter, `$`, or `_` (note: to create a comment in MDX, use `{/* text */}`)"
                + " (ocp:unexpected-character)", syntaxError("a <!-- never closed\n", COMMENTS));
    }

    @Test
    void inCommonMarkTheExtensionChangesNothing() {
        ParseOptions commonmark = ParseOptions.defaults();
        for (String markdown : new String[] {"<!-- a -->\n\nb <!-- c --> d\n", "<!--\nx\n", "a <!-- b\n"}) {
            assertEquals(html(markdown, commonmark), html(markdown, commonmark.withExtensions(
                    Extension.HTML_COMMENTS)), markdown);
        }
    }

    private static String html(String markdown, ParseOptions options) {
        try (OcpDocument doc = BlockTrees.engine().parse(markdown.getBytes(StandardCharsets.UTF_8), options)) {
            return doc.toHtml();
        }
    }

    private static String syntaxError(String markdown, ParseOptions options) {
        OcpException e = assertThrows(OcpException.class, () -> BlockTrees.engine()
                .parse(markdown.getBytes(StandardCharsets.UTF_8), options).close());
        return e.syntaxError().toString();
    }
}
