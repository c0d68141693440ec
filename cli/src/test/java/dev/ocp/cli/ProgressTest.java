package dev.ocp.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress of {@code ocp convert} and {@code ocp check}: a bar on a terminal, never drawn over a report. */
class ProgressTest {

    @Test
    void onATerminalAReportClearsTheBarAndTheBarIsDrawnAgainBelowIt() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Progress progress = new Progress("check", 4, new PrintStream(err, true, StandardCharsets.UTF_8), true);
        progress.done(100);
        progress.failed("a.mdx:1:2: bad (ocp:rule)", 50, new PrintStream(out, true, StandardCharsets.UTF_8));
        String drawn = err.toString(StandardCharsets.UTF_8);
        // Half the files done: half the bar, then the counts (the ticker may have drawn the bar before as well).
        assertTrue(drawn.contains("\r[" + "#".repeat(15) + ".".repeat(15) + "] 2 of 4 files, 150 B, "), drawn);
        assertTrue(drawn.contains(", 1 failed"), drawn);
        assertEquals("a.mdx:1:2: bad (ocp:rule)\n", out.toString(StandardCharsets.UTF_8));
        progress.finish();
        String after = err.toString(StandardCharsets.UTF_8);
        // Finishing blanks the bar's line and returns to its start, for the summary.
        assertTrue(after.endsWith("\r"), after);
        assertEquals(1, progress.failed());
        assertTrue(progress.summary(2).matches("ocp check: 2 files, 150 B in [0-9.]+ s on 2 threads \\([0-9,]+ "
                + "files/s\\): 1 failed"), progress.summary(2));
    }

    @Test
    void elsewhereNothingIsDrawn() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Progress progress = new Progress("convert", 1, stream, false);
        progress.failed("x.md: cannot read: no such file (ocp:unreadable)", 0, stream);
        progress.finish();
        assertEquals("x.md: cannot read: no such file (ocp:unreadable)\n", err.toString(StandardCharsets.UTF_8));
        assertFalse(Progress.onTerminal(stream), "a stream of a test is no terminal");
    }
}
