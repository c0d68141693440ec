package dev.ocp.engine.ffm;

import dev.ocp.spi.EngineBackend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * How a payload's memory segment is tied to its lifetime. The engine runs {@link #MANUAL} by default and
 * {@link #SHARED} when asked for scoped views; the alternatives they were chosen against live with the harness
 * that measures them (engine-ffm's test sources, docs/ffm-lifetimes.md says what was measured and why).
 */
interface Lifetime {
    /**
     * The global scope and an explicit {@code ocp_free} in close: a close costs the C free and nothing more, on
     * any thread. Views are plain buffers over the payload (no {@code SCOPED_VIEWS}): reads through the API are
     * gated against a concurrent close by the document (promise 10), a view kept past close is not revoked.
     */
    Lifetime MANUAL = (backend, payload, length) -> {
        MemorySegment segment = payload.reinterpret(length);
        return new Bound(segment.asByteBuffer(), () -> backend.free(segment));
    };

    /**
     * One shared arena per payload; closing it calls {@code ocp_free}. Views throw after close on every
     * thread, and close may come from any thread. Closing costs a thread handshake.
     */
    Lifetime SHARED = (backend, payload, length) -> {
        Arena arena = Arena.ofShared();
        MemorySegment segment = payload.reinterpret(length, arena, backend::free);
        return new Bound(segment.asByteBuffer(), arena);
    };

    /**
     * Binds a payload the C core returned.
     *
     * @param backend the backend whose C engine allocated it, and frees it
     * @param payload its address
     * @param length  its size in bytes
     * @return the payload's view and its release
     */
    Bound bind(FfmBackend backend, MemorySegment payload, long length);

    /** A payload's view and what frees it. */
    record Bound(ByteBuffer view, AutoCloseable closer) implements EngineBackend.Payload {
        @Override
        public void release() {
            try {
                closer.close();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
