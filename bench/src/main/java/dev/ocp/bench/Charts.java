package dev.ocp.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's two charts as self-contained SVG (no scripts, no fonts to fetch): {@link #throughput} draws
 * parse and parse+HTML throughput per input size as horizontal bars, one panel per input and operation, each
 * panel scaled to its own fastest bar and every bar labelled with its value; {@link #heap} draws Java-heap bytes
 * allocated per parse on a logarithmic axis (they span from nothing to hundreds of megabytes), with the 1 KB
 * target of the off-heap engines marked.
 */
final class Charts {
    private static final int LABEL = 170;
    private static final int BAR_AREA = 250;
    private static final int VALUE = 110;
    private static final int BAR = 14;
    private static final int STEP = 19;
    private static final String FONT = "font-family=\"sans-serif\" font-size=\"12\"";

    private Charts() {
    }

    /** A bar: who, how much, and the label printed after it. */
    private record Bar(String name, double value, String text) {
    }

    static String color(String name) {
        switch (name) {
            case "java":
                return "#4e79a7";
            case "ffm":
                return "#f28e2b";
            case "jna":
                return "#e15759";
            case "wasm":
                return "#76b7b2";
            case Contender.COMMONMARK:
                return "#59a14f";
            case Contender.FLEXMARK:
                return "#edc948";
            case "ocp-c":
                return "#b07aa1";
            case "cmark":
                return "#ff9da7";
            case "md4c":
                return "#9c755f";
            default:
                return "#bab0ac";
        }
    }

    /** The bar label of a contender: its name, peers by project. */
    private static String label(Report report, String name) {
        return report.display(name).replace("`", "");
    }

    private static List<Bar> bars(Report report, String benchmark, String input, boolean withNative) {
        List<Bar> bars = new ArrayList<>();
        for (String name : report.contenderNames()) {
            double mb = Report.get(report.find(benchmark, name, input), ResultsFile.Row::mbPerSecond);
            if (!Double.isNaN(mb)) {
                bars.add(new Bar(name, mb, Report.sig(mb) + " MB/s"));
            }
        }
        if (withNative) {
            for (String parser : Report.NATIVE) {
                double mb = Report.get(report.nativeRow(parser, input), ResultsFile.NativeRow::mbPerSecond);
                if (!Double.isNaN(mb)) {
                    bars.add(new Bar(parser, mb, Report.sig(mb) + " MB/s"));
                }
            }
        }
        return bars;
    }

    /**
     * Throughput, MB of input per second: a row of panels per input (parse, parse+HTML).
     *
     * @param report the report's data
     * @return the SVG document
     */
    static String throughput(Report report) {
        int panelWidth = LABEL + BAR_AREA + VALUE;
        int width = 2 * panelWidth + 30;
        StringBuilder body = new StringBuilder();
        int y = 50;
        for (String input : Corpus.INPUTS) {
            List<Bar> parse = bars(report, Results.PARSE, input, true);
            List<Bar> html = bars(report, Results.HTML, input, false);
            int rows = Math.max(Math.max(parse.size(), html.size()), 1);
            String size = report.inputs.containsKey(input) ? " (" + Report.bytesText(report.inputBytes(input)) + ")" : "";
            panel(body, 10, y, "parse, " + input + size, parse, report);
            panel(body, 20 + panelWidth, y, "parse + HTML, " + input + size, html, report);
            y += 28 + rows * STEP + 18;
        }
        return document(width, y, "Throughput in MB of input per second (higher is better; each panel has its own "
                + "scale)", body);
    }

    private static void panel(StringBuilder out, int x, int y, String title, List<Bar> bars, Report report) {
        out.append(text(x, y + 12, title, "font-weight=\"bold\""));
        double max = 0;
        for (Bar b : bars) {
            max = Math.max(max, b.value);
        }
        int top = y + 22;
        if (bars.isEmpty()) {
            out.append(text(x + LABEL, top + 12, "no results", "fill=\"#777\""));
            return;
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int by = top + i * STEP;
            double w = max <= 0 ? 0 : b.value / max * BAR_AREA;
            out.append(text(x + LABEL - 6, by + 11, label(report, b.name), "text-anchor=\"end\""));
            out.append(Report.fmt("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    x + LABEL, by, Math.max(w, 0.5), BAR, color(b.name)));
            out.append(text((int) (x + LABEL + w + 5), by + 11, b.text, ""));
        }
    }

    /**
     * Java-heap bytes per parse on a log axis, grouped by input.
     *
     * @param report the report's data
     * @return the SVG document
     */
    static String heap(Report report) {
        // Decades from 1 B to 1 GB.
        int decades = 9;
        int axis = 420;
        int left = LABEL + 10;
        int width = left + axis + VALUE + 20;
        StringBuilder body = new StringBuilder();
        int y = 60;
        List<int[]> spans = new ArrayList<>();
        for (String input : Corpus.INPUTS) {
            List<Bar> bars = new ArrayList<>();
            for (String name : report.contenderNames()) {
                double b = Report.get(report.find(Results.PARSE, name, input), ResultsFile.Row::heapBytesPerOp);
                if (!Double.isNaN(b)) {
                    bars.add(new Bar(name, b, Report.bytesText(b)));
                }
            }
            body.append(text(10, y + 12, "parse, " + input, "font-weight=\"bold\""));
            int top = y + 20;
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                int by = top + i * STEP;
                double w = scale(b.value, decades, axis);
                body.append(text(left - 6, by + 11, label(report, b.name), "text-anchor=\"end\""));
                body.append(Report.fmt("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", left,
                        by, Math.max(w, 0.5), BAR, color(b.name)));
                body.append(text((int) (left + w + 5), by + 11, b.text, ""));
            }
            if (bars.isEmpty()) {
                body.append(text(left, top + 12, "no results", "fill=\"#777\""));
            }
            int end = top + Math.max(bars.size(), 1) * STEP;
            spans.add(new int[]{top, end});
            y = end + 16;
        }
        // Grid and axis under the bars: drawn first in the document so that bars cover them.
        StringBuilder grid = new StringBuilder();
        String[] names = {"1 B", "10 B", "100 B", "1 KB", "10 KB", "100 KB", "1 MB", "10 MB", "100 MB", "1 GB"};
        for (int d = 0; d <= decades; d++) {
            double gx = left + (double) d / decades * axis;
            grid.append(Report.fmt("<line x1=\"%.1f\" y1=\"44\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", gx, gx, y));
            grid.append(text((int) gx, 40, names[d], "text-anchor=\"middle\" fill=\"#555\""));
        }
        double target = left + scale(Report.HEAP_TARGET, decades, axis);
        grid.append(Report.fmt("<line x1=\"%.1f\" y1=\"44\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c00\" "
                + "stroke-dasharray=\"4 3\"/>%n", target, target, y));
        grid.append(text((int) target + 4, y + 12, "1 KB: target of the off-heap engines", "fill=\"#c00\""));
        return document(width, y + 20, "Java-heap bytes allocated per parse (log scale, lower is better)",
                grid.append(body));
    }

    /** Position on a log axis of {@code decades} decades from 1 byte; under 1 byte sits at 0. */
    private static double scale(double bytes, int decades, int axis) {
        if (bytes <= 1) {
            return 0;
        }
        return Math.min(decades, Math.log10(bytes)) / decades * axis;
    }

    private static String document(int width, int height, String title, CharSequence body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + Report.fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" %s>%n", width, height, width, height, FONT)
                + Report.fmt("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height)
                + text(10, 22, title, "font-size=\"15\" font-weight=\"bold\"")
                + body
                + "</svg>\n";
    }

    private static String text(int x, int y, String s, String attributes) {
        return Report.fmt("<text x=\"%d\" y=\"%d\"%s>%s</text>%n", x, y,
                attributes.isEmpty() ? "" : " " + attributes, escape(s));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
