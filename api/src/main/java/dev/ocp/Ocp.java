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
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
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
    private static volatile List<ProviderInfo> discovered;
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
        List<ProviderInfo> all = providers();
        List<ProviderInfo> usable = all.stream().filter(ProviderInfo::available).collect(Collectors.toList());
        if (usable.isEmpty()) {
            throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, all.isEmpty()
                    ? "no OCP engine found on the class path; add one, for example dev.ocp:ocp-engine-java"
                    : "no OCP engine can run here: " + describe(all));
        }
        ProviderInfo best = usable.get(0);
        if (usable.size() > 1) {
            LOG.log(System.Logger.Level.DEBUG, () -> "several OCP engines found (" + describe(all) + "); using '"
                    + best.name() + "', the available one with the highest priority; set -D" + ENGINE_PROPERTY
                    + "=NAME to choose");
        }
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
        List<ProviderInfo> all = providers();
        for (ProviderInfo info : all) {
            if (info.name().equals(name)) {
                if (!info.available()) {
                    throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE,
                            "OCP engine '" + name + "' cannot run here: " + info.reason());
                }
                return info.provider().create(config);
            }
        }
        throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, "no OCP engine named '" + name + "'; found: "
                + (all.isEmpty() ? "none" : describe(all)));
    }

    /**
     * Lists the engine providers found on the class path. Discovery runs once; later calls return the
     * same list.
     *
     * @return every provider found on the class path, best first: available ones by descending priority,
     *         then the unavailable ones with their reasons
     */
    public static List<ProviderInfo> providers() {
        List<ProviderInfo> result = discovered;
        if (result == null) {
            synchronized (Ocp.class) {
                result = discovered;
                if (result == null) {
                    result = discover(Ocp.class.getClassLoader());
                    discovered = result;
                }
            }
        }
        return result;
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

    static List<ProviderInfo> discover(ClassLoader loader) {
        List<ProviderInfo> found = new ArrayList<>();
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
                found.add(new ProviderInfo(String.valueOf(e.getMessage()), Integer.MIN_VALUE, false, reason, Set.of(),
                        Syntax.COMMONMARK, null));
                continue;
            }
            found.add(inspect(provider));
        }
        // The default engine routes between two of the others, so it is made over what was found.
        if (found.stream().noneMatch(p -> p.name().equals(AutoEngineProvider.NAME))) {
            found.add(inspect(AutoEngineProvider.over(found)));
        }
        found.sort(Comparator.comparing((ProviderInfo p) -> !p.available())
                .thenComparing(Comparator.comparingInt(ProviderInfo::priority).reversed())
                .thenComparing(ProviderInfo::name));
        return List.copyOf(found);
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
