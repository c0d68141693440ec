package dev.ocp.spi;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A small lock-free pool of reusable blocks (a binding's per-call structs, for example), so that the hot path
 * allocates nothing: {@link #take()} a block, use it on one thread, {@link #give} it back. When the pool is
 * empty a new block is made; when it is full a returned block is handed back to the caller to free.
 *
 * @param <T> the block type
 */
public final class BlockPool<T> {
    /**
     * Slots are this many array elements apart (128 bytes with compressed references), so that threads taking and
     * giving blocks at once write neither one cache line nor two that the processor fetches as a pair (64 bytes
     * apart, two threads' slots cost each a compare-and-swap on a line the other had just written).
     */
    private static final int STRIDE = 32;

    private final AtomicReferenceArray<T> spare;
    private final int capacity;
    private final Supplier<? extends T> factory;

    /**
     * Creates an empty pool.
     *
     * @param capacity how many idle blocks it keeps
     * @param factory  makes a block when none is idle
     */
    public BlockPool(int capacity, Supplier<? extends T> factory) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.capacity = capacity;
        this.spare = new AtomicReferenceArray<>(ThreadStripes.paddedLength(capacity, STRIDE));
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * A pool with a slot for each thread that parses at once, as far as that can be foreseen: twice the processors,
     * and at least 16, since the threads of a server that parse are often more than its processors (at 8 threads on
     * 2 processors, 4 slots left threads making and dropping blocks; JMH, {@code ffm}: 1.6 to 3.2 million documents a
     * second over six forks, 2.5 to 3.6 million with 16).
     *
     * @param factory makes a block when none is idle
     * @param <T>     the block type
     * @return a new pool
     */
    public static <T> BlockPool<T> forParsingThreads(Supplier<? extends T> factory) {
        return new BlockPool<>(ThreadStripes.count(), factory);
    }

    /**
     * An idle block, or a new one.
     *
     * @return a block the caller uses alone until it gives it back
     */
    public T take() {
        int first = firstSlot();
        for (int k = 0; k < capacity; k++) {
            int i = slot(first, k);
            T block = spare.get(i);
            if (block != null && spare.compareAndSet(i, block, null)) {
                return block;
            }
        }
        return factory.get();
    }

    /**
     * Gives a block from {@link #take()} back; the caller no longer touches it if it was kept.
     *
     * @param block the block
     * @return {@code true} if the pool kept it; {@code false} if it is full, and the block is the caller's to free
     */
    public boolean give(T block) {
        int first = firstSlot();
        for (int k = 0; k < capacity; k++) {
            int i = slot(first, k);
            if (spare.get(i) == null && spare.compareAndSet(i, null, block)) {
                return true;
            }
        }
        return false;
    }

    /** Where this thread starts looking: threads that take and give at once mostly keep to slots of their own. */
    private int firstSlot() {
        return ThreadStripes.current() % capacity;
    }

    /** The array index of the k-th slot from {@code first}. */
    private int slot(int first, int k) {
        int s = first + k;
        return ThreadStripes.start(s >= capacity ? s - capacity : s, STRIDE);
    }

    /**
     * Empties the pool, handing every idle block to {@code free}.
     *
     * @param free what to do with each idle block
     */
    public void drain(Consumer<? super T> free) {
        for (int s = 0; s < capacity; s++) {
            T block = spare.getAndSet(ThreadStripes.start(s, STRIDE), null);
            if (block != null) {
                free.accept(block);
            }
        }
    }
}
