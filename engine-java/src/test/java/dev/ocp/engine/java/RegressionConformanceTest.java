package dev.ocp.engine.java;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.tck.SpecExample;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The regression files of the reference implementations, as shipped in commonmark-test-util 0.24.0: cmark's
 * {@code cmark-regression.txt} and commonmark.js's {@code commonmark.js-regression.txt}. Every example must pass
 * through the {@code java} engine and its HTML renderer, exact string match; failures are written to
 * {@code target/<file>-failures.txt}.
 */
class RegressionConformanceTest {
    private static OcpEngine engine;

    @BeforeAll
    static void open() {
        engine = Ocp.engine("java");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cmark-regression.txt", "/commonmark.js-regression.txt"})
    void everyExamplePasses(String resource) throws IOException {
        List<SpecExample> examples = SpecExample.readResource(resource);
        assertFalse(examples.isEmpty(), resource + " is missing from the class path (commonmark-test-util)");
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
                        .append(", line ").append(example.line()).append(")\n")
                        .append("--- markdown\n").append(example.markdown())
                        .append("--- expected\n").append(example.html())
                        .append("--- actual\n").append(actual).append('\n');
            }
        }
        String summary = passed + " of " + examples.size() + " examples of " + resource + " pass";
        Path out = Path.of("target", resource.substring(1).replace(".txt", "-failures.txt"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, summary + "\n\n" + report, StandardCharsets.UTF_8);
        System.out.println(summary);
        assertEquals(examples.size(), passed, summary + ":\n" + report);
    }

    /** The files have as many examples as their 0.24.0 versions, so a reader that loses some cannot pass. */
    @Test
    void theFilesAreReadWhole() throws IOException {
        assertEquals(15, SpecExample.readResource("/cmark-regression.txt").size());
        assertEquals(20, SpecExample.readResource("/commonmark.js-regression.txt").size());
    }

    /**
     * cmark's first regression example is about a line that ends in CR CR LF, but the copy in
     * commonmark-test-util lost the carriage returns; the original input is checked here (CR CR LF is two line
     * endings, CR and CR LF, so there are two blank lines between the paragraphs). Also cmark's issue 114 with
     * its tab-only lines, which the copy keeps.
     */
    @Test
    void theOriginalCarriageReturnExample() throws IOException {
        SpecExample copy = SpecExample.readResource("/cmark-regression.txt").get(0);
        assertEquals("line1\n\nline2\n", copy.markdown(), "the copy lost its CRs; if it has them again, drop this test");
        try (OcpDocument doc = engine.parse("line1\r\r\n\nline2\n", ParseOptions.defaults())) {
            assertEquals("<p>line1</p>\n<p>line2</p>\n", doc.toHtml());
        }
        try (OcpDocument doc = engine.parse("line1\r\rline2\r\n", ParseOptions.defaults())) {
            assertEquals("<p>line1</p>\n<p>line2</p>\n", doc.toHtml());
        }
        assertTrue(SpecExample.readResource("/cmark-regression.txt").get(1).markdown().contains("\n\t\n"));
    }
}
