package dev.ocp.spi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * How reads through the API are kept from seeing memory that a {@code close()} on another thread freed
 * (memory a free may unmap, or hand to the next document). Documents and arena regions extend it, one
 * object less per document. There are three modes, chosen per engine from what its memory is:
 * <ul>
 *   <li>{@link #CHECKED}: scoped views, which throw by themselves once freed; a read checks "open" first.
 *   <li>{@link #VALIDATED}: memory that stays mapped when freed (Java heap, wasm linear memory) but may be
 *       reused at once. A read checks "open" before and again after (a seqlock's validation): a close
 *       marks the document before the memory is reused, so a read that finds it still open after
 *       reading read the document's own bytes; otherwise it throws instead of returning them.
 *   <li>{@link #GATED}: off-heap memory that a free may return to the system, where reading after the
 *       free could crash the JVM, so the read must not happen at all. A reader counts itself in and then
 *       checks "open"; a closer marks the document and then waits for the count to drop to zero (Dekker's
 *       protocol: both sides use volatile accesses, so at least one sees the other). Reads through the API
 *       are short (a field, a string, a rendering), so the wait is too; two atomic operations per read is
 *       the price, paid only by such engines.
 * </ul>
 */
abstract class ReadGate {
    private static final VarHandle READERS;

    static {
        try {
            READERS = MethodHandles.lookup().findVarHandle(ReadGate.class, "readers", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through READERS
    private volatile int readers;

    static final int CHECKED = 0;
    static final int VALIDATED = 1;
    static final int GATED = 2;

    /** One of {@link #CHECKED}, {@link #VALIDATED}, {@link #GATED}. */
    final int mode;

    ReadGate(int mode) {
        this.mode = mode;
    }

    /** The mode for an engine with these capabilities. */
    static int modeFor(java.util.Set<dev.ocp.Capability> capabilities) {
        if (capabilities.contains(dev.ocp.Capability.SCOPED_VIEWS)) {
            return CHECKED;
        }
        return capabilities.contains(dev.ocp.Capability.OFF_HEAP) ? GATED : VALIDATED;
    }

    /** For the validation after a read: orders the read's loads before the second look at "open". */
    static void afterRead() {
        VarHandle.acquireFence();
    }

    void enter() {
        READERS.getAndAdd(this, 1);
    }

    void exit() {
        READERS.getAndAdd(this, -1);
    }

    /** Whether a read is under way (a hint: it may change at once). */
    boolean hasReaders() {
        return readers != 0;
    }

    /** In {@link #GATED} mode, returns once no read is under way; the caller has made new reads back out. */
    void awaitReaders() {
        if (mode != GATED) {
            return;
        }
        for (int spins = 0; readers != 0; spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
    }
}
