package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Ocp;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A footnote reference's label is matched as written, whatever the inline parse made of it before its bracket
 * closed, as commonmark-java's footnotes extension (the reference of footnotes here) and micromark match it. (That
 * the label must first be one, with no bracket inside, keeps nested brackets linear: the kit's growth shape
 * "footnote-like brackets" holds it, as no definition can have such a label.)
 */
class FootnoteLabelTest {
    private static final ParseOptions GFM = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);

    private static String paragraph(String markdown) {
        String html = Ocp.toHtml(markdown, GFM);
        return html.substring(0, html.indexOf('\n'));
    }

    private static String reference(int n) {
        return "<sup class=\"footnote-ref\"><a href=\"#fn-" + n + "\" id=\"fnref-" + n + "\" data-footnote-ref>" + n
                + "</a></sup>";
    }

    @Test
    void escapesAndCharacterReferencesAreTheLabelAsWritten() {
        assertEquals("<p>Call." + reference(1) + ".</p>", paragraph("Call.[^a\\+b].\n\n[^a\\+b]: y"));
        assertEquals("<p>Call." + reference(1) + ".</p>", paragraph("Call.[^a&copy;b].\n\n[^a&copy;b]: y"));
        assertEquals("<p>Call." + reference(1) + ".</p>", paragraph("Call.[^a&#91;b].\n\n[^a&#91;b]: y"));
    }

    @Test
    void emphasisAndCodeSpansInTheLabelGoWithIt() {
        assertEquals("<p>" + reference(1) + " and !" + reference(2) + " x</p>",
                paragraph("[^*e*] and ![^`c`] x\n\n[^*e*]: a\n\n[^`c`]: b"));
        // Emphasis around the reference still pairs; the label's own delimiter runs are gone with it.
        assertEquals("<p><em>x " + reference(1) + " y</em></p>", paragraph("*x [^*a*] y*\n\n[^*a*]: z"));
        assertEquals("<p><em>x " + reference(1) + " y</em></p>", paragraph("*x [^a*] y*\n\n[^a*]: z"));
    }

    @Test
    void withoutADefinitionTheLabelStaysAsParsed() {
        assertEquals("<p>[^<em>a</em>] and [^<code>b</code>]</p>", paragraph("[^*a*] and [^`b`]\n\n[^c]: d"));
    }
}
