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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Markdown written back from a parsed document (issue 31: {@code toMarkdown} on progit faster than
 * commonmark-java's {@code MarkdownRenderer}, both measured from a parsed document): {@code
 * OcpDocument.toMarkdown()} of a document each engine parsed once, beside commonmark-java's {@code MarkdownRenderer}
 * rendering a node tree it parsed once, in the same run. Neither parse is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class MarkdownBenchmark {
    /**
     * The peers that write Markdown here. flexmark-java's {@code Formatter} is not one: rendering the same progit
     * tree again and again in a 4 GB heap, one rendering took anywhere from 0.4 s to a minute (its time in the
     * {@code ThreadLocal} lookups of {@code SegmentedSequenceTree}), which no iteration of a suite can hold.
     */
    static final List<String> PEERS = List.of(Contender.COMMONMARK);

    /**
     * An OCP engine (rendering reads only the payload, which is the same bytes on every engine; where it lives is
     * not) or one of {@link #PEERS}. A parameter name of its own, not {@code contender}: the runner narrows it to
     * the engines that can run here and {@link #PEERS}.
     */
    @Param({"java", "ffm", "jna", "wasm", Contender.COMMONMARK})
    public String writer;

    /** One of {@link Corpus#INPUTS}. */
    @Param({"progit"})
    public String input;

    private OcpEngine ocp;
    private OcpDocument document;
    private org.commonmark.node.Node tree;
    private org.commonmark.renderer.markdown.MarkdownRenderer renderer;

    /** Parses the input once, and checks once that what is written is Markdown that reads back. */
    @Setup(Level.Trial)
    public void setUp() {
        Corpus.Input in = Corpus.get().input(input);
        if (PEERS.contains(writer)) {
            // The parser Contender.Commonmark uses: CommonMark without extensions, whose every node
            // MarkdownRenderer writes.
            tree = org.commonmark.parser.Parser.builder().build().parse(in.text);
            renderer = org.commonmark.renderer.markdown.MarkdownRenderer.builder().build();
            if (renderer.render(tree).isEmpty()) {
                throw new IllegalStateException("commonmark-java's MarkdownRenderer wrote nothing for " + input);
            }
            return;
        }
        ocp = Ocp.engine(writer);
        document = ocp.parse(in.utf8, ParseOptions.defaults());
        String markdown = document.toMarkdown();
        if (markdown.isEmpty()) {
            throw new IllegalStateException("toMarkdown() wrote nothing for " + input);
        }
        // A cheap sanity check, not the round-trip test (the conformance suite is): as many nodes again.
        try (OcpDocument again = ocp.parse(markdown, ParseOptions.defaults())) {
            if (again.nodeCount() != document.nodeCount()) {
                throw new IllegalStateException("the Markdown written for " + input + " reads back as "
                        + again.nodeCount() + " nodes, not " + document.nodeCount());
            }
        }
    }

    /** Closes the document and the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (document != null) {
            document.close();
        }
        if (ocp != null) {
            ocp.close();
        }
    }

    /**
     * The parsed document written as Markdown: {@code toMarkdown()}, or the peer's renderer on its tree.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the Markdown (JMH consumes it)
     */
    @Benchmark
    public String markdown(LoopAllocation alloc) {
        alloc.op();
        return document != null ? document.toMarkdown() : renderer.render(tree);
    }
}
