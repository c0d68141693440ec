package dev.ocp.engine.java.block;

import dev.ocp.engine.java.BlockParser;

import static dev.ocp.engine.java.BlockParser.ITEM;
import static dev.ocp.engine.java.BlockParser.TAB_STOP;

/**
 * Paragraphs: a run of lines that start no other block; a line that starts nothing and follows a paragraph
 * continues it even outside the paragraph's containers (lazy continuation). Each line loses its leading whitespace
 * and the last one its trailing whitespace. When the paragraph closes, link reference definitions at its start are
 * taken off, and what is left is queued for the inline phase (or the paragraph is dropped if nothing is).
 *
 * <p>References: CommonMark 0.31.2, sections 4.8 (Paragraphs) and 5.1 (laziness); micromark and markdown-rs
 * construct {@code paragraph}.
 */
public final class Paragraph {
    private Paragraph() {
    }

    /** Adds the line from its first non-space byte to paragraph {@code k} (also for lazy continuation lines). */
    static void addParagraphLine(BlockParser bp, int k) {
        if (bp.lineCount == bp.leafFirst) {
            bp.tree.setSpan(bp.stNode[k], bp.nonspace, bp.lineEnd);
        }
        // The indentation it loses is kept beside it: a code span across lines keeps it in its content as written.
        LeafContent.addLine(bp, bp.nonspace, bp.lineEnd, bp.partialTab ? TAB_STOP - bp.column % TAB_STOP : 0,
                bp.partialTab ? bp.offset + 1 : bp.offset);
        bp.stEnd[k] = bp.lineEnd;
        bp.stEndLine[k] = bp.lineNumber;
    }

    /**
     * Closes paragraph {@code k}: takes link reference definitions off its start, then queues the rest for the
     * inline phase, or unlinks the paragraph if nothing is left.
     */
    static void finishParagraph(BlockParser bp, int k) {
        int first = bp.leafFirst;
        int remaining = Definition.resolveDefinitions(bp, k);
        int node = bp.stNode[k];
        if (remaining == 0) {
            bp.tree.unlink(bp.stNode[k - 1], node);
            bp.lineCount = first;
            return;
        }
        if (bp.gfm && bp.stKind[k - 1] == ITEM) {
            ListItem.taskItem(bp, k, remaining);
        }
        if (bp.alerts && k == 2) {
            remaining = Alert.markerParagraph(bp, k, remaining);
            if (remaining == 0) {
                return; // the marker alone: its quote decides, when it closes
            }
        }
        LeafContent.addLeaf(bp, node, bp.leafFirst, remaining);
    }
}
