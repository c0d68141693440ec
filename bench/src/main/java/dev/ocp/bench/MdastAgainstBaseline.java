package dev.ocp.bench;

import dev.ocp.OcpDocument;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The mdast renderer of this build against an earlier build's, in one JMH run: issue 34 asks that mdast rendering
 * be no slower after the renderer stopped reading syntax from the source. The earlier build's {@code ocp-api} and
 * {@code ocp-engine-java} jars are named by the system property {@value #BASELINE_PROPERTY} (a class path) and loaded
 * by a class loader of their own, so both renderers run in the same JVM set-up; {@code tools/mdast-speed-ab} builds
 * them from a commit and runs this. Both builds parse with their java engine (every engine's payload is the same
 * bytes) and each is called through reflection, the same way, so only the renderers differ.
 *
 * <p>The class name does not end in {@code Benchmark}, and {@link BenchMain#OUTSIDE_SUITE} names it: {@code
 * bench/run}'s suite leaves it out, as it needs the baseline's jars.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
public class MdastAgainstBaseline {
    /** The system property naming the baseline build's jars, as a class path. */
    public static final String BASELINE_PROPERTY = "ocp.bench.baseline";

    /** Whose renderer: {@code current} (the classes on the class path) or {@code baseline}. */
    @Param({"current", "baseline"})
    public String build;

    /** One of {@link Corpus#INPUTS}. */
    @Param({"10KB", "progit"})
    public String input;

    /**
     * The syntax parsed: {@code commonmark}, or {@code gfm}, whose mdast has the pass over text that looks for
     * addresses the parse did not link (both builds parse in the reference flavor, the only one the earlier has).
     */
    @Param({"commonmark", "gfm"})
    public String syntax;

    private byte[] source;
    private AutoCloseable document;
    private Method toMdast;
    private URLClassLoader loader;

    /** Parses the input once with the chosen build's java engine. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        source = Corpus.get().input(input).utf8;
        ClassLoader classes = MdastAgainstBaseline.class.getClassLoader();
        if (build.equals("baseline")) {
            loader = new URLClassLoader(baselineJars(), ClassLoader.getPlatformClassLoader());
            classes = loader;
        } else if (!build.equals("current")) {
            throw new IllegalArgumentException("build must be current or baseline, not " + build);
        }
        // The engine is found by ServiceLoader through the context class loader of the loading build.
        Thread.currentThread().setContextClassLoader(classes);
        Class<?> options = classes.loadClass("dev.ocp.ParseOptions");
        Object engine = classes.loadClass("dev.ocp.Ocp").getMethod("engine", String.class).invoke(null, "java");
        Object parseOptions = options.getMethod("defaults").invoke(null);
        if (syntax.equals("gfm")) {
            Class<?> extension = classes.loadClass("dev.ocp.Extension");
            Object gfm = extension.getField("GFM").get(null);
            Object extensions = java.lang.reflect.Array.newInstance(extension, 1);
            java.lang.reflect.Array.set(extensions, 0, gfm);
            parseOptions = options.getMethod("withExtensions", extensions.getClass()).invoke(parseOptions, extensions);
        } else if (!syntax.equals("commonmark")) {
            throw new IllegalArgumentException("syntax must be commonmark or gfm, not " + syntax);
        }
        document = (AutoCloseable) classes.loadClass("dev.ocp.OcpEngine").getMethod("parse", byte[].class, options)
                .invoke(engine, source, parseOptions);
        toMdast = classes.loadClass(OcpDocument.class.getName()).getMethod("toMdast", byte[].class);
    }

    private static URL[] baselineJars() throws Exception {
        String path = System.getProperty(BASELINE_PROPERTY);
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("-D" + BASELINE_PROPERTY + " must name the baseline build's ocp-api and "
                    + "ocp-engine-java jars (tools/mdast-speed-ab sets it)");
        }
        List<URL> urls = new ArrayList<>();
        for (String jar : path.split(File.pathSeparator)) {
            Path file = Path.of(jar);
            if (!file.toFile().isFile()) {
                throw new IllegalStateException(BASELINE_PROPERTY + " names " + jar + ", which is no file");
            }
            urls.add(file.toUri().toURL());
        }
        return urls.toArray(new URL[0]);
    }

    /** Closes the document and the baseline's class loader. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        document.close();
        if (loader != null) {
            loader.close();
        }
    }

    /**
     * {@code toMdast(source)} of the chosen build.
     *
     * @return the mdast JSON
     * @throws Exception never, but reflection declares it
     */
    @Benchmark
    public Object mdast() throws Exception {
        return toMdast.invoke(document, (Object) source);
    }
}
