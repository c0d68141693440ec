package dev.ocp.engine.java.inline;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.CharClasses;
import dev.ocp.engine.java.Entities;
import dev.ocp.engine.java.InlineParser;
import dev.ocp.engine.java.LinkScanner;
import dev.ocp.engine.java.TreeBuilder;

/**
 * Text: bytes that start no construct accumulate into a text run, flushed as one TEXT node when a construct starts;
 * a run is copied as written unless it holds a backslash escape, a character reference or NUL, which are decoded.
 * Line endings become soft breaks, or hard breaks after two spaces or a backslash; spaces at the end of a line and
 * at the start of the next are not text.
 *
 * <p>References: CommonMark 0.31.2, sections 2.4 (Backslash escapes), 2.5 (Entity and numeric character
 * references), 6.7 (Hard line breaks), 6.8 (Soft line breaks) and 6.9 (Textual content); markdown-rs constructs
 * {@code character_escape}, {@code character_reference}, {@code hard_break_escape}, {@code line_ending}, {@code text}
 * and {@code data}.
 */
public final class Text {
    private Text() {
    }

    /** Emits the pending text run up to {@code to} as a TEXT node. */
    public static void flushText(InlineParser ip, int to) {
        int from = ip.textStart;
        if (to > from) {
            ip.work += to - from;
            int t = ip.tree.add(NodeKind.TEXT, ip.top, ip.src(from), ip.src(to));
            if (ip.textNeedsDecoding) {
                ip.tree.beginString();
                appendUnescaped(ip.tree, ip.buf, from, to, ip.micromark);
                ip.tree.setString(t, 0, ip.tree.endString());
            } else {
                ip.tree.setString(t, 0, ip.tree.string(ip.buf, from, to - from));
            }
        }
        ip.textNeedsDecoding = false;
    }

    /**
     * A line ending: a hard break after two or more spaces, else a soft break. The spaces before it are part of
     * the break; the indentation after it belongs to nothing (like the next line's container prefix).
     */
    public static int lineEnding(InlineParser ip, int p) {
        int q = p;
        while (q > ip.textStart && ip.buf[q - 1] == ' ') {
            q--;
        }
        flushText(ip, q);
        int next = LinkScanner.skipSpaceTab(ip.buf, p + 1, ip.end);
        if (next < ip.end) {
            int lineBreak = ip.tree.add(p - q >= 2 ? NodeKind.HARD_BREAK : NodeKind.SOFT_BREAK, ip.top, ip.src(q),
                    lineEndingEnd(ip, p));
            if (p - q >= 2) {
                // v1.3: made by spaces; v1.4: by spaces after a tab, which micromark does not take for a break
                ip.tree.setData(lineBreak, q > ip.textStart && ip.buf[q - 1] == '\t' ? '\t' : ' ');
            }
        }
        ip.textStart = next;
        return next;
    }

    /**
     * Where the line ending at {@code p} ends, as a break's span end: just past it; under micromark's reading, past
     * the next line's container prefixes once a failed attempt has crossed it (at closing a code span, at a resource
     * or a reference, at raw HTML), as micromark's positions have it after such an attempt
     * ({@link InlineParser#failedAttemptEnd}).
     */
    static int lineEndingEnd(InlineParser ip, int p) {
        return p < ip.failedAttemptEnd ? ip.map.indentationStart(p + 1) : ip.map.afterLineEnding(p);
    }

    /** A backslash: a hard break before a line ending, an escape before ASCII punctuation, else literal. */
    public static int backslash(InlineParser ip, int p) {
        if (p + 1 < ip.end) {
            byte n = ip.buf[p + 1];
            if (n == '\n') {
                int next = LinkScanner.skipSpaceTab(ip.buf, p + 2, ip.end);
                if (next >= ip.end) {
                    return p + 1; // at the end of the block a backslash is literal
                }
                flushText(ip, p);
                int lineBreak = ip.tree.add(NodeKind.HARD_BREAK, ip.top, ip.src(p), lineEndingEnd(ip, p + 1));
                ip.tree.setData(lineBreak, '\\'); // v1.3: made by a backslash
                ip.textStart = next;
                return next;
            }
            if (CharClasses.isAsciiPunct(n)) {
                ip.textNeedsDecoding = true;
                return p + 2; // stays in the text run; decoded when the run is emitted
            }
        }
        return p + 1;
    }

    /**
     * Appends {@code buf[from, to)} to the tree's open string with backslash escapes and entity and numeric
     * character references decoded (as for info strings, link destinations and titles), and U+0000 replaced by
     * U+FFFD.
     */
    public static void appendUnescaped(TreeBuilder tree, byte[] buf, int from, int to, boolean micromark) {
        appendDecoded(tree, buf, from, to, true, micromark);
    }

    /**
     * Appends {@code buf[from, to)} with character references decoded, backslash escapes too when
     * {@code escapes} (JSX attribute values have none), and U+0000 as U+FFFD.
     */
    public static void appendDecoded(TreeBuilder tree, byte[] buf, int from, int to, boolean escapes,
            boolean micromark) {
        int run = from;
        int i = from;
        while (i < to) {
            byte b = buf[i];
            if (b == '\\' && escapes) {
                if (i + 1 < to && CharClasses.isAsciiPunct(buf[i + 1])) {
                    tree.append(buf, run, i - run);
                    run = i + 1;
                    i += 2;
                    continue;
                }
            } else if (b == '&') {
                long ref = Entities.scan(buf, i, to);
                if (ref != 0) {
                    tree.append(buf, run, i - run);
                    if (micromark && (int) ref >= 0 && Entities.micromarkReplaces((int) ref)) {
                        tree.appendCodePoint(0xFFFD);
                    } else {
                        Entities.appendReference(tree, ref);
                    }
                    i += (int) (ref >>> 32);
                    run = i;
                    continue;
                }
            } else if (b == 0) {
                tree.append(buf, run, i - run);
                tree.appendCodePoint(0xFFFD);
                run = i + 1;
            }
            i++;
        }
        tree.append(buf, run, to - run);
    }

    /** Appends {@code buf[from, to)} as it is, except U+0000 becomes U+FFFD. */
    static void appendRaw(TreeBuilder tree, byte[] buf, int from, int to) {
        int run = from;
        for (int i = from; i < to; i++) {
            if (buf[i] == 0) {
                tree.append(buf, run, i - run);
                tree.appendCodePoint(0xFFFD);
                run = i + 1;
            }
        }
        tree.append(buf, run, to - run);
    }
}
