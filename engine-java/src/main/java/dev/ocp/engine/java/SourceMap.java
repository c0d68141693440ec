package dev.ocp.engine.java;

/**
 * Maps an index in a leaf block's inline content back to a byte offset in the source. Inline content is the
 * block's lines with container prefixes and indentation removed, joined by {@code '\n'}, so it is not a
 * contiguous slice of the source in general.
 */
public interface SourceMap {
    /**
     * @param contentIndex an index into the content buffer, from its start offset to its end (inclusive)
     * @return the source byte offset of that content byte (for the end index: just past the last byte)
     */
    int toSource(int contentIndex);

    /**
     * @param contentIndex the index of a {@code '\n'} that joins two content lines
     * @return the source offset just past the line ending it stands for (LF, CR or CR LF), so that a line break
     *         can span exactly its line ending and not the next line's container prefix and indentation; by
     *         default one past the line feed's own source offset, for contents whose line feeds are the source's
     */
    default int afterLineEnding(int contentIndex) {
        return toSource(contentIndex) + 1;
    }

    /**
     * @param contentIndex the index where a content line starts, after a {@code '\n'}
     * @return where in the source the indentation the line lost starts (its containers' prefixes end there), the
     *         line's own start when it lost none; by default none was lost
     */
    default int indentationStart(int contentIndex) {
        return toSource(contentIndex);
    }

    /**
     * @param contentIndex the index where a content line starts
     * @return the columns of a tab its container took part of, before {@link #indentationStart}: indentation too
     */
    default int indentationPad(int contentIndex) {
        return 0;
    }
}
