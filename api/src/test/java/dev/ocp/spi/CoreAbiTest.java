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
}
