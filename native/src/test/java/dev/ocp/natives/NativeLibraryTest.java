package dev.ocp.natives;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NativeLibraryTest {

    @TempDir
    Path tmp;

    @Test
    void platformNamesFollowTheJarsFolders() {
        assertEquals("linux-x86_64", NativeLibrary.platformOf("Linux", "amd64"));
        assertEquals("linux-x86_64", NativeLibrary.platformOf("Linux", "x86_64"));
        assertEquals("linux-aarch64", NativeLibrary.platformOf("Linux", "aarch64"));
        assertEquals("macos-aarch64", NativeLibrary.platformOf("Mac OS X", "aarch64"));
        assertEquals("macos-x86_64", NativeLibrary.platformOf("Mac OS X", "x86_64"));
        assertEquals("windows-x86_64", NativeLibrary.platformOf("Windows 11", "amd64"));
        assertEquals("freebsd-riscv64", NativeLibrary.platformOf("FreeBSD", "riscv64"));
        assertEquals("libocp.so", NativeLibrary.libraryName("linux-x86_64"));
        assertEquals("libocp.dylib", NativeLibrary.libraryName("macos-aarch64"));
        assertEquals("ocp.dll", NativeLibrary.libraryName("windows-x86_64"));
    }

    @Test
    void theOverrideWinsAndMayNameAFolder() throws IOException {
        Path lib = Files.write(tmp.resolve("libocp.so"), new byte[] {1, 2, 3});
        NativeLibrary byFile = NativeLibrary.probe(lib.toString(), "linux-x86_64", emptyLoader(), tmp);
        assertTrue(byFile.available());
        assertEquals(lib.toAbsolutePath(), byFile.path());
        assertEquals("", byFile.reason());
        assertEquals("-Docp.native.path", byFile.origin());

        NativeLibrary byFolder = NativeLibrary.probe(tmp.toString(), "linux-x86_64", emptyLoader(), tmp);
        assertEquals(lib.toAbsolutePath(), byFolder.path());
    }

    @Test
    void aWrongOverrideIsExplainedNotThrown() throws IOException {
        NativeLibrary lib = NativeLibrary.probe(tmp.resolve("nope.so").toString(), "linux-x86_64", emptyLoader(), tmp);
        assertFalse(lib.available());
        assertTrue(lib.reason().startsWith("-Docp.native.path=" + tmp.resolve("nope.so") + " names no library file"),
                lib.reason());
        IllegalStateException e = assertThrows(IllegalStateException.class, lib::path);
        assertEquals(lib.reason(), e.getMessage());
        // A folder without the platform's file.
        NativeLibrary folder = NativeLibrary.probe(tmp.toString(), "macos-aarch64", emptyLoader(), tmp);
        assertTrue(folder.reason().contains("libocp.dylib does not exist"), folder.reason());
    }

    @Test
    void extractsTheJarsLibraryIntoAPrivateFolder() throws IOException {
        byte[] bytes = "not really a library".getBytes(StandardCharsets.UTF_8);
        Path root = jar("linux-x86_64\tlibocp.so\n", "linux-x86_64/libocp.so", bytes);
        NativeLibrary lib = NativeLibrary.probe(null, "linux-x86_64", loaderOf(root), tmp);
        assertTrue(lib.available(), lib::reason);
        assertEquals("extracted from the jar", lib.origin());
        assertEquals("libocp.so", lib.path().getFileName().toString());
        assertArrayEquals(bytes, Files.readAllBytes(lib.path()));
        if (!POSIX) {
            assertTrue(lib.path().getParent().getFileName().toString().startsWith("ocp-natives-"));
            return;
        }
        // Kept for this user, by version: the next JVM loads the same file.
        Path home = tmp.resolve("ocp-natives-" + System.getProperty("user.name"));
        assertEquals(home, lib.path().getParent().getParent());
        for (Path folder : List.of(home, lib.path().getParent())) {
            assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(folder), folder.toString());
        }
        NativeLibrary again = NativeLibrary.probe(null, "linux-x86_64", loaderOf(root), tmp);
        assertEquals(lib.path(), again.path());
        assertEquals(List.of(lib.path().getFileName()), namesIn(lib.path().getParent()), "no part file is left");
        // Another version gets a folder of its own.
        Path other = jar("linux-x86_64\tlibocp.so\n", "linux-x86_64/libocp.so", "another build".getBytes(
                StandardCharsets.UTF_8));
        NativeLibrary newer = NativeLibrary.probe(null, "linux-x86_64", loaderOf(other), tmp);
        assertNotEquals(lib.path().getParent(), newer.path().getParent());
        assertEquals(home, newer.path().getParent().getParent());
    }

    @Test
    void aKeptLibraryWhoseBytesChangedIsWrittenAgain() throws IOException {
        assumeTrue(POSIX, "the kept library needs POSIX permissions");
        byte[] bytes = "not really a library".getBytes(StandardCharsets.UTF_8);
        Path root = jar("linux-x86_64\tlibocp.so\n", "linux-x86_64/libocp.so", bytes);
        Path kept = NativeLibrary.probe(null, "linux-x86_64", loaderOf(root), tmp).path();
        Files.write(kept, "not really a librarX".getBytes(StandardCharsets.UTF_8));
        NativeLibrary again = NativeLibrary.probe(null, "linux-x86_64", loaderOf(root), tmp);
        assertEquals(kept, again.path());
        assertArrayEquals(bytes, Files.readAllBytes(kept));
        Files.write(kept, Arrays.copyOf(bytes, 5));
        assertArrayEquals(bytes, Files.readAllBytes(NativeLibrary.probe(null, "linux-x86_64", loaderOf(root), tmp)
                .path()));
    }

    @Test
    void aFolderOthersCouldWriteIsNeverUsed() throws IOException {
        assumeTrue(POSIX, "the kept library needs POSIX permissions");
        byte[] bytes = "not really a library".getBytes(StandardCharsets.UTF_8);
        Path root = jar("linux-x86_64\tlibocp.so\n", "linux-x86_64/libocp.so", bytes);
        Path home = Files.createDirectory(tmp.resolve("ocp-natives-" + System.getProperty("user.name")));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        NativeLibrary lib = NativeLibrary.probe(null, "linux-x86_64", loaderOf(root), tmp);
        assertTrue(lib.available(), lib::reason);
        assertFalse(lib.path().startsWith(home), lib.path() + " is in a folder anyone may write to");
        assertEquals(OWNER_ONLY, Files.getPosixFilePermissions(lib.path().getParent()));
        assertEquals(List.of(), namesIn(home));
        // nor a link to a folder of the user's own
        Files.delete(home);
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"), PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.createSymbolicLink(home, elsewhere);
        assertFalse(NativeLibrary.probe(null, "linux-x86_64", loaderOf(root), tmp).path().startsWith(home));
        assertEquals(List.of(), namesIn(elsewhere));
    }

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private static List<Path> namesIn(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(Path::getFileName).toList();
        }
    }

    @Test
    void aBuildWithoutACompilerSaysSo() throws IOException {
        Path root = jar("linux-x86_64\t-\tno C compiler was found when it was built\n", null, null);
        NativeLibrary lib = NativeLibrary.probe(null, "linux-x86_64", loaderOf(root), tmp);
        assertFalse(lib.available());
        assertEquals("this build has no native library for linux-x86_64 (no C compiler was found when it was built)",
                lib.reason());
        assertEquals("", lib.origin());
        assertEquals("no libocp for linux-x86_64: " + lib.reason(), lib.toString());
    }

    @Test
    void anotherPlatformsLibraryIsNamed() throws IOException {
        Path root = jar("linux-x86_64\tlibocp.so\nmacos-aarch64\t-\tnot built\n", "linux-x86_64/libocp.so",
                new byte[] {1});
        NativeLibrary lib = NativeLibrary.probe(null, "windows-x86_64", loaderOf(root), tmp);
        assertEquals("this build has no native library for windows-x86_64; it has one for linux-x86_64 only",
                lib.reason());
    }

    /** A jar as a build with the cross compilers makes it: one library per platform, each picked by its own. */
    @Test
    void eachPlatformGetsItsOwnLibraryFromAJarWithSeveral() throws IOException {
        Path root = jar(SEVERAL, null, null);
        addToJar(root, "linux-x86_64/libocp.so", new byte[] {1});
        addToJar(root, "linux-aarch64/libocp.so", new byte[] {2});
        addToJar(root, "windows-x86_64/ocp.dll", new byte[] {3});
        String[][] expected = {{"Linux", "amd64", "libocp.so"}, {"Linux", "aarch64", "libocp.so"},
                {"Windows 11", "amd64", "ocp.dll"}};
        for (int i = 0; i < expected.length; i++) {
            String platform = NativeLibrary.platformOf(expected[i][0], expected[i][1]);
            NativeLibrary lib = NativeLibrary.probe(null, platform, loaderOf(root), tmp);
            assertTrue(lib.available(), lib::reason);
            assertEquals(expected[i][2], lib.path().getFileName().toString());
            assertArrayEquals(new byte[] {(byte) (i + 1)}, Files.readAllBytes(lib.path()), platform);
        }
        NativeLibrary mac = NativeLibrary.probe(null, NativeLibrary.platformOf("Mac OS X", "aarch64"), loaderOf(root), tmp);
        assertFalse(mac.available());
        assertEquals("this build has no native library for macos-aarch64; it has one for linux-x86_64, "
                + "linux-aarch64, windows-x86_64 only", mac.reason());
    }

    @Test
    void aPlatformTheBuildCouldNotCrossCompileForSaysWhy() throws IOException {
        Path root = jar("linux-x86_64\tlibocp.so\nlinux-aarch64\t-\tits cross compiler aarch64-linux-gnu-gcc was "
                + "not installed when it was built\n", "linux-x86_64/libocp.so", new byte[] {1});
        NativeLibrary lib = NativeLibrary.probe(null, "linux-aarch64", loaderOf(root), tmp);
        assertEquals("this build has no native library for linux-aarch64 (its cross compiler aarch64-linux-gnu-gcc "
                + "was not installed when it was built)", lib.reason());
    }

    @Test
    void aJarWithoutTheNativesOrWithABrokenIndexIsExplained() throws IOException {
        NativeLibrary none = NativeLibrary.probe(null, "linux-x86_64", emptyLoader(), tmp);
        assertEquals("this build has no native library for linux-x86_64 (the jar holds no dev/ocp/natives/index.txt)",
                none.reason());
        Path root = jar("linux-x86_64\tlibocp.so\n", null, null);
        NativeLibrary broken = NativeLibrary.probe(null, "linux-x86_64", loaderOf(root), tmp);
        assertEquals("the jar's index names dev/ocp/natives/linux-x86_64/libocp.so, but the jar does not hold it",
                broken.reason());
    }

    @Test
    void extractionFailureIsExplained() throws IOException {
        Path root = jar("linux-x86_64\tlibocp.so\n", "linux-x86_64/libocp.so", new byte[] {1});
        Path notAFolder = Files.write(tmp.resolve("file"), new byte[0]);
        NativeLibrary lib = NativeLibrary.probe(null, "linux-x86_64", loaderOf(root), notAFolder);
        assertFalse(lib.available());
        assertTrue(lib.reason().startsWith("extracting the native library dev/ocp/natives/linux-x86_64/libocp.so"
                + " to a new folder in " + notAFolder + " failed: "), lib.reason());
    }

    /**
     * The library this build put in the module's classes: either it is there and loads, or the build recorded
     * why not and the loader reports exactly that.
     */
    @Test
    void thisBuildsLibraryLoadsOrItsAbsenceIsExplained() throws IOException {
        NativeLibrary lib = NativeLibrary.get();
        assertSame(lib, NativeLibrary.get(), "probed once per JVM");
        String platform = NativeLibrary.platformOf(System.getProperty("os.name"), System.getProperty("os.arch"));
        assertEquals(platform, lib.platform());
        String index;
        try (InputStream in = NativeLibrary.class.getClassLoader().getResourceAsStream("dev/ocp/natives/index.txt")) {
            assertTrue(in != null, "the build writes dev/ocp/natives/index.txt");
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] entry = indexEntries(index).stream().filter(e -> e[0].equals(platform)).findFirst()
                .orElseThrow(() -> new AssertionError("the build records this machine's platform " + platform
                        + " in its index:\n" + index));
        if (System.getProperty(NativeLibrary.PATH_PROPERTY) != null) {
            return; // someone pointed the tests at another library; the probes above cover the override
        }
        if (entry[1].equals("-")) {
            assertFalse(lib.available());
            assertEquals("this build has no native library for " + platform + " (" + entry[2] + ")", lib.reason());
        } else {
            assertTrue(lib.available(), lib::reason);
            assertEquals(entry[1], lib.path().getFileName().toString());
            try (InputStream in = NativeLibrary.class.getClassLoader()
                    .getResourceAsStream("dev/ocp/natives/" + platform + "/" + entry[1])) {
                assertArrayEquals(in.readAllBytes(), Files.readAllBytes(lib.path()));
            }
            // A real shared library of this platform: the JVM can load it (no JNI entry point needed).
            System.load(lib.path().toString());
        }
    }

    /**
     * Every library this build packaged is a shared library of its platform's binary format and processor,
     * under the file name the loader looks for: an aarch64 library in the x86_64 folder, or an executable
     * in place of a DLL, would otherwise only show on the machine that fails to load it.
     */
    @Test
    void everyLibraryThisBuildPackagedIsMadeForItsPlatform() throws IOException {
        String index;
        try (InputStream in = NativeLibrary.class.getClassLoader().getResourceAsStream("dev/ocp/natives/index.txt")) {
            assertTrue(in != null, "the build writes dev/ocp/natives/index.txt");
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> checked = new ArrayList<>();
        for (String[] entry : indexEntries(index)) {
            if (entry[1].equals("-")) {
                continue;
            }
            checked.add(entry[0]);
            assertEquals(NativeLibrary.libraryName(entry[0]), entry[1], "the file name the loader looks for");
            byte[] bytes;
            try (InputStream in = NativeLibrary.class.getClassLoader()
                    .getResourceAsStream("dev/ocp/natives/" + entry[0] + "/" + entry[1])) {
                assertTrue(in != null, "the index names " + entry[0] + "/" + entry[1]);
                bytes = in.readAllBytes();
            }
            assertEquals(entry[0], BinaryFormat.platformOf(bytes), "the binary in " + entry[0] + "/" + entry[1]);
        }
        // With one library or none there is no other platform's folder to mix up: say so rather than pass.
        assumeTrue(checked.size() > 1, () -> "this build packaged " + checked + " only (no cross compiler here), so no "
                + "library could sit in another platform's folder");
    }

    @Test
    void theBinaryFormatCheckTellsPlatformsApart() {
        assertEquals("linux-x86_64", BinaryFormat.platformOf(BinaryFormat.elf(62)));
        assertEquals("linux-aarch64", BinaryFormat.platformOf(BinaryFormat.elf(183)));
        assertEquals("windows-x86_64", BinaryFormat.platformOf(BinaryFormat.pe(0x8664, true)));
        assertEquals("not a DLL", BinaryFormat.platformOf(BinaryFormat.pe(0x8664, false)));
        assertEquals("macos-aarch64", BinaryFormat.platformOf(BinaryFormat.macho(0x0100000C)));
        assertEquals("macos-x86_64", BinaryFormat.platformOf(BinaryFormat.macho(0x01000007)));
        assertEquals("unknown", BinaryFormat.platformOf(new byte[] {1, 2, 3}));
    }

    private static final String SEVERAL = "linux-x86_64\tlibocp.so\nlinux-aarch64\tlibocp.so\n"
            + "windows-x86_64\tocp.dll\n";

    private static List<String[]> indexEntries(String index) {
        return index.lines().filter(l -> !l.isBlank()).map(l -> l.split("\t", 3)).toList();
    }

    private static void addToJar(Path root, String file, byte[] content) throws IOException {
        Path p = root.resolve("dev/ocp/natives").resolve(file);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }

    private Path jar(String index, String file, byte[] content) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("jar-" + System.nanoTime()));
        Path natives = Files.createDirectories(root.resolve("dev/ocp/natives"));
        Files.writeString(natives.resolve("index.txt"), index);
        if (file != null) {
            Path p = natives.resolve(file);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
        }
        return root;
    }

    private static ClassLoader loaderOf(Path root) throws IOException {
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    private ClassLoader emptyLoader() throws IOException {
        return loaderOf(Files.createDirectories(tmp.resolve("empty")));
    }
}
