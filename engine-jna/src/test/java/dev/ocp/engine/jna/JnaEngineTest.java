package dev.ocp.engine.jna;

import dev.ocp.Capability;
import dev.ocp.LeakDetection;
import dev.ocp.MemoryStats;
import dev.ocp.OcpArena;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.EngineConfig;
import dev.ocp.spi.StandardEngine;
import dev.ocp.tck.HeapAllocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the TCK cannot see from outside: the C allocator's own counters (live blocks as well as bytes), the
 * Java heap each input path costs, the status mapping against ocp.h, and the JDK the tests really ran on.
 */
class JnaEngineTest {
    private static final String TEXT = "# Title\n\nSome *emphasis*, `code` and [a link](/url \"t\").\n\n- one\n- two\n";

    @BeforeAll
    static void available() {
        assertNull(LibOcp.FAILURE, "the jna engine binds the library built by the native module");
        assertTrue(new JnaEngineProvider().availability().available());
    }

    private static StandardEngine engine(JnaBackend backend) {
        return new StandardEngine(JnaEngineProvider.NAME,
                EnumSet.of(Capability.OFF_HEAP, Capability.ARENAS), dev.ocp.Syntax.C_CORE, backend,
                EngineConfig.defaults().withLeakDetection(LeakDetection.COUNT));
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
    void nativeCountersReturnToZeroAfterEveryKindOfClose() throws IOException {
        JnaBackend backend = new JnaBackend(EngineConfig.DEFAULT_MEMORY_LIMIT);
        StandardEngine engine = engine(backend);
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        assertEquals(0, backend.liveAllocations(), "a new engine holds no blocks");
        assertEquals(0, engine.stats().liveBytes());

        List<OcpDocument> docs = new ArrayList<>();
        for (ByteBuffer input : inputs(bytes)) {
            docs.add(engine.parse(input, ParseOptions.defaults()));
        }
        Path file = Files.createTempFile("ocp-jna", ".md");
        try {
            Files.write(file, bytes);
            docs.add(engine.parse(file, ParseOptions.defaults()));
        } finally {
            Files.delete(file);
        }
        assertEquals(docs.size(), backend.liveAllocations(), "one C block per open document");
        long oneDocument = engine.stats().liveBytes() / docs.size();
        assertTrue(oneDocument >= docs.get(0).unsafeBytes().remaining(), "the C allocator counts each payload");
        for (OcpDocument doc : docs) {
            doc.close();
        }
        assertEquals(0, backend.liveAllocations(), "close() frees each payload in C at once");
        assertEquals(0, engine.stats().liveBytes());

        OcpArena arena = engine.newArena(1 << 20);
        OcpDocument inArena = arena.parse(bytes, ParseOptions.defaults());
        assertTrue(backend.liveAllocations() >= 1, "the arena's region is a C allocation");
        arena.reset();
        assertTrue(inArena.isClosed());
        arena.close();
        assertEquals(0, backend.liveAllocations(), "closing the arena frees its region in C");

        // Left open: engine close must free them (and the arena) in C before it destroys the C engine.
        engine.parse(bytes, ParseOptions.defaults());
        engine.newArena(4096).parse(bytes, ParseOptions.defaults());
        assertTrue(backend.liveAllocations() >= 2);
        engine.close();
        MemoryStats end = engine.stats();
        assertEquals(0, end.liveBytes(), () -> "the C engine's last counters: " + end);
        assertEquals(end.allocations(), end.frees(), () -> "every C allocation freed exactly once: " + end);
        assertThrows(IllegalStateException.class, backend::liveAllocations);
    }

    @Test
    void heapBytesPerParseDoNotGrowWithInputSize() {
        try (StandardEngine engine = engine(new JnaBackend(EngineConfig.DEFAULT_MEMORY_LIMIT))) {
            byte[] small = words(4 << 10);
            byte[] big = words(4 << 20);
            // Each input path: a whole array (JNA's copy is native), a slice (our native copy), a direct buffer.
            for (int path = 0; path < 3; path++) {
                long smallParse = heapPerParse(engine, small, path);
                long bigParse = heapPerParse(engine, big, path);
                int p = path;
                assertTrue(bigParse - smallParse < 4096, () -> "input path " + p + ": " + bigParse + " heap bytes to parse "
                        + big.length + " bytes, " + smallParse + " to parse " + small.length);
            }
        }
    }

    private static long heapPerParse(StandardEngine engine, byte[] input, int path) {
        ByteBuffer in;
        if (path == 0) {
            in = ByteBuffer.wrap(input);
        } else if (path == 1) {
            byte[] padded = new byte[input.length + 1];
            System.arraycopy(input, 0, padded, 1, input.length);
            in = ByteBuffer.wrap(padded, 1, input.length).slice();
        } else {
            in = ByteBuffer.allocateDirect(input.length).put(input).flip();
        }
        return HeapAllocation.bytesPerRun(3, () -> engine.parse(in, ParseOptions.defaults()).close());
    }

    @Test
    void everyInputPathGivesTheSameBytesAndLeavesTheInputAlone() {
        byte[] bytes = words(100_000);
        try (StandardEngine engine = engine(new JnaBackend(EngineConfig.DEFAULT_MEMORY_LIMIT))) {
            byte[] want = null;
            for (ByteBuffer input : inputs(bytes)) {
                int position = input.position();
                int limit = input.limit();
                try (OcpDocument doc = engine.parse(input, ParseOptions.defaults())) {
                    ByteBuffer view = doc.bytes();
                    assertTrue(view.isDirect(), "the view is C's memory, not a copy on the heap");
                    byte[] got = new byte[view.remaining()];
                    view.get(got);
                    if (want == null) {
                        want = got;
                    } else {
                        assertArrayEquals(want, got, "input " + input);
                    }
                }
                assertEquals(position, input.position(), "the input's position is left as it was");
                assertEquals(limit, input.limit());
            }
        }
    }

    @Test
    void failuresCarryTheCoresCodeAndMessage() {
        JnaBackend backend = new JnaBackend(EngineConfig.DEFAULT_MEMORY_LIMIT);
        try (StandardEngine engine = engine(backend)) {
            ParseOptions tight = ParseOptions.defaults().withMaxNodes(3);
            OcpException e = assertThrows(OcpException.class,
                    () -> engine.parse("- a\n- b\n- c\n- d\n".getBytes(StandardCharsets.UTF_8), tight));
            assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code());
            assertFalse(e.getMessage().isBlank(), "the C core's message reaches the exception");
            assertEquals(0, backend.liveAllocations(), "a failed parse leaves nothing allocated in C");
        }
    }

    @Test
    void aCursorOrRendererMadeBeforeCloseThrowsAfterIt() {
        try (StandardEngine engine = engine(new JnaBackend(EngineConfig.DEFAULT_MEMORY_LIMIT))) {
            OcpDocument doc = engine.parse(TEXT.getBytes(StandardCharsets.UTF_8), ParseOptions.defaults());
            OcpCursor cursor = doc.cursor();
            assertTrue(cursor.toFirstChild());
            OcpCursor copy = cursor.copy();
            doc.close();
            // Every read of a payload checks the document first; none may touch the freed C memory.
            assertThrows(IllegalStateException.class, cursor::kind);
            assertThrows(IllegalStateException.class, cursor::toFirstChild);
            assertThrows(IllegalStateException.class, cursor::toNextSibling);
            assertThrows(IllegalStateException.class, cursor::spanStart);
            assertThrows(IllegalStateException.class, cursor::literal);
            assertThrows(IllegalStateException.class, () -> cursor.bytes(dev.ocp.OcpNode.Field.LITERAL));
            assertThrows(IllegalStateException.class, cursor::subtreeEnd);
            assertThrows(IllegalStateException.class, copy::literal);
            assertThrows(IllegalStateException.class, doc::toHtml);
            assertThrows(IllegalStateException.class, doc::toJson);
            assertThrows(IllegalStateException.class, doc::bytes);

            OcpArena arena = engine.newArena(1 << 16);
            OcpDocument inArena = arena.parse(TEXT.getBytes(StandardCharsets.UTF_8), ParseOptions.defaults());
            OcpCursor arenaCursor = inArena.cursor();
            arena.close();
            assertThrows(IllegalStateException.class, arenaCursor::kind);
            assertThrows(IllegalStateException.class, inArena::toHtml);
        }
    }

    @Test
    void viewsAreSlicesOfAFewWindowsExactlyOverThePayloads() {
        try (JnaBackend backend = new JnaBackend(EngineConfig.DEFAULT_MEMORY_LIMIT)) {
            List<JnaBackend.NativePayload> payloads = new ArrayList<>();
            // Small payloads (malloc's heap), and ones large enough to be mapped on their own.
            for (int i = 0; i < 200; i++) {
                byte[] input = i % 50 == 49 ? words(400_000) : (TEXT + i).getBytes(StandardCharsets.UTF_8);
                payloads.add((JnaBackend.NativePayload) backend.parse(ByteBuffer.wrap(input), ParseOptions.defaults()));
            }
            for (JnaBackend.NativePayload payload : payloads) {
                ByteBuffer view = payload.view();
                assertTrue(view.isDirect());
                assertEquals(payload.address(), com.sun.jna.Pointer.nativeValue(
                        com.sun.jna.Native.getDirectBufferPointer(view)), "the view starts at the payload, no copy");
                ByteBuffer jni = new com.sun.jna.Pointer(payload.address()).getByteBuffer(0, view.capacity());
                assertEquals(0, view.position());
                assertEquals(jni, view, "the view holds exactly the payload's bytes");
                assertEquals(view.capacity(), view.order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .getInt(dev.ocp.spi.OcpFormat.H_TOTAL_SIZE), "the view ends where the payload says it does");
            }
            assertTrue(Views.windows() >= 1 && Views.windows() <= 8,
                    "200 payloads need a few windows, not one each: " + Views.windows());
            payloads.forEach(JnaBackend.NativePayload::release);
        }
    }

    /** The same bytes as each kind of buffer the engine takes, each with its own position and limit. */
    private static List<ByteBuffer> inputs(byte[] bytes) {
        List<ByteBuffer> all = new ArrayList<>();
        all.add(ByteBuffer.wrap(bytes));
        all.add(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
        byte[] padded = new byte[bytes.length + 7];
        System.arraycopy(bytes, 0, padded, 3, bytes.length);
        all.add(ByteBuffer.wrap(padded, 3, bytes.length));
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length + 5);
        direct.position(2);
        direct.put(bytes);
        direct.position(2).limit(2 + bytes.length);
        all.add(direct);
        all.add(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
        return all;
    }

    /** Plain words and short paragraphs, about {@code size} bytes. */
    private static byte[] words(int size) {
        byte[] out = new byte[size];
        byte[] word = "lorem ipsum dolor sit amet *em* `c`\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            out[i] = word[i % word.length];
        }
        Arrays.fill(out, size - 1, size, (byte) '\n');
        return out;
    }
}
