package dev.ocp.engine.java;

import dev.ocp.tck.SpecExample;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CommonMark 0.31.2 examples of the inline sections (and of escapes, references and link reference
 * definitions) whose expected output is paragraphs only, through {@link InlineHarness} (which splits
 * paragraphs itself), so the inline parser is checked against the spec independently of the block parser.
 */
class InlineSpecHarnessTest {
    private static final Set<String> SECTIONS = Set.of("Inlines", "Backslash escapes",
            "Entity and numeric character references", "Link reference definitions", "Code spans",
            "Emphasis and strong emphasis", "Links", "Images", "Autolinks", "Raw HTML", "Hard line breaks",
            "Soft line breaks", "Textual content");

    @TestFactory
    List<DynamicTest> inlineExamples() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (SpecExample e : SpecExample.readResource("/spec.txt")) {
            String html = e.html();
            // Examples whose markdown has block structure the harness does not parse (code blocks, headings,
            // lists, quotes, HTML blocks) are covered once the block parser runs them end to end.
            boolean paragraphsOnly = (html.isEmpty() || html.startsWith("<p>")) && !html.contains("\n<")
                    || html.matches("(?s)(<p>.*?</p>\n)+");
            if (!SECTIONS.contains(e.section()) || !paragraphsOnly || e.markdown().startsWith("    ")
                    || e.markdown().contains("\n* ")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest("example " + e.number() + " (" + e.section() + ")",
                    () -> assertEquals(html, InlineHarness.parse(e.markdown()).html(), e.markdown())));
        }
        assertTrue(tests.size() >= 330, "found the spec's inline examples: " + tests.size());
        return tests;
    }
}
