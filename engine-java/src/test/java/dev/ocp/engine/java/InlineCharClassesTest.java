package dev.ocp.engine.java;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Unicode tables behind flanking rules and label normalization. */
class InlineCharClassesTest {

    @Test
    void whitespaceIsZsPlusTabLineFeedFormFeedCarriageReturn() {
        for (int cp : new int[]{' ', '\t', '\n', '\f', '\r', 0xA0, 0x1680, 0x2000, 0x200A, 0x202F, 0x205F, 0x3000}) {
            assertTrue(CharClasses.isWhitespace(cp), Integer.toHexString(cp));
        }
        for (int cp : new int[]{0x0B, 'a', 0x85, 0x200B, 0x2028, 0xFEFF, -1}) {
            assertFalse(CharClasses.isWhitespace(cp), Integer.toHexString(cp));
        }
    }

    @Test
    void punctuationIsCategoriesPAndS() {
        String ascii = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
        for (int c = 0; c < 128; c++) {
            assertEquals(ascii.indexOf(c) >= 0, CharClasses.isPunctuation(c), "ASCII " + c);
        }
        // P: ¡ « » ‐ — 、 ; S: £ € ± ° © ⌘ and an emoji (So, outside the BMP).
        for (int cp : new int[]{0xA1, 0xAB, 0xBB, 0x2010, 0x2014, 0x3001, 0xA3, 0x20AC, 0xB1, 0xB0, 0xA9, 0x2318, 0x1F600}) {
            assertTrue(CharClasses.isPunctuation(cp), Integer.toHexString(cp));
        }
        for (int cp : new int[]{'a', 0xE9, 0x3B1, 0x4E00, 0xA0, 0x300, -1}) {
            assertFalse(CharClasses.isPunctuation(cp), Integer.toHexString(cp));
        }
    }

    @Test
    void decodingUtf8AndRejectingMalformedSequences() {
        byte[] b = "aé€😀".getBytes(StandardCharsets.UTF_8);
        assertEquals('a', CharClasses.decode(b, 0, b.length));
        assertEquals(0xE9, CharClasses.decode(b, 1, b.length));
        assertEquals(0x20AC, CharClasses.decode(b, 3, b.length));
        assertEquals(0x1F600, CharClasses.decode(b, 6, b.length));
        assertEquals(0x1F600, CharClasses.decodeBefore(b, 0, b.length));
        assertEquals(0x20AC, CharClasses.decodeBefore(b, 0, 6));
        assertEquals(-1, CharClasses.decode(b, 2, b.length), "a continuation byte alone");
        assertEquals(-1, CharClasses.decode(b, 6, 8), "truncated");
        byte[] bad = {(byte) 0xC0, (byte) 0x80, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80};
        assertEquals(-1, CharClasses.decode(bad, 0, bad.length), "overlong");
        assertEquals(-1, CharClasses.decode(bad, 2, bad.length), "surrogate");
        assertEquals(-1, CharClasses.decode(bad, 5, bad.length), "above U+10FFFF");
        assertEquals(-1, CharClasses.decodeBefore(bad, 0, 2));
    }

    private static String normalize(String label) {
        ReferenceMap m = new ReferenceMap();
        byte[] b = label.getBytes(StandardCharsets.UTF_8);
        m.normalize(b, 0, b.length);
        return new String(m.normalized, 0, m.normalizedLength, StandardCharsets.UTF_8);
    }

    @Test
    void labelNormalizationFoldsCaseFullyAndCollapsesWhitespace() {
        assertEquals("foo bar", normalize("  Foo \t\n BAR \n"));
        assertEquals("ss", normalize("ẞ"));
        assertEquals("ss", normalize("ß"));
        assertEquals("αγω", normalize("ΑΓΩ"));
        assertEquals("σσ", normalize("Σς"));
        assertEquals("i\u0307", normalize("\u0130"));
        assertEquals("\uD801\uDC28", normalize("\uD801\uDC00"), "outside the BMP (Deseret)");
        assertEquals("a\u00a0b", normalize("A\u00a0B"), "only spaces, tabs and line endings collapse");
    }

    /** Ill-formed UTF-8 in a label: a U+FFFD per maximal subpart (the C core's inline_refs_test has the same cases). */
    @Test
    void labelNormalizationReadsIllFormedBytesAsAReplacementCharacterPerMaximalSubpart() {
        assertEquals("\uFFFDa\uFFFD", normalize(0xFF, 'A', 0xC3));
        assertEquals("\uFFFDb\uFFFD", normalize(0xE2, 0x82, 'B', 0xF0, 0x9F, 0x98));
        assertEquals("\uFFFD".repeat(5), normalize(0xED, 0xA0, 0x80, 0xC0, 0x80), "a surrogate is three, C0 80 two");
        assertEquals("\uFFFD".repeat(4), normalize(0xE0, 0x80, 0xF4, 0x90), "overlong and past U+10FFFF: a byte each");
        assertEquals(3, CharClasses.illFormedLength(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, 'a'}, 0, 4));
        assertEquals(2, CharClasses.illFormedLength(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, 0, 2),
                "nothing read at or past the end");
    }

    private static String normalize(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        ReferenceMap m = new ReferenceMap();
        m.normalize(b, 0, b.length);
        return new String(m.normalized, 0, m.normalizedLength, StandardCharsets.UTF_8);
    }
}
