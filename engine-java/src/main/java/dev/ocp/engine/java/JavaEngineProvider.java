package dev.ocp.engine.java;

import dev.ocp.Capability;
import dev.ocp.Syntax;
import dev.ocp.OcpEngine;
import dev.ocp.spi.Availability;
import dev.ocp.spi.EngineBackend;
import dev.ocp.EngineConfig;
import dev.ocp.spi.OcpEngineProvider;
import dev.ocp.spi.StandardEngine;

import java.util.EnumSet;
import java.util.Set;

/**
 * The pure-Java engine: runs everywhere, the reference every other engine is checked against. Payloads live
 * in pooled heap arrays, counted like native memory.
 */
public final class JavaEngineProvider implements OcpEngineProvider {
    /** The engine's name. */
    public static final String NAME = "java";

    /** Creates the provider (as {@link java.util.ServiceLoader} does). */
    public JavaEngineProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.ARENAS);
    }

    /** Every dialect and extension: the one parser behind every engine reads them all. */
    @Override
    public Syntax syntax() {
        return Syntax.ALL;
    }

    /** The engine's backend, for the default engine, which parses some documents with it. */
    @Override
    public EngineBackend backend(long memoryLimitBytes) {
        return new JavaBackend(memoryLimitBytes);
    }

    @Override
    public OcpEngine create(EngineConfig config) {
        return new StandardEngine(NAME, capabilities(), syntax(), new JavaBackend(config.memoryLimitBytes()), config);
    }
}
