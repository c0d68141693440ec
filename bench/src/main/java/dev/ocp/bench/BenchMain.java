package dev.ocp.bench;

import dev.ocp.Capability;
import dev.ocp.Ocp;
import dev.ocp.ProviderInfo;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one command behind {@code bench/run}: runs every benchmark of the suite for every contender that can
 * run here, runs the C driver when it was built, and writes into the output directory
 * <ul>
 * <li>{@code jmh.json}: JMH's own results;</li>
 * <li>{@code results.json}: everything the report is made from (machine, contenders with their status,
 *     inputs, one row per measurement in MB/s, ops/s, CPU ns/op and heap bytes/op, the C driver's rows);</li>
 * <li>{@code REPORT.md}, {@code throughput.svg}, {@code heap.svg}: the report ({@link Report}).</li>
 * </ul>
 * {@code --report-only DIR} writes the report again from {@code DIR/results.json}.
 */
public final class BenchMain {
    /** Every benchmark class of the package: a new one runs (and is smoke-tested) without being listed here. */
    static final String SUITE = "^dev\\.ocp\\.bench\\.[A-Za-z]+Benchmark\\.";

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
        if (settings.reportOnly) {
            Map<String, Object> results = Results.read(settings.out.resolve("results.json"));
            Report.write(results, settings.out, notes());
            System.out.println("ocp-bench: wrote " + settings.out.resolve("REPORT.md"));
            return;
        }
        Map<String, Object> results = run(settings);
        if (Results.rows(results).isEmpty()) {
            System.err.println("ocp-bench: no benchmark produced a result (does --only match any?)");
            System.exit(1);
        }
    }

    /** What a run does; parsed from the command line, or built by tests. */
    static final class Settings {
        Path out = Paths.get("bench/results");
        int forks = 1;
        int warmup = 3;
        int iterations = 5;
        TimeValue warmupTime = TimeValue.seconds(1);
        TimeValue time = TimeValue.seconds(1);
        String only;
        boolean failOnError;
        boolean reportOnly;
        boolean htmlCheck = true;
        String nativeDriver;
        String nativeNote = "the C driver was not built (bench/run builds it with make -C native bench-c-build)";
        /** Only these contenders, if set (the others are listed as not measured in this run). */
        List<String> contenders;
        String commit = "unknown";
        String command = "";
        String[] jmhExtra = new String[0];

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
                if (a.equals("--no-html-check")) {
                    s.htmlCheck = false;
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
                    case "--native-driver":
                        s.nativeDriver = v;
                        break;
                    case "--native-note":
                        s.nativeNote = v;
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
    static Map<String, Object> run(Settings s) throws RunnerException, IOException {
        Instant started = Instant.now();
        Files.createDirectories(s.out);
        Corpus corpus = Corpus.get();

        List<Map<String, Object>> contenders = survey();
        if (s.contenders != null) {
            for (Map<String, Object> c : contenders) {
                if ("available".equals(c.get("status")) && !s.contenders.contains(c.get("name"))) {
                    c.put("status", "skipped");
                    c.put("reason", "not in --contenders " + String.join(",", s.contenders));
                }
            }
        }
        List<String> runnable = names(contenders, c -> "available".equals(c.get("status")));
        List<String> engines = names(contenders,
                c -> "engine".equals(c.get("kind")) && "available".equals(c.get("status")));
        List<String> arenaEngines = names(contenders, c -> "engine".equals(c.get("kind"))
                && "available".equals(c.get("status")) && Boolean.TRUE.equals(c.get("arenas")));

        List<Map<String, Object>> html = s.htmlCheck ? htmlAgreement(corpus, runnable) : List.of();

        Path jmhJson = s.out.resolve("jmh.json");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(s.jmhOptions())
                .include(s.only == null ? SUITE : s.only)
                .forks(s.forks)
                .warmupIterations(s.warmup)
                .warmupTime(s.warmupTime)
                .measurementIterations(s.iterations)
                .measurementTime(s.time)
                .addProfiler("gc")
                .addProfiler(CpuProfiler.class)
                .addProfiler(HeapProfiler.class)
                .shouldFailOnError(s.failOnError)
                .resultFormat(ResultFormatType.JSON)
                .result(jmhJson.toString())
                .param("contender", runnable.toArray(new String[0]));
        // A parameter with no values would make JMH fall back to the annotation's; leave such benchmarks out.
        if (engines.isEmpty()) {
            options.exclude("CopyBenchmark");
        } else {
            options.param("engine", engines.toArray(new String[0]));
        }
        if (arenaEngines.isEmpty()) {
            options.exclude("ArenaBenchmark");
        } else {
            options.param("arenaEngine", arenaEngines.toArray(new String[0]));
        }
        Collection<RunResult> runs = new Runner(options.build()).run();

        Map<String, Object> nativeRuns = runNativeDriver(s, corpus);

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("schema", 1);
        results.put("date", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)
                .format(started));
        results.put("commit", s.commit);
        results.put("command", s.command);
        results.put("machine", machine());
        results.put("jmh", jmhSettings(runs, s));
        results.put("corpus", Map.of("origin", corpus.origin, "generated", corpus.generated));
        results.put("inputs", inputs(corpus));
        results.put("contenders", contenders);
        results.put("html", html);
        results.put("results", Results.rows(runs, corpus));
        results.put("native", nativeRuns);
        results.put("durationSeconds", Duration.between(started, Instant.now()).getSeconds());
        Files.writeString(s.out.resolve("results.json"), Json.write(results), StandardCharsets.UTF_8);
        Report.write(results, s.out, notes());
        System.out.println("ocp-bench: wrote " + s.out.resolve("REPORT.md") + ", results.json, jmh.json and the charts in "
                + Duration.between(started, Instant.now()).toMinutes() + " min");
        return results;
    }

    /** bench/targets.md of the project ({@value Corpus#ROOT_PROPERTY}, else the working directory). */
    static Path notes() {
        return Paths.get(System.getProperty(Corpus.ROOT_PROPERTY, ".")).resolve("bench").resolve("targets.md");
    }

    /** Every engine the suite knows (found through the SPI by name) and both peers, with their status. */
    static List<Map<String, Object>> survey() {
        List<ProviderInfo> providers = Ocp.providers();
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> names = new ArrayList<>(Contender.ENGINES);
        // An engine the suite does not know yet is measured too: the suite is generic over the SPI.
        for (ProviderInfo p : providers) {
            if (p.provider() != null && !names.contains(p.name())) {
                names.add(p.name());
            }
        }
        for (String name : names) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", name);
            c.put("kind", "engine");
            ProviderInfo info = providers.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
            if (info == null) {
                c.put("status", "absent");
                c.put("reason", "no provider named '" + name + "' on the class path (its module is not in this build)");
            } else if (!info.available()) {
                c.put("status", "unavailable");
                c.put("reason", info.reason());
            } else {
                c.put("status", "available");
                c.put("arenas", info.capabilities().contains(Capability.ARENAS));
                c.put("capabilities", info.capabilities().stream().map(Enum::name).sorted().collect(Collectors.toList()));
            }
            out.add(c);
        }
        for (String peer : Contender.PEERS) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", peer);
            c.put("kind", "peer");
            c.put("status", "available");
            c.put("version", Contender.peerVersion(peer));
            out.add(c);
        }
        return out;
    }

    private static List<String> names(List<Map<String, Object>> contenders,
                                      java.util.function.Predicate<Map<String, Object>> which) {
        return contenders.stream().filter(which).map(c -> (String) c.get("name")).collect(Collectors.toList());
    }

    /**
     * Whether each contender renders the same HTML as the {@code java} engine, document by document (progit is
     * split into its chapters here, so that one difference does not hide how many agree). Not a conformance
     * test (the TCK is); a benchmark of parsers that disagree a lot would mislead, and the report says so.
     * Percent-encoded non-ASCII bytes count as the characters they encode: commonmark-java 0.25 and later
     * write link destinations such as {@code /Straße} as they stand, where cmark and we write {@code
     * /Stra%C3%9Fe}, and both are the same parse.
     */
    static List<Map<String, Object>> htmlAgreement(Corpus corpus, List<String> contenders) {
        List<Map<String, Object>> out = new ArrayList<>();
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
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("contender", name);
                    row.put("input", input);
                    row.put("documents", parts.length);
                    row.put("differing", differ);
                    out.add(row);
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

    private static List<Map<String, Object>> inputs(Corpus corpus) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String id : Corpus.INPUTS) {
            Corpus.Input in = corpus.input(id);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("bytes", in.utf8.length);
            m.put("origin", in.origin);
            out.add(m);
        }
        Map<String, Object> tiny = new LinkedHashMap<>();
        tiny.put("id", RoundTripBenchmark.INPUT);
        tiny.put("bytes", RoundTripBenchmark.TINY.getBytes(StandardCharsets.UTF_8).length);
        tiny.put("origin", "one line: " + RoundTripBenchmark.TINY.strip());
        out.add(tiny);
        return out;
    }

    private static Map<String, Object> jmhSettings(Collection<RunResult> runs, Settings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("forks", s.forks);
        m.put("warmupIterations", s.warmup);
        m.put("warmupTime", s.warmupTime.toString());
        m.put("iterations", s.iterations);
        m.put("time", s.time.toString());
        if (!runs.isEmpty()) {
            BenchmarkParams p = runs.iterator().next().getParams();
            m.put("jmhVersion", p.getJmhVersion());
            m.put("jvm", p.getJvm());
            m.put("jdk", p.getVmName() + " " + p.getVmVersion() + " (Java " + p.getJdkVersion() + ")");
            // The runner's own options reach the forks too; say each once.
            m.put("jvmArgs", p.getJvmArgs().stream().distinct().collect(Collectors.joining(" ")));
        }
        return m;
    }

    /** CPU model, cores, memory and OS, read from /proc and /etc/os-release where they exist. */
    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", firstValue("/proc/cpuinfo", "model name", ':').orElse("unknown CPU"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryBytes", firstValue("/proc/meminfo", "MemTotal", ':')
                .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) * 1024).orElse(-1L));
        String distro = firstValue("/etc/os-release", "PRETTY_NAME", '=').map(v -> v.replace("\"", "")).orElse("");
        m.put("os", (distro.isEmpty() ? "" : distro + ", ") + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        return m;
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
    static Map<String, Object> runNativeDriver(Settings s, Corpus corpus) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", List.of());
        if (s.nativeDriver == null) {
            out.put("status", "not built");
            out.put("note", s.nativeNote);
            return out;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ocp-bench-inputs");
            List<String> command = new ArrayList<>(List.of(s.nativeDriver, "--json"));
            for (String id : Corpus.INPUTS) {
                Path file = dir.resolve(id + ".md");
                Files.write(file, corpus.input(id).utf8);
                command.add(file.toString());
            }
            out.put("command", s.nativeDriver + " --json " + Corpus.INPUTS.stream().map(i -> i + ".md")
                    .collect(Collectors.joining(" ")));
            Path stdout = dir.resolve("stdout.json");
            Path stderr = dir.resolve("stderr.txt");
            System.out.println("ocp-bench: running the C driver: " + out.get("command"));
            Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("the C driver did not finish within 15 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IOException("the C driver exited with " + p.exitValue() + ": " + tail(stderr));
            }
            out.put("rows", Results.nativeRows(Files.readString(stdout, StandardCharsets.UTF_8)));
            out.put("status", "measured");
        } catch (IOException | RuntimeException e) {
            out.put("status", "failed");
            out.put("note", String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.put("status", "failed");
            out.put("note", "interrupted");
        } finally {
            deleteQuietly(dir);
        }
        return out;
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
