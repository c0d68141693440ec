package dev.ocp.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.json}, the file every report is made from: one run's machine, settings, contenders and
 * measurements, as records that Jackson reads and writes. Optional values are {@code null} and left out of the
 * file. Field names are the file's (bench/README.md documents them).
 *
 * @param schema          the file format's version
 * @param date            when the run started, UTC
 * @param commit          the commit measured
 * @param command         the options {@code bench/run} was given
 * @param machine         the machine
 * @param jmh             JMH's settings and the JVM it forked
 * @param corpus          where the inputs came from
 * @param inputs          the inputs, by id
 * @param contenders      every engine and peer, with its status
 * @param defaultEngine   the engine {@code Ocp.engine()} picked in the runner's JVM (the forks run on the same JVM
 *                        and class path), or null when none could run or the file predates it
 * @param html            HTML agreement with the {@code java} engine, per contender and input
 * @param results         one row per JMH measurement
 * @param nativeRun       the C driver's run
 * @param jsRun           the JS MDX toolchain's run on the MDX pages (bench/js/mdx-peer.mjs), same contract
 * @param bulkRun         the bulk benchmark's run (bench/bulk: Spark and the command line), same contract, a row's
 *                        iterations being documents
 * @param durationSeconds how long the run took
 * @param reruns          the benchmarks measured again since ({@code bench/run --rerun}), whose rows replaced the
 *                        run's; empty when every row is the run's own
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResultsFile(int schema, String date, String commit, String command, Machine machine, Jmh jmh,
                   CorpusInfo corpus, List<InputInfo> inputs, List<ContenderInfo> contenders,
                   String defaultEngine, List<HtmlAgreement> html, List<Row> results, @JsonProperty("native") NativeRun nativeRun,
                   @JsonProperty("js") NativeRun jsRun, @JsonProperty("bulk") NativeRun bulkRun,
                   Long durationSeconds, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Rerun> reruns) {

    static final int SCHEMA = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Nothing is null but the optional scalars: an absent list is empty, an absent part says it is unknown. */
    ResultsFile {
        machine = machine == null ? new Machine("unknown CPU", 0, -1, "unknown OS") : machine;
        jmh = jmh == null ? new Jmh(0, null, 0, "?", 0, "?", null, null, null, null) : jmh;
        corpus = corpus == null ? new CorpusInfo("unknown", false) : corpus;
        inputs = inputs == null ? List.of() : inputs;
        contenders = contenders == null ? List.of() : contenders;
        html = html == null ? List.of() : html;
        results = results == null ? List.of() : results;
        nativeRun = nativeRun == null ? new NativeRun("not run", null, null, List.of()) : nativeRun;
        jsRun = jsRun == null ? new NativeRun("not run", null, null, List.of()) : jsRun;
        bulkRun = bulkRun == null ? new NativeRun("not run", null, null, List.of()) : bulkRun;
        reruns = reruns == null ? List.of() : List.copyOf(reruns);
    }

    /** A run's file, every row its own. */
    ResultsFile(int schema, String date, String commit, String command, Machine machine, Jmh jmh, CorpusInfo corpus,
                List<InputInfo> inputs, List<ContenderInfo> contenders, String defaultEngine, List<HtmlAgreement> html,
                List<Row> results, NativeRun nativeRun, NativeRun jsRun, NativeRun bulkRun, Long durationSeconds) {
        this(schema, date, commit, command, machine, jmh, corpus, inputs, contenders, defaultEngine, html, results,
                nativeRun, jsRun, bulkRun, durationSeconds, List.of());
    }

    /**
     * Benchmarks measured again after the run, all their contenders side by side in one JMH run of their own, on
     * the same JDK and settings ({@code bench/run --rerun}).
     *
     * @param benchmarks the regular expression that chose them, as JMH matches it against {@code
     *                   dev.ocp.bench.Class.method}
     * @param date       when that run started, UTC
     * @param commit     the commit it measured
     * @param forks       JMH's forks per benchmark in that run, which {@code --forks} may have set apart from the
     *                    first run's (null in a file that predates it)
     * @param threadForks the same for the thread benchmarks (null likewise)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Rerun(String benchmarks, String date, String commit, Integer forks, Integer threadForks) {
    }

    /** CPU model, cores, memory and OS. */
    record Machine(String cpu, int cores, long memoryBytes, String os) {
    }

    /**
     * JMH's settings, and the JVM the forks ran on: {@code forks} per benchmark, but {@code threadForks} for the
     * thread benchmarks (null in a file that predates them, whose thread benchmarks ran with {@code forks}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Jmh(int forks, Integer threadForks, int warmupIterations, String warmupTime, int iterations, String time, String jmhVersion,
               String jvm, String jdk, String jvmArgs) {
    }

    /** Where the inputs came from; {@code generated} when the progit corpus was not found. */
    record CorpusInfo(String origin, boolean generated) {
    }

    /** One input: its id ({@code 100B}, ..., {@code progit}), size and origin. */
    record InputInfo(String id, long bytes, String origin) {
    }

    /**
     * An engine or peer: {@code status} is {@code available}, {@code absent}, {@code unavailable} or
     * {@code skipped}, with the {@code reason} when it is not available.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContenderInfo(String name, String kind, String status, String reason, Boolean arenas,
                         List<String> capabilities, String version) {
        boolean available() {
            return "available".equals(status);
        }

        boolean engine() {
            return "engine".equals(kind);
        }

        ContenderInfo withStatus(String newStatus, String why) {
            return new ContenderInfo(name, kind, newStatus, why, arenas, capabilities, version);
        }
    }

    /** How many of an input's documents render HTML that differs from the {@code java} engine's. */
    record HtmlAgreement(String contender, String input, int documents, int differing) {
    }

    /**
     * One measurement: a benchmark ({@code Class.method}) for a contender, input and thread count; its
     * throughput and the profilers' figures per operation, each with JMH's 99.9% half-width when it has one; and
     * the throughput of each JMH fork, in fork order (all threads' operations added up, like
     * {@code opsPerSecond}; empty in a file that predates them).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(String benchmark, String contender, String input, int threads, long bytesPerOp, int documentsPerOp,
               double opsPerSecond, Double opsError, Double mbPerSecond, Double mbError, Double cpuNsPerOp,
               Double cpuNsError, Double heapBytesPerOp, Double heapBytesError, Double gcBytesPerOp,
               Double gcBytesError, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Double> opsPerFork) {
        Row {
            opsPerFork = opsPerFork == null ? List.of() : List.copyOf(opsPerFork);
        }
    }

    /** The C driver's run: {@code measured}, {@code failed} or {@code not built}, with a note when not measured. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NativeRun(String status, String note, String command, List<NativeRow> rows) {
        NativeRun {
            rows = rows == null ? List.of() : rows;
        }

        boolean measured() {
            return "measured".equals(status);
        }
    }

    /** One row of the C driver: a parser on an input, timed in CPU time. */
    record NativeRow(String parser, String input, long bytes, long iterations, double seconds,
                     @JsonProperty("mb_per_s") double mbPerSecond) {
    }

    /**
     * This file with the C driver's run replaced ({@code bench/run --native-only}).
     *
     * @param run the new run
     * @return a copy with it
     */
    ResultsFile withNative(NativeRun run) {
        return new ResultsFile(schema, date, commit, command, machine, jmh, corpus, inputs, contenders, defaultEngine,
                html, results, run, jsRun, bulkRun, durationSeconds, reruns);
    }

    /**
     * This file with the bulk benchmark's run replaced ({@code bench/run --bulk-only}).
     *
     * @param bulk the new run
     * @return a copy with it
     */
    ResultsFile withBulk(NativeRun bulk) {
        return new ResultsFile(schema, date, commit, command, machine, jmh, corpus, inputs, contenders, defaultEngine,
                html, results, nativeRun, jsRun, bulk, durationSeconds, reruns);
    }

    /**
     * This file with the rows of some benchmarks measured again ({@code bench/run --rerun}): every row of a benchmark
     * {@code rerun} chooses gives way to {@code rows}, and the file says when and where they were measured. An
     * earlier rerun none of whose rows is left (each since measured again by a later one, or by this) is no longer
     * listed.
     *
     * @param rerun what was measured again
     * @param rows  its rows
     * @return a copy with them
     */
    ResultsFile withRerun(Rerun rerun, List<Row> rows) {
        java.util.regex.Pattern chosen = java.util.regex.Pattern.compile(rerun.benchmarks());
        List<Row> merged = new ArrayList<>();
        for (Row row : results) {
            if (!chosen.matcher(BENCHMARK_PACKAGE + row.benchmark()).find()) {
                merged.add(row);
            }
        }
        merged.addAll(rows);
        List<Rerun> all = new ArrayList<>(reruns);
        all.add(rerun);
        // A rerun's rows are those its pattern chooses and no later rerun's does.
        for (int i = all.size() - 2; i >= 0; i--) {
            java.util.regex.Pattern theirs = java.util.regex.Pattern.compile(all.get(i).benchmarks());
            List<java.util.regex.Pattern> later = all.subList(i + 1, all.size()).stream()
                    .map(r -> java.util.regex.Pattern.compile(r.benchmarks())).toList();
            boolean ownsARow = merged.stream().map(row -> BENCHMARK_PACKAGE + row.benchmark())
                    .anyMatch(name -> theirs.matcher(name).find()
                            && later.stream().noneMatch(p -> p.matcher(name).find()));
            if (!ownsARow) {
                all.remove(i);
            }
        }
        return new ResultsFile(schema, date, commit, command, machine, jmh, corpus, inputs, contenders, defaultEngine,
                html, merged, nativeRun, jsRun, bulkRun, durationSeconds, all);
    }

    /** What a row's benchmark ({@code Class.method}) is prefixed with in JMH's full names. */
    static final String BENCHMARK_PACKAGE = "dev.ocp.bench.";

    /**
     * Reads a results file.
     *
     * @param file {@code results.json}
     * @return its content
     * @throws IOException if it cannot be read or is not a results file of {@code bench/run}
     */
    static ResultsFile read(Path file) throws IOException {
        JsonNode tree = JSON.readTree(file.toFile());
        if (tree == null || !tree.isObject() || !tree.has("results")) {
            throw new IOException(file + " is not a results file of bench/run");
        }
        return JSON.treeToValue(tree, ResultsFile.class);
    }

    /**
     * Writes this file.
     *
     * @param file where
     * @throws IOException if it cannot be written
     */
    void write(Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(this) + "\n");
    }

    /**
     * The C driver's output, checked against its contract: one JSON array of objects with the string fields
     * {@code parser} and {@code input} and the numbers {@code bytes}, {@code iterations}, {@code seconds} and
     * {@code mb_per_s}. Each row's input is named as the suite names it (the driver reports the file it read; the
     * suite wrote {@code ID.md}).
     *
     * @param json the driver's standard output
     * @return its rows
     * @throws IllegalArgumentException if the output breaks the contract
     */
    static List<NativeRow> nativeRows(String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the C driver's output is not JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isArray()) {
            throw new IllegalArgumentException("the C driver's output is not a JSON array");
        }
        List<NativeRow> out = new ArrayList<>();
        for (JsonNode row : tree) {
            for (String key : List.of("parser", "input")) {
                if (!row.path(key).isTextual()) {
                    throw new IllegalArgumentException("a row of the C driver lacks the string '" + key + "': " + row);
                }
            }
            for (String key : List.of("bytes", "iterations", "seconds", "mb_per_s")) {
                if (!row.path(key).isNumber()) {
                    throw new IllegalArgumentException("a row of the C driver lacks the number '" + key + "': " + row);
                }
            }
            String name = row.get("input").asText();
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            if (name.endsWith(".md")) {
                name = name.substring(0, name.length() - 3);
            }
            out.add(new NativeRow(row.get("parser").asText(), name, row.get("bytes").asLong(),
                    row.get("iterations").asLong(), row.get("seconds").asDouble(), row.get("mb_per_s").asDouble()));
        }
        return out;
    }
}
