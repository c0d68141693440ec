package dev.ocp.bench;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * What GitHub Flavored Markdown costs: the same engine parses the same document (and closes it) with the
 * CommonMark dialect ({@link #commonmark}) and with GFM ({@link #gfm}), in the same run. The ratio of the two is
 * the price of the extension's checks on text that mostly does not use them (progit has few tables and no
 * footnotes): every {@code |} line, {@code ~} run, {@code www.}/{@code http}/{@code @} candidate and {@code [^}
 * is looked at. The two are separate methods, not a parameter, so that each has its own row in the results.
 * {@link #gfmDirectivesAlerts} adds the syntax of docs sites to GFM: its ratio to {@link #gfm} is what every
 * {@code :} and {@code > [!} costs a document that has none (issue 58 asks for at least 0.95 on progit).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class DialectBenchmark {
    private static final ParseOptions COMMONMARK = ParseOptions.of(Dialect.COMMONMARK);
    private static final ParseOptions GFM = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);
    private static final ParseOptions GFM_DIRECTIVES_ALERTS =
            ParseOptions.of(Dialect.COMMONMARK, Extension.GFM, Extension.DIRECTIVE, Extension.ALERTS);

    /** An OCP engine name. */
    @Param({"java", "ffm", "jna", "wasm"})
    public String engine;

    /** One of {@link Corpus#INPUTS}; the whole corpus, where a dialect's cost shows best. */
    @Param({"progit"})
    public String input;

    private OcpEngine ocp;
    private byte[] document;

    /** Prepares the input and creates the engine. */
    @Setup(Level.Trial)
    public void setUp() {
        document = Corpus.get().input(input).utf8;
        ocp = Ocp.engine(engine);
    }

    /** Closes the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        ocp.close();
    }

    /**
     * Parse with the CommonMark dialect and close.
     *
     * @param bh    receives the document
     * @param alloc counts the operation for {@link HeapProfiler}
     */
    @Benchmark
    public void commonmark(Blackhole bh, LoopAllocation alloc) {
        alloc.op();
        parse(COMMONMARK, bh);
    }

    /**
     * Parse with GFM and close.
     *
     * @param bh    receives the document
     * @param alloc counts the operation for {@link HeapProfiler}
     */
    @Benchmark
    public void gfm(Blackhole bh, LoopAllocation alloc) {
        alloc.op();
        parse(GFM, bh);
    }

    /**
     * Parse with GFM, directives and alerts, and close.
     *
     * @param bh    receives the document
     * @param alloc counts the operation for {@link HeapProfiler}
     */
    @Benchmark
    public void gfmDirectivesAlerts(Blackhole bh, LoopAllocation alloc) {
        alloc.op();
        parse(GFM_DIRECTIVES_ALERTS, bh);
    }

    private void parse(ParseOptions options, Blackhole bh) {
        try (OcpDocument doc = ocp.parse(document, options)) {
            bh.consume(doc);
        }
    }
}
