package dev.ocp;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

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
        assertEquals(new ParseOptions(Dialect.MDX, Set.of(), 10, 3, 7, 2), changed);
        assertEquals(Dialect.COMMONMARK, o.dialect(), "the original is unchanged");
        assertEquals(ParseOptions.MAX_INPUT_BYTES, o.withMaxInputBytes(ParseOptions.MAX_INPUT_BYTES).maxInputBytes());
        assertEquals(1, o.withMaxNodes(1).maxNodes());
    }

    @Test
    void gfmIsThePresetOfCommonMarkWithTheGfmExtension() {
        ParseOptions preset = ParseOptions.of(Dialect.GFM);
        assertEquals(Set.of(Extension.GFM), preset.extensions());
        assertEquals(preset, ParseOptions.defaults().withExtensions(Extension.GFM));
        assertEquals(preset, new ParseOptions(Dialect.COMMONMARK, Set.of(Extension.GFM), preset.maxInputBytes(),
                preset.maxNestingDepth(), preset.maxNodes(), preset.maxInlineNesting()));
        assertEquals(Dialect.GFM, ParseOptions.defaults().withExtensions(Extension.GFM, Extension.MATH).dialect());
        // Dropping GFM from the preset leaves plain CommonMark; so does asking for the COMMONMARK dialect.
        assertEquals(ParseOptions.defaults(), preset.withExtensions());
        assertEquals(ParseOptions.defaults(), preset.withDialect(Dialect.COMMONMARK));
        assertEquals(Set.of(Extension.MATH),
                preset.withExtensions(Extension.GFM, Extension.MATH).withDialect(Dialect.COMMONMARK).extensions());
    }

    @Test
    void extensionsComposeOverMdx() {
        ParseOptions site = ParseOptions.of(Dialect.MDX).withExtensions(Extension.GFM, Extension.FRONTMATTER,
                Extension.MATH);
        assertEquals(Dialect.MDX, site.dialect(), "GFM over MDX stays MDX");
        assertEquals(EnumSet.allOf(Extension.class), site.extensions());
        assertEquals(7, site.extensionBits());
        assertTrue(site.has(Extension.MATH));
        assertEquals(site, ParseOptions.of(Dialect.GFM).withExtensions(Extension.GFM, Extension.FRONTMATTER,
                Extension.MATH).withDialect(Dialect.MDX), "switching the base keeps the extensions");
        assertEquals(Set.of(Extension.MATH), ParseOptions.of(Dialect.GFM).withExtensions(Extension.MATH).extensions(),
                "withExtensions replaces the set, GFM included");
        assertEquals(Extension.FRONTMATTER.bit() | Extension.MATH.bit(),
                site.withExtensions(Extension.MATH, Extension.FRONTMATTER).extensionBits());
    }

    @Test
    void extensionsAreAnImmutableCopy() {
        Set<Extension> mine = new HashSet<>(Set.of(Extension.MATH));
        ParseOptions o = ParseOptions.defaults().withExtensions(mine);
        mine.add(Extension.FRONTMATTER);
        assertEquals(Set.of(Extension.MATH), o.extensions());
        assertThrows(UnsupportedOperationException.class, () -> o.extensions().add(Extension.GFM));
        assertThrows(NullPointerException.class, () -> o.withExtensions((Set<Extension>) null));
        Set<Extension> withNull = new HashSet<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> o.withExtensions(withNull));
    }

    @Test
    void extensionBitsAreTheHeaderFlags() {
        assertEquals(dev.ocp.spi.OcpFormat.HEADER_FLAG_GFM, Extension.GFM.bit());
        assertEquals(dev.ocp.spi.OcpFormat.HEADER_FLAG_FRONTMATTER, Extension.FRONTMATTER.bit());
        assertEquals(dev.ocp.spi.OcpFormat.HEADER_FLAG_MATH, Extension.MATH.bit());
        assertEquals(dev.ocp.spi.OcpFormat.HEADER_FLAGS_KNOWN, Extension.bits(EnumSet.allOf(Extension.class)));
        for (Extension e : Extension.values()) {
            assertEquals(Set.of(e), Extension.fromBits(e.bit()));
            assertEquals(e, Extension.byId(" " + e.id().toUpperCase(java.util.Locale.ROOT) + " "));
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Extension.byId("tables"));
        assertTrue(unknown.getMessage().contains("gfm, frontmatter, math"), unknown.getMessage());
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
