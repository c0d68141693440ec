package dev.ocp.cli;

import dev.ocp.ProviderInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ocp spec} over small spec files and an engine whose HTML is known (the input, stripped, in a
 * paragraph), so that passes, failures and their reports are known in advance.
 */
class SpecCommandTest {
    private static final String FENCE = "`".repeat(32);
    private static final List<ProviderInfo> ONE = List.of(FakeEngine.simple("alpha", 10));

    @TempDir
    Path dir;

    private Path spec(String... examples) throws IOException {
        StringBuilder sb = new StringBuilder("# A spec\n\nProse before the first section.\n\n");
        for (String example : examples) {
            sb.append(example);
        }
        Path file = dir.resolve("spec.txt");
        Files.writeString(file, sb.toString());
        return file;
    }

    private static String example(String extension, String markdown, String html) {
        return FENCE + " example" + (extension.isEmpty() ? "" : " " + extension) + "\n" + markdown + ".\n" + html
                + FENCE + "\n\n";
    }

    @Test
    void countsPassesAndFailuresAndReportsEachFailure() throws IOException {
        Path file = spec(
                "## Paragraphs\n\n",
                example("", "hello\n", "<p>hello</p>\n"),
                example("", "\u2192tabbed\n", "<p>tabbed</p>\n"),
                "## Headings\n\n",
                example("", "# Title\n", "<h1>Title</h1>\n"));
        Run run = Run.with(ONE, "spec", file.toString());
        assertEquals(1, run.status(), run.toString());
        assertEquals("FAIL example 3 (Headings, line 21) [alpha]\n"
                + "  markdown: \"# Title\\n\"\n"
                + "  expected: \"<h1>Title</h1>\\n\"\n"
                + "  actual:   \"<p># Title</p>\\n\"\n"
                + "2 passed, 1 failed\n", run.out());
    }

    @Test
    void allPassingExits0AndEndsWithTheCountLine() throws IOException {
        Path file = spec(example("", "one\n", "<p>one</p>\n"), example("", "two\n", "<p>two</p>\n"));
        Run run = Run.with(ONE, "spec", "--engine", "alpha", file.toString());
        assertEquals(0, run.status(), run.toString());
        assertEquals("2 passed, 0 failed", run.lastLine());
    }

    @Test
    void extensionExamplesRunOnlyUnderGfmAndAreCountedWhenSkipped() throws IOException {
        Path file = spec(example("", "one\n", "<p>one</p>\n"),
                example("table", "| a |\n", "<table></table>\n"),
                example("disabled", "x\n", "<p>x</p>\n"));
        Run run = Run.with(ONE, "spec", file.toString());
        assertEquals(0, run.status(), run.toString());
        assertEquals("2 skipped, not counted below: examples for the GFM extensions table (they run with --dialect "
                + "gfm) and examples the file marks disabled\n1 passed, 0 failed\n", run.out());
    }

    @Test
    void allEnginesRunEachAndTheLastLineSumsThem() throws IOException {
        List<ProviderInfo> two = List.of(FakeEngine.simple("alpha", 20),
                FakeEngine.provider("shouty", 10, FakeEngine::reversed, md -> "<P>" + md.strip() + "</P>\n", true));
        Path file = spec(example("", "a\n", "<p>a</p>\n"));
        Run run = Run.with(two, "spec", "--engine", "all", file.toString());
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.out().contains("alpha: 1 passed, 0 failed\n"), run.toString());
        assertTrue(run.out().contains("FAIL example 1 (A spec, line 5) [shouty]\n"), run.toString());
        assertTrue(run.out().contains("shouty: 0 passed, 1 failed\n"), run.toString());
        assertEquals("1 passed, 1 failed", run.lastLine());
    }

    @Test
    void anEngineThatThrowsFailsTheExampleAndTheRunGoesOn() throws IOException {
        List<ProviderInfo> fussy = List.of(FakeEngine.provider("fussy", 1, FakeEngine::reversed, md -> {
            if (md.contains("boom")) {
                throw new IllegalStateException("renderer exploded");
            }
            return FakeEngine.paragraph(md);
        }, true));
        Path file = spec(example("", "boom\n", "<p>boom</p>\n"), example("", "calm\n", "<p>calm</p>\n"));
        Run run = Run.with(fussy, "spec", file.toString());
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.out().contains("  actual:   \"<threw java.lang.IllegalStateException: renderer exploded>\""),
                run.toString());
        assertEquals("1 passed, 1 failed", run.lastLine());
    }

    @Test
    void badFilesExit2WithAMessage() throws IOException {
        Run missing = Run.with(ONE, "spec", dir.resolve("missing.txt").toString());
        assertEquals(2, missing.status());
        assertEquals("ocp: no such file: " + dir.resolve("missing.txt") + "\n", missing.err());

        Path prose = dir.resolve("prose.txt");
        Files.writeString(prose, "# Just prose\n\nNo examples here.\n");
        Run empty = Run.with(ONE, "spec", prose.toString());
        assertEquals(2, empty.status());
        assertTrue(empty.err().contains("has no examples in spec.txt format"), empty.toString());

        Path onlyGfm = spec(example("strikethrough", "~~a~~\n", "<p><del>a</del></p>\n"));
        Run nothingRan = Run.with(ONE, "spec", onlyGfm.toString());
        assertEquals(2, nothingRan.status(), nothingRan.toString());
        assertTrue(nothingRan.err().contains("so nothing ran"), nothingRan.toString());
        assertFalse(nothingRan.out().contains("passed"), nothingRan.toString());
    }

    @Test
    void theCommonMarkSpecRunsThroughTheRealEngineAndEveryExampleIsCounted() throws IOException {
        // The spec from commonmark-test-util through the default engine: every example is counted, and the
        // reference engine passes them all.
        Path file = dir.resolve("spec.txt");
        try (var in = SpecCommandTest.class.getResourceAsStream("/spec.txt")) {
            Files.copy(in, file);
        }
        int examples = dev.ocp.tck.SpecExample.read(file).size();
        assertTrue(examples > 600, "spec.txt has " + examples + " examples");
        Run run = Run.installed("spec", file.toString());
        String[] counts = run.lastLine().split(" ");
        assertEquals(examples, Integer.parseInt(counts[0]) + Integer.parseInt(counts[2]), run.lastLine());
        assertEquals(examples + " passed, 0 failed", run.lastLine());
        assertEquals(0, run.status());
    }

    @Test
    void withoutAFileTheBundledCommonMarkSpecRuns() throws IOException {
        // The same 652 examples the jar carries: `ocp spec --engine E` needs nothing else on a new machine.
        int examples = dev.ocp.tck.SpecExample.readResource("/spec.txt").size();
        Run run = Run.installed("spec");
        assertEquals(examples + " passed, 0 failed", run.lastLine(), run.toString());
        assertEquals(652, examples, "the bundled spec is CommonMark 0.31.2");
        assertEquals(0, run.status());
    }
}
