package dev.ocp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LineIndexTest {

    @Test
    void everyOffsetOfEveryKindOfLineEnding() {
        // Lines: "ab" LF, "" CR LF, "c" CR, "d" (no ending).
        byte[] src = "ab\n\r\nc\rd".getBytes(StandardCharsets.US_ASCII);
        LineIndex lines = LineIndex.of(src);
        assertEquals(4, lines.lineCount());
        String[] expected = {"1:1", "1:2", "1:3", "2:1", "2:2", "3:1", "3:2", "4:1", "4:2"};
        for (int offset = 0; offset <= src.length; offset++) {
            assertEquals(expected[offset], lines.position(offset), "offset " + offset);
        }
        assertEquals(0, lines.lineStart(1));
        assertEquals(3, lines.lineStart(2));
        assertEquals(5, lines.lineStart(3));
        assertEquals(7, lines.lineStart(4));
        assertEquals(src.length, lines.sourceLength());
    }

    @Test
    void aFinalLineEndingOpensAnEmptyLastLine() {
        LineIndex lines = LineIndex.of("a\n");
        assertEquals(2, lines.lineCount());
        assertEquals("1:2", lines.position(1), "the line ending belongs to the line it ends");
        assertEquals("2:1", lines.position(2), "the end of the source");
        assertEquals(2, lines.lineStart(2));
    }

    @Test
    void columnsCountUtf8Bytes() {
        // "é" is two bytes, "日" three: columns are byte columns, as spans are byte offsets.
        LineIndex lines = LineIndex.of("é日x\nb");
        assertEquals(6, lines.column(5), "x is the sixth byte");
        assertEquals(2, lines.line(7));
        assertEquals(1, lines.column(7));
    }

    @Test
    void emptySourceHasOneEmptyLine() {
        LineIndex lines = LineIndex.of(new byte[0]);
        assertEquals(1, lines.lineCount());
        assertEquals("1:1", lines.position(0));
    }

    @Test
    void manyLines() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append("line ").append(i).append(i % 2 == 0 ? "\n" : "\r\n");
        }
        byte[] src = sb.toString().getBytes(StandardCharsets.US_ASCII);
        LineIndex lines = LineIndex.of(src);
        assertEquals(1001, lines.lineCount());
        for (int line = 1; line <= 1000; line++) {
            int start = lines.lineStart(line);
            assertEquals(line, lines.line(start));
            assertEquals(1, lines.column(start));
            String text = "line " + (line - 1);
            assertEquals(text, new String(src, start, text.length(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void outOfRangeIsRefused() {
        LineIndex lines = LineIndex.of("abc");
        assertThrows(IndexOutOfBoundsException.class, () -> lines.line(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> lines.column(4));
        assertThrows(IndexOutOfBoundsException.class, () -> lines.lineStart(0));
        assertThrows(IndexOutOfBoundsException.class, () -> lines.lineStart(2));
    }

    @Test
    void lineEndingsAreFoundAtEveryAlignmentAndAcrossEightByteBoundaries() {
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 200; round++) {
            byte[] source = new byte[random.nextInt(100)];
            for (int i = 0; i < source.length; i++) {
                int r = random.nextInt(10);
                source[i] = (byte) (r == 0 ? '\n' : r == 1 ? '\r' : r == 2 ? 0xC3 : 'a' + r);
            }
            // The line starts by the definition, one byte at a time.
            java.util.List<Integer> starts = new java.util.ArrayList<>(java.util.List.of(0));
            for (int i = 0; i < source.length; i++) {
                if (source[i] == '\r' && i + 1 < source.length && source[i + 1] == '\n') {
                    i++;
                }
                if (source[i] == '\n' || source[i] == '\r') {
                    starts.add(i + 1);
                }
            }
            LineIndex lines = LineIndex.of(source);
            assertEquals(starts.size(), lines.lineCount(), () -> java.util.Arrays.toString(source));
            for (int line = 1; line <= starts.size(); line++) {
                assertEquals(starts.get(line - 1), lines.lineStart(line));
            }
        }
    }
}
