package dev.ocp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    /**
     * The ffm engine makes each downcall handle when first called: a handle spins a stub class, 10-15 ms each at
     * start-up (stubs are shared by signature: the twelve bound at once made 9, and a call of the format version at
     * discovery one more), and {@code ocp html} calls 4 of the 12 (create, parse, free, destroy).
     */
    @Test
    void theFfmEngineBindsOnlyTheDowncallsACommandCalls() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "the ffm engine needs JDK 22");
        long stubs = downcallStubs(classesLoaded("html", "--engine", "ffm"));
        assertTrue(stubs >= 1 && stubs <= 4, stubs + " downcall stubs (all twelve bound at once: 9 stubs)");
    }

    /**
     * The default engine ({@code auto} where a native engine runs) parses a small page with the java engine: it reads
     * the library's format version as data and makes its native backend on the first large document, so the page
     * costs no downcall handle at all (the first builds FFM's linker: tens of milliseconds).
     */
    @Test
    void theDefaultEngineCallsNoNativeCodeForASmallPage() throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "auto routes to ffm from JDK 22 on (to jna before)");
        String classes = classesLoaded("html");
        assumeTrue(classes.contains("dev.ocp.engine.ffm.Natives "), "the default engine is not auto over ffm here (a"
                + " build without a C compiler has no native library)");
        assertEquals(0, downcallStubs(classes), "downcall stubs");
    }

    private static long downcallStubs(String classesLoaded) {
        return classesLoaded.lines().filter(line -> line.contains("jdk.internal.foreign.abi.DowncallStub")).count();
    }

    /**
     * picocli's released class files are Java 5's (version 49), which neither a class-data archive nor an AOT cache
     * keeps: the cli module compiles picocli from its sources, and those classes must be the ones found.
     */
    @Test
    void picocliIsAClassFileTheArchivesKeep() throws IOException {
        try (InputStream in = picocli.CommandLine.class.getResourceAsStream("CommandLine.class")) {
            byte[] header = in.readNBytes(8);
            int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
            assertEquals(61, major, "picocli.CommandLine is a Java " + (major - 44) + " class file, from "
                    + picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation());
        }
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
