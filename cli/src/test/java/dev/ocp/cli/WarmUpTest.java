package dev.ocp.cli;

import org.junit.jupiter.api.Test;

import java.util.function.LongUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link WarmUp} fed made-up rounds on a made-up clock, so that neither the machine nor the JIT can sway it. */
class WarmUpTest {
    private static final long MS = 1_000_000L;
    private static final long MEASURE = 100 * MS;
    private static final long START = 5_000 * MS;

    /** Where a warm-up fed these rounds ended, and how. */
    private record Ended(long rounds, long nanos, boolean stillGettingFaster) {}

    /**
     * Feeds rounds back to back from {@link #START}; round {@code i} (from 0) takes {@code duration(i)}
     * nanoseconds, and the JIT's compilation time after it is {@code compiled(i)} ms.
     */
    private static Ended run(LongUnaryOperator duration, LongUnaryOperator compiled) {
        return run(MEASURE, duration, compiled);
    }

    private static Ended run(long measure, LongUnaryOperator duration, LongUnaryOperator compiled) {
        WarmUp warmUp = new WarmUp(START, measure, 0);
        long t = START;
        for (long i = 0; ; i++) {
            long t0 = t;
            t += duration.applyAsLong(i);
            if (warmUp.round(t0, t, compiled.applyAsLong(i))) {
                return new Ended(i + 1, t - START, warmUp.stillGettingFaster());
            }
        }
    }

    private static final LongUnaryOperator QUIET = i -> 0;

    @Test
    void flatRoundsAfterACompiledStepEndTheWarmUpOnceTheyAreAQuarterOfAllRounds() {
        // 400 rounds of 1 ms, then compiled code: 0.5 ms a round from then on, and the JIT done at round 400.
        Ended ended = run(i -> i < 400 ? MS : MS / 2, i -> i < 400 ? i : 400);
        assertFalse(ended.stillGettingFaster(), ended.toString());
        // Flat from the 402nd round on, which is a quarter of all rounds by the 536th; but the JIT is quiet for 0.3 s
        // only after the 1,001st (400.5 ms + 600 rounds of 0.5 ms).
        assertEquals(1_001, ended.rounds(), ended.toString());
    }

    @Test
    void anEngineGettingALittleFasterEveryRoundIsNotSteady() {
        // 0.1% quicker each round, never 3% quicker than the round before it, yet it halves its time every 693 rounds.
        Ended ended = run(i -> (long) (2 * MS * Math.pow(0.999, i)), QUIET);
        assertTrue(ended.stillGettingFaster(), ended.toString());
        assertTrue(ended.nanos() >= WarmUp.LIMIT * MEASURE, ended.toString());
    }

    @Test
    void oneStalledRoundIsNotAFlatStretch() {
        // 4% quicker every 20 rounds from 2 ms, with its 301st round stalled for 0.4 s: longer than a quarter of the
        // 0.46 s so far, but one round.
        Ended ended = run(i -> i == 300 ? 400 * MS : (long) (2 * MS * Math.pow(0.96, i / 20)), QUIET);
        assertTrue(ended.stillGettingFaster(), ended.toString());
        assertTrue(ended.nanos() >= WarmUp.LIMIT * MEASURE, ended.toString());
    }

    @Test
    void aJitStillCompilingHoldsTheWarmUpToItsLimit() {
        Ended ended = run(i -> MS, i -> i);
        assertTrue(ended.stillGettingFaster(), ended.toString());
        assertTrue(ended.nanos() >= WarmUp.LIMIT * MEASURE, ended.toString());
    }

    @Test
    void flatFromTheStartStillWaitsForTheJitToBeQuiet() {
        Ended ended = run(i -> MS, QUIET);
        assertFalse(ended.stillGettingFaster(), ended.toString());
        // The JIT's quiet 0.3 s outlasts the least share here, 0.03 s.
        assertEquals(WarmUp.COMPILER_QUIET_NANOS, ended.nanos(), ended.toString());
        assertTrue(ended.nanos() >= WarmUp.SHARE * MEASURE, ended.toString());
    }

    @Test
    void flatFromTheStartStillWarmsForItsShareOfALongMeasuringTime() {
        // 2 s of measuring: the least share, 0.6 s, outlasts the JIT's quiet 0.3 s.
        Ended ended = run(2_000 * MS, i -> MS, QUIET);
        assertFalse(ended.stillGettingFaster(), ended.toString());
        assertEquals((long) (WarmUp.SHARE * 2_000 * MS), ended.nanos(), ended.toString());
    }
}
