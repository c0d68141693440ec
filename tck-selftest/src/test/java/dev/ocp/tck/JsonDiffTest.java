package dev.ocp.tck;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonDiffTest {

    private static Optional<String> diff(String expected, String actual) {
        return JsonDiff.firstDifference(JsonParser.parseString(expected), JsonParser.parseString(actual));
    }

    @Test
    void equalValuesHaveNoDifferenceWhateverTheKeyOrderOrNumberSpelling() {
        assertEquals(Optional.empty(), diff("{\"a\":1,\"b\":[true,null,\"x\"]}", "{\"b\":[true,null,\"x\"],\"a\":1.0}"));
    }

    @Test
    void theFirstDifferenceIsNamedByItsPath() {
        String tree = "{\"type\":\"root\",\"children\":[{\"type\":\"text\",\"position\":{\"end\":{\"column\":7}}}]}";
        assertEquals(Optional.of("$.children[0].position.end.column: expected 7, was 8"),
                diff(tree, tree.replace("7", "8")));
        assertEquals(Optional.of("$.children[0].type: expected \"text\", was \"inlineCode\""),
                diff(tree, tree.replace("\"text\"", "\"inlineCode\"")));
        assertEquals(Optional.of("$.children: expected 1 elements, was 0"),
                diff(tree, "{\"type\":\"root\",\"children\":[]}"));
        assertEquals(Optional.of("$.lang: missing (expected null)"), diff("{\"lang\":null}", "{}"));
        assertEquals(Optional.of("$.meta: not expected (was \"x\")"), diff("{}", "{\"meta\":\"x\"}"));
        assertEquals(Optional.of("$.a: expected null, was 0"), diff("{\"a\":null}", "{\"a\":0}"));
    }
}
