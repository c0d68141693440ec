package dev.ocp.spi;

import dev.ocp.ParseOptions;

import java.nio.ByteBuffer;

/**
 * What an engine implementation supplies to {@link StandardEngine}: parsing into memory it owns, freeing,
 * and counting at the source. {@link StandardEngine} adds everything the ownership contract needs on top
 * (idempotent close, the safety net, leak reports, closed checks, arenas' generations), so that each
 * engine only writes the part that differs.
 *
 * <p>Implementations must be thread-safe: {@link #parse} is called from many threads at once.
 */
public interface EngineBackend extends AutoCloseable {

    /**
     * Parses the bytes between {@code utf8}'s position and limit (which must be left unchanged).
     *
     * @param utf8    the source, heap or direct
     * @param options dialect and limits, already checked against the engine's capabilities
     * @return the payload, allocated by the backend and counted in {@link #counters()}
     * @throws dev.ocp.OcpException {@code LIMIT_EXCEEDED} or {@code OUT_OF_MEMORY}, with nothing left allocated
     */
    Payload parse(ByteBuffer utf8, ParseOptions options);

    /**
     * Reads the backend's memory counters where the memory lives.
     *
     * @return a snapshot of the backend's memory counters
     */
    Counters counters();

    /**
     * Creates an arena region.
     *
     * @param capacityBytes most payload bytes between resets
     * @return a new arena region
     * @throws dev.ocp.OcpException {@code UNSUPPORTED} if the backend has no arenas
     */
    ArenaBackend newArena(long capacityBytes);

    /** Frees the backend's own resources; called once, after every payload was released. */
    @Override
    void close();

    /** A payload the backend allocated. */
    interface Payload {
        /**
         * The payload's bytes, in place, not copied, for the library's own reads: {@link StandardEngine} reads it
         * only while the payload is not released, and never hands it to the caller.
         *
         * @return the payload bytes, in place (any byte order; position 0, limit = size)
         */
        ByteBuffer view();

        /**
         * The payload's bytes, in place, for the caller to keep ({@code OcpDocument.bytes()} and the string slices of
         * its nodes are duplicates and slices of it). From this call on, the memory behind the returned buffer must
         * show this payload's bytes for as long as the buffer or any duplicate or slice of it is reachable, or make
         * them throw once the payload is released (scoped memory): {@link #release()} may not let another payload
         * have it before. A backend whose memory cannot move defers its free ({@link HeldMemory}); one on the heap
         * stops reusing the array; one that can move its memory moves the live payloads away instead. Called at most
         * once, before {@link #release()}.
         *
         * @return a view of the payload the caller may keep (any byte order; position 0, limit = size)
         */
        ByteBuffer keptView();

        /**
         * Frees the payload, or hands its memory to whatever keeps it for a view from {@link #keptView()}.
         * {@link StandardEngine} calls it exactly once; once it returns, the payload no longer counts as live in
         * {@link #counters()} unless a kept view still holds its memory.
         */
        void release();
    }

    /** A region holding many payloads, freed together. Used by one thread at a time. */
    interface ArenaBackend {
        /**
         * Parses into the region.
         *
         * @param utf8    the source
         * @param options dialect and limits
         * @return the payload, in place inside the region
         * @throws dev.ocp.OcpException {@code OUT_OF_MEMORY} when the region is full
         */
        ByteBuffer parse(ByteBuffer utf8, ParseOptions options);

        /**
         * A view the caller may keep of a payload this region returned since its last reset: as
         * {@link Payload#keptView()}, it must show that payload's bytes for as long as it is reachable, or throw once
         * the region is reset or closed, so a reset or close after this call may not hand its memory to new payloads
         * while such a view can read it.
         *
         * @param view a view {@link #parse} returned in the current generation
         * @return a view of the same bytes the caller may keep
         */
        ByteBuffer keptView(ByteBuffer view);

        /** Frees every payload of the region in constant time (for memory a kept view holds: see {@link #keptView}). */
        void reset();

        /**
         * How many bytes the region's payloads use since the last reset.
         *
         * @return bytes in use since the last reset
         */
        long usedBytes();

        /**
         * The region's capacity.
         *
         * @return capacity in bytes
         */
        long capacityBytes();

        /** Frees the region; called once. */
        void close();
    }

    /**
     * Memory counters, read where the memory lives.
     *
     * @param liveBytes   bytes allocated and not freed
     * @param peakBytes   highest memory held so far ({@link dev.ocp.MemoryStats#peakBytes()})
     * @param allocations allocations so far
     * @param frees       frees so far
     * @param limitBytes  the memory limit enforced by the backend
     */
    record Counters(long liveBytes, long peakBytes, long allocations, long frees, long limitBytes) {
    }
}
