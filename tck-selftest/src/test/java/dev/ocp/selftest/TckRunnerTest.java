package dev.ocp.selftest;

import dev.ocp.tck.SpiEngineTck;
import dev.ocp.tck.TckRunner;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static dev.ocp.selftest.KitRun.Outcome.PASSED;
import static dev.ocp.selftest.KitRun.Outcome.SKIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** {@link TckRunner} and {@link SpiEngineTck}: the kit run for an engine named at run time. */
class TckRunnerTest {

    private static List<String> run(String engine, TckRunner.Result[] result) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            result[0] = TckRunner.run(engine, out);
        }
        return Arrays.asList(bytes.toString(StandardCharsets.UTF_8).split("\n"));
    }

    /**
     * Counts as in {@link KitRun}: a parameterized check, or a test factory, is one check there, one per
     * invocation or dynamic test here.
     */
    @Test
    void runsTheKitForTheJavaEngineAndCountsLikeTheAdapter() {
        TckRunner.Result[] result = new TckRunner.Result[1];
        List<String> lines = run("java", result);
        KitRun adapter = TckSelfTest.java();
        assertEquals(0, result[0].failed(), () -> String.join("\n", lines));
        assertTrue(result[0].ok());
        assertTrue(result[0].passed() >= adapter.with(PASSED).size(), () -> result[0] + " vs " + adapter.outcomes);
        // Here a spec example listed as a known exception is a skip of its own; there its factory passed.
        long knownExceptions = lines.stream()
                .filter(l -> l.startsWith("SKIPPED ") && l.contains(": a known exception: "))
                .count();
        assertEquals(adapter.with(SKIPPED).size() + knownExceptions, result[0].skipped(),
                () -> String.join("\n", lines));
        assertEquals(result[0].passed() + " passed, 0 failed, " + result[0].skipped() + " skipped",
                lines.get(lines.size() - 1), "the last line sums up");
        for (String skipped : adapter.with(SKIPPED)) {
            String method = skipped.substring(skipped.indexOf('.') + 1);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("SKIPPED ") && l.contains(method + "()")
                    && l.length() > l.indexOf(method) + method.length() + 5),
                    () -> "the skip of " + skipped + " is printed with its reason:\n" + String.join("\n", lines));
        }
    }

    @Test
    void printsEveryFailureOfABrokenEngine() {
        TckRunner.Result[] result = new TckRunner.Result[1];
        List<String> lines = run(CopyingMutantProvider.NAME, result);
        assertEquals(4, result[0].failed(), () -> String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("FAILED  ")
                && l.contains("bytesAllocatesConstantHeapWhateverThePayloadSize()") && l.contains("copies")),
                () -> String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("FAILED  ")
                && l.contains("readingInPlaceAllocatesConstantHeap()")), () -> String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("FAILED  ")
                && l.contains("everyViewOfADocumentIsTheSameMemory()") && l.contains("a copy each")),
                () -> String.join("\n", lines));
        // bytes() is a copy and unsafeBytes() the engine's memory: the two are different memory.
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("FAILED  ")
                && l.contains("unsafeBytesIsTheSameMemoryAsBytes()") && l.contains("different memory")),
                () -> String.join("\n", lines));
        assertEquals(result[0].passed() + " passed, 4 failed, " + result[0].skipped() + " skipped",
                lines.get(lines.size() - 1));
    }

    @Test
    void anUnknownEngineFailsOnceSayingWhatExists() {
        TckRunner.Result[] result = new TckRunner.Result[1];
        List<String> lines = run("no-such-engine", result);
        assertEquals(new TckRunner.Result(0, 1, 0), result[0], () -> String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("FAILED  ") && l.contains("no-such-engine")
                && l.contains("java")), () -> String.join("\n", lines));
        assertEquals("0 passed, 1 failed, 0 skipped", lines.get(lines.size() - 1));
    }

    @Test
    void theSpiKitIsSkippedWithAReasonWhenNoEngineIsNamed() {
        Events containers = EngineTestKit.engine("junit-jupiter").selectors(selectClass(SpiEngineTck.class))
                .execute().containerEvents();
        assertEquals(1, containers.skipped().count(), "the kit is skipped as a whole");
        String reason = containers.skipped().list().get(0).getPayload(String.class).orElse("");
        assertTrue(reason.contains(SpiEngineTck.ENGINE_PARAMETER), reason);
    }
}
