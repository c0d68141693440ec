package dev.ocp.engine.java;

import dev.ocp.ParseOptions;
import dev.ocp.tck.SpecExample;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * One parser is reused for every document of an engine context; nothing of one document may reach the
 * next. Each spec example, parsed right after the previous one (and after a large document that grew every
 * array), must give exactly the bytes a fresh parser gives.
 */
class ParserReuseTest {

    private static byte[] payload(JavaParser parser, byte[] src) {
        parser.parse(src, src.length, ParseOptions.defaults());
        byte[] out = new byte[(int) parser.tree.sizeBound()];
        int size = parser.tree.serialize(out, 0, ParseOptions.defaults(), src.length);
        return Arrays.copyOf(out, size);
    }

    @Test
    void aWarmParserGivesTheBytesOfAFreshOne() throws Exception {
        List<SpecExample> examples = SpecExample.readResource("/spec.txt");
        assertFalse(examples.isEmpty(), "commonmark-test-util's /spec.txt is a test dependency");
        StringBuilder all = new StringBuilder();
        for (SpecExample e : examples) {
            all.append(e.markdown()).append('\n');
        }
        JavaParser warm = new JavaParser();
        payload(warm, all.toString().getBytes(StandardCharsets.UTF_8));
        for (SpecExample e : examples) {
            byte[] src = e.markdown().getBytes(StandardCharsets.UTF_8);
            byte[] expected = payload(new JavaParser(), src);
            assertArrayEquals(expected, payload(warm, src), () -> "example " + e.number() + " after the previous ones");
        }
    }
}
