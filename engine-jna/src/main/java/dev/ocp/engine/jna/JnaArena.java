package dev.ocp.engine.jna;

import com.sun.jna.Pointer;
import dev.ocp.ParseOptions;
import dev.ocp.spi.EngineBackend;

import java.nio.ByteBuffer;

/**
 * An {@code ocp_arena} of the C core: payloads bump-allocated in one region, all freed by
 * {@code ocp_arena_reset} in constant time. Used by one thread at a time, so it keeps one call block of its
 * own.
 */
final class JnaArena implements EngineBackend.ArenaBackend {
    private final Pointer arena;
    private final long capacity;
    private final Calls calls = new Calls();

    JnaArena(Pointer arena, long capacity) {
        this.arena = arena;
        this.capacity = capacity;
    }

    @Override
    public ByteBuffer parse(ByteBuffer utf8, ParseOptions options) {
        return Views.of(calls.parse(null, arena, utf8, options), calls.length());
    }

    @Override
    public void reset() {
        LibOcp.ocp_arena_reset(arena);
    }

    @Override
    public long usedBytes() {
        return LibOcp.ocp_arena_used(arena);
    }

    @Override
    public long capacityBytes() {
        return capacity;
    }

    @Override
    public void close() {
        LibOcp.ocp_arena_destroy(arena);
        calls.free();
    }
}
