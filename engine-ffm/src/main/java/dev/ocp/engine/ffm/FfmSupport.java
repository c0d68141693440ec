package dev.ocp.engine.ffm;

import dev.ocp.Capability;
import dev.ocp.OcpEngine;
import dev.ocp.spi.Availability;
import dev.ocp.spi.EngineBackend;
import dev.ocp.EngineConfig;
import dev.ocp.spi.StandardEngine;

import java.util.Set;

/**
 * The door from {@link FfmEngineProvider} (compiled for 17) into the classes compiled for 22. Its signatures
 * name API types only, so that the provider links against it without loading anything of java.lang.foreign
 * until the JDK is known to be new enough.
 */
final class FfmSupport {
    private FfmSupport() {
    }

    static Availability availability() {
        return Natives.availability();
    }

    static OcpEngine create(String name, Set<Capability> capabilities, boolean scopedViews, EngineConfig config) {
        Lifetime lifetime = scopedViews ? Lifetime.SHARED : Lifetime.MANUAL;
        return new StandardEngine(name, capabilities, dev.ocp.Syntax.C_CORE, new FfmBackend(config.memoryLimitBytes(), lifetime),
                config);
    }

    /** A backend whose documents are freed at close, as the engine's are unless its views are scoped. */
    static EngineBackend backend(long memoryLimitBytes) {
        return new FfmBackend(memoryLimitBytes, Lifetime.MANUAL);
    }
}
