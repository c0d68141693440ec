package dev.ocp.engine.java.block;

import dev.ocp.NodeKind;
import dev.ocp.engine.java.BlockParser;

import java.util.Arrays;

import static dev.ocp.engine.java.BlockParser.CELL;
import static dev.ocp.engine.java.BlockParser.HTML;
import static dev.ocp.engine.java.BlockParser.NIL;
import static dev.ocp.engine.java.BlockParser.TABLE;
import static dev.ocp.spi.OcpFormat.ALIGN_CENTER;
import static dev.ocp.spi.OcpFormat.ALIGN_LEFT;
import static dev.ocp.spi.OcpFormat.ALIGN_NONE;
import static dev.ocp.spi.OcpFormat.ALIGN_RIGHT;
import static dev.ocp.spi.OcpFormat.FLAG_TABLE_HEADER;

/**
 * GFM tables: a paragraph's last line followed by a delimiter row (cells of {@code -} with optional {@code :} at
 * either end for the alignment, separated by pipes) with as many cells becomes the header row; following lines
 * are body rows until a blank line or the start of another block. Rows are split on unescaped pipes (outer pipes
 * optional), cut or padded to the header's cell count; each cell is trimmed, {@code \|} unescaped, and queued for
 * the inline phase like a one-line paragraph.
 *
 * <p>References: GFM spec, section 4.10 (Tables, extension); markdown-rs construct {@code gfm_table}
 * (micromark-extension-gfm-table).
 */
public final class Table {
    private Table() {
    }

    /**
     * Table whitespace, cmark-gfm's {@code spacechar}: space, tab, vertical tab, form feed; micromark's (its
     * {@code markdownSpace}) has no vertical tab or form feed, which are then cell content.
     */
    private static boolean isTableSpace(BlockParser bp, byte b) {
        return b == ' ' || b == '\t' || !bp.micromark && (b == 0x0B || b == '\f');
    }

    private static int skipTableSpace(BlockParser bp, int q) {
        while (q < bp.lineEnd && isTableSpace(bp, bp.src[q])) {
            q++;
        }
        return q;
    }

    /**
     * Scans a table delimiter row at {@code p}: cells of an optional {@code :}, dashes and an optional {@code :},
     * separated by single pipes, with optional outer pipes and table whitespace around each. Records each
     * column's alignment in {@link BlockParser#tableAlign}.
     *
     * @return the number of cells, or 0 if the line is no delimiter row
     */
    static int delimiterRow(BlockParser bp, int p) {
        int q = p;
        if (bp.src[q] == '|') {
            q++;
        }
        int cells = 0;
        while (true) {
            q = skipTableSpace(bp, q);
            boolean left = q < bp.lineEnd && bp.src[q] == ':';
            if (left) {
                q++;
            }
            int dashes = q;
            while (q < bp.lineEnd && bp.src[q] == '-') {
                q++;
            }
            bp.work += q - dashes + 1;
            if (q == dashes) {
                return 0;
            }
            boolean right = q < bp.lineEnd && bp.src[q] == ':';
            if (right) {
                q++;
            }
            if (cells == bp.tableAlign.length) {
                bp.tableAlign = Arrays.copyOf(bp.tableAlign, cells * 2);
            }
            bp.tableAlign[cells++] = left && right ? ALIGN_CENTER : left ? ALIGN_LEFT
                    : right ? ALIGN_RIGHT : ALIGN_NONE;
            q = skipTableSpace(bp, q);
            if (q == bp.lineEnd) {
                return cells;
            }
            if (bp.src[q] != '|') {
                return 0;
            }
            q = skipTableSpace(bp, q + 1);
            if (q == bp.lineEnd) {
                return cells;
            }
        }
    }

    /**
     * Splits the row {@code src[from, to)} into cells as cmark-gfm does: an optional leading pipe, then cells
     * separated by pipes that do not follow a backslash, table whitespace after
     * each pipe skipped, no empty cell after a trailing pipe. Calls {@link #cell} for each cell while
     * {@code limit} allows, and counts them all.
     *
     * @param row   the TABLE_ROW node to add cells to, or {@link BlockParser#NIL} to count only
     * @param limit cells to add at most
     * @return the number of cells of the row
     */
    private static int splitRow(BlockParser bp, int from, int to, int row, int limit, boolean header) {
        int q = from;
        int pipe = NIL;
        if (q < to && bp.src[q] == '|') {
            pipe = q;
            q = skipTableSpaceTo(bp, q + 1, to);
        }
        int cells = 0;
        while (q < to) {
            int cellStart = q;
            // A pipe right after a backslash is the cell's (cmark-gfm's cell scanner takes the longest match, so
            // even in \\| the backslash before the pipe escapes it; micromark's escape takes a backslash or a pipe
            // after it, so there the pipe ends the cell).
            while (q < to && (bp.src[q] != '|' || !bp.micromark && q > cellStart && bp.src[q - 1] == '\\')) {
                q += bp.micromark && bp.src[q] == '\\' && q + 1 < to
                        && (bp.src[q + 1] == '\\' || bp.src[q + 1] == '|') ? 2 : 1;
            }
            bp.work += q - cellStart + 1;
            boolean endsAtPipe = q < to;
            if (q > cellStart || endsAtPipe) {
                if (row != NIL && cells < limit) {
                    cell(bp, row, pipe, cellStart, q, cells, header);
                }
                cells++;
            }
            if (!endsAtPipe) {
                break;
            }
            pipe = q;
            q = skipTableSpaceTo(bp, q + 1, to);
        }
        return cells;
    }

    /**
     * Whether the line has no cells for a table row (cmark-gfm's row parser finds none): nothing but an optional
     * pipe and table whitespace. Such a line ends a table, as a blank line does.
     */
    static boolean rowWithoutCells(BlockParser bp) {
        int q = bp.nonspace;
        if (q < bp.lineEnd && bp.src[q] == '|') {
            q = skipTableSpaceTo(bp, q + 1, bp.lineEnd);
        }
        return q == bp.lineEnd;
    }

    private static int skipTableSpaceTo(BlockParser bp, int q, int to) {
        while (q < to && isTableSpace(bp, bp.src[q])) {
            q++;
        }
        return q;
    }

    /**
     * Adds the cell {@code src[from, to)} (trimmed) of column {@code column} to {@code row}, after the pipe at
     * {@code pipe} ({@link BlockParser#NIL} for a first cell without one); queues its content.
     */
    private static void cell(BlockParser bp, int row, int pipe, int from, int to, int column, boolean header) {
        while (from < to && isTableSpace(bp, bp.src[from])) {
            from++;
        }
        while (to > from && isTableSpace(bp, bp.src[to - 1])) {
            to--;
        }
        int cell = bp.tree.add(NodeKind.TABLE_CELL, row, from, to);
        bp.tree.setData(cell, bp.tableAlign[column]);
        if (pipe != NIL) {
            bp.tree.setNumber(cell, 0, pipe); // v1.5: the pipe it starts after
        }
        if (header) {
            bp.tree.setFlags(cell, FLAG_TABLE_HEADER);
        }
        if (to > from) {
            LeafContent.addLine(bp, from, to, 0);
            LeafContent.addLeaf(bp, cell, bp.lineCount - 1, CELL);
        }
    }

    /**
     * Turns the last line of the paragraph {@code k} into a table's header row if it has {@code columns} cells
     * (those of the delimiter row on this line); the paragraph's earlier lines stay a paragraph.
     *
     * @return whether the table was made (else the line goes on as it would have)
     */
    static boolean tableStart(BlockParser bp, int k, int columns) {
        int h = bp.lineCount - 1;
        int headerStart = bp.lineStartAt[h];
        int headerEnd = bp.lineEndAt[h];
        if (splitRow(bp, headerStart, headerEnd, NIL, 0, true) != columns) {
            return false;
        }
        if (bp.micromark && !bp.mdx && h > bp.leafFirst
                && HtmlBlock.startCondition(bp.src, headerStart, headerEnd, true) == 7) {
            htmlInstead(bp, k, h);
            return true;
        }
        int t;
        if (h > bp.leafFirst) {
            bp.lineCount = h;
            bp.stEnd[k] = bp.lineEndAt[h - 1];
            bp.stEndLine[k] = bp.lineNumber - 2;
            int parent = k - 1;
            BlockStack.closeTop(bp);
            t = BlockStack.push(bp, TABLE, bp.tree.add(NodeKind.TABLE, bp.stNode[parent], headerStart, bp.lineEnd));
        } else {
            bp.lineCount = h;
            t = k;
            bp.stKind[t] = TABLE;
            bp.tree.setKind(bp.stNode[t], NodeKind.TABLE);
        }
        bp.stA[t] = columns;
        int row = bp.tree.add(NodeKind.TABLE_ROW, bp.stNode[t], headerStart, headerEnd);
        bp.tree.setFlags(row, FLAG_TABLE_HEADER);
        splitRow(bp, headerStart, headerEnd, row, columns, true);
        bp.stEnd[t] = bp.lineEnd;
        bp.stEndLine[t] = bp.lineNumber;
        return true;
    }

    /**
     * micromark ({@link dev.ocp.Flavor#MICROMARK}): the header row would be a tag alone on its line. micromark's table
     * check ends the paragraph before that line, and at the flow's start its {@code htmlFlow}, tried first at a
     * {@code <}, takes the line: an HTML block of condition 7, this line its second.
     */
    private static void htmlInstead(BlockParser bp, int k, int h) {
        int start = bp.lineIndentAt[h];
        int end = bp.lineEndAt[h];
        int pad = bp.linePad[h];
        bp.lineCount = h;
        bp.stEnd[k] = bp.lineEndAt[h - 1];
        bp.stEndLine[k] = bp.lineNumber - 2;
        int parent = k - 1;
        BlockStack.closeTop(bp);
        // Where a block opened on that line would start: past its container's prefix, at a tab it took part of.
        int node = bp.tree.add(NodeKind.HTML_BLOCK, bp.stNode[parent], pad > 0 ? start - 1 : start, bp.lineEnd);
        int html = BlockStack.push(bp, HTML, node);
        bp.leafFirst = bp.lineCount;
        bp.stA[html] = 7;
        bp.tree.setData(node, 7);
        LeafContent.addLine(bp, start, end, pad);
        LeafContent.addCodeLine(bp, html);
    }

    /** Adds the rest of the line as a body row of table {@code t}, cut or padded to its columns. */
    static void tableRow(BlockParser bp, int t, boolean header) {
        int row = bp.tree.add(NodeKind.TABLE_ROW, bp.stNode[t], bp.nonspace, bp.lineEnd);
        int columns = bp.stA[t];
        int cells = splitRow(bp, bp.nonspace, bp.lineEnd, row, columns, header);
        for (int c = cells; c < columns; c++) {
            bp.tree.setData(bp.tree.add(NodeKind.TABLE_CELL, row, bp.lineEnd, bp.lineEnd), bp.tableAlign[c]);
        }
        bp.stEnd[t] = bp.lineEnd;
        bp.stEndLine[t] = bp.lineNumber;
    }

    /**
     * Makes table cell content from line record {@code rec}: the cell's bytes with the backslash of each
     * {@code \|} dropped (the pipe is then plain text to the inline parser, even in a code span), mapped to the
     * source piece by piece. Without an escaped pipe the source itself is the buffer.
     */
    public static void buildCellContent(BlockParser bp, int rec) {
        int s = bp.lineStartAt[rec];
        int e = bp.lineEndAt[rec];
        bp.map.reset();
        int first = -1;
        for (int i = s; i + 1 < e; i++) {
            if (bp.src[i] == '\\' && bp.src[i + 1] == '|') {
                first = i;
                break;
            }
        }
        if (first < 0) {
            bp.map.addLine(s, s, e);
            bp.contentBuf = bp.src;
            bp.contentOff = s;
            bp.contentLen = e - s;
            return;
        }
        LeafContent.ensureScratch(bp, e - s);
        int pos = 0;
        int run = s;
        for (int i = first; i + 1 < e; i++) {
            if (bp.src[i] == '\\' && bp.src[i + 1] == '|') {
                addCellPiece(bp, pos, run, s, e);
                System.arraycopy(bp.src, run, bp.scratch, pos, i - run);
                pos += i - run;
                run = i + 1;
            }
        }
        addCellPiece(bp, pos, run, s, e);
        System.arraycopy(bp.src, run, bp.scratch, pos, e - run);
        pos += e - run;
        bp.contentBuf = bp.scratch;
        bp.contentOff = 0;
        bp.contentLen = pos;
    }

    /**
     * Maps the piece of cell content at {@code pos} to the source from {@code run}: the cell's first piece, or one
     * after an escaped pipe, whose span starts at its backslash (a text's span covers its escapes as written).
     */
    private static void addCellPiece(BlockParser bp, int pos, int run, int cellStart, int cellEnd) {
        if (run == cellStart) {
            bp.map.addLine(pos, run, cellEnd);
        } else {
            bp.map.addPieceAfterEscape(pos, run, cellEnd);
        }
    }
}
