package dev.ocp.engine.java;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Inputs on which differential testing against commonmark-java (and a look at cmark and commonmark.js) found
 * the {@code java} engine wrong, each with the HTML the CommonMark 0.31.2 spec requires. Each fix came with its
 * cases here, so that it cannot come undone.
 */
class DifferentialFindingsTest {
    private static OcpEngine engine;

    @BeforeAll
    static void open() {
        engine = Ocp.engine("java");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static String html(String markdown) {
        try (OcpDocument doc = engine.parse(markdown, ParseOptions.defaults())) {
            return doc.toHtml();
        }
    }

    /**
     * Spec 2.3: U+0000 must be replaced by U+FFFD. The engine replaces it when it writes strings, so every
     * decision taken on a NUL must be the one taken on U+FFFD: it is not a control character in a destination
     * or an autolink, it is punctuation (a symbol) for flanking, and it matches U+FFFD in a link label.
     */
    @Test
    void nulIsTheReplacementCharacterEverywhere() {
        assertEquals("<p><a href=\"%EF%BF%BD\"></a></p>\n", html("[](\0)"));
        assertEquals("<p><a href=\"a%EF%BF%BDb\">x</a></p>\n", html("[x]: a\0b\n\n[x]"));
        assertEquals("", html("[x]:\0"));
        assertEquals("<p><a href=\"mx:%EF%BF%BD\">mx:\uFFFD</a></p>\n", html("<mx:\0>"));
        assertEquals("<p>\uFFFD<em>&gt;</em></p>\n", html("\0*>*"));
        assertEquals("<p>\uFFFD<strong>\u3002</strong></p>\n", html("\0**\u3002**"));
        assertEquals("<p>*\uFFFD*b</p>\n", html("*\0*b"));
        assertEquals("<p><a href=\"/u\">\uFFFD</a></p>\n", html("[\uFFFD]: /u\n\n[\0]"));
        assertEquals("<p><a href=\"/u\">\uFFFD</a></p>\n", html("[\0]: /u\n\n[\uFFFD]"));
    }

    /** Every NUL case above gives the HTML of the same input with U+FFFD in its place. */
    @Test
    void nulAndReplacementCharacterGiveTheSameHtml() {
        String[] inputs = {"[](\0)", "[x]: a\0b\n\n[x]", "[x]:\0", "<mx:\0>", "\0*>*", "\0**\u3002**", "*\0*b",
            "[\uFFFD]: /u\n\n[\0]", "a**\0**", "_\u00e9_\0", "`\0`", "<a b=\0>", "&\0;", "[\0]: <\0> \"\0\"\n[\0]"};
        for (String in : inputs) {
            assertEquals(html(in.replace('\0', '\uFFFD')), html(in), in);
        }
    }

    /**
     * Ill-formed UTF-8 beside a delimiter run flanks it as the U+FFFD it is read as, a symbol and so punctuation: as
     * in commonmark-java, commonmark.js and micromark, which decode their input before they parse it (the kit's
     * chunk check found it: a chunk's Markdown is text, so its replacement characters flanked other than the bytes
     * of the document it came from).
     */
    @Test
    void illFormedUtf8FlanksAsTheReplacementCharacter() {
        byte[][] illFormed = {{(byte) 0x80}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xF5}, {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF0, (byte) 0x9F}};
        // What each reads as: a U+FFFD per maximal subpart (the OCP format's rule; the JDK gives ED A0 80 one).
        String[] readAs = {"\uFFFD", "\uFFFD\uFFFD", "\uFFFD", "\uFFFD", "\uFFFD\uFFFD\uFFFD", "\uFFFD"};
        String[] inputs = {"X*>*", "a**X**", "*X*b", "X**\u3002**", "_\u00e9_X", "X___a_", "a~~X~~b"};
        ParseOptions gfm = ParseOptions.of(dev.ocp.Dialect.COMMONMARK, dev.ocp.Extension.GFM);
        for (String in : inputs) {
            for (int k = 0; k < illFormed.length; k++) {
                byte[] bad = illFormed[k];
                byte[] bytes = replaceX(in, bad);
                String decoded = in.replace("X", readAs[k]);
                for (ParseOptions options : new ParseOptions[] {ParseOptions.defaults(), gfm}) {
                    try (OcpDocument raw = engine.parse(bytes, options);
                         OcpDocument text = engine.parse(decoded, options)) {
                        assertEquals(text.toHtml(), raw.toHtml(), in + " with " + java.util.Arrays.toString(bad));
                    }
                }
            }
        }
        assertEquals("<p>\uFFFD<em>&gt;</em></p>\n", html(replaceX("X*>*", new byte[] {(byte) 0x80})));
    }

    /**
     * Ill-formed UTF-8 in a link label matches as the U+FFFD it is read as, one per maximal subpart (Unicode 3.9), as
     * in the references, which decode their input before they parse it.
     */
    @Test
    void illFormedUtf8InALabelMatchesAsTheReplacementCharacter() {
        String link = "<p><a href=\"/u\">a\uFFFD</a></p>\n";
        assertEquals(link, html(replaceX("[aX]: /u\n\n[a\uFFFD]", new byte[] {(byte) 0x80})));
        assertEquals(link, html(replaceX("[a\uFFFD]: /u\n\n[aX]", new byte[] {(byte) 0xFF})));
        assertEquals(link, html(replaceX("[a\uFFFD]: /u\n\n[aX]", new byte[] {(byte) 0xE2, (byte) 0x82})));
        assertEquals(link, html(replaceX("[a\uFFFD]: /u\n\n[aX]", new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98})));
        // Two maximal subparts (an encoded surrogate is three): two (three) replacement characters, not one.
        String two = "[a\uFFFD\uFFFD]: /u\n\n[aX]";
        assertEquals("<p><a href=\"/u\">a\uFFFD\uFFFD</a></p>\n", html(replaceX(two, new byte[] {(byte) 0xC0, (byte) 0x80})));
        assertEquals("<p>[a\uFFFD]</p>\n", html(replaceX("[a\uFFFD\uFFFD]: /u\n\n[aX]", new byte[] {(byte) 0xE2, (byte) 0x82})));
        assertEquals("<p><a href=\"/u\">a\uFFFD\uFFFD\uFFFD</a></p>\n", html(replaceX("[a\uFFFD\uFFFD\uFFFD]: /u\n\n[aX]",
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
    }

    private static String html(byte[] markdown) {
        try (OcpDocument doc = engine.parse(markdown, ParseOptions.defaults())) {
            return doc.toHtml();
        }
    }

    /** The UTF-8 of {@code markdown} with its one {@code X} replaced by {@code bytes}. */
    private static byte[] replaceX(String markdown, byte[] bytes) {
        int x = markdown.indexOf('X');
        byte[] before = markdown.substring(0, x).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] after = markdown.substring(x + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(before, before.length + bytes.length + after.length);
        System.arraycopy(bytes, 0, out, before.length, bytes.length);
        System.arraycopy(after, 0, out, before.length + bytes.length, after.length);
        return out;
    }

    /**
     * Spec 6.1: a backtick string opens a code span when a closing string of the same length follows. The
     * index of backtick runs must not forget a later run when a search rescans an earlier one ({@code ``} first
     * scans to the end and records the last single backtick; the first code span then rescans and must not
     * replace that record with an earlier position).
     */
    @Test
    void aCodeSpanAfterAnotherFindsItsCloser() {
        assertEquals("<p>``*<code>;</code>x<code>&gt;</code></p>\n", html("``*`;`x`>`"));
        assertEquals("<p>`` <code> </code> <code> </code></p>\n", html("`` ` ` ` `"));
        assertEquals("<p>` <code>~</code> <code>\t</code></p>\n", html("` ```~``` ```\t```"));
        String longRun = "`".repeat(70);
        assertEquals("<p>" + longRun + "x<code>a</code>b<code>c</code></p>\n",
                html(longRun + "x" + longRun.substring(1) + "a" + longRun.substring(1) + "b" + longRun.substring(1)
                        + "c" + longRun.substring(1)));
    }

    /**
     * Spec 5.3 and example 317: a link reference definition is one of the block-level elements whose separation
     * by a blank line makes a list loose, whether the blank line comes before or after it.
     */
    @Test
    void aDefinitionSeparatedByABlankLineMakesTheListLoose() {
        assertEquals("<ul>\n<li>\n<p>x</p>\n</li>\n</ul>\n", html("+ [f]:l\n\n  x"));
        assertEquals("<ul>\n<li>\n<p>a</p>\n</li>\n</ul>\n", html("- a\n\n  [f]: /u"));
        assertEquals("<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>\n", html("- a\n\n  [f]: /u\n- b"));
        assertEquals("<ul>\n<li>a\n[f]: /u</li>\n<li>b</li>\n</ul>\n", html("- a\n  [f]: /u\n- b"));
        assertEquals("<ul>\n<li></li>\n<li>b</li>\n</ul>\n", html("- [f]: /u\n- b"));
    }
}
