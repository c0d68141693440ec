package dev.ocp.spi;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * An engine's memory limit and its count of live bytes, kept so that threads taking and giving memory at once write
 * no cache line in common: the Java side of what the C allocator does (native/src/alloc.c). Each thread takes bytes
 * from credit on a stripe of its own ({@link ThreadStripes}), reserved against the limit a chunk at a time; only a
 * stripe short of credit, or one holding more than {@link #KEPT_CHUNKS} chunks, writes the shared count. The limit
 * is exact at every moment: the reserved bytes (live bytes and every stripe's credit) never pass it, and before a
 * request is refused every stripe's credit is given back, so credit held idle never refuses what live bytes leave
 * room for.
 *
 * <p>{@link #live()} is exact whenever nothing is taken or given at the same moment; {@link #peak()} is the peak of
 * the reserved bytes, at most {@link #KEPT_CHUNKS} chunks per stripe above the peak of live bytes.
 */
public final class MemoryBudget {
    /** Bytes a stripe reserves at a time, or the limit's 64th part when that is less. */
    public static final long CHUNK = 64 << 10;
    /** The most credit a stripe keeps, in chunks; what it holds beyond is given back. */
    public static final int KEPT_CHUNKS = 4;
    /** Longs per stripe: its credit, then padding to 128 bytes, so that no two stripes share a cache line. */
    private static final int SPACING = 16;

    private final long limit;
    private final long chunk;
    private final AtomicLong reserved = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLongArray credit;
    private final int stripes;
    private final int mask;

    /**
     * A budget with nothing taken.
     *
     * @param limit the most bytes live at once; {@link Long#MAX_VALUE} for no limit
     */
    public MemoryBudget(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("the limit must be positive, not " + limit);
        }
        this.limit = limit;
        this.chunk = Math.min(CHUNK, limit / 64);
        this.stripes = ThreadStripes.count();
        this.credit = new AtomicLongArray(ThreadStripes.paddedLength(stripes, SPACING));
        this.mask = stripes - 1;
    }

    /**
     * Takes {@code bytes} for the calling thread.
     *
     * @param bytes how many (not negative)
     * @return {@code false}, with nothing taken, if live bytes would pass the limit
     */
    public boolean take(long bytes) {
        int stripe = stripe();
        for (long c = credit.get(stripe); c >= bytes; c = credit.get(stripe)) {
            if (credit.compareAndSet(stripe, c, c - bytes)) {
                return true;
            }
        }
        if (bytes <= limit - chunk && reserve(bytes + chunk)) {
            credit.getAndAdd(stripe, chunk);
            return true;
        }
        if (reserve(bytes)) {
            return true;
        }
        // Short only because of credit held unused: every stripe's given back, and the request tried once more.
        for (int s = 0; s < stripes; s++) {
            long c = credit.getAndSet(ThreadStripes.start(s, SPACING), 0);
            if (c != 0) {
                reserved.getAndAdd(-c);
            }
        }
        return reserve(bytes);
    }

    /**
     * Gives back {@code bytes} taken before, on this thread or another.
     *
     * @param bytes how many
     */
    public void give(long bytes) {
        int stripe = stripe();
        long c = credit.addAndGet(stripe, bytes);
        if (c > chunk * KEPT_CHUNKS && credit.compareAndSet(stripe, c, chunk)) {
            reserved.getAndAdd(-(c - chunk));
        }
    }

    /**
     * The bytes taken and not given back: exact whenever nothing is taken or given at the same moment.
     *
     * @return the live bytes
     */
    public long live() {
        long held = 0;
        for (int s = 0; s < stripes; s++) {
            held += credit.get(ThreadStripes.start(s, SPACING));
        }
        return Math.max(0, reserved.get() - held);
    }

    /**
     * The highest bytes reserved so far: live bytes and the credit of every stripe, at most {@link #KEPT_CHUNKS}
     * chunks per stripe above the highest live bytes.
     *
     * @return the peak
     */
    public long peak() {
        return peak.get();
    }

    private boolean reserve(long bytes) {
        long now;
        long next;
        do {
            now = reserved.get();
            next = now + bytes;
            if (bytes > limit - now) {
                return false;
            }
        } while (!reserved.compareAndSet(now, next));
        if (next > peak.get()) {
            peak.accumulateAndGet(next, Math::max); // only when it may rise: a write even when it does not
        }
        return true;
    }

    private int stripe() {
        return ThreadStripes.start(ThreadStripes.current() & mask, SPACING);
    }
}
