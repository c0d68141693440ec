package dev.ocp.bench;

import dev.ocp.bench.ResultsFile.ContenderInfo;
import dev.ocp.bench.ResultsFile.HtmlAgreement;
import dev.ocp.bench.ResultsFile.InputInfo;
import dev.ocp.bench.ResultsFile.NativeRow;
import dev.ocp.bench.ResultsFile.Row;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes {@code REPORT.md} and its charts from a results file: the machine and run, the contenders and their
 * status, the suite's targets computed from the run with met or not met, a table per input size, and the
 * tables of the other benchmarks. Everything here is derived from {@code results.json}, so a report can be
 * written again from saved results ({@code bench/run --report-only DIR}).
 */
final class Report {
    /** The C driver's parsers, in the order the report lists them. */
    static final List<String> NATIVE = List.of("ocp-c", "cmark", "md4c");
    /** What each contender the suite knows is, for the contenders table. */
    private static final Map<String, String> WHAT = Map.of(
            "java", "OCP engine: the pure-Java parser",
            "ffm", "OCP engine: the C core through java.lang.foreign",
            "jna", "OCP engine: the C core through JNA",
            "wasm", "OCP engine: the C core compiled to wasm32, run by Chicory",
            Contender.COMMONMARK, "peer: parse to its node tree; render with its HtmlRenderer",
            Contender.FLEXMARK, "peer: core module, default (CommonMark) options, no extensions");
    /** Heap bytes per parse the off-heap engines must stay within. */
    static final double HEAP_TARGET = 1000;

    final ResultsFile results;
    final List<Row> rows;
    final List<ContenderInfo> contenders;
    final Map<String, InputInfo> inputs = new LinkedHashMap<>();
    final ResultsFile.NativeRun nativeRun;
    final List<NativeRow> nativeRows;
    /** Hand-written notes on the targets, or null. */
    String notes;
    /** The run before this one ({@value #PREVIOUS}, which {@code bench/run} keeps), or null. */
    ResultsFile previous;
    /** The file beside {@code results.json} that holds the previous run's results. */
    static final String PREVIOUS = "previous.json";
    /** How many times micromark's parse-only throughput each engine's parse must reach on the MDX pages. */
    static final double MDX_TARGET = 100;
    /**
     * How many times the JS toolchain's mdast throughput each engine's mdast from text must reach on the MDX pages:
     * the same tree at least as fast.
     */
    static final double MDX_MDAST_TARGET = 1;
    /** The JS peer's row that builds mdast (bench/js/mdx-peer.mjs). */
    static final String JS_TREE = "mdast-util-from-markdown";
    /** The JS peer's row that parses to micromark's events and builds no tree. */
    static final String JS_EVENTS = "micromark parse only";

    /** The least a dialect's parse may keep of CommonMark's throughput on progit. */
    static final double GFM_TARGET = 0.85;
    /** Directives and alerts on cost a document with neither at most 5% (issue 58). */
    static final double DOCS_SITE_TARGET = 0.95;
    /**
     * The least the CommonMark parse may keep of the previous run's throughput, both scaled by commonmark-java's
     * figure of their run: "not slower", less a few percent of noise.
     */
    static final double BEFORE_TARGET = 0.95;
    /** The least share of one thread's throughput each of two threads on two cores keeps, in every fork. */
    static final double THREAD_TARGET = 0.85;
    /** The least share of the fastest engine's parse throughput the default engine keeps at each size. */
    static final double DEFAULT_WITHIN = 0.95;

    Report(ResultsFile results) {
        this.results = results;
        this.rows = results.results();
        this.contenders = results.contenders();
        for (InputInfo in : results.inputs()) {
            inputs.put(in.id(), in);
        }
        this.nativeRun = results.nativeRun();
        this.nativeRows = nativeRun.rows();
    }

    /**
     * Writes {@code REPORT.md}, {@code throughput.svg} and {@code heap.svg} into a directory.
     *
     * @param results the results (as in {@code results.json})
     * @param dir     where to write
     * @throws IOException if a file cannot be written
     */
    static void write(ResultsFile results, Path dir) throws IOException {
        write(results, dir, null);
    }

    /**
     * Writes the report with hand-written notes on the targets (profiles, what would close a gap) after the
     * targets table. The notes live beside the suite ({@code bench/targets.md}), not in the generated report,
     * so that writing the report again keeps them.
     *
     * @param results the results (as in {@code results.json})
     * @param dir     where to write
     * @param notes   a Markdown file to include, or null; a missing file is skipped
     * @throws IOException if a file cannot be read or written
     */
    static void write(ResultsFile results, Path dir, Path notes) throws IOException {
        Report report = new Report(results);
        if (notes != null && Files.isRegularFile(notes)) {
            report.notes = Files.readString(notes, StandardCharsets.UTF_8).strip();
        }
        Path previous = dir.resolve(PREVIOUS);
        if (Files.isRegularFile(previous)) {
            report.previous = ResultsFile.read(previous);
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("throughput.svg"), Charts.throughput(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("heap.svg"), Charts.heap(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("REPORT.md"), report.markdown(), StandardCharsets.UTF_8);
    }

    // ---- lookups ----------------------------------------------------------------------------------------

    /** The row of a benchmark for a contender and input, or null. */
    Row find(String benchmark, String contender, String input) {
        for (Row r : rows) {
            if (benchmark.equals(r.benchmark()) && contender.equals(r.contender()) && input.equals(r.input())) {
                return r;
            }
        }
        return null;
    }

    /** The previous run's parse row of progit for a contender, or null. */
    Row previousRow(String contender) {
        if (previous == null) {
            return null;
        }
        return new Report(previous).find(Results.PARSE, contender, Corpus.PROGIT);
    }

    /** The C driver's row for a parser and input, or null. */
    NativeRow nativeRow(String parser, String input) {
        for (NativeRow r : nativeRows) {
            if (parser.equals(r.parser()) && input.equals(r.input())) {
                return r;
            }
        }
        return null;
    }

    /** Every engine and peer in report order. */
    List<String> contenderNames() {
        List<String> out = new ArrayList<>();
        for (ContenderInfo c : contenders) {
            out.add(c.name());
        }
        return out;
    }

    ContenderInfo contender(String name) {
        for (ContenderInfo c : contenders) {
            if (name.equals(c.name())) {
                return c;
            }
        }
        return new ContenderInfo(name, null, "absent", "not surveyed", null, null, null);
    }

    boolean available(String name) {
        return contender(name).available();
    }

    boolean isEngine(String name) {
        return contender(name).engine();
    }

    /** What the report calls a contender: an engine by its name, a peer by its project and version. */
    String display(String name) {
        ContenderInfo c = contender(name);
        String version = c.version() == null ? "" : c.version();
        if (Contender.COMMONMARK.equals(name)) {
            return "commonmark-java " + version;
        }
        if (Contender.FLEXMARK.equals(name)) {
            return "flexmark-java " + version;
        }
        if (NATIVE.contains(name)) {
            return name.equals("ocp-c") ? "C core (ocp-c)" : name;
        }
        return "`" + name + "`";
    }

    /** Why a contender has no numbers: its status, or what the C driver said. */
    String whyAbsent(String name) {
        if (NATIVE.contains(name)) {
            if (!nativeRun.measured()) {
                return "C driver " + nativeRun.status();
            }
            boolean any = nativeRows.stream().anyMatch(r -> name.equals(r.parser()));
            if (!any) {
                return name.equals("ocp-c") ? "not measured by the C driver"
                        : "not installed (Debian package lib" + name + "-dev)";
            }
            return "not measured on this input";
        }
        ContenderInfo c = contender(name);
        if (!c.available()) {
            return c.status();
        }
        return "no result (the benchmark failed; see the run's log)";
    }

    /** A figure of a row, NaN when there is no row or no figure: the report's arithmetic shows NaN as "–". */
    static <R> double get(R row, Function<R, ? extends Number> figure) {
        if (row == null) {
            return Double.NaN;
        }
        Number v = figure.apply(row);
        return v == null ? Double.NaN : v.doubleValue();
    }

    long inputBytes(String id) {
        InputInfo in = inputs.get(id);
        return in == null ? 0 : in.bytes();
    }

    // ---- the report --------------------------------------------------------------------------------------

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# OCP benchmark report\n\n");
        out.append("Written by `bench/run` (bench/README.md says how to run it and what each benchmark measures). "
                + "Every number below comes from one run on one machine, all contenders side by side; read them "
                + "as ratios, since absolute speed depends on the machine. Throughput is in MB of Markdown input "
                + "per second (1 MB = 10^6 bytes) for every contender, so any two cells of a column divide "
                + "into a ratio directly."
                + (results.reruns().isEmpty() ? "" : " The benchmarks the Run table lists as measured again come from "
                + "a later run of their own, all their contenders side by side again: a ratio within one of them is "
                + "still of one run, a ratio between one of them and another benchmark is not.")
                + "\n\n");
        machine(out);
        contenderTable(out);
        targets(out);
        out.append("## Throughput per input size\n\n");
        out.append("![Parse and parse+HTML throughput per engine and peer](throughput.svg)\n\n");
        out.append("![Java-heap bytes allocated per parse](heap.svg)\n\n");
        out.append("*parse*: OCP engines parse to OCP and close the document (the payload is freed at once); "
                + "commonmark-java and flexmark-java parse to their node trees. *HTML*: the same plus rendering "
                + "HTML to a String (OCP: `OcpDocument.toHtml()`). *÷ cm*: divided by commonmark-java's figure "
                + "in the same column. *CPU/op*: CPU time of the whole benchmark JVM (all threads, GC and JIT "
                + "included) per operation, the figure that moves least when other processes share the machine. "
                + "*heap/op*: Java-heap bytes allocated per operation inside JMH's measured loop, on the "
                + "benchmark's threads (`HeapProfiler`; JMH's gc profiler, which also counts JMH's own threads "
                + "and so adds kilobytes per parse when an iteration holds few, gives `gcBytesPerOp` in "
                + "results.json). The C driver's rows time the same bytes in a C process, parse only, in CPU "
                + "time.\n\n");
        for (String input : Corpus.INPUTS) {
            inputTable(out, input);
        }
        sizeSweep(out);
        roundTrip(out);
        threads(out);
        smallThreads(out);
        arena(out);
        copy(out);
        dialects(out);
        mdx(out);
        renderings(out);
        markdownWritten(out);
        bulk(out);
        htmlAgreement(out);
        out.append("## Method\n\n");
        out.append("- JMH throughput mode; each benchmark in a fresh JVM (fork) with a fixed 4 GB heap, measured "
                + "after warm-up iterations (see Run above). ± is JMH's 99.9% confidence half-width over the "
                + "measured iterations; a target's interval divides the ends of both intervals. The thread "
                + "benchmarks run in a second JMH pass with forks of their own (at least 3 unless the Run table "
                + "says otherwise), since their results differ from fork to fork; their tables show each fork.\n");
        out.append("- Each parser gets its natural input, prepared before timing: UTF-8 bytes for OCP engines, a "
                + "String for the Java peers. The inputs of fixed size are the first bytes of the corpus, cut at a "
                + "space or line break; `progit` is the whole corpus as one document, as cmark's and md4c's own "
                + "benchmarks parse it.\n");
        out.append("- The C driver runs before JMH, on the same input files, in its own process; its rows are "
                + "the parse call alone (ocp-c: parse and free the payload; cmark: parse and free the tree; md4c: "
                + "parse with empty callbacks), timed in CPU time, the median of its rounds, the parsers taking "
                + "their rounds in turn. Set beside JMH's wall-clock rows, this favours neither on a quiet machine.\n");
        out.append("- Engines are found through the SPI by name; one that is absent or cannot run here is listed "
                + "with the reason instead of measured.\n");
        return out.toString();
    }

    /**
     * How a rerun's forks differ from the run's, if they do (a rerun before they were recorded says nothing): the
     * thread benchmarks' are named only when they differ too.
     */
    private static String rerunForks(ResultsFile.Rerun rerun, ResultsFile.Jmh jmh) {
        if (rerun.forks() == null) {
            return "";
        }
        int threadForks = rerun.threadForks() == null ? rerun.forks() : rerun.threadForks();
        boolean forksDiffer = jmh == null || rerun.forks() != jmh.forks();
        boolean threadForksDiffer = jmh == null
                || threadForks != (jmh.threadForks() == null ? jmh.forks() : jmh.threadForks());
        if (!forksDiffer && !threadForksDiffer) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" but ").append(forks(rerun.forks())).append(" per benchmark");
        if (threadForksDiffer) {
            sb.append(", ").append(threadForks).append(" for the thread benchmarks");
        }
        return sb.toString();
    }

    /** "1 fork", "3 forks". */
    private static String forks(int count) {
        return count + (count == 1 ? " fork" : " forks");
    }

    private void machine(StringBuilder out) {
        ResultsFile.Machine m = results.machine();
        ResultsFile.Jmh jmh = results.jmh();
        ResultsFile.CorpusInfo corpus = results.corpus();
        out.append("## Run\n\n| | |\n|---|---|\n");
        out.append("| Date | ").append(results.date()).append(" |\n");
        out.append("| Commit | ").append(results.commit()).append(" |\n");
        for (ResultsFile.Rerun rerun : results.reruns()) {
            out.append("| Measured again | the benchmarks matching `").append(cellText(rerun.benchmarks())).append("`, ")
                    .append(rerun.date()).append(" at ").append(rerun.commit())
                    .append(" (`bench/run --rerun`), with the JDK and settings below")
                    .append(rerunForks(rerun, jmh))
                    .append(" |\n");
        }
        out.append("| CPU | ").append(m.cpu()).append(", ").append(m.cores()).append(" cores |\n");
        out.append("| Memory | ").append(m.memoryBytes() > 0 ? fmt("%.1f GB", m.memoryBytes() / 1e9) : "unknown")
                .append(" |\n");
        out.append("| OS | ").append(m.os()).append(" |\n");
        out.append("| JDK | ").append(orElse(jmh.jdk(), "?")).append(" |\n");
        out.append("| JVM options | `").append(orElse(jmh.jvmArgs(), "")).append("` |\n");
        out.append("| JMH | ").append(orElse(jmh.jmhVersion(), "?")).append(": ").append(forks(jmh.forks()))
                .append(" per benchmark")
                .append(jmh.threadForks() == null ? "" : fmt(" (%d for the thread benchmarks)", jmh.threadForks()))
                .append(", ").append(jmh.iterations()).append(" x ").append(jmh.time())
                .append(" measured after ").append(jmh.warmupIterations()).append(" x ").append(jmh.warmupTime())
                .append(" of warm-up |\n");
        out.append("| Corpus | ").append(corpus.origin())
                .append(corpus.generated() ? " (the progit corpus was not found)" : "").append(" |\n");
        Long seconds = results.durationSeconds();
        out.append("| Duration | ").append(seconds == null ? "?" : fmt("%d min %02d s", seconds / 60, seconds % 60))
                .append(" |\n");
        out.append("| Command | `bench/run ").append(orElse(results.command(), "")).append("` |\n\n");
    }

    private static String orElse(String value, String otherwise) {
        return value == null || value.isEmpty() ? otherwise : value;
    }

    private void contenderTable(StringBuilder out) {
        out.append("## Contenders\n\n| contender | what | status |\n|---|---|---|\n");
        for (ContenderInfo c : contenders) {
            String name = c.name();
            String what = WHAT.getOrDefault(name, "OCP engine found through the SPI");
            String status;
            if (!c.available()) {
                status = c.status() + ": " + c.reason();
            } else if (c.capabilities() != null) {
                status = "measured; capabilities " + c.capabilities();
            } else {
                status = "measured";
            }
            out.append("| ").append(display(name)).append(" | ").append(what).append(" | ")
                    .append(cellText(status)).append(" |\n");
        }
        String nativeStatus = nativeRun.status();
        for (String parser : NATIVE) {
            boolean measured = nativeRows.stream().anyMatch(r -> parser.equals(r.parser()));
            String what = parser.equals("ocp-c") ? "our C core called from C, no JVM (the C driver)"
                    : parser.equals("cmark") ? "the CommonMark reference C library; builds a tree"
                    : "a fast C parser that builds no tree (SAX-like callbacks)";
            String status = measured ? "measured by the C driver"
                    : "measured".equals(nativeStatus) ? whyAbsent(parser)
                    : "C driver " + nativeStatus + ": " + orElse(nativeRun.note(), "");
            out.append("| ").append(display(parser)).append(" | ").append(what).append(" | ")
                    .append(cellText(status)).append(" |\n");
        }
        out.append('\n');
    }

    // ---- targets -----------------------------------------------------------------------------------------

    /** One target: a ratio a / b with a goal. */
    private void ratioTarget(StringBuilder out, String what, double a, double aErr, double b, double bErr,
                             double goal, String missing, String extra) {
        out.append("| ").append(what).append(" | ");
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            out.append("– | ≥ ").append(ratioText(goal)).append(" | not measured: ").append(cellText(missing))
                    .append(" |\n");
            return;
        }
        double r = a / b;
        out.append("**").append(ratioText(r)).append("**");
        String interval = interval(a, aErr, b, bErr);
        if (!interval.isEmpty()) {
            out.append(" (").append(interval).append(')');
        }
        if (!extra.isEmpty()) {
            out.append("; ").append(extra);
        }
        out.append(" | ≥ ").append(ratioText(goal)).append(" | ").append(r >= goal ? "**met**" : "**not met**")
                .append(" |\n");
    }

    private static String interval(double a, double aErr, double b, double bErr) {
        if (Double.isNaN(aErr) && Double.isNaN(bErr)) {
            return "";
        }
        double ae = Double.isNaN(aErr) ? 0 : aErr;
        double be = Double.isNaN(bErr) ? 0 : bErr;
        double lo = Math.max(0, (a - ae) / (b + be));
        if (b - be <= 0) {
            return fmt("interval %.2f–?", lo);
        }
        return fmt("interval %.2f–%.2f", lo, (a + ae) / (b - be));
    }

    private String why(String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            boolean has = NATIVE.contains(n) ? nativeRow(n, Corpus.PROGIT) != null
                    : find(Results.PARSE, n, Corpus.PROGIT) != null;
            if (!has) {
                out.add(display(n) + " " + whyAbsent(n));
            }
        }
        return String.join("; ", out);
    }

    /** The CPU-time ratio of two JMH rows (b's CPU per op over a's), as a cross-check; empty if unknown. */
    private static String byCpu(Row a, Row b) {
        double ca = get(a, Row::cpuNsPerOp);
        double cb = get(b, Row::cpuNsPerOp);
        if (Double.isNaN(ca) || Double.isNaN(cb) || ca <= 0) {
            return "";
        }
        return "by CPU time " + ratioText(cb / ca);
    }

    /** What the {@code progit} input is in this run: the corpus, or the generated Markdown that stood in for it. */
    private String progitName() {
        return progitGenerated()
                ? "generated Markdown standing in for the progit corpus, which was not found"
                : "the progit corpus";
    }

    private boolean progitGenerated() {
        return results.corpus() != null && results.corpus().generated();
    }

    private void targets(StringBuilder out) {
        String p = Corpus.PROGIT;
        out.append("## Targets\n\n");
        out.append("The targets the suite holds the engines to, as ratios of parse throughput on ")
                .append(progitName()).append(" (").append(bytesText(inputBytes(p)))
                .append(") in this run. A ratio is met when its measured value reaches the goal; the interval shows "
                        + "how far noise could move it.\n\n");
        out.append("| target | measured | goal | result |\n|---|---|---|---|\n");
        NativeRow ocpC = nativeRow("ocp-c", p);
        NativeRow cmark = nativeRow("cmark", p);
        NativeRow md4c = nativeRow("md4c", p);
        ratioTarget(out, "C core parse ÷ cmark parse", get(ocpC, NativeRow::mbPerSecond), Double.NaN, get(cmark, NativeRow::mbPerSecond),
                Double.NaN, 1.5, why("ocp-c", "cmark"), md4c == null ? "md4c " + whyAbsent("md4c")
                        : fmt("md4c (builds no tree) %s MB/s beside", sig(get(md4c, NativeRow::mbPerSecond))));
        Row ffm = find(Results.PARSE, "ffm", p);
        Row java = find(Results.PARSE, "java", p);
        Row wasm = find(Results.PARSE, "wasm", p);
        Row cm = find(Results.PARSE, Contender.COMMONMARK, p);
        ratioTarget(out, "`ffm` parse ÷ C core alone", get(ffm, Row::mbPerSecond), get(ffm, Row::mbError),
                get(ocpC, NativeRow::mbPerSecond), Double.NaN, 0.9, why("ffm", "ocp-c"), "");
        ratioTarget(out, "`ffm` parse ÷ commonmark-java parse", get(ffm, Row::mbPerSecond), get(ffm, Row::mbError),
                get(cm, Row::mbPerSecond), get(cm, Row::mbError), 3, why("ffm", Contender.COMMONMARK), byCpu(ffm, cm));
        ratioTarget(out, "`java` parse ÷ commonmark-java parse", get(java, Row::mbPerSecond), get(java, Row::mbError),
                get(cm, Row::mbPerSecond), get(cm, Row::mbError), 1.5, why("java", Contender.COMMONMARK),
                byCpu(java, cm));
        ratioTarget(out, "`wasm` parse ÷ `ffm` parse", get(wasm, Row::mbPerSecond), get(wasm, Row::mbError),
                get(ffm, Row::mbPerSecond), get(ffm, Row::mbError), 0.25, why("wasm", "ffm"), byCpu(wasm, ffm));
        for (String engine : List.of("java", "ffm")) {
            Row cmDialect = find(Results.DIALECT_COMMONMARK, engine, p);
            Row gfm = find(Results.DIALECT_GFM, engine, p);
            ratioTarget(out, "`" + engine + "` GFM parse ÷ CommonMark parse", get(gfm, Row::mbPerSecond),
                    get(gfm, Row::mbError), get(cmDialect, Row::mbPerSecond), get(cmDialect, Row::mbError), GFM_TARGET,
                    ran(Results.DIALECT_GFM) ? why(engine) : "DialectBenchmark not run", byCpu(gfm, cmDialect));
            Row docsSite = find(Results.DIALECT_DOCS_SITE, engine, p);
            ratioTarget(out, "`" + engine + "` GFM with directives and alerts parse ÷ GFM parse",
                    get(docsSite, Row::mbPerSecond), get(docsSite, Row::mbError), get(gfm, Row::mbPerSecond),
                    get(gfm, Row::mbError), DOCS_SITE_TARGET, ran(Results.DIALECT_DOCS_SITE) ? why(engine)
                            : "DialectBenchmark.gfmDirectivesAlerts not run", byCpu(docsSite, gfm));
        }
        NativeRow jsTree = jsMdx(JS_TREE);
        NativeRow jsEvents = jsMdx(JS_EVENTS);
        for (String engine : List.of("java", "ffm", "jna", "wasm")) {
            Row site = find(Results.MDX_SITE, engine, Corpus.MDX);
            ratioTarget(out, "`" + engine + "` MDX parse ÷ micromark's parse (both build no tree), on the MDX pages",
                    get(site, Row::mbPerSecond), get(site, Row::mbError), get(jsEvents, NativeRow::mbPerSecond),
                    Double.NaN, MDX_TARGET, jsEvents == null ? whyNoJs(JS_EVENTS)
                            : ran(Results.MDX_SITE) ? why(engine) : "MdxBenchmark not run", "");
            Row tree = find(Results.MDX_SITE_MDAST, engine, Corpus.MDX);
            ratioTarget(out, "`" + engine + "` MDX mdast from text ÷ the JS toolchain's, on the MDX pages",
                    get(tree, Row::mbPerSecond), get(tree, Row::mbError), get(jsTree, NativeRow::mbPerSecond),
                    Double.NaN, MDX_MDAST_TARGET, jsTree == null ? whyNoJs(JS_TREE)
                            : ran(Results.MDX_SITE_MDAST) ? why(engine) : "MdxBenchmark.siteMdast not run", "");
        }
        // mdast, the tree the JS MDX world reads, at most twice the cost of our own JSON of the same document.
        for (String engine : List.of("java", "ffm")) {
            Row json = find(Results.RENDER_JSON, engine, p);
            Row mdast = find(Results.RENDER_MDAST, engine, p);
            ratioTarget(out, "`" + engine + "` mdast rendering ÷ JSON rendering, as throughput (0.5: mdast costs 2x)",
                    get(mdast, Row::opsPerSecond), get(mdast, Row::opsError), get(json, Row::opsPerSecond),
                    get(json, Row::opsError), 0.5, ran(Results.RENDER_MDAST) ? why(engine) : "RenderBenchmark not run",
                    byCpu(mdast, json));
        }
        // Markdown written back (issue 31): faster than commonmark-java's MarkdownRenderer, each from a document
        // it parsed before the timing.
        Row cmMarkdown = find(Results.MARKDOWN, Contender.COMMONMARK, p);
        for (String engine : List.of("java", "ffm")) {
            Row markdown = find(Results.MARKDOWN, engine, p);
            ratioTarget(out, "`" + engine + "` Markdown writing ÷ commonmark-java's MarkdownRenderer, from a parsed "
                            + "document", get(markdown, Row::opsPerSecond), get(markdown, Row::opsError),
                    get(cmMarkdown, Row::opsPerSecond), get(cmMarkdown, Row::opsError), 1,
                    !ran(Results.MARKDOWN) ? "MarkdownBenchmark not run"
                            : markdown == null ? display(engine) + " " + whyAbsent(engine)
                            : display(Contender.COMMONMARK) + " " + whyAbsent(Contender.COMMONMARK),
                    byCpu(markdown, cmMarkdown));
        }
        // A transform that changes one link (issue 31): less than half a parse of the same input, same engine.
        for (String engine : List.of("java", "ffm")) {
            Row parse = find(Results.TRANSFORM_PARSE, engine, p);
            for (String benchmark : List.of(Results.TRANSFORM, Results.TRANSFORM_OF_LINKS)) {
                Row transform = find(benchmark, engine, p);
                ratioTarget(out, "`" + engine + "` one-link transform " + (benchmark.equals(Results.TRANSFORM)
                                ? "(every node visited)" : "(links visited)") + " ÷ parse, as throughput (2: half a parse)",
                        get(transform, Row::opsPerSecond), get(transform, Row::opsError),
                        get(parse, Row::opsPerSecond), get(parse, Row::opsError), 2,
                        !ran(Results.TRANSFORM) ? "TransformBenchmark not run"
                                : display(engine) + " " + whyAbsent(engine), byCpu(transform, parse));
            }
        }
        // Spark (issue 32): two local threads at least 1.6 times the documents a second of one.
        NativeRow local1 = bulkRow(BULK_LOCAL1);
        NativeRow local2 = bulkRow(BULK_LOCAL2);
        ratioTarget(out, "`ocp_html` in Spark `local[2]` ÷ `local[1]`, documents a second", documentsPerSecond(local2),
                Double.NaN, documentsPerSecond(local1), Double.NaN, 1.6, whyNoBulk(), "");
        // Small documents: the fixed cost of a call, against the peer users would otherwise pick.
        Row tinyFfm = find(Results.ROUND_TRIP, "ffm", RoundTripBenchmark.INPUT);
        Row tinyJna = find(Results.ROUND_TRIP, "jna", RoundTripBenchmark.INPUT);
        String noTrip = ran(Results.ROUND_TRIP) ? why("ffm", "jna") : "RoundTripBenchmark not run";
        ratioTarget(out, "`ffm` tiny round trip (parse + close, 48 bytes) ÷ `jna`'s, as throughput",
                get(tinyFfm, Row::opsPerSecond), get(tinyFfm, Row::opsError), get(tinyJna, Row::opsPerSecond),
                get(tinyJna, Row::opsError), 1 / 1.5, noTrip, "");
        ratioTarget(out, "`ffm` tiny round trips per µs (1 is a round trip in 1 µs)", get(tinyFfm, Row::opsPerSecond),
                get(tinyFfm, Row::opsError), 1e6, Double.NaN, 1, noTrip,
                tinyFfm == null ? "" : timeText(1e9 / get(tinyFfm, Row::opsPerSecond)) + " each");
        for (String input : List.of("100B", "10KB")) {
            Row peer = find(Results.PARSE, Contender.COMMONMARK, input);
            for (String engine : List.of("java", "ffm", "jna", "wasm")) {
                Row r = find(Results.PARSE, engine, input);
                ratioTarget(out, "`" + engine + "` parse ÷ commonmark-java parse, " + input, get(r, Row::mbPerSecond),
                        get(r, Row::mbError), get(peer, Row::mbPerSecond), get(peer, Row::mbError),
                        engine.equals("wasm") ? 1.0 : 1.5, why(engine, Contender.COMMONMARK), byCpu(r, peer));
            }
        }
        Row cmBefore = previousRow(Contender.COMMONMARK);
        // Each engine's ratio to commonmark-java is a property of the CPU as well as of the code (the two JITs and
        // the C compiler's output do not gain alike from a wider core): across CPUs it says nothing of a regression.
        String otherCpu = previous == null || previous.machine() == null || results.machine() == null
                || previous.machine().cpu().equals(results.machine().cpu()) ? null
                : "the previous run measured another CPU (" + previous.machine().cpu() + ")";
        for (String engine : List.of("java", "ffm")) {
            Row now = find(Results.PARSE, engine, p);
            Row before = previousRow(engine);
            // Two runs differ by what else the machine did; commonmark-java, unchanged between them, is the
            // yardstick: each run's figure is divided by its commonmark-java figure before they are compared.
            double raw = get(now, Row::mbPerSecond) / get(before, Row::mbPerSecond);
            ratioTarget(out, "`" + engine + "` CommonMark parse ÷ the previous run's, each ÷ commonmark-java"
                            + (previous == null ? "" : " (" + previous.date() + ", " + previous.commit() + ")"),
                    otherCpu != null ? Double.NaN : get(now, Row::mbPerSecond) / get(cm, Row::mbPerSecond),
                    Double.NaN, get(before, Row::mbPerSecond) / get(cmBefore, Row::mbPerSecond), Double.NaN,
                    BEFORE_TARGET,
                    previous == null ? "no previous run (" + PREVIOUS + " beside results.json)"
                            : otherCpu != null ? otherCpu
                            : before == null || cmBefore == null ? "the previous run did not measure it"
                            : why(engine, Contender.COMMONMARK),
                    Double.isNaN(raw) ? "" : "unscaled " + ratioText(raw) + " (commonmark-java "
                            + ratioText(get(cm, Row::mbPerSecond) / get(cmBefore, Row::mbPerSecond)) + ")");
        }
        for (String engine : List.of("ffm", "jna", "wasm")) {
            out.append("| Java-heap bytes per parse, `").append(engine).append("`, every input size | ");
            double worst = -1;
            List<String> cells = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String input : Corpus.INPUTS) {
                double heap = get(find(Results.PARSE, engine, input), Row::heapBytesPerOp);
                double peer = get(find(Results.PARSE, Contender.COMMONMARK, input), Row::heapBytesPerOp);
                if (Double.isNaN(heap)) {
                    missing.add(input);
                    continue;
                }
                worst = Math.max(worst, heap);
                cells.add(input + ": " + bytesText(heap) + (Double.isNaN(peer) ? "" : " (commonmark-java "
                        + bytesText(peer) + ")"));
            }
            if (cells.isEmpty()) {
                out.append("– | ≤ 1 KB | not measured: ").append(cellText(display(engine) + " "
                        + whyAbsent(engine))).append(" |\n");
                continue;
            }
            out.append(String.join("; ", cells)).append(" | ≤ 1 KB | ");
            if (!missing.isEmpty()) {
                out.append("not measured at ").append(String.join(", ", missing)).append(" |\n");
            } else {
                out.append(worst <= HEAP_TARGET ? "**met**" : "**not met**").append(" |\n");
            }
        }
        out.append('\n');
        if (notes != null && !notes.isEmpty()) {
            out.append("### Notes on the targets\n\n")
                    .append("Written by hand from profiles, in bench/targets.md; dated where they say so, and not "
                            + "measured by this run.\n\n")
                    .append(notes).append("\n\n");
        }
    }

    // ---- tables --------------------------------------------------------------------------------------------

    private void inputTable(StringBuilder out, String input) {
        InputInfo in = inputs.get(input);
        out.append("### ").append(input).append("\n\n");
        if (in != null) {
            out.append(fmt("%,d bytes: %s.", in.bytes(), in.origin())).append("\n\n");
        }
        if (!ranOn(input, Results.PARSE, Results.HTML)) {
            // The benchmarks ran, but not on this input (left out with JMH's -p): not a failure of each contender.
            notRun(out);
            return;
        }
        out.append("| contender | parse MB/s | parse ops/s | parse ÷ cm | CPU/parse | heap/parse "
                + "| HTML MB/s | HTML ÷ cm | heap/HTML |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Row cmParse = find(Results.PARSE, Contender.COMMONMARK, input);
        Row cmHtml = find(Results.HTML, Contender.COMMONMARK, input);
        for (String name : contenderNames()) {
            Row parse = find(Results.PARSE, name, input);
            Row html = find(Results.HTML, name, input);
            out.append("| ").append(display(name)).append(" | ");
            if (parse == null && html == null) {
                out.append(cellText(whyAbsent(name))).append(" |").append(" – |".repeat(7)).append('\n');
                continue;
            }
            out.append(mbText(parse)).append(" | ").append(opsText(get(parse, Row::opsPerSecond))).append(" | ")
                    .append(ratioCell(parse, cmParse, Row::mbPerSecond)).append(" | ")
                    .append(timeText(get(parse, Row::cpuNsPerOp))).append(" | ")
                    .append(bytesText(get(parse, Row::heapBytesPerOp))).append(" | ")
                    .append(mbText(html)).append(" | ").append(ratioCell(html, cmHtml, Row::mbPerSecond)).append(" | ")
                    .append(bytesText(get(html, Row::heapBytesPerOp))).append(" |\n");
        }
        for (String parser : NATIVE) {
            NativeRow row = nativeRow(parser, input);
            out.append("| ").append(display(parser)).append(" | ");
            if (row == null) {
                out.append(cellText(whyAbsent(parser))).append(" |").append(" – |".repeat(7)).append('\n');
                continue;
            }
            double mb = get(row, NativeRow::mbPerSecond);
            double ops = row.iterations() / row.seconds();
            String ratio = cmParse == null ? "–" : "**" + ratioText(mb / get(cmParse, Row::mbPerSecond)) + "**";
            out.append(sig(mb)).append(" | ").append(opsText(ops)).append(" | ").append(ratio)
                    .append(" | – | – | – | – | – |\n");
        }
        out.append('\n');
    }

    /** Whether any row of these benchmarks exists; a section without any says so instead of listing failures. */
    boolean ran(String... benchmarks) {
        return ranOn(null, benchmarks);
    }

    /** Whether any row of these benchmarks exists on {@code input} (any input if null). */
    boolean ranOn(String input, String... benchmarks) {
        for (Row r : rows) {
            for (String b : benchmarks) {
                if (b.equals(r.benchmark()) && (input == null || input.equals(r.input()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void notRun(StringBuilder out) {
        out.append("Not run in this run (see the command above).\n\n");
    }

    private void roundTrip(StringBuilder out) {
        InputInfo in = inputs.get(RoundTripBenchmark.INPUT);
        out.append("## Round trip of a tiny document\n\n");
        if (!ran(Results.ROUND_TRIP)) {
            notRun(out);
            return;
        }
        out.append("Parse one line (").append(in == null ? "?" : fmt("%d bytes", in.bytes()))
                .append(") and let go of the result (OCP: close the document): the fixed cost of a call — crossing "
                + "into the engine, taking and returning a payload, the ownership bookkeeping.\n\n");
        out.append("| contender | time per round trip | round trips/s | ÷ cm | CPU/op | heap/op |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        Row cm = find(Results.ROUND_TRIP, Contender.COMMONMARK, RoundTripBenchmark.INPUT);
        for (String name : contenderNames()) {
            Row r = find(Results.ROUND_TRIP, name, RoundTripBenchmark.INPUT);
            out.append("| ").append(display(name)).append(" | ");
            if (r == null) {
                out.append(cellText(whyAbsent(name))).append(" | – | – | – | – |\n");
                continue;
            }
            double ops = get(r, Row::opsPerSecond);
            out.append(timeText(1e9 / ops)).append(" | ").append(opsText(ops)).append(" | ")
                    .append(ratioCell(r, cm, Row::opsPerSecond)).append(" | ")
                    .append(timeText(get(r, Row::cpuNsPerOp))).append(" | ")
                    .append(bytesText(get(r, Row::heapBytesPerOp))).append(" |\n");
        }
        out.append('\n');
    }

    private void threads(StringBuilder out) {
        String input = "10KB";
        out.append("## One and two threads\n\n");
        if (!ran(Results.THREADS)) {
            notRun(out);
            return;
        }
        out.append("Parse of the ").append(input).append(" input by one thread (`ParseBenchmark.parse`), and by "
                + "two threads sharing one engine or parser (their operations added up). Scaling is two threads ÷ "
                + "one: 2 would be perfect on two idle cores. *Per thread ÷ 1, each fork*: each fork's two-thread "
                + "throughput halved, ÷ the one-thread mean. ");
        forkNote(out, rowsOf(Results.THREADS));
        out.append("| contender | 1 thread MB/s | 2 threads MB/s | scaling | per thread ÷ 1, each fork "
                + "| heap/parse, 2 threads |\n|---|---:|---:|---:|---:|---:|\n");
        for (String name : contenderNames()) {
            Row one = find(Results.PARSE, name, input);
            Row two = find(Results.THREADS, name, input);
            out.append("| ").append(display(name)).append(" | ");
            if (one == null && two == null) {
                out.append(cellText(whyAbsent(name))).append(" | – | – | – | – |\n");
                continue;
            }
            out.append(mbText(one)).append(" | ").append(mbText(two)).append(" | ")
                    .append(ratioCell(two, one, Row::mbPerSecond).replace("**", "")).append(" | ")
                    .append(perFork(two, get(one, Row::opsPerSecond))).append(" | ")
                    .append(bytesText(get(two, Row::heapBytesPerOp))).append(" |\n");
        }
        out.append('\n');
    }

    private void smallThreads(StringBuilder out) {
        out.append("## Small documents at 1, 2 and 8 threads\n\n");
        if (!ran(Results.SMALL_1)) {
            notRun(out);
            return;
        }
        out.append(fmt("The %s input parsed and let go (OCP: the document closed) by 1, 2 and 8 threads sharing one "
                + "engine or parser, on %d cores. Time per document is one thread's (the threads' operations "
                + "added up by JMH, divided by the thread count); per thread ÷ 1 is each thread's throughput against "
                + "one thread alone: on P processors, T threads can keep at most P/T of it. *Each fork*: the "
                + "same ratio for each JMH fork (that fork's per-thread throughput ÷ the one-thread mean). ",
                SmallThreadsBenchmark.INPUT, results.machine().cores()));
        forkNote(out, rowsOf(Results.SMALL_2, Results.SMALL_8));
        out.append("| contender | 1 thread | 2 threads | per thread ÷ 1 | each fork | 8 threads | per thread ÷ 1 "
                + "| each fork |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String name : contenderNames()) {
            Row one = find(Results.SMALL_1, name, SmallThreadsBenchmark.INPUT);
            out.append("| ").append(display(name)).append(" | ");
            if (one == null) {
                out.append(cellText(whyAbsent(name))).append(" | – | – | – | – | – | – |\n");
                continue;
            }
            double single = get(one, Row::opsPerSecond);
            out.append(timeText(1e9 / single));
            for (String id : List.of(Results.SMALL_2, Results.SMALL_8)) {
                Row r = find(id, name, SmallThreadsBenchmark.INPUT);
                if (r == null) {
                    out.append(" | – | – | –");
                    continue;
                }
                double perThread = get(r, Row::opsPerSecond) / r.threads();
                out.append(" | ").append(timeText(1e9 / perThread)).append(" | ")
                        .append(fmt("%.2f×", perThread / single)).append(" | ").append(perFork(r, single));
            }
            out.append(" |\n");
        }
        out.append('\n');
    }

    /** The rows of these benchmarks. */
    private List<Row> rowsOf(String... benchmarks) {
        List<String> wanted = List.of(benchmarks);
        return rows.stream().filter(r -> wanted.contains(r.benchmark())).toList();
    }

    /**
     * Each fork's per-thread throughput ÷ the one-thread mean, in fork order ("0.91 · 0.88 · 0.90"); "–" without
     * per-fork scores (a file that predates them) or without the one-thread figure.
     */
    static String perFork(Row r, double oneThread) {
        if (r == null || r.opsPerFork().isEmpty() || Double.isNaN(oneThread) || oneThread <= 0) {
            return "–";
        }
        return r.opsPerFork().stream().map(ops -> fmt("%.2f", ops / r.threads() / oneThread))
                .collect(Collectors.joining(" · "));
    }

    /** How many forks the per-fork column shows, and what a reader holds its lowest value to. */
    private void forkNote(StringBuilder out, List<Row> threaded) {
        int most = threaded.stream().mapToInt(r -> r.opsPerFork().size()).max().orElse(0);
        if (most == 0) {
            out.append("This results file has no per-fork scores (it was written before they were kept), so the "
                    + "per-fork column is empty.\n\n");
            return;
        }
        out.append(fmt("The lowest fork of a row is the figure to hold against the goal of %.2f× per thread at 2 "
                + "threads on 2 cores (issue 35): a result that is good in some forks and poor in others shows "
                + "there, and hides in the mean. ", THREAD_TARGET));
        if (most < BenchMain.THREAD_FORKS) {
            out.append(fmt("**The per-fork column is from %d fork%s in this run** (fewer than the %d the thread "
                    + "benchmarks run with by default: `bench/run --quick` or `--thread-forks`), too few to show a "
                    + "fork that differs.%n%n", most, most == 1 ? "" : "s", BenchMain.THREAD_FORKS));
        } else {
            out.append(fmt("%d forks per row in this run.%n%n", most));
        }
    }

    /** The size sweep: every engine's parse per size, and whether the default engine is the one to pick there. */
    private void sizeSweep(StringBuilder out) {
        out.append("## Parse throughput across sizes\n\n");
        if (!ran(Results.SWEEP)) {
            notRun(out);
            return;
        }
        List<String> engines = new ArrayList<>();
        List<String> peers = new ArrayList<>();
        List<String> unmeasured = new ArrayList<>();
        for (String name : contenderNames()) {
            boolean measured = rows.stream().anyMatch(r -> r.benchmark().equals(Results.SWEEP)
                    && r.contender().equals(name));
            if (measured) {
                (isEngine(name) ? engines : peers).add(name);
            } else if (isEngine(name) || SizeSweepBenchmark.PEERS.contains(name)) {
                unmeasured.add(display(name) + " " + whyAbsent(name));
            }
        }
        out.append("Parse only (`SizeSweepBenchmark`: OCP engines parse and close, commonmark-java parses to its "
                + "node tree), MB/s, at the sizes people write and on progit; the inputs are the first bytes of the "
                + "corpus cut at a space or line break within the size. The fastest engine of each size is in bold; "
                + "commonmark-java stands beside for reference.");
        if (!unmeasured.isEmpty()) {
            out.append(" Not measured: ").append(String.join("; ", unmeasured)).append('.');
        }
        out.append("\n\n| input | bytes |");
        for (String name : engines) {
            out.append(' ').append(display(name)).append(" |");
        }
        for (String name : peers) {
            out.append(' ').append(display(name)).append(" |");
        }
        out.append("\n|---|---:|").append("---:|".repeat(engines.size() + peers.size())).append('\n');
        List<String> sizes = Corpus.SWEEP.stream().filter(input -> ranOn(input, Results.SWEEP)).toList();
        for (String input : sizes) {
            String fastest = fastest(input, engines);
            out.append("| ").append(input).append(" | ").append(fmt("%,d", inputBytes(input))).append(" |");
            for (String name : engines) {
                String cell = mbText(find(Results.SWEEP, name, input));
                out.append(' ').append(name.equals(fastest) ? "**" + cell + "**" : cell).append(" |");
            }
            for (String name : peers) {
                out.append(' ').append(mbText(find(Results.SWEEP, name, input))).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
        defaultAtEachSize(out, sizes, engines);
    }

    /** The engine with the highest parse throughput on an input in the sweep, or null if none was measured. */
    private String fastest(String input, List<String> engines) {
        String best = null;
        double bestMb = -1;
        for (String name : engines) {
            double mb = get(find(Results.SWEEP, name, input), Row::mbPerSecond);
            if (!Double.isNaN(mb) && mb > bestMb) {
                best = name;
                bestMb = mb;
            }
        }
        return best;
    }

    /** A line per size: the default engine's share of the fastest engine's throughput, in bold when too low. */
    private void defaultAtEachSize(StringBuilder out, List<String> sizes, List<String> engines) {
        String chosen = results.defaultEngine();
        if (chosen == null) {
            out.append("Which engine `Ocp.engine()` picks by default is not recorded in this results file (it was "
                    + "written before the sweep kept it, or no engine could run).\n\n");
            return;
        }
        String jdk = results.jmh().jdk();
        out.append(fmt("The default engine, the one `Ocp.engine()` picked on the JVM that ran%s: %s. It should be "
                + "the fastest engine at every size, or within %.0f%% of it (issue 35); a size where it is not is "
                + "in bold.%n%n", jdk == null ? "" : " (" + jdk + ")", display(chosen),
                (1 - DEFAULT_WITHIN) * 100));
        String within = fmt("within %.0f%%", (1 - DEFAULT_WITHIN) * 100);
        List<String> behind = new ArrayList<>();
        for (String input : sizes) {
            String fastest = fastest(input, engines);
            Row mine = find(Results.SWEEP, chosen, input);
            out.append("- ");
            if (mine == null || fastest == null) {
                out.append(fmt("**%s: %s not measured (%s).**%n", input, display(chosen),
                        cellText(whyAbsent(chosen))));
                behind.add(input);
                continue;
            }
            double share = get(mine, Row::mbPerSecond) / get(find(Results.SWEEP, fastest, input), Row::mbPerSecond);
            if (fastest.equals(chosen)) {
                out.append(fmt("%s: %s first, %s MB/s.%n", input, display(chosen), sig(get(mine, Row::mbPerSecond))));
            } else {
                String line = fmt("%s: %s %s MB/s, %s the fastest (%s, %s MB/s): %s.", input, display(chosen),
                        sig(get(mine, Row::mbPerSecond)), ratioText(share), display(fastest),
                        sig(get(find(Results.SWEEP, fastest, input), Row::mbPerSecond)),
                        share >= DEFAULT_WITHIN ? within : "not " + within);
                if (share < DEFAULT_WITHIN) {
                    behind.add(input);
                    line = "**" + line + "**";
                }
                out.append(line).append('\n');
            }
        }
        out.append('\n').append(behind.isEmpty()
                ? "The default is first or " + within + " of the fastest at every size measured.\n\n"
                : "**The default is not first or " + within + " of the fastest at " + String.join(", ", behind)
                + ".**\n\n");
    }

    private void arena(StringBuilder out) {
        out.append("## Arena reset against closing one by one\n\n");
        if (!ran(Results.CLOSE_EACH, Results.ARENA_RESET)) {
            notRun(out);
            return;
        }
        out.append(fmt("A batch of %d documents (the %s input each) held open together, then freed: each closed "
                + "on its own, or all at once by one `reset()` of an arena they were parsed into.%n%n",
                ArenaBenchmark.BATCH, ArenaBenchmark.INPUT));
        out.append("| engine | close each: documents/s | arena reset: documents/s | arena ÷ close each "
                + "| heap per document, close each | heap per document, arena |\n|---|---:|---:|---:|---:|---:|\n");
        for (String name : contenderNames()) {
            if (!isEngine(name)) {
                continue;
            }
            Row each = find(Results.CLOSE_EACH, name, ArenaBenchmark.INPUT);
            Row arena = find(Results.ARENA_RESET, name, ArenaBenchmark.INPUT);
            out.append("| ").append(display(name)).append(" | ");
            if (each == null && arena == null) {
                out.append(cellText(whyAbsent(name))).append(" | – | – | – | – |\n");
                continue;
            }
            double n = ArenaBenchmark.BATCH;
            out.append(opsText(get(each, Row::opsPerSecond) * n)).append(" | ")
                    .append(opsText(get(arena, Row::opsPerSecond) * n)).append(" | ")
                    .append(ratioCell(arena, each, Row::opsPerSecond)).append(" | ")
                    .append(bytesText(get(each, Row::heapBytesPerOp) / n)).append(" | ")
                    .append(bytesText(get(arena, Row::heapBytesPerOp) / n)).append(" |\n");
        }
        out.append('\n');
    }

    private void copy(StringBuilder out) {
        out.append("## Zero-copy against a copying binding\n\n");
        if (!ran(Results.COPY)) {
            notRun(out);
            return;
        }
        out.append("*zero-copy*: the parse benchmark (parse, close; the document is consumed as it is and its "
                + "payload not read, so this column is the parse without a copy, not a reading in place). *copying*: the "
                + "same plus copying the payload into a new `byte[]`, as a binding that hands over arrays would. "
                + "The difference is what zero-copy saves.\n\n");
        out.append("| engine | input | zero-copy MB/s | copying MB/s | copying ÷ zero-copy | heap/op zero-copy "
                + "| heap/op copying |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (String name : contenderNames()) {
            if (!isEngine(name)) {
                continue;
            }
            if (!available(name)) {
                out.append("| ").append(display(name)).append(" | – | ").append(cellText(whyAbsent(name)))
                        .append(" | – | – | – | – |\n");
                continue;
            }
            for (String input : Corpus.INPUTS) {
                Row view = find(Results.PARSE, name, input);
                Row copied = find(Results.COPY, name, input);
                if (view == null && copied == null) {
                    continue;
                }
                out.append("| ").append(display(name)).append(" | ").append(input).append(" | ")
                        .append(mbText(view)).append(" | ").append(mbText(copied)).append(" | ")
                        .append(ratioCell(copied, view, Row::mbPerSecond).replace("**", "")).append(" | ")
                        .append(bytesText(get(view, Row::heapBytesPerOp))).append(" | ")
                        .append(bytesText(get(copied, Row::heapBytesPerOp))).append(" |\n");
            }
        }
        out.append('\n');
    }

    private void dialects(StringBuilder out) {
        out.append("## GFM against CommonMark\n\n");
        if (!ran(Results.DIALECT_GFM)) {
            notRun(out);
            return;
        }
        out.append("The same engine parses (and closes) the whole of ").append(progitName())
                .append(" with the CommonMark dialect and "
                + "with GFM (`Extension.GFM` over CommonMark: tables, strikethrough, autolink literals, task items, footnotes). "
                + "The ratio is what looking for GFM's constructs costs on "
                + (progitGenerated() ? "that input.\n\n" : "a book that uses few of them.\n\n"));
        out.append("| engine | CommonMark MB/s | GFM MB/s | GFM ÷ CommonMark | by CPU time | heap/op GFM |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (String name : contenderNames()) {
            if (!isEngine(name)) {
                continue;
            }
            Row commonmark = find(Results.DIALECT_COMMONMARK, name, Corpus.PROGIT);
            Row gfm = find(Results.DIALECT_GFM, name, Corpus.PROGIT);
            out.append("| ").append(display(name)).append(" | ");
            if (commonmark == null || gfm == null) {
                out.append(cellText(whyAbsent(name))).append(" | – | – | – | – |\n");
                continue;
            }
            out.append(mbText(commonmark)).append(" | ").append(mbText(gfm)).append(" | ")
                    .append(ratioCell(gfm, commonmark, Row::mbPerSecond)).append(" | ")
                    .append(orElse(byCpu(gfm, commonmark).replace("by CPU time ", ""), "–")).append(" | ")
                    .append(bytesText(get(gfm, Row::heapBytesPerOp))).append(" |\n");
        }
        out.append('\n');
    }

    /** The JS peer's row of that parser on the MDX pages, or null. */
    private NativeRow jsMdx(String parser) {
        for (NativeRow r : results.jsRun().rows()) {
            if (Corpus.MDX.equals(r.input()) && parser.equals(r.parser())) {
                return r;
            }
        }
        return null;
    }

    private String whyNoJs(String parser) {
        ResultsFile.NativeRun js = results.jsRun();
        if (js.rows().isEmpty()) {
            return "JS toolchain " + js.status() + (js.note() == null ? "" : ": " + js.note());
        }
        return "the JS peer of this run has no row " + parser + " (an older bench/js/mdx-peer.mjs)";
    }

    private void mdx(StringBuilder out) {
        out.append("## MDX\n\n");
        NativeRow jsTree = jsMdx(JS_TREE);
        NativeRow jsEvents = jsMdx(JS_EVENTS);
        if (!ran(Results.MDX_SITE) && !ran(Results.MDX_SITE_MDAST) && jsTree == null && jsEvents == null) {
            notRun(out);
            return;
        }
        out.append("Every page of the MDX website's docs (`../shared/corpus/mdx`, ").append(bytesText(mdxBytes()))
                .append(") read as `mdx` with GFM, frontmatter and math on, as the site reads them; one operation "
                + "is the whole set. Each engine twice: its parse to OCP, which builds no tree, and its mdast from "
                + "text (parse, then `toMdast(source)`). Beside them, the JS toolchain MDX sites run today, doing the "
                + "same two things (`bench/js/mdx-peer.mjs`, CPU time, same machine and run): micromark with "
                + "`micromark-extension-mdxjs` (acorn for expressions and ESM), GFM, frontmatter and math parsing to "
                + "its events, which builds no tree either, and `mdast-util-from-markdown` with the same extensions "
                + "building the mdast tree. Each ratio is like for like: parse against parse, mdast against mdast.\n\n");
        out.append("| contender | parse MB/s | parse ÷ micromark's | mdast MB/s | mdast ÷ the JS toolchain's "
                + "| heap/op (parse) |\n|---|---:|---:|---:|---:|---:|\n");
        double eventsMb = get(jsEvents, NativeRow::mbPerSecond);
        double treeMb = get(jsTree, NativeRow::mbPerSecond);
        for (String name : contenderNames()) {
            if (!isEngine(name)) {
                continue;
            }
            Row parse = find(Results.MDX_SITE, name, Corpus.MDX);
            Row tree = find(Results.MDX_SITE_MDAST, name, Corpus.MDX);
            out.append("| ").append(display(name)).append(" | ");
            if (parse == null && tree == null) {
                out.append(cellText(whyAbsent(name))).append(" | – | – | – | – |\n");
                continue;
            }
            double rp = get(parse, Row::mbPerSecond) / eventsMb;
            double rt = get(tree, Row::mbPerSecond) / treeMb;
            out.append(parse == null ? "–" : mbText(parse)).append(" | ").append(Double.isNaN(rp) ? "–" : ratioText(rp))
                    .append(" | ").append(tree == null ? "–" : mbText(tree)).append(" | ")
                    .append(Double.isNaN(rt) ? "–" : ratioText(rt)).append(" | ")
                    .append(bytesText(get(parse, Row::heapBytesPerOp))).append(" |\n");
        }
        out.append("| JS toolchain (Node) | ").append(jsEvents == null ? cellText(whyNoJs(JS_EVENTS)) : sig(eventsMb))
                .append(" (micromark) | ").append(jsEvents == null ? "–" : "1×").append(" | ")
                .append(jsTree == null ? cellText(whyNoJs(JS_TREE)) : sig(treeMb))
                .append(" (mdast-util-from-markdown) | ").append(jsTree == null ? "–" : "1×").append(" | – |\n\n");
    }

    /** The rows of bench/bulk, as BulkThroughput names them. */
    static final String BULK_API = "API toHtml, one thread";
    static final String BULK_LOCAL1 = "ocp_html in Spark local[1]";
    static final String BULK_LOCAL2 = "ocp_html in Spark local[2]";
    static final String BULK_CONVERT = "ocp convert --to html, one process";
    static final String BULK_LOOP = "ocp html, one process a file";

    /** The bulk benchmark's row whose parser starts with {@code name}, or null. */
    private NativeRow bulkRow(String name) {
        for (NativeRow r : results.bulkRun().rows()) {
            if (r.parser().startsWith(name)) {
                return r;
            }
        }
        return null;
    }

    private static double documentsPerSecond(NativeRow r) {
        return r == null || r.seconds() <= 0 ? Double.NaN : r.iterations() / r.seconds();
    }

    private String whyNoBulk() {
        ResultsFile.NativeRun bulk = results.bulkRun();
        return "bulk benchmark " + bulk.status() + (bulk.note() == null ? "" : ": " + bulk.note());
    }

    /** Spark and the command line in bulk (issue 32): documents a second, in ratios to the API and to each other. */
    private void bulk(StringBuilder out) {
        out.append("## Bulk: Spark and the command line\n\n");
        ResultsFile.NativeRun bulk = results.bulkRun();
        if (!bulk.measured()) {
            out.append("Not measured in this run: ").append(whyNoBulk()).append(".\n\n");
            return;
        }
        NativeRow api = bulkRow(BULK_API);
        NativeRow local1 = bulkRow(BULK_LOCAL1);
        if (bulk.note() != null) {
            out.append("*").append(bulk.note()).append(".*\n\n");
        }
        out.append("`").append(orElse(bulk.command(), "bench/bulk")).append("`: the SQL "
                + "function `ocp_html` over generated GFM documents held in memory, in Spark `local[1]` and `local[2]`, "
                + "against the API's `toHtml()` in one thread on the same documents (the best of the timed passes "
                + "after two warm-up passes, each checked to render as many characters as the API); then "
                + "`ocp convert --to html` over a folder of generated files, one process for them all (the better of "
                + "two runs, JVM start included), against one `ocp html` process a file over the first of them "
                + "(each checked equal to what convert wrote).\n\n");
        out.append("| what | input | documents | seconds | documents/s | ÷ API, one thread | ÷ `local[1]` |\n"
                + "|---|---|---:|---:|---:|---:|---:|\n");
        for (NativeRow r : bulk.rows()) {
            double rate = documentsPerSecond(r);
            boolean spark = r.parser().startsWith(BULK_LOCAL1) || r.parser().startsWith(BULK_LOCAL2);
            out.append("| ").append(cellText(r.parser())).append(" | ").append(cellText(r.input())).append(" | ")
                    .append(r.iterations()).append(" | ").append(sig(r.seconds())).append(" | ")
                    .append(sig(rate)).append(" | ")
                    .append(spark || r.parser().startsWith(BULK_API) ? ratioOrDash(rate / documentsPerSecond(api)) : "–")
                    .append(" | ").append(spark ? ratioOrDash(rate / documentsPerSecond(local1)) : "–").append(" |\n");
        }
        NativeRow convert = bulkRow(BULK_CONVERT);
        NativeRow loop = bulkRow(BULK_LOOP);
        if (convert != null && loop != null) {
            double loopSeconds = convert.iterations() / documentsPerSecond(loop);
            out.append("\nA loop of `ocp html` over all ").append(convert.iterations()).append(" files would take "
                    + "about ").append(loopSeconds >= 120 ? fmt("%.0f min", loopSeconds / 60) : timeText(loopSeconds * 1e9))
                    .append(" at the sampled rate; `ocp convert` took ").append(timeText(convert.seconds() * 1e9))
                    .append(", ").append(ratioText(loopSeconds / convert.seconds())).append(" as fast.\n");
        }
        out.append('\n');
    }

    private static String ratioOrDash(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? "–" : ratioText(r);
    }

    /**
     * Each rendering of a kept document as a multiple of the parse of the same input on the same engine, all from
     * {@link RenderBenchmark} (issue 35: rendering at parser speed).
     */
    private void renderings(StringBuilder out) {
        out.append("## Rendering against the parse\n\n");
        List<String> measured = Corpus.INPUTS.stream().filter(in -> ranOn(in, Results.RENDER_PARSE)).toList();
        if (measured.isEmpty()) {
            notRun(out);
            return;
        }
        out.append("Each rendering of a document parsed before the timing (`RenderBenchmark`): its time per document "
                + "and, in brackets, that time ÷ the parse's, the same input parsed and closed on the same engine in "
                + "the same run. 1× or less is rendering at parser speed, issue 35's aim. *HTML* is `toHtml()`, "
                + "*JSON* `toJson()`, *mdast* `toMdast(source)` (positions in UTF-16 units, found from the source), "
                + "*text* `toText()`, and *walk* a user's visitor reading every node in place.\n\n");
        List<String> renderings = List.of(Results.RENDER_HTML, Results.RENDER_JSON, Results.RENDER_MDAST,
                Results.RENDER_TEXT, Results.RENDER_WALK);
        for (String input : measured) {
            out.append("### ").append(input).append(" (").append(bytesText(inputBytes(input))).append(")\n\n");
            out.append("| engine | parse | HTML | JSON | mdast | text | walk |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|\n");
            for (String name : contenderNames()) {
                if (!isEngine(name)) {
                    continue;
                }
                Row parse = find(Results.RENDER_PARSE, name, input);
                out.append("| ").append(display(name)).append(" | ");
                if (parse == null) {
                    out.append(cellText(whyAbsent(name))).append(" | – | – | – | – | – |\n");
                    continue;
                }
                double parseNs = 1e9 / get(parse, Row::opsPerSecond);
                out.append(timeText(parseNs));
                for (String rendering : renderings) {
                    Row r = find(rendering, name, input);
                    out.append(" | ");
                    if (r == null) {
                        out.append("–");
                        continue;
                    }
                    double ns = 1e9 / get(r, Row::opsPerSecond);
                    out.append(timeText(ns)).append(" (").append(ratioText(ns / parseNs)).append(")");
                }
                out.append(" |\n");
            }
            out.append('\n');
        }
    }

    private void markdownWritten(StringBuilder out) {
        String input = Corpus.PROGIT;
        out.append("## Markdown written back\n\n");
        if (!ranOn(input, Results.MARKDOWN)) {
            notRun(out);
            return;
        }
        out.append("A document parsed before the timing written back as Markdown to a String: OCP "
                + "`OcpDocument.toMarkdown()`, which reads the payload (the same bytes on every engine; where they "
                + "live is not); commonmark-java its `MarkdownRenderer` on the node tree its parser built (CommonMark, "
                + "no extensions). MB/s are of the Markdown that was parsed (").append(input).append(", ")
                .append(bytesText(inputBytes(input))).append("). flexmark-java's `Formatter` is left out "
                + "(`MarkdownBenchmark` says why).\n\n");
        out.append("| writer | time per document | MB/s | ÷ cm | CPU/op | heap/op |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        Row cm = find(Results.MARKDOWN, Contender.COMMONMARK, input);
        for (String name : contenderNames()) {
            if (!isEngine(name) && !MarkdownBenchmark.PEERS.contains(name)) {
                continue;
            }
            Row r = find(Results.MARKDOWN, name, input);
            out.append("| ").append(display(name)).append(" | ");
            if (r == null) {
                out.append(cellText(whyAbsent(name))).append(" | – | – | – | – |\n");
                continue;
            }
            out.append(timeText(1e9 / get(r, Row::opsPerSecond))).append(" | ").append(mbText(r)).append(" | ")
                    .append(ratioCell(r, cm, Row::opsPerSecond)).append(" | ")
                    .append(timeText(get(r, Row::cpuNsPerOp))).append(" | ")
                    .append(bytesText(get(r, Row::heapBytesPerOp))).append(" |\n");
        }
        out.append('\n');
    }

    private double mdxBytes() {
        for (Row r : rows) {
            if (r.benchmark().equals(Results.MDX_SITE)) {
                return r.bytesPerOp();
            }
        }
        NativeRow js = jsMdx(JS_TREE);
        return js == null ? Double.NaN : js.bytes();
    }

    private void htmlAgreement(StringBuilder out) {
        List<HtmlAgreement> html = results.html();
        out.append("## HTML agreement\n\n");
        if (html.isEmpty()) {
            out.append("Not checked in this run.\n\n");
            return;
        }
        out.append("Documents whose HTML differs from the `java` engine's, checked before timing (progit split into "
                + "its chapters; percent-encoded non-ASCII bytes in URLs compared as the characters they encode, "
                + "since commonmark-java writes them unencoded). The OCP engines must agree on every one (the TCK "
                + "holds them to byte-identical payloads); the peers follow their own reading of CommonMark.\n\n");
        out.append("| contender |");
        for (String input : Corpus.INPUTS) {
            out.append(' ').append(input).append(" |");
        }
        out.append("\n|---|").append("---:|".repeat(Corpus.INPUTS.size())).append('\n');
        for (String name : contenderNames()) {
            List<String> cells = new ArrayList<>();
            for (String input : Corpus.INPUTS) {
                HtmlAgreement row = html.stream()
                        .filter(r -> name.equals(r.contender()) && input.equals(r.input()))
                        .findFirst().orElse(null);
                cells.add(row == null ? "–" : fmt("%d of %d", row.differing(), row.documents()));
            }
            if (cells.stream().allMatch("–"::equals)) {
                continue;
            }
            out.append("| ").append(display(name)).append(" | ").append(String.join(" | ", cells)).append(" |\n");
        }
        out.append('\n');
    }

    // ---- formatting ------------------------------------------------------------------------------------

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Three significant digits, without an exponent. */
    static String sig(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return fixed(v, decimals(v));
    }

    /** How many decimals give {@code v} three significant digits (none from 100 up). */
    private static int decimals(double v) {
        double a = Math.abs(v);
        if (a >= 100 || a == 0) {
            return 0;
        }
        return Math.min(9, 2 - (int) Math.floor(Math.log10(a)));
    }

    private static String fixed(double v, int decimals) {
        return decimals == 0 ? fmt("%,.0f", v) : fmt("%." + decimals + "f", v);
    }

    private static String integer(double v) {
        return Double.isNaN(v) ? "?" : fmt("%d", (long) v);
    }

    static String mbText(Row row) {
        double v = get(row, Row::mbPerSecond);
        if (Double.isNaN(v)) {
            return "–";
        }
        double e = get(row, Row::mbError);
        // The error to the value's last digit, so that both read on one scale.
        return Double.isNaN(e) ? sig(v) : sig(v) + " ± " + fixed(e, decimals(v));
    }

    static String opsText(double v) {
        return Double.isNaN(v) ? "–" : v >= 1000 ? fmt("%,.0f", v) : sig(v);
    }

    static String ratioText(double r) {
        return Double.isNaN(r) ? "–" : (r >= 10 ? fmt("%.1f", r) : fmt("%.2f", r)) + "×";
    }

    private static String ratioCell(Row a, Row b, Function<Row, Double> figure) {
        double x = get(a, figure);
        double y = get(b, figure);
        if (Double.isNaN(x) || Double.isNaN(y) || y == 0) {
            return "–";
        }
        return "**" + ratioText(x / y) + "**";
    }

    static String timeText(double ns) {
        if (Double.isNaN(ns)) {
            return "–";
        }
        if (ns < 1e3) {
            return sig(ns) + " ns";
        }
        if (ns < 1e6) {
            return sig(ns / 1e3) + " µs";
        }
        if (ns < 1e9) {
            return sig(ns / 1e6) + " ms";
        }
        return sig(ns / 1e9) + " s";
    }

    static String bytesText(double b) {
        if (Double.isNaN(b)) {
            return "–";
        }
        if (b < 1e3) {
            return fmt("%.0f B", Math.max(0, b));
        }
        if (b < 1e6) {
            return sig(b / 1e3) + " KB";
        }
        if (b < 1e9) {
            return sig(b / 1e6) + " MB";
        }
        return sig(b / 1e9) + " GB";
    }

    /** Text for a table cell: no line breaks or pipes. */
    static String cellText(String s) {
        return s.replace('\n', ' ').replace("|", "\\|");
    }
}
