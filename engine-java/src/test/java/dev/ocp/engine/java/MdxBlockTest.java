package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * MDX flow elements in containers, where markdown-rs's cases do not reach: the C core loops for ever on the first
 * input below if a blank line in a list item skips into the middle of a run of directly nested elements and the
 * run's top is read there (it is kept at the run's start only).
 */
class MdxBlockTest {
    private static final ParseOptions MDX = ParseOptions.of(Dialect.MDX);

    private static String html(String markdown) {
        try (OcpDocument doc = BlockTrees.engine().parse(markdown.getBytes(StandardCharsets.UTF_8), MDX)) {
            return doc.toHtml();
        }
    }

    /** Not a speed limit: the bound turns the loop this guards against into a failure instead of a hung build. */
    private static final Duration HANG = Duration.ofSeconds(60);

    @Test
    void aBlankLineInAListItemContinuesTheElementsNestedInIt() {
        assertTimeoutPreemptively(HANG, MdxBlockTest::blankLinesInNestedRuns);
    }

    private static void blankLinesInNestedRuns() {
        assertEquals("<ul>\n<li>\n<p>a</p>\n<p>x</p>\n</li>\n</ul>\n",
                html("+ a\n\n  <A>\n  <B>\n\n  x\n  </B>\n  </A>\n"));
        OcpException open = assertThrows(OcpException.class, () -> html("+ a\n  <A>\n  <B>\n\n"));
        assertEquals("5:1: Expected a closing tag for `<B>` (3:3) (ocp:end-tag-mismatch)",
                open.syntaxError().toString());
    }

    /** In a directive, the message names it as mdast does (markdown-rs, whose words these are, has no directives). */
    @Test
    void anElementLeftOpenInADirectiveNamesTheDirective() {
        ParseOptions directives = ParseOptions.of(Dialect.MDX, dev.ocp.Extension.DIRECTIVE);
        assertEquals("2:4: Expected a closing tag for `<A>` (2:1) before the end of `ContainerDirective`"
                + " (ocp:end-tag-mismatch)", syntaxError(":::n\n<A>\n:::\n", directives));
        assertEquals("1:9: Expected a closing tag for `<b>` (1:5) before the end of `LeafDirective`"
                + " (ocp:end-tag-mismatch)", syntaxError("::n[<b>c]\n", directives));
    }

    /**
     * ESM at column 1 inside JSX elements and container directives, as micromark reads it (Docusaurus' docs import
     * components inside {@code <TabItem>}); not in a block quote or list item, nor after indentation.
     */
    @Test
    void esmStandsInElementsAndDirectivesAtColumnOne() {
        ParseOptions directives = ParseOptions.of(Dialect.MDX, dev.ocp.Extension.DIRECTIVE);
        assertEquals("PARAGRAPH@0-1[\"a\"]@0-1 MDX_JSX_FLOW@3-36{MDX_ESM@10-28}",
                BlockTrees.blocks("a\n\n<div>\n\nimport X from \"y\";\n\n</div>", MDX));
        assertEquals("MDX_JSX_FLOW@0-52{MDX_JSX_FLOW@8-45{MDX_ESM@16-34}}",
                BlockTrees.blocks("<div>\n  <span>\n\nimport X from \"y\";\n\n  </span>\n</div>", MDX));
        assertEquals("CONTAINER_DIRECTIVE@0-30{MDX_ESM@8-26}",
                BlockTrees.blocks(":::note\nimport X from \"y\";\n:::", directives));
        assertEquals("MDX_JSX_FLOW@0-34{PARAGRAPH@8-26[\"import X from \\\"y\\\";\"]@8-26}",
                BlockTrees.blocks("<div>\n\n import X from \"y\";\n\n</div>", MDX));
        assertEquals("LIST@0-19{LIST_ITEM@0-19{PARAGRAPH@2-19[\"import X from \\\"y\\\"\"]@2-19}}",
                BlockTrees.blocks("- import X from \"y\"\n", MDX).replaceAll("\\([^)]*\\)", ""));
        // The writer leaves the children of an element that holds ESM unindented, and ends the ESM with a blank line
        // before the closing tag, which ESM would take in.
        String nested = "<div>\n  <span>\n\nimport X from \"y\";\n\n  </span>\n  <p>\n  text\n  </p>\n</div>\n";
        try (OcpDocument doc = BlockTrees.engine().parse(nested.getBytes(StandardCharsets.UTF_8), MDX)) {
            assertEquals("<div>\n<span>\nimport X from \"y\";\n\n</span>\n\n<p>\n  text\n</p>\n</div>\n",
                    doc.toMarkdown());
            assertEquals(BlockTrees.blocks(nested, MDX).replaceAll("@\\d+-\\d+", ""),
                    BlockTrees.blocks(doc.toMarkdown(), MDX).replaceAll("@\\d+-\\d+", ""));
        }
    }

    private static String syntaxError(String markdown, ParseOptions options) {
        OcpException e = assertThrows(OcpException.class, () -> BlockTrees.engine()
                .parse(markdown.getBytes(StandardCharsets.UTF_8), options).close());
        return e.syntaxError().toString();
    }
}
