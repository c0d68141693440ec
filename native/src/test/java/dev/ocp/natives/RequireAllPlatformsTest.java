package dev.ocp.natives;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A release must not ship a jar that lacks a platform's library because a cross compiler was missing:
 * build-host.sh, given {@code OCP_NATIVE_REQUIRE_ALL=true} ({@code -Docp.native.requireAll}, set by
 * {@code -P release}), fails then, and without it records the reason in the index and succeeds. The missing
 * compiler is simulated by giving make another CROSS table on its command line (through MAKEFLAGS); this
 * machine's library is the one the build already made in target/c, so make only checks its exports again.
 */
class RequireAllPlatformsTest {

    @TempDir
    Path classes;

    @Test
    void aMissingCrossCompilerFailsARequireAllBuildAndIsRecordedOtherwise() throws Exception {
        String platform = NativeLibrary.platformOf(System.getProperty("os.name"), System.getProperty("os.arch"));
        try (InputStream in = NativeLibrary.class.getClassLoader().getResourceAsStream("dev/ocp/natives/index.txt")) {
            assumeTrue(in != null && new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .contains(platform + "\t" + NativeLibrary.libraryName(platform)),
                    "this build made no library for " + platform + ", so the script cannot build one either");
        }
        String missing = "linux-aarch64".equals(platform) ? "windows-x86_64" : "linux-aarch64";
        String cross = "CROSS=" + missing + "=no-such-cross-gcc";

        Result strict = run(cross, "true");
        assertEquals(1, strict.exitCode, strict.output);
        assertTrue(strict.output.contains("missing: " + missing), strict.output);
        String why = missing + "\t-\tits cross compiler no-such-cross-gcc was not installed when it was built";
        assertTrue(index().contains(why), index());

        Result lenient = run(cross, "false");
        assertEquals(0, lenient.exitCode, lenient.output);
        assertTrue(lenient.output.contains("native: no library for " + missing), lenient.output);
        assertEquals(platform + "\t" + NativeLibrary.libraryName(platform) + "\n" + why + "\n", index());
        assertTrue(Files.isRegularFile(classes.resolve("dev/ocp/natives/" + platform + "/"
                + NativeLibrary.libraryName(platform))));
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(String makeVariables, String requireAll) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "build-host.sh", "lib", classes.toString(),
                Path.of("target", "c").toAbsolutePath().toString()).redirectErrorStream(true);
        pb.environment().put("MAKEFLAGS", makeVariables);
        pb.environment().put("OCP_NATIVE_REQUIRE_ALL", requireAll);
        pb.environment().remove("OCP_NATIVE_SKIP");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "build-host.sh did not finish");
        return new Result(p.exitValue(), output);
    }

    private String index() throws IOException {
        return Files.readString(classes.resolve("dev/ocp/natives/index.txt"));
    }
}
