package dev.ocp.tck;

import dev.ocp.Capability;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * promise 5 (docs/ownership.md): views are zero-copy. Measured in bytes the current thread allocates on the Java heap, so a
 * copy of a large payload cannot hide behind a fast machine; in the JDK's direct buffers, so that a copy off the
 * heap cannot either; and by identity: the views of a document are the same memory.
 */
abstract class ZeroCopySuite extends TckSuite {
    /** Input size of the large document; its payload holds this much text. */
    private static final int BIG = 512 << 10;
    /** Heap a bytes() call may allocate: a view object or two, never the payload. */
    private static final long BYTES_CALL_BUDGET = 1024;
    /** Heap one walk of a few nodes may allocate: a cursor, a layout and a slice per string. */
    private static final long WALK_BUDGET = 4096;

    private static volatile long sink;

    @Test
    void bytesAllocatesConstantHeapWhateverThePayloadSize() {
        Subject s = open();
        try (OcpDocument small = s.parse("tiny\n"); OcpDocument big = s.parse(Inputs.hugeLine(BIG))) {
            int bigSize = big.bytes().remaining();
            assertTrue(bigSize >= BIG, () -> "the payload of " + BIG + " bytes of text holds the text, yet is only "
                    + bigSize + " bytes");
            long smallCall = HeapAllocation.bytesPerRun(200, () -> sink += small.bytes().get(0));
            long bigCall = HeapAllocation.bytesPerRun(200, () -> sink += big.bytes().get(0));
            assertTrue(smallCall < BYTES_CALL_BUDGET, () -> "bytes() of a small document allocated " + smallCall
                    + " heap bytes per call");
            assertTrue(bigCall < BYTES_CALL_BUDGET, () -> "bytes() of a " + bigSize + "-byte payload allocated "
                    + bigCall + " heap bytes per call: it copies instead of viewing the engine's memory");
        }
    }

    @Test
    void readingInPlaceAllocatesConstantHeap() {
        Subject s = open();
        try (OcpDocument big = s.parse(Inputs.hugeLine(BIG))) {
            boolean direct = big.bytes().isDirect();
            long[] textBytes = new long[1];
            Runnable walk = () -> {
                long[] text = {0};
                forEachTextSlice(big, slice -> {
                    assertTrue(slice.isReadOnly(), "string slices are read-only");
                    assertEquals(direct, slice.isDirect(), "a string slice lives where the payload lives");
                    text[0] += slice.remaining();
                    sink += slice.get(0);
                });
                textBytes[0] = text[0];
            };
            long perWalk = HeapAllocation.bytesPerRun(20, walk);
            assertTrue(textBytes[0] >= BIG, () -> "the TEXT nodes of " + BIG + " bytes of plain words hold "
                    + textBytes[0] + " bytes");
            assertTrue(perWalk < WALK_BUDGET, () -> "a cursor walk of " + big.nodeCount() + " nodes reading "
                    + textBytes[0] + " bytes of text slices allocated " + perWalk + " heap bytes: something copies");
        }
    }

    /**
     * The views of one document are the same memory, by identity and not only by content: every {@code bytes()} view
     * starts at the same byte, and every string slice of its nodes lies inside it. A document whose views are copies,
     * on the heap or off it, fails here whatever the copies cost. {@link Memory} reads where a buffer's bytes are
     * (read-only buffers included, which expose neither array nor address) on Java 17 as on 25; on a JDK where it
     * cannot, the check does not apply, and copies show only in the heap counts of the checks above and in the JDK's
     * buffer pools ({@link #noDirectBufferHoldsACopyOfThePayload}).
     */
    @Test
    void everyViewOfADocumentIsTheSameMemory() {
        assumeTrue(Memory.canLocate(), () -> "Java " + Runtime.version().feature() + " does not tell where a"
                + " buffer's memory is, so this check does not apply");
        Subject s = open();
        try (OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES)) {
            ByteBuffer first = doc.bytes();
            for (int i = 0; i < 3; i++) {
                ByteBuffer again = doc.bytes();
                assertEquals(first, again, "two views of one document have the same content");
                long apart = Memory.offsetOf(first, again);
                assertEquals(0, apart, () -> apart == Long.MIN_VALUE ? "two bytes() views of one document are"
                        + " different memory: a copy each" : "two bytes() views of one document start " + apart
                        + " bytes apart");
            }
            int[] slices = {0};
            forEachTextSlice(doc, slice -> {
                slices[0]++;
                assertTrue(Memory.within(first, slice), () -> "the string slice \"" + Inputs.describe(copy(slice))
                        + "\" lies inside the document's bytes() view, not in a copy");
            });
            assertTrue(slices[0] > 5, () -> "the sample has text nodes, not " + slices[0]);
        }
    }

    /**
     * No copy of the payload in the JDK's direct buffers ({@link ByteBuffer#allocateDirect}, file mappings): with a
     * document of {@value #BIG} bytes of text parsed once before (so that the engine's own pools have grown to it),
     * parsing it again and taking eight {@code bytes()} views and a walk's string slices of it grows the memory those
     * buffers hold by less than half its payload, in two rounds of three (every round's buffers are held to the end,
     * so that none is freed while another round counts). It holds on every JDK, and catches a copy made with
     * {@code allocateDirect} whether once per document or once per view; a copy in memory the JDK does not count
     * (a native allocator's) shows where {@link #everyViewOfADocumentIsTheSameMemory} applies.
     */
    @Test
    void noDirectBufferHoldsACopyOfThePayload() {
        Subject s = open();
        byte[] input = Inputs.hugeLine(BIG);
        long payload;
        try (OcpDocument warm = s.parse(input)) {
            payload = warm.bytes().remaining();
        }
        List<ByteBuffer> held = new ArrayList<>();
        List<Long> growth = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            long before = Memory.bufferPoolBytes();
            try (OcpDocument doc = s.parse(input)) {
                for (int i = 0; i < 8; i++) {
                    held.add(doc.bytes());
                }
                forEachTextSlice(doc, held::add);
                growth.add(Memory.bufferPoolBytes() - before);
            }
        }
        Collections.sort(growth);
        long median = growth.get(1);
        assertTrue(median < payload / 2, () -> "parsing a document of " + payload + " payload bytes and taking views"
                + " of it grew the JDK's direct buffers by " + growth + " bytes: they hold a copy of the payload");
        Reference.reachabilityFence(held);
    }

    /** Hands {@code action} the LITERAL slice of every TEXT node, walking the tree with one cursor. */
    private static void forEachTextSlice(OcpDocument doc, Consumer<ByteBuffer> action) {
        OcpCursor c = doc.cursor();
        int depth = 0;
        while (true) {
            if (c.kind() == NodeKind.TEXT) {
                action.accept(c.bytes(dev.ocp.OcpNode.Field.LITERAL));
            }
            if (c.toFirstChild()) {
                depth++;
                continue;
            }
            while (!c.toNextSibling()) {
                if (depth == 0) {
                    return;
                }
                c.toParent();
                depth--;
            }
        }
    }

    @Test
    void offHeapParseAllocatesNoHeapInProportionToSize() {
        Subject s = open();
        assumeCapability(s, Capability.OFF_HEAP);
        int small = 4 << 10;
        int big = 4 << 20;
        ByteBuffer smallInput = direct(Inputs.hugeLine(small));
        ByteBuffer bigInput = direct(Inputs.hugeLine(big));
        long smallParse = HeapAllocation.bytesPerRun(3, () -> s.engine().parse(smallInput, ParseOptions.defaults()).close());
        long bigParse = HeapAllocation.bytesPerRun(3, () -> s.engine().parse(bigInput, ParseOptions.defaults()).close());
        assertTrue(bigParse - smallParse < (big - small) / 16, () -> "an OFF_HEAP engine allocated " + bigParse
                + " heap bytes to parse " + big + " bytes, " + smallParse + " to parse " + small);
    }

    private static ByteBuffer direct(byte[] bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
        b.put(bytes).flip();
        return b;
    }
}
