package dev.ocp.spi;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A few counters that every parsing thread writes and that are read only now and then (statistics), kept so that
 * threads counting at once write no cache line in common: each thread adds on a stripe of its own (by the number it
 * drew, {@link ThreadStripes}), which holds one slot of every counter, 128 bytes from the next stripe; a sum reads
 * every stripe.
 *
 * <p>This replaces {@link java.util.concurrent.atomic.LongAdder}, whose cells follow a thread's random probe: two
 * threads can land on one cell and stay there, and a JFR recording of two threads parsing 100-byte documents on the
 * {@code java} engine found 30% of its samples in the adders of the live-document and allocation counts. The
 * counters of one stripe share its line, so a parse that writes three of them dirties one line, its own.
 *
 * <p>A sum is exact whenever no thread adds at the same moment. Thread-safe.
 */
public final class StripedCounters {
    /** Longs per stripe: 128 bytes, so that no two stripes share a cache line or an adjacent-line prefetch pair. */
    private static final int SPACING = 16;

    private final AtomicLongArray slots;
    private final int counters;
    private final int stripes;
    private final int mask;

    /**
     * Counters at zero.
     *
     * @param counters how many, from 1 to 16
     * @throws IllegalArgumentException for another number
     */
    public StripedCounters(int counters) {
        if (counters < 1 || counters > SPACING) {
            throw new IllegalArgumentException("from 1 to " + SPACING + " counters, not " + counters);
        }
        this.stripes = ThreadStripes.count();
        this.slots = new AtomicLongArray(ThreadStripes.paddedLength(stripes, SPACING));
        this.counters = counters;
        this.mask = stripes - 1;
    }

    /**
     * Adds to a counter on the calling thread's stripe.
     *
     * @param counter which, from 0
     * @param delta   what to add; negative to subtract
     */
    public void add(int counter, long delta) {
        slots.getAndAdd(slot(counter), delta);
    }

    /**
     * A counter's value: the sum of its slots on every stripe.
     *
     * @param counter which, from 0
     * @return the sum, exact whenever no thread adds at the same moment
     */
    public long sum(int counter) {
        checkIndex(counter);
        long sum = 0;
        for (int s = 0; s < stripes; s++) {
            sum += slots.get(ThreadStripes.start(s, SPACING) + counter);
        }
        return sum;
    }

    private int slot(int counter) {
        checkIndex(counter);
        return ThreadStripes.start(ThreadStripes.current() & mask, SPACING) + counter;
    }

    private void checkIndex(int counter) {
        if (counter < 0 || counter >= counters) {
            throw new IndexOutOfBoundsException("counter " + counter + " of " + counters);
        }
    }
}
