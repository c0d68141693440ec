package dev.ocp.bench;

import dev.ocp.Capability;
import dev.ocp.Ocp;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
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
 * Bulk ownership against one-by-one: a batch of {@value #BATCH} small documents (the {@code 100B} input) held
 * open together, as a request or a build step would hold them, then freed. {@link #closeEach} parses each with
 * {@code engine.parse} and closes them one by one; {@link #arenaReset} parses them into an {@link OcpArena} and
 * frees them all with one {@code reset()}. One operation is the whole batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class ArenaBenchmark {
    /** Documents per operation. */
    static final int BATCH = 100;
    /** The input each document of the batch is. */
    static final String INPUT = "100B";

    /**
     * An OCP engine with {@link Capability#ARENAS}. A parameter name of its own, not {@code engine}: the runner
     * narrows it to the engines that have arenas, while {@link CopyBenchmark} takes every engine.
     */
    @Param({"java", "ffm", "jna", "wasm"})
    public String arenaEngine;

    private OcpEngine engine;
    private OcpArena arena;
    private byte[] document;
    private final ParseOptions options = ParseOptions.defaults();
    private final OcpDocument[] open = new OcpDocument[BATCH];

    /** Creates the engine and an arena large enough for one batch, checked by parsing one. */
    @Setup(Level.Trial)
    public void setUp() {
        document = Corpus.get().input(INPUT).utf8;
        engine = Ocp.engine(arenaEngine);
        if (!engine.capabilities().contains(Capability.ARENAS)) {
            throw new IllegalStateException("engine '" + arenaEngine + "' has no arenas");
        }
        long payloads = 0;
        for (int i = 0; i < BATCH; i++) {
            try (OcpDocument doc = engine.parse(document, options)) {
                payloads += doc.bytes().remaining();
            }
        }
        // Twice the payloads leaves room for any alignment or working memory an engine keeps in the region.
        arena = engine.newArena(2 * payloads + (64 << 10));
        try {
            for (int i = 0; i < BATCH; i++) {
                arena.parse(document, options);
            }
        } catch (OcpException e) {
            throw new IllegalStateException("an arena of " + arena.capacityBytes() + " bytes does not hold "
                    + BATCH + " documents of " + document.length + " bytes", e);
        }
        arena.reset();
    }

    /** Closes the arena, then the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
        engine.close();
    }

    /**
     * Parse a batch, hold it, close each document.
     *
     * @param bh    receives the documents
     * @param alloc counts the operation for {@link HeapProfiler}
     */
    @Benchmark
    public void closeEach(Blackhole bh, LoopAllocation alloc) {
        alloc.op();
        OcpDocument[] docs = open;
        for (int i = 0; i < BATCH; i++) {
            docs[i] = engine.parse(document, options);
            bh.consume(docs[i]);
        }
        for (int i = 0; i < BATCH; i++) {
            docs[i].close();
            docs[i] = null;
        }
    }

    /**
     * Parse a batch into the arena, free it with one reset.
     *
     * @param bh    receives the documents
     * @param alloc counts the operation for {@link HeapProfiler}
     */
    @Benchmark
    public void arenaReset(Blackhole bh, LoopAllocation alloc) {
        alloc.op();
        for (int i = 0; i < BATCH; i++) {
            bh.consume(arena.parse(document, options));
        }
        arena.reset();
    }
}
