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
         * The payload's bytes, in place, not copied.
         *
         * @return the payload bytes, in place (any byte order; position 0, limit = size)
         */
        ByteBuffer view();

        /** Frees the payload. {@link StandardEngine} calls it exactly once. */
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

        /** Frees every payload of the region in constant time. */
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
     * @param peakBytes   highest {@code liveBytes} so far
     * @param allocations allocations so far
     * @param frees       frees so far
     * @param limitBytes  the memory limit enforced by the backend
     */
    record Counters(long liveBytes, long peakBytes, long allocations, long frees, long limitBytes) {
    }
}
