package dev.ocp.tck;

import dev.ocp.Capability;
import dev.ocp.NodeKind;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpNode;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Safe by construction (docs/ownership.md, promises 11 to 13): the mistakes people make with an API like this one end
 * in an exception or in the right answer, never in another document's bytes. A view of a document's memory kept past
 * {@code close()} or past its arena's reset, an arena handed to a thread pool, a node kept from a walk.
 */
abstract class MisuseSuite extends TckSuite {
    private static final int KEPT = 600;
    private static final int AFTER = 900;
    private static final int THREADS = 4;
    private static final int PARSES_PER_THREAD = 500;

    /** A document found nowhere else: its heading names it. */
    private static byte[] unique(String who, int i) {
        return ("# " + who + "-doc-" + i + "\n\nbody of " + who + " " + i + " " + "x".repeat(i % 97) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A view and what it showed when it was taken. */
    private record Kept(ByteBuffer view, byte[] expected, String what) {
    }

    /**
     * Every view kept past close either still shows what it showed, or throws {@link IllegalStateException} (engines
     * with {@link Capability#SCOPED_VIEWS}); after a churn of other documents through the same engine, whose memory
     * would be the freed documents' if anything reused it.
     */
    private static void assertKeptViewsShowTheirOwnBytes(List<Kept> kept) {
        int checked = 0;
        for (Kept k : kept) {
            byte[] now = new byte[k.expected.length];
            try {
                k.view.duplicate().get(now);
            } catch (IllegalStateException revoked) {
                continue;
            }
            checked++;
            assertArrayEquals(k.expected, now, () -> k.what + " kept past close shows other bytes than its own");
        }
        if (checked < kept.size()) {
            assertTrue(checked == 0, "either every kept view is revoked (scoped views) or none is: " + checked
                    + " of " + kept.size() + " could be read");
        }
    }

    @Test
    void viewsKeptPastCloseShowTheirOwnDocumentOrThrow() {
        Subject s = open();
        List<Kept> kept = new ArrayList<>();
        for (int i = 0; i < KEPT; i++) {
            try (OcpDocument doc = s.parse(unique("kept", i))) {
                ByteBuffer view = doc.bytes();
                kept.add(new Kept(view, copy(view), "the bytes() view of document " + i));
                OcpNode text = firstOf(doc, NodeKind.TEXT);
                ByteBuffer slice = text.bytes(OcpNode.Field.LITERAL);
                kept.add(new Kept(slice, copy(slice), "a string slice of document " + i));
            }
        }
        churn(s);
        assertKeptViewsShowTheirOwnBytes(kept);
    }

    @Test
    void viewsKeptPastAnArenaResetShowTheirOwnDocumentOrThrow() {
        Subject s = open();
        assumeCapability(s, Capability.ARENAS);
        List<Kept> kept = new ArrayList<>();
        try (OcpArena arena = s.engine().newArena(1 << 20)) {
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < KEPT / 4; i++) {
                    OcpDocument doc = arena.parse(unique("arena" + round, i), ParseOptions.defaults());
                    if (i % 2 == 0) {
                        ByteBuffer view = doc.bytes();
                        kept.add(new Kept(view, copy(view), "the bytes() view of arena document " + round + "/" + i));
                    } else {
                        ByteBuffer slice = firstOf(doc, NodeKind.TEXT).bytes(OcpNode.Field.LITERAL);
                        kept.add(new Kept(slice, copy(slice), "a string slice of arena document " + round + "/" + i));
                    }
                }
                arena.reset();
                for (int i = 0; i < KEPT / 4; i++) {
                    arena.parse(unique("arena-churn" + round, i), ParseOptions.defaults());
                }
                arena.reset();
            }
        }
        churn(s);
        assertKeptViewsShowTheirOwnBytes(kept);
    }

    /** Other documents through the same engine, some closed and some held, as a server's next requests would be. */
    private static void churn(Subject s) {
        List<OcpDocument> held = new ArrayList<>();
        for (int i = 0; i < AFTER; i++) {
            OcpDocument doc = s.parse(unique("other", i));
            if (i % 3 == 0) {
                held.add(doc);
            } else {
                doc.close();
            }
        }
        held.forEach(OcpDocument::close);
    }

    private static OcpNode firstOf(OcpDocument doc, NodeKind kind) {
        AtomicReference<OcpNode> found = new AtomicReference<>();
        doc.walk(node -> {
            if (found.get() == null && node.kind() == kind) {
                found.set(doc.node(node.index()));
            }
            return found.get() == null;
        });
        assertNotNull(found.get(), () -> "the document has a " + kind);
        return found.get();
    }

    @Test
    @Timeout(60)
    void aConfinedArenaRefusesEveryOtherThread() throws Exception {
        Subject s = open();
        assumeCapability(s, Capability.ARENAS);
        try (OcpArena arena = s.engine().newArena(1 << 20)) {
            assertFalse(arena.isShared(), "newArena makes a confined arena");
            OcpDocument mine = arena.parse(unique("mine", 1), ParseOptions.defaults());
            String html = mine.toHtml();
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                for (Callable<?> misuse : List.<Callable<?>>of(
                        () -> arena.parse(unique("theirs", 1), ParseOptions.defaults()),
                        () -> arena.parse(ByteBuffer.wrap(unique("theirs", 2)), ParseOptions.defaults()),
                        () -> {
                            arena.reset();
                            return null;
                        },
                        () -> {
                            arena.close();
                            return null;
                        })) {
                    Future<?> f = other.submit(misuse);
                    Throwable t = assertThrows(java.util.concurrent.ExecutionException.class,
                            () -> f.get(30, TimeUnit.SECONDS)).getCause();
                    assertTrue(t instanceof IllegalStateException, () -> "another thread's use of a confined arena "
                            + "throws IllegalStateException, not " + t);
                }
                assertEquals(html, other.submit((Callable<String>) mine::toHtml).get(30, TimeUnit.SECONDS),
                        "a document of a confined arena reads the same on any thread");
                assertFalse(mine.isClosed(), "the refused calls changed nothing");
            } finally {
                other.shutdownNow();
            }
        }
    }

    @Test
    @Timeout(120)
    void aSharedArenaServesAThreadPoolWithoutMixingDocumentsUp() throws Exception {
        Subject s = open();
        assumeCapability(s, Capability.ARENAS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (OcpArena arena = s.engine().newSharedArena(64L << 20)) {
            assertTrue(arena.isShared(), "newSharedArena makes a shared arena");
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String who = "t" + t;
                done.add(pool.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < PARSES_PER_THREAD; i++) {
                        byte[] input = unique(who, i);
                        OcpDocument doc = arena.parse(input, ParseOptions.defaults());
                        String html = doc.toHtml();
                        try (OcpDocument plain = s.parse(input)) {
                            if (!html.equals(plain.toHtml())) {
                                wrong++;
                            }
                        }
                    }
                    return wrong;
                }));
            }
            int wrong = 0;
            for (Future<Integer> f : done) {
                wrong += f.get(100, TimeUnit.SECONDS);
            }
            assertEquals(0, wrong, "documents parsed into a shared arena by " + THREADS + " threads at once are each "
                    + "their own input's");
            arena.reset();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Three sections, each a heading and a paragraph with emphasis: levels 1, 2, 3 and texts that name them. */
    private static final String SECTIONS = "# one\n\nfirst *a*\n\n## two\n\nsecond *b*\n\n### three\n\nthird *c*\n";

    /**
     * The first thing a commonmark-java user does, collect the headings of a walk into a list and read them after the
     * walk, and its obvious variants (read them at the document's exit; read the heading a text is in; read the node
     * just before): whatever is kept of a walk either answers for its own node or throws; never for another node.
     * {@code document.node(index)} is the way to keep one, and answers for it.
     */
    @Test
    void nodesKeptFromAWalkAnswerForThemselvesOrThrow() {
        Subject s = open();
        try (OcpDocument doc = s.parse(SECTIONS)) {
            List<OcpNode> kept = new ArrayList<>();
            List<OcpNode> looked = new ArrayList<>();
            List<Integer> levels = new ArrayList<>();
            AtomicReference<String> wrong = new AtomicReference<>();
            doc.walk(new dev.ocp.OcpVisitor() {
                OcpNode heading;
                OcpNode previous;
                NodeKind previousKind;

                @Override
                public boolean enter(OcpNode node) {
                    NodeKind kind = node.kind();
                    if (previous != null) {
                        // the node the walk left last, just before this one: its sibling
                        answersForItselfOrThrows(previous, previousKind, -1, wrong);
                    }
                    if (kind == NodeKind.HEADING) {
                        kept.add(node);
                        looked.add(doc.node(node.index()));
                        levels.add(node.headingLevel());
                        heading = node;
                    } else if (kind == NodeKind.TEXT && heading != null) {
                        answersForItselfOrThrows(heading, NodeKind.HEADING, levels.get(levels.size() - 1), wrong);
                    }
                    return true;
                }

                @Override
                public void exit(OcpNode node) {
                    if (node.kind() == NodeKind.DOCUMENT) {
                        for (int i = 0; i < kept.size(); i++) {
                            answersForItselfOrThrows(kept.get(i), NodeKind.HEADING, levels.get(i), wrong);
                        }
                    } else if (node.kind() == NodeKind.HEADING) {
                        heading = null;
                    }
                    previous = node;
                    previousKind = node.kind();
                }
            });
            assertEquals(null, wrong.get());
            assertEquals(List.of(1, 2, 3), levels, "the walk saw three headings");
            for (int i = 0; i < kept.size(); i++) {
                AtomicReference<String> after = new AtomicReference<>();
                answersForItselfOrThrows(kept.get(i), NodeKind.HEADING, levels.get(i), after);
                assertEquals(null, after.get(), "a node kept past its walk");
                assertEquals(NodeKind.HEADING, looked.get(i).kind(), "document.node(index) keeps its node");
                assertEquals(i + 1, looked.get(i).headingLevel(), "document.node(index) keeps its node");
            }
        }
    }

    @Test
    void aNodeKeptFromACursorStaysWhereItWas() {
        Subject s = open();
        OcpDocument doc = s.parse(SECTIONS);
        {
            dev.ocp.OcpCursor cursor = doc.cursor();
            assertTrue(cursor.toFirstChild(), "the document has children");
            List<OcpNode> kept = new ArrayList<>();
            do {
                kept.add(cursor.node());
            } while (cursor.toNextSibling());
            assertEquals(6, kept.size(), "three headings and three paragraphs");
            for (int i = 0; i < kept.size(); i++) {
                OcpNode node = kept.get(i);
                if (i % 2 == 0) {
                    assertEquals(NodeKind.HEADING, node.kind(), "the node kept at child " + i);
                    assertEquals(i / 2 + 1, node.headingLevel(), "the node kept at child " + i);
                } else {
                    assertEquals(NodeKind.PARAGRAPH, node.kind(), "the node kept at child " + i);
                }
            }
            doc.close();
            for (OcpNode node : kept) {
                assertThrows(IllegalStateException.class, node::kind, "a kept node of a closed document throws");
            }
        }
    }

    /**
     * Records in {@code wrong} if {@code node} neither throws nor answers as the node it was: of {@code kind}, and of
     * heading level {@code level} unless that is negative.
     */
    private static void answersForItselfOrThrows(OcpNode node, NodeKind kind, int level, AtomicReference<String> wrong) {
        try {
            NodeKind now = node.kind();
            int nowLevel = node.headingLevel();
            if (now != kind || (level >= 0 && nowLevel != level)) {
                wrong.compareAndSet(null, "a node kept as a " + kind + " of level " + level + " answered as a " + now
                        + " of level " + nowLevel);
            }
        } catch (IllegalStateException expected) {
            // a node used outside its visit may throw
        }
    }

    /**
     * Threads an engine starts (for its safety net, its pools, anything) are daemons, so that they never keep a JVM
     * from exiting, and stop when interrupted, as an application server asks them to when it undeploys an
     * application (docs/ownership.md, promise 14).
     */
    @Test
    @Timeout(120)
    void threadsTheEngineStartsAreDaemonsThatStopWhenInterrupted() throws Exception {
        java.util.Set<Thread> before = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
        Subject s = open();
        kit().expectLeftovers(s); // drops documents on purpose, and counts their leak reports below
        for (int i = 0; i < 200; i++) {
            OcpDocument doc = s.parse(unique("thread", i));
            if (i % 10 != 0) {
                doc.close();
            }
            // every tenth is dropped unclosed: the safety net's work, which may need a thread
        }
        Gc.settle(() -> s.engine().stats().liveDocuments());
        List<Thread> started = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive() && t != Thread.currentThread()) {
                started.add(t);
            }
        }
        for (Thread t : started) {
            assertTrue(t.isDaemon(), () -> "thread '" + t.getName() + "', started while the engine parsed, is not a "
                    + "daemon: it would keep the JVM from exiting");
        }
        for (Thread t : started) {
            t.interrupt();
        }
        for (Thread t : started) {
            t.join(TimeUnit.SECONDS.toMillis(20));
            assertFalse(t.isAlive(), () -> "thread '" + t.getName() + "' is still alive 20 s after it was interrupted"
                    + ": an application server undeploying the application would wait on it");
        }
        // Interrupted or not, the engine goes on working: its documents are freed as before.
        OcpDocument dropped = s.parse(unique("after", 0));
        assertFalse(dropped.isClosed());
        dropped = null;
        Gc.await("a document dropped after the engine's threads were interrupted is freed",
                () -> s.engine().stats().liveDocuments() == 0);
        // The net frees a document before it reports it (on its own thread): the last report may follow the free.
        Gc.settle(() -> 21 - s.leaks().size());
        assertEquals(21, s.leaks().size(), "each dropped document was freed by the safety net and reported once");
        s.engine().close();
        assertTrue(Gc.settle(() -> s.engine().stats().liveBytes()), () -> "every byte was given back once the "
                + "engine closed: " + s.engine().stats());
    }

    /** How long the threads an engine started may take to end once it is closed and nothing is left for them. */
    private static final long IDLE_END_SECONDS = 20;

    /**
     * Threads an engine starts carry no context class loader, and end by themselves once the engine is closed and
     * nothing is left for them, without being asked (docs/ownership.md, promise 14): an application that closes its
     * engine and goes away leaves no thread behind, and none that holds its class loader (an application server's
     * loader of an undeployed application, with every class it loaded, could not be collected while such a thread
     * lives). Documents are dropped as well as closed, so that the safety net has work, which may need a thread.
     */
    @Test
    @Timeout(120)
    void threadsTheEngineStartsPinNoClassLoaderAndEndOnceItIsClosed() throws Exception {
        java.util.Set<Thread> before = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
        Subject s = open();
        kit().expectLeftovers(s); // drops documents on purpose, and waits for the net to free them below
        for (int i = 0; i < 50; i++) {
            OcpDocument doc = s.parse(unique("idle", i));
            if (i % 10 != 0) {
                doc.close();
            }
        }
        Gc.await("the dropped documents to be freed", () -> s.engine().stats().liveDocuments() == 0);
        Gc.settle(() -> 5 - s.leaks().size());
        List<Thread> started = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.isAlive() && t != Thread.currentThread()) {
                started.add(t);
            }
        }
        for (Thread t : started) {
            ClassLoader loader = t.getContextClassLoader();
            assertTrue(loader == null, () -> "thread '" + t.getName() + "', started while the engine parsed, carries "
                    + "the context class loader " + loader + ": it keeps that loader and every class it loaded from "
                    + "being collected for as long as the thread lives");
        }
        s.engine().close();
        for (Thread t : started) {
            t.join(TimeUnit.SECONDS.toMillis(IDLE_END_SECONDS));
            assertFalse(t.isAlive(), () -> "thread '" + t.getName() + "' is still alive " + IDLE_END_SECONDS + " s"
                    + " after its engine closed with nothing left for it: an application that closed its engine and"
                    + " went away would leave it behind");
        }
    }

    @Test
    void unsafeBytesIsTheSameMemoryAsBytes() {
        Subject s = open();
        try (OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES)) {
            ByteBuffer unsafe = doc.unsafeBytes();
            assertTrue(unsafe.isReadOnly(), "unsafeBytes() is read-only");
            assertEquals(java.nio.ByteOrder.LITTLE_ENDIAN, unsafe.order(), "unsafeBytes() is little-endian");
            ByteBuffer kept = doc.bytes();
            assertArrayEquals(copy(kept), copy(unsafe), "unsafeBytes() shows the payload bytes() shows");
            if (Memory.canLocate()) {
                long apart = Memory.offsetOf(kept, unsafe);
                assertEquals(0, apart, () -> apart == Long.MIN_VALUE ? "unsafeBytes() and bytes() are different"
                        + " memory: one of them is a copy" : "unsafeBytes() starts " + apart + " bytes from bytes()");
            }
        }
    }
}
