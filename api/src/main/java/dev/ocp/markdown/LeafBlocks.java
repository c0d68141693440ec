package dev.ocp.markdown;

import dev.ocp.NodeKind;
import dev.ocp.OcpNode;
import dev.ocp.markdown.MarkdownWriter.Frame;

/**
 * The handlers of the leaf blocks other than code: paragraphs and headings (whose inline content the inline
 * handlers collect, and whose exit writes it), thematic breaks, HTML blocks, definitions and frontmatter.
 */
final class LeafBlocks {
    private LeafBlocks() {
    }

    /** A paragraph: its inline content, as lines; a task item's box first in the item's first paragraph. */
    static final class Paragraph {
        private Paragraph() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            Frame parent = w.parent();
            w.leaf++;
            w.inline.setLength(0);
            if (parent != null && parent.task != 0 && parent.index + 1 == node.index()) {
                w.inline.add('[', parent.task);
                w.inline.add(']', ' ');
            }
            f.mark = w.inline.n;
            return true;
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            w.leaf--;
            Frame parent = w.parent();
            if (node.isDirectiveLabel() && parent != null && parent.kind == NodeKind.CONTAINER_DIRECTIVE) {
                w.look.moveTo(parent.index);
                DirectiveHandlers.Container.label(w, parent, w.look.node(), w.inline);
            } else {
                w.lines(w.inline);
            }
            w.inline.setLength(0);
            return true;
        }
    }

    /** An ATX or setext heading. */
    static final class Heading {
        private Heading() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.leaf++;
            w.inline.setLength(0);
            f.mark = w.inline.n;
            return true;
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            w.leaf--;
            heading(w, node);
            w.inline.setLength(0);
            return true;
        }
    }

    /** A thematic break. */
    static final class ThematicBreak {
        private ThematicBreak() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.line(thematicBreak(w, node, w.parent()));
            return false;
        }
    }

    /** An HTML block: its lines as they are. */
    static final class HtmlBlock {
        private HtmlBlock() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            Frame parent = w.parent();
            w.load(node, OcpNode.Field.LITERAL, w.text);
            if (parent != null && parent.kind == NodeKind.LIST_ITEM && parent.index + 1 == node.index()
                    && w.text.n > 0 && w.text.a[0] == ' ') {
                // After the marker its leading spaces would be taken for the marker's; on a line of its own
                // under the marker, the item's content starts a column after it and the spaces stay.
                w.emptyLine();
            }
            w.lines(w.text);
            w.leftOpen = !closes(node.htmlBlockCondition(), w.text);
            return false;
        }
    }

    /** A link reference definition. */
    static final class Definition {
        private Definition() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            definition(w, node);
            return false;
        }
    }

    /** YAML or TOML frontmatter, between its fences. */
    static final class Frontmatter {
        private Frontmatter() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            String fence = "toml".equals(node.frontmatterFormat()) ? "+++" : "---";
            w.line(fence);
            w.load(node, OcpNode.Field.LITERAL, w.text);
            w.lines(w.text);
            w.line(fence);
            return false;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Three of the thematic break character, one that cannot read as the list item's marker on its line. */
    private static String thematicBreak(MarkdownWriter w, OcpNode node, Frame parent) {
        char c = w.options.thematicBreak() != MarkdownOptions.AS_PARSED ? w.options.thematicBreak() : node.marker();
        if (c != '-' && c != '_') {
            c = '*';
        }
        if (parent != null && parent.kind == NodeKind.LIST_ITEM) {
            Frame list = w.frames[w.depth - 3];
            if (!list.ordered && list.marker == c) {
                c = c == '*' ? '-' : '*';
            }
            // Right under a paragraph (a tight item), dashes would underline it as a heading.
            if (c == '-' && parent.previous == NodeKind.PARAGRAPH) {
                c = list.marker == '*' ? '_' : '*';
            }
        }
        // First in a document, three dashes would open frontmatter.
        return String.valueOf(c).repeat(c == '-' && node.index() == 1 ? 4 : 3);
    }

    private static void heading(MarkdownWriter w, OcpNode node) {
        int level = node.headingLevel();
        if (w.escaper.headingIds) {
            Escaper.protectHeadingId(w.inline);
        }
        String id = node.headingId();
        if (id != null) {
            // The id after the text, as it was written: it ends the heading's (last) line. Alone, it still makes a
            // setext heading's content: the heading then has an id and no text.
            w.piece.setLength(0);
            w.piece.ascii(w.inline.n > 0 ? " {#" : "{#");
            w.inline.add(w.piece);
            byte[] utf8 = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            w.inline.add(utf8, 0, utf8.length);
            w.inline.add('}');
        }
        boolean multiline = w.inline.indexOf('\n', 0) >= 0;
        boolean setext = switch (w.options.headings()) {
            case AS_PARSED -> node.isSetextHeading();
            case SETEXT -> true;
            case ATX -> false;
        };
        MarkdownWriter.Frame parent = w.parent();
        if (setext && !multiline && parent != null && parent.previous != null
                && (parent.tight || parent.kind == NodeKind.LIST_ITEM)) {
            setext = false; // right under a block in an item, its lines could go on with the block's paragraph
        }
        if (setext && !multiline && w.inline.n > 0 && Escaper.mayStartBlock(w.inline.a, 0, w.inline.n)) {
            // A line that may start a block (an HTML block or, in MDX, JSX or an expression) is no heading's content.
            setext = false;
        }
        if ((setext || multiline) && level <= 2 && w.inline.n > 0) {
            w.lines(w.inline);
            w.line(level == 1 ? "===" : "---");
            return;
        }
        if (multiline) {
            // ATX headings hold one line: a line break inside one becomes a space.
            for (int i = 0; i < w.inline.n; i++) {
                if (w.inline.a[i] == '\n') {
                    int end = i;
                    while (end > 0 && (w.inline.a[end - 1] == ' ' || w.inline.a[end - 1] == '\\')) {
                        end--;
                    }
                    w.inline.replace(end, i + 1, ' ');
                    i = end;
                }
            }
        }
        Escaper.protectClosingHashes(w.inline);
        w.piece.setLength(0);
        w.piece.repeat('#', level);
        if (w.inline.n > 0) {
            w.piece.add(' ');
            w.piece.add(w.inline);
        }
        w.line(w.piece);
    }

    /**
     * Whether an HTML block's last line holds the end its start condition waits for (conditions 1 to 5; the others
     * end at a blank line).
     */
    private static boolean closes(int condition, Bytes literal) {
        int n = literal.n;
        int start = Math.max(0, n - 2);
        while (start >= 0 && (start >= n || literal.a[start] != '\n')) {
            start--;
        }
        start++;
        byte[] s = literal.a;
        return switch (condition) {
            case 1 -> contains(s, start, n, "</script>", true) || contains(s, start, n, "</pre>", true)
                    || contains(s, start, n, "</style>", true) || contains(s, start, n, "</textarea>", true);
            case 2 -> contains(s, start, n, "-->", false);
            case 3 -> contains(s, start, n, "?>", false);
            case 4 -> contains(s, start, n, ">", false);
            case 5 -> contains(s, start, n, "]]>", false);
            default -> true;
        };
    }

    /**
     * Whether {@code s[from, to)} contains the ASCII {@code what}, in any case of its letters if {@code anyCase}
     * (no other character lower-cases to an ASCII letter of the tags asked for).
     */
    private static boolean contains(byte[] s, int from, int to, String what, boolean anyCase) {
        int m = what.length();
        outer:
        for (int i = from; i + m <= to; i++) {
            for (int k = 0; k < m; k++) {
                int c = s[i + k];
                if (anyCase && c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != what.charAt(k)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void definition(MarkdownWriter w, OcpNode node) {
        w.piece.setLength(0);
        w.piece.add('[');
        w.load(node, OcpNode.Field.LABEL, w.aux);
        w.piece.add(w.aux);
        w.piece.add(']', ':');
        w.piece.add(' ');
        Links.destinationAndTitle(w, node, true, w.piece);
        if (w.jsxIndents == 0) {
            // A label or title across lines: each line under the containers' prefixes, where the indentation the
            // label keeps (format v1.5) is the line's own, past them; a lazy line would lose what reaches into them.
            w.lines(w.piece);
        } else {
            // Under a JSX element the indentation is the writer's own, not a container's: a label would keep it.
            w.line(w.piece);
        }
    }
}
