package dev.ocp.cli;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.Ocp;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;
import dev.ocp.EngineConfig;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The engine providers the commands choose from, best first, as {@link Ocp#providers()} reports them. Tests
 * hand in their own list (an engine that returns different bytes, one that leaks) to see the commands catch
 * them; the real command always uses discovery.
 */
final class Catalog {
    private final Supplier<List<ProviderInfo>> source;
    /** Whether the engines are the class path's, found through {@link Ocp#provider} one at a time. */
    private final boolean installed;
    private List<ProviderInfo> providers;

    private Catalog(Supplier<List<ProviderInfo>> source, boolean installed) {
        this.source = source;
        this.installed = installed;
    }

    /**
     * @return the providers found on the class path; a command that uses one engine inspects only that one (and
     *         those it routes to), so that it does not pay for loading the others: a native library, a wasm module
     */
    static Catalog installed() {
        return new Catalog(Ocp::providers, true);
    }

    /** @return a catalog of exactly these providers, in this order (best first) */
    static Catalog of(List<ProviderInfo> providers) {
        List<ProviderInfo> copy = List.copyOf(providers);
        return new Catalog(() -> copy, false);
    }

    List<ProviderInfo> all() {
        if (providers == null) {
            providers = source.get();
        }
        return providers;
    }

    List<ProviderInfo> available() {
        return all().stream().filter(ProviderInfo::available).collect(Collectors.toList());
    }

    /**
     * The engine {@link Ocp#engine()} would create: the one {@code -Docp.engine} names, else the available
     * engine with the highest priority.
     *
     * @return it, or {@code null} when there is none (nothing available, or the property names an engine
     *         that is missing or cannot run)
     */
    ProviderInfo defaultProvider() {
        String named = namedByProperty();
        if (named != null) {
            ProviderInfo p = named(named);
            return p != null && p.available() ? p : null;
        }
        return best(p -> true);
    }

    /** @return the provider of that name, available or not, or {@code null} */
    private ProviderInfo named(String name) {
        if (installed && providers == null) {
            return Ocp.provider(name).orElse(null);
        }
        for (ProviderInfo p : all()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** @return the first available provider, best first, that {@code wanted} accepts, or {@code null} */
    private ProviderInfo best(java.util.function.Predicate<ProviderInfo> wanted) {
        if (installed && providers == null) {
            return Ocp.bestProvider(wanted).orElse(null);
        }
        for (ProviderInfo p : available()) {
            if (wanted.test(p)) {
                return p;
            }
        }
        return null;
    }

    /** @return the engine named by {@code -Docp.engine}, or {@code null} if the property is not set */
    static String namedByProperty() {
        String named = System.getProperty(Ocp.ENGINE_PROPERTY);
        return named == null || named.isBlank() ? null : named.trim();
    }

    /**
     * @param name an engine name from {@code --engine}, or {@code null} for the default engine
     * @return its provider, which is available
     * @throws UsageException naming the engines that exist, or why the one asked for cannot run
     */
    /**
     * The engine for parsing with {@code options}: the one named, or, when none is (nor by {@code -Docp.engine}),
     * the best available engine that parses those options (MDX is parsed by fewer engines than CommonMark), else
     * the default engine, whose refusal then says why.
     *
     * @param name    an engine name, or {@code null}
     * @param options what the input is to be parsed as
     * @return the provider to use
     * @throws UsageException as {@link #resolve(String)}
     */
    ProviderInfo resolve(String name, ParseOptions options) {
        if (name == null && namedByProperty() == null) {
            ProviderInfo p = best(q -> parses(q.syntax(), options));
            if (p != null) {
                return p;
            }
        }
        return resolve(name);
    }

    private static boolean parses(dev.ocp.Syntax syntax, ParseOptions options) {
        return syntax.supports(options);
    }

    ProviderInfo resolve(String name) {
        if (name == null) {
            ProviderInfo p = defaultProvider();
            if (p != null) {
                return p;
            }
            String named = namedByProperty();
            if (named != null) {
                return resolve(named);
            }
            throw new UsageException(all().isEmpty()
                    ? "no OCP engine found on the class path; this ocp jar was built without engines"
                    : "no OCP engine can run here: " + describe(all()));
        }
        ProviderInfo p = named(name);
        if (p != null) {
            if (!p.available()) {
                throw new UsageException("engine '" + name + "' cannot run here: " + p.reason());
            }
            return p;
        }
        throw new UsageException("no engine named '" + name + "'; engines found: "
                + (all().isEmpty() ? "none" : describe(all())) + " (see 'ocp engines')");
    }

    /**
     * @param name an engine name, {@code all} for every available engine, or {@code null} for the default
     * @return the providers to run, best first
     * @throws UsageException as {@link #resolve(String)}, or if {@code all} finds nothing available
     */
    List<ProviderInfo> resolveMany(String name) {
        if (!"all".equals(name)) {
            return List.of(resolve(name));
        }
        List<ProviderInfo> usable = available();
        if (usable.isEmpty()) {
            throw new UsageException("no OCP engine can run here: "
                    + (all().isEmpty() ? "none found" : describe(all())));
        }
        return usable;
    }

    /** @return a new engine of the provider, with default configuration; the caller closes it */
    static OcpEngine open(ProviderInfo provider) {
        return provider.provider().create(EngineConfig.defaults());
    }

    /**
     * @param providers engines chosen for a command
     * @param options   the dialect and extensions it parses
     * @param err       where to say which engines are left out and why
     * @return those that parse the dialect with those extensions
     * @throws UsageException if none does
     */
    static List<ProviderInfo> supporting(List<ProviderInfo> providers, ParseOptions options, java.io.PrintStream err) {
        List<ProviderInfo> result = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (ProviderInfo p : providers) {
            if (supports(p, options)) {
                result.add(p);
            } else {
                left.add(p.name());
            }
        }
        String syntax = describe(options);
        if (result.isEmpty()) {
            throw new UsageException((left.size() == 1 ? "engine '" + left.get(0) + "' does" : "engines "
                    + String.join(", ", left) + " do") + " not parse " + syntax + " yet (see the syntax "
                    + "in 'ocp engines'); use --dialect commonmark");
        }
        if (!left.isEmpty()) {
            err.println("ocp: leaving out " + String.join(", ", left) + ": no " + syntax + " support yet");
        }
        return result;
    }

    /** @return whether the provider's engines parse the dialect with every extension of the options */
    static boolean supports(ProviderInfo provider, ParseOptions options) {
        return provider.syntax().supports(options);
    }

    /**
     * The options of {@code --dialect D} and {@code --with X,Y}.
     *
     * @param dialect a dialect name, or {@code null} for CommonMark
     * @param with    a comma-separated list of extensions to add, or {@code null}
     * @return the parse options
     * @throws UsageException naming what exists when a name is unknown
     */
    static ParseOptions parseOptions(String dialect, String with) {
        ParseOptions options = syntax(dialect);
        if (with == null) {
            return options;
        }
        EnumSet<Extension> extensions = EnumSet.noneOf(Extension.class);
        extensions.addAll(options.extensions());
        for (String name : with.split(",", -1)) {
            if (name.isBlank()) {
                StringJoiner known = new StringJoiner(", ");
                for (Extension e : Extension.values()) {
                    known.add(e.id());
                }
                throw new UsageException("--with takes a comma-separated list of " + known + ", not '" + with + "'");
            }
            try {
                extensions.add(Extension.byId(name));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return options.withExtensions(extensions);
    }

    /**
     * What a site's {@code *.mdx} pages are written in: MDX with GFM, frontmatter and math, as an MDX site reads them
     * (mdx-js with remark-gfm, remark-frontmatter and remark-math).
     */
    static final ParseOptions MDX_PAGE = ParseOptions.of(Dialect.MDX, Extension.GFM, Extension.FRONTMATTER,
            Extension.MATH);

    /**
     * The options for one file, for commands that take many files of mixed kinds ({@code ocp markdown --check
     * docs/}): as {@link #parseOptions(String, String)}, except that when {@code --dialect} is not given a file
     * named {@code *.mdx} is parsed as {@link #MDX_PAGE} (with {@code --with}'s extensions too). Read as
     * CommonMark, a page's JSX would be text, and writing it back would escape it.
     *
     * @param dialect as {@link #parseOptions(String, String)}
     * @param with    as {@link #parseOptions(String, String)}
     * @param file    the file's name, or {@code null} (or {@code -}) for standard input, which has none
     * @return the parse options
     * @throws UsageException as {@link #parseOptions(String, String)}
     */
    static ParseOptions parseOptions(String dialect, String with, String file) {
        ParseOptions options = parseOptions(dialect, with);
        if (dialect != null || file == null || !Inputs.isMdx(file)) {
            return options;
        }
        EnumSet<Extension> extensions = EnumSet.noneOf(Extension.class);
        extensions.addAll(MDX_PAGE.extensions());
        extensions.addAll(options.extensions());
        return MDX_PAGE.withExtensions(extensions);
    }

    /**
     * The parse limits and the flavor the command line sets (the LIMITS of the help) over {@code options}' own.
     *
     * @param options the dialect and extensions, with the default limits
     * @param args    a command line whose command takes the limit options
     * @return {@code options} with every limit given on the command line
     * @throws UsageException for a limit that is not a positive whole number in range, or an unknown flavor
     */
    static ParseOptions withLimits(ParseOptions options, CommandLineArgs args) {
        String bytes = args.value("--max-input-bytes");
        if (bytes != null) {
            options = options.withMaxInputBytes(positive("--max-input-bytes", bytes, ParseOptions.MAX_INPUT_BYTES));
        }
        String depth = args.value("--max-nesting-depth");
        if (depth != null) {
            options = options.withMaxNestingDepth((int) positive("--max-nesting-depth", depth, Integer.MAX_VALUE));
        }
        String nodes = args.value("--max-nodes");
        if (nodes != null) {
            options = options.withMaxNodes((int) positive("--max-nodes", nodes, Integer.MAX_VALUE));
        }
        String inline = args.value("--max-inline-nesting");
        if (inline != null) {
            options = options.withMaxInlineNesting((int) positive("--max-inline-nesting", inline, Integer.MAX_VALUE));
        }
        String flavor = args.value("--flavor");
        if (flavor != null) {
            try {
                options = options.withFlavor(Flavor.byId(flavor));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return options;
    }

    private static long positive(String option, String value, long max) {
        long n;
        try {
            n = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > max) {
            throw new UsageException(option + " takes a whole number from 1 to " + max + ", not '" + value + "'");
        }
        return n;
    }

    /** @return the syntax in words: {@code gfm}, {@code commonmark with math}, {@code mdx with gfm, math} */
    static String describe(ParseOptions options) {
        boolean gfm = options.dialect() == Dialect.COMMONMARK && options.has(Extension.GFM);
        String base = gfm ? "gfm" : options.dialect().name().toLowerCase(Locale.ROOT);
        List<String> more = new ArrayList<>();
        for (Extension e : options.extensions()) {
            if (!(gfm && e == Extension.GFM)) {
                more.add(e.id());
            }
        }
        return more.isEmpty() ? base : base + " with " + String.join(", ", more);
    }

    /** The names {@code --dialect} takes: the base dialects, and {@code gfm} for CommonMark with GFM. */
    static final List<String> DIALECTS = List.of("commonmark", "gfm", "mdx");

    /**
     * @param name a name from {@code --dialect} ({@link #DIALECTS}), any case, or {@code null} for CommonMark
     * @return the default options of that syntax
     * @throws UsageException naming the dialects that exist
     */
    static ParseOptions syntax(String name) {
        String wanted = name == null ? "commonmark" : name.trim().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "commonmark":
                return ParseOptions.of(Dialect.COMMONMARK);
            case "gfm":
                return ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);
            case "mdx":
                return ParseOptions.of(Dialect.MDX);
            default:
                throw new UsageException("unknown dialect '" + name + "'; choose one of " + String.join(", ", DIALECTS));
        }
    }

    static String describe(List<ProviderInfo> providers) {
        return providers.stream().map(ProviderInfo::toString).collect(Collectors.joining("; "));
    }
}
