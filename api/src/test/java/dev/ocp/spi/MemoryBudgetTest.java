package dev.ocp.spi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryBudgetTest {

    @Test
    void liveBytesAreExactAndThePeakIsBoundedByTheCredit() {
        MemoryBudget budget = new MemoryBudget(1 << 30);
        assertTrue(budget.take(100));
        assertTrue(budget.take(200));
        assertEquals(300, budget.live());
        budget.give(100);
        assertEquals(200, budget.live());
        assertTrue(budget.peak() >= 300 && budget.peak() <= 300 + MemoryBudget.KEPT_CHUNKS * MemoryBudget.CHUNK,
                () -> "peak " + budget.peak());
        budget.give(200);
        assertEquals(0, budget.live());
    }

    @Test
    void theLimitIsExactEvenWithCreditHeldOnAnotherThread() throws InterruptedException {
        long limit = 6400; // a chunk of 100 bytes
        MemoryBudget budget = new MemoryBudget(limit);
        Thread other = new Thread(() -> {
            assertTrue(budget.take(300));
            budget.give(300); // its stripe keeps credit
        });
        other.start();
        other.join();
        assertEquals(0, budget.live());
        assertTrue(budget.take(limit), "the whole limit: the other stripe's credit given back first");
        assertFalse(budget.take(1));
        assertEquals(limit, budget.live());
        budget.give(limit);
        assertEquals(0, budget.live());
        assertTrue(budget.peak() <= limit, () -> "peak " + budget.peak());
    }

    @Test
    void bytesTakenOnOneThreadMayBeGivenOnAnother() throws InterruptedException {
        MemoryBudget budget = new MemoryBudget(1 << 20);
        Thread taker = new Thread(() -> assertTrue(budget.take(4096)));
        taker.start();
        taker.join();
        assertEquals(4096, budget.live());
        budget.give(4096);
        assertEquals(0, budget.live());
    }

    /** Threads taking and giving at once against a tight limit: never past it, and nothing left once they end. */
    @Test
    void manyThreadsNeverPassTheLimit() throws InterruptedException {
        long limit = 64 << 10;
        MemoryBudget budget = new MemoryBudget(limit);
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    long size = 16 + (i * 7919L) % 6000;
                    if (budget.take(size)) {
                        budget.give(size);
                    } else {
                        refused.incrementAndGet();
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(0, budget.live());
        assertTrue(budget.peak() <= limit, () -> "peak " + budget.peak() + " over the limit of " + limit);
    }

    @Test
    void aLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryBudget(0));
    }
}
