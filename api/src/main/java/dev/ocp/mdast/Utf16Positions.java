package dev.ocp.mdast;

import dev.ocp.LineIndex;
import dev.ocp.internal.Utf8;

import java.nio.ByteBuffer;

/**
 * Byte offsets of a UTF-8 source turned into the positions JavaScript tools give: line, column and offset, the
 * column and offset counted in UTF-16 code units (a JS string's length), as mdast's {@code position} is. Lines
 * are the {@link LineIndex}'s (ending at LF, CR or CR LF), counted from 1 as columns are; a tab is one column.
 * Ill-formed UTF-8 counts as one unit per maximal subpart (the U+FFFD a decoder puts there). A byte order mark
 * that starts the source is not counted, as JS tools drop it before they count (micromark's preprocessing): the
 * first character after it is at column 1, offset 0.
 *
 * <p>Built besides the line index: per block of {@value #BLOCK} bytes, the UTF-16 units before it and what it
 * holds: all ASCII, well-formed UTF-8, or an ill-formed sequence. In well-formed UTF-8 the units follow from the
 * bytes alone (each byte that is not a continuation byte starts one, a four-byte sequence's first byte two), so a
 * well-formed source is counted, and checked, eight bytes at a time ({@link Utf8#checkWord}); a source with an
 * ill-formed sequence anywhere is counted sequence by sequence, since a maximal subpart is one unit that the bytes
 * alone do not show. A lookup in an ASCII block (most blocks of English Markdown) is then
 * arithmetic, in a well-formed one a count of the block's bytes before the offset eight at a time, and only in a
 * block where an ill-formed sequence starts a scan of sequences. Lines are looked up through {@link Cursor}s,
 * which remember theirs. Not thread-safe.
 */
final class Utf16Positions {
    private static final int BLOCK = 32;
    private static final java.lang.invoke.VarHandle WORDS = Utf8.WORDS;
    /** All the block's bytes are ASCII: its first byte starts it and each byte is a unit. */
    private static final byte ASCII = 0;
    /** Every sequence that starts in the block is well-formed: units follow from the bytes alone. */
    private static final byte WELL_FORMED = 1;
    /** An ill-formed sequence starts in the block: units are counted sequence by sequence. */
    private static final byte ILL_FORMED = 2;

    private final byte[] bytes;
    /** The same bytes as a buffer, for {@link Utf8#sequence}. */
    private final ByteBuffer source;
    private final LineIndex lines;
    /**
     * Per block: the UTF-16 units of the sequences that start before it (a sequence that reaches into it from the
     * block before among them).
     */
    private final int[] units;
    /**
     * Per block, for a source with ill-formed sequences only (else null): where the first sequence that starts in
     * the block or after starts.
     */
    private final int[] at;
    /** Per block: {@link #ASCII}, {@link #WELL_FORMED} or {@link #ILL_FORMED}. */
    private final byte[] kind;
    /** Whether every line ending is a lone LF (there is no CR). */
    private final boolean lfOnly;
    /** The line the last {@link #line} lookup found. */
    private int lastLine = 1;
    /** The bytes of a byte order mark the source starts with, 3 or 0. */
    private final int bom;

    Utf16Positions(byte[] source) {
        this.bytes = source;
        this.source = ByteBuffer.wrap(source);
        this.lines = LineIndex.of(source);
        int blocks = source.length / BLOCK + 1;
        units = new int[blocks];
        kind = new byte[blocks];
        boolean wellFormed = countWellFormed();
        // Well-formed, every block starts at its first byte or inside a sequence counted before it.
        at = wellFormed ? null : new int[blocks];
        if (!wellFormed) {
            countSequences();
        }
        boolean lf = true;
        for (int line = 2; line <= lines.lineCount() && lf; line++) {
            int ending = lines.lineStart(line) - 1;
            lf = bytes[ending] == '\n' && (ending == 0 || bytes[ending - 1] != '\r');
        }
        this.lfOnly = lf;
        this.bom = source.length >= 3 && source[0] == (byte) 0xEF && source[1] == (byte) 0xBB
                && source[2] == (byte) 0xBF ? 3 : 0;
    }

    /**
     * Fills {@link #units} and {@link #kind} from the bytes alone, 32 at a time, checking that they are well-formed
     * as it goes ({@link Utf8#checkWord}); returns false, the tables unfinished, if they are not.
     */
    private boolean countWellFormed() {
        int n = bytes.length;
        int count = 0;
        long state = 0;
        for (int k = 0; k < units.length; k++) {
            int start = k * BLOCK;
            units[k] = count;
            kind[k] = WELL_FORMED;
            if (start + BLOCK > n) {
                // The last block: its units are never needed, only its check.
                for (int i = start; i < n; i += 8) {
                    state = Utf8.checkWord(i + 8 <= n ? (long) WORDS.get(bytes, i) : Utf8.tail(bytes, i), state);
                    if (state == Utf8.ILL_FORMED) {
                        return false;
                    }
                }
                return state == 0;
            }
            if (state == 0 && isAscii(start)) {
                kind[k] = ASCII;
                count += BLOCK;
                continue;
            }
            long w0 = (long) WORDS.get(bytes, start);
            long w1 = (long) WORDS.get(bytes, start + 8);
            long w2 = (long) WORDS.get(bytes, start + 16);
            long w3 = (long) WORDS.get(bytes, start + 24);
            if ((state & ~LEAD_CARRIED) == 0 && (threeByteLeads(w0) | threeByteLeads(w1) | threeByteLeads(w2)
                    | threeByteLeads(w3)) == 0) {
                // ASCII and two-byte sequences only (Arabic, Cyrillic, Greek, Hebrew text and its spaces), and no
                // longer sequence left open by the block before: checked and counted in one pass without branches.
                long c0 = continuations(w0);
                long c1 = continuations(w1);
                long c2 = continuations(w2);
                long c3 = continuations(w3);
                long l0 = leads(w0);
                long l1 = leads(w1);
                long l2 = leads(w2);
                long l3 = leads(w3);
                long bad = twoByteMisfits(w0, l0, c0, state) | twoByteMisfits(w1, l1, c1, l0 >>> 56)
                        | twoByteMisfits(w2, l2, c2, l1 >>> 56) | twoByteMisfits(w3, l3, c3, l2 >>> 56);
                if ((bad & Utf8.HIGHS) != 0) {
                    return false;
                }
                state = l3 >>> 56;
                count += BLOCK - Long.bitCount(c0) - Long.bitCount(c1) - Long.bitCount(c2) - Long.bitCount(c3);
                continue;
            }
            if ((state = Utf8.checkWord(w0, state)) == Utf8.ILL_FORMED
                    || (state = Utf8.checkWord(w1, state)) == Utf8.ILL_FORMED
                    || (state = Utf8.checkWord(w2, state)) == Utf8.ILL_FORMED
                    || (state = Utf8.checkWord(w3, state)) == Utf8.ILL_FORMED) {
                return false;
            }
            count += unitsOfWord(w0, -1L) + unitsOfWord(w1, -1L) + unitsOfWord(w2, -1L) + unitsOfWord(w3, -1L);
        }
        return state == 0;
    }

    /**
     * Fills {@link #units}, {@link #at} and {@link #kind} for a source with ill-formed sequences, sequence by
     * sequence: a maximal subpart is one unit, which the bytes alone do not tell.
     */
    private void countSequences() {
        int length = bytes.length;
        int count = 0;
        int i = 0;
        for (int k = 0; k < units.length; k++) {
            int start = k * BLOCK;
            int end = Math.min(length, start + BLOCK);
            units[k] = count;
            at[k] = Math.max(i, start);
            kind[k] = i == start && end - start == BLOCK && isAscii(start) ? ASCII : WELL_FORMED;
            while (i < end) {
                int seq = bytes[i] >= 0 ? 1 : Utf8.sequence(source, i, bytes.length);
                if (seq < 0) {
                    kind[k] = ILL_FORMED;
                }
                i += seq == 1 ? 1 : seq > 0 ? Utf8.length(seq) : -seq;
                count += seq > 1 && Utf8.codePoint(seq) > 0xFFFF ? 2 : 1;
            }
        }
    }

    /** What {@link Utf8#checkWord} leaves after a word that ends with a two-byte sequence's first byte. */
    private static final long LEAD_CARRIED = 0x80L;

    /** The bytes of {@code word} that are 0xE0 or more (a longer sequence's first byte, or no UTF-8 byte), as high bits. */
    private static long threeByteLeads(long word) {
        return word & (word << 1) & (word << 2) & Utf8.HIGHS;
    }

    /** The first bytes of sequences (11xxxxxx) of {@code word}, as high bits. */
    private static long leads(long word) {
        return word & (word << 1) & Utf8.HIGHS;
    }

    /** The continuation bytes (10xxxxxx) of {@code word}, as high bits. */
    private static long continuations(long word) {
        return word & ~(word << 1) & Utf8.HIGHS;
    }

    /**
     * For a word without {@link #threeByteLeads}: as high bits, the bytes that break a two-byte sequence, either a
     * continuation byte where none is due or another byte where one is (after each first byte {@code leads} marks,
     * and at byte 0 when {@code carried} is {@link #LEAD_CARRIED}), and the first bytes C0 and C1 (overlong forms).
     */
    private static long twoByteMisfits(long word, long leads, long continuations, long carried) {
        return (leads << 8 | carried) ^ continuations | leads & ~((word & Utf8.LOW7) + 0x3E3E3E3E3E3E3E3EL);
    }

    private boolean isAscii(int blockStart) {
        return (((long) WORDS.get(bytes, blockStart) | (long) WORDS.get(bytes, blockStart + 8)
                | (long) WORDS.get(bytes, blockStart + 16) | (long) WORDS.get(bytes, blockStart + 24)) & Utf8.HIGHS)
                == 0;
    }

    /** Whether every line ending of the source is a lone LF, so that no line ending needs restoring. */
    boolean lineEndingsAreLf() {
        return lfOnly;
    }

    /** UTF-16 units before byte {@code offset} (0 to the source's length). */
    int offset(int offset) {
        int k = offset / BLOCK;
        if (kind[k] == ASCII) {
            return units[k] + offset - k * BLOCK;
        }
        if (kind[k] == WELL_FORMED) {
            // Bytes before at[k] continue a sequence counted in units[k]: as continuation bytes they add nothing.
            return units[k] + unitsOfWellFormed(k * BLOCK, offset);
        }
        if (offset < at[k]) {
            return units[k]; // inside a sequence that reaches into block k, counted before it
        }
        int count = units[k];
        int i = at[k];
        while (i < offset) {
            if (bytes[i] >= 0) {
                i++;
                count++;
            } else {
                int seq = Utf8.sequence(source, i, bytes.length);
                i += seq > 0 ? Utf8.length(seq) : -seq;
                count += seq > 0 && Utf8.codePoint(seq) > 0xFFFF ? 2 : 1;
            }
        }
        return count;
    }

    /**
     * The UTF-16 units of the well-formed bytes {@code [from, to)} of one block, eight at a time: each byte but a
     * continuation byte starts a unit, and a four-byte sequence's first byte (0xF0 or more) starts two. A sequence
     * that {@code to} cuts counts whole, as its first byte is before {@code to}.
     */
    private int unitsOfWellFormed(int from, int to) {
        int count = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            count += unitsOfWord((long) WORDS.get(bytes, i), -1L);
        }
        if (i < to) {
            // A block lies inside the source, but its last word may not: read the bytes that are there.
            long word = i + 8 <= bytes.length ? (long) WORDS.get(bytes, i) : Utf8.tail(bytes, i);
            count += unitsOfWord(word, (1L << ((to - i) << 3)) - 1);
        }
        return count;
    }

    /** Of the bytes of {@code word} that {@code mask} keeps: those not continuation bytes, and 0xF0 or more again. */
    private static int unitsOfWord(long word, long mask) {
        long fourByteLead = threeByteLeads(word) & (word << 3);
        return Long.bitCount(~continuations(word) & Utf8.HIGHS & mask) + Long.bitCount(fourByteLead & mask);
    }

    /** The byte offset where {@code line} (from 1) starts. */
    int lineStart(int line) {
        return lines.lineStart(line);
    }

    /** The byte offset where {@code line} (from 1) ends, before its line ending; the source's end past the last. */
    int lineEnd(int line) {
        if (line >= lines.lineCount()) {
            return bytes.length;
        }
        int next = lines.lineStart(line + 1);
        return next - (next >= 2 && bytes[next - 1] == '\n' && bytes[next - 2] == '\r' ? 2 : 1);
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

    /** The source byte at {@code offset}. */
    byte byteAt(int offset) {
        return bytes[offset];
    }

    /** The source bytes {@code [from, to)}, decoded (ill-formed UTF-8 as U+FFFD). */
    String decode(int from, int to) {
        return Utf8.decode(source, from, to - from);
    }

    /** The source, for writing parts of it as they are. */
    ByteBuffer source() {
        return source;
    }

    /** The source's length in bytes. */
    int length() {
        return bytes.length;
    }

    /** A new {@link Cursor} at the start of the source. */
    Cursor cursor() {
        return new Cursor();
    }

    /**
     * A place in the source with its line and UTF-16 counts. It keeps its line, so a lookup on the same or the
     * next line needs no search.
     */
    final class Cursor {
        private int line = 1;
        private int lineStart;
        /** UTF-16 units before the line's start. */
        private int lineUnits;
        /** Where the next line starts, or past the end when there is none. */
        private int nextLine = lineStartOrEnd(2);
        private int units;
        /** The byte offset it is at. */
        private int at;

        /** Moves to byte {@code offset} (0 to the source's length). */
        void moveTo(int offset) {
            if (offset == at) {
                return; // a node that starts or ends where its last child does, as most containers do
            }
            at = offset;
            if (offset < lineStart || offset >= nextLine) {
                line = offset >= nextLine && offset < lineStartOrEnd(line + 2) ? line + 1
                        : Utf16Positions.this.line(offset);
                lineStart = lines.lineStart(line);
                lineUnits = countedUnits(lineStart);
                nextLine = lineStartOrEnd(line + 1);
            }
            units = countedUnits(offset);
        }

        /** The line, from 1. */
        int line() {
            return line;
        }

        /** The column, from 1, in UTF-16 units. */
        int column() {
            return units - lineUnits + 1;
        }

        /** The UTF-16 units before the place. */
        int units() {
            return units;
        }
    }

    /** The UTF-16 units before byte {@code offset}, a byte order mark the source starts with left out. */
    private int countedUnits(int offset) {
        return bom == 0 ? offset(offset) : offset < bom ? 0 : offset(offset) - 1;
    }

    private int lineStartOrEnd(int line) {
        return line > lines.lineCount() ? Integer.MAX_VALUE : lines.lineStart(line);
    }
}
