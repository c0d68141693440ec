package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.BlockParser;

import static dev.ocp.engine.java.BlockParser.ITEM;
import static dev.ocp.engine.java.BlockParser.LIST;
import static dev.ocp.spi.OcpFormat.FLAG_ITEM_CHECKED;
import static dev.ocp.spi.OcpFormat.FLAG_ITEM_TASK;
import static dev.ocp.spi.OcpFormat.FLAG_LIST_ORDERED;

/**
 * List items and lists: a bullet ({@code -}, {@code +}, {@code *}) or an ordered marker (one to nine digits then
 * {@code .} or {@code )}), followed by 1-4 spaces (5 or more: content is indented code, and one space counts), gives
 * the item's content indentation; an empty item starts with at most one blank line. To interrupt a paragraph an
 * item must not be empty and an ordered one must start at 1. Items with the same marker type form a list; a list
 * is loose when its items or their children are separated by blank lines. With GFM, a task item is a paragraph
 * first in its item that starts with {@code [ ]}, {@code [x]} or {@code [X]} followed by whitespace and more content.
 *
 * <p>References: CommonMark 0.31.2, sections 5.2 (List items) and 5.3 (Lists); GFM spec, section 5.3 (Task list
 * items, extension); micromark and markdown-rs construct {@code list_item} (micromark-core-commonmark {@code list}),
 * markdown-rs {@code gfm_task_list_item_check} (micromark-extension-gfm-task-list-item).
 */
public final class ListItem {
    private ListItem() {
    }

    /**
     * Scans a list marker at {@code p}, filling the {@code marker*} fields.
     *
     * @param interruptsParagraph whether the item would interrupt a paragraph (then it must not be empty and an
     *                            ordered one must start at 1)
     */
    static boolean listMarker(BlockParser bp, int p, boolean interruptsParagraph) {
        byte c = bp.src[p];
        int next;
        if (c == '*' || c == '+' || c == '-') {
            bp.markerByte = c;
            bp.markerOrdered = false;
            bp.markerStartNumber = 0;
            next = p + 1;
        } else if (c >= '0' && c <= '9') {
            int q = p;
            int value = 0;
            while (q < bp.lineEnd && q - p < 10 && bp.src[q] >= '0' && bp.src[q] <= '9') {
                value = value * 10 + (bp.src[q] - '0');
                q++;
            }
            if (q - p > 9 || q >= bp.lineEnd || bp.src[q] != '.' && bp.src[q] != ')') {
                return false;
            }
            bp.markerByte = bp.src[q];
            bp.markerOrdered = true;
            bp.markerStartNumber = value;
            next = q + 1;
        } else {
            return false;
        }
        if (next < bp.lineEnd && !Line.isSpaceOrTab(bp.src[next])) {
            return false;
        }
        if (interruptsParagraph) {
            // micromark asks for the one digit 1 (01 or 001 is one too to CommonMark)
            if (bp.markerOrdered && (bp.markerStartNumber != 1 || bp.micromark && next - p != 2)) {
                return false;
            }
            int q = next;
            while (q < bp.lineEnd && Line.isSpaceOrTab(bp.src[q])) {
                q++;
            }
            if (q == bp.lineEnd) {
                return false;
            }
        }
        bp.markerWidth = next - p;
        return true;
    }

    /** Whether the scanned marker continues the list at {@code container}: the same bullet or delimiter. */
    static boolean continuesList(BlockParser bp, int container) {
        return bp.stKind[container] == LIST && bp.stA[container] == bp.markerByte
                && (bp.stC[container] == 1) == bp.markerOrdered;
    }

    /** Opens a list item (and its list unless {@code container} is a list it continues) for the scanned marker. */
    static int listItem(BlockParser bp, int container) {
        int start = bp.nonspace;
        int markerIndent = bp.indent;
        Line.advance(bp, bp.nonspace + bp.markerWidth - bp.offset, false);
        boolean savedPartial = bp.partialTab;
        int savedOffset = bp.offset;
        int savedColumn = bp.column;
        // MDX has no indented code: the content starts after all the whitespace (micromark and markdown-rs take it
        // all into the prefix when indented code is off).
        while ((bp.mdx || bp.column - savedColumn <= 5) && bp.offset < bp.lineEnd
                && Line.isSpaceOrTab(bp.src[bp.offset])) {
            Line.advance(bp, 1, true);
        }
        int spaces = bp.column - savedColumn;
        int padding;
        if (spaces >= 5 && !bp.mdx || spaces < 1 || bp.offset == bp.lineEnd) {
            // Content starts one column after the marker: indented code, blank start, or no space at all.
            padding = bp.markerWidth + 1;
            bp.offset = savedOffset;
            bp.column = savedColumn;
            bp.partialTab = savedPartial;
            if (spaces > 0) {
                Line.advance(bp, 1, true);
            }
        } else {
            padding = bp.markerWidth + spaces;
        }
        if (!continuesList(bp, container)) {
            container = BlockStack.open(bp, container, LIST, NodeKind.LIST, start);
            int list = bp.stNode[container];
            bp.stA[container] = bp.markerByte;
            bp.stC[container] = bp.markerOrdered ? 1 : 0;
            bp.tree.setData(list, bp.markerByte);
            if (bp.markerOrdered) {
                bp.tree.setFlags(list, FLAG_LIST_ORDERED);
                bp.tree.setNumber(list, 0, bp.markerStartNumber);
            }
        }
        int item = BlockStack.open(bp, container, ITEM, NodeKind.LIST_ITEM, start);
        bp.stA[item] = markerIndent + padding;
        return item;
    }

    /**
     * Flags the item above paragraph {@code k} as a task-list item when the paragraph is the item's first child,
     * starts with {@code [ ]}, {@code [x]} or {@code [X]} followed by whitespace (spaces or tabs, or the line's
     * end), and goes on after it: more on that line, or another line (as micromark and cmark-gfm read
     * {@code - [ ]} at the end of a line). The paragraph may start on a line after the item's marker, as in
     * micromark and commonmark-java. The paragraph then starts after the whitespace, at the
     * line's end when nothing is left on it (its first line is then empty, and the content starts with a line
     * break).
     *
     * @param lines the paragraph's number of lines
     */
    static void taskItem(BlockParser bp, int k, int lines) {
        int item = bp.stNode[k - 1];
        int node = bp.stNode[k];
        int s = bp.lineStartAt[bp.leafFirst];
        int e = bp.lineEndAt[bp.leafFirst];
        if (bp.tree.firstChild(item) != node || s + 3 > e || bp.src[s] != '[' || bp.src[s + 2] != ']'
                || (s + 3 < e && !Line.isSpaceOrTab(bp.src[s + 3]))) {
            return;
        }
        byte check = bp.src[s + 1];
        if (check != ' ' && check != 'x' && check != 'X') {
            return;
        }
        int content = s + 3;
        while (content < e && Line.isSpaceOrTab(bp.src[content])) {
            content++;
        }
        if (content == e && lines == 1) {
            return;
        }
        bp.tree.setFlags(item, bp.tree.flags(item) | FLAG_ITEM_TASK | (check == ' ' ? 0 : FLAG_ITEM_CHECKED));
        bp.tree.setNumber(item, 0, s); // v1.5: where the check starts, which the paragraph's span leaves out
        bp.lineStartAt[bp.leafFirst] = content;
        bp.tree.setSpan(node, content, bp.tree.spanEnd(node));
    }
}
