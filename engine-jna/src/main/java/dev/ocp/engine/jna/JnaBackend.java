package dev.ocp.engine.jna;

import com.sun.jna.Pointer;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.BlockPool;
import dev.ocp.spi.CoreAbi;
import dev.ocp.spi.EngineBackend;
import dev.ocp.spi.HeldMemory;

import java.nio.ByteBuffer;
import java.util.concurrent.locks.StampedLock;

/**
 * The jna engine's backend: one {@code ocp_engine} of the C core (its allocator, limit and counters), parsed
 * into through direct-mapped calls. Payloads stay where C allocated them; {@link NativePayload#view()} is a
 * direct buffer over that memory, and {@link NativePayload#release()} is {@code ocp_free}.
 */
final class JnaBackend implements EngineBackend {
    private final Pointer engine;
    private final long engineAddress;
    /** Call blocks for reuse: allocating native memory on every parse would cost more than the call. */
    private final BlockPool<Calls> spare = BlockPool.forParsingThreads(Calls::new);
    /** Readers: counters(); writer: close(), which destroys the C engine the readers read. */
    private final StampedLock lifecycle = new StampedLock();
    private volatile Counters last;
    /** Set under the write lock; read without it only by give(), where a stale false merely pools a block. */
    private volatile boolean destroyed;
    /** Set under the write lock by close(); the C engine lives on while kept views hold payloads of it. */
    private volatile boolean closed;
    /**
     * The C engine itself: destroyed when this backend is closed and no payload a caller's view holds is left, since
     * those payloads are the engine's memory until their views are unreachable.
     */
    private final HeldMemory held = new HeldMemory(this::destroy);

    JnaBackend(long memoryLimitBytes) {
        Pointer created = LibOcp.ocp_engine_create(memoryLimitBytes);
        if (created == null) {
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "the C core could not allocate an engine");
        }
        this.engine = created;
        this.engineAddress = Pointer.nativeValue(created);
    }

    @Override
    public Payload parse(ByteBuffer utf8, ParseOptions options) {
        Calls calls = take();
        try {
            return new NativePayload(this, calls.parse(engine, null, utf8, options), calls.length());
        } finally {
            give(calls);
        }
    }

    @Override
    public Counters counters() {
        long stamp = lifecycle.readLock();
        try {
            if (destroyed) {
                return last;
            }
            return read();
        } finally {
            lifecycle.unlockRead(stamp);
        }
    }

    private Counters read() {
        Calls calls = take();
        try {
            LibOcp.ocp_stats_get(engine, calls.stats);
            Pointer s = calls.stats;
            return new Counters(s.getLong(CoreAbi.STATS_LIVE_BYTES), s.getLong(CoreAbi.STATS_PEAK_BYTES),
                    s.getLong(CoreAbi.STATS_ALLOCATIONS), s.getLong(CoreAbi.STATS_FREES),
                    s.getLong(CoreAbi.STATS_LIMIT_BYTES));
        } finally {
            give(calls);
        }
    }

    /**
     * The C core's count of blocks allocated and not freed, which {@link Counters} does not carry; tests read
     * it to prove that nothing C allocated outlives a close.
     */
    long liveAllocations() {
        long stamp = lifecycle.readLock();
        try {
            if (closed) {
                throw new IllegalStateException("the engine is closed");
            }
            Calls calls = take();
            try {
                LibOcp.ocp_stats_get(engine, calls.stats);
                return calls.stats.getLong(CoreAbi.STATS_LIVE_ALLOCATIONS);
            } finally {
                give(calls);
            }
        } finally {
            lifecycle.unlockRead(stamp);
        }
    }

    @Override
    public ArenaBackend newArena(long capacityBytes) {
        Calls calls = take();
        try {
            int status = LibOcp.ocp_arena_create(engine, capacityBytes, calls.arenaOut);
            if (status != CoreAbi.OK) {
                throw CoreAbi.failure(status, "the C core could not create an arena of " + capacityBytes
                        + " bytes (the engine's memory limit is " + read().limitBytes() + ")");
            }
            return new JnaArena(this, calls.arenaOut.getPointer(0), capacityBytes);
        } finally {
            give(calls);
        }
    }

    /**
     * Closes the backend: the C engine is destroyed now (its counters final from then on), or once the last
     * payload a caller's view holds is freed.
     */
    @Override
    public void close() {
        long stamp = lifecycle.writeLock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lifecycle.unlockWrite(stamp);
        }
        held.release();
    }

    /** The end of the C engine; its final counters stay readable, so stats() after close shows what it ended with. */
    private void destroy() {
        long stamp = lifecycle.writeLock();
        try {
            last = read();
            destroyed = true;
            LibOcp.ocp_engine_destroy(engine);
            spare.drain(Calls::free);
        } finally {
            lifecycle.unlockWrite(stamp);
        }
    }

    /** Held memory of this engine's (a payload or arena a view was handed out of), which keeps the C engine alive. */
    HeldMemory hold(Runnable free) {
        return new HeldMemory(free, held);
    }

    /** A root direct buffer over {@code [address, address + length)}, for {@link HeldMemory#hold}: made by JNI. */
    static ByteBuffer root(long address, long length) {
        return new Pointer(address).getByteBuffer(0, length);
    }

    Pointer engine() {
        return engine;
    }

    private Calls take() {
        return spare.take();
    }

    private void give(Calls calls) {
        if (destroyed || !spare.give(calls)) {
            calls.free();
        }
    }

    /** A payload in memory the C core allocated. */
    static final class NativePayload implements Payload {
        private final JnaBackend backend;
        private final long payload;
        private final long length;
        private HeldMemory held;

        NativePayload(JnaBackend backend, long payload, long length) {
            this.backend = backend;
            this.payload = payload;
            this.length = length;
        }

        /** Where C allocated the payload; for tests. */
        long address() {
            return payload;
        }

        @Override
        public ByteBuffer view() {
            // A direct buffer over C's memory: no copy, and no owner of its own, so it must not be read after
            // release(); StandardEngine refuses access to a closed document.
            return Views.of(payload, length);
        }

        @Override
        public ByteBuffer keptView() {
            // A root of its own, not a slice of a shared window: its reachability is this payload's alone.
            held = backend.hold(this::free);
            return held.hold(root(payload, length));
        }

        @Override
        public void release() {
            if (held == null) {
                free();
            } else {
                held.release();
            }
        }

        private void free() {
            LibOcp.ocp_free(backend.engineAddress, payload);
        }
    }
}
