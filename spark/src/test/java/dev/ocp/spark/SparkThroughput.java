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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Documents per second through {@code ocp_html} in {@code local[1]} and {@code local[2]}, against the API in one
 * thread, over generated documents held in memory (so that reading files is not measured). Not a test: run it with
 * the module's test class path and the JVM flags of the module's surefire argLine:
 * <pre>{@code
 * cd spark && ../mvnw -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt
 * java $(the argLine of spark/pom.xml) -cp target/test-classes:target/classes:$(cat target/test-cp.txt) \
 *     dev.ocp.spark.SparkThroughput 20000 10
 * }</pre>
 * Each figure is the best of the timed passes, after two warm-up passes. The Spark runs check that they rendered
 * exactly as many characters as the API did.
 * <p>
 * Arguments: the number of documents (default 20000), the passes (default 5).
 */
public final class SparkThroughput {
    private SparkThroughput() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> docs = new ArrayList<>(count);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            String doc = MarkdownGenerator.generateGfm(7, i);
            docs.add(doc);
            bytes += doc.getBytes(StandardCharsets.UTF_8).length;
        }
        System.out.printf("%d documents, %.1f MiB%n", count, bytes / 1048576.0);

        long checksum;
        try (OcpEngine engine = Ocp.engine()) {
            double best = 0;
            long sum = 0;
            for (int pass = 0; pass < passes + 2; pass++) {
                long start = System.nanoTime();
                sum = 0;
                for (String doc : docs) {
                    try (OcpDocument document = engine.parse(doc.getBytes(StandardCharsets.UTF_8),
                            ParseOptions.defaults())) {
                        String html = document.toHtml();
                        sum += html.codePointCount(0, html.length()); // as Spark's length() counts

                    }
                }
                double rate = count / ((System.nanoTime() - start) / 1e9);
                if (pass >= 2) {
                    best = Math.max(best, rate);
                }
            }
            checksum = sum;
            System.out.printf("API, one thread (%s): %.0f documents/s%n", engine.name(), best);
        }

        for (int threads : new int[] {1, 2}) {
            SparkSession spark = SparkSession.builder().master("local[" + threads + "]").appName("throughput")
                    .config("spark.sql.extensions", OcpSparkExtensions.class.getName())
                    .config("spark.ui.enabled", "false").getOrCreate();
            try {
                // Four partitions a thread: the tail of the last task does not leave a thread idle for long.
                Dataset<Row> pages = spark.createDataset(docs, Encoders.STRING()).toDF("text")
                        .repartition(threads * 4).cache();
                pages.count();
                pages.createOrReplaceTempView("pages");
                double best = 0;
                for (int pass = 0; pass < passes + 2; pass++) {
                    long start = System.nanoTime();
                    long sum = spark.sql("SELECT sum(length(ocp_html(text))) FROM pages").first().getLong(0);
                    double rate = count / ((System.nanoTime() - start) / 1e9);
                    if (sum != checksum) {
                        throw new AssertionError("local[" + threads + "] rendered " + sum + " characters, the API "
                                + checksum);
                    }
                    if (pass >= 2) {
                        best = Math.max(best, rate);
                    }
                }
                System.out.printf("ocp_html in local[%d]: %.0f documents/s%n", threads, best);
            } finally {
                spark.stop();
            }
        }
    }
}
