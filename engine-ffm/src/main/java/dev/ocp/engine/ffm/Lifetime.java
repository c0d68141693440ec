package dev.ocp.engine.ffm;

import dev.ocp.spi.EngineBackend;
import dev.ocp.spi.HeldMemory;

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
     * gated against a concurrent close by the document (promise 10), and a view handed to the caller holds the
     * memory until it is unreachable ({@link Manual#keptView()}).
     */
    Lifetime MANUAL = (backend, payload, length) -> new Manual(backend, payload.reinterpret(length));

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
    EngineBackend.Payload bind(FfmBackend backend, MemorySegment payload, long length);

    /**
     * A payload whose memory is scoped (its views throw once it is released) or the garbage collector's: a view
     * the caller keeps needs nothing more, so {@link #keptView()} is the view itself.
     */
    record Bound(ByteBuffer view, AutoCloseable closer) implements EngineBackend.Payload {
        @Override
        public ByteBuffer keptView() {
            return view;
        }

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

    /**
     * A payload in the global scope, freed by {@code ocp_free} on release, unless a view of it was handed out: then
     * the free waits until that view is unreachable ({@link HeldMemory}), since nothing could revoke it.
     */
    final class Manual implements EngineBackend.Payload {
        private final FfmBackend backend;
        private final MemorySegment segment;
        private HeldMemory held;

        Manual(FfmBackend backend, MemorySegment segment) {
            this.backend = backend;
            this.segment = segment;
        }

        @Override
        public ByteBuffer view() {
            return segment.asByteBuffer();
        }

        @Override
        public ByteBuffer keptView() {
            // A fresh root over the memory, which its duplicates and slices keep reachable (global scope: no segment
            // or attachment behind it that would stand in for it).
            held = backend.hold(() -> backend.free(segment));
            return held.hold(segment.asByteBuffer());
        }

        @Override
        public void release() {
            if (held == null) {
                backend.free(segment);
            } else {
                held.release();
            }
        }
    }
}
