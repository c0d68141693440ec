package dev.ocp.engine.archfixture;

import com.dylibso.chicory.ArchFixtureStub;

/** Violates "only dev.ocp.engine.wasm uses com.dylibso.chicory". */
public final class EngineUsingChicory {
    public int instantiate() {
        return ArchFixtureStub.instantiate();
    }
}
