package dev.ocp.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: columns padded to their widest cell, numbers right-aligned, two spaces apart. */
final class Table {
    private final String[] header;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param columns column titles; a title starting with {@code >} makes the column right-aligned (the
     *                {@code >} is not printed)
     */
    Table(String... columns) {
        header = new String[columns.length];
        right = new boolean[columns.length];
        for (int i = 0; i < columns.length; i++) {
            right[i] = columns[i].startsWith(">");
            header[i] = right[i] ? columns[i].substring(1) : columns[i];
        }
    }

    Table row(String... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("expected " + header.length + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    void print(PrintStream out, String indent) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        line(out, indent, header, width);
        for (String[] row : rows) {
            line(out, indent, row, width);
        }
    }

    private void line(PrintStream out, String indent, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            boolean last = i == cells.length - 1;
            int pad = width[i] - cells[i].length();
            if (right[i]) {
                sb.append(" ".repeat(pad)).append(cells[i]);
            } else {
                sb.append(cells[i]);
                if (!last) {
                    sb.append(" ".repeat(pad));
                }
            }
        }
        out.println(sb);
    }
}
