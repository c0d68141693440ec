package dev.ocp.engine.wasm;

import com.dylibso.chicory.wasm.ChicoryException;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.BlockPool;
import dev.ocp.spi.EngineBackend;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The wasm engine's backend: a pool of {@link WasmInstance}s, each single-threaded, made as parses need them (up
 * to {@code maxInstances}, then parses wait for one). A payload remembers the instance that made it and is freed
 * there, under that instance's lock, from whichever thread closes it. The engine's memory limit is shared among
 * the instances' C allocators by a {@link Budget}; the counters are the sum of every instance's C counters, read
 * with {@code ocp_stats_get} at the end of each operation.
 */
final class WasmBackend implements EngineBackend {
    private final OcpWasm wasm;
    private final Budget budget;
    private final int maxInstances;
    /** Every instance made, for the counters; instances are never removed (their memory outlives nothing). */
    private final List<WasmInstance> instances = new CopyOnWriteArrayList<>();
    /**
     * Instances not in use, each in the slot of the thread that gave it back, which takes it again first: a thread
     * keeps to one instance, and its linear memory stays in that thread's processor's cache. (One shared "last
     * given back" slot and a deque handed instances from thread to thread: two threads parsing small documents
     * each kept about two thirds of one thread's throughput.)
     */
    private final BlockPool<WasmInstance> idle = BlockPool.forParsingThreads(() -> null);
    /** Idle instances the slots had no room for. */
    private final ConcurrentLinkedDeque<WasmInstance> overflow = new ConcurrentLinkedDeque<>();
    /** Instances made and not retired: at most {@code maxInstances}. */
    private final AtomicInteger made = new AtomicInteger();
    /** Threads waiting in {@link #take} for an instance; guarded by {@link #waitLock}, read without it. */
    private volatile int waiters;
    private final Object waitLock = new Object();
    private final AtomicInteger ids = new AtomicInteger();
    /**
     * Parses that ran out of memory on their instance's credit and began again on a grant: each wasted at most
     * the work of filling the credit ({@link Budget#keep()}); for tests, which hold {@link Budget#fits} to real
     * documents.
     */
    private final LongAdder creditMisses = new LongAdder();
    /** The last counters of instances dropped at close, so that stats() after close still shows them. */
    private volatile Counters dropped = new Counters(0, 0, 0, 0, 0);
    private volatile boolean closed;

    /**
     * Creates the backend and its first instance.
     *
     * @param wasm         the module and its machine
     * @param memoryLimit  the engine's memory limit, shared by all instances
     * @param maxInstances most instances, so most parses at once
     */
    WasmBackend(OcpWasm wasm, long memoryLimit, int maxInstances) {
        if (maxInstances < 1) {
            throw new IllegalArgumentException("maxInstances must be at least 1, not " + maxInstances);
        }
        this.wasm = wasm;
        this.budget = new Budget(memoryLimit, instances);
        this.maxInstances = maxInstances;
        made.set(1);
        idle.give(create());
    }

    @Override
    public Payload parse(ByteBuffer utf8, ParseOptions options) {
        WasmInstance in = take();
        try {
            int address = parseOn(in, 0, utf8, options);
            return new WasmPayload(this, in, address, in.view(address, in.resultLength()));
        } finally {
            give(in);
        }
    }

    /**
     * Parses on {@code in} (locked by the caller) into a new payload or into one of its arenas, under a lease of
     * the budget: the instance's credit when the input fits it, then a grant, then a grant alone, each tried if the
     * one before was not enough.
     *
     * @return the payload's address; its length is {@link WasmInstance#resultLength()}
     */
    int parseOn(WasmInstance in, int arena, ByteBuffer utf8, ParseOptions options) {
        Budget.Level level = budget.fits(in, utf8.remaining()) ? Budget.Level.CREDIT : Budget.Level.GRANT;
        return underLease(in, level, () -> in.parse(arena, utf8, options));
    }

    /** What runs on an instance under a lease of the budget. */
    private interface Leased<T> {
        T run();
    }

    private <T> T underLease(WasmInstance in, Budget.Level first, Leased<T> operation) {
        Budget.Level level = first;
        while (true) {
            boolean onlyOne = instances.size() == 1;
            in.setLimit(budget.begin(in, level, onlyOne));
            try {
                return operation.run();
            } catch (OcpException e) {
                if (e.code() != OcpException.Code.OUT_OF_MEMORY) {
                    throw e;
                }
                if (in.flushQuarantine()) {
                    continue; // memory that kept views held is free now; the same lease may do
                }
                if (level == Budget.Level.ALONE || level == Budget.Level.GRANT && onlyOne) {
                    throw e;
                }
                if (level == Budget.Level.CREDIT) {
                    creditMisses.increment();
                }
            } finally {
                budget.end(in, in.counters().liveBytes(), level);
            }
            level = level == Budget.Level.CREDIT ? Budget.Level.GRANT : Budget.Level.ALONE;
        }
    }

    /**
     * Frees a payload on the instance that made it, from any thread; one a view the caller kept may read goes to the
     * instance's quarantine instead ({@link WasmInstance#quarantine}).
     */
    void free(WasmInstance in, int address, long keptBytes) {
        in.lock.lock();
        try {
            if (keptBytes < 0) {
                in.free(address);
            } else {
                in.quarantine(address, false, keptBytes);
            }
            settle(in);
        } finally {
            in.lock.unlock();
        }
    }

    @Override
    public Counters counters() {
        Counters gone = dropped;
        long live = gone.liveBytes();
        long peak = gone.peakBytes();
        long allocations = gone.allocations();
        long frees = gone.frees();
        for (WasmInstance in : instances) {
            Counters c = in.counters();
            live += c.liveBytes();
            peak += c.peakBytes();
            allocations += c.allocations();
            frees += c.frees();
        }
        // Each instance's peak is exact, their sum a bound of the engine's (they need not peak at once); the budget
        // keeps the instances together within the limit, so the limit bounds it too.
        return new Counters(live, Math.min(peak, budget.limit()), allocations, frees, budget.limit());
    }

    /** Blocks the instances' C engines hold (payloads, arena regions), which {@link Counters} omits; for tests. */
    long liveAllocations() {
        long live = 0;
        for (WasmInstance in : instances) {
            live += in.liveAllocations();
        }
        return live;
    }

    /** The instances made so far; for tests. */
    List<WasmInstance> instances() {
        return List.copyOf(instances);
    }

    Budget budget() {
        return budget;
    }

    /** Parses begun on an instance's credit that needed a grant; for tests. */
    long creditMisses() {
        return creditMisses.sum();
    }

    @Override
    public ArenaBackend newArena(long capacityBytes) {
        WasmInstance in = take();
        try {
            return underLease(in, Budget.Level.GRANT,
                    () -> new WasmArena(this, in, in.arenaCreate(capacityBytes), capacityBytes));
        } finally {
            give(in);
        }
    }

    /**
     * After a free on {@code in} (locked by the caller): it holds what its C engine still has live; and an instance
     * retired by a trap is dropped, with its share of the counters and of the budget, once nothing it made is left.
     */
    void settle(WasmInstance in) {
        if (in.broken() != null && in.outstanding() == 0) {
            if (instances.remove(in)) {
                budget.leave(in);
            }
        } else {
            budget.settle(in, in.counters().liveBytes());
        }
    }

    @Override
    public void close() {
        // Nothing to give back to a system: an instance and its memory are Java objects. The instances that hold
        // nothing are let go, so that a closed engine kept by someone does not keep their memory; their last
        // counters stay in the sum. One whose document is still being freed by a late safety net (StandardEngine
        // claimed every document, but a free the cleaner thread began may still run) stays until that is done.
        closed = true;
        idle.drain(in -> { });
        overflow.clear();
        for (WasmInstance in : instances) {
            in.lock.lock();
            try {
                // What kept views hold is theirs after a move; the C engine's memory is free for it to go.
                in.flushQuarantine();
                if (in.outstanding() == 0 && instances.remove(in)) {
                    Counters c = in.counters();
                    Counters gone = dropped;
                    dropped = new Counters(gone.liveBytes() + c.liveBytes(), gone.peakBytes() + c.peakBytes(),
                            gone.allocations() + c.allocations(), gone.frees() + c.frees(), 0);
                }
            } finally {
                in.lock.unlock();
            }
        }
    }

    /**
     * An instance for this thread alone, locked; {@link #give} returns it. The one this thread gave back last if it
     * is idle, else any idle one, else a new one if fewer than {@code maxInstances} exist, else the first given back.
     */
    WasmInstance take() {
        while (true) {
            WasmInstance in = idle.take();
            if (in == null) {
                in = overflow.pollFirst();
            }
            if (in != null) {
                if (in.broken() != null) {
                    retire(in);
                    continue;
                }
                in.lock.lock();
                return in;
            }
            int count = made.get();
            if (count < maxInstances) {
                if (made.compareAndSet(count, count + 1)) {
                    try {
                        in = create();
                    } catch (RuntimeException | Error e) {
                        made.decrementAndGet();
                        throw e;
                    }
                    in.lock.lock();
                    return in;
                }
                continue;
            }
            awaitIdle();
        }
    }

    /**
     * Waits until an instance may be idle: one is given back, or retired (so that another may be made). The waiter
     * counts itself and then looks; {@link #give} puts an instance back and then reads the count (both through
     * volatile fields), so a give the waiter's look misses sees the waiter and wakes it.
     */
    private void awaitIdle() {
        boolean interrupted = false;
        synchronized (waitLock) {
            waiters++;
            try {
                WasmInstance in = idle.take();
                if (in == null) {
                    in = overflow.pollFirst();
                }
                if (in != null) {
                    putBack(in); // found after all: the caller's next round takes it
                } else if (made.get() >= maxInstances) {
                    waitLock.wait();
                }
            } catch (InterruptedException e) {
                interrupted = true;
            } finally {
                waiters--;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void putBack(WasmInstance in) {
        if (!idle.give(in)) {
            overflow.push(in);
        }
    }

    /** Wakes the threads waiting for an instance, if any. */
    private void wakeWaiters() {
        if (waiters > 0) {
            synchronized (waitLock) {
                waitLock.notifyAll();
            }
        }
    }

    /** An instance a trap retired while idle (only tests call an idle instance directly): left out of the pool. */
    private void retire(WasmInstance in) {
        in.lock.lock();
        try {
            settle(in);
        } finally {
            in.lock.unlock();
        }
        made.decrementAndGet();
        wakeWaiters();
    }

    void give(WasmInstance in) {
        boolean broken = in.broken() != null;
        if (broken) {
            settle(in);
        }
        in.lock.unlock();
        if (broken) {
            made.decrementAndGet();
        } else if (!closed) {
            putBack(in);
        }
        wakeWaiters();
    }

    private WasmInstance create() {
        WasmInstance in;
        try {
            in = new WasmInstance(ids.getAndIncrement(), wasm, budget.limit());
        } catch (OutOfMemoryError e) {
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "no memory for another wasm instance ("
                    + instances.size() + " of at most " + maxInstances + " exist): " + e, e);
        } catch (ChicoryException e) {
            throw new OcpException(OcpException.Code.INTERNAL, "the OCP wasm module could not be instantiated: " + e,
                    e);
        }
        budget.join(in, in.counters().liveBytes());
        instances.add(in);
        return in;
    }

    /** A payload in the linear memory of the instance that made it. */
    static final class WasmPayload implements Payload {
        private final WasmBackend backend;
        final WasmInstance instance;
        final int address;
        private final ByteBuffer view;

        WasmPayload(WasmBackend backend, WasmInstance instance, int address, ByteBuffer view) {
            this.backend = backend;
            this.instance = instance;
            this.address = address;
            this.view = view;
        }

        @Override
        public ByteBuffer view() {
            return view;
        }

        /** Whether a view of the payload was handed out, which its free must then not hand to another payload. */
        private volatile boolean kept;

        @Override
        public ByteBuffer keptView() {
            kept = true;
            return view;
        }

        @Override
        public void release() {
            backend.free(instance, address, kept ? view.capacity() : -1);
        }
    }
}
