package dev.ocp.engine.wasm;

import com.dylibso.chicory.wasm.ChicoryException;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.EngineBackend;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

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
     * The instance given back last, if no one took it since: a single-threaded caller keeps to one, through one
     * atomic exchange each way instead of the deque's (which also allocates a node per push).
     */
    private final AtomicReference<WasmInstance> hot = new AtomicReference<>();
    /** The other instances not in use, most recently used first. */
    private final ConcurrentLinkedDeque<WasmInstance> idle = new ConcurrentLinkedDeque<>();
    private final Semaphore permits;
    private final AtomicInteger ids = new AtomicInteger();
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
        this.budget = new Budget(memoryLimit);
        this.maxInstances = maxInstances;
        this.permits = new Semaphore(maxInstances);
        idle.push(create());
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
     * the budget; again alone if half a lease was not enough.
     *
     * @return the payload's address; its length is {@link WasmInstance#resultLength()}
     */
    int parseOn(WasmInstance in, int arena, ByteBuffer utf8, ParseOptions options) {
        boolean alone = false;
        while (true) {
            boolean onlyOne = instances.size() == 1;
            in.setLimit(budget.begin(in, alone, onlyOne));
            try {
                return in.parse(arena, utf8, options);
            } catch (OcpException e) {
                if (e.code() != OcpException.Code.OUT_OF_MEMORY) {
                    throw e;
                }
                if (in.flushQuarantine()) {
                    continue; // memory that kept views held is free now; the same lease may do
                }
                if (alone || onlyOne) {
                    throw e;
                }
            } finally {
                budget.end(in, in.counters().liveBytes(), alone);
            }
            alone = true;
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

    @Override
    public ArenaBackend newArena(long capacityBytes) {
        WasmInstance in = take();
        try {
            boolean alone = false;
            while (true) {
                boolean onlyOne = instances.size() == 1;
                in.setLimit(budget.begin(in, alone, onlyOne));
                try {
                    return new WasmArena(this, in, in.arenaCreate(capacityBytes), capacityBytes);
                } catch (OcpException e) {
                    if (e.code() != OcpException.Code.OUT_OF_MEMORY || alone || onlyOne) {
                        throw e;
                    }
                } finally {
                    budget.end(in, in.counters().liveBytes(), alone);
                }
                alone = true;
            }
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
                budget.settle(in, 0);
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
        hot.set(null);
        idle.clear();
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

    /** An instance for this thread alone, locked; {@link #give} returns it. */
    WasmInstance take() {
        permits.acquireUninterruptibly();
        WasmInstance in = hot.getAndSet(null);
        if (in != null && in.broken() == null) {
            in.lock.lock();
            return in;
        }
        if (in != null) {
            retire(in);
        }
        while ((in = idle.pollFirst()) != null && in.broken() != null) {
            retire(in);
        }
        if (in == null) {
            try {
                in = create();
            } catch (RuntimeException | Error e) {
                permits.release();
                throw e;
            }
        }
        in.lock.lock();
        return in;
    }

    /** An instance a trap retired while idle (only tests call an idle instance directly): left out of the pool. */
    private void retire(WasmInstance in) {
        in.lock.lock();
        try {
            settle(in);
        } finally {
            in.lock.unlock();
        }
    }

    void give(WasmInstance in) {
        if (in.broken() != null) {
            settle(in);
        }
        in.lock.unlock();
        if (in.broken() == null && !closed && !hot.compareAndSet(null, in)) {
            idle.push(in);
        }
        permits.release();
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
