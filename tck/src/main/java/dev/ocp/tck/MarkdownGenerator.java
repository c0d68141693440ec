package dev.ocp.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A grammar-aware generator of CommonMark documents for differential testing, and a shrinker that reduces a
 * failing document to a minimal one.
 *
 * <p>Documents are built from the grammar down: a document is a sequence of blocks; a block quote or a list item
 * holds blocks again (nested a few levels deep), written with its prefix on every line and, now and then, with a
 * lazy continuation line or a prefix that is a little off; leaf blocks (paragraphs, ATX and setext headings,
 * thematic breaks, indented and fenced code, HTML blocks of all seven kinds, link reference definitions) hold
 * inline content made of every inline construct (emphasis runs, code spans, links and images inline and by
 * reference, autolinks, raw HTML, entities, escapes, hard and soft breaks) mixed with Unicode that matters to a
 * parser (punctuation and whitespace classes, combining marks, case-folding oddities, characters outside the
 * BMP) and with tabs, NUL, CR and CRLF line endings and whitespace at the edges. Near misses of every construct
 * are generated on purpose, since that is where parsers disagree.
 *
 * <p>{@link #generateGfm} adds GitHub's constructs to the same grammar: tables (delimiter rows with every alignment,
 * rows short and long, escaped pipes, pipes in code spans), footnote definitions with indented continuations and
 * references to them, task-list markers, strikethrough runs of every length, and autolink literals with the
 * trailing punctuation, parentheses and underscores that decide where they end; near misses of each again.
 *
 * <p>{@link #generateWithMath} adds frontmatter and math to GFM's grammar: YAML and TOML frontmatter (closed, unclosed,
 * with odd fences) at the start, math blocks with fences of every length and metas with and without dollars, and
 * inline math with runs of one to three dollars, escaped dollars and line endings inside.
 *
 * <p>Every document is a pure function of {@code (seed, index)}: a failure is reproduced by those two numbers
 * alone, without generating the documents before it. The sequence is stable across JDK versions because it is
 * drawn from {@link Random}, whose algorithm is specified.
 */
public final class MarkdownGenerator {
    private final Random random;
    private final StringBuilder out = new StringBuilder(512);
    /** Whether GFM constructs are generated too (draws from the stream only when on, so CommonMark's is unchanged). */
    private final boolean gfm;
    /** Whether frontmatter and math are generated too (likewise). */
    private final boolean math;
    /** Whether the documents are MDX: JSX, expressions and ESM, and raw HTML and autolinks mostly left out. */
    private final boolean mdx;
    /** Whether directives are generated too (likewise: other streams are unchanged). */
    private boolean directives;
    /** Whether GitHub alerts and heading ids ({@code {#id}}) are generated too (likewise). */
    private final boolean alerts;

    private MarkdownGenerator(long seed, long index, boolean gfm, boolean math) {
        this(seed, index, gfm, math, false);
    }

    private MarkdownGenerator(long seed, long index, boolean gfm, boolean math, boolean mdx) {
        this(seed, index, gfm, math, mdx, false);
    }

    private MarkdownGenerator(long seed, long index, boolean gfm, boolean math, boolean mdx, boolean alerts) {
        this.alerts = alerts;
        this.gfm = gfm;
        this.math = math;
        this.mdx = mdx;
        // Mix the pair so that neighbouring indexes give unrelated streams.
        long h = seed * 0x9E3779B97F4A7C15L + index;
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        this.random = new Random(h ^ (h >>> 31));
    }

    /**
     * @param seed  the run's seed
     * @param index the document's index in the run, from 0
     * @return the document, a valid Java string (no lone surrogates), usually a few hundred characters long
     */
    public static String generate(long seed, long index) {
        return new MarkdownGenerator(seed, index, false, false).document();
    }

    /**
     * @param seed  the run's seed
     * @param index the document's index in the run, from 0
     * @return a document with GFM's constructs among CommonMark's (another stream than {@link #generate}'s)
     */
    public static String generateGfm(long seed, long index) {
        return new MarkdownGenerator(seed, ~index, true, false).document();
    }

    /**
     * @param seed  the run's seed
     * @param index the document's index in the run, from 0
     * @return a document with frontmatter and math among GFM's and CommonMark's constructs (another stream again)
     */
    public static String generateWithMath(long seed, long index) {
        return new MarkdownGenerator(seed ^ 0x5DEECE66DL, index, true, true).document();
    }

    /**
     * @param seed  the run's seed
     * @param index the document's index in the run, from 0
     * @return a document with directives (text, leaf and nested containers, with labels and every form of
     *         attribute, and near misses) among GFM's, math's and CommonMark's constructs (another stream again)
     */
    public static String generateWithDirectives(long seed, long index) {
        MarkdownGenerator g = new MarkdownGenerator(seed ^ 0x3C6EF372FE94F82AL, index, true, true);
        g.directives = true;
        return g.document();
    }

    /**
     * @param seed  the run's seed
     * @param index the document's index in the run, from 0
     * @return an MDX document with GFM, frontmatter and math: JSX elements in flow (holding blocks) and in text
     *         (holding inlines) with every kind of attribute, expressions, ESM, and now and then a near miss
     *         (an unclosed or mismatched tag, an unbalanced brace) that is a syntax error (another stream again)
     */
    public static String generateMdx(long seed, long index) {
        return new MarkdownGenerator(seed ^ 0x2545F4914F6CDD1DL, index, true, true, true).document();
    }

    /** HTML comments as Docusaurus pages hold them, flow and text, and near misses that MDX rejects. */
    private static final String[] COMMENTS = {"<!-- note -->", "<!--\nkept\nlines\n-->", "  <!-- indented -->",
        "<!-- a --> and text after", "<!---->", "<!-- a -- b -->", "<!-- *not* [a](b) -->", "<!-->", "<!--->"};
    private static final String[] COMMENT_MISSES = {"<!-- never closed", "<!- one dash ->", "<!-- a --"};

    /**
     * @param seed  the run's seed
     * @param index the document's index in the run, from 0
     * @return an MDX document of {@link #generateMdx}'s kind (another stream) with HTML comments on lines of their
     *         own and in text, for {@link dev.ocp.Extension#HTML_COMMENTS}; one document in eight also holds a comment
     *         that is not closed, a syntax error
     */
    public static String generateMdxWithComments(long seed, long index) {
        MarkdownGenerator g = new MarkdownGenerator(seed ^ 0x6A09E667F3BCC908L, index, true, true, true);
        String[] lines = g.document().split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (g.chance(15)) {
                out.append(g.pick(COMMENTS)).append('\n');
            }
            int space = line.indexOf(' ', line.length() / 2);
            if (space > 0 && g.chance(10)) {
                line = line.substring(0, space) + " " + g.pick(COMMENTS).replace("\n", " ") + line.substring(space);
            }
            out.append(line).append('\n');
        }
        if (g.chance(12)) {
            out.append(g.pick(COMMENT_MISSES)).append('\n');
        }
        return out.toString();
    }

    /**
     * @param seed  the run's seed
     * @param index the document's index in the run, from 0
     * @return a GFM document with GitHub alerts (and near misses: text after the marker, unknown types, escaped or
     *         nested markers, markers alone) at its top and heading ids ({@code {#id}}, and near misses) at the end
     *         of its headings (another stream again)
     */
    public static String generateWithAlerts(long seed, long index) {
        return new MarkdownGenerator(seed ^ 0x3C6EF372FE94F82BL, index, true, false, false, true).document();
    }

    /**
     * Shrinks {@code input} to a smaller one that still {@code fails}: first whole lines, then runs of characters
     * and single characters are dropped while the failure persists (a greedy delta debugging). The result is
     * 1-minimal for single characters: removing any one character makes the failure go away.
     *
     * @param input a failing input ({@code fails.test(input)} is true)
     * @param fails whether an input still shows the failure
     * @return the smallest failing input found
     */
    public static String shrink(String input, Predicate<String> fails) {
        String best = input;
        // Lines first (cheap, and keeps the structure readable), then characters in chunks of falling size.
        boolean progress = true;
        while (progress) {
            progress = false;
            List<String> lines = splitLines(best);
            for (int i = 0; i < lines.size() && lines.size() > 1; i++) {
                List<String> fewer = new ArrayList<>(lines);
                fewer.remove(i);
                String candidate = String.join("", fewer);
                if (fails.test(candidate)) {
                    best = candidate;
                    lines = fewer;
                    i--;
                    progress = true;
                }
            }
        }
        for (int chunk = Math.max(1, Integer.highestOneBit(Math.max(1, best.length() / 4))); chunk >= 1; chunk /= 2) {
            progress = true;
            while (progress) {
                progress = false;
                for (int i = 0; i + chunk <= best.length(); ) {
                    int to = i + chunk;
                    // Never split a surrogate pair: the candidate must stay valid UTF-16.
                    if (Character.isLowSurrogate(best.charAt(i)) || to < best.length()
                            && Character.isLowSurrogate(best.charAt(to))) {
                        i++;
                        continue;
                    }
                    String candidate = best.substring(0, i) + best.substring(to);
                    if (fails.test(candidate)) {
                        best = candidate;
                        progress = true;
                    } else {
                        i += chunk;
                    }
                }
            }
        }
        return best;
    }

    private static List<String> splitLines(String s) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == s.length() || s.charAt(i + 1) != '\n')) {
                lines.add(s.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < s.length()) {
            lines.add(s.substring(from));
        }
        return lines;
    }

    /**
     * Writes {@code s} for a failure message: printable ASCII as it is, line endings, tabs, NUL and everything
     * outside ASCII as Java escapes, so that the message can be pasted into a test.
     *
     * @param s any string
     * @return a Java string literal for it, quotes included
     */
    public static String javaLiteral(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                default:
                    if (c >= 0x20 && c < 0x7F) {
                        sb.append(c);
                    } else {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    }
            }
        }
        return sb.append('"').toString();
    }

    // ------------------------------------------------------------------------------------------------------
    // Random helpers
    // ------------------------------------------------------------------------------------------------------

    private int n(int bound) {
        return random.nextInt(bound);
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    // ------------------------------------------------------------------------------------------------------
    // Documents and blocks
    // ------------------------------------------------------------------------------------------------------

    /** Labels shared by definitions and references so that references often resolve, in several spellings. */
    private static final String[] LABELS = {
        "foo", "Foo", "FOO", "foo bar", "foo  bar", " foo\tbar ", "a", "b", "ref", "Ref", "x y", "1",
        "\u1E9E", "\u00DF", "SS", "ss", "\u0130", "i\u0307", "\u212A", "k", "K", "\u03A3", "\u03C3", "\u03C2",
        "\uFB01", "fi", "\u01C5", "\u01C6", "\uD801\uDC00", "\uD801\uDC28", "caf\u00E9", "cafe\u0301", "*em*",
        "`c`", "\\]", "a\\[b", "[", "", " ", "\u00A0", "&amp;", "&#x41;", "<a>", "foo\nbar",
    };

    private String document() {
        List<String> lines = new ArrayList<>();
        int blocks = 1 + n(8);
        for (int i = 0; i < blocks; i++) {
            block(lines, 0);
            if (chance(55)) {
                lines.add(blankLine());
            }
        }
        if (chance(15)) {
            // Leading blank or whitespace-only lines, and an odd first line.
            lines.add(0, pick("", "  ", "\t", "\u00A0"));
        }
        if (math && chance(40)) {
            lines.addAll(0, frontmatter());
        }
        String ending = pick("\n", "\n", "\n", "\n", "\n", "\n", "\r\n", "\r", "mixed");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // A "line" may itself hold line feeds (inline content that spans lines): they get the same ending.
            if (!"mixed".equals(ending) && !"\n".equals(ending)) {
                line = line.replace("\n", ending);
            }
            out.append(line);
            if (i + 1 < lines.size() || !chance(20)) {
                out.append("mixed".equals(ending) ? pick("\n", "\r\n", "\r") : ending);
            }
        }
        if (chance(8)) {
            out.append(pick("  ", "\t", " \\", "\\", "\u0000", "*", "`", "<", "&"));
        }
        return out.toString();
    }

    private String blankLine() {
        return chance(80) ? "" : pick(" ", "  ", "\t", "    ", " \t ");
    }

    /** Appends one block (with its nested blocks) as lines. */
    private void block(List<String> lines, int depth) {
        if (mdx && chance(25)) {
            mdxBlock(lines, depth);
            return;
        }
        if (math && chance(10)) {
            mathBlock(lines);
            return;
        }
        if (directives && chance(12)) {
            directiveBlock(lines, depth);
            return;
        }
        if (alerts && chance(depth == 0 ? 20 : 5)) {
            alert(lines, depth);
            return;
        }
        if (gfm && chance(20)) {
            gfmBlock(lines, depth);
            return;
        }
        int kind = n(depth >= 3 ? 12 : 15);
        switch (kind) {
            case 0:
            case 1:
            case 2:
                paragraph(lines);
                break;
            case 3:
                atxHeading(lines);
                break;
            case 4:
                setextHeading(lines);
                break;
            case 5:
                lines.add(thematicBreak());
                break;
            case 6:
                indentedCode(lines);
                break;
            case 7:
                fencedCode(lines);
                break;
            case 8:
                if (!mdx || chance(5)) {
                    htmlBlock(lines);
                } else {
                    paragraph(lines);
                }
                break;
            case 9:
            case 10:
                definition(lines);
                break;
            case 11:
                lines.add(blankLine());
                break;
            case 12:
                blockQuote(lines, depth);
                break;
            default:
                list(lines, depth);
        }
    }

    private String indent() {
        int r = n(10);
        return r < 6 ? "" : r < 8 ? " " : r < 9 ? "  " : "   ";
    }

    private void paragraph(List<String> lines) {
        int count = 1 + n(3);
        for (int i = 0; i < count; i++) {
            String lead = i == 0 ? indent() : pick("", "", "", " ", "   ", "    ", "\t", "      ");
            lines.add(lead + inline(1 + n(6)) + lineTail());
        }
    }

    /** Whitespace at the end of a line: none mostly; a hard break, trailing tabs or spaces sometimes. */
    private String lineTail() {
        int r = n(20);
        switch (r) {
            case 0:
                return "  ";
            case 1:
                return "\\";
            case 2:
                return "\t";
            case 3:
                return " ";
            case 4:
                return "   ";
            case 5:
                return " \t";
            default:
                return "";
        }
    }

    private void atxHeading(List<String> lines) {
        String hashes = "#".repeat(1 + n(7));
        StringBuilder sb = new StringBuilder(indent()).append(hashes);
        int r = n(10);
        if (r == 0) {
            lines.add(sb.toString()); // empty heading
            return;
        }
        sb.append(r == 1 ? "" : r == 2 ? "\t" : pick(" ", " ", "  ")); // no space: not a heading
        sb.append(inline(1 + n(3)));
        sb.append(headingId());
        switch (n(6)) {
            case 0:
                sb.append(' ').append("#".repeat(1 + n(4)));
                break;
            case 1:
                sb.append(pick(" #  ", "\t#\t", "#", " \\#", " #x", " # #"));
                break;
            default:
                break;
        }
        lines.add(sb.toString());
    }

    /** With alerts on, sometimes a heading id or a near miss, to end a heading's content. */
    private String headingId() {
        if (!alerts || !chance(40)) {
            return "";
        }
        return pick(" {#id}", " {#a-b_c}", "{#x}", " {# spaced id }", " \\{#escaped}", " {#}", " {# }", "\t{#t} ",
                " {#a}{#b}", " {#\u00E9t\u00E9}", " {#x}}", " {#{#x}", " {#a b} c", " {{#y}");
    }

    /** A GitHub alert's marker line, or a near miss, then a block quote's blocks (or nothing). */
    private void alert(List<String> lines, int depth) {
        String marker = pick("[!NOTE]", "[!TIP]", "[!IMPORTANT]", "[!WARNING]", "[!CAUTION]", "[!note]", "[!Tip]",
                "[!NOTE]  ", "[!WARNING]\t", "[!NOTE] text", "[!INFO]", "[! NOTE]", "\\[!NOTE]", "[NOTE]",
                "[!CAUTION]]");
        lines.add(pick("> ", "> ", ">", "   > ", ">\t") + marker);
        int r = n(10);
        if (r == 0) {
            return; // the marker alone
        }
        if (r == 1) {
            lines.add(pick(">", "> ", "")); // a blank line in the quote, or one that ends it
        }
        if (r == 2) {
            lines.add(inline(1 + n(3))); // a lazy line
        }
        blockQuote(lines, depth);
    }

    private void setextHeading(List<String> lines) {
        int count = 1 + n(2);
        for (int i = 0; i < count; i++) {
            lines.add(indent() + inline(1 + n(4)) + (i == count - 1 ? headingId() : "") + lineTail());
        }
        String underline = (chance(50) ? "=" : "-").repeat(1 + n(5));
        lines.add(pick("", "", "", " ", "   ", "    ") + underline + pick("", "", " ", "  ", "\t", " x", " -"));
    }

    private String thematicBreak() {
        String c = pick("*", "-", "_");
        String gap = pick("", "", " ", "  ", "\t");
        int count = 2 + n(4); // 2 is not enough: a near miss
        StringBuilder sb = new StringBuilder(indent());
        for (int i = 0; i < count; i++) {
            sb.append(c).append(i + 1 < count ? gap : "");
        }
        return sb.append(pick("", "", " ", "\t", " x")).toString();
    }

    private void indentedCode(List<String> lines) {
        int count = 1 + n(4);
        for (int i = 0; i < count; i++) {
            String lead = pick("    ", "    ", "\t", "     ", "  \t", "      ", " \t");
            lines.add(chance(15) ? blankLine() : lead + codeText());
        }
    }

    private String codeText() {
        return pick("code", "x = 1;", "<div>", "*not em*", "`tick`", "&amp;", "\tindented", "a  ", "  b",
                "\u0000", "# not heading", "- not list", "> not quote", "\u00E9\u0301", "\uD83D\uDE00", "\\");
    }

    private void fencedCode(List<String> lines) {
        char c = chance(70) ? '`' : '~';
        int length = 3 + (chance(30) ? n(3) : 0);
        String ind = indent();
        String fence = String.valueOf(c).repeat(length);
        String info = pick("", "", "java", " ruby  ", "a b c", "&amp;lt;", "\\*x", "f`g", "~~", "\u00E9\u0301 x",
                "{.class #id}", " \t", "js\tfoo");
        lines.add(ind + fence + info);
        int count = n(4);
        for (int i = 0; i < count; i++) {
            lines.add(chance(20) ? blankLine() : pick("", " ", "  ", "\t", "    ") + codeText());
        }
        int close = n(10);
        if (close < 6) {
            lines.add(pick("", "", " ", "   ") + fence + pick("", "", " ", "\t"));
        } else if (close == 6) {
            lines.add(fence + String.valueOf(c).repeat(1 + n(2))); // longer closes too
        } else if (close == 7) {
            lines.add(fence.substring(1)); // too short: stays open
        } else if (close == 8) {
            lines.add("    " + fence); // indented four: not a closer
        } // else unclosed to the end of its container
    }

    private static final String[] HTML1 = {"script", "pre", "style", "textarea", "SCRIPT", "Pre"};
    private static final String[] HTML6 = {"div", "table", "p", "ul", "li", "h1", "h6", "section", "DIV", "details",
        "summary", "tbody", "td", "address", "body", "html", "iframe", "nav", "search", "source", "title", "track"};
    private static final String[] HTML7 = {"a", "span", "b", "custom-tag", "x1", "img", "em", "meta"};

    private void htmlBlock(List<String> lines) {
        String ind = indent();
        int type = 1 + n(7);
        String body = pick("text", "*em*", "", "  ", "<b>x</b>", "&amp;", "- item");
        switch (type) {
            case 1: {
                String tag = pick(HTML1);
                lines.add(ind + "<" + tag + pick(">", " type=\"x\">", "", "\t", ">" + body));
                addHtmlBody(lines, body);
                if (chance(75)) {
                    lines.add(pick("", "x ") + "</" + pick(HTML1) + ">" + pick("", " after", "*"));
                }
                break;
            }
            case 2:
                lines.add(ind + pick("<!--", "<!-- c", "<!---->", "<!-->", "<!--->", "<!-- a -- b"));
                addHtmlBody(lines, body);
                if (chance(75)) {
                    lines.add(pick("-->", "x -->", "--->", "-- >", "--!>"));
                }
                break;
            case 3:
                lines.add(ind + pick("<?", "<?php", "<?xml x?>", "<? a"));
                addHtmlBody(lines, body);
                if (chance(75)) {
                    lines.add(pick("?>", "x?>", "? >"));
                }
                break;
            case 4:
                lines.add(ind + pick("<!DOCTYPE html", "<!X", "<!doctype", "<!a b>", "<!ELEMENT"));
                addHtmlBody(lines, body);
                if (chance(75)) {
                    lines.add(pick(">", "x>", "- >"));
                }
                break;
            case 5:
                lines.add(ind + pick("<![CDATA[", "<![CDATA[x", "<![CDATA[]]>", "<![cdata["));
                addHtmlBody(lines, body);
                if (chance(75)) {
                    lines.add(pick("]]>", "x]]>", "]] >"));
                }
                break;
            case 6:
                lines.add(ind + pick("<", "</") + pick(HTML6) + pick(">", "", " class=\"a\">", "/>", " ", "\t",
                        "x>", ">" + body));
                addHtmlBody(lines, body);
                break;
            default:
                lines.add(ind + htmlTag(pick(HTML7)) + pick("", "", "  ", "\t", " x"));
                addHtmlBody(lines, body);
        }
    }

    private void addHtmlBody(List<String> lines, String body) {
        int count = n(3);
        for (int i = 0; i < count; i++) {
            lines.add(chance(25) ? blankLine() : pick("", "  ") + body);
        }
    }

    /** An open or closing tag, well formed or a near miss. */
    private String htmlTag(String name) {
        switch (n(9)) {
            case 0:
                return "</" + name + ">";
            case 1:
                return "</" + name + " >";
            case 2:
                return "<" + name + " " + attributes() + ">";
            case 3:
                return "<" + name + " " + attributes() + "/>";
            case 4:
                return "<" + name + pick("x=1>", " =x>", " a=\"b\"c>", " a='b>", " a=b\"c>", "\n>", " \n a>");
            case 5:
                return "</" + name + " x>";
            default:
                return "<" + name + ">";
        }
    }

    private String attributes() {
        int count = 1 + n(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(pick(" ", "  ", "\t", "\n"));
            }
            sb.append(pick("a", "href", "data-x", "_u", ":v", "x.y", "B"));
            switch (n(5)) {
                case 0:
                    break;
                case 1:
                    sb.append("=").append(pick("x", "1", "a&amp;b", "\u00E9"));
                    break;
                case 2:
                    sb.append("='").append(pick("", "x y", "\"", ">")).append("'");
                    break;
                default:
                    sb.append(pick("=", " = ", "= ")).append('"').append(pick("", "x", "a'b", "<", "&#39;")).append('"');
            }
        }
        return sb.toString();
    }

    private void definition(List<String> lines) {
        String label = pick(LABELS);
        String ind = indent();
        String dest = destination();
        String title = chance(50) ? title() : "";
        int shape = n(6);
        if (shape == 0) {
            lines.add(ind + "[" + label + "]:");
            lines.add(pick("", " ", "\t") + dest + (title.isEmpty() ? "" : " " + title));
        } else if (shape == 1 && !title.isEmpty()) {
            lines.add(ind + "[" + label + "]: " + dest);
            lines.add(pick("", "  ", "\t") + title + pick("", "", " ", " x"));
        } else {
            lines.add(ind + "[" + label + "]" + pick(":", ":", ": ", ":\t", " :") + pick(" ", " ", "", "  ")
                    + dest + (title.isEmpty() ? "" : pick(" ", "\t", "") + title) + pick("", "", " ", "  x"));
        }
        if (chance(20)) {
            // A duplicate (first one wins) in another case or spelling.
            lines.add("[" + pick(LABELS) + "]: " + destination());
        }
    }

    private String destination() {
        switch (n(12)) {
            case 0:
                return "<" + pick("", "a b", "x>y", "a\\>", "<", "/u\nv", "a(b") + ">";
            case 1:
                return pick("/url(a)", "/u(a(b)c)", "(", "a)", "/u\\(", "((a))");
            case 2:
                return pick("http://example.com/\u00E4?q=1&r=2#f", "/a%20b", "/a%zz", "/\u00E9\uD83D\uDE00",
                        "/a`b", "/a>b", "/a\"b", "/a'b", "/a|b", "/a{b}", "/a^b", "/a[b]", "/\\`", "/a~b");
            case 3:
                return pick("&amp;", "&#x2F;", "&copy;", "&bogus;", "a&b", "&#0;", "\\&amp;");
            case 4:
                return pick("javascript:alert(1)", "mailto:a@b.c", "MAILTO:x", "foo:bar");
            case 5:
                return "\u0000x";
            default:
                return pick("/url", "/u", "http://a.b", "u", "#frag", "?q", "./p.md", "https://x.y/z");
        }
    }

    private String title() {
        String body = pick("title", "a \"b\" c", "it's", "with\nnewline", "a\\\"b", "&amp; &quot;", "(p)", "",
                "\u00E9", "a\n\nb", "*t*", "  ");
        switch (n(4)) {
            case 0:
                return "'" + body.replace("'", "\\'") + "'";
            case 1:
                return "(" + body.replace("(", "\\(").replace(")", "\\)") + ")";
            case 2:
                return pick("\"unterminated", "'x\"", "(a(b)", "\"a\"b");
            default:
                return "\"" + body.replace("\"", "\\\"") + "\"";
        }
    }

    private void blockQuote(List<String> lines, int depth) {
        List<String> inner = new ArrayList<>();
        int count = 1 + n(3);
        for (int i = 0; i < count; i++) {
            block(inner, depth + 1);
        }
        String prefix = pick("> ", "> ", ">", " > ", "   > ", ">\t", "> \t");
        for (int i = 0; i < inner.size(); i++) {
            String line = inner.get(i);
            if (i > 0 && chance(12) && !line.isEmpty()) {
                lines.add(line); // a lazy continuation line (or the end of the quote)
            } else {
                lines.add(chance(10) ? pick(">", "> ", " >") + line : prefix + line);
            }
        }
    }

    private void list(List<String> lines, int depth) {
        boolean ordered = chance(40);
        String bullet = pick("-", "*", "+");
        char delimiter = chance(70) ? '.' : ')';
        int start = chance(60) ? 1 : pick(0, 2, 9, 10, 99, 123456789, 1234567890, -1);
        int items = 1 + n(4);
        boolean loose = chance(30);
        String ind = indent();
        for (int item = 0; item < items; item++) {
            String marker;
            if (ordered) {
                int number = start + (chance(80) ? item : 0);
                String digits = number < 0 ? "-1" : (chance(10) ? "0" : "") + number;
                marker = digits + (chance(90) ? delimiter : pick(".", ")"));
            } else {
                marker = chance(90) ? bullet : pick("-", "*", "+");
            }
            String space = pick(" ", " ", " ", "  ", "   ", "    ", "     ", "\t", "");
            List<String> inner = new ArrayList<>();
            int children = chance(70) ? 1 : 1 + n(3);
            for (int c = 0; c < children; c++) {
                block(inner, depth + 1);
                if (loose && c + 1 < children) {
                    inner.add("");
                }
            }
            if (chance(8)) {
                inner.add(0, ""); // an item that starts with a blank line
            }
            if (gfm && chance(30) && !inner.isEmpty()) {
                inner.set(0, pick("[ ] ", "[x] ", "[X] ", "[ ]\t", "[x]", "[y] ", "[  ] ", "[ ] [x] ") + inner.get(0));
            }
            String continuation = " ".repeat(ind.length() + marker.length() + Math.max(1, space.length()));
            for (int i = 0; i < inner.size(); i++) {
                String line = inner.get(i);
                if (i == 0) {
                    lines.add(ind + marker + (line.isEmpty() ? pick("", " ") : space + line));
                } else if (line.isEmpty()) {
                    lines.add(line);
                } else if (chance(10)) {
                    lines.add(line); // lazy, or under-indented
                } else {
                    lines.add(chance(10) ? pick("\t", " ", "  ", continuation + " ") + line : continuation + line);
                }
            }
            if (loose || chance(10)) {
                lines.add(blankLine());
            }
        }
    }

    private int pick(int... options) {
        return options[random.nextInt(options.length)];
    }

    // ------------------------------------------------------------------------------------------------------
    // Inline content
    // ------------------------------------------------------------------------------------------------------

    private static final String[] WORDS = {
        "foo", "bar", "baz", "a", "b", "x", "Hello", "world", "1", "2.", "3)", "hi-there", "snake_case", "a*b", "a_b",
    };
    /** Characters whose class (letter, punctuation, symbol, whitespace) decides flanking and folding. */
    private static final String[] UNICODE = {
        "\u00E9", "e\u0301", "\u0301", "\u65E5\u672C", "\u00A0", "\u2000", "\u3000", "\u00A1", "\u00AB", "\u00BB",
        "\u2014", "\u3002", "\u00A3", "\u20AC", "\u00A7", "\u2018", "\u201C", "\uD83D\uDE00", "\uD835\uDD38",
        "\uD801\uDC00", "\uD801\uDC28", "\u1E9E", "\u00DF", "\u0130", "\u0131", "\u212A", "\u03A3", "\u03C2",
        "\uFB01", "\u01C5", "\u0660", "\u05D0", "\u200B", "\uFEFF", "\u2028", "\u0085", "\u00AD", "\uFFFD",
        "\uD83D\uDC4D\uD83C\uDFFD", "\u0009",
    };
    private static final String[] PUNCT = {
        ".", ",", "!", "?", ";", ":", "\"", "'", "(", ")", "-", "/", "^", "~", "|", "$", "%", "@", "#", "=", "+",
        "{", "}", "[", "]", "<", ">", "&", "\\", "*", "_", "`",
    };
    private static final String[] ENTITIES = {
        "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&copy;", "&AElig;", "&Dcaron;", "&frac34;", "&HilbertSpace;",
        "&DifferentialD;", "&ClockwiseContourIntegral;", "&ngE;", "&amp", "&bogus;", "&Amp;", "&#35;", "&#1234;",
        "&#992;", "&#0;", "&#65533;", "&#1114111;", "&#1114112;", "&#xD800;", "&#98765432;", "&#12345678;", "&#X22;",
        "&#xcab;", "&#x1F600;", "&#x;", "&#;", "&#87654321;", "&x;", "&;", "& amp;", "&#x0000041;", "&MadeUpEntity;",
        "&nbsp", "&lt", "&#x110000;", "&#xFFFFFF;", "&#9;", "&#10;", "&#13;", "&#xFFFE;", "&#x80;", "&#150;",
    };

    /** Inline content: {@code pieces} pieces with spaces between most of them, sometimes over several lines. */
    private String inline(int pieces) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            if (i > 0) {
                int r = n(20);
                sb.append(r < 12 ? " " : r < 15 ? "" : r < 16 ? "  " : r < 17 ? "\t" : r < 18 ? "\n" : r < 19
                        ? pick("  \n", "\\\n", " \t\n", "\t\n") : pick("\u00A0", "\u3000"));
            }
            piece(sb, 0);
        }
        return sb.toString();
    }

    private void piece(StringBuilder sb, int depth) {
        if (mdx && chance(15)) {
            mdxPiece(sb, depth);
            return;
        }
        if (math && chance(8)) {
            inlineMath(sb, depth);
            return;
        }
        if (directives && chance(8)) {
            textDirective(sb, depth);
            return;
        }
        if (gfm && chance(20)) {
            gfmPiece(sb, depth);
            return;
        }
        int r = n(depth > 2 ? 10 : 26);
        switch (r) {
            case 0:
            case 1:
            case 2:
            case 3:
                sb.append(pick(WORDS));
                break;
            case 4:
                sb.append(pick(UNICODE));
                break;
            case 5:
                sb.append(pick(PUNCT));
                break;
            case 6:
                sb.append(pick(ENTITIES));
                break;
            case 7:
                sb.append('\\').append(pick("*", "_", "`", "[", "]", "<", "&", "\\", "!", "#", "a", " ", "\u00E9",
                        "~", "{", "(", ">", "|", "\u0000"));
                break;
            case 8:
                codeSpan(sb);
                break;
            case 9:
                sb.append(pick("\u0000", "a\u0000b", "\t", "\r", "  ", "\u000B", "\u000C"));
                break;
            case 10:
            case 11:
            case 12:
            case 13:
                emphasis(sb, depth);
                break;
            case 14:
            case 15:
            case 16:
                link(sb, depth);
                break;
            case 17:
            case 18:
                reference(sb, depth);
                break;
            case 19:
                if (!mdx || chance(5)) {
                    autolink(sb);
                }
                break;
            case 20:
                if (!mdx || chance(5)) {
                    rawHtml(sb);
                }
                break;
            case 21:
                sb.append(pick("[", "]", "![", "](", ")", "[]", "[ ]", "![]()", "[]()", "[x]: /y", "<", ">", "!"));
                break;
            case 22:
                // A delimiter run between characters of some class: flanking depends on both neighbours.
                sb.append(flankChar()).append((chance(50) ? "*" : "_").repeat(1 + n(4))).append(flankChar());
                break;
            default:
                sb.append(pick(WORDS)).append(pick(PUNCT)).append(pick(WORDS));
        }
    }

    private String flankChar() {
        return pick("a", " ", "", ".", "\u00E9", "\u00A0", "\u3002", "\u00A3", "(", ")", "*", "_", "\uD83D\uDE00",
                "1", "\n", "\u2000", "\u0301", "\"");
    }

    private void emphasis(StringBuilder sb, int depth) {
        String c = chance(55) ? "*" : "_";
        int open = 1 + n(3);
        int close = chance(75) ? open : 1 + n(4);
        sb.append(pick("", "", "", "a", ".", "\u00E9", "\u00A1", "(", "\u00A0"));
        sb.append(c.repeat(open));
        if (chance(15)) {
            sb.append(pick(" ", "\u00A0", ".", "\n"));
        }
        int inner = 1 + n(3);
        for (int i = 0; i < inner; i++) {
            if (i > 0) {
                sb.append(chance(70) ? " " : "");
            }
            piece(sb, depth + 1);
        }
        if (chance(15)) {
            sb.append(pick(" ", ".", "\u3002", "\n"));
        }
        sb.append((chance(85) ? c : (c.equals("*") ? "_" : "*")).repeat(close));
        sb.append(pick("", "", "", "a", ".", "\u00E9", "\u3002", ")", "\u00A0", "\uD83D\uDE00"));
    }

    private void codeSpan(StringBuilder sb) {
        int ticks = 1 + (chance(25) ? n(3) : 0);
        String fence = "`".repeat(ticks);
        String body = pick("code", " x ", "  ", " ", "", "a`b", " `` ", "``", "a\nb", "\u0000", "*x*", "<a>",
                "&amp;", "\\", " a", "b ", "\t", "\u00A0x\u00A0", "`");
        int close = n(10);
        sb.append(fence).append(body).append(close < 8 ? fence : close == 8 ? "`".repeat(ticks + 1) : "");
    }

    private void link(StringBuilder sb, int depth) {
        boolean image = chance(30);
        sb.append(image ? "![" : "[");
        int inner = n(3);
        for (int i = 0; i < inner; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            piece(sb, depth + 1);
        }
        sb.append("](");
        sb.append(pick("", "", " ", "\n", "  \t"));
        if (chance(85)) {
            sb.append(destination());
        }
        if (chance(40)) {
            sb.append(pick(" ", "\n", "\t", "")).append(title());
        }
        sb.append(pick("", "", " ", "\n"));
        if (chance(92)) {
            sb.append(')');
        }
    }

    private void reference(StringBuilder sb, int depth) {
        boolean image = chance(20);
        String label = pick(LABELS);
        sb.append(image ? "![" : "[");
        switch (n(4)) {
            case 0: // full
                if (chance(50)) {
                    piece(sb, depth + 1);
                } else {
                    sb.append(pick(WORDS));
                }
                sb.append("][").append(label).append(']');
                break;
            case 1: // collapsed
                sb.append(label).append("][").append(pick("]", "]", " ]", "\n]"));
                break;
            default: // shortcut
                sb.append(label).append(']');
                if (chance(15)) {
                    sb.append(pick("[]", "[ ]", "(", "[x]", ":"));
                }
        }
    }

    private void autolink(StringBuilder sb) {
        sb.append(pick("<http://a.b/c>", "<https://x.y/a?b=c&d=e>", "<HTTP://A.B>", "<mailto:a@b.c>", "<a@b.c>",
                "<foo.bar+baz@x-y.example.com>", "<a+b:c>", "<ab:>", "<a:b c>", "<a:b<c>", "<http://a/\u00E9>",
                "<http://a/\\>", "<x@-y.z>", "<x@y>", "<made-up:thing>", "<http://a/`b>", "<http://a/%20>",
                "<m:\u0000>", "<irc://foo.bar:2233/baz>", "<localhost:5001/foo>", "<a@b.c.>", "<1a:b>"));
    }

    private void rawHtml(StringBuilder sb) {
        switch (n(8)) {
            case 0:
                sb.append(pick("<!-- c -->", "<!---->", "<!-->", "<!--->", "<!-- a -- b -->", "<!-- \n -->",
                        "<!--x"));
                break;
            case 1:
                sb.append(pick("<?php x ?>", "<??>", "<?x", "<![CDATA[ a ]]>", "<![CDATA[", "<!X y>", "<!x>",
                        "<!>", "<!DOCTYPE a>"));
                break;
            default:
                sb.append(htmlTag(pick(HTML7)));
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // MDX
    // ------------------------------------------------------------------------------------------------------

    private static final String[] JSX_NAMES = {"Note", "a", "ui.Card", "svg:rect", "x-y", "Chart", "b"};

    /** A JSX tag's attributes: plain, expression, boolean and spread, across lines now and then. */
    private String jsxAttributes() {
        StringBuilder sb = new StringBuilder();
        int n = n(4);
        for (int i = 0; i < n; i++) {
            sb.append(pick(" ", " ", "  ", "\n  ", "\t"));
            switch (n(5)) {
                case 0:
                    sb.append(pick("title", "a-b", "x:y")).append('=').append(pick("\"Hi &amp; bye\"", "'x'", "\"\"",
                            "\"a\nb\"", "'\u00E9'"));
                    break;
                case 1:
                    sb.append(pick("data", "on")).append("={").append(pick("[1, 2]", "{a: {b: 1}}", "x => x", "''"))
                            .append('}');
                    break;
                case 2:
                    sb.append(pick("hidden", "open", "$x", "_y"));
                    break;
                case 3:
                    sb.append("{...").append(pick("props", "{a}", "b")).append('}');
                    break;
                default:
                    sb.append(pick("title=\"x\"", "{...p}", "c"));
            }
        }
        return sb.toString();
    }

    private String jsxName() {
        return chance(10) ? "" : pick(JSX_NAMES);
    }

    /** A flow element with blocks inside, a self-closing one, an expression, ESM, or a near miss. */
    private void mdxBlock(List<String> lines, int depth) {
        String indent = pick("", "", "", "  ", "    ");
        switch (n(6)) {
            case 0:
            case 1: {
                String name = jsxName();
                lines.add(indent + "<" + name + (name.isEmpty() ? "" : jsxAttributes()) + ">" + pick("", "", " ", " {x}"));
                int children = depth < 3 ? n(3) : 0;
                for (int i = 0; i < children; i++) {
                    block(lines, depth + 1);
                    if (chance(40)) {
                        lines.add("");
                    }
                }
                lines.add(pick("", "", "  ") + (chance(97) ? "</" + name + ">" : "</" + pick("Other", "") + ">"));
                break;
            }
            case 2:
                lines.add(indent + "<" + pick(JSX_NAMES) + jsxAttributes() + pick(" />", "/>", " / >"));
                break;
            case 3:
                lines.add(indent + "{" + pick("a", "1 + 1", "/* note */", "{b}", "\n  x\n", "") + "}"
                        + pick("", "", " ", " <b />"));
                break;
            case 4:
                if (depth == 0) {
                    lines.add("");
                    lines.add(pick("import {A} from './a.js'", "export const meta = {a: 1}", "import x from 'y'\n"
                            + "export default x", "importance is not ESM", "export() is text"));
                    lines.add("");
                } else {
                    lines.add(indent + "{x}");
                }
                break;
            default:
                lines.add(indent + pick("<a b", "{", "<a></b>", "</a>", "<a {b", "a < b", "<", "<a b=>", "<1/>",
                        "text <b>bold</b> text", "<a>b</a> c"));
        }
    }

    /** A text element with inlines inside, a self-closing one, an expression, or a near miss. */
    private void mdxPiece(StringBuilder sb, int depth) {
        switch (n(5)) {
            case 0:
            case 1: {
                String name = jsxName();
                sb.append('<').append(name).append(name.isEmpty() ? "" : jsxAttributes()).append('>');
                if (depth < 3) {
                    piece(sb, depth + 1);
                }
                sb.append(chance(97) ? "</" + name + ">" : "</x>");
                break;
            }
            case 2:
                sb.append('<').append(pick(JSX_NAMES)).append(jsxAttributes()).append(" />");
                break;
            case 3:
                sb.append('{').append(pick("a", "a + {b}", "", "'}'", "\n")).append('}');
                break;
            default:
                sb.append(pick(" < ", "a <= b", "{", "}", "<", "</>", "<>x</>", "\\<a>", "\\{"));
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Frontmatter and math
    // ------------------------------------------------------------------------------------------------------

    /** Frontmatter lines for the document's start: mostly well formed, else a near miss of a fence. */
    private List<String> frontmatter() {
        String marker = pick("-", "-", "+");
        String open = chance(85) ? marker.repeat(3) + pick("", "", " ", "\t ") : pick("--", "----", "--- a", " ---", "+-+");
        List<String> lines = new ArrayList<>();
        lines.add(open);
        int body = n(4);
        for (int i = 0; i < body; i++) {
            lines.add(pick("title: A", "x = \"y\"", "", "  - item", "# not a heading", "a: *b*", "---x",
                    "tags: [a, b]", "\u00E9t\u00E9: \u2603", " \t"));
        }
        if (chance(85)) {
            lines.add(chance(85) ? marker.repeat(3) + pick("", "", " ", "\t") : pick("--", "----", "--- b", " ---",
                    "+++", "---"));
        }
        return lines;
    }

    private void mathBlock(List<String> lines) {
        String fence = "$".repeat(chance(80) ? 2 : pick(1, 3, 4));
        String indent = pick("", "", "", " ", "   ", "    ", "> ", "- ");
        lines.add(indent + fence + pick("", "", "", " ", "tex", " x y", "$", " a $", "\t"));
        int body = n(4);
        for (int i = 0; i < body; i++) {
            lines.add(pick("", "", "  ", "> ") + pick("a^2 + b^2", "\\frac{1}{2}", "", "$", "$$", "x < y & z",
                    "\\$", " \t "));
        }
        if (chance(80)) {
            lines.add(pick("", "", " ", "    ", "> ") + (chance(80) ? fence : "$".repeat(1 + n(4)))
                    + pick("", "", " ", " x", "$"));
        }
    }

    private static final String[] DIRECTIVE_NAMES = {"note", "tip", "warning", "abbr", "youtube", "x-y", "a_b", "é",
            "2col", "details"};

    /** Attributes in braces: ids, classes, names alone, values bare or quoted, now and then one that fails. */
    private String directiveAttributes(boolean block) {
        StringBuilder sb = new StringBuilder("{");
        int count = n(4);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(pick(" ", "  ", "\t", block ? " " : "\n"));
            }
            switch (n(7)) {
                case 0 -> sb.append('#').append(pick("id", "a-b", "x&amp;y"));
                case 1 -> sb.append('.').append(pick("red", "big", "c1"));
                case 2 -> sb.append(pick("open", "hidden", "data-x"));
                case 3 -> sb.append(pick("title", "class", "src")).append('=').append(pick("v", "x.png", "1"));
                case 4 -> sb.append(pick("title", "id", "lang")).append("=\"").append(pick("a b", "", "&lt;x&gt;", "it's"))
                        .append('"');
                case 5 -> sb.append(pick("title", "class")).append("='").append(pick("a \"b\"", "c", "")).append('\'');
                default -> sb.append(pick("a=<b>", "=x", "#", ".", "a=\"b")); // near misses: no attributes
            }
        }
        return sb.append('}').toString();
    }

    /** A leaf or container directive; a container holds blocks, and a fence longer than those inside it. */
    private void directiveBlock(List<String> lines, int depth) {
        String name = pick(DIRECTIVE_NAMES);
        String label = chance(50) ? "[" + inline(1 + n(3)).replace('\n', ' ') + "]" : chance(20) ? "[]" : "";
        String attributes = chance(40) ? directiveAttributes(true) : "";
        if (depth >= 3 || chance(35)) {
            lines.add("::" + name + label + attributes + pick("", "", " ", "\t"));
            return;
        }
        String fence = ":".repeat(3 + (3 - depth) + (chance(20) ? 1 : 0));
        lines.add(pick("", "", " ") + fence + name + label + attributes);
        int blocks = n(3);
        for (int i = 0; i < blocks; i++) {
            if (i > 0) {
                lines.add("");
            }
            block(lines, depth + 1);
        }
        if (!chance(10)) { // now and then left open, to its parent's end
            lines.add(chance(15) ? fence + ":" : fence);
        }
    }

    private void textDirective(StringBuilder sb, int depth) {
        sb.append(pick(":", ":", "\\:", "::")).append(pick(DIRECTIVE_NAMES));
        if (chance(60)) {
            sb.append('[');
            if (depth < 2) {
                piece(sb, depth + 1);
            }
            sb.append(']');
        }
        if (chance(40)) {
            sb.append(directiveAttributes(false));
        }
    }

    private void inlineMath(StringBuilder sb, int depth) {
        String open = "$".repeat(chance(70) ? 1 : 2 + n(2));
        String close = chance(80) ? open : "$".repeat(1 + n(3));
        sb.append(pick("", "", "a", " ", "\\", "(", "*")).append(open).append(pick("", "", " ", "\n", "  "));
        if (chance(50)) {
            sb.append(pick("x", "a + b", "\\alpha", "x_1", "`", "*a*", "[a](b)", "<b>", "a $ b", "\u00E9", "\t"));
        } else {
            piece(sb, depth + 1);
        }
        sb.append(pick("", "", " ", "\n", "\\")).append(close).append(pick("", "", "a", ".", "$", "`"));
    }

    // ------------------------------------------------------------------------------------------------------
    // GFM
    // ------------------------------------------------------------------------------------------------------

    private static final String[] FOOTNOTE_LABELS = {"1", "2", "note", "Note", "a b", "x", "\u00DF", "long-label"};

    private void gfmBlock(List<String> lines, int depth) {
        if (chance(60)) {
            table(lines);
        } else {
            footnoteDefinition(lines, depth);
        }
    }

    private void table(List<String> lines) {
        int columns = 1 + n(4);
        if (chance(30)) {
            paragraph(lines); // the header then interrupts it, or joins it when it does not fit
        }
        boolean outer = chance(60);
        lines.add(indent() + row(columns + (chance(10) ? pick(-1, 1) : 0), outer));
        StringBuilder delimiter = new StringBuilder(outer || chance(30) ? "|" : "");
        for (int c = 0; c < columns; c++) {
            if (c > 0) {
                delimiter.append('|');
            }
            delimiter.append(pick("", " ", "  ")).append(pick("-", "--", "---", ":-", "-:", ":-:", ":---:", ":", "- -",
                    "-\t")).append(pick("", " ", "\t"));
        }
        if (outer && chance(80)) {
            delimiter.append('|');
        }
        lines.add(pick("", "", "", " ", "   ", "    ") + delimiter);
        int rows = n(4);
        for (int r = 0; r < rows; r++) {
            lines.add(pick("", "", "", " ", "> ", "- ", "    ") + row(Math.max(0, columns + pick(0, 0, 0, -1, 1, 2)),
                    chance(60)));
        }
    }

    private String row(int cells, boolean outer) {
        StringBuilder sb = new StringBuilder(outer ? "|" : "");
        for (int c = 0; c < cells; c++) {
            if (c > 0) {
                sb.append('|');
            }
            sb.append(pick("", " ", "  "));
            switch (n(6)) {
                case 0:
                    break; // an empty cell
                case 1:
                    sb.append(pick("a \\| b", "`x | y`", "`a \\| b`", "\\\\|", "[a|b](c)", "**a|b**"));
                    break;
                default:
                    sb.append(inline(1 + n(2)).replace('\n', ' ').replace("\r", ""));
            }
            sb.append(pick("", " ", "\t"));
        }
        if (outer && chance(70)) {
            sb.append('|');
        }
        return sb.toString();
    }

    private void footnoteDefinition(List<String> lines, int depth) {
        String label = chance(90) ? pick(FOOTNOTE_LABELS) : pick("", " ", "^", "a]b", "x y");
        List<String> inner = new ArrayList<>();
        if (depth < 3) {
            int children = 1 + n(2);
            for (int c = 0; c < children; c++) {
                block(inner, depth + 1);
                if (c + 1 < children && chance(50)) {
                    inner.add("");
                }
            }
        } else {
            inner.add(inline(1 + n(3)));
        }
        String start = indent() + "[^" + label + "]:" + pick(" ", " ", "", "\t", "   ");
        for (int i = 0; i < inner.size(); i++) {
            String line = inner.get(i);
            if (i == 0) {
                lines.add(start + line);
            } else if (line.isEmpty() || chance(10)) {
                lines.add(line); // blank, or lazy
            } else {
                lines.add(pick("    ", "    ", "    ", "\t", "  ", "     ") + line);
            }
        }
    }

    private void gfmPiece(StringBuilder sb, int depth) {
        switch (n(3)) {
            case 0: {
                String open = "~".repeat(chance(80) ? 1 + n(2) : 3);
                String close = chance(80) ? open : "~".repeat(1 + n(3));
                sb.append(pick("", "", "a", " ", "(", ".")).append(open).append(pick("", "", " ", "\u00A0"));
                piece(sb, depth + 1);
                if (chance(40)) {
                    sb.append(' ');
                    piece(sb, depth + 1);
                }
                sb.append(pick("", "", "", " ")).append(close).append(pick("", "", "a", ".", "~"));
                break;
            }
            case 1:
                sb.append(pick("", "", " ", "(", "*", "_", "~", "a", "<")).append(pick("www.example.com",
                        "www.a.b/c?d=e.", "http://x.org/(a)b)", "https://a.b/c_(d)", "ftp://f.g/h", "www.a_b.c_d",
                        "www.a_b.c.d", "http://a.b", "https://a.b/c&amp;", "www.a.b/c&x;", "Https://A.B/?x!",
                        "www.a.b/\"c\"", "http://\u00E9.org", "www.commonmark.org/a.b.", "http://a", "www.",
                        "a@b.co", "a.b-c_d@e.fg", "a@b.c_", "a@b.c-", "a@b.c.", "mailto:a@b.c", "MAILTO:a@b.c",
                        "xmpp:a@b.c/d", "xmpp:a@b.c/d/e", "x+y@z.org", "@a.b", "a@b", "/a@b.c", "\\a@b.c",
                        "a\\@b.c", "http://a.b/<c", "www.a.b:8080/x", "http://a.b?c=d,e", "https://a.b/c*",
                        "www.a.b/c'", "ftp://a.b/c~"))
                        .append(pick("", "", " ", ".", ")", "!", "_", "\n"));
                break;
            default:
                if (chance(85)) {
                    sb.append("[^").append(pick(FOOTNOTE_LABELS)).append(']');
                } else {
                    sb.append(pick("[^]", "[^ x]", "[^x y", "[^1][2]", "![^1]", "[^1](u)", "[^*a*]", "[^\\]]",
                            "[^1]:"));
                }
        }
    }
}
