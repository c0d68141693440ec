package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.HtmlOptions;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.EngineConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTML for untrusted Markdown ({@link HtmlOptions#safe()}), judged as a browser would read it: the output is
 * parsed by a real HTML parser (jsoup), and must hold only the elements Markdown writes, only their own
 * attributes, and no link or image destination with a scheme that runs code or reads local files, after the
 * decoding of entities and the whitespace a browser ignores. The inputs are the cross-site scripting vectors of
 * {@code xss/vectors.txt} and generated mixes of them with Markdown.
 */
class SafeHtmlTest {
    private static final Set<String> ELEMENTS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul",
            "ol", "li", "pre", "code", "em", "strong", "del", "a", "img", "hr", "br", "table", "thead", "tbody", "tr",
            "th", "td", "input", "section", "sup");
    private static final Set<String> ATTRIBUTES = Set.of("href", "src", "alt", "title", "class", "id", "start",
            "align", "type", "checked", "disabled", "data-footnotes", "data-footnote-ref", "data-footnote-backref",
            "data-footnote-backref-idx", "aria-label");
    private static final List<ParseOptions> DIALECTS = List.of(ParseOptions.defaults(), ParseOptions.of(Dialect.COMMONMARK, Extension.GFM),
            ParseOptions.of(Dialect.MDX).withExtensions(Extension.GFM, Extension.MATH));

    private static OcpEngine engine;

    @BeforeAll
    static void open() {
        engine = new JavaEngineProvider().create(EngineConfig.defaults());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** The README gives the count of vectors this test holds the safe HTML to: it must be theirs. */
    @Test
    void theReadmeCountsTheVectors() throws IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md")).replaceAll("\\s+", " ");
        String sentence = "over " + vectors().size() + " cross-site scripting vectors";
        assertTrue(readme.contains(sentence), () -> "README.md should say: " + sentence);
    }

    static List<String> vectors() throws IOException {
        List<String> vectors = new ArrayList<>();
        try (InputStream in = SafeHtmlTest.class.getResourceAsStream("/xss/vectors.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    vectors.add(line.replace("\\n", "\n").replace("\\t", "\t"));
                }
            }
        }
        return vectors;
    }

    /** What a browser would find wrong with the HTML: foreign elements and attributes, dangerous URLs. */
    static List<String> violations(String html) {
        List<String> found = new ArrayList<>();
        Element body = Jsoup.parseBodyFragment(html).body();
        for (Element e : body.getAllElements()) {
            if (e == body) {
                continue;
            }
            if (!ELEMENTS.contains(e.normalName())) {
                found.add("element <" + e.normalName() + ">");
            }
            for (Attribute a : e.attributes()) {
                String key = a.getKey().toLowerCase(Locale.ROOT);
                if (!ATTRIBUTES.contains(key) || key.startsWith("on")) {
                    found.add("attribute " + key + " on <" + e.normalName() + ">");
                }
                if ((key.equals("href") || key.equals("src")) && dangerous(a.getValue())) {
                    found.add(key + "=\"" + a.getValue() + "\"");
                }
            }
        }
        return found;
    }

    /** The scheme as a browser reads it (leading controls and spaces dropped, tabs and newlines ignored). */
    static boolean dangerous(String url) {
        String u = url.replaceAll("^[\\x00-\\x20]+", "").replaceAll("[\\t\\n\\r]", "").toLowerCase(Locale.ROOT);
        return u.startsWith("javascript:") || u.startsWith("vbscript:") || u.startsWith("file:")
                || u.startsWith("data:") && !u.matches("data:image/(png|gif|jpeg|webp)[;,].*");
    }

    private static String render(String markdown, ParseOptions options, HtmlOptions html) {
        try (OcpDocument doc = engine.parse(markdown.getBytes(StandardCharsets.UTF_8), options)) {
            return doc.toHtml(html);
        } catch (OcpException e) {
            if (e.code() == OcpException.Code.SYNTAX) {
                return ""; // MDX that is no MDX: nothing is written at all
            }
            throw e;
        }
    }

    @Test
    void everyVectorIsSafeInEveryDialect() throws IOException {
        for (String vector : vectors()) {
            for (ParseOptions options : DIALECTS) {
                String html = render(vector, options, HtmlOptions.safe());
                assertEquals(List.of(), violations(html), () -> options.dialect() + " " + vector + "\n" + html);
            }
        }
    }

    @Test
    void theVectorsAreDangerousWithoutTheOptions() throws IOException {
        // The check must be able to fail: rendered as written, most vectors reach the page.
        int dangerous = 0;
        int vectors = 0;
        for (String vector : vectors()) {
            vectors++;
            if (!violations(render(vector, ParseOptions.defaults(), HtmlOptions.defaults())).isEmpty()) {
                dangerous++;
            }
        }
        assertTrue(dangerous * 2 > vectors, dangerous + " of " + vectors + " vectors are dangerous as written");
        assertTrue(!violations("<p><a href=\"jav&#x09;ascript:alert(1)\">x</a></p>").isEmpty(),
                "a tab inside the scheme is still javascript: to a browser");
    }

    @Test
    void generatedMixesWithMarkdownAreSafe() throws IOException {
        List<String> vectors = vectors();
        String[] wrappers = {"%s", "*%s*", "**%s**", "> %s", "- %s", "1. %s", "# %s", "[%s](x)", "[x](%s)", "![%s](y)",
            "`%s`", "%s\n\n[x]: %s", "| %s |\n| - |\n| %s |", "~~%s~~", "- [ ] %s", "<%s>", "[^n]: %s\n\n[^n]",
            "<Note>%s</Note>", "{%s}", "%s  \nnext"};
        String[] separators = {"", " ", "\n", "\n\n", "&", "&#", "\\"};
        Random random = new Random(1213);
        for (int i = 0; i < 3000; i++) {
            StringBuilder doc = new StringBuilder();
            int parts = 1 + random.nextInt(4);
            for (int k = 0; k < parts; k++) {
                String v = vectors.get(random.nextInt(vectors.size()));
                String w = wrappers[random.nextInt(wrappers.length)];
                doc.append(w.replace("%s", v)).append(separators[random.nextInt(separators.length)]);
            }
            String markdown = doc.toString();
            ParseOptions options = DIALECTS.get(i % DIALECTS.size());
            String html = render(markdown, options, HtmlOptions.safe());
            assertEquals(List.of(), violations(html), () -> "mix " + markdown + "\n" + html);
        }
    }

    @Test
    void rawHtmlIsWrittenAsText() {
        assertEquals("<p>&lt;div onclick=&quot;x&quot;&gt;a&lt;/div&gt;</p>\n",
                render("<div onclick=\"x\">a</div>\n", ParseOptions.defaults(), HtmlOptions.safe()));
        assertEquals("<p>a &lt;b&gt;c&lt;/b&gt;</p>\n",
                render("a <b>c</b>\n", ParseOptions.defaults(), HtmlOptions.defaults().withEscapeHtml(true)));
    }

    @Test
    void dangerousDestinationsAreEmptiedAndOthersKept() {
        HtmlOptions sanitize = HtmlOptions.defaults().withSanitizeUrls(true);
        assertEquals("<p><a href=\"\">a</a></p>\n", render("[a](JavaScript:x)\n", ParseOptions.defaults(), sanitize));
        assertEquals("<p><a href=\"\">a</a></p>\n", render("[a](java&#9;script:x)\n", ParseOptions.defaults(), sanitize));
        assertEquals("<p><img src=\"\" alt=\"i\" /></p>\n",
                render("![i](data:text/html,x)\n", ParseOptions.defaults(), sanitize));
        assertEquals("<p><img src=\"data:image/png;base64,AAAA\" alt=\"i\" /></p>\n",
                render("![i](data:image/png;base64,AAAA)\n", ParseOptions.defaults(), sanitize));
        assertEquals("<p><a href=\"https://example.com/a?b=c\">a</a> <a href=\"mailto:me@example.com\">me@example.com</a>"
                        + " <a href=\"javascript-guide.html\">g</a></p>\n",
                render("[a](https://example.com/a?b=c) <me@example.com> [g](javascript-guide.html)\n",
                        ParseOptions.defaults(), sanitize));
    }

    @Test
    void softBreaksAndTheTagFilterFollowTheOptions() {
        assertEquals("<p>a<br />\nb</p>\n",
                render("a\nb\n", ParseOptions.defaults(), HtmlOptions.defaults().withSoftBreak("<br />\n")));
        assertEquals("&lt;script>x\n", render("<script>x\n", ParseOptions.defaults(),
                HtmlOptions.defaults().withTagFilter(HtmlOptions.TagFilter.ALWAYS)));
        assertEquals("<script>x\n", render("<script>x\n", ParseOptions.of(Dialect.COMMONMARK, Extension.GFM),
                HtmlOptions.defaults().withTagFilter(HtmlOptions.TagFilter.NEVER)));
        assertEquals("&lt;script>x\n", render("<script>x\n", ParseOptions.of(Dialect.COMMONMARK, Extension.GFM), HtmlOptions.defaults()));
    }

    @Test
    void theDefaultsAreCommonMarksHtml() {
        String markdown = "<div>\n*a*\n</div>\n\n[x](javascript:y) a\nb\n";
        try (OcpDocument doc = engine.parse(markdown.getBytes(StandardCharsets.UTF_8), ParseOptions.defaults())) {
            assertEquals(doc.toHtml(), doc.toHtml(HtmlOptions.defaults()));
            assertEquals("<div>\n*a*\n</div>\n<p><a href=\"javascript:y\">x</a> a\nb</p>\n", doc.toHtml());
        }
    }
}
