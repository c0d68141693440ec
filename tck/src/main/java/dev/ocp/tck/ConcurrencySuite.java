package dev.ocp.tck;

import dev.ocp.Capability;
import dev.ocp.LeakReport;
import dev.ocp.MemoryStats;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * promise 10 (docs/ownership.md): engines parse from many threads at once; a document is read from many threads; close comes
 * from any thread. The machines this runs on may have two cores, so the thread counts are small and the
 * checks look at results, never at timing.
 */
abstract class ConcurrencySuite extends TckSuite {
    private static final int THREADS = 3;
    /** How many times each thread of {@link #parsingFromManyThreadsGivesTheSameBytesAsOneThread} parses every input. */
    private static final int PASSES = 5;

    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> t : tasks) {
                futures.add(pool.submit(t));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void parsingFromManyThreadsGivesTheSameBytesAsOneThread() throws Exception {
        Subject s = open();
        List<byte[]> inputs = Inputs.generated(41, 60);
        List<byte[]> expected = new ArrayList<>();
        for (byte[] in : inputs) {
            try (OcpDocument doc = s.parse(in)) {
                expected.add(copy(doc));
            }
        }
        MemoryStats before = s.stats();
        // All threads start together: on a busy machine, threads started one by one may each be done before the
        // next one starts, and nothing would have run at the same time.
        CountDownLatch start = new CountDownLatch(THREADS);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t * 17;
            tasks.add(() -> {
                start.countDown();
                start.await();
                // Several passes: one pass over small documents can end before another thread's begins, on a fast
                // engine or a busy machine, and then nothing ran at the same time.
                for (int pass = 0; pass < PASSES; pass++) {
                    for (int i = 0; i < inputs.size(); i++) {
                        int n = (i + offset) % inputs.size();
                        try (OcpDocument doc = s.parse(inputs.get(n))) {
                            assertArrayEquals(expected.get(n), copy(doc), () -> "input "
                                    + Inputs.describe(inputs.get(n))
                                    + " parsed concurrently differs from the same input parsed alone");
                        }
                    }
                }
                return PASSES * inputs.size();
            });
        }
        assertEquals(List.of(PASSES * 60, PASSES * 60, PASSES * 60), runAll(tasks));
        Stats.assertNothingLeftAllocated(before, s.stats(), "after parsing on " + THREADS + " threads");
    }

    /** Everything a reader sees of a document, as text, to compare readers. */
    private static String readAll(OcpDocument doc) {
        StringBuilder sb = new StringBuilder();
        OcpCursor c = doc.cursor();
        for (int i = 0; i < c.nodeCount(); i++) {
            c.moveTo(i);
            sb.append(describe(c)).append('\n');
        }
        return sb.toString();
    }

    /** One node as {@link #readAll} writes it. */
    private static String describe(OcpCursor c) {
        return c.kindCode() + ":" + c.spanStart() + "-" + c.spanEnd() + ":" + c.parentIndex() + ":"
                + c.firstChildIndex() + ":" + c.nextSiblingIndex() + ":" + c.literal();
    }

    /**
     * Threads read one document at once, each through its own cursor. Free-running readers overlap only when the
     * scheduler lets them, which a busy two-core machine may not (each may be done before the next starts), so
     * the threads first take steps together, which makes the overlap certain: every thread moves its cursor to a
     * node of its own, all wait for each other, then each reads where its cursor stands. A cursor shared between
     * threads stands on the last mover's node for all but one of them. Then they read freely, tree and bytes.
     */
    @Test
    void oneDocumentIsReadFromManyThreadsAtOnce() throws Exception {
        Subject s = open();
        try (OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES)) {
            List<String> expected = new ArrayList<>();
            OcpCursor one = doc.cursor();
            for (int i = 0; i < one.nodeCount(); i++) {
                one.moveTo(i);
                expected.add(describe(one));
            }
            int nodes = expected.size();
            assertTrue(nodes > THREADS, "the sample has more nodes than there are threads");
            int steps = 2 * nodes;
            CyclicBarrier together = new CyclicBarrier(THREADS);
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                tasks.add(() -> {
                    OcpCursor mine = doc.cursor();
                    List<String> wrong = new ArrayList<>();
                    for (int step = 0; step < steps; step++) {
                        int node = (step * THREADS + thread) % nodes;
                        mine.moveTo(node);
                        together.await(60, TimeUnit.SECONDS);
                        String seen = describe(mine);
                        if (!seen.equals(expected.get(node))) {
                            wrong.add("thread " + thread + " moved to node " + node + " and read " + seen
                                    + " instead of " + expected.get(node));
                        }
                        together.await(60, TimeUnit.SECONDS);
                    }
                    return wrong;
                });
            }
            List<String> wrong = new ArrayList<>();
            runAll(tasks).forEach(wrong::addAll);
            assertTrue(wrong.isEmpty(), () -> wrong.size() + " reads saw another thread's cursor position, first: "
                    + wrong.get(0));

            String whole = readAll(doc);
            byte[] bytes = copy(doc);
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Boolean>> readers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                readers.add(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        assertEquals(whole, readAll(doc), "a concurrent reader sees the same tree");
                        assertArrayEquals(bytes, copy(doc), "a concurrent reader sees the same bytes");
                    }
                    return true;
                });
            }
            readers.add(() -> {
                start.countDown();
                return true;
            });
            assertEquals(THREADS + 1, runAll(readers).size());
        }
    }

    @Test
    void closeFromAnotherThreadFreesAtOnce() throws Exception {
        Subject s = open();
        MemoryStats before = s.stats();
        OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES);
        MemoryStats seenByCloser = runAll(List.<Callable<MemoryStats>>of(() -> {
            doc.close();
            return s.stats();
        })).get(0);
        Stats.assertNothingLeftAllocated(before, seenByCloser, "on the closing thread right after close()");
        assertTrue(doc.isClosed(), "the parsing thread sees the document closed");
        assertThrows(IllegalStateException.class, doc::bytes, "the parsing thread can no longer read it");
        Stats.assertNothingLeftAllocated(before, s.stats(), "on the parsing thread after another thread closed");
    }

    /**
     * A close on another thread lands while a reader is in the middle of reading through the API. Every
     * read must then either return what the document held or throw {@link IllegalStateException}: never
     * freed memory, which off-heap engines may have returned to the system (a crash) and other engines may
     * have handed to the next document (parsed here at once). The document is one paragraph of a few
     * megabytes, so that its memory is returned to the system when freed, and its words are mostly
     * multi-byte characters, so that one read (its text, or its HTML: UTF-8 decoded to UTF-16) lasts several
     * times as long as a parse.
     *
     * <p>Wrong bytes show only when the next document reuses the memory while a read still copies it, which
     * on a heap engine is a window of microseconds, so the check does not rely on them alone. Unless the
     * engine's views are scoped (the JVM then makes a read of freed memory throw, and a read that copied
     * before the close may return after it), it also holds the engine to what makes them impossible: a read
     * that returns normally ended before a close on another thread returned (the close waited for it, or
     * the read would have thrown). A text read that returns more than half a read's time (at least
     * {@value #CLOSED_READ_MILLIS} ms) after such a close returned, garbage collection pauses not counted,
     * was not guarded: without a guard that happens in about half the rounds, with one only if the reader
     * lost its processor between the end of its read and its next instruction, so the check fails from
     * {@value #UNGUARDED_ROUNDS} such rounds on. (A rendering still copies its result after its read ends,
     * which a busy machine may stretch: renderings are checked for their bytes only.)
     */
    @Test
    void closeOnAnotherThreadWhileReadingThroughTheApiNeverShowsFreedMemory() throws Exception {
        Subject s = open();
        boolean scoped = s.engine().capabilities().contains(Capability.SCOPED_VIEWS);
        byte[] input = bigParagraph('a');
        byte[] overwrite = bigParagraph('b');
        String literal = null;
        String html = null;
        long textNanos = Long.MAX_VALUE;
        long htmlNanos = Long.MAX_VALUE;
        try (OcpDocument doc = s.parse(input)) {
            for (int i = 0; i < 3; i++) { // the fastest of three: a read once the code is warm
                long start = System.nanoTime();
                literal = textOf(doc);
                long middle = System.nanoTime();
                html = doc.toHtml();
                textNanos = Math.min(textNanos, middle - start);
                htmlNanos = Math.min(htmlNanos, System.nanoTime() - middle);
            }
        }
        assertTrue(literal.length() > 1_000_000, "the paragraph must be one large text");
        String expectedText = literal;
        String expectedHtml = html;
        int interrupted = 0;
        int unguarded = 0;
        long latest = 0;
        // 32 rounds, and on a machine so loaded that no read completed before the close in any of them, up to
        // EXTRA_ROUNDS more whose close waits for a completed read: the check is about closes that land mid-reading.
        for (int round = 0; round < 32 || (interrupted == 0 && round < 32 + EXTRA_ROUNDS); round++) {
            OcpDocument doc = s.parse(input);
            CountDownLatch reading = new CountDownLatch(1);
            CountDownLatch completedARead = new CountDownLatch(1);
            boolean afterARead = round >= 32;
            boolean viaRenderer = round % 4 == 3;
            boolean viaWalk = round % 4 == 1;
            long readNanos = viaRenderer ? htmlNanos : textNanos;
            // from at once to two and a half reads after reading began: early and late in the first read, and later ones
            long delayNanos = (round % 6) * readNanos / 2;
            long gcMillisBefore = gcMillis();
            List<long[]> outcome = runAll(List.<Callable<long[]>>of(() -> {
                long reads = 0;
                long lastReadEnded = 0;
                try {
                    reading.countDown();
                    while (true) {
                        // (assertTrue: a failure message with megabytes of text in it helps nobody)
                        String read = viaRenderer ? doc.toHtml() : viaWalk ? walkedTextOf(doc) : textOf(doc);
                        lastReadEnded = System.nanoTime();
                        reads++;
                        completedARead.countDown();
                        if (viaRenderer) {
                            assertTrue(expectedHtml.equals(read), "a rendering that completed shows other bytes");
                        } else {
                            assertTrue(expectedText.equals(read), "a text read that completed shows other bytes");
                        }
                    }
                } catch (IllegalStateException closed) {
                    return new long[] {reads, lastReadEnded};
                }
            }, () -> {
                reading.await();
                if (afterARead) {
                    completedARead.await(10, TimeUnit.SECONDS);
                }
                long until = System.nanoTime() + delayNanos;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                doc.close();
                long closeReturned = System.nanoTime();
                try (OcpDocument other = s.parse(overwrite)) {
                    assertTrue(other.nodeCount() > 0);
                }
                return new long[] {closeReturned};
            }));
            long reads = outcome.get(0)[0];
            long lateBy = reads == 0 ? 0 : outcome.get(0)[1] - outcome.get(1)[0] - (gcMillis() - gcMillisBefore) * 1_000_000L;
            if (!scoped && !viaRenderer && lateBy >= Math.max(CLOSED_READ_MILLIS * 1_000_000L, readNanos / 2)) {
                unguarded++;
                latest = Math.max(latest, lateBy);
            }
            if (reads > 0) {
                interrupted++;
            }
        }
        assertTrue(interrupted > 0, "no round closed the document after a read had completed, even when the close waited"
                + " for one: the reading thread never finished a read");
        long latestRead = latest;
        int lateRounds = unguarded;
        assertTrue(unguarded < UNGUARDED_ROUNDS, () -> String.format(Locale.ROOT, "in %d rounds a text read returned"
                + " normally long after close() on another thread had returned (the latest %.1f ms after): the close"
                + " neither waited for the read nor made it throw, so the read may have copied freed memory",
                lateRounds, latestRead / 1e6));
    }

    /** The least time after a close by which a read that returns normally counts as unguarded, in ms. */
    private static final long CLOSED_READ_MILLIS = 2;

    /** The most rounds run after the first 32 when none of those closed the document after a read completed. */
    private static final int EXTRA_ROUNDS = 8;

    /** How many of the text reads may return late before the engine counts as reading unguarded. */
    private static final int UNGUARDED_ROUNDS = 3;

    /** Milliseconds all garbage collectors of this JVM have spent so far (pauses hold every thread up). */
    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /**
     * About 2 million characters of words on one line, all starting with {@code letter} and mostly CJK (three
     * bytes each in UTF-8): one paragraph, one TEXT node.
     */
    private static byte[] bigParagraph(char letter) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 2_000_000; i++) {
            sb.append(letter).append("\u6f22\u5b57\u6587\u66f8").append(i).append(' ');
        }
        return Inputs.utf8(sb.append('\n').toString());
    }

    /** The text node's literal, read in a walk (one read held for the walk, light checks per accessor). */
    private static String walkedTextOf(OcpDocument doc) {
        String[] text = new String[1];
        doc.walk(node -> {
            if (node.kind() == NodeKind.TEXT) {
                text[0] = node.literal();
            }
            return true;
        });
        return text[0];
    }

    private static String textOf(OcpDocument doc) {
        OcpCursor c = doc.cursor();
        c.moveTo(2); // document, paragraph, text
        return c.literal();
    }

    /**
     * The other side of the test above: a close waits for reads under way, so a renderer must not count as
     * reading while the caller's {@link Appendable} has the text, or a close from there (or from a thread
     * the Appendable waits for) would wait forever. It stops the rendering instead. Like the two after it, the check
     * takes milliseconds and fails after 10 seconds, so that a close that waits for its own rendering fails it
     * instead of hanging the build.
     */
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closeFromTheRenderersOwnAppendableStopsTheRenderingInsteadOfWaitingForIt() throws Exception {
        closeFromTheAppendable((doc, source, out) -> doc.renderHtml(out));
    }

    /** The same for the JSON rendering. */
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closeFromTheJsonRenderersOwnAppendableStopsTheRendering() throws Exception {
        closeFromTheAppendable((doc, source, out) -> doc.renderJson(out));
    }

    /** The same for the mdast rendering. */
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closeFromTheMdastRenderersOwnAppendableStopsTheRendering() throws Exception {
        closeFromTheAppendable((doc, source, out) -> doc.renderMdast(out, source));
    }

    /** A rendering of a document parsed from {@code source} into {@code out}. */
    private interface Rendering {
        void render(OcpDocument doc, byte[] source, Appendable out) throws Exception;
    }

    private void closeFromTheAppendable(Rendering rendering) throws Exception {
        Subject s = open();
        MemoryStats before = s.stats();
        byte[] source = Inputs.paragraphs(3000); // output far beyond one buffer
        OcpDocument doc = s.parse(source);
        int[] appends = new int[1];
        Appendable closing = new Appendable() {
            @Override
            public Appendable append(CharSequence csq) {
                return append(csq, 0, csq.length());
            }

            @Override
            public Appendable append(CharSequence csq, int start, int end) {
                appends[0]++;
                doc.close();
                return this;
            }

            @Override
            public Appendable append(char c) {
                return append(String.valueOf(c));
            }
        };
        List<Boolean> outcome = runAll(List.<Callable<Boolean>>of(() -> {
            assertThrows(IllegalStateException.class, () -> rendering.render(doc, source, closing),
                    "rendering goes on into a document closed from the Appendable");
            return doc.isClosed();
        }));
        assertEquals(List.of(true), outcome);
        assertEquals(1, appends[0], "the renderer stopped at the first hand-over after the close");
        Stats.assertNothingLeftAllocated(before, s.stats(), "after the close from the Appendable");
    }

    /**
     * One thread parses, another reads and closes. The parser hands its documents over in batches of
     * {@value #BATCH}, all open at once on its thread, so that an engine that ended a thread's earlier document on
     * its next parse is caught on every run, not only when the closing thread happens to fall behind.
     */
    @Test
    void documentsClosedOnOneThreadWhileAnotherParses() throws Exception {
        Subject s = open();
        MemoryStats before = s.stats();
        BlockingQueue<List<OcpDocument>> handOff = new LinkedBlockingQueue<>();
        int batches = 100;
        List<byte[]> inputs = Inputs.generated(51, 30);
        List<Callable<Integer>> tasks = List.of(() -> {
            for (int b = 0; b < batches; b++) {
                List<OcpDocument> batch = new ArrayList<>();
                for (int i = 0; i < BATCH; i++) {
                    batch.add(s.parse(inputs.get((b * BATCH + i) % inputs.size())));
                }
                handOff.add(batch);
            }
            return batches * BATCH;
        }, () -> {
            int closed = 0;
            for (int b = 0; b < batches; b++) {
                for (OcpDocument doc : handOff.take()) {
                    assertFalse(doc.isClosed(), "a document handed over open was closed by its engine");
                    assertTrue(doc.nodeCount() >= 1);
                    doc.close();
                    closed++;
                }
            }
            return closed;
        });
        assertEquals(List.of(batches * BATCH, batches * BATCH), runAll(tasks));
        Stats.assertNothingLeftAllocated(before, s.stats(), "after one thread closed what another parsed");
        assertEquals(List.of(), s.leaks());
    }

    /** Documents the parsing thread holds open together before it hands them to the closing one. */
    private static final int BATCH = 3;

    /** Documents each thread parses at most before the engine closes, besides its warm-up ones. */
    private static final int MOST_PER_THREAD = 300;
    /** Documents each thread parses, closing every other one, before the engine may close. */
    private static final int WARM_UP = 10;

    /**
     * Engine close while {@value #THREADS} threads parse without pause. Each thread first parses {@value #WARM_UP}
     * documents and closes every other one; then the engine closes on another thread while they go on parsing (and
     * keep every document) until a parse fails with {@code CLOSED}. Every input is of its own size, so that each
     * leak report names the document it is about by its payload's size: engine close must report each document the
     * threads still held once, and no other, save the one document a parse under way may have made when the engine
     * began to close (that parse then fails with {@code CLOSED}, and its document, never handed out, is freed
     * with the others): never a closed document, never one twice.
     */
    @Test
    void engineCloseWhileThreadsParse() throws Exception {
        Subject s = open();
        kit().expectLeftovers(s); // the engine's close frees and reports what the threads still hold
        int perThread = WARM_UP + MOST_PER_THREAD + 1;
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < THREADS * perThread; i++) {
            inputs.add(Inputs.utf8(Inputs.SAMPLE + "\n" + "a".repeat(8 * i) + "\n"));
        }
        long[] size = payloadSizes(inputs);
        CountDownLatch warmedUp = new CountDownLatch(THREADS);
        CountDownLatch engineClosed = new CountDownLatch(1);
        List<Callable<Outcome>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int first = t * perThread;
            tasks.add(() -> {
                Outcome outcome = new Outcome();
                for (int i = 0; i < WARM_UP; i++) {
                    OcpDocument doc = s.parse(inputs.get(first + i));
                    if (i % 2 == 0) {
                        doc.close();
                        outcome.closed.add(size[first + i]);
                    } else {
                        outcome.kept.put(doc, size[first + i]);
                    }
                }
                warmedUp.countDown();
                for (int i = WARM_UP; i < perThread; i++) {
                    if (i == perThread - 1) {
                        // Held as many as it may: the last parse waits for the close, and must be refused.
                        assertTrue(engineClosed.await(60, TimeUnit.SECONDS), "the engine never closed");
                    }
                    try {
                        outcome.kept.put(s.parse(inputs.get(first + i)), size[first + i]);
                    } catch (OcpException e) {
                        assertEquals(OcpException.Code.CLOSED, e.code(), () -> "a parse racing engine close: " + e);
                        outcome.refused = size[first + i];
                        // A parse that raced the close can be refused on a path that a parse after it never takes
                        // (inside the engine, past its own check for a closed engine): once the close has returned,
                        // the same input must be refused with CLOSED too.
                        assertTrue(engineClosed.await(60, TimeUnit.SECONDS), "the engine never closed");
                        byte[] again = inputs.get(first + i);
                        OcpException after = assertThrows(OcpException.class, () -> s.parse(again),
                                "a parse after engine close must fail with OcpException CLOSED");
                        assertEquals(OcpException.Code.CLOSED, after.code(), () -> "a parse after engine close: "
                                + after);
                        return outcome;
                    }
                }
                throw new AssertionError("a parse after engine close returned a document");
            });
        }
        tasks.add(() -> {
            warmedUp.await();
            s.engine().close();
            engineClosed.countDown();
            return new Outcome();
        });
        List<Outcome> outcomes = runAll(tasks);
        Map<Long, Integer> held = new HashMap<>();
        Set<Long> refused = new HashSet<>();
        Set<Long> closed = new HashSet<>();
        for (Outcome o : outcomes) {
            o.kept.forEach((doc, bytes) -> {
                assertTrue(doc.isClosed(), "every document handed out before engine close was freed by it");
                held.merge(bytes, 1, Integer::sum);
            });
            closed.addAll(o.closed);
            if (o.refused >= 0) {
                refused.add(o.refused);
            }
        }
        assertEquals(THREADS, refused.size(), "every parsing thread was refused at last");
        MemoryStats after = s.stats();
        assertEquals(0, after.liveDocuments(), () -> "nothing live after the racing close: " + after);
        assertEquals(0, after.liveBytes(), () -> "nothing live after the racing close: " + after);
        Set<Long> ids = new HashSet<>();
        Map<Long, Integer> reported = new HashMap<>();
        for (LeakReport r : s.leaks()) {
            assertEquals(LeakReport.Cause.ENGINE_CLOSED, r.cause(), r::toString);
            assertTrue(ids.add(r.documentId()), () -> "reported twice: " + r);
            assertFalse(closed.contains(r.payloadBytes()), () -> "a document closed before engine close was reported: " + r);
            if (!refused.contains(r.payloadBytes())) {
                reported.merge(r.payloadBytes(), 1, Integer::sum);
            }
        }
        assertEquals(new TreeMap<>(held), new TreeMap<>(reported), () -> "each of the " + held.size() + " documents the"
                + " threads held is reported once, and no other, by payload size (size=count)");
    }

    /** What one parsing thread ended with: by payload size, what it held, what it closed, what it was refused. */
    private static final class Outcome {
        final Map<OcpDocument, Long> kept = new IdentityHashMap<>();
        final List<Long> closed = new ArrayList<>();
        long refused = -1;
    }

    /** The payload size of each input, parsed on an engine of their own: all different, or the check is moot. */
    private long[] payloadSizes(List<byte[]> inputs) {
        Subject sizer = open();
        long[] sizes = new long[inputs.size()];
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < sizes.length; i++) {
            try (OcpDocument doc = sizer.parse(inputs.get(i))) {
                sizes[i] = doc.bytes().remaining();
            }
            long bytes = sizes[i];
            assertTrue(seen.add(bytes), () -> "two inputs give payloads of " + bytes + " bytes");
        }
        return sizes;
    }
}
