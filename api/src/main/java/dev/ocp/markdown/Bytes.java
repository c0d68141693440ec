package dev.ocp.markdown;

import dev.ocp.internal.Utf8;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable run of UTF-8 bytes: what the Markdown writer builds its output and its pieces in. The payload holds
 * its strings as UTF-8 and everything Markdown escapes is ASCII, so text goes from the payload to the output without
 * being decoded; only the written lines are, once, a chunk at a time ({@link #decode}).
 *
 * <p>Offsets are byte offsets. Callers that ask for the character before or after an offset ask for a code point
 * ({@link #codePointBefore}, {@link #codePointAt}): a multi-byte character's bytes are all 0x80 or more, so a byte
 * compared with an ASCII character matches exactly where the character would.
 */
final class Bytes {
    byte[] a;
    int n;

    Bytes(int capacity) {
        a = new byte[Math.max(16, capacity)];
    }

    /** The last byte, or -1 when empty. */
    int last() {
        return n == 0 ? -1 : a[n - 1] & 0xFF;
    }

    void setLength(int length) {
        n = length;
    }

    private void room(int more) {
        if (more > a.length - n) {
            grow(more);
        }
    }

    private void grow(int more) {
        long needed = (long) n + more;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("Markdown output exceeds the largest array");
        }
        a = Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * a.length)));
    }

    void add(int b) {
        if (n == a.length) {
            grow(1);
        }
        a[n++] = (byte) b;
    }

    void add(int b1, int b2) {
        room(2);
        a[n++] = (byte) b1;
        a[n++] = (byte) b2;
    }

    void add(byte[] s, int from, int to) {
        int len = to - from;
        room(len);
        System.arraycopy(s, from, a, n, len);
        n += len;
    }

    void add(Bytes s) {
        add(s.a, 0, s.n);
    }

    /** Appends a constant of ASCII characters. */
    void ascii(String s) {
        int len = s.length();
        room(len);
        for (int i = 0; i < len; i++) {
            a[n++] = (byte) s.charAt(i);
        }
    }

    /** Appends any string, encoded (for the rare nodes written from decoded strings: JSX). */
    void utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        add(b, 0, b.length);
    }

    void repeat(int c, int count) {
        room(count);
        Arrays.fill(a, n, n + count, (byte) c);
        n += count;
    }

    /** Appends {@code v} (not negative) in decimal. */
    void decimal(long v) {
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        room(digits);
        for (int i = n + digits - 1; i >= n; i--) {
            a[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        n += digits;
    }

    /** A numeric character reference: {@code &#} the code point in decimal {@code ;}. */
    void reference(int codePoint) {
        add('&', '#');
        decimal(codePoint);
        add(';');
    }

    /** Replaces the bytes {@code [from, to)} with one byte. */
    void replace(int from, int to, int b) {
        a[from] = (byte) b;
        System.arraycopy(a, to, a, from + 1, n - to);
        n -= to - from - 1;
    }

    void insert(int at, int b) {
        room(1);
        System.arraycopy(a, at, a, at + 1, n - at);
        a[at] = (byte) b;
        n++;
    }

    int indexOf(int b, int from) {
        for (int i = from; i < n; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Where the first {@code b} (ASCII) of {@code s[from, to)} is, or -1: a word at a time, as lines are long. */
    static int indexOf(byte[] s, int from, int to, int b) {
        long pattern = (b & 0xFFL) * 0x0101010101010101L;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) Utf8.WORDS.get(s, i) ^ pattern;
            // A zero byte of x is a byte equal to b; this finds the lowest exactly.
            long zero = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (s[i] == b) {
                return i;
            }
        }
        return -1;
    }

    int codePointBefore(int end) {
        return codePointBefore(a, 0, end);
    }

    /** The length of a sequence by its lead byte (1 for a byte no sequence starts with, as the decoder skips it). */
    static int sequenceLength(int lead) {
        lead &= 0xFF;
        return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
    }

    /**
     * The well-formed sequence that starts at {@code i} (and ends by {@code end}), Unicode's table 3-7: its code point
     * and length packed as {@code codePoint << 3 | length}; -1 if the bytes there are not one.
     */
    static int sequence(byte[] s, int i, int end) {
        int c = s[i] & 0xFF;
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
            lo = c == 0xE0 ? 0xA0 : 0x80;
            hi = c == 0xED ? 0x9F : 0xBF;
            c &= 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            lo = c == 0xF0 ? 0x90 : 0x80;
            hi = c == 0xF4 ? 0x8F : 0xBF;
            c &= 0x07;
        } else {
            return -1;
        }
        if (i + more >= end) {
            return -1; // cut short
        }
        for (int k = 1; k <= more; k++) {
            int cc = s[i + k] & 0xFF;
            if (cc < lo || cc > hi) {
                return -1;
            }
            lo = 0x80;
            hi = 0xBF;
            c = c << 6 | cc & 0x3F;
        }
        return c << 3 | more + 1;
    }

    /** The code point whose bytes start at {@code i} (before {@code end}); U+FFFD where they are not one. */
    static int codePointAt(byte[] s, int i, int end) {
        int c = s[i];
        if (c >= 0) {
            return c;
        }
        int q = sequence(s, i, end);
        return q < 0 ? 0xFFFD : q >>> 3;
    }

    /** The code point whose bytes end at {@code end} (not before {@code start}); U+FFFD where they are not one. */
    static int codePointBefore(byte[] s, int start, int end) {
        int i = startBefore(s, start, end);
        int q = sequence(s, i, end);
        return q < 0 || i + (q & 7) != end ? 0xFFFD : q >>> 3;
    }

    /** Where the character whose bytes end at {@code end} starts. */
    static int startBefore(byte[] s, int start, int end) {
        int i = end - 1;
        while (i > start && i > end - 4 && (s[i] & 0xC0) == 0x80) {
            i--;
        }
        return i;
    }

    /**
     * Whether a string's bytes {@code s[0, n)} start and end on a character's bounds: the output is checked to be
     * well-formed as a whole, which would miss two ill-formed strings whose broken ends happen to join.
     */
    static boolean wholeAtEnds(byte[] s, int n) {
        if (n == 0 || (s[0] >= 0 && s[n - 1] >= 0)) {
            return true;
        }
        if ((s[0] & 0xC0) == 0x80) {
            return false;
        }
        int i = startBefore(s, 0, n);
        return (s[i] & 0xC0) != 0x80 && i + sequenceLength(s[i]) == n;
    }

    /**
     * Decodes the well-formed UTF-8 {@code s[from, to)} into {@code d} from {@code k}, which has room for as many
     * characters as bytes; returns where the characters end, or -1 if the bytes are not well-formed.
     */
    static int decode(byte[] s, int from, int to, char[] d, int k) {
        int i = from;
        while (i < to) {
            int c = s[i];
            if (c >= 0) {
                // Most Markdown is runs of ASCII: eight bytes at a time while they last. The word that ends a run is
                // written whole too, and only its ASCII bytes counted (the characters after them are written over
                // next; d has room, as the bytes left are at least eight): a short run between two other characters,
                // as in most lines of Cyrillic or CJK text, then takes no loop of its own to end.
                while (i + 8 <= to) {
                    long w = (long) Utf8.WORDS.get(s, i);
                    Utf8.widenAscii(w, d, k);
                    long high = w & 0x8080808080808080L;
                    if (high != 0) {
                        int ascii = Long.numberOfTrailingZeros(high) >>> 3;
                        k += ascii;
                        i += ascii;
                        break;
                    }
                    k += 8;
                    i += 8;
                }
                while (i < to && (c = s[i]) >= 0) {
                    d[k++] = (char) c;
                    i++;
                }
                continue;
            }
            if (c >= (byte) 0xC2 && c <= (byte) 0xDF && i + 1 < to && (s[i + 1] & 0xC0) == 0x80) {
                d[k++] = (char) ((c & 0x1F) << 6 | s[i + 1] & 0x3F);
                i += 2;
                long ended = Utf8.twoByteText(s, i, to, d, k, PLAIN); // the next letters are likely two-byte ones too
                i = (int) (ended >>> 32);
                k = (int) ended;
                continue;
            }
            if ((c & 0xF0) == 0xE0 && i + 2 < to) {
                int c1 = s[i + 1];
                int c2 = s[i + 2];
                if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
                    int cp = (c & 0x0F) << 12 | (c1 & 0x3F) << 6 | c2 & 0x3F;
                    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) { // not overlong, not a surrogate
                        d[k++] = (char) cp;
                        i += 3;
                        continue;
                    }
                }
            }
            int q = sequence(s, i, to);
            if (q < 0) {
                return -1;
            }
            int cp = q >>> 3;
            if (cp < 0x10000) {
                d[k++] = (char) cp;
            } else {
                d[k++] = Character.highSurrogate(cp);
                d[k++] = Character.lowSurrogate(cp);
            }
            i += q & 7;
        }
        return k;
    }

    /** No ASCII character is written other than as itself here: {@link Utf8#twoByteText} may take any. */
    private static final boolean[] PLAIN = new boolean[128];

    /** How many UTF-16 units the bytes {@code [from, to)} decode to: what a Java string's length counted. */
    static int utf16Length(byte[] s, int from, int to) {
        int units = 0;
        for (int i = from; i < to; i++) {
            int c = s[i] & 0xFF;
            if ((c & 0xC0) != 0x80) {
                units += c >= 0xF0 ? 2 : 1;
            }
        }
        return units;
    }
}
