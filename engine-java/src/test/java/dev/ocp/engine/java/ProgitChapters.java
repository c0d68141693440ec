package dev.ocp.engine.java;

import java.util.ArrayList;
import java.util.List;

/** Splits the progit corpus file back into the chapter files it was made of. */
final class ProgitChapters {
    private ProgitChapters() {
    }

    /**
     * Splits {@code progit.md}, the concatenation of the book's {@code *.markdown} chapter files in every
     * language, back into chapters: each file begins with its title as a level-1 ATX heading ({@code # Title #})
     * at the start of a line, no other line of the book starts with {@code "# "} (the book has no fenced code,
     * and a {@code #} inside indented code is indented), and the files were joined without a blank line, so
     * the split goes before every line that starts with {@code "# "}.
     *
     * @return the chapters in order, each ending with its line ending
     */
    static List<String> split(String book) {
        List<String> chapters = new ArrayList<>();
        int start = 0;
        int line = 0;
        while (line < book.length()) {
            if (line > start && book.startsWith("# ", line)) {
                chapters.add(book.substring(start, line));
                start = line;
            }
            int nl = book.indexOf('\n', line);
            line = nl < 0 ? book.length() : nl + 1;
        }
        if (start < book.length()) {
            chapters.add(book.substring(start));
        }
        return chapters;
    }
}
