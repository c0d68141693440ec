package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.tck.MarkdownGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Differential testing of the {@code java} engine's GFM HTML against commonmark-java 0.24.0 with its GFM
 * extensions ({@link GfmOracle}): on the progit chapters and on the shared MDX corpus read as GFM, the HTML must be
 * identical, or differ only by a {@link GfmDifference} or an {@link AcceptedDifference} (both listed with their
 * reasons in {@code docs/conformance.md}). {@code -Docp.corpus=DIR} names the corpus.
 *
 * <p>Generated GFM documents ({@link MarkdownGenerator#generateGfm}) are compared too, under the same rule.
 */
class GfmDifferentialTest {
    private static final int SHOWN = 8;
    private static final ParseOptions GFM = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);
    private static final GfmOracle ORACLE = new GfmOracle();
    private static OcpEngine engine;

    @BeforeAll
    static void open() {
        engine = Ocp.engine("java");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static String ours(String markdown) {
        try (OcpDocument doc = engine.parse(markdown, GFM)) {
            return doc.toHtml();
        } catch (RuntimeException e) {
            return "(the java engine threw " + e + ")";
        }
    }

    /**
     * How one input compares: {@code null} if nothing explains the difference, else the accepted differences that
     * do (empty when the HTML is identical as it is).
     */
    static Set<Enum<?>> compare(String markdown, Function<String, String> java) {
        String ours = java.apply(markdown);
        if (ours.equals(ORACLE.html(markdown))) {
            return Set.of();
        }
        Set<AcceptedDifference> fixes = EnumSet.noneOf(AcceptedDifference.class);
        Set<Enum<?>> used = new java.util.LinkedHashSet<>();
        if (ours.equals(ORACLE.fixedHtml(markdown, fixes))) {
            used.addAll(fixes);
            used.addAll(conventionsIn(markdown));
            return used;
        }
        // Input rewrites one after another (GFM's first), each kept, until the outputs agree.
        List<Map.Entry<Enum<?>, Function<String, String>>> rewrites = new ArrayList<>();
        for (GfmDifference d : GfmDifference.values()) {
            if (!d.isOracleFix()) {
                rewrites.add(Map.entry(d, s -> d.rewrite(s, engine)));
            }
        }
        OcpEngine asGfm = new ParsingAsGfm(engine);
        for (AcceptedDifference d : AcceptedDifference.values()) {
            if (!d.isOracleFix()) {
                rewrites.add(Map.entry(d, s -> d.rewrite(s, asGfm)));
            }
        }
        String rewritten = markdown;
        for (int pass = 0; pass < 4; pass++) {
            boolean changed = false;
            for (Map.Entry<Enum<?>, Function<String, String>> r : rewrites) {
                String next = r.getValue().apply(rewritten);
                if (!next.equals(rewritten)) {
                    rewritten = next;
                    used.add(r.getKey());
                    changed = true;
                    fixes.clear();
                    if (java.apply(rewritten).equals(ORACLE.fixedHtml(rewritten, fixes))) {
                        used.addAll(fixes);
                        used.addAll(conventionsIn(rewritten));
                        return used;
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        return null;
    }

    /** The rendering conventions (GFM oracle fixes) that change commonmark-java's HTML for {@code markdown}. */
    private static Set<GfmDifference> conventionsIn(String markdown) {
        String html = ORACLE.html(markdown);
        Set<GfmDifference> in = EnumSet.noneOf(GfmDifference.class);
        for (GfmDifference d : GfmDifference.values()) {
            if (d.isOracleFix() && !d.fixOracle(html).equals(html)) {
                in.add(d);
            }
        }
        return in;
    }

    private static String describe(String what, String input) {
        String minimal = MarkdownGenerator.shrink(input, s -> compare(s, GfmDifferentialTest::ours) == null);
        return what + " (" + input.length() + " chars) differs from commonmark-java with GFM; a minimal input:\n"
                + "    input:  " + MarkdownGenerator.javaLiteral(minimal) + "\n"
                + "    java:   " + MarkdownGenerator.javaLiteral(ours(minimal)) + "\n"
                + "    oracle: " + MarkdownGenerator.javaLiteral(ORACLE.fixedHtml(minimal,
                        EnumSet.noneOf(AcceptedDifference.class))) + "\n";
    }

    /** Compares every input; fails listing (shrunk) the ones nothing explains. */
    private static void run(String what, Map<String, String> inputs, TestReporter reporter) {
        int identical = 0;
        Map<String, Integer> accepted = new TreeMap<>();
        List<String> reports = new ArrayList<>();
        int failing = 0;
        for (Map.Entry<String, String> input : inputs.entrySet()) {
            Set<Enum<?>> o = compare(input.getValue(), GfmDifferentialTest::ours);
            if (o == null) {
                failing++;
                if (reports.size() < SHOWN) {
                    reports.add(describe(input.getKey(), input.getValue()));
                }
            } else if (o.isEmpty()) {
                identical++;
            } else {
                o.forEach(d -> accepted.merge(d.name(), 1, Integer::sum));
            }
        }
        String summary = inputs.size() + " " + what + " as GFM: " + identical + " identical, accepted " + accepted
                + ", " + failing + " differ otherwise";
        reporter.publishEntry("gfm differential", summary);
        System.out.println(summary);
        if (failing > 0) {
            fail(summary + "\n" + String.join("\n", reports));
        }
    }

    @Test
    void progitChapters(TestReporter reporter) throws IOException {
        Path progit = Corpus.progit();
        assumeTrue(progit != null, "no corpus (see Corpus): the progit comparison needs shared/corpus");
        List<String> chapters = ProgitChapters.split(Files.readString(progit, StandardCharsets.UTF_8));
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < chapters.size(); i++) {
            inputs.put("progit chapter " + (i + 1), chapters.get(i));
        }
        run("progit chapters", inputs, reporter);
    }

    /** {@code -Docp.gfmdiff.inputs=N} generated GFM documents (3,000 by default) as GFM. */
    @Test
    void generatedDocuments(TestReporter reporter) {
        int count = Integer.getInteger("ocp.gfmdiff.inputs", 3_000);
        int identical = 0;
        Map<String, Integer> accepted = new TreeMap<>();
        List<String> reports = new ArrayList<>();
        int failing = 0;
        for (int i = 0; i < count; i++) {
            String input = MarkdownGenerator.generateGfm(20_261_122, i);
            Set<Enum<?>> o = compare(input, GfmDifferentialTest::ours);
            if (o == null) {
                failing++;
                if (reports.size() < SHOWN) {
                    reports.add(describe("generated document #" + i, input));
                }
            } else if (o.isEmpty()) {
                identical++;
            } else {
                o.forEach(d -> accepted.merge(d.name(), 1, Integer::sum));
            }
        }
        String summary = count + " generated documents as GFM: " + identical + " identical, accepted " + accepted
                + ", " + failing + " differ otherwise";
        reporter.publishEntry("gfm differential", summary);
        System.out.println(summary);
        if (!reports.isEmpty()) {
            fail(summary + "\n" + String.join("\n", reports));
        }
    }

    @Test
    void mdxCorpus(TestReporter reporter) throws IOException {
        Path dir = Corpus.directory();
        assumeTrue(dir != null && Files.isDirectory(dir.resolve("mdx")), "no corpus (see Corpus): the MDX files"
                + " read as GFM need shared/corpus/mdx");
        Map<String, String> inputs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("mdx"))) {
            for (Path p : files.sorted().toList()) {
                inputs.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        assertTrue(inputs.size() > 20, "the MDX corpus has files");
        run("MDX corpus files", inputs, reporter);
    }

    /** A broken rendering is caught, also in a document that needs every accepted difference. */
    @Test
    void aBrokenEngineIsCaught() {
        Function<String, String> broken = md -> ours(md).replace("<del>", "<s>").replace("</del>", "</s>");
        assertEquals(null, compare("~~a~~", broken));
        Function<String, String> cells = md -> ours(md).replace("<td>", "<td align=\"left\">");
        assertEquals(null, compare("| a |\n| - |\n| b |", cells));
        StringBuilder all = new StringBuilder();
        for (GfmDifference d : GfmDifference.values()) {
            if (d.isOracleFix()) {
                all.append(d.example).append("\n\n");
            }
        }
        String everything = all.append("~~x~~\n").toString();
        assertTrue(compare(everything, GfmDifferentialTest::ours) != null, "the examples together are explained");
        assertEquals(null, compare(everything, broken), "an error among all accepted differences");
    }

    /** Each accepted GFM difference is real, as its example shows, and explains exactly it. */
    @Test
    void everyGfmDifferenceIsRealAndExplained() {
        for (GfmDifference d : GfmDifference.values()) {
            assertEquals(d.ours, ours(d.example), d + ": our HTML for its example");
            assertEquals(d.theirs, ORACLE.html(d.example), d + ": commonmark-java's HTML for its example");
            // A task item's checkbox also shows commonmark-java's attribute order, whatever else it shows.
            Set<Enum<?>> explained = compare(d.example, GfmDifferentialTest::ours);
            assertTrue(explained != null && explained.contains(d) && explained.stream()
                    .allMatch(e -> e == d || e instanceof GfmDifference g && g.isOracleFix()), d + " explains its example: "
                    + explained);
        }
    }

    /**
     * The engine with GFM as its default dialect, for the CommonMark entries' rewrites: they find what to rewrite
     * in our tree of the input, which must be the GFM tree here (a fence inside a footnote definition is one only
     * in GFM).
     */
    record ParsingAsGfm(OcpEngine engine) implements OcpEngine {
        @Override
        public OcpDocument parse(byte[] utf8) {
            return engine.parse(utf8, GFM);
        }

        @Override
        public OcpDocument parse(String source) {
            return engine.parse(source, GFM);
        }

        @Override
        public String name() {
            return engine.name();
        }

        @Override
        public Set<dev.ocp.Capability> capabilities() {
            return engine.capabilities();
        }

        @Override
        public dev.ocp.Syntax syntax() {
            return engine.syntax();
        }

        @Override
        public OcpDocument parse(byte[] utf8, ParseOptions options) {
            return engine.parse(utf8, options);
        }

        @Override
        public OcpDocument parse(java.nio.ByteBuffer utf8, ParseOptions options) {
            return engine.parse(utf8, options);
        }

        @Override
        public OcpDocument parse(Path file, ParseOptions options) throws IOException {
            return engine.parse(file, options);
        }

        @Override
        public dev.ocp.OcpArena newArena(long capacityBytes) {
            return engine.newArena(capacityBytes);
        }

        @Override
        public dev.ocp.OcpArena newSharedArena(long capacityBytes) {
            return engine.newSharedArena(capacityBytes);
        }

        @Override
        public dev.ocp.MemoryStats stats() {
            return engine.stats();
        }

        @Override
        public void close() {
            // the wrapped engine is the test's to close
        }
    }
}
