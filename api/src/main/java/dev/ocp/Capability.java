package dev.ocp;

/**
 * What an engine can promise beyond the baseline every engine keeps. The TCK reads an engine's
 * capabilities to decide which checks apply; a check that does not apply is skipped with a reason. Which syntax an
 * engine parses is its {@link Syntax}, named by {@link Dialect} and {@link Extension}.
 */
public enum Capability {
    /**
     * Parsing allocates no heap memory in proportion to its input: payloads live outside the Java heap, except that
     * an engine routing documents by size may keep those of inputs under a fixed size on it, where the pure-Java
     * parser is the faster: the default engine, {@code auto}, does so under 512 bytes (1,024 when its native side is
     * {@code jna}, before JDK 22).
     */
    OFF_HEAP,
    /** A {@link OcpDocument#bytes()} view kept after {@code close()} throws instead of reading freed memory. */
    SCOPED_VIEWS,
    /** {@link OcpEngine#newArena(long)} is supported: many documents in one region, freed by one reset. */
    ARENAS
}
