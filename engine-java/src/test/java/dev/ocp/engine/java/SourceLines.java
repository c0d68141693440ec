package dev.ocp.engine.java;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lines of a UTF-8 source (ended by LF, CR or CR LF) for the input rewrites of {@link AcceptedDifference} and
 * {@link GfmDifference}, which find a construct through our tree's byte spans and edit the bytes around it.
 */
final class SourceLines {
    private SourceLines() {
    }

    /** The start of the line that {@code at} is in. */
    static int lineStart(byte[] src, int at) {
        int i = at;
        while (i > 0 && src[i - 1] != '\n' && src[i - 1] != '\r') {
            i--;
        }
        return i;
    }

    /** The end (before its line ending) of the line that {@code at} is in. */
    static int lineEnd(byte[] src, int at) {
        int i = at;
        while (i < src.length && src[i] != '\n' && src[i] != '\r') {
            i++;
        }
        return i;
    }

    /** The start of the line after the one {@code at} is in, or the source's length. */
    static int lineAfter(byte[] src, int at) {
        int end = lineEnd(src, at);
        if (end < src.length && src[end] == '\r' && end + 1 < src.length && src[end + 1] == '\n') {
            return end + 2;
        }
        return Math.min(end + 1, src.length);
    }

    /**
     * The line ending to end a line inserted at line start {@code at} with: the one before it, so that a CR
     * before an inserted LF does not become a CR LF (one line ending where two were meant).
     */
    static String lineEndingAt(byte[] src, int at) {
        return at > 0 && src[at - 1] == '\r' ? "\r" : "\n";
    }

    /** Whether {@code src[from, to)} holds nothing but spaces, tabs and block quote markers. */
    static boolean isBlank(byte[] src, int from, int to) {
        for (int i = from; i < to; i++) {
            if (src[i] != ' ' && src[i] != '\t' && src[i] != '>') {
                return false;
            }
        }
        return true;
    }

    /** The source with each text of {@code inserts} put before the byte at its key. */
    static String withInserts(byte[] src, TreeMap<Integer, String> inserts) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (Map.Entry<Integer, String> e : inserts.entrySet()) {
            out.append(new String(src, from, e.getKey() - from, StandardCharsets.UTF_8)).append(e.getValue());
            from = e.getKey();
        }
        return out.append(new String(src, from, src.length - from, StandardCharsets.UTF_8)).toString();
    }

    /** The source without the bytes marked in {@code remove}. */
    static String without(byte[] src, boolean[] remove) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(src.length);
        for (int i = 0; i < src.length; i++) {
            if (!remove[i]) {
                out.write(src[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
