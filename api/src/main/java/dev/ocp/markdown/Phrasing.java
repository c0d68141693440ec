package dev.ocp.markdown;

import dev.ocp.NodeKind;
import dev.ocp.OcpNode;
import dev.ocp.markdown.MarkdownWriter.Frame;
import dev.ocp.spi.OcpFormat;

import static dev.ocp.spi.OcpFormat.NONE;

/**
 * The handlers of the inline nodes that are not delimited runs or links: text (escaped by the {@link EscapeTable}
 * of the document's syntax, as it stands among its siblings), line breaks, code spans and inline math, raw HTML,
 * footnote references. Each appends to the inline content of its leaf block ({@link MarkdownWriter#inline}).
 */
final class Phrasing {
    private Phrasing() {
    }

    /** Text: its literal escaped, or as it is inside an autolink. */
    static final class Text {
        private Text() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.load(node, OcpNode.Field.LITERAL, w.text);
            if (w.verbatim > 0) {
                w.inline.add(w.text);
            } else {
                int where = textPlace(w, node, w.text, w.enteredAfterReference);
                w.escaper.text(w.text.a, w.text.n, w.inline, where);
                w.rawRunEnd = (where & Escaper.RUN_AFTER) != 0 ? w.inline.n : -1;
            }
            return false;
        }
    }

    /** A soft line break: a line ending. */
    static final class SoftBreak {
        private SoftBreak() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.inline.add('\n');
            return false;
        }
    }

    /** A hard line break: two spaces or a backslash before the line ending. */
    static final class HardBreak {
        private HardBreak() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            Bytes b = w.inline;
            // Right after a sibling's closing run, a backslash would be punctuation where the source had a space.
            int before = b.n == 0 ? ' ' : b.last();
            boolean afterRun = node.parentIndex() + 1 != node.index()
                    && (before == '*' || before == '_' || before == '~');
            // Spaces after a tab (v1.4) stay as they were: micromark reads no break there, and mdast has none.
            boolean afterTab = node.marker() == '\t';
            boolean spaces = switch (w.options.hardBreak()) {
                case SPACES -> true;
                case BACKSLASH -> false;
                case AS_PARSED -> node.marker() == ' ';
            };
            // First in an emphasis, spaces would follow its opening run, which then opens nothing.
            boolean firstInRun = node.parentIndex() + 1 == node.index()
                    && (before == '*' || before == '_' || before == '~');
            // First on its line (a transform can start a paragraph with one; a break can follow a line ending), spaces
            // would make a blank line; after marks alone (an emphasis's run, a '-') or a tag, another block's line.
            if (afterTab || spaces && !lineMayStartBlock(b) && !firstInRun || afterRun) {
                b.add(' ', ' ');
            } else {
                b.add('\\');
            }
            b.add('\n');
            return false;
        }
    }

    /**
     * Whether the line being written may start a block once a hard break's spaces end it ({@link
     * Escaper#mayStartBlock}): empty, or marks alone, or a tag; or it is a task item's box alone, after which the item's
     * text would start with the break.
     */
    private static boolean lineMayStartBlock(Bytes b) {
        int start = b.n;
        while (start > 0 && b.a[start - 1] != '\n') {
            start--;
        }
        int end = b.n;
        while (end > start && (b.a[end - 1] == ' ' || b.a[end - 1] == '\t')) {
            end--;
        }
        if (end == start) {
            return true;
        }
        boolean taskBox = end - start == 3 && b.a[start] == '[' && " xX".indexOf(b.a[start + 1]) >= 0
                && b.a[start + 2] == ']';
        return taskBox || Escaper.mayStartBlock(b.a, start, b.n);
    }

    /** A code span. */
    static final class CodeSpan {
        private CodeSpan() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            return span(w, node, '`');
        }
    }

    /** Inline math: a code span of {@code $}. */
    static final class MathInline {
        private MathInline() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            return span(w, node, '$');
        }
    }

    /** A code span or inline math between runs of {@code tick}, across the lines it crossed. */
    private static boolean span(MarkdownWriter w, OcpNode node, char tick) {
        if (w.inTable() || !w.load(node, OcpNode.Field.LITERAL_WITH_LINE_ENDINGS, w.text)) {
            w.load(node, OcpNode.Field.LITERAL, w.text);
        }
        Escaper.codeSpan(w.text.a, w.text.n, (byte) tick, w.inTable(), w.inline);
        return false;
    }

    /** Raw inline HTML. */
    static final class HtmlInline {
        private HtmlInline() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            if (w.inline.last() == '\n') {
                // At the start of a line it could start an HTML block; indented, the line goes on the paragraph.
                w.inline.repeat(' ', 4);
            }
            if (!htmlAsWritten(w, node, w.text)) {
                w.load(node, OcpNode.Field.LITERAL, w.text);
            }
            Escaper.rawInline(w.text.a, w.text.n, w.inTable(), w.inline);
            return false;
        }
    }

    /** A GFM footnote reference, {@code [^label]}. */
    static final class FootnoteReference {
        private FootnoteReference() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            if (w.inline.last() == '\n') {
                w.inline.repeat(' ', 4); // at the start of a line, with a : after it, it would define a footnote
            }
            w.inline.add('[', '^');
            w.load(node, OcpNode.Field.LABEL, w.text);
            w.inline.add(w.text);
            w.inline.add(']');
            return false;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Where a text node stands, for {@link Escaper#text}. */
    private static int textPlace(MarkdownWriter w, OcpNode node, Bytes literal, boolean afterReference) {
        int where = afterReference ? Escaper.AFTER_REFERENCE : 0;
        if (w.atLineStart()) {
            where |= Escaper.LINE_START;
        }
        // What is asked of the node and its next sibling, asked once: each answer is a read of the payload.
        int next = node.nextSiblingIndex();
        boolean firstChild = node.parentIndex() + 1 == node.index();
        Frame parent = w.parent();
        NodeKind nextKind = null;
        if (next != NONE) {
            w.look.moveTo(next);
            nextKind = w.look.kind();
        }
        // It ends a line: the last of its block's inlines, or followed by a line break. Not before a hard break of
        // spaces after a tab (v1.4): the text ends in that tab, which the break's spaces cannot take, and which
        // must stay a tab (a reference would make the break one of spaces alone).
        if (next == NONE ? parent != null && parent.kind != null && MarkdownWriter.isLeaf(parent.kind)
                : nextKind == NodeKind.SOFT_BREAK || nextKind == NodeKind.HARD_BREAK && w.look.marker() != '\t') {
            where |= Escaper.LINE_END;
        }
        if (nextKind == NodeKind.LINK) {
            where |= Escaper.BEFORE_LINK;
        }
        if (parent != null && Delimited.isDelimited(parent.kind)) {
            if (firstChild) {
                where |= Escaper.OPENS_DELIMITED;
            }
            if (next == NONE) {
                where |= Escaper.CLOSES_DELIMITED;
            }
        }
        byte[] text = literal.a;
        int length = literal.n;
        if (length > 0 && w.verbatim == 0) {
            if (!firstChild && parent != null && Delimited.isDelimitedKind(parent.previous)
                    && closerNeedsHelp(w, Bytes.codePointAt(text, 0, length))) {
                where |= Escaper.REFERENCE_FIRST;
            }
            if (next != NONE && Delimited.isDelimitedKind(nextKind)
                    && openerNeedsHelp(w, Bytes.codePointBefore(text, 0, length), next)) {
                where |= Escaper.REFERENCE_LAST;
            }
        }
        if (length > 0) {
            int runs = 0;
            int n = w.inline.n;
            byte first = text[0];
            if ((first == '*' || first == '_') && n > 0 && w.inline.a[n - 1] == first
                    && (n < 2 || w.inline.a[n - 2] != '\\') && !firstChild) {
                runs |= Escaper.RUN_BEFORE; // the previous sibling's closing run, not the parent's opening one
            }
            byte last = text[length - 1];
            if ((last == '*' || last == '_') && (nextKind == NodeKind.EMPHASIS || nextKind == NodeKind.STRONG)
                    && delimiterFollows(w, next, (char) last) && runCanOpen(w, text, length, last)) {
                runs |= Escaper.RUN_AFTER;
            }
            where |= runs;
        }
        return where;
    }

    /**
     * Whether a run of {@code _} that starts with the trailing {@code _} of this text can still open: not right after a
     * letter or digit (inside a word). Otherwise the text's {@code _} is escaped, and the delimiter after it opens on
     * its own.
     */
    private static boolean runCanOpen(MarkdownWriter w, byte[] text, int length, byte c) {
        if (c != '_') {
            return true;
        }
        int i = length;
        while (i > 0 && text[i - 1] == c) {
            i--;
        }
        if (i > 0) {
            return Delimited.apart(Bytes.codePointBefore(text, 0, i));
        }
        return w.inline.n == 0 || Delimited.apart(w.inline.codePointBefore(w.inline.n));
    }

    /** Whether the opening run of {@code c} of a delimited sibling comes right after this node. */
    private static boolean delimiterFollows(MarkdownWriter w, int next, char c) {
        if (next == NONE) {
            return false;
        }
        w.look.moveTo(next);
        return (w.look.kind() == NodeKind.EMPHASIS || w.look.kind() == NodeKind.STRONG) && w.look.marker() == c;
    }

    /**
     * Whether the closing run just written (at the end of {@link MarkdownWriter#inline}) closes only if the character
     * after it is punctuation rather than {@code after}, as written: a reference ({@code &...;}) then stands there.
     */
    private static boolean closerNeedsHelp(MarkdownWriter w, int after) {
        int end = w.inline.n;
        if (end == 0) {
            return false;
        }
        byte c = w.inline.a[end - 1];
        int start = end;
        while (start > 0 && w.inline.a[start - 1] == c) {
            start--;
        }
        int before = start == 0 ? -1 : w.inline.codePointBefore(start);
        char run = (char) (c & 0xFF);
        return !Delimited.closesRun(run, before, after) && Delimited.closesRun(run, before, '&');
    }

    /** Whether the delimited sibling at {@code next} opens only if the character before it is punctuation. */
    private static boolean openerNeedsHelp(MarkdownWriter w, int before, int next) {
        w.look.moveTo(next);
        NodeKind kind = w.look.kind();
        if (!Delimited.isDelimitedKind(kind)) {
            return false;
        }
        char c = kind == NodeKind.STRIKETHROUGH ? '~' : w.look.marker();
        int after = w.look.toFirstChild() ? firstCharacter(w) : -1;
        return !Delimited.opensRun(c, before, after) && Delimited.opensRun(c, before == -1 ? -1 : ';', after);
    }

    /** The first character a node under the look cursor writes, as near as it matters for flanking. */
    private static int firstCharacter(MarkdownWriter w) {
        NodeKind kind = w.look.kind();
        if (kind == NodeKind.TEXT) {
            w.load(w.look, OcpNode.Field.LITERAL, w.ahead);
            return w.ahead.n == 0 ? -1 : Bytes.codePointAt(w.ahead.a, 0, w.ahead.n);
        }
        return kind == NodeKind.SOFT_BREAK || kind == NodeKind.HARD_BREAK ? '\n' : '*';
    }

    /**
     * Loads raw HTML as mdast keeps it (format v1.5, slot c: with what its later lines' indentation had past three
     * columns), if the payload records it; {@link Escaper#rawInline} writes such a line past three columns again, so
     * that it reads back with the same HTML and the same mdast.
     */
    private static boolean htmlAsWritten(MarkdownWriter w, OcpNode node, Bytes into) {
        int ref = w.payload.getInt(w.layout().record(node.index()) + OcpFormat.N_C);
        if (ref == NONE) {
            return false;
        }
        return w.load(w.layout.stringOffset() + ref + 4, () -> w.layout.decode(w.payload, ref), into);
    }
}
