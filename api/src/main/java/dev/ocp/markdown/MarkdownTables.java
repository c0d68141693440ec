package dev.ocp.markdown;

import dev.ocp.OcpNode;

import java.util.List;
import java.util.function.Consumer;

/** GFM tables: a header row, a delimiter row with the columns' alignments, the body rows; columns padded. */
final class MarkdownTables {
    private MarkdownTables() {
    }

    static void write(List<List<String>> rows, List<OcpNode.Alignment> aligns, Consumer<CharSequence> line) {
        int columns = aligns.size();
        int[] width = new int[columns];
        for (int c = 0; c < columns; c++) {
            width[c] = 3;
        }
        for (List<String> row : rows) {
            for (int c = 0; c < Math.min(columns, row.size()); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            line.accept(row(rows.get(r), width));
            if (r == 0) {
                line.accept(delimiters(aligns, width));
            }
        }
    }

    private static String row(List<String> cells, int[] width) {
        StringBuilder b = new StringBuilder("|");
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            b.append(' ').append(cell);
            if (c < width.length) {
                b.append(" ".repeat(width[c] - cell.length()));
            }
            b.append(" |");
        }
        return b.toString();
    }

    private static String delimiters(List<OcpNode.Alignment> aligns, int[] width) {
        StringBuilder b = new StringBuilder("|");
        for (int c = 0; c < aligns.size(); c++) {
            OcpNode.Alignment a = aligns.get(c);
            boolean left = a == OcpNode.Alignment.LEFT || a == OcpNode.Alignment.CENTER;
            boolean right = a == OcpNode.Alignment.RIGHT || a == OcpNode.Alignment.CENTER;
            b.append(' ').append(left ? ":" : "-").append("-".repeat(width[c] - 2)).append(right ? ":" : "-")
                    .append(" |");
        }
        return b.toString();
    }
}
