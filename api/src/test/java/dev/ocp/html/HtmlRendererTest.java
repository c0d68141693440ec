package dev.ocp.html;

import dev.ocp.Dialect;
import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.internal.PayloadBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;

import static dev.ocp.NodeKind.*;
import static dev.ocp.internal.PayloadBuilder.*;
import static dev.ocp.internal.Trees.*;
import static dev.ocp.spi.OcpFormat.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The HTML renderer against CommonMark's and GFM's spec examples (the trees are what a conforming parser
 * produces for the example's input, built by hand; the expected HTML is the example's output verbatim).
 */
class HtmlRendererTest {

    @Test
    void paragraphWithEmphasis() {
        assertEquals("<p>Hi <em>you</em></p>\n", html(doc(para(text("Hi "), em(text("you"))))));
    }

    @Test
    void textEscapesAmpersandAnglesAndQuotes() {
        // spec: "&amp;" decodes to "&", written back as "&amp;"; quotes become &quot;
        assertEquals("<p>a &amp; b &lt;c&gt; &quot;d&quot; 'e'</p>\n",
                html(doc(para(text("a & b <c> \"d\" 'e'")))));
    }

    @Test
    void decodedEntitiesAreWrittenAsCharacters() {
        // spec example 25: &nbsp; &amp; &copy; ...
        assertEquals("<p>\u00a0 &amp; \u00a9 \u00c6 \u010e</p>\n", html(doc(para(text("\u00a0 & \u00a9 \u00c6 \u010e")))));
    }

    @Test
    void headingsOfEveryLevel() {
        for (int level = 1; level <= 6; level++) {
            assertEquals("<h" + level + ">foo</h" + level + ">\n", html(doc(heading(level, text("foo")))));
        }
        assertEquals("<h2>foo <em>bar</em></h2>\n<p>x</p>\n",
                html(doc(heading(2, text("foo "), em(text("bar"))).flags(FLAG_HEADING_SETEXT), para(text("x")))));
        assertEquals("<h1></h1>\n", html(doc(heading(1))));
    }

    @Test
    void thematicBreak() {
        assertEquals("<p>Foo</p>\n<hr />\n<p>bar</p>\n", html(doc(para(text("Foo")), node(THEMATIC_BREAK), para(text("bar")))));
    }

    @Test
    void tightListUnwrapsParagraphs() {
        assertEquals("<ul>\n<li>foo</li>\n<li>bar</li>\n</ul>\n",
                html(doc(bullets(true, item(para(text("foo"))), item(para(text("bar")))))));
    }

    @Test
    void looseListKeepsParagraphs() {
        assertEquals("<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n",
                html(doc(bullets(false, item(para(text("a"))), item(para(text("b")))))));
    }

    @Test
    void nestedTightLists() {
        // spec: "- a\n  - b"
        assertEquals("<ul>\n<li>a\n<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>\n",
                html(doc(bullets(true, item(para(text("a")), bullets(true, item(para(text("b")))))))));
    }

    @Test
    void emptyItemAndCodeBlockInTightItem() {
        // spec example 320-ish: "- a\n- ```\n  b\n\n\n  ```\n- c"
        assertEquals("<ul>\n<li>a</li>\n<li>\n<pre><code>b\n\n\n</code></pre>\n</li>\n<li>c</li>\n</ul>\n",
                html(doc(bullets(true, item(para(text("a"))), item(fenced(null, "b\n\n\n")), item(para(text("c")))))));
        assertEquals("<ul>\n<li></li>\n</ul>\n", html(doc(bullets(true, item()))));
    }

    @Test
    void orderedListStart() {
        assertEquals("<ol>\n<li>a</li>\n</ol>\n", html(doc(ordered(1, true, item(para(text("a")))))));
        assertEquals("<ol start=\"3\">\n<li>a</li>\n</ol>\n", html(doc(ordered(3, true, item(para(text("a")))))));
        assertEquals("<ol start=\"0\">\n<li>ok</li>\n</ol>\n", html(doc(ordered(0, true, item(para(text("ok")))))));
        assertEquals("<ol start=\"123456789\">\n<li>ok</li>\n</ol>\n",
                html(doc(ordered(123456789, true, item(para(text("ok")))))));
    }

    @Test
    void blockQuotes() {
        assertEquals("<blockquote>\n<h1>Foo</h1>\n<p>bar\nbaz</p>\n</blockquote>\n",
                html(doc(quote(heading(1, text("Foo")), para(text("bar"), soft(), text("baz"))))));
        assertEquals("<blockquote>\n</blockquote>\n", html(doc(quote())));
    }

    @Test
    void codeBlocks() {
        assertEquals("<pre><code>a simple\n  indented code block\n</code></pre>\n",
                html(doc(indented("a simple\n  indented code block\n"))));
        assertEquals("<pre><code>&lt;a/&gt;\n*hi*\n\n- one\n</code></pre>\n", html(doc(indented("<a/>\n*hi*\n\n- one\n"))));
        assertEquals("<pre><code></code></pre>\n", html(doc(fenced(null, ""))));
        // spec example 143: only the info string's first word names the language
        assertEquals("<pre><code class=\"language-ruby\">def foo(x)\n  return 3\nend\n</code></pre>\n",
                html(doc(fenced("ruby startline=3 $%@#$", "def foo(x)\n  return 3\nend\n"))));
        assertEquals("<pre><code class=\"language-a&quot;b&amp;c\">x\n</code></pre>\n",
                html(doc(fenced("a\"b&c\tmore", "x\n"))));
        assertEquals("<pre><code class=\"language-;\">\n</code></pre>\n", html(doc(fenced(";", "\n"))));
    }

    @Test
    void htmlBlocksAndInlineHtmlPassThrough() {
        // spec example 148
        assertEquals("<table><tr><td>\n<pre>\n**Hello**,\n<p><em>world</em>.\n</pre></p>\n</td></tr></table>\n",
                html(doc(htmlBlock(1, "<table><tr><td>\n<pre>\n**Hello**,\n"),
                        para(em(text("world")), text("."), soft(), inlineHtml("</pre>")),
                        htmlBlock(6, "</td></tr></table>\n"))));
        assertEquals("<div>\n", html(doc(htmlBlock(6, "<div>"))));
        assertEquals("<p><a><bab><c2c></p>\n", html(doc(para(inlineHtml("<a>"), inlineHtml("<bab>"), inlineHtml("<c2c>")))));
    }

    @Test
    void breaks() {
        assertEquals("<p>foo<br />\nbaz</p>\n", html(doc(para(text("foo"), hard(), text("baz")))));
        assertEquals("<p>foo\nbaz</p>\n", html(doc(para(text("foo"), soft(), text("baz")))));
    }

    @Test
    void codeSpansAndStrong() {
        assertEquals("<p><code>&lt;a&gt;</code></p>\n", html(doc(para(code("<a>")))));
        assertEquals("<p><strong>foo</strong> <em><strong>bar</strong></em></p>\n",
                html(doc(para(strong(text("foo")), text(" "), em(strong(text("bar")))))));
    }

    @Test
    void links() {
        assertEquals("<p><a href=\"/uri\" title=\"title\">link</a></p>\n", html(doc(para(link("/uri", "title", text("link"))))));
        assertEquals("<p><a href=\"\">link</a></p>\n", html(doc(para(link("", null, text("link"))))));
        // the title is escaped; spec example with title="foo&quot;bar\baz"
        assertEquals("<p><a href=\"/url%5Cbar*baz\" title=\"foo&quot;bar\\baz\">foo</a></p>\n",
                html(doc(para(link("/url\\bar*baz", "foo\"bar\\baz", text("foo"))))));
    }

    @Test
    void destinationsArePercentEncodedLikeTheReferenceRenderers() {
        assertEquals("/my%20uri", href("/my uri"));
        assertEquals("foo%5Cbar", href("foo\\bar"));
        assertEquals("foo%20b%C3%A4", href("foo%20b\u00e4"));
        assertEquals("/f%C3%B6%C3%B6", href("/f\u00f6\u00f6"));
        assertEquals("/%CF%86%CE%BF%CF%85", href("/\u03c6\u03bf\u03c5"));
        assertEquals("https://example.com?find=%5C*", href("https://example.com?find=\\*"));
        assertEquals("https://foo.bar.%60baz", href("https://foo.bar.`baz"));
        assertEquals("my_(url)", href("my_(url)"));
        assertEquals("http://x/?a=1&amp;b=2", href("http://x/?a=1&b=2"));
        // an existing escape stays (in either case), a lone % is encoded
        assertEquals("%e2%82%AC%25%252%25", href("%e2%82%AC%%2%"));
        assertEquals("%25zz", href("%zz"));
        assertEquals("%22%3C%3E%5B%5D%7B%7D%7C%5E%0A", href("\"<>[]{}|^\n"));
        assertEquals("-._~:/?#@!$'()*+,;=azAZ09", href("-._~:/?#@!$'()*+,;=azAZ09"));
        // bytes of malformed UTF-8 are encoded one by one
        assertEquals("%FF%C3", hrefBytes(new byte[]{(byte) 0xFF, (byte) 0xC3}));
    }

    private static String href(String destination) {
        String out = html(doc(para(link(destination, null, text("x")))));
        return out.substring("<p><a href=\"".length(), out.indexOf("\">x</a>"));
    }

    private static String hrefBytes(byte[] destination) {
        String out = html(doc(para(node(LINK, text("x")).a(destination))));
        return out.substring("<p><a href=\"".length(), out.indexOf("\">x</a>"));
    }

    @Test
    void autolinks() {
        assertEquals("<p><a href=\"http://foo.bar.baz\">http://foo.bar.baz</a></p>\n",
                html(doc(para(link("http://foo.bar.baz", null, text("http://foo.bar.baz")).flags(FLAG_LINK_AUTOLINK)))));
        assertEquals("<p><a href=\"mailto:foo@bar.example.com\">foo@bar.example.com</a></p>\n",
                html(doc(para(link("mailto:foo@bar.example.com", null, text("foo@bar.example.com")).flags(FLAG_LINK_AUTOLINK)))));
        // GFM autolink literal
        assertEquals("<p><a href=\"http://www.commonmark.org\">www.commonmark.org</a></p>\n",
                gfmHtml(doc(para(link("http://www.commonmark.org", null, text("www.commonmark.org")).flags(FLAG_LINK_LITERAL)))));
    }

    @Test
    void imagesWriteTheirDescriptionAsPlainAltText() {
        assertEquals("<p><img src=\"/url\" alt=\"foo bar\" title=\"title\" /></p>\n",
                html(doc(para(image("/url", "title", text("foo "), em(text("bar")))))));
        // spec: ![foo ![bar](/url)](/url2) and ![foo [bar](/url)](/url2)
        assertEquals("<p><img src=\"/url2\" alt=\"foo bar\" /></p>\n",
                html(doc(para(image("/url2", null, text("foo "), image("/url", null, text("bar")))))));
        assertEquals("<p><img src=\"/url2\" alt=\"foo bar\" /></p>\n",
                html(doc(para(image("/url2", null, text("foo "), link("/url", null, text("bar")))))));
        assertEquals("<p><img src=\"/u%20v\" alt=\"\" /></p>\n", html(doc(para(image("/u v", null)))));
        // everything in alt is escaped text: quotes, code spans and raw HTML included; breaks are newlines
        assertEquals("<p><img src=\"x\" alt=\"a &quot;q&quot; &amp; c&lt;d&gt;&lt;b&gt;\nz\" /> after</p>\n",
                html(doc(para(image("x", null, text("a \"q\" & "), code("c<d>"), inlineHtml("<b>"), hard(), text("z")),
                        text(" after")))));
    }

    @Test
    void definitionsAndFrontmatterRenderNothing() {
        assertEquals("<p><a href=\"/url\" title=\"title\">foo</a></p>\n",
                html(doc(node(DEFINITION).a("/url").b("title").c("foo"), para(link("/url", "title", text("foo"))))));
        assertEquals("<p>x</p>\n", html(Dialect.MDX, doc(node(FRONTMATTER).data(FRONTMATTER_YAML).a("a: 1\n"), para(text("x")))));
    }

    @Test
    void malformedUtf8BecomesReplacementCharacters() {
        byte[] bad = {'a', (byte) 0xC3, 'b', (byte) 0xE2, (byte) 0x82, (byte) 0xFF, (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80};
        assertEquals("<p>a\uFFFDb\uFFFD\uFFFD\uD83D\uDE00</p>\n", html(doc(para(node(TEXT).a(bad)))));
        try (OcpDocument d = Ocp.read(build(doc(para(node(TEXT).a(bad)))))) {
            OcpCursor c = d.cursor();
            c.moveTo(2);
            assertEquals("a\uFFFDb\uFFFD\uFFFD\uD83D\uDE00", c.literal(), "the cursor decodes as the renderer does");
        }
    }

    // ---- GFM ----

    @Test
    void gfmTable() {
        // GFM spec example 198
        assertEquals("<table>\n<thead>\n<tr>\n<th>foo</th>\n<th>bar</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>baz</td>\n"
                        + "<td>bim</td>\n</tr>\n</tbody>\n</table>\n",
                gfmHtml(doc(table(row(true, cell(true, 0, text("foo")), cell(true, 0, text("bar"))),
                        row(false, cell(false, 0, text("baz")), cell(false, 0, text("bim")))))));
    }

    @Test
    void gfmTableAlignmentAndFollowingBlocks() {
        // GFM spec example 199, then 201's trailing block quote
        assertEquals("<table>\n<thead>\n<tr>\n<th align=\"center\">abc</th>\n<th align=\"right\">defghi</th>\n</tr>\n"
                        + "</thead>\n<tbody>\n<tr>\n<td align=\"center\">bar</td>\n<td align=\"right\">baz</td>\n</tr>\n"
                        + "</tbody>\n</table>\n<blockquote>\n<p>bar</p>\n</blockquote>\n",
                gfmHtml(doc(
                        table(row(true, cell(true, ALIGN_CENTER, text("abc")), cell(true, ALIGN_RIGHT, text("defghi"))),
                                row(false, cell(false, ALIGN_CENTER, text("bar")), cell(false, ALIGN_RIGHT, text("baz")))),
                        quote(para(text("bar"))))));
        assertEquals("<table>\n<thead>\n<tr>\n<th align=\"left\">x</th>\n</tr>\n</thead>\n</table>\n",
                gfmHtml(doc(table(row(true, cell(true, ALIGN_LEFT, text("x")))))));
    }

    @Test
    void gfmTableWithEmptyCellAndInlines() {
        // GFM spec examples 200 and 202
        assertEquals("<table>\n<thead>\n<tr>\n<th>f|oo</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b <code>|</code> az</td>\n"
                        + "</tr>\n<tr>\n<td>b <strong>|</strong> im</td>\n</tr>\n<tr>\n<td></td>\n</tr>\n</tbody>\n</table>\n"
                        + "<p>bar</p>\n",
                gfmHtml(doc(table(row(true, cell(true, 0, text("f|oo"))),
                        row(false, cell(false, 0, text("b "), code("|"), text(" az"))),
                        row(false, cell(false, 0, text("b "), strong(text("|")), text(" im"))),
                        row(false, cell(false, 0))), para(text("bar")))));
    }

    @Test
    void gfmStrikethrough() {
        assertEquals("<p><del>Hi</del> Hello, world!</p>\n",
                gfmHtml(doc(para(node(STRIKETHROUGH, text("Hi")), text(" Hello, world!")))));
    }

    @Test
    void gfmTaskLists() {
        // GFM spec example 279
        assertEquals("<ul>\n<li><input disabled=\"\" type=\"checkbox\"> foo</li>\n"
                        + "<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> bar</li>\n</ul>\n",
                gfmHtml(doc(bullets(true, item(para(text("foo"))).flags(FLAG_ITEM_TASK),
                        item(para(text("bar"))).flags(FLAG_ITEM_TASK | FLAG_ITEM_CHECKED)))));
        // loose: the box goes inside the first paragraph
        assertEquals("<ul>\n<li>\n<p><input disabled=\"\" type=\"checkbox\"> foo</p>\n<p>more</p>\n</li>\n</ul>\n",
                gfmHtml(doc(bullets(false, item(para(text("foo")), para(text("more"))).flags(FLAG_ITEM_TASK)))));
        // no paragraph first: right after <li>
        assertEquals("<ul>\n<li><input disabled=\"\" type=\"checkbox\">\n<pre><code>x\n</code></pre>\n</li>\n</ul>\n",
                gfmHtml(doc(bullets(true, item(indented("x\n")).flags(FLAG_ITEM_TASK)))));
    }

    @Test
    void gfmFootnotesAreNumberedByFirstReferenceAndListedAtTheEnd() {
        Node tree = doc(
                para(text("a"), node(FOOTNOTE_REFERENCE).c("second"), text(" b"), node(FOOTNOTE_REFERENCE).c("First"),
                        text(" c"), node(FOOTNOTE_REFERENCE).c("Second"), text(" d"), node(FOOTNOTE_REFERENCE).c("missing")),
                node(FOOTNOTE_DEFINITION, para(text("One."))).c("first"),
                node(FOOTNOTE_DEFINITION, para(text("Two."))).c("SECOND"),
                node(FOOTNOTE_DEFINITION, para(text("Unused."))).c("unused"),
                para(text("end")));
        assertEquals("<p>a<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup> b"
                        + "<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\" data-footnote-ref>2</a></sup> c"
                        + "<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\" data-footnote-ref>1</a></sup> d"
                        + "[^missing]</p>\n<p>end</p>\n"
                        + "<section class=\"footnotes\" data-footnotes>\n<ol>\n"
                        + "<li id=\"fn-1\">\n<p>Two. <a href=\"#fnref-1\" class=\"footnote-backref\" data-footnote-backref"
                        + " data-footnote-backref-idx=\"1\" aria-label=\"Back to reference 1\">\u21a9</a>"
                        + " <a href=\"#fnref-1-2\" class=\"footnote-backref\" data-footnote-backref"
                        + " data-footnote-backref-idx=\"1-2\" aria-label=\"Back to reference 1-2\">"
                        + "<sup class=\"footnote-ref\">2</sup>\u21a9</a></p>\n</li>\n"
                        + "<li id=\"fn-2\">\n<p>One. <a href=\"#fnref-2\" class=\"footnote-backref\" data-footnote-backref"
                        + " data-footnote-backref-idx=\"2\" aria-label=\"Back to reference 2\">\u21a9</a></p>\n</li>\n"
                        + "</ol>\n</section>\n",
                gfmHtml(tree));
    }

    @Test
    void footnoteDefinitionsMayReferenceFurtherFootnotes() {
        Node tree = doc(
                para(text("x"), node(FOOTNOTE_REFERENCE).c("a")),
                node(FOOTNOTE_DEFINITION, para(text("A"), node(FOOTNOTE_REFERENCE).c("b")), indented("code\n")).c("a"),
                node(FOOTNOTE_DEFINITION, para(text("B"))).c("b"));
        String out = gfmHtml(tree);
        assertTrue(out.contains("<li id=\"fn-1\">\n<p>A<sup class=\"footnote-ref\"><a href=\"#fn-2\" id=\"fnref-2\""
                + " data-footnote-ref>2</a></sup></p>\n<pre><code>code\n</code></pre>\n<a href=\"#fnref-1\""), out);
        // after blocks other than a paragraph, </li> follows the back-references directly
        assertTrue(out.contains("aria-label=\"Back to reference 1\">\u21a9</a></li>\n<li id=\"fn-2\">"), out);
        assertTrue(out.contains("<li id=\"fn-2\">\n<p>B <a href=\"#fnref-2\""), out);
        assertTrue(out.endsWith("</li>\n</ol>\n</section>\n"), out);
    }

    @Test
    void aFootnoteWrittenFirstGetsTheBackReferencesOfReferencesInLaterDefinitions() {
        // a is referenced from the document and from b's definition, which is written after a's
        Node tree = doc(
                para(node(FOOTNOTE_REFERENCE).c("a"), node(FOOTNOTE_REFERENCE).c("b")),
                node(FOOTNOTE_DEFINITION, para(text("A"))).c("a"),
                node(FOOTNOTE_DEFINITION, para(node(FOOTNOTE_REFERENCE).c("a"))).c("b"));
        String out = gfmHtml(tree);
        assertTrue(out.contains("<li id=\"fn-1\">\n<p>A <a href=\"#fnref-1\" class=\"footnote-backref\""
                + " data-footnote-backref data-footnote-backref-idx=\"1\" aria-label=\"Back to reference 1\">\u21a9</a>"
                + " <a href=\"#fnref-1-2\" class=\"footnote-backref\" data-footnote-backref"
                + " data-footnote-backref-idx=\"1-2\" aria-label=\"Back to reference 1-2\">"
                + "<sup class=\"footnote-ref\">2</sup>\u21a9</a></p>\n</li>"), out);
        assertTrue(out.contains("<li id=\"fn-2\">\n<p><sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1-2\""),
                out);
    }

    @Test
    void aFootnoteReferenceInAnImageDescriptionWritesNothingButCounts() {
        Node tree = doc(
                para(image("", null, node(FOOTNOTE_REFERENCE).c("a")), node(FOOTNOTE_REFERENCE).c("a")),
                node(FOOTNOTE_DEFINITION, para(text("A"))).c("a"));
        String out = gfmHtml(tree);
        // the image's reference is the first: the visible one is the second, and the footnote has two back-references
        assertTrue(out.startsWith("<p><img src=\"\" alt=\"\" /><sup class=\"footnote-ref\"><a href=\"#fn-1\""
                + " id=\"fnref-1-2\" data-footnote-ref>1</a></sup></p>\n"), out);
        assertTrue(out.contains("aria-label=\"Back to reference 1-2\">"), out);
    }

    // ---- math and MDX ----

    @Test
    void math() {
        assertEquals("<p>Euler: <code class=\"language-math math-inline\">e^{i\\pi} &lt; 0</code></p>\n"
                        + "<pre><code class=\"language-math math-display\">\\sum_{i} x_i\n</code></pre>\n",
                html(Dialect.MDX, doc(para(text("Euler: "), node(MATH_INLINE).a("e^{i\\pi} < 0")),
                        node(MATH_BLOCK).a("\\sum_{i} x_i\n").b("meta"))));
    }

    @Test
    void mdxRendersJsxChildrenOnlyAndDropsExpressionsAndEsm() {
        assertEquals("<p>Hello <strong>big</strong> world</p>\n<p>inside</p>\n<p>after</p>\n",
                html(Dialect.MDX, doc(
                        node(MDX_ESM).a("import {Chart} from './chart.js'"),
                        para(text("Hello "), jsxText("Bold", strong(text("big"))).attr(ATTR_PLAIN, "x", "<y>"),
                                node(MDX_EXPRESSION_TEXT).a("props.x"), text(" world")),
                        jsxFlow("Note", para(text("inside"))).attr(ATTR_BOOLEAN, "open", null),
                        node(MDX_EXPRESSION_FLOW).a("1 + 1"),
                        jsxFlow("Empty"),
                        para(text("after")))));
        // a paragraph inside JSX inside a tight list item keeps its <p>: it is not the item's own paragraph
        assertEquals("<ul>\n<li>\n<p>x</p>\n</li>\n</ul>\n",
                html(Dialect.MDX, doc(bullets(true, item(jsxFlow("Box", para(text("x"))))))));
    }

    // ---- robustness and API ----

    @Test
    void unknownKindsOfALaterMinorAreSkippedWithTheirSubtree() {
        Node tree = doc(para(text("a"), raw(60, text("hidden"), raw(61)), text("b")), raw(30, para(text("hidden too"))),
                para(text("c")));
        try (OcpDocument d = Ocp.read(new PayloadBuilder().minor(VERSION_MINOR + 1).payload(tree))) {
            assertEquals("<p>ab</p>\n<p>c</p>\n", d.toHtml());
        }
    }

    @Test
    void rendersTheSubtreeUnderTheCursor() throws IOException {
        try (OcpDocument d = Ocp.read(build(doc(para(text("skip")), quote(para(text("x"), em(text("y")))), para(text("z")))))) {
            OcpCursor c = d.cursor();
            c.moveTo(3); // the block quote
            assertEquals(BLOCK_QUOTE, c.kind());
            StringBuilder sb = new StringBuilder();
            HtmlRenderer.render(c, sb);
            assertEquals("<blockquote>\n<p>x<em>y</em></p>\n</blockquote>\n", sb.toString());
            assertEquals(3, c.index(), "the cursor does not move");
        }
    }

    @Test
    void everyKindOfAppendableGetsTheSameLongOutput() throws IOException {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            big.append("line ").append(i).append(" & <more>\n");
        }
        Node tree = kitchenSink().add(indented(big.toString()), para(text(big.toString())));
        try (OcpDocument d = Ocp.read(new PayloadBuilder().dialect(Dialect.MDX).payload(tree))) {
            String viaBuilder = d.toHtml();
            assertTrue(viaBuilder.length() > 100_000);
            StringWriter writer = new StringWriter();
            d.renderHtml(writer);
            assertEquals(viaBuilder, writer.toString());
            StringBuilder target = new StringBuilder();
            Appendable plain = new Appendable() { // neither a StringBuilder nor a Writer
                @Override
                public Appendable append(CharSequence csq) {
                    target.append(csq);
                    return this;
                }

                @Override
                public Appendable append(CharSequence csq, int start, int end) {
                    target.append(csq, start, end);
                    return this;
                }

                @Override
                public Appendable append(char c) {
                    target.append(c);
                    return this;
                }
            };
            d.renderHtml(plain);
            assertEquals(viaBuilder, target.toString());
        }
    }

    @Test
    void closedDocumentCannotBeRendered() {
        OcpDocument d = Ocp.read(build(doc(para(text("x")))));
        d.close();
        assertThrows(IllegalStateException.class, d::toHtml);
        assertThrows(IllegalStateException.class, d::toJson);
    }

    @Test
    void kitchenSinkRendersEveryKind() {
        String out = html(Dialect.MDX, kitchenSinkWithAlert());
        for (String expected : new String[]{"<h2>Title <em>em</em><strong>strong</strong></h2>", "<hr />",
                "<blockquote>\n<p>q</p>\n</blockquote>", "<ol start=\"7\">",
                "<div class=\"markdown-alert markdown-alert-tip\">\n<p class=\"markdown-alert-title\">Tip</p>\n<p>a</p>\n"
                        + "</div>", "checked=\"\"",
                "<pre><code class=\"language-java\">int x;\n</code></pre>", "<div>\n",
                "<th align=\"left\">h1</th>", "<td align=\"right\">c2</td>", "<del>del</del>",
                "<code class=\"language-math math-inline\">x^2</code>", "<p>inside</p>", "<p>fragment</p>",
                "href=\"/u%20r?a=1&amp;b=%25zz\" title=\"t&quot;\"", "<img src=\"/i.png\" alt=\"alt x\" />",
                "<section class=\"footnotes\" data-footnotes>"}) {
            assertTrue(out.contains(expected), () -> "missing " + expected + " in\n" + out);
        }
        assertFalse(out.contains("import X"), out);
        assertFalse(out.contains("title: x"), out);
    }

    @Test
    void nodeKindCountIsCoveredByTheKitchenSink() {
        java.util.Set<NodeKind> seen = java.util.EnumSet.noneOf(NodeKind.class);
        try (OcpDocument d = Ocp.read(new PayloadBuilder().dialect(Dialect.MDX).payload(kitchenSinkWithAlert()))) {
            OcpCursor c = d.cursor();
            for (int i = 0; i < c.nodeCount(); i++) {
                c.moveTo(i);
                seen.add(c.kind());
            }
        }
        assertEquals(java.util.EnumSet.allOf(NodeKind.class), seen);
    }

    /** The kitchen sink and an alert, a v1.6 kind the older payloads of the shared sink may not hold. */
    private static Node kitchenSinkWithAlert() {
        return kitchenSink().add(node(NodeKind.ALERT, para(text("a"))).data(2));
    }
}
