package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.Ocp;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Flavor#MICROMARK} reads the constructs where micromark departs from CommonMark's reference parsers as
 * micromark does (each expectation checked against the npm packages), and {@link Flavor#REFERENCE} as before.
 */
class MicromarkFlavorTest {
    private static final ParseOptions GFM = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);
    private static final ParseOptions MICROMARK = GFM.withFlavor(Flavor.MICROMARK);

    private static String html(String markdown, ParseOptions options) {
        String html = Ocp.toHtml(markdown, options);
        return html.substring(0, html.indexOf('\n'));
    }

    private static void reads(String markdown, String reference, String micromark) {
        assertEquals(reference, html(markdown, GFM), "reference: " + markdown);
        assertEquals(micromark, html(markdown, MICROMARK), "micromark: " + markdown);
    }

    @Test
    void aPathEndsBeforeABracketThatOnlyTrailingPunctuationFollows() {
        reads("www.a.b] x", "<p><a href=\"http://www.a.b%5D\">www.a.b]</a> x</p>",
                "<p><a href=\"http://www.a.b\">www.a.b</a>] x</p>");
        reads("http://a.b/c](d", "<p><a href=\"http://a.b/c%5D(d\">http://a.b/c](d</a></p>",
                "<p><a href=\"http://a.b/c\">http://a.b/c</a>](d</p>");
        // Inside a path a bracket stays when something other than trailing punctuation follows it.
        reads("http://a.b/c]d", "<p><a href=\"http://a.b/c%5Dd\">http://a.b/c]d</a></p>",
                "<p><a href=\"http://a.b/c%5Dd\">http://a.b/c]d</a></p>");
    }

    @Test
    void wwwInAnyCaseAfterBracketsButNoFtp() {
        reads("Www.a.b", "<p>Www.a.b</p>", "<p><a href=\"http://Www.a.b\">Www.a.b</a></p>");
        reads("x]www.a.b", "<p>x]www.a.b</p>", "<p>x]<a href=\"http://www.a.b\">www.a.b</a></p>");
        reads("ftp://a.b", "<p><a href=\"ftp://a.b\">ftp://a.b</a></p>", "<p>ftp://a.b</p>");
        // A form feed is whitespace to cmark-gfm, not to micromark's literal.
        reads("x\fwww.a.b", "<p>x\f<a href=\"http://www.a.b\">www.a.b</a></p>", "<p>x\fwww.a.b</p>");
    }

    @Test
    void emailAddressesAsMicromarkTakesThem() {
        // An underscore run may start the address (micromark tries the literal before emphasis).
        reads("x _a@b.c", "<p>x _<a href=\"mailto:a@b.c\">a@b.c</a></p>",
                "<p>x <a href=\"mailto:_a@b.c\">_a@b.c</a></p>");
        // No protocol forms: the address after them is linked alone.
        reads("mailto:a@b.c", "<p><a href=\"mailto:a@b.c\">mailto:a@b.c</a></p>",
                "<p>mailto:<a href=\"mailto:a@b.c\">a@b.c</a></p>");
        // An address is tried before a www literal where both could start.
        reads("www.a.b@c.d", "<p><a href=\"http://www.a.b@c.d\">www.a.b@c.d</a></p>",
                "<p><a href=\"mailto:www.a.b@c.d\">www.a.b@c.d</a></p>");
        // A local part that an escaped character precedes is no address.
        reads("a\\+b@c.d", "<p>a+<a href=\"mailto:b@c.d\">b@c.d</a></p>", "<p>a+b@c.d</p>");
    }

    @Test
    void footnoteLabelsTakeEscapedBracketsAndNoWhitespace() {
        String call = "<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup>";
        // For the reference reading the label is no footnote's, and the line defines a link.
        reads("Call.[^a\\]b].\n\n[^a\\]b]: y", "<p>Call.<a href=\"y\">^a]b</a>.</p>", "<p>Call." + call + ".</p>");
        reads("[^ w]\n\n[^w]: x", "<p>" + call + "</p>", "<p>[^ w]</p>");
    }

    @Test
    void aBracketAfterTheTextThatOpensNoReferenceLeavesNoShortcut() {
        reads("[x][ ]\n\n[x]: /u", "<p><a href=\"/u\">x</a>[ ]</p>", "<p>[x][ ]</p>");
        reads("[x][]\n\n[x]: /u", "<p><a href=\"/u\">x</a></p>", "<p><a href=\"/u\">x</a></p>");
    }

    @Test
    void labelsMatchByJavaScriptsCaseMapping() {
        reads("[\u0131]: /u\n\n[I]", "<p>[I]</p>", "<p><a href=\"/u\">I</a></p>");
        reads("[K]: /u\n\n[\u212A]", "<p><a href=\"/u\">\u212A</a></p>", "<p><a href=\"/u\">\u212A</a></p>");
    }
}
