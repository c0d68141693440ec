package dev.ocp.tck;

import dev.ocp.LeakDetection;
import dev.ocp.LeakReport;
import dev.ocp.MemoryStats;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** promise 4 (docs/ownership.md): the safety net behind close(). */
abstract class SafetyNetSuite extends TckSuite {
    /** Its checks drop documents, or close engines with documents open, on purpose. */
    @Override
    boolean leavesLeftovers() {
        return true;
    }


    /** Parses and drops the document; the frame the TRACK check looks for in the creation site. */
    static void parseAndDrop(OcpEngine engine, byte[] input) {
        engine.parse(input, ParseOptions.defaults());
    }

    @Test
    void droppedDocumentIsFreedAndReportedAsLeak() {
        Subject s = open(LeakDetection.COUNT);
        MemoryStats before = s.stats();
        parseAndDrop(s.engine(), Inputs.SAMPLE_BYTES);
        Gc.await("the dropped document to be reported", () -> !s.leaks().isEmpty());
        Gc.await("the dropped document to be freed", () -> s.stats().liveDocuments() == before.liveDocuments());
        Gc.settle(() -> s.stats().liveBytes() - before.liveBytes());
        List<LeakReport> leaks = s.leaks();
        assertEquals(1, leaks.size(), () -> "one report for one dropped document: " + leaks);
        LeakReport report = leaks.get(0);
        assertEquals(s.engine().name(), report.engine());
        assertEquals(LeakReport.Cause.UNREACHABLE, report.cause());
        assertTrue(report.payloadBytes() > 0, () -> "the report says how much was freed: " + report);
        MemoryStats after = s.stats();
        assertEquals(before.leakedDocuments() + 1, after.leakedDocuments(), "the leak is counted");
        Stats.assertNothingLeftAllocated(before, after, "after the safety net freed a dropped document");
    }

    @Test
    void trackLevelRecordsWhereTheDocumentWasCreated() {
        Subject s = open(LeakDetection.TRACK);
        parseAndDrop(s.engine(), Inputs.SAMPLE_BYTES);
        Gc.await("the dropped document to be reported", () -> !s.leaks().isEmpty());
        Throwable site = s.leaks().get(0).creationSite();
        assertNotNull(site, "TRACK records the creation site");
        boolean found = false;
        for (StackTraceElement frame : site.getStackTrace()) {
            found |= frame.getClassName().equals(SafetyNetSuite.class.getName())
                    && frame.getMethodName().equals("parseAndDrop");
        }
        assertTrue(found, () -> "the creation site names the code that parsed the document ("
                + SafetyNetSuite.class.getName() + ".parseAndDrop): " + List.of(site.getStackTrace()));
    }

    @Test
    void countLevelRecordsNoCreationSite() {
        Subject s = open(LeakDetection.COUNT);
        parseAndDrop(s.engine(), Inputs.SAMPLE_BYTES);
        Gc.await("the dropped document to be reported", () -> !s.leaks().isEmpty());
        assertNull(s.leaks().get(0).creationSite(), "COUNT does not pay for a stack capture");
    }

    @Test
    void offLevelCountsNothingButStillFrees() {
        Subject s = open(LeakDetection.OFF);
        MemoryStats before = s.stats();
        parseAndDrop(s.engine(), Inputs.SAMPLE_BYTES);
        Gc.await("the dropped document to be freed", () -> s.stats().liveDocuments() == before.liveDocuments());
        Gc.settle(() -> s.stats().liveBytes() - before.liveBytes());
        MemoryStats after = s.stats();
        Stats.assertNothingLeftAllocated(before, after, "after the safety net freed a dropped document (OFF)");
        assertEquals(before.leakedDocuments(), after.leakedDocuments(), "OFF counts no leaks");
        assertEquals(List.of(), s.leaks(), "OFF tells no listener");
    }

    @Test
    void closedDocumentIsNeverReportedWhenCollected() {
        Subject s = open(LeakDetection.COUNT);
        MemoryStats before = s.stats();
        List<WeakReference<OcpDocument>> closed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES);
            doc.close();
            closed.add(new WeakReference<>(doc));
        }
        parseAndDrop(s.engine(), Inputs.SAMPLE_BYTES);
        Gc.await("the closed documents to be collected", () -> closed.stream().allMatch(r -> r.get() == null));
        Gc.await("the one dropped document to be reported", () -> !s.leaks().isEmpty());
        Gc.await("the one dropped document to be freed", () -> s.stats().liveDocuments() == before.liveDocuments());
        Gc.settle(() -> s.stats().liveBytes() - before.liveBytes());
        List<LeakReport> leaks = s.leaks();
        assertEquals(1, leaks.size(), () -> "only the dropped document is a leak, not the 20 closed ones: " + leaks);
        MemoryStats after = s.stats();
        assertEquals(before.leakedDocuments() + 1, after.leakedDocuments());
        Stats.assertNothingLeftAllocated(before, after, "after closing 20 documents and dropping one");
    }

    /** Collections the race below asks for while documents are being closed, at the least. */
    private static final int RACING_COLLECTIONS = 10;
    /** Documents each parsing thread of the race below makes. */
    private static final int PER_THREAD = 300;

    /** Waits until {@code collections} reached {@code wanted}, for a minute at the most. */
    private static void awaitCollections(AtomicInteger collections, int wanted) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (collections.get() < wanted) {
            assertTrue(System.nanoTime() < giveUp, () -> "only " + collections.get() + " collections in a minute");
            Thread.sleep(1);
        }
    }

    /**
     * Close and the safety net on the same documents at the same time. Two threads parse {@value #PER_THREAD}
     * documents each: each third is dropped at once, the others are handed to a third thread that closes each and
     * drops it at once, while a fourth thread asks for a collection every few milliseconds (at least
     * {@value #RACING_COLLECTIONS}, spread over the parses and closes): closed documents are collected the moment
     * their close returns, and the net runs for the dropped ones while closes go on. Every closed document must be freed once, by its close, and
     * never reported, even once collected; every dropped one freed once, by the net, and reported once.
     */
    @Test
    void closeRacingTheSafetyNetNeverFreesTwice() throws Exception {
        Subject s = open(LeakDetection.COUNT);
        MemoryStats before = s.stats();
        int threads = 2;
        BlockingQueue<OcpDocument> toClose = new LinkedBlockingQueue<>();
        List<WeakReference<OcpDocument>> closed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger collections = new AtomicInteger();
        AtomicBoolean racing = new AtomicBoolean(true);
        OcpDocument poison = EndOfStream.INSTANCE;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
        try {
            Future<?> collector = pool.submit(() -> {
                while (racing.get()) {
                    System.gc();
                    collections.incrementAndGet();
                    // A breath between collections: a close that needs every thread at a safepoint (a shared
                    // arena's, on engines with scoped views) would otherwise wait behind collection after collection.
                    Thread.sleep(2);
                }
                return null;
            });
            Future<Integer> closer = pool.submit(() -> {
                int n = 0;
                int done = 0;
                while (done < threads) {
                    OcpDocument doc = toClose.take();
                    if (doc == poison) {
                        done++;
                    } else {
                        closed.add(new WeakReference<>(doc));
                        doc.close();
                        n++;
                    }
                }
                return n;
            });
            List<Future<Integer>> parsers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                parsers.add(pool.submit(() -> {
                    int dropped = 0;
                    for (int i = 0; i < PER_THREAD; i++) {
                        // Spread the collections over the parses (and so over the closes): the next tenth of the
                        // documents waits for the next collection.
                        awaitCollections(collections, i / (PER_THREAD / RACING_COLLECTIONS));
                        if (i % 3 == 0) {
                            parseAndDrop(s.engine(), Inputs.SAMPLE_BYTES);
                            dropped++;
                        } else {
                            toClose.add(s.parse(Inputs.SAMPLE_BYTES));
                        }
                    }
                    awaitCollections(collections, RACING_COLLECTIONS);
                    toClose.add(poison);
                    return dropped;
                }));
            }
            int dropped = 0;
            for (Future<Integer> f : parsers) {
                dropped += f.get(60, TimeUnit.SECONDS);
            }
            int closedCount = closer.get(60, TimeUnit.SECONDS);
            racing.set(false);
            collector.get(60, TimeUnit.SECONDS);
            int expectedLeaks = dropped;
            Gc.await("the " + closedCount + " closed documents to be collected",
                    () -> closed.stream().allMatch(r -> r.get() == null));
            Gc.await(expectedLeaks + " dropped documents to be freed",
                    () -> s.stats().liveDocuments() == before.liveDocuments());
            Gc.await(expectedLeaks + " dropped documents to be reported", () -> s.leaks().size() >= expectedLeaks);
            Gc.settle(() -> s.stats().liveBytes() - before.liveBytes());
            List<LeakReport> leaks = s.leaks();
            Set<Long> ids = new HashSet<>();
            for (LeakReport r : leaks) {
                assertTrue(ids.add(r.documentId()), () -> "document #" + r.documentId() + " was reported twice");
                assertEquals(LeakReport.Cause.UNREACHABLE, r.cause());
            }
            assertEquals(expectedLeaks, leaks.size(), () -> "exactly the " + expectedLeaks + " dropped documents"
                    + " are reported, once each, not the " + closedCount + " closed ones collected meanwhile");
            MemoryStats after = s.stats();
            assertEquals(before.leakedDocuments() + expectedLeaks, after.leakedDocuments());
            Stats.assertNothingLeftAllocated(before, after, "after " + closedCount + " documents closed and collected"
                    + " raced " + expectedLeaks + " safety-net frees");
        } finally {
            racing.set(false);
            pool.shutdownNow();
        }
    }

    /** A document that is never parsed: marks the end of a producer's stream. */
    private static final class EndOfStream implements OcpDocument {
        static final OcpDocument INSTANCE = new EndOfStream();

        @Override
        public java.nio.ByteBuffer bytes() {
            throw new IllegalStateException("not a document");
        }

        @Override
        public boolean isClosed() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
