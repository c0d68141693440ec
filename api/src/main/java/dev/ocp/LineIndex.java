package dev.ocp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the byte offsets of source spans ({@link OcpCursor#spanStart()}, {@link OcpCursor#spanEnd()}) into line
 * and column numbers. A document keeps only its source's length, not the source, so the index is built from the
 * source the caller parsed: once, in one pass, after which each lookup is a binary search over the line starts.
 *
 * <p>Lines and columns count from 1, columns in bytes (as CommonMark's {@code data-sourcepos} does), so column
 * {@code c} of line {@code l} is the byte at {@code lineStart(l) + c - 1}. Lines end at LF, CR or CR LF, as in
 * CommonMark; a line ending belongs to the line it ends. The offset just past the last byte (a span's exclusive
 * end at the end of the source) is a valid position too: after a final line ending it is column 1 of a last,
 * empty line, as an editor shows it.
 *
 * <pre>{@code
 * LineIndex lines = LineIndex.of(source);
 * OcpCursor c = doc.cursor();
 * String where = lines.line(c.spanStart()) + ":" + lines.column(c.spanStart());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LineIndex {
    private final int[] starts;
    private final int lineCount;
    private final int length;

    private LineIndex(int[] starts, int lineCount, int length) {
        this.starts = starts;
        this.lineCount = lineCount;
        this.length = length;
    }

    /**
     * Indexes the lines of a source, in one pass.
     *
     * @param source the bytes that were parsed (the engine's input, as given)
     * @return the index of its lines
     */
    public static LineIndex of(byte[] source) {
        int[] starts = new int[16];
        int count = 1;
        int n = source.length;
        int i = 0;
        while (i < n) {
            // Eight bytes at a time to the next CR or LF: most of any line is skipped without a look at each byte.
            if (i + 8 <= n) {
                long endings = lineEndings((long) WORDS.get(source, i));
                if (endings == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(endings) >>> 3;
            }
            byte b = source[i];
            if (b == '\n' || b == '\r') {
                if (b == '\r' && i + 1 < n && source[i + 1] == '\n') {
                    i++;
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
            i++;
        }
        return new LineIndex(starts, count, n);
    }

    private static final java.lang.invoke.VarHandle WORDS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Of the eight bytes of {@code word} (the first in the lowest bits), a mask with the high bit of each byte that
     * may be an LF or a CR: zero when none is, and its lowest bit marks the first that is (the has-a-zero-byte test,
     * twice; bits above the first true one may be false).
     */
    private static long lineEndings(long word) {
        long lf = word ^ ONES * '\n';
        long cr = word ^ ONES * '\r';
        return (lf - ONES & ~lf | cr - ONES & ~cr) & HIGHS;
    }

    /**
     * Indexes the lines of a source that was parsed as a {@code String}.
     *
     * @param source a source that was parsed as a {@code String} (which engines encode as UTF-8)
     * @return the index of its lines, over the UTF-8 bytes that spans count
     */
    public static LineIndex of(String source) {
        return of(source.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The number of lines.
     *
     * @return one more than the number of line endings
     */
    public int lineCount() {
        return lineCount;
    }

    /**
     * The length of the indexed source.
     *
     * @return the source's length in bytes
     */
    public int sourceLength() {
        return length;
    }

    /**
     * The line of a byte offset.
     *
     * @param offset a byte offset, from 0 to {@link #sourceLength()} inclusive
     * @return the line holding it, from 1
     * @throws IndexOutOfBoundsException if the offset is outside the source
     */
    public int line(int offset) {
        if (offset < 0 || offset > length) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside a source of " + length + " bytes");
        }
        int lo = 0;
        int hi = lineCount - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /**
     * The column of a byte offset.
     *
     * @param offset a byte offset, from 0 to {@link #sourceLength()} inclusive
     * @return its column on its line, from 1, in bytes
     * @throws IndexOutOfBoundsException if the offset is outside the source
     */
    public int column(int offset) {
        return offset - starts[line(offset) - 1] + 1;
    }

    /**
     * Where a line starts.
     *
     * @param line a line number, from 1 to {@link #lineCount()}
     * @return the byte offset of the line's first byte (the source's length for an empty last line)
     * @throws IndexOutOfBoundsException if there is no such line
     */
    public int lineStart(int line) {
        if (line < 1 || line > lineCount) {
            throw new IndexOutOfBoundsException("line " + line + " of " + lineCount);
        }
        return starts[line - 1];
    }

    /**
     * The position of a byte offset as text.
     *
     * @param offset a byte offset, from 0 to {@link #sourceLength()} inclusive
     * @return {@code line:column}, as in messages and {@code data-sourcepos}
     */
    public String position(int offset) {
        return line(offset) + ":" + column(offset);
    }
}
