package dev.ocp.tck;

import dev.ocp.Extension;
import dev.ocp.Capability;
import dev.ocp.Dialect;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The spec examples through the engine and the HTML renderer: one test per example, for every dialect the
 * engine parses ({@link dev.ocp.Syntax}): the CommonMark spec for every engine, the GFM spec for engines that parse
 * {@link Extension#GFM}. An example passes when the HTML is the spec's, byte for byte. The examples this
 * project does not pass on purpose are listed in {@link KnownExceptions} with the reason (and in
 * {@code docs/conformance.md}); such an example is skipped with its reason, and fails if it passes after all,
 * so the list cannot outlive its reasons. Nothing else is tolerated: an engine conforms, or the kit says which
 * example it does not.
 *
 * <p>The spec files come with the kit (from {@code org.commonmark:commonmark-test-util}, a dependency of it).
 */
abstract class ConformanceSuite extends TckSuite {

    /** The CommonMark 0.31.2 spec examples, parsed as CommonMark. */
    @TestFactory
    List<DynamicTest> commonMarkSpec() throws IOException {
        return examples(KnownExceptions.COMMONMARK_SPEC, ParseOptions.defaults());
    }

    /**
     * The GFM spec's examples (cmark-gfm 0.29), for engines that declare GFM: those of the extensions parsed as
     * GFM (the task-list ones included, which the file marks {@code disabled}), and the CommonMark examples it
     * repeats without the extension ({@link SpecExample#optionsFor}).
     */
    @TestFactory
    List<DynamicTest> gfmSpec() throws IOException {
        assumeSyntax(shared(), Extension.GFM);
        return examples(KnownExceptions.GFM_SPEC, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM));
    }

    /**
     * The kit's own cases for GitHub's alerts and Docusaurus' heading ids ({@value #ALERTS_SPEC}), parsed as GFM with
     * both extensions on: github.com's reading as commonmark-java's alerts spec records it, and
     * {@code parseMarkdownHeadingId}'s, with the differences {@code docs/conformance.md} lists.
     */
    @TestFactory
    List<DynamicTest> alertsAndHeadingIds() throws IOException {
        assumeSyntax(shared(), Extension.ALERTS);
        return examples(ALERTS_SPEC, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM, Extension.ALERTS,
                Extension.HEADING_IDS));
    }

    /** The resource of {@link #alertsAndHeadingIds}. */
    static final String ALERTS_SPEC = "/ocp-tck/alerts-spec.txt";

    /**
     * markdown-rs's test cases ({@link ReferenceCase}) for the dialects and extensions the engine declares:
     * frontmatter, math and MDX (and markdown-rs's defaults, CommonMark, where those tests show what happens with
     * an extension off). A case passes when the HTML is markdown-rs's but for the line endings after the last
     * block, or when the engine reports markdown-rs's syntax error (same line, column, reason and rule id); for
     * an input markdown-rs's {@code to_html} writes but no tree can be built of, the error of its tree builder, or
     * micromark's tree builder's place and rule (see {@link ReferenceCase#passes(String, String)}).
     */
    @TestFactory
    List<DynamicTest> markdownRsCases() {
        dev.ocp.Syntax declared = shared().engine().syntax();
        List<DynamicTest> tests = new ArrayList<>();
        for (ReferenceCase c : ReferenceCase.all()) {
            if (!declared.supports(c.options())) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(c.source() + " " + c.name(), () -> check(c)));
        }
        if (tests.isEmpty()) {
            abort("the engine declares none of the extensions markdown-rs's cases test");
        }
        return tests;
    }

    private List<DynamicTest> examples(String resource, ParseOptions options) throws IOException {
        return specExampleTests(resource, e -> check(resource, e, options));
    }

    private void check(String resource, SpecExample e, ParseOptions options) {
        Subject s = shared();
        String html;
        try (OcpDocument doc = s.engine().parse(e.markdown(), e.optionsFor(options))) {
            html = doc.toHtml();
        }
        judge(resource, e, html, KnownExceptions.reason(resource, e.number()));
    }

    private void check(ReferenceCase c) {
        String html;
        String error = null;
        try (OcpDocument doc = shared().engine().parse(c.markdown(), c.options())) {
            html = doc.toHtml();
        } catch (OcpException e) {
            if (e.code() != OcpException.Code.SYNTAX) {
                throw e;
            }
            html = null;
            error = e.syntaxError().toString();
        }
        boolean passes = c.passes(html, error);
        String knownReason = KnownExceptions.reason(c);
        if (knownReason != null) {
            if (passes) {
                fail(c.source() + " is listed as a known exception (" + knownReason + ") but passes: take it off "
                        + "KnownExceptions and docs/conformance.md");
            }
            abort("a known exception: " + knownReason);
        }
        if (!passes) {
            assertEquals(c.expectedError() != null ? c.expectedError() : c.html(), error != null ? error : html,
                    () -> c.name() + "; markdown: " + escape(c.markdown()));
        }
    }

    /**
     * The verdict on one example: passes when the HTML is the spec's; a known exception (a reason) is skipped
     * with it while it fails, and fails once it passes.
     */
    static void judge(String resource, SpecExample e, String html, String knownReason) {
        if (knownReason != null) {
            if (html.equals(e.html())) {
                fail("example " + e.number() + " of " + resource + " is listed as a known exception (" + knownReason
                        + ") but passes: take it off KnownExceptions and docs/conformance.md");
            }
            abort("a known exception: " + knownReason);
        }
        assertEquals(e.html(), html, () -> "markdown: " + escape(e.markdown()));
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }
}
