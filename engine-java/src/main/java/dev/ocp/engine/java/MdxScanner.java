package dev.ocp.engine.java;

import java.nio.charset.StandardCharsets;

/**
 * The lexical part of MDX that the block and inline parsers share: a JSX tag ({@link #tag}) and an expression in
 * braces ({@link #expression}), read as markdown-rs 1.0 reads them without a JavaScript parser (expressions by brace
 * balancing), with its error reasons and rule ids word for word so that people can look them up.
 *
 * <p>A scan runs over content bytes {@code b[from, end)}: a paragraph's lines joined by LF, or the lines of a flow
 * construct; line endings inside a tag or an expression are whitespace there. The scanner never allocates per
 * byte: it records where the tag's name and attributes are, and the caller builds nodes from those offsets.
 *
 * <p>Outcomes: the offset after the construct; {@link #NOK} when the bytes are not one (markdown-rs's "not this
 * construct", after which they are text); or a {@link Failure} at a content offset, which the caller places in the
 * source and reports as a syntax error. The input's end inside a tag is mostly {@code NOK} (markdown-rs reads the
 * end as whitespace, which a tag cannot end with), but is a failure inside a quoted value or an expression; with
 * {@link #micromark} it is a failure wherever it comes, as micromark, which never reads it as whitespace, fails.
 */
public final class MdxScanner {
    /** The bytes are not a tag (or not an expression). */
    public static final int NOK = -1;

    /** Attribute kinds, the format's numbers (section 6). */
    static final int PLAIN = 1;
    static final int EXPRESSION = 2;
    static final int BOOLEAN = 3;
    static final int SPREAD = 4;

    /** A syntax error at a content offset. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** Where, as a content offset. */
        public final int at;
        /** markdown-rs's rule id. */
        public final String ruleId;
        /** markdown-rs's reason. */
        public final String reason;

        public Failure(int at, String ruleId, String reason) {
            super(reason, null, false, false);
            this.at = at;
            this.ruleId = ruleId;
            this.reason = reason;
        }
    }

    // ---- the last tag: a closing tag, a self-closing one, its name (nameStart -1: a fragment) ----
    public boolean closing;
    public boolean selfClosing;
    int nameStart;
    int nameEnd;
    /**
     * Where a closing tag's first attribute or self-closing slash is, or -1: the tree reports it (markdown-rs
     * raises these when it builds its tree), {@link #closingExtraIsSlash} saying which.
     */
    public int closingExtra;
    public boolean closingExtraIsSlash;
    int attributes;
    int[] attrKind = new int[8];
    int[] attrNameStart = new int[8];
    int[] attrNameEnd = new int[8];
    int[] attrValueStart = new int[8];
    int[] attrValueEnd = new int[8];
    int[] attrStart = new int[8];
    int[] attrEnd = new int[8];

    /**
     * Whether the end of the input is a failure inside a tag, named after the place it comes (micromark's reading,
     * {@link dev.ocp.Flavor#MICROMARK}), not whitespace that makes the bytes no tag (markdown-rs's).
     */
    public boolean micromark;
    /**
     * Whether a line ending follows the input a {@link Continuation} may extend: a {@code <} at the end of the line
     * is then no tag (whitespace may not follow it), which needs no look at the next line, lazy or not.
     */
    public boolean lineEndingFollows;
    /**
     * With {@link #micromark}: whether spaces or tabs follow the input (those that end a paragraph's last line,
     * which micromark's text still reads and its tree drops): the end is whitespace once, then the end.
     */
    public boolean spaceAtEnd;

    private byte[] b;
    private int end;

    /**
     * Where more lines come from when a tag or an expression in flow reaches the end of its line: the block parser
     * appends the next line (a line ending, then the line without its container prefixes) and hands the buffer
     * back through {@link #grow}, or fails on a lazy line.
     */
    interface Continuation {
        /**
         * Appends the next line, if there is one.
         *
         * @param scanner      the scanner to {@link #grow}
         * @param inExpression whether the scan is inside an expression (for the lazy line's reason)
         * @return whether a line was appended
         * @throws Failure on a lazy line
         */
        boolean more(MdxScanner scanner, boolean inExpression);
    }

    private Continuation continuation;
    private boolean inExpression;

    /** Sets where more lines come from, or {@code null} for content that is all there (a paragraph's). */
    public void continueWith(Continuation c) {
        continuation = c;
    }

    /** Takes the buffer back after a {@link Continuation} appended to it. */
    public void grow(byte[] buf, int limit) {
        b = buf;
        end = limit;
    }

    /** @return the buffer of the last scan, which a continuation may have replaced */
    public byte[] buffer() {
        return b;
    }

    /** @return the end of the last scan's input, past any appended lines */
    int limit() {
        return end;
    }

    /** Whether {@code q} is inside the input, once more lines were asked for where it is not. */
    private boolean has(int q) {
        while (q >= end && continuation != null && continuation.more(this, inExpression)) {
            // the continuation grew the buffer
        }
        return q < end;
    }

    /**
     * Reads a JSX tag at {@code b[p]}, a {@code <}.
     *
     * @return the offset after its {@code >}, or {@link #NOK}
     * @throws Failure where markdown-rs crashes
     */
    public int tag(byte[] buf, int p, int limit) {
        b = buf;
        end = limit;
        closing = false;
        selfClosing = false;
        nameStart = -1;
        nameEnd = -1;
        closingExtra = -1;
        closingExtraIsSlash = false;
        attributes = 0;
        inExpression = false;
        int q = p + 1;
        if (q >= end && (continuation != null ? lineEndingFollows : micromark && spaceAtEnd)
                || has(q) && (b[q] == '\t' || b[q] == '\n' || b[q] == ' ')) {
            return NOK; // markdown-rs deviates from JSX here: no whitespace right after '<'
        }
        if ((q = whitespace(q)) == NOK) {
            return NOK;
        }
        if (at(q) == '/') {
            closing = true;
            if ((q = whitespace(q + 1)) == NOK) {
                return NOK;
            }
            if (at(q) == '>') {
                return q + 1; // the closing fragment </>
            }
            if (!idStart(q)) {
                int c = at(q);
                throw crash(q, "before name", "a character that can start a name, such as a letter, `$`, or `_`"
                        + (c == JS_COMMENT_NOTE_BYTE ? " (note: JS comments in JSX tags are not supported in MDX)" : ""));
            }
        } else if (at(q) == '>') {
            return q + 1; // the opening fragment <>
        } else if (!idStart(q)) {
            throw crash(q, "before name", "a character that can start a name, such as a letter, `$`, or `_`"
                    + (at(q) == '!' ? " (note: to create a comment in MDX, use `{/* text */}`)" : ""));
        }
        // The name: primary, then members (a.b.c) or one local part (a:b).
        nameStart = q;
        q = name(q, "in name", ".:/>{", true, NAME_CHARACTER + LINK_NOTE);
        if ((q = whitespace(q)) == NOK) {
            return NOK;
        }
        if (at(q) == '.') {
            do {
                if ((q = whitespace(q + 1)) == NOK) {
                    return NOK;
                }
                if (!idStart(q)) {
                    throw crash(q, "before member name", ATTRIBUTE_NAME_START);
                }
                q = name(q, "in member name", "./>{", true, NAME_CHARACTER + LINK_NOTE);
                nameEnd = q;
                if ((q = whitespace(q)) == NOK) {
                    return NOK;
                }
            } while (at(q) == '.');
            if (!endOfName(q)) {
                throw crash(q, "after member name", ATTRIBUTE_NAME_START);
            }
        } else if (at(q) == ':') {
            if ((q = whitespace(q + 1)) == NOK) {
                return NOK;
            }
            if (!idStart(q)) {
                int c = at(q);
                throw crash(q, "before local name", "a character that can start a name, such as a letter, `$`, or `_`"
                        + (c == '+' || c >= '/' && c <= '9' ? " (note: to create a link in MDX, use `[text](url)`)"
                        : ""));
            }
            q = name(q, "in local name", "/>{", false, NAME_CHARACTER);
            nameEnd = q;
            if ((q = whitespace(q)) == NOK) {
                return NOK;
            }
            if (!endOfName(q)) {
                throw crash(q, "after local name", ATTRIBUTE_NAME_START);
            }
        } else if (!endOfName(q)) {
            throw crash(q, "after name", ATTRIBUTE_NAME_START);
        }
        return attributes(q);
    }

    /**
     * The byte after which markdown-rs adds its note on JS comments. Its code compares with {@code b'*' | b'/'},
     * which Rust reads as the bitwise or of the two bytes, {@code /}: so the note follows {@code /} and not
     * {@code *}, as its tests confirm (a closing tag that starts with a block comment gets no note).
     */
    private static final int JS_COMMENT_NOTE_BYTE = '*' | '/';

    private static final String ATTRIBUTE_NAME_START = "a character that can start an attribute name, such as a "
            + "letter, `$`, or `_`; whitespace before attributes; or the end of the tag";
    private static final String ATTRIBUTE_NAME_OR_VALUE = "a character that can start an attribute name, such as a "
            + "letter, `$`, or `_`; `=` to initialize a value; or the end of the tag";

    /** After the name: attributes until {@code /} or {@code >}. */
    private int attributes(int q) {
        while (true) {
            int c = at(q);
            if (c == '/') {
                if (closing && closingExtra < 0) {
                    closingExtra = q;
                    closingExtraIsSlash = true;
                }
                selfClosing = true;
                if ((q = whitespace(q + 1)) == NOK) {
                    return NOK;
                }
                if (at(q) != '>') {
                    int x = at(q);
                    throw crash(q, "after self-closing slash", "`>` to end the tag"
                            + (x == JS_COMMENT_NOTE_BYTE ? " (note: JS comments in JSX tags are not supported in MDX)"
                            : ""));
                }
                return q + 1;
            }
            if (c == '>') {
                return q + 1;
            }
            int start = q;
            if (closing && closingExtra < 0) {
                closingExtra = q;
            }
            if (c == '{') {
                int e = expression(b, q, end);
                inExpression = false;
                add(SPREAD, -1, -1, q + 1, e - 1, start, e);
                q = e;
            } else if (idStart(q)) {
                int nameFrom = q;
                q = name(q, "in attribute name", "/:=>{", false, "an attribute name character such as letters, "
                        + "digits, `$`, or `_`; `=` to initialize a value; whitespace before attributes; or the end of "
                        + "the tag");
                int nameTo = q;
                if ((q = whitespace(q)) == NOK) {
                    return NOK;
                }
                if (at(q) == ':') {
                    if ((q = whitespace(q + 1)) == NOK) {
                        return NOK;
                    }
                    if (!idStart(q)) {
                        throw crash(q, "before local attribute name", ATTRIBUTE_NAME_OR_VALUE);
                    }
                    q = name(q, "in local attribute name", "/=>{", false, "an attribute name character such as "
                            + "letters, digits, `$`, or `_`; `=` to initialize a value; whitespace before attributes; "
                            + "or the end of the tag");
                    nameTo = q;
                    if ((q = whitespace(q)) == NOK) {
                        return NOK;
                    }
                    if (at(q) != '=' && !endOfName(q)) {
                        throw crash(q, "after local attribute name", ATTRIBUTE_NAME_OR_VALUE);
                    }
                }
                if (at(q) == '=') {
                    if ((q = whitespace(q + 1)) == NOK) {
                        return NOK;
                    }
                    int v = at(q);
                    if (v == '"' || v == '\'') {
                        int close = q + 1;
                        while (has(close) && b[close] != v) {
                            close++;
                        }
                        if (!has(close)) {
                            if (!micromark && onlyWhitespaceAfterLastLineEnding(q + 1)) {
                                return NOK; // markdown-rs reads on after a line ending as whitespace, to the end
                            }
                            throw new Failure(end, "unexpected-eof", "Unexpected end of file in attribute value, "
                                    + "expected a corresponding closing quote " + format(v));
                        }
                        add(PLAIN, nameFrom, nameTo, q + 1, close, start, close + 1);
                        q = close + 1;
                    } else if (v == '{') {
                        int e = expression(b, q, end);
                        inExpression = false;
                        add(EXPRESSION, nameFrom, nameTo, q + 1, e - 1, start, e);
                        q = e;
                    } else {
                        throw crash(q, "before attribute value", "a character that can start an attribute value, such "
                                + "as `\"`, `'`, or `{`" + (v == '<' ? " (note: to use an element or fragment as a prop "
                                + "value in MDX, use `{<element />}`)" : ""));
                    }
                } else if (endOfName(q)) {
                    add(BOOLEAN, nameFrom, nameTo, -1, -1, start, nameTo);
                    continue; // q is already past the whitespace
                } else {
                    throw crash(q, "after attribute name", ATTRIBUTE_NAME_OR_VALUE);
                }
            } else {
                throw crash(q, "before attribute name", ATTRIBUTE_NAME_START);
            }
            if ((q = whitespace(q)) == NOK) {
                return NOK;
            }
        }
    }

    /**
     * Reads an expression at {@code b[p]}, a {@code {}: up to the brace that balances it.
     *
     * @return the offset after its closing brace
     * @throws Failure at the end of the input when the braces do not balance
     */
    public int expression(byte[] buf, int p, int limit) {
        b = buf;
        end = limit;
        boolean outer = inExpression;
        inExpression = true;
        int depth = 0;
        for (int q = p + 1; has(q); q++) {
            byte c = b[q];
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    inExpression = outer;
                    return q + 1;
                }
                depth--;
            }
        }
        throw new Failure(end, "unexpected-eof", "Unexpected end of file in expression, expected a corresponding "
                + "closing brace for `{`");
    }

    /** Whether {@code b[from, end)} has a line ending with only whitespace after the last one. */
    private boolean onlyWhitespaceAfterLastLineEnding(int from) {
        int last = end - 1;
        while (last >= from && b[last] != '\n') {
            last--;
        }
        if (last < from) {
            return false;
        }
        for (int q = last + 1; q < end; q += charLength(q)) {
            if (!isWhitespace(q)) {
                return false;
            }
        }
        return true;
    }

    private void add(int kind, int nameFrom, int nameTo, int valueFrom, int valueTo, int from, int to) {
        if (attributes == attrKind.length) {
            int n = attributes * 2;
            attrKind = java.util.Arrays.copyOf(attrKind, n);
            attrNameStart = java.util.Arrays.copyOf(attrNameStart, n);
            attrNameEnd = java.util.Arrays.copyOf(attrNameEnd, n);
            attrValueStart = java.util.Arrays.copyOf(attrValueStart, n);
            attrValueEnd = java.util.Arrays.copyOf(attrValueEnd, n);
            attrStart = java.util.Arrays.copyOf(attrStart, n);
            attrEnd = java.util.Arrays.copyOf(attrEnd, n);
        }
        int i = attributes++;
        attrKind[i] = kind;
        attrNameStart[i] = nameFrom;
        attrNameEnd[i] = nameTo;
        attrValueStart[i] = valueFrom;
        attrValueEnd[i] = valueTo;
        attrStart[i] = from;
        attrEnd[i] = to;
    }

    /** Whether the byte at {@code q} may follow a complete name: {@code /}, {@code >}, {@code {} or a name start. */
    private boolean endOfName(int q) {
        int c = at(q);
        return c == '/' || c == '>' || c == '{' || idStart(q);
    }

    private static final String NAME_CHARACTER = "a name character such as letters, digits, `$`, or `_`; whitespace "
            + "before attributes; or the end of the tag";
    /** Added to {@link #NAME_CHARACTER} after a tag's name or member name when the character is {@code @}. */
    private static final String LINK_NOTE = "\0";

    /**
     * Reads a name from its first character at {@code q} to the whitespace or one of {@code stops} after it.
     * Records the end of a tag's name when {@code atName}. {@code expected} ending in {@link #LINK_NOTE} adds
     * markdown-rs's note about links when the character that stops the name is {@code @}.
     */
    private int name(int q, String where, String stops, boolean atName, String expected) {
        q += charLength(q);
        while (true) {
            if (isWhitespace(q) || stops.indexOf(at(q)) >= 0 && at(q) >= 0) {
                if (atName) {
                    nameEnd = q;
                }
                return q;
            }
            if (idContinue(q)) {
                q += charLength(q);
            } else {
                boolean note = expected.endsWith(LINK_NOTE);
                String text = note ? expected.substring(0, expected.length() - LINK_NOTE.length()) : expected;
                throw crash(q, where, text + (note && at(q) == '@'
                        ? " (note: to create a link in MDX, use `[text](url)`)" : ""));
            }
        }
    }

    /**
     * Skips whitespace (line endings included) from {@code q}.
     *
     * @return the first other byte's offset, or {@link #NOK} at the end of the input (markdown-rs: whitespace
     * that reaches the end is not a tag; with {@link #micromark}, the end, where the caller fails)
     */
    private int whitespace(int q) {
        while (has(q) && isWhitespace(q)) {
            q += charLength(q);
        }
        return has(q) || micromark ? q : NOK;
    }

    /** The byte at {@code q} (0..255), or -1 at the end. */
    private int at(int q) {
        return has(q) ? b[q] & 0xFF : -1;
    }

    /**
     * markdown-rs's whitespace: ASCII whitespace, Unicode White_Space (the fixed list of its non-ASCII members),
     * and the end of the input.
     */
    private boolean isWhitespace(int q) {
        if (!has(q)) {
            return !micromark || spaceAtEnd && continuation == null;
        }
        int c = b[q] & 0xFF;
        if (c < 0x80) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0C;
        }
        int cp = codePoint(q);
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || cp >= 0x2000 && cp <= 0x200A || cp == 0x2028
                || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    private boolean idStart(int q) {
        if (!has(q)) {
            return false;
        }
        int cp = codePoint(q);
        return cp == '$' || cp == '_' || CharClasses.isIdStart(cp);
    }

    private boolean idContinue(int q) {
        if (!has(q)) {
            return false;
        }
        int cp = codePoint(q);
        return cp == '$' || cp == '-' || cp == 0x200C || cp == 0x200D || CharClasses.isIdContinue(cp);
    }

    /** The code point at {@code q}, or -1 where the bytes are not UTF-8. */
    private int codePoint(int q) {
        int c = b[q] & 0xFF;
        int n = charLength(q);
        if (c < 0x80) {
            return c;
        }
        if (n == 1) {
            return -1;
        }
        int cp = c & (0x3F >> (n - 1));
        for (int i = 1; i < n; i++) {
            cp = cp << 6 | b[q + i] & 0x3F;
        }
        return cp;
    }

    /** The length of the UTF-8 sequence at {@code q}, 1 for a byte that starts none. */
    private int charLength(int q) {
        int c = b[q] & 0xFF;
        int n = c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
        if (!has(q + n - 1)) {
            return 1;
        }
        for (int i = 1; i < n; i++) {
            if ((b[q + i] & 0xC0) != 0x80) {
                return 1;
            }
        }
        return n;
    }

    private Failure crash(int q, String where, String expected) {
        boolean eof = !has(q);
        String found = eof ? "end of file" : "character " + format(codePoint(q));
        return new Failure(q, eof ? "unexpected-eof" : "unexpected-character",
                "Unexpected " + found + " " + where + ", expected " + expected);
    }

    /** markdown-rs's way of naming a character in a message: {@code `a` (U+0061)}, or the code point alone. */
    static String format(int cp) {
        String code = String.format("U+%04X", cp < 0 ? 0xFFFD : cp);
        if (cp == '`') {
            return "`` ` `` (" + code + ")";
        }
        if (cp >= '!' && cp <= '~') {
            return "`" + (char) cp + "` (" + code + ")";
        }
        return code;
    }

    /** @return {@code b[from, to)} as a string, for tests and messages */
    static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }
}
