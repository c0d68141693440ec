package dev.ocp.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs JMH and writes what a person reads: {@code --out PREFIX} makes {@code PREFIX.json} (JMH's own JSON)
 * and {@code PREFIX.md}, a summary that puts each contender beside commonmark-java: CPU time per operation
 * (with {@code -prof dev.ocp.bench.CpuProfiler}) and heap bytes per operation (with {@code -prof gc}), then
 * throughput, each with the ratio, and the machine, JDK and date. Every other argument is JMH's ({@code -f},
 * {@code -i}, {@code -prof gc}, a benchmark regex, ...).
 *
 * <p>Benchmark methods are named {@code <contender>_<operation>}; the contender {@code commonmark} is the
 * baseline the others are divided by.
 */
public final class BenchMain {
    private static final String BASELINE = "commonmark";

    private BenchMain() {
    }

    /**
     * Runs the benchmarks and writes the results.
     *
     * @param args {@code --out PREFIX}, then JMH's command line options
     * @throws Exception if JMH fails or the results cannot be written
     */
    public static void main(String[] args) throws Exception {
        List<String> jmhArgs = new ArrayList<>(Arrays.asList(args));
        int at = jmhArgs.indexOf("--out");
        if (at < 0 || at + 1 >= jmhArgs.size()) {
            System.err.println("usage: BenchMain --out PREFIX [JMH options]");
            System.exit(2);
        }
        Path prefix = Paths.get(jmhArgs.get(at + 1));
        jmhArgs.subList(at, at + 2).clear();
        Path json = Paths.get(prefix + ".json");
        Path summary = Paths.get(prefix + ".md");
        if (prefix.toAbsolutePath().getParent() != null) {
            Files.createDirectories(prefix.toAbsolutePath().getParent());
        }

        CommandLineOptions cmd = new CommandLineOptions(jmhArgs.toArray(new String[0]));
        Options options = new OptionsBuilder().parent(cmd)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .build();
        Collection<RunResult> results = new Runner(options).run();
        if (results.isEmpty()) {
            System.err.println("ocp-bench: no benchmark ran (does the regex match any?)");
            System.exit(1);
        }
        String report = summarize(results, Corpus.load(), String.join(" ", args));
        Files.writeString(summary, report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.print(report);
        System.out.println();
        System.out.println("ocp-bench: wrote " + json + " and " + summary);
    }

    /** A value with its error (JMH's 99.9% half-width; NaN when it could not be computed). */
    private static final class Measure {
        final double value;
        final double error;

        Measure(Result<?> r) {
            value = r.getScore();
            error = r.getScoreError();
        }
    }

    /** One benchmark's measurement, as the summary needs it. */
    private static final class Score {
        final Measure throughput;
        final Measure cpu;
        final Measure heap;

        Score(RunResult r) {
            throughput = new Measure(r.getPrimaryResult());
            cpu = secondary(r, "cpu.time.norm");
            heap = secondary(r, "gc.alloc.rate.norm");
        }

        private static Measure secondary(RunResult r, String label) {
            for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith(label)) {
                    return new Measure(e.getValue());
                }
            }
            return null;
        }
    }

    static String summarize(Collection<RunResult> results, Corpus corpus, String command) {
        // operation + parameters -> contender -> score, in the order JMH ran them.
        Map<String, Map<String, Score>> rows = new LinkedHashMap<>();
        List<String> contenders = new ArrayList<>();
        BenchmarkParams any = null;
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            any = p;
            String method = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
            int split = method.indexOf('_');
            String contender = split < 0 ? method : method.substring(0, split);
            String operation = split < 0 ? "" : method.substring(split + 1);
            StringBuilder key = new StringBuilder(operation);
            for (String name : p.getParamsKeys()) {
                key.append('\t').append(p.getParam(name));
            }
            rows.computeIfAbsent(key.toString(), k -> new LinkedHashMap<>()).put(contender, new Score(r));
            if (!contenders.contains(contender)) {
                contenders.add(contender);
            }
        }
        contenders.remove(BASELINE);
        contenders.add(BASELINE);
        List<String> others = new ArrayList<>(contenders.subList(0, contenders.size() - 1));

        StringBuilder out = new StringBuilder();
        out.append("# OCP benchmark summary\n\n");
        out.append("- Date: ").append(ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append('\n');
        out.append("- Machine: ").append(machine()).append('\n');
        out.append("- JDK: ").append(any.getVmName()).append(' ').append(any.getVmVersion())
                .append(" (Java ").append(any.getJdkVersion()).append("), JVM options ")
                .append(String.join(" ", any.getJvmArgs())).append('\n');
        out.append("- JMH: ").append(any.getForks()).append(" fork(s) x ").append(any.getMeasurement().getCount())
                .append(" x ").append(any.getMeasurement().getTime()).append(" measured after ")
                .append(any.getWarmup().getCount()).append(" x ").append(any.getWarmup().getTime())
                .append(" warm-up; arguments: `").append(command).append("`\n");
        out.append("- Input: ").append(corpus.origin).append(", ").append(String.format(Locale.ROOT, "%,d", corpus.totalBytes()))
                .append(" bytes; `whole` parses it as one document, `chapters` as ").append(corpus.chapters.length)
                .append(" documents split at top-level headings (one operation = all of them)\n");
        out.append("- `parse`: OCP engines parse to OCP and close the document; commonmark-java parses to its node "
                + "tree. `html`: the same plus rendering HTML to a String. Each parser gets its natural input "
                + "(OCP: UTF-8 bytes; commonmark-java: a String), prepared before timing.\n");
        out.append("- Errors are JMH's 99.9% confidence half-widths; a ratio's range divides the ends of those "
                + "intervals. Ratios above 1 mean faster than commonmark-java.\n\n");

        out.append("## CPU time per operation\n\n");
        out.append("CPU time of the whole benchmark JVM (every thread, garbage collection included) per operation: "
                + "the work each parser does, which other processes on the machine barely disturb. The ratio is "
                + "commonmark-java's CPU time divided by the contender's.\n\n");
        header(out, contenders, " CPU ms/op", others, " speed-up", contenders, " heap/op");
        for (Map.Entry<String, Map<String, Score>> row : rows.entrySet()) {
            Map<String, Score> scores = row.getValue();
            rowStart(out, row.getKey());
            for (String c : contenders) {
                Measure m = scores.containsKey(c) ? scores.get(c).cpu : null;
                cell(out, m == null ? "-" : String.format(Locale.ROOT, "%.3g ± %.2g", m.value, m.error));
            }
            Score base = scores.get(BASELINE);
            for (String c : others) {
                Score s = scores.get(c);
                cell(out, s == null || base == null || s.cpu == null || base.cpu == null ? "-" : ratio(base.cpu, s.cpu));
            }
            for (String c : contenders) {
                Measure m = scores.containsKey(c) ? scores.get(c).heap : null;
                cell(out, m == null ? "-" : bytes(m.value));
            }
            out.append('\n');
        }

        out.append("\n## Throughput\n\n");
        out.append("Operations per second of wall-clock time (and the input megabytes per second that makes), JMH's "
                + "primary result. On a machine shared with other work this moves with the load of the moment, "
                + "which can differ between two benchmarks of the same run; compare with the CPU table.\n\n");
        header(out, contenders, " ops/s (MB/s)", others, " / " + BASELINE, List.of(), "");
        for (Map.Entry<String, Map<String, Score>> row : rows.entrySet()) {
            Map<String, Score> scores = row.getValue();
            rowStart(out, row.getKey());
            for (String c : contenders) {
                Score s = scores.get(c);
                cell(out, s == null ? "-" : String.format(Locale.ROOT, "%.3g ± %.2g (%.1f)", s.throughput.value,
                        s.throughput.error, s.throughput.value * corpus.totalBytes() / 1e6));
            }
            Score base = scores.get(BASELINE);
            for (String c : others) {
                Score s = scores.get(c);
                cell(out, s == null || base == null ? "-" : ratio(s.throughput, base.throughput));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static void header(StringBuilder out, List<String> a, String aSuffix, List<String> b, String bSuffix,
                               List<String> c, String cSuffix) {
        out.append("| operation | input |");
        for (String name : a) {
            out.append(' ').append(name).append(aSuffix).append(" |");
        }
        for (String name : b) {
            out.append(' ').append(name).append(bSuffix).append(" |");
        }
        for (String name : c) {
            out.append(' ').append(name).append(cSuffix).append(" |");
        }
        out.append("\n|---|---|").append("---:|".repeat(a.size() + b.size() + c.size())).append('\n');
    }

    private static void rowStart(StringBuilder out, String key) {
        String[] parts = key.split("\t", -1);
        out.append("| ").append(parts[0]).append(" | ")
                .append(String.join(", ", Arrays.asList(parts).subList(1, parts.length))).append(" |");
    }

    private static void cell(StringBuilder out, String text) {
        out.append(' ').append(text).append(" |");
    }

    /** {@code a / b} with the range that the ends of both intervals give. */
    private static String ratio(Measure a, Measure b) {
        double r = a.value / b.value;
        if (Double.isNaN(a.error) || Double.isNaN(b.error)) {
            return String.format(Locale.ROOT, "**%.2fx**", r);
        }
        double lo = Math.max(0, (a.value - a.error) / (b.value + b.error));
        if (b.value <= b.error) {
            // The divisor's interval reaches zero: no upper bound; more iterations would give one.
            return String.format(Locale.ROOT, "**%.2fx** (%.2f-?)", r, lo);
        }
        double hi = (a.value + a.error) / (b.value - b.error);
        return String.format(Locale.ROOT, "**%.2fx** (%.2f-%.2f)", r, lo, hi);
    }

    private static String bytes(double b) {
        if (b >= 10e6) {
            return String.format(Locale.ROOT, "%.0f MB", b / 1e6);
        }
        if (b >= 10e3) {
            return String.format(Locale.ROOT, "%.0f KB", b / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f B", b);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: the OS line below still says where it ran.
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }
}
