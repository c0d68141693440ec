package dev.ocp.spi;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The calls under way inside an engine, counted so that its close can wait for them, without making every
 * thread's parse and close fight over one counter. Each thread counts on a stripe of its own (by the number it
 * drew, {@link ThreadStripes}; stripes 128 bytes apart), and leaves on the stripe it entered, so no stripe ever
 * drops below zero; the closer, having marked the engine closing, waits until it reads every stripe at zero. That
 * is enough: a thread counts itself in before it looks at "closing" (both volatile), so either it sees the mark and
 * backs out, or the closer sees its count.
 */
final class InFlight {
    /** Longs per stripe: its counter, then padding to 128 bytes (a pair of cache lines, which processors fetch together). */
    private static final int SPACING = 16;

    private final AtomicLongArray counts;
    private final int stripes;
    private final int mask;

    InFlight() {
        stripes = ThreadStripes.count();
        counts = new AtomicLongArray(ThreadStripes.paddedLength(stripes, SPACING));
        mask = stripes - 1;
    }

    /** Counts the calling thread in and returns its stripe, which {@link #exit(int)} must be given. */
    int enter() {
        int stripe = ThreadStripes.start(ThreadStripes.current() & mask, SPACING);
        counts.getAndIncrement(stripe);
        return stripe;
    }

    /** Counts the calling thread out of the stripe it entered. */
    void exit(int stripe) {
        counts.getAndDecrement(stripe);
    }

    /** Whether no call is under way (exact once no new call can enter). */
    boolean isEmpty() {
        for (int s = 0; s < stripes; s++) {
            if (counts.get(ThreadStripes.start(s, SPACING)) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits, parked, until no call is under way; for the engine's closer, which every call leaving after the
     * engine was marked closing unparks. No wake-up is missed: a call that leaves after the closer read its
     * stripe as busy leaves after the mark, so it sees the mark and unparks (a permit outlives an early unpark).
     */
    void awaitEmpty(Object blocker) {
        while (!isEmpty()) {
            LockSupport.park(blocker);
        }
    }
}
