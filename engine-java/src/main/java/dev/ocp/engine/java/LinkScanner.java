package dev.ocp.engine.java;

/**
 * Recognizers for the parts of links and raw HTML, shared by inline links and link reference definitions.
 * Each takes the content buffer, a start index and an exclusive end, and returns the index just past what
 * it recognized or -1, and leaves in {@link #stop} how far it read. None allocates; each reads at most up to
 * the first byte that ends its construct, which keeps the inline parser linear (see the notes on each).
 */
public final class LinkScanner {
    /**
     * Where the last scan stopped reading: every byte it examined lies before this index. The inline parser
     * sums {@code stop - start} over its scans to measure rescanning (tests assert that it stays linear).
     */
    public int stop;

    /** Most characters between the brackets of a link label. */
    static final int MAX_LABEL_CHARS = 999;
    /**
     * Deepest nesting of unescaped parentheses in a link destination. The spec allows a limit (at least 3);
     * without one, a run of {@code [a](b} repeats would rescan the same bytes from every {@code ](}.
     */
    static final int MAX_DESTINATION_PARENS = 32;

    /**
     * Whether a title in parentheses may hold an unescaped {@code '('}, as micromark reads one (it ends the title at
     * the first unescaped {@code ')'}), where CommonMark ends the attempt there ({@link dev.ocp.Flavor#MICROMARK}).
     */
    public boolean parenthesesInTitles;

    // The last title in parentheses read with parenthesesInTitles: from parenFrom to parenStop, and its result. A
    // title that starts inside it ends where it ends (neither starts inside an escape: a space comes before a
    // title), so it is not read again, which keeps a run of unclosed titles linear. forget() drops it.
    private int parenFrom = -1;
    private int parenStop;
    private int parenEnd;
    private int parenResult;

    /** Forgets what earlier scans remembered: the next scan reads another content. */
    public void forget() {
        parenFrom = -1;
    }

    /** Skips spaces and tabs. */
    public static int skipSpaceTab(byte[] buf, int p, int end) {
        while (p < end && (buf[p] == ' ' || buf[p] == '\t')) {
            p++;
        }
        return p;
    }

    /** Skips spaces and tabs with at most one line ending among them. */
    public static int skipSpaceTabNewline(byte[] buf, int p, int end) {
        p = skipSpaceTab(buf, p, end);
        if (p < end && buf[p] == '\n') {
            p = skipSpaceTab(buf, p + 1, end);
        }
        return p;
    }

    /** Records how far a scan read and returns {@code result}. */
    private int stopAt(int at, int result) {
        stop = at;
        return result;
    }

    /**
     * A link label at {@code buf[p] == '['}: up to 999 characters with no unescaped bracket, at least one of
     * them not a space, tab or line ending, then {@code ']'}.
     *
     * @return the index after {@code ']'}, or -1
     */
    public int scanLabel(byte[] buf, int p, int end) {
        if (p >= end || buf[p] != '[') {
            return stopAt(p, -1);
        }
        int close = labelEnd(buf, p + 1, end);
        return close < 0 ? -1 : close + 1;
    }

    /**
     * Whether {@code buf[from, to)} is exactly the content of a link label (used for the text of shortcut and
     * collapsed references; {@code buf[to]} is the closing bracket).
     */
    public boolean isLabelContent(byte[] buf, int from, int to) {
        return labelEnd(buf, from, to + 1) == to;
    }

    /**
     * The index of the {@code ']'} that ends label content starting at {@code p}, or -1. Stops at the first
     * bracket or past 999 characters.
     */
    private int labelEnd(byte[] buf, int p, int end) {
        int chars = 0;
        boolean blank = true;
        while (p < end) {
            byte b = buf[p];
            if (b == ']') {
                return stopAt(p + 1, blank ? -1 : p);
            }
            if (b == '[') {
                return stopAt(p + 1, -1);
            }
            if (b == '\\' && p + 1 < end && CharClasses.isAsciiPunct(buf[p + 1])) {
                p += 2;
                chars += 2;
                blank = false;
            } else {
                if ((b & 0xC0) != 0x80) {
                    chars++;
                }
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    blank = false;
                }
                p++;
            }
            if (chars > MAX_LABEL_CHARS) {
                return stopAt(p, -1);
            }
        }
        return stopAt(p, -1);
    }

    /**
     * A link destination at {@code p}: {@code <...>} without line endings or unescaped angle brackets, or a
     * run of non-space, non-control characters with balanced unescaped parentheses. The second form may be
     * empty here (inline links allow that; definitions check it). Ends before the first byte not part of it.
     *
     * @return the index after the destination, or -1
     */
    public int scanDestination(byte[] buf, int p, int end) {
        if (p < end && buf[p] == '<') {
            p++;
            while (p < end) {
                byte b = buf[p];
                if (b == '>') {
                    return stopAt(p + 1, p + 1);
                }
                if (b == '<' || b == '\n' || b == '\r') {
                    return stopAt(p + 1, -1);
                }
                if (b == '\\' && p + 1 < end && CharClasses.isAsciiPunct(buf[p + 1])) {
                    p += 2;
                } else {
                    p++;
                }
            }
            return stopAt(p, -1);
        }
        int depth = 0;
        while (p < end) {
            byte b = buf[p];
            // Spaces and controls end it; NUL does not, since it stands for U+FFFD (spec 2.3).
            if ((b & 0xFF) <= ' ' && b != 0 || b == 0x7F) {
                break;
            }
            if (b == '\\' && p + 1 < end && CharClasses.isAsciiPunct(buf[p + 1])) {
                p += 2;
                continue;
            }
            if (b == '(') {
                if (++depth > MAX_DESTINATION_PARENS) {
                    return stopAt(p + 1, -1);
                }
            } else if (b == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            p++;
        }
        return stopAt(Math.min(p + 1, end), depth == 0 ? p : -1);
    }

    /**
     * A link title at {@code p}: {@code "..."}, {@code '...'} or {@code (...)}, the closing character (and for
     * parentheses also {@code '('}, unless {@link #parenthesesInTitles}) only if backslash-escaped. Scanning stops at the first unescaped closing
     * character, so titles started at different places with the same opener never overlap.
     *
     * @return the index after the title, or -1
     */
    public int scanTitle(byte[] buf, int p, int end) {
        if (p >= end) {
            return stopAt(p, -1);
        }
        byte open = buf[p];
        byte close;
        if (open == '"' || open == '\'') {
            close = open;
        } else if (open == '(') {
            close = ')';
        } else {
            return stopAt(p + 1, -1);
        }
        boolean nests = open == '(' && parenthesesInTitles;
        if (nests && parenFrom >= 0 && p > parenFrom && p < parenStop && end == parenEnd) {
            return stopAt(p + 1, parenResult);
        }
        int from = p;
        p++;
        while (p < end) {
            byte b = buf[p];
            if (b == close) {
                if (nests) {
                    remember(from, p + 1, end, p + 1);
                }
                return stopAt(p + 1, p + 1);
            }
            if (open == '(' && b == '(' && !nests) {
                return stopAt(p + 1, -1);
            }
            if (b == '\\' && p + 1 < end && CharClasses.isAsciiPunct(buf[p + 1])) {
                p += 2;
            } else {
                p++;
            }
        }
        if (nests) {
            remember(from, p, end, -1);
        }
        return stopAt(p, -1);
    }

    private void remember(int from, int stop, int end, int result) {
        parenFrom = from;
        parenStop = stop;
        parenEnd = end;
        parenResult = result;
    }

    // ---- autolinks ----

    /**
     * A URI autolink at {@code buf[p] == '<'}: a scheme of 2 to 32 characters, {@code ':'}, then no controls,
     * spaces or angle brackets up to {@code '>'}.
     *
     * @return the index after {@code '>'}, or -1
     */
    public int scanUriAutolink(byte[] buf, int p, int end) {
        int q = p + 1;
        if (q >= end || !CharClasses.isLetter(buf[q])) {
            return stopAt(q + 1, -1);
        }
        int schemeStart = q;
        q++;
        while (q < end && q - schemeStart < 33) {
            byte b = buf[q];
            if (CharClasses.isAlnum(b) || b == '+' || b == '.' || b == '-') {
                q++;
            } else {
                break;
            }
        }
        int schemeLength = q - schemeStart;
        if (schemeLength < 2 || schemeLength > 32 || q >= end || buf[q] != ':') {
            return stopAt(q + 1, -1);
        }
        q++;
        while (q < end) {
            byte b = buf[q];
            if (b == '>') {
                return stopAt(q + 1, q + 1);
            }
            if ((b & 0xFF) <= ' ' && b != 0 || b == 0x7F || b == '<') { // NUL stands for U+FFFD
                return stopAt(q + 1, -1);
            }
            q++;
        }
        return stopAt(q, -1);
    }

    /**
     * An email autolink at {@code buf[p] == '<'} per the HTML5 non-normative email pattern.
     *
     * @return the index after {@code '>'}, or -1
     */
    public int scanEmailAutolink(byte[] buf, int p, int end) {
        int q = p + 1;
        int localStart = q;
        while (q < end && isEmailLocal(buf[q])) {
            q++;
        }
        if (q == localStart || q >= end || buf[q] != '@') {
            return stopAt(q + 1, -1);
        }
        q++;
        while (true) {
            // One domain label: alnum, then up to 61 alnum or '-', ending in alnum.
            int labelStart = q;
            if (q >= end || !CharClasses.isAlnum(buf[q])) {
                return stopAt(q + 1, -1);
            }
            while (q < end && q - labelStart < 64 && (CharClasses.isAlnum(buf[q]) || buf[q] == '-')) {
                q++;
            }
            if (q - labelStart > 63 || buf[q - 1] == '-' || q >= end) {
                return stopAt(q, -1);
            }
            if (buf[q] == '>') {
                return stopAt(q + 1, q + 1);
            }
            if (buf[q] != '.') {
                return stopAt(q + 1, -1);
            }
            q++;
        }
    }

    private static boolean isEmailLocal(byte b) {
        if (CharClasses.isAlnum(b)) {
            return true;
        }
        switch (b) {
            case '.': case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '/':
            case '=': case '?': case '^': case '_': case '`': case '{': case '|': case '}': case '~': case '-':
                return true;
            default:
                return false;
        }
    }

    // ---- raw HTML ----

    /**
     * An open tag at {@code buf[p] == '<'}: a tag name, attributes, optional {@code '/'}, {@code '>'}. Stops at
     * the first byte that cannot continue the tag; unquoted parts never contain {@code '<'} and quoted values end
     * at the next quote of their kind, so tags tried from different {@code '<'} rescan little.
     *
     * @return the index after {@code '>'}, or -1
     */
    public int scanOpenTag(byte[] buf, int p, int end) {
        int q = p + 1;
        if (q >= end || !CharClasses.isLetter(buf[q])) {
            return stopAt(q + 1, -1);
        }
        q = skipTagName(buf, q, end);
        while (true) {
            int w = skipSpaceTabNewline(buf, q, end);
            if (w == q || w >= end || !isAttributeNameStart(buf[w])) {
                q = w;
                break;
            }
            q = w + 1;
            while (q < end && isAttributeNameChar(buf[q])) {
                q++;
            }
            int v = skipSpaceTabNewline(buf, q, end);
            if (v < end && buf[v] == '=') {
                v = skipSpaceTabNewline(buf, v + 1, end);
                int valueEnd = scanAttributeValue(buf, v, end);
                if (valueEnd < 0) {
                    return -1; // stop set by scanAttributeValue
                }
                q = valueEnd;
            }
        }
        if (q < end && buf[q] == '/') {
            q++;
        }
        return stopAt(Math.min(q + 1, end), q < end && buf[q] == '>' ? q + 1 : -1);
    }

    /**
     * A closing tag at {@code buf[p] == '<'}: {@code "</"}, a tag name, optional whitespace, {@code '>'}.
     *
     * @return the index after {@code '>'}, or -1
     */
    public int scanClosingTag(byte[] buf, int p, int end) {
        int q = p + 2;
        if (q >= end || buf[p + 1] != '/' || !CharClasses.isLetter(buf[q])) {
            return stopAt(Math.min(q + 1, end), -1);
        }
        q = skipSpaceTabNewline(buf, skipTagName(buf, q, end), end);
        return stopAt(Math.min(q + 1, end), q < end && buf[q] == '>' ? q + 1 : -1);
    }

    private static int skipTagName(byte[] buf, int q, int end) {
        while (q < end && (CharClasses.isAlnum(buf[q]) || buf[q] == '-')) {
            q++;
        }
        return q;
    }

    private static boolean isAttributeNameStart(byte b) {
        return CharClasses.isLetter(b) || b == '_' || b == ':';
    }

    private static boolean isAttributeNameChar(byte b) {
        return CharClasses.isAlnum(b) || b == '_' || b == '.' || b == ':' || b == '-';
    }

    private int scanAttributeValue(byte[] buf, int q, int end) {
        if (q >= end) {
            return stopAt(q, -1);
        }
        byte b = buf[q];
        if (b == '"' || b == '\'') {
            for (int i = q + 1; i < end; i++) {
                if (buf[i] == b) {
                    return i + 1;
                }
            }
            return stopAt(end, -1);
        }
        int start = q;
        while (q < end) {
            b = buf[q];
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '"' || b == '\'' || b == '=' || b == '<'
                    || b == '>' || b == '`') {
                break;
            }
            q++;
        }
        return q > start ? q : stopAt(q + 1, -1);
    }
}
