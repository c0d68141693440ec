package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.HtmlOptions;
import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpNode;
import dev.ocp.OcpVisitor;
import dev.ocp.ParseOptions;
import dev.ocp.chunk.Chunk;
import dev.ocp.chunk.ChunkOptions;
import dev.ocp.chunk.Chunker;
import dev.ocp.toc.Heading;
import dev.ocp.toc.Headings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The examples of the README (its opening one-liners, "Walking the tree"), run: each block between a
 * {@code // readme:} line and {@code // end} below must appear in the README as it stands here (indentation aside),
 * so the README cannot show code that does not compile or does something else.
 */
class ReadmeExamplesTest {
    // readme: engine
    static final OcpEngine ENGINE = Ocp.engine(); // made once, used by every thread, never closed by the examples
    // end

    private static final String GUIDE = """
            # Guide

            Read the [intro](intro.md) first, or see ![the logo](logo.png).

            ## Install `ocp`

            Get it from <https://ocp.dev>.

            ### On Linux

            ## Use
            """;

    private static final String PAGE = """
            import {Chart} from './chart.js'

            # Sales

            <Chart data={sales} />

            <Callout type="note">Numbers are in <Currency code="EUR" />.</Callout>
            """;

    @Test
    void oneLiners() {
        String text = "| a |\n| - |\n| b |\n";
        String comment = "Hi *there* <img src=x onerror=alert(1)>";
        // readme: oneline
        String html = Ocp.toHtml("# Hi");                       // <h1>Hi</h1>
        String gfm = Ocp.toHtml(text, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM));
        String safe = Ocp.toHtml(comment, ParseOptions.defaults(), HtmlOptions.safe());
        String mdast = Ocp.toMdast(PAGE, ParseOptions.of(Dialect.MDX, Extension.GFM, Extension.FRONTMATTER,
                Extension.MATH).withFlavor(Flavor.MICROMARK));             // remark's tree, for its plugins
        String plain = Ocp.toText("# Hi\n\nSee [the *docs*](https://x)."); // "Hi\n\nSee the docs.\n"
        // end
        assertEquals("<h1>Hi</h1>\n", html);
        assertEquals("Hi\n\nSee the docs.\n", plain);
        assertTrue(gfm.startsWith("<table>"), gfm);
        assertTrue(!safe.contains("<img") && safe.contains("<em>there</em>"), safe);
        assertTrue(mdast.startsWith("{\"type\":\"root\""), mdast);
    }

    @Test
    void headingsAsATableOfContents() {
        // readme: toc
        List<String> toc = new ArrayList<>();
        try (OcpDocument doc = ENGINE.parse(GUIDE)) {
            StringBuilder title = new StringBuilder();
            doc.walk(new OcpVisitor() {
                @Override
                public boolean enter(OcpNode node) {
                    if (node.kind() == NodeKind.HEADING) {
                        title.setLength(0);
                    } else if (node.kind() == NodeKind.TEXT || node.kind() == NodeKind.CODE_SPAN) {
                        title.append(node.literal());
                    }
                    return true;
                }

                @Override
                public void exit(OcpNode node) {
                    if (node.kind() == NodeKind.HEADING) {
                        toc.add("  ".repeat(node.headingLevel() - 1) + "- " + title);
                    }
                }
            });
        }
        // end
        assertEquals(List.of("- Guide", "  - Install ocp", "    - On Linux", "  - Use"), toc);
    }

    @Test
    void headingIdsATableOfContentsAndTheMarkdownBack() {
        // readme: ids
        List<String> contents = new ArrayList<>();
        try (OcpDocument doc = ENGINE.parse(GUIDE)) {
            String html = doc.toHtml(HtmlOptions.defaults().withHeadingIds(true)); // <h2 id="install-ocp">...
            for (Heading h : Headings.of(doc)) {
                contents.add("  ".repeat(h.level() - 1) + "- [" + h.text() + "](#" + h.slug() + ")");
            }
            String markdown = doc.toMarkdown(); // the page again, in this library's normal form
        }
        // end
        assertEquals(List.of("- [Guide](#guide)", "  - [Install ocp](#install-ocp)", "    - [On Linux](#on-linux)",
                "  - [Use](#use)"), contents);
        try (OcpDocument doc = ENGINE.parse(GUIDE)) {
            String html = doc.toHtml(HtmlOptions.defaults().withHeadingIds(true));
            assertTrue(html.contains("<h2 id=\"install-ocp\">Install <code>ocp</code></h2>"), html);
            String markdown = doc.toMarkdown();
            assertTrue(markdown.startsWith("# Guide\n\nRead the [intro](intro.md) first"), markdown);
            try (OcpDocument again = ENGINE.parse(markdown)) {
                assertEquals(doc.toHtml(), again.toHtml(), "the Markdown written reads back as the page");
            }
        }
    }

    @Test
    void allLinks() {
        try (OcpDocument doc = ENGINE.parse(GUIDE)) {
            // readme: links
            List<String> links = new ArrayList<>();
            doc.walk(node -> {
                if (node.kind() == NodeKind.LINK || node.kind() == NodeKind.IMAGE) {
                    links.add(node.destination());
                }
                return true;
            });
            // end
            assertEquals(List.of("intro.md", "logo.png", "https://ocp.dev"), links);
        }
    }

    @Test
    void theJsxComponentsAnMdxPageUses() {
        // readme: jsx
        Set<String> components = new TreeSet<>();
        try (OcpDocument page = ENGINE.parse(PAGE, ParseOptions.of(Dialect.MDX))) {
            page.walk(node -> {
                if (node.jsxName() != null) {
                    components.add(node.jsxName());
                }
                return true;
            });
        }
        // end
        assertEquals(Set.of("Callout", "Chart", "Currency"), components);
    }

    @Test
    void keepingTheHeadingsOfAWalk() {
        try (OcpDocument doc = ENGINE.parse(GUIDE)) {
            // readme: keep
            List<OcpNode> headings = new ArrayList<>();
            doc.walk(node -> {
                if (node.kind() == NodeKind.HEADING) {
                    headings.add(doc.node(node.index())); // a node of its own, not the walk's view
                }
                return true;
            });
            int deepest = headings.stream().mapToInt(OcpNode::headingLevel).max().orElse(0);
            // end
            assertEquals(4, headings.size());
            assertEquals(3, deepest);
        }
    }

    @Test
    void relativeLinksMadeAbsolute() {
        String base = "https://example.org/docs/";
        // readme: relink
        String markdown;
        try (OcpDocument doc = ENGINE.parse(GUIDE);
             OcpDocument absolute = doc.transform((node, edit) -> {
                 boolean link = node.kind() == NodeKind.LINK || node.kind() == NodeKind.IMAGE;
                 if (link && !node.destination().contains(":")) {
                     edit.setDestination(URI.create(base).resolve(node.destination()).toString());
                 }
             })) {
            markdown = absolute.toMarkdown(); // Read the [intro](https://example.org/docs/intro.md) first, ...
        }
        // end
        assertTrue(markdown.startsWith("# Guide\n\nRead the [intro](https://example.org/docs/intro.md) first, or"
                + " see ![the logo](https://example.org/docs/logo.png).\n"), markdown);
        assertTrue(markdown.contains("<https://ocp.dev>"), "an absolute autolink stays one: " + markdown);
    }

    @Test
    void rawHtmlRemovedFromUserContent() {
        String comment = "Nice post! <img src=x onerror=alert(1)> See *this*.\n\n<script>steal()</script>\n";
        // readme: nohtml
        String markdown;
        try (OcpDocument doc = ENGINE.parse(comment);
             OcpDocument clean = doc.transform((node, edit) -> {
                 if (node.kind() == NodeKind.HTML_BLOCK || node.kind() == NodeKind.HTML_INLINE) {
                     edit.remove();
                 }
             })) {
            markdown = clean.toMarkdown(); // Nice post!  See *this*.
        }
        // end
        try (OcpDocument again = ENGINE.parse(markdown)) {
            assertEquals("<p>Nice post!  See <em>this</em>.</p>\n", again.toHtml(), markdown);
        }
    }

    @Test
    void anMdxComponentRenamed() {
        // readme: rename
        ParseOptions mdx = ParseOptions.of(Dialect.MDX, Extension.GFM, Extension.FRONTMATTER, Extension.MATH);
        String page;
        try (OcpDocument doc = ENGINE.parse(PAGE, mdx);
             OcpDocument renamed = doc.transform((node, edit) -> {
                 if ("Callout".equals(node.jsxName())) {
                     edit.setJsxName("Admonition");
                     edit.setAttribute("type", "info");
                 }
             })) {
            page = renamed.toMarkdown(); // <Admonition type="info">Numbers are in <Currency code="EUR" />.</Admonition>
        }
        // end
        assertTrue(page.contains("<Admonition type=\"info\">Numbers are in <Currency code=\"EUR\" />.</Admonition>"),
                page);
        assertTrue(page.startsWith("import {Chart} from './chart.js'\n\n# Sales\n\n<Chart data={sales} />"), page);
    }

    /** The README's chunking example, over a folder of two pages: every chunk is embedded with its heading path. */
    @Test
    void chunksOfADocsFolder(@org.junit.jupiter.api.io.TempDir Path docs) throws IOException {
        Files.writeString(docs.resolve("a.md"), "# Guide\n\n## Install\n\n```sh\n# not a heading\n```\n\n"
                + "## Use\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        Files.writeString(docs.resolve("b.md"), "# FAQ\n\nWhy? Because.\n");
        List<String> embedded = new ArrayList<>();
        java.util.function.BiConsumer<String, String> embed = (where, text) -> embedded.add(where + "|" + text);
        // readme: chunks
        ChunkOptions options = ChunkOptions.defaults().withMaxSize(1500).withHeadingLevels(1, 2).withMinSize(200);
        try (OcpEngine engine = Ocp.engine(); Stream<Path> files = Files.walk(docs)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                for (Chunk chunk : Chunker.chunk(engine, Files.readAllBytes(file), ParseOptions.of(Dialect.COMMONMARK, Extension.GFM), options)) {
                    embed.accept(file + " > " + String.join(" > ", chunk.headingPath()), chunk.text());
                }
            }
        }
        // end
        embedded.sort(null);
        assertEquals(List.of(docs.resolve("a.md") + " > Guide|Guide\n\nInstall\n\n# not a heading\n\nUse\n\na\tb\n1\t2\n",
                docs.resolve("b.md") + " > FAQ|FAQ\n\nWhy? Because.\n"), embedded);
    }

    @Test
    void theReadmeShowsTheseExamplesAsTheyAreHere() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/ocp/engine/java/ReadmeExamplesTest.java"));
        String readme = normalize(Files.readString(Path.of("../README.md")));
        Matcher m = Pattern.compile("// readme: (\\w+)\\n(.*?)\\n\\s*// end", Pattern.DOTALL).matcher(source);
        int found = 0;
        while (m.find()) {
            found++;
            String block = normalize(m.group(2));
            assertTrue(readme.contains(block), "README.md lacks the '" + m.group(1) + "' example:\n" + block);
        }
        assertEquals(11, found, "examples marked in this test");
    }

    /** Lines stripped of their indentation, blank lines dropped. */
    private static String normalize(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
