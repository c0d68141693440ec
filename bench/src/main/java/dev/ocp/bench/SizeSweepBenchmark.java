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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Parse-only throughput of every engine at the sizes people write and at progit ({@link Corpus#SWEEP}), with
 * commonmark-java beside for reference: the report sets the engines side by side per size and says whether the
 * engine {@code Ocp.engine()} picks by default is the fastest there, so a default that is wrong at some size
 * shows. A parse is {@link ParseBenchmark#parse}'s ({@link Contender#parse}: OCP parses and closes).
 *
 * <p>The runner ({@link BenchMain}) narrows {@code parser} to the engines that can run here and {@link #PEERS}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class SizeSweepBenchmark {
    /** The peers measured beside the engines: commonmark-java alone, the yardstick of the other tables. */
    static final List<String> PEERS = List.of(Contender.COMMONMARK);

    /** An OCP engine name, or one of {@link #PEERS}. */
    @Param({"java", "ffm", "jna", "wasm", "commonmark"})
    public String parser;

    /** One of {@link Corpus#SWEEP}. */
    @Param({"100B", "1KB", "4KB", "8KB", "64KB", "progit"})
    public String input;

    private Contender subject;
    private Corpus.Input document;

    /** Prepares the input and creates the contender. */
    @Setup(Level.Trial)
    public void setUp() {
        document = Corpus.get().input(input);
        subject = Contender.create(parser);
    }

    /** Closes the contender; an OCP engine reports any document left open. */
    @TearDown(Level.Trial)
    public void tearDown() {
        subject.close();
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
        subject.parse(document, bh);
    }
}
