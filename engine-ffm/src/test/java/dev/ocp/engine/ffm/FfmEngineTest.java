package dev.ocp.engine.ffm;

import dev.ocp.Capability;
import dev.ocp.MemoryStats;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.EngineConfig;
import dev.ocp.spi.OcpFormat;
import dev.ocp.tck.HeapAllocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the ffm engine promises beyond the TCK: scoped views across threads, no heap per byte, C counters. */
class FfmEngineTest {
    private static final byte[] SAMPLE = "# Title\n\nSome *emphasis* and `code`.\n\n- one\n- two\n"
            .getBytes(StandardCharsets.UTF_8);

    private OcpEngine engine;

    @BeforeEach
    void open() {
        FfmEngineProvider provider = new FfmEngineProvider();
        assertTrue(provider.availability().available(), () -> provider.availability().reason());
        engine = provider.create(EngineConfig.defaults());
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void declaresWhatItImplements() {
        java.util.Set<Capability> plain = java.util.Set.of(Capability.OFF_HEAP, Capability.ARENAS);
        assertEquals(plain, engine.capabilities());
        assertEquals(dev.ocp.Syntax.C_CORE, engine.syntax());
        java.util.Set<Capability> scoped = java.util.EnumSet.copyOf(plain);
        scoped.add(Capability.SCOPED_VIEWS);
        try (OcpEngine withScopedViews = new FfmEngineProvider(true).create(EngineConfig.defaults())) {
            assertEquals(scoped, withScopedViews.capabilities());
        }
    }

    @Test
    void viewIsOffHeapAndThrowsAfterCloseWhenScoped() {
        try (OcpEngine scoped = new FfmEngineProvider(true).create(EngineConfig.defaults())) {
            viewIsOffHeapAndThrowsAfterClose(scoped);
        }
    }

    private static void viewIsOffHeapAndThrowsAfterClose(OcpEngine engine) {
        OcpDocument doc = engine.parse(SAMPLE);
        ByteBuffer view = doc.bytes();
        ByteBuffer slice = view.slice(4, 8);
        assertTrue(view.isDirect(), "the payload stays in the C core's memory");
        assertEquals(OcpFormat.MAGIC, view.getInt(0));
        doc.close();
        assertThrows(IllegalStateException.class, () -> view.get(0));
        assertThrows(IllegalStateException.class, () -> slice.get(0), "a slice of a view is scoped too");
        assertThrows(IllegalStateException.class, doc::bytes);
    }

    @Test
    void viewReadOnAnotherThreadAfterCloseThrowsWhenScoped() throws Exception {
        try (OcpEngine scoped = new FfmEngineProvider(true).create(EngineConfig.defaults())) {
            viewReadOnAnotherThreadAfterCloseThrows(scoped);
        }
    }

    private static void viewReadOnAnotherThreadAfterCloseThrows(OcpEngine engine) throws Exception {
        OcpDocument doc = engine.parse(SAMPLE);
        ByteBuffer view = doc.bytes();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // The view is readable from another thread while the document is open ...
            assertEquals(OcpFormat.MAGIC, other.submit(() -> view.getInt(0)).get());
            doc.close();
            // ... and throws there once it is closed, instead of reading freed memory.
            ExecutionException e = assertThrows(ExecutionException.class, () -> other.submit(() -> view.get(0)).get());
            assertInstanceOf(IllegalStateException.class, e.getCause());
        } finally {
            other.shutdown();
        }
    }

    @Test
    void closeFromAnotherThreadFreesInTheCAllocator() throws Exception {
        MemoryStats idle = engine.stats();
        OcpDocument doc = engine.parse(SAMPLE);
        assertTrue(engine.stats().liveBytes() > idle.liveBytes(), "the C allocator counts the payload");
        CompletableFuture.runAsync(doc::close).get();
        assertEquals(idle.liveBytes(), engine.stats().liveBytes(), "closed on another thread, freed at once");
        assertEquals(engine.stats().allocations(), engine.stats().frees(), "every C allocation was freed");
        assertThrows(IllegalStateException.class, doc::bytes);
    }

    @Test
    void withScopedViewsArenaViewsThrowAfterResetAndTheArenaFreesInC() {
        try (OcpEngine scoped = new FfmEngineProvider(true).create(EngineConfig.defaults())) {
            MemoryStats idle = scoped.stats();
            ByteBuffer retained;
            try (OcpArena arena = scoped.newArena(1 << 20)) {
                OcpDocument doc = arena.parse(SAMPLE, ParseOptions.defaults());
                retained = doc.bytes();
                assertEquals(OcpFormat.MAGIC, retained.getInt(0));
                assertTrue(arena.usedBytes() >= retained.capacity());
                arena.reset();
                assertThrows(IllegalStateException.class, () -> retained.get(0), "a view kept past reset");
                assertEquals(0, arena.usedBytes());
                OcpDocument again = arena.parse(ByteBuffer.wrap(SAMPLE), ParseOptions.defaults());
                assertEquals(OcpFormat.MAGIC, again.bytes().getInt(0));
            }
            assertEquals(idle.liveBytes(), scoped.stats().liveBytes(), "the arena's region went back to the C allocator");
        }
    }

    /**
     * Without scoped views a reset costs no thread handshake: it resets the C arena in place, unless a view of the
     * generation was handed out; then the next generation gets a new C arena, and the held one is destroyed once the
     * view is unreachable.
     */
    @Test
    void arenaViewsKeptPastResetShowTheirOwnBytesUntilUnreachable() {
        MemoryStats idle = engine.stats();
        long capacity = 1 << 20;
        try (OcpArena arena = engine.newArena(capacity)) {
            arena.parse(SAMPLE, ParseOptions.defaults()).toHtml();
            long oneRegion = engine.stats().liveBytes();
            assertTrue(oneRegion >= idle.liveBytes() + capacity, "the region is the C allocator's");
            arena.reset();
            assertEquals(oneRegion, engine.stats().liveBytes(), "with no view out, the region is reset in place");

            keepAViewAcrossAReset(arena);
            assertTrue(engine.stats().liveBytes() >= oneRegion + capacity,
                    "the held generation's region, and a new one: " + engine.stats());
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (engine.stats().liveBytes() != idle.liveBytes() && System.nanoTime() < deadline) {
            dev.ocp.spi.HeldMemory.collectWaiting(100);
        }
        assertEquals(idle.liveBytes(), engine.stats().liveBytes(), "the held region is freed once its view is garbage");
    }

    /** Keeps a view of a document, resets, parses other bytes where it was, and reads the view again. */
    private static void keepAViewAcrossAReset(OcpArena arena) {
        ByteBuffer kept = arena.parse(SAMPLE, ParseOptions.defaults()).bytes();
        byte[] expected = new byte[kept.remaining()];
        kept.duplicate().get(expected);
        arena.reset();
        assertEquals(0, arena.usedBytes());
        byte[] other = "other words entirely, and more of them than before\n".repeat(4).getBytes(StandardCharsets.UTF_8);
        assertEquals(OcpFormat.MAGIC, arena.parse(other, ParseOptions.defaults()).bytes().getInt(0));
        byte[] now = new byte[kept.remaining()];
        kept.duplicate().get(now);
        assertArrayEquals(expected, now, "a view kept past reset shows its own document");
    }

    @Test
    void failureCarriesTheCStatusAndMessageAndLeavesNothing() {
        MemoryStats idle = engine.stats();
        byte[] deep = ">".repeat(200).concat(" x\n").getBytes(StandardCharsets.US_ASCII);
        OcpException e = assertThrows(OcpException.class,
                () -> engine.parse(deep, ParseOptions.defaults().withMaxNestingDepth(10)));
        assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code());
        assertTrue(!e.getMessage().isBlank(), "the C core says what went wrong");
        assertEquals(idle.liveBytes(), engine.stats().liveBytes());
    }

    /** The counters come from the C allocator: every path that allocates there gives it all back. */
    @Test
    void cAllocatorCountersReturnToZero() {
        assertEquals(0, engine.stats().liveBytes(), "a new engine holds nothing");
        ByteBuffer direct = ByteBuffer.allocateDirect(SAMPLE.length).put(SAMPLE).flip();
        OcpDocument a = engine.parse(SAMPLE);
        OcpDocument b = engine.parse(direct, ParseOptions.defaults());
        OcpArena arena = engine.newArena(1 << 16);
        arena.parse(SAMPLE, ParseOptions.defaults());
        assertThrows(OcpException.class, () -> engine.parse(SAMPLE, ParseOptions.defaults().withMaxNodes(2)));
        MemoryStats busy = engine.stats();
        assertTrue(busy.liveBytes() >= (1 << 16) + a.unsafeBytes().capacity() + b.unsafeBytes().capacity(), busy::toString);
        a.close();
        b.close();
        arena.close();
        MemoryStats after = engine.stats();
        assertEquals(0, after.liveBytes(), after::toString);
        assertTrue(after.allocations() >= 3, after::toString);
        assertEquals(after.allocations(), after.frees(), after::toString);
        assertEquals(0, after.liveDocuments(), after::toString);
    }

    /**
     * Every way an input reaches C (the scratch copy, a copy of the call's own, the heap in place, a read-only buffer
     * copied without its array, a direct buffer by address) gives the same payload, with nothing left behind.
     */
    @Test
    void everyInputPathGivesTheSamePayload() {
        for (int size : new int[] {100, 64 << 10, (64 << 10) + 1, 256 << 10, 512 << 10, (512 << 10) + 1, 1 << 20}) {
            byte[] text = words(size);
            ByteBuffer direct = ByteBuffer.allocateDirect(size).put(text).flip();
            ByteBuffer readOnly = ByteBuffer.wrap(text).asReadOnlyBuffer();
            try (OcpDocument a = engine.parse(text); OcpDocument b = engine.parse(direct, ParseOptions.defaults());
                 OcpDocument c = engine.parse(readOnly, ParseOptions.defaults())) {
                // unsafeBytes: views kept past close would hold the memory the last check counts
                assertEquals(a.unsafeBytes(), b.unsafeBytes(), () -> size + " bytes: a byte[] and a direct buffer");
                assertEquals(a.unsafeBytes(), c.unsafeBytes(), () -> size + " bytes: a byte[] and a read-only buffer");
            }
        }
        assertEquals(0, engine.stats().liveBytes(), engine.stats()::toString);
    }

    @Test
    void heapAndDirectInputsGiveTheSamePayload() {
        ByteBuffer direct = ByteBuffer.allocateDirect(SAMPLE.length + 3);
        direct.put(new byte[] {'x', 'y', 'z'}).put(SAMPLE).flip().position(3);
        ByteBuffer heap = ByteBuffer.allocate(SAMPLE.length + 5);
        heap.put(new byte[5]).put(SAMPLE).flip().position(5);
        try (OcpDocument a = engine.parse(SAMPLE); OcpDocument b = engine.parse(direct, ParseOptions.defaults());
             OcpDocument c = engine.parse(heap, ParseOptions.defaults())) {
            assertEquals(a.bytes(), b.bytes(), "a direct buffer's position is honoured");
            assertEquals(a.bytes(), c.bytes(), "a heap buffer's offset and position are honoured");
        }
        assertEquals(3, direct.position(), "the input's position is left as it was");
        assertEquals(5, heap.position());
    }

    /**
     * promise 5 (docs/ownership.md) for this engine on every input path: a byte[] reaches C through a native copy
     * (the call block's scratch up to 64 KiB, memory of the call's own up to 512 KiB) or in place above (critical
     * downcall), a direct buffer by address; so the Java heap allocated per parse is a small constant, the same for
     * 4 KiB, 256 KiB and 8 MiB of input.
     */
    @Test
    void heapAllocatedPerParseDoesNotGrowWithTheDocument() {
        byte[] small = words(4 << 10);
        byte[] medium = words(256 << 10);
        byte[] large = words(8 << 20);
        ByteBuffer largeDirect = ByteBuffer.allocateDirect(large.length).put(large).flip();
        long perSmall = heapPerParse(() -> engine.parse(small).close());
        long perMedium = heapPerParse(() -> engine.parse(medium).close());
        long perLarge = heapPerParse(() -> engine.parse(large).close());
        long perLargeDirect = heapPerParse(() -> engine.parse(largeDirect, ParseOptions.defaults()).close());
        assertTrue(perMedium - perSmall < 1024, () -> "parsing 256 KiB from a byte[] allocated " + perMedium
                + " heap bytes, 4 KiB " + perSmall);
        assertTrue(perLarge - perSmall < 1024, () -> "parsing 8 MiB from a byte[] allocated " + perLarge
                + " heap bytes, 4 KiB " + perSmall);
        assertTrue(perLargeDirect - perSmall < 1024, () -> "parsing 8 MiB from a direct buffer allocated "
                + perLargeDirect + " heap bytes, 4 KiB " + perSmall);
        assertTrue(perSmall < 16 << 10, () -> "a parse and close allocated " + perSmall + " heap bytes");
    }

    private static byte[] words(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i % 64 == 63 ? '\n' : i % 6 == 5 ? ' ' : 'a' + i % 6);
        }
        return b;
    }

    /** The fewest heap bytes one run allocated on this thread, over a few runs after warm-up. */
    private static long heapPerParse(Runnable parse) {
        return HeapAllocation.bytesPerRun(3, parse);
    }
}
