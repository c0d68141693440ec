package dev.ocp.engine.java;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.tck.SpecExample;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every example of the CommonMark 0.31.2 spec through the {@code java} engine and its HTML rendering,
 * writes each failure (number, section, input, expected, actual) to {@code target/spec-failures.txt}, and
 * holds the pass count to a floor that only goes up.
 */
class SpecConformanceTest {
    /** The examples in CommonMark 0.31.2's spec.txt. */
    private static final int EXAMPLES = 652;

    /**
     * Current floor: all 652 (block parser, inline parser and HTML renderer together, since their merge on main).
     * It must never go down.
     */
    private static final int FLOOR = 652;

    @Test
    void specExamples() throws IOException {
        List<SpecExample> examples = SpecExample.readResource("/spec.txt");
        assertEquals(EXAMPLES, examples.size(), "spec.txt from commonmark-test-util should be 0.31.2");
        OcpEngine engine = Ocp.engine("java");
        StringBuilder report = new StringBuilder();
        int passed = 0;
        for (SpecExample example : examples) {
            String actual;
            try (OcpDocument doc = engine.parse(example.markdown(), ParseOptions.defaults())) {
                actual = doc.toHtml();
            } catch (RuntimeException e) {
                actual = "(threw) " + e;
            }
            if (actual.equals(example.html())) {
                passed++;
            } else {
                report.append("=== example ").append(example.number()).append(" (").append(example.section())
                        .append(", spec.txt line ").append(example.line()).append(")\n")
                        .append("--- markdown\n").append(example.markdown())
                        .append("--- expected\n").append(example.html())
                        .append("--- actual\n").append(actual).append('\n');
            }
        }
        String summary = passed + " of " + examples.size() + " CommonMark spec examples pass";
        report.insert(0, summary + "\n\n");
        Path out = Path.of("target", "spec-failures.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(summary + " (failures in " + out.toAbsolutePath() + ")");
        assertTrue(passed >= FLOOR, summary + ", fewer than the floor " + FLOOR + "; see " + out.toAbsolutePath());
    }
}
