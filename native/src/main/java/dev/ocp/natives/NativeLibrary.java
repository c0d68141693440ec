package dev.ocp.natives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds the OCP C core ({@code libocp}) for the native engines: the one place that knows where the library
 * lives, shared by every engine that binds it.
 *
 * <p>The library is taken from {@code -Docp.native.path} when that property is set (a file, or a folder
 * holding the platform's library file), and otherwise from this jar, where the build placed one library per
 * platform it could compile for under {@code dev/ocp/natives/PLATFORM/} (for example
 * {@code dev/ocp/natives/linux-x86_64/libocp.so}, {@code dev/ocp/natives/windows-x86_64/ocp.dll}) and picks
 * the one for this JVM's {@code os.name} and {@code os.arch}; a library from the jar is extracted once per JVM
 * into a fresh temporary folder only the current user can read.
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
     * Finds the library: the override if given, else the resources {@code resources} sees (this jar's).
     * Never throws.
     */
    static NativeLibrary probe(String override, String platform, ClassLoader resources) {
        return probe(override, platform, resources::getResourceAsStream, null);
    }

    /** As {@link #probe(String, String, ClassLoader)}, extracting under {@code tempBase} ({@code null}: the default). */
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
            Path base = tempBase != null ? tempBase : Path.of(System.getProperty("java.io.tmpdir"));
            dir = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempDirectory(base, "ocp-natives-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory(base, "ocp-natives-");
            // Deleted at exit in reverse order of registration: the file first, then its folder.
            dir.toFile().deleteOnExit();
            target = dir.resolve(file);
            target.toFile().deleteOnExit();
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return new NativeLibrary(platform, target, "", "extracted from the jar");
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return missing(platform, "extracting the native library " + resource + " to "
                    + (dir == null ? "a new folder in " + (tempBase != null ? tempBase
                    : System.getProperty("java.io.tmpdir") + " (java.io.tmpdir)") : Objects.requireNonNullElse(target, dir))
                    + " failed: " + e);
        }
    }

    private static NativeLibrary missing(String platform, String reason) {
        return new NativeLibrary(platform, null, reason, "");
    }
}
