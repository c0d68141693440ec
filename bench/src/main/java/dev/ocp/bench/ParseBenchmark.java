package dev.ocp.bench;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
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
 * The pure-Java engine against commonmark-java on the same text in the same run: parse only (OCP: parse and
 * close, the path a user takes; commonmark-java: parse to its node tree) and parse plus HTML rendering. The
 * {@code input} parameter is the whole corpus as one document, or the corpus split into chapters where one
 * operation parses every chapter; either way one operation covers the same bytes.
 *
 * <p>Method names pair up as {@code <contender>_<operation>} so that the report can put each engine beside
 * its peer: {@code ocpJava_parse} with {@code commonmark_parse}, {@code ocpJava_html} with
 * {@code commonmark_html}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 8, time = 1)
// A fixed heap, the same for both contenders, so that heap sizing decisions do not differ between forks.
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ParseBenchmark {

    /** {@code whole}: one document; {@code chapters}: one document per top-level heading. */
    @Param({"whole", "chapters"})
    public String input;

    private Corpus corpus;
    private OcpEngine engine;
    private Parser commonmark;
    private HtmlRenderer commonmarkHtml;

    /** Loads the corpus and creates both parsers, and checks they agree on the HTML. */
    @Setup(Level.Trial)
    public void setUp() {
        corpus = Corpus.load();
        engine = Ocp.engine("java");
        commonmark = Parser.builder().build();
        commonmarkHtml = HtmlRenderer.builder().build();
        // Not a test (engine-java's tests are), but a benchmark of two parsers that disagree would mislead.
        int differ = 0;
        for (int i = 0; i < corpus.chapters.length; i++) {
            String ours;
            try (OcpDocument doc = engine.parse(corpus.chapters[i])) {
                ours = doc.toHtml();
            }
            if (!ours.equals(commonmarkHtml.render(commonmark.parse(corpus.chapterTexts[i])))) {
                differ++;
            }
        }
        if (differ != 0) {
            System.out.println("ocp-bench: warning: the HTML of " + differ + " of " + corpus.chapters.length
                    + " chapters differs between the java engine and commonmark-java");
        }
    }

    /** Closes the engine (it reports any document left open). */
    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    /** The java engine: parse to OCP and close. */
    @Benchmark
    public void ocpJava_parse(Blackhole bh) {
        if (input.equals("whole")) {
            parseAndClose(corpus.whole, bh);
        } else {
            for (byte[] chapter : corpus.chapters) {
                parseAndClose(chapter, bh);
            }
        }
    }

    /** commonmark-java: parse to its node tree. */
    @Benchmark
    public void commonmark_parse(Blackhole bh) {
        if (input.equals("whole")) {
            bh.consume(commonmark.parse(corpus.wholeText));
        } else {
            for (String chapter : corpus.chapterTexts) {
                bh.consume(commonmark.parse(chapter));
            }
        }
    }

    /** The java engine: parse to OCP, render HTML, close. */
    @Benchmark
    public void ocpJava_html(Blackhole bh) {
        if (input.equals("whole")) {
            bh.consume(html(corpus.whole));
        } else {
            for (byte[] chapter : corpus.chapters) {
                bh.consume(html(chapter));
            }
        }
    }

    /** commonmark-java: parse and render HTML. */
    @Benchmark
    public void commonmark_html(Blackhole bh) {
        if (input.equals("whole")) {
            bh.consume(commonmarkHtml.render(commonmark.parse(corpus.wholeText)));
        } else {
            for (String chapter : corpus.chapterTexts) {
                Node document = commonmark.parse(chapter);
                bh.consume(commonmarkHtml.render(document));
            }
        }
    }

    private void parseAndClose(byte[] utf8, Blackhole bh) {
        try (OcpDocument doc = engine.parse(utf8)) {
            bh.consume(doc);
        }
    }

    private String html(byte[] utf8) {
        try (OcpDocument doc = engine.parse(utf8)) {
            return doc.toHtml();
        }
    }
}
