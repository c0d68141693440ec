package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.BlockParser;
import dev.ocp.engine.java.inline.Directive.Scan;
import dev.ocp.spi.OcpFormat;

import static dev.ocp.engine.java.BlockParser.DIRECTIVE;
import static dev.ocp.engine.java.block.BlockStack.LEAF;

/**
 * Leaf and container directives (extension {@code directive}):
 * <ul>
 * <li>a leaf: {@code ::name[label]{attributes}} and nothing but spaces and tabs after it on its line; one line,
 *     which may interrupt a paragraph. Its label's inlines are its children.</li>
 * <li>a container: three or more colons, the name, label and attributes, nothing after them on the line; then
 *     every line up to a closing fence (up to three spaces of indentation, or any in MDX, then at least as many
 *     colons and only spaces and tabs) is its content, read as blocks, with as much of its indentation taken off
 *     as the opening fence had. The closing fence is looked for before anything inside (so a fence in a code block
 *     in it closes it, and containers nest by longer outer fences); without one, the container ends with its
 *     parent or the document. A line that would be a lazy paragraph line past it ends it instead (micromark reads
 *     it as a concrete construct). Its label is a PARAGRAPH flagged as the label, its first child.</li>
 * </ul>
 * The name, label and attributes are scanned as for text directives ({@code inline/Directive}), their label and
 * attributes without line endings. A label or attributes that do not scan make the line no directive.
 *
 * <p>References: micromark-extension-directive 4 ({@code directive-leaf}, {@code directive-container});
 * mdast-util-directive.
 */
public final class Directive {
    private Directive() {
    }

    /**
     * A line whose content starts with a colon: a leaf directive (added whole; -1), a container directive's opening
     * fence (opened; its stack index), or neither (0).
     */
    static int directiveStart(BlockParser bp, int container) {
        int p = bp.nonspace;
        int q = p;
        while (q < bp.lineEnd && bp.src[q] == ':') {
            q++;
        }
        int colons = q - p;
        if (colons < 2) {
            return 0;
        }
        Scan s = bp.directiveScan;
        int end = dev.ocp.engine.java.inline.Directive.parts(s, bp.src, q, bp.lineEnd, true);
        if (end < 0) {
            return 0;
        }
        int after = end;
        while (after < bp.lineEnd && Line.isSpaceOrTab(bp.src[after])) {
            after++;
        }
        if (after < bp.lineEnd) {
            return 0;
        }
        bp.work += bp.lineEnd - p;
        if (colons == 2) {
            int parent = BlockStack.prepare(bp, container, LEAF);
            int node = bp.tree.add(NodeKind.LEAF_DIRECTIVE, bp.stNode[parent], p, bp.lineEnd);
            dev.ocp.engine.java.inline.Directive.fields(bp.tree, node, s, bp.src, null);
            if (s.labelStart >= 0) {
                label(bp, node, s);
            }
            BlockStack.leafDone(bp, parent);
            return -1;
        }
        int indentation = bp.indent;
        int k = BlockStack.open(bp, container, DIRECTIVE, NodeKind.CONTAINER_DIRECTIVE, p);
        int node = bp.stNode[k];
        dev.ocp.engine.java.inline.Directive.fields(bp.tree, node, s, bp.src, null);
        bp.stA[k] = colons;
        bp.stC[k] = indentation;
        boolean inRun = bp.runStart[k] < k;
        bp.stB[k] = inRun ? Math.min(bp.stB[k - 1], colons) : colons;
        bp.stIndentSum[k] = (inRun ? bp.stIndentSum[k - 1] : 0) + indentation;
        if (s.labelStart >= 0) {
            int paragraph = bp.tree.add(NodeKind.PARAGRAPH, node, s.labelStart - 1, s.labelEnd + 1);
            bp.tree.setFlags(paragraph, OcpFormat.FLAG_PARAGRAPH_DIRECTIVE_LABEL);
            label(bp, paragraph, s);
        }
        bp.stEnd[k] = bp.lineEnd;
        bp.stEndLine[k] = bp.lineNumber;
        bp.offset = bp.lineEnd; // the rest of the line is the fence's
        bp.nonspace = bp.lineEnd;
        return k;
    }

    /** The label's content, one line, as inline content of {@code node}. */
    private static void label(BlockParser bp, int node, Scan s) {
        if (s.labelEnd > s.labelStart) {
            LeafContent.addLine(bp, s.labelStart, s.labelEnd, 0);
            LeafContent.addLeaf(bp, node, bp.lineCount - 1, 1);
        }
    }

    /**
     * The line continues the run of container directives that starts at {@code k} (or, a list item's blank line
     * having skipped to it, the top of the stack), or closes one of them: the first (outermost) whose fence its
     * colons match, at three columns of indentation or fewer past the prefixes of the directives below (any in
     * MDX). Each directive takes up to its fence's indentation off the line.
     *
     * <p>Nothing is done per directive on a line that continues them all: their indentations are taken off at once
     * (taking off a and then b columns is taking off a + b), the end of the line is recorded at the run's top only
     * (closing a block passes its end on to its parent), and a fence line jumps to the first directive whose fence
     * it can close (the fewest colons up to each one only decrease along the run).
     *
     * @return the run's top, where the line goes on, or -1 when the line closed a directive
     */
    static int continueRun(BlockParser bp, int k) {
        int top = bp.runTop[bp.runStart[k]];
        int colons = bp.blank ? 0 : closingColons(bp);
        int first = top + 1;
        if (colons >= bp.stB[top]) {
            int lo = k;
            int hi = top;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (bp.stB[mid] <= colons) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            first = lo;
        }
        if (first > k) {
            takeIndentation(bp, bp.stIndentSum[first - 1] - (bp.runStart[k] == k ? 0 : bp.stIndentSum[k - 1]));
        }
        for (int j = first; j <= top; j++) {
            bp.work++;
            Line.findNonspace(bp);
            if ((bp.mdx || bp.indent <= 3) && colons >= bp.stA[j]) {
                BlockStack.closeAbove(bp, j);
                bp.stEnd[j] = bp.lineEnd;
                bp.stEndLine[j] = bp.lineNumber;
                BlockStack.closeTop(bp);
                return -1;
            }
            takeIndentation(bp, bp.stC[j]);
        }
        bp.stEnd[top] = bp.lineEnd; // a line it continues is its own, blank or not
        bp.stEndLine[top] = bp.lineNumber;
        return top;
    }

    /** Takes up to {@code columns} columns of spaces and tabs off the line. */
    private static void takeIndentation(BlockParser bp, long columns) {
        for (long i = columns; i > 0 && bp.offset < bp.lineEnd && Line.isSpaceOrTab(bp.src[bp.offset]); i--) {
            Line.advance(bp, 1, true);
        }
    }

    /**
     * The colons of a line that can be a closing fence (past its indentation, colons and then only spaces and
     * tabs), or 0.
     */
    private static int closingColons(BlockParser bp) {
        int q = bp.nonspace;
        while (q < bp.lineEnd && bp.src[q] == ':') {
            q++;
        }
        int colons = q - bp.nonspace;
        while (q < bp.lineEnd && Line.isSpaceOrTab(bp.src[q])) {
            q++;
        }
        bp.work += q - bp.nonspace;
        return q == bp.lineEnd ? colons : 0;
    }
}
