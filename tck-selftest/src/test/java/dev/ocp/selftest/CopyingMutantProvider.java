package dev.ocp.selftest;

import dev.ocp.Capability;
import dev.ocp.OcpEngine;
import dev.ocp.spi.Availability;
import dev.ocp.EngineConfig;
import dev.ocp.spi.OcpEngineProvider;

import java.util.Set;

/**
 * The copying mutant as a provider ({@code META-INF/services} of this module's tests), so that
 * {@link dev.ocp.tck.TckRunner} can be seen reporting failures of an engine it finds by name. Its priority is
 * the lowest, so nothing picks it by accident.
 */
public final class CopyingMutantProvider implements OcpEngineProvider {
    /** The name to run it by. */
    public static final String NAME = "mutant-copy";

    /** Created by {@link java.util.ServiceLoader}. */
    public CopyingMutantProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE + 1;
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.ARENAS);
    }

    @Override
    public OcpEngine create(EngineConfig config) {
        return MutantEngine.create(Mutation.COPY, config);
    }
}
