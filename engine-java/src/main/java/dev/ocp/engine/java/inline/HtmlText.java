package dev.ocp.engine.java.inline;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.CharClasses;
import dev.ocp.engine.java.InlineParser;

import java.util.Arrays;

import static dev.ocp.engine.java.InlineParser.FIND_CDATA;
import static dev.ocp.engine.java.InlineParser.FIND_COMMENT;
import static dev.ocp.engine.java.InlineParser.FIND_DECLARATION;
import static dev.ocp.engine.java.InlineParser.FIND_PI;
import static dev.ocp.engine.java.InlineParser.HTML_KEEPS_PAST;

/**
 * Inline raw HTML: an open tag, a closing tag, a comment, a processing instruction, a declaration or a CDATA
 * section, as written. Terminators searched for ({@code -->}, {@code ?>}, {@code ]]>}, {@code >}) are cached per
 * content so that floods of openers do not rescan. Also what mdast keeps of raw HTML that spans lines.
 *
 * <p>References: CommonMark 0.31.2, section 6.6 (Raw HTML); micromark construct {@code html-text}, markdown-rs
 * {@code html_text}.
 */
public final class HtmlText {
    private HtmlText() {
    }

    private static final byte[] CDATA = {'[', 'C', 'D', 'A', 'T', 'A', '['};

    /**
     * Raw HTML {@code buf[from, to)} as mdast keeps it (v1.5): after each line ending what the next line's lost
     * indentation has past its first {@link InlineParser#HTML_KEEPS_PAST} columns, a tab those columns end inside as
     * the spaces left of it; NUL as U+FFFD.
     */
    static int htmlAsWritten(InlineParser ip, int from, int to) {
        ip.tree.beginString();
        CodeSpan.appendAsWritten(ip, ip.map, ip.buf, from, to, -1, HTML_KEEPS_PAST);
        return ip.tree.endString();
    }

    /** Adds the raw HTML {@code buf[p, q)} to the tree. */
    static void rawHtml(InlineParser ip, int p, int q) {
        Text.flushText(ip, p);
        int html = ip.tree.add(NodeKind.HTML_INLINE, ip.top, ip.src(p), ip.src(q));
        ip.tree.beginString();
        Text.appendRaw(ip.tree, ip.buf, p, q);
        ip.tree.setString(html, 0, ip.tree.endString());
        if (CodeSpan.losesIndentation(ip, p, q, HTML_KEEPS_PAST)) {
            ip.tree.setString(html, 2, htmlAsWritten(ip, p, q)); // v1.5: what mdast's raw HTML keeps of it
        }
        ip.textStart = q;
    }

    /**
     * An HTML comment at {@code buf[p] == '<'} in MDX ({@link dev.ocp.Extension#HTML_COMMENTS}), added as raw HTML:
     * returns the index after it, or -1 when none starts or it is not closed (then {@code <} is MDX's, which
     * rejects {@code <!}).
     */
    public static int comment(InlineParser ip, int p) {
        if (p + 3 >= ip.end || ip.buf[p + 1] != '!' || ip.buf[p + 2] != '-' || ip.buf[p + 3] != '-') {
            return -1;
        }
        int q = scanHtml(ip, p);
        if (q >= 0) {
            rawHtml(ip, p, q);
        }
        return q;
    }

    /** Raw HTML at {@code buf[p] == '<'}: returns the index after it, or -1. */
    static int scanHtml(InlineParser ip, int p) {
        if (p + 1 >= ip.end) {
            return -1;
        }
        byte c = ip.buf[p + 1];
        if (CharClasses.isLetter(c)) {
            int q = ip.scan.scanOpenTag(ip.buf, p, ip.end);
            ip.work += ip.scan.stop - p;
            return failedTag(ip, q);
        }
        if (c == '/') {
            int q = ip.scan.scanClosingTag(ip.buf, p, ip.end);
            ip.work += ip.scan.stop - p;
            return failedTag(ip, q);
        }
        if (c == '?') {
            int at = find(ip, FIND_PI, p + 2);
            return at < 0 ? unterminated(ip) : at + 2;
        }
        if (c != '!' || p + 2 >= ip.end) {
            return -1;
        }
        byte d = ip.buf[p + 2];
        if (d == '-') {
            if (p + 3 >= ip.end || ip.buf[p + 3] != '-') {
                return -1;
            }
            int q = p + 4;
            if (q < ip.end && ip.buf[q] == '>') {
                return q + 1; // <!-->
            }
            if (q + 1 < ip.end && ip.buf[q] == '-' && ip.buf[q + 1] == '>') {
                return q + 2; // <!--->
            }
            int at = find(ip, FIND_COMMENT, q);
            return at < 0 ? unterminated(ip) : at + 3;
        }
        if (d == '[') {
            if (ip.end - (p + 2) < CDATA.length
                    || !Arrays.equals(ip.buf, p + 2, p + 2 + CDATA.length, CDATA, 0, CDATA.length)) {
                return -1;
            }
            int at = find(ip, FIND_CDATA, p + 2 + CDATA.length);
            return at < 0 ? unterminated(ip) : at + 3;
        }
        if (CharClasses.isLetter(d)) {
            int at = find(ip, FIND_DECLARATION, p + 3);
            return at < 0 ? unterminated(ip) : at + 1;
        }
        return -1;
    }

    /**
     * A tag's scan result, noted when it failed: micromark's attempt at the tag crossed the line endings up to where it
     * failed, which then end past the next line's container prefixes ({@link InlineParser#failedAttemptEnd}).
     */
    private static int failedTag(InlineParser ip, int q) {
        if (q < 0 && ip.micromark) {
            ip.failedAttemptEnd = Math.max(ip.failedAttemptEnd, ip.scan.stop);
        }
        return q;
    }

    /**
     * A comment, an instruction, a declaration or CDATA that found no end: micromark's attempt crossed every line
     * ending after it, as {@link #failedTag}'s did up to where it failed.
     *
     * @return -1
     */
    private static int unterminated(InlineParser ip) {
        if (ip.micromark) {
            ip.failedAttemptEnd = Math.max(ip.failedAttemptEnd, ip.end);
        }
        return -1;
    }

    /**
     * The first occurrence at or after {@code from} of the terminator of {@code kind} ({@code -->}, {@code ?>},
     * {@code ]]>}, {@code >}), or -1. Remembers the last answer: queries come in increasing order, so each byte
     * is scanned at most once per kind and parse.
     */
    private static int find(InlineParser ip, int kind, int from) {
        int cachedFrom = ip.findFrom[kind];
        if (cachedFrom >= 0 && from >= cachedFrom && (ip.findAt[kind] < 0 || from <= ip.findAt[kind])) {
            return ip.findAt[kind];
        }
        int at = -1;
        byte[] b = ip.buf;
        int end = ip.end;
        for (int i = from; i < end; i++) {
            byte x = b[i];
            if (kind == FIND_DECLARATION) {
                if (x == '>') {
                    at = i;
                    break;
                }
            } else if (kind == FIND_COMMENT) {
                if (x == '-' && i + 2 < end && b[i + 1] == '-' && b[i + 2] == '>') {
                    at = i;
                    break;
                }
            } else if (kind == FIND_PI) {
                if (x == '?' && i + 1 < end && b[i + 1] == '>') {
                    at = i;
                    break;
                }
            } else if (x == ']' && i + 2 < end && b[i + 1] == ']' && b[i + 2] == '>') {
                at = i;
                break;
            }
        }
        ip.work += (at < 0 ? end : at) - from;
        ip.findFrom[kind] = from;
        ip.findAt[kind] = at;
        return at;
    }
}
