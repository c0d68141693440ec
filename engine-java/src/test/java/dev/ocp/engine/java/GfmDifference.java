package dev.ocp.engine.java;

import java.util.LinkedHashMap;
import java.util.Map;
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
     * Where a table starts: as cmark-gfm, we let the last line of a paragraph become a table's header and need no
     * pipe in a one-column delimiter row ({@code a\n:-}); commonmark-java starts a table only at a paragraph's
     * first line and with a pipe. A blank line is put before the header (after its container prefix), and a
     * delimiter row without a pipe gets one, as has its header.
     */
    TABLE_START("GFM 4.10 Tables (extension)", "a\nb|c\n-|-",
            "<p>a</p>\n<table>\n<thead>\n<tr>\n<th>b</th>\n<th>c</th>\n</tr>\n</thead>\n</table>\n",
            "<p>a\nb|c\n-|-</p>\n") {
        @Override
        String rewrite(String input) {
            String[] lines = input.split("\r\n|\r|\n", -1);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                boolean header = i + 1 < lines.length && DELIMITER_ROW.matcher(strip(lines[i + 1])).matches();
                if (header) {
                    String prefix = prefix(line);
                    if (i > 0 && !strip(lines[i - 1]).isBlank()) {
                        sb.append(prefix.stripTrailing()).append('\n');
                    }
                    if (lines[i + 1].indexOf('|') < 0) {
                        line = prefix + "|" + line.substring(prefix.length());
                        lines[i + 1] = prefix(lines[i + 1]) + "|" + lines[i + 1].substring(prefix(lines[i + 1]).length());
                    }
                }
                sb.append(line);
                if (i + 1 < lines.length) {
                    sb.append('\n');
                }
            }
            return sb.toString();
        }

        @Override
        boolean isOracleFix() {
            return false;
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
        String rewrite(String input) {
            return WWW.matcher(input.replace("@", " (at) ").replace("://", ":/ /")).replaceAll("$1x.");
        }

        @Override
        boolean isOracleFix() {
            return false;
        }
    };

    private static final Pattern DISALLOWED = Pattern.compile(
            "<(/?(?i:title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext)(?=[\\s/>]|$))");
    /** A footnote call in commonmark-java's HTML: its label id and its number. */
    private static final Pattern FOOTNOTE_CALL = Pattern.compile(
            "<a href=\"#fn-([^\"]*)\" id=\"fnref-[^\"]*\" data-footnote-ref>(\\d+)</a>");
    private static final Pattern FOOTNOTE_ID = Pattern.compile("(href=\"#|id=\")(fn-|fnref-)(.*?)(-\\d+)?\"");
    private static final Pattern LOOSE_CHECKBOX = Pattern.compile("<li>(<input [^>]*>) \n<p>");
    private static final Pattern DELIMITER_ROW = Pattern.compile(
            "[ \t]*\\|?[ \t]*:?-+:?[ \t]*(\\|[ \t]*:?-+:?[ \t]*)*\\|?[ \t]*");
    private static final Pattern WWW = Pattern.compile("((?i:ww))(?i:w)\\.");

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

    /** The container prefix of a line: its block quote markers and the spaces around them. */
    private static String prefix(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == '>' || line.charAt(i) == ' ')) {
            i++;
        }
        return line.substring(0, i);
    }

    /** A line without its container prefix. */
    private static String strip(String line) {
        return line.substring(prefix(line).length());
    }

    /** @return commonmark-java's HTML with this convention made ours (an oracle fix), or as it is */
    String fixOracle(String html) {
        return html;
    }

    /** @return the input with this difference's construct taken out (an input rewrite), or as it is */
    String rewrite(String input) {
        return input;
    }

    boolean isOracleFix() {
        return true;
    }
}
