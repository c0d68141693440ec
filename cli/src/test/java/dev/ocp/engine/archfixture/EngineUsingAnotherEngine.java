package dev.ocp.engine.archfixture;

import dev.ocp.engine.java.JavaEngineProvider;

/** Violates "an engine never depends on another engine": engine "archfixture" uses engine "java". */
public final class EngineUsingAnotherEngine {
    public int borrowedPriority() {
        return new JavaEngineProvider().priority();
    }
}
