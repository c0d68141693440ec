package dev.ocp.mdast;

import dev.ocp.internal.Utf8;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Utf16Positions.Cursor c = p.cursor();
        c.moveTo(bByte);
        assertEquals(1, c.line());
        assertEquals(b + 1, c.column(), "the tab is one column");
        assertEquals(b, c.units());
    }

    @Test
    void linesEndAtLfCrAndCrLf() {
        Utf16Positions p = of("a\r\nb\rc\nd");
        assertEquals(1, p.line(0));
        assertEquals(1, p.line(2), "the LF of a CR LF belongs to its line");
        assertEquals(2, p.line(3));
        assertEquals(3, p.line(5));
        assertEquals(4, p.line(7));
        assertEquals(7, p.offset(7));
        Utf16Positions.Cursor c = p.cursor();
        int[][] expected = {{1, 1}, {1, 2}, {1, 3}, {2, 1}, {2, 2}, {3, 1}, {3, 2}, {4, 1}, {4, 2}};
        for (int offset = 0; offset <= 8; offset++) {
            c.moveTo(offset);
            assertEquals(expected[offset][0], c.line(), "line at " + offset);
            assertEquals(expected[offset][1], c.column(), "column at " + offset);
        }
        assertFalse(p.lineEndingsAreLf());
        assertTrue(of("a\nb\n").lineEndingsAreLf());
        assertFalse(of("a\nb\r").lineEndingsAreLf());
    }

    @Test
    void cursorsGiveTheSamePositionsWhicheverWayTheyMove() {
        StringBuilder sb = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        String[] pieces = {"a", "😀", "é", "漢", "\t", "\n", "\r\n", "\r", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"};
        while (sb.length() < 5000) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        String s = sb.toString();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        Utf16Positions p = new Utf16Positions(bytes);
        // The truth, from the decoded string: a character boundary's byte offset, line and UTF-16 column.
        java.util.Map<Integer, int[]> truth = new java.util.HashMap<>();
        int line = 1;
        int lineStart = 0;
        int offset = 0;
        for (int i = 0; i <= s.length(); ) {
            truth.put(offset, new int[] {line, i - lineStart + 1, i});
            if (i == s.length()) {
                break;
            }
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            offset += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            i += n;
            if (cp == '\n' || cp == '\r' && !(i < s.length() && s.charAt(i) == '\n')) {
                line++;
                lineStart = i;
            }
        }
        java.util.List<Integer> offsets = new java.util.ArrayList<>(truth.keySet());
        Utf16Positions.Cursor c = p.cursor();
        for (int k = 0; k < 3000; k++) {
            int at = offsets.get(random.nextInt(offsets.size()));
            c.moveTo(at);
            int[] want = truth.get(at);
            assertEquals(want[0], c.line(), "line at byte " + at);
            assertEquals(want[1], c.column(), "column at byte " + at);
            assertEquals(want[2], c.units(), "offset at byte " + at);
        }
    }

    @Test
    void longLinesAndIllFormedBytesCountOneUnitPerSubpart() {
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

    @Test
    void everyOffsetOfRandomBytesCountsAsTheDecoderDoes() {
        // Well-formed runs of every length class, ill-formed bytes among them, at every alignment to the blocks
        byte[][] pieces = {{'a'}, {'\n'}, {(byte) 0xC3, (byte) 0xA9}, {(byte) 0xE6, (byte) 0xBC, (byte) 0xA2},
            {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {(byte) 0xE0, (byte) 0xA0, (byte) 0x80},
            {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 200; round++) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            boolean illFormed = round % 2 == 0;
            int length = random.nextInt(300);
            while (bytes.size() < length) {
                byte[] piece = pieces[random.nextInt(illFormed ? pieces.length : 6)];
                bytes.write(piece, 0, piece.length);
                if (random.nextInt(4) == 0) {
                    bytes.write("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx".getBytes(StandardCharsets.US_ASCII), 0,
                            random.nextInt(40));
                }
            }
            assertCountsAsTheDecoder(bytes.toByteArray(), "round " + round);
        }
    }

    @Test
    void twoByteAlphabetsAreCheckedAsStrictlyAsOtherText() {
        // Blocks of ASCII and two-byte letters (checked without the general per-word test), with every way such a
        // block can be ill-formed at every alignment: a lone continuation byte, a first byte before ASCII or at the
        // end, the overlong C0 and C1, a sequence cut by a block's end, and longer sequences reaching into a block.
        byte[][] pieces = {{'a'}, {' '}, {(byte) 0xD8, (byte) 0xA7}, {(byte) 0xD9, (byte) 0x84}, {(byte) 0xC3,
            (byte) 0xA9}, {(byte) 0xC2, (byte) 0x80}, {(byte) 0xDF, (byte) 0xBF}, {(byte) 0x80}, {(byte) 0xBF},
            {(byte) 0xD8}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE2, (byte) 0x82,
            (byte) 0xAC}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        java.util.Random random = new java.util.Random(13);
        for (int round = 0; round < 400; round++) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            // most rounds well-formed two-byte text only; others with one misfit, or longer sequences, among it
            int kinds = round % 4 == 0 ? pieces.length : 7;
            int length = 20 + random.nextInt(200);
            boolean misfit = round % 4 == 1;
            while (bytes.size() < length) {
                byte[] piece = pieces[random.nextInt(kinds)];
                bytes.write(piece, 0, piece.length);
                if (misfit && random.nextInt(20) == 0) {
                    byte[] bad = pieces[7 + random.nextInt(5)];
                    bytes.write(bad, 0, bad.length);
                    misfit = false;
                }
            }
            assertCountsAsTheDecoder(bytes.toByteArray(), "round " + round);
        }
        // Each misfit at every place around a block's end (32 bytes), inside two-byte text: among them bytes whose
        // count of continuation bytes a two-byte sequence would accept (E0 80, F8 80), and longer sequences with a
        // narrow second byte (E0, ED, F4) that a block's end cuts.
        byte[][] misfits = {{(byte) 0x80}, {(byte) 0xD8}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xBF},
            {(byte) 0xE0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
        for (byte[] misfit : misfits) {
            for (int at = 20; at < 44; at++) {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                // whole letters, and a space where one more would pass the misfit's place
                while (bytes.size() < at) {
                    if (at - bytes.size() >= 2) {
                        bytes.write(0xD8);
                        bytes.write(0xA7);
                    } else {
                        bytes.write(' ');
                    }
                }
                bytes.write(misfit, 0, misfit.length);
                while (bytes.size() < 100) {
                    bytes.write(0xD9);
                    bytes.write(0x84);
                }
                assertCountsAsTheDecoder(bytes.toByteArray(), "misfit " + java.util.Arrays.toString(misfit) + " at " + at);
            }
        }
    }

    /** Every offset of {@code source} gives the units of the sequences (maximal subparts) that start before it. */
    private static void assertCountsAsTheDecoder(byte[] source, String context) {
        Utf16Positions p = new Utf16Positions(source);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(source);
        int[] want = new int[source.length + 1];
        int units = 0;
        int i = 0;
        while (i < source.length) {
            int seq = Utf8.sequence(b, i, source.length);
            int n = seq > 0 ? Utf8.length(seq) : -seq;
            units += seq > 0 && Utf8.codePoint(seq) > 0xFFFF ? 2 : 1;
            for (int k = 1; k <= n; k++) {
                want[i + k] = units;
            }
            i += n;
        }
        for (int offset = 0; offset <= source.length; offset++) {
            assertEquals(want[offset], p.offset(offset), context + ", offset " + offset);
        }
    }

    @Test
    void aByteOrderMarkThatStartsTheSourceIsNotCounted() {
        Utf16Positions p = of("\uFEFF# a\uFEFFb\nc");
        Utf16Positions.Cursor c = p.cursor();
        int[][] expected = {{0, 1, 1}, {3, 1, 1}, {4, 1, 2}, {5, 1, 3}, {6, 1, 4}, {9, 1, 5}, {11, 2, 1}};
        int[] units = {0, 0, 1, 2, 3, 4, 6};
        for (int i = 0; i < expected.length; i++) {
            c.moveTo(expected[i][0]);
            assertEquals(expected[i][1], c.line(), "line at " + expected[i][0]);
            assertEquals(expected[i][2], c.column(), "column at " + expected[i][0]);
            assertEquals(units[i], c.units(), "offset at " + expected[i][0] + ": the mark is not a unit, a later one is");
        }
        Utf16Positions.Cursor late = of("a\uFEFF").cursor();
        late.moveTo(4);
        assertEquals(2, late.units(), "a mark after the start is a character like another");
    }
}
