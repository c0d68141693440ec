package dev.ocp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command prepares only the engine it uses: {@code ocp html --engine java} in a fresh JVM loads no class of JNA or
 * of Chicory (the wasm engine's runtime), and the default engine none of Chicory. Before, discovery probed every
 * engine, which was most of the command's start-up.
 */
class StartupTest {
    @TempDir
    Path dir;

    @Test
    void aNamedEngineLoadsNoOtherEnginesRuntime() throws Exception {
        String classes = classesLoaded("html", "--engine", "java");
        assertTrue(classes.contains("dev.ocp.engine.java.JavaEngineProvider"), "the log lists the classes loaded");
        assertFalse(classes.contains("com.dylibso.chicory."), "no Chicory class for --engine java");
        assertFalse(classes.contains("com.sun.jna."), "no JNA class for --engine java");
        assertFalse(classes.contains("java.lang.foreign.Linker"), "no foreign linker for --engine java");

        String wasm = classesLoaded("html", "--engine", "wasm");
        assertTrue(wasm.contains("com.dylibso.chicory."), "the wasm engine does load Chicory");
        assertFalse(wasm.contains("com.sun.jna."), "no JNA class for --engine wasm");
    }

    @Test
    void theDefaultEngineLoadsNoWasmRuntime() throws Exception {
        String classes = classesLoaded("html");
        assertFalse(classes.contains("com.dylibso.chicory."), "the default engine never uses wasm");
    }

    /** @return the class-load log of a child JVM running {@code ocp ARGS} on a small file */
    private String classesLoaded(String... args) throws IOException, InterruptedException {
        Path page = Files.writeString(dir.resolve("page.md"), "# Hi\n\nSome *text*.\n");
        Path log = dir.resolve("classes-" + System.nanoTime() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        command.add(page.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, child.exitValue(), out);
        assertEquals("<h1>Hi</h1>\n<p>Some <em>text</em>.</p>\n", out);
        return Files.readString(log);
    }
}
