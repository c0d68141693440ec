package dev.ocp.markdown;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The escape table: each syntax's rows decide what a text escapes, and nothing else does (the writer asks no
 * extension switch); the word filter the text's scan skips runs with covers every special byte of the table.
 */
class EscapeTableTest {
    private static final Set<Extension> NONE = EnumSet.noneOf(Extension.class);

    private static String text(EscapeTable table, String literal, int where) {
        byte[] s = literal.getBytes(StandardCharsets.UTF_8);
        Bytes b = new Bytes(16);
        new Escaper(table).text(s, s.length, b, where);
        return new String(b.a, 0, b.n, StandardCharsets.UTF_8);
    }

    @Test
    void commonMarkEscapesItsOwnCharactersOnly() {
        EscapeTable cm = EscapeTable.of(Dialect.COMMONMARK, NONE);
        for (char c : "\\`*_[]<&!\n\r".toCharArray()) {
            assertTrue(cm.special()[c], "special in CommonMark: " + (int) c);
        }
        for (char c : "~|@$:.{}#>-+=()".toCharArray()) {
            assertFalse(cm.special()[c], "not special inside CommonMark text: " + c);
        }
        assertEquals(0, cm.filter(), "the narrow word filter covers CommonMark");
        assertEquals("a~b|c@d$e{f}", text(cm, "a~b|c@d$e{f}", 0));
        assertEquals("\\*a\\* b&c \\&amp;", text(cm, "*a* b&c &amp;", 0));
    }

    @Test
    void eachExtensionAddsItsRows() {
        EscapeTable gfm = EscapeTable.of(Dialect.COMMONMARK, EnumSet.of(Extension.GFM));
        assertEquals("a\\~b\\|c\\@d$e{f}", text(gfm, "a~b|c@d$e{f}", 0));
        assertEquals("http\\://x www\\.y a:b", text(gfm, "http://x www.y a:b", 0));
        assertEquals(1, gfm.filter(), "the wide word filter covers the extensions");
        EscapeTable math = EscapeTable.of(Dialect.COMMONMARK, EnumSet.of(Extension.MATH));
        assertEquals("a~b\\$c", text(math, "a~b$c", 0));
        EscapeTable mdx = EscapeTable.of(Dialect.MDX, NONE);
        assertEquals("\\{a\\}", text(mdx, "{a}", 0));
        EscapeTable frontmatter = EscapeTable.of(Dialect.COMMONMARK, EnumSet.of(Extension.FRONTMATTER));
        assertEquals("a~b", text(frontmatter, "a~b", 0));
    }

    @Test
    void placesOtherThanAnywhere() {
        EscapeTable cm = EscapeTable.of(Dialect.COMMONMARK, NONE);
        assertEquals("\\# a", text(cm, "# a", Escaper.LINE_START));
        assertEquals("# a", text(cm, "# a", 0));
        assertEquals("12\\. a", text(cm, "12. a", Escaper.LINE_START));
        assertEquals("\\(a)", text(cm, "(a)", Escaper.AFTER_REFERENCE));
        assertEquals("a\\!", text(cm, "a!", Escaper.BEFORE_LINK));
        assertEquals("a!", text(cm, "a!", 0));
        assertEquals("a&#10;b", text(cm, "a\nb", 0));
    }

    @Test
    void aTableIsBuiltOncePerSyntax() {
        Set<Extension> all = EnumSet.allOf(Extension.class);
        assertSame(EscapeTable.of(Dialect.MDX, all), EscapeTable.of(Dialect.MDX, all));
    }
}
