package dev.ocp;

import dev.ocp.internal.AutoEngineProvider;
import dev.ocp.internal.PayloadValidator;
import dev.ocp.spi.Availability;
import dev.ocp.spi.OcpEngineProvider;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The entry point: finds engines and reads payloads.
 *
 * <p>Engines are found with {@link ServiceLoader}: put an engine's jar on the class path and it is
 * discovered. {@link #engine()} picks the engine named by {@code -Docp.engine=NAME} if set, else the
 * available engine with the highest priority. A provider that fails to load or cannot run here is reported
 * by {@link #providers()} with the reason, and never stops the others from working.
 *
 * <p>With the pure-Java engine and a native one ({@code ffm} or {@code jna}) on the class path, as {@code dev.ocp:ocp}
 * has them, that is {@code auto}: it parses documents below half a kilobyte (below a kilobyte when the native engine
 * is {@code jna}) with the pure-Java parser, which costs least per call, and the others with the native engine,
 * which parses faster from there on; its arenas are the native engine's. Each part counts its own memory: the
 * pure-Java part holds a sixteenth of the memory limit (at most 16 MiB) for the small documents, and when that is
 * full they go to the native engine too, so the limit holds for the sum and {@link MemoryStats#peakBytes()} is the
 * sum of the two parts' peaks.
 *
 * <p>Each {@code engine(...)} call creates a new engine that the caller owns and must close.
 *
 * <p><b>The simple case.</b> {@link #toHtml(String)}, {@link #toMdast(String)}, {@link #toJson(String)} and
 * {@link #toText(String)} (and their
 * forms with options) render Markdown in one call: they parse with one shared engine, made on first use (the one
 * {@link #engine()} would give) and kept for the life of the class, and close each document before they return, so
 * the caller has nothing to close. Hold an engine of your own instead to choose it or configure it (memory limit,
 * leak reports), to walk documents or read their bytes, to use arenas, or to render in some other way; make it once
 * and reuse it for every document, since an engine is thread-safe and costs far more to make than a parse.
 */
public final class Ocp {
    /** The system property that names the engine {@link #engine()} returns. */
    public static final String ENGINE_PROPERTY = "ocp.engine";

    private static final System.Logger LOG = System.getLogger("dev.ocp");
    /** The engine behind the static conveniences; made on first use. */
    private static volatile OcpEngine shared;

    private Ocp() {
    }

    /**
     * Creates an engine with the default configuration: the engine named by {@value #ENGINE_PROPERTY} if the
     * property is set, else the available engine with the highest priority.
     *
     * @return a new engine: the one named by {@code -Docp.engine}, else the best available, with default config
     * @throws OcpException {@code ENGINE_UNAVAILABLE} with the discovery report when none can be used
     */
    public static OcpEngine engine() {
        return engine(EngineConfig.defaults());
    }

    /**
     * Creates an engine with the given configuration: the engine named by {@value #ENGINE_PROPERTY} if the
     * property is set, else the available engine with the highest priority.
     *
     * @param config memory limit, leak detection and listeners
     * @return a new engine: the one named by {@code -Docp.engine}, else the best available
     * @throws OcpException {@code ENGINE_UNAVAILABLE} with the discovery report when none can be used
     */
    public static OcpEngine engine(EngineConfig config) {
        String named = System.getProperty(ENGINE_PROPERTY);
        if (named != null && !named.isBlank()) {
            return engine(named.trim(), config);
        }
        ProviderInfo best = discovery().best(p -> true);
        if (best == null) {
            List<ProviderInfo> all = providers();
            throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, all.isEmpty()
                    ? "no OCP engine found on the class path; add one, for example dev.ocp:ocp-engine-java"
                    : "no OCP engine can run here: " + describe(all));
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "using OCP engine '" + best.name() + "', the available one with the"
                + " highest priority, of " + describe(providers()) + "; set -D" + ENGINE_PROPERTY + "=NAME to choose");
        return best.provider().create(config);
    }

    /**
     * Creates the engine of that name with the default configuration.
     *
     * @param name an engine name such as {@code java}
     * @return a new engine of that name with default config
     * @throws OcpException {@code ENGINE_UNAVAILABLE} naming the reason, or the engines that exist
     */
    public static OcpEngine engine(String name) {
        return engine(name, EngineConfig.defaults());
    }

    /**
     * Creates the engine of that name with the given configuration.
     *
     * @param name   an engine name such as {@code java}
     * @param config memory limit, leak detection and listeners
     * @return a new engine of that name
     * @throws OcpException {@code ENGINE_UNAVAILABLE} naming the reason, or the engines that exist
     */
    public static OcpEngine engine(String name, EngineConfig config) {
        ProviderInfo info = discovery().named(name);
        if (info == null) {
            List<ProviderInfo> all = providers();
            throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, "no OCP engine named '" + name + "'; found: "
                    + (all.isEmpty() ? "none" : describe(all)));
        }
        if (!info.available()) {
            throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE,
                    "OCP engine '" + name + "' cannot run here: " + info.reason());
        }
        return info.provider().create(config);
    }

    /**
     * Lists the engine providers found on the class path. Discovery runs once; later calls return the
     * same list.
     *
     * @return every provider found on the class path, best first: available ones by descending priority,
     *         then the unavailable ones with their reasons
     */
    public static List<ProviderInfo> providers() {
        return discovery().all();
    }

    /**
     * Renders CommonMark as HTML: {@code Ocp.toHtml("# Hi")} is {@code "<h1>Hi</h1>\n"}.
     *
     * @param markdown the Markdown source
     * @return CommonMark's reference HTML for it
     * @throws OcpException {@code ENGINE_UNAVAILABLE} if no engine can run here, or as
     *                      {@link OcpEngine#parse(String, ParseOptions)}
     */
    public static String toHtml(String markdown) {
        return toHtml(markdown, ParseOptions.defaults(), HtmlOptions.defaults());
    }

    /**
     * Renders Markdown of the given dialect and extensions as HTML, for example
     * {@code Ocp.toHtml(text, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM))}.
     *
     * @param markdown the Markdown source
     * @param options  dialect, extensions and limits
     * @return the HTML ({@link OcpDocument#toHtml()})
     * @throws OcpException as {@link #toHtml(String)}; {@code SYNTAX} for invalid MDX
     */
    public static String toHtml(String markdown, ParseOptions options) {
        return toHtml(markdown, options, HtmlOptions.defaults());
    }

    /**
     * Renders Markdown as HTML with HTML options: {@code Ocp.toHtml(comment, ParseOptions.defaults(),
     * HtmlOptions.safe())} for Markdown from people you do not trust.
     *
     * @param markdown the Markdown source
     * @param options  dialect, extensions and limits
     * @param html     how to write the HTML
     * @return the HTML ({@link OcpDocument#toHtml(HtmlOptions)})
     * @throws OcpException as {@link #toHtml(String, ParseOptions)}
     */
    public static String toHtml(String markdown, ParseOptions options, HtmlOptions html) {
        java.util.Objects.requireNonNull(html, "html");
        try (OcpDocument document = sharedEngine().parse(markdown, options)) {
            return document.toHtml(html);
        }
    }

    /**
     * Renders CommonMark as mdast, the JSON tree of the unified ecosystem ({@link OcpDocument#toMdast(byte[])}).
     *
     * @param markdown the Markdown source
     * @return the mdast {@code root} as one JSON object
     * @throws OcpException as {@link #toHtml(String)}
     */
    public static String toMdast(String markdown) {
        return toMdast(markdown, ParseOptions.defaults());
    }

    /**
     * Renders Markdown of the given dialect and extensions as mdast: {@code Ocp.toMdast(page,
     * ParseOptions.of(Dialect.MDX, Extension.GFM, Extension.FRONTMATTER, Extension.MATH)
     * .withFlavor(Flavor.MICROMARK))} for a page of an MDX site, read as remark reads it.
     *
     * @param markdown the Markdown source
     * @param options  dialect, extensions and limits
     * @return the mdast {@code root} as one JSON object
     * @throws OcpException as {@link #toHtml(String, ParseOptions)}
     */
    public static String toMdast(String markdown, ParseOptions options) {
        byte[] source = markdown.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (OcpDocument document = sharedEngine().parse(source, options)) {
            return document.toMdast(source);
        }
    }

    /**
     * Renders CommonMark as OCP's own JSON tree ({@link OcpDocument#toJson()}).
     *
     * @param markdown the Markdown source
     * @return the tree as JSON
     * @throws OcpException as {@link #toHtml(String)}
     */
    public static String toJson(String markdown) {
        return toJson(markdown, ParseOptions.defaults());
    }

    /**
     * Renders Markdown of the given dialect and extensions as OCP's own JSON tree.
     *
     * @param markdown the Markdown source
     * @param options  dialect, extensions and limits
     * @return the tree as JSON
     * @throws OcpException as {@link #toHtml(String, ParseOptions)}
     */
    public static String toJson(String markdown, ParseOptions options) {
        try (OcpDocument document = sharedEngine().parse(markdown, options)) {
            return document.toJson();
        }
    }

    /**
     * Renders CommonMark as plain text for search indexes and embeddings ({@link OcpDocument#toText()}):
     * {@code Ocp.toText("# Hi\n\nSee [the *docs*](https://x).")} is {@code "Hi\n\nSee the docs.\n"}.
     *
     * @param markdown the Markdown source
     * @return the text: empty, or ending with one line break
     * @throws OcpException as {@link #toHtml(String)}
     */
    public static String toText(String markdown) {
        return toText(markdown, ParseOptions.defaults());
    }

    /**
     * Renders Markdown of the given dialect and extensions as plain text ({@link OcpDocument#toText()}).
     *
     * @param markdown the Markdown source
     * @param options  dialect, extensions and limits
     * @return the text: empty, or ending with one line break
     * @throws OcpException as {@link #toHtml(String, ParseOptions)}
     */
    public static String toText(String markdown, ParseOptions options) {
        try (OcpDocument document = sharedEngine().parse(markdown, options)) {
            return document.toText();
        }
    }

    /**
     * The engine of the static conveniences: {@link #engine()}'s choice, made on first use and never closed (its
     * documents are closed by the call that parsed them). A failure to make one is not remembered: the next call
     * tries again and fails with the reason again.
     */
    private static OcpEngine sharedEngine() {
        OcpEngine engine = shared;
        if (engine == null) {
            synchronized (Ocp.class) {
                engine = shared;
                if (engine == null) {
                    engine = engine();
                    shared = engine;
                }
            }
        }
        return engine;
    }

    /**
     * Validates an OCP payload from outside (a file, the network) and opens it for reading. The caller keeps
     * owning the memory; closing the document only makes it unreadable.
     *
     * @param payload the bytes between position and limit; not copied
     * @return a document over those bytes
     * @throws OcpException {@code CORRUPT_PAYLOAD} saying what is wrong, if the payload is not valid OCP v1
     */
    public static OcpDocument read(ByteBuffer payload) {
        ByteBuffer view = payload.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
        PayloadValidator.validate(view);
        return new OcpDocument() {
            private volatile boolean closed;

            @Override
            public ByteBuffer bytes() {
                if (closed) {
                    throw new IllegalStateException("OCP document is closed");
                }
                return view.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            }

            @Override
            public boolean isClosed() {
                return closed;
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    /** The providers on the class path, found once; each is inspected (its availability probed) on first need. */
    private static volatile Discovery discovery;

    private static Discovery discovery() {
        Discovery d = discovery;
        if (d == null) {
            synchronized (Ocp.class) {
                d = discovery;
                if (d == null) {
                    d = new Discovery(Ocp.class.getClassLoader());
                    discovery = d;
                }
            }
        }
        return d;
    }

    /**
     * Finds one engine provider by name and inspects only it: for {@code auto}, the engines it routes to as well,
     * and no others. Where {@link #providers()} probes every engine (loads native libraries, prepares the wasm
     * module), this costs only what the named engine costs, which is what a short-lived program such as a command
     * line wants.
     *
     * @param name an engine name such as {@code java}
     * @return its provider as {@link #providers()} would report it, or empty when there is none of that name
     */
    public static Optional<ProviderInfo> provider(String name) {
        Objects.requireNonNull(name, "name");
        return Optional.ofNullable(discovery().named(name));
    }

    /**
     * The available provider of highest priority that {@code wanted} accepts, as the first such in
     * {@link #providers()} would be, found by inspecting providers in order of priority and stopping at the first:
     * engines of lower priority are not probed. {@code bestProvider(p -> true)} is the engine {@link #engine()}
     * makes when no engine is named.
     *
     * @param wanted what the engine must offer, such as a syntax
     * @return that provider, or empty when no available provider is accepted
     */
    public static Optional<ProviderInfo> bestProvider(Predicate<? super ProviderInfo> wanted) {
        Objects.requireNonNull(wanted, "wanted");
        return Optional.ofNullable(discovery().best(wanted));
    }

    /**
     * What {@link ServiceLoader} found, each provider inspected at most once and only when needed. Loading a
     * provider is cheap (its contract); probing its availability may not be (a native library, a wasm module).
     */
    private static final class Discovery {
        /** One provider found, or one that failed to load (then {@code info} is set at once). */
        private static final class Entry {
            final OcpEngineProvider provider;
            final String name;
            final int priority;
            ProviderInfo info;

            Entry(OcpEngineProvider provider, String name, int priority, ProviderInfo info) {
                this.provider = provider;
                this.name = name;
                this.priority = priority;
                this.info = info;
            }
        }

        private final List<Entry> entries = new ArrayList<>();
        /** {@code auto}, made over the others when no provider of that name was found; made on first need. */
        private final boolean makeAuto;
        private ProviderInfo auto;
        private List<ProviderInfo> all;

        Discovery(ClassLoader loader) {
            Iterator<OcpEngineProvider> it = ServiceLoader.load(OcpEngineProvider.class, loader).iterator();
            while (true) {
                OcpEngineProvider provider;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    provider = it.next();
                } catch (ServiceConfigurationError | LinkageError e) {
                    String reason = "failed to load: " + e;
                    LOG.log(System.Logger.Level.WARNING, "an OCP engine provider " + reason + "; skipping it");
                    ProviderInfo failed = new ProviderInfo(String.valueOf(e.getMessage()), Integer.MIN_VALUE, false,
                            reason, Set.of(), Syntax.COMMONMARK, null);
                    entries.add(new Entry(null, failed.name(), failed.priority(), failed));
                    continue;
                }
                entries.add(entry(provider));
            }
            makeAuto = entries.stream().noneMatch(e -> e.name.equals(AutoEngineProvider.NAME));
        }

        /** The provider's name and priority, which must be cheap; a provider failing at them is inspected at once. */
        private static Entry entry(OcpEngineProvider provider) {
            try {
                return new Entry(provider, provider.name(), provider.priority(), null);
            } catch (RuntimeException | LinkageError e) {
                ProviderInfo info = inspect(provider);
                return new Entry(provider, info.name(), info.priority(), info);
            }
        }

        synchronized ProviderInfo info(Entry e) {
            if (e.info == null) {
                e.info = inspect(e.provider);
            }
            return e.info;
        }

        /** The provider of that name, inspected, or {@code null}. */
        synchronized ProviderInfo named(String name) {
            for (Entry e : entries) {
                if (e.name.equals(name)) {
                    return info(e);
                }
            }
            return makeAuto && name.equals(AutoEngineProvider.NAME) ? auto() : null;
        }

        private synchronized ProviderInfo auto() {
            if (auto == null) {
                auto = inspect(AutoEngineProvider.over(n -> {
                    for (Entry e : entries) {
                        if (e.name.equals(n) && e.provider != null) {
                            return info(e);
                        }
                    }
                    return null;
                }));
            }
            return auto;
        }

        synchronized ProviderInfo best(Predicate<? super ProviderInfo> wanted) {
            // The order of providers(): by priority, then name; unavailable ones are skipped, as they sort last there.
            List<Entry> order = new ArrayList<>(entries);
            if (makeAuto) {
                order.add(new Entry(null, AutoEngineProvider.NAME, AutoEngineProvider.PRIORITY, null));
            }
            order.sort(Comparator.comparingInt((Entry e) -> e.priority).reversed().thenComparing(e -> e.name));
            for (Entry e : order) {
                ProviderInfo p = e.provider == null && e.info == null ? auto() : info(e);
                if (p.available() && wanted.test(p)) {
                    return p;
                }
            }
            return null;
        }

        synchronized List<ProviderInfo> all() {
            if (all == null) {
                List<ProviderInfo> found = new ArrayList<>();
                for (Entry e : entries) {
                    found.add(info(e));
                }
                if (makeAuto) {
                    found.add(auto());
                }
                found.sort(Comparator.comparing((ProviderInfo p) -> !p.available())
                        .thenComparing(Comparator.comparingInt(ProviderInfo::priority).reversed())
                        .thenComparing(ProviderInfo::name));
                all = List.copyOf(found);
            }
            return all;
        }
    }

    private static ProviderInfo inspect(OcpEngineProvider provider) {
        String name = provider.getClass().getName();
        try {
            name = provider.name();
            Availability availability = provider.availability();
            return new ProviderInfo(name, provider.priority(), availability.available(), availability.reason(),
                    provider.capabilities(), provider.syntax(), provider);
        } catch (RuntimeException | LinkageError e) {
            String reason = "provider failed: " + e;
            LOG.log(System.Logger.Level.WARNING, "OCP engine provider '" + name + "' " + reason + "; skipping it");
            return new ProviderInfo(name, Integer.MIN_VALUE, false, reason, Set.of(), Syntax.COMMONMARK, provider);
        }
    }

    private static String describe(List<ProviderInfo> all) {
        return all.stream().map(ProviderInfo::toString).collect(Collectors.joining("; "));
    }
}
