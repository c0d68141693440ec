package dev.ocp.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ocp tck}: runs the TCK's runner per engine and ends with the summed count line. */
class TckCommandTest {

    @Test
    void runsTheKitOrExplainsThatThisBuildHasNoRunner() {
        Run run = Run.installed("tck");
        boolean hasRunner;
        try {
            Class.forName(TckCommand.RUNNER);
            hasRunner = true;
        } catch (ClassNotFoundException e) {
            hasRunner = false;
        }
        if (hasRunner) {
            String[] counts = run.lastLine().split(" ");
            assertEquals(4, counts.length, run.toString());
            assertEquals("passed,", counts[1], run.toString());
            assertEquals(Long.parseLong(counts[2]) == 0 ? 0 : 1, run.status(), run.toString());
        } else {
            assertEquals(2, run.status(), run.toString());
            assertTrue(run.err().startsWith("ocp: this build of ocp has no TCK runner (dev.ocp.tck.TckRunner.run("
                    + "String, PrintStream) not found"), run.toString());
        }
    }

    @Test
    void unknownEnginesAndOperandsExit2() {
        Run unknown = Run.installed("tck", "--engine", "turbo");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("no engine named 'turbo'"), unknown.toString());
        Run operand = Run.installed("tck", "java");
        assertEquals(2, operand.status());
        assertTrue(operand.err().contains("expected at most 0 arguments, got 1: java"), operand.toString());
        Run none = Run.with(List.of(FakeEngine.unavailable("ffm", "needs JDK 22")), "tck", "--engine", "all");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("no OCP engine can run here: ffm (unavailable: needs JDK 22)"),
                none.toString());
    }

    @Test
    void readsTheRunnersCountLineWhereverTheSkippedCountSits() {
        assertEquals(new TckCommand.Counts(40, 2, 3),
                TckCommand.fromText("check a ... ok\n40 passed, 2 failed, 3 skipped\n", "java"));
        assertEquals(new TckCommand.Counts(7, 0, 0),
                TckCommand.fromText("1 passed, 9 failed\nrerun:\n7 passed, 0 failed\n", "java"));
        assertThrows(IllegalStateException.class, () -> TckCommand.fromText("all good\n", "java"));
    }
}
