package dev.ocp.engine.ffm;

import dev.ocp.ParseOptions;
import dev.ocp.spi.CoreAbi;
import dev.ocp.spi.EngineBackend;
import dev.ocp.spi.HeldMemory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

import static java.lang.foreign.ValueLayout.ADDRESS;

/**
 * An {@code ocp_arena}: payloads bump-allocated by the C core, freed together by a reset. Used by one thread at a
 * time (the API's arenas are confined, or take turns under a lock).
 *
 * <p>A view kept past the reset or close that ends its generation (the payloads between two resets) keeps the
 * promise of the engine's documents:
 * <ul>
 *   <li>by default it keeps showing its own bytes: once a view of a generation was handed out, that generation's C
 *       arena is held for the views ({@link HeldMemory}), the reset that ends it moves on to a new C arena, and the
 *       old one is destroyed when its last kept view is unreachable. A reset with no view out costs the C reset
 *       alone;</li>
 *   <li>with scoped views ({@link Lifetime#SHARED}) the views of a generation share one shared {@link Arena},
 *       closed before the C reset, so that a kept view throws instead. That close is a handshake with every Java
 *       thread, tens of microseconds: more than closing a hundred small documents one by one.</li>
 * </ul>
 */
final class FfmArena implements EngineBackend.ArenaBackend {
    private static final Natives N = Natives.get();

    private final FfmBackend backend;
    private final boolean scoped;
    private MemorySegment region;
    private final long capacity;
    /** Scoped views: the generation's shared arena, made on its first parse, so that resets of an empty arena cost no handshake. */
    private Arena generation;
    /** Unscoped views: the current generation's C arena, held for the views handed out of it; {@code null} if none was. */
    private HeldMemory held;

    FfmArena(FfmBackend backend, MemorySegment region, long capacity, boolean scoped) {
        this.backend = backend;
        this.region = region;
        this.capacity = capacity;
        this.scoped = scoped;
    }

    @Override
    public ByteBuffer parse(ByteBuffer utf8, ParseOptions options) {
        long length = utf8.remaining();
        Call call = backend.calls().take();
        try {
            MemorySegment opts = call.options(options);
            MemorySegment out = call.result;
            MemorySegment src = call.input(utf8);
            int status = src.isNative() ? (int) N.arenaParse().invokeExact(region, src, length, opts, out)
                    : (int) N.arenaParseCritical().invokeExact(region, src, length, opts, out);
            call.check(status);
            if (!scoped) {
                return call.payload().reinterpret(call.length()).asByteBuffer();
            }
            if (generation == null) {
                generation = Arena.ofShared();
            }
            return call.payload().reinterpret(call.length(), generation, null).asByteBuffer();
        } catch (Throwable t) {
            throw FfmBackend.rethrow(t);
        } finally {
            call.end();
            backend.calls().give(call);
        }
    }

    /**
     * Scoped views need nothing more: a kept one throws after the reset or close that ends its generation. Otherwise
     * a fresh root over the payload's memory, which holds the generation's C arena while it or any duplicate or slice
     * of it is reachable.
     */
    @Override
    public ByteBuffer keptView(ByteBuffer view) {
        if (scoped) {
            return view;
        }
        if (held == null) {
            MemorySegment kept = region;
            held = backend.hold(() -> destroy(kept));
        }
        return held.hold(MemorySegment.ofBuffer(view).asByteBuffer());
    }

    @Override
    public void reset() {
        if (held != null) {
            region = create(backend, capacity, " to replace one whose views are still held");
            held.release();
            held = null;
            return;
        }
        endGeneration();
        try {
            N.arenaReset().invokeExact(region);
        } catch (Throwable t) {
            throw FfmBackend.rethrow(t);
        }
    }

    @Override
    public long usedBytes() {
        try {
            return (long) N.arenaUsed().invokeExact(region);
        } catch (Throwable t) {
            throw FfmBackend.rethrow(t);
        }
    }

    @Override
    public long capacityBytes() {
        return capacity;
    }

    @Override
    public void close() {
        if (held != null) {
            held.release();
            held = null;
            return;
        }
        endGeneration();
        destroy(region);
    }

    /**
     * A new C arena of {@code capacity} bytes in {@code backend}'s engine.
     *
     * @param why what the arena is for, for the failure's message: empty, or starting with a space
     */
    static MemorySegment create(FfmBackend backend, long capacity, String why) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(ADDRESS);
            int status = (int) N.arenaCreate().invokeExact(backend.engine(), capacity, out);
            if (status != CoreAbi.OK) {
                throw CoreAbi.failure(status, "the C core could not create an arena of " + capacity
                        + " bytes" + why);
            }
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw FfmBackend.rethrow(t);
        }
    }

    private static void destroy(MemorySegment region) {
        try {
            N.arenaDestroy().invokeExact(region);
        } catch (Throwable t) {
            throw FfmBackend.rethrow(t);
        }
    }

    private void endGeneration() {
        if (generation != null) {
            generation.close();
            generation = null;
        }
    }
}
