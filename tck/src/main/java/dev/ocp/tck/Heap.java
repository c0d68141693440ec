package dev.ocp.tck;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Java-heap bytes allocated by the current thread, as HotSpot counts them
 * ({@code com.sun.management.ThreadMXBean}). Counting bytes, not time, makes zero-copy checks exact enough
 * to fail on a copy and deterministic enough to pass on a loaded machine.
 */
final class Heap {
    private Heap() {
    }

    private static com.sun.management.ThreadMXBean bean() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes per thread (no com.sun.management.ThreadMXBean)");
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(hotspot.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes per thread");
        if (!hotspot.isThreadAllocatedMemoryEnabled()) {
            hotspot.setThreadAllocatedMemoryEnabled(true);
        }
        return hotspot;
    }

    /**
     * Runs {@code action} {@code times} times after as many warm-up runs, and returns the fewest bytes one
     * batch allocated per run, of three batches: the minimum discards one-off costs such as class loading
     * or a JIT deoptimisation that do not belong to the action.
     */
    static long bytesPerRun(int times, Runnable action) {
        com.sun.management.ThreadMXBean bean = bean();
        for (int i = 0; i < times; i++) {
            action.run();
        }
        long best = Long.MAX_VALUE;
        for (int batch = 0; batch < 3; batch++) {
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < times; i++) {
                action.run();
            }
            long after = bean.getCurrentThreadAllocatedBytes();
            best = Math.min(best, (after - before) / times);
        }
        return best;
    }
}
