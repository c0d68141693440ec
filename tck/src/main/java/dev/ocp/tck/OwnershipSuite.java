package dev.ocp.tck;

import dev.ocp.Capability;
import dev.ocp.Dialect;
import dev.ocp.MemoryStats;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.spi.OcpFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** promises 1–3 of the ownership contract (docs/ownership.md): who owns what, and what close() does. */
abstract class OwnershipSuite extends TckSuite {

    @Test
    void payloadIsReadableWhileOpen() {
        Subject s = open();
        try (OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES)) {
            assertFalse(doc.isClosed(), "a new document is open");
            assertEquals(OcpFormat.MAGIC, doc.bytes().getInt(0), "the payload starts with the OCP magic");
            assertNull(Payloads.problem(doc, Inputs.SAMPLE_BYTES.length, Dialect.COMMONMARK));
        }
    }

    @Test
    void closeFreesThePayloadBeforeItReturns() {
        Subject s = open();
        MemoryStats before = s.stats();
        OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES);
        MemoryStats live = s.stats();
        assertEquals(before.liveDocuments() + 1, live.liveDocuments(), () -> "one more live document: " + live);
        assertTrue(live.liveBytes() > before.liveBytes(), () -> "the payload is counted as live: " + live);
        assertTrue(live.allocations() > before.allocations(), () -> "the payload was allocated: " + live);
        doc.close();
        // Read on the closing thread right after close() returned: no GC or other thread can have helped.
        MemoryStats after = s.stats();
        assertTrue(doc.isClosed(), "isClosed() after close()");
        Stats.assertNothingLeftAllocated(before, after, "right after close() returned");
        assertEquals(List.of(), s.leaks(), "a closed document is not a leak");
    }

    @Test
    void closeIsIdempotent() {
        Subject s = open();
        OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES);
        doc.close();
        MemoryStats once = s.stats();
        doc.close();
        doc.close();
        assertEquals(once, s.stats(), "a second and third close() change nothing");
        assertTrue(doc.isClosed());
        assertEquals(List.of(), s.leaks(), "closing twice is not a leak");
    }

    /** The ways in through the API, each of which must refuse a closed document. */
    enum Access {
        BYTES(OcpDocument::bytes),
        CURSOR(OcpDocument::cursor),
        NODE_COUNT(OcpDocument::nodeCount),
        DIALECT(OcpDocument::dialect),
        TO_HTML(OcpDocument::toHtml),
        TO_JSON(OcpDocument::toJson),
        RENDER_HTML(d -> d.renderHtml(new StringBuilder())),
        RENDER_JSON(d -> d.renderJson(new StringBuilder())),
        WALK(d -> d.walk(node -> node.literal() != null || true));

        private final ThrowingAccess access;

        Access(ThrowingAccess access) {
            this.access = access;
        }

        interface ThrowingAccess {
            void run(OcpDocument doc) throws Exception;
        }
    }

    @ParameterizedTest
    @EnumSource(Access.class)
    void everyAccessAfterCloseThrowsIllegalState(Access access) {
        Subject s = open();
        OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES);
        doc.close();
        assertThrows(IllegalStateException.class, () -> access.access.run(doc),
                () -> access + " on a closed document must throw IllegalStateException");
    }

    @Test
    void cursorMadeBeforeCloseThrowsAfterIt() {
        Subject s = open();
        OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES);
        OcpCursor cursor = doc.cursor();
        assertTrue(cursor.toFirstChild(), "the sample has blocks");
        OcpCursor copy = cursor.copy();
        doc.close();
        List<Executable> moves = List.of(cursor::kindCode, cursor::toFirstChild, cursor::toNextSibling,
                cursor::toParent, () -> cursor.moveTo(0), cursor::spanStart, cursor::spanEnd, cursor::nodeCount,
                cursor::copy, cursor::literal, () -> cursor.bytes(dev.ocp.OcpNode.Field.LITERAL), () -> cursor.walk(node -> true),
                copy::kind, copy::toFirstChild);
        for (int i = 0; i < moves.size(); i++) {
            int n = i;
            assertThrows(IllegalStateException.class, moves.get(i),
                    () -> "cursor access #" + n + " after close must throw IllegalStateException");
        }
    }

    @Test
    void retainedBytesViewThrowsAfterCloseWithScopedViews() {
        Subject s = open();
        assumeCapability(s, Capability.SCOPED_VIEWS);
        OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES);
        ByteBuffer view = doc.bytes();
        assertEquals(OcpFormat.MAGIC, view.getInt(0));
        doc.close();
        assertThrows(IllegalStateException.class, () -> view.get(0),
                "a bytes() view kept past close() must throw, not read freed memory");
    }

    /**
     * A walk holds its document open; a close from inside the walk's own visitor must neither hang (on engines
     * whose close waits for reads under way, it would wait for itself) nor let the walk read freed memory: one of
     * the two throws IllegalStateException, and the document can be closed once the walk is over. It runs in a thread
     * of its own and fails after 10 seconds (it takes microseconds), so that a close that waits for itself fails the
     * check instead of hanging the build.
     */
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCloseFromInsideItsOwnWalkThrowsInsteadOfHanging() {
        Subject s = open();
        OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES);
        int[] entered = {0};
        assertThrows(IllegalStateException.class, () -> doc.walk(node -> {
            entered[0]++;
            doc.close();
            return true;
        }));
        assertTrue(entered[0] <= 2, "the walk ends at the close, not " + entered[0] + " nodes later");
        doc.close();
        assertTrue(doc.isClosed());
        assertThrows(IllegalStateException.class, () -> doc.walk(node -> true));
    }

    @Test
    void closingOneDocumentLeavesOthersIntact() {
        Subject s = open();
        byte[] other = Inputs.utf8("# another document\n\nwith *other* text\n");
        OcpDocument a = s.parse(Inputs.SAMPLE_BYTES);
        OcpDocument b = s.parse(other);
        OcpDocument sameAsA = s.parse(Inputs.SAMPLE_BYTES);
        byte[] bBytes = copy(b);
        byte[] aBytes = copy(sameAsA);
        assertArrayEquals(copy(a), aBytes, "the same input gives the same payload");
        MemoryStats before = s.stats();
        a.close();
        assertFalse(b.isClosed());
        assertFalse(sameAsA.isClosed());
        assertArrayEquals(bBytes, copy(b), "another document is untouched by close()");
        assertArrayEquals(aBytes, copy(sameAsA), "a document of the same input is untouched by close()");
        assertNull(Payloads.problem(b, other.length, Dialect.COMMONMARK));
        assertEquals(before.liveDocuments() - 1, s.stats().liveDocuments(), "exactly one document was freed");
        b.close();
        sameAsA.close();
    }

    @Test
    void bytesIsAReadOnlyLittleEndianViewOfTheWholePayload() {
        Subject s = open();
        try (OcpDocument doc = s.parse(Inputs.SAMPLE_BYTES)) {
            ByteBuffer one = doc.bytes();
            ByteBuffer two = doc.bytes();
            assertTrue(one.isReadOnly(), "bytes() is read-only");
            assertEquals(ByteOrder.LITTLE_ENDIAN, one.order());
            assertEquals(0, one.position());
            assertEquals(Integer.toUnsignedLong(one.getInt(OcpFormat.H_TOTAL_SIZE)), one.limit(),
                    "the view ends where the payload ends");
            assertNotSame(one, two, "each call returns a new view object");
            one.position(10);
            assertEquals(0, two.position(), "views have independent positions");
            assertEquals(0, doc.bytes().position(), "moving a view does not move later ones");
            assertThrows(java.nio.ReadOnlyBufferException.class, () -> two.put(0, (byte) 0));
        }
    }

    @Test
    void liveCountsFollowEveryClose() {
        Subject s = open();
        MemoryStats before = s.stats();
        List<OcpDocument> docs = new ArrayList<>();
        List<byte[]> inputs = Inputs.generated(11, 12);
        for (byte[] in : inputs) {
            docs.add(s.parse(in));
        }
        MemoryStats all = s.stats();
        assertEquals(before.liveDocuments() + docs.size(), all.liveDocuments(), () -> "every document is live: " + all);
        Collections.shuffle(docs, new Random(3));
        long expectedDocs = all.liveDocuments();
        long lastBytes = all.liveBytes();
        for (OcpDocument doc : docs) {
            doc.close();
            expectedDocs--;
            MemoryStats now = s.stats();
            assertEquals(expectedDocs, now.liveDocuments(), () -> "one fewer live document after each close: " + now);
            assertTrue(now.liveBytes() < lastBytes, () -> "each close frees bytes: " + now);
            lastBytes = now.liveBytes();
        }
        Stats.assertNothingLeftAllocated(before, s.stats(), "after closing every document");
    }
}
