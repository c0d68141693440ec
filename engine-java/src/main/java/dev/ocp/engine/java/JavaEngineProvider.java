package dev.ocp.engine.java;

import dev.ocp.Capability;
import dev.ocp.OcpEngine;
import dev.ocp.spi.Availability;
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
        return EnumSet.of(Capability.ARENAS, Capability.GFM, Capability.FRONTMATTER, Capability.MATH, Capability.MDX);
    }

    @Override
    public OcpEngine create(EngineConfig config) {
        return new StandardEngine(NAME, capabilities(), new JavaBackend(config.memoryLimitBytes()), config);
    }
}
