package dev.ocp.all;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ProviderInfo;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user gets from the one dependency {@code dev.ocp:ocp} (this module's class path is exactly that): every
 * engine, the fastest chosen by {@link Ocp#engine()}. (That the BOM names every published artifact is cli's
 * PublishingTest.)
 */
class EveryEngineTest {
    @Test
    void everyEngineIsThereAndTheDefaultIsTheFastestThatRuns() {
        Set<String> names = Ocp.providers().stream().map(ProviderInfo::name).collect(Collectors.toSet());
        assertEquals(Set.of("ffm", "jna", "java", "wasm"), names);
        boolean ffmRuns = Runtime.version().feature() >= 22;
        for (ProviderInfo p : Ocp.providers()) {
            assertTrue(p.available() || p.name().equals("ffm") && !ffmRuns, () -> p.name() + ": " + p.reason());
        }
        try (OcpEngine engine = Ocp.engine(); OcpDocument doc = engine.parse("# Hi\n")) {
            assertEquals(ffmRuns ? "ffm" : "jna", engine.name());
            assertEquals("<h1>Hi</h1>\n", doc.toHtml());
        }
    }
}
