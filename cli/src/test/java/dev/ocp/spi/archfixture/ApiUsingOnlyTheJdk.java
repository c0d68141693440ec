package dev.ocp.spi.archfixture;

import dev.ocp.Dialect;

import java.util.List;

/** Keeps "api depends on nothing but the JDK": api and java.* only. */
public final class ApiUsingOnlyTheJdk {
    public List<Dialect> dialects(byte[] unused) {
        return List.of(Dialect.values());
    }
}
