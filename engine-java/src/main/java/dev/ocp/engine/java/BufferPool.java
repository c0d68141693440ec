package dev.ocp.engine.java;

import dev.ocp.OcpException;
import dev.ocp.spi.BlockPool;
import dev.ocp.spi.EngineBackend;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where the pure-Java engine's payloads live: byte arrays in power-of-two size classes, reused across
 * parses, and counted the way a native allocator counts (live bytes handed out, peak, allocations, frees)
 * against the engine's memory limit. Idle arrays are kept up to a bound so a burst does not pin the heap.
 */
final class BufferPool {
    private static final int MIN_CLASS = 10;            // 1 KiB
    private static final int MAX_CLASS = 26;            // 64 MiB; larger arrays are not cached
    private static final long MAX_IDLE_BYTES = 64L << 20;

    private final long limit;
    @SuppressWarnings("unchecked")
    private final BlockPool<byte[]>[] classes = new BlockPool[MAX_CLASS + 1];
    /**
     * Exact, as the limit is checked against it. The other counters are written by every parse and free on every
     * thread and read only for statistics (or, idle bytes, for a soft bound): striped, so that threads parsing small
     * documents at once do not take turns at one cache line.
     */
    private final AtomicLong live = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final LongAdder allocations = new LongAdder();
    private final LongAdder frees = new LongAdder();
    private final LongAdder idle = new LongAdder();

    BufferPool(long limit) {
        this.limit = limit;
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
        long now = live.addAndGet(size);
        if (now > limit) {
            live.addAndGet(-size);
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "a payload of " + size + " bytes would bring the engine to "
                    + now + " bytes, over its memory limit of " + limit + "; close documents or raise the limit");
        }
        if (now > peak.get()) {
            peak.accumulateAndGet(now, Math::max); // only when it may rise: a write even when it does not
        }
        allocations.increment();
        byte[] array = null;
        if (cls <= MAX_CLASS) {
            array = classes[cls].take();
            if (array != null) {
                idle.add(-size);
            }
        }
        if (array == null) {
            try {
                array = new byte[size];
            } catch (OutOfMemoryError e) {
                live.addAndGet(-size);
                allocations.decrement();
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
        if (array.length == 1 << cls && cls >= MIN_CLASS && cls <= MAX_CLASS
                && idle.sum() + array.length <= MAX_IDLE_BYTES && classes[cls].give(array)) {
            idle.add(array.length);
        }
    }

    /**
     * Counts an array as freed without taking it back: for one a view the caller kept may still read, which must
     * never be handed to another payload. It is the garbage collector's from now on, as any heap memory is.
     */
    void forget(byte[] array) {
        live.addAndGet(-array.length);
        frees.increment();
    }

    EngineBackend.Counters counters() {
        return new EngineBackend.Counters(live.get(), peak.get(), allocations.sum(), frees.sum(), limit);
    }

    private static int sizeClass(int size) {
        int cls = 32 - Integer.numberOfLeadingZeros(Math.max(size, 1) - 1);
        return Math.max(cls, MIN_CLASS);
    }
}
