package dev.ocp.engine.ffm;

import dev.ocp.Capability;
import dev.ocp.Syntax;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.spi.Availability;
import dev.ocp.spi.EngineBackend;
import dev.ocp.EngineConfig;
import dev.ocp.spi.OcpEngineProvider;

import java.util.EnumSet;
import java.util.Set;

/**
 * The ffm engine: the C core ({@code libocp}) called through {@code java.lang.foreign}. Payloads stay in native
 * memory where the C core wrote them, and {@code close()} gives them back to it at once, on any thread, for the
 * price of the C free. Reads through the API are safe against a concurrent close; a
 * {@link dev.ocp.OcpDocument#bytes()} view, or a string slice of a cursor, kept past {@code close()} reads freed
 * memory, so do not keep one (as with the jna engine).
 *
 * <p>With {@code -D}{@value #SCOPED_VIEWS_PROPERTY}{@code =true} the engine declares
 * {@link Capability#SCOPED_VIEWS} instead: each document's memory is a shared {@code Arena} of its own, and a view
 * kept past {@code close()} throws {@link IllegalStateException}. That close is a handshake with every Java thread,
 * tens of microseconds and more with busy threads, which is why it is not the default: it would be most of the
 * cost of a small document (docs/ffm-lifetimes.md has the measurements).
 *
 * <p>Needs JDK 22 or later and native access ({@code --enable-native-access=ALL-UNNAMED} on the class path);
 * on an older JDK, or without a native library for the platform, {@link #availability()} says so. This class
 * is compiled for Java 17 so that discovery can load it on any JDK the library supports; the rest of the
 * engine is compiled for 22 and is reached only after the version check.
 */
public final class FfmEngineProvider implements OcpEngineProvider {
    /** The engine's name. */
    public static final String NAME = "ffm";

    /** The system property that asks for {@link Capability#SCOPED_VIEWS}: {@code true} or not. */
    public static final String SCOPED_VIEWS_PROPERTY = "ocp.ffm.scopedViews";

    /** The first JDK with java.lang.foreign final. */
    private static final int REQUIRED_FEATURE = 22;

    /** Computed once: loading the library and its symbols is worth doing once per JVM. */
    private static volatile Availability availability;

    private final boolean scopedViews;

    /**
     * Creates the provider (as {@link java.util.ServiceLoader} does), with scoped views when the system property
     * {@value #SCOPED_VIEWS_PROPERTY} is {@code true}.
     */
    public FfmEngineProvider() {
        this(Boolean.getBoolean(SCOPED_VIEWS_PROPERTY));
    }

    /** @param scopedViews whether documents get a shared arena each and declare SCOPED_VIEWS */
    FfmEngineProvider(boolean scopedViews) {
        this.scopedViews = scopedViews;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Preferred over the pure-Java engine (10): the C core, without JNA's per-call overhead. */
    @Override
    public int priority() {
        return 30;
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            a = probe();
            availability = a;
        }
        return a;
    }

    private static Availability probe() {
        int feature = Runtime.version().feature();
        if (feature < REQUIRED_FEATURE) {
            return Availability.unavailable("needs JDK " + REQUIRED_FEATURE + " or later; this is JDK " + feature
                    + " (use the jna or java engine here)");
        }
        try {
            return FfmSupport.availability();
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("the ffm engine failed to load: " + e);
        }
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> capabilities = EnumSet.of(Capability.OFF_HEAP, Capability.ARENAS);
        if (scopedViews) {
            capabilities.add(Capability.SCOPED_VIEWS);
        }
        return capabilities;
    }

    /** Every dialect and extension: the one parser behind every engine reads them all. */
    @Override
    public Syntax syntax() {
        return Syntax.C_CORE;
    }

    /**
     * The engine's backend, for the default engine, which parses some documents with it; none when views are scoped,
     * which the documents it parses otherwise could not be.
     */
    @Override
    public EngineBackend backend(long memoryLimitBytes) {
        return scopedViews ? null : FfmSupport.backend(memoryLimitBytes);
    }

    @Override
    public OcpEngine create(EngineConfig config) {
        Availability a = availability();
        if (!a.available()) {
            throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, "engine '" + NAME + "' is unavailable: "
                    + a.reason());
        }
        return FfmSupport.create(NAME, capabilities(), scopedViews, config);
    }
}
