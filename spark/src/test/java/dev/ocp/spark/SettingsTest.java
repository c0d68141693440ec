package dev.ocp.spark;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The spark.ocp.* conf, and the dialect and extensions strings the functions and the data source take. */
class SettingsTest {
    @Test
    void everyLimitComesFromTheConf() {
        Settings settings = Settings.of(Map.of("spark.ocp.engine", " java ", "spark.ocp.maxInputBytes", "1000",
                "spark.ocp.maxNestingDepth", "20", "spark.ocp.maxNodes", "300", "spark.ocp.maxInlineNesting", "4"));
        assertEquals("java", settings.engine());
        ParseOptions options = settings.options("MDX", "gfm, math");
        assertEquals(ParseOptions.of(Dialect.MDX, Extension.GFM, Extension.MATH).withMaxInputBytes(1000)
                .withMaxNestingDepth(20).withMaxNodes(300).withMaxInlineNesting(4), options);

        Settings defaults = Settings.of(Map.of());
        assertNull(defaults.engine());
        assertEquals(ParseOptions.defaults(), defaults.options(null, null));
        assertEquals(ParseOptions.of(Dialect.COMMONMARK, Extension.GFM), defaults.options("gfm", ""));
        assertEquals(ParseOptions.of(Dialect.MDX, Extension.ALERTS, Extension.HEADING_IDS),
                defaults.options("mdx", "alerts,heading-ids"));
    }

    @Test
    void theFlavorComesFromTheConfForFunctionsAndFilesAlike() {
        Settings micromark = Settings.of(Map.of("spark.ocp.flavor", " MicroMark "));
        assertEquals(Flavor.MICROMARK, micromark.options("gfm", null).flavor());
        assertEquals(Flavor.MICROMARK, FileReader.options(micromark, null, null, false, "file:/docs/a.mdx").flavor());
        assertEquals(Flavor.MICROMARK, FileReader.options(micromark, null, null, false, "file:/docs/a.md").flavor());
        assertEquals(Flavor.REFERENCE, Settings.of(Map.of()).options("gfm", null).flavor());
        assertEquals("spark.ocp.flavor: unknown flavor 'remark'; known: reference, micromark",
                assertThrows(IllegalArgumentException.class, () -> Settings.of(Map.of("spark.ocp.flavor", "remark")))
                        .getMessage());
    }

    @Test
    void badValuesAreRefusedByName() {
        IllegalArgumentException limit = assertThrows(IllegalArgumentException.class,
                () -> Settings.of(Map.of("spark.ocp.maxNodes", "lots")));
        assertEquals("spark.ocp.maxNodes takes a whole number from 1 to 2147483647, not 'lots'", limit.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Settings.of(Map.of("spark.ocp.maxInputBytes", "0")));
        Settings settings = Settings.of(Map.of());
        assertEquals("unknown dialect 'rst'; choose one of commonmark, gfm, mdx",
                assertThrows(IllegalArgumentException.class, () -> settings.options("rst", null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings.options("mdx", "gfm,tables"));
    }

    @Test
    void filesAreReadAsOcpReadsThem() {
        Settings settings = Settings.of(Map.of("spark.ocp.maxNodes", "99"));
        ParseOptions page = FileReader.options(settings, null, null, false, "file:/docs/a.MDX");
        assertEquals(Dialect.MDX, page.dialect());
        assertEquals(Set.of(Extension.GFM, Extension.FRONTMATTER, Extension.MATH), page.extensions());
        assertEquals(99, page.maxNodes());
        assertEquals(ParseOptions.of(Dialect.COMMONMARK).withMaxNodes(99),
                FileReader.options(settings, null, null, false, "file:/docs/a.md"));
        assertEquals(Dialect.MDX, FileReader.options(settings, null, null, true, "file:/docs/a.md").dialect());
        assertEquals(ParseOptions.of(Dialect.COMMONMARK, Extension.GFM).withMaxNodes(99),
                FileReader.options(settings, "gfm", null, true, "file:/docs/a.mdx"));
    }
}
