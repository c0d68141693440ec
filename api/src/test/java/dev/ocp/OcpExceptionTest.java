package dev.ocp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OcpExceptionTest {
    @Test
    void aSyntaxErrorReadsAsMarkdownRsWritesItsMessages() {
        OcpException e = new OcpException(new OcpException.SyntaxError(1, 3, "unexpected-eof",
                "Unexpected end of file in expression, expected a corresponding closing brace for `{`"));
        assertEquals(OcpException.Code.SYNTAX, e.code());
        assertEquals("[SYNTAX] 1:3: Unexpected end of file in expression, expected a corresponding closing brace for "
                + "`{` (ocp:unexpected-eof)", e.getMessage());
        assertEquals(3, e.syntaxError().column());
        OcpException.SyntaxError range = new OcpException.SyntaxError(1, 6, 1, 10, "end-tag-mismatch",
                "Unexpected closing tag `</c>`, expected corresponding closing tag for `<>` (1:3)");
        assertEquals("1:6-1:10: Unexpected closing tag `</c>`, expected corresponding closing tag for `<>` (1:3) "
                + "(ocp:end-tag-mismatch)", range.toString());
    }

    @Test
    void otherFailuresHaveNoSyntaxErrorAndPositionsCountFromOne() {
        assertNull(new OcpException(OcpException.Code.INTERNAL, "x").syntaxError());
        assertThrows(IllegalArgumentException.class, () -> new OcpException.SyntaxError(0, 1, "r", "x"));
        assertThrows(IllegalArgumentException.class, () -> new OcpException.SyntaxError(1, 1, 2, 0, "r", "x"));
    }

    @Test
    void lineReasonAndRuleAreThePlaceTheWordsAndTheRuleOfEveryFailure() {
        OcpException syntax = new OcpException(new OcpException.SyntaxError(4, 2, "unexpected-eof", "Unexpected end"));
        assertEquals(4, syntax.line());
        assertEquals("Unexpected end", syntax.reason());
        assertEquals("unexpected-eof", syntax.rule());
        OcpException at = new OcpException(OcpException.Code.LIMIT_EXCEEDED, "too deep", 7);
        assertEquals(7, at.line());
        assertEquals("too deep", at.reason());
        assertEquals("limit-exceeded", at.rule());
        assertEquals("[LIMIT_EXCEEDED] too deep (line 7)", at.getMessage());
        OcpException nowhere = new OcpException(OcpException.Code.OUT_OF_MEMORY, "no room");
        assertEquals(0, nowhere.line());
        assertEquals("[OUT_OF_MEMORY] no room", nowhere.getMessage());
        assertEquals("out-of-memory", nowhere.rule());
        assertEquals(0, new OcpException(OcpException.Code.INTERNAL, "x", new RuntimeException()).line());
        assertThrows(IllegalArgumentException.class, () -> new OcpException(OcpException.Code.INTERNAL, "x", -1));
    }
}
