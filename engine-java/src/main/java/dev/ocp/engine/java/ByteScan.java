package dev.ocp.engine.java;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches for the bytes the parser stops at, eight bytes per step: a little-endian word is loaded from the
 * array and tested for a given byte value with the usual "has zero byte" arithmetic. The lowest flagged byte
 * is always a true match (a false flag can only appear above a true one, through a borrow), which is the one a
 * forward search wants. Profiles of the progit corpus put the line-end search among the hottest loops.
 */
public final class ByteScan {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long LF = '\n' * ONES;
    private static final long CR = '\r' * ONES;

    private ByteScan() {
    }

    /** @return the index of the first {@code '\n'} or {@code '\r'} in {@code a[from, to)}, or {@code to} */
    public static int lineEnd(byte[] a, int from, int to) {
        int i = from;
        for (int last = to - 8; i <= last; i += 8) {
            long w = (long) LONG.get(a, i);
            long lf = w ^ LF;
            long cr = w ^ CR;
            long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        while (i < to && a[i] != '\n' && a[i] != '\r') {
            i++;
        }
        return i;
    }

    /** @return the index of the first zero byte in {@code a[from, to)}, or {@code to} */
    public static int zero(byte[] a, int from, int to) {
        int i = from;
        for (int last = to - 8; i <= last; i += 8) {
            long w = (long) LONG.get(a, i);
            long found = (w - ONES) & ~w & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        while (i < to && a[i] != 0) {
            i++;
        }
        return i;
    }
}
