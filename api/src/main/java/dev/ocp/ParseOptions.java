package dev.ocp;

import java.util.Objects;

/**
 * How to parse: the dialect and the limits that keep hostile input from costing unbounded time or memory.
 * Immutable; start from {@link #defaults()} and change what you need with the {@code with...} methods.
 * A parse that would exceed a limit fails with {@link OcpException.Code#LIMIT_EXCEEDED} and leaves nothing
 * allocated.
 *
 * @param dialect           the dialect to parse
 * @param maxInputBytes     largest input accepted, in bytes (default {@value #DEFAULT_MAX_INPUT_BYTES}; at most
 *                          {@value #MAX_INPUT_BYTES}, which OCP's 32-bit offsets can address)
 * @param maxNestingDepth   deepest nesting of container blocks (block quotes, list items) accepted
 *                          (default {@value #DEFAULT_MAX_NESTING_DEPTH})
 * @param maxNodes          most nodes a document may have (default {@value #DEFAULT_MAX_NODES})
 * @param maxInlineNesting  deepest nesting of inline containers (emphasis, links, images) accepted
 *                          (default {@value #DEFAULT_MAX_INLINE_NESTING})
 */
public record ParseOptions(Dialect dialect, long maxInputBytes, int maxNestingDepth, int maxNodes,
                           int maxInlineNesting) {

    /** Default for {@link #maxInputBytes()}: 256 MiB. */
    public static final long DEFAULT_MAX_INPUT_BYTES = 256L << 20;
    /** The hard ceiling for {@link #maxInputBytes()}: OCP spans are 32-bit byte offsets. */
    public static final long MAX_INPUT_BYTES = 0xFFFF_FFFEL;
    /** Default for {@link #maxNestingDepth()}. */
    public static final int DEFAULT_MAX_NESTING_DEPTH = 10_000;
    /** Default for {@link #maxNodes()}. */
    public static final int DEFAULT_MAX_NODES = 50_000_000;
    /** Default for {@link #maxInlineNesting()}. */
    public static final int DEFAULT_MAX_INLINE_NESTING = 1_000;

    private static final ParseOptions DEFAULTS = new ParseOptions(Dialect.COMMONMARK, DEFAULT_MAX_INPUT_BYTES,
            DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_NODES, DEFAULT_MAX_INLINE_NESTING);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a limit is not positive or {@code maxInputBytes} exceeds
     *                                  {@link #MAX_INPUT_BYTES}
     */
    public ParseOptions {
        Objects.requireNonNull(dialect, "dialect");
        if (maxInputBytes <= 0 || maxInputBytes > MAX_INPUT_BYTES) {
            throw new IllegalArgumentException("maxInputBytes must be in 1.." + MAX_INPUT_BYTES + ", not " + maxInputBytes);
        }
        requirePositive("maxNestingDepth", maxNestingDepth);
        requirePositive("maxNodes", maxNodes);
        requirePositive("maxInlineNesting", maxInlineNesting);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    /**
     * The default options: CommonMark with the default limits.
     *
     * @return CommonMark with the default limits
     */
    public static ParseOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The default limits for a dialect.
     *
     * @param dialect the dialect to parse
     * @return the default options for that dialect
     */
    public static ParseOptions of(Dialect dialect) {
        return DEFAULTS.withDialect(dialect);
    }

    /**
     * Returns these options with another dialect.
     *
     * @param value the new dialect
     * @return a copy with it
     */
    public ParseOptions withDialect(Dialect value) {
        return new ParseOptions(value, maxInputBytes, maxNestingDepth, maxNodes, maxInlineNesting);
    }

    /**
     * Returns these options with another {@link #maxInputBytes()}.
     *
     * @param value the new limit
     * @return a copy with it
     */
    public ParseOptions withMaxInputBytes(long value) {
        return new ParseOptions(dialect, value, maxNestingDepth, maxNodes, maxInlineNesting);
    }

    /**
     * Returns these options with another {@link #maxNestingDepth()}.
     *
     * @param value the new limit
     * @return a copy with it
     */
    public ParseOptions withMaxNestingDepth(int value) {
        return new ParseOptions(dialect, maxInputBytes, value, maxNodes, maxInlineNesting);
    }

    /**
     * Returns these options with another {@link #maxNodes()}.
     *
     * @param value the new limit
     * @return a copy with it
     */
    public ParseOptions withMaxNodes(int value) {
        return new ParseOptions(dialect, maxInputBytes, maxNestingDepth, value, maxInlineNesting);
    }

    /**
     * Returns these options with another {@link #maxInlineNesting()}.
     *
     * @param value the new limit
     * @return a copy with it
     */
    public ParseOptions withMaxInlineNesting(int value) {
        return new ParseOptions(dialect, maxInputBytes, maxNestingDepth, maxNodes, value);
    }
}
