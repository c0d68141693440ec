package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.BlockParser;

import static dev.ocp.engine.java.BlockParser.HEADING;
import static dev.ocp.spi.OcpFormat.FLAG_HEADING_SETEXT;

/**
 * Setext headings: a paragraph followed by an underline of {@code =} (level 1) or {@code -} (level 2), indented up
 * to three spaces, with only spaces or tabs after the run, turns into a heading. Link reference definitions at the
 * paragraph's start are taken first; if nothing is left the underline is a paragraph line (or a thematic break).
 * The underline cannot be a lazy continuation line.
 *
 * <p>References: CommonMark 0.31.2, section 4.3 (Setext headings); micromark and markdown-rs construct
 * {@code heading_setext} (micromark-core-commonmark {@code setext-underline}).
 */
public final class SetextHeading {
    private SetextHeading() {
    }

    /** @return 1 or 2 if the line from {@code p} is a setext heading underline, else 0 */
    static int setextLevel(BlockParser bp, int p) {
        byte m = bp.src[p];
        int q = p;
        while (q < bp.lineEnd && bp.src[q] == m) {
            q++;
        }
        while (q < bp.lineEnd && Line.isSpaceOrTab(bp.src[q])) {
            q++;
        }
        if (q != bp.lineEnd) {
            return 0;
        }
        return m == '=' ? 1 : 2;
    }

    /**
     * Turns the paragraph on top ({@code k}) into a setext heading of {@code level} ending on this line, unless
     * it held nothing but link reference definitions.
     *
     * @return {@code false} if the paragraph was only definitions (the line is then tried as something else)
     */
    static boolean setextHeading(BlockParser bp, int k, int level) {
        int paragraphStart = bp.tree.spanStart(bp.stNode[k]);
        int remaining = Definition.resolveDefinitions(bp, k);
        if (remaining == 0) {
            return false;
        }
        int node = bp.stNode[k];
        if (bp.tree.spanStart(node) != paragraphStart) {
            bp.tree.setNumber(node, 0, paragraphStart); // v1.5: where the paragraph began, before its definitions
        }
        bp.tree.setKind(node, NodeKind.HEADING);
        bp.tree.setData(node, level);
        bp.tree.setFlags(node, FLAG_HEADING_SETEXT);
        bp.stKind[k] = HEADING;
        bp.stEnd[k] = bp.lineEnd;
        bp.stEndLine[k] = bp.lineNumber;
        if (bp.headingIds) {
            remaining = headingId(bp, node, remaining);
        }
        LeafContent.addLeaf(bp, node, bp.leafFirst, remaining);
        BlockStack.closeTop(bp);
        return true;
    }

    /**
     * Reads a heading id at the end of the heading's last line ({@link AtxHeading#headingId}, the same rule) and cuts
     * it off; a last line left empty is dropped, so the line before it ends the content.
     *
     * @return the heading's lines
     */
    private static int headingId(BlockParser bp, int node, int lines) {
        int last = bp.leafFirst + lines - 1;
        int s = bp.lineStartAt[last];
        int e = bp.lineEndAt[last];
        while (e > s && Line.isSpaceOrTab(bp.src[e - 1])) {
            e--;
        }
        int end = AtxHeading.headingId(bp, node, s, e);
        if (end == e) {
            return lines;
        }
        bp.lineEndAt[last] = end;
        return end == s && lines > 1 ? lines - 1 : lines;
    }
}
