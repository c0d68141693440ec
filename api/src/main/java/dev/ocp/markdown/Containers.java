package dev.ocp.markdown;

import dev.ocp.NodeKind;
import dev.ocp.OcpNode;
import dev.ocp.markdown.MarkdownWriter.Frame;

import static dev.ocp.spi.OcpFormat.NONE;

/**
 * The handlers of the container blocks: the document, block quotes, lists and their items, footnote definitions.
 * A container writes nothing of its own but the prefixes of its lines ({@link MarkdownWriter#pushPrefix}): a
 * quote's {@code > }, an item's marker on its first line and its indentation on the others.
 */
final class Containers {
    private Containers() {
    }

    /** The root: its blocks, one after another. */
    static final class Document {
        private Document() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            return true;
        }
    }

    /** A block quote: every line of its content after {@code > }. */
    static final class BlockQuote {
        private BlockQuote() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.pushPrefix(MarkdownWriter.QUOTE);
            Frame parent = w.parent();
            if (parent != null && parent.previous == NodeKind.PARAGRAPH && w.startsWithListThatCannotInterrupt(node)) {
                // Right under a paragraph, micromark reads the line that opens the quote as interrupting it for
                // the list the line would open too (an empty item, or one numbered from other than 1, cannot): the
                // list starts on the quote's second line.
                w.emptyLine();
            }
            return true;
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            if (w.lines == f.linesAtEnter) {
                w.emptyLine();
            }
            w.popPrefix();
            w.leftOpen = false; // a blank line ends the quote, and a block left open in it
            return true;
        }
    }

    /**
     * A GitHub alert: a block quote whose first line is its marker, {@code [!NOTE]} and the like, and then a line of
     * only the quote's {@code >}, so that the body's first block starts on a line of its own whatever it is (an
     * indented code block could not interrupt the marker's paragraph). An alert without a body, or one not at the top
     * of the document (a transform's), reads back as a block quote: github.com has no such alert.
     */
    static final class Alert {
        private Alert() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.pushPrefix(MarkdownWriter.QUOTE);
            OcpNode.AlertType type = node.alertType();
            w.line("[!" + (type == null ? "NOTE" : type.name()) + "]");
            if (node.hasChildren()) {
                w.emptyLine();
            }
            return true;
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            w.popPrefix();
            w.leftOpen = false; // a blank line ends the alert, and a block left open in it
            return true;
        }
    }

    /** A list: its marker chosen for its items, which write it. */
    static final class ListBlock {
        private ListBlock() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            enterList(w, node, f, w.parent());
            return true;
        }
    }

    /** A list item: its list's marker on its first line, as much indentation on the others. */
    static final class ListItem {
        private ListItem() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            enterItem(w, node, f, w.parent());
            return true;
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            if (w.lines == f.linesAtEnter) {
                w.emptyLine(); // an empty item: its marker alone
            }
            w.popPrefix();
            return true;
        }
    }

    /** A GFM footnote definition: {@code [^label]: } on its first line, four spaces on the others. */
    static final class FootnoteDefinition {
        private FootnoteDefinition() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            int from = w.firsts.n;
            w.firsts.add('[', '^');
            w.load(node, OcpNode.Field.LABEL, w.aux);
            w.firsts.add(w.aux);
            w.firsts.add(']', ':');
            w.firsts.add(' ');
            w.pushPrefix(from, 4);
            return true;
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            return ListItem.exit(w, node, f); // the same: an empty one is its label alone
        }
    }

    // ---------------------------------------------------------------- helpers

    private static boolean anItemIsSpread(MarkdownWriter w, OcpNode list) {
        w.look.moveTo(list.index());
        for (boolean more = w.look.toFirstChild(); more; more = w.look.toNextSibling()) {
            if (w.look.isSpread()) {
                return true;
            }
        }
        return false;
    }

    private static void enterList(MarkdownWriter w, OcpNode node, Frame f, Frame parent) {
        f.ordered = node.isOrderedList();
        f.tight = node.isTightList();
        f.spread = node.isSpread();
        // A loose list is spread, or one of its items is, in payloads that record it: else it is an older one.
        f.spreadKnown = f.tight || f.spread || anItemIsSpread(w, node);
        char asked = f.ordered ? w.options.orderedDelimiter() : w.options.bullet();
        char marker = asked != MarkdownOptions.AS_PARSED ? asked : node.marker();
        if (marker == 0 || (f.ordered ? ".)" : "-*+").indexOf(marker) < 0) {
            marker = f.ordered ? '.' : '-';
        }
        boolean afterList = parent != null && parent.previous == NodeKind.LIST && parent.previousOrdered == f.ordered;
        if (f.ordered) {
            // Two lists in a row with the same marker would be read as one.
            if (afterList && parent.previousMarker == marker) {
                marker = marker == '.' ? ')' : '.';
            }
        } else {
            // Nor may a bullet make an item's first line a thematic break: a third '-' or '*' on the line of the
            // items this list is first in, or the one an item's indented code starts with.
            for (char c : new char[] {marker, '+', '-', '*'}) {
                if (!(afterList && parent.previousMarker == c) && (c == '+' || !makesThematicBreak(w, node, c))) {
                    marker = c;
                    break;
                }
            }
        }
        f.marker = marker;
        f.number = f.ordered ? node.listStart() : 0;
        int next = node.nextSiblingIndex();
        if (next != NONE) {
            w.look.moveTo(next);
            if (w.look.kind() == NodeKind.HTML_BLOCK) {
                // An HTML block indented as deep as the items' content would be read as their last item's.
                w.load(w.look, OcpNode.Field.LITERAL, w.ahead);
                int spaces = 0;
                while (spaces < w.ahead.n && w.ahead.a[spaces] == ' ') {
                    spaces++;
                }
                f.contentIndent = spaces > 0 ? spaces + 1 : 0;
            }
        }
    }

    private static void enterItem(MarkdownWriter w, OcpNode node, Frame f, Frame list) {
        int from = w.firsts.n;
        if (list != null && list.kind == NodeKind.LIST) {
            f.tight = list.tight;
            f.spreadKnown = list.spreadKnown;
            f.spread = node.isSpread();
            if (list.ordered) {
                if (list.number < 0) {
                    w.firsts.ascii(Long.toString(list.number));
                } else {
                    w.firsts.decimal(list.number);
                }
                w.firsts.add(list.marker);
                if (w.options.incrementListNumbers()) {
                    list.number++;
                }
            } else {
                w.firsts.add(list.marker);
            }
        } else {
            w.firsts.add('-'); // an item outside a list: only a builder makes one
        }
        int marker = w.firsts.n - from;
        if (node.isTask()) {
            f.task = (byte) (node.isChecked() ? 'x' : ' ');
        }
        int pad = 1;
        if (list != null && list.contentIndent > marker + 1 && !firstChildIsCode(w, node)) {
            // (five spaces or more start indented code, except in MDX, which has none and takes them all)
            pad = w.mdx ? list.contentIndent - marker : Math.min(4, list.contentIndent - marker);
        }
        w.firsts.repeat(' ', pad);
        w.pushPrefix(from, marker + pad);
    }

    /** Whether the bullet {@code c} would make the first line of one of the list's items a thematic break. */
    private static boolean makesThematicBreak(MarkdownWriter w, OcpNode list, char c) {
        int onTheLine = 1 + (list.parentIndex() + 1 == list.index() ? w.pendingCount((byte) c) : 0);
        if (onTheLine >= 3) {
            return true;
        }
        w.look.moveTo(list.index());
        if (!w.look.toFirstChild()) {
            return false;
        }
        do {
            int item = w.look.index();
            // (A fenced block too, whose fence is what starts the line: written indented, or fenced here and indented
            // on a second writing, it would not, and the choice must be the same both times.)
            if (w.look.toFirstChild() && w.look.kind() == NodeKind.CODE_BLOCK) {
                w.load(w.look, OcpNode.Field.LITERAL, w.ahead);
                int marks = onTheLine;
                int i = 0;
                while (i < w.ahead.n && (w.ahead.a[i] == c || w.ahead.a[i] == ' ' || w.ahead.a[i] == '\t')) {
                    marks += w.ahead.a[i++] == c ? 1 : 0;
                }
                if (marks >= 3 && (i == w.ahead.n || w.ahead.a[i] == '\n' || w.ahead.a[i] == '\r')) {
                    return true;
                }
            }
            w.look.moveTo(item);
        } while (w.look.toNextSibling());
        return false;
    }

    private static boolean firstChildIsCode(MarkdownWriter w, OcpNode item) {
        w.look.moveTo(item.index());
        return w.look.toFirstChild() && w.look.kind() == NodeKind.CODE_BLOCK;
    }
}
