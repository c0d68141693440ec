package dev.ocp.tck;

import dev.ocp.OcpDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The CommonMark spec examples through the engine and the HTML renderer. One check that reports how many
 * pass and fails when fewer than the floor do ({@code -Docp.tck.specFloor=N}, default 0), so that once a
 * floor is set a regression cannot pass silently. The failures are printed, the count is published as a
 * report entry.
 */
abstract class ConformanceSuite extends TckSuite {
    /** The system property holding the floor. */
    static final String FLOOR_PROPERTY = "ocp.tck.specFloor";
    /** Failures printed in full. */
    private static final int PRINTED = 40;

    @Test
    void commonMarkSpecExamples(TestReporter reporter) throws IOException {
        List<SpecExample> examples = SpecExample.readResource("/spec.txt");
        assumeFalse(examples.isEmpty(), "no /spec.txt on the class path (add org.commonmark:commonmark-test-util as a"
                + " test dependency to run the CommonMark spec examples)");
        int floor = Integer.getInteger(FLOOR_PROPERTY, 0);
        Subject s = open();
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (SpecExample e : examples) {
            String html;
            try (OcpDocument doc = s.parse(e.markdown())) {
                html = doc.toHtml();
            } catch (RuntimeException | StackOverflowError x) {
                failures.add(describe(e) + " threw " + x);
                continue;
            }
            if (html.equals(e.html())) {
                passed++;
            } else {
                failures.add(describe(e) + "\n    markdown: " + escape(e.markdown()) + "\n    expected: "
                        + escape(e.html()) + "\n    actual:   " + escape(html));
            }
        }
        String summary = "engine '" + s.engine().name() + "': " + passed + " of " + examples.size()
                + " CommonMark spec examples pass (floor " + floor + ", set with -D" + FLOOR_PROPERTY + ")";
        reporter.publishEntry("conformance", summary);
        if (!failures.isEmpty()) {
            // A broken renderer fails every example the same way: the first few say it, the count says the rest.
            System.out.println(summary + "; the failures:");
            for (String f : failures.subList(0, Math.min(PRINTED, failures.size()))) {
                System.out.println("  FAIL " + f);
            }
            if (failures.size() > PRINTED) {
                System.out.println("  ... and " + (failures.size() - PRINTED) + " more failing examples");
            }
        }
        int count = passed;
        assertTrue(count >= floor, () -> summary + "; the first failures:\n  "
                + String.join("\n  ", failures.subList(0, Math.min(10, failures.size()))));
    }

    private static String describe(SpecExample e) {
        return "example " + e.number() + " (" + e.section() + ", line " + e.line() + ")";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }
}
