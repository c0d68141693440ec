package dev.ocp.bench;

import dev.ocp.bench.ResultsFile.ContenderInfo;
import dev.ocp.bench.ResultsFile.InputInfo;
import dev.ocp.bench.ResultsFile.NativeRow;
import dev.ocp.bench.ResultsFile.NativeRun;
import dev.ocp.bench.ResultsFile.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's arithmetic on results whose ratios are known: each target met or not met as its numbers say,
 * the C driver's rows beside the JMH ones, and absent or failed contenders named with their reason.
 */
class ReportTest {

    private static ContenderInfo contender(String name, String kind, String status, String reason) {
        return new ContenderInfo(name, kind, status, reason, null, null, kind.equals("peer") ? "9.9" : null);
    }

    private static Row row(String benchmark, String contender, String input, double mbPerSecond, double heap,
                           long bytes) {
        double ops = mbPerSecond * 1e6 / bytes;
        return new Row(benchmark, contender, input, 1, bytes, 1, ops, null, mbPerSecond, mbPerSecond / 100,
                1e9 / ops, null, heap, null, null, null, null);
    }

    private static NativeRow nativeRow(String parser, String input, double mb) {
        return new NativeRow(parser, input, 10_000_000, 10, 1e7 * 10 / (mb * 1e6), mb);
    }

    /** java 84, ffm 280, commonmark 70 MB/s on progit; C core 300, cmark 150; wasm absent; md4c not installed. */
    static ResultsFile results() {
        return results(new NativeRun("measured", null, null, List.of(nativeRow("ocp-c", "progit", 300),
                nativeRow("cmark", "progit", 150))));
    }

    static ResultsFile results(NativeRun nativeRun) {
        List<ContenderInfo> contenders = List.of(
                contender("java", "engine", "available", null),
                contender("ffm", "engine", "available", null),
                contender("jna", "engine", "available", null),
                contender("wasm", "engine", "absent", "no provider named 'wasm'"),
                contender(Contender.COMMONMARK, "peer", "available", null),
                contender(Contender.FLEXMARK, "peer", "available", null));
        List<InputInfo> inputs = new ArrayList<>();
        long[] sizes = {100, 10_000, 1_000_000, 11_000_000};
        for (int i = 0; i < Corpus.INPUTS.size(); i++) {
            inputs.add(new InputInfo(Corpus.INPUTS.get(i), sizes[i], "test"));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < Corpus.INPUTS.size(); i++) {
            String input = Corpus.INPUTS.get(i);
            rows.add(row(Results.PARSE, "java", input, 84, 300, sizes[i]));
            rows.add(row(Results.PARSE, "ffm", input, 280, 200, sizes[i]));
            // jna allocates 2 KB per parse at 1MB: over the target there only.
            rows.add(row(Results.PARSE, "jna", input, 250, input.equals("1MB") ? 2000 : 100, sizes[i]));
            rows.add(row(Results.PARSE, Contender.COMMONMARK, input, 70, 1e6, sizes[i]));
            rows.add(row(Results.HTML, Contender.COMMONMARK, input, 35, 2e6, sizes[i]));
            // flexmark's parse failed: no row.
        }
        // GFM keeps 90% of CommonMark's throughput on java, 80% on ffm.
        rows.add(row(Results.DIALECT_COMMONMARK, "java", Corpus.PROGIT, 80, 300, sizes[3]));
        rows.add(row(Results.DIALECT_GFM, "java", Corpus.PROGIT, 72, 300, sizes[3]));
        rows.add(row(Results.DIALECT_COMMONMARK, "ffm", Corpus.PROGIT, 250, 200, sizes[3]));
        rows.add(row(Results.DIALECT_GFM, "ffm", Corpus.PROGIT, 200, 200, sizes[3]));
        rows.add(row(Results.DIALECT_DOCS_SITE, "java", Corpus.PROGIT, 70, 300, sizes[3]));
        rows.add(row(Results.DIALECT_DOCS_SITE, "ffm", Corpus.PROGIT, 180, 200, sizes[3]));
        return new ResultsFile(ResultsFile.SCHEMA, null, null, null, null, null, null, inputs, contenders, null, null, rows,
                nativeRun, null, null, null);
    }

    private static String line(String md, String start) {
        return md.lines().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + start + " in\n" + md));
    }

    @Test
    void theTargetsAndTheGfmSectionNameTheInputTheyWereMeasuredOn() {
        ResultsFile base = results();
        assertTrue(new Report(base).markdown().contains("as ratios of parse throughput on the progit corpus (11.0 MB)"));
        ResultsFile generated = new ResultsFile(ResultsFile.SCHEMA, null, null, null, null, null,
                new ResultsFile.CorpusInfo("generated Markdown (2098067 chars, seed 42)", true), base.inputs(),
                base.contenders(), null, null, base.results(), base.nativeRun(), null, null, null);
        String md = new Report(generated).markdown();
        assertTrue(md.contains("as ratios of parse throughput on generated Markdown standing in for the progit corpus, "
                + "which was not found (11.0 MB)"), md);
        assertFalse(md.contains("on the progit corpus"), md);
        assertFalse(md.contains("a book"), md);
        assertTrue(new Report(base).markdown().contains("costs on a book that uses few of them."));
    }

    @Test
    void targetsAreComputedFromTheRun() {
        String md = new Report(results()).markdown();
        assertTrue(line(md, "| C core parse ÷ cmark parse |").contains("**2.00×**"));
        assertTrue(line(md, "| C core parse ÷ cmark parse |").endsWith("| ≥ 1.50× | **met** |"));
        assertTrue(line(md, "| C core parse ÷ cmark parse |").contains("md4c not installed (Debian package libmd4c-dev)"));
        assertTrue(line(md, "| `ffm` parse ÷ C core alone |").contains("**0.93×**"));
        assertTrue(line(md, "| `ffm` parse ÷ C core alone |").endsWith("| **met** |"));
        assertTrue(line(md, "| `ffm` parse ÷ commonmark-java parse |").contains("**4.00×**"));
        assertTrue(line(md, "| `ffm` parse ÷ commonmark-java parse |").contains("by CPU time 4.00×"));
        assertTrue(line(md, "| `ffm` parse ÷ commonmark-java parse |").endsWith("| **met** |"));
        assertTrue(line(md, "| `java` parse ÷ commonmark-java parse |").contains("**1.20×**"));
        assertTrue(line(md, "| `java` parse ÷ commonmark-java parse |").endsWith("| ≥ 1.50× | **not met** |"));
        assertTrue(line(md, "| `wasm` parse ÷ `ffm` parse |").endsWith("| not measured: `wasm` absent |"));
        assertTrue(line(md, "| Java-heap bytes per parse, `ffm`").endsWith("| ≤ 1 KB | **met** |"));
        assertTrue(line(md, "| Java-heap bytes per parse, `ffm`").contains("progit: 200 B (commonmark-java 1.00 MB)"));
        assertTrue(line(md, "| Java-heap bytes per parse, `jna`").contains("1MB: 2.00 KB"));
        assertTrue(line(md, "| Java-heap bytes per parse, `jna`").endsWith("| ≤ 1 KB | **not met** |"));
        assertTrue(line(md, "| Java-heap bytes per parse, `wasm`").contains("not measured: `wasm` absent"));
    }

    @Test
    void gfmIsHeldToItsShareOfCommonMarkAndTheSectionListsEveryEngine() {
        String md = new Report(results()).markdown();
        assertTrue(line(md, "| `java` GFM parse ÷ CommonMark parse |").contains("**0.90×**"), md);
        assertTrue(line(md, "| `java` GFM parse ÷ CommonMark parse |").endsWith("| ≥ 0.85× | **met** |"), md);
        assertTrue(line(md, "| `ffm` GFM parse ÷ CommonMark parse |").contains("**0.80×**"), md);
        assertTrue(line(md, "| `ffm` GFM parse ÷ CommonMark parse |").endsWith("| ≥ 0.85× | **not met** |"), md);
        assertTrue(line(md, "| `java` GFM with directives and alerts parse ÷ GFM parse |").contains("**0.97×**"), md);
        assertTrue(line(md, "| `java` GFM with directives and alerts parse ÷ GFM parse |")
                .endsWith("| ≥ 0.95× | **met** |"), md);
        assertTrue(line(md, "| `ffm` GFM with directives and alerts parse ÷ GFM parse |").contains("**0.90×**"), md);
        assertTrue(line(md, "| `ffm` GFM with directives and alerts parse ÷ GFM parse |")
                .endsWith("| ≥ 0.95× | **not met** |"), md);
        String section = md.substring(md.indexOf("## GFM against CommonMark"), md.indexOf("## HTML agreement"));
        assertTrue(section.contains("| `java` | 80.0 ± 0.8 | 72.0 ± 0.7 | **0.90×** | 0.90× | 300 B |"), section);
        assertTrue(section.contains("| `wasm` | absent |"), section);
        assertTrue(section.contains("| `jna` | no result"), section);
    }

    @Test
    void mdxParseStandsBesideMicromarksParseAndMdastBesideTheJsToolchainsMdast() {
        ResultsFile base = results();
        List<Row> rows = new ArrayList<>(base.results());
        rows.add(row(Results.MDX_SITE, "java", Corpus.MDX, 40, 5000, 200_000));
        rows.add(row(Results.MDX_SITE, "ffm", Corpus.MDX, 20, 300, 200_000));
        rows.add(row(Results.MDX_SITE_MDAST, "java", Corpus.MDX, 8, 90_000, 200_000));
        NativeRun js = new NativeRun("measured", null, "node mdx-peer.mjs", List.of(
                new NativeRow(Report.JS_TREE, Corpus.MDX, 200_000, 10, 8, 0.25),
                new NativeRow(Report.JS_EVENTS, Corpus.MDX, 200_000, 10, 5, 0.4)));
        String md = new Report(new ResultsFile(ResultsFile.SCHEMA, null, null, null, null, null, null, base.inputs(),
                base.contenders(), null, null, rows, base.nativeRun(), js, null, null)).markdown();
        String parse = " MDX parse ÷ micromark's parse (both build no tree)";
        String tree = " MDX mdast from text ÷ the JS toolchain's";
        // Parse against parse: 40 / 0.4 and 20 / 0.4; mdast against mdast: 8 / 0.25.
        assertTrue(line(md, "| `java`" + parse).contains("**100.0×**"), md);
        assertTrue(line(md, "| `java`" + parse).endsWith("| ≥ 100.0× | **met** |"), md);
        assertTrue(line(md, "| `ffm`" + parse).contains("**50.0×**"), md);
        assertTrue(line(md, "| `ffm`" + parse).endsWith("| ≥ 100.0× | **not met** |"), md);
        assertTrue(line(md, "| `java`" + tree).contains("**32.0×**"), md);
        assertTrue(line(md, "| `java`" + tree).endsWith("| ≥ 1.00× | **met** |"), md);
        assertTrue(line(md, "| `ffm`" + tree).contains("not measured"), md);
        assertTrue(line(md, "| `jna`" + parse).contains("not measured"), md);
        String section = md.substring(md.indexOf("## MDX"), md.indexOf("## HTML agreement"));
        assertTrue(section.contains("| `java` | 40.0 ± 0.4 | 100.0× | 8.00 ± 0.08 | 32.0× | 5.00 KB |"), section);
        assertTrue(section.contains("| JS toolchain (Node) | 0.400 (micromark) | 1× | 0.250 (mdast-util-from-markdown)"
                + " | 1× | – |"), section);

        // Without node: the engines alone, and the targets say why they are not measured.
        String alone = new Report(new ResultsFile(ResultsFile.SCHEMA, null, null, null, null, null, null,
                base.inputs(), base.contenders(), null, null, rows, base.nativeRun(), new NativeRun("not installed",
                "node and npm are not on the PATH", null, List.of()), null, null)).markdown();
        assertTrue(line(alone, "| `java`" + parse).endsWith("| not measured: JS toolchain not "
                + "installed: node and npm are not on the PATH |"), alone);
        // A results file of an older peer, with the mdast row alone: the parse row says what is missing.
        String older = new Report(new ResultsFile(ResultsFile.SCHEMA, null, null, null, null, null, null,
                base.inputs(), base.contenders(), null, null, rows, base.nativeRun(), new NativeRun("measured", null,
                "node mdx-peer.mjs", List.of(new NativeRow(Report.JS_TREE, Corpus.MDX, 200_000, 10, 8, 0.25))), null,
                null)).markdown();
        assertTrue(line(older, "| `java`" + parse).contains("has no row micromark parse only"), older);
        assertTrue(line(older, "| `java`" + tree).contains("**32.0×**"), older);
    }

    @Test
    void bulkRowsMakeTheirSectionAndHoldLocalTwoToOnePointSixTimesLocalOne() {
        ResultsFile base = results();
        assertTrue(line(new Report(base).markdown(), "| `ocp_html` in Spark `local[2]` ÷ `local[1]`")
                .endsWith("| ≥ 1.60× | not measured: bulk benchmark not run |"));
        // 20,000 documents: the API in 0.5 s, local[1] in 4 s, local[2] in 2.4 s; convert 10,000 files in 2.5 s, a
        // process a file 100 of them in 40 s (a loop over all 4,000 s, 67 minutes).
        NativeRun bulk = new NativeRun("measured", null, "bench/bulk", List.of(
                new NativeRow(Report.BULK_API + " (ffm)", "20000 generated documents", 9_000_000, 20_000, 0.5, 18),
                new NativeRow(Report.BULK_LOCAL1, "20000 generated documents", 9_000_000, 20_000, 4, 2.25),
                new NativeRow(Report.BULK_LOCAL2, "20000 generated documents", 9_000_000, 20_000, 2.4, 3.75),
                new NativeRow(Report.BULK_CONVERT, "10000 files", 4_500_000, 10_000, 2.5, 1.8),
                new NativeRow(Report.BULK_LOOP, "the first 100 of the files", 45_000, 100, 40, 0.001)));
        String md = new Report(new ResultsFile(ResultsFile.SCHEMA, null, null, null, null, null, null, base.inputs(),
                base.contenders(), null, null, base.results(), base.nativeRun(), null, bulk, null)).markdown();
        assertTrue(line(md, "| `ocp_html` in Spark `local[2]` ÷ `local[1]`").contains("**1.67×**"), md);
        assertTrue(line(md, "| `ocp_html` in Spark `local[2]` ÷ `local[1]`").endsWith("| ≥ 1.60× | **met** |"), md);
        String section = md.substring(md.indexOf("## Bulk: Spark and the command line"), md.indexOf("## HTML agreement"));
        assertTrue(section.contains("| ocp_html in Spark local[1] | 20000 generated documents | 20000 | 4.00 | 5,000 | "
                + "0.13× | 1.00× |"), section);
        assertTrue(section.contains("| ocp_html in Spark local[2] | 20000 generated documents | 20000 | 2.40 | 8,333 | "
                + "0.21× | 1.67× |"), section);
        assertTrue(section.contains("| ocp convert --to html, one process | 10000 files | 10000 | 2.50 | 4,000 | – | – |"),
                section);
        assertTrue(section.contains("would take about 67 min at the sampled rate; `ocp convert` took 2.50 s, 1600.0×"
                + " as fast."), section);
    }

    @Test
    void markdownWritingIsHeldToCommonmarkJavasMarkdownRendererAndTheSectionListsTheWriters() {
        ResultsFile base = results();
        assertTrue(line(new Report(base).markdown(), "| `java` Markdown writing ÷ commonmark-java's MarkdownRenderer")
                .endsWith("| ≥ 1.00× | not measured: MarkdownBenchmark not run |"));
        List<Row> rows = new ArrayList<>(base.results());
        // java writes progit (11 MB) at 110 MB/s, ffm at 88, commonmark-java at 100; jna's failed.
        rows.add(row(Results.MARKDOWN, "java", Corpus.PROGIT, 110, 4e7, 11_000_000));
        rows.add(row(Results.MARKDOWN, "ffm", Corpus.PROGIT, 88, 4e7, 11_000_000));
        rows.add(row(Results.MARKDOWN, Contender.COMMONMARK, Corpus.PROGIT, 100, 9e7, 11_000_000));
        String md = new Report(new ResultsFile(ResultsFile.SCHEMA, null, null, null, null, null, null, base.inputs(),
                base.contenders(), null, null, rows, base.nativeRun(), null, null, null)).markdown();
        String title = " Markdown writing ÷ commonmark-java's MarkdownRenderer, from a parsed document |";
        assertTrue(line(md, "| `java`" + title).contains("**1.10×**"), md);
        assertTrue(line(md, "| `java`" + title).endsWith("| ≥ 1.00× | **met** |"), md);
        assertTrue(line(md, "| `ffm`" + title).contains("**0.88×**"), md);
        assertTrue(line(md, "| `ffm`" + title).endsWith("| ≥ 1.00× | **not met** |"), md);
        String section = md.substring(md.indexOf("## Markdown written back"), md.indexOf("## HTML agreement"));
        assertTrue(section.contains("| `java` | 100 ms | 110 ± 1 | **1.10×** | 100 ms | 40.0 MB |"), section);
        assertTrue(section.contains("| commonmark-java 9.9 | 110 ms | 100 ± 1 | **1.00×** |"), section);
        assertTrue(section.contains("| `jna` | no result"), section);
        assertTrue(section.contains("| `wasm` | absent |"), section);
        assertTrue(!section.contains("| flexmark-java"), section);
    }

    @Test
    void theCommonMarkParseIsComparedWithThePreviousRunWhenThereIsOne() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Paths.get("target", "report-previous"));
        java.nio.file.Files.deleteIfExists(dir.resolve(Report.PREVIOUS));
        Report.write(results(), dir);
        String md = java.nio.file.Files.readString(dir.resolve("REPORT.md"));
        assertTrue(line(md, "| `java` CommonMark parse ÷ the previous run's, each ÷ commonmark-java |").endsWith(
                "| not measured: no previous run (previous.json beside results.json) |"), md);
        // The previous run: java at 80 MB/s (now 84: met), ffm at 320 (now 280: not met), commonmark-java at 80
        // (now 70): scaled by it, java keeps 1.20x and ffm 1.00x of before.
        ResultsFile now = results();
        List<Row> before = new ArrayList<>();
        for (Row r : now.results()) {
            if (r.benchmark().equals(Results.PARSE) && r.input().equals(Corpus.PROGIT)) {
                double mb = r.contender().equals("java") ? 80 : r.contender().equals("ffm") ? 320 : 80;
                before.add(row(Results.PARSE, r.contender(), r.input(), mb, 0, r.bytesPerOp()));
            }
        }
        new ResultsFile(ResultsFile.SCHEMA, "2026-01-02 03:04 UTC", "abc123", null, null, null, null, now.inputs(),
                now.contenders(), null, null, before, now.nativeRun(), null, null, null).write(dir.resolve(Report.PREVIOUS));
        Report.write(now, dir);
        md = java.nio.file.Files.readString(dir.resolve("REPORT.md"));
        String title = " CommonMark parse ÷ the previous run's, each ÷ commonmark-java (2026-01-02 03:04 UTC, abc123) |";
        String javaRow = line(md, "| `java`" + title);
        assertTrue(javaRow.contains("**1.20×**; unscaled 1.05× (commonmark-java 0.88×)")
                && javaRow.endsWith("| ≥ 0.95× | **met** |"), javaRow);
        String ffm = line(md, "| `ffm`" + title);
        assertTrue(ffm.contains("**1.00×**; unscaled 0.88×") && ffm.endsWith("| ≥ 0.95× | **met** |"), ffm);
        // Without commonmark-java in the previous run there is no yardstick.
        before.removeIf(r -> r.contender().equals(Contender.COMMONMARK));
        new ResultsFile(ResultsFile.SCHEMA, "2026-01-02 03:04 UTC", "abc123", null, null, null, null, now.inputs(),
                now.contenders(), null, null, before, now.nativeRun(), null, null, null).write(dir.resolve(Report.PREVIOUS));
        Report.write(now, dir);
        md = java.nio.file.Files.readString(dir.resolve("REPORT.md"));
        assertTrue(line(md, "| `ffm`" + title).endsWith("| not measured: the previous run did not measure it |"), md);
        // A previous run on another CPU is no yardstick either: the engines' ratios to commonmark-java move with it.
        ResultsFile.Machine here = new ResultsFile.Machine("AMD EPYC", 2, 1L << 34, "Linux");
        ResultsFile.Machine there = new ResultsFile.Machine("Intel(R) Xeon(R) Processor", 2, 1L << 34, "Linux");
        new ResultsFile(ResultsFile.SCHEMA, "2026-01-02 03:04 UTC", "abc123", null, there, null, null, now.inputs(),
                now.contenders(), null, null, now.results(), now.nativeRun(), null, null, null)
                .write(dir.resolve(Report.PREVIOUS));
        ResultsFile onEpyc = new ResultsFile(ResultsFile.SCHEMA, null, null, null, here, null, null, now.inputs(),
                now.contenders(), null, null, now.results(), now.nativeRun(), null, null, null);
        Report.write(onEpyc, dir);
        md = java.nio.file.Files.readString(dir.resolve("REPORT.md"));
        assertTrue(line(md, "| `java`" + title).endsWith("| not measured: the previous run measured another CPU"
                + " (Intel(R) Xeon(R) Processor) |"), md);
        // The same CPU compares: the same rows read 1.00x.
        Report.write(new ResultsFile(ResultsFile.SCHEMA, null, null, null, there, null, null, now.inputs(),
                now.contenders(), null, null, now.results(), now.nativeRun(), null, null, null), dir);
        md = java.nio.file.Files.readString(dir.resolve("REPORT.md"));
        assertTrue(line(md, "| `java`" + title).contains("**1.00×**"), md);
    }

    @Test
    void aRerunReplacesTheRowsOfTheBenchmarksItChoseAndTheReportSaysSo() throws java.io.IOException {
        ResultsFile run = results();
        assertTrue(new Report(run).markdown().lines().noneMatch(l -> l.startsWith("| Measured again |")));
        // The dialect benchmark measured again: java at 90 and 81 MB/s in place of 80 and 72.
        List<Row> again = List.of(row(Results.DIALECT_COMMONMARK, "java", Corpus.PROGIT, 90, 300, 11_000_000),
                row(Results.DIALECT_GFM, "java", Corpus.PROGIT, 81, 300, 11_000_000));
        ResultsFile merged = run.withRerun(new ResultsFile.Rerun("DialectBenchmark", "2026-02-03 04:05 UTC", "def456", 3, 5),
                again);
        assertEquals(run.results().size() - 4, merged.results().size(),
                "the two ffm dialect rows went, and both engines' directives-and-alerts rows");
        assertTrue(merged.results().containsAll(again));
        assertTrue(merged.results().stream().noneMatch(r -> r.contender().equals("ffm")
                && r.benchmark().startsWith("DialectBenchmark.")), "the rows of the benchmark measured again go");
        assertTrue(merged.results().stream().filter(r -> r.benchmark().equals(Results.PARSE)).count()
                == run.results().stream().filter(r -> r.benchmark().equals(Results.PARSE)).count(),
                "every other row stays");
        // Written and read back, the file keeps what was measured again; a second rerun of the same replaces it.
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rerun");
        merged.write(dir.resolve("results.json"));
        ResultsFile read = ResultsFile.read(dir.resolve("results.json"));
        assertEquals(merged.reruns(), read.reruns());
        assertEquals(1, read.withRerun(new ResultsFile.Rerun("DialectBenchmark", "2026-02-04 00:00 UTC", "0abc", null, null),
                again).reruns().size());
        String md = new Report(read).markdown();
        assertTrue(line(md, "| Measured again |").contains("`DialectBenchmark`, 2026-02-03 04:05 UTC at def456"), md);
        assertTrue(line(md, "| Measured again |").contains("but 3 forks per benchmark, 5 for the thread benchmarks |"), md);
        // Forks as the run's are not called a difference, and the thread benchmarks' only when theirs differ.
        ResultsFile.Jmh runJmh = new ResultsFile.Jmh(3, 5, 3, "1 s", 5, "1 s", null, null, null, null);
        assertTrue(line(new Report(withJmh(read, runJmh)).markdown(), "| Measured again |")
                .endsWith("with the JDK and settings below |"), md);
        ResultsFile.Jmh oneFork = new ResultsFile.Jmh(1, 5, 3, "1 s", 5, "1 s", null, null, null, null);
        assertTrue(line(new Report(withJmh(read, oneFork)).markdown(), "| Measured again |")
                .endsWith("but 3 forks per benchmark |"), md);
        assertTrue(md.contains("a ratio between one of them and another benchmark is not"), md);
    }

    @Test
    void renderingsAreGivenAsMultiplesOfTheParseOfTheSameRun() {
        ResultsFile base = results();
        List<Row> rows = new ArrayList<>();
        // 10 KB: ffm parses in 10 µs (1,000 MB/s), renders HTML in 15 µs, mdast in 25 µs; no JSON, text or walk row.
        rows.add(row(Results.RENDER_PARSE, "ffm", "10KB", 1000, 0, 10_000));
        rows.add(row(Results.RENDER_HTML, "ffm", "10KB", 10_000 / 15.0, 0, 10_000));
        rows.add(row(Results.RENDER_MDAST, "ffm", "10KB", 10_000 / 25.0, 0, 10_000));
        // java rendered but has no parse row: its renderings cannot be put as multiples.
        rows.add(row(Results.RENDER_HTML, "java", "10KB", 500, 0, 10_000));
        String md = new Report(withRows(base, rows, null, null)).markdown();
        String section = md.substring(md.indexOf("## Rendering against the parse"), md.indexOf("## Markdown written back"));
        assertTrue(section.contains("### 10KB"), section);
        assertFalse(section.contains("### progit"), "an input without a parse row has no table: " + section);
        assertTrue(section.contains("| `ffm` | 10.0 µs | 15.0 µs (1.50×) | – | 25.0 µs (2.50×) | – | – |"), section);
        assertTrue(section.contains("| `java` | no result"), section);

        String none = new Report(base).markdown();
        assertTrue(none.substring(none.indexOf("## Rendering against the parse")).startsWith(
                "## Rendering against the parse\n\nNot run in this run"), none);
    }

    @Test
    void aRerunWhoseRowsWereAllMeasuredAgainIsNoLongerListed() {
        ResultsFile run = results();
        List<Row> parse = run.results().stream().filter(r -> r.benchmark().startsWith("ParseBenchmark.")).toList();
        List<Row> html = parse.stream().filter(r -> r.benchmark().equals(Results.HTML)).toList();
        ResultsFile first = run.withRerun(new ResultsFile.Rerun("ParseBenchmark.html", "d1", "c1", 1, 3), html);
        ResultsFile second = first.withRerun(new ResultsFile.Rerun("ParseBenchmark", "d2", "c2", 1, 3),
                parse);
        assertEquals(List.of("ParseBenchmark"),
                second.reruns().stream().map(ResultsFile.Rerun::benchmarks).toList(), "the first owns no row now");
        ResultsFile third = second.withRerun(new ResultsFile.Rerun("ParseBenchmark.html", "d3", "c3", 3, 3), html);
        assertEquals(List.of("ParseBenchmark", "ParseBenchmark.html"),
                third.reruns().stream().map(ResultsFile.Rerun::benchmarks).toList(),
                "the second still owns the parse rows");
        // A pattern's alternatives stay in their table cell.
        ResultsFile either = run.withRerun(new ResultsFile.Rerun("ParseBenchmark|DialectBenchmark", "d4", "c4", 1, 3),
                run.results().stream().filter(r -> r.benchmark().startsWith("ParseBenchmark.")
                        || r.benchmark().startsWith("DialectBenchmark.")).toList());
        assertTrue(new Report(either).markdown().contains("matching `ParseBenchmark\\|DialectBenchmark`, d4"));
        assertEquals(run.results().size(), third.results().size(), "rows are replaced, never added twice");
    }

    @Test
    void intervalsFollowTheErrors() {
        String md = new Report(results()).markdown();
        // ffm 280 ± 2.8 over commonmark 70 ± 0.7: (277.2 / 70.7) to (282.8 / 69.3).
        assertTrue(line(md, "| `ffm` parse ÷ commonmark-java parse |").contains("(interval 3.92–4.08)"), md);
    }

    @Test
    void inputTablesPutTheCDriverBesideTheJavaContenders() {
        String md = new Report(results()).markdown();
        String progit = md.substring(md.indexOf("### progit"), md.indexOf("## Round trip"));
        assertTrue(progit.contains("| C core (ocp-c) | 300 | 30.0 | **4.29×** |"), progit);
        assertTrue(progit.contains("| cmark | 150 | 15.0 | **2.14×** |"), progit);
        assertTrue(progit.contains("| `java` | 84.0 ± 0.8 | 7.64 | **1.20×** | 131 ms | 300 B |"), progit);
        assertTrue(progit.contains("| md4c | not installed (Debian package libmd4c-dev) |"), progit);
        assertTrue(progit.contains("| `ffm` | 280 ± 3 | 25.5 | **4.00×** |"), progit);
        assertTrue(progit.contains("| `wasm` | absent |"), progit);
        assertTrue(progit.contains("| flexmark-java 9.9 | no result (the benchmark failed; see the run's log) |"),
                progit);
        String small = md.substring(md.indexOf("### 100B"), md.indexOf("### 10KB"));
        assertTrue(small.contains("| C core (ocp-c) | not measured on this input |"), small);
    }

    @Test
    void theThroughputChartHasABarPerMeasurementIncludingTheCDriver() {
        Report report = new Report(results());
        String svg = Charts.throughput(report);
        // 4 inputs x (java, ffm, jna, commonmark) parse + 4 commonmark HTML + ocp-c and cmark on progit.
        assertEquals(4 * 4 + 4 + 2, count(svg, "<rect ") - 1);
        assertTrue(svg.contains(">C core (ocp-c)</text>"));
        assertTrue(svg.contains(">300 MB/s</text>"));
        String heap = Charts.heap(report);
        assertEquals(4 * 4, count(heap, "<rect ") - 1);
        assertTrue(heap.contains("1 KB: target of the off-heap engines"));
    }

    @Test
    void withoutTheCDriverTheReportSaysWhy() {
        String md = new Report(results(new NativeRun("not built", "make -C native bench-c failed: no such target",
                null, List.of()))).markdown();
        assertTrue(line(md, "| C core (ocp-c) | our C core").contains("C driver not built: make -C native bench-c "
                + "failed: no such target"), md);
        assertTrue(line(md, "| C core parse ÷ cmark parse |").contains("not measured: C core (ocp-c) C driver not built"));
    }

    @Test
    void handWrittenNotesFollowTheTargets() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Paths.get("target", "report-notes"));
        java.nio.file.Path notes = dir.resolve("targets.md");
        java.nio.file.Files.writeString(notes, "The `java` target: the profile shows inline parsing at 60%.\n");
        Report.write(results(), dir, notes);
        String md = java.nio.file.Files.readString(dir.resolve("REPORT.md"));
        int targets = md.indexOf("## Targets");
        int note = md.indexOf("The `java` target: the profile shows inline parsing at 60%.");
        assertTrue(targets >= 0 && note > targets && note < md.indexOf("## Throughput per input size"), md);
        // Without the file, no notes section.
        Report.write(results(), dir, dir.resolve("absent.md"));
        assertTrue(!java.nio.file.Files.readString(dir.resolve("REPORT.md")).contains("### Notes on the targets"));
    }

    @Test
    void sectionsOfBenchmarksThatDidNotRunSaySoInsteadOfListingFailures() {
        String md = new Report(results()).markdown();
        String roundTrip = md.substring(md.indexOf("## Round trip"), md.indexOf("## One and two threads"));
        assertTrue(roundTrip.contains("Not run in this run"), roundTrip);
        assertTrue(!roundTrip.contains("no result"), roundTrip);
    }

    @Test
    void anInputLeftOutOfTheRunIsNotRunRatherThanAFailureOfEveryContender() {
        ResultsFile all = results();
        List<Row> without1MB = all.results().stream().filter(r -> !r.input().equals("1MB")).toList();
        ResultsFile partial = new ResultsFile(ResultsFile.SCHEMA, null, null, null, null, null, null, all.inputs(),
                all.contenders(), null, null, without1MB, all.nativeRun(), null, null, null);
        String md = new Report(partial).markdown();
        String oneMB = md.substring(md.indexOf("### 1MB"), md.indexOf("### progit"));
        assertTrue(oneMB.contains("Not run in this run"), oneMB);
        assertTrue(!oneMB.contains("no result"), oneMB);
        // An input that ran keeps naming the contender whose benchmark failed there.
        String progit = md.substring(md.indexOf("### progit"), md.indexOf("## Round trip"));
        assertTrue(line(progit, "| flexmark-java").contains("no result (the benchmark failed"), progit);
    }

    /** A row of a thread benchmark: ops/s added up over the threads, per fork and their mean. */
    private static Row threaded(String benchmark, String contender, String input, int threads, long bytes,
                                List<Double> perFork) {
        double ops = perFork.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new Row(benchmark, contender, input, threads, bytes, 1, ops, null, ops * bytes / 1e6, null, null,
                null, 100.0, null, null, null, perFork);
    }

    /** {@code base} as a run with these JMH settings, its rows and reruns kept. */
    private static ResultsFile withJmh(ResultsFile base, ResultsFile.Jmh jmh) {
        return new ResultsFile(base.schema(), base.date(), base.commit(), base.command(), base.machine(), jmh,
                base.corpus(), base.inputs(), base.contenders(), base.defaultEngine(), base.html(), base.results(),
                base.nativeRun(), base.jsRun(), base.bulkRun(), base.durationSeconds(), base.reruns());
    }

    private static ResultsFile withRows(ResultsFile base, List<Row> extra, ResultsFile.Jmh jmh, String defaultEngine) {
        List<Row> rows = new ArrayList<>(base.results());
        rows.addAll(extra);
        return new ResultsFile(ResultsFile.SCHEMA, null, null, null, null, jmh, null, base.inputs(),
                base.contenders(), defaultEngine, null, rows, base.nativeRun(), null, null, null);
    }

    private static List<Row> threadRows(List<Double> twoThreadForks) {
        String in = SmallThreadsBenchmark.INPUT;
        List<Row> rows = new ArrayList<>();
        // One thread: 1,000,000 documents/s (every fork alike); two threads: each fork's sum over both threads.
        rows.add(threaded(Results.SMALL_1, "ffm", in, 1, 100, twoThreadForks.stream().map(f -> 1e6).toList()));
        rows.add(threaded(Results.SMALL_2, "ffm", in, 2, 100, twoThreadForks));
        rows.add(threaded(Results.SMALL_8, "ffm", in, 8, 100,
                twoThreadForks.stream().map(f -> f / 2 * 8 / 4).toList()));
        // ThreadsBenchmark at 10KB beside ParseBenchmark.parse of ffm (280 MB/s: 28,000 parses/s).
        rows.add(threaded(Results.THREADS, "ffm", "10KB", 2, 10_000, List.of(50_400.0, 18_480.0, 47_600.0)));
        return rows;
    }

    @Test
    void theThreadTablesShowEachForksPerThreadRatioAndSayTheLowestIsWhatCounts() {
        ResultsFile.Jmh jmh = new ResultsFile.Jmh(1, 3, 3, "1 s", 5, "1 s", null, null, null, null);
        String md = new Report(withRows(results(), threadRows(List.of(1.82e6, 1.76e6, 1.80e6)), jmh, "ffm"))
                .markdown();
        assertTrue(line(md, "| JMH |").contains("1 fork per benchmark (3 for the thread benchmarks)"), md);
        String small = md.substring(md.indexOf("## Small documents"), md.indexOf("## Arena reset"));
        // 1.82e6 / 2 / 1e6 = 0.91, and so on; at 8 threads each thread keeps a quarter of that.
        assertTrue(small.contains("| `ffm` | 1.00 µs | 1.12 µs | 0.90× | 0.91 · 0.88 · 0.90 | 4.46 µs | 0.22× "
                + "| 0.23 · 0.22 · 0.23 |"), small);
        assertTrue(small.contains("The lowest fork of a row is the figure to hold against the goal of 0.85× per "
                + "thread"), small);
        assertTrue(small.contains("3 forks per row in this run."), small);
        assertTrue(small.contains("| `java` | no result"), small);
        String two = md.substring(md.indexOf("## One and two threads"), md.indexOf("## Small documents"));
        // ffm parses 10KB at 28,000/s on one thread: the middle fork keeps a third per thread, the mean hides it.
        assertTrue(two.contains("| `ffm` | 280 ± 3 | 388 | 1.39× | 0.90 · 0.33 · 0.85 | 100 B |"), two);
    }

    @Test
    void aQuickRunSaysItsPerForkColumnIsFromOneFork() {
        ResultsFile.Jmh jmh = new ResultsFile.Jmh(1, 1, 1, "500 ms", 2, "500 ms", null, null, null, null);
        String md = new Report(withRows(results(), threadRows(List.of(1.7e6)), jmh, "ffm")).markdown();
        String small = md.substring(md.indexOf("## Small documents"), md.indexOf("## Arena reset"));
        assertTrue(small.contains("**The per-fork column is from 1 fork in this run**"), small);
        assertTrue(small.contains("| 0.85× | 0.85 |"), small);
    }

    @Test
    void anOldResultsFileWithoutPerForkScoresStillLoadsAndSaysSo() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Paths.get("target", "report-old"));
        java.nio.file.Path file = dir.resolve("results.json");
        // Written as a file of before: rows and JMH settings without opsPerFork and threadForks, no defaultEngine.
        List<Row> old = new ArrayList<>();
        for (Row r : threadRows(List.of(1.8e6))) {
            old.add(new Row(r.benchmark(), r.contender(), r.input(), r.threads(), r.bytesPerOp(), 1,
                    r.opsPerSecond(), null, r.mbPerSecond(), null, null, null, null, null, null, null, null));
        }
        withRows(results(), old, new ResultsFile.Jmh(1, null, 3, "1 s", 5, "1 s", null, null, null, null), null)
                .write(file);
        String json = java.nio.file.Files.readString(file);
        assertTrue(!json.contains("opsPerFork") && !json.contains("threadForks") && !json.contains("defaultEngine"),
                json);
        ResultsFile read = ResultsFile.read(file);
        assertTrue(read.results().stream().allMatch(r -> r.opsPerFork().isEmpty()));
        String md = new Report(read).markdown();
        assertTrue(line(md, "| JMH |").contains("1 fork per benchmark, 5 x 1 s"), md);
        String small = md.substring(md.indexOf("## Small documents"), md.indexOf("## Arena reset"));
        assertTrue(small.contains("no per-fork scores"), small);
        assertTrue(small.contains("| `ffm` | 1.00 µs | 1.11 µs | 0.90× | – |"), small);
    }

    /** Sweep rows: ffm, jna and java per size, in MB/s; commonmark-java at 50. */
    private static List<Row> sweepRows() {
        List<Row> rows = new ArrayList<>();
        double[][] mb = {
            // ffm, jna, java
            {200, 180, 150}, // 100B: ffm first
            {300, 310, 250}, // 1KB: ffm 0.97x of jna, within 5%
            {300, 360, 250}, // 4KB: ffm 0.83x of jna, not within
            {320, 330, 260}, // 8KB
            {400, 380, 300}, // 64KB
            {450, 400, 320}, // progit
        };
        long[] bytes = {100, 1_000, 4_000, 8_000, 64_000, 11_000_000};
        for (int i = 0; i < Corpus.SWEEP.size(); i++) {
            String input = Corpus.SWEEP.get(i);
            rows.add(row(Results.SWEEP, "ffm", input, mb[i][0], 100, bytes[i]));
            rows.add(row(Results.SWEEP, "jna", input, mb[i][1], 100, bytes[i]));
            rows.add(row(Results.SWEEP, "java", input, mb[i][2], 100, bytes[i]));
            rows.add(row(Results.SWEEP, Contender.COMMONMARK, input, 50, 1e5, bytes[i]));
        }
        return rows;
    }

    private static ResultsFile sweep(String defaultEngine) {
        ResultsFile base = results();
        List<InputInfo> inputs = new ArrayList<>(base.inputs());
        for (String id : List.of("1KB", "4KB", "8KB", "64KB")) {
            inputs.add(new InputInfo(id, Corpus.sizeOf(id), "test"));
        }
        List<Row> rows = new ArrayList<>(base.results());
        rows.addAll(sweepRows());
        return new ResultsFile(ResultsFile.SCHEMA, null, null, null, null,
                new ResultsFile.Jmh(1, 3, 3, "1 s", 5, "1 s", "1.37", null, "OpenJDK 64-Bit Server VM 25 (Java 25)",
                        null), null, inputs, base.contenders(), defaultEngine, null, rows, base.nativeRun(), null, null,
                null);
    }

    @Test
    void theSizeSweepMarksTheFastestEngineAndFlagsASizeWhereTheDefaultIsBehind() {
        String md = new Report(sweep("ffm")).markdown();
        String section = md.substring(md.indexOf("## Parse throughput across sizes"), md.indexOf("## Round trip"));
        assertTrue(section.contains("| input | bytes | `java` | `ffm` | `jna` | commonmark-java 9.9 |"), section);
        assertTrue(section.contains("| 100B | 100 | 150 ± 2 | **200 ± 2** | 180 ± 2 | 50.0 ± 0.5 |"), section);
        assertTrue(section.contains("| 4KB | 4,000 | 250 ± 3 | 300 ± 3 | **360 ± 4** | 50.0 ± 0.5 |"), section);
        assertTrue(section.contains("| progit | 11,000,000 | 320 ± 3 | **450 ± 5** | 400 ± 4 |"), section);
        assertTrue(section.contains("Not measured: `wasm` absent."), section);
        assertTrue(section.contains("picked on the JVM that ran (OpenJDK 64-Bit Server VM 25 (Java 25)): `ffm`"),
                section);
        assertTrue(section.contains("\n- 100B: `ffm` first, 200 MB/s.\n"), section);
        assertTrue(section.contains("\n- 1KB: `ffm` 300 MB/s, 0.97× the fastest (`jna`, 310 MB/s): within 5%.\n"),
                section);
        assertTrue(section.contains("\n- **4KB: `ffm` 300 MB/s, 0.83× the fastest (`jna`, 360 MB/s): not within "
                + "5%.**\n"), section);
        assertTrue(section.contains("**The default is not first or within 5% of the fastest at 4KB.**"), section);
        assertEquals(1, count(section, "not within 5%."), section);
        // Had the default been jna: behind at 100B (0.90x) and progit (0.89x); at 64KB 0.95x is just within.
        String jna = new Report(sweep("jna")).markdown();
        assertTrue(jna.contains("\n- **100B: `jna` 180 MB/s, 0.90× the fastest (`ffm`, 200 MB/s): not within 5%.**"),
                jna);
        assertTrue(jna.contains("\n- 64KB: `jna` 380 MB/s, 0.95× the fastest (`ffm`, 400 MB/s): within 5%.\n"), jna);
        assertTrue(jna.contains("\n- **progit: `jna` 400 MB/s, 0.89× the fastest"), jna);
        assertTrue(jna.contains("**The default is not first or within 5% of the fastest at 100B, progit.**"), jna);
    }

    @Test
    void theSizeSweepWithoutARecordedDefaultOrWithoutTheDefaultMeasuredSaysSo() {
        String unknown = new Report(sweep(null)).markdown();
        assertTrue(unknown.contains("Which engine `Ocp.engine()` picks by default is not recorded"), unknown);
        String absent = new Report(sweep("wasm")).markdown();
        assertTrue(absent.contains("\n- **100B: `wasm` not measured (absent).**\n"), absent);
        String notRun = new Report(results()).markdown();
        String section = notRun.substring(notRun.indexOf("## Parse throughput across sizes"),
                notRun.indexOf("## Round trip"));
        assertTrue(section.contains("Not run in this run"), section);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
