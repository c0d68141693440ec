package dev.ocp.engine.ffm;

import dev.ocp.Ocp;
import dev.ocp.natives.NativeLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The provider is compiled for 17 while the engine is compiled for 22: on a JDK 17 the provider must load
 * through ServiceLoader and say why it cannot run, and discovery must carry on. Runs the engine's classes
 * on an installed JDK 17 ({@code -Docp.test.jdk17=HOME}, else the usual Debian/Ubuntu location); skipped
 * with the reason when there is none.
 */
class OldJdkProviderTest {
    private static final String PROBE = """
            public class Probe {
                public static void main(String[] args) {
                    for (dev.ocp.ProviderInfo p : dev.ocp.Ocp.providers()) {
                        System.out.println(p.name() + "|" + p.available() + "|" + p.reason());
                    }
                }
            }
            """;

    @Test
    void onJdk17TheProviderLoadsAndSaysItNeeds22(@TempDir Path dir) throws Exception {
        Path home = Path.of(System.getProperty("ocp.test.jdk17", "/usr/lib/jvm/java-17-openjdk-amd64"));
        Path java = home.resolve("bin").resolve("java");
        assumeTrue(Files.isExecutable(java), "no JDK 17 at " + home + " (set -Docp.test.jdk17=HOME to run this check)");
        Path probe = dir.resolve("Probe.java");
        Files.writeString(probe, PROBE);
        String classPath = String.join(File.pathSeparator, location(Ocp.class), location(NativeLibrary.class),
                location(FfmEngineProvider.class));
        Process p = new ProcessBuilder(java.toString(), "-cp", classPath, probe.toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the JDK 17 probe did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> "the probe failed on JDK 17:\n" + out);
        List<String> lines = out.lines().filter(l -> l.startsWith("ffm|")).toList();
        assertEquals(1, lines.size(), () -> "discovery on JDK 17 lists the ffm provider once:\n" + out);
        assertTrue(lines.get(0).startsWith("ffm|false|needs JDK 22 or later; this is JDK 17"), lines.get(0));
    }

    private static String location(Class<?> c) throws URISyntaxException, IOException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toRealPath().toString();
    }
}
