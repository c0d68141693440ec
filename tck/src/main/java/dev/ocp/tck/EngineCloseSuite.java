package dev.ocp.tck;

import dev.ocp.Capability;
import dev.ocp.LeakReport;
import dev.ocp.MemoryStats;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** promise 9 (docs/ownership.md): what engine close does to what is still open, and to the engine. */
abstract class EngineCloseSuite extends TckSuite {
    /** Its checks drop documents, or close engines with documents open, on purpose. */
    @Override
    boolean leavesLeftovers() {
        return true;
    }


    @Test
    void engineCloseFreesAndReportsOpenDocuments() {
        Subject s = open();
        OcpDocument closedA = s.parse(Inputs.SAMPLE_BYTES);
        OcpDocument open1 = s.parse(Inputs.SAMPLE_BYTES);
        OcpDocument open2 = s.parse("# two\n");
        OcpDocument closedB = s.parse("three\n");
        OcpDocument open3 = s.parse("");
        closedA.close();
        closedB.close();
        s.engine().close();
        List<LeakReport> leaks = s.leaks();
        assertEquals(3, leaks.size(), () -> "each of the 3 open documents is reported, the 2 closed ones not: " + leaks);
        Set<Long> ids = new HashSet<>();
        for (LeakReport r : leaks) {
            assertEquals(LeakReport.Cause.ENGINE_CLOSED, r.cause(), r::toString);
            assertEquals(s.engine().name(), r.engine());
            assertTrue(r.payloadBytes() > 0, r::toString);
            assertTrue(ids.add(r.documentId()), () -> "reported twice: " + r);
        }
        for (OcpDocument d : List.of(open1, open2, open3)) {
            assertTrue(d.isClosed(), "engine close made the document closed");
            assertThrows(IllegalStateException.class, d::bytes, "engine close made the document inaccessible");
            assertThrows(IllegalStateException.class, d::cursor);
        }
        MemoryStats after = s.stats();
        assertEquals(0, after.liveDocuments(), () -> "nothing live after engine close: " + after);
        assertEquals(0, after.liveBytes(), () -> "nothing live after engine close: " + after);
        assertEquals(after.allocations(), after.frees(), () -> "every allocation freed once: " + after);
    }

    @Test
    void engineCloseFreesAndReportsOpenArenas() {
        Subject s = open();
        assumeTrue(s.engine().capabilities().contains(Capability.ARENAS),
                () -> "engine '" + s.engine().name() + "' has no arenas (no ARENAS capability)");
        OcpArena arena = s.engine().newArena(1 << 16);
        OcpDocument inArena = arena.parse(Inputs.SAMPLE_BYTES, ParseOptions.defaults());
        s.engine().close();
        List<LeakReport> leaks = s.leaks();
        assertEquals(1, leaks.size(), () -> "the open arena is reported once: " + leaks);
        assertEquals(LeakReport.Cause.ENGINE_CLOSED, leaks.get(0).cause());
        assertTrue(inArena.isClosed(), "engine close made the arena's document closed");
        assertThrows(IllegalStateException.class, inArena::bytes);
        OcpException e = assertThrows(OcpException.class, () -> arena.parse(Inputs.SAMPLE_BYTES, ParseOptions.defaults()));
        assertEquals(OcpException.Code.CLOSED, e.code(), e::toString);
        MemoryStats after = s.stats();
        assertEquals(0, after.liveDocuments(), () -> "nothing live after engine close: " + after);
        assertEquals(0, after.liveBytes(), () -> "nothing live after engine close: " + after);
        assertEquals(after.allocations(), after.frees(), () -> "every allocation freed once: " + after);
        arena.close();
        assertEquals(after, s.stats(), "closing the arena afterwards frees nothing more");
        assertEquals(1, s.leaks().size(), "and reports nothing more");
    }

    @Test
    void cleanRunEndsWithNothingLive() {
        Subject s = open();
        for (byte[] in : Inputs.generated(21, 40)) {
            try (OcpDocument doc = s.parse(in)) {
                assertTrue(doc.nodeCount() >= 1);
            }
        }
        MemoryStats end = s.stats();
        assertEquals(0, end.liveDocuments(), () -> "a clean run ends with no live documents: " + end);
        assertEquals(0, end.liveBytes(), () -> "a clean run ends with no live bytes: " + end);
        assertEquals(0, end.leakedDocuments(), () -> "a clean run leaks nothing: " + end);
        assertEquals(end.allocations(), end.frees(), () -> "every allocation freed once: " + end);
        s.engine().close();
        assertEquals(List.of(), s.leaks(), "engine close after a clean run reports nothing");
        MemoryStats closed = s.stats();
        assertEquals(0, closed.liveDocuments());
        assertEquals(0, closed.liveBytes());
    }

    @Test
    void parseAfterEngineCloseFailsWithClosed() throws Exception {
        Subject s = open();
        s.engine().close();
        Path file = Files.createTempFile("ocp-tck", ".md");
        try {
            Files.write(file, Inputs.SAMPLE_BYTES);
            Map<String, Executable> calls = new LinkedHashMap<>();
            calls.put("parse(byte[])", () -> s.engine().parse(Inputs.SAMPLE_BYTES));
            calls.put("parse(byte[], options)", () -> s.engine().parse(Inputs.SAMPLE_BYTES, ParseOptions.defaults()));
            calls.put("parse(ByteBuffer)", () -> s.engine().parse(ByteBuffer.wrap(Inputs.SAMPLE_BYTES),
                    ParseOptions.defaults()));
            calls.put("parse(String)", () -> s.engine().parse(Inputs.SAMPLE));
            calls.put("parse(Path)", () -> s.engine().parse(file, ParseOptions.defaults()));
            if (s.engine().capabilities().contains(Capability.ARENAS)) {
                calls.put("newArena", () -> s.engine().newArena(1 << 16));
            }
            for (Map.Entry<String, Executable> call : calls.entrySet()) {
                OcpException e = assertThrows(OcpException.class, call.getValue(),
                        () -> call.getKey() + " after engine close");
                assertEquals(OcpException.Code.CLOSED, e.code(), () -> call.getKey() + " after engine close: " + e);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void engineCloseIsIdempotent() {
        Subject s = open();
        OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES);
        s.engine().close();
        MemoryStats once = s.stats();
        int reports = s.leaks().size();
        s.engine().close();
        assertEquals(once, s.stats(), "a second engine close changes nothing");
        assertEquals(reports, s.leaks().size(), "a second engine close reports nothing more");
        assertTrue(doc.isClosed());
    }

    @Test
    void closingADocumentAfterItsEngineClosedDoesNothing() {
        Subject s = open();
        OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES);
        s.engine().close();
        MemoryStats afterEngineClose = s.stats();
        List<LeakReport> reports = s.leaks();
        doc.close();
        assertEquals(afterEngineClose, s.stats(), "the engine already freed the document; its close() frees nothing");
        assertEquals(reports, s.leaks(), "and reports nothing");
        assertTrue(doc.isClosed());
    }
}
