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
 * one input shape at two sizes, never against a clock's absolute reading, and, where that decides, beside a control
 * measured in the same rounds. The shape is made at about {@value #SMALL_BYTES} bytes and at {@value #FACTOR} times
 * its units; so is the control, plain paragraphs of prose, which every parser reads in linear time. After a warm-up
 * (a few parses of the smaller input and one of the larger, so that the JIT has compiled what the parse runs before anything is timed:
 * measured cold, a linear parse of 256 KB once took 50 times one of 32 KB, fewest of nine rounds), the inputs are
 * parsed (and closed) in turns, and the fewest nanoseconds of each over the rounds stand for it, which discards what a
 * busy machine adds now and then (other processes, a collection, the JIT compiling). The nanoseconds are the parsing
 * thread's processor time where the JVM counts it and the parse runs on that thread (one of its parses took at least a
 * tenth as much processor time as time passed; a parse on another thread takes next to none), else the time that
 * passed.
 *
 * <p>The growth is the ratio of the two times over the ratio of the sizes: about 1 when the time is linear in the
 * input, {@value #FACTOR} when quadratic, and 2.83 (the square root of {@value #FACTOR}) when it grows as the input to
 * the power 1.5. A busy machine raises it too, and not now and then but all along: on two cores shared with other
 * builds, a larger input's working set is evicted from the caches more often than a smaller one's, and in a self-test
 * run the java engine's linear parses grew 2.4 to 3.6 times as fast as their input in processor time, fewest of nine
 * rounds. The control's growth, measured in the same rounds, is what the machine adds: a shape's time is taken for
 * worse than linear when its growth is above {@value #ABSOLUTE_LIMIT} (quadratic, whatever the machine does), or above
 * {@value #RELATIVE_LIMIT} times the control's (or than {@value #RELATIVE_LIMIT} where the control grew less than
 * linearly). A growth of at most {@value #RELATIVE_LIMIT} is within both limits whatever the control does, so the
 * control is measured only once a shape's growth is above that after {@value #FEWEST_ROUNDS} rounds, from the next
 * round on: a quiet machine never needs it. Measured warm on a quiet machine, the java engine's 214 measures of every
 * pathological shape grew 0.26 to 1.24 times as fast as their input but one (2.9, after two rounds, which more rounds
 * bring down).
 *
 * <p>Rounds go on until the growth is within the limits after at least {@value #FEWEST_ROUNDS} of them, or
 * {@value #MOST_ROUNDS} were made: a linear parser costs a warm-up and two rounds of 288 KB per shape on a quiet machine, a machine
 * busy at every one of its rounds a few more with the control beside them, and only a shape that keeps growing too
 * fast costs all of them.
 */
final class Growth {
    /** About the size of the smaller input, in bytes. */
    static final int SMALL_BYTES = 32 << 10;
    /** How many times the smaller input's units the larger one has. */
    static final int FACTOR = 8;
    /** The most growth taken for linear whatever the control's: 32 times the time for 8 times the input. */
    static final double ABSOLUTE_LIMIT = 4;
    /**
     * The most growth taken for linear, as a multiple of the control's (at least linear): 16 times the time for 8
     * times the input on a quiet machine, where time that grows as the input to the power 1.5 takes 22.6 times.
     */
    static final double RELATIVE_LIMIT = 2;
    /** Parses of each smaller input before the rounds (and one of the larger), so that the rounds time compiled code. */
    static final int WARM_UP_PARSES = 3;
    /** Rounds made at the least, before a growth within the limit ends the measure. */
    static final int FEWEST_ROUNDS = 2;
    /** Rounds made at the most. */
    static final int MOST_ROUNDS = 9;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Whether this JVM counts the processor time of the current thread. */
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported() && cpuTimeEnabled();

    /** The control: prose in paragraphs, {@code n} sentences, which any parser reads in linear time. */
    static final IntFunction<String> CONTROL = n -> {
        StringBuilder b = new StringBuilder(n * 64);
        for (int i = 0; i < n; i++) {
            b.append("The quick brown fox ").append(i % 100).append(" jumps over the lazy dog again.")
                    .append(i % 5 == 4 ? "\n\n" : " ");
        }
        return b.toString();
    };

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

    /** The fewest nanoseconds of one input at two sizes. */
    record Sizes(int smallBytes, int bigBytes, long smallNanos, long bigNanos) {
        /** @return the time ratio over the size ratio: 1 for linear time, {@value #FACTOR} for quadratic */
        double growth() {
            return ((double) bigNanos / Math.max(1, smallNanos)) / ((double) bigBytes / smallBytes);
        }
    }

    /**
     * One shape, measured.
     *
     * @param shape   what was parsed, and how
     * @param sizes   the shape's times
     * @param control the control's times, from the same rounds, or {@code null} where the shape's growth made the
     *                control needless
     * @param rounds  how many rounds were made
     * @param clock   which time: {@code "processor time"} or {@code "time passed"}
     */
    record Measure(String shape, Sizes sizes, Sizes control, int rounds, String clock) {
        /** @return the shape's growth: 1 for linear time, {@value #FACTOR} for quadratic */
        double growth() {
            return sizes.growth();
        }

        /** @return whether the growth is within both limits */
        boolean linear() {
            double machine = control == null ? 1 : Math.max(1, control.growth());
            return growth() <= ABSOLUTE_LIMIT && growth() <= RELATIVE_LIMIT * machine;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d bytes in %.3f ms, %d bytes in %.3f ms (%s, fewest of %d"
                    + " rounds): the time grew %.1f times as fast as the input, %s",
                    shape, sizes.smallBytes, sizes.smallNanos / 1e6, sizes.bigBytes, sizes.bigNanos / 1e6, clock,
                    rounds, growth(), control == null ? "the control was not needed"
                            : String.format(Locale.ROOT, "the control's (prose) %.1f times", control.growth()));
        }
    }

    /** An input at both sizes, and the fewest nanoseconds of each so far: [0] time passed, [1] processor time. */
    private static final class Timed {
        final byte[] small;
        final byte[] big;
        final long[] fewestSmall = {Long.MAX_VALUE, Long.MAX_VALUE};
        final long[] fewestBig = {Long.MAX_VALUE, Long.MAX_VALUE};

        Timed(IntFunction<String> make) {
            int probe = 1024;
            int units = (int) Math.max(1, (long) probe * SMALL_BYTES
                    / Math.max(1, Inputs.ascii(make.apply(probe)).length));
            small = Inputs.ascii(make.apply(units));
            big = Inputs.ascii(make.apply(FACTOR * units));
        }

        /** Parses the smaller input a few times and the larger once, untimed. */
        void warmUp(OcpEngine engine, ParseOptions options) {
            for (int i = 0; i < WARM_UP_PARSES; i++) {
                time(engine, small, options);
            }
            time(engine, big, options);
        }

        /** Parses both sizes once; returns whether processor time stood for both parses. */
        boolean round(OcpEngine engine, ParseOptions options) {
            long[] s = time(engine, small, options);
            long[] b = time(engine, big, options);
            fewest(fewestSmall, s);
            fewest(fewestBig, b);
            return CPU_TIME && s[1] * 10 >= s[0] && b[1] * 10 >= b[0];
        }

        Sizes sizes(int clock) {
            return new Sizes(small.length, big.length, fewestSmall[clock], fewestBig[clock]);
        }
    }

    /**
     * Measures one shape, beside the control.
     *
     * @param engine  the engine
     * @param shape   the shape's name, for the message
     * @param make    the shape at a number of units (about proportional to its bytes)
     * @param options how to parse it
     * @return the measure
     */
    static Measure measure(OcpEngine engine, String shape, IntFunction<String> make, ParseOptions options) {
        Timed timed = new Timed(make);
        timed.warmUp(engine, options);
        Timed control = null;
        int rounds = 0;
        boolean onThisThread = false;
        Measure m;
        do {
            onThisThread |= timed.round(engine, options);
            if (control != null) {
                control.round(engine, options);
            }
            rounds++;
            int clock = onThisThread ? 1 : 0;
            m = new Measure(shape, timed.sizes(clock), control == null ? null : control.sizes(clock), rounds,
                    onThisThread ? "processor time" : "time passed");
            if (control == null && rounds >= FEWEST_ROUNDS && rounds < MOST_ROUNDS && m.growth() > RELATIVE_LIMIT) {
                // Too fast for linear on a quiet machine: from now on the control says what this machine adds.
                control = new Timed(CONTROL);
                control.warmUp(engine, options);
                m = null;
            }
        } while (rounds < MOST_ROUNDS && (m == null || rounds < FEWEST_ROUNDS || !m.linear()));
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
