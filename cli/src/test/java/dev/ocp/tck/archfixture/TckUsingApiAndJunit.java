package dev.ocp.tck.archfixture;

import dev.ocp.Ocp;
import org.junit.jupiter.api.Assertions;

/** Keeps "the tck depends on the api and JUnit only": finds engines through the SPI. */
public final class TckUsingApiAndJunit {
    public void someEngineExists() {
        Assertions.assertFalse(Ocp.providers().isEmpty());
    }
}
