package dev.ocp.tck;

import dev.ocp.Dialect;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verdict on one of markdown-rs's cases, above all on an input that markdown-rs's {@code to_html} writes but
 * no tree can be built of: the engine must fail as a tree builder fails, in words (markdown-rs's) or in place and
 * rule (micromark's), and HTML is no longer an answer.
 */
class ReferenceCaseTest {
    /** markdown-rs's case for a closing tag after a tab: its tree builder counts the tab to the next tab stop. */
    private static final ReferenceCase AFTER_A_TAB = new ReferenceCase("tests/mdx_jsx_text.rs:706", Dialect.MDX,
            Set.of(), "should support whitespace", "a < \t>b</>", "<p>a b</p>",
            null, "1:12: Unexpected closing slash `/` in tag, expected an open tag first (markdown-rs:unexpected-closing-slash)",
            "1:9 unexpected-closing-slash");

    @Test
    void theTreeBuildersErrorIsExpectedWhereToHtmlWritesHtml() {
        assertEquals("1:12: Unexpected closing slash `/` in tag, expected an open tag first (ocp:unexpected-closing-slash)",
                AFTER_A_TAB.expectedError());
        assertFalse(AFTER_A_TAB.passes("<p>a b</p>\n", null), "to_html's HTML is not an answer once a tree is built");
    }

    @Test
    void eitherTreeBuildersVerdictPasses() {
        assertTrue(AFTER_A_TAB.passes(null,
                "1:12: Unexpected closing slash `/` in tag, expected an open tag first (ocp:unexpected-closing-slash)"));
        assertTrue(AFTER_A_TAB.passes(null,
                "1:9: Unexpected closing slash `/` in tag, expected an open tag first (ocp:unexpected-closing-slash)"));
    }

    @Test
    void anotherPlaceOrRuleFails() {
        assertFalse(AFTER_A_TAB.passes(null,
                "1:10: Unexpected closing slash `/` in tag, expected an open tag first (ocp:unexpected-closing-slash)"));
        assertFalse(AFTER_A_TAB.passes(null, "1:9: Unexpected closing tag `</>` (ocp:end-tag-mismatch)"));
        assertFalse(AFTER_A_TAB.passes(null, "1:9-1:11: something else (ocp:end-tag-mismatch)"));
    }

    @Test
    void withoutMicromarksVerdictOnlyMarkdownRsWordsPass() {
        ReferenceCase c = new ReferenceCase("x:1", Dialect.MDX, Set.of(), "n", "a <b> c", "<p>a  c</p>", null,
                "1:8: Expected a closing tag for `<b>` (1:3) before the end of `Paragraph` (markdown-rs:end-tag-mismatch)",
                null);
        assertTrue(c.passes(null,
                "1:8: Expected a closing tag for `<b>` (1:3) before the end of `Paragraph` (ocp:end-tag-mismatch)"));
        assertFalse(c.passes(null, "1:8: Expected a closing tag (ocp:end-tag-mismatch)"));
    }

    @Test
    void theKitsCaseFileCarriesTheTreeBuildersVerdicts() {
        List<ReferenceCase> all = ReferenceCase.all();
        long tree = all.stream().filter(c -> c.treeError() != null).count();
        long both = all.stream().filter(c -> c.treeError() != null && c.micromark() != null).count();
        assertEquals(22, tree, "markdown-rs's to_mdast rejects 22 inputs its to_html writes");
        assertEquals(22, both, "micromark's tree builder rejects each of them too");
        assertTrue(all.stream().allMatch(c -> c.treeError() == null || c.html() != null),
                "a tree line follows an out line only");
    }
}
