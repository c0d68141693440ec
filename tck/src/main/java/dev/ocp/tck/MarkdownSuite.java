package dev.ocp.tck;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Markdown output (issue 31): every spec example written back with {@code toMarkdown} parses to the same HTML and
 * mdast, and writing it again changes nothing ({@link RoundTrip}). The examples that cannot round-trip are listed
 * with their reasons in {@link KnownExceptions} and {@code docs/conformance.md}; they are skipped with the reason,
 * and fail if they pass after all.
 */
abstract class MarkdownSuite extends TckSuite {
    /** The CommonMark spec's examples, parsed, written and parsed again as CommonMark. */
    @TestFactory
    List<DynamicTest> commonMarkSpecRoundTrips() throws IOException {
        return examples(KnownExceptions.COMMONMARK_SPEC, ParseOptions.defaults());
    }

    /** The GFM spec's examples, with GFM on where the spec has it (as {@link ConformanceSuite} reads them). */
    @TestFactory
    List<DynamicTest> gfmSpecRoundTrips() throws IOException {
        assumeSyntax(shared(), Extension.GFM);
        return examples(KnownExceptions.GFM_SPEC, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM));
    }

    private List<DynamicTest> examples(String resource, ParseOptions options) throws IOException {
        return specExampleTests(resource, e -> check(resource, e, e.optionsFor(options)));
    }

    private void check(String resource, SpecExample e, ParseOptions options) {
        String failure = RoundTrip.check(shared().engine(), e.markdown().getBytes(StandardCharsets.UTF_8), options);
        String known = KnownExceptions.roundTripReason(resource, e.number());
        if (known != null) {
            if (failure == null) {
                fail("example " + e.number() + " is listed as not round-tripping (" + known + ") but does: take it"
                        + " off KnownExceptions and docs/conformance.md");
            }
            abort("a known exception: " + known);
        }
        if (failure != null) {
            fail("example " + e.number() + " does not round-trip: " + failure + "\n--- markdown\n" + e.markdown());
        }
    }
}
