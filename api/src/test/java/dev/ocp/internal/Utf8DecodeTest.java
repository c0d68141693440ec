package dev.ocp.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Utf8#decode} decodes ill-formed UTF-8 on its own (one U+FFFD per maximal subpart), no longer through the
 * renderers' {@link Output}: it must still give exactly what the output's raw decoding gives.
 */
class Utf8DecodeTest {

    @Test
    void decodesIllFormedBytesAsTheOutputDoes() throws IOException {
        Random random = new Random(57);
        // Bytes drawn mostly from where UTF-8 breaks: lead bytes, continuation bytes, surrogates, overlongs, ASCII.
        byte[] palette = {'a', ' ', '<', (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC2, (byte) 0xDF,
                (byte) 0xE0, (byte) 0xA0, (byte) 0xED, (byte) 0x9F, (byte) 0xEF, (byte) 0xF0, (byte) 0x90,
                (byte) 0xF4, (byte) 0x8F, (byte) 0xF5, (byte) 0xFF};
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = new byte[random.nextInt(24)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : palette[random.nextInt(palette.length)];
            }
            assertEquals(throughOutput(bytes), Utf8.decode(ByteBuffer.wrap(bytes), 0, bytes.length),
                    () -> java.util.HexFormat.of().formatHex(bytes));
        }
    }

    private static String throughOutput(byte[] bytes) throws IOException {
        StringBuilder sb = new StringBuilder();
        Output out = new Output(sb);
        out.utf8(ByteBuffer.wrap(bytes), 0, bytes.length, Output.RAW);
        out.flush();
        return sb.toString();
    }
}
