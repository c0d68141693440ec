package dev.ocp.engine.java;

import static dev.ocp.engine.java.SourceLines.isBlank;
import static dev.ocp.engine.java.SourceLines.lineAfter;
import static dev.ocp.engine.java.SourceLines.lineEndingAt;
import static dev.ocp.engine.java.SourceLines.lineEnd;
import static dev.ocp.engine.java.SourceLines.lineStart;
import static dev.ocp.engine.java.SourceLines.withInserts;
import static dev.ocp.engine.java.SourceLines.without;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The differences between the {@code java} engine's GFM HTML and commonmark-java 0.24.0's with its GFM extensions
 * that differential testing accepts, beyond the CommonMark ones of {@link AcceptedDifference}; each is listed with
 * its reason in {@code docs/conformance.md}. As there, an entry is an <em>oracle fix</em> (here on
 * commonmark-java's HTML: a rendering convention that differs, the document is still compared everywhere) or an
 * <em>input rewrite</em> (the construct read differently is taken out of the input, and the rest must agree),
 * and carries a minimal example with both outputs, pinned by a test.
 */
enum GfmDifference {
    /**
     * The task checkbox's attributes: the GFM spec (and cmark-gfm) write {@code disabled="" type="checkbox"},
     * commonmark-java {@code type="checkbox" disabled=""}.
     */
    CHECKBOX_ATTRIBUTE_ORDER("GFM 5.3 Task list items", "- [x] a",
            "<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> a</li>\n</ul>\n",
            "<ul>\n<li><input type=\"checkbox\" disabled=\"\" checked=\"\"> a</li>\n</ul>\n") {
        @Override
        String fixOracle(String html) {
            return html.replace("<input type=\"checkbox\" disabled=\"\" checked=\"\">",
                    "<input checked=\"\" disabled=\"\" type=\"checkbox\">")
                    .replace("<input type=\"checkbox\" disabled=\"\">", "<input disabled=\"\" type=\"checkbox\">");
        }
    },

    /**
     * A loose task item: the format spec (section 12) puts the checkbox at the start of the item's first paragraph;
     * commonmark-java writes it before the paragraph.
     */
    LOOSE_TASK_ITEM("GFM 5.3 Task list items (only tight ones are shown)", "- [ ] a\n\n  b",
            "<ul>\n<li>\n<p><input disabled=\"\" type=\"checkbox\"> a</p>\n<p>b</p>\n</li>\n</ul>\n",
            "<ul>\n<li><input type=\"checkbox\" disabled=\"\"> \n<p>a</p>\n<p>b</p>\n</li>\n</ul>\n") {
        @Override
        String fixOracle(String html) {
            return LOOSE_CHECKBOX.matcher(html).replaceAll("<li>\n<p>$1 ");
        }
    },

    /** commonmark-java has no tagfilter (GFM 6.11): it writes the nine disallowed tags' {@code <} as it is. */
    NO_TAGFILTER("GFM 6.11 Disallowed raw HTML", "<title>",
            "&lt;title>\n", "<title>\n") {
        @Override
        String fixOracle(String html) {
            return DISALLOWED.matcher(html).replaceAll("&lt;$1");
        }
    },

    /**
     * Footnote ids: the format spec (section 12) numbers them ({@code fn-1}, {@code fnref-1}) in the order of
     * first reference; commonmark-java puts the label in them ({@code fn-note}). Its ids are renumbered the same
     * way, so that which reference points where is still compared.
     */
    FOOTNOTE_IDS("OCP format 12 (footnote HTML)", "a[^n]\n\n[^n]: b",
            "<p>a<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup></p>\n"
                    + "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-1\">\n<p>b <a href=\"#fnref-1\""
                    + " class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"1\" aria-label=\""
                    + "Back to reference 1\">\u21a9</a></p>\n</li>\n</ol>\n</section>\n",
            "<p>a<sup class=\"footnote-ref\"><a href=\"#fn-n\" id=\"fnref-n\" data-footnote-ref>1</a></sup></p>\n"
                    + "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-n\">\n<p>b <a href=\"#fnref-n\""
                    + " class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"1\" aria-label=\""
                    + "Back to reference 1\">\u21a9</a></p>\n</li>\n</ol>\n</section>\n") {
        @Override
        String fixOracle(String html) {
            Map<String, String> numbers = new LinkedHashMap<>();
            Matcher m = FOOTNOTE_CALL.matcher(html);
            while (m.find()) {
                numbers.putIfAbsent(m.group(1), m.group(2));
            }
            StringBuilder sb = new StringBuilder();
            Matcher ids = FOOTNOTE_ID.matcher(html);
            while (ids.find()) {
                String number = numbers.get(ids.group(3));
                ids.appendReplacement(sb, Matcher.quoteReplacement(number == null ? ids.group()
                        : ids.group(1) + ids.group(2) + number + (ids.group(4) == null ? "" : ids.group(4)) + "\""));
            }
            return ids.appendTail(sb).toString();
        }
    },

    /**
     * Where a table starts: as cmark-gfm, we let the last line of a paragraph become a table's header, and need a
     * pipe in neither the header nor a one-column delimiter row ({@code a\n:-}, {@code a\n-|}); commonmark-java
     * starts a table only at a paragraph's first line, and with a pipe in both rows. For each table of ours, a
     * blank line (with its container prefix) is put before a header that interrupts a paragraph, and a row
     * without a pipe gets one.
     */
    TABLE_START("GFM 4.10 Tables (extension)", "a\nb|c\n-|-",
            "<p>a</p>\n<table>\n<thead>\n<tr>\n<th>b</th>\n<th>c</th>\n</tr>\n</thead>\n</table>\n",
            "<p>a\nb|c\n-|-</p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return separateTables(input, engine);
        }
    },

    /**
     * A table header row that reads as a link reference definition ({@code [a]:|b} over {@code -|-}): a table
     * here, as in cmark-gfm (whose definitions are taken off a paragraph only when it ends) and micromark (checked
     * with the npm packages). commonmark-java takes the line as a definition and finds no table. Rewritten: the
     * {@code [} that starts one of our tables' header rows is escaped.
     */
    TABLE_HEADER_LIKE_DEFINITION("GFM 4.10 Tables (extension)", "[a]:|b\n-|-",
            "<table>\n<thead>\n<tr>\n<th>[a]:</th>\n<th>b</th>\n</tr>\n</thead>\n</table>\n", "<p>-|-</p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            byte[] src = input.getBytes(StandardCharsets.UTF_8);
            TreeMap<Integer, String> inserts = new TreeMap<>();
            for (int[] table : tables(src, engine)) {
                if (src[table[0]] == '[') {
                    inserts.put(table[0], "\\");
                }
            }
            return withInserts(src, inserts);
        }
    },

    /**
     * A header and a delimiter row that cmark-gfm does not read as a table (GFM 4.10): a header row with no cells
     * ({@code |}), or with another number of cells than the delimiter row, or a delimiter row that is a list item
     * ({@code - |}: block starts come before the table extension) or indented four columns or more. commonmark-java
     * starts a table in each case. Rewritten: where we have no table, a table-like delimiter row (one with a pipe or
     * a colon) under a line gets its first {@code -} or {@code :} escaped, so neither reads one.
     */
    TABLE_NOT_STARTED("GFM 4.10 Tables (extension)", "o|\n-|-",
            "<p>o|\n-|-</p>\n", "<table>\n<thead>\n<tr>\n<th>o</th>\n</tr>\n</thead>\n</table>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return escapeDelimiterRowsOutsideTables(input, engine);
        }
    },

    /**
     * Table whitespace after a row's last pipe ends the row (GFM 4.10; cmark-gfm's pipe scanner takes it in), so
     * {@code a|b| } has two cells; commonmark-java counts a third and then finds no table. Rewritten: whitespace
     * after a line's last pipe is taken out.
     */
    TABLE_TRAILING_WHITESPACE("GFM 4.10 Tables (extension)", "a|b| \n-|-",
            "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n</table>\n", "<p>a|b|\n-|-</p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return PIPE_THEN_WHITESPACE.matcher(input).replaceAll("|");
        }
    },

    /**
     * A table ends at a line that is no row of it (GFM 4.10, as cmark-gfm): a lazy line (a table is not a
     * paragraph: {@code > a|b} {@code > -|-} then {@code c}), or a row indented four columns or more (indented code).
     * commonmark-java takes both as rows. Rewritten: a blank line (with the table's block quote markers) goes after
     * each of our tables that a non-blank line follows.
     */
    TABLE_END("GFM 4.10 Tables (extension)", "> a|b\n> -|-\nc",
            "<blockquote>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n</table>\n"
                    + "</blockquote>\n<p>c</p>\n",
            "<blockquote>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
                    + "<td>c</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n</blockquote>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return separateAfterTables(input, engine);
        }
    },

    /**
     * A footnote definition's lines as cmark-gfm reads them: it goes on over blank lines while the lines after them
     * are indented four columns (GitHub shows footnotes of several paragraphs), and after an empty first line the
     * next line is indented relative to the definition's own column, also inside a list item. commonmark-java ends
     * a definition at its first blank line, and inside a list item reads the line after an empty start as
     * indented code. Rewritten: blank lines inside our definitions are taken out, and an empty first line gets
     * text.
     */
    FOOTNOTE_CONTINUATION("GFM (footnotes, as cmark-gfm parses them)", "[^a]: x\n\n    b",
            "", "<pre><code>b\n</code></pre>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return EMPTY_FOOTNOTE_START.matcher(removeBlankLinesInFootnotes(input, engine)).replaceAll("$1 x");
        }
    },

    /**
     * A footnote definition may start on the first line of another ({@code [^a]:[^b]: x}): cmark-gfm opens
     * container blocks on what is left of a line, and a definition is one. commonmark-java does not, so its
     * {@code [^b]} stays undefined. Rewritten: the second definition goes on a line of its own.
     */
    FOOTNOTE_ON_DEFINITION_LINE("GFM (footnotes, as cmark-gfm parses them)", "[^b]\n[^a]:[^b]: x",
            "<p><sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup></p>\n"
                    + "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-1\">\n<p>x <a href=\"#fnref-1\""
                    + " class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"1\" aria-label=\""
                    + "Back to reference 1\">\u21a9</a></p>\n</li>\n</ol>\n</section>\n",
            "<p>[^b]</p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return DEFINITION_ON_DEFINITION.matcher(input).replaceAll("$1\n");
        }
    },

    /**
     * A footnote definition inside a container (a list item, a block quote, another definition) is one for
     * cmark-gfm, which opens definitions in any container and indents their lines from its column; commonmark-java
     * reads other extents for them there (it ends them sooner, or reads their lines as indented code). Rewritten:
     * such definitions are made text ({@code [^} becomes {@code x^}), in both.
     */
    FOOTNOTE_IN_CONTAINER("GFM (footnotes, as cmark-gfm parses them)", "[^e]\n\n+ [^e]: c\n        -",
            "<p><sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup></p>\n<ul>\n"
                    + "<li></li>\n</ul>\n<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-1\">\n<h2>c</h2>\n"
                    + "<a href=\"#fnref-1\" class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"1\""
                    + " aria-label=\"Back to reference 1\">\u21a9</a></li>\n</ol>\n</section>\n",
            "<p><sup class=\"footnote-ref\"><a href=\"#fn-e\" id=\"fnref-e\" data-footnote-ref>1</a></sup></p>\n<ul>\n"
                    + "<li></li>\n</ul>\n<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-e\">\n<p>c\n- "
                    + "<a href=\"#fnref-e\" class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"1\""
                    + " aria-label=\"Back to reference 1\">\u21a9</a></p>\n</li>\n</ol>\n</section>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            byte[] src = input.getBytes(StandardCharsets.UTF_8);
            boolean any = false;
            try (OcpDocument doc = engine.parse(src, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM))) {
                OcpCursor c = doc.cursor();
                for (int n = 1; n < c.nodeCount(); n++) {
                    c.moveTo(n);
                    int at = c.spanStart();
                    if (c.kind() == NodeKind.FOOTNOTE_DEFINITION && c.parentIndex() != 0 && src[at] == '[') {
                        src[at] = 'x';
                        any = true;
                    }
                }
            }
            return any ? new String(src, StandardCharsets.UTF_8) : input;
        }
    },

    /**
     * A task marker with nothing but whitespace after it on the item's first line, the paragraph going on below
     * ({@code - [ ]} then a line {@code m}): a task item here, as in micromark and cmark-gfm (checked with the
     * npm packages; cmark-gfm's task scanner wants whitespace after the marker, a line ending included).
     * commonmark-java looks for the marker and whitespace in the paragraph's first text node, which has lost a
     * line's trailing spaces, so only a tab before the line ending keeps it a task there (and it takes U+0085
     * for whitespace). Rewritten: such a marker becomes a letter (commonmark-java finds a marker in the text even
     * when its bracket is escaped).
     */
    TASK_MARKER_AT_LINE_END("GFM 5.3 Task list items", "- [ ] \nm",
            "<ul>\n<li><input disabled=\"\" type=\"checkbox\"> \nm</li>\n</ul>\n",
            "<ul>\n<li>[ ]\nm</li>\n</ul>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return BARE_TASK_MARKER.matcher(input).replaceAll("$1x$2");
        }
    },

    /**
     * A task marker found in decoded text: commonmark-java matches {@code [ ]} and whitespace on the item's first
     * text node after character references are decoded ({@code - [ ]&#10;a} is a task there, with an encoded line
     * feed for the whitespace), and with a pattern whose {@code .} stops at line terminators, U+0085, U+2028 and
     * U+2029 among them (a first text holding one, written or encoded, is no task there). Ours, as micromark,
     * looks at the source: a reference is no whitespace, and those characters are text. Rewritten: a marker on a
     * line holding a reference or one of those characters becomes a letter.
     */
    TASK_MARKER_IN_DECODED_TEXT("GFM 5.3 Task list items", "- [ ]&#10;a",
            "<ul>\n<li>[ ]\na</li>\n</ul>\n",
            "<ul>\n<li><input type=\"checkbox\" disabled=\"\"> a</li>\n</ul>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return DECODED_TASK_MARKER.matcher(input).replaceAll("$1x");
        }
    },

    /**
     * A task marker {@code [x]} when a link reference definition of label {@code x} exists: a task marker here, as
     * in cmark-gfm (a block rule) and micromark (checked with the npm packages). commonmark-java parses inlines
     * first and finds a link where the marker was, so no task. Rewritten: with such a definition in the input,
     * {@code [x]} markers become a letter.
     */
    TASK_MARKER_OR_REFERENCE("GFM 5.3 Task list items", "[x]: /u\n\n- [x] a",
            "<ul>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> a</li>\n</ul>\n",
            "<ul>\n<li><a href=\"/u\">x</a> a</li>\n</ul>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return X_DEFINED.matcher(input).find() ? CHECKED_TASK_MARKER.matcher(input).replaceAll("$1x") : input;
        }
    },

    /**
     * A task marker whose bracket is escaped ({@code - \\[ ] a}) is text here, as in micromark and cmark-gfm
     * (which look at the source); commonmark-java finds the marker in the decoded text and makes a task. Rewritten:
     * such a marker becomes a letter.
     */
    TASK_MARKER_ESCAPED("GFM 5.3 Task list items", "- \\[ ] a",
            "<ul>\n<li>[ ] a</li>\n</ul>\n", "<ul>\n<li><input type=\"checkbox\" disabled=\"\"> a</li>\n</ul>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return ESCAPED_TASK_MARKER.matcher(input).replaceAll("$1x");
        }
    },

    /**
     * A footnote reference in an image's description ({@code ![[^a]]()}) writes nothing in the {@code alt} text,
     * but counts as a reference of its footnote, which gets a back-reference for it (format spec section 12, as
     * micromark counts it). commonmark-java counts it only inside a footnote definition. Rewritten: such
     * references are made text ({@code [^} becomes {@code [x}).
     */
    FOOTNOTE_REFERENCE_IN_IMAGE("GFM (footnotes, as micromark counts them)", "[^a] ![[^a]]()\n\n[^a]: b",
            "<p><sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup> <img src=\"\" alt=\"\" /></p>\n<section class=\"footnotes\" data-footnotes>\n<ol>"
                    + "\n<li id=\"fn-1\">\n<p>b <a href=\"#fnref-1\" class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"1\" aria-label=\"Back to reference 1\">\u21a9</a> <a href=\"#fnref-1-2\" class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"1-2\" aria-label=\"Back to reference 1-2\"><sup class=\"footnote-ref\">2</sup>\u21a9</a></p>\n</li>\n</ol>\n</section>\n",
            "<p><sup class=\"footnote-ref\"><a href=\"#fn-a\" id=\"fnref-a\" data-footnote-ref>1</a></sup> <img src=\"\" alt=\"\" /></p>\n<section class=\"footnotes\" data-footnotes>\n<ol>"
                    + "\n<li id=\"fn-a\">\n<p>b <a href=\"#fnref-a\" class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"1\" aria-label=\"Back to reference 1\">\u21a9</a></p>\n</li>\n</ol>\n</section>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            byte[] src = input.getBytes(StandardCharsets.UTF_8);
            boolean any = false;
            try (OcpDocument doc = engine.parse(src, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM))) {
                OcpCursor c = doc.cursor();
                for (int n = 1; n < c.nodeCount(); n++) {
                    c.moveTo(n);
                    if (c.kind() != NodeKind.IMAGE) {
                        continue;
                    }
                    for (int i = c.spanStart(); i + 1 < c.spanEnd(); i++) {
                        if (src[i] == '[' && src[i + 1] == '^') {
                            src[i + 1] = 'x';
                            any = true;
                        }
                    }
                }
            }
            return any ? new String(src, StandardCharsets.UTF_8) : input;
        }
    },

    /**
     * Autolink literals: ours follow the GFM spec's rules as cmark-gfm implements them (www, http, https and ftp
     * only; e-mail addresses with micromark's mailto: and xmpp: forms; none inside brackets); commonmark-java's
     * extension uses autolink-java, which links any scheme ({@code p://a}), more local parts ({@code *@b.c}) and
     * no {@code www.} host without a second dot. Candidates are taken apart in the input ({@code @} and
     * {@code :} and the dot after {@code www} spaced out); literals are checked by the spec examples.
     */
    AUTOLINK_RULES("GFM 6.9 Autolinks (extension)", "www.c p://a",
            "<p><a href=\"http://www.c\">www.c</a> p://a</p>\n", "<p>www.c <a href=\"p://a\">p://a</a></p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return WWW.matcher(input.replace("@", " (at) ").replace("://", ":/ /")).replaceAll("$1x.");
        }
    };

    private static final Pattern DISALLOWED = Pattern.compile(
            "<(/?(?i:title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext)(?=[\\s/>]|$))");
    /** A footnote call in commonmark-java's HTML: its label id and its number. */
    private static final Pattern FOOTNOTE_CALL = Pattern.compile(
            "<a href=\"#fn-([^\"]*)\" id=\"fnref-[^\"]*\" data-footnote-ref>(\\d+)</a>");
    private static final Pattern FOOTNOTE_ID = Pattern.compile("(href=\"#|id=\")(fn-|fnref-)(.*?)(-\\d+)?\"");
    private static final Pattern LOOSE_CHECKBOX = Pattern.compile("<li>(<input [^>]*>) \n<p>");
    private static final Pattern WWW = Pattern.compile("((?i:ww))(?i:w)\\.");
    /** A footnote definition's first line with nothing after the colon (also as a list item's first line). */
    private static final Pattern EMPTY_FOOTNOTE_START = Pattern.compile(
            "(?m)^([ \t>]*(?:(?:[-+*]|\\d{1,9}[.)])[ \t]+)?\\[\\^[^\\]\r\n]+\\]:)[ \t]*(?=\r\n|\r|\n|$)");
    /** A footnote definition's label and colon right before another's. */
    private static final Pattern DEFINITION_ON_DEFINITION = Pattern.compile(
            "(\\[\\^[^\\]\r\n]+\\]:)[ \t]*(?=\\[\\^[^\\]\r\n]+\\]:)");
    /** A pipe and table whitespace at the end of a line. */
    private static final Pattern PIPE_THEN_WHITESPACE = Pattern.compile("(?m)\\|[ \t\u000b\f]+$");
    /** A list item's first line with a task marker and nothing but whitespace after it. */
    /**
     * A line's list item markers up to where a task marker would stand, with the container prefixes before them
     * (block quote markers, indentation, a footnote definition's start).
     */
    private static final String ITEM_MARKERS = "(?:[ \t>]*(?:\\[\\^[^\\]\\s]+\\]:)?[ \t]*(?:[-+*]|\\d{1,9}[.)])[ \t]+)+";
    private static final Pattern ESCAPED_TASK_MARKER = Pattern.compile(
            "(?m)^(" + ITEM_MARKERS + ")\\\\\\[[ xX]\\]");
    /** A definition of the link label {@code x} (a line's {@code [x]:} or {@code [X]:}, maybe in a container). */
    private static final Pattern X_DEFINED = Pattern.compile("\\[[xX]\\]:");
    private static final Pattern CHECKED_TASK_MARKER = Pattern.compile(
            "(?m)^(" + ITEM_MARKERS + ")\\[[xX]\\]");
    /**
     * A task marker on a line holding a character reference (which may decode to whitespace or a line ending),
     * U+0085, U+2028 or U+2029.
     */
    private static final Pattern DECODED_TASK_MARKER = Pattern.compile(
            "(?m)^(" + ITEM_MARKERS + ")\\[[ xX]\\](?=[^\n\r]*[&\u0085\u2028\u2029])");
    private static final Pattern BARE_TASK_MARKER = Pattern.compile(
            "(?m)^(" + ITEM_MARKERS + ")\\[[ xX]\\]([ \t]*[\\s\u0085]*)$");
    /** A delimiter row, also one written as a list item ({@code - |}, whose marker is a cell's dash). */
    private static final Pattern LIST_OR_DELIMITER = Pattern.compile(
            "[ \t]*\\|?[ \t]*:?-+:?[ \t]*(\\|[ \t]*:?-+:?[ \t]*)*\\|?[ \t]*|[-+*][ \t]+[-:| \t]*");

    /** Where the difference comes from (a section of the GFM spec, or of the OCP format). */
    final String section;
    /** A minimal input that shows the difference. */
    final String example;
    /** Our HTML for {@link #example}. */
    final String ours;
    /** commonmark-java's HTML for {@link #example}. */
    final String theirs;

    GfmDifference(String section, String example, String ours, String theirs) {
        this.section = section;
        this.example = example;
        this.ours = ours;
        this.theirs = theirs;
    }

    /** @return commonmark-java's HTML with this convention made ours (an oracle fix), or as it is */
    String fixOracle(String html) {
        return html;
    }

    /**
     * @param input  the document
     * @param engine the java engine, for rewrites that find the construct in its tree
     * @return the input with this difference's construct taken out (an input rewrite), or as it is
     */
    String rewrite(String input, OcpEngine engine) {
        return input;
    }

    /** {@link #TABLE_START}'s rewrite: each table of ours made one that commonmark-java starts too. */
    private static String separateTables(String input, OcpEngine engine) {
        byte[] src = input.getBytes(StandardCharsets.UTF_8);
        TreeMap<Integer, String> inserts = new TreeMap<>();
        try (OcpDocument doc = engine.parse(src, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM))) {
            OcpCursor c = doc.cursor();
            for (int n = 0; n < c.nodeCount(); n++) {
                c.moveTo(n);
                if (c.kind() != NodeKind.TABLE) {
                    continue;
                }
                int header = c.spanStart();
                int lineStart = header;
                while (lineStart > 0 && src[lineStart - 1] != '\n' && src[lineStart - 1] != '\r') {
                    lineStart--;
                }
                int headerEnd = lineEnd(src, header);
                if (!contains(src, header, headerEnd, '|')) {
                    inserts.put(header, "|");
                }
                int delimiter = headerEnd + (headerEnd + 1 < src.length && src[headerEnd] == '\r' && src[headerEnd + 1] == '\n' ? 2 : 1);
                int row = delimiter;
                while (row < src.length && (src[row] == ' ' || src[row] == '\t' || src[row] == '>')) {
                    row++;
                }
                if (!contains(src, row, lineEnd(src, row), '|')) {
                    inserts.put(row, "|");
                }
                if (interruptsParagraph(c, n)) {
                    String prefix = new String(src, lineStart, header - lineStart, StandardCharsets.UTF_8);
                    inserts.merge(lineStart, (inFootnote(c) ? FOOTNOTE_SEPARATOR : prefix.stripTrailing())
                                    + lineEndingAt(src, lineStart),
                            (a, b) -> b + a);
                }
            }
        }
        return withInserts(src, inserts);
    }

    /**
     * What separates a table from the block before or after it inside a footnote definition, where a blank line
     * would end the definition for commonmark-java (and {@link #FOOTNOTE_CONTINUATION}'s rewrite would take it
     * out again): a line of the definition holding an HTML comment, a block of its own in both parsers, which
     * ends a paragraph and is no table row. (Followed by the line ending the source uses there.)
     */
    private static final String FOOTNOTE_SEPARATOR = "    <!-- -->";

    /** Whether the node under {@code c} lies inside a footnote definition. */
    private static boolean inFootnote(OcpCursor c) {
        OcpCursor up = c.copy();
        while (up.parentIndex() >= 0) {
            up.moveTo(up.parentIndex());
            if (up.kind() == NodeKind.FOOTNOTE_DEFINITION) {
                return true;
            }
        }
        return false;
    }

    /** The span (start, end) of each of our tables in {@code src}, read as GFM, and 1 if it is in a footnote. */
    private static List<int[]> tables(byte[] src, OcpEngine engine) {
        List<int[]> at = new ArrayList<>();
        try (OcpDocument doc = engine.parse(src, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM))) {
            OcpCursor c = doc.cursor();
            for (int n = 0; n < c.nodeCount(); n++) {
                c.moveTo(n);
                if (c.kind() == NodeKind.TABLE) {
                    at.add(new int[] {c.spanStart(), c.spanEnd(), inFootnote(c) ? 1 : 0});
                }
            }
        }
        return at;
    }

    /** {@link #TABLE_NOT_STARTED}'s rewrite. */
    private static String escapeDelimiterRowsOutsideTables(String input, OcpEngine engine) {
        byte[] src = input.getBytes(StandardCharsets.UTF_8);
        List<Integer> headerLines = new ArrayList<>();
        for (int[] table : tables(src, engine)) {
            headerLines.add(lineStart(src, table[0]));
        }
        TreeMap<Integer, String> inserts = new TreeMap<>();
        int previous = -1;
        for (int line = 0; line < src.length; line = lineAfter(src, line)) {
            int end = lineEnd(src, line);
            int content = line;
            while (content < end && (src[content] == ' ' || src[content] == '\t' || src[content] == '>')) {
                content++;
            }
            String row = new String(src, content, end - content, StandardCharsets.UTF_8);
            boolean tableLike = row.indexOf('|') >= 0 || row.indexOf(':') >= 0;
            if (previous >= 0 && tableLike && !headerLines.contains(previous) && LIST_OR_DELIMITER.matcher(row).matches()) {
                int marker = content;
                while (src[marker] != '-' && src[marker] != ':') {
                    marker++;
                }
                inserts.put(marker, "\\");
            }
            previous = line;
        }
        return withInserts(src, inserts);
    }

    /** {@link #TABLE_END}'s rewrite. */
    private static String separateAfterTables(String input, OcpEngine engine) {
        byte[] src = input.getBytes(StandardCharsets.UTF_8);
        TreeMap<Integer, String> inserts = new TreeMap<>();
        for (int[] table : tables(src, engine)) {
            int next = lineAfter(src, table[1]);
            if (next >= src.length || isBlank(src, next, lineEnd(src, next))) {
                continue;
            }
            int header = table[0];
            String prefix = new String(src, lineStart(src, header), header - lineStart(src, header), StandardCharsets.UTF_8);
            inserts.put(next, (table[2] == 1 ? FOOTNOTE_SEPARATOR
                    : prefix.replaceAll("[^>]", "").replace(">", "> ").stripTrailing()) + lineEndingAt(src, next));
        }
        return withInserts(src, inserts);
    }

    /** {@link #FOOTNOTE_BLANK_LINES}'s rewrite. */
    private static String removeBlankLinesInFootnotes(String input, OcpEngine engine) {
        byte[] src = input.getBytes(StandardCharsets.UTF_8);
        boolean[] remove = new boolean[src.length];
        boolean any = false;
        try (OcpDocument doc = engine.parse(src, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM))) {
            OcpCursor c = doc.cursor();
            for (int n = 0; n < c.nodeCount(); n++) {
                c.moveTo(n);
                if (c.kind() != NodeKind.FOOTNOTE_DEFINITION) {
                    continue;
                }
                int end = c.spanEnd();
                OcpCursor d = c.copy();
                for (int i = n + 1; i < c.subtreeEnd(); i++) {
                    d.moveTo(i);
                    end = Math.max(end, d.spanEnd());
                }
                // and the blank lines right after it, which a fence open at its end may hold
                while (end < src.length && isBlank(src, lineAfter(src, end), lineEnd(src, lineAfter(src, end)))
                        && lineAfter(src, end) < src.length) {
                    end = lineEnd(src, lineAfter(src, end));
                }
                for (int line = lineAfter(src, c.spanStart()); line <= end && line < src.length; line = lineAfter(src, line)) {
                    int next = lineAfter(src, line);
                    if (isBlank(src, line, lineEnd(src, line)) && next > line) {
                        Arrays.fill(remove, line, next, true);
                        any = true;
                    }
                }
            }
        }
        return any ? without(src, remove) : input;
    }





    /** Whether a paragraph of ours ends right before table {@code table}: the table took its last lines. */
    private static boolean interruptsParagraph(OcpCursor c, int table) {
        OcpCursor other = c.copy();
        for (int n = 0; n < table; n++) {
            other.moveTo(n);
            if (other.nextSiblingIndex() == table) {
                return other.kind() == NodeKind.PARAGRAPH;
            }
        }
        return false;
    }


    private static boolean contains(byte[] src, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (src[i] == c) {
                return true;
            }
        }
        return false;
    }

    /** @return whether this entry is a rendering convention applied to commonmark-java's HTML, not an input rewrite */
    boolean isOracleFix() {
        return ordinal() < TABLE_START.ordinal(); // the oracle fixes come first, the rewrites from TABLE_START on
    }
}
