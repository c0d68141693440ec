package dev.ocp.spi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bindings' pool of per-call blocks: reuse, its bound, draining, and one user per block under contention. */
class BlockPoolTest {
    /** A block that knows whether someone is using it. */
    static final class Block {
        final AtomicBoolean inUse = new AtomicBoolean();
    }

    @Test
    void anEmptyPoolMakesBlocksAndAGivenBlockIsTakenAgain() {
        AtomicInteger made = new AtomicInteger();
        BlockPool<Block> pool = new BlockPool<>(2, () -> {
            made.incrementAndGet();
            return new Block();
        });
        Block a = pool.take();
        assertEquals(1, made.get());
        assertTrue(pool.give(a));
        assertSame(a, pool.take(), "the idle block is reused");
        assertEquals(1, made.get());
    }

    @Test
    void aFullPoolHandsTheBlockBackAndDrainEmptiesIt() {
        BlockPool<Block> pool = new BlockPool<>(2, Block::new);
        Block a = new Block();
        Block b = new Block();
        Block c = new Block();
        assertTrue(pool.give(a));
        assertTrue(pool.give(b));
        assertFalse(pool.give(c), "the pool keeps two");
        Set<Block> drained = new HashSet<>();
        pool.drain(drained::add);
        assertEquals(Set.of(a, b), drained);
        List<Block> after = new ArrayList<>();
        pool.drain(after::add);
        assertEquals(List.of(), after, "nothing is left after a drain");
        assertTrue(pool.give(c));
    }

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new BlockPool<>(0, Block::new));
    }

    @Test
    void aBlockHasOneUserAtATimeWhileThreadsTakeAndGive() throws Exception {
        BlockPool<Block> pool = new BlockPool<>(4, Block::new);
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 100_000 && failure.get() == null; i++) {
                    Block b = pool.take();
                    if (!b.inUse.compareAndSet(false, true)) {
                        failure.set("a block was handed to two users at once");
                    }
                    b.inUse.set(false);
                    pool.give(b);
                }
            });
            running.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : running) {
            thread.join();
        }
        assertNull(failure.get());
        Set<Block> idle = new HashSet<>();
        pool.drain(idle::add);
        assertTrue(idle.size() <= 4, "at most capacity blocks are kept: " + idle.size());
    }
}
