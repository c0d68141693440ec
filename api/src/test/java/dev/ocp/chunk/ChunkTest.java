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
        return new Chunk(0, List.of("A"), "x", "x", 0, 1, 1, 1, holds, false, "");
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
                () -> new Chunk(0, List.of(), "", "", 5, 4, 1, 1, Set.of(), false, ""));
    }
}
