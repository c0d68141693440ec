package dev.ocp.engine.ffm;

import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.BlockPool;
import dev.ocp.spi.CoreAbi;
import dev.ocp.spi.EngineBackend;
import dev.ocp.spi.HeldMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The ffm engine's backend: one {@code ocp_engine} (the C allocator with its limit and counters), payloads
 * bound to arenas by a {@link Lifetime}. Thread-safe, as the C engine is.
 */
final class FfmBackend implements EngineBackend {
    private static final Natives N = Natives.get();

    private final MemorySegment engine;
    private final Lifetime lifetime;
    private final BlockPool<Call> calls = BlockPool.forParsingThreads(Call::new);
    /** Counters may be read while the engine is destroyed; the write lock keeps them apart. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;
    private boolean destroyed;
    private Counters last;
    /**
     * The C engine itself: destroyed when this backend is closed and no payload a caller's view holds is left, since
     * those payloads are the engine's memory until their views are unreachable.
     */
    private final HeldMemory held = new HeldMemory(this::destroy);

    FfmBackend(long memoryLimit, Lifetime lifetime) {
        this.lifetime = lifetime;
        MemorySegment e;
        try {
            e = (MemorySegment) N.engineCreate().invokeExact(memoryLimit);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (e.equals(MemorySegment.NULL)) {
            throw new OcpException(OcpException.Code.OUT_OF_MEMORY, "the C core could not create an engine");
        }
        this.engine = e;
    }

    @Override
    public Payload parse(ByteBuffer utf8, ParseOptions options) {
        long length = utf8.remaining();
        // Options and result are small and per call: blocks reused from call to call.
        Call call = calls.take();
        try {
            MemorySegment opts = call.options(options);
            MemorySegment out = call.result;
            MemorySegment src = call.input(utf8);
            int status;
            if (src.isNative()) {
                status = (int) N.parse().invokeExact(engine, src, length, opts, out);
            } else {
                status = (int) N.parseCritical().invokeExact(engine, src, length, opts, out);
            }
            call.check(status);
            return lifetime.bind(this, call.payload(), call.length());
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            call.end();
            calls.give(call);
        }
    }

    /** The call blocks of this engine's parses, shared with its arenas. */
    BlockPool<Call> calls() {
        return calls;
    }

    /** The cleanup of a payload's arena: the C free, on the thread that closes it. */
    void free(MemorySegment payload) {
        try {
            N.free().invokeExact(engine, payload);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public Counters counters() {
        lock.readLock().lock();
        try {
            return destroyed ? last : read();
        } finally {
            lock.readLock().unlock();
        }
    }

    private Counters read() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment s = call.allocate(CoreAbi.STATS_SIZE, 8);
            N.statsGet().invokeExact(engine, s);
            return new Counters(s.get(JAVA_LONG, CoreAbi.STATS_LIVE_BYTES), s.get(JAVA_LONG, CoreAbi.STATS_PEAK_BYTES),
                    s.get(JAVA_LONG, CoreAbi.STATS_ALLOCATIONS), s.get(JAVA_LONG, CoreAbi.STATS_FREES),
                    s.get(JAVA_LONG, CoreAbi.STATS_LIMIT_BYTES));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public ArenaBackend newArena(long capacityBytes) {
        return new FfmArena(this, FfmArena.create(this, capacityBytes, ""), capacityBytes, lifetime == Lifetime.SHARED);
    }

    /** The C engine, for the arenas made in it. */
    MemorySegment engine() {
        return engine;
    }

    /** Held memory of this engine's (a payload a view was handed out of), which keeps the C engine alive. */
    HeldMemory hold(Runnable free) {
        return new HeldMemory(free, held);
    }

    /**
     * Closes the backend: the C engine is destroyed now (its counters final from then on), or once the last
     * payload a caller's view holds is freed. {@link dev.ocp.spi.StandardEngine} calls it once every payload and
     * arena was given back, frees on other threads (the safety net's, an owner's close racing the engine's)
     * included: those are counted in the engine while they run, and its close waits for them. So no count of
     * payloads out is kept here, which every parse and free on every thread would have written.
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
        held.release();
    }

    /** The end of the C engine; its final counters stay readable, so stats() after close shows what it ended with. */
    private void destroy() {
        lock.writeLock().lock();
        try {
            last = read();
            destroyed = true;
            N.engineDestroy().invokeExact(engine);
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            lock.writeLock().unlock();
        }
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }
}
