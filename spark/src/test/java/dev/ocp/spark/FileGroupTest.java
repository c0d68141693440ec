package dev.ocp.spark;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the data source spreads files over tasks. */
class FileGroupTest {
    private static List<FileGroup.File> files(long... sizes) {
        List<FileGroup.File> files = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            files.add(new FileGroup.File("file:/f" + i + ".md", sizes[i], 0));
        }
        return files;
    }

    @Test
    void groupsHoldAboutEqualBytesAndEveryFileOnce() {
        List<FileGroup.File> files = files(900, 100, 100, 100, 100, 100, 100, 100, 100, 100);
        FileGroup[] groups = FileGroup.spread(files, 2, 1 << 20);
        assertEquals(2, groups.length);
        // The big file alone on one side, the nine small ones on the other.
        assertEquals(List.of(900L, 900L), Arrays.stream(groups)
                .map(g -> g.files().stream().mapToLong(FileGroup.File::size).sum()).sorted().toList());
        List<FileGroup.File> all = new ArrayList<>();
        Arrays.stream(groups).forEach(g -> all.addAll(g.files()));
        assertEquals(files.size(), all.size());
        assertTrue(all.containsAll(files));
        // A group keeps the listing's order.
        for (FileGroup group : groups) {
            List<String> paths = group.files().stream().map(FileGroup.File::path).toList();
            assertEquals(paths.stream().sorted().toList(), paths);
        }
    }

    @Test
    void moreGroupsForMoreBytesNeverMoreThanFiles() {
        assertEquals(5, FileGroup.spread(files(10, 10, 10, 10, 10), 2, 10).length);
        assertEquals(3, FileGroup.spread(files(10, 10, 10, 10, 10, 10), 2, 25).length);
        assertEquals(1, FileGroup.spread(files(10), 8, 1 << 20).length);
        assertEquals(0, FileGroup.spread(files(), 8, 1 << 20).length);
    }
}
