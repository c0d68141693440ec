package dev.ocp.engine.ffm;

import dev.ocp.OcpEngine;
import dev.ocp.EngineConfig;
import dev.ocp.tck.OcpTck;

class FfmEngineTckTest extends OcpTck {
    @Override
    protected OcpEngine createEngine(EngineConfig config) {
        return new FfmEngineProvider().create(config);
    }
}
