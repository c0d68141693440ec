package dev.ocp.engine.ffm;

import dev.ocp.ParseOptions;
import dev.ocp.spi.EngineBackend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;


/**
 * An {@code ocp_arena}: payloads bump-allocated by the C core, freed together by a reset. The views of one
 * generation (the payloads between two resets) share one shared {@link Arena}, closed before the C reset,
 * so that a view kept past a reset throws instead of reading the next generation's bytes.
 */
final class FfmArena implements EngineBackend.ArenaBackend {
    private static final Natives N = Natives.get();

    private final FfmBackend backend;
    private final MemorySegment region;
    private final long capacity;
    /** Made on the first parse of a generation, so that resets of an empty arena cost no handshake. */
    private volatile Arena generation;

    FfmArena(FfmBackend backend, MemorySegment region, long capacity) {
        this.backend = backend;
        this.region = region;
        this.capacity = capacity;
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

    /** The views of a generation are scoped already: a kept one throws after the reset or close that ends it. */
    @Override
    public ByteBuffer keptView(ByteBuffer view) {
        return view;
    }

    @Override
    public void reset() {
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
        endGeneration();
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
