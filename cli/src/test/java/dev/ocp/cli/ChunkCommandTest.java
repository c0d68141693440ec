package dev.ocp.cli;

import dev.ocp.Ocp;
import dev.ocp.OcpEngine;
import dev.ocp.chunk.Chunk;
import dev.ocp.chunk.ChunkOptions;
import dev.ocp.chunk.Chunker;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkCommandTest {
    /** A folder to JSON Lines: a line per chunk, with its file, in the files' order, what the API gives each file. */
    @Test
    void aFolderBecomesALinePerChunk(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.md"), "# A\n\nOne. Two \"quoted\".\n\n## B\n\n```\n# code\n```\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub").resolve("b.md"), "Intro\n\n# C\n\n| x | y |\n|---|---|\n| 1 | 2 |\n");
        Run run = Run.installed("chunk", "--max-chars", "30", "--levels", "1,2", "--jobs", "2", dir.toString());
        assertEquals(0, run.status(), run.err());
        List<String> expected = new ArrayList<>();
        ChunkOptions options = ChunkOptions.defaults().withMaxSize(30).withHeadingLevels(1, 2);
        try (OcpEngine engine = Ocp.engine()) {
            for (Path file : List.of(dir.resolve("a.md"), dir.resolve("sub").resolve("b.md"))) {
                List<Chunk> chunks = Chunker.chunk(engine, Files.readAllBytes(file),
                        dev.ocp.ParseOptions.defaults(), options);
                expected.add(ChunkCommand.lines(file.toString(), chunks));
            }
        }
        assertEquals(String.join("", expected), run.out());
        String[] lines = run.out().split("\n");
        assertTrue(lines.length >= 5, run.out());
        assertTrue(lines[0].startsWith("{\"file\":\"" + dir.resolve("a.md").toString().replace("\\", "\\\\")
                + "\",\"index\":0,\"headingPath\":[\"A\"],\"markdown\":\"# A\\n\\n"), lines[0]);
        assertTrue(run.out().contains("\\\"quoted\\\""), "quotes are escaped");
    }

    /**
     * A cap in tokens: the chunks are the API's with JTokkit's cl100k_base count as the measure, each within the cap
     * unless flagged, and not the chunks a cap of as many characters gives. A special token's text in the document
     * ({@code <|endoftext|>}) is counted as ordinary text: JTokkit's {@code countTokens} would throw on it.
     */
    @Test
    void maxTokensCountsWithTheEncoding(@TempDir Path dir) throws IOException {
        StringBuilder md = new StringBuilder("# Tokens\n\n");
        for (int i = 0; i < 12; i++) {
            md.append("Sentence number ").append(i).append(" talks about tokenization of Markdown. ");
        }
        md.append("A model's text ends at <|endoftext|>, a special token.");
        md.append("\n\n## Code\n\n```java\nint x = 1;\n```\n\n- one item\n- another item\n");
        Path file = dir.resolve("t.md");
        Files.writeString(file, md.toString());
        Encoding cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
        Run run = Run.installed("chunk", "--max-tokens", "40", file.toString());
        assertEquals(0, run.status(), run.err());
        ChunkOptions options = ChunkOptions.defaults().withMaxSize(40).withMeasure(cl100k::countTokensOrdinary);
        List<Chunk> chunks;
        try (OcpEngine engine = Ocp.engine()) {
            chunks = Chunker.chunk(engine, Files.readAllBytes(file), dev.ocp.ParseOptions.defaults(), options);
            List<Chunk> byChars = Chunker.chunk(engine, Files.readAllBytes(file), dev.ocp.ParseOptions.defaults(),
                    ChunkOptions.defaults().withMaxSize(40));
            assertTrue(byChars.size() > chunks.size(), "40 characters are fewer than 40 tokens: " + byChars.size()
                    + " chunks against " + chunks.size());
        }
        assertEquals(ChunkCommand.lines(file.toString(), chunks), run.out());
        assertTrue(chunks.size() > 3, "the paragraph was split between sentences: " + chunks.size());
        for (Chunk c : chunks) {
            assertEquals(cl100k.countTokensOrdinary(c.markdown()), c.size(), c.markdown());
            assertTrue(c.overCap() || c.size() <= 40, c.markdown());
            assertTrue(run.out().contains(",\"size\":" + c.size() + ",\"overCap\":" + c.overCap() + ","), run.out());
        }
        Run o200k = Run.installed("chunk", "--max-tokens", "40", "--tokenizer", "gpt-4o", file.toString());
        assertEquals(0, o200k.status(), o200k.err());
    }

    /** {@code --min-size} merges small chunks in the cap's unit: under {@code --max-tokens}, tokens. */
    @Test
    void minSizeCountsInTheCapsUnit(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.md");
        Files.writeString(file, "# A\n\nShort.\n\n# B\n\nShort too.\n\n# C\n\nThe third section, a little longer.\n");
        Encoding cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
        ChunkOptions inTokens = ChunkOptions.defaults().withMaxSize(40).withMeasure(cl100k::countTokensOrdinary);
        Run run = Run.installed("chunk", "--max-tokens", "40", "--min-size", "12", file.toString());
        assertEquals(0, run.status(), run.err());
        try (OcpEngine engine = Ocp.engine()) {
            byte[] source = Files.readAllBytes(file);
            List<Chunk> merged = Chunker.chunk(engine, source, dev.ocp.ParseOptions.defaults(),
                    inTokens.withMinSize(12));
            List<Chunk> apart = Chunker.chunk(engine, source, dev.ocp.ParseOptions.defaults(), inTokens);
            List<Chunk> inChars = Chunker.chunk(engine, source, dev.ocp.ParseOptions.defaults(),
                    ChunkOptions.defaults().withMaxSize(40).withMinSize(12));
            assertEquals(ChunkCommand.lines(file.toString(), merged), run.out());
            assertTrue(merged.size() < apart.size(), merged + " against " + apart);
            assertTrue(merged.size() != inChars.size(), "12 tokens are not 12 characters: " + merged);
        }
    }

    @Test
    void aTokenizerItDoesNotKnowOrTwoCapsAreUsageErrors() {
        Run unknown = Run.installed("chunk", "--max-tokens", "10", "--tokenizer", "no_such_base", ".");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("cl100k_base"), unknown.err());
        Run both = Run.installed("chunk", "--max-tokens", "10", "--max-chars", "10", ".");
        assertEquals(2, both.status());
        assertTrue(both.err().contains("give one"), both.err());
    }

    @Test
    void anOverlapNotLessThanTheCapIsAUsageError() {
        Run chars = Run.installed("chunk", "--max-chars", "100", "--overlap", "100", ".");
        assertEquals(2, chars.status());
        assertTrue(chars.err().contains("--overlap 100 must be less than the cap (--max-chars 100)"), chars.err());
        Run byDefault = Run.installed("chunk", "--overlap", "5000", ".");
        assertEquals(2, byDefault.status());
        assertTrue(byDefault.err().contains("(2000 characters by default)"), byDefault.err());
    }

    /** One less than the cap is an overlap: each chunk after the first can start with the end of the one before. */
    @Test
    void anOverlapOneLessThanTheCapChunks(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.md"), "One. Two.\n\nThree.\n");
        Run run = Run.installed("chunk", "--max-chars", "12", "--overlap", "11", dir.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        // The second sentence's chunk repeats the first: it starts where the first chunk does.
        assertTrue(lines.get(1).contains("\"markdown\":\"One. Two.\\n\\n\",") && lines.get(1).contains(
                "\"startByte\":0,"), lines.get(1));
    }

    @Test
    void aBadLevelIsAUsageError() {
        Run run = Run.installed("chunk", "--levels", "7", ".");
        assertEquals(2, run.status());
        assertTrue(run.err().contains("--levels"), run.err());
    }
}
