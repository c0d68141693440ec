package dev.ocp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;

/**
 * A parser that turns Markdown or MDX into OCP documents. Obtain one from {@link Ocp#engine()}.
 *
 * <p><b>Ownership.</b> The engine allocates every payload; the caller owns each {@link OcpDocument} it
 * returns and must {@code close()} it (try-with-resources). The engine owns its pools and native state and
 * frees them in {@link #close()}, which also frees, and reports as leaks, documents still open then.
 *
 * <p><b>Threads.</b> Engines are thread-safe: any number of threads may parse at once. {@code close()} may be
 * called from any thread, once parsing has stopped; a parse racing with it fails with
 * {@link OcpException.Code#CLOSED} or completes.
 */
public interface OcpEngine extends AutoCloseable {

    /**
     * The engine's name.
     *
     * @return the engine's name, as given to {@link Ocp#engine(String)}
     */
    String name();

    /**
     * The capabilities of the engine.
     *
     * @return what the engine promises beyond the baseline
     */
    Set<Capability> capabilities();

    /**
     * The syntax the engine parses: the base dialects, and the extensions it can switch on over them. A parse that
     * asks for more fails with {@link OcpException.Code#UNSUPPORTED}.
     *
     * @return the dialects and extensions it parses
     */
    Syntax syntax();

    /**
     * Parses UTF-8 bytes. The input is only read during the call; the engine keeps no reference to it.
     * Invalid UTF-8 is not an error: it is parsed as it stands (renderers show U+FFFD for it).
     *
     * @param utf8    the source
     * @param options dialect and limits
     * @return a document the caller owns and must close
     * @throws OcpException {@code LIMIT_EXCEEDED}, {@code OUT_OF_MEMORY}, {@code UNSUPPORTED} (dialect),
     *                      {@code CLOSED} (engine closed)
     */
    OcpDocument parse(byte[] utf8, ParseOptions options);

    /**
     * Parses the UTF-8 bytes between the buffer's position and limit, which are left unchanged. Direct
     * buffers reach native engines without a copy.
     *
     * @param utf8    the source
     * @param options dialect and limits
     * @return a document the caller owns and must close
     * @throws OcpException as {@link #parse(byte[], ParseOptions)}
     */
    OcpDocument parse(ByteBuffer utf8, ParseOptions options);

    /**
     * Parses UTF-8 bytes as CommonMark with default limits.
     *
     * @param utf8 the source
     * @return a document the caller owns and must close
     */
    default OcpDocument parse(byte[] utf8) {
        return parse(utf8, ParseOptions.defaults());
    }

    /**
     * Parses a string (encoded to UTF-8 first, which copies it).
     *
     * @param source  the source
     * @param options dialect and limits
     * @return a document the caller owns and must close
     */
    default OcpDocument parse(String source, ParseOptions options) {
        return parse(source.getBytes(StandardCharsets.UTF_8), options);
    }

    /**
     * Parses a string as CommonMark with default limits.
     *
     * @param source the source
     * @return a document the caller owns and must close
     */
    default OcpDocument parse(String source) {
        return parse(source, ParseOptions.defaults());
    }

    /**
     * Parses a UTF-8 file.
     *
     * @param file    the file
     * @param options dialect and limits; a file larger than {@code maxInputBytes} is refused before reading
     * @return a document the caller owns and must close
     * @throws IOException if the file cannot be read
     */
    OcpDocument parse(Path file, ParseOptions options) throws IOException;

    /**
     * Creates a confined arena: a region in which many documents are allocated together and freed at once, which
     * only the calling thread may parse into, reset and close ({@link OcpArena}).
     *
     * @param capacityBytes the most payload bytes the arena may hold between resets
     * @return an arena the caller owns and must close, on this thread
     * @throws OcpException {@code UNSUPPORTED} if the engine lacks {@link Capability#ARENAS}
     */
    OcpArena newArena(long capacityBytes);

    /**
     * Creates a shared arena: like {@link #newArena(long)}, but any thread may parse into it, reset it and close
     * it; they take turns, so parses into one shared arena do not run in parallel.
     *
     * @param capacityBytes the most payload bytes the arena may hold between resets
     * @return an arena the caller owns and must close
     * @throws OcpException {@code UNSUPPORTED} if the engine lacks {@link Capability#ARENAS}
     */
    OcpArena newSharedArena(long capacityBytes);

    /**
     * Takes a snapshot of the engine's memory counters. Cheap enough to call after every parse.
     *
     * @return a snapshot of the engine's memory, counted where the memory lives
     */
    MemoryStats stats();

    /**
     * Frees the engine's resources. Documents and arenas still open are freed, made inaccessible, and
     * reported to the listeners with {@link LeakReport.Cause#ENGINE_CLOSED}. Idempotent.
     */
    @Override
    void close();
}
