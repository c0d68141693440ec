package dev.ocp.spi;

import dev.ocp.EngineConfig;
import dev.ocp.Capability;
import dev.ocp.OcpEngine;
import dev.ocp.Syntax;

import java.util.Set;

/**
 * The service-provider interface of an engine, found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.ocp.spi.OcpEngineProvider}. A provider must be cheap to construct and must
 * not fail in its constructor: problems (a missing native library, a too-old JDK) belong in
 * {@link #availability()}, so that discovery can report them and carry on with the other providers.
 */
public interface OcpEngineProvider {

    /**
     * The name users choose the engine by, in {@link dev.ocp.Ocp#engine(String)} and {@code -Docp.engine}.
     *
     * @return a short lower-case name, unique among providers ({@code java}, {@code ffm}, ...)
     */
    String name();

    /**
     * How much this provider is preferred when no engine is named.
     *
     * @return preference when no engine is named: the available provider with the highest wins
     */
    int priority();

    /**
     * Whether engines can be created here. Must not throw; a failure belongs in the reason.
     *
     * @return whether engines can be created here, and if not, why
     */
    Availability availability();

    /**
     * The capabilities of the engines this provider creates.
     *
     * @return what engines of this provider promise
     */
    Set<Capability> capabilities();

    /**
     * The syntax the provider's engines parse, known before one is made ({@link dev.ocp.ProviderInfo#syntax()}).
     *
     * @return the dialects and extensions; CommonMark alone unless overridden
     */
    default Syntax syntax() {
        return Syntax.COMMONMARK;
    }

    /**
     * A backend of this provider's parser, for the engine that {@link dev.ocp.Ocp#engine()} makes by default,
     * {@code auto}: it parses documents below a size with the pure-Java engine's backend, which costs least per call,
     * and the others with the fastest native engine's, so that the default is the fastest engine at every size. Only
     * called when {@link #availability()} says it is available.
     *
     * @param memoryLimitBytes the most bytes the backend may hold: its part of the routing engine's limit
     * @return a new backend the caller closes, or {@code null} (the default) when this provider's engines take no
     *         part in routing
     */
    default EngineBackend backend(long memoryLimitBytes) {
        return null;
    }

    /**
     * Creates an engine. Only called when {@link #availability()} says it is available.
     *
     * @param config memory limit, leak detection and listeners
     * @return a new engine the caller owns and must close
     */
    OcpEngine create(EngineConfig config);
}
