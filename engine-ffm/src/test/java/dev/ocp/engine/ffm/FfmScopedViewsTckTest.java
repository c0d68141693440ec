package dev.ocp.engine.ffm;

import dev.ocp.OcpEngine;
import dev.ocp.EngineConfig;
import dev.ocp.tck.OcpTck;

/** The whole kit again over the ffm engine with scoped views ({@code -Docp.ffm.scopedViews=true}). */
class FfmScopedViewsTckTest extends OcpTck {
    @Override
    protected OcpEngine createEngine(EngineConfig config) {
        return new FfmEngineProvider(true).create(config);
    }
}
