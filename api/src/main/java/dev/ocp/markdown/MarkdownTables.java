package dev.ocp.markdown;

import dev.ocp.OcpNode;
import dev.ocp.markdown.MarkdownWriter.Frame;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * GFM tables: their handlers, which collect each cell's Markdown; and the table written from them, a header row, a
 * delimiter row with the columns' alignments, the body rows; columns padded.
 */
final class MarkdownTables {
    private MarkdownTables() {
    }

    /** A GFM table: its rows collected, written as lines when it is left. */
    static final class Table {
        private Table() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.rows = new ArrayList<>();
            w.aligns = new ArrayList<>();
            return true;
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            write(w.rows, w.aligns, w.piece, w::line);
            w.rows = null;
            w.aligns = null;
            return true;
        }
    }

    /** A table row. */
    static final class TableRow {
        private TableRow() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.rows.add(new ArrayList<>());
            return true;
        }
    }

    /** A table cell: a leaf block whose inline content is kept for its row. */
    static final class TableCell {
        private TableCell() {
        }

        static boolean enter(MarkdownWriter w, OcpNode node, Frame f) {
            w.leaf++;
            w.inline.setLength(0);
            f.mark = 0;
            return true;
        }

        static boolean exit(MarkdownWriter w, OcpNode node, Frame f) {
            w.leaf--;
            if (!padding(w, node, w.parent())) {
                w.rows.get(w.rows.size() - 1).add(java.util.Arrays.copyOf(w.inline.a, w.inline.n));
            }
            if (w.rows.size() == 1) {
                w.aligns.add(node.alignment());
            }
            w.inline.setLength(0);
            return true;
        }
    }

    /**
     * Writes the rows (each cell's Markdown as UTF-8) as lines, each put together in {@code piece}. Columns are as
     * wide as their widest cell in UTF-16 units, as they always were: not the columns a reader sees, but a
     * width that the output's bytes do not decide.
     */
    static void write(List<List<byte[]>> rows, List<OcpNode.Alignment> aligns, Bytes piece, Consumer<Bytes> line) {
        int columns = aligns.size();
        int[] width = new int[columns];
        for (int c = 0; c < columns; c++) {
            width[c] = 3;
        }
        for (List<byte[]> row : rows) {
            for (int c = 0; c < Math.min(columns, row.size()); c++) {
                byte[] cell = row.get(c);
                width[c] = Math.max(width[c], Bytes.utf16Length(cell, 0, cell.length));
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            row(rows.get(r), width, piece);
            line.accept(piece);
            if (r == 0) {
                delimiters(aligns, width, piece);
                line.accept(piece);
            }
        }
    }

    private static void row(List<byte[]> cells, int[] width, Bytes b) {
        b.setLength(0);
        b.add('|');
        for (int c = 0; c < cells.size(); c++) {
            byte[] cell = cells.get(c);
            b.add(' ');
            b.add(cell, 0, cell.length);
            if (c < width.length) {
                b.repeat(' ', width[c] - Bytes.utf16Length(cell, 0, cell.length));
            }
            b.add(' ', '|');
        }
    }

    private static void delimiters(List<OcpNode.Alignment> aligns, int[] width, Bytes b) {
        b.setLength(0);
        b.add('|');
        for (int c = 0; c < aligns.size(); c++) {
            OcpNode.Alignment a = aligns.get(c);
            boolean left = a == OcpNode.Alignment.LEFT || a == OcpNode.Alignment.CENTER;
            boolean right = a == OcpNode.Alignment.RIGHT || a == OcpNode.Alignment.CENTER;
            b.add(' ', left ? ':' : '-');
            b.repeat('-', width[c] - 2);
            b.add(right ? ':' : '-');
            b.add(' ', '|');
        }
    }

    /**
     * Whether a cell is one the parser added to a body row that lacked it: empty, at the very end of its row. It is
     * left out, so that the row reads back as short as it was (mdast keeps it short; HTML pads it either way).
     */
    private static boolean padding(MarkdownWriter w, OcpNode cell, Frame row) {
        if (cell.hasChildren() || w.rows.size() == 1 || cell.spanStart() != cell.spanEnd()) {
            return false;
        }
        w.look.moveTo(row.index);
        return cell.spanStart() == w.look.spanEnd() && w.look.spanStart() < w.look.spanEnd();
    }
}
