package dev.ocp.engine.java;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The named entity table and character reference recognition. */
class EntityTest {

    /** Decodes the reference at the start of {@code s}, or returns null if there is none. */
    private static String decode(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long ref = Entities.scan(b, 0, b.length);
        if (ref == 0) {
            return null;
        }
        TreeBuilder t = new TreeBuilder();
        t.reset(10);
        t.beginString();
        Entities.appendReference(t, ref);
        int id = t.endString();
        byte[] out = new byte[t.stringLength(id)];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.stringByte(id, i);
        }
        assertEquals(s.indexOf(';') + 1, (int) (ref >>> 32), "length of " + s);
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void everyEntryOfTheResourceIsFoundWithItsValue() throws Exception {
        int count = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Entities.class.getResourceAsStream("entities.txt"), StandardCharsets.US_ASCII))) {
            String header = r.readLine();
            assertTrue(header.startsWith("# WHATWG HTML named character references"), header);
            String line;
            while ((line = r.readLine()) != null) {
                String[] parts = line.split("\t");
                StringBuilder value = new StringBuilder();
                for (String cp : parts[1].split(" ")) {
                    value.appendCodePoint(Integer.parseInt(cp, 16));
                }
                assertEquals(value.toString(), decode("&" + parts[0] + ";"), parts[0]);
                count++;
            }
        }
        assertEquals(2125, count, "HTML5 names that end in ';'");
    }

    @Test
    void namedReferences() {
        assertEquals("\u00a0", decode("&nbsp;"));
        assertEquals("&", decode("&amp;"));
        assertEquals("\u2232", decode("&ClockwiseContourIntegral;"));
        assertEquals("\u2267\u0338", decode("&ngE;"));
        assertEquals("\u2233", decode("&CounterClockwiseContourIntegral;"), "the longest name (31 characters)");
    }

    @Test
    void notReferences() {
        for (String s : new String[]{"&nbsp", "&copy", "&x;", "&#;", "&#x;", "&MadeUpEntity;", "&hi?;", "&", "&;",
                "&AMP", "&amp ;", "&#87654321;", "&#abcdef0;", "&#x1234567;", "&" + "a".repeat(40) + ";"}) {
            assertEquals(null, decode(s), s);
        }
    }

    @Test
    void numericReferences() {
        assertEquals("#", decode("&#35;"));
        assertEquals("Ӓ", decode("&#1234;"));
        assertEquals("\"", decode("&#X22;"));
        assertEquals("ಫ", decode("&#xcab;"));
        assertEquals("\uDBFF\uDFFF", decode("&#1114111;"));
        assertEquals("\uDBFF\uDFFF", decode("&#x10FFFF;"));
        assertEquals("\u00e9", decode("&#0000233;"), "seven digits with leading zeros");
    }

    @Test
    void invalidAndZeroCodePointsBecomeReplacementCharacter() {
        assertEquals("\uFFFD", decode("&#0;"));
        assertEquals("\uFFFD", decode("&#x0;"));
        assertEquals("\uFFFD", decode("&#xD800;"));
        assertEquals("\uFFFD", decode("&#57343;"));
        assertEquals("\uFFFD", decode("&#x110000;"));
        assertEquals("\uFFFD", decode("&#9999999;"));
    }
}
