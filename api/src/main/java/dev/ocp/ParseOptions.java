package dev.ocp;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How to parse: the dialect, the extensions switched on over it, and the limits that keep hostile input from
 * costing unbounded time or memory. Immutable; start from {@link #defaults()} or {@link #of(Dialect)} and
 * change what you need with the {@code with...} methods, for example a real MDX site's syntax:
 * {@code ParseOptions.of(Dialect.MDX).withExtensions(Extension.GFM, Extension.FRONTMATTER, Extension.MATH)}.
 * A parse that would exceed a limit fails with {@link OcpException.Code#LIMIT_EXCEEDED} and leaves nothing
 * allocated.
 *
 * <p><b>Dialect and extensions.</b> The base is {@link Dialect#COMMONMARK} or {@link Dialect#MDX}, and each extension
 * is switched on over it by its one name: GitHub's Markdown is {@code of(Dialect.COMMONMARK, Extension.GFM)}.
 *
 * @param dialect           the base dialect to parse
 * @param extensions        the extensions switched on (an unmodifiable copy is kept)
 * @param maxInputBytes     largest input accepted, in bytes (default {@value #DEFAULT_MAX_INPUT_BYTES}; at most
 *                          {@value #MAX_INPUT_BYTES}, which OCP's 32-bit offsets can address)
 * @param maxNestingDepth   deepest nesting of container blocks (block quotes, list items, footnote definitions, JSX
 *                          elements in flow, container directives) accepted
 *                          (default {@value #DEFAULT_MAX_NESTING_DEPTH})
 * @param maxNodes          most nodes a document may have (default {@value #DEFAULT_MAX_NODES})
 * @param maxInlineNesting  deepest nesting of inline containers (emphasis, strikethrough, links, images, JSX
 *                          elements in text) accepted
 *                          (default {@value #DEFAULT_MAX_INLINE_NESTING})
 * @param flavor            which reading to follow where CommonMark's reference implementations and micromark (the
 *                          JavaScript toolchain's parser) part ways (default {@link Flavor#REFERENCE})
 */
public record ParseOptions(Dialect dialect, Set<Extension> extensions, long maxInputBytes, int maxNestingDepth, int maxNodes,
                           int maxInlineNesting, Flavor flavor) {

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

    private static final ParseOptions DEFAULTS = new ParseOptions(Dialect.COMMONMARK, Set.of(), DEFAULT_MAX_INPUT_BYTES,
            DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_NODES, DEFAULT_MAX_INLINE_NESTING, Flavor.REFERENCE);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a limit is not positive or {@code maxInputBytes} exceeds
     *                                  {@link #MAX_INPUT_BYTES}
     */
    public ParseOptions {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(flavor, "flavor");
        EnumSet<Extension> on = EnumSet.noneOf(Extension.class);
        for (Extension e : Objects.requireNonNull(extensions, "extensions")) {
            on.add(Objects.requireNonNull(e, "extensions must not contain null"));
        }
        extensions = Collections.unmodifiableSet(on);
        if (maxInputBytes <= 0 || maxInputBytes > MAX_INPUT_BYTES) {
            throw new IllegalArgumentException("maxInputBytes must be in 1.." + MAX_INPUT_BYTES + ", not " + maxInputBytes);
        }
        requirePositive("maxNestingDepth", maxNestingDepth);
        requirePositive("maxNodes", maxNodes);
        requirePositive("maxInlineNesting", maxInlineNesting);
    }

    /**
     * Options with the {@link Flavor#REFERENCE} reading: the components as before {@link #flavor()} was added.
     *
     * @param dialect          the base dialect to parse
     * @param extensions       the extensions switched on
     * @param maxInputBytes    largest input accepted, in bytes
     * @param maxNestingDepth  deepest nesting of container blocks accepted
     * @param maxNodes         most nodes a document may have
     * @param maxInlineNesting deepest nesting of inline containers accepted
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ParseOptions(Dialect dialect, Set<Extension> extensions, long maxInputBytes, int maxNestingDepth, int maxNodes,
                        int maxInlineNesting) {
        this(dialect, extensions, maxInputBytes, maxNestingDepth, maxNodes, maxInlineNesting, Flavor.REFERENCE);
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
     * The default limits for a base dialect with extensions switched on over it, for example GitHub's Markdown,
     * {@code of(Dialect.COMMONMARK, Extension.GFM)}, or a real MDX site's,
     * {@code of(Dialect.MDX, Extension.GFM, Extension.FRONTMATTER, Extension.MATH)}.
     *
     * @param dialect    the base dialect
     * @param extensions the extensions to switch on
     * @return the default options for that syntax
     */
    public static ParseOptions of(Dialect dialect, Extension... extensions) {
        return of(dialect).withExtensions(extensions);
    }

    /**
     * Returns these options with another base dialect; the extensions stay on.
     *
     * @param value the new dialect
     * @return a copy with it
     */
    public ParseOptions withDialect(Dialect value) {
        Objects.requireNonNull(value, "dialect");
        return new ParseOptions(value, extensions, maxInputBytes, maxNestingDepth, maxNodes, maxInlineNesting, flavor);
    }

    /**
     * Returns these options with exactly these extensions over the same base.
     *
     * @param value the extensions to switch on; none for the bare base
     * @return a copy with them
     */
    public ParseOptions withExtensions(Extension... value) {
        EnumSet<Extension> on = EnumSet.noneOf(Extension.class);
        on.addAll(java.util.Arrays.asList(value));
        return withExtensions(on);
    }

    /**
     * Returns these options with exactly these extensions over the same base (see
     * {@link #withExtensions(Extension...)}).
     *
     * @param value the extensions to switch on
     * @return a copy with them
     */
    public ParseOptions withExtensions(Set<Extension> value) {
        return new ParseOptions(dialect, value, maxInputBytes, maxNestingDepth, maxNodes, maxInlineNesting, flavor);
    }

    /**
     * Whether an extension is on.
     *
     * @param extension the extension
     * @return whether it is in {@link #extensions()}
     */
    public boolean has(Extension extension) {
        return extensions.contains(extension);
    }

    /**
     * The extensions as the bits of the payload header's flags byte ({@link Extension#bit()}).
     *
     * @return the or-ed bits of {@link #extensions()}
     */
    public int extensionBits() {
        // Three lookups instead of an iteration: no iterator is allocated on the per-parse path.
        int bits = 0;
        for (Extension e : EXTENSIONS) {
            if (extensions.contains(e)) {
                bits |= e.bit();
            }
        }
        return bits;
    }

    private static final Extension[] EXTENSIONS = Extension.values();

    /**
     * Returns these options with another {@link #maxInputBytes()}.
     *
     * @param value the new limit
     * @return a copy with it
     */
    public ParseOptions withMaxInputBytes(long value) {
        return new ParseOptions(dialect, extensions, value, maxNestingDepth, maxNodes, maxInlineNesting, flavor);
    }

    /**
     * Returns these options with another {@link #maxNestingDepth()}.
     *
     * @param value the new limit
     * @return a copy with it
     */
    public ParseOptions withMaxNestingDepth(int value) {
        return new ParseOptions(dialect, extensions, maxInputBytes, value, maxNodes, maxInlineNesting, flavor);
    }

    /**
     * Returns these options with another {@link #maxNodes()}.
     *
     * @param value the new limit
     * @return a copy with it
     */
    public ParseOptions withMaxNodes(int value) {
        return new ParseOptions(dialect, extensions, maxInputBytes, maxNestingDepth, value, maxInlineNesting, flavor);
    }

    /**
     * Returns these options with another {@link #flavor()}: {@link Flavor#MICROMARK} to build the trees remark's
     * plugins would have built themselves.
     *
     * @param value the reading to follow
     * @return a copy with it
     */
    public ParseOptions withFlavor(Flavor value) {
        return new ParseOptions(dialect, extensions, maxInputBytes, maxNestingDepth, maxNodes, maxInlineNesting, value);
    }

    /**
     * Returns these options with another {@link #maxInlineNesting()}.
     *
     * @param value the new limit
     * @return a copy with it
     */
    public ParseOptions withMaxInlineNesting(int value) {
        return new ParseOptions(dialect, extensions, maxInputBytes, maxNestingDepth, maxNodes, value, flavor);
    }
}
