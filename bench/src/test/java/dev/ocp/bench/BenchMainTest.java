package dev.ocp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner's settings for the thread benchmarks' pass, and the one jmh.json made of both passes. */
class BenchMainTest {

    private static BenchMain.Settings parse(String... args) {
        return BenchMain.Settings.parse(args);
    }

    @Test
    void theThreadBenchmarksRunWithAtLeastThreeForksUnlessToldOtherwise() {
        assertEquals(3, parse().threadForks(), "default: one fork for the others, three for the threads");
        assertEquals(1, parse().forks);
        assertEquals(3, parse("--forks", "2").threadForks());
        assertEquals(5, parse("--forks", "5").threadForks());
        // --quick asks for one; forks 0 (the runner's own JVM, as the smoke test runs) stays in that JVM.
        assertEquals(1, parse("--forks", "1", "--thread-forks", "1").threadForks());
        assertEquals(0, parse("--forks", "0").threadForks());
    }

    /**
     * A full run (bench/run passes {@code --require-corpus}) stops before it begins when the progit corpus is
     * neither given nor beside the checkout, rather than measure generated Markdown for an hour.
     */
    @Test
    void aFullRunWithoutTheCorpusIsRefusedBeforeItBegins() throws Exception {
        Path lonely = Files.createTempDirectory("ocp-bench-no-corpus");
        String root = System.setProperty(Corpus.ROOT_PROPERTY, lonely.resolve("checkout").toString());
        String progit = System.clearProperty(Corpus.PATH_PROPERTY);
        try {
            assertEquals(BenchMain.NO_CORPUS, BenchMain.refusal(parse("--require-corpus")));
            assertEquals(null, BenchMain.refusal(parse()), "--quick, --only and --generated do not require it");
            Path given = Files.writeString(lonely.resolve("progit.md"), "# A corpus\n");
            System.setProperty(Corpus.PATH_PROPERTY, given.toString());
            assertEquals(null, BenchMain.refusal(parse("--require-corpus")), "--corpus FILE gives it");
        } finally {
            restore(Corpus.ROOT_PROPERTY, root);
            restore(Corpus.PATH_PROPERTY, progit);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Test
    void thePassesSplitTheSuiteByTheThreadPattern() {
        Pattern threads = Pattern.compile(BenchMain.THREADS);
        Pattern others = Pattern.compile("^(?!.*" + BenchMain.THREADS + ")");
        for (Class<?> c : List.of(ThreadsBenchmark.class, SmallThreadsBenchmark.class, ParseBenchmark.class,
                SizeSweepBenchmark.class)) {
            String name = c.getName() + ".parse";
            boolean thread = c == ThreadsBenchmark.class || c == SmallThreadsBenchmark.class;
            // The first pass excludes what matches THREADS, the second what matches the other pattern.
            assertEquals(thread, threads.matcher(name).find(), name);
            assertEquals(!thread, others.matcher(name).find(), name);
        }
    }

    @Test
    void aRunWhoseBenchmarksAllFallInOnePassSkipsTheOther() throws Exception {
        // --only selecting only benchmarks of one pass leaves the other with nothing to run, which JMH refuses.
        for (String only : List.of(Results.ROUND_TRIP, Results.SMALL_1)) {
            BenchMain.Settings s = new BenchMain.Settings();
            s.out = Paths.get("target", "one-pass", only);
            s.only = only.replace(".", "\\.");
            s.contenders = List.of("java");
            s.forks = 0;
            s.warmup = 0;
            s.iterations = 1;
            s.time = org.openjdk.jmh.runner.options.TimeValue.milliseconds(20);
            s.failOnError = true;
            s.htmlCheck = false;
            ResultsFile results = BenchMain.run(s);
            assertEquals(1, results.results().size(), only);
            assertEquals(only, results.results().get(0).benchmark());
            assertEquals(1, new ObjectMapper().readTree(s.out.resolve("jmh.json").toFile()).size(), only);
        }
    }

    @Test
    void theJmhResultsOfBothPassesBecomeOneArray() throws Exception {
        Path dir = Files.createDirectories(Paths.get("target", "jmh-merge"));
        Path one = dir.resolve("one.json");
        Path two = dir.resolve("two.json");
        Path absent = dir.resolve("absent.json");
        Files.writeString(one, "[{\"benchmark\": \"a\"}, {\"benchmark\": \"b\"}]");
        Files.writeString(two, "[{\"benchmark\": \"c\"}]");
        Files.deleteIfExists(absent);
        Path merged = dir.resolve("jmh.json");
        BenchMain.mergeJmhJson(List.of(one, absent, two), merged);
        JsonNode all = new ObjectMapper().readTree(merged.toFile());
        assertEquals(3, all.size());
        assertEquals("c", all.get(2).get("benchmark").asText());
        assertFalse(Files.exists(one) || Files.exists(two), "the passes' files are removed");
        assertTrue(all.isArray());
    }
}
