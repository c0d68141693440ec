package dev.ocp.internal;

import java.nio.ByteBuffer;

/**
 * Byte offsets of a UTF-8 source turned into the positions JavaScript tools give: line, column and offset, the
 * column and offset counted in UTF-16 code units (a JS string's length), as mdast's {@code position} is. Lines
 * and columns count from 1; lines end at LF, CR or CR LF; a tab is one column. Ill-formed UTF-8 counts as one
 * unit per maximal subpart (the U+FFFD a decoder puts there).
 *
 * <p>Built in one pass over the source: line starts, and every {@value #STEP} bytes a checkpoint of the UTF-16
 * count, so each lookup is a binary search for the line and a scan of fewer than {@value #STEP} bytes.
 */
final class Utf16Positions {
    private static final int STEP = 64;

    private final ByteBuffer source;
    private final int length;
    /** UTF-16 units before the first sequence that starts at or after byte {@code k * STEP}, and that byte. */
    private final int[] units;
    private final int[] at;
    private final int[] lineStarts;
    private final int lines;

    Utf16Positions(ByteBuffer source) {
        this.source = source;
        this.length = source.remaining();
        int checkpoints = length / STEP + 2;
        units = new int[checkpoints];
        at = new int[checkpoints];
        int[] starts = new int[16];
        int lineCount = 1;
        int next = 0;
        int count = 0;
        int i = 0;
        int base = source.position();
        while (i < length) {
            while (next * STEP <= i) {
                units[next] = count;
                at[next] = i;
                next++;
            }
            int b = source.get(base + i);
            int len;
            if (b >= 0) {
                len = 1;
                count++;
                if (b == '\n' || b == '\r') {
                    if (b == '\r' && i + 1 < length && source.get(base + i + 1) == '\n') {
                        len = 2;
                        count++;
                    }
                    if (lineCount == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, lineCount * 2);
                    }
                    starts[lineCount++] = i + len;
                }
            } else {
                int s = Utf8.sequence(source, base + i, base + length);
                len = s > 0 ? Utf8.length(s) : -s;
                count += s > 0 && Utf8.codePoint(s) > 0xFFFF ? 2 : 1;
            }
            i += len;
        }
        while (next < checkpoints) {
            units[next] = count;
            at[next] = length;
            next++;
        }
        lineStarts = starts;
        lines = lineCount;
    }

    /** UTF-16 units before byte {@code offset} (0 to the source's length). */
    int offset(int offset) {
        int k = Math.min(offset / STEP, units.length - 1);
        while (k > 0 && at[k] > offset) {
            k--;
        }
        int count = units[k];
        int i = at[k];
        int base = source.position();
        while (i < offset) {
            int b = source.get(base + i);
            if (b >= 0) {
                i++;
                count++;
            } else {
                int s = Utf8.sequence(source, base + i, base + length);
                i += s > 0 ? Utf8.length(s) : -s;
                count += s > 0 && Utf8.codePoint(s) > 0xFFFF ? 2 : 1;
            }
        }
        return count;
    }

    /** The line of byte {@code offset}, from 1. */
    int line(int offset) {
        int lo = 0;
        int hi = lines - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** The column of byte {@code offset}, from 1, in UTF-16 units. */
    int column(int offset, int line) {
        return offset(offset) - offset(lineStarts[line - 1]) + 1;
    }

    /** The source byte at {@code offset}. */
    byte byteAt(int offset) {
        return source.get(source.position() + offset);
    }

    /** The source bytes {@code [from, to)}, decoded (ill-formed UTF-8 as U+FFFD). */
    String decode(int from, int to) {
        return Utf8.decode(source, source.position() + from, to - from);
    }

    /** The source's length in bytes. */
    int length() {
        return length;
    }
}
