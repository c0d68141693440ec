package dev.ocp.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The kit's inputs: a sample document, seeded generated Markdown, random bytes and hostile input. Seeds
 * are fixed so that a failure names an input that reproduces it.
 */
final class Inputs {
    private Inputs() {
    }

    /** A small document that touches most block and inline constructs. */
    static final String SAMPLE = "# OCP sample\n\n"
            + "Some *emphasis*, **strong**, `code`, a [link](https://example.com \"title\") and <b>html</b>.\n"
            + "A second line with an image ![alt](/img.png) and an entity &amp; an escape \\*.\n\n"
            + "> A block quote\n> over two lines.\n\n"
            + "- one\n- two\n  - nested\n\n"
            + "1. first\n2. second\n\n"
            + "```java\nint x = 1;\n```\n\n"
            + "    indented code\n\n"
            + "***\n\n"
            + "[ref]: https://example.org\n\n"
            + "Text with a [reference][ref] and unicode: \u00e9t\u00e9, \u65e5\u672c, \uD83D\uDE00.\n";

    /** {@link #SAMPLE} as UTF-8. */
    static final byte[] SAMPLE_BYTES = SAMPLE.getBytes(StandardCharsets.UTF_8);

    private static final String[] LINE_STARTS = {
        "", "", "", "", "# ", "## ", "###### ", "> ", "> > ", "- ", "* ", "+ ", "1. ", "2) ", "    ", "\t", "  - ",
        "```", "~~~", "***", "---", "===", "<div>", "</div>", "<!-- ", "[x]: /url \"t\"\n", "| a | b |\n|---|:-:|\n| ",
    };
    private static final String[] PIECES = {
        "word", "text", "Markdown", "a", "b", " ", " ", " ", "  ", "\t", "*", "**", "_", "__", "`", "``", "[", "]",
        "](", ")", "(", "![", "<", ">", "<http://a.b/c>", "<x@y.z>", "&amp;", "&#35;", "&#x1F600;", "&bogus;", "\\",
        "\\*", "\\[", "<b>", "</b>", "<a href=\"x\">", "~~", "$", "{", "}", "!", "\"", "'", "https://e.com",
        "\u00e9", "\u65e5\u672c", "\uD83D\uDE00", "[ref]", "[x]", "\n", "  \n", "\\\n",
        // GFM's: strikethrough, autolink literals, footnotes, task items, cells.
        "~", "~~~", "www.a.org", "x@y.org", "http://a.b/(c)", "a_b.c", "[^1]", "[^n]: ", "- [ ] ", "[x] ", "|",
        "\\|", " | ",
    };

    /**
     * @param seed  the random seed
     * @param count how many
     * @return Markdown-like documents built from random line starts and inline pieces, up to ~600 bytes each
     */
    static List<byte[]> generated(long seed, int count) {
        Random random = new Random(seed);
        List<byte[]> out = new ArrayList<>(count);
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < count; n++) {
            sb.setLength(0);
            int lines = random.nextInt(12);
            for (int l = 0; l < lines; l++) {
                sb.append(LINE_STARTS[random.nextInt(LINE_STARTS.length)]);
                int pieces = random.nextInt(10);
                for (int p = 0; p < pieces; p++) {
                    sb.append(PIECES[random.nextInt(PIECES.length)]);
                }
                sb.append(random.nextInt(4) == 0 ? "\n\n" : "\n");
            }
            out.add(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * @param seed  the random seed
     * @param count how many
     * @return grammar-aware documents from {@link MarkdownGenerator} (indexes 0 to {@code count - 1} of the seed)
     */
    static List<byte[]> grammarGenerated(long seed, int count) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(MarkdownGenerator.generate(seed, i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * @param seed  the random seed
     * @param count how many
     * @return arbitrary bytes, up to 1 KiB each, half of them biased towards Markdown's punctuation
     */
    static List<byte[]> randomBytes(long seed, int count) {
        Random random = new Random(seed);
        byte[] punctuation = "*_`[]()<>!#>-+=|\\&;:\"' \t\n\r\0".getBytes(StandardCharsets.ISO_8859_1);
        List<byte[]> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            byte[] b = new byte[random.nextInt(1024)];
            random.nextBytes(b);
            if (n % 2 == 1) {
                for (int i = 0; i < b.length; i++) {
                    if (random.nextBoolean()) {
                        b[i] = punctuation[random.nextInt(punctuation.length)];
                    }
                }
            }
            out.add(b);
        }
        return out;
    }

    /** @return named inputs that are not valid UTF-8, alone and inside Markdown constructs */
    static Map<String, byte[]> invalidUtf8() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("lone continuation byte", bytes(0x80));
        m.put("lone 0xBF", bytes(0xBF));
        m.put("overlong NUL", bytes(0xC0, 0x80));
        m.put("overlong slash", bytes(0xC1, 0xAF));
        m.put("overlong 3-byte", bytes(0xE0, 0x80, 0xAF));
        m.put("UTF-16 surrogate encoded", bytes(0xED, 0xA0, 0x80));
        m.put("above U+10FFFF", bytes(0xF4, 0x90, 0x80, 0x80));
        m.put("5-byte form", bytes(0xF8, 0x88, 0x80, 0x80, 0x80));
        m.put("0xFF", bytes(0xFF));
        m.put("0xFE 0xFF", bytes(0xFE, 0xFF));
        m.put("truncated 3-byte at end", bytes(0xE2, 0x82));
        m.put("truncated 4-byte then newline", concat(bytes(0xF0, 0x9F, 0x98), ascii("\nafter")));
        m.put("in a heading", concat(ascii("# a"), bytes(0xE2, 0x82), ascii(" b\n")));
        m.put("in emphasis", concat(ascii("*"), bytes(0xC3), ascii("*")));
        // Beside delimiter runs, where it flanks them as the U+FFFD it is read as.
        m.put("flanking emphasis", concat(bytes(0x80), ascii("*>* a**"), bytes(0xF5), ascii("** *"), bytes(0xC0, 0x80),
                ascii("*b _\u00e9_"), bytes(0xE2, 0x82), ascii(" "), bytes(0xED, 0xA0, 0x80), ascii("___a_\n")));
        m.put("in a link", concat(ascii("[a"), bytes(0xF0, 0x9F), ascii("](/u"), bytes(0xFF), ascii(" \""),
                bytes(0x80), ascii("\")")));
        m.put("in a code span", concat(ascii("`"), bytes(0x80, 0x81), ascii("`")));
        m.put("in a fence info string", concat(ascii("```"), bytes(0xC3, 0x28), ascii("\ncode\n```\n")));
        m.put("in a link definition", concat(ascii("[l]: /"), bytes(0xE0, 0xA0), ascii("\n\n[l]\n")));
        // In labels, where it matches as a U+FFFD per maximal subpart.
        m.put("in link labels", concat(ascii("[a"), bytes(0x80), ascii("]: /u\n\n[a\uFFFD] [a"), bytes(0xFF),
                ascii("] [b"), bytes(0xED, 0xA0, 0x80), ascii("]\n\n[b\uFFFD\uFFFD\uFFFD]: /v\n")));
        m.put("in an entity", concat(ascii("&"), bytes(0xFF), ascii(";&#"), bytes(0x80), ascii(";")));
        m.put("in an autolink", concat(ascii("<http://a"), bytes(0xED, 0xBF, 0xBF), ascii(">")));
        m.put("in html", concat(ascii("<div "), bytes(0xC0), ascii("=x>\n")));
        m.put("byte order mark then text", concat(bytes(0xEF, 0xBB, 0xBF), ascii("# title\n")));
        m.put("entity for a surrogate", ascii("&#xD800; &#0; &#x110000; &#99999999;"));
        m.put("CR only line ends", ascii("a\rb\r\r# c\r> d\r"));
        return m;
    }

    /** @return named inputs with NUL bytes in many places */
    static Map<String, byte[]> nulBytes() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("NUL alone", bytes(0));
        m.put("NULs", bytes(0, 0, 0, 0));
        m.put("NUL in text", ascii("a\0b\0c"));
        m.put("NUL in heading and quote", ascii("# \0\n> \0\n- \0"));
        m.put("NUL in link", ascii("[\0](\0 \"\0\")"));
        m.put("NUL in code span", ascii("`\0`"));
        m.put("NUL in fence", ascii("```\0\n\0\n```"));
        m.put("NUL in html", ascii("<\0>\n<div>\0</div>"));
        m.put("NUL in entity", ascii("&\0; &#\0;"));
        m.put("NUL indented", ascii("    \0\n\t\0"));
        m.put("NUL at line ends", ascii("a\0\nb\0\r\n\0"));
        return m;
    }

    /** @return named inputs nested far deeper than any document needs */
    static Map<String, byte[]> deepNesting() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("20000 block quotes", ascii(">".repeat(20_000) + " x\n"));
        m.put("5000 nested list items", ascii("- ".repeat(5_000) + "x\n"));
        m.put("block quote and list alternating", ascii("> - ".repeat(3_000) + "x\n"));
        m.put("20000 asterisks around text", ascii("*".repeat(20_000) + "a" + "*".repeat(20_000)));
        m.put("alternating emphasis 10000 deep", ascii("*_".repeat(5_000) + "x" + "_*".repeat(5_000)));
        m.put("10000 nested images", ascii("![".repeat(10_000) + "a" + "](b)".repeat(10_000)));
        m.put("10000 nested brackets", ascii("[".repeat(10_000) + "a" + "]".repeat(10_000)));
        m.put("nested parentheses in a destination", ascii("[a](" + "(".repeat(10_000) + ")".repeat(10_000) + ")"));
        m.put("20000 open angle brackets", ascii("<".repeat(20_000)));
        m.put("list indentation growing", growingIndent(2_000));
        return m;
    }

    /**
     * The shapes that make naive GFM parsers quadratic or worse, each at a size: at {@code n} units, so that a
     * growth check can compare the work at two sizes.
     *
     * @return name to a maker of the input at size {@code n}
     */
    static Map<String, IntFunction<String>> gfmHostile() {
        Map<String, IntFunction<String>> m = new LinkedHashMap<>();
        m.put("table with thousands of columns", n -> "|a".repeat(n) + "|\n" + "|-".repeat(n) + "|\n"
                + "|b".repeat(n) + "|\n");
        m.put("table with thousands of rows", n -> "| a | b |\n|---|:-:|\n" + "| x | `y\\|z` |\n".repeat(n));
        m.put("table rows of growing width", n -> "a|b\n-|-\n" + growing("|c", n));
        m.put("table-like lines that fail late", n -> ("a|b|c|d\n|-|-|-|-x\n").repeat(n / 4));
        m.put("header and delimiter cells that disagree", n -> ("|a|b|c\n|-|-\n").repeat(n / 4));
        m.put("long runs of tildes", n -> "a" + "~".repeat(n) + "b" + "~".repeat(n) + " " + "~~".repeat(n / 2));
        m.put("unclosed strikethrough", n -> "~a ~~a ".repeat(n / 2));
        m.put("tilde runs of mixed length", n -> "~~a~".repeat(n / 2));
        m.put("autolink with thousands of dots", n -> "www." + "a.".repeat(n) + " http://" + "b.".repeat(n));
        m.put("autolink with thousands of underscores", n -> "www." + "a_".repeat(n) + ".b_.c_ " + "_www.".repeat(n));
        m.put("autolink with thousands of parentheses", n -> "www.a.org/" + "(".repeat(n) + ")".repeat(2 * n)
                + " http://a.b/" + ")".repeat(n));
        m.put("autolink with trailing entities", n -> "www.a.org/" + "&amp;".repeat(n) + " www.b.c" + "x;".repeat(n));
        m.put("e-mail candidates", n -> "a.".repeat(n) + "@" + " b@".repeat(n) + " c@d.".repeat(n)
                + " mailto:".repeat(n));
        m.put("scheme candidates", n -> "http:".repeat(n) + " " + "a://".repeat(n) + "https://_".repeat(n));
        m.put("many footnote definitions and references", n -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n / 4; i++) {
                sb.append("[^f").append(i).append("]: note ").append(i).append('\n');
            }
            for (int i = 0; i < n / 4; i++) {
                sb.append("[^f").append(n / 4 - 1 - i).append("] [^x").append(i).append("] ");
            }
            return sb.append('\n').toString();
        });
        m.put("footnotes referring to each other", n -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n / 4; i++) {
                sb.append("[^f").append(i).append("]: [^f").append(i + 1).append("] [^f0]\n\n");
            }
            return sb.toString();
        });
        m.put("deeply nested footnote definitions", n -> "[^a]: ".repeat(n / 4) + "x\n" + "    y\n".repeat(n / 4));
        m.put("footnote-like brackets", n -> "[^".repeat(n) + "]".repeat(n) + "\n\n[^a]: x\n");
        // References whose labels the inline parse has made into emphasis runs, code spans, escapes and images by
        // the time their bracket closes: all of it goes, inside emphasis that spans them, beside brackets left open.
        m.put("footnote labels holding inlines", n -> "*a [^*b*] `c` [^`d`] [^e\\+f] ![^*b*]* [^*g ".repeat(n / 4)
                + "\n\n[^*b*]: x\n\n[^`d`]: y\n\n[^e\\+f]: z\n");
        m.put("task-like items", n -> "- [ ] [x] [ ]\n".repeat(n / 4) + "- [x]\n  - [ ]".repeat(n / 4));
        return m;
    }

    /**
     * The shapes that could make GFM read as micromark reads it ({@link dev.ocp.Flavor#MICROMARK}) quadratic: its
     * autolink literals look ahead over trailing punctuation at every punctuation character of a path or domain,
     * a {@code _} run may start an e-mail address, and footnote labels take escaped brackets; each at a size as
     * {@link #gfmHostile()}'s are, parsed as GFM in that flavor.
     *
     * @return name to a maker of the input at size {@code n}
     */
    static Map<String, IntFunction<String>> micromarkHostile() {
        Map<String, IntFunction<String>> m = new LinkedHashMap<>();
        m.put("trailing dots that fail late", n -> "www.a.b" + ".".repeat(n) + "c " + "www.d" + "._".repeat(n) + "e");
        m.put("trailing brackets that fail late", n -> "http://a.b/c" + "]".repeat(n) + "d " + "www.e.f" + ".]".repeat(n)
                + "g");
        m.put("trailing references that fail late", n -> "www.a.b/c" + "&x;".repeat(n) + "d " + "www.e.f"
                + "&x".repeat(n) + " http://g.h/" + "&amp;.".repeat(n) + "&");
        m.put("underscored www after an address", n -> "www.a.b" + "_www.".repeat(n) + " " + "_www.c".repeat(n));
        m.put("trailing punctuation of every kind", n -> "www.a.b/c" + "!\"')*,.:;?_~]".repeat(n / 8) + "d");
        m.put("underscores before e-mail addresses", n -> "_a@b.c _".repeat(n / 4) + "_".repeat(n) + "a@b.c "
                + "!_a".repeat(n / 2) + "@b");
        m.put("www in any case", n -> "Www.".repeat(n) + " " + "(wWw.a" + "_".repeat(n) + ".b");
        m.put("footnote labels with escaped brackets", n -> "[^a\\]".repeat(n / 6) + "[^\\[".repeat(n / 8)
                + "\n\n[^a\\]]: x\n");
        return m;
    }

    /**
     * The shapes that could make frontmatter and math quadratic (runs of dollars without closers, math fences
     * opened and never closed, unclosed frontmatter), each at a size as {@link #gfmHostile()}'s are; parsed with
     * every extension on.
     *
     * @return name to a maker of the input at size {@code n}
     */
    static Map<String, IntFunction<String>> mathHostile() {
        Map<String, IntFunction<String>> m = new LinkedHashMap<>();
        m.put("dollar runs of growing length", n -> growingRuns("$", n));
        m.put("dollars and backticks without closers", n -> "$`$$``".repeat(n / 6) + growingRuns("`$", n / 2));
        m.put("unclosed inline math", n -> "a $b ".repeat(n / 5) + "$$c ".repeat(n / 4));
        m.put("fence-like lines in an unclosed math block", n -> "$$$$ a\n$$$\n".repeat(n / 11));
        m.put("math fences with dollars in the meta", n -> "$$ a $ b\n".repeat(n / 9));
        m.put("unclosed frontmatter", n -> "---\n" + "a: b\n".repeat(n / 5) + "--\n----\n+++\n");
        m.put("frontmatter-like lines", n -> "+++\n" + "---\n".repeat(n / 4));
        return m;
    }

    /**
     * The shapes that could make an MDX parser quadratic or worse (deep elements, tags and expressions over many
     * lines, flow runs that turn out to be text late, floods of attributes and of {@code <}), each at a size as
     * {@link #gfmHostile()}'s are; parsed as MDX. Some end in a syntax error, which must come as fast.
     *
     * @return name to a maker of the input at size {@code n}
     */
    static Map<String, IntFunction<String>> mdxHostile() {
        Map<String, IntFunction<String>> m = new LinkedHashMap<>();
        m.put("nested flow elements", n -> "<a>\n".repeat(n / 8) + "x\n" + "</a>\n".repeat(n / 8));
        m.put("nested text elements", n -> "x " + "<b>".repeat(n / 8) + "y" + "</b>".repeat(n / 8));
        m.put("sibling text elements", n -> "a <b>c</b> {d} ".repeat(n / 15));
        m.put("attribute flood", n -> "<a " + "b c=\"d\" {...e} ".repeat(n / 16) + "/>");
        m.put("a tag over many lines", n -> "<a\n" + "  b='c'\n".repeat(n / 8) + "/>\n");
        m.put("an expression over many lines", n -> "{\n" + "  a + {b}\n".repeat(n / 10) + "}\n");
        m.put("expression lines that turn out to be text", n -> "{\n" + "a\n".repeat(n / 2) + "}x\n");
        m.put("tag lines that turn out to be text", n -> "<a\n".repeat(1) + "b\n".repeat(n / 2) + ">x\n");
        m.put("open angle brackets", n -> "a < b ".repeat(n / 6) + "\n\n" + "x <\n".repeat(n / 4));
        m.put("braces in text", n -> "a {b} ".repeat(n / 6) + "{" + "{}".repeat(n / 4) + "}");
        m.put("esm blocks", n -> "import a from 'b'\nexport const c = 1\n\n".repeat(n / 40) + "d\n");
        // Container directives nested deeper as the input grows (below the default nesting limit at the larger
        // size), then lines of text and blank lines that each continue all of them.
        m.put("nested container directives", n -> ":::a\n".repeat(n / 64) + "x\n\n".repeat(n / 6));
        return m;
    }

    /** @return each of {@link #mdxHostile()} at 3000 units */
    static Map<String, byte[]> mdxPathological() {
        return atSize(mdxHostile(), 3_000);
    }

    /** @return each of {@code makers} at {@code n} units */
    private static Map<String, byte[]> atSize(Map<String, IntFunction<String>> makers, int n) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        makers.forEach((name, make) -> m.put(name, ascii(make.apply(n))));
        return m;
    }

    /** @return runs of {@code unit} one longer each, separated by a letter, until about {@code n} bytes */
    private static String growingRuns(String unit, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; sb.length() < n; i++) {
            sb.append(unit.repeat(i)).append('a');
        }
        return sb.toString();
    }

    /** @return each of {@link #gfmHostile()} at 3000 units */
    static Map<String, byte[]> gfmPathological() {
        return atSize(gfmHostile(), 3_000);
    }

    /** @return each of {@link #mathHostile()} at 3000 units */
    static Map<String, byte[]> mathPathological() {
        return atSize(mathHostile(), 3_000);
    }

    /** @return rows with one cell more each, until {@code n} cells in all */
    private static String growing(String cell, int n) {
        StringBuilder sb = new StringBuilder();
        for (int w = 1, cells = 0; cells < n; cells += w, w++) {
            sb.append(cell.repeat(w)).append('\n');
        }
        return sb.toString();
    }

    /**
     * The shapes that make naive Markdown parsers quadratic or worse (cmark's pathological cases and their kin), each
     * at a size: about {@code n} bytes, so that a growth check can compare the time at two sizes.
     *
     * @return name to a maker of the input at about {@code n} bytes
     */
    static Map<String, IntFunction<String>> cmarkHostile() {
        Map<String, IntFunction<String>> m = new LinkedHashMap<>();
        m.put("unclosed emphasis", n -> "*a **a ".repeat(n / 7));
        m.put("underscores between letters", n -> "_a".repeat(n / 2));
        m.put("unclosed brackets", n -> "[a".repeat(n / 2));
        m.put("closing brackets", n -> "a]".repeat(n / 2));
        m.put("brackets around text", n -> "[".repeat(n / 2) + "a" + "]".repeat(n / 2));
        m.put("asterisks around text", n -> "*".repeat(n / 2) + "a" + "*".repeat(n / 2));
        m.put("unclosed inline links", n -> "[a](b".repeat(n / 5));
        // Raw HTML whose later lines lose indentation past three columns to their paragraph, in containers and
        // after tabs: what mdast keeps of it is recorded (format v1.5), which reads each such line's columns.
        m.put("raw HTML across indented lines", n -> "> - a <b\n>  \t c\n>      d> <?\n>   \t?> <!--\n>\t\t-->\n"
                .repeat(n / 40));
        m.put("unclosed images", n -> "![".repeat(n / 2));
        m.put("unclosed angle brackets", n -> "<a".repeat(n / 2));
        m.put("backtick runs of growing length", n -> growingRuns("`", n));
        m.put("many link definitions and references", n -> definitions(n / 20));
        m.put("long block quote", n -> "> a\n".repeat(n / 4));
        m.put("long list", n -> "- a\n".repeat(n / 4));
        m.put("backslashes", n -> "\\".repeat(n));
        m.put("unfinished entities", n -> "&amp".repeat(n / 4));
        m.put("unclosed html comments", n -> "<!--".repeat(n / 4));
        m.put("unclosed processing instructions and CDATA", n -> "<?a <![CDATA[ ".repeat(n / 14));
        m.put("emphasis runs of mixed length", n -> "**a*".repeat(n / 4));
        m.put("one long delimiter run", n -> "*".repeat(n) + "a");
        m.put("table-like rows", n -> "| a | b |\n|---|---|\n" + "| x |\n".repeat(n / 6));
        m.put("many hard breaks", n -> "a  \n".repeat(n / 4));
        m.put("link reference labels of growing length", Inputs::growingLabels);
        return m;
    }

    /** @return each of {@link #cmarkHostile()} at about 10 KB */
    static Map<String, byte[]> pathological() {
        return atSize(cmarkHostile(), 10_000);
    }

    /**
     * @param bytes at least this many bytes
     * @return one line of plain words, no line break, no Markdown punctuation
     */
    static byte[] hugeLine(int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 16);
        String[] words = {"lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit"};
        int i = 0;
        while (sb.length() < bytes) {
            sb.append(words[i++ % words.length]).append(' ');
        }
        sb.append("end");
        return ascii(sb.toString());
    }

    /**
     * @param paragraphs how many
     * @return that many one-word paragraphs separated by blank lines
     */
    static byte[] paragraphs(int paragraphs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < paragraphs; i++) {
            sb.append("paragraph").append(i).append("\n\n");
        }
        return ascii(sb.toString());
    }

    /** @return text for messages: printable ASCII as is, everything else escaped, at most 120 characters */
    static String describe(byte[] input) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < input.length && sb.length() < 120; i++) {
            int b = input[i] & 0xFF;
            if (b == '\n') {
                sb.append("\\n");
            } else if (b == '"' || b == '\\') {
                sb.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7F) {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02X", b));
            }
        }
        return sb.append(input.length > 0 && sb.length() >= 120 ? "...\" (" + input.length + " bytes)" : "\"")
                .toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            try {
                out.write(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toByteArray();
    }

    private static byte[] growingIndent(int levels) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            sb.append(" ".repeat(2 * i)).append("- a\n");
        }
        return ascii(sb.toString());
    }

    /** @return {@code count} link reference definitions, then a reference to each, in reverse order */
    private static String definitions(int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("[d").append(i).append("]: /u").append(i).append('\n');
        }
        sb.append('\n');
        for (int i = 0; i < count; i++) {
            sb.append("[d").append(count - 1 - i).append("] ");
        }
        return sb.toString();
    }

    /** @return full references with labels one letter longer each, until about {@code n} bytes */
    private static String growingLabels(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; sb.length() < n; i++) {
            sb.append('[').append("a".repeat(i)).append("][").append("b".repeat(i)).append("] ");
        }
        return sb.toString();
    }
}
