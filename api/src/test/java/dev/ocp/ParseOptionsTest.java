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
        assertEquals(Dialect.MDX, ParseOptions.of(Dialect.MDX).dialect());
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
    void gfmIsCommonMarkWithTheGfmExtensionAndHasNoOtherName() {
        ParseOptions gfm = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);
        assertEquals(Dialect.COMMONMARK, gfm.dialect());
        assertEquals(Set.of(Extension.GFM), gfm.extensions());
        assertEquals(gfm, ParseOptions.defaults().withExtensions(Extension.GFM));
        assertEquals(Set.of(Dialect.COMMONMARK, Dialect.MDX), Set.of(Dialect.values()), "GFM is no dialect");
        // Headers still number it apart, as they have since v1.0.
        assertEquals(dev.ocp.spi.OcpFormat.DIALECT_GFM, dev.ocp.spi.OcpFormat.dialectCode(gfm));
        assertEquals(Dialect.COMMONMARK.code(), dev.ocp.spi.OcpFormat.dialectCode(ParseOptions.defaults()));
        assertEquals(Dialect.MDX.code(), dev.ocp.spi.OcpFormat.dialectCode(ParseOptions.of(Dialect.MDX, Extension.GFM)));
        assertEquals(Dialect.COMMONMARK, Dialect.fromCode(dev.ocp.spi.OcpFormat.DIALECT_GFM));
        // Dropping GFM leaves plain CommonMark; changing the base keeps the extensions.
        assertEquals(ParseOptions.defaults(), gfm.withExtensions());
        assertEquals(Set.of(Extension.GFM, Extension.MATH),
                gfm.withExtensions(Extension.GFM, Extension.MATH).withDialect(Dialect.COMMONMARK).extensions());
    }

    @Test
    void extensionsComposeOverMdx() {
        ParseOptions site = ParseOptions.of(Dialect.MDX).withExtensions(Extension.GFM, Extension.FRONTMATTER,
                Extension.MATH);
        assertEquals(Dialect.MDX, site.dialect(), "GFM over MDX stays MDX");
        assertEquals(EnumSet.of(Extension.GFM, Extension.FRONTMATTER, Extension.MATH), site.extensions());
        assertEquals(7, site.extensionBits());
        assertTrue(site.has(Extension.MATH));
        assertEquals(site, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM, Extension.FRONTMATTER,
                Extension.MATH).withDialect(Dialect.MDX), "switching the base keeps the extensions");
        assertEquals(Set.of(Extension.MATH),
                ParseOptions.of(Dialect.COMMONMARK, Extension.GFM).withExtensions(Extension.MATH).extensions(),
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
        assertEquals(dev.ocp.spi.OcpFormat.HEADER_FLAG_ALERTS, Extension.ALERTS.bit());
        assertEquals(dev.ocp.spi.OcpFormat.HEADER_FLAG_HEADING_IDS, Extension.HEADING_IDS.bit());
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
