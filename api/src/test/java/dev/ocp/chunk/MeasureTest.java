package dev.ocp.chunk;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.internal.PayloadBuilder;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import static dev.ocp.internal.PayloadBuilder.doc;
import static dev.ocp.internal.PayloadBuilder.para;
import static dev.ocp.internal.PayloadBuilder.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the chunker uses the options' measure: each chunk's {@link Chunk#size()} is what the measure gives for its
 * Markdown, a chunk of one block is not measured twice (a tokenizer's count is most of chunking in tokens), and a
 * measure that gives a negative size is refused with a message that says so.
 */
class MeasureTest {
    /** Three paragraphs, {@code aaaa}, {@code bb} and {@code cccccc}, each with the blank line after it. */
    private static final byte[] SOURCE = "aaaa\n\nbb\n\ncccccc\n".getBytes(StandardCharsets.UTF_8);

    private static OcpDocument document() {
        PayloadBuilder.Node root = doc(para(text("aaaa").span(0, 4)).span(0, 4),
                para(text("bb").span(6, 8)).span(6, 8),
                para(text("cccccc").span(10, 16)).span(10, 16)).span(0, SOURCE.length);
        return Ocp.read(ByteBuffer.wrap(PayloadBuilder.bytes(root)).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static List<Chunk> chunks(ChunkOptions options) {
        try (OcpDocument document = document()) {
            return new Plan(document, SOURCE, null, options, piece -> {
                throw new AssertionError("no sentence is split here");
            }).chunks();
        }
    }

    @Test
    void eachChunkKnowsItsSizeAndOneBlockIsMeasuredOnce() {
        List<String> measured = new ArrayList<>();
        ToIntFunction<String> words = markdown -> {
            measured.add(markdown);
            return markdown.length() / 2; // not characters, so that the size shown is the measure's
        };
        // Cap 5: "aaaa\n\n" (3) and "bb\n\n" (2) fit together, "cccccc\n" (3) is alone.
        List<Chunk> chunks = chunks(ChunkOptions.defaults().withMaxSize(5).withMeasure(words));
        assertEquals(List.of("aaaa\n\nbb\n\n", "cccccc\n"), chunks.stream().map(Chunk::markdown).toList());
        assertEquals(List.of(5, 3), chunks.stream().map(Chunk::size).toList());
        // Each block once, then the chunk of two blocks once more; the chunk of one block is that block's measure.
        assertEquals(List.of("aaaa\n\n", "bb\n\n", "cccccc\n", "aaaa\n\nbb\n\n"), measured);

        List<Chunk> byCharacters = chunks(ChunkOptions.defaults().withMaxSize(10));
        assertEquals(List.of("aaaa\n\nbb\n\n", "cccccc\n"), byCharacters.stream().map(Chunk::markdown).toList());
        assertEquals(List.of(10, 7), byCharacters.stream().map(Chunk::size).toList());
        // One block over the cap: its chunk is flagged, and says by how much.
        Chunk over = chunks(ChunkOptions.defaults().withMaxSize(6)).get(2);
        assertEquals(7, over.size());
        assertTrue(over.overCap());
    }

    @Test
    void aNegativeSizeIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> chunks(ChunkOptions.defaults().withMeasure(markdown -> -1)));
        assertEquals("the chunk options' measure gave -1 for 6 characters of Markdown; a size is 0 or more",
                refused.getMessage());
    }
}
