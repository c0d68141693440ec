package dev.ocp.tck;

import dev.ocp.MemoryStats;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Assertions on {@link MemoryStats}, phrased so that a failure says which promise broke. */
final class Stats {
    private Stats() {
    }

    /**
     * Asserts that everything allocated between two snapshots was freed exactly once: the same live
     * documents and bytes, and as many frees as allocations in between.
     */
    static void assertNothingLeftAllocated(MemoryStats before, MemoryStats after, String when) {
        assertEquals(before.liveDocuments(), after.liveDocuments(), () -> "live documents " + when
                + " (before: " + before + ", after: " + after + ")");
        assertEquals(before.liveBytes(), after.liveBytes(), () -> "live bytes " + when
                + " (before: " + before + ", after: " + after + ")");
        assertEquals(after.allocations() - before.allocations(), after.frees() - before.frees(),
                () -> "every allocation freed exactly once " + when + " (before: " + before + ", after: " + after + ")");
    }
}
