package dev.ocp.engine.java;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.tck.SpecExample;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every CommonMark 0.31.2 example of the inline sections (section 6, plus backslash escapes, character
 * references and link reference definitions) through the {@code java} engine and the HTML renderer, one test
 * per example so a regression names its example.
 */
class InlineSpecTest {
    private static final Set<String> SECTIONS = Set.of("Inlines", "Backslash escapes",
            "Entity and numeric character references", "Link reference definitions", "Code spans",
            "Emphasis and strong emphasis", "Links", "Images", "Autolinks", "Raw HTML", "Hard line breaks",
            "Soft line breaks", "Textual content");

    @TestFactory
    List<DynamicTest> inlineSections() throws Exception {
        OcpEngine engine = Ocp.engine("java");
        List<DynamicTest> tests = new ArrayList<>();
        for (SpecExample e : SpecExample.readResource("/spec.txt")) {
            if (SECTIONS.contains(e.section())) {
                tests.add(DynamicTest.dynamicTest("example " + e.number() + " (" + e.section() + ")", () -> {
                    try (OcpDocument doc = engine.parse(e.markdown(), ParseOptions.defaults())) {
                        assertEquals(e.html(), doc.toHtml(), e.markdown());
                    }
                }));
            }
        }
        // 383 examples in 0.31.2; fail loudly rather than pass with none if spec.txt is not on the class path.
        if (tests.size() != 383) {
            throw new AssertionError("expected the spec's inline examples, found " + tests.size());
        }
        return tests;
    }
}
