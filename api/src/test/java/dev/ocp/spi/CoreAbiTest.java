package dev.ocp.spi;

import dev.ocp.OcpException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The C core's failures as exceptions: the status's code, and a syntax error read back into its fields. */
class CoreAbiTest {
    @Test
    void aSyntaxStatusBecomesASyntaxErrorWithItsPlaceRuleAndReason() {
        OcpException point = CoreAbi.failure(6, "2:5: Expected a closing tag for `<b>` (2:1) before the end of "
                + "`Paragraph` (ocp:end-tag-mismatch)");
        assertEquals(OcpException.Code.SYNTAX, point.code());
        assertEquals(new OcpException.SyntaxError(2, 5, "end-tag-mismatch",
                "Expected a closing tag for `<b>` (2:1) before the end of `Paragraph`"), point.syntaxError());
        assertEquals(point.syntaxError().toString(), point.getMessage().substring("[SYNTAX] ".length()),
                "the message is the core's, unchanged");

        OcpException range = CoreAbi.failure(6, "1:4-1:8: Unexpected closing tag `</b>`, expected corresponding "
                + "closing tag for `<a>` (1:1) (ocp:end-tag-mismatch)");
        assertEquals(new OcpException.SyntaxError(1, 4, 1, 8, "end-tag-mismatch", "Unexpected closing tag `</b>`, "
                + "expected corresponding closing tag for `<a>` (1:1)"), range.syntaxError());
    }

    @Test
    void aSyntaxMessageOfAnotherFormIsAnInternalError() {
        for (String bad : new String[] {"", "x", "1:1 no colon space (ocp:r)", "0:1: line zero (ocp:r)",
            "1:1: no rule", "a:b: not numbers (ocp:r)", "1:1-0:0: empty end (ocp:r)", "99999999999:1: big (ocp:r)"}) {
            assertNull(CoreAbi.syntaxError(bad), bad);
            OcpException e = CoreAbi.failure(6, bad);
            assertEquals(OcpException.Code.INTERNAL, e.code(), bad);
            assertTrue(e.getMessage().endsWith(bad), e.getMessage());
        }
    }

    @Test
    void aLimitThatNamesItsLineCarriesItAndReadsAsTheJavaEnginesMessage() {
        String words = "block quotes, list items, footnotes, JSX elements and container directives are nested more than "
                + "maxNestingDepth 16 deep";
        OcpException limit = CoreAbi.failure(2, words + " (line 3)");
        assertEquals(OcpException.Code.LIMIT_EXCEEDED, limit.code());
        assertEquals(3, limit.line());
        assertEquals(words, limit.reason());
        assertEquals("limit-exceeded", limit.rule());
        assertEquals(new OcpException(OcpException.Code.LIMIT_EXCEEDED, words, 3).getMessage(), limit.getMessage(),
                "the same message as the java engine's exception");
        assertEquals("[LIMIT_EXCEEDED] " + words + " (line 3)", limit.getMessage());
        // Anything else at the end stays in the message, and there is no line.
        for (String other : new String[] {words, words + " (line 0)", words + " (line x)", words + " (line )",
            words + " (line 99999999999)", words + " (line 3) more"}) {
            OcpException e = CoreAbi.failure(2, other);
            assertEquals(0, e.line(), other);
            assertEquals(other, e.reason(), other);
        }
    }
}
