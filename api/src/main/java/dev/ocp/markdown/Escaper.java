package dev.ocp.markdown;

/**
 * What Markdown must escape, and how: the text of a node written so that it parses back to the same text and to
 * nothing else. A backslash escapes ASCII punctuation; what a backslash cannot escape (a line ending inside a text,
 * whitespace a paragraph would strip) is written as a numeric character reference, which Markdown decodes in text,
 * destinations, titles and info strings alike.
 *
 * <p>Which characters of a text are escaped, and where, is the {@link EscapeTable} of the document's syntax: the
 * characters that can start syntax anywhere ({@code \ ` * _ [ ] <}, {@code &} before what reads as a character
 * reference, and the extensions' {@code ~ $ {}), those that start a block only at the start of a line
 * ({@code # > - + =}, a number followed by {@code .} or {@code )}), and GFM's autolink literals, kept from forming
 * out of plain text by escaping the {@code .} of {@code www.}, the {@code :} of {@code ://} and every {@code @}.
 * This class makes each place's test; the table says which characters it applies to.
 */
final class Escaper {
    /** Per byte, where it is unsafe ({@link EscapeTable}'s bits). */
    private final int[] where;
    /** Per byte, whether {@link #text} must look at it rather than copy it in a run. */
    private final boolean[] special;
    /** Whether a run is skipped a word at a time, and with which filter ({@link #maySpecial}). */
    private final boolean words;
    private final boolean wideFilter;

    /** Whether heading ids are read ({@link EscapeTable#headingIds()}). */
    final boolean headingIds;

    Escaper(EscapeTable table) {
        this.headingIds = table.headingIds();
        this.where = table.where();
        this.special = table.special();
        this.words = table.filter() < 2;
        this.wideFilter = table.filter() == 1;
    }

    /** The text starts a line of its block: what starts a block there is escaped, leading blanks referenced. */
    static final int LINE_START = 1;
    /** A line break or the end of the block follows: trailing blanks, which would be lost, are referenced. */
    static final int LINE_END = 2;
    /** The text follows a shortcut reference, which an opening {@code (} or {@code :} would turn into more. */
    static final int AFTER_REFERENCE = 4;
    /** The text opens an emphasis, strong emphasis or strikethrough: leading whitespace would unmake it. */
    static final int OPENS_DELIMITED = 8;
    /** The text closes one: trailing whitespace would unmake it. */
    static final int CLOSES_DELIMITED = 16;
    /**
     * A delimiter run of the text's first character ({@code *} or {@code _}) comes right before it, and the source
     * had the text as it is: its leading run of that character is written unescaped, as part of the run, as the
     * source had it (what is left of a run that paired only in part is text). Escaped, it would shorten the run,
     * and the run's length decides how CommonMark pairs it (the rule of three).
     */
    static final int RUN_BEFORE = 32;
    /** Likewise for the trailing run of the text's last character and a delimiter run right after it. */
    static final int RUN_AFTER = 64;
    /**
     * The text's first character, written as it is, would keep the closing run of the delimited sibling before it
     * from closing (a letter after punctuation, a control character): it is written as a reference instead, whose
     * {@code &} flanks the run as punctuation, as the source's reference did.
     */
    static final int REFERENCE_FIRST = 128;
    /** Likewise the text's last character, before the opening run of the delimited sibling after it. */
    static final int REFERENCE_LAST = 256;
    /** A link follows the text, which a trailing {@code !} would turn into an image. */
    static final int BEFORE_LINK = 512;

    /**
     * Writes a text node's literal, the bytes {@code s[0, n)}.
     *
     * @param where {@link #LINE_START}, {@link #LINE_END}, {@link #AFTER_REFERENCE}, {@link #OPENS_DELIMITED},
     *              {@link #CLOSES_DELIMITED}, or'ed
     */
    void text(byte[] s, int n, Bytes b, int where) {
        int trailing = n;
        if ((where & LINE_END) != 0) {
            while (trailing > 0 && isBlank(s[trailing - 1])) {
                trailing--;
            }
        }
        if ((where & CLOSES_DELIMITED) != 0) {
            while (trailing > 0 && isUnicodeWhitespace(Bytes.codePointBefore(s, 0, trailing))) {
                trailing = Bytes.startBefore(s, 0, trailing);
            }
        }
        int rawTo = 0;
        if ((where & RUN_BEFORE) != 0) {
            while (rawTo < n && s[rawTo] == s[0]) {
                rawTo++;
            }
        }
        int rawFrom = n;
        if ((where & RUN_AFTER) != 0) {
            while (rawFrom > rawTo && s[rawFrom - 1] == s[n - 1]) {
                rawFrom--;
            }
        }
        int i = 0;
        if ((where & OPENS_DELIMITED) != 0) {
            while (i < n) {
                int c = Bytes.codePointAt(s, i, n);
                if (!isUnicodeWhitespace(c)) {
                    break;
                }
                b.reference(c);
                i += Bytes.sequenceLength(s[i]);
            }
        }
        if ((where & LINE_START) != 0) {
            while (i < n && isBlank(s[i])) {
                b.reference(s[i]);
                i++;
            }
            if (i < n) {
                i = lineStart(s, n, i, this.where, b);
            }
        } else if ((where & AFTER_REFERENCE) != 0 && n > 0
                && (this.where[s[0] & 0xFF] & EscapeTable.AFTER_SHORTCUT) != 0) {
            b.add('\\', s[0]);
            i = 1;
        }
        // The last character, referenced, is all of its bytes (a supplementary one too).
        int last = (where & REFERENCE_LAST) != 0 && n > 0 ? Bytes.startBefore(s, 0, n) : n;
        int plainEnd = Math.min(trailing, last);
        boolean[] special = this.special;
        int[] unsafe = this.where;
        boolean words = this.words;
        while (i < n) {
            byte c = s[i];
            if (!special[c & 0xFF] && i < plainEnd && (i > 0 || (where & REFERENCE_FIRST) == 0)) {
                // A run of characters that never need escaping, appended at once: skipped a word at a time while no
                // byte of the word can be special, then a byte at a time.
                int j = i + 1;
                while (words && j + 8 <= plainEnd && !maySpecial((long) WORDS.get(s, j))) {
                    j += 8;
                }
                while (j < plainEnd && !special[s[j] & 0xFF]) {
                    j++;
                }
                b.add(s, i, j);
                i = j;
                continue;
            }
            if (i >= trailing || (i == 0 && (where & REFERENCE_FIRST) != 0) || i == last) {
                int q = Bytes.sequence(s, i, n);
                if (q < 0) {
                    // Ill-formed: left as it is, for the check of the whole output to find (MarkdownRenderer).
                    b.add(c);
                    i++;
                    continue;
                }
                b.reference(q >>> 3);
                i += q & 7;
                continue;
            }
            if (i < rawTo || i >= rawFrom) {
                b.add(c);
                i++;
                continue;
            }
            int rule = unsafe[c & 0xFF];
            if ((rule & EscapeTable.AS_REFERENCE) != 0) {
                b.reference(c);
            } else if (rule != 0 && unsafe(rule, s, n, i, where)) {
                b.add('\\', c);
            } else {
                b.add(c);
            }
            i++;
        }
    }

    /**
     * Whether a character with the places {@code rule} ({@link EscapeTable}'s bits) is unsafe at {@code s[i]} of a
     * text of {@code n} bytes standing {@code where}: each place's test.
     */
    private static boolean unsafe(int rule, byte[] s, int n, int i, int where) {
        return (rule & EscapeTable.ANYWHERE) != 0
                || (rule & EscapeTable.BEFORE_REFERENCE_NAME) != 0 && entityFollows(s, n, i + 1)
                || (rule & EscapeTable.BEFORE_TWO_SLASHES) != 0 && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/'
                || (rule & EscapeTable.AFTER_WWW) != 0 && i >= 3 && isW(s[i - 3]) && isW(s[i - 2]) && isW(s[i - 1])
                || (rule & EscapeTable.LAST_BEFORE_LINK) != 0 && i == n - 1 && (where & BEFORE_LINK) != 0;
    }

    private static final java.lang.invoke.VarHandle WORDS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Whether a byte of the word (eight bytes, any order) may be one {@link #text} escapes in this syntax: false only
     * when none is. It tests a few ranges and bytes rather than the table: control characters below 0x0E (line
     * endings), {@code [ \ ] ^ _ `}, {@code ! & * <} ({@link #inNarrowFilter}), and where the table escapes more
     * {@code { | } ~ @ : . $} too ({@link #inWideFilter}; a byte that is not special there only sends the word to
     * the byte-at-a-time scan). A table with a special byte that neither filter finds scans a byte at a time. Prose
     * has none of them in most words.
     */
    private boolean maySpecial(long w) {
        long low = w & ~HIGHS; // each byte's low seven bits: the ranges below are of ASCII, and bytes 0x80 and up
        long ascii = ~w & HIGHS; // never special, are kept out by this
        // A byte below 0x0E; a byte from 0x5B to 0x60 (0x5A + 1 to 0x61 - 1).
        long m = (HIGHS - low + 0x0D * ONES & HIGHS)
                | (low + (0x80 - 0x5B) * ONES & ~(low + (0x80 - 0x61) * ONES) & HIGHS);
        m |= zero(w ^ '!' * ONES) | zero(w ^ '&' * ONES) | zero(w ^ '*' * ONES) | zero(w ^ '<' * ONES);
        if (wideFilter) {
            m |= (low + (0x80 - 0x7B) * ONES & ~(low + (0x80 - 0x7F) * ONES) & HIGHS)
                    | zero(w ^ '@' * ONES) | zero(w ^ ':' * ONES) | zero(w ^ '.' * ONES) | zero(w ^ '$' * ONES);
        }
        return (m & ascii) != 0;
    }

    /** The high bit of each byte that is zero, and maybe of bytes above one that is (enough for "is any"). */
    private static long zero(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    private static boolean isW(byte c) {
        return c == 'w' || c == 'W';
    }

    /** Whether the narrow word filter ({@link #maySpecial}) finds byte {@code b}: what CommonMark escapes. */
    static boolean inNarrowFilter(int b) {
        return b < 0x0E || (b >= 0x5B && b <= 0x60) || b == '!' || b == '&' || b == '*' || b == '<';
    }

    /** Whether the wide filter adds byte {@code b}: what the extensions escape ({@code { | } ~ @ : . $}). */
    static boolean inWideFilter(int b) {
        return (b >= 0x7B && b <= 0x7E) || b == '@' || b == ':' || b == '.' || b == '$';
    }

    /** Unicode whitespace as CommonMark's flanking rules read it: Zs, tab, line feed, form feed, carriage return. */
    static boolean isUnicodeWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    /** Unicode punctuation as CommonMark 0.31.2 reads it: the general categories P and S. */
    static boolean isUnicodePunctuation(int c) {
        switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /** Escapes what would start a block at the start of a line; returns where the plain escaping goes on. */
    private static int lineStart(byte[] s, int n, int i, int[] unsafe, Bytes b) {
        byte c = s[i];
        if ((unsafe[c & 0xFF] & EscapeTable.LINE_START) != 0) {
            b.add('\\', c);
            return i + 1;
        }
        int j = i;
        while (j < n && j - i < 10 && s[j] >= '0' && s[j] <= '9') {
            j++;
        }
        if (j > i && j < n && (unsafe[s[j] & 0xFF] & EscapeTable.AFTER_LINE_START_DIGITS) != 0) {
            b.add(s, i, j);
            b.add('\\', s[j]);
            return j + 1;
        }
        return i;
    }

    private static void escapeIf(boolean escape, byte c, Bytes b) {
        if (escape) {
            b.add('\\', c);
        } else {
            b.add(c);
        }
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }

    /** Whether what follows an {@code &} reads as a character reference ({@code &amp;}, {@code &#38;}, {@code &#x26;}). */
    static boolean entityFollows(String s, int i) {
        int n = Math.min(s.length(), i + 33);
        if (i >= n) {
            return false;
        }
        char c = s.charAt(i);
        if (c != '#' && !isAsciiAlnum(c)) {
            return false;
        }
        for (int j = i + 1; j < n; j++) {
            char d = s.charAt(j);
            if (d == ';') {
                return true;
            }
            if (!isAsciiAlnum(d)) {
                return false;
            }
        }
        return false;
    }

    /**
     * {@link #entityFollows(String, int)} on the bytes {@code s[0, length)}: a reference is ASCII, so the first byte
     * of anything else ends it as its character would.
     */
    static boolean entityFollows(byte[] s, int length, int i) {
        int n = Math.min(length, i + 33);
        if (i >= n) {
            return false;
        }
        int c = s[i];
        if (c != '#' && !isAsciiAlnum(c)) {
            return false;
        }
        for (int j = i + 1; j < n; j++) {
            int d = s[j];
            if (d == ';') {
                return true;
            }
            if (!isAsciiAlnum(d)) {
                return false;
            }
        }
        return false;
    }

    private static boolean isAsciiAlnum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * A link or image destination, the bytes {@code d[0, n)}: bare, or in angle brackets when it holds what bare
     * cannot, or is empty where something follows it (a definition's title or the end of its line, a link's title).
     */
    void destination(byte[] d, int n, boolean emptyInBrackets, Bytes b) {
        boolean angle = n == 0 ? emptyInBrackets : needsAngle(d, n);
        if (angle) {
            b.add('<');
        }
        for (int i = 0; i < n; i++) {
            byte c = d[i];
            if (c == '\n' || c == '\r' || (!angle && c >= 0 && c < 0x20)) {
                b.reference(c);
            } else if (c == '\\' || c == '<' || c == '>' || (!angle && (c == '(' || c == ')'))) {
                b.add('\\', c);
            } else {
                escapeIf(c == '&' && entityFollows(d, n, i + 1), c, b);
            }
        }
        if (angle) {
            b.add('>');
        }
    }

    private static boolean needsAngle(byte[] d, int n) {
        for (int i = 0; i < n; i++) {
            byte c = d[i];
            if (c == ' ' || (c >= 0 && c < 0x20) || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** A link title, the bytes {@code t[0, n)}, in double quotes. */
    void title(byte[] t, int n, Bytes b) {
        b.add('"');
        for (int i = 0; i < n; i++) {
            byte c = t[i];
            if (c == '"' || c == '\\') {
                b.add('\\', c);
            } else if (c == '\n' || c == '\r') {
                b.reference(c);
            } else {
                escapeIf(c == '&' && entityFollows(t, n, i + 1), c, b);
            }
        }
        b.add('"');
    }

    /** A fenced code block's info string (after the fence), the bytes {@code info[0, n)}. */
    void info(byte[] info, int n, Bytes b) {
        for (int i = 0; i < n; i++) {
            byte c = info[i];
            if (c == '\\') {
                b.add('\\', '\\');
            } else if (c == '\n' || c == '\r') {
                b.reference(c);
            } else {
                escapeIf(c == '&' && entityFollows(info, n, i + 1), c, b);
            }
        }
    }

    /**
     * A code span (or inline math, with {@code $}): the content between runs of ticks longer than any run of them
     * inside, with a space on each side when the content would otherwise lose one or merge with a tick. The content
     * may hold the line endings the span crossed: each goes on a new line, which is indented when it starts with
     * what might start a block (the payload does not keep the whitespace that started the source's line, which
     * CommonMark drops and mdast keeps).
     */
    static void codeSpan(byte[] content, int n, byte tick, boolean table, Bytes b) {
        int count = 1;
        while (hasRunOf(content, n, tick, count)) {
            count++;
        }
        boolean pad = n > 0 && (content[0] == tick || content[n - 1] == tick
                || (isSpaceOrLf(content[0]) && isSpaceOrLf(content[n - 1]) && !allSpaceOrLf(content, n)));
        b.repeat(tick, count);
        if (pad) {
            b.add(' ');
        }
        raw(content, n, table, b);
        if (pad) {
            b.add(' ');
        }
        b.repeat(tick, count);
    }

    /**
     * Raw inline content that crosses lines (a code span's, raw HTML's): after each line ending, the next line is
     * indented when it starts with what might start a block; a paragraph's line keeps none of its indentation. In
     * a table, {@code |} is escaped.
     */
    private static void raw(byte[] s, int n, boolean table, Bytes b) {
        raw(s, n, table, false, b);
    }

    /** {@link #raw}; with {@code html}, a line that starts with whitespace is indented by three spaces only. */
    private static void raw(byte[] s, int n, boolean table, boolean html, Bytes b) {
        int from = 0;
        for (int i = 0; i < n; i++) {
            byte c = s[i];
            if (c == '|' && table) {
                b.add(s, from, i);
                b.add('\\');
                from = i;
            } else if (c == '\n' && i + 1 < n && mayStartBlock(s, i + 1, n)) {
                b.add(s, from, i + 1);
                b.repeat(' ', html && (s[i + 1] == ' ' || s[i + 1] == '\t') ? 3 : 4);
                from = i + 1;
            }
        }
        b.add(s, from, n);
    }

    /**
     * Raw inline HTML, its lines kept from starting blocks ({@link #raw}). Its text is what mdast keeps (format v1.5):
     * a line that starts with whitespace had that much indentation past three columns, which micromark keeps in the
     * HTML's value, so such a line is written after three spaces, which the paragraph takes again (with the line's
     * own, four columns or more, where no line starts a block). A line that might start a block gets four, and then
     * reads back with one space more in mdast's value (the HTML is the same).
     */
    static void rawInline(byte[] html, int n, boolean table, Bytes b) {
        raw(html, n, table, true, b);
    }

    /**
     * Whether the line at {@code s[i]} (up to the next LF or {@code n}) might start a block instead of going on with a
     * paragraph, by the shapes of the blocks that can interrupt one (or make it a setext heading or a table's header):
     * a list item (a marker then a space, a tab or the line's end), a thematic break or setext underline (one of
     * {@code - * _ =} and whitespace alone), an ATX heading, a fence, a block quote, an HTML block ({@code <} then a
     * letter, {@code /}, {@code !} or {@code ?}), a footnote definition, a table's delimiter row, indentation.
     * Conservative where the shape is long to tell (an HTML block's tag name, {@code {}): a line written indented
     * stays the same text.
     */
    static boolean mayStartBlock(byte[] s, int i, int n) {
        byte c = s[i];
        if (c == '-' || c == '+' || c == '*' || c == '_' || c == '=') {
            if (i + 1 >= n || s[i + 1] == ' ' || s[i + 1] == '\t' || s[i + 1] == '\n') {
                return true;
            }
            boolean sameByte = true;
            for (int k = i + 1; k < n && s[k] != '\n'; k++) {
                if (s[k] == '|') {
                    return true; // a table's delimiter row (-|-) under a line that can be its header
                }
                sameByte &= s[k] == c || s[k] == ' ' || s[k] == '\t';
            }
            return sameByte;
        }
        switch (c) {
            case '#': {
                int k = run(s, i, n, c);
                return k - i <= 6 && endsOrSpace(s, k, n); // an ATX heading
            }
            case '~':
            case '`':
                return run(s, i, n, c) - i >= 3; // a fence
            case '$':
                return run(s, i, n, c) - i >= 2; // a math fence
            case ':':
            case '|': {
                // A table's delimiter row under a line that can be its header: pipes, colons, hyphens, whitespace.
                boolean hyphen = false;
                for (int k = i; k < n && s[k] != '\n'; k++) {
                    byte d = s[k];
                    if (d == '-') {
                        hyphen = true;
                    } else if (d != ':' && d != '|' && d != ' ' && d != '\t') {
                        return false;
                    }
                }
                return hyphen;
            }
            default:
                if (c >= '0' && c <= '9') {
                    // An ordered item interrupts a paragraph only when it starts at 1 (01 too).
                    int k = run(s, i, n, (byte) '0');
                    return k < n && s[k] == '1' && k + 1 < n && (s[k + 1] == '.' || s[k + 1] == ')')
                            && endsOrSpace(s, k + 2, n);
                }
                if (c == '<') {
                    // An HTML block that can interrupt a paragraph starts with < and then a letter, / ! or ?.
                    byte d = i + 1 < n ? s[i + 1] : 0;
                    return (d | 0x20) >= 'a' && (d | 0x20) <= 'z' || d == '/' || d == '!' || d == '?';
                }
                if (c == '[') {
                    return i + 1 < n && s[i + 1] == '^'; // a footnote definition; a link's definition cannot interrupt
                }
                return (c >= 0 && "> {\t".indexOf(c) >= 0);
        }
    }

    /** The end of the run of {@code c} from {@code i}. */
    private static int run(byte[] s, int i, int n, byte c) {
        while (i < n && s[i] == c) {
            i++;
        }
        return i;
    }

    /** Whether {@code s[k]} ends the line or is a space or tab. */
    private static boolean endsOrSpace(byte[] s, int k, int n) {
        return k >= n || s[k] == ' ' || s[k] == '\t' || s[k] == '\n';
    }

    private static boolean isSpaceOrLf(byte c) {
        return c == ' ' || c == '\n';
    }

    private static boolean allSpaceOrLf(byte[] s, int n) {
        for (int i = 0; i < n; i++) {
            if (!isSpaceOrLf(s[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasRunOf(byte[] s, int n, byte c, int length) {
        int run = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && s[i] == c) {
                run++;
            } else {
                if (run == length) {
                    return true;
                }
                run = 0;
            }
        }
        return false;
    }

    /** In a table cell, {@code |} ends the cell wherever it is, in code too, unless escaped: appends escaping it. */
    static void pipes(Bytes s, Bytes b) {
        int from = 0;
        for (int i = 0; i < s.n; i++) {
            if (s.a[i] == '|') {
                b.add(s.a, from, i);
                b.add('\\');
                from = i;
            }
        }
        b.add(s.a, from, s.n);
    }

    /** The longest run of {@code c} in {@code s[0, n)}. */
    static int longestRun(byte[] s, int n, byte c) {
        int longest = 0;
        int run = 0;
        int from = Bytes.indexOf(s, 0, n, c); // most code holds no fence character at all
        if (from < 0) {
            return 0;
        }
        for (int i = from; i < n; i++) {
            run = s[i] == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** Whether the line of {@code s[0, n)} starting at {@code from} holds only spaces and tabs. */
    static boolean blankLine(byte[] s, int n, int from) {
        for (int i = from; i < n && s[i] != '\n'; i++) {
            if (!isBlank(s[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether the last line of a literal whose lines end with LF holds only spaces and tabs. */
    static boolean blankLastLine(byte[] s, int n) {
        int end = n > 0 && s[n - 1] == '\n' ? n - 1 : n;
        int start = end;
        while (start > 0 && s[start - 1] != '\n') {
            start--;
        }
        for (int i = start; i < end; i++) {
            if (!isBlank(s[i])) {
                return false;
            }
        }
        return true;
    }

    /** An ATX heading's text that ends in {@code #} after a space would lose them as a closing sequence. */
    /**
     * With heading ids on, escapes the {@code {} of a heading's written text that would read as its id: text ending in
     * {@code {#…}} by the rule of {@code HeadingIds} in the parsers.
     */
    static void protectHeadingId(Bytes text) {
        int open = headingIdStart(text.a, 0, text.n);
        if (open >= 0) {
            text.insert(open, '\\');
        }
    }

    /**
     * Where the {@code {} of a heading id starts in a heading's content {@code s[from, to)}, or -1: the content ends in
     * {@code }}, the last {@code {#} before it is not backslash-escaped, and what lies between holds no {@code }}, no
     * line ending and something besides spaces and tabs. The parsers' rule (ATX and setext headings), restated.
     */
    static int headingIdStart(byte[] s, int from, int to) {
        if (to - from < 4 || s[to - 1] != '}') {
            return -1;
        }
        boolean content = false;
        for (int j = to - 2; j > from; j--) {
            byte c = s[j];
            if (c == '}' || c == '\n' || c == '\r' || c == 0) {
                return -1;
            }
            if (c == '#' && s[j - 1] == '{') {
                int backslashes = 0;
                while (j - 2 - backslashes >= from && s[j - 2 - backslashes] == '\\') {
                    backslashes++;
                }
                return content && backslashes % 2 == 0 ? j - 1 : -1;
            }
            content |= c != ' ' && c != '\t';
        }
        return -1;
    }

    static void protectClosingHashes(Bytes text) {
        int end = text.n;
        int start = end;
        while (start > 0 && text.a[start - 1] == '#') {
            start--;
        }
        if (start < end && (start == 0 || isBlank(text.a[start - 1]))) {
            text.insert(start, '\\');
        }
    }

    /**
     * Whether two pieces of Markdown inline text, {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)}, say the same once
     * their backslash escapes are resolved and the spaces and tabs that start their later lines dropped: a paragraph's
     * lines lose them, and a label as written (format v1.5) keeps them where the text has none.
     */
    static boolean sameText(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        int i = aFrom;
        int j = bFrom;
        while (true) {
            if (i < aTo && a[i] == '\\' && i + 1 < aTo && isAsciiPunctuation(a[i + 1])) {
                i++;
            }
            if (j < bTo && b[j] == '\\' && j + 1 < bTo && isAsciiPunctuation(b[j + 1])) {
                j++;
            }
            if (i == aTo || j == bTo) {
                return i == aTo && j == bTo;
            }
            if (a[i++] != b[j++]) {
                return false;
            }
            if (a[i - 1] == '\n') {
                while (i < aTo && isBlank(a[i])) {
                    i++;
                }
                while (j < bTo && isBlank(b[j])) {
                    j++;
                }
            }
        }
    }

    private static boolean isAsciiPunctuation(int c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }
}
