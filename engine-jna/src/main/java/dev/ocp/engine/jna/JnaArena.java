package dev.ocp.engine.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.ocp.ParseOptions;
import dev.ocp.spi.CoreAbi;
import dev.ocp.spi.EngineBackend;
import dev.ocp.spi.HeldMemory;

import java.nio.ByteBuffer;

/**
 * An {@code ocp_arena} of the C core: payloads bump-allocated in one region, all freed by
 * {@code ocp_arena_reset} in constant time. Used by one thread at a time, so it keeps one call block of its
 * own.
 *
 * <p>Once a view of a generation's payloads was handed out, that generation's C arena is held for the views
 * ({@link HeldMemory}): the reset that ends it moves on to a new C arena, and the old one is destroyed when its last
 * kept view is unreachable.
 */
final class JnaArena implements EngineBackend.ArenaBackend {
    private final JnaBackend backend;
    private Pointer arena;
    private final long capacity;
    private final Calls calls = new Calls();
    /** The current generation's C arena, held for the views handed out of it; {@code null} if none was. */
    private HeldMemory held;

    JnaArena(JnaBackend backend, Pointer arena, long capacity) {
        this.backend = backend;
        this.arena = arena;
        this.capacity = capacity;
    }

    @Override
    public ByteBuffer parse(ByteBuffer utf8, ParseOptions options) {
        return Views.of(calls.parse(null, arena, utf8, options), calls.length());
    }

    @Override
    public ByteBuffer keptView(ByteBuffer view) {
        if (held == null) {
            Pointer generation = arena;
            held = backend.hold(() -> LibOcp.ocp_arena_destroy(generation));
        }
        long address = Pointer.nativeValue(Native.getDirectBufferPointer(view));
        return held.hold(JnaBackend.root(address, view.capacity()));
    }

    @Override
    public void reset() {
        if (held == null) {
            LibOcp.ocp_arena_reset(arena);
            return;
        }
        int status = LibOcp.ocp_arena_create(backend.engine(), capacity, calls.arenaOut);
        if (status != CoreAbi.OK) {
            throw CoreAbi.failure(status, "the C core could not create an arena of " + capacity + " bytes to replace "
                    + "one whose views are still held");
        }
        arena = calls.arenaOut.getPointer(0);
        held.release();
        held = null;
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
        if (held == null) {
            LibOcp.ocp_arena_destroy(arena);
        } else {
            held.release();
            held = null;
        }
        calls.free();
    }
}
