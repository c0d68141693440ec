package dev.ocp.spark;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.ParseOptions;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the Spark conf says about parsing ({@code spark.ocp.*}), read on the driver and shipped with each function
 * and scan, so that every executor parses the same way whatever its own conf says.
 *
 * @param engine           the engine to use ({@code spark.ocp.engine}), or {@code null} for the best that runs
 * @param maxInputBytes    {@code spark.ocp.maxInputBytes}
 * @param maxNestingDepth  {@code spark.ocp.maxNestingDepth}
 * @param maxNodes         {@code spark.ocp.maxNodes}
 * @param maxInlineNesting {@code spark.ocp.maxInlineNesting}
 * @param flavor           {@code spark.ocp.flavor}: {@code reference} (the default) or {@code micromark}, the
 *                         reading of remark's parser, for trees that go on to the JavaScript toolchain
 */
record Settings(String engine, long maxInputBytes, int maxNestingDepth, int maxNodes, int maxInlineNesting,
        Flavor flavor) implements Serializable {

    static final String PREFIX = "spark.ocp.";

    /**
     * The options an {@code *.mdx} page is read with, as {@code ocp} reads it: MDX with GFM, frontmatter and math.
     */
    static final ParseOptions MDX_PAGE = ParseOptions.of(Dialect.MDX, Extension.GFM, Extension.FRONTMATTER,
            Extension.MATH);

    /**
     * @param conf a Spark conf lookup (key to value, or {@code null} when not set)
     * @return the settings it gives, defaults for the rest
     * @throws IllegalArgumentException naming the key whose value is not a positive number or not a flavor
     */
    static Settings of(Function<String, String> conf) {
        String engine = conf.apply(PREFIX + "engine");
        return new Settings(engine == null || engine.isBlank() ? null : engine.trim(),
                positive(conf, "maxInputBytes", ParseOptions.DEFAULT_MAX_INPUT_BYTES, ParseOptions.MAX_INPUT_BYTES),
                (int) positive(conf, "maxNestingDepth", ParseOptions.DEFAULT_MAX_NESTING_DEPTH, Integer.MAX_VALUE),
                (int) positive(conf, "maxNodes", ParseOptions.DEFAULT_MAX_NODES, Integer.MAX_VALUE),
                (int) positive(conf, "maxInlineNesting", ParseOptions.DEFAULT_MAX_INLINE_NESTING, Integer.MAX_VALUE),
                flavor(conf));
    }

    private static Flavor flavor(Function<String, String> conf) {
        String value = conf.apply(PREFIX + "flavor");
        if (value == null || value.isBlank()) {
            return Flavor.REFERENCE;
        }
        try {
            return Flavor.byId(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "flavor: " + e.getMessage(), e);
        }
    }

    static Settings of(Map<String, String> conf) {
        return of(conf::get);
    }

    private static long positive(Function<String, String> conf, String name, long fallback, long max) {
        String value = conf.apply(PREFIX + name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            parsed = -1;
        }
        if (parsed < 1 || parsed > max) {
            throw new IllegalArgumentException(PREFIX + name + " takes a whole number from 1 to " + max + ", not '"
                    + value + "'");
        }
        return parsed;
    }

    /**
     * The options for a dialect and extensions given as SQL strings, with this conf's limits and flavor.
     *
     * @param dialect    {@code commonmark} (or {@code null}), {@code gfm} or {@code mdx}, any case
     * @param extensions a comma-separated list of {@code gfm}, {@code frontmatter}, {@code math}, or {@code null}
     * @throws IllegalArgumentException naming what is not known
     */
    ParseOptions options(String dialect, String extensions) {
        ParseOptions options = switch (dialect == null ? "commonmark" : dialect.trim().toLowerCase(Locale.ROOT)) {
            case "commonmark", "" -> ParseOptions.of(Dialect.COMMONMARK);
            case "gfm" -> ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);
            case "mdx" -> ParseOptions.of(Dialect.MDX);
            default -> throw new IllegalArgumentException("unknown dialect '" + dialect
                    + "'; choose one of commonmark, gfm, mdx");
        };
        return withConf(withExtensions(options, extensions));
    }

    /** The options with this conf's limits and flavor. */
    ParseOptions withConf(ParseOptions options) {
        return options.withMaxInputBytes(maxInputBytes).withMaxNestingDepth(maxNestingDepth).withMaxNodes(maxNodes)
                .withMaxInlineNesting(maxInlineNesting).withFlavor(flavor);
    }

    static ParseOptions withExtensions(ParseOptions options, String extensions) {
        if (extensions == null || extensions.isBlank()) {
            return options;
        }
        EnumSet<Extension> all = EnumSet.noneOf(Extension.class);
        all.addAll(options.extensions());
        for (String id : extensions.split(",", -1)) {
            all.add(Extension.byId(id));
        }
        return options.withExtensions(all);
    }
}
