package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.BlockParser;

import static dev.ocp.engine.java.block.BlockStack.LEAF;

/**
 * ATX headings: up to three spaces, one to six {@code #}, then a space, a tab or the line's end; the content is the
 * rest of the line without its closing sequence (a run of {@code #} after a space or tab, or alone) and the spaces
 * around it. The heading is one line and may interrupt a paragraph. The level is the number of {@code #}.
 *
 * <p>Heading ids ({@code Extension.HEADING_IDS}), for ATX and setext headings alike ({@link #headingId}): content
 * that ends in {@code {#id}} (after the closing sequence and trailing whitespace are gone, on a setext heading's last
 * line) gives the heading that id and loses it, with the spaces and tabs before it. The id is what lies between the
 * last {@code {#} and the final {@code }}: no {@code }}, line ending or NUL in it, something besides spaces and tabs,
 * trimmed; a backslash-escaped {@code {} is text. It is read here, before the inline phase, so that in MDX it is an id
 * and not an expression.
 *
 * <p>References: CommonMark 0.31.2, section 4.2 (ATX headings); micromark and markdown-rs construct
 * {@code heading_atx} (micromark-core-commonmark {@code heading-atx}); heading ids: Docusaurus'
 * {@code parseMarkdownHeadingId} (docusaurus-utils, {@code markdownUtils.ts}) and remark-heading-id.
 */
public final class AtxHeading {
    private AtxHeading() {
    }

    /** @return the level of an ATX heading opening at {@code p}, or 0 */
    static int atxLevel(BlockParser bp, int p) {
        int q = p;
        while (q < bp.lineEnd && bp.src[q] == '#' && q - p < 7) {
            q++;
        }
        int level = q - p;
        if (level > 6 || q < bp.lineEnd && !Line.isSpaceOrTab(bp.src[q])) {
            return 0;
        }
        return level;
    }

    static void atxHeading(BlockParser bp, int container, int level) {
        int parent = BlockStack.prepare(bp, container, LEAF);
        int node = bp.tree.add(NodeKind.HEADING, bp.stNode[parent], bp.nonspace, bp.lineEnd);
        bp.tree.setData(node, level);
        int s = bp.nonspace + level;
        while (s < bp.lineEnd && Line.isSpaceOrTab(bp.src[s])) {
            s++;
        }
        int e = bp.lineEnd;
        while (e > s && Line.isSpaceOrTab(bp.src[e - 1])) {
            e--;
        }
        int h = e;
        while (h > s && bp.src[h - 1] == '#') {
            h--;
        }
        if (h < e) {
            if (h == s) {
                e = s; // only a closing sequence (s is past at least one space after the opening one)
            } else if (Line.isSpaceOrTab(bp.src[h - 1])) {
                e = h;
                while (e > s && Line.isSpaceOrTab(bp.src[e - 1])) {
                    e--;
                }
            }
        }
        if (bp.headingIds) {
            e = headingId(bp, node, s, e);
        }
        LeafContent.addLine(bp, s, e, 0);
        LeafContent.addLeaf(bp, node, bp.lineCount - 1, 1);
        BlockStack.leafDone(bp, parent);
    }

    /**
     * Reads a heading id at the end of heading {@code node}'s content {@code src[s, e)} (no trailing whitespace) into
     * its slot b.
     *
     * @return where the content ends without the id and the spaces and tabs before it, or {@code e} if it has none
     */
    static int headingId(BlockParser bp, int node, int s, int e) {
        if (e - s < 4 || bp.src[e - 1] != '}') {
            return e;
        }
        byte[] src = bp.src;
        int open = -1;
        for (int j = e - 2; j > s; j--) {
            byte c = src[j];
            if (c == '}' || c == '\n' || c == '\r' || c == 0) {
                return e;
            }
            if (c == '#' && src[j - 1] == '{') {
                open = j - 1;
                break;
            }
        }
        if (open < 0) {
            return e;
        }
        int backslashes = 0;
        while (open - 1 - backslashes >= s && src[open - 1 - backslashes] == '\\') {
            backslashes++;
        }
        int from = open + 2;
        int to = e - 1;
        while (from < to && Line.isSpaceOrTab(src[from])) {
            from++;
        }
        while (to > from && Line.isSpaceOrTab(src[to - 1])) {
            to--;
        }
        if (from == to || backslashes % 2 != 0) {
            return e;
        }
        bp.tree.setString(node, 1, bp.tree.string(src, from, to - from));
        int end = open;
        while (end > s && Line.isSpaceOrTab(src[end - 1])) {
            end--;
        }
        return end;
    }
}
