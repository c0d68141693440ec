package dev.ocp.spi;

import dev.ocp.EngineConfig;
import dev.ocp.OcpDocument;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library's one thread (promise 14): a daemon that stops when asked, and by itself once nothing needs it. */
class CollectorTest {

    /** A backend of empty heap payloads that counts its frees. */
    private static final class Counting implements EngineBackend {
        final AtomicInteger freed = new AtomicInteger();

        @Override
        public Payload parse(ByteBuffer utf8, ParseOptions options) {
            ByteBuffer bytes = ByteBuffer.allocate(0);
            return new Payload() {
                @Override
                public ByteBuffer view() {
                    return bytes;
                }

                @Override
                public ByteBuffer keptView() {
                    return bytes;
                }

                @Override
                public void release() {
                    freed.incrementAndGet();
                }
            };
        }

        @Override
        public Counters counters() {
            return new Counters(0, 0, 0, 0, 0);
        }

        @Override
        public ArenaBackend newArena(long capacityBytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void theThreadIsADaemonWithoutAContextLoaderThatEndsWhenInterruptedAndComesBackWhenNeeded() throws Exception {
        Counting backend = new Counting();
        try (StandardEngine engine = new StandardEngine("counting", Set.of(), backend, EngineConfig.defaults())) {
            engine.parse(new byte[] {'a'}, ParseOptions.defaults()).close();
            Thread first = Collector.thread();
            assertNotNull(first, "an open engine has the collector running");
            assertTrue(first.isDaemon(), "the collector is a daemon");
            assertNull(first.getContextClassLoader(), "the collector pins no context class loader");

            first.interrupt();
            first.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(first.isAlive(), "the collector ends when it is interrupted");

            // A document dropped from now on still gets freed: the next registration starts a collector again.
            dropOne(engine);
            Thread second = Collector.thread();
            assertNotNull(second, "work for the collector starts it again");
            assertNotSame(first, second);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (backend.freed.get() < 2 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(2, backend.freed.get(), "the dropped document was freed by the new collector");
        }
    }

    @Test
    void theThreadEndsByItselfOnceNothingIsOutstanding() throws Exception {
        StandardEngine engine = new StandardEngine("counting", Set.of(), new Counting(), EngineConfig.defaults());
        OcpDocument open = engine.parse(new byte[] {'a'}, ParseOptions.defaults());
        assertNotNull(Collector.thread(), "running while a document is open");
        open.close();
        engine.close();
        assertTrue(Collector.awaitIdle(30, TimeUnit.SECONDS), "the collector ended once no document or arena was "
                + "left to it (one another test of this JVM dropped unclosed would keep it, rightly): "
                + Collector.outstanding() + " outstanding");
    }

    /**
     * A document's net is counted by its engine's live documents, not by itself: an open document keeps the thread
     * through idle periods, so that the document is still freed when it is dropped long after the last parse.
     */
    @Test
    void anOpenDocumentKeepsTheThreadThroughIdlePeriods() throws Exception {
        Counting backend = new Counting();
        try (StandardEngine engine = new StandardEngine("counting", Set.of(), backend, EngineConfig.defaults())) {
            OcpDocument[] held = {engine.parse(new byte[] {'a'}, ParseOptions.defaults())};
            Thread.sleep(4 * 500 + 200); // four of the thread's idle periods, with no registration meanwhile
            Thread thread = Collector.thread();
            assertNotNull(thread, "still running while a document is open");
            assertTrue(thread.isAlive());
            held[0] = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (backend.freed.get() < 1 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertEquals(1, backend.freed.get(), "the document dropped after the idle periods was freed");
        }
    }

    private static void dropOne(StandardEngine engine) {
        OcpDocument dropped = engine.parse(new byte[] {'b'}, ParseOptions.defaults());
        assertFalse(dropped.isClosed());
    }
}
