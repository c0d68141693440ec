package dev.ocp.engine.ffm;

import dev.ocp.spi.EngineBackend;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The lifetimes {@link Lifetime#MANUAL} and {@link Lifetime#SHARED} were chosen against, kept for {@link LifetimeHarness} to measure
 * (docs/ffm-lifetimes.md); each says which promise of the ownership contract it would break.
 */
enum AlternativeLifetime implements Lifetime {
    /**
     * One confined arena per payload. Cheap to close, but only the parsing thread may read the views or
     * close the document: a read or a close from another thread throws {@link WrongThreadException}, which
     * breaks the contract's "read concurrently, close from another thread".
     */
    CONFINED {
        @Override
        public EngineBackend.Payload bind(FfmBackend backend, MemorySegment payload, long length) {
            Arena arena = Arena.ofConfined();
            MemorySegment segment = payload.reinterpret(length, arena, backend::free);
            return new Bound(segment.asByteBuffer(), arena);
        }
    },
    /**
     * An automatic arena whose cleanup calls {@code ocp_free} when the collector finds the segment
     * unreachable: views never dangle, but close frees nothing (memory stays until a GC).
     */
    AUTO {
        @Override
        public EngineBackend.Payload bind(FfmBackend backend, MemorySegment payload, long length) {
            MemorySegment segment = payload.reinterpret(length, Arena.ofAuto(), backend::free);
            return new Bound(segment.asByteBuffer(), () -> { });
        }
    }
}
