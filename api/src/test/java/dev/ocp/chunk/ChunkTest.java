package dev.ocp.chunk;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChunkTest {

    private static Chunk holding(Set<ChunkKind> holds) {
        return new Chunk(0, List.of("A"), "x", "x", 0, 1, 1, 1, holds, 1, false, "");
    }

    /** JSON Lines and Spark arrays list a chunk's kinds as it iterates them: the same order in every run. */
    @Test
    void holdsIteratesInTheOrderChunkKindDeclares() {
        Set<ChunkKind> backwards = new LinkedHashSet<>();
        for (int i = ChunkKind.values().length - 1; i >= 0; i--) {
            backwards.add(ChunkKind.values()[i]);
        }
        assertEquals(List.of(ChunkKind.values()), new ArrayList<>(holding(backwards).holds()));
        assertEquals(List.of(ChunkKind.PARAGRAPH, ChunkKind.TABLE, ChunkKind.CODE),
                new ArrayList<>(holding(new LinkedHashSet<>(List.of(ChunkKind.CODE, ChunkKind.PARAGRAPH,
                        ChunkKind.TABLE))).holds()));
    }

    @Test
    void holdsIsACopyThatCannotChange() {
        Set<ChunkKind> kinds = EnumSet.of(ChunkKind.CODE);
        Chunk chunk = holding(kinds);
        kinds.add(ChunkKind.TABLE);
        assertEquals(Set.of(ChunkKind.CODE), chunk.holds());
        assertThrows(UnsupportedOperationException.class, () -> chunk.holds().add(ChunkKind.LIST));
    }

    @Test
    void anInvertedRangeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new Chunk(0, List.of(), "", "", 5, 4, 1, 1, Set.of(), 0, false, ""));
    }

    /**
     * An overlap of the whole cap leaves a chunk no room of its own: refused when the options are used (before any
     * engine is made), not when they are made, so that the withers may come in any order. (An overlap one less than
     * the cap chunks: the CLI's and Spark's tests, which have engines.)
     */
    @Test
    void anOverlapNotLessThanTheCapIsRefusedWhenChunking() {
        ChunkOptions whole = ChunkOptions.defaults().withOverlap(300).withMaxSize(300);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Chunker.chunk("a\n\nb\n", whole));
        assertEquals("the overlap (300) must be less than the cap, maxSize (300)", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Chunker.chunk("a\n", whole.withOverlap(301)));
        // An overlap over the default cap, then the cap that makes room for it: options that chunk.
        ChunkOptions fits = ChunkOptions.defaults().withOverlap(3000).withMaxSize(3001);
        assertEquals(3000, fits.overlap());
    }
}
