package dev.ocp.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Java-heap bytes a benchmark thread allocates inside JMH's measured loop, and the operations it ran there.
 * Every benchmark method takes this state and counts its operation ({@link #op()}); JMH runs the
 * iteration-level setup and teardown on the same thread just before and just after the loop, so the difference
 * of the thread's allocation counter covers the benchmark's operations and nothing of JMH's own bookkeeping.
 * {@link HeapProfiler} reads the totals after each iteration.
 */
@State(Scope.Thread)
public class LoopAllocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Bytes and operations of the iteration that ended last, summed over the benchmark's threads. */
    static final AtomicLong BYTES = new AtomicLong();
    static final AtomicLong OPS = new AtomicLong();

    private long ops;
    private long start;

    /** Created by JMH, one per benchmark thread. */
    public LoopAllocation() {
    }

    /** Counts one operation; called by the benchmark method. */
    public void op() {
        ops++;
    }

    /** Reads the thread's allocation counter just before the measured loop. */
    @Setup(Level.Iteration)
    public void start() {
        ops = 0;
        start = THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Adds what the loop allocated, and its operations, to the iteration's totals. */
    @TearDown(Level.Iteration)
    public void stop() {
        long used = THREADS.getCurrentThreadAllocatedBytes() - start;
        if (start >= 0 && used >= 0) {
            BYTES.addAndGet(used);
            OPS.addAndGet(ops);
        }
    }
}
