package dev.ocp.mdast;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** mdast's label: escapes and references decoded as the JS toolchain's tree builder does (its decodeString). */
class CharacterReferencesTest {

    @Test
    void namedDecimalAndHexReferencesAndEscapesAreDecoded() {
        assertEquals("&\u00a9&", CharacterReferences.decode("&amp;&copy;&"));
        assertEquals("a[b", CharacterReferences.decode("a&#91;b"));
        assertEquals("##", CharacterReferences.decode("&#x23;&#X23;"));
        assertEquals(";*[", CharacterReferences.decode("&semi;\\*\\["));
        assertEquals("\u2233", CharacterReferences.decode("&CounterClockwiseContourIntegral;"));
        assertEquals("\u2242\u0338", CharacterReferences.decode("&NotEqualTilde;"), "two code points");
    }

    @Test
    void whatIsNoReferenceStaysAsWritten() {
        String plain = "Foo\n  bar";
        assertSame(plain, CharacterReferences.decode(plain));
        assertEquals("&nosuch; &amp &; &#; &#x; &#12345678; &#\u0663;", CharacterReferences.decode(
                "&nosuch; &amp &; &#; &#x; &#12345678; &#\u0663;"), "unknown, unterminated, empty, too long, not ASCII");
        assertEquals("\\a \\", CharacterReferences.decode("\\a \\"), "a backslash before no punctuation is kept");
    }

    @Test
    void codePointsHtmlForbidsBecomeTheReplacementCharacter() {
        assertEquals("\ufffd\ufffd\ufffd\ufffd", CharacterReferences.decode("&#0;&#xD800;&#x110000;&#xFFFE;"));
        assertEquals("\t", CharacterReferences.decode("&#9;"));
    }
}
