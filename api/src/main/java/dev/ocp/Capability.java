package dev.ocp;

/**
 * What an engine can promise beyond the baseline every engine keeps. The TCK reads an engine's
 * capabilities to decide which checks apply; a check that does not apply is skipped with a reason. Which syntax an
 * engine parses is its {@link Syntax}, named by {@link Dialect} and {@link Extension}.
 */
public enum Capability {
    /** Payloads live outside the Java heap; parsing allocates no heap memory in proportion to input. */
    OFF_HEAP,
    /** A {@link OcpDocument#bytes()} view kept after {@code close()} throws instead of reading freed memory. */
    SCOPED_VIEWS,
    /** {@link OcpEngine#newArena(long)} is supported: many documents in one region, freed by one reset. */
    ARENAS
}
