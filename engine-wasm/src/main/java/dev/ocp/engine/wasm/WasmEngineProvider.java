package dev.ocp.engine.wasm;

import dev.ocp.Capability;
import dev.ocp.Syntax;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.spi.Availability;
import dev.ocp.EngineConfig;
import dev.ocp.spi.OcpEngineProvider;

import java.util.EnumSet;
import java.util.Set;

/**
 * The wasm engine: the OCP C core compiled to wasm32, run inside the JVM by Chicory as JVM bytecode compiled
 * from the module when this engine was built. No native code is loaded and no native-access flag is needed;
 * the core cannot reach outside its linear memory.
 *
 * <p>Payloads stay in the linear memory of the instance that parsed them, a Java byte array, and {@code bytes()}
 * views them there without a copy. They live on the Java heap, so the engine does not claim
 * {@link Capability#OFF_HEAP}; views are plain buffers, so it does not offer {@link Capability#SCOPED_VIEWS}
 * either: a view kept past {@code close()} reads memory the module may reuse. Arenas are the C core's
 * ({@link Capability#ARENAS}): bump allocation, O(1) reset.
 *
 * <p>System properties: {@code ocp.wasm.machine} ({@code compiled}, the default, or {@code interpreter}) and
 * {@code ocp.wasm.instances} (most instances per engine, so most parses at once; default the number of
 * processors). This class does not touch Chicory, so that it loads, and reports why, even without it.
 */
public final class WasmEngineProvider implements OcpEngineProvider {
    /** The engine's name. */
    public static final String NAME = "wasm";

    /** Creates the provider (as {@link java.util.ServiceLoader} does). */
    public WasmEngineProvider() {
    }

    /** Probed once: the first call loads and instantiates the module, every later one reports the same outcome. */
    private static final class Probe {
        static final Availability AVAILABILITY = probe();

        private static Availability probe() {
            String failure;
            try {
                failure = WasmSupport.probe();
            } catch (LinkageError e) {
                // The provider's own classes could not link to Chicory's (OcpWasm says the same more gently).
                failure = "Chicory (com.dylibso.chicory:runtime) could not be loaded: " + e;
            } catch (RuntimeException e) {
                failure = e.toString();
            }
            return failure == null ? Availability.AVAILABLE
                    : Availability.unavailable("the wasm engine cannot run here: " + failure);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Last (5): the same core runs faster natively (ffm 30, jna 20), and the pure-Java engine (10) is faster
     * than this one at every document size (bench/results/REPORT.md: about 0.6x its throughput on progit, 4x
     * its time per small document). Choose it by name where its sandbox is the point.
     */
    @Override
    public int priority() {
        return 5;
    }

    @Override
    public Availability availability() {
        return Probe.AVAILABILITY;
    }

    /**
     * {@link Capability#ARENAS} only: linear memory is a Java array, so payloads live on the Java heap (not
     * {@code OFF_HEAP}), and views are plain buffers a closed document cannot revoke (not {@code SCOPED_VIEWS}).
     */
    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.ARENAS);
    }

    /** Every dialect and extension: the one parser behind every engine reads them all. */
    @Override
    public Syntax syntax() {
        return Syntax.C_CORE;
    }

    @Override
    public OcpEngine create(EngineConfig config) {
        Availability availability = availability();
        if (!availability.available()) {
            throw new OcpException(OcpException.Code.ENGINE_UNAVAILABLE, availability.reason());
        }
        return WasmSupport.create(NAME, capabilities(), config);
    }
}
