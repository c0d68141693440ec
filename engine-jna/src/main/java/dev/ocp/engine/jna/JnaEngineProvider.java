package dev.ocp.engine.jna;

import dev.ocp.Capability;
import dev.ocp.Syntax;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.spi.Availability;
import dev.ocp.spi.EngineBackend;
import dev.ocp.EngineConfig;
import dev.ocp.spi.OcpEngineProvider;
import dev.ocp.spi.StandardEngine;

import java.util.EnumSet;
import java.util.Set;

/**
 * The jna engine: the C core ({@code libocp}, from the ocp-native jar) called through JNA direct mapping.
 * Native speed on JDK 17 and later; payloads stay in C's memory and documents view them in place.
 *
 * <p>Views are plain direct buffers over that memory, so this engine does not offer
 * {@link Capability#SCOPED_VIEWS}: a {@code bytes()} view, or a string slice of a cursor, kept past the
 * document's {@code close()} reads freed memory. Everything read through the document itself throws once
 * it is closed. This class does not touch JNA, so that it loads, and reports why, even without JNA.
 */
public final class JnaEngineProvider implements OcpEngineProvider {
    /** The engine's name. */
    public static final String NAME = "jna";

    /** Creates the provider (as {@link java.util.ServiceLoader} does). */
    public JnaEngineProvider() {
    }

    /** Probed once: the first call binds the library, every later one reports the same outcome. */
    private static final class Probe {
        static final Availability AVAILABILITY = probe();

        private static Availability probe() {
            String failure;
            try {
                failure = LibOcp.FAILURE;
            } catch (LinkageError e) {
                // JNA itself is missing or cannot initialise (for example no jnidispatch for this platform).
                failure = "JNA (net.java.dev.jna:jna) could not be loaded: " + e;
            }
            return failure == null ? Availability.AVAILABLE
                    : Availability.unavailable("the jna engine cannot run here: " + failure);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Above the pure-Java engine (native speed), below ffm, which binds the same core more cheaply on 22+. */
    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Availability availability() {
        return Probe.AVAILABILITY;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.OFF_HEAP, Capability.ARENAS);
    }

    /** Every dialect and extension: the one parser behind every engine reads them all. */
    @Override
    public Syntax syntax() {
        return Syntax.C_CORE;
    }

    /** The engine's backend, for the default engine, which parses some documents with it. */
    @Override
    public EngineBackend backend(long memoryLimitBytes) {
        return new JnaBackend(memoryLimitBytes);
    }

    @Override
    public OcpEngine create(EngineConfig config) {
        Availability availability = availability();
        if (!availability.available()) {
            throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, availability.reason());
        }
        return new StandardEngine(NAME, capabilities(), syntax(), new JnaBackend(config.memoryLimitBytes()), config);
    }
}
