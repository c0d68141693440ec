package dev.ocp.engine.archfixture;

import dev.ocp.tck.SpecExample;

/** Violates "an engine depends on the api (and its binding) only": main code of an engine using the TCK. */
public final class EngineUsingTheTck {
    public String section(SpecExample example) {
        return example.section();
    }
}
