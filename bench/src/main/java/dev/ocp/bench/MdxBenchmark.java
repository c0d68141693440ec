package dev.ocp.bench;

import dev.ocp.Dialect;
import dev.ocp.Extension;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An MDX site's pages as the site reads them: every page of {@code ../shared/corpus/mdx} parsed (and closed) as
 * {@code mdx} with GFM, frontmatter and math on, one operation being the whole set. The JS toolchain that MDX
 * sites run today is timed on the same files by {@code bench/js/mdx-peer.mjs} ({@link BenchMain} runs it after
 * JMH), and the report sets the two side by side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--enable-native-access=ALL-UNNAMED"})
public class MdxBenchmark {
    /** What a real MDX site switches on: remark-gfm, remark-frontmatter and remark-math beside MDX. */
    static final ParseOptions SITE = ParseOptions.of(Dialect.MDX).withExtensions(EnumSet.of(Extension.GFM, Extension.FRONTMATTER, Extension.MATH));

    /** An OCP engine name. */
    @Param({"java", "ffm", "jna", "wasm"})
    public String engine;

    private OcpEngine ocp;
    private List<byte[]> pages;

    /** Reads the pages and creates the engine. */
    @Setup(Level.Trial)
    public void setUp() {
        pages = Corpus.mdxPages();
        if (pages.isEmpty()) {
            throw new IllegalStateException("no MDX pages: ../shared/corpus/mdx is not beside the project");
        }
        ocp = Ocp.engine(engine);
    }

    /** Closes the engine. */
    @TearDown(Level.Trial)
    public void tearDown() {
        ocp.close();
    }

    /**
     * Parse every page and close it.
     *
     * @param bh    receives the documents
     * @param alloc counts the operation for {@link HeapProfiler}
     */
    @Benchmark
    public void site(Blackhole bh, LoopAllocation alloc) {
        alloc.op();
        for (byte[] page : pages) {
            try (OcpDocument doc = ocp.parse(page, SITE)) {
                bh.consume(doc);
            }
        }
    }
}
