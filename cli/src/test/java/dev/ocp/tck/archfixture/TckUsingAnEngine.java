package dev.ocp.tck.archfixture;

import dev.ocp.engine.java.JavaEngineProvider;

/** Violates "the tck depends on the api and JUnit only": it names an engine instead of using the SPI. */
public final class TckUsingAnEngine {
    public String engine() {
        return new JavaEngineProvider().name();
    }
}
