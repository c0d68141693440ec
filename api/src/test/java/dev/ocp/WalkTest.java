package dev.ocp;

import dev.ocp.internal.PayloadBuilder;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static dev.ocp.NodeKind.*;
import static dev.ocp.internal.PayloadBuilder.*;
import static org.junit.jupiter.api.Assertions.*;

class WalkTest {

    private static OcpDocument open(PayloadBuilder.Node root) {
        return Ocp.read(ByteBuffer.wrap(PayloadBuilder.bytes(root)).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static PayloadBuilder.Node tree() {
        // 0 document, 1 heading, 2 text, 3 list, 4 item, 5 paragraph, 6 text, 7 paragraph, 8 emphasis, 9 text
        return doc(node(HEADING, text("Title")).data(2),
                node(LIST, node(LIST_ITEM, para(text("one")))).flags(1 | 2).data('.').a(3),
                para(node(EMPHASIS, text("two")).data('*')));
    }

    /** Enters and exits, in document order, as a recorder writes them. */
    private static final class Recorder implements OcpVisitor {
        final List<String> events = new ArrayList<>();
        NodeKind skip;

        @Override
        public boolean enter(OcpNode node) {
            events.add("+" + node.index());
            return node.kind() != skip;
        }

        @Override
        public void exit(OcpNode node) {
            events.add("-" + node.index());
        }
    }

    @Test
    void entersAndExitsEveryNodeInDocumentOrder() {
        try (OcpDocument d = open(tree())) {
            Recorder r = new Recorder();
            d.walk(r);
            assertEquals(List.of("+0", "+1", "+2", "-2", "-1", "+3", "+4", "+5", "+6", "-6", "-5", "-4", "-3",
                    "+7", "+8", "+9", "-9", "-8", "-7", "-0"), r.events);
        }
    }

    @Test
    void aVisitorSkipsChildrenAndStillExitsTheNode() {
        try (OcpDocument d = open(tree())) {
            Recorder r = new Recorder();
            r.skip = LIST;
            d.walk(r);
            assertEquals(List.of("+0", "+1", "+2", "-2", "-1", "+3", "-3", "+7", "+8", "+9", "-9", "-8", "-7", "-0"),
                    r.events);
        }
    }

    @Test
    void aCursorWalksItsSubtreeAndStaysWhereItWas() {
        try (OcpDocument d = open(tree())) {
            OcpCursor c = d.cursor();
            c.moveTo(3);
            Recorder r = new Recorder();
            c.walk(r);
            assertEquals(List.of("+3", "+4", "+5", "+6", "-6", "-5", "-4", "-3"), r.events);
            assertEquals(3, c.index());
        }
    }

    @Test
    void theViewReadsTheNodeItIsOnEvenIfAVisitorMovesIt() {
        try (OcpDocument d = open(tree())) {
            List<String> texts = new ArrayList<>();
            d.walk(node -> {
                if (node.kind() == TEXT) {
                    texts.add(node.literal());
                }
                if (node.kind() == LIST) {
                    assertTrue(node.isOrderedList());
                    assertTrue(node.isTightList());
                    assertEquals(3, node.listStart());
                }
                // nothing a visitor holds can derail the walk: the node it is handed is no cursor to move
                assertFalse(((Object) node) instanceof OcpCursor);
                return true;
            });
            assertEquals(List.of("Title", "one", "two"), texts);
        }
    }

    @Test
    void aCloseInsideTheWalkEndsItWithIllegalStateException() {
        OcpDocument d = open(tree());
        int[] entered = {0};
        assertThrows(IllegalStateException.class, () -> d.walk(node -> {
            entered[0]++;
            if (node.kind() == HEADING) {
                d.close();
            }
            return true;
        }));
        assertEquals(2, entered[0], "the walk stops at the first step after the close");
        assertThrows(IllegalStateException.class, () -> d.walk(node -> true));
    }

    @Test
    void cyclicLinksEndTheWalkAsACorruptPayload() {
        byte[] bytes = PayloadBuilder.bytes(tree());
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int nodes = b.getInt(dev.ocp.spi.OcpFormat.H_NODE_OFFSET);
        int size = b.getShort(dev.ocp.spi.OcpFormat.H_NODE_RECORD_SIZE);
        // The emphasis' text (9) names the paragraph (7) as its next sibling: the walk would go round forever.
        b.putInt(nodes + 9 * size + dev.ocp.spi.OcpFormat.N_NEXT_SIBLING, 7);
        // Not through Ocp.read, which validates: a document of an engine nobody checked.
        OcpDocument unvalidated = new OcpDocument() {
            @Override
            public ByteBuffer bytes() {
                return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            }

            @Override
            public boolean isClosed() {
                return false;
            }

            @Override
            public void close() {
            }
        };
        OcpException e = assertThrows(OcpException.class, () -> unvalidated.walk(node -> true));
        assertEquals(OcpException.Code.CORRUPT_PAYLOAD, e.code());
    }

    /**
     * A library renderer gets one cursor of the walk's own before the first node, on the walk's root, and reads other
     * nodes through it while the walk runs (what the Markdown writer's look-ahead does); a user's visitor gets none.
     */
    @Test
    void aLibraryRendererGetsTheWalksCursorBeforeTheFirstNode() {
        try (OcpDocument d = open(tree())) {
            List<String> events = new ArrayList<>();
            OcpCursor[] handed = new OcpCursor[1];
            dev.ocp.internal.LibraryRenderer renderer = new dev.ocp.internal.LibraryRenderer() {
                @Override
                public void lookAroundUnguarded(OcpCursor cursor) {
                    events.add("cursor on " + cursor.index());
                    handed[0] = cursor;
                }

                @Override
                public boolean enter(OcpNode node) {
                    int next = node.nextSiblingIndex();
                    if (next >= 0) {
                        handed[0].moveTo(next);
                        events.add(node.index() + " before " + handed[0].kind());
                    }
                    return true;
                }

                @Override
                public void exit(OcpNode node) {
                }
            };
            OcpCursor atList = d.cursor();
            atList.moveTo(3);
            atList.walk(renderer);
            assertEquals(List.of("cursor on 3", "3 before PARAGRAPH"), events, "a walk of the list starts on it");
            events.clear();
            d.walk(renderer);
            assertEquals(List.of("cursor on 0", "1 before LIST", "3 before PARAGRAPH"), events);
            assertNotSame(handed[0], d.cursor());
        }
    }
}
