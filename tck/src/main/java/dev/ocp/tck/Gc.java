package dev.ocp.tck;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waiting for the garbage collector and the safety net behind it. The JVM promises nothing about when a
 * dropped object is found, so the kit asks for collections in a bounded loop and gives up with a clear
 * failure rather than hanging: after {@value #PATIENCE_PROPERTY} seconds (a system property; 10 unless set, which
 * is ample where a collection takes milliseconds: raise it on a machine where they take seconds).
 */
final class Gc {
    /** The system property that sets how many seconds the kit waits for a dropped document to be found. */
    static final String PATIENCE_PROPERTY = "ocp.tck.gcPatienceSeconds";
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong(PATIENCE_PROPERTY, 10));
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int STALLED_ROUNDS = 3;

    private Gc() {
    }

    /**
     * Requests collections until {@code done} holds.
     *
     * @param what what is awaited, for the failure message
     * @param done the condition
     */
    static void await(String what, BooleanSupplier done) {
        if (!awaitQuietly(GIVE_UP_NANOS, done)) {
            fail("gave up after " + TimeUnit.NANOSECONDS.toSeconds(GIVE_UP_NANOS) + " s of System.gc() waiting for: "
                    + what);
        }
    }

    /**
     * Requests collections until {@code outstanding} reaches zero, for things that should already have happened by
     * the time the caller asks (a free that precedes its report): the caller asserts after. Gives up after a second,
     * or sooner once {@value #STALLED_ROUNDS} collections in a row left {@code outstanding} where it was: what a
     * collection frees shows within a round or two, and a count that is off for good (a leak, a double free) would
     * otherwise cost every check that meets it the whole second.
     *
     * @param outstanding how far from done, zero when done (bytes not yet freed, say)
     * @return whether it reached zero
     */
    static boolean settle(LongSupplier outstanding) {
        long start = System.nanoTime();
        long last = outstanding.getAsLong();
        int rounds = 0;
        int stalled = 0;
        while (last != 0) {
            if (System.nanoTime() - start > SETTLE_NANOS || stalled >= STALLED_ROUNDS || !collect(++rounds)) {
                return false;
            }
            long now = outstanding.getAsLong();
            stalled = now == last ? stalled + 1 : 0;
            last = now;
        }
        return true;
    }

    private static boolean awaitQuietly(long nanos, BooleanSupplier done) {
        long start = System.nanoTime();
        int rounds = 0;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - start > nanos) {
                return false;
            }
            if (!collect(++rounds)) {
                return false;
            }
        }
        return true;
    }

    /** One request for a collection, and a pause for what it found to be cleaned: false when interrupted. */
    private static boolean collect(int round) {
        System.gc();
        // Some garbage too, in case explicit GC is disabled (-XX:+DisableExplicitGC).
        byte[][] churn = new byte[8][];
        for (int i = 0; i < churn.length; i++) {
            churn[i] = new byte[1 << 16];
        }
        try {
            Thread.sleep(round < 10 ? 5 : 25);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
