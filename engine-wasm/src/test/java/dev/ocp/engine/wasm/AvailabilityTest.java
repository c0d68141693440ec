package dev.ocp.engine.wasm;

import dev.ocp.OcpException;
import dev.ocp.spi.Availability;
import dev.ocp.EngineConfig;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the engine cannot run, the provider says why and never throws; creating an engine then fails with
 * ENGINE_UNAVAILABLE. The module is loaded once per JVM, so each case runs in a JVM of its own.
 */
class AvailabilityTest {

    private static String probe(List<String> jvmOptions, String classPath) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, Probe.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void withoutChicoryTheEngineIsUnavailableWithTheReason() throws Exception {
        String classPath = System.getProperty("java.class.path");
        String withoutChicory = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.contains("chicory"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(withoutChicory.length() < classPath.length(), "Chicory was on the class path to take away");
        String out = probe(List.of(), withoutChicory);
        assertTrue(out.contains("available=false"), out);
        assertTrue(out.contains("reason=the wasm engine cannot run here: Chicory (com.dylibso.chicory:runtime) could "
                + "not be loaded"), out);
        assertTrue(out.contains("same=true"), "the outcome is captured once: " + out);
        assertTrue(out.contains("create=ENGINE_UNAVAILABLE"), out);
    }

    @Test
    void anUnknownMachineIsNamedInTheReason() throws Exception {
        String out = probe(List.of("-D" + OcpWasm.MACHINE_PROPERTY + "=jit"), System.getProperty("java.class.path"));
        assertTrue(out.contains("available=false"), out);
        assertTrue(out.contains("-Docp.wasm.machine=jit names no machine"), out);
        assertTrue(out.contains("create=ENGINE_UNAVAILABLE"), out);
    }

    @Test
    void theInterpreterIsAvailableWhenAskedFor() throws Exception {
        String out = probe(List.of("-D" + OcpWasm.MACHINE_PROPERTY + "=interpreter"),
                System.getProperty("java.class.path"));
        assertTrue(out.contains("available=true"), out);
        assertTrue(out.contains("create=ok"), out);
        assertTrue(out.contains("machine=Chicory's interpreter"), out);
    }

    /** Run in the child JVM: prints what the provider says. */
    static final class Probe {
        private Probe() {
        }

        public static void main(String[] args) {
            WasmEngineProvider provider = new WasmEngineProvider();
            Availability a = provider.availability();
            System.out.println("available=" + a.available());
            System.out.println("reason=" + a.reason());
            System.out.println("same=" + (a == provider.availability()));
            try {
                provider.create(EngineConfig.defaults()).close();
                System.out.println("create=ok");
                System.out.println("machine=" + OcpWasm.get().machineName);
            } catch (OcpException e) {
                System.out.println("create=" + e.code());
            }
        }
    }
}
