package dev.ocp.spi;

import dev.ocp.EngineConfig;
import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link StandardEngine}: what it refuses before its backend sees a parse, and its close while one is under way. */
class StandardEngineTest {

    /** What the test backends share: no arenas, zero counters, a close that is noted. */
    private abstract static class TestBackend implements EngineBackend {
        volatile boolean closed;

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
            closed = true;
        }
    }

    /** A backend whose parse holds until told to go on: a parse as long as the test wants. */
    private static final class SlowBackend extends TestBackend {
        final CountDownLatch parsing = new CountDownLatch(1);
        final CountDownLatch finish = new CountDownLatch(1);
        final java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Payload parse(ByteBuffer utf8, ParseOptions options) {
            parsing.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
                    released.incrementAndGet();
                }
            };
        }
    }

    @Test
    void aDialectOrExtensionTheEngineDoesNotDeclareIsRefusedWithUnsupported() {
        TestBackend backend = new TestBackend() {
            @Override
            public Payload parse(ByteBuffer utf8, ParseOptions options) {
                throw new AssertionError("the backend was asked to parse " + options);
            }
        };
        try (StandardEngine engine = new StandardEngine("plain", Set.of(), backend, EngineConfig.defaults())) {
            OcpException mdx = assertThrows(OcpException.class,
                    () -> engine.parse(new byte[] {'a'}, ParseOptions.of(Dialect.MDX)));
            assertEquals(OcpException.Code.UNSUPPORTED, mdx.code());
            assertEquals("[UNSUPPORTED] engine 'plain' does not parse the MDX dialect; it parses [COMMONMARK]",
                    mdx.getMessage());
            OcpException math = assertThrows(OcpException.class,
                    () -> engine.parse(new byte[] {'a'}, ParseOptions.defaults().withExtensions(Extension.MATH)));
            assertEquals(OcpException.Code.UNSUPPORTED, math.code());
            assertTrue(math.getMessage().contains("does not parse the MATH extension"), math.getMessage());
        }
    }

    @Test
    void closeDuringALongParseWaitsParkedAndFreesWhenTheParseEnds() throws Exception {
        SlowBackend backend = new SlowBackend();
        StandardEngine engine = new StandardEngine("slow", Set.of(), backend, EngineConfig.defaults());
        Object[] outcome = new Object[1];
        Thread parser = new Thread(() -> {
            try {
                outcome[0] = engine.parse(new byte[] {'a'}, ParseOptions.defaults());
            } catch (OcpException e) {
                outcome[0] = e;
            }
        });
        parser.start();
        assertTrue(backend.parsing.await(10, TimeUnit.SECONDS), "the parse began");
        Thread closer = parkedCloser(engine, "the closer waits parked for the parse under way");
        assertFalse(backend.closed, "the backend is not closed under a parse");
        backend.finish.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(10));
        parser.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(closer.isAlive(), "the last parse to leave wakes the closer");
        assertTrue(backend.closed, "then the engine closes its backend");
        // The parse raced the close: it fails with CLOSED, and what it made is freed, once.
        assertTrue(outcome[0] instanceof OcpException e && e.code() == OcpException.Code.CLOSED,
                String.valueOf(outcome[0]));
        assertEquals(1, backend.released.get());
    }

    /**
     * Starts {@code engine.close()} on a thread of its own and asserts that it comes to wait parked. A closer that
     * spins stays RUNNABLE (burning a core for as long as what it waits for takes); one that waits properly is
     * parked.
     */
    private static Thread parkedCloser(StandardEngine engine, String why) throws InterruptedException {
        Thread closer = new Thread(engine::close);
        closer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (closer.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, closer.getState(), why);
        return closer;
    }

    /**
     * A backend whose frees (of a document's payload or of an arena) hold until told to go on, and that notes a
     * free that ends after its own close.
     */
    private static final class SlowFreeBackend extends TestBackend {
        final CountDownLatch freeing = new CountDownLatch(1);
        final CountDownLatch finish = new CountDownLatch(1);
        volatile boolean freedAfterClose;

        private void free() {
            freeing.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            freedAfterClose |= closed;
        }

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
                    free();
                }
            };
        }

        @Override
        public ArenaBackend newArena(long capacityBytes) {
            return new ArenaBackend() {
                @Override
                public ByteBuffer parse(ByteBuffer utf8, ParseOptions options) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public ByteBuffer keptView(ByteBuffer view) {
                    return view;
                }

                @Override
                public void reset() {
                }

                @Override
                public long usedBytes() {
                    return 0;
                }

                @Override
                public long capacityBytes() {
                    return capacityBytes;
                }

                @Override
                public void close() {
                    free();
                }
            };
        }
    }

    /**
     * Closes what {@code ownerClose} closes on another thread, and while its free is under way closes the engine:
     * the engine's close must wait for that free before it closes the backend.
     */
    private static void assertCloseWaitsForFreeUnderWay(SlowFreeBackend backend, StandardEngine engine,
                                                        Runnable ownerClose, String what) throws Exception {
        Thread owner = new Thread(ownerClose);
        owner.start();
        assertTrue(backend.freeing.await(10, TimeUnit.SECONDS), "the owner's close began to free the " + what);
        Thread closer = parkedCloser(engine, "the engine's close waits for the " + what + "'s free under way");
        assertFalse(backend.closed, "the backend is not closed under a free");
        backend.finish.countDown();
        owner.join(TimeUnit.SECONDS.toMillis(10));
        closer.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(backend.closed, "then the engine closes its backend");
        assertFalse(backend.freedAfterClose, "the " + what + " was freed before the backend closed");
    }

    @Test
    void closeWaitsForADocumentsFreeUnderWayOnAnotherThread() throws Exception {
        SlowFreeBackend backend = new SlowFreeBackend();
        StandardEngine engine = new StandardEngine("slow-free", Set.of(), backend, EngineConfig.defaults());
        dev.ocp.OcpDocument doc = engine.parse(new byte[] {'a'}, ParseOptions.defaults());
        assertCloseWaitsForFreeUnderWay(backend, engine, doc::close, "payload");
    }

    /**
     * Backends no longer count what they handed out to outlive a free under way (the ffm backend did): the engine's
     * close waits for an arena's free as for a document's.
     */
    @Test
    void closeWaitsForAnArenasFreeUnderWayOnAnotherThread() throws Exception {
        SlowFreeBackend backend = new SlowFreeBackend();
        StandardEngine engine = new StandardEngine("slow-arena", Set.of(dev.ocp.Capability.ARENAS), backend,
                EngineConfig.defaults());
        dev.ocp.OcpArena arena = engine.newSharedArena(1024); // shared: closed from another thread below
        assertCloseWaitsForFreeUnderWay(backend, engine, arena::close, "arena");
    }
}
