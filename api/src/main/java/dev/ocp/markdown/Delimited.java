package dev.ocp.markdown;

import dev.ocp.NodeKind;
import dev.ocp.OcpNode;
import dev.ocp.markdown.MarkdownWriter.Frame;

import static dev.ocp.spi.OcpFormat.NONE;

/**
 * The handlers of the delimited runs: emphasis, strong emphasis and GFM strikethrough. Each writes its opening run
 * when entered and the same run when left; the character and length are chosen so that the runs pair up as the tree
 * has them (CommonMark's flanking rules, which this class also answers for the text beside them).
 */
final class Delimited {
    private Delimited() {
    }

    /** Emphasis: one {@code *} or {@code _} each side. */
    static final class Emphasis {
        private Emphasis() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            return open(w, node, f, w.options.emphasis(), 1);
        }
    }

    /** Strong emphasis: two each side. */
    static final class Strong {
        private Strong() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            return open(w, node, f, w.options.strong(), 2);
        }
    }

    /** GFM strikethrough: {@code ~~} each side. */
    static final class Strikethrough {
        private Strikethrough() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            // Inside another, a second ~~ would close it: one ~ pairs with its own.
            Frame parent = w.parent();
            int count = parent != null && parent.kind == NodeKind.STRIKETHROUGH && parent.closeChar == '~'
                    && parent.closeCount == 2 ? 1 : 2;
            w.inline.repeat('~', count);
            f.closeChar = '~';
            f.closeCount = count;
            return true;
        }
    }

    /** Writes an emphasis's or strong emphasis's opening run of {@code count} and notes its closing one. */
    private static boolean open(MarkdownWriter w, OcpNode node, Frame f, char asked, int count) {
        char c = delimiter(w, node, asked);
        w.inline.repeat(c, count);
        f.closeChar = (byte) c;
        f.closeCount = count;
        return true;
    }

    /** Leaves any of them: its closing run. */
    static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
        w.inline.repeat(f.closeChar, f.closeCount);
        return true;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The delimiter character of an emphasis, strong emphasis: the one asked for, unless it would not parse. {@code _}
     * does not open or close inside a word; and a run of delimiters right next to another of the same character (a
     * parent's, a sibling's) would merge with it, so the other character is taken there. A node read from a source
     * whose runs touch another {@code *} or {@code _} keeps the source's character: the runs it touches were written
     * for it (a run that paired in part, nested runs that end together, where the rule of three and the merging of
     * runs decide the pairs), and another character would pair otherwise.
     */
    private static char delimiter(MarkdownWriter w, OcpNode node, char asked) {
        char parsed = node.marker();
        // A node read from a source spans its runs; a builder's spans nothing, and its marker says nothing of pairing.
        boolean read = node.spanEnd() > node.spanStart();
        if (read && (parsed == '*' || parsed == '_') && (asked == MarkdownOptions.AS_PARSED || asked == parsed
                || touchesAnotherRun(w, node))) {
            // The source's runs, rewritten as they were, pair up as they did.
            return parsed == '_' && !underscoreParses(w, node) ? '*' : parsed;
        }
        char c = asked == '_' || asked == MarkdownOptions.AS_PARSED && parsed == '_' ? '_' : '*';
        if (!read && insideRunOf(w, c, false)) {
            c = c == '*' ? '_' : '*'; // its opening run could close the one it is in
        }
        if (mergesWithNeighbour(w, node, c)) {
            c = c == '*' ? '_' : '*';
        }
        if (c == '_' && !underscoreParses(w, node)) {
            c = '*';
        }
        return c;
    }

    /** {@link #insideRunOf}'s character for runs of any. */
    private static final char ANY = 0;

    /**
     * Whether a delimited node the node is in writes its runs with {@code c} (or {@link #ANY}), or, {@code orLink},
     * the node is in a link or image.
     */
    private static boolean insideRunOf(MarkdownWriter w, char c, boolean orLink) {
        for (int d = 0; d < w.depth - 1; d++) {
            NodeKind kind = w.frames[d].kind;
            if (isDelimitedKind(kind) && (c == ANY || w.frames[d].closeChar == c)
                    || orLink && (kind == NodeKind.LINK || kind == NodeKind.IMAGE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a delimiter run of {@code c} for this node, written right after the one before it, would be read as one
     * run with it and pair up otherwise: an emphasis first in an emphasis ({@code **} is strong), an emphasis that
     * is all of a strong emphasis ({@code ***a***} is the other nesting), and a delimited node right after a
     * delimited sibling ({@code *a**b*}). Strong in strong, strong in emphasis and last children pair up as written.
     */
    private static boolean mergesWithNeighbour(MarkdownWriter w, OcpNode node, char c) {
        int n = w.inline.n;
        if (n == 0 || w.inline.a[n - 1] != c || (n >= 2 && w.inline.a[n - 2] == '\\') || n == w.rawRunEnd) {
            return false; // not a delimiter, or text written as part of the run on purpose (Escaper.RUN_AFTER)
        }
        if (node.parentIndex() + 1 != node.index()) {
            return true; // the previous sibling's closing run
        }
        Frame parent = w.parent();
        if (parent == null || node.kind() != NodeKind.EMPHASIS) {
            return false;
        }
        return parent.kind == NodeKind.EMPHASIS
                || (parent.kind == NodeKind.STRONG && node.nextSiblingIndex() == NONE);
    }

    /**
     * Whether the node's runs may pair otherwise written with another character than the source's: it is inside
     * another delimited node or a link, or holds a delimited node (whose runs, of one character or two, pair up by the
     * rule of three and by which run comes first, as the source had them), or the text of its block holds a {@code *}
     * or {@code _} (the rest of a run that paired in part is written unescaped with it, and another run of its
     * character may pair with it), or its runs would touch another's: the one written before it, or the next
     * sibling's.
     */
    private static boolean touchesAnotherRun(MarkdownWriter w, OcpNode node) {
        if (insideRunOf(w, ANY, true)) {
            return true; // (a reference's text is written as its label where they read the same)
        }
        w.look.moveTo(node.index());
        for (int i = node.index() + 1, end = w.look.subtreeEnd(); i < end; i++) {
            w.look.moveTo(i);
            if (isDelimitedKind(w.look.kind())) {
                return true;
            }
        }
        if (blockTextHasRunChars(w)) {
            return true;
        }
        int n = w.inline.n;
        if (n > 0 && isEmphasisChar(w.inline.a[n - 1])) {
            return true;
        }
        int next = node.nextSiblingIndex();
        if (next == NONE) {
            return false;
        }
        w.look.moveTo(next);
        return isDelimitedKind(w.look.kind());
    }

    /** Whether the text of the leaf block being written holds a {@code *} or {@code _} (looked through once a block). */
    private static boolean blockTextHasRunChars(MarkdownWriter w) {
        int block = -1;
        for (int d = w.depth - 2; d >= 0 && block < 0; d--) {
            if (w.frames[d].kind != null && w.frames[d].kind.isBlock()) {
                block = w.frames[d].index;
            }
        }
        if (block < 0 || block == w.runCharsBlock) {
            return block >= 0 && w.runCharsInBlock;
        }
        boolean found = false;
        w.look.moveTo(block);
        for (int i = block + 1, end = w.look.subtreeEnd(); i < end && !found; i++) {
            w.look.moveTo(i);
            if (w.look.kind() == NodeKind.TEXT) {
                w.load(w.look, OcpNode.Field.LITERAL, w.ahead);
                for (int k = 0; k < w.ahead.n && !found; k++) {
                    found = isEmphasisChar(w.ahead.a[k]);
                }
            }
        }
        w.runCharsBlock = block;
        w.runCharsInBlock = found;
        return found;
    }

    private static boolean isEmphasisChar(byte b) {
        return b == '*' || b == '_';
    }

    /** Whether {@code _} delimiters open and close an emphasis here: not inside a word. */
    private static boolean underscoreParses(MarkdownWriter w, OcpNode node) {
        if (w.inline.n > 0 && !apart(w.inline.codePointBefore(w.inline.n))) {
            return false;
        }
        int next = node.nextSiblingIndex();
        if (next == NONE) {
            return true;
        }
        w.look.moveTo(next);
        if (w.look.kind() != NodeKind.TEXT) {
            return true;
        }
        w.load(w.look, OcpNode.Field.LITERAL, w.ahead);
        return w.ahead.n == 0 || apart(Bytes.codePointAt(w.ahead.a, 0, w.ahead.n));
    }

    /**
     * Whether a character next to an {@code _} run leaves it free to open or close: Unicode whitespace or
     * punctuation as CommonMark 0.31.2 defines them (general categories Zs, P and S, and tab, line feed, form feed,
     * carriage return). Beside anything else (a letter, a digit, a control character) {@code *} is taken, which opens
     * and closes inside words too.
     */
    static boolean apart(int c) {
        if (c == '\t' || c == '\n' || c == '\f' || c == '\r') {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.SPACE_SEPARATOR, Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION,
                 Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL,
                 Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL:
                return true;
            default:
                return false;
        }
    }

    /**
     * Whether a run of {@code c} between {@code before} and {@code after} (-1: none) can open, both as CommonMark reads
     * it and as micromark does ({@code Flavor.MICROMARK}), so that what is written reads back either way.
     */
    static boolean opensRun(char c, int before, int after) {
        return opens(c, before, after, false) && opens(c, before, after, true);
    }

    /** Whether such a run can close, both ways. */
    static boolean closesRun(char c, int before, int after) {
        return closes(c, before, after, false) && closes(c, before, after, true);
    }

    /**
     * Whether the run opens by CommonMark's flanking rules or by micromark's: a character beyond U+FFFF flanks as a
     * letter there (UTF-16 surrogates), its whitespace is JavaScript's, and a {@code ~} beside a {@code *} or
     * {@code _} run flanks it as a letter.
     */
    private static boolean opens(char c, int before, int after, boolean micromark) {
        boolean left = flank(before, after, micromark) || micromark && c != '~' && after == '~';
        if (c != '_') {
            return left;
        }
        boolean right = flank(after, before, micromark) || micromark && before == '~';
        return left && (!right || punctuation(before, micromark));
    }

    private static boolean closes(char c, int before, int after, boolean micromark) {
        boolean right = flank(after, before, micromark) || micromark && c != '~' && before == '~';
        if (c != '_') {
            return right;
        }
        boolean left = flank(before, after, micromark) || micromark && after == '~';
        return right && (!left || punctuation(after, micromark));
    }

    private static boolean flank(int before, int after, boolean micromark) {
        return !space(after, micromark) && (!punctuation(after, micromark) || space(before, micromark)
                || punctuation(before, micromark));
    }

    private static boolean space(int c, boolean micromark) {
        return c < 0 || Escaper.isUnicodeWhitespace(c)
                || micromark && (c == 0x0B || c == 0x2028 || c == 0x2029 || c == 0xFEFF);
    }

    private static boolean punctuation(int c, boolean micromark) {
        return c >= 0 && (!micromark || c <= 0xFFFF) && Escaper.isUnicodePunctuation(c);
    }

    /** {@link #isDelimited}, of a kind that may be null (none yet, or unknown). */
    static boolean isDelimitedKind(NodeKind kind) {
        return kind != null && isDelimited(kind);
    }

    /** Whether a kind is written between delimiter runs. */
    static boolean isDelimited(NodeKind kind) {
        return kind == NodeKind.EMPHASIS || kind == NodeKind.STRONG || kind == NodeKind.STRIKETHROUGH;
    }
}
