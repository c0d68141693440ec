package dev.ocp.engine.java.inline;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.InlineParser;
import dev.ocp.engine.java.SourceMap;

import static dev.ocp.engine.java.InlineParser.DENSE_TICKS;

/**
 * Code spans (and inline math with {@code Extension.MATH}): a run of backticks (dollars) ends at the next run of
 * the same length; the content's line endings become spaces and one space is stripped from each end when both have
 * one and it is not all spaces. Backslashes are literal inside. Runs already seen are indexed by length so that an
 * opener without a closer fails at once. Also the content "as written" (with the indentation a line lost) that
 * mdast keeps.
 *
 * <p>References: CommonMark 0.31.2, section 6.1 (Code spans); micromark construct {@code code-text}, markdown-rs
 * {@code raw_text} (code and math in text); micromark-extension-math for {@code $} math.
 */
public final class CodeSpan {
    private CodeSpan() {
    }

    /**
     * A run of backticks (a code span) or, with math, of dollars (inline math, which follows the code span's
     * rules with its own marker): the span up to the next run of the same length, or literal text.
     */
    public static int rawSpan(InlineParser ip, int p) {
        byte marker = ip.buf[p];
        if (marker == '$' && !ip.math) {
            return p + 1;
        }
        int q = p;
        while (q < ip.end && ip.buf[q] == marker) {
            q++;
        }
        int n = q - p;
        int close = findClosingRun(ip, q, n, marker);
        if (close < 0) {
            if (ip.micromark) {
                ip.failedAttemptEnd = ip.end; // the search for a closer crossed every line ending after the run
            }
            return q; // no closer: the run is literal text
        }
        Text.flushText(ip, p);
        int node = ip.tree.add(marker == '`' ? NodeKind.CODE_SPAN : NodeKind.MATH_INLINE, ip.top, ip.src(p),
                ip.src(close + n));
        int from = q;
        int to = close;
        boolean strip = stripsOneSpace(ip, from, to);
        if (strip) {
            from++;
            to--;
        }
        ip.tree.setString(node, 0, codeContent(ip, from, to, false));
        if (hasLineEnding(ip, from, to)) {
            // v1.3: as written, for mdast and Markdown output
            ip.tree.setString(node, 1, codeContent(ip, from, to, true));
        }
        if (losesIndentation(ip, q, close)) {
            ip.tree.setString(node, 2, contentAsWritten(ip, q, close, strip)); // v1.5: with the indentation, for mdast
        }
        ip.textStart = close + n;
        return ip.textStart;
    }

    /** The start of the first run of exactly {@code n} {@code marker}s at or after {@code from}, or -1. */
    private static int findClosingRun(InlineParser ip, int from, int n, byte marker) {
        int m = marker == '`' ? 0 : 1;
        if (ip.ticksScannedToEnd[m] && lastTickRun(ip, runKey(n, m)) < from) {
            return -1;
        }
        int p = from;
        byte[] b = ip.buf;
        int end = ip.end;
        while (p < end) {
            if (b[p] != marker) {
                p++;
                continue;
            }
            int s = p;
            while (p < end && b[p] == marker) {
                p++;
            }
            int len = p - s;
            recordTickRun(ip, runKey(len, m), s);
            if (len == n) {
                ip.work += p - from;
                return s;
            }
        }
        ip.work += p - from;
        ip.ticksScannedToEnd[m] = true;
        return -1;
    }

    /**
     * The run index's key of a run of {@code len} markers of kind {@code m} (0 backtick, 1 dollar). Lengths from
     * 2<sup>29</sup> on share a key: a shared key can only make a search rescan, never miss a closer.
     */
    private static int runKey(int len, int m) {
        return 2 * Math.min(len, 1 << 29) + m;
    }

    /** The last recorded start of a run of {@code n} backticks in this parse call, or -1. */
    private static int lastTickRun(InlineParser ip, int n) {
        if (n < DENSE_TICKS) {
            return ip.tickGeneration[n] == ip.generation ? ip.tickLast[n] : -1;
        }
        int slot = longTickSlot(ip, n);
        return ip.longTickGeneration[slot] == ip.generation ? ip.longTickLast[slot] : -1;
    }

    /**
     * Records a run of {@code len} backticks at {@code s}. Only the last position counts: a later search may
     * rescan runs an earlier one already recorded, and must not move the answer back.
     */
    private static void recordTickRun(InlineParser ip, int len, int s) {
        if (len < DENSE_TICKS) {
            if (ip.tickGeneration[len] != ip.generation || ip.tickLast[len] < s) {
                ip.tickLast[len] = s;
                ip.tickGeneration[len] = ip.generation;
            }
            return;
        }
        int slot = longTickSlot(ip, len);
        if (ip.longTickGeneration[slot] != ip.generation) {
            if (2 * (ip.longTickCount + 1) > ip.longTickLength.length) {
                growLongTicks(ip);
                slot = longTickSlot(ip, len);
            }
            ip.longTickCount++;
            ip.longTickGeneration[slot] = ip.generation;
            ip.longTickLength[slot] = len;
            ip.longTickLast[slot] = s;
        } else if (ip.longTickLast[slot] < s) {
            ip.longTickLast[slot] = s;
        }
    }

    /** The slot holding run length {@code len}, or the free slot where it belongs. Slots of older generations are free. */
    private static int longTickSlot(InlineParser ip, int len) {
        int mask = ip.longTickLength.length - 1;
        int h = len * 0x9E3779B9;
        int slot = (h ^ h >>> 16) & mask;
        while (ip.longTickGeneration[slot] == ip.generation && ip.longTickLength[slot] != len) {
            slot = slot + 1 & mask;
        }
        return slot;
    }

    private static void growLongTicks(InlineParser ip) {
        int[] length = ip.longTickLength;
        int[] last = ip.longTickLast;
        int[] gen = ip.longTickGeneration;
        ip.longTickLength = new int[length.length * 2];
        ip.longTickLast = new int[length.length * 2];
        ip.longTickGeneration = new int[length.length * 2];
        for (int i = 0; i < length.length; i++) {
            if (gen[i] == ip.generation) {
                int slot = longTickSlot(ip, length[i]);
                ip.longTickLength[slot] = length[i];
                ip.longTickLast[slot] = last[i];
                ip.longTickGeneration[slot] = ip.generation;
            }
        }
    }

    /** Code span content: line endings become spaces; one space is stripped from each end if both have one. */
    /**
     * Whether a code span's content loses one space or line ending on each side: it starts and ends with one and is
     * not all of them.
     */
    private static boolean stripsOneSpace(InlineParser ip, int from, int to) {
        if (to - from >= 2 && isSpaceOrLineEnding(ip.buf[from]) && isSpaceOrLineEnding(ip.buf[to - 1])) {
            for (int i = from; i < to; i++) {
                if (!isSpaceOrLineEnding(ip.buf[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasLineEnding(InlineParser ip, int from, int to) {
        for (int i = from; i < to; i++) {
            if (ip.buf[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    /**
     * A code span's content, U+0000 replaced, its line endings turned into spaces (the literal) or kept as LF (the
     * content as written, slot b from v1.3).
     */
    private static int codeContent(InlineParser ip, int from, int to, boolean keepLineEndings) {
        ip.tree.beginString();
        int run = from;
        for (int i = from; i < to; i++) {
            byte b = ip.buf[i];
            if (b == 0 || (b == '\n' && !keepLineEndings)) {
                ip.tree.append(ip.buf, run, i - run);
                if (b == 0) {
                    ip.tree.appendCodePoint(0xFFFD);
                } else {
                    ip.tree.append((byte) ' ');
                }
                run = i + 1;
            }
        }
        ip.tree.append(ip.buf, run, to - run);
        return ip.tree.endString();
    }

    /**
     * Appends {@code buf[from, to)} as written (v1.5: a label or a code span's content as written): NUL as U+FFFD,
     * and after each line ending the indentation the next line lost to its paragraph, less its last column for the
     * line that starts at {@code trimAt} (a code span whose closing line's indentation stands for the stripped space;
     * -1 for none).
     */
    public static void appendAsWritten(InlineParser ip, SourceMap map, byte[] buf, int from, int to, int trimAt) {
        appendAsWritten(ip, map, buf, from, to, trimAt, 0);
    }

    /**
     * {@link #appendAsWritten(SourceMap, byte[], int, int, int)}, each line's indentation less its first
     * {@code skipColumns} columns when that is not 0 (raw HTML's, {@link InlineParser#HTML_KEEPS_PAST}).
     */
    static void appendAsWritten(InlineParser ip, SourceMap map, byte[] buf, int from, int to, int trimAt,
            int skipColumns) {
        int run = from;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == 0 || b == '\n') {
                ip.tree.append(buf, run, i - run);
                if (b == 0) {
                    ip.tree.appendCodePoint(0xFFFD);
                } else {
                    ip.tree.append((byte) '\n');
                    if (skipColumns > 0) {
                        appendIndentationPast(ip, i + 1, skipColumns);
                    } else {
                        appendIndentation(ip, map, i + 1, i + 1 == trimAt);
                    }
                }
                run = i + 1;
            }
        }
        ip.tree.append(buf, run, to - run);
    }

    /** The columns (a tab's as spaces) and bytes of indentation the content line starting at {@code i} lost. */
    private static int indentation(InlineParser ip, int i) {
        return ip.map.indentationPad(i) + ip.map.toSource(i) - ip.map.indentationStart(i);
    }

    /** Whether a line of the content {@code buf[from, to)} after its first lost indentation (v1.5). */
    private static boolean losesIndentation(InlineParser ip, int from, int to) {
        return losesIndentation(ip, from, to, 0);
    }

    /**
     * Whether a line of the content {@code buf[from, to)} after its first lost more than {@code columns} columns of
     * indentation (a tab's as far as its tab stop).
     */
    static boolean losesIndentation(InlineParser ip, int from, int to, int columns) {
        for (int i = from; i < to; i++) {
            if (ip.buf[i] == '\n' && indentation(ip, i + 1) > 0 && (columns == 0 || lostColumns(ip, i + 1) > columns)) {
                return true;
            }
        }
        return false;
    }

    /** The columns the content line starting at {@code i} lost: its tab's part, then its bytes up to their tab stops. */
    private static int lostColumns(InlineParser ip, int i) {
        int indent = ip.map.indentationStart(i);
        int column = columnOf(ip, indent);
        int start = column;
        for (int k = indent; k < ip.map.toSource(i); k++) {
            column = ip.source[k] == '\t' ? column + 4 - (column & 3) : column + 1;
        }
        return ip.map.indentationPad(i) + column - start;
    }

    /** The column of source offset {@code at} on its line, from 0, tabs to their tab stops. */
    private static int columnOf(InlineParser ip, int at) {
        int lineStart = at;
        while (lineStart > 0 && ip.source[lineStart - 1] != '\n' && ip.source[lineStart - 1] != '\r') {
            lineStart--;
        }
        int column = 0;
        for (int k = lineStart; k < at; k++) {
            column = ip.source[k] == '\t' ? column + 4 - (column & 3) : column + 1;
        }
        ip.work += at - lineStart;
        return column;
    }

    /** Appends what the content line starting at {@code i} lost of its indentation past its first {@code skip} columns. */
    private static void appendIndentationPast(InlineParser ip, int i, int skip) {
        int pad = ip.map.indentationPad(i);
        int dropped = Math.min(pad, skip);
        for (int k = dropped; k < pad; k++) {
            ip.tree.append((byte) ' ');
        }
        skip -= dropped;
        int k = ip.map.indentationStart(i);
        int stop = ip.map.toSource(i);
        int column = columnOf(ip, k);
        while (k < stop && skip > 0) {
            int width = ip.source[k] == '\t' ? 4 - (column & 3) : 1;
            if (width > skip) {
                for (int left = width - skip; left > 0; left--) {
                    ip.tree.append((byte) ' ');
                }
                skip = 0;
            } else {
                skip -= width;
            }
            column += width;
            k++;
        }
        if (k < stop) {
            ip.tree.append(ip.source, k, stop - k);
        }
    }

    /**
     * A code span's content {@code buf[q, close)} as written: line endings kept, and after each the indentation the
     * next line lost; less its first and last character when CommonMark strips a space or line ending at each end
     * ({@code strip}): the last is then the closing line's indentation when it has some. mdast's value.
     */
    private static int contentAsWritten(InlineParser ip, int q, int close, boolean strip) {
        ip.tree.beginString();
        int from = q;
        int to = close;
        int trimAt = -1;
        if (strip) {
            from++;
            if (ip.buf[q] == '\n') {
                appendIndentation(ip, ip.map, from, false);
            }
            if (ip.buf[close - 1] == '\n' && indentation(ip, close) > 0) {
                trimAt = close;
            } else {
                to--;
            }
        }
        appendAsWritten(ip, ip.map, ip.buf, from, to, trimAt);
        return ip.tree.endString();
    }

    /** Appends the indentation the content line starting at {@code i} lost, less its last column when asked. */
    private static void appendIndentation(InlineParser ip, SourceMap map, int i, boolean lessItsLast) {
        int pad = map.indentationPad(i);
        int indent = map.indentationStart(i);
        int bytes = map.toSource(i) - indent;
        if (lessItsLast) {
            if (bytes > 0) {
                bytes--;
            } else {
                pad--;
            }
        }
        for (; pad > 0; pad--) {
            ip.tree.append((byte) ' ');
        }
        if (bytes > 0) {
            ip.tree.append(ip.source, indent, bytes);
        }
    }

    private static boolean isSpaceOrLineEnding(byte b) {
        return b == ' ' || b == '\n';
    }
}
