package dev.ocp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ocp.Capability;
import dev.ocp.Ocp;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ProviderInfo;
import dev.ocp.bench.ResultsFile.ContenderInfo;
import dev.ocp.bench.ResultsFile.HtmlAgreement;
import dev.ocp.bench.ResultsFile.InputInfo;
import dev.ocp.bench.ResultsFile.NativeRun;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one command behind {@code bench/run}: runs every benchmark of the suite for every contender that can
 * run here, runs the C driver when it was built, and writes into the output directory
 * <ul>
 * <li>{@code jmh.json}: JMH's own results;</li>
 * <li>{@code results.json}: everything the report is made from (machine, contenders with their status,
 *     inputs, one row per measurement in MB/s, ops/s, CPU ns/op and heap bytes/op, the C driver's rows);</li>
 * <li>{@code REPORT.md}, {@code throughput.svg}, {@code heap.svg}: the report ({@link Report});</li>
 * <li>{@code previous.json}: the {@code results.json} that was there before, which the report compares with.</li>
 * </ul>
 * {@code --report-only DIR} writes the report again from {@code DIR/results.json}.
 */
public final class BenchMain {
    /** Every benchmark class of the package: a new one runs (and is smoke-tested) without being listed here. */
    static final String SUITE = "^dev\\.ocp\\.bench\\.[A-Za-z]+Benchmark\\.";
    /**
     * The benchmarks left out of the suite on purpose, each with what runs it instead: {@link MdastAgainstBaseline}
     * needs an earlier build's jars ({@code tools/mdast-speed-ab}).
     */
    static final java.util.Set<String> OUTSIDE_SUITE = java.util.Set.of(MdastAgainstBaseline.class.getName());
    /** The thread benchmarks ({@link ThreadsBenchmark}, {@link SmallThreadsBenchmark}), which get more forks. */
    static final String THREADS = "\\.(Small)?ThreadsBenchmark\\.";
    /** The fewest forks the thread benchmarks run with (unless {@code --thread-forks} says otherwise). */
    static final int THREAD_FORKS = 3;
    /** Why a full run that must measure the corpus ({@code --require-corpus}) does not begin. */
    static final String NO_CORPUS = "a full run measures the progit corpus, and ../shared/corpus/progit/progit.md is "
            + "not beside this checkout or above it; give bench/run --corpus FILE, or --generated to measure "
            + "generated Markdown in its place (the report then says so)";

    private BenchMain() {
    }

    /**
     * Runs the suite (or re-renders a report) as the arguments say; see {@code bench/run --help}.
     *
     * @param args {@code --out DIR} and the options of {@link Settings}, then optionally {@code --} and JMH's
     * @throws Exception if JMH fails to start or the results cannot be written
     */
    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ocp-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (settings.bulkOnly) {
            measureAloneAgain(settings, "bulk benchmark", "--bulk-only", runBulk(settings), ResultsFile::withBulk);
            return;
        }
        if (settings.nativeOnly) {
            measureAloneAgain(settings, "C driver", "--native-only", runNativeDriver(settings, Corpus.get()),
                    ResultsFile::withNative);
            return;
        }
        if (settings.rerun != null) {
            rerun(settings);
            return;
        }
        if (settings.reportOnly) {
            ResultsFile results = ResultsFile.read(settings.out.resolve("results.json"));
            Report.write(results, settings.out, notes());
            System.out.println("ocp-bench: wrote " + settings.out.resolve("REPORT.md"));
            return;
        }
        String refused = refusal(settings);
        if (refused != null) {
            System.err.println("ocp-bench: " + refused);
            System.exit(2);
            return;
        }
        ResultsFile results = run(settings);
        if (results.results().isEmpty()) {
            System.err.println("ocp-bench: no benchmark produced a result (does --only match any?)");
            System.exit(1);
        }
    }

    /** Why a run with these settings must not begin, or {@code null}: a full run without the progit corpus. */
    static String refusal(Settings s) {
        return s.requireCorpus && Corpus.locate() == null ? NO_CORPUS : null;
    }

    /**
     * Puts a peer's run, made again on its own ({@code --bulk-only}, {@code --native-only}), into the results of the
     * last full run in {@link Settings#out}, saying when and at which commit it ran; then writes the report again. A
     * run that measured nothing (the peer not built, or failing) leaves the file as it was: the last run's rows are
     * worth more than none.
     */
    private static void measureAloneAgain(Settings s, String what, String option, NativeRun run,
                                          BiFunction<ResultsFile, NativeRun, ResultsFile> put) throws IOException {
        Path file = s.out.resolve("results.json");
        if (run.rows().isEmpty()) {
            throw new IOException("the " + what + " measured nothing (" + run.status()
                    + (run.note() == null ? "" : ": " + run.note()) + "); " + file + " is left as it was");
        }
        ResultsFile results = ResultsFile.read(file);
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                .format(Instant.now());
        results = put.apply(results, new NativeRun(run.status(), "measured " + when + " at " + s.commit
                + ", apart from the rest of this report (bench/run " + option + ")"
                + (run.note() == null ? "" : "; " + run.note()), run.command(), run.rows()));
        results.write(file);
        Report.write(results, s.out, notes());
        System.out.println("ocp-bench: " + what + " " + run.status() + "; wrote " + file + " and "
                + s.out.resolve("REPORT.md"));
    }

    /** What a run does; parsed from the command line, or built by tests. */
    static final class Settings {
        Path out = Paths.get("bench/results");
        int forks = 1;
        /** The thread benchmarks' forks if set; else {@link #threadForks()} derives them from {@link #forks}. */
        Integer threadForks;
        /** Refuse to run without the progit corpus rather than measure generated Markdown (a full run). */
        boolean requireCorpus;
        int warmup = 3;
        int iterations = 5;
        TimeValue warmupTime = TimeValue.seconds(1);
        TimeValue time = TimeValue.seconds(1);
        String only;
        boolean failOnError;
        boolean reportOnly;
        /** Only the bulk benchmark, into the results.json of {@link #out} ({@code --bulk-only}). */
        boolean bulkOnly;
        /** Only the C driver, into the results.json of {@link #out} ({@code --native-only}). */
        boolean nativeOnly;
        /**
         * The benchmarks to measure again into the results.json of {@link #out} ({@code --rerun REGEX}, which also
         * narrows the run as {@code --only} does), or null.
         */
        String rerun;
        boolean htmlCheck = true;
        String nativeDriver;
        String nativeNote = "the C driver was not built (bench/run builds it with make -C native bench-c-build)";
        /** The JS MDX toolchain's script (bench/js/mdx-peer.mjs, run by node), or null with {@link #jsNote}. */
        String jsPeer;
        String jsNote = "not installed (bench/run installs it with npm when node and npm are on the PATH)";
        /** The bulk benchmark's script (bench/bulk), or null with {@link #bulkNote}. */
        String bulk;
        String bulkNote = "not run (bench/run runs bench/bulk unless given --no-bulk or --only)";
        /** Options for the bulk benchmark (smaller sizes for --quick). */
        String bulkArgs = "";
        /** Only these contenders, if set (the others are listed as not measured in this run). */
        List<String> contenders;
        String commit = "unknown";
        String command = "";
        String[] jmhExtra = new String[0];

        /**
         * The thread benchmarks' forks: {@code --thread-forks} if given, else at least {@value #THREAD_FORKS} (or
         * none when the other benchmarks run in the runner's JVM, {@code --forks 0}).
         */
        int threadForks() {
            if (threadForks != null) {
                return threadForks;
            }
            return forks == 0 ? 0 : Math.max(THREAD_FORKS, forks);
        }

        /** JMH's own options given after {@code --}, which the suite's settings override. */
        CommandLineOptions jmhOptions() {
            try {
                return new CommandLineOptions(jmhExtra);
            } catch (CommandLineOptionException e) {
                throw new IllegalArgumentException("JMH options after --: " + e.getMessage(), e);
            }
        }

        static Settings parse(String[] args) {
            Settings s = new Settings();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--")) {
                    s.jmhExtra = Arrays.copyOfRange(args, i + 1, args.length);
                    s.jmhOptions();
                    break;
                }
                if (a.equals("--fail-on-error")) {
                    s.failOnError = true;
                    continue;
                }
                if (a.equals("--bulk-only")) {
                    s.bulkOnly = true;
                    continue;
                }
                if (a.equals("--native-only")) {
                    s.nativeOnly = true;
                    continue;
                }
                if (a.equals("--no-html-check")) {
                    s.htmlCheck = false;
                    continue;
                }
                if (a.equals("--require-corpus")) {
                    s.requireCorpus = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value (or is unknown)");
                }
                String v = args[++i];
                switch (a) {
                    case "--out":
                        s.out = Paths.get(v);
                        break;
                    case "--report-only":
                        s.reportOnly = true;
                        s.out = Paths.get(v);
                        break;
                    case "--forks":
                        s.forks = Integer.parseInt(v);
                        break;
                    case "--thread-forks":
                        s.threadForks = Integer.parseInt(v);
                        break;
                    case "--warmup":
                        s.warmup = Integer.parseInt(v);
                        break;
                    case "--iterations":
                        s.iterations = Integer.parseInt(v);
                        break;
                    case "--warmup-time":
                        s.warmupTime = TimeValue.fromString(v);
                        break;
                    case "--time":
                        s.time = TimeValue.fromString(v);
                        break;
                    case "--only":
                        s.only = v;
                        break;
                    case "--rerun":
                        s.rerun = v;
                        s.only = v;
                        break;
                    case "--native-driver":
                        s.nativeDriver = v;
                        break;
                    case "--native-note":
                        s.nativeNote = v;
                        break;
                    case "--js-peer":
                        s.jsPeer = v;
                        break;
                    case "--js-note":
                        s.jsNote = v;
                        break;
                    case "--bulk":
                        s.bulk = v;
                        break;
                    case "--bulk-note":
                        s.bulkNote = v;
                        break;
                    case "--bulk-args":
                        s.bulkArgs = v;
                        break;
                    case "--commit":
                        s.commit = v;
                        break;
                    case "--command":
                        s.command = v;
                        break;
                    case "--contenders":
                        s.contenders = Arrays.asList(v.split(","));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + a);
                }
            }
            return s;
        }
    }

    /**
     * Runs everything and writes the results and the report.
     *
     * @param s the settings
     * @return the results as written to {@code results.json}
     * @throws RunnerException if JMH cannot run, or a benchmark fails and {@code failOnError} is set
     * @throws IOException     if an output cannot be written
     */
    static ResultsFile run(Settings s) throws RunnerException, IOException {
        Instant started = Instant.now();
        Files.createDirectories(s.out);
        Corpus corpus = Corpus.get();

        List<ContenderInfo> contenders = contenders(s);
        Params params = params(contenders);
        List<HtmlAgreement> html = s.htmlCheck ? htmlAgreement(corpus, params.runnable()) : List.of();
        // The C driver first: after an hour of JMH the same build read the memory-bound core 11% slower and md4c
        // 5% (run of 27 November 2026), so its ratio is taken on the machine as it starts.
        NativeRun nativeRun = runNativeDriver(s, corpus);
        List<RunResult> runs = measure(s, params, s.out.resolve("jmh.json"));

        NativeRun jsRun = runJsPeer(s);
        NativeRun bulkRun = runBulk(s);

        ResultsFile results = new ResultsFile(ResultsFile.SCHEMA,
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(started),
                s.commit, s.command, machine(), jmhSettings(runs, s),
                new ResultsFile.CorpusInfo(corpus.origin, corpus.generated), inputs(corpus), contenders,
                defaultEngine(), html,
                Results.rows(runs, corpus), nativeRun, jsRun, bulkRun, Duration.between(started, Instant.now()).getSeconds());
        // The run before this one stays beside it, for the report's "not slower than before" targets.
        Path latest = s.out.resolve("results.json");
        if (Files.isRegularFile(latest)) {
            Files.move(latest, s.out.resolve(Report.PREVIOUS), StandardCopyOption.REPLACE_EXISTING);
        }
        results.write(latest);
        Report.write(results, s.out, notes());
        System.out.println("ocp-bench: wrote " + s.out.resolve("REPORT.md") + ", results.json, jmh.json and the charts in "
                + Duration.between(started, Instant.now()).toMinutes() + " min");
        return results;
    }

    /**
     * Measures the benchmarks {@code s.rerun} chooses again and puts their rows in place of the last run's in
     * {@code results.json}, which says when and where they were measured; then writes the report again. The rest of
     * the file (the other benchmarks, the C driver, the JS toolchain, the bulk benchmark) stays as it was.
     *
     * @param s the settings, with {@link Settings#rerun}
     * @return the results as written
     * @throws IOException     if there is no results file to merge into, or an output cannot be written
     * @throws RunnerException if JMH cannot run
     */
    static ResultsFile rerun(Settings s) throws RunnerException, IOException {
        Path file = s.out.resolve("results.json");
        ResultsFile before = ResultsFile.read(file);
        Instant started = Instant.now();
        Corpus corpus = Corpus.get();
        Params params = params(contenders(s));
        List<RunResult> runs = measure(s, params, s.out.resolve("jmh-rerun.json"));
        List<ResultsFile.Row> rows = Results.rows(runs, corpus);
        if (rows.isEmpty()) {
            throw new IOException("--rerun " + s.rerun + " measured nothing: does it match a benchmark?");
        }
        String jdk = jmhSettings(runs, s).jdk();
        if (before.jmh().jdk() != null && jdk != null && !before.jmh().jdk().equals(jdk)) {
            throw new IOException("the run in " + file + " was measured on " + before.jmh().jdk() + ", this one on "
                    + jdk + ": measure again on the same JDK, or run the whole suite");
        }
        ResultsFile results = before.withRerun(new ResultsFile.Rerun(s.rerun,
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(started),
                s.commit, s.forks, s.threadForks()), rows);
        results.write(file);
        Report.write(results, s.out, notes());
        System.out.println("ocp-bench: measured " + rows.size() + " rows again; wrote " + file + " and "
                + s.out.resolve("REPORT.md"));
        return results;
    }

    /** Every contender the survey finds, those not chosen with {@code --contenders} marked skipped. */
    private static List<ContenderInfo> contenders(Settings s) {
        List<ContenderInfo> contenders = new ArrayList<>();
        for (ContenderInfo c : survey()) {
            boolean chosen = s.contenders == null || s.contenders.contains(c.name());
            contenders.add(c.available() && !chosen
                    ? c.withStatus("skipped", "not in --contenders " + String.join(",", s.contenders)) : c);
        }
        return contenders;
    }

    private static Params params(List<ContenderInfo> contenders) {
        List<String> runnable = names(contenders, ContenderInfo::available);
        List<String> engines = names(contenders, c -> c.engine() && c.available());
        List<String> arenaEngines = names(contenders, c -> c.engine() && c.available()
                && Boolean.TRUE.equals(c.arenas()));
        List<String> writers = names(contenders, c -> c.available()
                && (c.engine() || MarkdownBenchmark.PEERS.contains(c.name())));
        List<String> sweepers = names(contenders, c -> c.available()
                && (c.engine() || SizeSweepBenchmark.PEERS.contains(c.name())));
        return new Params(runnable, engines, arenaEngines, writers, sweepers);
    }

    /**
     * The JMH passes, their results also written to {@code jmhJson}. Two passes, so that the thread benchmarks get
     * forks of their own: a fork is where the bimodal two-thread results show (one fork keeps 0.8x per thread, the
     * next a third), so one fork proves nothing.
     */
    private static List<RunResult> measure(Settings s, Params params, Path jmhJson) throws RunnerException,
            IOException {
        Files.createDirectories(s.out);
        Path restJson = s.out.resolve("jmh-pass-1.json");
        Path threadsJson = s.out.resolve("jmh-pass-2.json");
        List<RunResult> runs = new ArrayList<>();
        runs.addAll(runPass(suiteOptions(s, params).exclude(THREADS).forks(s.forks), restJson));
        runs.addAll(runPass(suiteOptions(s, params).exclude("^(?!.*" + THREADS + ")").forks(s.threadForks()),
                threadsJson));
        mergeJmhJson(List.of(restJson, threadsJson), jmhJson);
        return runs;
    }

    /** What the runner narrows each contender parameter to: the contenders that can run here and were chosen. */
    private record Params(List<String> runnable, List<String> engines, List<String> arenaEngines,
                          List<String> writers, List<String> sweepers) {
    }

    /** The options every pass shares: the suite (or {@code --only}), JMH's settings, profilers and parameters. */
    private static ChainedOptionsBuilder suiteOptions(Settings s, Params p) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(s.jmhOptions())
                .include(s.only == null ? SUITE : s.only)
                .warmupIterations(s.warmup)
                .warmupTime(s.warmupTime)
                .measurementIterations(s.iterations)
                .measurementTime(s.time)
                .addProfiler("gc")
                .addProfiler(CpuProfiler.class)
                .addProfiler(HeapProfiler.class)
                .shouldFailOnError(s.failOnError)
                .resultFormat(ResultFormatType.JSON)
                .param("contender", p.runnable().toArray(new String[0]));
        // A parameter with no values would make JMH fall back to the annotation's; leave such benchmarks out.
        if (p.engines().isEmpty() || Corpus.mdxFiles().isEmpty()) {
            options.exclude("MdxBenchmark");
        }
        if (p.engines().isEmpty()) {
            options.exclude("CopyBenchmark");
            options.exclude("TransformBenchmark");
            options.exclude("KeptViewBenchmark");
        } else {
            options.param("engine", p.engines().toArray(new String[0]));
        }
        if (p.arenaEngines().isEmpty()) {
            options.exclude("ArenaBenchmark");
        } else {
            options.param("arenaEngine", p.arenaEngines().toArray(new String[0]));
        }
        if (p.writers().isEmpty()) {
            options.exclude("MarkdownBenchmark");
        } else {
            options.param("writer", p.writers().toArray(new String[0]));
        }
        if (p.sweepers().isEmpty()) {
            options.exclude("SizeSweepBenchmark");
        } else {
            options.param("parser", p.sweepers().toArray(new String[0]));
        }
        return options;
    }

    /** One JMH pass writing its results to {@code json}; none when no benchmark of the pass is selected. */
    private static Collection<RunResult> runPass(ChainedOptionsBuilder options, Path json) throws RunnerException,
            IOException {
        Files.deleteIfExists(json);
        try {
            return new Runner(options.result(json.toString()).build()).run();
        } catch (NoBenchmarksException e) {
            return List.of();
        }
    }

    /** JMH's results of every pass as one JSON array, as one pass would have written them; the passes' files go. */
    static void mergeJmhJson(List<Path> passes, Path into) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode all = json.createArrayNode();
        for (Path pass : passes) {
            if (Files.isRegularFile(pass)) {
                JsonNode results = json.readTree(pass.toFile());
                if (results != null && results.isArray()) {
                    all.addAll((ArrayNode) results);
                }
                Files.delete(pass);
            }
        }
        Files.writeString(into, json.writeValueAsString(all) + "\n");
    }

    /**
     * The engine {@code Ocp.engine()} picks here (the forks run on this JVM, with its class path and properties),
     * which the size sweep holds to being the fastest at every size.
     *
     * @return its name, or null when no engine can run
     */
    static String defaultEngine() {
        try (OcpEngine engine = Ocp.engine()) {
            return engine.name();
        } catch (OcpException e) {
            return null;
        }
    }

    /** bench/targets.md of the project ({@value Corpus#ROOT_PROPERTY}, else the working directory). */
    static Path notes() {
        return Paths.get(System.getProperty(Corpus.ROOT_PROPERTY, ".")).resolve("bench").resolve("targets.md");
    }

    /** Every engine the suite knows (found through the SPI by name) and both peers, with their status. */
    static List<ContenderInfo> survey() {
        List<ProviderInfo> providers = Ocp.providers();
        List<ContenderInfo> out = new ArrayList<>();
        List<String> names = new ArrayList<>(Contender.ENGINES);
        // An engine the suite does not know yet is measured too: the suite is generic over the SPI.
        for (ProviderInfo p : providers) {
            if (p.provider() != null && !names.contains(p.name())) {
                names.add(p.name());
            }
        }
        for (String name : names) {
            ProviderInfo info = providers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
            if (info == null) {
                out.add(new ContenderInfo(name, "engine", "absent", "no provider named '" + name
                        + "' on the class path (its module is not in this build)", null, null, null));
            } else if (!info.available()) {
                out.add(new ContenderInfo(name, "engine", "unavailable", info.reason(), null, null, null));
            } else {
                out.add(new ContenderInfo(name, "engine", "available", null,
                        info.capabilities().contains(Capability.ARENAS),
                        info.capabilities().stream().map(Enum::name).sorted().collect(Collectors.toList()), null));
            }
        }
        for (String peer : Contender.PEERS) {
            out.add(new ContenderInfo(peer, "peer", "available", null, null, null, Contender.peerVersion(peer)));
        }
        return out;
    }

    private static List<String> names(List<ContenderInfo> contenders, Predicate<ContenderInfo> which) {
        return contenders.stream().filter(which).map(ContenderInfo::name).collect(Collectors.toList());
    }

    /**
     * Whether each contender renders the same HTML as the {@code java} engine, document by document (progit is
     * split into its chapters here, so that one difference does not hide how many agree). Not a conformance
     * test (the TCK is); a benchmark of parsers that disagree a lot would mislead, and the report says so.
     * Percent-encoded non-ASCII bytes count as the characters they encode: commonmark-java 0.25 and later
     * write link destinations such as {@code /Straße} as they stand, where cmark and we write {@code
     * /Stra%C3%9Fe}, and both are the same parse.
     */
    static List<HtmlAgreement> htmlAgreement(Corpus corpus, List<String> contenders) {
        List<HtmlAgreement> out = new ArrayList<>();
        if (!contenders.contains("java")) {
            return out;
        }
        try (Contender reference = Contender.create("java")) {
            for (String input : Corpus.INPUTS) {
                Corpus.Input whole = corpus.input(input);
                String[] parts = input.equals(Corpus.PROGIT) ? Corpus.splitChapters(whole.text) : new String[]{whole.text};
                String[] expected = new String[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    expected[i] = decodeNonAscii(reference.html(new Corpus.Input(input, parts[i], whole.origin)));
                }
                for (String name : contenders) {
                    if (name.equals("java")) {
                        continue;
                    }
                    int differ = 0;
                    try (Contender other = Contender.create(name)) {
                        for (int i = 0; i < parts.length; i++) {
                            String html = other.html(new Corpus.Input(input, parts[i], whole.origin));
                            if (!expected[i].equals(decodeNonAscii(html))) {
                                differ++;
                            }
                        }
                    }
                    out.add(new HtmlAgreement(name, input, parts.length, differ));
                }
            }
        }
        return out;
    }

    /** Replaces each run of percent-encoded bytes of 0x80 and above by the UTF-8 text they encode. */
    static String decodeNonAscii(String html) {
        StringBuilder out = new StringBuilder(html.length());
        java.io.ByteArrayOutputStream run = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i <= html.length()) {
            if (i + 2 < html.length() && html.charAt(i) == '%' && Character.digit(html.charAt(i + 1), 16) >= 8
                    && Character.digit(html.charAt(i + 2), 16) >= 0) {
                run.write(Integer.parseInt(html.substring(i + 1, i + 3), 16));
                i += 3;
                continue;
            }
            if (run.size() > 0) {
                out.append(new String(run.toByteArray(), StandardCharsets.UTF_8));
                run.reset();
            }
            if (i < html.length()) {
                out.append(html.charAt(i));
            }
            i++;
        }
        return out.toString();
    }

    private static List<InputInfo> inputs(Corpus corpus) {
        List<InputInfo> out = new ArrayList<>();
        List<String> ids = new ArrayList<>(Corpus.INPUTS);
        Corpus.SWEEP.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        for (String id : ids) {
            Corpus.Input in = corpus.input(id);
            out.add(new InputInfo(id, in.utf8.length, in.origin));
        }
        out.add(new InputInfo(RoundTripBenchmark.INPUT, RoundTripBenchmark.TINY.getBytes(StandardCharsets.UTF_8).length,
                "one line: " + RoundTripBenchmark.TINY.strip()));
        return out;
    }

    private static ResultsFile.Jmh jmhSettings(Collection<RunResult> runs, Settings s) {
        if (runs.isEmpty()) {
            return new ResultsFile.Jmh(s.forks, s.threadForks(), s.warmup, s.warmupTime.toString(), s.iterations, s.time.toString(),
                    null, null, null, null);
        }
        BenchmarkParams p = runs.iterator().next().getParams();
        return new ResultsFile.Jmh(s.forks, s.threadForks(), s.warmup, s.warmupTime.toString(), s.iterations, s.time.toString(),
                p.getJmhVersion(), p.getJvm(), p.getVmName() + " " + p.getVmVersion() + " (Java " + p.getJdkVersion()
                + ")",
                // The runner's own options reach the forks too; say each once.
                p.getJvmArgs().stream().distinct().collect(Collectors.joining(" ")));
    }

    /** CPU model, cores, memory and OS, read from /proc and /etc/os-release where they exist. */
    static ResultsFile.Machine machine() {
        String distro = firstValue("/etc/os-release", "PRETTY_NAME", '=').map(v -> v.replace("\"", "")).orElse("");
        return new ResultsFile.Machine(firstValue("/proc/cpuinfo", "model name", ':').orElse("unknown CPU"),
                Runtime.getRuntime().availableProcessors(), firstValue("/proc/meminfo", "MemTotal", ':')
                        .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) * 1024).orElse(-1L),
                (distro.isEmpty() ? "" : distro + ", ") + System.getProperty("os.name") + " "
                        + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    private static java.util.Optional<String> firstValue(String file, String key, char separator) {
        try (Stream<String> lines = Files.lines(Paths.get(file))) {
            return lines.filter(l -> l.startsWith(key) && l.indexOf(separator) > 0)
                    .map(l -> l.substring(l.indexOf(separator) + 1).trim()).findFirst();
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Runs the C driver ({@code native/build/bench/ocp_cbench --json FILES}) on the same inputs, each written
     * to a file named after it. Its contract: one JSON array of objects {@code {"parser": "ocp-c"|"cmark"|"md4c",
     * "input": NAME, "bytes": N, "iterations": N, "seconds": S, "mb_per_s": X}}.
     */
    static NativeRun runNativeDriver(Settings s, Corpus corpus) {
        if (s.nativeDriver == null) {
            return new NativeRun("not built", s.nativeNote, null, List.of());
        }
        String shown = s.nativeDriver + " --json " + Corpus.INPUTS.stream().map(i -> i + ".md")
                .collect(Collectors.joining(" "));
        return runPeer("the C driver", shown, dir -> {
            List<String> command = new ArrayList<>(List.of(s.nativeDriver, "--json"));
            for (String id : Corpus.INPUTS) {
                Path file = dir.resolve(id + ".md");
                Files.write(file, corpus.input(id).utf8);
                command.add(file.toString());
            }
            return command;
        });
    }

    /**
     * Runs the JS MDX toolchain ({@code node bench/js/mdx-peer.mjs --json FILES}) on the MDX pages, with the C
     * driver's contract (one row, input {@code mdx}).
     */
    static NativeRun runJsPeer(Settings s) {
        if (s.jsPeer == null) {
            return new NativeRun("not installed", s.jsNote, null, List.of());
        }
        List<Path> files = Corpus.mdxFiles();
        if (files.isEmpty()) {
            return new NativeRun("not run", "no MDX pages (../shared/corpus/mdx is not beside the project)", null,
                    List.of());
        }
        String shown = "node " + s.jsPeer + " --json ../shared/corpus/mdx/*.mdx (" + files.size() + " files)";
        return runPeer("the JS MDX toolchain", shown, dir -> {
            List<String> command = new ArrayList<>(List.of("node", s.jsPeer, "--json"));
            files.forEach(f -> command.add(f.toString()));
            return command;
        });
    }

    /**
     * Runs the bulk benchmark ({@code bench/bulk}: Spark's {@code local[1]} and {@code local[2]} against the API,
     * {@code ocp convert} against a process a file), with the C driver's contract.
     */
    static NativeRun runBulk(Settings s) {
        if (s.bulk == null) {
            return new NativeRun("not run", s.bulkNote, null, List.of());
        }
        String shown = s.bulk + (s.bulkArgs.isBlank() ? "" : " " + s.bulkArgs);
        return runPeer("the bulk benchmark", shown, dir -> {
            List<String> command = new ArrayList<>(List.of(s.bulk));
            if (!s.bulkArgs.isBlank()) {
                command.addAll(Arrays.asList(s.bulkArgs.trim().split("\\s+")));
            }
            return command;
        });
    }

    /** What a peer runs, given a temporary folder for its inputs. */
    @FunctionalInterface
    private interface PeerCommand {
        List<String> in(Path dir) throws IOException;
    }

    /**
     * Runs a peer outside the JVM (the C driver, the JS toolchain) with the driver's contract: its rows when it
     * exits 0 within 15 minutes with rows on standard output, else a failed run that says why.
     */
    private static NativeRun runPeer(String what, String shown, PeerCommand peer) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ocp-bench-peer");
            List<String> command = peer.in(dir);
            Path stdout = dir.resolve("stdout.json");
            Path stderr = dir.resolve("stderr.txt");
            System.out.println("ocp-bench: running " + what + ": " + shown);
            Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(what + " did not finish within 15 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IOException(what + " exited with " + p.exitValue() + ": " + tail(stderr));
            }
            return new NativeRun("measured", null, shown,
                    ResultsFile.nativeRows(Files.readString(stdout, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return new NativeRun("failed", String.valueOf(e.getMessage()), shown, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NativeRun("failed", "interrupted", shown, List.of());
        } finally {
            deleteQuietly(dir);
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
