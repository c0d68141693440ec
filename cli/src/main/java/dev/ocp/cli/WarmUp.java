package dev.ocp.cli;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * When {@code ocp compare} has warmed an engine up: it is fed the time of each round (every document once) and
 * says when the rounds have stopped getting faster, that is when the JIT has compiled what it will.
 *
 * <p>Warming lasts at least {@link #SHARE} of the measuring time and at most {@link #LIMIT} times it. In between, it
 * ends when no round was {@link #IMPROVEMENT} faster than the level of the last improvement for {@link #FLAT_ROUNDS}
 * rounds and for a quarter of the rounds so far, and the JIT compiled nothing for {@link #COMPILER_QUIET_NANOS}.
 * Compiled code arrives in steps, between which the time of a round stays flat for a while; the quarter grows with
 * the warm-up so that a long climb needs a long flat stretch. It is counted in rounds, not in time, so that one
 * stalled round (a busy machine, a collection) does not pass for a flat stretch; and an improvement is measured
 * against the level it was last seen at, not the best round so far, so that an engine getting faster a little every
 * round is seen to be getting faster.
 */
final class WarmUp {
    /**
     * A fixed share was too short: with the default 2 s the wasm engine was measured at 14 times its steady time per
     * document and java at 4 times, still in the interpreter and the first compiler.
     */
    static final double SHARE = 0.3;
    static final double LIMIT = 10;
    static final double IMPROVEMENT = 0.03;
    static final int FLAT_ROUNDS = 5;
    static final long COMPILER_QUIET_NANOS = 300_000_000L;
    private static final CompilationMXBean COMPILER = compiler();

    private final long least;
    private final long most;
    private long level = Long.MAX_VALUE;
    private long rounds;
    private long flatRounds;
    private long compiled;
    private long compiledAt;
    private boolean steady;

    /**
     * @param start         when warming began, in {@link System#nanoTime()} terms
     * @param measureNanos  the measuring time that follows, which sets the least and most warming
     * @param compiledMillis the JIT's compilation time so far ({@link #compilationMillis()})
     */
    WarmUp(long start, long measureNanos, long compiledMillis) {
        this.least = start + (long) (measureNanos * SHARE);
        this.most = start + (long) (measureNanos * LIMIT);
        this.compiled = compiledMillis;
        this.compiledAt = start;
    }

    /**
     * Takes one round, from {@code t0} to {@code t1}, after which the JIT's compilation time was {@code
     * compiledMillis}; true when warming is over.
     */
    boolean round(long t0, long t1, long compiledMillis) {
        rounds++;
        if (compiledMillis != compiled) {
            compiled = compiledMillis;
            compiledAt = t1;
        }
        if (t1 - t0 < level * (1 - IMPROVEMENT)) {
            level = t1 - t0;
            flatRounds = 0;
        } else {
            flatRounds++;
        }
        steady = flatRounds >= FLAT_ROUNDS && flatRounds >= rounds / 4 && t1 - compiledAt >= COMPILER_QUIET_NANOS;
        return t1 >= least && steady || t1 >= most;
    }

    /**
     * True when warming ended at its limit without a steady stretch: the rounds were still getting faster, or the JIT
     * was still compiling.
     */
    boolean stillGettingFaster() {
        return !steady;
    }

    /** The JIT's time spent compiling so far, in milliseconds; a constant where the JVM does not tell it. */
    static long compilationMillis() {
        return COMPILER == null ? 0 : COMPILER.getTotalCompilationTime();
    }

    private static CompilationMXBean compiler() {
        CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        return bean != null && bean.isCompilationTimeMonitoringSupported() ? bean : null;
    }
}
