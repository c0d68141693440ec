package dev.ocp.chunk;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.internal.PayloadBuilder;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.ToIntFunction;

import static dev.ocp.internal.PayloadBuilder.doc;
import static dev.ocp.internal.PayloadBuilder.para;
import static dev.ocp.internal.PayloadBuilder.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chunker counts characters in the source's bytes, which ill-formed UTF-8 can belie: an encoded surrogate
 * ({@code ED A0 80}) is one lead byte, one character by the count, and three U+FFFD decoded as the library decodes. The
 * plan must see that and measure the document again (the kit's {@code Chunks.lineEndingsAndEveryKindOfUtf8...} holds
 * the chunks of both ways equal on every engine; this shows the second way is the one taken).
 */
class MiscountedTest {
    /** {@code a<ED A0 80>b}, a blank line, then {@code c}: two paragraphs, the first ill-formed. */
    private static final byte[] SOURCE = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b', '\n', '\n', 'c', '\n'};

    private static OcpDocument document() {
        PayloadBuilder.Node root = doc(para(text("a\uFFFD\uFFFD\uFFFDb").span(0, 5)).span(0, 5),
                para(text("c").span(7, 8)).span(7, 8)).span(0, SOURCE.length);
        return Ocp.read(ByteBuffer.wrap(PayloadBuilder.bytes(root)).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static Plan plan(OcpDocument document, ChunkOptions options) {
        return new Plan(document, SOURCE, null, options, piece -> {
            throw new AssertionError("no sentence is split here");
        });
    }

    @Test
    void anEncodedSurrogateIsMeasuredAgainAsItDecodes() {
        ToIntFunction<String> characters = String::length; // the default's count, but not the default: strings measured
        for (int cap : new int[] {4, 6, 7, 1000}) {
            try (OcpDocument document = document()) {
                Plan counted = plan(document, ChunkOptions.defaults().withMaxSize(cap));
                List<Chunk> chunks = counted.chunks();
                assertTrue(counted.measuredAgain, "cap " + cap + ": the count of the bytes was taken as it is");
                Plan measured = plan(document, ChunkOptions.defaults().withMaxSize(cap).withMeasure(characters));
                assertEquals(measured.chunks(), chunks, "cap " + cap);
                assertFalse(measured.measuredAgain, "cap " + cap);
                assertEquals(cap < 1000 ? "a\uFFFD\uFFFD\uFFFDb\n\n" : "a\uFFFD\uFFFD\uFFFDb\n\nc\n",
                        chunks.get(0).markdown(), "cap " + cap);
                // Seven characters with its blank line: over a cap of 6, where the count from the bytes says five.
                assertEquals(cap < 7, chunks.get(0).overCap(), "cap " + cap);
            }
        }
    }

    @Test
    void wellFormedTextIsCountedOnce() {
        byte[] ascii = {'a', 'x', 'y', 'z', 'b', '\n', '\n', 'c', '\n'};
        PayloadBuilder.Node root = doc(para(text("axyzb").span(0, 5)).span(0, 5), para(text("c").span(7, 8))
                .span(7, 8)).span(0, ascii.length);
        try (OcpDocument document = Ocp.read(ByteBuffer.wrap(PayloadBuilder.bytes(root)).order(ByteOrder.LITTLE_ENDIAN))) {
            Plan counted = new Plan(document, ascii, null, ChunkOptions.defaults().withMaxSize(4), piece -> {
                throw new AssertionError("no sentence is split here");
            });
            assertEquals(2, counted.chunks().size());
            assertFalse(counted.measuredAgain);
        }
    }
}
