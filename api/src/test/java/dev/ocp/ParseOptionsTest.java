package dev.ocp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ParseOptionsTest {

    @Test
    void defaults() {
        ParseOptions o = ParseOptions.defaults();
        assertEquals(Dialect.COMMONMARK, o.dialect());
        assertEquals(256L << 20, o.maxInputBytes());
        assertEquals(ParseOptions.DEFAULT_MAX_NESTING_DEPTH, o.maxNestingDepth());
        assertEquals(ParseOptions.DEFAULT_MAX_NODES, o.maxNodes());
        assertEquals(ParseOptions.DEFAULT_MAX_INLINE_NESTING, o.maxInlineNesting());
        assertEquals(Dialect.GFM, ParseOptions.of(Dialect.GFM).dialect());
        assertEquals(o.maxNodes(), ParseOptions.of(Dialect.MDX).maxNodes());
    }

    @Test
    void withersCopyAndChangeOneValue() {
        ParseOptions o = ParseOptions.defaults();
        ParseOptions changed = o.withDialect(Dialect.MDX).withMaxInputBytes(10).withMaxNestingDepth(3).withMaxNodes(7)
                .withMaxInlineNesting(2);
        assertEquals(new ParseOptions(Dialect.MDX, 10, 3, 7, 2), changed);
        assertEquals(Dialect.COMMONMARK, o.dialect(), "the original is unchanged");
        assertEquals(ParseOptions.MAX_INPUT_BYTES, o.withMaxInputBytes(ParseOptions.MAX_INPUT_BYTES).maxInputBytes());
        assertEquals(1, o.withMaxNodes(1).maxNodes());
    }

    @Test
    void rejectsValuesOutsideTheirRange() {
        ParseOptions o = ParseOptions.defaults();
        assertThrows(NullPointerException.class, () -> o.withDialect(null));
        assertThrows(IllegalArgumentException.class, () -> o.withMaxInputBytes(0));
        assertThrows(IllegalArgumentException.class, () -> o.withMaxInputBytes(-1));
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> o.withMaxInputBytes(ParseOptions.MAX_INPUT_BYTES + 1));
        assertTrue(tooBig.getMessage().contains("maxInputBytes"), tooBig.getMessage());
        assertThrows(IllegalArgumentException.class, () -> o.withMaxNestingDepth(0));
        assertThrows(IllegalArgumentException.class, () -> o.withMaxNodes(-5));
        IllegalArgumentException inline = assertThrows(IllegalArgumentException.class, () -> o.withMaxInlineNesting(0));
        assertTrue(inline.getMessage().contains("maxInlineNesting"), inline.getMessage());
    }

    @Test
    void theInputCeilingFitsOcpSpans() {
        // spans are u32 offsets and NONE is 0xFFFFFFFF: the last addressable end offset is 0xFFFFFFFE
        assertEquals(0xFFFF_FFFEL, ParseOptions.MAX_INPUT_BYTES);
    }
}
