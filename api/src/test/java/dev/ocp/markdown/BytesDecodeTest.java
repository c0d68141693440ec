package dev.ocp.markdown;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The writer's final decoding ({@link Bytes#decode}) reads runs of ASCII eight bytes a step and runs of two-byte letters
 * four letters a step: whatever ends a run, at every place of the words around it, comes out as the JDK decodes it,
 * and bytes that are not well-formed UTF-8 are reported (-1) wherever they fall.
 */
class BytesDecodeTest {
    private static final String[] LETTERS = {"\u0645", "\u00e9", "\u0416", "\u07ff", "\u0080", "\u05d0", "a", "\u03a9"};

    @Test
    void runsEndAnywhereInTheirWordsAndDecodeAsTheJdkDoes() {
        String[] enders = {"a", " ", "\u20ac", "\ud83d\ude00", "\u0645", "\u00e9"};
        for (int lettersFrom = 0; lettersFrom < 2; lettersFrom++) {
            for (String ender : enders) {
                for (int before = 0; before <= 17; before++) {
                    for (int after = 0; after <= 17; after++) {
                        StringBuilder text = new StringBuilder();
                        for (int i = 0; i < before; i++) {
                            text.append(LETTERS[(i + lettersFrom) % 6]); // two-byte letters only (and 'a' from 1)
                        }
                        text.append(ender);
                        for (int i = 0; i < after; i++) {
                            text.append(LETTERS[(i * 3 + lettersFrom) % LETTERS.length]);
                        }
                        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                        assertEquals(text.toString(), decoded(bytes, 0), hex(bytes));
                        assertEquals(text.toString(), decoded(bytes, 5), hex(bytes) + ", from 5");
                    }
                }
            }
        }
    }

    @Test
    void bytesThatAreNotWellFormedAreFoundInsideRunsOfTwoByteLetters() {
        int[][] broken = {{0xC1, 0x80}, {0xC0, 0xAF}, {0xC2, 0x41}, {0xC2, 0xC2, 0x80}, {0x80}, {0xD9}, {0xE0, 0x80},
            {0xED, 0xA0, 0x80}, {0xFF}};
        for (int[] bad : broken) {
            for (int before = 0; before <= 11; before++) {
                for (int after = 0; after <= 9; after++) {
                    ByteArrayOutputStream built = new ByteArrayOutputStream();
                    byte[] letter = "\u0645".getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < before; i++) {
                        built.write(letter, 0, letter.length);
                    }
                    for (int b : bad) {
                        built.write(b);
                    }
                    for (int i = 0; i < after; i++) {
                        built.write(letter, 0, letter.length);
                    }
                    byte[] bytes = built.toByteArray();
                    char[] into = new char[bytes.length];
                    assertEquals(-1, Bytes.decode(bytes, 0, bytes.length, into, 0), hex(bytes));
                }
            }
        }
    }

    /** Decodes {@code bytes} placed {@code at} bytes into a larger array, between ASCII neighbours it must not read. */
    private static String decoded(byte[] bytes, int at) {
        byte[] within = new byte[at + bytes.length + 9];
        java.util.Arrays.fill(within, (byte) 'z');
        System.arraycopy(bytes, 0, within, at, bytes.length);
        char[] into = new char[bytes.length + 3];
        int end = Bytes.decode(within, at, at + bytes.length, into, 3);
        return end < 0 ? "(reported ill-formed)" : new String(into, 3, end - 3);
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02X ", b & 0xFF));
        }
        return sb.toString().trim();
    }
}
