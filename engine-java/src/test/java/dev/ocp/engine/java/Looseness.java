package dev.ocp.engine.java;

import org.commonmark.node.Block;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;

import java.util.List;

/**
 * Looseness (spec 5.3) recomputed from the lines of commonmark-java's blocks, for
 * {@link AcceptedDifference#LOOSENESS_AROUND_NON_PARAGRAPHS}. commonmark-java's source spans leave out blank
 * lines, even those inside a code block, so a block's last line is computed from its first line and its literal.
 */
final class Looseness {
    private Looseness() {
    }

    /**
     * @return +1 if {@code list} is loose only because of blank lines after blocks other than paragraphs inside
     *         items (which commonmark-java misses); -1 if it is tight and commonmark-java could have counted a
     *         blank line that does not separate its blocks: one inside a fenced code block left open at the end of
     *         an item, or one inside a list nested in an item and followed by another block there;
     *         0 if neither pattern applies
     */
    static int verdict(ListBlock list) {
        boolean plainGap = false;
        boolean nonParagraphGap = false;
        boolean openFence = false;
        boolean nestedGap = false;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            Node next = item.getNext();
            if (next != null) {
                if (firstLine(next) > lastLine(item) + 1) {
                    plainGap = true;
                }
                Node deepest = deepestLast(item);
                if (deepest instanceof FencedCodeBlock && ((FencedCodeBlock) deepest).getClosingFenceLength() == null) {
                    openFence = true;
                }
            }
            for (Node child = item.getFirstChild(); child != null && child.getNext() != null; child = child.getNext()) {
                if (!(child instanceof Block)) {
                    continue; // a GFM task item's marker: no lines of its own
                }
                if (child instanceof ListBlock && containsGap(child)) {
                    nestedGap = true;
                }
                if (firstLine(child.getNext()) > lastLine(child) + 1) {
                    if (deepestLast(child) instanceof Paragraph) {
                        plainGap = true;
                    } else {
                        nonParagraphGap = true;
                    }
                }
            }
        }
        if (nonParagraphGap && !plainGap) {
            return 1;
        }
        if (!nonParagraphGap && !plainGap && (openFence || nestedGap)) {
            return -1;
        }
        return 0;
    }

    /** Whether two blocks anywhere inside {@code container} (its items, their blocks, and so on) have a blank line between them. */
    private static boolean containsGap(Node container) {
        for (Node child = container.getFirstChild(); child != null; child = child.getNext()) {
            if (!(child instanceof Block)) {
                continue;
            }
            if (child.getNext() != null && firstLine(child.getNext()) > lastLine(child) + 1) {
                return true;
            }
            if (isContainer(child) && containsGap(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The last block on the way down through last children: the block still open when the container's last line
     * came. A block quote whose last line held only its marker is that block itself (the marker line closed its
     * paragraph).
     */
    private static Node deepestLast(Node n) {
        while (isContainer(n) && n.getLastChild() != null) {
            if (n instanceof org.commonmark.node.BlockQuote) {
                List<SourceSpan> spans = n.getSourceSpans();
                if (!spans.isEmpty() && spans.get(spans.size() - 1).getLineIndex() > lastLine(n.getLastChild())) {
                    return n;
                }
            }
            n = n.getLastChild();
        }
        return n;
    }

    private static boolean isContainer(Node n) {
        return n instanceof ListItem || n instanceof ListBlock || n instanceof org.commonmark.node.BlockQuote;
    }

    static int firstLine(Node n) {
        List<SourceSpan> spans = n.getSourceSpans();
        return spans.isEmpty() ? -1 : spans.get(0).getLineIndex();
    }

    static int lastLine(Node n) {
        if ((n instanceof ListItem || n instanceof ListBlock) && n.getLastChild() != null) {
            // Their spans may take in blank lines the item continued over; its blocks' lines are what count.
            return lastLine(n.getLastChild());
        }
        List<SourceSpan> spans = n.getSourceSpans();
        int last = spans.isEmpty() ? -1 : spans.get(spans.size() - 1).getLineIndex();
        if (n instanceof ListItem) {
            return firstLine(n);
        }
        int first = firstLine(n);
        if (n instanceof FencedCodeBlock) {
            FencedCodeBlock f = (FencedCodeBlock) n;
            last = Math.max(last, first + lines(f.getLiteral()) + (f.getClosingFenceLength() != null ? 1 : 0));
        } else if (n instanceof IndentedCodeBlock) {
            last = Math.max(last, first + lines(((IndentedCodeBlock) n).getLiteral()) - 1);
        } else if (n instanceof HtmlBlock) {
            last = Math.max(last, first + lines(((HtmlBlock) n).getLiteral()) - 1);
        } else if (isContainer(n) && n.getLastChild() != null) {
            last = Math.max(last, lastLine(n.getLastChild()));
        }
        return last;
    }

    private static int lines(String literal) {
        int n = 0;
        for (int i = 0; i < literal.length(); i++) {
            if (literal.charAt(i) == '\n') {
                n++;
            }
        }
        return literal.isEmpty() || literal.endsWith("\n") ? n : n + 1;
    }
}
