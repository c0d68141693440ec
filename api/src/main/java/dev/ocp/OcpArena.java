package dev.ocp;

import java.nio.ByteBuffer;

/**
 * Bulk ownership: many documents allocated in one region and freed together. {@link #reset()} frees every
 * document of the arena in constant time; documents from before a reset throw
 * {@link IllegalStateException} on any access. Closing a document of an arena marks it closed but returns
 * its memory only at the next reset. Dropping an unclosed arena is a leak the safety net frees and reports.
 *
 * <p>An arena is for one thread at a time: parse, reset and close must not race with each other. Its
 * documents may be read from any thread until the next reset.
 */
public interface OcpArena extends AutoCloseable {

    /**
     * Parses into the arena.
     *
     * @param utf8    the source
     * @param options dialect and limits
     * @return a document whose memory belongs to the arena
     * @throws OcpException {@code OUT_OF_MEMORY} when the arena's capacity would be exceeded, or as
     *                      {@link OcpEngine#parse(byte[], ParseOptions)}
     */
    OcpDocument parse(byte[] utf8, ParseOptions options);

    /**
     * Parses into the arena the UTF-8 bytes between the buffer's position and limit.
     *
     * @param utf8    the source
     * @param options dialect and limits
     * @return a document whose memory belongs to the arena
     */
    OcpDocument parse(ByteBuffer utf8, ParseOptions options);

    /** Frees every document of the arena at once, in constant time. */
    void reset();

    /**
     * How many payload bytes the arena's documents use since the last reset.
     *
     * @return payload bytes in use since the last reset
     */
    long usedBytes();

    /**
     * The arena's capacity, as given to {@link OcpEngine#newArena(long)}.
     *
     * @return the most payload bytes the arena holds between resets
     */
    long capacityBytes();

    /** Frees the region. Idempotent. */
    @Override
    void close();
}
