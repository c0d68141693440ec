package dev.ocp.engine.wasm;

import dev.ocp.OcpEngine;
import dev.ocp.EngineConfig;
import dev.ocp.tck.OcpTck;

/** The whole kit against the wasm engine. */
class WasmEngineTckTest extends OcpTck {
    @Override
    protected OcpEngine createEngine(EngineConfig config) {
        return new WasmEngineProvider().create(config);
    }
}
