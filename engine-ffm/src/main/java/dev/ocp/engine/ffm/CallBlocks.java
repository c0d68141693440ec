package dev.ocp.engine.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@code ocp_options} and {@code ocp_result} blocks a parse call passes to C, kept for reuse: a confined
 * arena per call, with its two allocations and their segments, was a third of the Java-heap bytes of a parse
 * and a few hundred nanoseconds of each call. A block is used by one thread at a time, from {@link #take()} to
 * {@link #give}; blocks come from automatic arenas, so one that is not given back (or finds no free slot) is
 * freed by the collector like any other garbage.
 */
final class CallBlocks {
    /** One call's blocks. */
    record Call(MemorySegment options, MemorySegment result) {
    }

    private final AtomicReferenceArray<Call> spare =
            new AtomicReferenceArray<>(2 * Runtime.getRuntime().availableProcessors());

    /** A free call block, or a new one. */
    Call take() {
        for (int i = 0; i < spare.length(); i++) {
            Call c = spare.get(i);
            if (c != null && spare.compareAndSet(i, c, null)) {
                return c;
            }
        }
        Arena arena = Arena.ofAuto();
        return new Call(arena.allocate(Natives.OPTIONS), arena.allocate(Natives.RESULT));
    }

    /** Gives back a block from {@link #take()}; the caller no longer touches it. */
    void give(Call c) {
        for (int i = 0; i < spare.length(); i++) {
            if (spare.get(i) == null && spare.compareAndSet(i, null, c)) {
                return;
            }
        }
    }
}
