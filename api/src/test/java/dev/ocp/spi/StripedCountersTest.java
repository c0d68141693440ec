package dev.ocp.spi;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StripedCountersTest {

    @Test
    void sumsAreExactOverEveryThreadAndCountersStayApart() throws Exception {
        StripedCounters counts = new StripedCounters(3);
        int threads = ThreadStripes.count() + 3; // more threads than stripes: some share one
        int rounds = 10_000;
        CyclicBarrier together = new CyclicBarrier(threads);
        Thread[] started = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            started[t] = new Thread(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < rounds; i++) {
                    counts.add(0, 1);
                    counts.add(1, 2);
                    counts.add(2, -1);
                }
            });
            started[t].start();
        }
        for (Thread t : started) {
            t.join();
        }
        assertEquals((long) threads * rounds, counts.sum(0));
        assertEquals(2L * threads * rounds, counts.sum(1));
        assertEquals(-(long) threads * rounds, counts.sum(2));
    }

    @Test
    void whatOneThreadAddsAnotherSubtractsAndEveryThreadReads() throws Exception {
        StripedCounters live = new StripedCounters(1);
        Thread adder = new Thread(() -> live.add(0, 5));
        adder.start();
        adder.join();
        assertEquals(5, live.sum(0), "read on a thread that never added");
        live.add(0, -5);
        assertEquals(0, live.sum(0));
    }

    @Test
    void countersOutsideTheRangeAreRefused() {
        StripedCounters counts = new StripedCounters(2);
        assertThrows(IndexOutOfBoundsException.class, () -> counts.add(2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> counts.sum(-1));
        assertThrows(IllegalArgumentException.class, () -> new StripedCounters(0));
        assertThrows(IllegalArgumentException.class, () -> new StripedCounters(17));
        StripedCounters full = new StripedCounters(16); // a whole stripe, its last counter apart from the next's
        full.add(15, 1);
        full.add(0, 2);
        assertEquals(1, full.sum(15));
        assertEquals(2, full.sum(0));
    }
}
