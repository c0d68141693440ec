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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * {@link ParseBenchmark#parse} with two threads sharing one parser (an OCP engine is thread-safe and meant to be
 * shared; so are commonmark-java's and flexmark-java's parsers). JMH adds up both threads' operations, so
 * dividing by the one-thread figure of {@code ParseBenchmark.parse} on the same input gives the scaling: 2 on
 * two idle cores when nothing is shared that contends (pools, allocator counters, instance pools). At least
 * {@value BenchMain#THREAD_FORKS} forks, as {@link SmallThreadsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = BenchMain.THREAD_FORKS, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
@Threads(2)
public class ThreadsBenchmark {

    /** An OCP engine name or a Java peer ({@link Contender}). */
    @Param({"java", "ffm", "jna", "wasm", "commonmark", "flexmark"})
    public String contender;

    /** A typical document's size: small enough that per-parse shared state, if any, shows. */
    @Param({"10KB"})
    public String input;

    private Contender parser;
    private Corpus.Input document;

    /** Prepares the input and creates the one contender both threads use. */
    @Setup(Level.Trial)
    public void setUp() {
        document = Corpus.get().input(input);
        parser = Contender.create(contender);
    }

    /** Closes the contender. */
    @TearDown(Level.Trial)
    public void tearDown() {
        parser.close();
    }

    /**
     * Parse only, from both threads at once.
     *
     * @param bh    receives the result
     * @param alloc counts the operation for {@link HeapProfiler} (one per thread)
     */
    @Benchmark
    public void parse(Blackhole bh, LoopAllocation alloc) {
        alloc.op();
        parser.parse(document, bh);
    }
}
