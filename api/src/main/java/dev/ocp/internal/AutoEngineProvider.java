package dev.ocp.internal;

import dev.ocp.Capability;
import dev.ocp.EngineConfig;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ProviderInfo;
import dev.ocp.Syntax;
import dev.ocp.spi.Availability;
import dev.ocp.spi.EngineBackend;
import dev.ocp.spi.OcpEngineProvider;
import dev.ocp.spi.StandardEngine;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine {@code Ocp.engine()} makes when nothing is named: {@code auto}, the pure-Java engine's parser for
 * documents below a size and the fastest native engine's for the others ({@link RoutedBackend}). No single engine
 * is the fastest at every size: a native engine pays a crossing into C and a payload allocated there on every call,
 * which on a document of a hundred bytes costs more than the pure-Java parser's whole parse, and from about half a
 * kilobyte on (a kilobyte through JNA) the C core's speed more than repays it.
 *
 * <p>Discovery makes it over the providers it found ({@link #over}); it is available when the {@code java} engine and
 * a native engine it knows the crossover of are, and the native one's engines make no promise the pure-Java parser's
 * documents could not keep (scoped views).
 */
public final class AutoEngineProvider implements OcpEngineProvider {
    /** The engine's name. */
    public static final String NAME = "auto";

    /** The engine whose backend parses the small documents. */
    private static final String SMALL = "java";

    /**
     * Per native engine, in order of preference: inputs shorter than this many bytes go to the pure-Java parser. Where
     * the two cost the same per parse and close, the first bytes of progit parsed in turns in one JVM (27 November
     * 2026, a loaded host, so read the ranges): {@code ffm} on JDK 25 between 400 and 500 bytes (at 494 bytes 788 ns
     * against java's 781), {@code jna} on JDK 17 about a kilobyte (at 1,022 bytes 2.3 us against 2.1; at 1,278 bytes
     * 2.2 against 2.3). Below those, java was up to 1.3x and 2.2x as fast.
     */
    private static final Map<String, Integer> SMALL_BELOW = Map.of("ffm", 512, "jna", 1024);
    private static final List<String> NATIVE = List.of("ffm", "jna");

    /** At most this much of the engine's memory limit is kept for the small documents. */
    static final long SMALL_LIMIT_MAX = 16L << 20;

    private final ProviderInfo small;
    private final ProviderInfo large;
    private final Availability availability;

    private AutoEngineProvider(ProviderInfo small, ProviderInfo large, Availability availability) {
        this.small = small;
        this.large = large;
        this.availability = availability;
    }

    /**
     * The routing provider over those discovery found: available when they let it route.
     *
     * @param found the providers discovery found
     * @return the provider of {@code auto}
     */
    public static AutoEngineProvider over(List<ProviderInfo> found) {
        return over(name -> find(found, name));
    }

    /**
     * The routing provider over the providers {@code find} gives by name, asked for only as far as needed: the
     * {@code java} engine's, then the native engines' in order of preference until one is available. Discovery
     * that inspects providers only when asked ({@code Ocp.provider(String)}) makes it so, so that choosing
     * {@code auto} never probes an engine it does not route to.
     *
     * @param find a provider by name, inspected, or {@code null} when there is none (or it failed to load)
     * @return the provider of {@code auto}
     */
    public static AutoEngineProvider over(java.util.function.Function<String, ProviderInfo> find) {
        ProviderInfo small = find.apply(SMALL);
        ProviderInfo large = null;
        for (String name : NATIVE) {
            ProviderInfo p = find.apply(name);
            if (p != null && p.available()) {
                large = p;
                break;
            }
        }
        String missing;
        if (small == null || !small.available()) {
            missing = "it parses small documents with the java engine, which is " + (small == null ? "not on the class path"
                    : "unavailable: " + small.reason());
        } else if (large == null) {
            missing = "it parses documents from half a kilobyte on with a native engine (ffm or jna), and none can run"
                    + " here; the java engine is the default";
        } else if (large.capabilities().contains(Capability.SCOPED_VIEWS)) {
            missing = "engine '" + large.name() + "' makes scoped views here, which the java engine's documents cannot"
                    + " have; '" + large.name() + "' is the default";
        } else {
            missing = null;
        }
        return new AutoEngineProvider(small, large, missing == null ? Availability.AVAILABLE
                : Availability.unavailable(missing));
    }

    /** {@link #priority()}, known before the providers it routes to are inspected. */
    public static final int PRIORITY = 40;

    private static ProviderInfo find(List<ProviderInfo> found, String name) {
        for (ProviderInfo p : found) {
            if (p.name().equals(name) && p.provider() != null) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Above every engine it routes to: it is the fastest of them at every size. */
    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    /**
     * Arenas (the native engine's), and {@link Capability#OFF_HEAP}: a document is off the heap from the size at which
     * it goes to the native engine, and one below it holds less than that size's payload on the heap, so that parsing
     * allocates no heap memory in proportion to the input.
     */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.OFF_HEAP, Capability.ARENAS);
    }

    /**
     * What both engines parse: a document may go to either, by its size alone. (The java engine and the C core read
     * the same syntax, every extension, directives included; an engine that read less would narrow auto's.)
     */
    @Override
    public Syntax syntax() {
        if (!availability.available()) {
            return Syntax.COMMONMARK;
        }
        Syntax a = small.syntax();
        Syntax b = large.syntax();
        return new Syntax(both(a.dialects(), b.dialects()), both(a.extensions(), b.extensions()),
                both(a.flavors(), b.flavors()));
    }

    private static <T> Set<T> both(Set<T> a, Set<T> b) {
        Set<T> common = new java.util.HashSet<>(a);
        common.retainAll(b);
        return common;
    }

    /**
     * The input size below which documents go to the pure-Java parser.
     *
     * @return bytes; 0 when unavailable
     */
    public int smallBelow() {
        return availability.available() ? SMALL_BELOW.get(large.name()) : 0;
    }

    /**
     * The native engine documents from {@link #smallBelow()} bytes on go to.
     *
     * @return its name, or {@code null} when unavailable
     */
    public String nativeEngine() {
        return availability.available() ? large.name() : null;
    }

    /**
     * The part of an engine's memory limit kept for small documents: a sixteenth, at most {@value #SMALL_LIMIT_MAX}
     * bytes (tens of thousands of small documents open at once).
     */
    static long smallLimit(long memoryLimitBytes) {
        return Math.min(memoryLimitBytes / 16, SMALL_LIMIT_MAX);
    }

    @Override
    public OcpEngine create(EngineConfig config) {
        if (!availability.available()) {
            throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, "engine '" + NAME + "' is unavailable: "
                    + availability.reason());
        }
        long smallLimit = smallLimit(config.memoryLimitBytes());
        if (smallLimit == 0) {
            // a limit of a few bytes has no part to spare: every document goes to the native engine
            return new StandardEngine(NAME, capabilities(), syntax(), backendOf(large, config.memoryLimitBytes()),
                    config);
        }
        long largeLimit = config.memoryLimitBytes() - smallLimit;
        return new StandardEngine(NAME, capabilities(), syntax(), new RoutedBackend(backendOf(small, smallLimit),
                smallLimit, () -> backendOf(large, largeLimit), largeLimit, smallBelow()), config);
    }

    private static EngineBackend backendOf(ProviderInfo p, long memoryLimitBytes) {
        EngineBackend backend = p.provider().backend(memoryLimitBytes);
        if (backend == null) {
            throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, "engine '" + NAME + "' routes to engine '"
                    + p.name() + "', whose provider offers no backend to route to");
        }
        return backend;
    }
}
