package dev.ocp.internal;

import java.nio.ByteBuffer;

/**
 * Byte offsets of a UTF-8 source turned into the positions JavaScript tools give: line, column and offset, the
 * column and offset counted in UTF-16 code units (a JS string's length), as mdast's {@code position} is. Lines
 * and columns count from 1; lines end at LF, CR or CR LF; a tab is one column. Ill-formed UTF-8 counts as one
 * unit per maximal subpart (the U+FFFD a decoder puts there).
 *
 * <p>Built in one pass over the source: line starts, and every {@value #STEP} bytes a checkpoint of the UTF-16
 * count, so each lookup is a binary search for the line and a scan of fewer than {@value #STEP} bytes, from the
 * checkpoint or from the last lookup when that is nearer. Not thread-safe (it remembers the last lookup).
 */
final class Utf16Positions {
    private static final int STEP = 64;

    /** The source's bytes (its array when it has one, else a copy), from {@link #base}. */
    private final byte[] bytes;
    private final int base;
    /** The same bytes as a buffer, for {@link Utf8#sequence}. */
    private final ByteBuffer source;
    private final int length;
    /** UTF-16 units before the first sequence that starts at or after byte {@code k * STEP}, and that byte. */
    private final int[] units;
    private final int[] at;
    private final int[] lineStarts;
    private final int lines;
    /** The last lookup's end, and the units before it; and the line asked last, with the units before it. */
    private int lastByte;
    private int lastUnits;
    private int cachedLine;
    /** The line (from 0) the last {@link #line} lookup found. */
    private int lastLine;
    private int cachedLineUnits;

    Utf16Positions(ByteBuffer buffer) {
        this.length = buffer.remaining();
        if (buffer.hasArray()) {
            this.bytes = buffer.array();
            this.base = buffer.arrayOffset() + buffer.position();
        } else {
            this.bytes = new byte[length];
            buffer.get(buffer.position(), bytes);
            this.base = 0;
        }
        this.source = ByteBuffer.wrap(bytes);
        byte[] bytes = this.bytes;
        int base = this.base;
        int checkpoints = length / STEP + 2;
        units = new int[checkpoints];
        at = new int[checkpoints];
        int[] starts = new int[16];
        int lineCount = 1;
        int next = 0;
        int nextAt = 0;
        int count = 0;
        int i = 0;
        while (i < length) {
            if (i >= nextAt) {
                while (next * STEP <= i) {
                    units[next] = count;
                    at[next] = i;
                    next++;
                }
                nextAt = next * STEP;
            }
            // ASCII other than line endings, the bulk of any Markdown: one unit per byte, up to the next checkpoint.
            int stop = Math.min(length, nextAt);
            int b = 0;
            int run = i;
            while (run < stop && (b = bytes[base + run]) >= 0 && b != '\n' && b != '\r') {
                run++;
            }
            count += run - i;
            i = run;
            if (i >= stop) {
                continue;
            }
            int len;
            if (b >= 0) {
                len = 1;
                count++;
                if (b == '\r' && i + 1 < length && bytes[base + i + 1] == '\n') {
                    len = 2;
                    count++;
                }
                if (lineCount == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, lineCount * 2);
                }
                starts[lineCount++] = i + len;
            } else {
                int seq = sequence(i);
                len = seq > 0 ? Utf8.length(seq) : -seq;
                count += seq > 0 && Utf8.codePoint(seq) > 0xFFFF ? 2 : 1;
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
        if (lastByte <= offset && lastByte > i) {
            // Lookups mostly move forward through the source: go on from the last one, it is nearer.
            i = lastByte;
            count = lastUnits;
        }
        while (i < offset) {
            int b = bytes[base + i];
            if (b >= 0) {
                i++;
                count++;
            } else {
                int s = sequence(i);
                i += s > 0 ? Utf8.length(s) : -s;
                count += s > 0 && Utf8.codePoint(s) > 0xFFFF ? 2 : 1;
            }
        }
        lastByte = i;
        lastUnits = count;
        return count;
    }

    /**
     * {@link Utf8#sequence} at source offset {@code i} (a byte of 0x80 or more), with the two- and three-byte
     * sequences of most non-ASCII text read here from the array (only their code points' size matters).
     */
    private int sequence(int i) {
        int at = base + i;
        int c = bytes[at] & 0xFF;
        if (c >= 0xC2 && c <= 0xDF && i + 1 < length && (bytes[at + 1] & 0xC0) == 0x80) {
            return 0x80 << 3 | 2;
        }
        if (c >= 0xE1 && c <= 0xEC && i + 2 < length && (bytes[at + 1] & 0xC0) == 0x80
                && (bytes[at + 2] & 0xC0) == 0x80) {
            return 0x800 << 3 | 3;
        }
        return Utf8.sequence(source, at, base + length);
    }

    /** UTF-16 units before the start of {@code line} (from 1), remembered for the line asked last. */
    int lineStartUnits(int line) {
        if (line != cachedLine) {
            cachedLineUnits = offset(lineStarts[line - 1]);
            cachedLine = line;
        }
        return cachedLineUnits;
    }

    /** The byte offset where {@code line} (from 1) starts. */
    int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /** The line of byte {@code offset}, from 1. */
    int line(int offset) {
        int last = lastLine;
        if (lineStarts[last] <= offset && (last + 1 == lines || offset < lineStarts[last + 1])) {
            return last + 1; // lookups mostly stay on a line or move to the next
        }
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
        lastLine = lo;
        return lo + 1;
    }

    /** The column of byte {@code offset} on {@code line}, from 1, in UTF-16 units. */
    int column(int offset, int line) {
        return offset(offset) - lineStartUnits(line) + 1;
    }

    /** The source byte at {@code offset}. */
    byte byteAt(int offset) {
        return bytes[base + offset];
    }

    /** The source bytes {@code [from, to)}, decoded (ill-formed UTF-8 as U+FFFD). */
    String decode(int from, int to) {
        return Utf8.decode(source, base + from, to - from);
    }

    /** The source's length in bytes. */
    int length() {
        return length;
    }
}
