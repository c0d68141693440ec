package dev.ocp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 decoding with the replacement rule of the OCP specification: each maximal subpart of an ill-formed
 * sequence becomes one U+FFFD (Unicode 15, section 3.9, "U+FFFD Substitution of Maximal Subparts", which is
 * also what the WHATWG Encoding Standard does). The JDK's own decoder differs on some ill-formed input (it
 * replaces an encoded surrogate with one U+FFFD, not three), so it is used only for well-formed bytes.
 */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Decodes {@code len} bytes of {@code b} from absolute index {@code pos}.
     */
    static String decode(ByteBuffer b, int pos, int len) {
        byte[] bytes = new byte[len];
        b.get(pos, bytes);
        if (isWellFormed(bytes)) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(len);
        Output out = new Output(sb);
        try {
            out.utf8(ByteBuffer.wrap(bytes), 0, len, Output.RAW);
            out.flush();
        } catch (IOException e) {
            throw new AssertionError("a StringBuilder does not throw", e);
        }
        return sb.toString();
    }

    /** Whether the bytes are well-formed UTF-8 (Unicode's table 3-7). */
    static boolean isWellFormed(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            if (bytes[i] >= 0) {
                i++;
                continue;
            }
            int s = sequence(b, i, n);
            if (s < 0) {
                return false;
            }
            i += length(s);
        }
        return true;
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
    static int sequence(ByteBuffer b, int pos, int end) {
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
    static int codePoint(int sequence) {
        return sequence >>> 3;
    }

    /** The length in bytes of a well-formed {@link #sequence}. */
    static int length(int sequence) {
        return sequence & 7;
    }
}
