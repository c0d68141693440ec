package dev.ocp.internal;

import dev.ocp.LineIndex;

import java.nio.ByteBuffer;

/**
 * Byte offsets of a UTF-8 source turned into the positions JavaScript tools give: line, column and offset, the
 * column and offset counted in UTF-16 code units (a JS string's length), as mdast's {@code position} is. Lines
 * are the {@link LineIndex}'s (ending at LF, CR or CR LF), counted from 1 as columns are; a tab is one column.
 * Ill-formed UTF-8 counts as one unit per maximal subpart (the U+FFFD a decoder puts there).
 *
 * <p>Built in one pass over the source besides the line index: every {@value #STEP} bytes a checkpoint of the
 * UTF-16 count, so each lookup is a scan of fewer than {@value #STEP} bytes, from the checkpoint or from the last
 * lookup when that is nearer (lookups mostly move forward). Not thread-safe (it remembers the last lookup).
 */
final class Utf16Positions {
    private static final int STEP = 64;

    private final byte[] bytes;
    /** The same bytes as a buffer, for {@link Utf8#sequence}. */
    private final ByteBuffer source;
    private final LineIndex lines;
    /** UTF-16 units before the first sequence that starts at or after byte {@code k * STEP}, and that byte. */
    private final int[] units;
    private final int[] at;
    /** The last lookup's end, and the units before it. */
    private int lastByte;
    private int lastUnits;
    /** The line the last {@link #line} lookup found, and the line asked last with the units before its start. */
    private int lastLine = 1;
    private int cachedLine;
    private int cachedLineUnits;

    Utf16Positions(byte[] source) {
        this.bytes = source;
        this.source = ByteBuffer.wrap(source);
        this.lines = LineIndex.of(source);
        int length = source.length;
        int checkpoints = length / STEP + 2;
        units = new int[checkpoints];
        at = new int[checkpoints];
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
            // ASCII, the bulk of any Markdown: one unit per byte, up to the next checkpoint.
            int stop = Math.min(length, nextAt);
            int run = i;
            while (run < stop && bytes[run] >= 0) {
                run++;
            }
            count += run - i;
            i = run;
            if (i < stop) {
                int seq = sequence(i);
                i += seq > 0 ? Utf8.length(seq) : -seq;
                count += seq > 0 && Utf8.codePoint(seq) > 0xFFFF ? 2 : 1;
            }
        }
        while (next < checkpoints) {
            units[next] = count;
            at[next] = length;
            next++;
        }
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
            if (bytes[i] >= 0) {
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
        int c = bytes[i] & 0xFF;
        if (c >= 0xC2 && c <= 0xDF && i + 1 < bytes.length && (bytes[i + 1] & 0xC0) == 0x80) {
            return 0x80 << 3 | 2;
        }
        if (c >= 0xE1 && c <= 0xEC && i + 2 < bytes.length && (bytes[i + 1] & 0xC0) == 0x80
                && (bytes[i + 2] & 0xC0) == 0x80) {
            return 0x800 << 3 | 3;
        }
        return Utf8.sequence(source, i, bytes.length);
    }

    /** UTF-16 units before the start of {@code line} (from 1), remembered for the line asked last. */
    int lineStartUnits(int line) {
        if (line != cachedLine) {
            cachedLineUnits = offset(lines.lineStart(line));
            cachedLine = line;
        }
        return cachedLineUnits;
    }

    /** The byte offset where {@code line} (from 1) starts. */
    int lineStart(int line) {
        return lines.lineStart(line);
    }

    /** The line of byte {@code offset}, from 1: the last one found again when the offset is still on it. */
    int line(int offset) {
        int last = lastLine;
        if (lines.lineStart(last) <= offset && (last == lines.lineCount() || offset < lines.lineStart(last + 1))) {
            return last;
        }
        lastLine = lines.line(offset);
        return lastLine;
    }

    /** The column of byte {@code offset} on {@code line}, from 1, in UTF-16 units. */
    int column(int offset, int line) {
        return offset(offset) - lineStartUnits(line) + 1;
    }

    /** The source byte at {@code offset}. */
    byte byteAt(int offset) {
        return bytes[offset];
    }

    /** The source bytes {@code [from, to)}, decoded (ill-formed UTF-8 as U+FFFD). */
    String decode(int from, int to) {
        return Utf8.decode(source, from, to - from);
    }

    /** The source's length in bytes. */
    int length() {
        return bytes.length;
    }
}
