package dev.ocp.cli;

import dev.ocp.Dialect;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small documents of {@code ocp compare}: which they are, and the table of their cost per thread count. */
class SmallDocumentsTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aShortDocumentIsTakenWholeALongOneUpToItsLastLineEndingWithinTheLimit() {
        byte[] shortOne = utf8("# A\n\ntext without a line ending");
        assertArrayEquals(shortOne, SmallDocuments.start(shortOne));
        String lines = "first line\n".repeat(20);
        byte[] cut = SmallDocuments.start(utf8(lines));
        assertEquals(99, cut.length, "nine whole lines of eleven bytes");
        assertEquals('\n', cut[cut.length - 1]);
    }

    @Test
    void aLongLineIsCutAtACharacterBoundary() {
        byte[] cut = SmallDocuments.start(utf8("é".repeat(80)));
        assertEquals(100, cut.length);
        byte[] odd = SmallDocuments.start(utf8("x" + "é".repeat(80)));
        assertEquals(99, odd.length, "byte 100 would split an é");
        assertEquals("x" + "é".repeat(49), new String(odd, StandardCharsets.UTF_8));
    }

    @Test
    void startsThatAreSyntaxErrorsAreLeftOut() {
        ParseOptions mdx = ParseOptions.of(Dialect.MDX);
        List<Inputs.Input> inputs = List.of(new Inputs.Input("ok.mdx", utf8("# Title\n\n<Note>hi</Note>\n")),
                new Inputs.Input("cut.mdx", utf8("<Note>\n" + "word ".repeat(30) + "\n</Note>\n")));
        try (OcpEngine engine = dev.ocp.Ocp.engine("java")) {
            List<byte[]> small = SmallDocuments.of(inputs, engine, mdx);
            assertEquals(1, small.size(), "the cut page is an unclosed element");
            assertArrayEquals(inputs.get(0).bytes(), small.get(0));
        }
    }

    @Test
    void compareReportsEveryEngineAtOneTwoAndEightThreads() {
        Run run = Run.installed("compare", "--seconds", "0.3");
        assertEquals(0, run.status(), run.toString());
        assertTrue(run.out().contains("small documents: "), run.toString());
        Pattern row = Pattern.compile("(?m)^  (\\S+)( \\*)?\\s+(\\S+ [nmu]?s) +(\\S+ [nmu]?s) \\((\\d+\\.\\d\\d)x\\) "
                + "+(\\S+ [nmu]?s) \\((\\d+\\.\\d\\d)x\\)$");
        Matcher m = row.matcher(run.out().substring(run.out().indexOf("small documents: ")));
        int rows = 0;
        while (m.find()) {
            rows++;
        }
        assertEquals(dev.ocp.Ocp.providers().stream().filter(ProviderInfo::available).count(), rows, run.toString());
    }
}
