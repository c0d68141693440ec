package dev.ocp.engine.java;

import dev.ocp.OcpException;
import dev.ocp.spi.BlockPool;
import dev.ocp.spi.EngineBackend;
import dev.ocp.spi.MemoryBudget;

import dev.ocp.spi.StripedCounters;

/**
 * Where the pure-Java engine's payloads live: byte arrays in power-of-two size classes, reused across
 * parses, and counted the way a native allocator counts (live bytes handed out, peak, allocations, frees)
 * against the engine's memory limit. Idle arrays are kept up to a bound so a burst does not pin the heap.
 */
final class BufferPool {
    private static final int MIN_CLASS = 10;            // 1 KiB
    private static final int MAX_CLASS = 26;            // 64 MiB; larger arrays are not cached
    private static final long MAX_IDLE_BYTES = 64L << 20;
    /**
     * Arrays below this size are kept idle without asking {@link #MAX_IDLE_BYTES}: their classes' pools hold one per
     * stripe at most, a few megabytes in all.
     */
    private static final int SMALL_IDLE = 1 << 20;
    /** The counters of {@link #counts}. */
    private static final int ALLOCATIONS = 0;
    private static final int FREES = 1;
    private static final int IDLE = 2;

    private final long limit;
    @SuppressWarnings("unchecked")
    private final BlockPool<byte[]>[] classes = new BlockPool[MAX_CLASS + 1];
    /**
     * Every counter is written by every parse and free on every thread. The live bytes are taken from per-thread
     * credit ({@link MemoryBudget}), exact against the limit at every moment; the counts, and the bytes held idle, are
     * on per-thread stripes too ({@link StripedCounters}): a parse and its free write no line another thread writes.
     */
    private final MemoryBudget budget;
    private final StripedCounters counts = new StripedCounters(3);

    BufferPool(long limit) {
        this.limit = limit;
        this.budget = new MemoryBudget(limit);
        for (int i = MIN_CLASS; i <= MAX_CLASS; i++) {
            classes[i] = BlockPool.forParsingThreads(() -> null);
        }
    }

    /**
     * @param minSize bytes needed
     * @return an array of at least {@code minSize} bytes, counted as live until {@link #release}
     * @throws OcpException OUT_OF_MEMORY if the limit would be crossed
     */
    byte[] acquire(long minSize) {
        if (minSize > Integer.MAX_VALUE - 8) {
            throw new OcpException(OcpException.Code.LIMIT_EXCEEDED, "payload of " + minSize
                    + " bytes is too large for the pure-Java engine (arrays hold at most 2 GiB)");
        }
        int cls = sizeClass((int) minSize);
        int size = cls <= MAX_CLASS ? 1 << cls : (int) minSize;
        if (!budget.take(size)) {
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "a payload of " + size + " bytes would bring the engine to "
                    + (budget.live() + size) + " bytes, over its memory limit of " + limit
                    + "; close documents or raise the limit");
        }
        counts.add(ALLOCATIONS, 1);
        byte[] array = null;
        if (cls <= MAX_CLASS) {
            array = classes[cls].take();
            if (array != null) {
                counts.add(IDLE, -size);
            }
        }
        if (array == null) {
            try {
                array = new byte[size];
            } catch (OutOfMemoryError e) {
                budget.give(size);
                counts.add(ALLOCATIONS, -1);
                throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "the Java heap has no room for a payload of "
                        + size + " bytes", e);
            }
        }
        return array;
    }

    /** Gives an array back; it must have come from {@link #acquire} and not been released since. */
    void release(byte[] array) {
        forget(array);
        int cls = Integer.numberOfTrailingZeros(array.length);
        // The idle bound asked only of arrays large enough to matter: a sum reads every thread's stripe.
        if (array.length == 1 << cls && cls >= MIN_CLASS && cls <= MAX_CLASS
                && (array.length < SMALL_IDLE || counts.sum(IDLE) + array.length <= MAX_IDLE_BYTES)
                && classes[cls].give(array)) {
            counts.add(IDLE, array.length);
        }
    }

    /**
     * Counts an array as freed without taking it back: for one a view the caller kept may still read, which must
     * never be handed to another payload. It is the garbage collector's from now on, as any heap memory is.
     */
    void forget(byte[] array) {
        budget.give(array.length);
        counts.add(FREES, 1);
    }

    EngineBackend.Counters counters() {
        return new EngineBackend.Counters(budget.live(), budget.peak(), counts.sum(ALLOCATIONS), counts.sum(FREES), limit);
    }

    private static int sizeClass(int size) {
        int cls = 32 - Integer.numberOfLeadingZeros(Math.max(size, 1) - 1);
        return Math.max(cls, MIN_CLASS);
    }
}
