package dev.ocp.bench;

import dev.ocp.bench.ResultsFile.Row;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The results file's rows: JMH's results turned into one flat record per measurement, in the units the report
 * compares (MB of input per second, so ratios read straight across contenders; CPU nanoseconds and heap bytes
 * per operation).
 */
final class Results {
    /** Benchmark ids, {@code Class.method}, as rows name them. */
    static final String PARSE = "ParseBenchmark.parse";
    static final String HTML = "ParseBenchmark.html";
    static final String THREADS = "ThreadsBenchmark.parse";
    static final String ROUND_TRIP = "RoundTripBenchmark.roundTrip";
    static final String CLOSE_EACH = "ArenaBenchmark.closeEach";
    static final String ARENA_RESET = "ArenaBenchmark.arenaReset";
    static final String COPY = "CopyBenchmark.copy";
    static final String DIALECT_COMMONMARK = "DialectBenchmark.commonmark";
    static final String DIALECT_GFM = "DialectBenchmark.gfm";
    static final String DIALECT_DOCS_SITE = "DialectBenchmark.gfmDirectivesAlerts";
    static final String MDX_SITE = "MdxBenchmark.site";
    static final String MDX_SITE_MDAST = "MdxBenchmark.siteMdast";
    /** {@link RenderBenchmark}'s methods: the parse the renderings are compared with, then the renderings. */
    static final String RENDER_PARSE = "RenderBenchmark.parse";
    static final String RENDER_HTML = "RenderBenchmark.html";
    static final String RENDER_JSON = "RenderBenchmark.json";
    static final String RENDER_TEXT = "RenderBenchmark.text";
    static final String RENDER_WALK = "RenderBenchmark.walk";
    static final String RENDER_MDAST = "RenderBenchmark.mdast";
    static final String MARKDOWN = "MarkdownBenchmark.markdown";
    static final String TRANSFORM = "TransformBenchmark.oneLink";
    static final String TRANSFORM_OF_LINKS = "TransformBenchmark.oneLinkOfLinks";
    static final String TRANSFORM_PARSE = "TransformBenchmark.parse";
    /** {@link SmallThreadsBenchmark}'s methods, by thread count. */
    static final String SMALL_1 = "SmallThreadsBenchmark.oneThread";
    static final String SMALL_2 = "SmallThreadsBenchmark.twoThreads";
    static final String SMALL_8 = "SmallThreadsBenchmark.eightThreads";
    /** {@link SizeSweepBenchmark}'s parse, on the inputs of {@link Corpus#SWEEP}. */
    static final String SWEEP = "SizeSweepBenchmark.parse";

    private Results() {
    }

    /**
     * One row per JMH result.
     *
     * @param runs   JMH's results
     * @param corpus the corpus the forks parsed (the same properties, so the same bytes)
     * @return rows with benchmark, contender, input, threads, bytes and documents per operation, the
     *         measures with their errors (JMH's 99.9% half-widths; null when JMH could not compute one), and the
     *         throughput of each fork
     */
    static List<Row> rows(Collection<RunResult> runs, Corpus corpus) {
        List<Row> out = new ArrayList<>();
        for (RunResult r : runs) {
            BenchmarkParams p = r.getParams();
            String full = p.getBenchmark();
            String method = full.substring(full.lastIndexOf('.') + 1);
            String cls = full.substring(0, full.lastIndexOf('.'));
            String id = cls.substring(cls.lastIndexOf('.') + 1) + "." + method;
            String contender = first(p, "contender", "engine", "arenaEngine", "writer", "parser");
            String input = p.getParam("input");
            long bytes;
            int documents = 1;
            if (id.startsWith("ArenaBenchmark.")) {
                input = ArenaBenchmark.INPUT;
                documents = ArenaBenchmark.BATCH;
                bytes = (long) documents * corpus.input(input).utf8.length;
            } else if (id.equals(MDX_SITE) || id.equals(MDX_SITE_MDAST)) {
                input = Corpus.MDX;
                List<byte[]> pages = Corpus.mdxPages();
                documents = pages.size();
                bytes = pages.stream().mapToLong(page -> page.length).sum();
            } else if (id.startsWith("SmallThreadsBenchmark.")) {
                input = SmallThreadsBenchmark.INPUT;
                bytes = corpus.input(input).utf8.length;
            } else if (id.equals(ROUND_TRIP)) {
                input = RoundTripBenchmark.INPUT;
                bytes = RoundTripBenchmark.TINY.getBytes(StandardCharsets.UTF_8).length;
            } else if (input != null) {
                bytes = corpus.input(input).utf8.length;
            } else {
                // A benchmark the results do not know yet: ops/s still mean something, MB/s do not.
                input = "-";
                bytes = 0;
            }
            Result<?> primary = r.getPrimaryResult();
            double ops = primary.getScore();
            double opsError = primary.getScoreError();
            Result<?> cpu = secondary(r, "cpu.time.norm");
            Result<?> heap = secondary(r, "heap.loop.norm");
            Result<?> gc = secondary(r, "gc.alloc.rate.norm");
            // One BenchmarkResult per fork, in the order the forks ran; its primary score is that fork's mean.
            List<Double> perFork = new ArrayList<>();
            for (BenchmarkResult fork : r.getBenchmarkResults()) {
                perFork.add(fork.getPrimaryResult().getScore());
            }
            out.add(new Row(id, contender, input, p.getThreads(), bytes, documents, ops, finite(opsError),
                    bytes > 0 ? ops * bytes / 1e6 : null, bytes > 0 ? finite(opsError * bytes / 1e6) : null,
                    // The CPU profiler reports ms/op.
                    cpu == null ? null : cpu.getScore() * 1e6, cpu == null ? null : finite(cpu.getScoreError() * 1e6),
                    heap == null ? null : heap.getScore(), heap == null ? null : finite(heap.getScoreError()),
                    gc == null ? null : gc.getScore(), gc == null ? null : finite(gc.getScoreError()), perFork));
        }
        return out;
    }

    private static String first(BenchmarkParams p, String... names) {
        for (String n : names) {
            String v = p.getParam(n);
            if (v != null) {
                return v;
            }
        }
        return "-";
    }

    private static Result<?> secondary(RunResult r, String label) {
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith(label)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Double finite(double d) {
        return Double.isNaN(d) || Double.isInfinite(d) ? null : d;
    }
}
