package dev.ocp.selftest;

import dev.ocp.tck.OcpTck;
import dev.ocp.tck.SpecExample;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static dev.ocp.selftest.KitRun.Outcome.FAILED;
import static dev.ocp.selftest.KitRun.Outcome.PASSED;
import static dev.ocp.selftest.KitRun.Outcome.SKIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

/**
 * Tests the TCK with engines broken on purpose (design §8): each mutant must fail exactly the checks meant to
 * catch its defect and pass every other check the unbroken harness passes; the real java engine must pass
 * everything that applies to it.
 */
class TckSelfTest {

    /** Checks that catch a backend whose frees do not balance its allocations (leaks and double frees). */
    static final Set<String> BALANCE = Set.of(
            "Arenas.arenaCloseFreesItsRegionOnce",
            "Arenas.arenaHoldsManyDocumentsEqualToPlainOnes",
            "Arenas.droppedArenaIsFreedAndReportedAsLeak",
            "Arenas.resetFreesEveryDocumentAtOnce",
            "BadInput.deepNesting",
            "BadInput.hugeLines",
            "BadInput.invalidUtf8",
            "BadInput.nulBytes",
            "BadInput.pathologicalPatterns",
            "BadInput.randomBytes",
            "Concurrency.closeFromAnotherThreadFreesAtOnce",
            "Concurrency.closeFromTheRenderersOwnAppendableStopsTheRenderingInsteadOfWaitingForIt",
            "Concurrency.documentsClosedOnOneThreadWhileAnotherParses",
            "Concurrency.engineCloseWhileThreadsParse",
            "Concurrency.parsingFromManyThreadsGivesTheSameBytesAsOneThread",
            "EngineClose.cleanRunEndsWithNothingLive",
            "EngineClose.engineCloseFreesAndReportsOpenArenas",
            "EngineClose.engineCloseFreesAndReportsOpenDocuments",
            "Ownership.closeFreesThePayloadBeforeItReturns",
            "Ownership.liveCountsFollowEveryClose",
            "SafetyNet.closeRacingTheSafetyNetNeverFreesTwice",
            "SafetyNet.closedDocumentIsNeverReportedWhenCollected",
            "SafetyNet.droppedDocumentIsFreedAndReportedAsLeak",
            "SafetyNet.offLevelCountsNothingButStillFrees");

    /** What each mutant must fail: no more, no less. */
    static final Map<Mutation, Set<String>> EXPECTED = new EnumMap<>(Mutation.class);

    static {
        // A leak also keeps the memory pressure up after every document is closed.
        Set<String> leak = new TreeSet<>(BALANCE);
        leak.add("Limits.pressureListenerHearsEveryLevelChange");
        EXPECTED.put(Mutation.LEAK, leak);
        // Freeing twice drives the counts below zero, which pressure reads as LOW: only the balance shows it.
        EXPECTED.put(Mutation.DOUBLE_FREE, BALANCE);
        EXPECTED.put(Mutation.RECLOSE, Set.of(
                "Ownership.closeIsIdempotent",
                "EngineClose.closingADocumentAfterItsEngineClosedDoesNothing"));
        EXPECTED.put(Mutation.COPY, Set.of(
                "ZeroCopy.bytesAllocatesConstantHeapWhateverThePayloadSize",
                "ZeroCopy.readingInPlaceAllocatesConstantHeap"));
        EXPECTED.put(Mutation.FLIP, Set.of(
                "Differential.identicalToTheReferenceOnTheSpecExamples",
                "Differential.identicalToTheReferenceOnGeneratedInputs"));
        EXPECTED.put(Mutation.USE_AFTER_CLOSE, Set.of(
                "Ownership.everyAccessAfterCloseThrowsIllegalState",
                "EngineClose.engineCloseFreesAndReportsOpenDocuments",
                "EngineClose.engineCloseFreesAndReportsOpenArenas",
                "Concurrency.closeFromAnotherThreadFreesAtOnce",
                "Arenas.resetFreesEveryDocumentAtOnce",
                "Arenas.arenaCloseFreesItsRegionOnce",
                "Arenas.closingAnArenaDocumentKeepsItsRoomUntilReset"));
        EXPECTED.put(Mutation.NO_LIMITS, Set.of(
                "Limits.maxNodesHoldsExactlyAtTheBoundary",
                "Limits.maxNestingDepthIsEnforced",
                "Limits.maxInlineNestingIsEnforced",
                "Arenas.parseLimitsHoldInArenas"));
        EXPECTED.put(Mutation.LEAK_LEVEL_IGNORED, Set.of(
                "SafetyNet.trackLevelRecordsWhereTheDocumentWasCreated",
                "SafetyNet.offLevelCountsNothingButStillFrees"));
        EXPECTED.put(Mutation.IGNORES_POSITION, Set.of(
                "EntryPoints.everyEntryPointGivesTheSamePayload"));
        EXPECTED.put(Mutation.UNGUARDED_READS, Set.of(
                "Concurrency.closeOnAnotherThreadWhileReadingThroughTheApiNeverShowsFreedMemory"));
    }

    /**
     * Checks a mutant may also fail, depending on thread timing: never required, never a reason to pass it.
     * RECLOSE frees again when a document's close() finds it already freed, which in
     * engineCloseWhileThreadsParse happens only when a close races the engine's close on another thread.
     */
    static final Map<Mutation, Set<String>> MAY_ALSO_FAIL = Map.of(
            Mutation.RECLOSE, Set.of("Concurrency.engineCloseWhileThreadsParse"));

    private static final Map<Class<?>, KitRun> RUNS = new ConcurrentHashMap<>();

    static KitRun run(Class<?> kit) {
        return RUNS.computeIfAbsent(kit, KitRun::of);
    }

    static Class<?> kit(Mutation m) {
        switch (m) {
            case NONE:
                return Kits.ControlKit.class;
            case LEAK:
                return Kits.LeakingKit.class;
            case DOUBLE_FREE:
                return Kits.DoubleFreeKit.class;
            case RECLOSE:
                return Kits.RecloseKit.class;
            case COPY:
                return Kits.CopyingKit.class;
            case FLIP:
                return Kits.FlippingKit.class;
            case USE_AFTER_CLOSE:
                return Kits.UseAfterCloseKit.class;
            case NO_LIMITS:
                return Kits.NoLimitsKit.class;
            case LEAK_LEVEL_IGNORED:
                return Kits.LeakLevelIgnoredKit.class;
            case IGNORES_POSITION:
                return Kits.IgnoresPositionKit.class;
            case UNGUARDED_READS:
                return Kits.UnguardedReadsKit.class;
            default:
                throw new AssertionError(m);
        }
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    @Test
    void theJavaEnginePassesEveryCheckThatApplies() {
        KitRun java = run(Kits.JavaKit.class);
        assertEquals(Set.of(), java.with(FAILED), () -> "the java engine fails:" + java.describe(java.with(FAILED)));
        assertEquals(0, java.containerFailures, java.reasons::toString);
        Set<String> passed = java.with(PASSED);
        assertTrue(passed.size() >= 40, () -> "only " + passed.size() + " checks apply to the java engine: " + passed);
        for (String skipped : java.with(SKIPPED)) {
            assertFalse(java.reasons.getOrDefault(skipped, "").isBlank(), () -> skipped + " was skipped without a reason");
        }
        System.out.println("java engine: " + passed.size() + " checks passed, " + java.with(SKIPPED).size()
                + " skipped:" + java.describe(java.with(SKIPPED)));
    }

    @Test
    void theUnbrokenHarnessPassesWhatJavaPassesAndTheDifferentialChecks() {
        KitRun java = run(Kits.JavaKit.class);
        KitRun control = run(Kits.ControlKit.class);
        assertEquals(Set.of(), control.with(FAILED), () -> "the harness itself fails:"
                + control.describe(control.with(FAILED)));
        assertEquals(Set.of(), minus(java.with(PASSED), control.with(PASSED)),
                "the harness passes every check the java engine passes");
        // java is the reference and skips comparing with itself; the harness is compared with it.
        assertEquals(Set.of("Differential.identicalToTheReferenceOnTheSpecExamples",
                "Differential.identicalToTheReferenceOnGeneratedInputs"),
                minus(control.with(PASSED), java.with(PASSED)));
    }

    @Test
    void theConformanceCheckFailsBelowItsFloor() throws Exception {
        int examples = SpecExample.readResource("/spec.txt").size();
        assertTrue(examples > 600, "spec.txt is on the class path");
        String before = System.getProperty("ocp.tck.specFloor");
        System.setProperty("ocp.tck.specFloor", Integer.toString(examples + 1));
        try {
            Events tests = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectNestedClass(List.of(Kits.JavaKit.class), OcpTck.Conformance.class))
                    .execute().testEvents();
            assertEquals(1, tests.failed().count(), "no engine passes more examples than there are");
            String message = tests.failed().list().get(0).getPayload(TestExecutionResult.class).orElseThrow()
                    .getThrowable().orElseThrow().getMessage();
            assertTrue(message.contains("of " + examples + " CommonMark spec examples pass (floor " + (examples + 1)),
                    message);
        } finally {
            if (before == null) {
                System.clearProperty("ocp.tck.specFloor");
            } else {
                System.setProperty("ocp.tck.specFloor", before);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mutation.class, mode = EnumSource.Mode.EXCLUDE, names = "NONE")
    void eachMutantFailsExactlyTheChecksMeantToCatchIt(Mutation mutation) {
        KitRun control = run(Kits.ControlKit.class);
        KitRun mutant = run(kit(mutation));
        Set<String> expected = EXPECTED.get(mutation);
        assertEquals(Set.of(), minus(expected, control.with(PASSED)),
                "a check meant to catch a mutant must pass for the unbroken harness, or it cannot tell them apart");
        Set<String> racy = MAY_ALSO_FAIL.getOrDefault(mutation, Set.of());
        Set<String> failed = minus(mutant.with(FAILED), racy);
        assertEquals(new TreeSet<>(expected), failed, () -> mutation + " should fail exactly " + expected
                + "\n missed (passed though meant to catch it):" + mutant.describe(minus(expected, failed))
                + "\n unexpected failures:" + mutant.describe(minus(failed, expected)));
        assertEquals(minus(minus(control.with(PASSED), expected), racy), minus(mutant.with(PASSED), racy),
                () -> mutation + " passes every other check the harness passes");
        assertEquals(0, mutant.containerFailures, mutant.reasons::toString);
    }
}
