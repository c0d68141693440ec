package dev.ocp.spi;

import dev.ocp.Capability;
import dev.ocp.OcpEngine;

import java.util.Set;

/**
 * The service-provider interface of an engine, found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.ocp.spi.OcpEngineProvider}. A provider must be cheap to construct and must
 * not fail in its constructor: problems (a missing native library, a too-old JDK) belong in
 * {@link #availability()}, so that discovery can report them and carry on with the other providers.
 */
public interface OcpEngineProvider {

    /** @return a short lower-case name, unique among providers ({@code java}, {@code ffm}, ...) */
    String name();

    /** @return preference when no engine is named: the available provider with the highest wins */
    int priority();

    /** @return whether engines can be created here, and if not, why */
    Availability availability();

    /** @return what engines of this provider promise */
    Set<Capability> capabilities();

    /**
     * Creates an engine. Only called when {@link #availability()} says it is available.
     *
     * @param config memory limit, leak detection and listeners
     * @return a new engine the caller owns and must close
     */
    OcpEngine create(EngineConfig config);
}
