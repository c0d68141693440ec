package dev.ocp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ocp markdown --write}: it rewrites exactly the files {@code --check} names, after which {@code --check}
 * passes; it leaves a file that does not parse as it was and names the place; and a process killed while writing
 * leaves every file whole, old or new.
 */
class MarkdownWriteTest {
    private static final String NOT_NORMALIZED = "Title\n=====\n\n- - -\n\nText.\n";
    private static final String NORMALIZED = "Title\n===\n\n---\n\nText.\n";

    @TempDir
    Path dir;

    @Test
    void rewritesExactlyTheFilesCheckNamesAndCheckThenPasses() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs/sub"));
        Path a = Files.writeString(dir.resolve("docs/a.md"), NOT_NORMALIZED);
        Path b = Files.writeString(docs.resolve("b.md"), NORMALIZED);
        Path c = Files.writeString(docs.resolve("c.markdown"), "* x\n* y\n\n\n\nEnd   \n");
        Path page = Files.writeString(docs.resolve("page.mdx"), "# Hi <X y=\"1\" />\n\n{1 + 1}\n");
        Files.setPosixFilePermissions(a, PosixFilePermissions.fromString("rw-rw-r--"));
        byte[] untouched = Files.readAllBytes(b);

        Run check = Run.installed("markdown", "--check", dir.resolve("docs").toString());
        assertEquals(1, check.status(), check.toString());
        List<String> named = lines(check.out());

        Run write = Run.installed("markdown", "--write", dir.resolve("docs").toString());
        assertEquals(0, write.status(), write.toString());
        assertEquals(named, lines(write.out()), "--write rewrites what --check names, and says so");
        assertTrue(named.contains(a.toString()) && named.contains(c.toString()), check.toString());
        assertTrue(write.err().contains("rewrote " + named.size() + " of 4 files"), write.err());

        assertEquals(NORMALIZED, Files.readString(a));
        assertArrayEquals(untouched, Files.readAllBytes(b), "a normalized file is not rewritten");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ),
                Files.getPosixFilePermissions(a), "the rewritten file keeps its permissions");
        for (Path p : List.of(a, c, page)) {
            Run alone = Run.installed("markdown", p.toString());
            assertEquals(Files.readString(p), alone.out(), "each file is now what 'ocp markdown FILE' writes");
        }
        Run again = Run.installed("markdown", "--check", dir.resolve("docs").toString());
        assertEquals(0, again.status(), again.toString());
        assertEquals("", again.out());
        assertEquals(List.of(), leftovers(dir), "no temporary file is left behind");
    }

    @Test
    void refusesAFileThatDoesNotParseNamingThePlaceAndWritesTheOthers() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.mdx"), "# Hi\n\n<X y={\n");
        Path fine = Files.writeString(dir.resolve("fine.md"), NOT_NORMALIZED);
        Run write = Run.installed("markdown", "--write", broken.toString(), fine.toString());
        assertEquals(1, write.status(), write.toString());
        assertTrue(write.err().contains(broken + ":4:1: "), "the place: " + write.err());
        assertEquals("# Hi\n\n<X y={\n", Files.readString(broken), "left as it was");
        assertEquals(NORMALIZED, Files.readString(fine));
        assertEquals(fine + "\n", write.out());
    }

    @Test
    void standardInputAndCheckWithWriteAreUsageErrors() {
        Run stdin = Run.of(Catalog.installed(), NOT_NORMALIZED, "markdown", "--write", "-");
        assertEquals(2, stdin.status(), stdin.toString());
        assertTrue(stdin.err().contains("standard input"), stdin.err());
        Run both = Run.installed("markdown", "--write", "--check", dir.toString());
        assertEquals(2, both.status(), both.toString());
        Run none = Run.installed("markdown", "--write");
        assertEquals(2, none.status(), none.toString());
        assertTrue(none.err().contains("--write needs the files"), none.err());
    }

    /**
     * A child JVM rewrites a few hundred large files and is killed (SIGKILL) as soon as the first has been replaced:
     * every file is then either byte for byte the old one or byte for byte the new one.
     */
    @Test
    void aProcessKilledWhileWritingLeavesEveryFileWhole() throws Exception {
        StringBuilder block = new StringBuilder();
        for (int i = 0; block.length() < 200_000; i++) {
            block.append("Section ").append(i).append("\n=====\n\n- - -\n\nSome *text* in a paragraph, ")
                    .append("long enough to take a while.\n\n");
        }
        byte[] old = block.toString().getBytes(StandardCharsets.UTF_8);
        Path first = Files.write(dir.resolve("f000.md"), old);
        Run expected = Run.installed("markdown", "--engine", "java", first.toString());
        assertEquals(0, expected.status(), expected.toString());
        byte[] rewritten = expected.outBytes();
        List<Path> files = new ArrayList<>(List.of(first));
        for (int i = 1; i < 300; i++) {
            files.add(Files.write(dir.resolve(String.format("f%03d.md", i)), old));
        }

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "markdown", "--write", "--engine", "java", dir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            // Kill it as soon as one file is new: it is then in the middle of the run.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (child.isAlive() && System.nanoTime() < deadline && !anyReplaced(files, old.length)) {
                Thread.onSpinWait();
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(1, TimeUnit.MINUTES);
        }

        int oldOnes = 0;
        int newOnes = 0;
        for (Path f : files) {
            byte[] now = Files.readAllBytes(f);
            if (Arrays.equals(now, old)) {
                oldOnes++;
            } else if (Arrays.equals(now, rewritten)) {
                newOnes++;
            } else {
                throw new AssertionError(f + " is neither the old file nor the new one: " + now.length + " bytes");
            }
        }
        assertTrue(newOnes > 0, "the child replaced some files before it was killed");
        assertTrue(oldOnes > 0, "the child was killed in the middle of the run (it had rewritten " + newOnes + ")");
    }

    private static boolean anyReplaced(List<Path> files, long oldSize) {
        for (Path f : files) {
            File file = f.toFile();
            long size = file.length();
            if (size != 0 && size != oldSize) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lines(String out) {
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    private static List<Path> leftovers(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> p.getFileName().toString().endsWith(AtomicFile.TEMPORARY_SUFFIX)).toList();
        }
    }
}
