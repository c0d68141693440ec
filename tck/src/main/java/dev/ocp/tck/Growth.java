package dev.ocp.tck;

import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * How a parse's time grows with its input, measured the one way a kit can on any machine: by comparing the time of
 * one input shape at two sizes, never against a clock's absolute reading. The shape is made at about
 * {@value #SMALL_BYTES} bytes and at {@value #FACTOR} times its units; each is parsed (and closed) in turns, and the
 * fewest nanoseconds of each over the rounds stand for it, which discards what a busy machine adds (other processes, a
 * collection, the JIT compiling). The nanoseconds are the parsing thread's processor time where the JVM counts it
 * and the parse runs on that thread (its processor time is at least a quarter of the time that passed), else the
 * time that passed: on a machine whose processors are all busy, a long parse is interrupted by other processes where
 * a short one may finish in one slice, which inflates the time that passes in proportion to the size, never the
 * processor time (measured on two busy cores, a linear parse of 256 KB seemed to take four times as long per byte
 * as one of 32 KB, every round of nine). The growth is the ratio of those times over the ratio of the sizes: about 1 when the
 * time is linear in the input, {@value #FACTOR} when quadratic; above {@value #LIMIT} the time is taken for worse than
 * linear. (A linear parser's time per byte still differs between sizes, by caches and by what the JIT compiled when:
 * measured at 64 and 256 KB, the java engine's grew up to 2.5 times as fast as its input, which a quadratic one's
 * does 4 times; eight times the size keeps the two apart.)
 *
 * <p>Rounds go on until the growth is within the limit after at least {@value #FEWEST_ROUNDS} of them, or
 * {@value #MOST_ROUNDS} were made: a linear parser costs two rounds of 288 KB per shape, a machine busy at every one
 * of its rounds a few more, and only a shape that keeps growing too fast costs all of them.
 */
final class Growth {
    /** About the size of the smaller input, in bytes. */
    static final int SMALL_BYTES = 32 << 10;
    /** How many times the smaller input's units the larger one has. */
    static final int FACTOR = 8;
    /** The most growth (time ratio over size ratio) taken for linear: 32 times the time for 8 times the input. */
    static final double LIMIT = 4;
    /** Rounds made at the least, before a growth within the limit ends the measure. */
    static final int FEWEST_ROUNDS = 2;
    /** Rounds made at the most. */
    static final int MOST_ROUNDS = 9;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Whether this JVM counts the processor time of the current thread. */
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported() && cpuTimeEnabled();

    private Growth() {
    }

    private static boolean cpuTimeEnabled() {
        try {
            if (!THREADS.isThreadCpuTimeEnabled()) {
                THREADS.setThreadCpuTimeEnabled(true);
            }
            return THREADS.isThreadCpuTimeEnabled();
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * One shape, measured.
     *
     * @param shape      what was parsed, and how
     * @param smallBytes the smaller input's size
     * @param bigBytes   the larger input's size
     * @param smallNanos the fewest nanoseconds a parse of the smaller input took
     * @param bigNanos   the fewest nanoseconds a parse of the larger input took
     * @param rounds     how many rounds were made
     * @param clock      which time: {@code "processor time"} or {@code "time passed"}
     */
    record Measure(String shape, int smallBytes, int bigBytes, long smallNanos, long bigNanos, int rounds,
                   String clock) {
        /** @return the time ratio over the size ratio: 1 for linear time, 4 for quadratic */
        double growth() {
            return ((double) bigNanos / Math.max(1, smallNanos)) / ((double) bigBytes / smallBytes);
        }

        /** @return whether the growth is within {@link #LIMIT} */
        boolean linear() {
            return growth() <= LIMIT;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d bytes in %.3f ms, %d bytes in %.3f ms (%s, fewest of %d"
                    + " rounds): the time grew %.1f times as fast as the input", shape, smallBytes, smallNanos / 1e6,
                    bigBytes, bigNanos / 1e6, clock, rounds, growth());
        }
    }

    /**
     * Measures one shape.
     *
     * @param engine  the engine
     * @param shape   the shape's name, for the message
     * @param make    the shape at a number of units (about proportional to its bytes)
     * @param options how to parse it
     * @return the measure
     */
    static Measure measure(OcpEngine engine, String shape, IntFunction<String> make, ParseOptions options) {
        int probe = 1024;
        int units = (int) Math.max(1, (long) probe * SMALL_BYTES / Math.max(1, Inputs.ascii(make.apply(probe)).length));
        byte[] small = Inputs.ascii(make.apply(units));
        byte[] big = Inputs.ascii(make.apply(FACTOR * units));
        // Fewest nanoseconds so far: [0] time passed, [1] processor time, of the small and the big input.
        long[] fewestSmall = {Long.MAX_VALUE, Long.MAX_VALUE};
        long[] fewestBig = {Long.MAX_VALUE, Long.MAX_VALUE};
        int rounds = 0;
        Measure m;
        do {
            fewest(fewestSmall, time(engine, small, options));
            fewest(fewestBig, time(engine, big, options));
            rounds++;
            // Processor time stands for the parse when the parse ran on this thread: then it is most of the time.
            boolean onThisThread = CPU_TIME && fewestSmall[1] * 4 >= fewestSmall[0] && fewestBig[1] * 4 >= fewestBig[0];
            int clock = onThisThread ? 1 : 0;
            m = new Measure(shape, small.length, big.length, fewestSmall[clock], fewestBig[clock], rounds,
                    onThisThread ? "processor time" : "time passed");
        } while (rounds < MOST_ROUNDS && (rounds < FEWEST_ROUNDS || !m.linear()));
        return m;
    }

    private static void fewest(long[] fewest, long[] times) {
        fewest[0] = Math.min(fewest[0], times[0]);
        fewest[1] = Math.min(fewest[1], times[1]);
    }

    /**
     * @return the nanoseconds a parse and close of {@code input} took, whether it ended in a document or a refusal
     *         (other than {@code INTERNAL}, which fails): the time passed, and this thread's processor time (0 where
     *         the JVM does not count it)
     */
    private static long[] time(OcpEngine engine, byte[] input, ParseOptions options) {
        long cpu = CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        try (OcpDocument doc = engine.parse(input, options)) {
            if (doc.isClosed()) {
                throw new AssertionError("a new document is closed");
            }
        } catch (OcpException refused) {
            // A limit or a syntax error must come as fast as a document would; INTERNAL is an engine's bug.
            if (refused.code() == OcpException.Code.INTERNAL) {
                throw new AssertionError("INTERNAL means an engine bug: " + refused, refused);
            }
        }
        long passed = System.nanoTime() - start;
        return new long[] {passed, CPU_TIME ? THREADS.getCurrentThreadCpuTime() - cpu : 0};
    }
}
