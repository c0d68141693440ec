package dev.ocp.internal;

import java.util.Locale;

/**
 * Link and footnote labels as mdast names them: what the mdast renderer writes as a node's {@code identifier} and
 * what the transform matches definitions by. Here, below both, so that the transform needs no renderer.
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
}
