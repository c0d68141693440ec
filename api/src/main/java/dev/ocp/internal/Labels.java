package dev.ocp.internal;

import java.util.Locale;

/**
 * Link and footnote labels: as mdast names them (what the mdast renderer writes as a node's {@code identifier} and
 * what the transform matches definitions by), and as the HTML renderer matches them (what the chunker matches a
 * chunk's definitions by, so that a chunk's links resolve as the document's do). Here, below all of them, so that
 * none needs another.
 */
public final class Labels {
    private Labels() {
    }

    /**
     * A link or footnote label as mdast's {@code identifier}: whitespace runs as one space, trimmed, case-folded. Two
     * labels match when their identifiers are equal.
     *
     * @param label a label as written
     * @return its identifier
     */
    public static String identifier(String label) {
        String collapsed = label.replaceAll("[\\t\\n\\r ]+", " ").strip();
        return collapsed.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /**
     * A link or footnote label as the HTML renderer matches it: runs of space, tab and line breaks as one space,
     * leading ones dropped, case folded (to lower case and then upper, so that {@code ẞ} and {@code SS} match).
     *
     * @param label a label as written
     * @return the key two matching labels share
     */
    public static String matchKey(String label) {
        StringBuilder sb = new StringBuilder(label.length());
        boolean space = false;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT);
    }
}
