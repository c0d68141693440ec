package dev.ocp.markdown;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable run of UTF-8 bytes: what the Markdown writer builds its output and its pieces in. The payload holds
 * its strings as UTF-8 and everything Markdown escapes is ASCII, so text goes from the payload to the output without
 * being decoded; only the finished output is, once.
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

    int length() {
        return n;
    }

    boolean isEmpty() {
        return n == 0;
    }

    /** The byte at {@code i}, 0 to 255. */
    int at(int i) {
        return a[i] & 0xFF;
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

    int codePointBefore(int end) {
        return codePointBefore(a, 0, end);
    }

    /** Decodes the output, which is well-formed UTF-8: every piece of it is. */
    String string() {
        return new String(a, 0, n, StandardCharsets.UTF_8);
    }

    /** The length of a sequence by its lead byte (1 for a byte no sequence starts with, as the decoder skips it). */
    static int sequenceLength(int lead) {
        lead &= 0xFF;
        return lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
    }

    /** The code point whose bytes start at {@code i} (before {@code end}); U+FFFD where they are not one. */
    static int codePointAt(byte[] s, int i, int end) {
        int c = s[i] & 0xFF;
        if (c < 0x80) {
            return c;
        }
        int len = sequenceLength(c);
        if (len == 1 || i + len > end) {
            return 0xFFFD;
        }
        int cp = c & (0x7F >> len);
        for (int k = 1; k < len; k++) {
            int cc = s[i + k] & 0xFF;
            if ((cc & 0xC0) != 0x80) {
                return 0xFFFD;
            }
            cp = cp << 6 | cc & 0x3F;
        }
        return cp;
    }

    /** The code point whose bytes end at {@code end} (not before {@code start}). */
    static int codePointBefore(byte[] s, int start, int end) {
        int i = end - 1;
        while (i > start && i > end - 4 && (s[i] & 0xC0) == 0x80) {
            i--;
        }
        return codePointAt(s, i, end);
    }

    /** Where the character whose bytes end at {@code end} starts. */
    static int startBefore(byte[] s, int start, int end) {
        int i = end - 1;
        while (i > start && i > end - 4 && (s[i] & 0xC0) == 0x80) {
            i--;
        }
        return i;
    }

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
