package dev.ocp.bench;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
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

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The "copying binding" baseline: what a binding that hands the payload over as a {@code byte[]} would cost
 * (the usual JNI shape). {@link #copy} parses, copies {@code bytes()} into a new array and closes; set beside
 * {@code ParseBenchmark.parse} of the same engine and input (parse and close, the payload read in place), the
 * difference is what zero-copy saves: the copy's time, and heap bytes per operation that grow with the payload
 * instead of staying flat.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class CopyBenchmark {

    /** An OCP engine name. */
    @Param({"java", "ffm", "jna", "wasm"})
    public String engine;

    /** One of {@link Corpus#INPUTS}. */
    @Param({"100B", "10KB", "1MB", "progit"})
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
     * Parse, copy the payload to the heap, close.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the copy (JMH consumes it)
     */
    @Benchmark
    public byte[] copy(LoopAllocation alloc) {
        alloc.op();
        try (OcpDocument doc = ocp.parse(document)) {
            ByteBuffer view = doc.unsafeBytes(); // read before close: the copy alone, not the kept view of bytes()
            byte[] copy = new byte[view.remaining()];
            view.get(copy);
            return copy;
        }
    }
}
