package dev.ocp.cli;

import dev.ocp.Ocp;
import dev.ocp.OcpEngine;
import dev.ocp.chunk.Chunk;
import dev.ocp.chunk.ChunkOptions;
import dev.ocp.chunk.Chunker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkCommandTest {
    /** A folder to JSON Lines: a line per chunk, with its file, in the files' order, what the API gives each file. */
    @Test
    void aFolderBecomesALinePerChunk(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.md"), "# A\n\nOne. Two \"quoted\".\n\n## B\n\n```\n# code\n```\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub").resolve("b.md"), "Intro\n\n# C\n\n| x | y |\n|---|---|\n| 1 | 2 |\n");
        Run run = Run.installed("chunk", "--max-chars", "30", "--levels", "1,2", "--jobs", "2", dir.toString());
        assertEquals(0, run.status(), run.err());
        List<String> expected = new ArrayList<>();
        ChunkOptions options = ChunkOptions.defaults().withMaxSize(30).withHeadingLevels(1, 2);
        try (OcpEngine engine = Ocp.engine()) {
            for (Path file : List.of(dir.resolve("a.md"), dir.resolve("sub").resolve("b.md"))) {
                List<Chunk> chunks = Chunker.chunk(engine, Files.readAllBytes(file),
                        dev.ocp.ParseOptions.defaults(), options);
                expected.add(ChunkCommand.lines(file.toString(), chunks));
            }
        }
        assertEquals(String.join("", expected), run.out());
        String[] lines = run.out().split("\n");
        assertTrue(lines.length >= 5, run.out());
        assertTrue(lines[0].startsWith("{\"file\":\"" + dir.resolve("a.md").toString().replace("\\", "\\\\")
                + "\",\"index\":0,\"headingPath\":[\"A\"],\"markdown\":\"# A\\n\\n"), lines[0]);
        assertTrue(run.out().contains("\\\"quoted\\\""), "quotes are escaped");
    }

    @Test
    void aBadLevelIsAUsageError() {
        Run run = Run.installed("chunk", "--levels", "7", ".");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("--levels"), run.err());
    }
}
