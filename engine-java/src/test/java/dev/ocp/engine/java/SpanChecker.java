package dev.ocp.engine.java;

import dev.ocp.LineIndex;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpNode;
import dev.ocp.engine.java.inline.Text;
import dev.ocp.spi.OcpFormat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a document's source spans against its source, node by node, by the conventions of the format
 * specification (section 4.3): where each span may lie (inside its parent's, after its previous sibling's) and
 * what the spanned bytes must hold for the node's kind (a code span's backticks and literal, a link's brackets and
 * raw destination, a heading's markers, a text node's bytes decoding to its literal, and so on).
 *
 * <p>What each kind's bytes must hold: a block ends at a line end; a paragraph starts at a non-blank byte; a block
 * quote starts with {@code >}; a list item with its list's marker (digits first when ordered) and a list where its
 * first item does; an ATX heading with its level's {@code #}s, a setext heading ends with its underline; a thematic
 * break holds only its characters, spaces and tabs; a fenced code block starts with its fence, its first line holds
 * its info string, then its literal lines and maybe a closing fence; indented code and HTML blocks hold their
 * literal line by line; a definition starts with {@code [}, its label, {@code ]:} and its raw destination; a text
 * node decodes to its literal and crosses no line ending; a line break is the spaces or backslash and the line
 * ending; a code span is a run of backticks, its literal (line endings as spaces) and the same run; emphasis starts
 * and ends with its delimiters; a link or image starts with {@code [} or {@code ![}, its text ends at a {@code ]}
 * and an inline one holds its raw destination (a reference's destination is in its definition, not in the link);
 * an autolink is {@code <}, its destination, {@code >}; raw HTML is its literal. Children of emphasis, links,
 * headings and list items lie inside the delimiters and markers.
 *
 * <p>Containers strip prefixes ({@code >}, indentation) from the lines of their children, so a node's literal and
 * its span's bytes differ by those prefixes on every line after the first; the checks allow exactly that: each
 * later line of the span may drop a prefix of spaces, tabs and {@code >} that the literal does not hold.
 */
final class SpanChecker {
    private final byte[] src;
    private final OcpCursor c;
    private final OcpCursor look;
    private final List<String> problems = new ArrayList<>();
    private final TreeBuilder scratch = new TreeBuilder();
    private LineIndex lines;

    private SpanChecker(byte[] src, OcpDocument doc) {
        this.src = src;
        this.c = doc.cursor();
        this.look = doc.cursor();
        scratch.reset(Integer.MAX_VALUE);
    }

    /**
     * @param src the parsed source
     * @param doc its document
     * @return the problems found, each naming the node, its span (offsets and line:column) and the spanned text
     */
    static List<String> check(byte[] src, OcpDocument doc) {
        SpanChecker k = new SpanChecker(src, doc);
        k.run();
        return k.problems;
    }

    private void run() {
        int n = c.nodeCount();
        for (int i = 0; i < n; i++) {
            c.moveTo(i);
            int s = c.spanStart();
            int e = c.spanEnd();
            if (s > e || e > src.length) {
                problem(i, "span out of order or past the source");
                continue;
            }
            int parent = c.parentIndex();
            if (parent != OcpFormat.NONE) {
                look.moveTo(parent);
                if (s < look.spanStart() || e > look.spanEnd()) {
                    problem(i, "not inside its parent " + look.kind() + " " + look.spanStart() + "-" + look.spanEnd());
                }
            }
            int next = c.nextSiblingIndex();
            if (next != OcpFormat.NONE) {
                look.moveTo(next);
                if (look.spanStart() < e) {
                    problem(i, "overlaps its next sibling " + look.kind() + " " + look.spanStart() + "-" + look.spanEnd());
                }
            }
            try {
                checkKind(i, s, e);
            } catch (RuntimeException ex) {
                problem(i, "check failed with " + ex);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Per kind
    // ---------------------------------------------------------------------------------------------------------

    private void checkKind(int i, int s, int e) {
        NodeKind kind = c.kind();
        if (kind == null) {
            return;
        }
        if (isBlock(kind) && kind != NodeKind.DOCUMENT) {
            if (!(e == src.length || src[e] == '\n' || src[e] == '\r')) {
                problem(i, "a block must end at the end of a line");
            }
            if (s < src.length && (src[s] == '\n' || src[s] == '\r') && !afterBareTaskMarker(i, s)) {
                problem(i, "a block must not start at a line ending");
            }
        }
        switch (kind) {
            case PARAGRAPH:
                if (s == e || isSpaceOrTab(src[s])) {
                    problem(i, "a paragraph starts at its first non-blank byte");
                }
                childrenWithin(i, s, e);
                break;
            case BLOCK_QUOTE:
                expect(i, s < e && src[s] == '>', "a block quote starts with '>'");
                break;
            case LIST:
                list(i, s);
                break;
            case LIST_ITEM:
                listItem(i, s, e);
                break;
            case HEADING:
                heading(i, s, e);
                break;
            case THEMATIC_BREAK:
                thematicBreak(i, s, e);
                break;
            case MATH_BLOCK:
                fencedCode(i, s, e, (byte) '$');
                break;
            case FRONTMATTER:
                frontmatter(i, s, e);
                break;
            case CODE_BLOCK:
                if ((c.flags() & OcpFormat.FLAG_CODE_FENCED) != 0) {
                    fencedCode(i, s, e, (byte) c.data());
                } else {
                    expect(i, s < e && !isLineEnding(src[s]), "an indented code block starts at its content");
                    literalLines(i, s, e);
                }
                break;
            case HTML_BLOCK:
                literalLines(i, s, e);
                break;
            case DEFINITION:
                definition(i, s, e);
                break;
            case TEXT:
                text(i, s, e);
                break;
            case SOFT_BREAK:
            case HARD_BREAK:
                lineBreak(i, s, e, kind == NodeKind.HARD_BREAK);
                break;
            case CODE_SPAN:
                codeSpan(i, s, e, (byte) '`');
                break;
            case MATH_INLINE:
                codeSpan(i, s, e, (byte) '$');
                break;
            case EMPHASIS:
            case STRONG:
                emphasis(i, s, e, kind == NodeKind.STRONG ? 2 : 1);
                break;
            case LINK:
            case IMAGE:
                link(i, s, e, kind == NodeKind.IMAGE);
                break;
            case TABLE_CELL:
                expect(i, s == e || !isSpaceOrTab(src[s]) && !isSpaceOrTab(src[e - 1]) && src[s] != '|',
                        "a table cell spans its trimmed content");
                childrenWithin(i, s, e);
                break;
            case FOOTNOTE_DEFINITION:
                expect(i, e - s >= 4 && src[s] == '[' && src[s + 1] == '^', "a footnote definition starts with \"[^\"");
                break;
            case FOOTNOTE_REFERENCE:
                expect(i, e - s >= 4 && src[s] == '[' && src[s + 1] == '^' && src[e - 1] == ']',
                        "a footnote reference spans from \"[^\" to ']'");
                break;
            case STRIKETHROUGH:
                expect(i, e - s >= 2 && src[s] == '~' && src[e - 1] == '~', "a strikethrough spans its tildes");
                childrenWithin(i, s + 1, e - 1);
                break;
            case HTML_INLINE:
                expect(i, e - s >= 2 && src[s] == '<' && src[e - 1] == '>', "raw HTML spans from '<' to '>'");
                expect(i, joinedMatch(lineSegments(s, e), literal(), (byte) '\n'),
                        "raw HTML's span holds its literal");
                break;
            default:
                break;
        }
    }

    private void list(int i, int s) {
        look.moveTo(i);
        if (!look.toFirstChild()) {
            problem(i, "a list without items");
            return;
        }
        expect(i, look.spanStart() == s, "a list starts where its first item does");
        if ((c.flags() & OcpFormat.FLAG_LIST_ORDERED) != 0) {
            int q = s;
            long value = 0;
            while (q < src.length && src[q] >= '0' && src[q] <= '9') {
                value = value * 10 + src[q++] - '0';
            }
            expect(i, q > s && value == c.listStart(), "an ordered list's first marker is its start number");
        }
    }

    private void listItem(int i, int s, int e) {
        look.moveTo(c.parentIndex());
        int marker = look.data();
        int q = s;
        if ((look.flags() & OcpFormat.FLAG_LIST_ORDERED) != 0) {
            while (q < e && src[q] >= '0' && src[q] <= '9') {
                q++;
            }
            expect(i, q > s && q - s <= 9, "an ordered item starts with digits");
        }
        expect(i, q < e && src[q] == marker, "a list item starts with its marker '" + (char) marker + "'");
        childrenWithin(i, q + 1, e);
    }

    private void heading(int i, int s, int e) {
        int level = c.data();
        if ((c.flags() & OcpFormat.FLAG_HEADING_SETEXT) == 0) {
            int q = s;
            while (q < e && src[q] == '#') {
                q++;
            }
            expect(i, q - s == level, "an ATX heading starts with " + level + " '#'");
            expect(i, q == e || isSpaceOrTab(src[q]), "an ATX heading's '#'s are followed by a space, a tab or the end");
            childrenWithin(i, q, e);
            if (c.hasChildren()) {
                // The closing sequence, if any, follows the content: nothing but '#', spaces and tabs.
                int last = lastChildEnd(i);
                for (int p = last; p < e; p++) {
                    if (src[p] != '#' && !isSpaceOrTab(src[p])) {
                        problem(i, "only a closing sequence may follow the heading's text");
                        break;
                    }
                }
            }
        } else {
            int underline = lastLineStart(s, e);
            expect(i, underline > s, "a setext heading spans its text and its underline");
            byte m = (byte) (level == 1 ? '=' : '-');
            boolean seen = false;
            boolean ok = true;
            for (int p = underline; p < e; p++) {
                if (src[p] == m) {
                    seen = true;
                } else if (!isSpaceOrTab(src[p]) && !(src[p] == '>' && !seen)) {
                    ok = false;
                }
            }
            expect(i, seen && ok, "a setext heading's last line is its underline of '" + (char) m + "'");
            childrenWithin(i, s, underline);
        }
    }

    private void thematicBreak(int i, int s, int e) {
        byte m = s < e ? src[s] : 0;
        int count = 0;
        boolean ok = m == '*' || m == '-' || m == '_';
        for (int p = s; p < e && ok; p++) {
            if (src[p] == m) {
                count++;
            } else if (!isSpaceOrTab(src[p])) {
                ok = false;
            }
        }
        expect(i, ok && count >= 3, "a thematic break holds only its characters, spaces and tabs");
    }

    /** A fenced code block, or with {@code fence} {@code $} a math block (its meta as written, not decoded). */
    private void fencedCode(int i, int s, int e, byte fence) {
        int q = s;
        while (q < e && src[q] == fence) {
            q++;
        }
        int width = q - s;
        expect(i, width >= (fence == '$' ? 2 : 3), "a fenced block starts with its fence");
        int firstEnd = lineEnd(s, e);
        byte[] info = slot(OcpNode.Field.INFO);
        byte[] written = fence == '$' ? nulToReplacement(trim(q, firstEnd)) : decode(trim(q, firstEnd));
        expect(i, info == null ? written.length == 0 : Arrays.equals(written, info),
                "the opening fence line holds the info string " + show(info) + " (found " + show(written) + ")");
        // The body: the lines after the fence line, less a closing fence line if the span ends with one.
        List<byte[]> lines = lineSegments(s, e);
        lines.remove(0);
        int literalLines = countLines(literal());
        if (lines.size() == literalLines + 1) {
            byte[] last = lines.remove(lines.size() - 1);
            expect(i, isClosingFence(last, fence, width), "the last line is a closing fence");
        }
        expect(i, lines.size() == literalLines, "the span holds the fence lines and the " + literalLines
                + " literal lines, not " + lines.size() + " body lines");
        if (lines.size() == literalLines) {
            expect(i, linesMatch(lines, literal()), "the body lines hold the literal");
        }
    }

    /** Frontmatter: the document's first bytes (after a byte order mark), a fence, its lines, the same fence. */
    private void frontmatter(int i, int s, int e) {
        expect(i, s == 0 || s == 3 && (src[0] & 0xFF) == 0xEF, "frontmatter starts the document");
        List<byte[]> lines = lineSegments(s, e);
        expect(i, lines.size() >= 2, "frontmatter spans its two fences");
        if (lines.size() >= 2) {
            byte[] open = lines.remove(0);
            byte[] close = lines.remove(lines.size() - 1);
            expect(i, open.length >= 3 && (open[0] == '-' || open[0] == '+')
                    && Arrays.equals(trimmed(open), trimmed(close)), "the first and last lines are the same fence");
            expect(i, linesMatch(lines, literal()), "the lines between the fences hold the literal");
        }
    }

    private static byte[] trimmed(byte[] line) {
        int end = line.length;
        while (end > 0 && isSpaceOrTab(line[end - 1])) {
            end--;
        }
        return Arrays.copyOf(line, end);
    }

    private void literalLines(int i, int s, int e) {
        byte[] literal = literal();
        List<byte[]> lines = lineSegments(s, e);
        expect(i, lines.size() == countLines(literal), "the span has one line per literal line ("
                + countLines(literal) + "), not " + lines.size());
        if (lines.size() == countLines(literal)) {
            expect(i, linesMatch(lines, literal), "the span's lines hold the literal");
        }
    }

    private void definition(int i, int s, int e) {
        expect(i, s < e && src[s] == '[', "a definition starts with '['");
        byte[] l = slot(OcpNode.Field.LABEL);
        if (l != null && indexOf(l, (byte) '\n') < 0 && indexOf(l, (byte) '\r') < 0 && indexOf(l, (byte) 0xEF) < 0) {
            expect(i, startsWith(s + 1, l) && s + 1 + l.length + 1 < e && src[s + 1 + l.length] == ']'
                    && src[s + 2 + l.length] == ':', "a definition starts with its label, ']' and ':'");
            int d = skipToContent(s + 3 + l.length, e);
            // The span runs to the end of the line: spaces and tabs may follow a last destination.
            int lineEnd = e;
            while (lineEnd > d && isSpaceOrTab(src[lineEnd - 1])) {
                lineEnd--;
            }
            destination(i, d, lineEnd, slot(OcpNode.Field.DESTINATION), slot(OcpNode.Field.TITLE) == null);
        }
        if (slot(OcpNode.Field.TITLE) != null) {
            int last = e;
            while (last > s && isSpaceOrTab(src[last - 1])) {
                last--;
            }
            byte close = last > s ? src[last - 1] : 0;
            expect(i, close == '"' || close == '\'' || close == ')', "a definition with a title ends with its quote"
                    + " and trailing whitespace");
        }
    }

    private void text(int i, int s, int e) {
        for (int p = s; p < e; p++) {
            if (isLineEnding(src[p])) {
                problem(i, "a text node spans a line ending");
                return;
            }
        }
        byte[] decoded = decode(cellSource(i, Arrays.copyOfRange(src, s, e)));
        look.moveTo(c.parentIndex());
        if (look.kind() == NodeKind.LINK
                && (look.flags() & (OcpFormat.FLAG_LINK_AUTOLINK | OcpFormat.FLAG_LINK_LITERAL)) != 0) {
            decoded = nulToReplacement(Arrays.copyOfRange(src, s, e)); // an autolink's text is not decoded
        }
        expect(i, Arrays.equals(decoded, literal()), "the text decodes to its literal \"" + show(literal()) + "\"");
    }

    private void lineBreak(int i, int s, int e, boolean hard) {
        int p = s;
        if (hard && p < e && src[p] == '\\') {
            p++;
        } else {
            int spaces = 0;
            while (p < e && src[p] == ' ') {
                p++;
                spaces++;
            }
            if (hard) {
                expect(i, spaces >= 2, "a hard break holds a backslash or two or more spaces");
            }
        }
        int ending = p < e && src[p] == '\r' && p + 1 < e && src[p + 1] == '\n' ? 2 : 1;
        expect(i, p < e && isLineEnding(src[p]) && p + ending == e, "a line break ends with its line ending");
    }

    /** A code span, or with {@code marker} {@code $} inline math: the same rules with dollars. */
    private void codeSpan(int i, int s, int e, byte marker) {
        int n = 0;
        while (s + n < e && src[s + n] == marker) {
            n++;
        }
        boolean ok = n > 0 && e - s > 2 * n;
        for (int k = 1; ok && k <= n; k++) {
            ok = src[e - k] == marker;
        }
        ok = ok && src[e - n - 1] != marker && src[s + n] != marker && (e == src.length || src[e] != marker);
        expect(i, ok, "a code span or inline math starts and ends with the same run of its marker");
        if (ok) {
            List<byte[]> segments = new ArrayList<>();
            for (byte[] segment : lineSegments(s + n, e - n)) {
                segments.add(cellSource(i, segment));
            }
            byte[] literal = literal();
            expect(i, joinedMatch(segments, literal, (byte) ' ') || joinedMatch(segments, concat(" ", literal, " "),
                    (byte) ' '), "the code span's interior holds its literal");
        }
    }

    private void emphasis(int i, int s, int e, int width) {
        byte m = (byte) c.data();
        boolean ok = e - s >= 2 * width;
        for (int k = 0; ok && k < width; k++) {
            ok = src[s + k] == m && src[e - 1 - k] == m;
        }
        expect(i, ok, "emphasis starts and ends with " + width + " '" + (char) m + "'");
        childrenWithin(i, s + width, e - width);
    }

    private void link(int i, int s, int e, boolean image) {
        if (!image && (c.flags() & OcpFormat.FLAG_LINK_LITERAL) != 0) {
            // An autolink literal is its text: one TEXT child over the whole span.
            look.moveTo(i);
            expect(i, look.toFirstChild() && look.spanStart() == s && look.spanEnd() == e
                    && look.nextSiblingIndex() == OcpFormat.NONE, "an autolink literal spans its text");
            return;
        }
        if (!image && (c.flags() & OcpFormat.FLAG_LINK_AUTOLINK) != 0) {
            expect(i, e - s >= 2 && src[s] == '<' && src[e - 1] == '>', "an autolink spans from '<' to '>'");
            byte[] inner = nulToReplacement(Arrays.copyOfRange(src, s + 1, e - 1));
            byte[] dest = slot(OcpNode.Field.DESTINATION);
            byte[] mailto = "mailto:".getBytes(StandardCharsets.US_ASCII);
            boolean email = dest.length == inner.length + mailto.length
                    && Arrays.equals(dest, 0, mailto.length, mailto, 0, mailto.length);
            expect(i, Arrays.equals(dest, email ? mailto.length : 0, dest.length, inner, 0, inner.length),
                    "an autolink holds its destination");
            childrenWithin(i, s + 1, e - 1);
            return;
        }
        int open = image ? 2 : 1;
        expect(i, e - s >= open + 1 && src[s] == (image ? '!' : '[') && (!image || src[s + 1] == '['),
                image ? "an image starts with \"![\"" : "a link starts with '['");
        // The link text ends at the first ']' after the last child (only container prefixes can be between).
        int close = c.hasChildren() ? lastChildEnd(i) : s + open;
        while (close < e && src[close] != ']') {
            close++;
        }
        expect(i, close < e, "the link text ends with ']'");
        childrenWithin(i, s + open, close);
        if (close + 1 < e && src[close + 1] == '(') {
            expect(i, src[e - 1] == ')', "an inline link ends with ')'");
            int d = skipToContent(close + 2, e);
            destination(i, d, e - 1, slot(OcpNode.Field.DESTINATION), slot(OcpNode.Field.TITLE) == null);
        } else {
            expect(i, src[e - 1] == ']', "a reference link ends with ']'");
        }
    }

    /** The raw destination at {@code d} (after the separating whitespace) decodes to {@code expected}. */
    private void destination(int i, int d, int e, byte[] expected, boolean last) {
        int end;
        if (d < e && src[d] == '<') {
            end = d + 1;
            while (end < e && src[end] != '>') {
                end += src[end] == '\\' && end + 1 < e ? 2 : 1;
            }
            byte[] got = decode(Arrays.copyOfRange(src, d + 1, Math.min(end, e)));
            expect(i, end < e && Arrays.equals(got, expected), "the span holds the destination <" + show(expected)
                    + "> (found " + show(got) + ")");
            return;
        }
        end = d;
        // Spaces and controls end a raw destination, but not NUL, which stands for U+FFFD (spec 2.3).
        while (end < e && ((src[end] & 0xFF) > ' ' || src[end] == 0) && src[end] != 0x7F) {
            end++;
        }
        byte[] got = decode(Arrays.copyOfRange(src, d, end));
        expect(i, Arrays.equals(got, expected), "the span holds the destination " + show(expected) + " (found "
                + show(got) + ")");
        if (last) {
            int close = end;
            // whitespace (a line ending and the next line's container prefix among it) may come before the ')'
            while (close < e && (isSpaceOrTab(src[close]) || isLineEnding(src[close]) || src[close] == '>')) {
                close++;
            }
            expect(i, close == e, "the destination ends the span");
        }
    }

    /**
     * A table cell's source as its inline content sees it: GFM takes the backslash off {@code \|} before inline
     * parsing (also inside code spans). Other nodes' source as it is.
     */
    private byte[] cellSource(int i, byte[] source) {
        look.moveTo(i);
        boolean inCell = false;
        while (look.parentIndex() >= 0) {
            look.moveTo(look.parentIndex());
            if (look.kind() == NodeKind.TABLE_CELL) {
                inCell = true;
                break;
            }
        }
        if (!inCell) {
            return source;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(source.length);
        for (int p = 0; p < source.length; p++) {
            if (source[p] == '\\' && p + 1 < source.length && source[p + 1] == '|') {
                continue;
            }
            out.write(source[p]);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Whether block {@code i}, starting at a line ending, is the paragraph of a task item whose marker had nothing
     * after it on its line (the paragraph starts at that line's end, format spec 4.3).
     */
    private boolean afterBareTaskMarker(int i, int s) {
        look.moveTo(i);
        if (look.kind() != NodeKind.PARAGRAPH) {
            return false;
        }
        look.moveTo(look.parentIndex());
        if (look.kind() != NodeKind.LIST_ITEM || (look.flags() & OcpFormat.FLAG_ITEM_TASK) == 0) {
            return false;
        }
        int q = s;
        while (q > 0 && isSpaceOrTab(src[q - 1])) {
            q--;
        }
        return q >= 3 && src[q - 1] == ']' && src[q - 3] == '[';
    }

    private static boolean isBlock(NodeKind k) {
        switch (k) {
            case TABLE:
            case TABLE_ROW:
            case FOOTNOTE_DEFINITION:
            case DOCUMENT:
            case PARAGRAPH:
            case HEADING:
            case THEMATIC_BREAK:
            case BLOCK_QUOTE:
            case LIST:
            case LIST_ITEM:
            case CODE_BLOCK:
            case HTML_BLOCK:
            case DEFINITION:
            case MATH_BLOCK:
            case FRONTMATTER:
                return true;
            default:
                return false;
        }
    }

    /** The children of node {@code i} lie within {@code [from, to)}. */
    private void childrenWithin(int i, int from, int to) {
        look.moveTo(i);
        if (!look.toFirstChild()) {
            return;
        }
        do {
            if (look.spanStart() < from || look.spanEnd() > to) {
                problem(i, "child " + look.kind() + " " + look.spanStart() + "-" + look.spanEnd() + " is outside the "
                        + "content " + from + "-" + to);
                return;
            }
        } while (look.toNextSibling());
    }

    private int lastChildEnd(int i) {
        look.moveTo(i);
        look.toFirstChild();
        while (look.toNextSibling()) {
            // to the last
        }
        return look.spanEnd();
    }

    /** After {@code p}: spaces and tabs, then, after a line ending, a container prefix of spaces, tabs and '>'. */
    private int skipToContent(int p, int e) {
        while (p < e && isSpaceOrTab(src[p])) {
            p++;
        }
        if (p < e && isLineEnding(src[p])) {
            p += src[p] == '\r' && p + 1 < e && src[p + 1] == '\n' ? 2 : 1;
            while (p < e && (isSpaceOrTab(src[p]) || src[p] == '>')) {
                p++;
            }
        }
        return p;
    }

    private int lineEnd(int p, int e) {
        while (p < e && !isLineEnding(src[p])) {
            p++;
        }
        return p;
    }

    private int lastLineStart(int s, int e) {
        int p = e;
        while (p > s && !isLineEnding(src[p - 1])) {
            p--;
        }
        return p;
    }

    /** The span's lines, without their line endings. */
    private List<byte[]> lineSegments(int s, int e) {
        List<byte[]> out = new ArrayList<>();
        int p = s;
        while (true) {
            int q = lineEnd(p, e);
            out.add(Arrays.copyOfRange(src, p, q));
            if (q >= e) {
                return out;
            }
            p = q + (src[q] == '\r' && q + 1 < e && src[q + 1] == '\n' ? 2 : 1);
        }
    }

    /** Lines of a literal in which every line ends in LF. */
    private static int countLines(byte[] literal) {
        int n = 0;
        for (byte b : literal) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    /**
     * Each line of {@code literal} (LF-terminated) is the matching source line without a container prefix of
     * spaces, tabs and '>'; a tab the container consumed in part may stand as spaces at the literal line's start.
     */
    private static boolean linesMatch(List<byte[]> lines, byte[] literal) {
        int at = 0;
        for (byte[] line : lines) {
            int end = at;
            while (literal[end] != '\n') {
                end++;
            }
            byte[] lit = Arrays.copyOfRange(literal, at, end);
            at = end + 1;
            byte[] source = nulToReplacement(line);
            boolean ok = false;
            for (int strip = 0; strip <= lit.length && !ok; strip++) {
                if (strip > 0 && lit[strip - 1] != ' ') {
                    break;
                }
                ok = endsWithAfterPrefix(source, lit, strip, strip > 0);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@code source} is a prefix of spaces, tabs and '>' then {@code lit[from..]}; a padded line needs a tab. */
    private static boolean endsWithAfterPrefix(byte[] source, byte[] lit, int from, boolean padded) {
        int len = lit.length - from;
        int cut = source.length - len;
        if (cut < 0 || !Arrays.equals(source, cut, source.length, lit, from, lit.length)) {
            return false;
        }
        boolean tab = false;
        for (int k = 0; k < cut; k++) {
            if (source[k] == '\t') {
                tab = true;
            } else if (source[k] != ' ' && source[k] != '>') {
                return false;
            }
        }
        return !padded || tab;
    }

    /**
     * {@code literal} is the segments joined by {@code joiner}, the first as it is and each later one without a
     * container prefix of spaces, tabs and '>' (NUL as U+FFFD).
     */
    private static boolean joinedMatch(List<byte[]> segments, byte[] literal, byte joiner) {
        return joinedMatch(segments, 0, literal, 0, joiner);
    }

    private static boolean joinedMatch(List<byte[]> segments, int index, byte[] literal, int at, byte joiner) {
        byte[] seg = nulToReplacement(segments.get(index));
        for (int strip = 0; strip <= seg.length; strip++) {
            if (strip > 0 && (index == 0 || !(isSpaceOrTab(seg[strip - 1]) || seg[strip - 1] == '>'))) {
                break;
            }
            int len = seg.length - strip;
            if (at + len > literal.length || !Arrays.equals(seg, strip, seg.length, literal, at, at + len)) {
                continue;
            }
            int next = at + len;
            if (index == segments.size() - 1) {
                if (next == literal.length) {
                    return true;
                }
            } else if (next < literal.length && literal[next] == joiner
                    && joinedMatch(segments, index + 1, literal, next + 1, joiner)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isClosingFence(byte[] line, byte fence, int width) {
        int p = 0;
        while (p < line.length && (isSpaceOrTab(line[p]) || line[p] == '>')) {
            p++;
        }
        int q = p;
        while (q < line.length && line[q] == fence) {
            q++;
        }
        if (q - p < width) {
            return false;
        }
        while (q < line.length && isSpaceOrTab(line[q])) {
            q++;
        }
        return q == line.length;
    }

    private byte[] trim(int from, int to) {
        while (from < to && isSpaceOrTab(src[from])) {
            from++;
        }
        while (to > from && isSpaceOrTab(src[to - 1])) {
            to--;
        }
        return Arrays.copyOfRange(src, from, to);
    }

    private boolean startsWith(int p, byte[] prefix) {
        return p + prefix.length <= src.length && Arrays.equals(src, p, p + prefix.length, prefix, 0, prefix.length);
    }

    /** Escapes and character references decoded, NUL as U+FFFD (the engine's decoder: spans are checked here). */
    private byte[] decode(byte[] raw) {
        scratch.beginString();
        Text.appendUnescaped(scratch, raw, 0, raw.length, false);
        int id = scratch.endString();
        byte[] b = new byte[scratch.stringLength(id)];
        for (int k = 0; k < b.length; k++) {
            b[k] = scratch.stringByte(id, k);
        }
        return b;
    }

    private static int indexOf(byte[] b, byte x) {
        for (int k = 0; k < b.length; k++) {
            if (b[k] == x) {
                return k;
            }
        }
        return -1;
    }

    private static byte[] nulToReplacement(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        for (byte x : b) {
            if (x == 0) {
                out.write(0xEF);
                out.write(0xBF);
                out.write(0xBD);
            } else {
                out.write(x);
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(String a, byte[] b, String c) {
        byte[] out = new byte[b.length + 2];
        out[0] = (byte) a.charAt(0);
        System.arraycopy(b, 0, out, 1, b.length);
        out[b.length + 1] = (byte) c.charAt(0);
        return out;
    }

    /** A string of the node under the cursor as its bytes (not decoded: sources may be malformed UTF-8). */
    private byte[] slot(OcpNode.Field field) {
        java.nio.ByteBuffer b = c.bytes(field);
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private byte[] literal() {
        byte[] b = slot(OcpNode.Field.LITERAL);
        return b == null ? new byte[0] : b;
    }

    private static String show(byte[] b) {
        return b == null ? "none" : new String(b, StandardCharsets.UTF_8);
    }

    private static boolean isSpaceOrTab(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean isLineEnding(byte b) {
        return b == '\n' || b == '\r';
    }

    private void expect(int i, boolean ok, String rule) {
        if (!ok) {
            problem(i, rule);
        }
    }

    private void problem(int i, String rule) {
        if (problems.size() >= 20) {
            return;
        }
        look.moveTo(i);
        int s = look.spanStart();
        int e = look.spanEnd();
        if (lines == null) {
            lines = LineIndex.of(src);
        }
        String where = s <= e && e <= src.length
                ? lines.position(s) + "-" + lines.position(e) : "?";
        String text = s <= e && e <= src.length ? new String(src, s, Math.min(e - s, 80), StandardCharsets.UTF_8) : "";
        problems.add("node " + i + " " + look.kind() + " [" + s + "," + e + ") " + where + " \""
                + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\": " + rule);
    }
}
