package dev.ocp.tck;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
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
    /**
     * How long a count must have stood still, besides {@link #STALLED_ROUNDS} collections, before {@link #settle} takes
     * it as final. Rounds alone were not enough: on a loaded machine (CI's JDK 17 run, where one check took 4 s) three
     * rounds of 5 ms passed before the library's collector thread was scheduled to free a view's memory.
     */
    private static final long STALLED_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final int STALLED_ROUNDS = 3;
    /** The longest wait for the reference handler to queue what a collection found. */
    private static final long HANDLED_MILLIS = 200;

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
     * the time the caller asks (a free that precedes its report): the caller asserts after. Gives up once
     * {@value #STALLED_ROUNDS} collections in a row, over at least {@link #STALLED_NANOS}, left {@code outstanding}
     * where it was (a count that is off for good, a leak or a double free, would otherwise cost every check that meets
     * it the whole patience), and in any case after {@value #PATIENCE_PROPERTY} seconds.
     *
     * @param outstanding how far from done, zero when done (bytes not yet freed, say)
     * @return whether it reached zero
     */
    static boolean settle(LongSupplier outstanding) {
        long start = System.nanoTime();
        long moved = start;
        long last = outstanding.getAsLong();
        int rounds = 0;
        int stalled = 0;
        while (last != 0) {
            long now = System.nanoTime();
            boolean standing = stalled >= STALLED_ROUNDS && now - moved >= STALLED_NANOS;
            if (standing || now - start > GIVE_UP_NANOS || !collect(++rounds)) {
                return false;
            }
            long next = outstanding.getAsLong();
            if (next == last) {
                stalled++;
            } else {
                stalled = 0;
                moved = System.nanoTime();
            }
            last = next;
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

    /**
     * One request for a collection, a wait for the reference handler to queue what it found (a sentinel of the kit's
     * own is queued with the rest), and a pause for the threads that act on those queues: false when interrupted.
     */
    private static boolean collect(int round) {
        ReferenceQueue<Object> handled = new ReferenceQueue<>();
        Reference<Object> sentinel = new PhantomReference<>(new Object(), handled);
        System.gc();
        // Some garbage too, in case explicit GC is disabled (-XX:+DisableExplicitGC).
        byte[][] churn = new byte[8][];
        for (int i = 0; i < churn.length; i++) {
            churn[i] = new byte[1 << 16];
        }
        try {
            handled.remove(HANDLED_MILLIS);
            Thread.sleep(round < 10 ? 5 : 25);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            Reference.reachabilityFence(sentinel);
        }
    }
}
