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
 * What a small document costs when several threads parse at once: the 100-byte input parsed and let go (an OCP
 * document closed) by 1, 2 and 8 threads sharing one engine or parser. Small documents are where the fixed cost
 * of a call dominates, so state shared by every call (allocator counters, pools, a close that handshakes with
 * every thread) shows here first. JMH adds up the threads' operations; the report divides by the thread count
 * for the cost of one thread per document. At least {@value BenchMain#THREAD_FORKS} forks (the runner gives these
 * benchmarks a pass of their own): two-thread results differ from fork to fork, and the report shows each fork's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = BenchMain.THREAD_FORKS, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class SmallThreadsBenchmark {
    /** The input: {@link Corpus}'s 100-byte document. */
    static final String INPUT = "100B";

    /** An OCP engine name or a Java peer ({@link Contender}). */
    @Param({"java", "ffm", "jna", "wasm", "commonmark"})
    public String contender;

    private Contender parser;
    private Corpus.Input document;

    /** Prepares the input and creates the one contender every thread uses. */
    @Setup(Level.Trial)
    public void setUp() {
        document = Corpus.get().input(INPUT);
        parser = Contender.create(contender);
    }

    /** Closes the contender. */
    @TearDown(Level.Trial)
    public void tearDown() {
        parser.close();
    }

    /**
     * One thread.
     *
     * @param bh    receives the result
     * @param alloc counts the operation for {@link HeapProfiler}
     */
    @Benchmark
    @Threads(1)
    public void oneThread(Blackhole bh, LoopAllocation alloc) {
        alloc.op();
        parser.parse(document, bh);
    }

    /**
     * Two threads.
     *
     * @param bh    receives the result
     * @param alloc counts the operation for {@link HeapProfiler}
     */
    @Benchmark
    @Threads(2)
    public void twoThreads(Blackhole bh, LoopAllocation alloc) {
        alloc.op();
        parser.parse(document, bh);
    }

    /**
     * Eight threads.
     *
     * @param bh    receives the result
     * @param alloc counts the operation for {@link HeapProfiler}
     */
    @Benchmark
    @Threads(8)
    public void eightThreads(Blackhole bh, LoopAllocation alloc) {
        alloc.op();
        parser.parse(document, bh);
    }
}
