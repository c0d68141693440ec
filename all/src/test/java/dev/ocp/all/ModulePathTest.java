package dev.ocp.all;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published jars as modules: what each exports, provides and uses (what {@code jar --describe-module} shows),
 * and a small application on the module path, requiring the API module alone, that parses with every engine found
 * by service binding. The jars (or, in a build that stops before packaging, their class folders) are this test's
 * own dependencies.
 */
class ModulePathTest {
    private static final String PROVIDER = "dev.ocp.spi.OcpEngineProvider";

    private static List<Path> modulePath;
    private static Map<String, ModuleDescriptor> published;

    @BeforeAll
    static void findTheModules() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        modulePath = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            String unix = path.toAbsolutePath().toString().replace(File.separatorChar, '/');
            boolean ours = unix.contains("/dev/ocp/") || unix.endsWith("/target/classes") || unix.matches(".*/target/ocp[^/]*\\.jar");
            if (unix.contains("/ocp-tck/") || unix.contains("/tck/target/")) {
                continue; // the kit, on this module's class path for AutoEngineTckTest; not a dependency of dev.ocp:ocp
            }
            boolean theirs = unix.contains("/net/java/dev/jna/") || unix.contains("/com/dylibso/chicory/");
            if ((ours || theirs) && Files.exists(path)) {
                modulePath.add(path);
            }
        }
        published = new TreeMap<>();
        for (ModuleReference ref : ModuleFinder.of(modulePath.toArray(Path[]::new)).findAll()) {
            if (ref.descriptor().name().startsWith("dev.ocp")) {
                published.put(ref.descriptor().name(), ref.descriptor());
            }
        }
    }

    @Test
    void everyPublishedJarIsANamedModuleWithTheIntendedSurface() {
        assertEquals(Set.of("dev.ocp", "dev.ocp.all", "dev.ocp.engine.ffm", "dev.ocp.engine.java",
                "dev.ocp.engine.jna", "dev.ocp.engine.wasm", "dev.ocp.natives"), published.keySet(), modulePath::toString);
        ModuleDescriptor api = published.get("dev.ocp");
        assertEquals(Set.of("dev.ocp", "dev.ocp.spi", "dev.ocp.toc", "dev.ocp.html", "dev.ocp.json", "dev.ocp.mdast",
                "dev.ocp.markdown", "dev.ocp.transform", "dev.ocp.text", "dev.ocp.chunk"),
                exports(api),
                "the API exports its public packages, not internal");
        // The core reaches the renderers through a service of its own, provided inside the module (internal).
        assertEquals(Set.of(PROVIDER, "dev.ocp.internal.Renderers"), api.uses());
        assertEquals(1, api.provides().size());
        ModuleDescriptor.Provides renderers = api.provides().iterator().next();
        assertEquals("dev.ocp.internal.Renderers", renderers.service());
        assertEquals(List.of("dev.ocp.internal.render.AllRenderers"), renderers.providers());
        assertTrue(api.packages().contains("dev.ocp.internal"));
        for (String engine : List.of("java", "ffm", "jna", "wasm")) {
            ModuleDescriptor d = published.get("dev.ocp.engine." + engine);
            assertEquals(Set.of(), exports(d), engine + " exports nothing: it is reached through the SPI");
            assertEquals(1, d.provides().size(), engine);
            ModuleDescriptor.Provides provides = d.provides().iterator().next();
            assertEquals(PROVIDER, provides.service(), engine);
            assertEquals(List.of("dev.ocp.engine." + engine + "." + Character.toUpperCase(engine.charAt(0))
                    + engine.substring(1) + "EngineProvider"), provides.providers(), engine);
        }
        assertEquals(Set.of("dev.ocp.natives"), exports(published.get("dev.ocp.natives")));
        assertEquals(Set.of(), exports(published.get("dev.ocp.all")));
        assertTrue(published.get("dev.ocp.all").requires().stream().anyMatch(r -> r.name().equals("dev.ocp")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));
    }

    @Test
    void theFfmDescriptorReadsOnJava17() throws IOException {
        // Compiled for 17 (major version 61) while the engine's classes are for 22: a JDK older than 22 with every
        // engine on its module path must still start, and hear from the provider that ffm needs 22.
        Path ffm = modulePath.stream().filter(p -> p.toString().contains("engine-ffm")
                || p.getFileName().toString().startsWith("ocp-engine-ffm")).findFirst().orElseThrow();
        byte[] descriptor;
        if (Files.isDirectory(ffm)) {
            descriptor = Files.readAllBytes(ffm.resolve("module-info.class"));
        } else {
            try (var jar = new java.util.jar.JarFile(ffm.toFile())) {
                descriptor = jar.getInputStream(jar.getEntry("module-info.class")).readAllBytes();
            }
        }
        int major = (descriptor[6] & 0xFF) << 8 | descriptor[7] & 0xFF;
        assertEquals(61, major, "class file version of the ffm module descriptor");
    }

    @Test
    void anApplicationOnTheModulePathParsesWithEveryEngine(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/ocp.check");
        Files.createDirectories(src.resolve("check"));
        Files.writeString(src.resolve("module-info.java"), "module ocp.check { requires dev.ocp; }\n");
        Files.writeString(src.resolve("check/Main.java"), """
                package check;

                import dev.ocp.Ocp;
                import dev.ocp.OcpDocument;
                import dev.ocp.OcpEngine;
                import dev.ocp.ProviderInfo;

                public class Main {
                    public static void main(String[] args) {
                        System.out.println("api " + Ocp.class.getModule().getName() + " exports internal: "
                                + Ocp.class.getModule().isExported("dev.ocp.internal"));
                        for (ProviderInfo p : Ocp.providers()) {
                            if (!p.available()) {
                                System.out.println(p.name() + " unavailable: " + p.reason());
                                continue;
                            }
                            try (OcpEngine engine = Ocp.engine(p.name()); OcpDocument doc = engine.parse("# Hi *there*\\n")) {
                                // auto, the default, routes between engines from the API's own module
                                String module = ModuleLayer.boot().findModule(p.name().equals("auto") ? "dev.ocp"
                                        : "dev.ocp.engine." + p.name()).map(Module::getName).orElse("not-a-module");
                                System.out.println(p.name() + " " + module + " " + doc.toHtml().strip());
                            }
                        }
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        String path = modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "--release", "17", "--module-path", path, "-d", classes.toString(),
                src.resolve("module-info.java").toString(), src.resolve("check/Main.java").toString());
        assertEquals(0, compiled, "compiling the application against the modules");

        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--module-path", path + File.pathSeparator + classes));
        if (Runtime.version().feature() >= 22) {
            command.add("--enable-native-access=dev.ocp.engine.ffm");
        }
        command.addAll(List.of("-m", "ocp.check/check.Main"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), output);

        assertTrue(output.contains("api dev.ocp exports internal: false"), output);
        Set<String> parsed = new TreeSet<>();
        for (String line : output.lines().toList()) {
            String[] words = line.split(" ", 3);
            if (words.length == 3 && words[2].equals("<h1>Hi <em>there</em></h1>")) {
                assertEquals(words[0].equals("auto") ? "dev.ocp" : "dev.ocp.engine." + words[0], words[1],
                        "the engine ran as a named module: " + line);
                parsed.add(words[0]);
            }
        }
        Set<String> expected = Runtime.version().feature() >= 22 ? Set.of("auto", "java", "ffm", "jna", "wasm")
                : Set.of("auto", "java", "jna", "wasm");
        assertEquals(expected, parsed, output);
    }

    private static Set<String> exports(ModuleDescriptor d) {
        return d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }
}
