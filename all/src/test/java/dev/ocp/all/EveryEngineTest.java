package dev.ocp.all;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ProviderInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user gets from the one dependency {@code dev.ocp:ocp} (this module's class path is exactly that): every
 * engine, the fastest chosen by {@link Ocp#engine()}; and the BOM names every published artifact.
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

    @Test
    void theBomManagesEveryPublishedArtifact() throws Exception {
        String bom = Files.readString(Path.of("..", "bom", "pom.xml"));
        Set<String> managed = new TreeSet<>();
        Matcher m = Pattern.compile("<artifactId>(ocp[^<]*)</artifactId>").matcher(
                bom.substring(bom.indexOf("<dependencyManagement>")));
        while (m.find()) {
            managed.add(m.group(1));
        }
        assertEquals(new TreeSet<>(Set.of("ocp", "ocp-api", "ocp-engine-java", "ocp-engine-ffm", "ocp-engine-jna",
                "ocp-engine-wasm", "ocp-native", "ocp-spark", "ocp-tck")), managed);
        // Each managed artifact is a module of this build.
        String parent = Files.readString(Path.of("..", "pom.xml"));
        for (String artifact : managed) {
            boolean built = false;
            Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
            while (module.find()) {
                String pom = Files.readString(Path.of("..", module.group(1), "pom.xml"));
                built |= pom.matches("(?s).*</parent>\\s*<artifactId>" + Pattern.quote(artifact) + "</artifactId>.*");
            }
            assertTrue(built, artifact + " is managed by the BOM but built by no module");
        }
    }
}
