package dev.ocp.engine.wasm;

import dev.ocp.ParseOptions;
import dev.ocp.spi.EngineBackend;

import java.nio.ByteBuffer;

/**
 * An {@code ocp_arena} of the C core inside one instance: payloads bump-allocated in one region of that
 * instance's linear memory, all freed by {@code ocp_arena_reset}, which only moves the region's offset back.
 * Every operation runs on the arena's instance, under its lock (the instance may meanwhile serve parses of
 * other threads between them). StandardArena makes the documents of a generation throw after a reset.
 */
final class WasmArena implements EngineBackend.ArenaBackend {
    private final WasmBackend backend;
    final WasmInstance instance;
    final int address;
    private final long capacity;
    /** Whether a view of this generation's payloads was handed out. */
    private boolean kept;

    WasmArena(WasmBackend backend, WasmInstance instance, int address, long capacity) {
        this.backend = backend;
        this.instance = instance;
        this.address = address;
        this.capacity = capacity;
    }

    @Override
    public ByteBuffer parse(ByteBuffer utf8, ParseOptions options) {
        instance.lock.lock();
        try {
            int payload = backend.parseOn(instance, address, utf8, options);
            return instance.view(payload, instance.resultLength());
        } finally {
            instance.lock.unlock();
        }
    }

    @Override
    public ByteBuffer keptView(ByteBuffer view) {
        kept = true;
        return view;
    }

    /**
     * Frees the generation's payloads; if a view of one was kept, after moving the instance's memory away from it
     * ({@link WasmInstance#moveMemory()}: a copy of the memory, paid by resets that follow a kept view).
     */
    @Override
    public void reset() {
        instance.lock.lock();
        try {
            if (kept) {
                instance.moveMemory();
                kept = false;
                backend.settle(instance);
            }
            instance.arenaReset(address);
        } finally {
            instance.lock.unlock();
        }
    }

    @Override
    public long usedBytes() {
        instance.lock.lock();
        try {
            return instance.arenaUsed(address);
        } finally {
            instance.lock.unlock();
        }
    }

    @Override
    public long capacityBytes() {
        return capacity;
    }

    @Override
    public void close() {
        instance.lock.lock();
        try {
            if (kept) {
                instance.quarantine(address, true, capacity);
            } else {
                instance.arenaDestroy(address);
            }
            backend.settle(instance);
        } finally {
            instance.lock.unlock();
        }
    }
}
