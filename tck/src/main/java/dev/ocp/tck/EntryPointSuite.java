package dev.ocp.tck;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.MemoryStats;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Every way of handing an engine its input gives the same payload, every time, and leaves the input as it
 * was: byte arrays, heap and direct buffers at any position, strings and files; a fresh engine or one
 * whose pools are warm with other documents.
 */
abstract class EntryPointSuite extends TckSuite {

    private static ByteBuffer direct(byte[] in, int padding) {
        ByteBuffer b = ByteBuffer.allocateDirect(in.length + 2 * padding);
        for (int i = 0; i < padding; i++) {
            b.put((byte) '#');
        }
        b.put(in);
        for (int i = 0; i < padding; i++) {
            b.put((byte) '*');
        }
        b.position(padding).limit(padding + in.length);
        return b;
    }

    private static ByteBuffer heapWithOffset(byte[] in, int padding) {
        byte[] padded = new byte[in.length + 2 * padding];
        java.util.Arrays.fill(padded, (byte) '>');
        System.arraycopy(in, 0, padded, padding, in.length);
        // Both a non-zero position and a non-zero array offset (through slice()).
        ByteBuffer sliced = ByteBuffer.wrap(padded, 1, padded.length - 1).slice();
        sliced.position(padding - 1).limit(padding - 1 + in.length);
        return sliced;
    }

    @Test
    void everyEntryPointGivesTheSamePayload() throws Exception {
        Subject s = open();
        byte[] in = Inputs.SAMPLE_BYTES;
        byte[] expected;
        try (OcpDocument doc = s.parse(in)) {
            expected = copy(doc);
        }
        Path file = Files.createTempFile("ocp-tck", ".md");
        try {
            Files.write(file, in);
            Map<String, ByteBuffer> buffers = new LinkedHashMap<>();
            buffers.put("heap ByteBuffer", ByteBuffer.wrap(in));
            buffers.put("heap ByteBuffer at a position and array offset", heapWithOffset(in, 7));
            buffers.put("direct ByteBuffer", direct(in, 0));
            buffers.put("direct ByteBuffer at a position, limit before the end", direct(in, 5));
            buffers.put("read-only heap ByteBuffer", ByteBuffer.wrap(in).asReadOnlyBuffer());
            for (Map.Entry<String, ByteBuffer> e : buffers.entrySet()) {
                ByteBuffer buffer = e.getValue();
                int position = buffer.position();
                int limit = buffer.limit();
                byte[] content = copy(buffer);
                try (OcpDocument doc = s.engine().parse(buffer, ParseOptions.defaults())) {
                    assertArrayEquals(expected, copy(doc), () -> e.getKey() + " gives the same payload as byte[]");
                }
                assertEquals(position, buffer.position(), () -> e.getKey() + ": parse leaves the position alone");
                assertEquals(limit, buffer.limit(), () -> e.getKey() + ": parse leaves the limit alone");
                assertArrayEquals(content, copy(buffer), () -> e.getKey() + ": parse leaves the content alone");
            }
            try (OcpDocument doc = s.engine().parse(Inputs.SAMPLE, ParseOptions.defaults())) {
                assertArrayEquals(expected, copy(doc), "String gives the same payload as byte[]");
            }
            try (OcpDocument doc = s.engine().parse(file, ParseOptions.defaults())) {
                assertArrayEquals(expected, copy(doc), "a file gives the same payload as byte[]");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void parsingIsDeterministicWhateverCameBefore() {
        Subject fresh = open();
        List<byte[]> inputs = Inputs.generated(61, 30);
        List<byte[]> expected = new ArrayList<>();
        for (byte[] in : inputs) {
            Subject once = open();
            try (OcpDocument doc = once.parse(in)) {
                expected.add(copy(doc));
            }
            once.engine().close();
        }
        // Warm every pool and buffer with large, different documents, then parse the inputs again: a payload
        // must not carry bytes of a document that came before it.
        for (int i = 0; i < 3; i++) {
            try (OcpDocument big = fresh.parse(Inputs.hugeLine(100_000 + i * 1000));
                 OcpDocument sample = fresh.parse(Inputs.SAMPLE_BYTES)) {
                assertEquals(Inputs.SAMPLE_BYTES.length, sample.cursor().sourceLength());
                assertTrue(big.cursor().sourceLength() >= 100_000);
            }
        }
        for (int i = 0; i < inputs.size(); i++) {
            byte[] in = inputs.get(i);
            try (OcpDocument doc = fresh.parse(in)) {
                assertArrayEquals(expected.get(i), copy(doc), () -> Inputs.describe(in)
                        + " parsed by a warm engine differs from the same input parsed by a fresh one");
            }
        }
    }

    /**
     * Each declared dialect is the payload's, and each declared extension is among those its header records
     * ({@link OcpDocument#extensions()}): a writer that gives a page back, or a reader that reads it again, asks the
     * header which syntax it was.
     */
    @Test
    void supportedDialectsAndExtensionsAreRecordedInThePayload() {
        Subject s = open();
        dev.ocp.Syntax syntax = s.engine().syntax();
        for (Dialect d : syntax.dialects()) {
            try (OcpDocument doc = s.engine().parse(Inputs.SAMPLE_BYTES, ParseOptions.of(d))) {
                assertNull(Payloads.problem(doc, Inputs.SAMPLE_BYTES.length, d));
            }
            for (Extension e : Extension.values()) {
                if (!syntax.supports(e)) {
                    continue;
                }
                try (OcpDocument doc = s.engine().parse(Inputs.SAMPLE_BYTES, ParseOptions.of(d).withExtensions(e))) {
                    assertTrue(doc.extensions().contains(e), () -> d + " with " + e + ": the header records "
                            + doc.extensions());
                }
            }
        }
    }

    /**
     * Every dialect and every extension the engine does not declare is refused with {@code UNSUPPORTED}, leaving
     * nothing allocated: the syntax an engine declares is a promise both ways, so that a caller who checks them is never surprised.
     * (An engine that declares every dialect and extension has nothing to refuse: the check then does not apply.)
     */
    @Test
    void undeclaredDialectsAndExtensionsAreRefusedWithUnsupported() {
        Subject s = open();
        dev.ocp.Syntax syntax = s.engine().syntax();
        Map<String, ParseOptions> undeclared = new LinkedHashMap<>();
        for (Dialect d : Dialect.values()) {
            if (!syntax.supports(d)) {
                undeclared.put(d.toString(), ParseOptions.of(d));
            }
        }
        for (Extension e : Extension.values()) {
            if (!syntax.supports(e)) {
                undeclared.put("COMMONMARK with " + e, ParseOptions.of(Dialect.COMMONMARK).withExtensions(e));
            }
        }
        assumeFalse(undeclared.isEmpty(), () -> "engine '" + s.engine().name() + "' does not declare less than every"
                + " dialect and extension: there is none to refuse");
        MemoryStats before = s.stats();
        for (Map.Entry<String, ParseOptions> u : undeclared.entrySet()) {
            OcpException e = assertThrows(OcpException.class,
                    () -> s.engine().parse(Inputs.SAMPLE_BYTES, u.getValue()).close(),
                    () -> "engine '" + s.engine().name() + "' does not declare " + u.getKey() + " yet parsed it");
            assertEquals(OcpException.Code.UNSUPPORTED, e.code(), e::toString);
        }
        Stats.assertNothingLeftAllocated(before, s.stats(), "after refusing undeclared dialects and extensions");
    }
}
