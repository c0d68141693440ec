package dev.ocp.tck;

import dev.ocp.Capability;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * promise 5 (docs/ownership.md): views are zero-copy. Measured in bytes the current thread allocates on the Java heap, so a
 * copy of a large payload cannot hide behind a fast machine.
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
                OcpCursor c = big.cursor();
                long text = 0;
                int depth = 0;
                while (true) {
                    if (c.kind() == NodeKind.TEXT) {
                        ByteBuffer slice = c.bytes(dev.ocp.OcpNode.Field.LITERAL);
                        assertTrue(slice.isReadOnly(), "string slices are read-only");
                        assertEquals(direct, slice.isDirect(), "a string slice lives where the payload lives");
                        text += slice.remaining();
                        sink += slice.get(0);
                    }
                    if (c.toFirstChild()) {
                        depth++;
                        continue;
                    }
                    while (!c.toNextSibling()) {
                        if (depth == 0) {
                            textBytes[0] = text;
                            return;
                        }
                        c.toParent();
                        depth--;
                    }
                }
            };
            long perWalk = HeapAllocation.bytesPerRun(20, walk);
            assertTrue(textBytes[0] >= BIG, () -> "the TEXT nodes of " + BIG + " bytes of plain words hold "
                    + textBytes[0] + " bytes");
            assertTrue(perWalk < WALK_BUDGET, () -> "a cursor walk of " + big.nodeCount() + " nodes reading "
                    + textBytes[0] + " bytes of text slices allocated " + perWalk + " heap bytes: something copies");
        }
    }

    @Test
    void repeatedViewsShowTheSameMemory() {
        Subject s = open();
        try (OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES)) {
            ByteBuffer one = doc.bytes();
            ByteBuffer two = doc.bytes();
            assertEquals(one, two, "two views of one document have the same content");
            assertEquals(one.isDirect(), two.isDirect(), "two views of one document live in the same place");
            if (one.hasArray() && two.hasArray()) {
                assertSame(one.array(), two.array(), "two views of one document share their array");
                assertEquals(one.arrayOffset(), two.arrayOffset());
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
