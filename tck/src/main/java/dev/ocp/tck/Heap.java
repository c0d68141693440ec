package dev.ocp.tck;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Java-heap bytes allocated by the current thread, as HotSpot counts them
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}). Counting bytes, not time, makes
 * zero-copy checks exact enough to fail on a copy and deterministic enough to pass on a loaded machine.
 *
 * <p>The method is reached through a method handle, not linked: the kit depends on the API, JUnit and the
 * Java SE packages only (an architecture rule), and on a JVM without it the checks skip with the reason.
 */
final class Heap {
    private static final MethodHandle ALLOCATED = allocatedBytes();

    private Heap() {
    }

    private static MethodHandle allocatedBytes() {
        try {
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            Class<?> hotspot = Class.forName("com.sun.management.ThreadMXBean");
            if (!hotspot.isInstance(bean) || !bean.isThreadCpuTimeSupported()) {
                return null;
            }
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle supported = lookup.findVirtual(hotspot, "isThreadAllocatedMemorySupported",
                    MethodType.methodType(boolean.class));
            if (!(boolean) supported.invoke(bean)) {
                return null;
            }
            MethodHandle enabled = lookup.findVirtual(hotspot, "isThreadAllocatedMemoryEnabled",
                    MethodType.methodType(boolean.class));
            if (!(boolean) enabled.invoke(bean)) {
                lookup.findVirtual(hotspot, "setThreadAllocatedMemoryEnabled",
                        MethodType.methodType(void.class, boolean.class)).invoke(bean, true);
            }
            MethodHandle current = lookup.findVirtual(hotspot, "getCurrentThreadAllocatedBytes",
                    MethodType.methodType(long.class));
            return current.bindTo(bean);
        } catch (Throwable e) {
            return null;
        }
    }

    private static long allocated() {
        try {
            return (long) ALLOCATED.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("reading the thread's allocated bytes failed", e);
        }
    }

    /**
     * Runs {@code action} {@code times} times after as many warm-up runs, and returns the fewest bytes one
     * batch allocated per run, of three batches: the minimum discards one-off costs such as class loading
     * or a JIT deoptimisation that do not belong to the action.
     */
    static long bytesPerRun(int times, Runnable action) {
        assumeTrue(ALLOCATED != null, "this JVM does not count the bytes each thread allocates"
                + " (com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes), which this check measures with");
        for (int i = 0; i < times; i++) {
            action.run();
        }
        long best = Long.MAX_VALUE;
        for (int batch = 0; batch < 3; batch++) {
            long before = allocated();
            for (int i = 0; i < times; i++) {
                action.run();
            }
            long after = allocated();
            best = Math.min(best, (after - before) / times);
        }
        return best;
    }
}
