package dev.ocp.bench;

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
 * Throughput of every engine and Java peer on the same inputs in the same run: {@link #parse} (OCP: parse and
 * close, the path a user takes; a peer: parse to its node tree) and {@link #html} (the same plus rendering HTML
 * to a String; OCP through {@code OcpDocument.toHtml()}). Inputs are {@link Corpus#INPUTS}: 100 B, 10 KB and
 * 1 MB cut from the corpus, and the whole progit corpus as one document.
 *
 * <p>The runner ({@link BenchMain}) narrows {@code contender} to what can run here; an engine that is absent
 * or unavailable is reported as such instead of failing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class ParseBenchmark {

    /** An OCP engine name or a Java peer ({@link Contender}). */
    @Param({"java", "ffm", "jna", "wasm", "commonmark", "flexmark"})
    public String contender;

    /** One of {@link Corpus#INPUTS}. */
    @Param({"100B", "10KB", "1MB", "progit"})
    public String input;

    private Contender parser;
    private Corpus.Input document;

    /** Prepares the input and creates the contender. */
    @Setup(Level.Trial)
    public void setUp() {
        document = Corpus.get().input(input);
        parser = Contender.create(contender);
    }

    /** Closes the contender; an OCP engine reports any document left open. */
    @TearDown(Level.Trial)
    public void tearDown() {
        parser.close();
    }

    /**
     * Parse only.
     *
     * @param bh    receives the result
     * @param alloc counts the operation for {@link HeapProfiler}
     */
    @Benchmark
    public void parse(Blackhole bh, LoopAllocation alloc) {
        alloc.op();
        parser.parse(document, bh);
    }

    /**
     * Parse and render HTML.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the HTML (JMH consumes it)
     */
    @Benchmark
    public String html(LoopAllocation alloc) {
        alloc.op();
        return parser.html(document);
    }
}
