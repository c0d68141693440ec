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
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int c = bytes[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int more;
            int lo = 0x80;
            int hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                more = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                more = 2;
                lo = c == 0xE0 ? 0xA0 : 0x80;
                hi = c == 0xED ? 0x9F : 0xBF;
            } else if (c >= 0xF0 && c <= 0xF4) {
                more = 3;
                lo = c == 0xF0 ? 0x90 : 0x80;
                hi = c == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (i + more >= n) {
                return false;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return false;
            }
            for (int k = 2; k <= more; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += more + 1;
        }
        return true;
    }
}
