package dev.ocp.selftest;

import dev.ocp.tck.OcpTck;
import dev.ocp.tck.SpecExample;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.ocp.selftest.KitRun.Outcome.FAILED;
import static dev.ocp.selftest.KitRun.Outcome.PASSED;
import static dev.ocp.selftest.KitRun.Outcome.SKIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedClass;

/**
 * Tests the TCK with engines broken on purpose (docs/ownership.md): each mutant must fail exactly the checks meant to
 * catch its defect and pass every other check the unbroken harness passes; the real java engine must pass
 * everything that applies to it.
 */
class TckSelfTest {

    /** Says, in the build's log, which checks this JVM's kit runs spent their time on. */
    @AfterAll
    static void printTheSlowestChecks() {
        System.out.println("TckSelfTest: the checks that took longest over this JVM's kit runs:" + KitRun.slowest(12));
    }


    /**
     * Every check of the kit, by suite and method: the java engine must run exactly these (a check that vanishes, or
     * one added without being listed here, fails the self-test).
     */
    static final Set<String> CHECKS = Set.of(
            "Arenas.arenaCapacityExceededFailsWithOutOfMemoryAndKeepsWhatItHad",
            "Arenas.arenaCloseFreesItsRegionOnce",
            "Arenas.arenaHoldsManyDocumentsEqualToPlainOnes",
            "Arenas.closingAnArenaDocumentKeepsItsRoomUntilReset",
            "Arenas.droppedArenaIsFreedAndReportedAsLeak",
            "Arenas.parseLimitsHoldInArenas",
            "Arenas.resetFreesEveryDocumentAtOnce",
            "Chunks.aStringGivesTheChunksOfItsUtf8",
            "Chunks.generatedDocumentsKeepEveryPromise",
            "Chunks.largeBlocksSplitWhereTheyMay",
            "Chunks.lineEndingsAndEveryKindOfUtf8KeepEveryPromise",
            "Chunks.realReadmesKeepEveryPromise",
            "Chunks.sharedCorpusKeepsEveryPromise",
            "BadInput.deepNesting",
            "BadInput.hugeLines",
            "BadInput.invalidUtf8",
            "BadInput.nulBytes",
            "BadInput.parseTimeGrowsLinearlyWithPathologicalInput",
            "BadInput.pathologicalGfmPatterns",
            "BadInput.pathologicalMathAndFrontmatterPatterns",
            "BadInput.pathologicalMdxPatterns",
            "BadInput.pathologicalPatterns",
            "BadInput.randomBytes",
            "Concurrency.closeFromAnotherThreadFreesAtOnce",
            "Concurrency.closeFromTheJsonRenderersOwnAppendableStopsTheRendering",
            "Concurrency.closeFromTheMdastRenderersOwnAppendableStopsTheRendering",
            "Concurrency.closeFromTheRenderersOwnAppendableStopsTheRenderingInsteadOfWaitingForIt",
            "Concurrency.closeOnAnotherThreadWhileReadingThroughTheApiNeverShowsFreedMemory",
            "Concurrency.documentsClosedOnOneThreadWhileAnotherParses",
            "Concurrency.engineCloseWhileThreadsParse",
            "Concurrency.oneDocumentIsReadFromManyThreadsAtOnce",
            "Concurrency.parsingFromManyThreadsGivesTheSameBytesAsOneThread",
            "Conformance.alertsAndHeadingIds",
            "Conformance.commonMarkSpec",
            "Conformance.gfmSpec",
            "Conformance.markdownRsCases",
            "Differential.identicalToTheReferenceOnGeneratedInputs",
            "Differential.identicalToTheReferenceOnTheSpecExamples",
            "EngineClose.cleanRunEndsWithNothingLive",
            "EngineClose.closingADocumentAfterItsEngineClosedDoesNothing",
            "EngineClose.engineCloseFreesAndReportsOpenArenas",
            "EngineClose.engineCloseFreesAndReportsOpenDocuments",
            "EngineClose.engineCloseIsIdempotent",
            "EngineClose.parseAfterEngineCloseFailsWithClosed",
            "EntryPoints.everyEntryPointGivesTheSamePayload",
            "EntryPoints.parsingIsDeterministicWhateverCameBefore",
            "EntryPoints.supportedDialectsAndExtensionsAreRecordedInThePayload",
            "EntryPoints.undeclaredDialectsAndExtensionsAreRefusedWithUnsupported",
            "Limits.eightThreadsParsingAgainstATightLimitNeverCrossIt",
            "Limits.inputOfExactlyMaxInputBytesIsAccepted",
            "Limits.inputOverMaxInputBytesIsRefusedWhateverItsForm",
            "Limits.maxInlineNestingIsEnforced",
            "Limits.maxNestingDepthIsEnforced",
            "Limits.maxNodesHoldsExactlyAtTheBoundary",
            "Limits.memoryLimitFailsWithOutOfMemoryAndLeavesNothing",
            "Limits.pressureListenerHearsEveryLevelChange",
            "Limits.smallDocumentsHeldOpenAreRefusedAtTheLimit",
            "MarkdownOutput.commonMarkSpecRoundTrips",
            "MarkdownOutput.gfmSpecRoundTrips",
            "Mdast.aTagAloneAboveADelimiterRowIsAnHtmlBlockToMicromark",
            "Mdast.theMdastOfAnyInputIsStrictJson",
            "Mdast.theMdastOfEveryDirectiveCaseIsTheJsToolchainsButTheAcceptedOnes",
            "Mdast.theMdastOfEveryGeneratedDocumentIsTheJsToolchainsButTheListedOnes",
            "Mdast.theMdastOfEveryMarkdownRsInputIsTheJsToolchainsButTheListedOnes",
            "Mdast.theMdastOfEverySpecExampleIsTheJsToolchains",
            "Mdast.theMdastOfTheLargeGeneratedSetIsTheJsToolchainsButTheListedOnes",
            "Transforms.aTransformOfSomeKindsIsTheSameAsOneOfEveryNode",
            "Transforms.aTransformThatChangesNothingGivesTheSameBytes",
            "Transforms.everyTransformIsAValidDocumentThatRoundTrips",
            "Transforms.theResultIsTheSameWhicheverEngineParsedTheSource",
            "Transforms.unwrappingEmphasisTakesExactlyItsTagsOutOfTheHtml",
            "Misuse.aConfinedArenaRefusesEveryOtherThread",
            "Misuse.aNodeKeptFromACursorStaysWhereItWas",
            "Misuse.aSharedArenaServesAThreadPoolWithoutMixingDocumentsUp",
            "Misuse.nodesKeptFromAWalkAnswerForThemselvesOrThrow",
            "Misuse.threadsTheEngineStartsAreDaemonsThatStopWhenInterrupted",
            "Misuse.threadsTheEngineStartsPinNoClassLoaderAndEndOnceItIsClosed",
            "Misuse.unsafeBytesIsTheSameMemoryAsBytes",
            "Misuse.viewsKeptPastAnArenaResetShowTheirOwnDocumentOrThrow",
            "Misuse.viewsKeptPastCloseShowTheirOwnDocumentOrThrow",
            "Ownership.aCloseFromInsideItsOwnWalkThrowsInsteadOfHanging",
            "Ownership.bytesIsAReadOnlyLittleEndianViewOfTheWholePayload",
            "Ownership.closeFreesThePayloadBeforeItReturns",
            "Ownership.closeIsIdempotent",
            "Ownership.closingOneDocumentLeavesOthersIntact",
            "Ownership.cursorMadeBeforeCloseThrowsAfterIt",
            "Ownership.everyAccessAfterCloseThrowsIllegalState",
            "Ownership.liveCountsFollowEveryClose",
            "Ownership.payloadIsReadableWhileOpen",
            "Ownership.retainedBytesViewThrowsAfterCloseWithScopedViews",
            "PayloadValidity.everyMdxPayloadIsValidOrTheInputIsASyntaxError",
            "PayloadValidity.everyPayloadDescribesItsInputAndFormsOneTree",
            "PayloadValidity.everyPayloadPassesTheValidator",
            "SafetyNet.closeRacingTheSafetyNetNeverFreesTwice",
            "SafetyNet.closedDocumentIsNeverReportedWhenCollected",
            "SafetyNet.countLevelRecordsNoCreationSite",
            "SafetyNet.droppedDocumentIsFreedAndReportedAsLeak",
            "SafetyNet.offLevelCountsNothingButStillFrees",
            "SafetyNet.trackLevelRecordsWhereTheDocumentWasCreated",
            "ZeroCopy.bytesAllocatesConstantHeapWhateverThePayloadSize",
            "ZeroCopy.offHeapParseAllocatesNoHeapInProportionToSize",
            "ZeroCopy.everyViewOfADocumentIsTheSameMemory",
            "ZeroCopy.noDirectBufferHoldsACopyOfThePayload",
            "ZeroCopy.readingInPlaceAllocatesConstantHeap");

    /** The checks that do not apply to the java engine, each with words its reason for skipping must contain. */
    static final Map<String, String> JAVA_SKIPS = Map.of(
            "Differential.identicalToTheReferenceOnGeneratedInputs", "is the reference itself",
            "Differential.identicalToTheReferenceOnTheSpecExamples", "is the reference itself",
            "Transforms.theResultIsTheSameWhicheverEngineParsedTheSource", "is the reference itself",
            "EntryPoints.undeclaredDialectsAndExtensionsAreRefusedWithUnsupported", "there is none to refuse",
            "Ownership.retainedBytesViewThrowsAfterCloseWithScopedViews", "does not declare SCOPED_VIEWS",
            "ZeroCopy.offHeapParseAllocatesNoHeapInProportionToSize", "does not declare OFF_HEAP",
            // (the same promises on the MDX pages and generated documents are what the mutants are held to)
            "Chunks.realReadmesKeepEveryPromise", "ocp.tck.readmes=none");

    /**
     * The check that reads the shared corpus beside the project, with the words it skips with when there is none: a
     * clone without it (the README's commands on a new machine) runs every other check, and this one is then left out
     * of what the java engine, the controls and the mutants are held to. (CI has the corpus, and there the kit fails
     * the check instead of skipping it.)
     */
    static final String CORPUS_CHECK = "Chunks.sharedCorpusKeepsEveryPromise";
    static final String NO_CORPUS = "no shared/corpus";

    /** Whether the java engine's run skipped {@link #CORPUS_CHECK} because the corpus is absent. */
    static boolean corpusAbsent() {
        KitRun java = java();
        return java.with(SKIPPED).contains(CORPUS_CHECK) && java.reasons.getOrDefault(CORPUS_CHECK, "").contains(NO_CORPUS);
    }

    /** {@code checks} less {@link #CORPUS_CHECK} where the corpus is absent. */
    static Set<String> runnableHere(Set<String> checks) {
        return corpusAbsent() ? minus(checks, Set.of(CORPUS_CHECK)) : checks;
    }

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
            "Misuse.threadsTheEngineStartsPinNoClassLoaderAndEndOnceItIsClosed",
            "EngineClose.engineCloseIsIdempotent",
            "EngineClose.parseAfterEngineCloseFailsWithClosed",
            "EntryPoints.undeclaredDialectsAndExtensionsAreRefusedWithUnsupported",
            "Limits.inputOverMaxInputBytesIsRefusedWhateverItsForm",
            "SafetyNet.countLevelRecordsNoCreationSite",
            "SafetyNet.trackLevelRecordsWhereTheDocumentWasCreated");

    /**
     * The checks whose engines the after-check does not count: they leave documents open or dropped on purpose, or
     * close their engine themselves, and assert what becomes of them on their own.
     */
    static final Set<String> NOT_COUNTED_AFTER = Set.of(
            "Arenas.droppedArenaIsFreedAndReportedAsLeak",
            "EngineClose.parseAfterEngineCloseFailsWithClosed",
            "Misuse.threadsTheEngineStartsPinNoClassLoaderAndEndOnceItIsClosed",
            "SafetyNet.closeRacingTheSafetyNetNeverFreesTwice",
            "SafetyNet.closedDocumentIsNeverReportedWhenCollected",
            "SafetyNet.countLevelRecordsNoCreationSite",
            "SafetyNet.droppedDocumentIsFreedAndReportedAsLeak",
            "SafetyNet.offLevelCountsNothingButStillFrees",
            "SafetyNet.trackLevelRecordsWhereTheDocumentWasCreated");

    /**
     * Checks a mutant fails or passes by a race it may lose or win: left out of its comparison with its control, on both
     * sides. {@link Mutation#THREAD_UNSAFE_PARSE} shares its input buffer between plain parses on several threads: the
     * shared arena's check parses plainly beside its arena parses (which take turns under the arena's lock), and the
     * check of an engine closed while threads parse stops them early, so their threads race briefly, and some runs
     * see no overlap (its own check, parsingFromManyThreadsGivesTheSameBytesAsOneThread, races long enough).
     */
    static final Map<Mutation, Set<String>> BY_RACE = Map.of(
            Mutation.THREAD_UNSAFE_PARSE, Set.of("Misuse.aSharedArenaServesAThreadPoolWithoutMixingDocumentsUp",
                    "Concurrency.engineCloseWhileThreadsParse"));

    /**
     * Mutants whose checks catch them by timing (threads that must overlap, a read that must outlast a close on
     * another thread), which a busy machine can deny one kit run: their kit runs again, up to
     * {@link #RUNS_BY_TIMING} more times, while it misses a check meant to catch them (CI saw each missed once).
     */
    static final Set<Mutation> CAUGHT_BY_TIMING = EnumSet.of(Mutation.THREAD_UNSAFE_PARSE, Mutation.UNGUARDED_READS);
    static final int RUNS_BY_TIMING = 2;

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
                "Misuse.unsafeBytesIsTheSameMemoryAsBytes",
                "ZeroCopy.bytesAllocatesConstantHeapWhateverThePayloadSize",
                "ZeroCopy.everyViewOfADocumentIsTheSameMemory",
                "ZeroCopy.readingInPlaceAllocatesConstantHeap"));
        // Off the heap no heap count sees a copy; identity does, and the JDK's direct buffers (on every JDK). Its
        // cursors read the engine's memory, on the heap, which bytes() says is direct: the walk check sees that too.
        EXPECTED.put(Mutation.OFF_HEAP_COPY, Set.of(
                "Misuse.unsafeBytesIsTheSameMemoryAsBytes",
                "ZeroCopy.everyViewOfADocumentIsTheSameMemory",
                "ZeroCopy.noDirectBufferHoldsACopyOfThePayload",
                "ZeroCopy.readingInPlaceAllocatesConstantHeap"));
        // Quadratic where brackets abound, and only at sizes the bad-input checks do not reach: only growth shows it.
        EXPECTED.put(Mutation.QUADRATIC_BRACKETS, Set.of("BadInput.parseTimeGrowsLinearlyWithPathologicalInput"));
        EXPECTED.put(Mutation.SUPERLINEAR_BRACKETS, Set.of("BadInput.parseTimeGrowsLinearlyWithPathologicalInput"));
        EXPECTED.put(Mutation.VIEWS_OUTLIVE_CLOSE, Set.of("Ownership.retainedBytesViewThrowsAfterCloseWithScopedViews"));
        // One copy per document, read by every view: the same memory as each other, but not the engine's.
        EXPECTED.put(Mutation.VIEWS_A_DIRECT_COPY, Set.of("ZeroCopy.noDirectBufferHoldsACopyOfThePayload"));
        // The flipped letter also shows in the HTML of the spec examples (and markdown-rs's cases) that have text.
        EXPECTED.put(Mutation.FLIP, Set.of(
                "Chunks.generatedDocumentsKeepEveryPromise",
                "Chunks.largeBlocksSplitWhereTheyMay",
                "Chunks.lineEndingsAndEveryKindOfUtf8KeepEveryPromise",
                "Chunks.sharedCorpusKeepsEveryPromise",
                "Conformance.alertsAndHeadingIds",
                "Conformance.commonMarkSpec",
                "Conformance.gfmSpec",
                "Conformance.markdownRsCases",
                "Differential.identicalToTheReferenceOnTheSpecExamples",
                "Differential.identicalToTheReferenceOnGeneratedInputs",
                "MarkdownOutput.commonMarkSpecRoundTrips",
                "MarkdownOutput.gfmSpecRoundTrips",
                "Mdast.theMdastOfEveryDirectiveCaseIsTheJsToolchainsButTheAcceptedOnes",
                "Mdast.theMdastOfEveryGeneratedDocumentIsTheJsToolchainsButTheListedOnes",
                "Mdast.theMdastOfEveryMarkdownRsInputIsTheJsToolchainsButTheListedOnes",
                "Mdast.theMdastOfEverySpecExampleIsTheJsToolchains",
                "Mdast.theMdastOfTheLargeGeneratedSetIsTheJsToolchainsButTheListedOnes",
                "Transforms.everyTransformIsAValidDocumentThatRoundTrips",
                "Transforms.theResultIsTheSameWhicheverEngineParsedTheSource"));
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
        // The round trips compare HTML too.
        EXPECTED.put(Mutation.MISRENDERS_ONE_EXAMPLE, Set.of("Conformance.commonMarkSpec", "Conformance.gfmSpec",
                "MarkdownOutput.commonMarkSpecRoundTrips", "MarkdownOutput.gfmSpecRoundTrips"));
        // Only the kit's alert cases parse with alerts on.
        EXPECTED.put(Mutation.ALERTS_READ_AS_QUOTES, Set.of("Conformance.alertsAndHeadingIds"));
        // The directive cases' mdast, and the comparisons with the reference's bytes of generated documents with
        // directives (of payloads, and of their transforms); the round trips do not, as both sides lose the label alike.
        EXPECTED.put(Mutation.CONTAINER_LABELS_READ_AS_PARAGRAPHS, Set.of(
                "Differential.identicalToTheReferenceOnGeneratedInputs",
                "Mdast.theMdastOfEveryDirectiveCaseIsTheJsToolchainsButTheAcceptedOnes",
                "Transforms.theResultIsTheSameWhicheverEngineParsedTheSource"));
        // The comparisons with the reference's bytes (of payloads and of their transforms) see it, and the mdast
        // checks, whose spread is the flag (issue 34); the round trips do not, as both of their sides lose it alike.
        EXPECTED.put(Mutation.FORGETS_SPREAD, Set.of("Differential.identicalToTheReferenceOnTheSpecExamples",
                "Differential.identicalToTheReferenceOnGeneratedInputs",
                "Mdast.theMdastOfEveryGeneratedDocumentIsTheJsToolchainsButTheListedOnes",
                "Mdast.theMdastOfEveryMarkdownRsInputIsTheJsToolchainsButTheListedOnes",
                "Mdast.theMdastOfEverySpecExampleIsTheJsToolchains",
                "Mdast.theMdastOfTheLargeGeneratedSetIsTheJsToolchainsButTheListedOnes",
                "Transforms.theResultIsTheSameWhicheverEngineParsedTheSource"));
        EXPECTED.put(Mutation.ARENA_UNCONFINED, Set.of(
                "Misuse.aConfinedArenaRefusesEveryOtherThread",
                "Misuse.aSharedArenaServesAThreadPoolWithoutMixingDocumentsUp"));
        EXPECTED.put(Mutation.VIEW_RECYCLED, Set.of(
                "Misuse.viewsKeptPastCloseShowTheirOwnDocumentOrThrow",
                "Misuse.viewsKeptPastAnArenaResetShowTheirOwnDocumentOrThrow"));
        EXPECTED.put(Mutation.NODE_RECYCLED, Set.of("Misuse.nodesKeptFromAWalkAnswerForThemselvesOrThrow"));
        // The stubborn thread also keeps the loader it inherited (and ends when the engine closes).
        EXPECTED.put(Mutation.STUBBORN_THREAD, Set.of("Misuse.threadsTheEngineStartsAreDaemonsThatStopWhenInterrupted",
                "Misuse.threadsTheEngineStartsPinNoClassLoaderAndEndOnceItIsClosed"));
        EXPECTED.put(Mutation.THREAD_PINS_LOADER, Set.of("Misuse.threadsTheEngineStartsPinNoClassLoaderAndEndOnceItIsClosed"));
        EXPECTED.put(Mutation.THREAD_OUTLIVES_ENGINE, Set.of("Misuse.threadsTheEngineStartsPinNoClassLoaderAndEndOnceItIsClosed"));
        // markdown-rs's cases compare the words of each error; the mdast check those of the MDX documents both
        // reject; the differential checks compare errors with the reference's as they compare payloads.
        EXPECTED.put(Mutation.SYNTAX_REASON_LOST, Set.of(
                "Conformance.markdownRsCases",
                "Differential.identicalToTheReferenceOnGeneratedInputs",
                "Differential.identicalToTheReferenceOnTheSpecExamples",
                "Mdast.theMdastOfEveryGeneratedDocumentIsTheJsToolchainsButTheListedOnes",
                "Mdast.theMdastOfTheLargeGeneratedSetIsTheJsToolchainsButTheListedOnes"));
        // A net that never fires leaves every dropped document live and unreported (an arena dropped whole is still
        // found: the engine holds its documents, not the arena).
        EXPECTED.put(Mutation.NET_NEVER_FIRES, Set.of(
                "Misuse.threadsTheEngineStartsAreDaemonsThatStopWhenInterrupted",
                "Misuse.threadsTheEngineStartsPinNoClassLoaderAndEndOnceItIsClosed",
                "SafetyNet.closeRacingTheSafetyNetNeverFreesTwice",
                "SafetyNet.closedDocumentIsNeverReportedWhenCollected",
                "SafetyNet.countLevelRecordsNoCreationSite",
                "SafetyNet.droppedDocumentIsFreedAndReportedAsLeak",
                "SafetyNet.offLevelCountsNothingButStillFrees",
                "SafetyNet.trackLevelRecordsWhereTheDocumentWasCreated"));
        // A silent net frees (so OFF, which reports nothing anyway, passes) but no report of a dropped document or
        // arena comes.
        EXPECTED.put(Mutation.NET_SILENT, Set.of(
                "Misuse.threadsTheEngineStartsAreDaemonsThatStopWhenInterrupted",
                "Arenas.droppedArenaIsFreedAndReportedAsLeak",
                "SafetyNet.closeRacingTheSafetyNetNeverFreesTwice",
                "SafetyNet.closedDocumentIsNeverReportedWhenCollected",
                "SafetyNet.countLevelRecordsNoCreationSite",
                "SafetyNet.droppedDocumentIsFreedAndReportedAsLeak",
                "SafetyNet.trackLevelRecordsWhereTheDocumentWasCreated"));
        // Closed documents are reported only where a dropped one makes the net run after documents were closed.
        EXPECTED.put(Mutation.NET_REPORTS_CLOSED, Set.of(
                "Misuse.threadsTheEngineStartsAreDaemonsThatStopWhenInterrupted",
                "SafetyNet.closeRacingTheSafetyNetNeverFreesTwice",
                "SafetyNet.closedDocumentIsNeverReportedWhenCollected"));
        // A second free of the documents closed before a dropped one is found, which the counts show.
        EXPECTED.put(Mutation.NET_FREES_CLOSED, Set.of(
                "Misuse.threadsTheEngineStartsAreDaemonsThatStopWhenInterrupted",
                "SafetyNet.closeRacingTheSafetyNetNeverFreesTwice",
                "SafetyNet.closedDocumentIsNeverReportedWhenCollected"));
        EXPECTED.put(Mutation.PARSES_UNDECLARED_DIALECTS, Set.of(
                "EntryPoints.undeclaredDialectsAndExtensionsAreRefusedWithUnsupported"));
        // Engine close must report exactly the documents (and arenas) still open: no fewer, no more.
        EXPECTED.put(Mutation.ENGINE_CLOSE_SILENT, Set.of(
                "Concurrency.engineCloseWhileThreadsParse",
                "EngineClose.engineCloseFreesAndReportsOpenArenas",
                "EngineClose.engineCloseFreesAndReportsOpenDocuments"));
        // (parsingIsDeterministic closes engines of its own after closing their documents: the after-check hears.)
        EXPECTED.put(Mutation.ENGINE_CLOSE_REPORTS_CLOSED, Set.of(
                "Concurrency.engineCloseWhileThreadsParse",
                "EngineClose.cleanRunEndsWithNothingLive",
                "EngineClose.engineCloseFreesAndReportsOpenDocuments",
                "EntryPoints.parsingIsDeterministicWhateverCameBefore"));
        // Promise 2's own checks, which count right after close() on the closing thread, and every other check that
        // counts what a close gave back before a collection could (the after-check counts after one, so it cannot).
        EXPECTED.put(Mutation.FREES_ON_GC, Set.of(
                "Arenas.arenaHoldsManyDocumentsEqualToPlainOnes",
                "BadInput.deepNesting",
                "BadInput.hugeLines",
                "BadInput.invalidUtf8",
                "BadInput.nulBytes",
                "BadInput.pathologicalGfmPatterns",
                "BadInput.pathologicalMathAndFrontmatterPatterns",
                "BadInput.pathologicalMdxPatterns",
                "BadInput.pathologicalPatterns",
                "BadInput.randomBytes",
                "Concurrency.closeFromAnotherThreadFreesAtOnce",
                "Concurrency.closeFromTheJsonRenderersOwnAppendableStopsTheRendering",
                "Concurrency.closeFromTheMdastRenderersOwnAppendableStopsTheRendering",
                "Concurrency.closeFromTheRenderersOwnAppendableStopsTheRenderingInsteadOfWaitingForIt",
                "Concurrency.documentsClosedOnOneThreadWhileAnotherParses",
                "Concurrency.engineCloseWhileThreadsParse",
                "Concurrency.parsingFromManyThreadsGivesTheSameBytesAsOneThread",
                "EngineClose.cleanRunEndsWithNothingLive",
                "EngineClose.engineCloseFreesAndReportsOpenDocuments",
                "Limits.eightThreadsParsingAgainstATightLimitNeverCrossIt",
                "Limits.pressureListenerHearsEveryLevelChange",
                "Ownership.closeFreesThePayloadBeforeItReturns",
                "Ownership.liveCountsFollowEveryClose",
                "Limits.smallDocumentsHeldOpenAreRefusedAtTheLimit"));
        // Documents closed under their owner's hands: every check that holds two documents of one thread at once.
        // (The chunks checks parse each chunk's Markdown while the document it came from is open.)
        EXPECTED.put(Mutation.OWNER_LOSES_DOCUMENT, Set.of(
                "Chunks.generatedDocumentsKeepEveryPromise",
                "Chunks.largeBlocksSplitWhereTheyMay",
                "Chunks.lineEndingsAndEveryKindOfUtf8KeepEveryPromise",
                "Chunks.sharedCorpusKeepsEveryPromise",
                "Misuse.threadsTheEngineStartsAreDaemonsThatStopWhenInterrupted",
                "Concurrency.documentsClosedOnOneThreadWhileAnotherParses",
                "Concurrency.engineCloseWhileThreadsParse",
                "EngineClose.engineCloseFreesAndReportsOpenDocuments",
                "EntryPoints.parsingIsDeterministicWhateverCameBefore",
                "Limits.pressureListenerHearsEveryLevelChange",
                "Ownership.closingOneDocumentLeavesOthersIntact",
                "Ownership.liveCountsFollowEveryClose",
                "SafetyNet.closeRacingTheSafetyNetNeverFreesTwice",
                "ZeroCopy.bytesAllocatesConstantHeapWhateverThePayloadSize",
                "Transforms.everyTransformIsAValidDocumentThatRoundTrips",
                "Limits.smallDocumentsHeldOpenAreRefusedAtTheLimit"));
        // A cursor that reads on after close; reads through it are unguarded too.
        EXPECTED.put(Mutation.CURSOR_OUTLIVES_CLOSE, Set.of(
                "Misuse.aNodeKeptFromACursorStaysWhereItWas",
                "Concurrency.closeOnAnotherThreadWhileReadingThroughTheApiNeverShowsFreedMemory",
                "Ownership.cursorMadeBeforeCloseThrowsAfterIt"));
        EXPECTED.put(Mutation.IGNORES_MAX_INPUT, Set.of(
                "Arenas.parseLimitsHoldInArenas",
                "Limits.inputOverMaxInputBytesIsRefusedWhateverItsForm"));
        // Only the checks that parse different inputs on several threads at once can see it.
        EXPECTED.put(Mutation.THREAD_UNSAFE_PARSE, Set.of(
                "Concurrency.parsingFromManyThreadsGivesTheSameBytesAsOneThread"));
        EXPECTED.put(Mutation.IGNORES_MEMORY_LIMIT, Set.of(
                "Limits.eightThreadsParsingAgainstATightLimitNeverCrossIt",
                "Limits.memoryLimitFailsWithOutOfMemoryAndLeavesNothing",
                "Limits.smallDocumentsHeldOpenAreRefusedAtTheLimit"));
        // The other checks of the limit parse documents of kilobytes.
        EXPECTED.put(Mutation.LIMIT_SPARES_SMALL_DOCUMENTS, Set.of(
                "Limits.smallDocumentsHeldOpenAreRefusedAtTheLimit"));
        EXPECTED.put(Mutation.IGNORES_ARENA_CAPACITY, Set.of(
                "Misuse.aSharedArenaServesAThreadPoolWithoutMixingDocumentsUp",
                "Arenas.arenaCapacityExceededFailsWithOutOfMemoryAndKeepsWhatItHad"));
        // Every check in which a parse is refused (a limit, a syntax error, the memory limit) and balance is checked.
        EXPECTED.put(Mutation.LEAKS_ON_REFUSAL, Set.of(
                "Chunks.generatedDocumentsKeepEveryPromise",
                "Arenas.arenaCapacityExceededFailsWithOutOfMemoryAndKeepsWhatItHad",
                "Arenas.parseLimitsHoldInArenas",
                "BadInput.deepNesting",
                "BadInput.parseTimeGrowsLinearlyWithPathologicalInput",
                "BadInput.pathologicalGfmPatterns",
                "BadInput.pathologicalMathAndFrontmatterPatterns",
                "BadInput.pathologicalMdxPatterns",
                "BadInput.pathologicalPatterns",
                "Conformance.markdownRsCases",
                "Differential.identicalToTheReferenceOnGeneratedInputs",
                "Differential.identicalToTheReferenceOnTheSpecExamples",
                "Limits.maxInlineNestingIsEnforced",
                "Limits.maxNestingDepthIsEnforced",
                "Limits.maxNodesHoldsExactlyAtTheBoundary",
                "Mdast.theMdastOfEveryGeneratedDocumentIsTheJsToolchainsButTheListedOnes",
                "Mdast.theMdastOfTheLargeGeneratedSetIsTheJsToolchainsButTheListedOnes",
                "PayloadValidity.everyMdxPayloadIsValidOrTheInputIsASyntaxError",
                "Transforms.aTransformOfSomeKindsIsTheSameAsOneOfEveryNode",
                "Transforms.aTransformThatChangesNothingGivesTheSameBytes",
                "Transforms.everyTransformIsAValidDocumentThatRoundTrips",
                "Transforms.theResultIsTheSameWhicheverEngineParsedTheSource",
                "Transforms.unwrappingEmphasisTakesExactlyItsTagsOutOfTheHtml"));
        // Every check that parses NUL bytes and reads what the header says of the input.
        EXPECTED.put(Mutation.INCONSISTENT_ON_NUL, Set.of(
                "BadInput.nulBytes",
                "BadInput.randomBytes",
                "Differential.identicalToTheReferenceOnGeneratedInputs",
                "Mdast.theMdastOfAnyInputIsStrictJson",
                "Mdast.theMdastOfEveryGeneratedDocumentIsTheJsToolchainsButTheListedOnes",
                "Mdast.theMdastOfEveryMarkdownRsInputIsTheJsToolchainsButTheListedOnes",
                "Mdast.theMdastOfTheLargeGeneratedSetIsTheJsToolchainsButTheListedOnes",
                "PayloadValidity.everyMdxPayloadIsValidOrTheInputIsASyntaxError",
                "PayloadValidity.everyPayloadDescribesItsInputAndFormsOneTree",
                "PayloadValidity.everyPayloadPassesTheValidator",
                "Transforms.aTransformOfSomeKindsIsTheSameAsOneOfEveryNode",
                "Transforms.aTransformThatChangesNothingGivesTheSameBytes",
                "Transforms.everyTransformIsAValidDocumentThatRoundTrips",
                "Transforms.theResultIsTheSameWhicheverEngineParsedTheSource",
                "Transforms.unwrappingEmphasisTakesExactlyItsTagsOutOfTheHtml"));
        EXPECTED.put(Mutation.HEAP_COPY_OF_EACH_INPUT, Set.of("ZeroCopy.offHeapParseAllocatesNoHeapInProportionToSize"));
        EXPECTED.put(Mutation.SHARED_CURSOR, Set.of("Concurrency.oneDocumentIsReadFromManyThreadsAtOnce"));
        // Every check that reads the payload through bytes() in little-endian order, as OCP is.
        EXPECTED.put(Mutation.BIG_ENDIAN_VIEW, Set.of(
                "Misuse.unsafeBytesIsTheSameMemoryAsBytes",
                "Arenas.arenaHoldsManyDocumentsEqualToPlainOnes",
                "Arenas.resetFreesEveryDocumentAtOnce",
                "BadInput.deepNesting",
                "BadInput.hugeLines",
                "BadInput.invalidUtf8",
                "BadInput.nulBytes",
                "BadInput.pathologicalGfmPatterns",
                "BadInput.pathologicalMathAndFrontmatterPatterns",
                "BadInput.pathologicalMdxPatterns",
                "BadInput.pathologicalPatterns",
                "BadInput.randomBytes",
                "EntryPoints.supportedDialectsAndExtensionsAreRecordedInThePayload",
                "Limits.eightThreadsParsingAgainstATightLimitNeverCrossIt",
                "Limits.memoryLimitFailsWithOutOfMemoryAndLeavesNothing",
                "Ownership.bytesIsAReadOnlyLittleEndianViewOfTheWholePayload",
                "Ownership.closingOneDocumentLeavesOthersIntact",
                "Ownership.payloadIsReadableWhileOpen",
                "PayloadValidity.everyMdxPayloadIsValidOrTheInputIsASyntaxError",
                "PayloadValidity.everyPayloadDescribesItsInputAndFormsOneTree",
                "Limits.smallDocumentsHeldOpenAreRefusedAtTheLimit"));
        EXPECTED.put(Mutation.MAX_INPUT_OFF_BY_ONE, Set.of("Limits.inputOfExactlyMaxInputBytesIsAccepted"));
        // Every check that parses, or makes an arena, after engine close and expects CLOSED.
        EXPECTED.put(Mutation.CLOSED_ENGINE_THROWS_ILLEGAL_STATE, Set.of(
                "Concurrency.engineCloseWhileThreadsParse",
                "EngineClose.engineCloseFreesAndReportsOpenArenas",
                "EngineClose.parseAfterEngineCloseFailsWithClosed"));
        // Every check that parses in another dialect than CommonMark and reads the header, or compares payloads.
        EXPECTED.put(Mutation.DIALECT_NOT_RECORDED, Set.of(
                "BadInput.pathologicalGfmPatterns",
                "BadInput.pathologicalMathAndFrontmatterPatterns",
                "BadInput.pathologicalMdxPatterns",
                "Differential.identicalToTheReferenceOnGeneratedInputs",
                "Differential.identicalToTheReferenceOnTheSpecExamples",
                "EntryPoints.supportedDialectsAndExtensionsAreRecordedInThePayload",
                "PayloadValidity.everyMdxPayloadIsValidOrTheInputIsASyntaxError",
                "Transforms.everyTransformIsAValidDocumentThatRoundTrips",
                "Transforms.theResultIsTheSameWhicheverEngineParsedTheSource"));
        // The check of what the header records, and the comparisons with the reference's bytes with every extension on.
        EXPECTED.put(Mutation.HTML_COMMENTS_NOT_RECORDED, Set.of(
                "Differential.identicalToTheReferenceOnGeneratedInputs",
                "Differential.identicalToTheReferenceOnTheSpecExamples",
                "EntryPoints.supportedDialectsAndExtensionsAreRecordedInThePayload"));
        // A hang fails the check that meets it, by the check's timeout, instead of hanging the build.
        EXPECTED.put(Mutation.CLOSE_WAITS_FOR_ITS_OWN_READ, Set.of(
                "Concurrency.closeFromTheJsonRenderersOwnAppendableStopsTheRendering",
                "Concurrency.closeFromTheMdastRenderersOwnAppendableStopsTheRendering",
                "Concurrency.closeFromTheRenderersOwnAppendableStopsTheRenderingInsteadOfWaitingForIt",
                "Ownership.aCloseFromInsideItsOwnWalkThrowsInsteadOfHanging"));
        EXPECTED.put(Mutation.HANGS_ON_TABS, Set.of("BadInput.hugeLines"));
        // The checks that close their engine read stats() after it themselves; parsingIsDeterministic closes engines
        // of its own and leaves them to the kit's after-check, which must not take the exception for a clean engine.
        // Every check that parses 64 KiB or more sees the INTERNAL error; the bad-input ones name the promise.
        EXPECTED.put(Mutation.INTERNAL_ON_LARGE, Set.of(
                "BadInput.deepNesting",
                "BadInput.hugeLines",
                "BadInput.parseTimeGrowsLinearlyWithPathologicalInput",
                "BadInput.pathologicalGfmPatterns",
                "BadInput.pathologicalMathAndFrontmatterPatterns",
                "BadInput.pathologicalMdxPatterns",
                "Concurrency.closeOnAnotherThreadWhileReadingThroughTheApiNeverShowsFreedMemory",
                "EntryPoints.parsingIsDeterministicWhateverCameBefore",
                "Limits.memoryLimitFailsWithOutOfMemoryAndLeavesNothing",
                "ZeroCopy.bytesAllocatesConstantHeapWhateverThePayloadSize",
                "ZeroCopy.noDirectBufferHoldsACopyOfThePayload",
                "ZeroCopy.readingInPlaceAllocatesConstantHeap"));
        // The payload checks no longer let a refusal pass as "no payload to check" (issue 36).
        EXPECTED.put(Mutation.INTERNAL_ON_INVALID_UTF8, Set.of(
                "BadInput.invalidUtf8",
                "Chunks.lineEndingsAndEveryKindOfUtf8KeepEveryPromise",
                "BadInput.randomBytes",
                "Differential.identicalToTheReferenceOnGeneratedInputs",
                "Mdast.theMdastOfAnyInputIsStrictJson",
                "PayloadValidity.everyPayloadDescribesItsInputAndFormsOneTree",
                "PayloadValidity.everyPayloadPassesTheValidator"));
        EXPECTED.put(Mutation.STATS_THROW_AFTER_CLOSE, Set.of(
                "Concurrency.engineCloseWhileThreadsParse",
                "EngineClose.cleanRunEndsWithNothingLive",
                "EngineClose.closingADocumentAfterItsEngineClosedDoesNothing",
                "EngineClose.engineCloseFreesAndReportsOpenArenas",
                "EngineClose.engineCloseFreesAndReportsOpenDocuments",
                "EngineClose.engineCloseIsIdempotent",
                "EntryPoints.parsingIsDeterministicWhateverCameBefore"));
    }

    private static final Map<Mutation, KitRun> RUNS = new ConcurrentHashMap<>();
    private static KitRun javaRun;

    /** The kit's run over the real java engine, made once. */
    static synchronized KitRun java() {
        if (javaRun == null) {
            javaRun = KitRun.of(Kits.JavaKit.class);
        }
        return javaRun;
    }

    /** The kit's run over the engine of {@code mutation}, made once. */
    static KitRun run(Mutation mutation) {
        return RUNS.computeIfAbsent(mutation, KitRun::of);
    }

    /**
     * What a mutant must fail. A leak or a double free unbalances the counters, which the kit checks after every
     * check: every check that allocates must catch them; the checks listed in {@link #EXPECTED} must catch them
     * by their own assertions too (they are among those).
     */
    static Set<String> expected(Mutation mutation, KitRun control) {
        if (mutation == Mutation.STATS_THROW_AFTER_CLOSE) {
            // The after-check closes the check's engines and then counts what they still hold: every check fails that
            // it counts after, skipped ones included (they skip once they made an engine).
            Set<String> all = minus(CHECKS, NOT_COUNTED_AFTER);
            assertTrue(all.containsAll(EXPECTED.get(mutation)), "the checks that read stats after close are among them");
            return runnableHere(all);
        }
        if (mutation != Mutation.LEAK && mutation != Mutation.DOUBLE_FREE) {
            return runnableHere(EXPECTED.get(mutation));
        }
        Set<String> all = minus(control.with(PASSED), BALANCE_BLIND);
        assertTrue(all.containsAll(runnableHere(EXPECTED.get(mutation))), "the balance checks are among the allocating ones");
        return all;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    @Test
    void theJavaEnginePassesEveryCheckThatApplies() {
        KitRun java = java();
        assertEquals(Set.of(), java.with(FAILED), () -> "the java engine fails:" + java.describe(java.with(FAILED)));
        assertEquals(0, java.containerFailures, java.reasons::toString);
        assertEquals(new TreeSet<>(CHECKS), new TreeSet<>(java.outcomes.keySet()), "the kit's checks");
        Map<String, String> skips = new TreeMap<>(JAVA_SKIPS);
        if (corpusAbsent()) {
            skips.put(CORPUS_CHECK, NO_CORPUS);
        }
        assertEquals(skips.keySet(), java.with(SKIPPED), () -> "the checks that do not apply to"
                + " the java engine:" + java.describe(java.with(SKIPPED)));
        for (Map.Entry<String, String> skip : skips.entrySet()) {
            // With the kit and the reference engine on the class path and nothing else (this module's test
            // dependencies), a check skips only because it does not apply, never for want of data (but the shared
            // corpus, which lives outside the project).
            String reason = java.reasons.getOrDefault(skip.getKey(), "");
            assertTrue(reason.contains(skip.getValue()), () -> skip.getKey() + " was skipped for another reason than"
                    + " '" + skip.getValue() + "': " + reason);
        }
        Set<String> passed = java.with(PASSED);
        System.out.println("java engine: " + passed.size() + " checks passed, " + java.with(SKIPPED).size()
                + " skipped:" + java.describe(java.with(SKIPPED)));
    }

    /**
     * Whether a mutation's kit run belongs to the second JVM ({@link SecondForkTest}) rather than this class's.
     * Surefire runs the two classes in two JVMs at once (tck-selftest's pom): a kit run keeps one processor busy,
     * and the self-test was most of the build's time. The second takes the engines written on the public API (each
     * wraps a real engine) with their controls, the first the rest, after TckRunnerTest (about a minute; the pom's
     * run order puts it in this class's JVM). On a loaded 2-core machine at b59fce0 the first JVM took 1,947 s with
     * TckRunnerTest (37 kit runs), the second 1,596 s (24 runs, each slower): the off-heap wrapper and its mutant,
     * then in the first, moved here with the scoped-views wrapper's two.
     */
    static boolean inSecondFork(Mutation mutation) {
        return switch (mutation.harness()) {
            case WRAPPER, COMMONMARK_WRAPPER, OFF_HEAP_WRAPPER, SCOPED_WRAPPER -> true;
            case STANDARD, MUTANT_ENGINE -> false;
        };
    }

    /** Whether this class's JVM runs a mutation's kit: its own, or the control of one of its mutants. */
    static boolean inFirstFork(Mutation mutation) {
        return !inSecondFork(mutation) || mutation.isControl()
                && Stream.of(Mutation.values()).anyMatch(m -> m.control() == mutation && !inSecondFork(m));
    }

    /** @return the controls this JVM needs: engines with no defect, built as some mutants are */
    static Stream<Mutation> controls() {
        return controls(false);
    }

    /** @return the controls the first JVM needs, or those the second needs ({@link #inSecondFork}) */
    static Stream<Mutation> controls(boolean second) {
        return Stream.of(Mutation.values()).filter(Mutation::isControl)
                .filter(m -> second ? inSecondFork(m) : inFirstFork(m));
    }

    /** The checks the java engine runs that need a capability {@link Mutation#COMMONMARK_ONLY} does not declare. */
    static final Set<String> NEED_MORE_THAN_COMMONMARK = Set.of(
            "BadInput.pathologicalGfmPatterns",
            // tables and footnotes; and the corpus check reads the MDX pages alone here (ocp.tck.chunkCorpus=mdx)
            "Chunks.largeBlocksSplitWhereTheyMay",
            "Chunks.sharedCorpusKeepsEveryPromise",
            "Conformance.alertsAndHeadingIds",
            "BadInput.pathologicalMathAndFrontmatterPatterns",
            "BadInput.pathologicalMdxPatterns",
            "Conformance.gfmSpec",
            "MarkdownOutput.gfmSpecRoundTrips",
            "Mdast.aTagAloneAboveADelimiterRowIsAnHtmlBlockToMicromark",
            "Mdast.theMdastOfEveryDirectiveCaseIsTheJsToolchainsButTheAcceptedOnes",
            "Mdast.theMdastOfEveryGeneratedDocumentIsTheJsToolchainsButTheListedOnes",
            "Mdast.theMdastOfEveryMarkdownRsInputIsTheJsToolchainsButTheListedOnes",
            "Mdast.theMdastOfEverySpecExampleIsTheJsToolchains",
            "Mdast.theMdastOfTheLargeGeneratedSetIsTheJsToolchainsButTheListedOnes",
            "PayloadValidity.everyMdxPayloadIsValidOrTheInputIsASyntaxError");

    /**
     * Each control fails nothing and passes what the java engine passes, but the checks for capabilities it does not
     * declare; and it passes the comparisons with the reference, which java skips, being the reference (and a control
     * that declares less, the check that it refuses the rest; one that declares OFF_HEAP, the check of it).
     */
    @ParameterizedTest
    @MethodSource("controls")
    void eachControlPassesWhatJavaPassesAndTheDifferentialChecks(Mutation harness) {
        checkControl(harness);
    }

    static void checkControl(Mutation harness) {
        KitRun java = java();
        KitRun control = run(harness);
        assertEquals(Set.of(), control.with(FAILED), () -> "the harness itself fails:"
                + control.describe(control.with(FAILED)));
        Set<String> notDeclared = harness == Mutation.COMMONMARK_ONLY ? runnableHere(NEED_MORE_THAN_COMMONMARK) : Set.of();
        assertEquals(notDeclared, minus(java.with(PASSED), control.with(PASSED)),
                "the harness passes every check the java engine passes that applies to it");
        Set<String> more = new TreeSet<>(Set.of("Differential.identicalToTheReferenceOnTheSpecExamples",
                "Differential.identicalToTheReferenceOnGeneratedInputs",
                "Transforms.theResultIsTheSameWhicheverEngineParsedTheSource"));
        if (harness == Mutation.COMMONMARK_ONLY) {
            more.add("EntryPoints.undeclaredDialectsAndExtensionsAreRefusedWithUnsupported");
        }
        if (harness == Mutation.DECLARES_OFF_HEAP || harness == Mutation.SCOPED_VIEWS_FFM) {
            more.add("ZeroCopy.offHeapParseAllocatesNoHeapInProportionToSize");
        }
        if (harness == Mutation.SCOPED_VIEWS_FFM) {
            more.add("Ownership.retainedBytesViewThrowsAfterCloseWithScopedViews");
        }
        assertEquals(more, minus(control.with(PASSED), java.with(PASSED)));
        assertEquals(0, control.containerFailures, control.reasons::toString);
    }

    @Test
    void theConformanceCheckIsOneTestPerExampleAndNamesTheOneThatFails() throws Exception {
        int examples = SpecExample.readResource("/spec.txt").size();
        int gfmExamples = SpecExample.readResource("/gfm-spec.txt").size();
        assertTrue(examples > 600 && gfmExamples > 600, "the spec files come with the kit");
        Events tests = KitRun.run(Mutation.MISRENDERS_ONE_EXAMPLE, () -> EngineTestKit.engine("junit-jupiter")
                .selectors(selectNestedClass(List.of(Kits.MutantKit.class), OcpTck.Conformance.class))
                .execute().testEvents());
        // Every example ran as a test of its own, of both spec files and the kit's alerts cases (the mutant, over the
        // java engine, parses GFM and the alerts),
        // and so did every one of markdown-rs's cases (it parses frontmatter and math too).
        int alertCases = SpecExample.readResource("/ocp-tck/alerts-spec.txt").size();
        assertEquals(examples + gfmExamples + alertCases + markdownRsCases(), tests.started().count());
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

    /**
     * The mutants of this class's JVM (a defect each, not a control), or those of them named in the system property
     * {@code ocp.selftest.only} (comma-separated), to try one mutant without running them all:
     * {@code -Docp.selftest.only=SHARED_CURSOR}.
     */
    static Stream<Mutation> mutants() {
        return mutants(false);
    }

    /** @return the mutants of the first JVM, or of the second ({@link #inSecondFork}), as {@link #mutants()} */
    static Stream<Mutation> mutants(boolean second) {
        String only = System.getProperty("ocp.selftest.only", "");
        Set<String> named = only.isBlank() ? Set.of() : Set.of(only.split(","));
        return Stream.of(Mutation.values()).filter(m -> !m.isControl())
                .filter(m -> inSecondFork(m) == second)
                .filter(m -> named.isEmpty() || named.contains(m.name()));
    }

    @ParameterizedTest
    @MethodSource("mutants")
    void eachMutantFailsExactlyTheChecksMeantToCatchIt(Mutation mutation) {
        checkMutant(mutation);
    }

    static void checkMutant(Mutation mutation) {
        KitRun control = run(mutation.control());
        Set<String> expected = expected(mutation, control);
        KitRun mutant = runCatching(mutation, expected);
        // (A check that does not apply skips once it made an engine, and the after-check still counts that engine:
        // an engine whose stats() throws after close fails it too.)
        Set<String> skippedButCounted = mutation == Mutation.STATS_THROW_AFTER_CLOSE ? control.with(SKIPPED) : Set.of();
        assertEquals(Set.of(), minus(minus(expected, control.with(PASSED)), skippedButCounted),
                "a check meant to catch a mutant must pass for the unbroken harness, or it cannot tell them apart");
        Set<String> racy = BY_RACE.getOrDefault(mutation, Set.of());
        Set<String> failed = minus(mutant.with(FAILED), racy);
        assertEquals(new TreeSet<>(expected), failed, () -> mutation + " should fail exactly " + expected
                + "\n missed (passed though meant to catch it):" + mutant.describe(minus(expected, failed))
                + "\n unexpected failures:" + mutant.describe(minus(failed, expected)));
        assertEquals(minus(minus(control.with(PASSED), expected), racy), minus(mutant.with(PASSED), racy),
                () -> mutation + " passes every other check the harness passes");
        assertEquals(0, mutant.containerFailures, mutant.reasons::toString);
    }

    /**
     * The mutant's kit run; for one {@link #CAUGHT_BY_TIMING}, run again while it misses a check meant to catch it.
     * Its checks see it only when threads overlap or a read outlasts a close: a kit run on a busy machine can miss
     * it, and the kit is held to catching it in one of the runs.
     */
    private static KitRun runCatching(Mutation mutation, Set<String> expected) {
        KitRun mutant = run(mutation);
        Set<String> racy = BY_RACE.getOrDefault(mutation, Set.of());
        for (int again = 0; again < RUNS_BY_TIMING && CAUGHT_BY_TIMING.contains(mutation)
                && !minus(expected, minus(mutant.with(FAILED), racy)).isEmpty(); again++) {
            mutant = KitRun.of(mutation);
        }
        return mutant;
    }

    /**
     * docs/ownership.md's table names, for each check of the kit, the mutants that fail it by the check's own
     * assertions ({@link #EXPECTED}; the ones that fail it only through the kit's after-check are named once beside
     * the table): it must be what the self-test proves, row for row; and the page describes every mutant.
     */
    @Test
    void theOwnershipTableNamesTheMutantsThatFailEachCheck() throws IOException {
        Map<String, Set<String>> table = new TreeMap<>();
        Set<String> described = new TreeSet<>();
        Pattern row = Pattern.compile("^\\|[^|]*\\| `([A-Za-z]+\\.[A-Za-z0-9]+)` \\|(.*)\\|$");
        Pattern mutant = Pattern.compile("`([A-Z_0-9]+)`");
        Pattern glossary = Pattern.compile("^\\| `([A-Z_0-9]+)` \\|.*");
        for (String line : Files.readAllLines(Path.of("..", "docs", "ownership.md"))) {
            Matcher g = glossary.matcher(line);
            if (g.matches()) {
                described.add(g.group(1));
            }
            Matcher m = row.matcher(line);
            if (m.matches()) {
                Set<String> mutants = new TreeSet<>();
                for (Matcher name = mutant.matcher(m.group(2)); name.find(); ) {
                    mutants.add(name.group(1));
                }
                assertEquals(null, table.put(m.group(1), mutants), () -> m.group(1) + " has two rows");
            }
        }
        Map<String, Set<String>> proven = new TreeMap<>();
        for (String check : CHECKS) {
            proven.put(check, new TreeSet<>());
        }
        EXPECTED.forEach((mutation, checks) -> checks.forEach(c -> proven.get(c).add(mutation.name())));
        StringBuilder rows = new StringBuilder();
        proven.forEach((check, mutants) -> rows.append("\n| | `").append(check).append("` | ").append(mutants.isEmpty()
                ? "none" : "`" + String.join("`, `", mutants) + "`").append(" |"));
        assertEquals(proven, table, () -> "docs/ownership.md's table differs from what the self-test proves:" + rows);
        assertEquals(Stream.of(Mutation.values()).filter(m -> !m.isControl()).map(Mutation::name)
                .collect(Collectors.toCollection(TreeSet::new)), described,
                "docs/ownership.md describes every mutant, one row each");
    }
}
