package dev.ocp.cli;

import dev.ocp.ProviderInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ocp compare}: the payload check must catch engines that disagree, that are not deterministic, or
 * that keep memory after close; the table must have one row per engine. Runs are kept to a fraction of a
 * second; nothing here asserts on timings.
 */
class CompareCommandTest {
    private static final String SHORT = "0.05";
    private static final Pattern ROW = Pattern.compile("(?m)^  (\\S+)( \\*)?\\s+(\\d+\\.\\d) +(\\d+\\.?\\d* [nmu]?s) "
            + "+(\\S+ \\S+|n/a) +([\\d,]+) B +([\\d,]+)$");

    @TempDir
    Path dir;

    @Test
    void bundledSamplesWithTheInstalledEnginesPassAndGiveOneRowPerEngine() {
        Run run = Run.installed("compare", "--seconds", "0.3");
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().startsWith("ocp compare: " + Inputs.SAMPLES.size() + " sample documents bundled with "
                + "ocp"), run.toString());
        for (String sample : Inputs.SAMPLES) {
            assertTrue(run.out().contains("\n  " + sample + " "), "sample not listed: " + sample + "\n" + run);
        }
        Matcher rows = ROW.matcher(run.out());
        int count = 0;
        boolean sawDefault = false;
        while (rows.find()) {
            count++;
            sawDefault |= rows.group(2) != null;
            assertEquals("0", rows.group(6), "live bytes after close: " + rows.group());
            assertTrue(Long.parseLong(rows.group(7).replace(",", "")) >= Inputs.SAMPLES.size(), rows.group());
        }
        assertEquals(dev.ocp.Ocp.providers().stream().filter(ProviderInfo::available).count(), count,
                run.toString());
        assertTrue(sawDefault, "no row marks the default engine:\n" + run);
    }

    @Test
    void identicalEnginesAreReportedIdentical() throws IOException {
        Path doc = write("a.md", "# A\n\ntext\n");
        Run run = Run.with(List.of(FakeEngine.simple("alpha", 20), FakeEngine.simple("beta", 10)),
                "compare", "--seconds", SHORT, doc.toString());
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().contains("payloads: byte-identical across all 2 engines for all 1 documents"),
                run.toString());
        assertTrue(run.out().contains("engines: alpha, beta (alpha is the reference)"), run.toString());
        assertTrue(run.out().contains("\n  alpha * "), run.toString());
        assertTrue(run.out().contains("\n  beta   "), run.toString());
    }

    @Test
    void differingPayloadsNameTheFirstDocumentAndOffsetAndExit1() throws IOException {
        write("docs/1-same.md", "ab\n");
        write("docs/2-differs.md", "0123456789 the eleventh byte differs\n");
        write("docs/3-differs-too.md", "0123456789 and here as well\n");
        ProviderInfo skewed = FakeEngine.provider("skewed", 5, input -> {
            byte[] out = FakeEngine.reversed(input);
            if (out.length > 10) {
                out[10] ^= 0x20;
            }
            return out;
        }, FakeEngine::paragraph, true);
        Run run = Run.with(List.of(FakeEngine.simple("java", 10), skewed), "compare", "--seconds", SHORT,
                dir.resolve("docs").toString());
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.out().contains("payloads: NOT identical"), run.toString());
        assertTrue(run.out().contains("  - payloads differ: 2-differs.md parsed by 'skewed' and by 'java' first "
                + "differ at byte offset 10 ("), run.toString());
        assertFalse(run.out().contains("3-differs-too.md parsed"), "only the first differing document is named");
        // Both engines still get their row: the numbers are worth seeing even when the bytes disagree.
        assertTrue(run.out().contains("\n  skewed "), run.toString());
    }

    @Test
    void theJavaEngineIsTheReferenceWhateverItsPriority() throws IOException {
        Path doc = write("a.md", "text\n");
        Run run = Run.with(List.of(FakeEngine.simple("fast", 90), FakeEngine.simple("java", 10)),
                "compare", "--seconds", SHORT, doc.toString());
        assertTrue(run.out().contains("engines: java, fast (java is the reference)"), run.toString());
    }

    @Test
    void payloadsOfDifferentLengthAreReported() {
        assertEquals("agree on their first 3 bytes, but a's payload is 3 bytes long and b's 5",
                CompareCommand.difference(new byte[] {1, 2, 3}, new byte[] {1, 2, 3, 4, 5}, "a", "b"));
        assertEquals("first differ at byte offset 1 (a: 0x02, b: 0xff; sizes 2 and 2)",
                CompareCommand.difference(new byte[] {1, 2}, new byte[] {1, (byte) 0xff}, "a", "b"));
    }

    @Test
    void anEngineThatIsNotDeterministicIsReported() throws IOException {
        Path doc = write("a.md", "some text\n");
        AtomicInteger calls = new AtomicInteger();
        ProviderInfo wobbly = FakeEngine.provider("wobbly", 10, input -> {
            byte[] out = FakeEngine.reversed(input);
            out[0] += (byte) calls.incrementAndGet();
            return out;
        }, FakeEngine::paragraph, true);
        Run run = Run.with(List.of(wobbly), "compare", "--seconds", SHORT, doc.toString());
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.out().contains("engine 'wobbly' is not deterministic: two parses of " + doc + " first differ "
                + "at byte offset 0"), run.toString());
    }

    @Test
    void anEngineStillGettingFasterWhenItsWarmUpEndsIsSaidToBe() throws IOException {
        Path doc = write("a.md", "some text\n");
        // Parses 10% quicker every 40 ms of its life, without end, as a JIT's steps would be (counted in time, not
        // parses, so that the steps never run out before the warm-up's limit of ten times the engine's 0.05 s of
        // measuring): it never reaches a steady time, and the table must say so.
        long born = System.nanoTime();
        ProviderInfo warming = FakeEngine.provider("warming", 10, input -> {
            long spin = (long) (200_000 * Math.pow(0.9, (System.nanoTime() - born) / 40e6));
            long until = System.nanoTime() + spin;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return FakeEngine.reversed(input);
        }, FakeEngine::paragraph, true);
        Run run = Run.with(List.of(warming), "compare", "--seconds", SHORT, doc.toString());
        assertEquals(0, run.status(), run.toString());
        Matcher warmUp = Pattern.compile("\\(warming (\\d+\\.\\d) s, still getting faster\\)").matcher(run.out());
        assertTrue(warmUp.find(), run.toString());
        assertTrue(Double.parseDouble(warmUp.group(1)) >= 0.5, "warmed up to the limit: " + warmUp.group());
        assertTrue(run.out().contains("An engine still getting faster was measured before the JIT was done with it"),
                run.toString());
    }

    @Test
    void anEngineThatKeepsMemoryAfterCloseIsReported() throws IOException {
        Path doc = write("a.md", "some text\n");
        ProviderInfo leaky = FakeEngine.provider("leaky", 10, FakeEngine::reversed, FakeEngine::paragraph, false);
        Run run = Run.with(List.of(leaky), "compare", "--seconds", SHORT, doc.toString());
        assertEquals(1, run.status(), run.toString());
        Matcher row = ROW.matcher(run.out());
        assertTrue(row.find(), run.toString());
        assertFalse(row.group(6).equals("0"), row.group());
        assertTrue(run.out().contains("engine 'leaky' still holds "), run.toString());
        assertTrue(run.out().contains("close() does not free what parse() allocated"), run.toString());
    }

    @Test
    void anEngineThatFailsOnADocumentIsReportedAndNotMeasured() throws IOException {
        write("d/ok.md", "fine\n");
        write("d/poison.md", "poison\n");
        ProviderInfo fragile = FakeEngine.provider("fragile", 5, input -> {
            if (new String(input, java.nio.charset.StandardCharsets.UTF_8).startsWith("poison")) {
                throw new dev.ocp.OcpException(dev.ocp.OcpException.Code.INTERNAL, "cannot cope");
            }
            return FakeEngine.reversed(input);
        }, FakeEngine::paragraph, true);
        Run run = Run.with(List.of(FakeEngine.simple("java", 10), fragile), "compare", "--seconds", SHORT,
                dir.resolve("d").toString());
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.out().contains("engine 'fragile' failed on poison.md: dev.ocp.OcpException: [INTERNAL] cannot "
                + "cope"), run.toString());
        assertFalse(run.out().contains("\n  fragile "), "a failing engine has no row:\n" + run);
        assertTrue(run.out().contains("\n  java "), run.toString());
    }

    @Test
    void directoriesContributeEveryMarkdownFileBelowThemAndFilesAreTakenAsGiven() throws IOException {
        write("tree/a.md", "a\n");
        write("tree/sub/b.markdown", "b\n");
        write("tree/sub/deeper/c.MDX", "c\n");
        write("tree/notes.txt", "not markdown\n");
        Path extra = write("extra.text", "taken because it was named\n");
        Run run = Run.with(List.of(FakeEngine.simple("alpha", 1)), "compare", "--seconds", SHORT,
                dir.resolve("tree").toString(), extra.toString());
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().startsWith("ocp compare: 4 documents"), run.toString());
        for (String name : new String[] {"a.md", "sub/b.markdown", "sub/deeper/c.MDX", extra.toString()}) {
            assertTrue(run.out().contains("\n  " + name + " "), name + " not listed:\n" + run);
        }
        assertFalse(run.out().contains("notes.txt"), run.toString());
    }

    @Test
    void badInputsAndOptionsExit2() throws IOException {
        List<ProviderInfo> one = List.of(FakeEngine.simple("alpha", 1));
        Files.createDirectories(dir.resolve("empty"));
        Run empty = Run.with(one, "compare", dir.resolve("empty").toString());
        assertEquals(2, empty.status());
        assertEquals("ocp: no *.md, *.markdown or *.mdx file under " + dir.resolve("empty") + "\n", empty.err());

        Run missing = Run.with(one, "compare", dir.resolve("gone").toString());
        assertEquals(2, missing.status());
        assertEquals("ocp: no such file or directory: " + dir.resolve("gone") + "\n", missing.err());

        for (String seconds : new String[] {"0", "-1", "soon", "NaN", "7200"}) {
            Run bad = Run.with(one, "compare", "--seconds", seconds);
            assertEquals(2, bad.status(), bad.toString());
            assertTrue(bad.err().contains("--seconds wants a number of seconds above 0 and at most 3600, not '"
                    + seconds + "'"), bad.toString());
        }
        Run noEngine = Run.with(List.of(FakeEngine.unavailable("gamma", "no library")), "compare");
        assertEquals(2, noEngine.status());
        assertTrue(noEngine.err().contains("no OCP engine can run here: gamma (unavailable: no library)"),
                noEngine.toString());
    }

    @Test
    void enginesWithoutTheDialectAreLeftOutAndSaidSo() {
        Run run = Run.with(List.of(FakeEngine.simple("alpha", 1)), "compare", "--dialect", "mdx");
        assertEquals(2, run.status(), run.toString());
        assertEquals("ocp: engine 'alpha' does not parse mdx yet (see the syntax in 'ocp engines'); use "
                + "--dialect commonmark\n", run.err());
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }
}
