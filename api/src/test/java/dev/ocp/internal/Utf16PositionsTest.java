package dev.ocp.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf16PositionsTest {

    private static Utf16Positions of(String s) {
        return new Utf16Positions(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void offsetsAndColumnsCountUtf16UnitsAsJavaScriptStringsDo() {
        String s = "a😀é漢\tb\n";
        Utf16Positions p = of(s);
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        // For each character boundary, the byte offset maps to the Java (UTF-16) index of the same place.
        int bytesSoFar = 0;
        for (int i = 0; i <= s.length(); ) {
            assertEquals(i, p.offset(bytesSoFar), "at UTF-16 index " + i);
            if (i == s.length()) {
                break;
            }
            int cp = s.codePointAt(i);
            bytesSoFar += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            i += Character.charCount(cp);
        }
        assertEquals(bytes.length, bytesSoFar);
        int b = s.indexOf('b');
        int bByte = s.substring(0, b).getBytes(StandardCharsets.UTF_8).length;
        assertEquals(1, p.line(bByte));
        assertEquals(b + 1, p.column(bByte, 1), "the tab is one column");
    }

    @Test
    void linesEndAtLfCrAndCrLf() {
        Utf16Positions p = of("a\r\nb\rc\nd");
        assertEquals(1, p.line(0));
        assertEquals(1, p.line(2), "the LF of a CR LF belongs to its line");
        assertEquals(2, p.line(3));
        assertEquals(3, p.line(5));
        assertEquals(4, p.line(7));
        assertEquals(1, p.column(7, 4));
        assertEquals(7, p.offset(7));
    }

    @Test
    void longSourcesUseTheCheckpointsAndIllFormedBytesCountOneUnitPerSubpart() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            sb.append(i % 3 == 0 ? "😀" : i % 3 == 1 ? "é" : "x");
        }
        String s = sb.toString();
        Utf16Positions p = of(s);
        assertEquals(s.length(), p.offset(s.getBytes(StandardCharsets.UTF_8).length));
        // 0xFF is never UTF-8; E2 82 is a cut-short three-byte sequence: one U+FFFD each, as a decoder writes.
        Utf16Positions bad = new Utf16Positions((new byte[] {'a', (byte) 0xFF, (byte) 0xE2,
                (byte) 0x82, 'b'}));
        assertEquals(3, bad.offset(4));
        assertEquals(4, bad.offset(5));
    }
}
