package dev.ocp.engine.java;

import java.util.Arrays;

/**
 * The {@link SourceMap} of one leaf block's inline content: for each content line, where it starts in the
 * content buffer and where in the source. Content lines are contiguous in the buffer and, within a line, in
 * the source, so a lookup is a search for the line followed by an addition. One instance serves a whole parse;
 * {@link BlockParser} refills it for each leaf before handing it to the inline parser.
 */
public final class ContentMap implements SourceMap {
    private int[] contentStart = new int[16];
    private int[] sourceStart = new int[16];
    /**
     * Per line: the source offset of the index where it starts, as a boundary between two nodes: its own start, or
     * for a piece of a table cell after a {@code \\|}, the backslash the content dropped (what ends there ends
     * before the escape; what starts there starts with it).
     */
    private int[] boundaryAt = new int[16];
    /** Per line: the source offset just past the line's line ending. */
    private int[] sourceAfterEnding = new int[16];
    /** Per line: where its indentation starts in the source, and the columns of a tab before it (see SourceMap). */
    private int[] indentAt = new int[16];
    private int[] indentPad = new int[16];
    private int lines;
    /** The line of the last lookup: the inline parser asks mostly in increasing order. */
    private int recent;

    public void reset() {
        lines = 0;
        recent = 0;
    }

    /**
     * Adds the next line: content index {@code contentIndex} is source offset {@code sourceOffset}, and the line's
     * line ending ends at source offset {@code afterEnding}.
     */
    public void addLine(int contentIndex, int sourceOffset, int afterEnding) {
        addLine(contentIndex, sourceOffset, afterEnding, sourceOffset, 0);
    }

    /**
     * Adds the next line, which lost the indentation from source offset {@code indentStart} to {@code sourceOffset}
     * and {@code pad} columns of a tab before that.
     */
    public void addLine(int contentIndex, int sourceOffset, int afterEnding, int indentStart, int pad) {
        addLine(contentIndex, sourceOffset, afterEnding, indentStart, pad, sourceOffset);
    }

    /**
     * Adds the next piece of a table cell's content, which follows a {@code \\|} whose backslash the content dropped
     * (at source offset {@code sourceOffset - 1}).
     */
    public void addPieceAfterEscape(int contentIndex, int sourceOffset, int afterEnding) {
        addLine(contentIndex, sourceOffset, afterEnding, sourceOffset, 0, sourceOffset - 1);
    }

    private void addLine(int contentIndex, int sourceOffset, int afterEnding, int indentStart, int pad,
            int boundary) {
        if (lines == contentStart.length) {
            contentStart = Arrays.copyOf(contentStart, lines * 2);
            sourceStart = Arrays.copyOf(sourceStart, lines * 2);
            boundaryAt = Arrays.copyOf(boundaryAt, lines * 2);
            sourceAfterEnding = Arrays.copyOf(sourceAfterEnding, lines * 2);
            indentAt = Arrays.copyOf(indentAt, lines * 2);
            indentPad = Arrays.copyOf(indentPad, lines * 2);
        }
        contentStart[lines] = contentIndex;
        sourceStart[lines] = sourceOffset;
        boundaryAt[lines] = boundary;
        sourceAfterEnding[lines] = afterEnding;
        indentAt[lines] = indentStart;
        indentPad[lines] = pad;
        lines++;
    }

    int lineCount() {
        return lines;
    }

    public int lineContentStart(int line) {
        return contentStart[line];
    }

    /** @return the line holding content index {@code contentIndex} (the last line for indexes past the end) */
    public int lineOf(int contentIndex) {
        int r = recent;
        if (contentStart[r] <= contentIndex && (r + 1 == lines || contentStart[r + 1] > contentIndex)) {
            return r;
        }
        int lo = 0;
        int hi = lines - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (contentStart[mid] <= contentIndex) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        recent = lo;
        return lo;
    }

    @Override
    public int toSource(int contentIndex) {
        int line = lineOf(contentIndex);
        int within = contentIndex - contentStart[line];
        return within == 0 ? boundaryAt[line] : sourceStart[line] + within;
    }

    @Override
    public int indentationStart(int contentIndex) {
        return indentAt[lineOf(contentIndex)];
    }

    @Override
    public int indentationPad(int contentIndex) {
        return indentPad[lineOf(contentIndex)];
    }

    @Override
    public int afterLineEnding(int contentIndex) {
        return sourceAfterEnding[lineOf(contentIndex)];
    }
}
