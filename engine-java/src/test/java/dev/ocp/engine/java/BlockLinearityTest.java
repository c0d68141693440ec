package dev.ocp.engine.java;

import dev.ocp.ParseOptions;
import dev.ocp.tck.SpecExample;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linear time without a clock: on inputs built to defeat each shortcut of the block parser, its work counter
 * (open blocks checked, block starts tried, bytes scanned for indentation and thematic breaks) stays within a
 * small multiple of the input size. Each input would cost the square of its depth times its length if the
 * shortcut it targets were gone.
 */
class BlockLinearityTest {
    /** Steps allowed per input byte. */
    private static final int STEPS_PER_BYTE = 4;

    private static long work(String markdown) {
        byte[] src = markdown.getBytes(StandardCharsets.UTF_8);
        TreeBuilder tree = new TreeBuilder();
        ParseOptions options = ParseOptions.defaults();
        tree.reset(options.maxNodes());
        BlockParser parser = new BlockParser(src, src.length, options, tree);
        parser.parse();
        long work = parser.work();
        assertTrue(work <= (long) STEPS_PER_BYTE * src.length + 16,
                work + " steps for " + src.length + " bytes: not linear");
        return work;
    }

    @Test
    void blankLinesAfterDeeplyNestedListItems() {
        // Every blank line continues all 5000 items without consuming anything: skipped as one run.
        work("- ".repeat(5000) + "x\n" + "\n".repeat(50_000) + "    y\n" + "\n".repeat(50_000));
    }

    @Test
    void blankLinesInsideQuotesInsideDeepLists() {
        // Block quotes interrupt the run of items a blank line may skip; each one is still visited once.
        work("- > ".repeat(2000) + "x\n" + "\n".repeat(50_000));
    }

    @Test
    void lazyLinesUnderDeepQuotes() {
        work(">".repeat(5000) + " x\n" + "lazy\n".repeat(50_000));
    }

    @Test
    void thematicBreakScansAreNotRepeatedPerNestedItem() {
        work("- ".repeat(9000) + "x\n");
        work("* ".repeat(9000) + "- x\n");
    }

    @Test
    void indentationIsScannedOncePerLineAcrossNestedItems() {
        // 2000 items of two columns each, then lines indented by 4000 spaces: each item takes its two columns
        // from the same run of spaces, which must not be rescanned for every item.
        work("- ".repeat(2000) + "x\n" + (" ".repeat(4000) + "y\n").repeat(200));
    }

    @Test
    void specExamples() throws IOException {
        StringBuilder all = new StringBuilder();
        for (SpecExample example : SpecExample.readResource("/spec.txt")) {
            all.append(example.markdown()).append('\n');
        }
        work(all.toString());
    }
}
