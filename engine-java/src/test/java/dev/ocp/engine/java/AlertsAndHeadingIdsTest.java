package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.HtmlOptions;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpNode;
import dev.ocp.ParseOptions;
import dev.ocp.toc.Headings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alerts and heading-ids extensions in the Java parser: github.com's alerts as commonmark-java's alerts spec
 * records them (the cases below are written from its rules, the HTML as github.com writes it without the icon), and
 * Docusaurus' {@code {#id}}. The TCK holds every engine to the same cases.
 */
class AlertsAndHeadingIdsTest {
    private static final ParseOptions ALERTS = ParseOptions.defaults().withExtensions(Extension.GFM, Extension.ALERTS);
    private static final ParseOptions IDS = ParseOptions.defaults().withExtensions(Extension.HEADING_IDS);

    private static String html(String markdown, ParseOptions options) {
        try (OcpDocument doc = parse(markdown, options)) {
            return doc.toHtml();
        }
    }

    private static OcpDocument parse(String markdown, ParseOptions options) {
        return BlockTrees.engine().parse(markdown.getBytes(StandardCharsets.UTF_8), options);
    }

    private static String note(String type, String title, String body) {
        return "<div class=\"markdown-alert markdown-alert-" + type + "\">\n<p class=\"markdown-alert-title\">" + title
                + "</p>\n" + body + "</div>\n";
    }

    /** The kit's cases (the TCK runs them on every engine): here on the Java parser, every one. */
    @Test
    void theKitsCasesPass() throws java.io.IOException {
        List<dev.ocp.tck.SpecExample> cases = dev.ocp.tck.SpecExample.readResource("/ocp-tck/alerts-spec.txt");
        ParseOptions options = ALERTS.withExtensions(Extension.GFM, Extension.ALERTS, Extension.HEADING_IDS);
        for (dev.ocp.tck.SpecExample e : cases) {
            assertEquals(e.html(), html(e.markdown(), options), e.section() + ", example " + e.number());
        }
        assertEquals(60, cases.size());
    }

    /** The generator the fixtures, the round trips and the transforms use makes both, and their near misses. */
    @Test
    void generatedDocumentsHoldAlertsAndHeadingIds() {
        ParseOptions options = ALERTS.withExtensions(Extension.GFM, Extension.ALERTS, Extension.HEADING_IDS);
        int alerts = 0;
        int quotes = 0;
        int ids = 0;
        for (int i = 0; i < 200; i++) {
            try (OcpDocument doc = parse(dev.ocp.tck.MarkdownGenerator.generateWithAlerts(97, i), options)) {
                OcpCursor c = doc.cursor();
                for (int n = 0; n < c.nodeCount(); n++) {
                    c.moveTo(n);
                    alerts += c.kind() == NodeKind.ALERT ? 1 : 0;
                    quotes += c.kind() == NodeKind.BLOCK_QUOTE ? 1 : 0;
                    ids += c.headingId() != null ? 1 : 0;
                }
            }
        }
        assertTrue(alerts > 20 && quotes > 20 && ids > 10, alerts + " alerts, " + quotes + " quotes, " + ids + " ids");
    }

    @Test
    void theFiveTypesInAnyCase() {
        assertEquals(note("note", "Note", "<p>Text</p>\n"), html("> [!NOTE]\n> Text\n", ALERTS));
        assertEquals(note("tip", "Tip", "<p>Text</p>\n"), html("> [!tip]\n> Text\n", ALERTS));
        assertEquals(note("important", "Important", "<p>Text</p>\n"), html("> [!Important]\n> Text", ALERTS));
        assertEquals(note("warning", "Warning", "<p>Text</p>\n"), html("   > [!WARNING] \t\n> Text\n", ALERTS));
        assertEquals(note("caution", "Caution", "<p>Text</p>\n"), html(">[!CAUTION]\n>\n> Text\n", ALERTS));
    }

    @Test
    void withoutTheExtensionABlockQuote() {
        assertEquals("<blockquote>\n<p>[!NOTE]\nText</p>\n</blockquote>\n",
                html("> [!NOTE]\n> Text\n", ParseOptions.defaults()));
    }

    @Test
    void notAnAlert() {
        // Text after the marker, an unknown type, a space in it, nothing after it, an escape, later in the quote.
        for (String md : List.of("> [!NOTE] Some text\n> more\n", "> [!INFO]\n> x\n", "> [! NOTE]\n> x\n",
                "> [!NOTE]\n", "> [!TIP]\n>   \n>  \n", "> [!NOTE]\n\nSome text\n", "> \\[!NOTE]\n> x\n",
                "> a\n> [!NOTE]\n> x\n", "> [!NOTE]]\n> x\n")) {
            String html = html(md, ALERTS);
            assertEquals(html(md, ParseOptions.defaults().withExtensions(Extension.GFM)), html, md);
        }
        assertEquals("<blockquote>\n<p>[!NOTE]</p>\n</blockquote>\n", html("> [!NOTE]\n", ALERTS));
    }

    @Test
    void onlyAtTheTopOfTheDocument() {
        assertEquals("<ul>\n<li>\n<blockquote>\n<p>[!NOTE]\nTest</p>\n</blockquote>\n</li>\n</ul>\n",
                html("- > [!NOTE]\n  > Test\n", ALERTS));
        assertEquals(note("note", "Note", "<p>A note</p>\n<blockquote>\n<p>[!WARNING]\nNested</p>\n</blockquote>\n"),
                html("> [!NOTE]\n> A note\n>> [!WARNING]\n>> Nested\n", ALERTS));
        assertEquals("<blockquote>\n<blockquote>\n<p>[!NOTE]\nx</p>\n</blockquote>\n</blockquote>\n",
                html("> > [!NOTE]\n> > x\n", ALERTS));
    }

    @Test
    void lazyLinesAndBodiesOfEveryBlock() {
        assertEquals(note("note", "Note", "<p>First\nLazy\nContinues</p>\n"),
                html("> [!NOTE]\n> First\nLazy\n> Continues\n", ALERTS));
        assertEquals(note("note", "Note", "<p>Lazy</p>\n"), html("> [!NOTE]\nLazy\n", ALERTS));
        assertEquals(note("tip", "Tip", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"),
                html("> [!TIP]\n> - one\n> - two\n", ALERTS));
        assertEquals(note("tip", "Tip", "<pre><code>code\n</code></pre>\n"),
                html("> [!TIP]\n> ```\n> code\n> ```\n", ALERTS));
        // Indented code cannot interrupt the marker's paragraph: its line is the paragraph's next line.
        assertEquals(note("tip", "Tip", "<p>code</p>\n"), html("> [!TIP]\n>     code\n", ALERTS));
        assertEquals(note("tip", "Tip", "<pre><code>code\n</code></pre>\n"),
                html("> [!TIP]\n>\n>     code\n", ALERTS));
        assertEquals(note("note", "Note", "<h2>Heading</h2>\n<p>Below</p>\n"),
                html("> [!NOTE]\n> ## Heading\n> Below\n", ALERTS));
        assertEquals(note("note", "Note", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n"),
                html("> [!NOTE]\n> | a |\n> | - |\n", ALERTS));
        assertEquals(note("note", "Note", "<p>one\n[!WARNING]\ntwo</p>\n"),
                html("> [!NOTE]\n> one\n> [!WARNING]\n> two\n", ALERTS));
    }

    @Test
    void theAlertsNodeAndItsBodysSpans() {
        try (OcpDocument doc = parse("> [!WARNING]\n> Be careful\n\n> quote\n", ALERTS)) {
            OcpCursor c = doc.cursor();
            c.moveTo(1);
            assertEquals(NodeKind.ALERT, c.kind());
            assertEquals(OcpNode.AlertType.WARNING, c.alertType());
            assertEquals(0, c.spanStart());
            c.moveTo(2);
            assertEquals(NodeKind.PARAGRAPH, c.kind());
            assertEquals(15, c.spanStart());
            c.moveTo(4);
            assertEquals(NodeKind.BLOCK_QUOTE, c.kind());
            assertNull(c.alertType());
        }
    }

    @Test
    void headingIdsInAtxAndSetextHeadings() {
        assertEquals("<h2 id=\"setup\">Setup</h2>\n", html("## Setup {#setup}\n", IDS));
        assertEquals("<h2 id=\"setup\">Setup</h2>\n", html("## Setup   {#setup} ##\n", IDS));
        assertEquals("<h1 id=\"my id\">A <em>b</em></h1>\n", html("# A *b* {# my id }\n", IDS));
        assertEquals("<h1 id=\"x\">Title\nmore</h1>\n", html("Title\nmore {#x}\n===\n", IDS));
        assertEquals("<h1 id=\"x\">Title</h1>\n", html("Title\n{#x}\n===\n", IDS));
        assertEquals("<h2 id=\"only\"></h2>\n", html("## {#only}\n", IDS));
        assertEquals("<h2>Setup {#setup}</h2>\n", html("## Setup {#setup}\n", ParseOptions.defaults()));
    }

    @Test
    void notHeadingIds() {
        for (String md : List.of("## a {#}\n", "## a {# }\n", "## a \\{#x}\n", "## a {#x} b\n", "## a {#x}}\n",
                "## a {#x}`\n", "a {#x}\n")) {
            assertEquals(html(md, ParseOptions.defaults()), html(md, IDS), md);
        }
        assertEquals("<h2 id=\"b\">a {#x}</h2>\n", html("## a {#x} {#b}\n", IDS));
        assertEquals("<h2 id=\"y\">a {</h2>\n", html("## a {{#y}\n", IDS));
    }

    @Test
    void inMdxTheIdComesBeforeAnExpression() {
        ParseOptions mdx = ParseOptions.defaults().withDialect(Dialect.MDX).withExtensions(Extension.HEADING_IDS);
        try (OcpDocument doc = parse("## Setup {#setup}\n", mdx)) {
            OcpCursor c = doc.cursor();
            c.moveTo(1);
            assertEquals("setup", c.headingId());
            assertEquals(3, c.nodeCount()); // the heading and its text, no expression
        }
    }

    @Test
    void theIdReplacesTheSlugInTheTocAndTheHtml() {
        try (OcpDocument doc = parse("# Guide {#start}\n\n## Guide\n", IDS)) {
            assertEquals(List.of("start", "guide"), Headings.of(doc).stream().map(h -> h.slug()).toList());
            assertEquals("<h1 id=\"start\">Guide</h1>\n<h2 id=\"guide\">Guide</h2>\n",
                    doc.toHtml(HtmlOptions.defaults().withHeadingIds(true)));
        }
    }

    @Test
    void theMarkdownWriterKeepsBoth() {
        String md = "> [!NOTE]\n> Text\n\n## Setup {#setup}\n\nT\n===\n";
        ParseOptions both = ParseOptions.defaults().withExtensions(Extension.ALERTS, Extension.HEADING_IDS);
        try (OcpDocument doc = parse(md, both)) {
            String written = doc.toMarkdown();
            assertEquals("> [!NOTE]\n>\n> Text\n\n## Setup {#setup}\n\nT\n=\n".replace("=\n", "===\n"), written);
            assertEquals(doc.toHtml(), html(written, both), written);
        }
        // Text that would read as an id is escaped.
        try (OcpDocument doc = parse("## a \\{#x}\n", IDS)) {
            String written = doc.toMarkdown();
            try (OcpDocument again = parse(written, IDS)) {
                OcpCursor c = again.cursor();
                c.moveTo(1);
                assertNull(c.headingId(), written);
                assertEquals(doc.toHtml(), again.toHtml(), written);
            }
        }
    }

}
