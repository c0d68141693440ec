package dev.ocp.toc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Heading ids as GitHub makes them, by the rules of {@code github-slugger}: the text in lower case, every character
 * dropped that is not alphabetic (a letter, a letter number), a mark, a decimal digit, a connector ({@code _}), a
 * hyphen or a space, and each space made a hyphen. A slugger remembers the slugs it gave, so that a repeat gets {@code -1}, {@code -2} and so on, as the
 * headings of one page do; use one per document. Not thread-safe.
 */
public final class Slugger {
    /** Per slug given: how many times its text came back, for the next suffix. */
    private final Map<String, Integer> occurrences = new HashMap<>();

    /** A slugger that has given no slug yet. */
    public Slugger() {
    }

    /**
     * The slug of {@code text}, unique among the slugs this slugger gave: {@code "Hello"} gives {@code hello}, a
     * second {@code "Hello"} gives {@code hello-1}.
     *
     * @param text a heading's text
     * @return its slug, unique within this slugger
     */
    public String slug(String text) {
        String base = slugOf(text);
        String result = base;
        // A slug taken (by an earlier heading of the same text, or one whose text was this slug) gets the base's next
        // number, and the number counts on the base: github-slugger's rule.
        while (occurrences.containsKey(result)) {
            int n = occurrences.merge(base, 1, Integer::sum);
            result = base + "-" + n;
        }
        occurrences.put(result, 0);
        return result;
    }

    /** Forgets every slug given, as for a new document. */
    public void reset() {
        occurrences.clear();
    }

    /**
     * The slug of {@code text} on its own, without the suffix a repeat would get.
     *
     * @param text a heading's text
     * @return its slug: lower case, letters, marks, numbers, {@code _} and {@code -}, spaces made hyphens
     */
    public static String slugOf(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            i += Character.charCount(c);
            if (c == ' ') {
                out.append('-');
            } else if (c == '-' || kept(c)) {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /**
     * What github-slugger's pattern does not remove: alphabetic characters (letters, letter numbers and the other
     * alphabetic ones, such as the squared Latin letters), marks, decimal digits and connector punctuation. Its
     * pattern was generated from Unicode 13, which JDK 17's character data is: there they agree on every code point
     * (SluggerTest). A later JDK knows letters assigned since then, which this keeps and github-slugger 2.0.0 drops.
     */
    static boolean kept(int c) {
        if (Character.isAlphabetic(c)) {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK:
            case Character.ENCLOSING_MARK:
            case Character.COMBINING_SPACING_MARK:
            case Character.DECIMAL_DIGIT_NUMBER:
            case Character.CONNECTOR_PUNCTUATION:
                return true;
            default:
                return false;
        }
    }
}
