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
 * The fixed cost of one call: parse a one-line document and close it. What the parse itself costs is next to
 * nothing here, so this is the price of getting in and out of the engine: the crossing into native code or
 * into a wasm instance, taking and returning a payload buffer, the bookkeeping of ownership. The peers parse the
 * same line to their node trees, for scale.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class RoundTripBenchmark {
    /** The document: one paragraph with an emphasis and a link, 48 bytes. */
    static final String TINY = "A *tiny* document with [a link](https://x.org).\n";
    /** The input's name in results. */
    static final String INPUT = "tiny";

    /** An OCP engine name or a Java peer ({@link Contender}). */
    @Param({"java", "ffm", "jna", "wasm", "commonmark", "flexmark"})
    public String contender;

    private Contender parser;
    private Corpus.Input document;

    /** Creates the contender. */
    @Setup(Level.Trial)
    public void setUp() {
        document = new Corpus.Input(INPUT, TINY, "a constant of RoundTripBenchmark");
        parser = Contender.create(contender);
    }

    /** Closes the contender. */
    @TearDown(Level.Trial)
    public void tearDown() {
        parser.close();
    }

    /**
     * Parse the one line and let go of the result.
     *
     * @param bh    receives the result
     * @param alloc counts the operation for {@link HeapProfiler}
     */
    @Benchmark
    public void roundTrip(Blackhole bh, LoopAllocation alloc) {
        alloc.op();
        parser.parse(document, bh);
    }
}
