package dev.ocp.engine.java.block;

/**
 * HTML blocks: a line whose content starts with one of seven kinds of opener (1: {@code <pre}, {@code <script},
 * {@code <style}, {@code <textarea}; 2: a comment; 3: a processing instruction; 4: a declaration; 5: CDATA; 6: a
 * known block tag name; 7: any complete open or closing tag alone on its line) starts a block that runs until that
 * kind's end condition (kinds 1-5: a line containing the matching terminator) or a blank line (kinds 6 and 7).
 * Kind 7 cannot interrupt a paragraph. Not in MDX, where {@code <} starts JSX. {@link Line#processLine} opens and
 * ends the block with the scanners below; {@link LeafContent} keeps its lines and literal.
 *
 * <p>References: CommonMark 0.31.2, section 4.6 (HTML blocks); micromark construct {@code html-flow}, markdown-rs
 * {@code html_flow}.
 *
 * <p>Here: the start and end conditions, as byte scanners over one line.
 * Stateless; every method looks at {@code s[from, end)} only and never past {@code end}. Written without
 * tables of objects or regular expressions so that it ports to C line by line.
 */
public final class HtmlBlock {
    private HtmlBlock() {
    }

    /** Tag names of start condition 6, lower case. */
    private static final byte[][] BLOCK_NAMES = names("address", "article", "aside", "base", "basefont",
            "blockquote", "body", "caption", "center", "col", "colgroup", "dd", "details", "dialog", "dir", "div",
            "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3",
            "h4", "h5", "h6", "head", "header", "hr", "html", "iframe", "legend", "li", "link", "main", "menu",
            "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param", "search", "section", "summary",
            "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul");

    /** Tag names of start condition 1 (also excluded from condition 7), lower case. */
    private static final byte[][] RAW_NAMES = names("pre", "script", "style", "textarea");

    private static byte[][] names(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return out;
    }

    /**
     * Which start condition the line {@code s[p, end)} meets, {@code s[p]} being {@code '<'} after at most three
     * spaces of indentation.
     *
     * @param allow7 whether condition 7 may apply (it cannot interrupt a paragraph)
     * @return 1..7, or 0 if the line starts no HTML block
     */
    public static int startCondition(byte[] s, int p, int end, boolean allow7) {
        if (p + 1 >= end || s[p] != '<') {
            return 0;
        }
        int c = s[p + 1];
        if (c == '!') {
            if (startsWith(s, p + 2, end, "--")) {
                return 2;
            }
            if (startsWith(s, p + 2, end, "[CDATA[")) {
                return 5;
            }
            if (p + 2 < end && isLetter(s[p + 2])) {
                return 4;
            }
            return 0;
        }
        if (c == '?') {
            return 3;
        }
        boolean closing = c == '/';
        int nameStart = closing ? p + 2 : p + 1;
        int nameEnd = nameStart;
        while (nameEnd < end && isLetterOrDigit(s[nameEnd])) {
            nameEnd++;
        }
        if (nameEnd > nameStart) {
            int after = nameEnd < end ? s[nameEnd] & 0xFF : -1; // unsigned: a 0xFF byte is not the line's end
            boolean boundary = after == -1 || after == ' ' || after == '\t' || after == '>';
            if (!closing && boundary && indexOfName(RAW_NAMES, s, nameStart, nameEnd) >= 0) {
                return 1;
            }
            if ((boundary || after == '/' && nameEnd + 1 < end && s[nameEnd + 1] == '>')
                    && indexOfName(BLOCK_NAMES, s, nameStart, nameEnd) >= 0) {
                return 6;
            }
        }
        if (allow7) {
            int q = closing ? closingTag(s, p, end) : openTag(s, p, end);
            if (q > 0) {
                while (q < end && (s[q] == ' ' || s[q] == '\t')) {
                    q++;
                }
                if (q == end) {
                    return 7;
                }
            }
        }
        return 0;
    }

    /** Whether the line {@code s[from, end)} meets the end condition of an HTML block of {@code type} 1..5. */
    public static boolean endCondition(int type, byte[] s, int from, int end) {
        switch (type) {
            case 1:
                for (int i = from; i + 1 < end; i++) {
                    if (s[i] == '<' && s[i + 1] == '/') {
                        int nameEnd = i + 2;
                        while (nameEnd < end && isLetter(s[nameEnd])) {
                            nameEnd++;
                        }
                        if (nameEnd < end && s[nameEnd] == '>' && indexOfName(RAW_NAMES, s, i + 2, nameEnd) >= 0) {
                            return true;
                        }
                    }
                }
                return false;
            case 2:
                return contains(s, from, end, "-->");
            case 3:
                return contains(s, from, end, "?>");
            case 4:
                return contains(s, from, end, ">");
            case 5:
                return contains(s, from, end, "]]>");
            default:
                return false;
        }
    }

    /**
     * Scans a complete open tag at {@code s[p] == '<'} (tag name other than the condition 1 names).
     *
     * @return the index just past its {@code '>'}, or 0 if there is none
     */
    private static int openTag(byte[] s, int p, int end) {
        int q = p + 1;
        if (q >= end || !isLetter(s[q])) {
            return 0;
        }
        int nameStart = q;
        while (q < end && (isLetterOrDigit(s[q]) || s[q] == '-')) {
            q++;
        }
        if (indexOfName(RAW_NAMES, s, nameStart, q) >= 0) {
            return 0;
        }
        while (true) {
            int ws = q;
            while (ws < end && (s[ws] == ' ' || s[ws] == '\t')) {
                ws++;
            }
            if (ws == q || ws >= end || !isAttributeNameStart(s[ws])) {
                q = ws;
                break;
            }
            // An attribute: name, then an optional value specification.
            int r = ws + 1;
            while (r < end && isAttributeNameChar(s[r])) {
                r++;
            }
            int v = r;
            while (v < end && (s[v] == ' ' || s[v] == '\t')) {
                v++;
            }
            if (v < end && s[v] == '=') {
                v++;
                while (v < end && (s[v] == ' ' || s[v] == '\t')) {
                    v++;
                }
                int valueEnd = attributeValue(s, v, end);
                if (valueEnd == 0) {
                    return 0;
                }
                q = valueEnd;
            } else {
                q = r;
            }
        }
        if (q < end && s[q] == '/') {
            q++;
        }
        return q < end && s[q] == '>' ? q + 1 : 0;
    }

    /** @return the index just past an attribute value starting at {@code p}, or 0 if there is none */
    private static int attributeValue(byte[] s, int p, int end) {
        if (p >= end) {
            return 0;
        }
        byte quote = s[p];
        if (quote == '"' || quote == '\'') {
            for (int i = p + 1; i < end; i++) {
                if (s[i] == quote) {
                    return i + 1;
                }
            }
            return 0;
        }
        int i = p;
        while (i < end) {
            byte b = s[i];
            if (b == ' ' || b == '\t' || b == '"' || b == '\'' || b == '=' || b == '<' || b == '>' || b == '`') {
                break;
            }
            i++;
        }
        return i > p ? i : 0;
    }

    /** Scans a closing tag at {@code s[p, p+2) == "</"}; returns the index past its {@code '>'} or 0. */
    private static int closingTag(byte[] s, int p, int end) {
        int q = p + 2;
        if (q >= end || !isLetter(s[q])) {
            return 0;
        }
        while (q < end && (isLetterOrDigit(s[q]) || s[q] == '-')) {
            q++;
        }
        while (q < end && (s[q] == ' ' || s[q] == '\t')) {
            q++;
        }
        return q < end && s[q] == '>' ? q + 1 : 0;
    }

    /** @return the index in {@code names} of the ASCII-case-insensitive name {@code s[from, to)}, or -1 */
    private static int indexOfName(byte[][] names, byte[] s, int from, int to) {
        int len = to - from;
        for (int n = 0; n < names.length; n++) {
            byte[] name = names[n];
            if (name.length != len) {
                continue;
            }
            int i = 0;
            while (i < len && toLower(s[from + i]) == name[i]) {
                i++;
            }
            if (i == len) {
                return n;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] s, int p, int end, String prefix) {
        int n = prefix.length();
        if (end - p < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s[p + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] s, int from, int end, String needle) {
        int n = needle.length();
        byte first = (byte) needle.charAt(0);
        for (int i = from; i + n <= end; i++) {
            if (s[i] == first && startsWith(s, i, end, needle)) {
                return true;
            }
        }
        return false;
    }

    private static int toLower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    private static boolean isLetter(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z';
    }

    private static boolean isLetterOrDigit(byte b) {
        return isLetter(b) || b >= '0' && b <= '9';
    }

    private static boolean isAttributeNameStart(byte b) {
        return isLetter(b) || b == '_' || b == ':';
    }

    private static boolean isAttributeNameChar(byte b) {
        return isLetterOrDigit(b) || b == '_' || b == '.' || b == ':' || b == '-';
    }
}
