package dev.ocp.mdast;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The texts and links one text becomes, as mdast-util-gfm-autolink-literal splits it (checked with the npm packages). */
class LiteralLinkPassTest {
    private static LiteralLinkPass.Piece text(String value) {
        return new LiteralLinkPass.Piece(value, null);
    }

    private static LiteralLinkPass.Piece link(String text, String url) {
        return new LiteralLinkPass.Piece(text, url);
    }

    @Test
    void aTextWithoutAddressesStays() {
        assertNull(LiteralLinkPass.split("a b. c: d"));
        // refused: a letter before, an underscore in the last labels, a label ending in a digit
        assertNull(LiteralLinkPass.split("xhttp://a.b xwww.a.b"));
        assertNull(LiteralLinkPass.split("www.a_b.c"));
        assertNull(LiteralLinkPass.split("a@b.c1"));
    }

    @Test
    void webAddressesLoseTrailingPunctuationButKeepBalancedParentheses() {
        assertEquals(List.of(text("[a "), link("www.b.c", "http://www.b.c"), text(".")),
                LiteralLinkPass.split("[a www.b.c."));
        assertEquals(List.of(text("("), link("https://a.b/(c)", "https://a.b/(c)"), text(")!")),
                LiteralLinkPass.split("(https://a.b/(c))!"));
        assertEquals(List.of(text("\u00a9"), link("www.b.com", "http://www.b.com")),
                LiteralLinkPass.split("\u00a9www.b.com"));
    }

    @Test
    void refusedCandidatesCostTheirDomainOnly() {
        // Each "(www." is a candidate its domain check refuses (an underscore); none may look on to the text's end.
        long[] small = new long[1];
        long[] large = new long[1];
        assertNull(LiteralLinkPass.split("(www.a_b".repeat(1_000), small));
        assertNull(LiteralLinkPass.split("(www.a_b".repeat(8_000), large));
        assertTrue(small[0] >= 1_000, "the candidates were counted: " + small[0]);
        assertTrue(large[0] < 10 * small[0], "8x the text, " + (double) large[0] / small[0] + "x the work");
    }

    @Test
    void emailAndProtocolForms() {
        assertEquals(List.of(text("<"), link("foo+@bar.example.com", "mailto:foo+@bar.example.com"), text(">")),
                LiteralLinkPass.split("<foo+@bar.example.com>"));
        assertEquals(List.of(link("mailto:a@b.c", "mailto:a@b.c"), text(" "), link("xmpp:a@b.c/d", "xmpp:a@b.c/d")),
                LiteralLinkPass.split("mailto:a@b.c xmpp:a@b.c/d"));
        // A refused candidate is passed over and the search goes on after its start.
        assertEquals(List.of(text("a@b.c1 "), link("d@e.f", "mailto:d@e.f")), LiteralLinkPass.split("a@b.c1 d@e.f"));
    }
}
