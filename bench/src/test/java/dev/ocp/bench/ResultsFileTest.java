package dev.ocp.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code results.json} read and written as records, and the committed report's results readable as they stand. */
class ResultsFileTest {

    @Test
    void theCommittedResultsAreReadAndWriteBackTheSame() throws IOException {
        Path committed = Paths.get("results", "results.json");
        ResultsFile results = ResultsFile.read(committed);
        assertEquals(ResultsFile.SCHEMA, results.schema());
        assertFalse(results.results().isEmpty());
        assertTrue(results.contenders().stream().anyMatch(c -> c.name().equals("java") && c.available()));
        assertTrue(results.nativeRun().measured(), "the committed run measured the C driver");
        Path again = Files.createDirectories(Paths.get("target", "results-file")).resolve("results.json");
        results.write(again);
        assertEquals(results, ResultsFile.read(again));
        // Same report from the file as from the records.
        assertEquals(new Report(results).markdown(), new Report(ResultsFile.read(again)).markdown());
    }

    @Test
    void aFileThatIsNoResultsFileIsRefused() throws IOException {
        Path dir = Files.createDirectories(Paths.get("target", "results-file"));
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"date\": \"today\"}");
        IOException e = assertThrows(IOException.class, () -> ResultsFile.read(other));
        assertTrue(e.getMessage().contains("is not a results file"), e.getMessage());
    }
}
