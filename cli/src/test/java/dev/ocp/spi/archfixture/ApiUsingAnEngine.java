package dev.ocp.spi.archfixture;

import dev.ocp.engine.java.JavaEngineProvider;

/** Violates "api depends on nothing but the JDK": an api package reaching into an engine. */
public final class ApiUsingAnEngine {
    public String engineName() {
        return new JavaEngineProvider().name();
    }
}
