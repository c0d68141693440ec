package dev.ocp.toc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slugs equal to github-slugger's on the committed cases: {@code slug-inputs.json} (headings of 36 documents:
 * punctuation, scripts, emoji, marks, repeats, texts that are another's slug, random mixes) and
 * {@code slug-expected.json}, which github-slugger itself wrote ({@code bench/js/slug-oracle.mjs}; .ci/run checks
 * it still does).
 */
class SluggerTest {

    @Test
    void everySlugIsGithubSluggers() throws IOException {
        List<List<String>> inputs = read("slug-inputs.json");
        List<List<String>> expected = read("slug-expected.json");
        assertEquals(inputs.size(), expected.size(), "one answer per document");
        int checked = 0;
        for (int d = 0; d < inputs.size(); d++) {
            Slugger slugger = new Slugger();
            for (int h = 0; h < inputs.get(d).size(); h++) {
                String text = inputs.get(d).get(h);
                assertEquals(expected.get(d).get(h), slugger.slug(text), "document " + d + ", heading " + h + ": "
                        + text.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList());
                checked++;
            }
        }
        assertTrue(checked > 200, "the cases were read: " + checked);
    }

    /**
     * Every code point, against {@code slug-kept.txt}, the ranges github-slugger keeps (its pattern, generated from
     * Unicode 13): whatever it keeps is kept here on every JDK; on JDK 17, whose character data is Unicode 13, nothing
     * else is. Later JDKs also keep letters assigned since (docs/conformance.md).
     */
    @Test
    void everyCodePointIsKeptExactlyWhenGithubSluggerKeepsIt() throws IOException {
        java.util.BitSet theirs = new java.util.BitSet(0x110000);
        String ranges;
        try (InputStream in = SluggerTest.class.getResourceAsStream("slug-kept.txt")) {
            ranges = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ranges.lines().forEach(l -> {
            String[] ab = l.split(" ");
            theirs.set(Integer.parseInt(ab[0], 16), Integer.parseInt(ab[1], 16) + 1);
        });
        assertTrue(theirs.cardinality() > 100_000, "the ranges were read: " + theirs.cardinality());
        boolean unicode13 = Runtime.version().feature() == 17;
        List<String> dropped = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                continue;
            }
            boolean ours = c == ' ' || c == '-' || Slugger.kept(c);
            if (theirs.get(c) && !ours) {
                dropped.add(String.format("U+%04X", c));
            } else if (!theirs.get(c) && ours && unicode13) {
                extra.add(String.format("U+%04X", c));
            }
        }
        assertEquals(List.of(), dropped, "github-slugger keeps these, the slugger drops them");
        assertEquals(List.of(), extra, "on JDK 17 the slugger keeps exactly what github-slugger keeps");
    }

    @Test
    void repeatsCountOnTheFirstSlugAndResetForgetsThem() {
        Slugger slugger = new Slugger();
        assertEquals("intro", slugger.slug("Intro"));
        assertEquals("intro-1", slugger.slug("Intro"));
        assertEquals("intro-1-1", slugger.slug("intro-1"));
        slugger.reset();
        assertEquals("intro", slugger.slug("Intro"));
        assertEquals("whats-new", Slugger.slugOf("What's new?"));
    }

    /** The fixtures: a JSON array of arrays of strings, read with a parser this small format needs. */
    private static List<List<String>> read(String name) throws IOException {
        String json;
        try (InputStream in = SluggerTest.class.getResourceAsStream(name)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<List<String>> out = new ArrayList<>();
        List<String> current = null;
        int depth = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '[') {
                if (++depth == 2) {
                    current = new ArrayList<>();
                }
            } else if (c == ']') {
                if (depth-- == 2) {
                    out.add(current);
                }
            } else if (c == '"') {
                StringBuilder s = new StringBuilder();
                for (i++; json.charAt(i) != '"'; i++) {
                    char x = json.charAt(i);
                    if (x == '\\') {
                        char e = json.charAt(++i);
                        switch (e) {
                            case 'n' -> s.append('\n');
                            case 't' -> s.append('\t');
                            case 'r' -> s.append('\r');
                            case 'b' -> s.append('\b');
                            case 'f' -> s.append('\f');
                            case 'u' -> {
                                s.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                                i += 4;
                            }
                            default -> s.append(e);
                        }
                    } else {
                        s.append(x);
                    }
                }
                current.add(s.toString());
            }
        }
        return out;
    }
}
