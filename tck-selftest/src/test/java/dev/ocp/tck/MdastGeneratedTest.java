package dev.ocp.tck;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kit's large mdast set: its canonical JSON is byte for byte what the JS side writes, its committed digests are of
 * the inputs the generator makes, and its list of differences names cases of the set with a known class.
 */
class MdastGeneratedTest {
    /** Written by bench/js/mdast-digests.mjs: values hard to escape alike, with node's canonical JSON and digest. */
    private static final String VECTOR = "/dev/ocp/tck/canonical-json.json";

    @Test
    void theCanonicalJsonOfEveryValueOfTheVectorIsWhatNodeWrites() throws IOException {
        String text;
        try (InputStream in = MdastGeneratedTest.class.getResourceAsStream(VECTOR)) {
            assertNotNull(in, VECTOR);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var entries = JsonParser.parseString(text).getAsJsonArray();
        assertTrue(entries.size() >= 15, "the vector's values: " + entries.size());
        var pretty = new GsonBuilder().setPrettyPrinting().create();
        for (JsonElement entry : entries) {
            JsonObject e = entry.getAsJsonObject();
            String want = e.get("canonical").getAsString();
            JsonElement value = e.get("value");
            // The same value written three ways: Gson's compact form (which escapes <, =, ' and U+2028 as node does
            // not), its pretty form (whitespace everywhere), and the canonical form itself.
            for (String written : List.of(value.toString(), pretty.toJson(value), want)) {
                assertEquals(want, MdastGenerated.canonical(written), () -> "the canonical JSON of " + written);
            }
            assertEquals(e.get("digest").getAsString(), MdastGenerated.treeDigest(value.toString()), want);
        }
    }

    @Test
    void theCanonicalJsonTakesIntegersOnlyAndRefusesWhatIsNotJson() {
        assertEquals("[0,-12,100]", MdastGenerated.canonical(" [ 0 , -12 , 1e2 ] "));
        assertEquals("[9007199254740991,-9007199254740991,0]",
                MdastGenerated.canonical("[9007199254740991,-9007199254740991,-0]"));
        // JavaScript's safe integers only: past them node's numbers are not the text's.
        for (String bad : List.of("1.5", "-0.1", "1e100", "9007199254740992", "-9007199254740992",
                "{\"a\":1,\"a\":2}", "[1,]", "{\"a\" 1}", "\"a\u0001\"", "\"\\x\"",
                "tru", "[1] 2", "\"\\u12\"", "")) {
            assertThrows(IllegalArgumentException.class, () -> MdastGenerated.canonical(bad), bad);
        }
    }

    /**
     * A share of the set here (the kit's Mdast check, on the java engine, compares every input's digest before it
     * compares trees, and the whole set takes seconds to make).
     */
    @Test
    void theCommittedDigestsAreOfTheInputsTheGeneratorMakes() {
        MdastGenerated.Share share = MdastGenerated.Share.parse("3/20");
        List<MdastCases.Case> cases = MdastGenerated.make(share);
        Map<String, MdastGenerated.Expected> digests = MdastGenerated.expected();
        assertEquals(MdastGenerated.SIZE, digests.size(), "one line per case");
        assertEquals(cases.stream().map(MdastCases.Case::id).toList(),
                digests.keySet().stream().filter(share::hasCase).toList(), "the lines in the set's order");
        for (MdastCases.Case c : cases) {
            MdastGenerated.Expected want = digests.get(c.id());
            assertEquals(want.input(), MdastGenerated.inputDigest(c), () -> c.id() + ": the kit's generator no longer"
                    + " makes the input whose tree " + MdastGenerated.DIGESTS + " holds: write the digests again with"
                    + " tools/mdast-generated-check --write (it needs node)");
        }
        long rejected = digests.values().stream().filter(MdastGenerated.Expected::rejected).count();
        assertTrue(digests.entrySet().stream().filter(e -> e.getValue().rejected())
                .allMatch(e -> e.getKey().startsWith("gen-mdx-")), "only MDX may be rejected");
        // MDX near misses are common in the generator's MDX stream (unclosed tags, unbalanced braces), not the rule.
        assertTrue(rejected > 0 && rejected < MdastGenerated.PER_STREAM, rejected + " inputs rejected");
    }

    @Test
    void theListNamesCasesOfTheSetWithAClassOfClassify() {
        Set<String> classes = Set.of("rejects-js", "rejects-ours", "reason", "parse", "position", "spread",
                "line-ending", "replacement", "whitespace", "extent", "text");
        Set<String> ids = MdastGenerated.expected().keySet();
        Map<String, MdastGenerated.Listed> listed = MdastGenerated.listed();
        assertFalse(listed.isEmpty(), "the list is read");
        listed.forEach((id, allowed) -> {
            assertTrue(ids.contains(id), id + " is not a case of the set");
            assertTrue(classes.contains(allowed.kind()), id + ": class '" + allowed.kind() + "'");
            assertTrue(allowed.fingerprint().matches("[0-9a-f]{" + MdastGenerated.FINGERPRINT_DIGITS + "}"),
                    id + ": fingerprint '" + allowed.fingerprint() + "'");
        });
    }

    @Test
    void theSharesOfAModulusCoverTheSetOnce() {
        int total = 0;
        for (int k = 0; k < 7; k++) {
            total += MdastGenerated.Share.parse(k + "/7").size();
        }
        assertEquals(MdastGenerated.SIZE, total);
        MdastGenerated.Share share = MdastGenerated.Share.parse("5/97");
        List<MdastCases.Case> cases = MdastGenerated.make(share);
        assertEquals(share.size(), cases.size());
        assertEquals(List.of("gen-commonmark-5", "gen-gfm-5", "gen-math-5", "gen-mdx-5", "gen-commonmark-102"),
                cases.stream().limit(5).map(MdastCases.Case::id).toList());
        assertTrue(cases.stream().allMatch(c -> share.hasCase(c.id())));
        assertEquals(MdastGenerated.Share.ALL, MdastGenerated.Share.parse("all"));
        for (String bad : List.of("7/7", "-1/3", "1/0", "x", "1/")) {
            assertThrows(IllegalArgumentException.class, () -> MdastGenerated.Share.parse(bad), bad);
        }
    }

    @Test
    void aDifferenceIsClassifiedByWhatItsFirstPlaceIsAbout() {
        String node = "{\"type\":\"text\",\"value\":%s,\"position\":{\"start\":{\"line\":1,\"column\":%d}}}";
        JsonElement base = JsonParser.parseString(node.formatted("\"a\\r\\nb  c\"", 1));
        Map<String, String> cases = Map.of(
                node.formatted("\"a\\nb  c\"", 1), "line-ending",
                node.formatted("\"a\\r\\nb\\tc\"", 1), "whitespace",
                node.formatted("\"a\\r\\nb  c and more\"", 1), "extent",
                node.formatted("\"a\\r\\nb  d\"", 1), "text",
                node.formatted("\"a\\r\\nb  c\"", 2), "position",
                "{\"type\":\"html\",\"value\":\"a\\r\\nb  c\"}", "parse",
                "{\"error\":\"unexpected end of file\"}", "rejects-ours");
        cases.forEach((ours, kind) -> assertEquals(kind, MdastGenerated.classify(base, JsonParser.parseString(ours)),
                ours));
        assertEquals("replacement", MdastGenerated.classify(JsonParser.parseString("{\"value\":\"a\\ufffdb\"}"),
                JsonParser.parseString("{\"value\":\"a\\u0000b\"}")));
        JsonElement error = JsonParser.parseString("{\"error\":\"a\"}");
        assertEquals("reason", MdastGenerated.classify(error, JsonParser.parseString("{\"error\":\"b\"}")));
        assertEquals("rejects-js", MdastGenerated.classify(error, base));
        assertEquals("spread", MdastGenerated.classify(JsonParser.parseString("{\"spread\":true}"),
                JsonParser.parseString("{\"spread\":false}")));
    }
}
