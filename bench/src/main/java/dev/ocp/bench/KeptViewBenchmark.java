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

import java.util.concurrent.TimeUnit;

/**
 * What a view the caller may keep costs (docs/ownership.md, promise 11): {@link #kept} parses, reads the payload
 * through {@code bytes()} and closes, so its memory is given back as a kept view requires (a free deferred until the
 * view is garbage on {@code ffm} and {@code jna}, an array left to the collector on {@code java}, a payload left for
 * the next move of linear memory on {@code wasm}); {@link #unguarded} does the same through {@code unsafeBytes()},
 * whose memory goes back at once. The difference is the price of the promise, paid only by documents whose bytes
 * are handed out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class KeptViewBenchmark {

    /** An OCP engine name. */
    @Param({"java", "ffm", "jna", "wasm"})
    public String engine;

    /** One of {@link Corpus#INPUTS}. */
    @Param({"100B", "10KB"})
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
     * Parse, read the payload's last long through {@code bytes()}, close.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return what was read (JMH consumes it)
     */
    @Benchmark
    public long kept(LoopAllocation alloc) {
        alloc.op();
        try (OcpDocument doc = ocp.parse(document)) {
            java.nio.ByteBuffer view = doc.bytes();
            return view.getLong(view.limit() - 8);
        }
    }

    /**
     * Parse, read the payload's last long through {@code unsafeBytes()}, close.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return what was read (JMH consumes it)
     */
    @Benchmark
    public long unguarded(LoopAllocation alloc) {
        alloc.op();
        try (OcpDocument doc = ocp.parse(document)) {
            java.nio.ByteBuffer view = doc.unsafeBytes();
            return view.getLong(view.limit() - 8);
        }
    }
}
