package dev.ocp.html;

import java.nio.ByteBuffer;

/**
 * Which link and image destinations {@link dev.ocp.HtmlOptions#sanitizeUrls()} empties: those a browser would
 * run as code or read from the local machine. The scheme is read as a browser reads it (WHATWG URL): leading C0
 * controls and spaces ignored, tabs and line endings ignored anywhere, letters in any case.
 */
final class UrlSafety {
    private static final String[] DANGEROUS = {"javascript", "vbscript", "file"};
    /** The {@code data:} media types left alone: raster images, which cannot run script. */
    private static final String[] SAFE_DATA = {"image/png", "image/gif", "image/jpeg", "image/webp"};

    private UrlSafety() {
    }

    /**
     * @param b   the payload
     * @param pos where the destination's UTF-8 starts
     * @param len its length in bytes
     * @return whether the destination has a dangerous scheme
     */
    static boolean isDangerous(ByteBuffer b, int pos, int len) {
        int end = pos + len;
        while (pos < end && (b.get(pos) & 0xFF) <= 0x20) {
            pos++;
        }
        StringBuilder scheme = new StringBuilder();
        for (; pos < end; pos++) {
            int c = b.get(pos) & 0xFF;
            if (c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (c == ':') {
                break;
            }
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!letter && !(scheme.length() > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'))) {
                return false; // no scheme: a relative reference
            }
            scheme.append((char) (letter ? c | 0x20 : c));
        }
        if (pos == end) {
            return false;
        }
        String s = scheme.toString();
        for (String d : DANGEROUS) {
            if (s.equals(d)) {
                return true;
            }
        }
        return s.equals("data") && !safeData(b, pos + 1, end);
    }

    private static boolean safeData(ByteBuffer b, int pos, int end) {
        StringBuilder type = new StringBuilder();
        for (; pos < end && type.length() < 16; pos++) {
            int c = b.get(pos) & 0xFF;
            if (c == '\t' || c == '\n' || c == '\r' || c == ' ') {
                continue;
            }
            if (c == ';' || c == ',') {
                break;
            }
            type.append((char) (c >= 'A' && c <= 'Z' ? c | 0x20 : c));
        }
        boolean ended = pos < end && (b.get(pos) == ';' || b.get(pos) == ',');
        for (String safe : SAFE_DATA) {
            if (ended && type.toString().equals(safe)) {
                return true;
            }
        }
        return false;
    }
}
