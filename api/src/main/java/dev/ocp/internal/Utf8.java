package dev.ocp.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding with the replacement rule of the OCP specification: each maximal subpart of an ill-formed
 * sequence becomes one U+FFFD (Unicode 15, section 3.9, "U+FFFD Substitution of Maximal Subparts", which is
 * also what the WHATWG Encoding Standard does). The JDK's own decoder differs on some ill-formed input (it
 * replaces an encoded surrogate with one U+FFFD, not three), so it is used only for well-formed bytes.
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Writes the eight bytes of {@code word}, lowest first, as the characters {@code d[k, k + 8)}, each from its
     * byte's low seven bits: the characters of a run of ASCII read a word at a time (a byte above 7F comes out
     * wrong, for the caller to count out and write over).
     */
    public static void widenAscii(long word, char[] d, int k) {
        d[k] = (char) (word & 0x7F);
        d[k + 1] = (char) (word >>> 8 & 0x7F);
        d[k + 2] = (char) (word >>> 16 & 0x7F);
        d[k + 3] = (char) (word >>> 24 & 0x7F);
        d[k + 4] = (char) (word >>> 32 & 0x7F);
        d[k + 5] = (char) (word >>> 40 & 0x7F);
        d[k + 6] = (char) (word >>> 48 & 0x7F);
        d[k + 7] = (char) (word >>> 56 & 0x7F);
    }

    /**
     * Decodes text in an alphabet of two-byte letters (Arabic, Cyrillic, Greek, Hebrew) four letters at a step: while
     * the eight bytes at {@code a[i]} (all before {@code limit}) are four 16-bit lanes of a lead byte C2-DF (the C0
     * and C1 of overlong forms fail the test of bits 1-4) and a continuation byte 80-BF, writes their four characters
     * at {@code d[k]}. The word that ends such a run gives the letters before its first lane that is not one at once,
     * and when the byte after them is ASCII that {@code special} does not hold (a space, mostly) it is written too and
     * the run goes on: words are short (progit's Arabic has 4.6 letters a word), and leaving for the caller's loop at
     * every word's end, or taking the last letters one by one, cost more than the letters. Whole words are taken
     * while they last: advancing by a count computed from the word made each step wait for the read before it. Small
     * enough for the JIT to inline into its callers' loops, which call it after one such letter.
     *
     * @param a       the bytes
     * @param i       where to start
     * @param limit   where the bytes end
     * @param d       where the characters go, with room for as many as there are bytes from {@code i} to
     *                {@code limit}
     * @param k       where the first character goes
     * @param special per ASCII character, whether the caller must write it (an escape): such a byte ends the text
     * @return where the bytes and the characters taken end, as {@code i << 32 | k}
     */
    public static long twoByteText(byte[] a, int i, int limit, char[] d, int k, boolean[] special) {
        while (limit - i >= 8 && a[i] < 0) {
            long w = (long) WORDS.get(a, i);
            long x = (w & 0x001F001F001F001FL) << 6 | w >>> 8 & 0x003F003F003F003FL;
            d[k] = (char) x;
            d[k + 1] = (char) (x >>> 16);
            d[k + 2] = (char) (x >>> 32);
            d[k + 3] = (char) (x >>> 48);
            // Four letters: every lane a lead byte 110xxxxx and a continuation 10xxxxxx, and no lead C0 or C1 (bits
            // 1-4 of each lead not all clear), in two comparisons of the whole word.
            if ((w & 0xC0E0C0E0C0E0C0E0L) == 0x80C080C080C080C0L
                    && ((w & 0x001E001E001E001EL) + 0x7FFF7FFF7FFF7FFFL & 0x8000800080008000L) == 0x8000800080008000L) {
                k += 4;
                i += 8;
                continue;
            }
            // Per 16-bit lane, bit 15: set where the lane is not a letter (its pattern differs, or it is overlong).
            long pattern = (w & 0xC0E0C0E0C0E0C0E0L) ^ 0x80C080C080C080C0L;
            long notLetters = ((pattern & 0x7FFF7FFF7FFF7FFFL) + 0x7FFF7FFF7FFF7FFFL | pattern
                    | ~((w & 0x001E001E001E001EL) + 0x7FFF7FFF7FFF7FFFL)) & 0x8000800080008000L;
            int letters = Long.numberOfTrailingZeros(notLetters) >>> 4; // before the lane that is not one: 0 to 3
            k += letters;
            i += letters << 1;
            int c = a[i];
            if (c < 0 || special[c]) {
                break;
            }
            d[k++] = (char) c;
            i++;
        }
        return (long) i << 32 | k;
    }

    /**
     * Decodes {@code bytes} from {@code from} to {@code to} as {@link #decode(ByteBuffer, int, int)} does, without a
     * validation pass first: the JDK decodes them, and only where its result shows a replacement character (ill-formed
     * input, for which the JDK's count of U+FFFD may differ from one per maximal subpart, an encoded surrogate
     * {@code ED A0 80} giving one where this gives three) are they decoded again sequence by sequence.
     */
    public static String decode(byte[] bytes, int from, int to) {
        String decoded = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        return decoded.indexOf('\uFFFD') < 0 ? decoded : decode(ByteBuffer.wrap(bytes), from, to - from);
    }

    /**
     * Decodes {@code len} bytes of {@code b} from absolute index {@code pos}.
     */
    public static String decode(ByteBuffer b, int pos, int len) {
        byte[] bytes = new byte[len];
        b.get(pos, bytes);
        if (isWellFormed(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        // Ill-formed: sequence by sequence, each maximal subpart as one U+FFFD. Written here rather than through the
        // renderers' Output, so that the core's decoding needs nothing of theirs (issue 57).
        StringBuilder sb = new StringBuilder(len);
        ByteBuffer w = ByteBuffer.wrap(bytes);
        int i = 0;
        while (i < len) {
            if (bytes[i] >= 0) {
                sb.append((char) bytes[i++]);
                continue;
            }
            int q = sequence(w, i, len);
            if (q < 0) {
                sb.append('\uFFFD');
                i -= q;
            } else {
                sb.appendCodePoint(codePoint(q));
                i += length(q);
            }
        }
        return sb.toString();
    }

    /** Whether the bytes are well-formed UTF-8 (Unicode's table 3-7), eight at a time ({@link #checkWord}). */
    public static boolean isWellFormed(byte[] bytes) {
        return isWellFormed(bytes, 0, bytes.length);
    }

    /**
     * Whether the bytes {@code [from, to)} are well-formed UTF-8 (for the Markdown writer, which copies the payload's
     * strings as they are where they are).
     *
     * @param bytes the bytes
     * @param from  where to start
     * @param to    where to end
     * @return whether they are
     */
    public static boolean isWellFormed(byte[] bytes, int from, int to) {
        long state = 0;
        for (int i = from; i < to; i += 8) {
            long word = i + 8 <= to ? (long) WORDS.get(bytes, i) : tail(bytes, i, to);
            if ((word & HIGHS) != 0 || state != 0) {
                state = checkWord(word, state);
                if (state == ILL_FORMED) {
                    return false;
                }
            }
        }
        return state == 0;
    }

    /** What {@link #checkWord} returns for a word in which an ill-formed sequence shows. */
    public static final long ILL_FORMED = -1L;

    /**
     * Checks eight bytes of UTF-8 (a word read little-endian: the first byte in the lowest bits), given what the
     * words before left to check ({@code 0} at the start): in well-formed UTF-8 the continuation bytes are exactly
     * the one, two or three bytes after each lead byte, no byte is C0, C1 or F5 to FF, and the byte after E0, ED,
     * F0 and F4 keeps to a narrower range. The bytes are well-formed when no word gives {@link #ILL_FORMED} and the
     * last leaves {@code 0} (else a sequence is cut short at the end).
     *
     * @return {@link #ILL_FORMED}, or what the next word must meet: the continuation bytes expected at its start
     *         (bit 7 of its bytes 0 to 2) and whether this word ended with E0, ED, F0 or F4 (bits 0 to 3)
     */
    public static long checkWord(long word, long state) {
        long x1 = word << 1;
        long x2 = word << 2;
        long continuation = word & ~x1 & HIGHS; // 10xxxxxx
        long lead2 = word & x1 & HIGHS; // 11xxxxxx
        long lead3 = lead2 & x2; // 111xxxxx
        long lead4 = lead3 & (word << 3); // 1111xxxx
        long low = word & LOW7;
        long bad = (lead2 << 8 | lead3 << 16 | lead4 << 24 | state & CARRIED) ^ continuation
                | lead2 & ~(low + 0x3E3E3E3E3E3E3E3EL); // C0, C1: below C2 (no byte carries into the next)
        long narrow = 0;
        if ((lead3 | state & NARROW) != 0) {
            bad |= lead4 & (low + 0x0B0B0B0B0B0B0B0BL); // F5 to FF
            long e0 = lead3 & ~((word & 0x1F1F1F1F1F1F1F1FL) + LOW7);
            long ed = lead3 & ~(((word ^ 0x0D0D0D0D0D0D0D0DL) & 0x1F1F1F1F1F1F1F1FL) + LOW7);
            long f0 = lead4 & ~((word & 0x0F0F0F0F0F0F0F0FL) + LOW7);
            long f4 = lead4 & ~(((word ^ 0x0404040404040404L) & 0x0F0F0F0F0F0F0F0FL) + LOW7);
            // The byte after E0 is A0 or more (bit 5 set), after ED 9F or less (bit 5 clear), after F0 90 or more
            // (bit 5 or 4 set), after F4 8F or less (both clear).
            long x3 = word << 3;
            bad |= (e0 << 8 | (state & 1) << 7) & ~x2 | (ed << 8 | (state & 2) << 6) & x2
                    | (f0 << 8 | (state & 4) << 5) & ~(x2 | x3) | (f4 << 8 | (state & 8) << 4) & (x2 | x3);
            narrow = e0 >>> 63 | ed >>> 62 & 2 | f0 >>> 61 & 4 | f4 >>> 60 & 8;
        }
        if ((bad & HIGHS) != 0) {
            return ILL_FORMED;
        }
        return lead2 >>> 56 | lead3 >>> 48 | lead4 >>> 40 | narrow;
    }

    private static final long CARRIED = 0x808080L;
    private static final long NARROW = 0xFL;
    public static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    /** Eight bytes of a {@code byte[]} as one little-endian word, the first byte lowest: what the word loops read. */
    public static final java.lang.invoke.VarHandle WORDS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** The high bit of each byte of a word. */
    public static final long HIGHS = 0x8080808080808080L;

    /** The bytes from {@code i} to the end (fewer than eight) as a word, the first in the lowest bits, zeros after. */
    public static long tail(byte[] bytes, int i) {
        return tail(bytes, i, bytes.length);
    }

    /** The bytes from {@code i} to {@code to} (fewer than eight) as a word, the first in the lowest bits, zeros after. */
    public static long tail(byte[] bytes, int i, int to) {
        long word = 0;
        for (int b = to - 1; b >= i; b--) {
            word = word << 8 | (bytes[b] & 0xFF);
        }
        return word;
    }

    /**
     * Reads the UTF-8 sequence that starts at absolute index {@code pos} and must end by {@code end}: the one
     * decoder of this package, following Unicode's table 3-7 for what is well-formed and its maximal-subpart
     * rule for what is not.
     *
     * @return for a well-formed sequence, its code point and length packed as {@code codePoint << 3 | length}
     *         (positive; take them apart with {@link #codePoint} and {@link #length}); for an ill-formed one,
     *         minus the length of its maximal subpart (1 to 3 bytes), which a decoder replaces with one U+FFFD
     */
    public static int sequence(ByteBuffer b, int pos, int end) {
        int c = b.get(pos) & 0xFF;
        if (c < 0x80) {
            return c << 3 | 1;
        }
        int more;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
            c &= 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            if (c == 0xE0) {
                lo = 0xA0; // shorter forms are overlong
            } else if (c == 0xED) {
                hi = 0x9F; // above are surrogates
            }
            c &= 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            if (c == 0xF0) {
                lo = 0x90;
            } else if (c == 0xF4) {
                hi = 0x8F; // above is past U+10FFFF
            }
            c &= 0x07;
        } else {
            return -1; // a continuation byte, or a lead byte no well-formed sequence has
        }
        int p = pos + 1;
        for (int k = 0; k < more; k++, p++) {
            if (p >= end) {
                return -(p - pos);
            }
            int cc = b.get(p) & 0xFF;
            if (cc < lo || cc > hi) {
                return -(p - pos); // the maximal subpart ends before the byte that does not fit
            }
            lo = 0x80;
            hi = 0xBF;
            c = c << 6 | cc & 0x3F;
        }
        return c << 3 | more + 1;
    }

    /** The code point of a well-formed {@link #sequence}. */
    public static int codePoint(int sequence) {
        return sequence >>> 3;
    }

    /** The length in bytes of a well-formed {@link #sequence}. */
    public static int length(int sequence) {
        return sequence & 7;
    }
}
