package dev.ocp.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke run that keeps the suite from rotting: every benchmark of the package, for every contender that can
 * run here and every input, once, briefly, in this JVM (JMH forks 0), failing on the first exception a
 * benchmark throws; then the report made from those results, into {@code target/smoke}. The numbers mean
 * nothing; that everything runs and the report holds every contender does.
 */
class SuiteSmokeTest {
    private static final Path OUT = Paths.get("target", "smoke");
    private static String savedCorpus;
    private static ResultsFile results;

    @BeforeAll
    static void run() throws Exception {
        Files.createDirectories(OUT);
        // A small corpus of our own: the run must not depend on ../shared/corpus, and must stay short.
        Path corpus = OUT.resolve("corpus.md");
        Files.writeString(corpus, Corpus.generate(120_000, 11), StandardCharsets.UTF_8);
        savedCorpus = System.setProperty(Corpus.PATH_PROPERTY, corpus.toAbsolutePath().toString());
        Corpus.reset();

        BenchMain.Settings s = new BenchMain.Settings();
        s.out = OUT;
        s.forks = 0;
        s.warmup = 0;
        s.iterations = 1;
        s.time = TimeValue.milliseconds(20);
        s.failOnError = true;
        s.commit = "smoke";
        s.command = "(SuiteSmokeTest)";
        results = BenchMain.run(s);
    }

    @AfterAll
    static void restore() {
        if (savedCorpus == null) {
            System.clearProperty(Corpus.PATH_PROPERTY);
        } else {
            System.setProperty(Corpus.PATH_PROPERTY, savedCorpus);
        }
        Corpus.reset();
    }

    /** The contenders that can run here, by the parameter name that lists them. */
    private static List<String> runnable(String parameter) {
        List<String> out = new ArrayList<>();
        for (ResultsFile.ContenderInfo c : results.contenders()) {
            if (c.available() && (parameter.equals("contender")
                    || (parameter.equals("writer") && MarkdownBenchmark.PEERS.contains(c.name()))
                    || (parameter.equals("parser") && SizeSweepBenchmark.PEERS.contains(c.name()))
                    || (c.engine() && (parameter.equals("engine") || parameter.equals("writer")
                    || parameter.equals("parser")
                    || Boolean.TRUE.equals(c.arenas()))))) {
                out.add(c.name());
            }
        }
        return out;
    }

    @Test
    void everyBenchmarkRanForEveryContenderThatCanRunAndEveryInput() {
        Set<BenchmarkListEntry> entries = BenchmarkList.defaultList().getAll(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of());
        Pattern suite = Pattern.compile(BenchMain.SUITE);
        Set<String> expected = new TreeSet<>();
        for (BenchmarkListEntry e : entries) {
            String name = e.getUsername();
            if (BenchMain.OUTSIDE_SUITE.contains(name.substring(0, name.lastIndexOf('.')))) {
                assertFalse(suite.matcher(name).find(), name + " is left out of the suite but its pattern takes it");
                continue;
            }
            assertTrue(suite.matcher(name).find(), name + " is outside the suite's include pattern");
            String id = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Map<String, String[]> params = e.getParams().orElse(Map.of());
            String who = params.containsKey("contender") ? "contender"
                    : params.containsKey("arenaEngine") ? "arenaEngine"
                    : params.containsKey("writer") ? "writer"
                    : params.containsKey("parser") ? "parser" : "engine";
            assertTrue(params.containsKey(who), id + " names no contender parameter");
            String[] inputs = params.getOrDefault("input", new String[]{null});
            if (id.startsWith("MdxBenchmark.") && Corpus.mdxFiles().isEmpty()) {
                continue; // left out without the MDX pages, as BenchMain leaves it out
            }
            for (String contender : runnable(who)) {
                for (String input : inputs) {
                    expected.add(id + " " + contender + " " + (input == null ? fixedInput(id) : input));
                }
            }
        }
        Set<String> ran = new TreeSet<>();
        for (ResultsFile.Row row : results.results()) {
            ran.add(row.benchmark() + " " + row.contender() + " " + row.input());
            assertTrue(row.opsPerSecond() > 0, "no operation completed: " + row);
            assertNotNull(row.heapBytesPerOp(), "no heap profiler result: " + row);
            assertNotNull(row.gcBytesPerOp(), "no gc profiler result: " + row);
            assertNotNull(row.cpuNsPerOp(), "no CPU profiler result: " + row);
        }
        assertEquals(expected, ran);
        // The suite covers every benchmark, with both peers and at least the reference engine.
        for (String id : List.of(Results.PARSE, Results.HTML, Results.THREADS, Results.ROUND_TRIP,
                Results.CLOSE_EACH, Results.ARENA_RESET, Results.COPY, Results.DIALECT_COMMONMARK,
                Results.DIALECT_GFM, Results.SMALL_1, Results.SMALL_2, Results.SMALL_8, Results.MARKDOWN,
                Results.SWEEP)) {
            assertTrue(ran.stream().anyMatch(r -> r.startsWith(id + " java ")), id + " did not run for java");
        }
        assertTrue(ran.contains(Results.PARSE + " commonmark progit"));
        assertTrue(ran.contains(Results.HTML + " flexmark 1MB"));
        assertTrue(ran.contains(Results.MARKDOWN + " commonmark progit"));
        for (String input : Corpus.SWEEP) {
            assertTrue(ran.contains(Results.SWEEP + " commonmark " + input), input);
        }
        assertTrue(ran.stream().noneMatch(r -> r.startsWith(Results.SWEEP + " flexmark ")), ran.toString());
        // In the runner's JVM (forks 0) each row is one "fork".
        for (ResultsFile.Row row : results.results()) {
            assertEquals(1, row.opsPerFork().size(), row.toString());
        }
    }

    @Test
    void bothPassesLandInOneJmhJsonAndTheThreadBenchmarksAreCountedApart() throws Exception {
        // The thread benchmarks ran in a pass of their own; jmh.json holds every result of both passes.
        com.fasterxml.jackson.databind.JsonNode jmh = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(OUT.resolve("jmh.json").toFile());
        assertEquals(results.results().size(), jmh.size());
        Set<String> benchmarks = new TreeSet<>();
        jmh.forEach(r -> benchmarks.add(r.get("benchmark").asText()));
        assertTrue(benchmarks.contains(SmallThreadsBenchmark.class.getName() + ".twoThreads"), benchmarks.toString());
        assertTrue(benchmarks.contains(ThreadsBenchmark.class.getName() + ".parse"), benchmarks.toString());
        assertTrue(benchmarks.contains(ParseBenchmark.class.getName() + ".parse"), benchmarks.toString());
        assertTrue(!Files.exists(OUT.resolve("jmh-pass-1.json")) && !Files.exists(OUT.resolve("jmh-pass-2.json")));
        assertEquals(0, results.jmh().threadForks());
    }

    private static String fixedInput(String id) {
        return id.startsWith("ArenaBenchmark.") ? ArenaBenchmark.INPUT : id.startsWith("MdxBenchmark.") ? Corpus.MDX
                : id.startsWith("SmallThreadsBenchmark.") ? SmallThreadsBenchmark.INPUT : RoundTripBenchmark.INPUT;
    }

    @Test
    void theReportNamesEveryContenderAndItsNumbers() throws Exception {
        String md = Files.readString(OUT.resolve("REPORT.md"), StandardCharsets.UTF_8);
        for (String section : List.of("## Run", "## Contenders", "## Targets", "### 100B", "### 10KB", "### 1MB",
                "### progit", "## Round trip of a tiny document", "## One and two threads", "## Small documents at 1, 2 and 8 threads",
                "## Arena reset against closing one by one", "## Zero-copy against a copying binding", "## GFM against CommonMark", "## MDX",
                "## Markdown written back", "## Bulk: Spark and the command line", "## Parse throughput across sizes",
                "## HTML agreement", "(throughput.svg)", "(heap.svg)")) {
            assertTrue(md.contains(section), "REPORT.md lacks " + section);
        }
        Report report = new Report(results);
        for (String name : report.contenderNames()) {
            assertTrue(md.contains("| " + report.display(name) + " |"), "REPORT.md has no row for " + name);
        }
        // The C driver is not built by the test: every C row says so instead of showing numbers.
        assertTrue(md.contains("| C core (ocp-c) | C driver not built |"), md);
        // The commonmark-java row of an input divides by itself.
        assertTrue(md.matches("(?s).*\\| commonmark-java [0-9.]+ \\| [^|]+ \\| [^|]+ \\| \\*\\*1\\.00×\\*\\* \\|.*"), md);
        // Every target is there, measured or with the reason it is not.
        assertEquals(41, md.lines().filter(l -> l.matches("\\| .* \\| (\\*\\*met\\*\\*|\\*\\*not met\\*\\*|not measured.*) \\|"))
                .count(), md);
    }

    @Test
    void theResultsFileReadsBackAsItWasWritten() throws Exception {
        assertEquals(results, ResultsFile.read(OUT.resolve("results.json")));
    }

    @Test
    void theChartsAreWellFormedSvgWithABarPerResult() throws Exception {
        Report report = new Report(results);
        int parseAndHtml = 0;
        int parse = 0;
        for (ResultsFile.Row row : report.rows) {
            if (row.benchmark().equals(Results.PARSE)) {
                parse++;
                parseAndHtml++;
            } else if (row.benchmark().equals(Results.HTML)) {
                parseAndHtml++;
            }
        }
        assertEquals(parseAndHtml, bars(OUT.resolve("throughput.svg")));
        assertEquals(parse, bars(OUT.resolve("heap.svg")));
    }

    /** Bars are the rects with a fill other than the white background. */
    private static int bars(Path svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        int bars = 0;
        var rects = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        for (int i = 0; i < rects.getLength(); i++) {
            if (!"white".equals(((org.w3c.dom.Element) rects.item(i)).getAttribute("fill"))) {
                bars++;
            }
        }
        return bars;
    }
}
