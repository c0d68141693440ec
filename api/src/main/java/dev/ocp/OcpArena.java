package dev.ocp;

import java.nio.ByteBuffer;

/**
 * Bulk ownership: many documents allocated in one region and freed together. {@link #reset()} frees every
 * document of the arena in constant time; documents from before a reset throw
 * {@link IllegalStateException} on any access. Closing a document of an arena marks it closed but returns
 * its memory only at the next reset. Dropping an unclosed arena is a leak the safety net frees and reports.
 *
 * <p><b>Threads.</b> Like {@code java.lang.foreign.Arena}, an arena is confined or shared, and says which
 * ({@link #isShared()}). A confined arena ({@link OcpEngine#newArena(long)}) belongs to the thread that made it:
 * a parse, reset or close from any other thread throws {@link IllegalStateException} at once, so an arena handed
 * to a thread pool by mistake fails loudly instead of mixing documents up. A shared arena
 * ({@link OcpEngine#newSharedArena(long)}) takes them from any thread, one at a time (parses into it do not run in
 * parallel: for that, give each thread an arena of its own). The documents of either kind may be read, and closed,
 * from any thread until the next reset.
 *
 * <p>A {@link OcpDocument#bytes()} view of an arena document, or a string slice of one of its nodes, keeps showing
 * that document's bytes after a reset or close for as long as it is reachable, or throws on engines with
 * {@link Capability#SCOPED_VIEWS}: a reset after such a view was handed out gives the arena fresh memory where its
 * engine cannot otherwise keep the old (see {@code docs/ownership.md}).
 */
public interface OcpArena extends AutoCloseable {

    /**
     * Parses into the arena.
     *
     * @param utf8    the source
     * @param options dialect and limits
     * @return a document whose memory belongs to the arena
     * @throws OcpException          {@code OUT_OF_MEMORY} when the arena's capacity would be exceeded, {@code CLOSED}
     *                               when the arena or its engine was closed, or as
     *                               {@link OcpEngine#parse(byte[], ParseOptions)}
     * @throws IllegalStateException if the arena is confined to another thread
     */
    OcpDocument parse(byte[] utf8, ParseOptions options);

    /**
     * Parses into the arena the UTF-8 bytes between the buffer's position and limit.
     *
     * @param utf8    the source
     * @param options dialect and limits
     * @return a document whose memory belongs to the arena
     * @throws OcpException as {@link #parse(byte[], ParseOptions)}
     */
    OcpDocument parse(ByteBuffer utf8, ParseOptions options);

    /**
     * Frees every document of the arena at once, in constant time.
     *
     * @throws OcpException          {@code CLOSED} when the arena or its engine was closed
     * @throws IllegalStateException if the arena is confined to another thread
     */
    void reset();

    /**
     * Whether any thread may parse into, reset and close the arena, or only the thread that made it.
     *
     * @return {@code true} for an arena from {@link OcpEngine#newSharedArena(long)}
     */
    boolean isShared();

    /**
     * How many payload bytes the arena's documents use since the last reset (0 once closed).
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

    /**
     * Frees the region and makes its documents inaccessible. Idempotent. An arena still open when its engine
     * is closed is freed then, and reported as a leak with {@link LeakReport.Cause#ENGINE_CLOSED}.
     *
     * @throws IllegalStateException if the arena is confined to another thread and still open
     */
    @Override
    void close();
}
