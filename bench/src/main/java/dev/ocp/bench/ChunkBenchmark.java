package dev.ocp.bench;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.chunk.Chunk;
import dev.ocp.chunk.ChunkOptions;
import dev.ocp.chunk.Chunker;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Chunks for language models (issue 59: chunking progit costs at most twice a parse plus {@code toText}): {@link
 * Chunker#chunk(OcpEngine, byte[], ParseOptions, ChunkOptions)} from the source, which parses, against a parse and
 * {@code toText()} of the same source, in the same run, on each engine. The cap is 1000 characters, the one
 * {@code tools/chunk-compare} gives LangChain.js's splitter; {@link #chunkInTokens} caps in tokens instead, 256 of
 * {@code cl100k_base} counted by JTokkit (as {@code ocp chunk --max-tokens} counts them), about as much English, against
 * which {@code tools/chunk-compare --tokens} times LangChain.js's splitter with that encoding as its length function.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class ChunkBenchmark {
    /** The cap of the chunks, in characters. */
    static final int CAP = 1000;
    /** The cap of {@link #chunkInTokens}, in tokens of {@code cl100k_base}. */
    static final int CAP_IN_TOKENS = 256;

    /** An OCP engine. */
    @Param({"java", "ffm", "jna", "wasm"})
    public String engine;

    /** One of {@link Corpus#INPUTS}. */
    @Param({"progit"})
    public String input;

    private OcpEngine ocp;
    private byte[] source;
    private String sourceString;
    private ChunkOptions options;
    private ChunkOptions optionsInTokens;

    /** Opens the engine and checks once that the input makes chunks. */
    @Setup(Level.Trial)
    public void setUp() {
        source = Corpus.get().input(input).utf8;
        sourceString = new String(source, java.nio.charset.StandardCharsets.UTF_8);
        ocp = Ocp.engine(engine);
        options = ChunkOptions.defaults().withMaxSize(CAP);
        optionsInTokens = ChunkOptions.defaults().withMaxSize(CAP_IN_TOKENS).withMeasure(
                Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE)::countTokensOrdinary);
        if (Chunker.chunk(ocp, source, ParseOptions.defaults(), options).isEmpty()) {
            throw new IllegalStateException("no chunks for " + input);
        }
    }

    /** Closes the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        ocp.close();
    }

    /**
     * The source chunked: parsed, split along its tree, each chunk's Markdown and text made.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the chunks (JMH consumes them)
     */
    @Benchmark
    public List<Chunk> chunk(LoopAllocation alloc) {
        alloc.op();
        return Chunker.chunk(ocp, source, ParseOptions.defaults(), options);
    }

    /**
     * The source chunked from a string, as most callers hold it: encoded to UTF-8 and parsed, each chunk's Markdown a
     * substring of it rather than decoded from the bytes.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the chunks (JMH consumes them)
     */
    @Benchmark
    public List<Chunk> chunkString(LoopAllocation alloc) {
        alloc.op();
        return Chunker.chunk(ocp, sourceString, ParseOptions.defaults(), options);
    }

    /**
     * The baseline of {@link #chunkString}: the string parsed (encoded to UTF-8 first) and its plain text written.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the text (JMH consumes it)
     */
    @Benchmark
    public String parseAndTextString(LoopAllocation alloc) {
        alloc.op();
        try (OcpDocument document = ocp.parse(sourceString, ParseOptions.defaults())) {
            return document.toText();
        }
    }

    /**
     * The source chunked with the cap in tokens: every unit's Markdown counted by the tokenizer, and every chunk's of
     * more than one unit (a chunk of one takes its unit's count), which costs far more than the parse.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the chunks (JMH consumes them)
     */
    @Benchmark
    public List<Chunk> chunkInTokens(LoopAllocation alloc) {
        alloc.op();
        return Chunker.chunk(ocp, source, ParseOptions.defaults(), optionsInTokens);
    }

    /**
     * The baseline: the source parsed and its plain text written.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the text (JMH consumes it)
     */
    @Benchmark
    public String parseAndText(LoopAllocation alloc) {
        alloc.op();
        try (OcpDocument document = ocp.parse(source, ParseOptions.defaults())) {
            return document.toText();
        }
    }
}
