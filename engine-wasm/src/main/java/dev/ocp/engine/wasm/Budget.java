package dev.ocp.engine.wasm;

/**
 * The engine's memory limit, shared by the C engines of all its instances.
 *
 * <p>Each instance has a C allocator of its own, which enforces a limit of its own; the engine's limit must hold
 * for all of them together. So each instance holds part of the limit: while it is idle, exactly the bytes its
 * C engine has live (documents and arena regions); while it runs an operation, a lease: those bytes plus a grant
 * from what no instance holds, which becomes its C engine's limit for the operation. The holdings never sum to
 * more than the limit, and no C engine can go past its holding, so the engine's live bytes never pass the limit,
 * not even with several parses under way at once.
 *
 * <p>A grant is what is free when the operation is the engine's only one possible (a single instance) or
 * runs {@link #begin alone}; otherwise half of what is free, so that parses on other instances find room too. A
 * parse that fails with {@code OUT_OF_MEMORY} on half is run again alone, after the others finish: it then
 * fails only if it would fail on an engine with a single C allocator, which is the promise.
 */
final class Budget {
    private final long limit;
    /** Sum of every instance's holding. */
    private long held;
    private int inFlight;
    /** An operation waits to run alone, or runs alone: no other may begin meanwhile. */
    private boolean exclusive;
    /**
     * Threads in {@link #begin} waiting. {@link #end} notifies only if there are any: a notify makes HotSpot
     * inflate the lock into a full monitor, which every later {@code synchronized} of the budget then pays for.
     */
    private int waiting;

    Budget(long limit) {
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /**
     * Registers a new instance holding {@code live} bytes (its C engine's, allocated before it was counted).
     */
    synchronized void join(WasmInstance instance, long live) {
        instance.held = live;
        held += live;
    }

    /**
     * Starts an operation on {@code instance} (locked by the caller, idle until now) and grants it part of what
     * is free.
     *
     * @param alone    wait until no other operation runs, keep others from starting, and grant all that is free
     * @param onlyOne  whether the engine has a single instance, so that no other operation can compete
     * @return the lease: the C engine's limit for the operation
     */
    synchronized long begin(WasmInstance instance, boolean alone, boolean onlyOne) {
        boolean interrupted = false;
        while (exclusive) {
            interrupted |= waitUninterruptibly();
        }
        if (alone) {
            exclusive = true;
            while (inFlight > 0) {
                interrupted |= waitUninterruptibly();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        long free = Math.max(0, limit - held);
        long grant = alone || onlyOne ? free : free / 2;
        instance.held += grant;
        held += grant;
        inFlight++;
        return instance.held;
    }

    /** Ends an operation begun by {@link #begin}: the instance now holds what its C engine has live. */
    synchronized void end(WasmInstance instance, long live, boolean alone) {
        held += live - instance.held;
        instance.held = live;
        inFlight--;
        if (alone) {
            exclusive = false;
        }
        if (waiting > 0) {
            notifyAll();
        }
    }

    /** After a free on an idle instance (locked by the caller): it holds what its C engine still has live. */
    synchronized void settle(WasmInstance instance, long live) {
        held += live - instance.held;
        instance.held = live;
    }

    /** Sum of the holdings, for tests. */
    synchronized long held() {
        return held;
    }

    private boolean waitUninterruptibly() {
        waiting++;
        try {
            wait();
            return false;
        } catch (InterruptedException e) {
            return true;
        } finally {
            waiting--;
        }
    }
}
