package dev.ocp.tck;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waiting for the garbage collector and the safety net behind it. The JVM promises nothing about when a
 * dropped object is found, so the kit asks for collections in a bounded loop and gives up with a clear
 * failure rather than hanging.
 */
final class Gc {
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);

    private Gc() {
    }

    /**
     * Requests collections until {@code done} holds.
     *
     * @param what what is awaited, for the failure message
     * @param done the condition
     */
    static void await(String what, BooleanSupplier done) {
        long start = System.nanoTime();
        int rounds = 0;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - start > GIVE_UP_NANOS) {
                fail("gave up after " + rounds + " rounds of System.gc() over "
                        + TimeUnit.NANOSECONDS.toSeconds(GIVE_UP_NANOS) + " s waiting for: " + what);
            }
            rounds++;
            System.gc();
            // Some garbage too, in case explicit GC is disabled (-XX:+DisableExplicitGC).
            byte[][] churn = new byte[8][];
            for (int i = 0; i < churn.length; i++) {
                churn[i] = new byte[1 << 16];
            }
            try {
                Thread.sleep(rounds < 10 ? 5 : 25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for: " + what);
            }
        }
    }
}
