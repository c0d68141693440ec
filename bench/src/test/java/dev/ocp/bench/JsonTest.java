package dev.ocp.bench;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void writtenValuesReadBackTheSame() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "quote \" backslash \\ line\nbreak tab\t control \u0001 non-ASCII Straße 分支");
        m.put("int", 11064847.0);
        m.put("fraction", 0.00123);
        m.put("big", 1.5e20);
        m.put("negative", -2.5);
        m.put("flags", Arrays.asList(true, false, null));
        m.put("empty", Map.of());
        m.put("none", List.of());
        Object back = Json.parse(Json.write(m));
        assertEquals(m, back);
    }

    @Test
    void notANumberIsWrittenAsNull() {
        assertEquals("null\n", Json.write(Double.NaN));
    }

    @Test
    void readsEscapesAndNesting() {
        Object v = Json.parse(" {\"a\": [1, 2.5e1, {\"b\": \"\\u00df\\/\\n\"}], \"c\": null} ");
        assertEquals(Map.of("a", List.of(1.0, 25.0, Map.of("b", "ß/\n"))), withoutNull(v));
    }

    @SuppressWarnings("unchecked")
    private static Object withoutNull(Object v) {
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) v);
        assertTrue(m.containsKey("c") && m.get("c") == null);
        m.remove("c");
        return m;
    }

    @Test
    void errorsSayWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2,"));
        assertTrue(e.getMessage().contains("offset 6"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"unterminated"));
    }
}
