package dev.ocp.engine.java;

import dev.ocp.OcpEngine;
import dev.ocp.EngineConfig;
import dev.ocp.tck.OcpTck;

class JavaEngineTckTest extends OcpTck {
    @Override
    protected OcpEngine createEngine(EngineConfig config) {
        return new JavaEngineProvider().create(config);
    }
}
