package dev.ocp.tck;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance check's verdict on one example (in the kit's package: the verdict is not public API). A
 * known exception is skipped with its reason while it fails, and fails the check once it passes, so the list
 * of exceptions cannot outlive its reasons.
 */
class KnownExceptionsTest {
    private static final SpecExample EXAMPLE = new SpecExample(7, "Tabs", 1, "*a*\n", "<p><em>a</em></p>\n", "");

    @Test
    void anExampleMustGiveTheSpecsHtml() {
        ConformanceSuite.judge("/spec.txt", EXAMPLE, "<p><em>a</em></p>\n", null);
        assertThrows(AssertionFailedError.class,
                () -> ConformanceSuite.judge("/spec.txt", EXAMPLE, "<p>*a*</p>\n", null));
    }

    @Test
    void aKnownExceptionThatFailsIsSkippedWithItsReason() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> ConformanceSuite.judge("/spec.txt", EXAMPLE, "<p>*a*</p>\n", "GitHub's 2019 rule"));
        assertTrue(skipped.getMessage().contains("GitHub's 2019 rule"), skipped.getMessage());
    }

    @Test
    void aKnownExceptionThatPassesFailsTheCheck() {
        AssertionFailedError stale = assertThrows(AssertionFailedError.class,
                () -> ConformanceSuite.judge("/spec.txt", EXAMPLE, "<p><em>a</em></p>\n", "GitHub's 2019 rule"));
        assertTrue(stale.getMessage().contains("is listed as a known exception"), stale.getMessage());
    }

    @Test
    void theCommonMarkSpecHasNoExceptions() {
        for (int n = 1; n <= 652; n++) {
            assertTrue(KnownExceptions.reason(KnownExceptions.COMMONMARK_SPEC, n) == null, "example " + n);
        }
    }
}
