package dev.ocp.engine.archfixture;

import com.sun.jna.ArchFixtureStub;

/** Violates "only dev.ocp.engine.jna uses com.sun.jna". */
public final class EngineUsingJna {
    public int peek() {
        return ArchFixtureStub.peek();
    }
}
