package dev.ocp.cli;

import dev.ocp.tck.TckRunner;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ocp tck}: runs the TCK's runner per engine and ends with the summed count line. */
class TckCommandTest {

    @Test
    void runsTheKitForTheJavaEngineAndEndsWithTheCountLine() {
        Run run = Run.installed("tck", "--engine", "java");
        assertEquals(0, run.status(), run.toString());
        String[] counts = run.lastLine().split(" ");
        assertEquals(4, counts.length, run.toString());
        assertEquals("passed,", counts[1], run.toString());
        assertTrue(Long.parseLong(counts[0]) >= 40, () -> "at least 40 checks pass for java: " + run);
        assertEquals("0", counts[2], run.toString());
        assertTrue(run.out().contains("skipped, each listed above with its cause"), run.toString());
    }

    @Test
    void anEngineTheKitCannotPassExits1() {
        // The catalog knows this engine, the kit's own discovery does not: its suites fail to start, nothing passes.
        Run run = Run.with(List.of(FakeEngine.simple("fake", 1)), "tck", "--engine", "fake");
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.out().contains("FAILED"), run.toString());
        assertTrue(run.lastLine().startsWith("0 passed, "), run.toString());
    }

    /** One failed check among many passed is a failed run; skips alone pass nothing. */
    @Test
    void anyFailedCheckOrNoPassedOneExits1() {
        assertEquals(1, TckCommand.status(new TckRunner.Result(2_000, 1, 18)));
        assertEquals(1, TckCommand.status(new TckRunner.Result(0, 0, 40)));
        assertEquals(1, TckCommand.status(new TckRunner.Result(0, 3, 0)));
        assertEquals(0, TckCommand.status(new TckRunner.Result(2_000, 0, 18)));
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
}
