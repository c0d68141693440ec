package dev.ocp.natives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Finds the OCP C core ({@code libocp}) for the native engines: the one place that knows where the library
 * lives, shared by every engine that binds it.
 *
 * <p>The library is taken from {@code -Docp.native.path} when that property is set (a file, or a folder
 * holding the platform's library file), and otherwise from this jar, where the build placed one library per
 * platform it could compile for under {@code dev/ocp/natives/PLATFORM/} (for example
 * {@code dev/ocp/natives/linux-x86_64/libocp.so}, {@code dev/ocp/natives/windows-x86_64/ocp.dll}) and picks
 * the one for this JVM's {@code os.name} and {@code os.arch}. A library from the jar is extracted, where files have
 * POSIX permissions, into {@code ocp-natives-USER/CRC-LENGTH/} in {@code java.io.tmpdir}, a folder only the current
 * user can open, and later JVMs load that file again once they have checked that the folder is still theirs alone and
 * the file's bytes are the jar's (a fresh folder per JVM cost each start-up a secure random generator and a copy); where
 * they cannot, or on other file systems, it is extracted into a fresh temporary folder of this JVM's, deleted at exit.
 *
 * <p>Probing never throws: {@link #get()} answers either with a {@link #path()} to load, or with the
 * {@link #reason()} there is none, such as "this build has no native library for macos-aarch64; it has one
 * for linux-x86_64, linux-aarch64, windows-x86_64 only", which an engine reports as its unavailability.
 * Thread-safe.
 */
public final class NativeLibrary {

    /** The system property that names a library to use instead of the jar's: {@value}. */
    public static final String PATH_PROPERTY = "ocp.native.path";

    private static final String RESOURCES = "dev/ocp/natives/";

    private final String platform;
    private final Path path;
    private final String reason;
    private final String origin;

    private NativeLibrary(String platform, Path path, String reason, String origin) {
        this.platform = platform;
        this.path = path;
        this.reason = reason;
        this.origin = origin;
    }

    /** Looked up once, on first use. */
    private static final class Holder {
        static final NativeLibrary INSTANCE = probe(System.getProperty(PATH_PROPERTY), platformOf(
                System.getProperty("os.name", ""), System.getProperty("os.arch", "")), loader(), null);
    }

    /**
     * The library for this JVM, found (and extracted, when it comes from the jar) on the first call.
     *
     * @return the library's location, or why there is none; never {@code null}
     */
    public static NativeLibrary get() {
        return Holder.INSTANCE;
    }

    /**
     * Whether there is a library to load.
     *
     * @return {@code true} if {@link #path()} names a library file
     */
    public boolean available() {
        return path != null;
    }

    /**
     * The library file to load, for example with {@code System.load} or {@code SymbolLookup.libraryLookup}.
     *
     * @return the library's absolute path
     * @throws IllegalStateException if there is none, with {@link #reason()} as its message
     */
    public Path path() {
        if (path == null) {
            throw new IllegalStateException(reason);
        }
        return path;
    }

    /**
     * Why there is no library.
     *
     * @return a sentence saying why, or an empty string if the library is {@link #available()}
     */
    public String reason() {
        return reason;
    }

    /**
     * Where the library came from, for diagnostics.
     *
     * @return "-Docp.native.path", "extracted from the jar", or an empty string if there is none
     */
    public String origin() {
        return origin;
    }

    /**
     * This machine's platform as the jar's folders name it.
     *
     * @return for example {@code linux-x86_64}, {@code linux-aarch64}, {@code macos-aarch64} or
     *         {@code windows-x86_64}
     */
    public String platform() {
        return platform;
    }

    @Override
    public String toString() {
        return available() ? "libocp for " + platform + " at " + path + " (" + origin + ")"
                : "no libocp for " + platform + ": " + reason;
    }

    // ---- the lookup, package-private so that tests can run it with other inputs ----

    /** Names the platform from {@code os.name} and {@code os.arch}. */
    static String platformOf(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String name;
        if (os.startsWith("linux")) {
            name = "linux";
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            name = "macos";
        } else if (os.startsWith("windows")) {
            name = "windows";
        } else {
            name = os.replaceAll("[^a-z0-9]+", "");
        }
        String arch = osArch.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
            case "x86-64":
                arch = "x86_64";
                break;
            case "aarch64":
            case "arm64":
                arch = "aarch64";
                break;
            default:
                arch = arch.replaceAll("[^a-z0-9_]+", "");
        }
        return name + "-" + arch;
    }

    /** The library file's name on a platform. */
    static String libraryName(String platform) {
        if (platform.startsWith("macos-")) {
            return "libocp.dylib";
        }
        if (platform.startsWith("windows-")) {
            return "ocp.dll";
        }
        return "libocp.so";
    }

    /** Where the jar's resources are read from: a class loader in tests, this module in use. */
    interface Resources {
        /** The resource {@code name} (no leading slash), or {@code null} if there is none. */
        InputStream open(String name) throws IOException;
    }

    /**
     * This jar's resources, read through its module: on the module path the index sits in this module's
     * package, which a class loader would not show to anyone (the libraries' folders are no packages).
     */
    private static Resources loader() {
        return NativeLibrary.class.getModule()::getResourceAsStream;
    }

    /**
     * Finds the library: the override if given, else the resources {@code resources} sees (this jar's), extracted
     * under {@code tempBase} ({@code null}: {@code java.io.tmpdir}). Never throws.
     */
    static NativeLibrary probe(String override, String platform, ClassLoader resources, Path tempBase) {
        return probe(override, platform, resources::getResourceAsStream, tempBase);
    }

    static NativeLibrary probe(String override, String platform, Resources resources, Path tempBase) {
        try {
            if (override != null && !override.isBlank()) {
                return fromOverride(override, platform);
            }
            return fromJar(platform, resources, tempBase);
        } catch (RuntimeException e) {
            return missing(platform, "looking for the native library failed: " + e);
        }
    }

    private static NativeLibrary fromOverride(String override, String platform) {
        Path p = Path.of(override).toAbsolutePath();
        if (Files.isDirectory(p)) {
            p = p.resolve(libraryName(platform));
        }
        if (!Files.isRegularFile(p)) {
            return missing(platform, "-D" + PATH_PROPERTY + "=" + override + " names no library file (" + p
                    + " does not exist)");
        }
        if (!Files.isReadable(p)) {
            return missing(platform, "-D" + PATH_PROPERTY + "=" + override + " names a file that cannot be read");
        }
        return new NativeLibrary(platform, p, "", "-D" + PATH_PROPERTY);
    }

    private static NativeLibrary fromJar(String platform, Resources resources, Path tempBase) {
        String index = readIndex(resources);
        if (index == null) {
            return missing(platform, "this build has no native library for " + platform + " (the jar holds no "
                    + RESOURCES + "index.txt)");
        }
        StringBuilder others = new StringBuilder();
        for (String line : index.split("\n")) {
            String[] f = line.split("\t", 3);
            if (f.length < 2) {
                continue;
            }
            if (!f[0].equals(platform)) {
                if (!f[1].equals("-")) {
                    others.append(others.length() == 0 ? "" : ", ").append(f[0]);
                }
                continue;
            }
            if (f[1].equals("-")) {
                return missing(platform, "this build has no native library for " + platform
                        + (f.length == 3 ? " (" + f[2].strip() + ")" : ""));
            }
            return extract(platform, resources, RESOURCES + platform + "/" + f[1].strip(), tempBase);
        }
        return missing(platform, "this build has no native library for " + platform
                + (others.length() == 0 ? "" : "; it has one for " + others + " only"));
    }

    private static String readIndex(Resources resources) {
        try (InputStream in = resources.open(RESOURCES + "index.txt")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NativeLibrary extract(String platform, Resources resources, String resource, Path tempBase) {
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        Path dir = null;
        Path target = null;
        try (InputStream in = resources.open(resource)) {
            if (in == null) {
                return missing(platform, "the jar's index names " + resource + ", but the jar does not hold it");
            }
            byte[] bytes = in.readAllBytes();
            Path base = tempBase != null ? tempBase : Path.of(System.getProperty("java.io.tmpdir"));
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            Path kept = posix ? kept(base, file, bytes) : null;
            if (kept != null) {
                return new NativeLibrary(platform, kept, "", "extracted from the jar");
            }
            dir = posix ? Files.createTempDirectory(base, "ocp-natives-", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempDirectory(base, "ocp-natives-");
            // Deleted at exit in reverse order of registration: the file first, then its folder.
            dir.toFile().deleteOnExit();
            target = dir.resolve(file);
            target.toFile().deleteOnExit();
            Files.write(target, bytes);
            return new NativeLibrary(platform, target, "", "extracted from the jar");
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return missing(platform, "extracting the native library " + resource + " to "
                    + (dir == null ? "a new folder in " + (tempBase != null ? tempBase
                    : System.getProperty("java.io.tmpdir") + " (java.io.tmpdir)") : Objects.requireNonNullElse(target, dir))
                    + " failed: " + e);
        }
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** Folders of other versions of the library older than this are deleted when a new one is written. */
    private static final long STALE_MILLIS = 24L * 60 * 60 * 1000;

    /**
     * The library kept for this user in {@code base}: {@code ocp-natives-USER/CRC-LENGTH/FILE}, written there if it is
     * not there yet (or its bytes are not {@code bytes}), or {@code null} when the user's folder cannot be trusted
     * (another owner, other permissions, a link) or written: the caller then extracts into a folder of its own.
     */
    private static Path kept(Path base, String file, byte[] bytes) {
        try {
            String user = System.getProperty("user.name", "");
            if (user.isEmpty()) {
                return null;
            }
            Path home = base.resolve("ocp-natives-" + user.replaceAll("[^A-Za-z0-9._-]", "_"));
            if (!ownOnly(home, user)) {
                return null;
            }
            CRC32 crc = new CRC32();
            crc.update(bytes);
            // (no String.format: its Formatter loads the locale providers, milliseconds of every start-up)
            Path dir = home.resolve(Long.toHexString(crc.getValue()) + "-" + bytes.length);
            Path target = dir.resolve(file);
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
                    && Files.size(target) == bytes.length && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return target;
            }
            if (!ownOnly(dir, user)) {
                return null;
            }
            // Written whole under a name of this process's, then renamed: a JVM never sees a part of the file.
            Path part = dir.resolve(file + "." + ProcessHandle.current().pid() + ".part");
            Files.write(part, bytes);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            deleteStale(home, dir);
            return target;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Makes {@code dir} if needed; whether it is a folder (not a link) of {@code user}'s that only they can open. */
    private static boolean ownOnly(Path dir, String user) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                // another JVM made it meanwhile: checked below like any other
            }
            attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        return attributes.isDirectory() && attributes.permissions().equals(OWNER_ONLY)
                && attributes.owner().getName().equals(user);
    }

    /** Deletes the folders of other versions in {@code home} not written for a day (a running JVM keeps its mapping). */
    private static void deleteStale(Path home, Path keep) {
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(home)) {
            for (Path version : versions) {
                if (version.equals(keep) || now - Files.getLastModifiedTime(version, LinkOption.NOFOLLOW_LINKS)
                        .toMillis() < STALE_MILLIS) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(version)) {
                    for (Path f : files) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(version);
            }
        } catch (IOException | RuntimeException e) {
            // a cache left untidy: the next write tries again
        }
    }

    private static NativeLibrary missing(String platform, String reason) {
        return new NativeLibrary(platform, null, reason, "");
    }
}
