package dev.ocp.engine.java;

import dev.ocp.Ocp;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A redeployed web application's class loader must be collectable once its engines are closed (docs/ownership.md,
 * promise 14): the library's thread ({@code ocp-collector}) ends when no engine is open, and nothing the library
 * leaves behind (thread locals, caches, the thread's context class loader) holds the loader. Loads the API and this
 * engine in a class loader of their own, as an application server would, uses them, closes the engine, drops the
 * loader and waits for the collector to clear a weak reference to it.
 */
class ClassLoaderUnloadTest {

    @Test
    void theLoaderOfAClosedEngineCanBeCollected() throws Exception {
        WeakReference<ClassLoader> loader = useInALoaderOfItsOwn();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            byte[][] churn = new byte[16][];
            for (int i = 0; i < churn.length; i++) {
                churn[i] = new byte[1 << 16];
            }
            Thread.sleep(50);
        }
        assertNull(loader.get(), "the class loader of a closed engine is still reachable: something pins it "
                + "(a thread, a thread local, a cache); threads named ocp-*: " + Arrays.toString(ocpThreads()));
    }

    /** Everything of the loader stays inside this method's frame, so that only leaks can keep it. */
    private static WeakReference<ClassLoader> useInALoaderOfItsOwn() throws Exception {
        URL api = Ocp.class.getProtectionDomain().getCodeSource().getLocation();
        URL javaEngine = JavaEngineProvider.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader child = new URLClassLoader("redeployed", new URL[] {api, javaEngine},
                ClassLoader.getPlatformClassLoader());
        // Work done on a thread whose context loader is the application's, as a servlet container's would be.
        Thread worker = new Thread(() -> {
            try {
                Class<?> ocp = Class.forName("dev.ocp.Ocp", true, child);
                assertNotSame(Ocp.class, ocp, "the API is loaded again, by the child loader");
                Object engine = ocp.getMethod("engine", String.class).invoke(null, "java");
                Class<?> engineType = Class.forName("dev.ocp.OcpEngine", true, child);
                Method parse = engineType.getMethod("parse", String.class);
                Method toHtml = Class.forName("dev.ocp.OcpDocument", true, child).getMethod("toHtml");
                for (int i = 0; i < 200; i++) {
                    try (AutoCloseable doc = (AutoCloseable) parse.invoke(engine, "# Hello " + i + "\n\n*world*\n")) {
                        String html = (String) toHtml.invoke(doc);
                        assertTrue(html.startsWith("<h1>Hello " + i + "</h1>"), html);
                    }
                }
                // A document dropped without close: the safety net's work, which the collector thread does.
                parse.invoke(engine, "dropped\n");
                ((AutoCloseable) engine).close();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        worker.setContextClassLoader(child);
        Throwable[] failure = new Throwable[1];
        worker.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
        worker.start();
        worker.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(null, failure[0], "the work in the child loader succeeded");
        WeakReference<ClassLoader> ref = new WeakReference<>(child);
        child.close();
        return ref;
    }

    private static String[] ocpThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).filter(n -> n.startsWith("ocp"))
                .toArray(String[]::new);
    }
}
