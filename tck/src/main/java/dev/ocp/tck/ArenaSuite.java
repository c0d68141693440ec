package dev.ocp.tck;

import dev.ocp.Capability;
import dev.ocp.Dialect;
import dev.ocp.LeakReport;
import dev.ocp.MemoryStats;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arenas: bulk ownership with constant-time reset. Applies to engines with {@link Capability#ARENAS}. */
abstract class ArenaSuite extends TckSuite {
    private static final long CAPACITY = 1 << 20;

    private Subject s;

    @BeforeEach
    void requireArenas() {
        s = open();
        assumeCapability(s, Capability.ARENAS);
    }

    @Test
    void arenaHoldsManyDocumentsEqualToPlainOnes() {
        MemoryStats before = s.stats();
        List<byte[]> inputs = Inputs.generated(31, 20);
        List<OcpDocument> docs = new ArrayList<>();
        try (OcpArena arena = s.engine().newArena(CAPACITY)) {
            assertEquals(CAPACITY, arena.capacityBytes());
            long used = arena.usedBytes();
            for (byte[] in : inputs) {
                docs.add(arena.parse(in, ParseOptions.defaults()));
                assertTrue(arena.usedBytes() > used, "each document takes room in the arena");
                used = arena.usedBytes();
            }
            assertTrue(used <= CAPACITY, () -> "used " + arena.usedBytes() + " of " + CAPACITY);
            assertEquals(before.liveDocuments() + inputs.size(), s.stats().liveDocuments(),
                    "arena documents are live documents");
            for (int i = 0; i < inputs.size(); i++) {
                OcpDocument doc = docs.get(i);
                byte[] in = inputs.get(i);
                assertNull(Payloads.problem(doc, in.length, Dialect.COMMONMARK));
                try (OcpDocument plain = s.parse(in)) {
                    assertArrayEquals(copy(plain), copy(doc), () -> "arena and plain payloads of the same input "
                            + Inputs.describe(in) + " are identical");
                }
            }
        }
        Stats.assertNothingLeftAllocated(before, s.stats(), "after the arena was closed");
    }

    @Test
    void resetFreesEveryDocumentAtOnce() {
        MemoryStats before = s.stats();
        try (OcpArena arena = s.engine().newArena(CAPACITY)) {
            MemoryStats empty = s.stats();
            List<OcpDocument> old = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                old.add(arena.parse(Inputs.SAMPLE_BYTES, ParseOptions.defaults()));
            }
            arena.reset();
            assertEquals(0, arena.usedBytes(), "reset empties the arena");
            assertEquals(empty.liveDocuments(), s.stats().liveDocuments(), "reset frees every document of the arena");
            assertEquals(empty.liveBytes(), s.stats().liveBytes(), "reset returns the live bytes to the empty arena's");
            for (OcpDocument doc : old) {
                assertTrue(doc.isClosed(), "documents from before a reset are closed");
                assertThrows(IllegalStateException.class, doc::bytes, "documents from before a reset throw");
                assertThrows(IllegalStateException.class, doc::cursor);
            }
            OcpDocument fresh = arena.parse(Inputs.SAMPLE_BYTES, ParseOptions.defaults());
            assertNull(Payloads.problem(fresh, Inputs.SAMPLE_BYTES.length, Dialect.COMMONMARK));
            assertThrows(IllegalStateException.class, old.get(0)::bytes,
                    "an old document stays dead though its memory was reused");
        }
        Stats.assertNothingLeftAllocated(before, s.stats(), "after the arena was closed");
    }

    @Test
    void arenaCloseFreesItsRegionOnce() {
        MemoryStats before = s.stats();
        OcpArena arena = s.engine().newArena(CAPACITY);
        List<OcpDocument> docs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            docs.add(arena.parse(Inputs.SAMPLE_BYTES, ParseOptions.defaults()));
        }
        arena.close();
        MemoryStats closed = s.stats();
        Stats.assertNothingLeftAllocated(before, closed, "right after arena close() returned");
        for (OcpDocument doc : docs) {
            assertThrows(IllegalStateException.class, doc::bytes, "documents of a closed arena throw");
        }
        arena.close();
        assertEquals(closed, s.stats(), "a second arena close changes nothing");
        OcpException e = assertThrows(OcpException.class,
                () -> arena.parse(Inputs.SAMPLE_BYTES, ParseOptions.defaults()), "parsing into a closed arena");
        assertEquals(OcpException.Code.CLOSED, e.code(), e::toString);
        OcpException reset = assertThrows(OcpException.class, arena::reset, "resetting a closed arena");
        assertEquals(OcpException.Code.CLOSED, reset.code(), reset::toString);
        assertEquals(List.of(), s.leaks(), "a closed arena is not a leak");
    }

    @Test
    void arenaCapacityExceededFailsWithOutOfMemoryAndKeepsWhatItHad() {
        try (OcpArena arena = s.engine().newArena(8 << 10)) {
            OcpDocument small = arena.parse(Inputs.SAMPLE_BYTES, ParseOptions.defaults());
            byte[] smallBytes = copy(small);
            long used = arena.usedBytes();
            MemoryStats before = s.stats();
            OcpException e = assertThrows(OcpException.class,
                    () -> arena.parse(Inputs.hugeLine(64 << 10), ParseOptions.defaults()));
            assertEquals(OcpException.Code.OUT_OF_MEMORY, e.code(), e::toString);
            assertEquals(used, arena.usedBytes(), "a failed parse takes no room in the arena");
            Stats.assertNothingLeftAllocated(before, s.stats(), "after a parse failed for lack of arena room");
            assertArrayEquals(smallBytes, copy(small), "documents already in the arena are untouched");
        }
    }

    @Test
    void parseLimitsHoldInArenas() {
        try (OcpArena arena = s.engine().newArena(CAPACITY)) {
            long used = arena.usedBytes();
            MemoryStats before = s.stats();
            OcpException tooMany = assertThrows(OcpException.class,
                    () -> arena.parse(Inputs.paragraphs(50), ParseOptions.defaults().withMaxNodes(10)));
            assertEquals(OcpException.Code.LIMIT_EXCEEDED, tooMany.code(), tooMany::toString);
            OcpException tooBig = assertThrows(OcpException.class,
                    () -> arena.parse(ByteBuffer.wrap(Inputs.SAMPLE_BYTES), ParseOptions.defaults().withMaxInputBytes(10)));
            assertEquals(OcpException.Code.LIMIT_EXCEEDED, tooBig.code(), tooBig::toString);
            assertEquals(used, arena.usedBytes(), "failed parses take no room in the arena");
            Stats.assertNothingLeftAllocated(before, s.stats(), "after parses into an arena failed on limits");
        }
    }

    /** Creates an arena with documents and drops all of it without closing. */
    static void createAndDropArena(OcpEngine engine) {
        OcpArena arena = engine.newArena(CAPACITY);
        arena.parse(Inputs.SAMPLE_BYTES, ParseOptions.defaults());
        arena.parse(Inputs.SAMPLE_BYTES, ParseOptions.defaults());
    }

    @Test
    void droppedArenaIsFreedAndReportedAsLeak() {
        kit().expectLeftovers(s);
        MemoryStats before = s.stats();
        createAndDropArena(s.engine());
        Gc.await("the dropped arena to be reported", () -> !s.leaks().isEmpty());
        Gc.await("the dropped arena's documents to be freed",
                () -> s.stats().liveDocuments() == before.liveDocuments());
        Gc.settle(() -> s.stats().liveBytes() - before.liveBytes());
        List<LeakReport> leaks = s.leaks();
        assertEquals(1, leaks.size(), () -> "one report for one dropped arena: " + leaks);
        assertEquals(LeakReport.Cause.UNREACHABLE, leaks.get(0).cause());
        assertTrue(leaks.get(0).payloadBytes() > 0);
        Stats.assertNothingLeftAllocated(before, s.stats(), "after the safety net freed a dropped arena");
    }

    @Test
    void closingAnArenaDocumentKeepsItsRoomUntilReset() {
        try (OcpArena arena = s.engine().newArena(CAPACITY)) {
            OcpDocument first = arena.parse(Inputs.SAMPLE_BYTES, ParseOptions.defaults());
            OcpDocument second = arena.parse("# second\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    ParseOptions.defaults());
            byte[] secondBytes = copy(second);
            long used = arena.usedBytes();
            first.close();
            first.close();
            assertTrue(first.isClosed());
            assertThrows(IllegalStateException.class, first::bytes, "a closed arena document throws");
            assertFalse(second.isClosed(), "closing one arena document leaves the others open");
            assertArrayEquals(secondBytes, copy(second));
            assertEquals(used, arena.usedBytes(), "an arena document's room comes back only at reset");
        }
    }
}
