package dev.ocp.engine.jna;

import dev.ocp.OcpEngine;
import dev.ocp.EngineConfig;
import dev.ocp.tck.OcpTck;

/** The whole kit against the jna engine. */
class JnaEngineTckTest extends OcpTck {
    @Override
    protected OcpEngine createEngine(EngineConfig config) {
        return new JnaEngineProvider().create(config);
    }
}
