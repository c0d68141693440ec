package dev.ocp;

/**
 * What an engine can promise beyond the baseline every engine keeps. The TCK reads an engine's
 * capabilities to decide which checks apply; a check that does not apply is skipped with a reason.
 */
public enum Capability {
    /** Payloads live outside the Java heap; parsing allocates no heap memory in proportion to input. */
    OFF_HEAP,
    /** A {@link OcpDocument#bytes()} view kept after {@code close()} throws instead of reading freed memory. */
    SCOPED_VIEWS,
    /** {@link OcpEngine#newArena(long)} is supported: many documents in one region, freed by one reset. */
    ARENAS,
    /** The engine parses {@link Extension#GFM} over each base it parses (so also {@link Dialect#GFM}). */
    GFM,
    /** The engine parses the {@link Dialect#MDX} base. */
    MDX,
    /** The engine parses {@link Extension#FRONTMATTER} over each base it parses. */
    FRONTMATTER,
    /** The engine parses {@link Extension#MATH} over each base it parses. */
    MATH;

    /**
     * The capability an extension needs.
     *
     * @param extension an extension
     * @return the capability of parsing it
     */
    public static Capability of(Extension extension) {
        return switch (extension) {
            case GFM -> GFM;
            case FRONTMATTER -> FRONTMATTER;
            case MATH -> MATH;
        };
    }
}
