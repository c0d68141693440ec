package dev.ocp.markdown;

import dev.ocp.NodeKind;
import dev.ocp.OcpNode;
import dev.ocp.markdown.MarkdownWriter.Frame;

import static dev.ocp.spi.OcpFormat.NONE;

/**
 * The handlers of links and images: inline ({@code [text](destination "title")}), full, collapsed and shortcut
 * references as the source had them, autolinks ({@code <...>}) and GFM autolink literals (written as they are
 * where they read back as the same literal, else as inline links).
 */
final class Links {
    private Links() {
    }

    /** A link. */
    static final class Link {
        private Link() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            return enterLink(w, node, NodeKind.LINK, f);
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            exitLink(w, node, f);
            return true;
        }
    }

    /** An image: a link after {@code !}. */
    static final class Image {
        private Image() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            return enterLink(w, node, NodeKind.IMAGE, f);
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            exitLink(w, node, f);
            return true;
        }
    }

    // ---------------------------------------------------------------- helpers

    private static boolean enterLink(MarkdownWriter w, OcpNode node, NodeKind kind, Frame f) {
        if (kind == NodeKind.LINK && node.isAutolink()) {
            boolean angle = !node.isAutolinkLiteral();
            if (angle) {
                w.inline.add('<');
            }
            w.verbatim++;
            f.closeChar = '>';
            f.closeCount = angle ? 1 : 0;
            f.marker = 'v';
            f.mark = w.inline.n;
            return true;
        }
        if (kind == NodeKind.IMAGE) {
            w.inline.add('!');
        }
        w.inline.add('[');
        f.mark = w.inline.n;
        OcpNode.ReferenceType type = node.referenceType();
        if (type != null && node.stringOffset(OcpNode.Field.LABEL) >= 0) {
            f.marker = switch (type) {
                case FULL -> 'f';
                case COLLAPSED -> 'c';
                case SHORTCUT -> 's';
            };
        } else {
            f.marker = 'i';
        }
        return true;
    }

    /**
     * A link's or definition's destination, and its title after a space if it has one. An empty destination is written
     * {@code <>} where nothing else would show it is there: in a definition, and before a title.
     */
    static void destinationAndTitle(MarkdownWriter w, OcpNode node, boolean definition, Bytes into) {
        boolean hasTitle = node.stringOffset(OcpNode.Field.TITLE) >= 0;
        w.load(node, OcpNode.Field.DESTINATION, w.aux);
        w.escaper.destination(w.aux.a, w.aux.n, definition || hasTitle, into);
        if (hasTitle) {
            w.load(node, OcpNode.Field.TITLE, w.aux);
            into.add(' ');
            w.escaper.title(w.aux.a, w.aux.n, into);
        }
    }

    /** An inline link's {@code ](destination "title")}, written when the link is left. */
    private static void inlineLinkTail(MarkdownWriter w, OcpNode node) {
        Bytes tail = w.inTable() ? w.piece : w.inline;
        if (tail == w.piece) {
            w.piece.setLength(0);
        }
        tail.add(']', '(');
        destinationAndTitle(w, node, false, tail);
        tail.add(')');
        if (tail == w.piece) {
            Escaper.pipes(w.piece, w.inline);
        }
    }

    private static void exitLink(MarkdownWriter w, OcpNode node, Frame f) {
        switch (f.marker) {
            case 'v' -> {
                w.verbatim--;
                w.inline.repeat(f.closeChar, f.closeCount);
                if (f.closeCount == 0 && !literalEndsHere(w, node)) {
                    // What follows would lengthen the literal: written as an ordinary link, which ends at its ).
                    w.piece.setLength(0);
                    w.piece.add(w.inline.a, f.mark, w.inline.n);
                    w.inline.setLength(f.mark);
                    w.inline.add('[');
                    w.escaper.text(w.piece.a, w.piece.n, w.inline, 0);
                    w.inline.add(']', '(');
                    w.load(node, OcpNode.Field.DESTINATION, w.aux);
                    w.escaper.destination(w.aux.a, w.aux.n, false, w.inline);
                    w.inline.add(')');
                }
            }
            case 'i' -> inlineLinkTail(w, node);
            case 'f' -> {
                w.inline.add(']', '[');
                w.load(node, OcpNode.Field.LABEL, w.aux);
                w.inline.add(w.aux);
                w.inline.add(']');
            }
            default -> {
                // The text of a collapsed or shortcut reference is its label: written as the source wrote it, so
                // that it matches its definition; if the text no longer reads as the label, as a full reference.
                w.load(node, OcpNode.Field.LABEL, w.aux);
                int from = f.mark;
                int to = w.inline.n;
                if (!java.util.Arrays.equals(w.inline.a, from, to, w.aux.a, 0, w.aux.n)) {
                    if (Escaper.sameText(w.inline.a, from, to, w.aux.a, 0, w.aux.n)) {
                        w.inline.setLength(from);
                        w.inline.add(w.aux);
                    } else {
                        w.inline.add(']', '[');
                        w.inline.add(w.aux);
                    }
                }
                if (f.marker == 'c') {
                    w.inline.add(']', '[');
                    w.inline.add(']');
                } else {
                    w.inline.add(']');
                }
                w.afterReference = f.marker == 's';
            }
        }
    }

    /**
     * Whether a GFM autolink literal written as it is ends where it ended in the tree: before a line break, the end
     * of its block, or whitespace, after nothing but the punctuation a literal leaves out at its end ({@code . , ? !
     * : )}), written without escapes. Anything else that follows (an escape's backslash, a character reference, a
     * delimiter) would be read as more of its address.
     */
    private static boolean literalEndsHere(MarkdownWriter w, OcpNode link) {
        int next = link.nextSiblingIndex();
        if (next == NONE) {
            // The closing runs of the delimited nodes it ends ({@code **}, {@code ~~}) are left out of the address
            // like other trailing punctuation, but not what follows them.
            Frame[] frames = w.frames;
            for (int d = w.depth - 2; d >= 0 && Delimited.isDelimitedKind(frames[d].kind); d--) {
                w.look.moveTo(frames[d].index);
                int after = w.look.nextSiblingIndex();
                if (after != NONE) {
                    w.look.moveTo(after);
                    if (w.look.kind() == NodeKind.SOFT_BREAK) {
                        return true;
                    }
                    return w.look.kind() == NodeKind.TEXT && w.load(w.look, OcpNode.Field.LITERAL, w.ahead)
                            && w.ahead.n > 0 && w.ahead.a[0] == ' ';
                }
            }
            return true;
        }
        w.look.moveTo(next);
        NodeKind kind = w.look.kind();
        if (kind == NodeKind.SOFT_BREAK) {
            return true;
        }
        if (kind != NodeKind.TEXT) {
            return false; // a hard break's backslash, too, would join the address
        }
        w.load(w.look, OcpNode.Field.LITERAL, w.ahead);
        byte[] text = w.ahead.a;
        int length = w.ahead.n;
        int end = 0;
        while (end < length && ".,?!:)".indexOf(text[end]) >= 0) {
            end++;
        }
        int after = w.look.nextSiblingIndex();
        NodeKind afterKind = NodeKind.DOCUMENT;
        if (after != NONE) {
            w.look.moveTo(after);
            afterKind = w.look.kind();
        }
        if (end == length) {
            if (after != NONE && afterKind != NodeKind.SOFT_BREAK) {
                return false;
            }
        } else if (text[end] != ' ') {
            return false;
        } else if (isBlank(text, end, length) && (after == NONE || afterKind == NodeKind.SOFT_BREAK
                || afterKind == NodeKind.HARD_BREAK)) {
            return false; // blanks that end a line are written as references, which would join the address
        }
        w.piece.setLength(0);
        w.escaper.text(text, end, w.piece, 0);
        return w.piece.n == end && (end == 0 || text[end - 1] != '!' || end < length);
    }

    /** {@link String#isBlank()} of the bytes {@code s[from, to)}: white space as {@link Character#isWhitespace}. */
    private static boolean isBlank(byte[] s, int from, int to) {
        for (int i = from; i < to; ) {
            int c = Bytes.codePointAt(s, i, to);
            if (!Character.isWhitespace(c)) {
                return false;
            }
            i += Bytes.sequenceLength(s[i]);
        }
        return true;
    }
}
