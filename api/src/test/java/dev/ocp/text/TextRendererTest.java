package dev.ocp.text;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.internal.PayloadBuilder;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static dev.ocp.internal.PayloadBuilder.doc;
import static dev.ocp.internal.PayloadBuilder.para;
import static dev.ocp.internal.PayloadBuilder.raw;
import static dev.ocp.internal.PayloadBuilder.text;
import static dev.ocp.spi.OcpFormat.VERSION_MINOR;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What only a payload made by hand can show of the plain-text rendering (the engines' tests have the rest,
 * {@code TextRenderingTest} in engine-java): a kind of a later minor version is left out with its subtree.
 */
class TextRendererTest {

    @Test
    void aKindOfALaterMinorVersionIsLeftOutWithItsSubtree() {
        ByteBuffer payload = ByteBuffer.wrap(new PayloadBuilder().minor(VERSION_MINOR + 1).toBytes(
                doc(para(text("a"), raw(50, text("hidden")), text("b")), raw(30, para(text("gone"))),
                        para(text("c")))));
        try (OcpDocument document = Ocp.read(payload)) {
            assertEquals("ab\n\nc\n", document.toText());
        }
    }
}
