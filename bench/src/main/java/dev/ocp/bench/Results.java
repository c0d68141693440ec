package dev.ocp.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results file's rows: JMH's results turned into one flat record per measurement, in the units the report
 * compares (MB of input per second, so ratios read straight across contenders; CPU nanoseconds and heap bytes
 * per operation), and the C driver's output checked against its contract.
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

    private Results() {
    }

    /**
     * One row per JMH result.
     *
     * @param runs   JMH's results
     * @param corpus the corpus the forks parsed (the same properties, so the same bytes)
     * @return rows with benchmark, contender, input, threads, bytes and documents per operation, and the
     *         measures with their errors (JMH's 99.9% half-widths; null when JMH could not compute one)
     */
    static List<Map<String, Object>> rows(Collection<RunResult> runs, Corpus corpus) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RunResult r : runs) {
            BenchmarkParams p = r.getParams();
            String full = p.getBenchmark();
            String method = full.substring(full.lastIndexOf('.') + 1);
            String cls = full.substring(0, full.lastIndexOf('.'));
            String id = cls.substring(cls.lastIndexOf('.') + 1) + "." + method;
            String contender = first(p, "contender", "engine", "arenaEngine");
            String input = p.getParam("input");
            long bytes;
            int documents = 1;
            if (id.startsWith("ArenaBenchmark.")) {
                input = ArenaBenchmark.INPUT;
                documents = ArenaBenchmark.BATCH;
                bytes = (long) documents * corpus.input(input).utf8.length;
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
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("benchmark", id);
            row.put("contender", contender);
            row.put("input", input);
            row.put("threads", p.getThreads());
            row.put("bytesPerOp", bytes);
            row.put("documentsPerOp", documents);
            Result<?> primary = r.getPrimaryResult();
            double ops = primary.getScore();
            double opsError = primary.getScoreError();
            row.put("opsPerSecond", ops);
            row.put("opsError", finite(opsError));
            if (bytes > 0) {
                row.put("mbPerSecond", ops * bytes / 1e6);
                row.put("mbError", finite(opsError * bytes / 1e6));
            }
            Result<?> cpu = secondary(r, "cpu.time.norm");
            if (cpu != null) {
                // The profiler reports ms/op.
                row.put("cpuNsPerOp", cpu.getScore() * 1e6);
                row.put("cpuNsError", finite(cpu.getScoreError() * 1e6));
            }
            Result<?> worker = secondary(r, "heap.loop.norm");
            if (worker != null) {
                row.put("heapBytesPerOp", worker.getScore());
                row.put("heapBytesError", finite(worker.getScoreError()));
            }
            Result<?> gc = secondary(r, "gc.alloc.rate.norm");
            if (gc != null) {
                row.put("gcBytesPerOp", gc.getScore());
                row.put("gcBytesError", finite(gc.getScoreError()));
            }
            out.add(row);
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

    /**
     * The rows of a results file.
     *
     * @param results a parsed {@code results.json}
     * @return its rows
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> results) {
        Object rows = results.get("results");
        return rows == null ? List.of() : (List<Map<String, Object>>) rows;
    }

    /**
     * Reads a results file.
     *
     * @param file {@code results.json}
     * @return its content
     * @throws IOException if it cannot be read
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        Object value = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (!(value instanceof Map) || !((Map<String, Object>) value).containsKey("results")) {
            throw new IOException(file + " is not a results file of bench/run");
        }
        return (Map<String, Object>) value;
    }

    /**
     * Checks the C driver's output against its contract and names each row's input as the suite does (the driver
     * reports the file it read; the suite wrote {@code ID.md}).
     *
     * @param json the driver's standard output
     * @return its rows, each with an {@code input} that is a suite input id
     * @throws IllegalArgumentException if the output breaks the contract
     */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> nativeRows(String json) {
        Object value = Json.parse(json.strip());
        if (!(value instanceof List)) {
            throw new IllegalArgumentException("the C driver's output is not a JSON array");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<Object>) value) {
            if (!(o instanceof Map)) {
                throw new IllegalArgumentException("the C driver's output holds a non-object: " + o);
            }
            Map<String, Object> row = new LinkedHashMap<>((Map<String, Object>) o);
            for (String key : List.of("parser", "input")) {
                if (!(row.get(key) instanceof String)) {
                    throw new IllegalArgumentException("a row of the C driver lacks the string '" + key + "': " + o);
                }
            }
            for (String key : List.of("bytes", "iterations", "seconds", "mb_per_s")) {
                if (!(row.get(key) instanceof Double)) {
                    throw new IllegalArgumentException("a row of the C driver lacks the number '" + key + "': " + o);
                }
            }
            String name = (String) row.get("input");
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            if (name.endsWith(".md")) {
                name = name.substring(0, name.length() - 3);
            }
            row.put("input", name);
            out.add(row);
        }
        return out;
    }
}
