package dev.ocp.engine.java;

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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Differential testing of the {@code java} engine's HTML against commonmark-java 0.24.0: on every chapter of the
 * progit corpus and on generated documents ({@link MarkdownGenerator}), the HTML must be identical, or differ
 * only by an {@link AcceptedDifference} (listed with its reasons in {@code docs/conformance.md}).
 *
 * <p>Properties: {@code -Docp.diff.inputs=N} (default {@value #DEFAULT_INPUTS}) generated documents from seed
 * {@code -Docp.diff.seed=S} (default {@value #DEFAULT_SEED}), starting at index {@code -Docp.diff.first=I}
 * (default 0, to rerun one failing index); {@code -Docp.corpus=DIR} for the corpus directory.
 */
class CommonmarkJavaDifferentialTest {
    static final int DEFAULT_INPUTS = 30_000;
    static final long DEFAULT_SEED = 20_260_121L;
    /** Differences shown in full when a run fails. */
    private static final int SHOWN = 8;

    private static OcpEngine engine;
    private static final CommonmarkJavaOracle ORACLE = new CommonmarkJavaOracle();

    @BeforeAll
    static void open() {
        engine = Ocp.engine("java");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static String ours(String markdown) {
        try (OcpDocument doc = engine.parse(markdown, ParseOptions.defaults())) {
            return doc.toHtml();
        } catch (RuntimeException e) {
            return "(the java engine threw " + e + ")";
        }
    }

    /** How one input compares. */
    static final class Outcome {
        final boolean identical;
        /** The accepted differences that explain it; null if nothing explains it. */
        final Set<AcceptedDifference> accepted;

        Outcome(boolean identical, Set<AcceptedDifference> accepted) {
            this.identical = identical;
            this.accepted = accepted;
        }

        boolean different() {
            return !identical && accepted == null;
        }
    }

    private static final Outcome IDENTICAL = new Outcome(true, Set.of());
    private static final Outcome DIFFERENT = new Outcome(false, null);

    /**
     * Compares one input: identical HTML; or identical once the oracle fixes corrected commonmark-java's tree;
     * or, after that, identical once input rewrites, applied one after another, took the constructs behind
     * accepted differences out of the input. The accepted set names every fix that changed something and every
     * rewrite applied until the outputs agreed.
     */
    static Outcome compare(String markdown) {
        return compare(markdown, CommonmarkJavaDifferentialTest::ours);
    }

    /** {@link #compare(String)} with {@code java} standing for our HTML (a test gives it a broken one). */
    static Outcome compare(String markdown, Function<String, String> java) {
        String ours = java.apply(markdown);
        if (ours.equals(ORACLE.html(markdown))) {
            return IDENTICAL;
        }
        Set<AcceptedDifference> used = EnumSet.noneOf(AcceptedDifference.class);
        if (ours.equals(ORACLE.fixedHtml(markdown, used))) {
            return new Outcome(false, used);
        }
        // The input rewrites one after another, in declaration order and round again (one rewrite can bring out
        // another's construct, as a blank line after a definition can make a list item), each kept, until the
        // outputs agree or no rewrite changes the input any more.
        String rewritten = markdown;
        Set<AcceptedDifference> applied = EnumSet.noneOf(AcceptedDifference.class);
        for (int pass = 0; pass < 4; pass++) {
            boolean changed = false;
            for (AcceptedDifference d : AcceptedDifference.values()) {
                if (d.isOracleFix()) {
                    continue;
                }
                String next = d.rewrite(rewritten, engine);
                if (!next.equals(rewritten)) {
                    rewritten = next;
                    applied.add(d);
                    changed = true;
                    used = EnumSet.copyOf(applied);
                    if (java.apply(rewritten).equals(ORACLE.fixedHtml(rewritten, used))) {
                        return new Outcome(false, used);
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        return DIFFERENT;
    }

    /** A failure report for {@code input}: shrunk to a minimal input that still differs, with both outputs. */
    private static String describeFailure(String what, String input) {
        String minimal = MarkdownGenerator.shrink(input, s -> compare(s).different());
        Set<AcceptedDifference> ignored = EnumSet.noneOf(AcceptedDifference.class);
        return what + " (" + input.length() + " chars) differs from commonmark-java; a minimal input that differs:\n"
                + "    input:  " + MarkdownGenerator.javaLiteral(minimal) + "\n"
                + "    java:   " + MarkdownGenerator.javaLiteral(ours(minimal)) + "\n"
                + "    oracle: " + MarkdownGenerator.javaLiteral(ORACLE.html(minimal)) + "\n"
                + "    fixed:  " + MarkdownGenerator.javaLiteral(ORACLE.fixedHtml(minimal, ignored)) + "\n";
    }

    @Test
    void generatedDocuments(TestReporter reporter) {
        long seed = Long.getLong("ocp.diff.seed", DEFAULT_SEED);
        int count = Integer.getInteger("ocp.diff.inputs", DEFAULT_INPUTS);
        long first = Long.getLong("ocp.diff.first", 0);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        Map<AcceptedDifference, Integer> accepted = new EnumMap<>(AcceptedDifference.class);
        int identical = 0;
        int explained = 0;
        List<Long> failing = new ArrayList<>();
        Set<String> reports = new LinkedHashSet<>();
        for (long i = first; i < first + count; i++) {
            String markdown = MarkdownGenerator.generate(seed, i);
            Outcome o;
            try {
                o = compare(markdown);
            } catch (RuntimeException | StackOverflowError e) {
                // Our engine's exceptions become differences in ours(); this is the oracle or a rewrite failing.
                failing.add(i);
                reports.add("generated document " + i + " of seed " + seed + ": the comparison threw " + e
                        + " on " + MarkdownGenerator.javaLiteral(markdown));
                continue;
            }
            if (o.identical) {
                identical++;
            } else if (o.accepted != null) {
                explained++;
                for (AcceptedDifference d : o.accepted) {
                    accepted.merge(d, 1, Integer::sum);
                }
            } else {
                failing.add(i);
                if (reports.size() < SHOWN) {
                    reports.add(describeFailure("generated document " + i + " of seed " + seed + " (rerun: -Docp.diff.seed="
                            + seed + " -Docp.diff.first=" + i + " -Docp.diff.inputs=1)", markdown));
                }
            }
        }
        String summary = count + " generated documents (seed " + seed + ", from index " + first + "): " + identical
                + " identical, " + explained + " differ only as accepted " + accepted + ", " + failing.size()
                + " differ otherwise; " + String.format(java.util.Locale.ROOT, "%.1f s CPU, %.1f s wall",
                        (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9, (System.nanoTime() - wallStart) / 1e9);
        reporter.publishEntry("differential", summary);
        System.out.println(summary);
        if (!failing.isEmpty()) {
            fail(summary + "; failing indexes " + failing.subList(0, Math.min(50, failing.size())) + "\n"
                    + String.join("\n", reports));
        }
    }

    @Test
    void progitChapters(TestReporter reporter) throws IOException {
        Path progit = Corpus.progit();
        assumeTrue(progit != null, "no corpus: neither -Docp.corpus=DIR nor a shared/corpus/progit/progit.md above "
                + Path.of("").toAbsolutePath() + " (the corpus is optional; see docs/conformance.md)");
        List<String> chapters = ProgitChapters.split(Files.readString(progit, StandardCharsets.UTF_8));
        assertTrue(chapters.size() > 100, "the split found only " + chapters.size() + " chapters");
        List<String> reports = new ArrayList<>();
        int identical = 0;
        Map<AcceptedDifference, Integer> accepted = new EnumMap<>(AcceptedDifference.class);
        for (int i = 0; i < chapters.size(); i++) {
            String chapter = chapters.get(i);
            Outcome o = compare(chapter);
            if (o.identical) {
                identical++;
            } else if (o.accepted != null) {
                for (AcceptedDifference d : o.accepted) {
                    accepted.merge(d, 1, Integer::sum);
                }
            } else if (reports.size() < SHOWN) {
                reports.add(describeFailure("progit chapter " + (i + 1) + " ("
                        + chapter.substring(0, chapter.indexOf('\n') < 0 ? chapter.length() : chapter.indexOf('\n'))
                        + ")", chapter));
            }
        }
        String summary = chapters.size() + " progit chapters: " + identical + " identical, accepted " + accepted;
        reporter.publishEntry("progit", summary);
        System.out.println(summary);
        if (!reports.isEmpty()) {
            fail(summary + "\n" + String.join("\n", reports));
        }
    }

    /**
     * The comparison can fail: HTML with a small error of the kinds a parser makes is a difference that no
     * accepted difference explains, also in documents that need every fix and rewrite.
     */
    @Test
    void aBrokenEngineIsCaught() {
        List<Function<String, String>> broken = List.of(
                md -> ours(md).replace("<em>", "<i>").replace("</em>", "</i>"),
                md -> ours(md).replace("<li>\n<p>", "<li>").replace("</p>\n</li>", "</li>"),
                md -> ours(md).replace("&amp;", "&"),
                md -> ours(md).replaceFirst("\n$", ""),
                md -> ours(md.replace("`", "")));
        String[] inputs = {"*a*", "- a\n\n- b", "a &amp; b", "x", "`c`"};
        for (int i = 0; i < inputs.length; i++) {
            assertTrue(compare(inputs[i], broken.get(i)).different(), "broken engine " + i + " on " + inputs[i]);
        }
        // A document with every accepted difference in it still shows an error elsewhere.
        StringBuilder all = new StringBuilder();
        for (AcceptedDifference d : AcceptedDifference.values()) {
            all.append(d.example).append("\n\n");
        }
        String everything = all.append("*a*\n").toString();
        assertTrue(compare(everything).accepted != null, "the examples together are explained");
        assertTrue(compare(everything, broken.get(0)).different(), "an error among all accepted differences");
    }

    /** Each accepted difference is real, as its example shows, and its fix or rewrite explains exactly it. */
    @Test
    void everyAcceptedDifferenceIsRealAndExplained() {
        for (AcceptedDifference d : AcceptedDifference.values()) {
            assertEquals(d.ours, ours(d.example), d + ": our HTML for its example");
            assertEquals(d.theirs, ORACLE.html(d.example), d + ": commonmark-java's HTML for its example");
            Outcome o = compare(d.example);
            assertTrue(o.accepted != null && o.accepted.equals(Set.of(d)), d + " explains its example, alone: "
                    + (o.accepted == null ? "not explained" : o.accepted));
        }
    }
}
