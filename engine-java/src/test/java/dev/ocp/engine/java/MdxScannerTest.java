package dev.ocp.engine.java;

import dev.ocp.tck.KitInputs;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MDX scanner against markdown-rs's own error cases: every one-line case whose error comes from reading a tag or
 * an expression (not from pairing tags into elements, nor from container laziness, which the parsers decide) must
 * fail at markdown-rs's column with its reason and rule id when the line is read left to right as inline content
 * is. Plus what is not an error: text that only looks like a tag.
 */
class MdxScannerTest {
    private final MdxScanner scanner = new MdxScanner();

    /** Reads a line as the inline parser will: tags at '<', expressions at '{', anything else text. */
    private String firstError(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        int p = 0;
        try {
            while (p < b.length) {
                if (b[p] == '<') {
                    int r = scanner.tag(b, p, b.length);
                    p = r == MdxScanner.NOK ? p + 1 : r;
                } else if (b[p] == '{') {
                    p = scanner.expression(b, p, b.length);
                } else {
                    p++;
                }
            }
        } catch (MdxScanner.Failure f) {
            return "1:" + (f.at + 1) + ": " + f.reason + " (markdown-rs:" + f.ruleId + ")";
        }
        return null;
    }

    @Test
    void failsWhereMarkdownRsFailsWithItsWords() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (KitInputs.ErrorCase c : KitInputs.markdownRsErrorCases()) {
            boolean scannerError = c.mdx() && !c.markdown().contains("\n") && !c.error().contains("lazy")
                    && !c.error().contains("closing tag") && !c.error().contains("closing slash")
                    && !c.markdown().contains("`");
            if (!scannerError) {
                continue;
            }
            checked++;
            String got = firstError(c.markdown());
            if (!c.error().equals(got)) {
                wrong.add(c.source() + " " + MarkdownGeneratorLiteral.of(c.markdown()) + "\n    expected " + c.error()
                        + "\n    got      " + got);
            }
        }
        int all = checked;
        assertTrue(all > 30, "markdown-rs's cases are in the kit (" + all + ")");
        assertEquals(List.of(), wrong, () -> wrong.size() + " of " + all + " differ:\n" + String.join("\n", wrong));
    }

    @Test
    void textThatOnlyLooksLikeATagIsNoTag() {
        for (String text : List.of("a < b", "<", "a <b", "a <b c", "<a\t", "a <b c='d\n  ", "<>x")) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            int at = text.indexOf('<');
            int r = scanner.tag(b, at, b.length);
            assertTrue(r == MdxScanner.NOK || text.equals("<>x") && r == 2, text);
        }
    }

    @Test
    void aQuotedValueThatReachesTheEndFailsUnlessOnlyWhitespaceFollowsALineEnding() {
        byte[] b = "a <b c='d\ne".getBytes(StandardCharsets.UTF_8);
        MdxScanner.Failure f = org.junit.jupiter.api.Assertions.assertThrows(MdxScanner.Failure.class,
                () -> scanner.tag(b, 2, b.length));
        assertEquals(b.length, f.at);
        assertEquals("unexpected-eof", f.ruleId);
    }

    @Test
    void recordsTheNameAndEveryKindOfAttribute() {
        byte[] b = "<ui.Card b c:d e=\"&amp;\" f={[1, {2}]} {...g} />".getBytes(StandardCharsets.UTF_8);
        assertEquals(b.length, scanner.tag(b, 0, b.length));
        assertEquals("ui.Card", MdxScanner.text(b, scanner.nameStart, scanner.nameEnd));
        assertTrue(scanner.selfClosing);
        assertEquals(5, scanner.attributes);
        int[] kinds = {MdxScanner.BOOLEAN, MdxScanner.BOOLEAN, MdxScanner.PLAIN, MdxScanner.EXPRESSION,
            MdxScanner.SPREAD};
        String[] names = {"b", "c:d", "e", "f", null};
        String[] values = {null, null, "&amp;", "[1, {2}]", "...g"};
        for (int i = 0; i < 5; i++) {
            assertEquals(kinds[i], scanner.attrKind[i], "kind of " + i);
            assertEquals(names[i], scanner.attrNameStart[i] < 0 ? null
                    : MdxScanner.text(b, scanner.attrNameStart[i], scanner.attrNameEnd[i]), "name of " + i);
            assertEquals(values[i], scanner.attrValueStart[i] < 0 ? null
                    : MdxScanner.text(b, scanner.attrValueStart[i], scanner.attrValueEnd[i]), "value of " + i);
        }
    }

    /** Java string literals for messages. */
    private static final class MarkdownGeneratorLiteral {
        static String of(String s) {
            return dev.ocp.tck.MarkdownGenerator.javaLiteral(s);
        }
    }
}
