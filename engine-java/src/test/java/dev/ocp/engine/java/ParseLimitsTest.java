package dev.ocp.engine.java;

import dev.ocp.MemoryStats;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each {@link ParseOptions} limit, crossed by one unit: the parse fails with LIMIT_EXCEEDED, the message names the
 * limit and its value (so a person knows which option to raise), the engine's memory counters are back where they
 * were, and the same input parses at exactly the limit. (The TCK's LimitSuite checks code and memory for every
 * engine; this checks the messages and the boundaries of this one.)
 */
class ParseLimitsTest {
    private static final OcpEngine ENGINE = Ocp.engine("java");

    static Stream<Arguments> limits() {
        String sample = "# Title\n\n> quoted *text*\n\n- item\n";
        int sampleBytes = sample.getBytes(StandardCharsets.UTF_8).length;
        return Stream.of(
                Arguments.of("maxInputBytes", sample, sampleBytes,
                        ParseOptions.defaults().withMaxInputBytes(sampleBytes)),
                Arguments.of("maxNestingDepth", "> - > 1. a\n", 4, ParseOptions.defaults().withMaxNestingDepth(4)),
                // DOCUMENT, HEADING, TEXT, BLOCK_QUOTE, PARAGRAPH, TEXT, EMPHASIS, TEXT, LIST, LIST_ITEM,
                // PARAGRAPH, TEXT: 12 nodes.
                Arguments.of("maxNodes", sample, 12, ParseOptions.defaults().withMaxNodes(12)),
                Arguments.of("maxInlineNesting", "*a [b **c ![d](e)**](f)*\n", 4,
                        ParseOptions.defaults().withMaxInlineNesting(4)));
    }

    private static ParseOptions lower(String limit, ParseOptions atLimit) {
        switch (limit) {
            case "maxInputBytes":
                return atLimit.withMaxInputBytes(atLimit.maxInputBytes() - 1);
            case "maxNestingDepth":
                return atLimit.withMaxNestingDepth(atLimit.maxNestingDepth() - 1);
            case "maxNodes":
                return atLimit.withMaxNodes(atLimit.maxNodes() - 1);
            default:
                return atLimit.withMaxInlineNesting(atLimit.maxInlineNesting() - 1);
        }
    }

    @org.junit.jupiter.api.Test
    void maxNodesCountsTheDocumentNotTheParsersWorkingNodes() {
        // 2000 unmatched openers: the parser holds each '*' and each "a " as a node, the document merges them all
        // into one TEXT under one PARAGRAPH.
        String md = "*a ".repeat(2000);
        try (OcpDocument doc = ENGINE.parse(md, ParseOptions.defaults().withMaxNodes(3))) {
            assertEquals(3, doc.nodeCount());
        }
        OcpException e = assertThrows(OcpException.class,
                () -> ENGINE.parse(md, ParseOptions.defaults().withMaxNodes(2)).close());
        assertEquals("document has 3 nodes, more than maxNodes 2", e.getMessage().replaceFirst("^\\[\\w+\\] ", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void oneUnitOverTheLimitFailsNamingItAndLeavesNothing(String limit, String markdown, long value,
                                                         ParseOptions atLimit) {
        try (OcpDocument doc = ENGINE.parse(markdown, atLimit)) {
            assertTrue(doc.nodeCount() > 1, limit + ": at the limit the document parses");
        }
        ParseOptions over = lower(limit, atLimit);
        MemoryStats before = ENGINE.stats();
        OcpException e = assertThrows(OcpException.class, () -> ENGINE.parse(markdown, over).close());
        MemoryStats after = ENGINE.stats();
        assertEquals(OcpException.Code.LIMIT_EXCEEDED, e.code(), limit);
        assertTrue(e.getMessage().contains(limit + " " + (value - 1)), limit + " is named with its value in: "
                + e.getMessage());
        assertEquals(before.liveDocuments(), after.liveDocuments(), limit + ": no document is left");
        assertEquals(before.liveBytes(), after.liveBytes(), limit + ": no payload memory is left");
        assertEquals(after.allocations() - before.allocations(), after.frees() - before.frees(),
                limit + ": whatever was allocated was freed");
    }
}
