package dev.ocp.spi;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How threads pick stripes: by a number each draws once, in turn. Identity hashes, which the stripes used before,
 * could put two threads started together on one stripe in every run of a given JVM setup.
 */
class ThreadStripesTest {

    @Test
    void threadsStartedTogetherDrawNumbersOfTheirOwnAndKeepThem() throws Exception {
        int threads = Math.max(4, ThreadStripes.count());
        int[][] drawn = new int[threads][2];
        CyclicBarrier together = new CyclicBarrier(threads);
        Thread[] started = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int me = t;
            started[t] = new Thread(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                drawn[me][0] = ThreadStripes.current();
                drawn[me][1] = ThreadStripes.current();
            });
            started[t].start();
        }
        for (Thread t : started) {
            t.join();
        }
        Set<Integer> numbers = new HashSet<>();
        for (int[] d : drawn) {
            assertEquals(d[0], d[1], "a thread keeps its number");
            assertTrue(d[0] >= 0);
            numbers.add(d[0]);
        }
        assertEquals(threads, numbers.size(), "every thread has a number of its own");
    }

    @Test
    void twoThreadsParsingAtOnceUseDifferentStripes() throws Exception {
        int mask = ThreadStripes.count() - 1;
        for (int round = 0; round < 20; round++) {
            int[] stripe = new int[2];
            Thread a = new Thread(() -> stripe[0] = ThreadStripes.current() & mask);
            Thread b = new Thread(() -> stripe[1] = ThreadStripes.current() & mask);
            a.start();
            b.start();
            a.join();
            b.join();
            // Their numbers are drawn one after the other; only another thread's draw in between could make them
            // differ by the stripe count, and with at least four stripes not even one such draw does.
            assertNotEquals(stripe[0], stripe[1], "round " + round + ": both threads on stripe " + stripe[0]);
        }
    }

    @Test
    void stripeCountsAreTwiceTheProcessorsAsAPowerOfTwoAndAtLeastSixteen() {
        int count = ThreadStripes.count();
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(1, Integer.bitCount(count), count + " is a power of two");
        assertTrue(count >= 16 && count >= 2 * processors && (count == 16 || count < 4 * processors),
                count + " stripes for " + processors);
    }
}
