package dev.ocp.engine.java;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The inline content map: content index to source offset, line by line, in any lookup order. */
class ContentMapTest {

    @Test
    void mapsEachLineToItsSourceAndTheEndPastTheLastByte() {
        // Source "> ab\n>  cd\n e": content "ab\ncd\ne" from lines at 2, 8 and 12.
        ContentMap map = new ContentMap();
        map.reset();
        map.addLine(0, 2, 5);
        map.addLine(3, 8, 11);
        map.addLine(6, 12, 13);
        int[] expected = {2, 3, 4, 8, 9, 10, 12, 13};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], map.toSource(i), "content index " + i);
        }
        // Backwards and jumping: the cached line must not stick.
        for (int i = expected.length - 1; i >= 0; i -= 3) {
            assertEquals(expected[i], map.toSource(i), "content index " + i);
        }
        // The line feeds joining the lines stand for the source's line endings, which end where the next line starts.
        assertEquals(5, map.afterLineEnding(2));
        assertEquals(11, map.afterLineEnding(5));
        assertEquals(1, map.lineOf(5));
        assertEquals(3, map.lineContentStart(1));
        assertEquals(3, map.lineCount());
    }

    @Test
    void aPieceAfterAnEscapedPipeStartsAtItsBackslash() {
        // Cell "a\|b" at source 10: content "a|b", the pipe's piece from 12, its start (a boundary) the backslash.
        ContentMap map = new ContentMap();
        map.reset();
        map.addLine(0, 10, 14);
        map.addPieceAfterEscape(1, 12, 14);
        int[] expected = {10, 11, 13, 14};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], map.toSource(i), "content index " + i);
        }
    }

    @Test
    void offsetBuffersAndReuse() {
        ContentMap map = new ContentMap();
        map.reset();
        for (int line = 0; line < 100; line++) {
            map.addLine(1000 + line * 10, 5000 + line * 20, 5000 + line * 20 + 10);
        }
        assertEquals(5000 + 99 * 20 + 7, map.toSource(1000 + 99 * 10 + 7));
        assertEquals(5000 + 3, map.toSource(1003));
        map.reset();
        map.addLine(40, 40, 50);
        assertEquals(1, map.lineCount());
        assertEquals(45, map.toSource(45));
    }
}
