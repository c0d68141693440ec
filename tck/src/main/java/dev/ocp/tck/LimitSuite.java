package dev.ocp.tck;

import dev.ocp.MemoryStats;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.PressureLevel;
import dev.ocp.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** promise 6 (docs/ownership.md): limits hold, fail with the right code, and leave nothing allocated. */
abstract class LimitSuite extends TckSuite {

    private static OcpException assertLimitExceeded(Subject s, String what, Executable parse) {
        MemoryStats before = s.stats();
        OcpException e = assertThrows(OcpException.class, parse, () -> what + " must fail");
        assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code(), () -> what + ": " + e);
        Stats.assertNothingLeftAllocated(before, s.stats(), "after " + what + " failed");
        return e;
    }

    @Test
    void inputOverMaxInputBytesIsRefusedWhateverItsForm() throws Exception {
        Subject s = open();
        byte[] in = Inputs.SAMPLE_BYTES;
        ParseOptions limit = ParseOptions.defaults().withMaxInputBytes(in.length - 1);
        ByteBuffer direct = ByteBuffer.allocateDirect(in.length);
        direct.put(in).flip();
        Path file = Files.createTempFile("ocp-tck", ".md");
        try {
            Files.write(file, in);
            assertLimitExceeded(s, "byte[] over maxInputBytes", () -> s.engine().parse(in, limit));
            assertLimitExceeded(s, "heap ByteBuffer over maxInputBytes",
                    () -> s.engine().parse(ByteBuffer.wrap(in), limit));
            assertLimitExceeded(s, "direct ByteBuffer over maxInputBytes", () -> s.engine().parse(direct, limit));
            assertLimitExceeded(s, "String over maxInputBytes", () -> s.engine().parse(Inputs.SAMPLE, limit));
            assertLimitExceeded(s, "file over maxInputBytes", () -> s.engine().parse(file, limit));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void inputOfExactlyMaxInputBytesIsAccepted() {
        Subject s = open();
        byte[] in = Inputs.SAMPLE_BYTES;
        try (OcpDocument doc = s.engine().parse(in, ParseOptions.defaults().withMaxInputBytes(in.length))) {
            assertEquals(in.length, doc.cursor().sourceLength(), "the limit is inclusive");
        }
    }

    @Test
    void maxNodesHoldsExactlyAtTheBoundary() {
        Subject s = open();
        byte[] in = Inputs.paragraphs(40);
        byte[] unlimited;
        int nodes;
        try (OcpDocument doc = s.parse(in)) {
            nodes = doc.nodeCount();
            unlimited = copy(doc);
        }
        assertTrue(nodes > 40, () -> "40 paragraphs make more than 40 nodes, not " + nodes);
        try (OcpDocument doc = s.engine().parse(in, ParseOptions.defaults().withMaxNodes(nodes))) {
            assertArrayEquals(unlimited, copy(doc), "a document of exactly maxNodes nodes is accepted unchanged");
        }
        assertLimitExceeded(s, "a document of " + nodes + " nodes with maxNodes " + (nodes - 1),
                () -> s.engine().parse(in, ParseOptions.defaults().withMaxNodes(nodes - 1)));
        assertLimitExceeded(s, "a document of " + nodes + " nodes with maxNodes 1",
                () -> s.engine().parse(in, ParseOptions.defaults().withMaxNodes(1)));
    }

    /** @return the longest chain of nested nodes of the given kinds in the document */
    private static int nesting(OcpDocument doc, Set<NodeKind> kinds) {
        OcpCursor c = doc.cursor();
        int deepest = 0;
        List<Integer> stack = new ArrayList<>();
        int run = 0;
        while (true) {
            boolean counted = kinds.contains(c.kind());
            if (counted) {
                run++;
                deepest = Math.max(deepest, run);
            }
            if (c.toFirstChild()) {
                stack.add(counted ? 1 : 0);
                continue;
            }
            if (counted) {
                run--;
            }
            while (!c.toNextSibling()) {
                if (stack.isEmpty()) {
                    return deepest;
                }
                c.toParent();
                run -= stack.remove(stack.size() - 1);
            }
        }
    }

    @Test
    void maxNestingDepthIsEnforced() {
        Subject s = open();
        int depth = 64;
        byte[] in = Inputs.ascii("a\n\n" + ">".repeat(depth) + " deep\n");
        try (OcpDocument doc = s.parse(in)) {
            int built = nesting(doc, Set.of(NodeKind.BLOCK_QUOTE));
            assumeTrue(built >= depth, () -> "engine '" + s.engine().name() + "' builds " + built + " nested block"
                    + " quotes from " + depth + " '>' (a conformance matter), so there is no nesting to limit yet");
        }
        OcpException e = assertLimitExceeded(s, depth + " nested block quotes with maxNestingDepth 16",
                () -> s.engine().parse(in, ParseOptions.defaults().withMaxNestingDepth(16)));
        // An engine need not know where a limit was crossed; one that says must name the line of the quotes.
        assertTrue(e.line() == 0 || e.line() == 3, () -> "the quotes nest on line 3, not " + e.line() + ": " + e);
    }

    @Test
    void maxInlineNestingIsEnforced() {
        Subject s = open();
        int depth = 64;
        // Each '*' opens before a letter and closes after one, so the runs can only pair up innermost first.
        byte[] in = Inputs.ascii("*a ".repeat(depth) + "x" + " a*".repeat(depth) + "\n");
        try (OcpDocument doc = s.parse(in)) {
            int built = nesting(doc, Set.of(NodeKind.EMPHASIS, NodeKind.STRONG));
            assumeTrue(built >= depth, () -> "engine '" + s.engine().name() + "' builds " + built + " nested"
                    + " emphasis nodes from " + depth + " nested pairs of '*' (a conformance matter), so there"
                    + " is no inline nesting to limit yet");
        }
        assertLimitExceeded(s, depth + " nested emphasis nodes with maxInlineNesting 16",
                () -> s.engine().parse(in, ParseOptions.defaults().withMaxInlineNesting(16)));
    }

    @Test
    void memoryLimitFailsWithOutOfMemoryAndLeavesNothing() {
        long limit = 64 << 10;
        Subject s = open(EngineConfig.defaults().withMemoryLimit(limit));
        byte[] big = Inputs.hugeLine(1 << 20);
        MemoryStats before = s.stats();
        assertEquals(limit, before.limitBytes(), "stats report the configured limit");
        OcpException e = assertThrows(OcpException.class, () -> s.parse(big),
                "a 1 MiB document cannot fit a 64 KiB memory limit");
        assertEquals(OcpException.Code.OUT_OF_MEMORY, e.code(), e::toString);
        MemoryStats after = s.stats();
        Stats.assertNothingLeftAllocated(before, after, "after a parse failed on the memory limit");
        assertTrue(after.peakBytes() <= limit, () -> "the limit was never crossed, not even at the peak: " + after);
        try (OcpDocument small = s.parse("still *usable*\n")) {
            assertNull(Payloads.problem(small, "still *usable*\n".length(), small.dialect()),
                    "the engine still works after refusing a document");
        }
    }

    /**
     * Eight threads parse against a limit a few documents wide, each keeping its last two documents open: every
     * parse gives a whole document or fails with {@code OUT_OF_MEMORY} (some must: each thread holds two documents
     * until every thread has made its two), the peak never passes the limit (however the engine counts per thread,
     * {@code MemoryStats} documents no bound beyond it), and once every document is closed nothing is left.
     */
    @Test
    void eightThreadsParsingAgainstATightLimitNeverCrossIt() throws Exception {
        byte[] in = Inputs.hugeLine(16 << 10);
        // What one open document holds: the peak would not do, as it counts the credit a thread reserves ahead
        // (MemoryStats), 64 KiB and more under the default limit, which a tight limit shrinks to its 64th part.
        long held;
        {
            Subject probe = open();
            MemoryStats idle = probe.stats();
            try (OcpDocument doc = probe.parse(in)) {
                held = probe.stats().liveBytes() - idle.liveBytes();
            }
        }
        assertTrue(held > 0, "an open document holds memory");
        long limit = 4 * held;
        Subject s = open(EngineConfig.defaults().withMemoryLimit(limit));
        MemoryStats before = s.stats();
        int threads = 8;
        int parses = 40;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.atomic.AtomicInteger whole = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        // Every thread holds the documents of its first two parses until all have made them: sixteen wanted at once
        // where four fit, so refusals are certain, not left to how the threads happen to overlap.
        java.util.concurrent.CyclicBarrier holding = new java.util.concurrent.CyclicBarrier(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    java.util.ArrayDeque<OcpDocument> open = new java.util.ArrayDeque<>();
                    try {
                        for (int i = 0; i < parses; i++) {
                            if (i == 2) {
                                holding.await(1, java.util.concurrent.TimeUnit.MINUTES);
                            }
                            try {
                                OcpDocument doc = s.parse(in);
                                String problem = Payloads.problem(doc, in.length, doc.dialect());
                                if (problem != null) {
                                    problems.add(problem);
                                }
                                whole.incrementAndGet();
                                open.add(doc);
                            } catch (OcpException e) {
                                if (e.code() != OcpException.Code.OUT_OF_MEMORY) {
                                    problems.add(e.toString());
                                }
                                refused.incrementAndGet();
                            }
                            if (open.size() > 2) {
                                open.remove().close();
                            }
                        }
                    } finally {
                        open.forEach(OcpDocument::close);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> f : done) {
                f.get(5, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        MemoryStats after = s.stats();
        assertEquals(List.of(), problems, "each parse gives a whole document or fails with OUT_OF_MEMORY");
        assertTrue(whole.get() > 0, () -> "a limit four documents wide lets some through: " + refused + " refused");
        long limitShown = limit;
        assertTrue(refused.get() > 0, () -> "sixteen documents held at once where four fit, yet nothing was refused: "
                + whole + " parsed against a limit of " + limitShown + " bytes; " + after);
        assertTrue(after.peakBytes() <= limit, () -> threads + " threads against a limit of " + limit
                + " bytes (four parses' need) never pass it, not even at the peak: " + after);
        Stats.assertNothingLeftAllocated(before, after, "after " + threads + " threads closed every document");
    }

    /**
     * The limit holds for small documents as for large ones: an engine may parse them another way (the default
     * engine, {@code auto}, routes them to the pure-Java parser with a part of the limit), and the other checks of
     * the limit parse documents of kilobytes. One-line documents are parsed and kept open against a limit a few
     * hundred of them wide: live bytes never pass it, the peak neither, a parse is refused with
     * {@code OUT_OF_MEMORY} well before the documents' own bytes are four times the limit, and closing them all
     * leaves nothing.
     */
    @Test
    void smallDocumentsHeldOpenAreRefusedAtTheLimit() {
        byte[] in = Inputs.ascii("# Small\n\nA line with *emphasis*, `code` and a [link](https://example.com).\n");
        long held;
        long payload;
        {
            Subject probe = open();
            MemoryStats idle = probe.stats();
            try (OcpDocument doc = probe.parse(in)) {
                held = probe.stats().liveBytes() - idle.liveBytes();
                payload = doc.bytes().remaining();
            }
        }
        assertTrue(held > 0 && payload > 0, "an open document holds memory");
        // Room for a parse's working memory on engines that count it, and for a few hundred documents.
        long limit = Math.max(256 * held, 256 << 10);
        // Every engine holds at least a document's payload while it is open.
        long enough = 4 * limit / payload + 16;
        Subject s = open(EngineConfig.defaults().withMemoryLimit(limit));
        MemoryStats before = s.stats();
        List<OcpDocument> open = new ArrayList<>();
        OcpException refusal = null;
        try {
            while (refusal == null && open.size() < enough) {
                try {
                    OcpDocument doc = s.parse(in);
                    open.add(doc);
                    String problem = Payloads.problem(doc, in.length, doc.dialect());
                    assertNull(problem, problem);
                    long live = s.stats().liveBytes();
                    assertTrue(live <= limit, () -> open.size() + " small documents hold " + live
                            + " bytes, over the limit of " + limit);
                } catch (OcpException e) {
                    refusal = e;
                }
            }
            int kept = open.size();
            assertTrue(refusal != null, () -> kept + " documents of " + in.length + " bytes (payloads of " + payload
                    + ") open against a limit of " + limit + " bytes, and none was refused: " + s.stats());
            assertEquals(OcpException.Code.OUT_OF_MEMORY, refusal.code(), refusal::toString);
            assertTrue(kept > 0, () -> "a limit of " + limit + " bytes takes at least one small document");
            MemoryStats full = s.stats();
            assertTrue(full.peakBytes() <= limit, () -> "the limit was never crossed, not even at the peak: " + full);
        } finally {
            open.forEach(OcpDocument::close);
        }
        Stats.assertNothingLeftAllocated(before, s.stats(), "after every small document was closed");
        try (OcpDocument again = s.parse(in)) {
            assertNull(Payloads.problem(again, in.length, again.dialect()), "the engine parses again once they are");
        }
    }

    @Test
    void pressureListenerHearsEveryLevelChange() {
        byte[] in = Inputs.hugeLine(16 << 10);
        long footprint;
        long transientPeak;
        {
            Subject probe = open();
            MemoryStats idle = probe.stats();
            OcpDocument doc = probe.parse(in);
            MemoryStats one = probe.stats();
            footprint = one.liveBytes() - idle.liveBytes();
            // What a parse holds at its peak (working memory as well as the payload, on engines that count it).
            transientPeak = Math.max(footprint, one.peakBytes() - idle.liveBytes());
            doc.close();
        }
        assertTrue(footprint > 0, "a document takes memory");
        // A limit of at least 10 documents, and 4 parses' peak: enough documents to reach 75% are then parsed
        // with room for the last parse's working memory, and one document is at most 10%, so the level goes
        // from MEDIUM to HIGH before CRITICAL.
        long limit = Math.max(footprint * 10, transientPeak * 4);
        long count = (limit * 3 + 4 * footprint - 1) / (4 * footprint);
        Subject s = open(EngineConfig.defaults().withMemoryLimit(limit));
        List<PressureLevel> observed = new ArrayList<>();
        observed.add(s.stats().pressure());
        List<OcpDocument> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            docs.add(s.parse(in));
            observed.add(s.stats().pressure());
        }
        for (int i = docs.size() - 1; i >= 0; i--) {
            docs.get(i).close();
            observed.add(s.stats().pressure());
        }
        assertTrue(observed.contains(PressureLevel.HIGH), () -> count + " documents of " + footprint + " bytes under a"
                + " limit of " + limit + " reach HIGH: " + observed);
        assertEquals(PressureLevel.LOW, observed.get(observed.size() - 1), () -> "closing every document brings the"
                + " pressure back to LOW: " + observed);
        List<String> expectedChanges = new ArrayList<>();
        for (int i = 1; i < observed.size(); i++) {
            if (observed.get(i) != observed.get(i - 1)) {
                expectedChanges.add(observed.get(i - 1) + "->" + observed.get(i));
            }
        }
        List<String> heard = new ArrayList<>();
        for (Recorder.Pressure p : s.heard().pressure()) {
            heard.add(p.from() + "->" + p.to());
            assertEquals(p.to(), p.stats().pressure(), () -> "the stats handed to the listener show the new level: " + p);
        }
        assertEquals(expectedChanges, heard, "the listener hears each change of level once, in order");
    }
}
