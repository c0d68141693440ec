package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.BlockParser;

import static dev.ocp.engine.java.block.BlockStack.LEAF;

/**
 * ATX headings: up to three spaces, one to six {@code #}, then a space, a tab or the line's end; the content is the
 * rest of the line without its closing sequence (a run of {@code #} after a space or tab, or alone) and the spaces
 * around it. The heading is one line and may interrupt a paragraph. The level is the number of {@code #}.
 *
 * <p>References: CommonMark 0.31.2, section 4.2 (ATX headings); micromark and markdown-rs construct
 * {@code heading_atx} (micromark-core-commonmark {@code heading-atx}).
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
        LeafContent.addLine(bp, s, e, 0);
        LeafContent.addLeaf(bp, node, bp.lineCount - 1, 1);
        BlockStack.leafDone(bp, parent);
    }
}
