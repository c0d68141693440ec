package dev.ocp.tck;

import dev.ocp.spi.OcpFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's figures that come from code or data, held to their source as docs/ownership.md's table is held to the
 * self-test: the format version the library writes, and the counts of the kit's mdast comparison with the JS
 * toolchain (inputs, and how many of them are equal, from the kit's inputs and its lists of allowed differences).
 * A change to the source that leaves the README behind fails here, naming the sentence to write.
 */
class ReadmeFiguresTest {
    private static String readme;

    @BeforeAll
    static void read() throws IOException {
        // Line breaks and runs of spaces are the README's wrapping, not its words.
        readme = Files.readString(Path.of("..", "README.md")).replaceAll("\\s+", " ");
    }

    private static void says(String sentence) {
        assertTrue(readme.contains(sentence), () -> "README.md no longer says what the code does; it should say: "
                + sentence);
    }

    private static String n(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    @Test
    void theFormatVersionIsTheOneTheLibraryWrites() {
        says("the OCP v1 format (v" + OcpFormat.VERSION_MAJOR + "." + OcpFormat.VERSION_MINOR + ",");
    }

    @Test
    void theMdastFiguresAreTheKitsCounts() throws IOException {
        List<MdastCases.Case> cases = MdastCases.make();
        long commonmark = cases.stream().filter(c -> c.id().startsWith("commonmark-")).count();
        long gfm = cases.stream().filter(c -> c.id().startsWith("gfm-")).count();
        Map<String, String> known = MdastSuite.KNOWN_DIFFERENCES;
        long commonmarkDiffering = known.keySet().stream().filter(id -> id.startsWith("commonmark-")).count();
        long gfmDiffering = known.keySet().stream().filter(id -> id.startsWith("gfm-")).count();
        assertTrue(commonmarkDiffering + gfmDiffering == known.size(), "every known difference is a spec example's");
        says("equal to the toolchain's on " + n(commonmark - commonmarkDiffering) + " of the " + n(commonmark)
                + " CommonMark and " + n(gfm - gfmDiffering) + " of the " + n(gfm) + " GFM spec examples");

        int markdownRs = MdastCases.markdownRsInputs().size();
        Map<String, String> markdownRsListed = MdastSuite.listed(MdastSuite.MARKDOWN_RS_DIFFERENCES);
        long gfmListed = markdownRsListed.keySet().stream().filter(id -> id.startsWith("markdown-rs-gfm-")).count();
        long commonmarkListed = markdownRsListed.size() - gfmListed;
        says("on " + n(markdownRs - commonmarkListed) + " (CommonMark) and " + n(markdownRs - gfmListed)
                + " (GFM) of markdown-rs's " + n(markdownRs) + " test inputs");

        long inputs = commonmark + gfm + MdastSuite.GENERATED + 2L * markdownRs + MdastGenerated.SIZE;
        long listed = known.size() + MdastSuite.GENERATED_LISTED + MdastSuite.MARKDOWN_RS_LISTED
                + MdastSuite.LARGE_SET_LISTED;
        says("mdast compared with the JS MDX toolchain's on " + n(inputs) + " inputs (its trees, or their digests,"
                + " are in the kit): equal on " + n(inputs - listed) + ", and each of the " + n(listed) + " others");
    }
}
