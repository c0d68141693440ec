package dev.ocp.cli;

import dev.ocp.Capability;
import dev.ocp.Dialect;
import dev.ocp.Ocp;
import dev.ocp.OcpEngine;
import dev.ocp.ProviderInfo;
import dev.ocp.spi.EngineConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The engine providers the commands choose from, best first, as {@link Ocp#providers()} reports them. Tests
 * hand in their own list (an engine that returns different bytes, one that leaks) to see the commands catch
 * them; the real command always uses discovery.
 */
final class Catalog {
    private final Supplier<List<ProviderInfo>> source;
    private List<ProviderInfo> providers;

    private Catalog(Supplier<List<ProviderInfo>> source) {
        this.source = source;
    }

    /** @return the providers found on the class path; discovery runs on first use */
    static Catalog installed() {
        return new Catalog(Ocp::providers);
    }

    /** @return a catalog of exactly these providers, in this order (best first) */
    static Catalog of(List<ProviderInfo> providers) {
        List<ProviderInfo> copy = List.copyOf(providers);
        return new Catalog(() -> copy);
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
            for (ProviderInfo p : all()) {
                if (p.name().equals(named)) {
                    return p.available() ? p : null;
                }
            }
            return null;
        }
        List<ProviderInfo> usable = available();
        return usable.isEmpty() ? null : usable.get(0);
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
        for (ProviderInfo p : all()) {
            if (p.name().equals(name)) {
                if (!p.available()) {
                    throw new UsageException("engine '" + name + "' cannot run here: " + p.reason());
                }
                return p;
            }
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
     * @param dialect   the dialect it parses
     * @param err       where to say which engines are left out and why
     * @return those that parse the dialect
     * @throws UsageException if none does
     */
    static List<ProviderInfo> supporting(List<ProviderInfo> providers, Dialect dialect, java.io.PrintStream err) {
        List<ProviderInfo> result = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (ProviderInfo p : providers) {
            if (supports(p, dialect)) {
                result.add(p);
            } else {
                left.add(p.name());
            }
        }
        String dialectName = dialect.name().toLowerCase(Locale.ROOT);
        if (result.isEmpty()) {
            throw new UsageException((left.size() == 1 ? "engine '" + left.get(0) + "' does" : "engines "
                    + String.join(", ", left) + " do") + " not parse " + dialectName + " yet (see the capabilities "
                    + "in 'ocp engines'); use --dialect commonmark");
        }
        if (!left.isEmpty()) {
            err.println("ocp: leaving out " + String.join(", ", left) + ": no " + dialectName + " support yet");
        }
        return result;
    }

    /** @return whether the provider's engines parse the dialect */
    static boolean supports(ProviderInfo provider, Dialect dialect) {
        switch (dialect) {
            case GFM:
                return provider.capabilities().contains(Capability.GFM);
            case MDX:
                return provider.capabilities().contains(Capability.MDX);
            default:
                return true;
        }
    }

    /**
     * @param name a dialect from {@code --dialect}, any case, or {@code null} for CommonMark
     * @return the dialect
     * @throws UsageException naming the dialects that exist
     */
    static Dialect dialect(String name) {
        if (name == null) {
            return Dialect.COMMONMARK;
        }
        for (Dialect d : Dialect.values()) {
            if (d.name().equalsIgnoreCase(name.trim())) {
                return d;
            }
        }
        List<String> names = new ArrayList<>();
        for (Dialect d : Dialect.values()) {
            names.add(d.name().toLowerCase(Locale.ROOT));
        }
        throw new UsageException("unknown dialect '" + name + "'; choose one of " + String.join(", ", names));
    }

    static String describe(List<ProviderInfo> providers) {
        return providers.stream().map(ProviderInfo::toString).collect(Collectors.joining("; "));
    }
}
