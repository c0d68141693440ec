package dev.ocp.spark;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.tck.MarkdownGenerator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The bulk benchmark of {@code bench/run}'s report (issue 32): how many documents a second go through
 * {@code ocp_html} in Spark's {@code local[1]} and {@code local[2]}, against the API in one thread, over generated
 * documents held in memory (so that reading files is not measured); and, given the {@code ocp} launcher, how long
 * {@code ocp convert --to html} takes over a folder of generated files, against one {@code ocp html} process a file
 * (timed on a sample of the same files: a loop over all of them would take about an hour). Not a test: the
 * {@code bulk} profile of this module runs it ({@code bench/bulk} says how), with the module's test class path and
 * the JVM flags Spark needs.
 *
 * <p>Each in-memory figure is the best of the timed passes, after two warm-up passes; the Spark runs check that
 * they rendered exactly as many characters as the API did, and the loop's files are checked equal to what
 * {@code ocp convert} wrote for them. The results are rows of the C driver's contract ({@code parser}, {@code input},
 * {@code bytes}, {@code iterations}: documents, {@code seconds}, {@code mb_per_s}), written as a JSON array to the
 * file given by {@code --json}, and as lines to standard output.
 *
 * <p>Options: {@code --documents N} in memory (default 100000), {@code --passes N} (default 5), {@code --json FILE},
 * {@code --ocp PATH} (the launcher; without it no command-line rows), {@code --files N} for the folder (default
 * 10000), {@code --loop N} files run one process each (default 100).
 */
public final class BulkThroughput {
    private static final ParseOptions OPTIONS = ParseOptions.defaults();

    private final List<String> rows = new ArrayList<>();

    private BulkThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int documents = 100_000;
        int passes = 5;
        int files = 10_000;
        int loop = 100;
        Path json = null;
        Path ocp = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--documents" -> documents = Integer.parseInt(required(args[i], value));
                case "--passes" -> passes = Integer.parseInt(required(args[i], value));
                case "--files" -> files = Integer.parseInt(required(args[i], value));
                case "--loop" -> loop = Integer.parseInt(required(args[i], value));
                case "--json" -> json = Path.of(required(args[i], value));
                case "--ocp" -> ocp = value == null || value.isEmpty() ? null : Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (see BulkThroughput's javadoc)");
            }
            i++;
        }
        BulkThroughput run = new BulkThroughput();
        run.inMemory(documents, passes);
        if (ocp != null) {
            run.commandLine(ocp, files, Math.min(loop, files));
        }
        if (json != null) {
            Files.writeString(json, "[\n" + String.join(",\n", run.rows) + "\n]\n");
        }
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** The API in one thread, then {@code ocp_html} in {@code local[1]} and {@code local[2]}, on the same documents. */
    private void inMemory(int count, int passes) {
        List<String> docs = new ArrayList<>(count);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            String doc = MarkdownGenerator.generateGfm(7, i);
            docs.add(doc);
            bytes += doc.getBytes(StandardCharsets.UTF_8).length;
        }
        String input = count + " generated documents";
        System.out.printf(Locale.ROOT, "%s, %.1f MiB%n", input, bytes / 1048576.0);

        long checksum = 0;
        try (OcpEngine engine = Ocp.engine()) {
            double best = Double.MAX_VALUE;
            for (int pass = 0; pass < passes + 2; pass++) {
                long start = System.nanoTime();
                long sum = 0;
                for (String doc : docs) {
                    try (OcpDocument document = engine.parse(doc.getBytes(StandardCharsets.UTF_8), OPTIONS)) {
                        String html = document.toHtml();
                        sum += html.codePointCount(0, html.length()); // as Spark's length() counts
                    }
                }
                checksum = sum;
                if (pass >= 2) {
                    best = Math.min(best, (System.nanoTime() - start) / 1e9);
                }
            }
            row("API toHtml, one thread (" + engine.name() + ")", input, bytes, count, best);
        }

        for (int threads : new int[] {1, 2}) {
            SparkSession spark = SparkSession.builder().master("local[" + threads + "]").appName("ocp-bulk")
                    .config("spark.sql.extensions", OcpSparkExtensions.class.getName())
                    .config("spark.ui.enabled", "false").getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
            try {
                // Four partitions a thread: the tail of the last task does not leave a thread idle for long.
                Dataset<Row> pages = spark.createDataset(docs, Encoders.STRING()).toDF("text")
                        .repartition(threads * 4).cache();
                pages.count();
                pages.createOrReplaceTempView("pages");
                double best = Double.MAX_VALUE;
                for (int pass = 0; pass < passes + 2; pass++) {
                    long start = System.nanoTime();
                    long sum = spark.sql("SELECT sum(length(ocp_html(text))) FROM pages").first().getLong(0);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (sum != checksum) {
                        throw new IllegalStateException("local[" + threads + "] rendered " + sum
                                + " characters, the API " + checksum);
                    }
                    if (pass >= 2) {
                        best = Math.min(best, seconds);
                    }
                }
                row("ocp_html in Spark local[" + threads + "]", input, bytes, count, best);
            } finally {
                spark.stop();
            }
        }
    }

    /**
     * {@code ocp convert --to html} over a folder of {@code files} generated files (the better of two runs, so that
     * both read from the page cache), then {@code ocp html} one process a file over the first {@code loop} of them.
     */
    private void commandLine(Path ocp, int files, int loop) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ocp-bulk");
        try {
            Path in = dir.resolve("in");
            List<Path> written = new ArrayList<>(files);
            long bytes = 0;
            for (int i = 0; i < files; i++) {
                // A hundred files a folder, as a documentation tree has them.
                Path file = in.resolve(String.format(Locale.ROOT, "d%03d/page%05d.md", i / 100, i));
                Files.createDirectories(file.getParent());
                byte[] text = MarkdownGenerator.generateGfm(7, 1_000_000 + i).getBytes(StandardCharsets.UTF_8);
                Files.write(file, text);
                written.add(file);
                bytes += text.length;
            }
            Path out = dir.resolve("out");
            double best = Double.MAX_VALUE;
            for (int run = 0; run < 2; run++) {
                long start = System.nanoTime();
                exec(List.of(ocp.toString(), "convert", "--to", "html", in.toString(), "-o", out.toString()), null);
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
            row("ocp convert --to html, one process", files + " files", bytes, files, best);

            long sampleBytes = 0;
            Path html = dir.resolve("one.html");
            long start = System.nanoTime();
            for (Path file : written.subList(0, loop)) {
                exec(List.of(ocp.toString(), "html", file.toString()), html);
                Path converted = out.resolve(in.relativize(file)).resolveSibling(
                        file.getFileName().toString().replace(".md", ".html"));
                if (!Arrays.equals(Files.readAllBytes(html), Files.readAllBytes(converted))) {
                    throw new IllegalStateException("ocp html " + file + " differs from what ocp convert wrote");
                }
                sampleBytes += Files.size(file);
            }
            row("ocp html, one process a file", "the first " + loop + " of the files", sampleBytes, loop,
                    (System.nanoTime() - start) / 1e9);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    private static void exec(List<String> command, Path stdout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.redirectOutput(stdout != null ? ProcessBuilder.Redirect.to(stdout.toFile())
                : ProcessBuilder.Redirect.DISCARD);
        Process p = builder.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(command + " did not finish within 10 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IOException(command + " exited with " + p.exitValue());
        }
    }

    private void row(String what, String input, long bytes, long documents, double seconds) {
        System.out.printf(Locale.ROOT, "%s: %.0f documents/s (%d in %.3f s)%n", what, documents / seconds, documents,
                seconds);
        rows.add(String.format(Locale.ROOT, "  {\"parser\": \"%s\", \"input\": \"%s\", \"bytes\": %d, \"iterations\": %d,"
                + " \"seconds\": %.6f, \"mb_per_s\": %.3f}", what, input, bytes, documents, seconds,
                bytes / 1e6 / seconds));
    }
}
