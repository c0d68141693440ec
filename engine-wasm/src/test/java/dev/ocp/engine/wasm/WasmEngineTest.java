package dev.ocp.engine.wasm;

import dev.ocp.Capability;
import dev.ocp.LeakDetection;
import dev.ocp.MemoryStats;
import dev.ocp.Ocp;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.EngineConfig;
import dev.ocp.spi.StandardEngine;
import dev.ocp.tck.HeapAllocation;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the TCK cannot see from outside: linear memory (views into it, its growth), the instance pool, the C
 * allocator inside the module, the unwind protocol, the budget that shares the memory limit among instances.
 */
class WasmEngineTest {
    private static final String TEXT = "# Title\n\nSome *emphasis*, `code` and [a link](/url \"t\").\n\n- one\n- two\n";
    private static final ParseOptions DEFAULTS = ParseOptions.defaults();

    private static WasmBackend backend(long limit, int instances) {
        return new WasmBackend(OcpWasm.get(), limit, instances);
    }

    private static StandardEngine engine(WasmBackend backend) {
        return new StandardEngine(WasmEngineProvider.NAME, EnumSet.of(Capability.ARENAS), dev.ocp.Syntax.C_CORE, backend,
                EngineConfig.defaults().withLeakDetection(LeakDetection.COUNT));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The payload, read while the document is open (unsafeBytes(): no kept view to hold its memory after close). */
    private static byte[] copy(OcpDocument doc) {
        ByteBuffer b = doc.unsafeBytes();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** The java engine's bytes for the same input: the reference every engine must match. */
    private static byte[] reference(byte[] input) {
        try (OcpEngine java = Ocp.engine("java"); OcpDocument doc = java.parse(input, DEFAULTS)) {
            return copy(doc);
        }
    }

    /** Plain paragraphs with some inline markup, about {@code size} bytes. */
    private static byte[] paragraphs(int size) {
        StringBuilder sb = new StringBuilder(size + 64);
        int i = 0;
        while (sb.length() < size) {
            sb.append("Paragraph ").append(i++).append(" has *emphasis*, `code`, a [link](/u").append(i)
                    .append(") and plain words.\n\n");
        }
        return utf8(sb.toString());
    }

    @Test
    void testsRunOnTheJdkTheyWereAskedFor() {
        String expected = System.getProperty("ocp.test.expectedJavaSpec");
        int feature = Runtime.version().feature();
        if (expected != null) {
            assertEquals(Integer.parseInt(expected), feature, "the -Pjdk17 profile runs the tests on JDK " + expected);
        } else {
            assertTrue(feature >= 17, "the build's JDK: " + feature);
        }
    }

    @Test
    void providerIsFoundAvailableAndRunsTheCompiledModule() {
        WasmEngineProvider provider = new WasmEngineProvider();
        assertTrue(provider.availability().available(), provider.availability().reason());
        assertEquals(dev.ocp.Syntax.C_CORE, provider.syntax());
        assertEquals(EnumSet.of(Capability.ARENAS),
                provider.capabilities(),
                "linear memory is a heap array: no OFF_HEAP");
        assertTrue(provider.priority() < 10, "below java (10), which is faster at every document size");
        assertTrue(Ocp.providers().stream().anyMatch(p -> p.name().equals("wasm") && p.available()));
        assertNull(OcpWasm.failure());
        assertNotNull(OcpWasm.get().machine, "the default machine is the one compiled at build time, not the "
                + "interpreter: " + OcpWasm.get().machineName);
    }

    /**
     * Linear memory moves to a longer array when it grows; a document made before must still read its own
     * bytes, the very bytes the java engine makes, while documents made after view the new array.
     */
    @Test
    void memoryGrowthNeverInvalidatesALiveView() {
        WasmBackend backend = backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 1);
        try (StandardEngine engine = engine(backend)) {
            WasmInstance in = backend.instances().get(0);
            byte[] small = utf8(TEXT);
            OcpDocument first = engine.parse(small, DEFAULTS);
            byte[] before = in.memory.array();
            int moves = in.memory.moves();
            // Several megabytes of input and their working memory cannot fit the module's first megabyte.
            byte[] big = paragraphs(6 << 20);
            List<OcpDocument> bigDocs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                bigDocs.add(engine.parse(big, DEFAULTS));
            }
            assertTrue(in.memory.moves() > moves, "parsing 12 MiB grew linear memory");
            assertNotSame(before, in.memory.array(), "the memory now lives in another array");
            assertArrayEquals(reference(small), copy(first), "the document made before the growth reads its own "
                    + "bytes, identical to the java engine's");
            OcpDocument after = engine.parse(small, DEFAULTS);
            assertArrayEquals(copy(first), copy(after));
            // Overwrite the new array where the first document's payload was: the old view must not see it, since
            // what it reads is the array it was made over, where nothing writes any more.
            WasmBackend.WasmPayload payload = (WasmBackend.WasmPayload) rawPayload(backend, in, small);
            assertSame(in.memory.array(), payload.view().array(), "a payload made now views the current array");
            for (OcpDocument d : bigDocs) {
                d.close();
            }
            assertArrayEquals(reference(small), copy(first), "still intact after the big documents were freed");
            first.close();
            after.close();
            backend.free(in, payload.address, -1);
            assertEquals(0, engine.stats().liveBytes());
        }
    }

    /** A payload straight from the backend, without the read-only wrapping of the API. */
    private static Object rawPayload(WasmBackend backend, WasmInstance expected, byte[] input) {
        WasmBackend.WasmPayload p = (WasmBackend.WasmPayload) backend.parse(ByteBuffer.wrap(input), DEFAULTS);
        assertSame(expected, p.instance);
        return p;
    }

    /**
     * bytes() is the instance's memory itself: the raw view wraps the memory's own array at the payload's
     * address, and a byte written into linear memory shows through the document's read-only view at once.
     */
    @Test
    void bytesIsTheInstancesLinearMemoryNotACopy() {
        WasmBackend backend = backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 1);
        try (StandardEngine engine = engine(backend)) {
            WasmInstance in = backend.instances().get(0);
            WasmBackend.WasmPayload raw = (WasmBackend.WasmPayload) rawPayload(backend, in, utf8(TEXT));
            ByteBuffer view = raw.view();
            assertSame(in.memory.array(), view.array(), "the view's array is linear memory's");
            assertEquals(raw.address, view.arrayOffset(), "the view starts at the payload's address");
            backend.free(in, raw.address, -1);

            byte[] unique = utf8("# A document found once\n\nwith " + System.nanoTime() + " in it\n");
            try (OcpDocument doc = engine.parse(unique, DEFAULTS)) {
                assertTrue(doc.bytes().isReadOnly());
                byte[] payload = copy(doc);
                // A small payload is written in the parse's working memory and copied out at its size
                // (native/src/api.c), so its bytes may be found twice: the payload, and a stale copy in memory the
                // parse freed. Exactly one of the places is what bytes() reads: a write there shows through.
                int address = -1;
                int found = 0;
                for (int at = indexOf(in.memory.array(), payload, 0); at >= 0;
                        at = indexOf(in.memory.array(), payload, at + 1)) {
                    found++;
                    byte original = in.memory.read(at + 40);
                    in.lock.lock();
                    try {
                        in.memory.writeByte(at + 40, (byte) (original ^ 0x5A));
                        if (doc.bytes().get(40) == (byte) (original ^ 0x5A)) {
                            assertEquals(-1, address, "bytes() reads one place in linear memory");
                            address = at;
                        }
                        in.memory.writeByte(at + 40, original);
                    } finally {
                        in.lock.unlock();
                    }
                }
                assertTrue(found > 0, "the payload's bytes are in linear memory");
                assertTrue(address > 0, "a write to linear memory shows through bytes(): it is that memory");
                assertArrayEquals(payload, copy(doc));
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * The counters are the C allocator's, inside the module: engine stats equal the live bytes the allocator
     * keeps in its own struct in linear memory, and each open document is one block of it.
     */
    @Test
    void countersAreReadFromTheAllocatorInsideTheModule() {
        WasmBackend backend = backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 1);
        try (StandardEngine engine = engine(backend)) {
            WasmInstance in = backend.instances().get(0);
            assertEquals(0, backend.liveAllocations(), "a new engine holds no blocks");
            List<OcpDocument> docs = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                docs.add(engine.parse(paragraphs(i * 1000), DEFAULTS));
                assertEquals(i, backend.liveAllocations(), "one C block per open document");
                // The counters read in place in struct ocp_engine are what the C core's ocp_stats_get reports.
                assertEquals(in.cStats(), in.counters(), "stats are the allocator's own count");
                assertEquals(in.cStats().liveBytes(), engine.stats().liveBytes());
                assertTrue(engine.stats().liveBytes() >= docs.get(i - 1).unsafeBytes().remaining());
            }
            MemoryStats open = engine.stats();
            for (OcpDocument d : docs) {
                d.close();
            }
            MemoryStats closed = engine.stats();
            assertEquals(in.cStats(), in.counters(), "after frees too");
            assertEquals(0, closed.liveBytes());
            assertEquals(0, backend.liveAllocations());
            assertEquals(open.allocations() + 0, closed.allocations(), "closing allocates nothing");
            assertEquals(closed.allocations(), closed.frees(), "every block the parses allocated was freed once");
            assertEquals(EngineConfig.DEFAULT_MEMORY_LIMIT, closed.limitBytes());
        }
    }

    /**
     * A parse that fails deep in the C core leaves through the host (the module's import ocp.unwind throws);
     * the recovery export frees what the parse held and restores the stack pointer, and the instance goes on.
     */
    @Test
    void aFailedParseUnwindsThroughTheHostAndTheInstanceGoesOn() {
        WasmBackend backend = backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 1);
        try (StandardEngine engine = engine(backend)) {
            WasmInstance in = backend.instances().get(0);
            byte[] list = utf8("- a\n- b\n- c\n- d\n".repeat(50));
            try (OcpDocument warm = engine.parse(list, DEFAULTS)) {
                assertTrue(warm.nodeCount() > 10);
            }
            MemoryStats before = engine.stats();
            int stack = in.stackPointer();
            long unwinds = in.unwinds();
            for (int round = 0; round < 3; round++) {
                OcpException e = assertThrows(OcpException.class,
                        () -> engine.parse(list, DEFAULTS.withMaxNodes(5)));
                assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code());
                assertFalse(e.getMessage().isBlank(), "the C core's message reaches the exception");
                assertEquals(unwinds + round + 1, in.unwinds(), "the failure left through ocp.unwind");
                assertEquals(stack, in.stackPointer(), "the recovery put the stack pointer back");
                MemoryStats after = engine.stats();
                assertEquals(before.liveBytes(), after.liveBytes(), "nothing the failed parse held is left");
                assertEquals(after.allocations() - before.allocations(), after.frees() - before.frees());
                assertEquals(0, backend.liveAllocations());
            }
            OcpException oom;
            try (StandardEngine small = engine(backend(64 << 10, 1))) {
                oom = assertThrows(OcpException.class, () -> small.parse(paragraphs(1 << 20), DEFAULTS));
                assertEquals(OcpException.Code.OUT_OF_MEMORY, oom.code(), oom::toString);
                assertEquals(0, small.stats().liveBytes());
                try (OcpDocument ok = small.parse(utf8(TEXT), DEFAULTS)) {
                    assertArrayEquals(reference(utf8(TEXT)), copy(ok), "still working after running out of memory");
                }
            }
            try (OcpDocument ok = engine.parse(list, DEFAULTS)) {
                assertArrayEquals(reference(list), copy(ok), "the same instance still parses, byte-identical");
            }
            assertNull(in.broken());
            assertEquals(1, backend.instances().size(), "no instance was replaced");
        }
    }

    /**
     * An arena's reset is one call that moves the region's offset back: the interpreter executes the same
     * instructions for it whether the arena holds one document or three hundred, and the allocator's counters
     * see no free at all.
     */
    @Test
    void arenaResetDoesTheSameWorkWhateverTheArenaHolds() {
        OcpWasm interpreted = OcpWasm.load(OcpWasm.INTERPRETER);
        long[] executed = new long[1];
        WasmInstance in = new WasmInstance(0, interpreted, 64L << 20, (instruction, stack) -> executed[0]++);
        byte[] doc = utf8("para *x*\n");
        long[] resetCost = new long[2];
        int[] sizes = {1, 300};
        in.lock.lock();
        try {
            for (int k = 0; k < sizes.length; k++) {
                int arena = in.arenaCreate(8L << 20);
                for (int i = 0; i < sizes[k]; i++) {
                    in.parse(arena, ByteBuffer.wrap(doc), DEFAULTS);
                }
                assertTrue(in.arenaUsed(arena) >= sizes[k] * in.resultLength());
                long allocations = in.counters().allocations();
                long frees = in.counters().frees();
                long live = in.counters().liveBytes();
                long start = executed[0];
                in.arenaReset(arena);
                resetCost[k] = executed[0] - start;
                assertEquals(0, in.arenaUsed(arena));
                in.arenaDestroy(arena);
                // Destroying frees the region, one block, however many documents it held.
                assertEquals(frees + 1, in.counters().frees(), "the arena's documents were never freed one by one");
                assertEquals(allocations, in.counters().allocations());
                assertTrue(in.counters().liveBytes() < live);
            }
        } finally {
            in.lock.unlock();
        }
        assertTrue(resetCost[0] > 0, "the listener counted the reset's instructions");
        assertEquals(resetCost[0], resetCost[1], "reset of 1 and of 300 documents: the same instructions");

        // And through the API: a reset frees nothing in the allocator, whatever the arena holds.
        WasmBackend backend = backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 1);
        try (StandardEngine engine = engine(backend); OcpArena arena = engine.newArena(4 << 20)) {
            List<OcpDocument> docs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                docs.add(arena.parse(doc, DEFAULTS));
            }
            MemoryStats before = engine.stats();
            arena.reset();
            MemoryStats after = engine.stats();
            assertEquals(before.frees(), after.frees(), "no per-document free");
            assertEquals(before.allocations(), after.allocations());
            assertEquals(0, arena.usedBytes());
            assertTrue(docs.get(0).isClosed() && docs.get(199).isClosed(), "documents from before the reset are ended");
            assertThrows(IllegalStateException.class, () -> docs.get(7).bytes());
        }
    }

    /**
     * Two instances, one limit: what one instance's documents hold is not available to the other, so a parse that
     * would take the engine over its limit fails there, though that instance alone (a C allocator with the whole
     * limit to itself) would have room.
     */
    @Test
    void theMemoryLimitHoldsForAllInstancesTogether() {
        byte[] big = paragraphs(300_000);
        long peak;
        try (StandardEngine probe = engine(backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 1))) {
            probe.parse(big, DEFAULTS).close();
            peak = probe.stats().peakBytes();
        }
        long limit = 2 * peak;
        WasmBackend backend = backend(limit, 2);
        try (StandardEngine engine = engine(backend)) {
            WasmInstance first = backend.take();
            WasmInstance second = backend.take();
            try {
                assertNotSame(first, second, "the pool made a second instance while the first was taken");
                assertEquals(2, backend.instances().size());
                // The first instance's documents hold more than the limit leaves for one such parse.
                byte[] piece = paragraphs(20_000);
                List<Integer> held = new ArrayList<>();
                while (engine.stats().liveBytes() <= limit - peak + peak / 4) {
                    held.add(backend.parseOn(first, 0, ByteBuffer.wrap(piece), DEFAULTS));
                }
                long holding = engine.stats().liveBytes();
                assertTrue(holding < limit);
                OcpException e = assertThrows(OcpException.class,
                        () -> backend.parseOn(second, 0, ByteBuffer.wrap(big), DEFAULTS));
                assertEquals(OcpException.Code.OUT_OF_MEMORY, e.code(), e::toString);
                assertTrue(second.cStats().limitBytes() <= limit - holding, () -> "the second C allocator was allowed "
                        + second.cStats().limitBytes() + " bytes, more than the " + (limit - holding) + " the first leaves");
                assertTrue(second.counters().peakBytes() + holding <= limit, "never over the limit together");
                assertEquals(holding, engine.stats().liveBytes(), "the failed parse left nothing");
                // Once the first instance's documents are freed, the same parse fits.
                for (int address : held) {
                    first.free(address);
                    backend.settle(first);
                }
                int address = backend.parseOn(second, 0, ByteBuffer.wrap(big), DEFAULTS);
                assertTrue(engine.stats().liveBytes() <= limit);
                second.free(address);
                backend.settle(second);
            } finally {
                backend.give(second);
                backend.give(first);
            }
            assertEquals(0, engine.stats().liveBytes());
            assertTrue(backend.budget().held() <= 2 * backend.budget().keep(),
                    "once everything is freed, the instances hold no more than the credit they keep");
            backend.budget().takeBackIdleCredit();
            assertEquals(0, backend.budget().held(), "nothing held of the budget once the credit is taken back");
        }
    }

    /**
     * Once an instance keeps credit, a small parse and its document's close run on that credit and never take the
     * budget's monitor, which another thread holds here the whole time: the thing that made two threads parsing small
     * documents on one engine wait for each other three times a document.
     */
    @Test
    void aSmallParseAndItsCloseRunOnTheInstancesCreditWithoutTheBudgetsMonitor() throws Exception {
        WasmBackend backend = backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 2);
        try (StandardEngine engine = engine(backend)) {
            engine.parse(paragraphs(200_000), DEFAULTS).close(); // a grant, then the credit the instance keeps
            long held = backend.budget().held();
            assertTrue(held > 0 && held <= backend.budget().keep(), () -> "the instance keeps credit: " + held);
            Budget budget = backend.budget();
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                synchronized (budget) {
                    locked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            holder.start();
            ExecutorService parser = Executors.newSingleThreadExecutor();
            try {
                assertTrue(locked.await(10, TimeUnit.SECONDS));
                Future<byte[]> parsed = parser.submit(() -> {
                    try (OcpDocument doc = engine.parse(utf8(TEXT), DEFAULTS)) {
                        return copy(doc);
                    }
                });
                assertArrayEquals(reference(utf8(TEXT)), parsed.get(30, TimeUnit.SECONDS),
                        "parsed and closed while another thread held the budget's monitor");
            } finally {
                release.countDown();
                holder.join();
                parser.shutdownNow();
            }
            assertEquals(held, backend.budget().held(), "the credit paid for the parse and took the document back");
            assertEquals(0, engine.stats().liveBytes());
        }
    }

    /**
     * {@link Budget#fits} holds for documents as people write them: none of the kit's generated documents, its sample
     * or prose up to 48 KB runs out of memory on its instance's credit and parses twice. A dense shape (a node every
     * few bytes) may; it begins again on a grant and gives the same bytes.
     */
    @Test
    void documentsAsWrittenFitTheCreditTheyAreGiven() {
        WasmBackend backend = backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 1);
        try (StandardEngine engine = engine(backend)) {
            engine.parse(paragraphs(100_000), DEFAULTS).close(); // a grant, then the credit the instance keeps
            WasmInstance in = backend.instances().get(0);
            List<byte[]> docs = new ArrayList<>(dev.ocp.tck.KitInputs.generated(35, 300));
            docs.add(dev.ocp.tck.KitInputs.sample());
            for (int size = 1_000; size <= 48_000; size *= 2) {
                docs.add(paragraphs(size));
            }
            int onCredit = 0;
            for (byte[] doc : docs) {
                onCredit += backend.budget().fits(in, doc.length) ? 1 : 0;
                engine.parse(doc, DEFAULTS).close();
            }
            assertEquals(docs.size(), onCredit, "every one of them went the credit's way");
            assertEquals(0, backend.creditMisses(), "no document as written ran out of its credit");
            byte[] dense = utf8("a\n\n".repeat(15_000));
            try (OcpDocument doc = engine.parse(dense, DEFAULTS)) {
                assertArrayEquals(reference(dense), copy(doc), "a dense document parses, on a grant if need be");
            }
            assertEquals(0, engine.stats().liveBytes());
        }
    }

    /**
     * Threads parsing small documents on their instances' credit, and one parsing documents that need most of the
     * limit, which fail on half of what is free and run alone, taking the other instances' credit back: every parse
     * succeeds (the big one fits an engine with a single allocator once the small documents are closed), none waits
     * forever, and the instances together never pass the limit.
     */
    @Test
    void aParseAloneTakesBackTheCreditOfInstancesParsingOnTheirs() throws Exception {
        byte[] big = paragraphs(2_000_000);
        long peak;
        try (StandardEngine probe = engine(backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 1))) {
            probe.parse(big, DEFAULTS).close();
            peak = probe.stats().peakBytes();
        }
        // Room for the big parse only once the three other instances' credit is back: without that, the most it
        // could have is the limit less three credits. Each keeps the limit's 64th part here (less than KEEP).
        long limit = peak + Budget.KEEP >= 64 * Budget.KEEP ? peak + Budget.KEEP : peak * 64 / 63 + 64;
        WasmBackend backend = backend(limit, 4);
        try (StandardEngine engine = engine(backend)) {
            assertTrue(limit - backend.budget().keep() >= peak && limit - 3 * backend.budget().keep() < peak,
                    () -> "the limit leaves the big parse room only with the others' credit back: " + limit);
            int small = 3;
            ExecutorService pool = Executors.newFixedThreadPool(small + 1);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            try {
                List<Future<Integer>> parsers = new ArrayList<>();
                for (int t = 0; t < small; t++) {
                    parsers.add(pool.submit(() -> {
                        int n = 0;
                        while (!stop.get()) {
                            try (OcpDocument doc = engine.parse(utf8(TEXT), DEFAULTS)) {
                                assertArrayEquals(reference(utf8(TEXT)), copy(doc));
                            }
                            n++;
                        }
                        return n;
                    }));
                }
                Future<?> bigOnes = pool.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        engine.parse(big, DEFAULTS).close();
                        assertTrue(backend.budget().held() <= limit, "the holdings never sum past the limit");
                    }
                    return null;
                });
                bigOnes.get(120, TimeUnit.SECONDS);
                stop.set(true);
                for (Future<Integer> f : parsers) {
                    assertTrue(f.get(60, TimeUnit.SECONDS) > 0, "the small parses went on meanwhile");
                }
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
            assertEquals(0, engine.stats().liveBytes());
            for (WasmInstance in : backend.instances()) {
                assertTrue(in.counters().peakBytes() <= limit, "no C allocator was ever allowed past the limit");
            }
            backend.budget().takeBackIdleCredit();
            assertEquals(0, backend.budget().held(), "nothing held once the credit is taken back");
        }
    }

    /**
     * A document is freed on the instance that made it, from whichever thread closes it, while parses run on the
     * other instances.
     */
    @Test
    void documentsOfSeveralInstancesAreFreedWhereTheyWereMadeFromAnyThread() throws Exception {
        WasmBackend backend = backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 3);
        try (StandardEngine engine = engine(backend)) {
            int threads = 3;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<OcpDocument> docs = new ArrayList<>();
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<OcpDocument>>> parsed = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int seed = t;
                    parsed.add(pool.submit(() -> {
                        start.await();
                        List<OcpDocument> mine = new ArrayList<>();
                        for (int i = 0; i < 40; i++) {
                            mine.add(engine.parse(paragraphs(2_000 + 997 * ((i + seed) % 7)), DEFAULTS));
                        }
                        return mine;
                    }));
                }
                start.countDown();
                for (Future<List<OcpDocument>> f : parsed) {
                    docs.addAll(f.get(60, TimeUnit.SECONDS));
                }
                assertEquals(120, backend.liveAllocations());
                // Close them all from other threads, in an order unrelated to where they were made.
                List<Future<?>> closes = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t;
                    closes.add(pool.submit(() -> {
                        for (int i = first; i < docs.size(); i += threads) {
                            docs.get(i).close();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : closes) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            for (WasmInstance in : backend.instances()) {
                assertEquals(0, in.liveAllocations(), "instance #" + in.id + " got back every block it allocated");
                assertEquals(0, in.counters().liveBytes());
            }
            assertTrue(backend.instances().size() <= 3);
            assertEquals(0, engine.stats().liveDocuments());
        }
    }

    @Test
    void heapPerParseDoesNotGrowWithInputSize() {
        WasmBackend backend = backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 1);
        try (StandardEngine engine = engine(backend)) {
            byte[] small = paragraphs(4 << 10);
            byte[] big = paragraphs(1 << 20);
            // Grow linear memory to what the big input needs first: growth is a one-time cost per instance.
            engine.parse(big, DEFAULTS).close();
            ByteBuffer direct = ByteBuffer.allocateDirect(big.length).put(big).flip();
            long smallParse = heapPerParse(engine, ByteBuffer.wrap(small));
            long bigParse = heapPerParse(engine, ByteBuffer.wrap(big));
            long bigDirect = heapPerParse(engine, direct);
            assertTrue(bigParse - smallParse < 4096, () -> bigParse + " heap bytes to parse " + big.length + " bytes, "
                    + smallParse + " to parse " + small.length + ": the input or the payload is copied on the heap");
            assertTrue(bigDirect - smallParse < 4096, () -> bigDirect + " heap bytes to parse a direct buffer");
        }
    }

    private static long heapPerParse(StandardEngine engine, ByteBuffer in) {
        return HeapAllocation.bytesPerRun(1, () -> engine.parse(in, DEFAULTS).close());
    }

    /**
     * A trap (here: an arena reset at an address outside linear memory) retires the instance: the call fails with
     * INTERNAL, its documents stay readable, the pool makes a new instance, and once its last document is closed
     * the retired instance leaves the counters.
     */
    @Test
    void aTrapRetiresTheInstanceAndItsDocumentsStayReadable() {
        WasmBackend backend = backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 2);
        try (StandardEngine engine = engine(backend)) {
            WasmInstance in = backend.instances().get(0);
            OcpDocument survivor = engine.parse(utf8(TEXT), DEFAULTS);
            byte[] expected = copy(survivor);
            in.lock.lock();
            try {
                OcpException e = assertThrows(OcpException.class, () -> in.arenaReset(0x7FFF_FFF0));
                assertEquals(OcpException.Code.INTERNAL, e.code());
                assertNotNull(in.broken());
                OcpException again = assertThrows(OcpException.class,
                        () -> in.parse(0, ByteBuffer.wrap(utf8(TEXT)), DEFAULTS));
                assertTrue(again.getMessage().contains("out of service"), again::getMessage);
            } finally {
                in.lock.unlock();
            }
            assertArrayEquals(expected, copy(survivor), "a document of the retired instance is still readable");
            try (OcpDocument fresh = engine.parse(utf8(TEXT), DEFAULTS)) {
                assertArrayEquals(expected, copy(fresh));
            }
            assertTrue(backend.instances().size() >= 1);
            assertTrue(backend.instances().stream().anyMatch(i -> i != in && i.broken() == null),
                    "the pool made a working instance");
            survivor.close();
            assertFalse(backend.instances().contains(in), "retired and gone once its last document was closed");
            assertEquals(0, engine.stats().liveBytes());
        }
    }

    @Test
    void aThreadInterruptedBeforeAParseKeepsItsFlagAndItsInstance() {
        WasmBackend backend = backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 1);
        try (StandardEngine engine = engine(backend)) {
            Thread.currentThread().interrupt();
            try (OcpDocument doc = engine.parse(utf8(TEXT), DEFAULTS)) {
                assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is left for the caller");
                assertArrayEquals(reference(utf8(TEXT)), copy(doc));
            } finally {
                Thread.interrupted();
            }
            assertNull(backend.instances().get(0).broken(), "Chicory never saw the flag: the instance is fine");
        }
    }

    /** A closed engine lets go of its instances (their memory) and still reports what they counted. */
    @Test
    void aClosedEngineLetsGoOfItsInstancesAndKeepsTheirCounts() {
        WasmBackend backend = backend(EngineConfig.DEFAULT_MEMORY_LIMIT, 1);
        StandardEngine engine = engine(backend);
        engine.parse(paragraphs(50_000), DEFAULTS).close();
        OcpDocument open = engine.parse(utf8(TEXT), DEFAULTS);
        MemoryStats before = engine.stats();
        engine.close();
        assertTrue(open.isClosed(), "engine close freed the open document");
        assertEquals(List.of(), backend.instances(), "no instance, so no linear memory, is kept");
        MemoryStats after = engine.stats();
        assertEquals(0, after.liveBytes());
        assertEquals(before.allocations(), after.allocations(), "the counts of the dropped instances remain");
        assertEquals(after.allocations(), after.frees());
        assertTrue(after.peakBytes() >= before.peakBytes());
    }

    @Test
    void theInterpreterFallbackGivesTheSameBytes() {
        OcpWasm interpreted = OcpWasm.load(OcpWasm.INTERPRETER);
        assertNull(interpreted.machine);
        byte[] input = utf8(TEXT + "\n> quote\n\n```java\ncode\n```\n");
        try (StandardEngine engine = engine(new WasmBackend(interpreted, EngineConfig.DEFAULT_MEMORY_LIMIT, 1));
             OcpDocument doc = engine.parse(input, DEFAULTS)) {
            assertArrayEquals(reference(input), copy(doc));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OcpWasm.load("jit"));
        assertTrue(e.getMessage().contains("compiled") && e.getMessage().contains("interpreter"), e::getMessage);
    }

    /**
     * The interpreter keeps operand and frame stacks of its own per instance: an unwind through interpreted
     * frames must leave them as they were, so that the next calls run as if nothing had happened.
     */
    @Test
    void theInterpreterRecoversFromUnwindsToo() {
        OcpWasm interpreted = OcpWasm.load(OcpWasm.INTERPRETER);
        byte[] list = utf8("- a\n- b\n- c\n- d\n- e\n");
        byte[] expected = reference(list);
        WasmBackend backend = new WasmBackend(interpreted, EngineConfig.DEFAULT_MEMORY_LIMIT, 1);
        try (StandardEngine engine = engine(backend)) {
            WasmInstance in = backend.instances().get(0);
            int stack = in.stackPointer();
            for (int round = 0; round < 3; round++) {
                OcpException e = assertThrows(OcpException.class, () -> engine.parse(list, DEFAULTS.withMaxNodes(4)));
                assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code(), e::toString);
                assertEquals(round + 1, in.unwinds());
                assertEquals(stack, in.stackPointer());
                try (OcpDocument doc = engine.parse(list, DEFAULTS)) {
                    assertArrayEquals(expected, copy(doc), "an interpreted instance parses as before after an unwind");
                }
            }
            assertNull(in.broken());
            assertEquals(0, engine.stats().liveBytes());
        }
    }

    /** The C engine's limit, written by the host as the budget's lease, is the one the allocator reads. */
    @Test
    void theLeaseReachesTheCAllocator() {
        WasmBackend backend = backend(1L << 30, 1);
        try (StandardEngine engine = engine(backend)) {
            WasmInstance in = backend.instances().get(0);
            in.lock.lock();
            try {
                in.setLimit(123_456_789L);
                assertEquals(123_456_789L, in.cStats().limitBytes(), "ocp_stats_get reads back the limit the host wrote");
                in.setLimit(4096);
                OcpException e = assertThrows(OcpException.class,
                        () -> in.parse(0, ByteBuffer.wrap(paragraphs(100_000)), DEFAULTS));
                assertEquals(OcpException.Code.OUT_OF_MEMORY, e.code(), "the allocator enforces it");
                in.setLimit(0);
                assertEquals(1, in.cStats().limitBytes(), "never 0, which would mean no limit to the C core");
            } finally {
                in.lock.unlock();
            }
            assertEquals(0, engine.stats().liveBytes());
        }
    }
}
