package dev.ocp.bench;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusTest {

    @Test
    void sizedInputsAreCutAtASpaceJustWithinTheirSize() {
        Corpus corpus = Corpus.get();
        for (String id : Corpus.SIZED) {
            Corpus.Input in = corpus.input(id);
            int size = Corpus.sizeOf(id);
            assertTrue(in.utf8.length <= size && in.utf8.length > size * 0.8, id + ": " + in.utf8.length);
            assertArrayEquals(in.utf8, in.text.getBytes(StandardCharsets.UTF_8), id + " is not whole UTF-8");
        }
    }

    @Test
    void progitIsTheWholeCorpus() {
        Corpus corpus = Corpus.get();
        assertEquals(corpus.text, corpus.input(Corpus.PROGIT).text);
    }

    @Test
    void chaptersSplitAtTopLevelHeadingsAndJoinBackToTheText() {
        String text = "intro\n# One #\npara\n## sub\n# Two\n";
        String[] parts = Corpus.splitChapters(text);
        assertEquals(Arrays.asList("intro\n", "# One #\npara\n## sub\n", "# Two\n"), Arrays.asList(parts));
        assertEquals(text, String.join("", parts));
    }

    @Test
    void theHtmlCheckReadsPercentEncodedNonAsciiAsItsCharacters() {
        assertEquals("<a href=\"/Straße?x=%20\">", BenchMain.decodeNonAscii("<a href=\"/Stra%C3%9Fe?x=%20\">"));
        assertEquals("分支", BenchMain.decodeNonAscii("%E5%88%86%E6%94%AF"));
    }
}
