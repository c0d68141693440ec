package dev.ocp.tck;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Java-heap bytes allocated by the current thread, as HotSpot counts them
 * ({@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}): the one heap-allocation counter of
 * the project, used by the kit's zero-copy checks, the engines' own tests and {@code ocp compare}. Counting
 * bytes, not time, makes zero-copy checks exact enough to fail on a copy and deterministic enough to pass on a
 * loaded machine.
 *
 * <p>The method is reached through a method handle, not linked: the kit depends on the API, JUnit and the
 * Java SE packages only (an architecture rule), and on a JVM without it the checks skip with the reason.
 */
public final class HeapAllocation {
    private static final MethodHandle ALLOCATED = allocatedBytes();

    private HeapAllocation() {
    }

    /**
     * Whether this JVM counts the bytes each thread allocates.
     *
     * @return {@code true} when {@link #currentThread()} can be read
     */
    public static boolean supported() {
        return ALLOCATED != null;
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

    /**
     * The bytes the current thread has allocated on the heap so far; only differences mean anything.
     *
     * @return the running count
     * @throws IllegalStateException if the JVM does not count them ({@link #supported()} is false)
     */
    public static long currentThread() {
        if (ALLOCATED == null) {
            throw new IllegalStateException("this JVM does not count the bytes each thread allocates");
        }
        try {
            return (long) ALLOCATED.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("reading the thread's allocated bytes failed", e);
        }
    }

    /**
     * Runs {@code action} {@code times} times after as many warm-up runs, and returns the fewest bytes one
     * batch allocated per run, of three batches: the minimum discards one-off costs such as class loading
     * or a JIT deoptimisation that do not belong to the action. In a JUnit test on a JVM that does not count,
     * the test is skipped with the reason (an assumption).
     *
     * @param times  runs per batch (and warm-up runs)
     * @param action what to measure, on the current thread
     * @return the fewest heap bytes per run
     */
    public static long bytesPerRun(int times, Runnable action) {
        assumeTrue(ALLOCATED != null, "this JVM does not count the bytes each thread allocates"
                + " (com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes), which this check measures with");
        for (int i = 0; i < times; i++) {
            action.run();
        }
        long best = Long.MAX_VALUE;
        for (int batch = 0; batch < 3; batch++) {
            long before = currentThread();
            for (int i = 0; i < times; i++) {
                action.run();
            }
            long after = currentThread();
            best = Math.min(best, (after - before) / times);
        }
        return best;
    }
}
