package dev.ocp.markdown;

/**
 * What Markdown must escape, and how: the text of a node written so that it parses back to the same text and to
 * nothing else. A backslash escapes ASCII punctuation; what a backslash cannot escape (a line ending inside a text,
 * whitespace a paragraph would strip) is written as a numeric character reference, which Markdown decodes in text,
 * destinations, titles and info strings alike.
 *
 * <p>Text escapes the characters that can start syntax anywhere ({@code \ ` * _ [ ] <}, {@code &} before what
 * reads as a character reference, and the extensions' {@code ~ $ {}), and those that start a block only at the
 * start of a line ({@code # > - + =}, a number followed by {@code .} or {@code )}). GFM's autolink literals are
 * kept from forming out of plain text by escaping the {@code .} of {@code www.}, the {@code :} of {@code ://} and
 * every {@code @}.
 */
final class Escaper {
    private final boolean gfm;
    private final boolean math;
    private final boolean mdx;

    Escaper(boolean gfm, boolean math, boolean mdx) {
        this.gfm = gfm;
        this.math = math;
        this.mdx = mdx;
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
     * Writes a text node's literal.
     *
     * @param where {@link #LINE_START}, {@link #LINE_END}, {@link #AFTER_REFERENCE}, {@link #OPENS_DELIMITED},
     *              {@link #CLOSES_DELIMITED}, or'ed
     */
    void text(String s, StringBuilder b, int where) {
        int n = s.length();
        int trailing = n;
        if ((where & LINE_END) != 0) {
            while (trailing > 0 && isBlank(s.charAt(trailing - 1))) {
                trailing--;
            }
        }
        if ((where & CLOSES_DELIMITED) != 0) {
            while (trailing > 0 && isUnicodeWhitespace(s.charAt(trailing - 1))) {
                trailing--;
            }
        }
        int rawTo = 0;
        if ((where & RUN_BEFORE) != 0) {
            while (rawTo < n && s.charAt(rawTo) == s.charAt(0)) {
                rawTo++;
            }
        }
        int rawFrom = n;
        if ((where & RUN_AFTER) != 0) {
            while (rawFrom > rawTo && s.charAt(rawFrom - 1) == s.charAt(n - 1)) {
                rawFrom--;
            }
        }
        int i = 0;
        if ((where & OPENS_DELIMITED) != 0) {
            while (i < n && isUnicodeWhitespace(s.charAt(i))) {
                reference(s.charAt(i), b);
                i++;
            }
        }
        if ((where & LINE_START) != 0) {
            while (i < n && isBlank(s.charAt(i))) {
                reference(s.charAt(i), b);
                i++;
            }
            if (i < n) {
                i = lineStart(s, i, b);
            }
        } else if ((where & AFTER_REFERENCE) != 0 && n > 0 && (s.charAt(0) == '(' || s.charAt(0) == ':')) {
            b.append('\\').append(s.charAt(0));
            i = 1;
        }
        int plainEnd = Math.min(trailing, (where & REFERENCE_LAST) != 0 ? n - 1 : n);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if ((c >= 0x80 || !SPECIAL[c]) && i < plainEnd && (i > 0 || (where & REFERENCE_FIRST) == 0)) {
                // A run of characters that never need escaping, appended at once.
                int j = i + 1;
                while (j < plainEnd && (s.charAt(j) >= 0x80 || !SPECIAL[s.charAt(j)])) {
                    j++;
                }
                b.append(s, i, j);
                i = j - 1;
                continue;
            }
            if (i >= trailing || (i == 0 && (where & REFERENCE_FIRST) != 0)
                    || (i == n - 1 && (where & REFERENCE_LAST) != 0)) {
                if (Character.isHighSurrogate(c) && i + 1 < n) {
                    b.append("&#").append(s.codePointAt(i)).append(';');
                    i++;
                } else {
                    reference(c, b);
                }
                continue;
            }
            if (i < rawTo || i >= rawFrom) {
                b.append(c);
                continue;
            }
            switch (c) {
                case '\\', '`', '*', '_', '[', ']', '<' -> b.append('\\').append(c);
                case '&' -> escapeIf(entityFollows(s, i + 1), c, b);
                case '~', '|', '@' -> escapeIf(gfm, c, b);
                case '$' -> escapeIf(math, c, b);
                case '{', '}' -> escapeIf(mdx, c, b);
                case ':' -> escapeIf(gfm && s.startsWith("//", i + 1), c, b);
                case '.' -> escapeIf(gfm && i >= 3 && s.regionMatches(true, i - 3, "www", 0, 3), c, b);
                case '!' -> escapeIf(i == n - 1 && (where & BEFORE_LINK) != 0, c, b); // else an image
                case '\n', '\r' -> reference(c, b);
                default -> b.append(c);
            }
        }
    }

    /** The ASCII characters {@link #text} may write otherwise than as they are. */
    private static final boolean[] SPECIAL = new boolean[0x80];

    static {
        for (char c : "\\`*_[]<&~|@${}:.!\n\r".toCharArray()) {
            SPECIAL[c] = true;
        }
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

    /** CommonMark's left-flanking delimiter run, between the characters before and after it (-1: none). */
    static boolean leftFlanking(int before, int after) {
        boolean afterSpace = after < 0 || isUnicodeWhitespace(after);
        boolean beforeSpace = before < 0 || isUnicodeWhitespace(before);
        return !afterSpace && (!isUnicodePunctuation(after) || beforeSpace || isUnicodePunctuation(before));
    }

    /** CommonMark's right-flanking delimiter run. */
    static boolean rightFlanking(int before, int after) {
        return leftFlanking(after, before);
    }

    /** Escapes what would start a block at the start of a line; returns where the plain escaping goes on. */
    private int lineStart(String s, int i, StringBuilder b) {
        char c = s.charAt(i);
        switch (c) {
            case '#', '>', '-', '+', '=', ':' -> {
                b.append('\\').append(c);
                return i + 1;
            }
            case '~' -> {
                b.append('\\').append(c);
                return i + 1;
            }
            default -> {
                int j = i;
                while (j < s.length() && j - i < 10 && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                    j++;
                }
                if (j > i && j < s.length() && (s.charAt(j) == '.' || s.charAt(j) == ')')) {
                    b.append(s, i, j).append('\\').append(s.charAt(j));
                    return j + 1;
                }
                return i;
            }
        }
    }

    private static void escapeIf(boolean escape, char c, StringBuilder b) {
        if (escape) {
            b.append('\\');
        }
        b.append(c);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** A numeric character reference: what Markdown decodes back into {@code c} where a backslash cannot help. */
    private static void reference(char c, StringBuilder b) {
        b.append("&#").append((int) c).append(';');
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

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * A link or image destination: bare, or in angle brackets when it holds what bare cannot, or is empty where
     * something follows it (a definition's title or the end of its line, a link's title).
     */
    void destination(String d, boolean emptyInBrackets, StringBuilder b) {
        if (d == null) {
            d = "";
        }
        boolean angle = d.isEmpty() ? emptyInBrackets : needsAngle(d);
        if (angle) {
            b.append('<');
        }
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c == '\n' || c == '\r' || (!angle && c < 0x20)) {
                reference(c, b);
            } else if (c == '\\' || c == '<' || c == '>' || (!angle && (c == '(' || c == ')'))) {
                b.append('\\').append(c);
            } else {
                escapeIf(c == '&' && entityFollows(d, i + 1), c, b);
            }
        }
        if (angle) {
            b.append('>');
        }
    }

    private static boolean needsAngle(String d) {
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c == ' ' || c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** A link title, in double quotes. */
    void title(String t, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n' || c == '\r') {
                reference(c, b);
            } else {
                escapeIf(c == '&' && entityFollows(t, i + 1), c, b);
            }
        }
        b.append('"');
    }

    /** A fenced code block's info string (after the fence). */
    void info(String info, StringBuilder b) {
        for (int i = 0; i < info.length(); i++) {
            char c = info.charAt(i);
            if (c == '\\') {
                b.append("\\\\");
            } else if (c == '\n' || c == '\r') {
                reference(c, b);
            } else {
                escapeIf(c == '&' && entityFollows(info, i + 1), c, b);
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
    static void codeSpan(String content, char tick, boolean table, StringBuilder b) {
        int count = 1;
        while (hasRunOf(content, tick, count)) {
            count++;
        }
        int n = content.length();
        boolean pad = n > 0 && (content.charAt(0) == tick || content.charAt(n - 1) == tick
                || (isSpaceOrLf(content.charAt(0)) && isSpaceOrLf(content.charAt(n - 1)) && !allSpaceOrLf(content)));
        String ticks = String.valueOf(tick).repeat(count);
        b.append(ticks);
        if (pad) {
            b.append(' ');
        }
        for (int i = 0; i < n; i++) {
            char c = content.charAt(i);
            if (c == '|' && table) {
                b.append('\\');
            }
            b.append(c);
            indentIfRisky(content, i, b);
        }
        if (pad) {
            b.append(' ');
        }
        b.append(ticks);
    }

    /**
     * Raw inline content that crosses lines (a code span's, raw HTML's): after a line ending at {@code i}, indents the
     * next line when it starts with what might start a block; a paragraph's line keeps none of its indentation.
     */
    static void indentIfRisky(String content, int i, StringBuilder b) {
        if (content.charAt(i) == '\n' && i + 1 < content.length() && mayStartBlock(content.charAt(i + 1))) {
            b.append("    ");
        }
    }

    /** Raw inline HTML, its lines kept from starting blocks ({@link #indentIfRisky}). */
    static void rawInline(String html, boolean table, StringBuilder b) {
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            if (c == '|' && table) {
                b.append('\\');
            }
            b.append(c);
            indentIfRisky(html, i, b);
        }
    }

    /** Whether a line starting with {@code c} might start a block instead of going on with a paragraph. */
    private static boolean mayStartBlock(char c) {
        return "#>-+*=_~`|:<$[{".indexOf(c) >= 0 || (c >= '0' && c <= '9') || c == ' ' || c == '\t';
    }

    private static boolean isSpaceOrLf(char c) {
        return c == ' ' || c == '\n';
    }

    private static boolean allSpaceOrLf(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isSpaceOrLf(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasRunOf(String s, char c, int length) {
        int run = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i < s.length() && s.charAt(i) == c) {
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

    /** In a table cell, {@code |} ends the cell wherever it is, in code too, unless escaped. */
    static String pipes(String s) {
        return s.indexOf('|') < 0 ? s : s.replace("|", "\\|");
    }

    /** The longest run of {@code c} in {@code s}. */
    static int longestRun(String s, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** Whether the line of {@code s} starting at {@code from} holds only spaces and tabs. */
    static boolean blankLine(String s, int from) {
        for (int i = from; i < s.length() && s.charAt(i) != '\n'; i++) {
            if (!isBlank(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the last line of a literal whose lines end with LF holds only spaces and tabs. */
    static boolean blankLastLine(String s) {
        int end = s.endsWith("\n") ? s.length() - 1 : s.length();
        int start = s.lastIndexOf('\n', end - 1) + 1;
        return blankLine(s.substring(start, end), 0);
    }

    /** An ATX heading's text that ends in {@code #} after a space would lose them as a closing sequence. */
    static void protectClosingHashes(StringBuilder text) {
        int end = text.length();
        int start = end;
        while (start > 0 && text.charAt(start - 1) == '#') {
            start--;
        }
        if (start < end && (start == 0 || isBlank(text.charAt(start - 1)))) {
            text.insert(start, '\\');
        }
    }

    /** Whether two pieces of Markdown inline text say the same once their backslash escapes are resolved. */
    static boolean sameText(String a, String b) {
        return unescape(a).equals(unescape(b));
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && isAsciiPunctuation(s.charAt(i + 1))) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    private static boolean isAsciiPunctuation(char c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }
}
