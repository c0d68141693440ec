package dev.ocp.engine.java;

import dev.ocp.Extension;
import dev.ocp.OcpDocument;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fields and spans of frontmatter and math nodes (what markdown-rs's HTML cases in the TCK cannot show: the
 * HTML writes neither the frontmatter nor a math block's meta), through the JSON rendering, which writes every
 * field.
 */
class MathAndFrontmatterTest {
    private static final ParseOptions BOTH = ParseOptions.defaults().withExtensions(Extension.FRONTMATTER,
            Extension.MATH);

    private static String json(String markdown, ParseOptions options) {
        try (OcpDocument doc = BlockTrees.engine().parse(markdown.getBytes(StandardCharsets.UTF_8), options)) {
            String json = doc.toJson();
            // The document node's own fields say which options were on; the tests look at its children.
            return json.substring(json.indexOf("\"children\":[") + "\"children\":[".length(), json.length() - 2);
        }
    }

    @Test
    void yamlAndTomlFrontmatterKeepTheirLinesWithLineFeeds() {
        assertEquals("{\"type\":\"frontmatter\",\"span\":[0,17],\"format\":\"yaml\",\"literal\":\"a: 1\\nb: 2\\n\","
                + "\"children\":[]}", json("---\na: 1\nb: 2\n---", BOTH));
        String toml = json("+++\r\na = 1\r\n\r\nb = 2\r\n+++ \t\r\nx", BOTH);
        assertEquals("{\"type\":\"frontmatter\",\"span\":[0,26],\"format\":\"toml\",\"literal\":\"a = 1\\n\\nb = 2\\n\","
                + "\"children\":[]}", toml.substring(0, toml.indexOf(",{\"type\":\"paragraph\"")));
    }

    @Test
    void frontmatterFollowsAByteOrderMarkAndIsEmptyWhenTheFencesMeet() {
        assertEquals("{\"type\":\"frontmatter\",\"span\":[3,10],\"format\":\"yaml\",\"literal\":\"\",\"children\":[]}",
                json("\uFEFF---\n---\n", BOTH));
    }

    @Test
    void withoutTheExtensionOrAClosingFenceTheLinesAreMarkdown() {
        assertEquals("thematicBreak", type(json("---\na: 1\n---\n", ParseOptions.defaults()
                .withExtensions(Extension.MATH))));
        assertEquals("thematicBreak", type(json("---\na: 1\n", BOTH)));
        assertEquals("heading", type(json("--- a\n---\n", BOTH)));
    }

    @Test
    void theLineAfterTheFrontmatterStartsTheDocumentsBlocks() {
        String json = json("---\nt: x\n---\n# Title\n", BOTH);
        assertTrue(json.startsWith("{\"type\":\"frontmatter\",\"span\":[0,12]"), json);
        assertTrue(json.contains("]},{\"type\":\"heading\",\"span\":[13,20]"), json);
    }

    @Test
    void mathBlocksKeepTheirMetaAsWrittenAndTakeOffTheFenceIndentation() {
        assertEquals("{\"type\":\"mathBlock\",\"span\":[2,30],\"literal\":\"a\\n b\\n\",\"meta\":\"x\\\\&amp; y\","
                + "\"unclosed\":false,\"children\":[]}", json("  $$ x\\&amp; y \n  a\n   b\n  $$$", BOTH));
        assertEquals("{\"type\":\"mathBlock\",\"span\":[0,2],\"literal\":\"\",\"meta\":null,\"unclosed\":true,"
                + "\"children\":[]}", json("$$", BOTH));
    }

    @Test
    void inlineMathIsReadAsACodeSpanIsWithDollars() {
        assertEquals("{\"type\":\"paragraph\",\"span\":[0,17],\"children\":[{\"type\":\"mathInline\",\"span\":[0,11],"
                + "\"literal\":\"a $ b\",\"literalWithLineEndings\":null,\"children\":[]},{\"type\":\"text\","
                + "\"span\":[11,12],\"literal\":\" \",\"children\":[]},{\"type\":\"codeSpan\",\"span\":[12,17],"
                + "\"literal\":\"$x$\",\"literalWithLineEndings\":null,\"children\":[]}]}",
                json("$$ a $ b $$ `$x$`", BOTH));
    }

    @Test
    void dollarsAreTextWithoutTheExtension() {
        assertEquals("{\"type\":\"paragraph\",\"span\":[0,5],\"children\":[{\"type\":\"text\",\"span\":[0,5],"
                + "\"literal\":\"$a$ b\",\"children\":[]}]}", json("$a$ b", ParseOptions.defaults()));
    }

    private static String type(String json) {
        int start = json.indexOf("\"type\":\"") + 8;
        return json.substring(start, json.indexOf('"', start));
    }
}
