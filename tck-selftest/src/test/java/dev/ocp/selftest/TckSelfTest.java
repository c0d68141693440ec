package dev.ocp.selftest;

import dev.ocp.tck.OcpTck;
import dev.ocp.tck.SpecExample;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

/**
 * Tests the TCK with engines broken on purpose (docs/ownership.md): each mutant must fail exactly the checks meant to
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

    /**
     * Checks the kit's after-check balance (every engine of a check ends with no live document and no live
     * byte) cannot see a leak or a double free in: they allocate nothing, or leave documents open or dropped on
     * purpose and assert what becomes of them themselves. Every other check catches the LEAK and DOUBLE_FREE
     * mutants, at the latest after it ran.
     */
    static final Set<String> BALANCE_BLIND = Set.of(
            "EngineClose.closingADocumentAfterItsEngineClosedDoesNothing",
            "EngineClose.engineCloseIsIdempotent",
            "EngineClose.parseAfterEngineCloseFailsWithClosed",
            "EntryPoints.unsupportedDialectIsRefusedWithUnsupported",
            "Limits.inputOverMaxInputBytesIsRefusedWhateverItsForm",
            "SafetyNet.countLevelRecordsNoCreationSite",
            "SafetyNet.trackLevelRecordsWhereTheDocumentWasCreated");

    /** What each mutant must fail: no more, no less (LEAK and DOUBLE_FREE: see {@link #expected}). */
    static final Map<Mutation, Set<String>> EXPECTED = new EnumMap<>(Mutation.class);

    static {
        // A leak also keeps the memory pressure up after every document is closed.
        Set<String> leak = new TreeSet<>(BALANCE);
        leak.add("Limits.pressureListenerHearsEveryLevelChange");
        EXPECTED.put(Mutation.LEAK, leak);
        // Freeing twice drives the counts below zero, which pressure reads as LOW: only the balance shows it.
        EXPECTED.put(Mutation.DOUBLE_FREE, BALANCE);
        // (The walk check closes a document a second time once its walk ended: it sees the second free too.)
        EXPECTED.put(Mutation.RECLOSE, Set.of(
                "Ownership.closeIsIdempotent",
                "Ownership.aCloseFromInsideItsOwnWalkThrowsInsteadOfHanging",
                "EngineClose.closingADocumentAfterItsEngineClosedDoesNothing"));
        EXPECTED.put(Mutation.COPY, Set.of(
                "ZeroCopy.bytesAllocatesConstantHeapWhateverThePayloadSize",
                "ZeroCopy.readingInPlaceAllocatesConstantHeap"));
        // The flipped letter also shows in the HTML of the spec examples (and markdown-rs's cases) that have text.
        EXPECTED.put(Mutation.FLIP, Set.of(
                "Conformance.commonMarkSpec",
                "Conformance.gfmSpec",
                "Conformance.markdownRsCases",
                "Differential.identicalToTheReferenceOnTheSpecExamples",
                "Differential.identicalToTheReferenceOnGeneratedInputs",
                "Mdast.theMdastOfEverySpecExampleAndGeneratedDocumentIsTheJsToolchains"));
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
        // Its example is the first of both spec files.
        EXPECTED.put(Mutation.MISRENDERS_ONE_EXAMPLE, Set.of("Conformance.commonMarkSpec", "Conformance.gfmSpec"));
        EXPECTED.put(Mutation.ARENA_UNCONFINED, Set.of(
                "Misuse.aConfinedArenaRefusesEveryOtherThread",
                "Misuse.aSharedArenaServesAThreadPoolWithoutMixingDocumentsUp"));
        EXPECTED.put(Mutation.VIEW_RECYCLED, Set.of(
                "Misuse.viewsKeptPastCloseShowTheirOwnDocumentOrThrow",
                "Misuse.viewsKeptPastAnArenaResetShowTheirOwnDocumentOrThrow"));
        EXPECTED.put(Mutation.NODE_RECYCLED, Set.of("Misuse.nodesKeptFromAWalkAnswerForThemselvesOrThrow"));
        EXPECTED.put(Mutation.STUBBORN_THREAD, Set.of("Misuse.threadsTheEngineStartsAreDaemonsThatStopWhenInterrupted"));
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
            case MISRENDERS_ONE_EXAMPLE:
                return Kits.MisrendersKit.class;
            case ARENA_UNCONFINED:
                return Kits.ArenaUnconfinedKit.class;
            case VIEW_RECYCLED:
                return Kits.ViewRecycledKit.class;
            case NODE_RECYCLED:
                return Kits.NodeRecycledKit.class;
            case STUBBORN_THREAD:
                return Kits.StubbornThreadKit.class;
            default:
                throw new AssertionError(m);
        }
    }

    /**
     * What a mutant must fail. A leak or a double free unbalances the counters, which the kit checks after every
     * check: every check that allocates must catch them; the checks listed in {@link #EXPECTED} must catch them
     * by their own assertions too (they are among those).
     */
    static Set<String> expected(Mutation mutation, KitRun control) {
        if (mutation != Mutation.LEAK && mutation != Mutation.DOUBLE_FREE) {
            return EXPECTED.get(mutation);
        }
        Set<String> all = minus(control.with(PASSED), BALANCE_BLIND);
        assertTrue(all.containsAll(EXPECTED.get(mutation)), "the balance checks are among the allocating ones");
        return all;
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
            String reason = java.reasons.getOrDefault(skipped, "");
            assertFalse(reason.isBlank(), () -> skipped + " was skipped without a reason");
            // With the kit and the reference engine on the class path and nothing else (this module's test
            // dependencies), a check skips only because it does not apply, never for want of data.
            assertTrue(reason.contains("does not declare") || reason.contains("is the reference itself"),
                    () -> skipped + " was skipped for another reason than not applying: " + reason);
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
    void theConformanceCheckIsOneTestPerExampleAndNamesTheOneThatFails() throws Exception {
        int examples = SpecExample.readResource("/spec.txt").size();
        int gfmExamples = SpecExample.readResource("/gfm-spec.txt").size();
        assertTrue(examples > 600 && gfmExamples > 600, "the spec files come with the kit");
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectNestedClass(List.of(Kits.MisrendersKit.class), OcpTck.Conformance.class))
                .execute().testEvents();
        // Every example ran as a test of its own, of both files (the mutant, over the java engine, parses GFM),
        // and so did every one of markdown-rs's cases (it parses frontmatter and math too).
        assertEquals(examples + gfmExamples + markdownRsCases(), tests.started().count());
        // The misrendered example is the first of both files, and nothing else fails.
        assertEquals(2, tests.failed().count(), "only the misrendered example fails");
        for (Event failed : tests.failed().list()) {
            assertTrue(failed.getTestDescriptor().getDisplayName().startsWith("example 1 ("),
                    failed.getTestDescriptor().getDisplayName());
            String message = failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable()
                    .orElseThrow().getMessage();
            assertTrue(message.contains("<code class=\"language-\">"), message);
        }
    }

    /**
     * The number of cases in the kit's file of markdown-rs's cases, all of which the java engine's dialects run (its
     * format: a line {@code case SOURCE EXTENSIONS NAME} each).
     */
    private static long markdownRsCases() throws java.io.IOException {
        try (java.io.InputStream in = OcpTck.class.getResourceAsStream("/ocp-tck/markdown-rs-cases.txt")) {
            assertNotNull(in, "the kit brings markdown-rs's cases");
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> line.startsWith("case ")).count();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mutation.class, mode = EnumSource.Mode.EXCLUDE, names = "NONE")
    void eachMutantFailsExactlyTheChecksMeantToCatchIt(Mutation mutation) {
        KitRun control = run(Kits.ControlKit.class);
        KitRun mutant = run(kit(mutation));
        Set<String> expected = expected(mutation, control);
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
