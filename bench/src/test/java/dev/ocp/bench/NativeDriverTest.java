package dev.ocp.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract with the C driver of native/: its JSON rows, and how the runner calls it. */
class NativeDriverTest {

    @Test
    void rowsAreReadAndTheirInputsNamedAsTheSuiteNamesThem() {
        List<ResultsFile.NativeRow> rows = ResultsFile.nativeRows("[{\"parser\": \"ocp-c\", \"input\": \"/tmp/x/progit.md\", "
                + "\"bytes\": 11064847, \"iterations\": 20, \"seconds\": 0.9, \"mb_per_s\": 245.9},"
                + " {\"parser\": \"cmark\", \"input\": \"10KB.md\", \"bytes\": 9998, \"iterations\": 5000, "
                + "\"seconds\": 0.4, \"mb_per_s\": 125.0}]\n");
        assertEquals(2, rows.size());
        assertEquals("progit", rows.get(0).input());
        assertEquals("10KB", rows.get(1).input());
        assertEquals(245.9, rows.get(0).mbPerSecond());
        assertEquals(11064847, rows.get(0).bytes());
    }

    @Test
    void outputThatBreaksTheContractIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ResultsFile.nativeRows("{\"parser\": \"ocp-c\"}"));
        assertThrows(IllegalArgumentException.class, () -> ResultsFile.nativeRows("[{\"parser\": \"ocp-c\", "
                + "\"input\": \"a.md\", \"bytes\": 1, \"iterations\": 1, \"seconds\": 1}]"));
        assertThrows(IllegalArgumentException.class, () -> ResultsFile.nativeRows("[{\"parser\": 1, \"input\": \"a.md\", "
                + "\"bytes\": 1, \"iterations\": 1, \"seconds\": 1, \"mb_per_s\": 1}]"));
    }

    /**
     * A stand-in driver (a shell script) that answers for each file it is given with its real size: the runner
     * must hand it every input, as files named after them, and read its answer.
     */
    @Test
    void theRunnerGivesTheDriverEveryInputAndReadsItsRows() throws Exception {
        Path dir = Files.createDirectories(Paths.get("target", "native-driver-test"));
        Path driver = script(dir, "fake_cbench", "[ \"$1\" = --json ] || { echo 'expected --json' >&2; exit 3; }\nshift\n"
                + "sep='['\nfor f in \"$@\"; do\n"
                + "  n=$(wc -c < \"$f\" | tr -d ' ')\n"
                + "  printf '%s{\"parser\": \"ocp-c\", \"input\": \"%s\", \"bytes\": %s, \"iterations\": 1, "
                + "\"seconds\": 1, \"mb_per_s\": 1}' \"$sep\" \"$f\" \"$n\"\n  sep=','\ndone\necho ']'\n");
        BenchMain.Settings s = new BenchMain.Settings();
        s.nativeDriver = driver.toString();
        Corpus corpus = Corpus.get();
        ResultsFile.NativeRun run = BenchMain.runNativeDriver(s, corpus);
        assertEquals("measured", run.status(), run.note());
        List<ResultsFile.NativeRow> rows = run.rows();
        assertEquals(Corpus.INPUTS.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String id = Corpus.INPUTS.get(i);
            assertEquals(id, rows.get(i).input());
            assertEquals(corpus.input(id).utf8.length, rows.get(i).bytes());
        }
    }

    /** A stand-in driver: a shell script named {@code name} in {@code dir}, executable. */
    private static Path script(Path dir, String name, String body) throws IOException {
        Path driver = dir.resolve(name);
        Files.writeString(driver, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(driver, PosixFilePermissions.fromString("rwx------"));
        return driver;
    }

    /** A folder {@code dir/name} holding a copy of the committed results.json, for a run to merge into. */
    private static Path committedResultsIn(Path dir, String name) throws IOException {
        Path out = Files.createDirectories(dir.resolve(name));
        Files.copy(Paths.get("results", "results.json"), out.resolve("results.json"),
                StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    /**
     * {@code --native-only} measures the C driver again into the results of the last full run: its rows and a note
     * saying when and at which commit take the place of the old run's, and nothing else of the file changes.
     */
    @Test
    void theDriverAloneReplacesOnlyItsOwnRun() throws Exception {
        Path dir = Files.createDirectories(Paths.get("target", "native-only-test"));
        Path driver = script(dir, "fixed_cbench", "shift\necho '[{\"parser\": \"md4c\", \"input\": \"'\"$1\"'\", "
                + "\"bytes\": 7, \"iterations\": 3, \"seconds\": 2, \"mb_per_s\": 4242}]'\n");
        Path out = committedResultsIn(dir, "results");
        ResultsFile before = ResultsFile.read(out.resolve("results.json"));
        BenchMain.main(new String[] {"--native-only", "--out", out.toString(), "--commit", "cafe1234",
                "--native-driver", driver.toString()});
        ResultsFile after = ResultsFile.read(out.resolve("results.json"));
        assertEquals(List.of(4242.0), after.nativeRun().rows().stream().map(ResultsFile.NativeRow::mbPerSecond).toList());
        assertTrue(after.nativeRun().note().contains("at cafe1234"), after.nativeRun().note());
        assertTrue(after.nativeRun().note().contains("bench/run --native-only"), after.nativeRun().note());
        assertEquals(before.results(), after.results());
        assertEquals(before.bulkRun(), after.bulkRun());
        assertEquals(before.jsRun(), after.jsRun());
        assertTrue(Files.readString(out.resolve("REPORT.md")).contains("4,242"), "the report is written again");
    }

    /** A driver that fails leaves the last run's rows in place rather than replacing them with none. */
    @Test
    void theDriverAloneThatFailsChangesNothing() throws Exception {
        Path dir = Files.createDirectories(Paths.get("target", "native-only-test"));
        Path driver = script(dir, "broken_cbench", "echo 'no such input' >&2\nexit 1\n");
        Path out = committedResultsIn(dir, "kept");
        byte[] before = Files.readAllBytes(out.resolve("results.json"));
        IOException e = assertThrows(IOException.class, () -> BenchMain.main(new String[] {
            "--native-only", "--out", out.toString(), "--commit", "cafe1234", "--native-driver", driver.toString()}));
        assertTrue(e.getMessage().contains("no such input"), e.getMessage());
        assertTrue(Arrays.equals(before, Files.readAllBytes(out.resolve("results.json"))),
                "results.json is left as it was");
    }

    @Test
    void aDriverThatFailsIsReportedWithItsMessage() throws Exception {
        Path dir = Files.createDirectories(Paths.get("target", "native-driver-test"));
        Path driver = script(dir, "failing_cbench", "echo 'cannot open input' >&2\nexit 1\n");
        BenchMain.Settings s = new BenchMain.Settings();
        s.nativeDriver = driver.toString();
        ResultsFile.NativeRun run = BenchMain.runNativeDriver(s, Corpus.get());
        assertEquals("failed", run.status());
        assertTrue(run.note().contains("cannot open input"), run.note());
    }
}
