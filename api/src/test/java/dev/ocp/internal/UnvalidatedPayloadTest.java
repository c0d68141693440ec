package dev.ocp.internal;

import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static dev.ocp.internal.PayloadBuilder.*;
import static dev.ocp.spi.OcpFormat.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Engines' own payloads reach the renderers without validation. A buggy engine must still not make a renderer
 * loop forever or read outside the payload: it gets {@link OcpException} instead.
 */
class UnvalidatedPayloadTest {

    private static OcpDocument unchecked(byte[] bytes) {
        ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return new OcpDocument() {
            @Override
            public ByteBuffer bytes() {
                return view.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            }

            @Override
            public boolean isClosed() {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void cyclicSiblingLinksEndInAnException() {
        byte[] bytes = bytes(doc(para(text("a"), text("b"))));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(HEADER_SIZE + 3 * NODE_RECORD_SIZE + N_NEXT_SIBLING, 2);
        OcpDocument d = unchecked(bytes);
        assertEquals(OcpException.Code.CORRUPT_PAYLOAD, assertThrows(OcpException.class, d::toHtml).code());
        assertEquals(OcpException.Code.CORRUPT_PAYLOAD, assertThrows(OcpException.class, d::toJson).code());
    }

    @Test
    void linksOutOfRangeEndInAnException() {
        byte[] bytes = bytes(doc(para(text("a"))));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(HEADER_SIZE + NODE_RECORD_SIZE + N_FIRST_CHILD, 77);
        OcpDocument d = unchecked(bytes);
        assertTrue(assertThrows(OcpException.class, d::toHtml).getMessage().contains("node link 77 is out of range"));
        assertThrows(OcpException.class, d::toJson);
    }

    @Test
    void cyclicParentLinksEndInAnException() {
        // text "b" (node 3) is a last child whose parent link points at itself
        byte[] bytes = bytes(doc(para(text("a"), node(dev.ocp.NodeKind.EMPHASIS, text("b")).data('*')),
                node(dev.ocp.NodeKind.FOOTNOTE_REFERENCE).c("x")));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(HEADER_SIZE + 4 * NODE_RECORD_SIZE + N_PARENT, 4);
        OcpDocument d = unchecked(bytes);
        dev.ocp.OcpCursor c = d.cursor();
        c.moveTo(4);
        assertEquals(OcpException.Code.CORRUPT_PAYLOAD, assertThrows(OcpException.class, c::subtreeEnd).code());
        assertEquals(OcpException.Code.CORRUPT_PAYLOAD, assertThrows(OcpException.class, c::skipSubtree).code());
        assertThrows(OcpException.class, d::toHtml);
        assertThrows(OcpException.class, d::toJson);
    }
}
