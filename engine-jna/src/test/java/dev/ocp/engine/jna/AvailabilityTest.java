package dev.ocp.engine.jna;

import dev.ocp.Ocp;
import dev.ocp.OcpException;
import dev.ocp.ProviderInfo;
import dev.ocp.spi.Availability;
import dev.ocp.EngineConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Without a usable library the provider is unavailable with the reason, never throws, and creating an engine
 * fails with ENGINE_UNAVAILABLE. The library is bound once per JVM, so the case without one runs in a JVM
 * of its own, started with {@code -Docp.native.path} naming a file that is no library.
 */
class AvailabilityTest {

    @Test
    void foundThroughTheSpiAndAvailableHere() {
        ProviderInfo info = Ocp.providers().stream().filter(p -> p.name().equals(JnaEngineProvider.NAME)).findFirst()
                .orElseThrow(() -> new AssertionError("no jna provider among " + Ocp.providers()));
        assertTrue(info.available(), info::reason);
    }

    @Test
    void aBrokenLibraryMakesTheEngineUnavailableWithTheReason() throws IOException, InterruptedException {
        Path notALibrary = Path.of("pom.xml").toAbsolutePath();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-Docp.native.path=" + notALibrary, "-cp", System.getProperty("java.class.path"),
                Probe.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM finished");
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("available=false"), out);
        assertTrue(out.contains("reason=the jna engine cannot run here: binding libocp"), out);
        assertTrue(out.contains(notALibrary.toString()), "the reason names the file: " + out);
        assertTrue(out.contains("same=true"), "the outcome is captured once: " + out);
        assertTrue(out.contains("create=ENGINE_UNAVAILABLE"), out);
    }

    /** Run in the child JVM: prints what the provider says. */
    static final class Probe {
        private Probe() {
        }

        public static void main(String[] args) {
            JnaEngineProvider provider = new JnaEngineProvider();
            Availability a = provider.availability();
            System.out.println("available=" + a.available());
            System.out.println("reason=" + a.reason());
            System.out.println("same=" + (a == provider.availability()));
            try {
                provider.create(EngineConfig.defaults()).close();
                System.out.println("create=ok");
            } catch (OcpException e) {
                System.out.println("create=" + e.code());
            }
        }
    }
}
