package dev.ocp.markdown;

import dev.ocp.OcpNode;

import java.util.List;
import java.util.function.Consumer;

/** GFM tables: a header row, a delimiter row with the columns' alignments, the body rows; columns padded. */
final class MarkdownTables {
    private MarkdownTables() {
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
}
