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
 * Markdown written back from a parsed document (issue 31): {@code OcpDocument.toMarkdown()} beside commonmark-java's
 * {@code MarkdownRenderer} and flexmark-java's {@code Formatter}, each from its own tree, parsed once per trial, in
 * one run. progit is CommonMark, which the peers write without extensions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class MarkdownBenchmark {
    /** An OCP engine (the payload is the same bytes on each; where it lives is not), or a peer. */
    @Param({"java", "ffm", "jna", "wasm", Contender.COMMONMARK, Contender.FLEXMARK})
    public String contender;

    /** One of {@link Corpus#INPUTS}. */
    @Param({"progit"})
    public String input;

    private OcpEngine ocp;
    private OcpDocument document;
    private org.commonmark.node.Node tree;
    private org.commonmark.renderer.markdown.MarkdownRenderer renderer;
    private com.vladsch.flexmark.util.ast.Document flexmarkTree;
    private com.vladsch.flexmark.formatter.Formatter formatter;

    /** Parses the input once, and checks that what is written reads back. */
    @Setup(Level.Trial)
    public void setUp() {
        String source = Corpus.get().input(input).text;
        if (contender.equals(Contender.FLEXMARK)) {
            com.vladsch.flexmark.util.data.MutableDataSet options = new com.vladsch.flexmark.util.data.MutableDataSet();
            flexmarkTree = com.vladsch.flexmark.parser.Parser.builder(options).build().parse(source);
            formatter = com.vladsch.flexmark.formatter.Formatter.builder(options).build();
            if (formatter.render(flexmarkTree).isEmpty()) {
                throw new IllegalStateException("flexmark-java wrote nothing");
            }
            return;
        }
        if (contender.equals(Contender.COMMONMARK)) {
            tree = org.commonmark.parser.Parser.builder().build().parse(source);
            renderer = org.commonmark.renderer.markdown.MarkdownRenderer.builder().build();
            if (renderer.render(tree).isEmpty()) {
                throw new IllegalStateException("commonmark-java wrote nothing");
            }
            return;
        }
        ocp = Ocp.engine(contender);
        document = ocp.parse(source, ParseOptions.defaults());
        try (OcpDocument again = ocp.parse(document.toMarkdown(), ParseOptions.defaults())) {
            if (!again.toHtml().equals(document.toHtml())) {
                throw new IllegalStateException("the Markdown written does not read back as " + input);
            }
        }
    }

    /** Closes the document and the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (document != null) {
            document.close();
            ocp.close();
        }
    }

    /**
     * The document written as Markdown.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the Markdown
     */
    @Benchmark
    public String markdown(LoopAllocation alloc) {
        alloc.op();
        return document != null ? document.toMarkdown()
                : formatter != null ? formatter.render(flexmarkTree) : renderer.render(tree);
    }
}
