package dev.ocp.all;

import dev.ocp.EngineConfig;
import dev.ocp.Ocp;
import dev.ocp.OcpEngine;
import dev.ocp.tck.OcpTck;

/**
 * The whole kit against the default engine, {@code auto}: the pure-Java parser for small documents and a native
 * engine ({@code ffm}, or {@code jna} on JDK 17 to 21) for the others, behind one engine that must keep every promise
 * either keeps alone.
 */
class AutoEngineTckTest extends OcpTck {
    @Override
    protected OcpEngine createEngine(EngineConfig config) {
        return Ocp.engine("auto", config);
    }
}
