package dev.ocp;

/**
 * What an engine can promise beyond the baseline every engine keeps. The TCK reads an engine's
 * capabilities to decide which checks apply; a check that does not apply is skipped with a reason. Which syntax an
 * engine parses is its {@link Syntax}, named by {@link Dialect} and {@link Extension}.
 */
public enum Capability {
    /**
     * Parsing allocates no heap memory in proportion to its input: payloads live outside the Java heap, except that
     * an engine routing documents by size (the default engine, {@code auto}) may keep those of inputs under a fixed
     * size of a few hundred bytes on it, where the pure-Java parser is the faster.
     */
    OFF_HEAP,
    /** A {@link OcpDocument#bytes()} view kept after {@code close()} throws instead of reading freed memory. */
    SCOPED_VIEWS,
    /** {@link OcpEngine#newArena(long)} is supported: many documents in one region, freed by one reset. */
    ARENAS
}
