package dev.ocp.engine.java;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The word-at-a-time searches against a byte-by-byte search, on every window of many arrays. */
class ByteScanTest {

    private static int naiveLineEnd(byte[] a, int from, int to) {
        int i = from;
        while (i < to && a[i] != '\n' && a[i] != '\r') {
            i++;
        }
        return i;
    }

    private static int naiveZero(byte[] a, int from, int to) {
        int i = from;
        while (i < to && a[i] != 0) {
            i++;
        }
        return i;
    }

    /** Bytes near the searched values and with the high bit set, where "has zero byte" tricks go wrong. */
    private static final byte[] ALPHABET = {0, 1, '\n', '\r', 0x0B, 0x0C, 0x09, (byte) 0x80, (byte) 0x8A,
        (byte) 0x8D, (byte) 0xFF, (byte) 0xFE, 'a', ' ', 0x7F, (byte) 0x81};

    @Test
    void everyWindowOfRandomArraysMatchesTheByteByByteSearch() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 400; round++) {
            byte[] a = new byte[random.nextInt(1, 40)];
            // Sparse hits in some arrays, dense in others, so long hit-free stretches are covered too.
            int density = 1 + random.nextInt(30);
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextInt(density) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)]
                        : (byte) ('a' + random.nextInt(26));
            }
            for (int from = 0; from <= a.length; from++) {
                for (int to = from; to <= a.length; to++) {
                    assertEquals(naiveLineEnd(a, from, to), ByteScan.lineEnd(a, from, to),
                            () -> "lineEnd " + java.util.Arrays.toString(a));
                    assertEquals(naiveZero(a, from, to), ByteScan.zero(a, from, to),
                            () -> "zero " + java.util.Arrays.toString(a));
                }
            }
        }
    }

    @Test
    void eachTargetIsFoundAtEachPositionOfAWord() {
        for (byte filler : new byte[]{'x', (byte) 0x8A, (byte) 0xFF, 0x0B, 0x01}) {
            for (int at = 0; at < 24; at++) {
                for (byte target : new byte[]{'\n', '\r', 0}) {
                    byte[] a = new byte[24];
                    java.util.Arrays.fill(a, filler);
                    a[at] = target;
                    assertEquals(naiveLineEnd(a, 0, a.length), ByteScan.lineEnd(a, 0, a.length));
                    assertEquals(naiveZero(a, 0, a.length), ByteScan.zero(a, 0, a.length));
                }
            }
        }
    }
}
