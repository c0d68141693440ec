package dev.ocp.spark;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.ocp.chunk.ChunkOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chunking options read from a string, without a Spark session. */
class ChunkSpecTest {

    /**
     * A query's options are read on the driver, which only checks them: the tokenizer's name is checked there, but its
     * encoding (a vocabulary of some megabytes) is taken from the registry at the first count, in a task.
     */
    @Test
    void aTokenizerIsCheckedAtOnceAndLoadedAtItsFirstCount() {
        ChunkOptions options = ChunkSpec.parse("max_tokens=64 tokenizer=gpt-4o", ChunkSpec.FUNCTION);
        ChunkSpec.TokenCount count = assertInstanceOf(ChunkSpec.TokenCount.class, options.measure());
        assertFalse(count.loaded(), "parsing the options loaded the encoding");
        String text = "Tokens of <|endoftext|> and of Markdown's **emphasis**.";
        assertEquals(Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE)
                .countTokensOrdinary(text), count.applyAsInt(text));
        assertTrue(count.loaded());
    }
}
