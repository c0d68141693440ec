package dev.ocp.tck;

import dev.ocp.MemoryStats;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * §4 item 10: engines parse from many threads at once; a document is read from many threads; close comes
 * from any thread. The machines this runs on may have two cores, so the thread counts are small and the
 * checks look at results, never at timing.
 */
abstract class ConcurrencySuite extends TckSuite {
    private static final int THREADS = 3;

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
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t * 17;
            tasks.add(() -> {
                for (int i = 0; i < inputs.size(); i++) {
                    int n = (i + offset) % inputs.size();
                    try (OcpDocument doc = s.parse(inputs.get(n))) {
                        assertArrayEquals(expected.get(n), copy(doc), () -> "input " + Inputs.describe(inputs.get(n))
                                + " parsed concurrently differs from the same input parsed alone");
                    }
                }
                return inputs.size();
            });
        }
        assertEquals(List.of(60, 60, 60), runAll(tasks));
        Stats.assertNothingLeftAllocated(before, s.stats(), "after parsing on " + THREADS + " threads");
    }

    /** Everything a reader sees of a document, as text, to compare readers. */
    private static String readAll(OcpDocument doc) {
        StringBuilder sb = new StringBuilder();
        OcpCursor c = doc.cursor();
        for (int i = 0; i < c.nodeCount(); i++) {
            c.moveTo(i);
            sb.append(c.kindCode()).append(':').append(c.spanStart()).append('-').append(c.spanEnd())
                    .append(':').append(c.parentIndex()).append(':').append(c.firstChildIndex())
                    .append(':').append(c.nextSiblingIndex()).append(':').append(c.literal()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void oneDocumentIsReadFromManyThreadsAtOnce() throws Exception {
        Subject s = open();
        try (OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES)) {
            String expected = readAll(doc);
            byte[] bytes = copy(doc);
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                tasks.add(() -> {
                    start.await();
                    for (int i = 0; i < 200; i++) {
                        assertEquals(expected, readAll(doc), "a concurrent reader sees the same tree");
                        assertArrayEquals(bytes, copy(doc), "a concurrent reader sees the same bytes");
                    }
                    return true;
                });
            }
            tasks.add(() -> {
                start.countDown();
                return true;
            });
            assertEquals(THREADS + 1, runAll(tasks).size());
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

    @Test
    void documentsClosedOnOneThreadWhileAnotherParses() throws Exception {
        Subject s = open();
        MemoryStats before = s.stats();
        BlockingQueue<OcpDocument> handOff = new LinkedBlockingQueue<>();
        int count = 300;
        List<byte[]> inputs = Inputs.generated(51, 30);
        List<Callable<Integer>> tasks = List.of(() -> {
            for (int i = 0; i < count; i++) {
                handOff.add(s.parse(inputs.get(i % inputs.size())));
            }
            return count;
        }, () -> {
            for (int i = 0; i < count; i++) {
                OcpDocument doc = handOff.take();
                assertTrue(doc.nodeCount() >= 1);
                doc.close();
            }
            return count;
        });
        assertEquals(List.of(count, count), runAll(tasks));
        Stats.assertNothingLeftAllocated(before, s.stats(), "after one thread closed what another parsed");
        assertEquals(List.of(), s.leaks());
    }

    @Test
    void engineCloseWhileThreadsParse() throws Exception {
        Subject s = open();
        CountDownLatch warmedUp = new CountDownLatch(THREADS * 10);
        List<Callable<List<OcpDocument>>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            tasks.add(() -> {
                // Keep the first documents open for engine close to free; close the rest at once, so that
                // closes race the engine close too and memory stays bounded however long the close takes.
                List<OcpDocument> kept = new ArrayList<>();
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (true) {
                    OcpDocument doc;
                    try {
                        doc = s.parse(Inputs.SAMPLE_BYTES);
                    } catch (OcpException e) {
                        assertEquals(OcpException.Code.CLOSED, e.code(), () -> "a parse racing engine close: " + e);
                        return kept;
                    }
                    if (kept.size() < 100) {
                        kept.add(doc);
                    } else {
                        doc.close();
                    }
                    warmedUp.countDown();
                    if (System.nanoTime() > giveUp) {
                        throw new AssertionError("the engine never reported CLOSED to a thread parsing while it closed");
                    }
                }
            });
        }
        tasks.add(() -> {
            warmedUp.await();
            s.engine().close();
            return List.of();
        });
        List<List<OcpDocument>> results = runAll(tasks);
        int kept = 0;
        for (List<OcpDocument> docs : results) {
            for (OcpDocument doc : docs) {
                assertTrue(doc.isClosed(), "every document returned before engine close was freed by it");
                kept++;
            }
        }
        int open = kept;
        assertTrue(open >= THREADS * 10, "the parsing threads got documents before the close");
        MemoryStats after = s.stats();
        assertEquals(0, after.liveDocuments(), () -> "nothing live after the racing close: " + after);
        assertEquals(0, after.liveBytes(), () -> "nothing live after the racing close: " + after);
        assertTrue(s.leaks().size() >= open, () -> "each of the " + open + " open documents was reported");
    }
}
