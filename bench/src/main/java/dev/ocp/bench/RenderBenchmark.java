package dev.ocp.bench;

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

import java.util.concurrent.TimeUnit;

/**
 * The renderings of one parsed document, side by side in one run: HTML, our JSON and mdast (issue 12 asks mdast
 * to cost at most twice the JSON; issue 13 asks HTML to keep its speed), plain text, and a bare walk by a user's
 * visitor; and beside them the parse of the same input on the same engine, so that a rendering's cost reads as a
 * multiple of the parse from one run (issue 35: rendering at parser speed). The document is parsed once per engine:
 * the payload is the same bytes on every engine, but where it lives (heap, native memory, wasm memory) is not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class RenderBenchmark {
    /** The OCP engine that parses (rendering reads only the payload, which is the same bytes on every engine). */
    @Param({"java", "ffm", "jna", "wasm"})
    public String engine;

    /** One of {@link Corpus#INPUTS}: a document of the size people write, and a book. */
    @Param({"10KB", "progit"})
    public String input;

    private OcpEngine ocp;
    private OcpDocument document;
    private byte[] source;

    /** Parses the input once. */
    @Setup(Level.Trial)
    public void setUp() {
        source = Corpus.get().input(input).utf8;
        ocp = Ocp.engine(engine);
        document = ocp.parse(source, ParseOptions.defaults());
    }

    /** Closes the document and the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        document.close();
        ocp.close();
    }

    /**
     * The parse the renderings are compared with: the same input on the same engine, parsed and closed (as
     * {@code ParseBenchmark.parse} does, measured here again so that the ratios come from one run).
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the document's node count
     */
    @Benchmark
    public int parse(LoopAllocation alloc) {
        alloc.op();
        try (OcpDocument parsed = ocp.parse(source, ParseOptions.defaults())) {
            return parsed.nodeCount();
        }
    }

    /**
     * {@code toHtml()}.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the HTML
     */
    @Benchmark
    public String html(LoopAllocation alloc) {
        alloc.op();
        return document.toHtml();
    }

    /**
     * A walk with a visitor of the user's kind (not one of the library's renderers): counts the nodes, the headings'
     * levels and the literals' lengths, reading each in place. Its heap bytes per operation are what the walk itself
     * allocates, which must not grow with the document.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return a sum of what was read
     */
    @Benchmark
    public long walk(LoopAllocation alloc) {
        alloc.op();
        long[] sum = new long[1];
        document.walk(node -> {
            sum[0] += 1 + node.headingLevel() + node.stringLength(dev.ocp.OcpNode.Field.LITERAL);
            return true;
        });
        return sum[0];
    }

    /**
     * {@code toJson()}.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the JSON
     */
    @Benchmark
    public String json(LoopAllocation alloc) {
        alloc.op();
        return document.toJson();
    }

    /**
     * {@code toText()}: plain text, for search indexes and embeddings.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the text
     */
    @Benchmark
    public String text(LoopAllocation alloc) {
        alloc.op();
        return document.toText();
    }

    /**
     * {@code toMdast(source)}.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the mdast JSON
     */
    @Benchmark
    public String mdast(LoopAllocation alloc) {
        alloc.op();
        return document.toMdast(source);
    }
}
