package dev.ocp.engine.ffm;

import dev.ocp.spi.EngineBackend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * How a payload's memory segment is tied to its lifetime. The engine uses {@link #SHARED}; the others exist
 * so that the lifetime harness (docs/ffm-lifetimes.md) can measure what the alternatives would cost, and
 * each says which promise of the ownership contract it would break.
 */
enum Lifetime {
    /**
     * One shared arena per payload; closing it calls {@code ocp_free}. Views throw after close on every
     * thread, and close may come from any thread. Closing costs a thread handshake.
     */
    SHARED {
        @Override
        Bound bind(FfmBackend backend, MemorySegment payload, long length) {
            Arena arena = Arena.ofShared();
            MemorySegment segment = payload.reinterpret(length, arena, backend::free);
            return new Bound(segment.asByteBuffer(), arena);
        }
    },
    /**
     * One confined arena per payload. Cheap to close, but only the parsing thread may read the views or
     * close the document: a read or a close from another thread throws {@link WrongThreadException}, which
     * breaks the contract's "read concurrently, close from another thread" (§4 item 10).
     */
    CONFINED {
        @Override
        Bound bind(FfmBackend backend, MemorySegment payload, long length) {
            Arena arena = Arena.ofConfined();
            MemorySegment segment = payload.reinterpret(length, arena, backend::free);
            return new Bound(segment.asByteBuffer(), arena);
        }
    },
    /**
     * The global scope and an explicit {@code ocp_free}: the cheapest, but a view kept past close reads
     * freed memory (no {@code SCOPED_VIEWS}; a use after free can crash the JVM).
     */
    GLOBAL_MANUAL {
        @Override
        Bound bind(FfmBackend backend, MemorySegment payload, long length) {
            MemorySegment segment = payload.reinterpret(length);
            return new Bound(segment.asByteBuffer(), () -> backend.free(segment));
        }
    },
    /**
     * An automatic arena whose cleanup calls {@code ocp_free} when the collector finds the segment
     * unreachable: views never dangle, but close frees nothing (§4 item 2 broken: memory stays until a GC).
     */
    AUTO {
        @Override
        Bound bind(FfmBackend backend, MemorySegment payload, long length) {
            MemorySegment segment = payload.reinterpret(length, Arena.ofAuto(), backend::free);
            return new Bound(segment.asByteBuffer(), () -> { });
        }
    };

    /** Binds a payload the C core returned. */
    abstract Bound bind(FfmBackend backend, MemorySegment payload, long length);

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
