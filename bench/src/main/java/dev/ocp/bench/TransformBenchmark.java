package dev.ocp.bench;

import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.transform.Rewriter;
import dev.ocp.transform.Transform;
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
 * A transform that changes one link (issue 31: it costs less than half a parse): {@link #oneLink} walks the whole
 * document parsed before the timing with a rewriter that looks at every node and changes the destination of the one
 * link in its middle, and closes the result; {@link #oneLinkOfLinks} does it with the rewriter shown links only;
 * {@link #parse} parses and closes the same input on the same engine, in the same run. The rewriter does not stop
 * early.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class TransformBenchmark {
    /** An OCP engine name. */
    @Param({"java", "ffm", "jna", "wasm"})
    public String engine;

    /** One of {@link Corpus#INPUTS}. */
    @Param({"progit"})
    public String input;

    private OcpEngine ocp;
    private byte[] source;
    private OcpDocument document;
    private Rewriter oneLink;

    /** Parses the input once and picks the link nearest the middle of the document. */
    @Setup(Level.Trial)
    public void setUp() {
        source = Corpus.get().input(input).utf8;
        ocp = Ocp.engine(engine);
        document = ocp.parse(source, ParseOptions.defaults());
        int middle = document.nodeCount() / 2;
        int[] link = {-1};
        document.walk(node -> {
            if (node.kind() == NodeKind.LINK && link[0] < middle) {
                link[0] = node.index();
            }
            return true;
        });
        if (link[0] < 0) {
            throw new IllegalStateException(input + " has no link");
        }
        int target = link[0];
        oneLink = (node, edit) -> {
            if (node.index() == target) {
                edit.setDestination("https://example.org/changed");
            }
        };
        try (OcpDocument changed = document.transform(oneLink)) {
            if (!changed.toHtml().contains("https://example.org/changed")) {
                throw new IllegalStateException("the transform did not change the link");
            }
        }
    }

    /** Closes the document and the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        document.close();
        ocp.close();
    }

    /**
     * One link changed: walk, write the new payload, close it.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the new payload's size (JMH consumes it)
     */
    @Benchmark
    public int oneLink(LoopAllocation alloc) {
        alloc.op();
        try (OcpDocument changed = document.transform(oneLink)) {
            return changed.nodeCount();
        }
    }

    /**
     * The same link changed by a rewriter shown only the document's links ({@code Transform.apply} with kinds), as a
     * transform that knows what it changes is written: the document is scanned by kind instead of walked.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the new payload's size (JMH consumes it)
     */
    @Benchmark
    public int oneLinkOfLinks(LoopAllocation alloc) {
        alloc.op();
        try (OcpDocument changed = Transform.apply(document, LINKS, oneLink)) {
            return changed.nodeCount();
        }
    }

    private static final java.util.Set<NodeKind> LINKS = java.util.EnumSet.of(NodeKind.LINK);

    /**
     * What the transform is measured against: a parse of the same input, and its close.
     *
     * @param alloc counts the operation for {@link HeapProfiler}
     * @return the node count (JMH consumes it)
     */
    @Benchmark
    public int parse(LoopAllocation alloc) {
        alloc.op();
        try (OcpDocument parsed = ocp.parse(source, ParseOptions.defaults())) {
            return parsed.nodeCount();
        }
    }
}
