package dev.ocp;


import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings every engine honours. Immutable; start from {@link #defaults()}.
 *
 * @param memoryLimitBytes the most bytes the engine may hold at once (payloads and working memory); a parse
 *                         that would cross it fails with {@code OUT_OF_MEMORY}. Default
 *                         {@value #DEFAULT_MEMORY_LIMIT} (1 GiB).
 * @param leakDetection    what the safety net records about dropped documents
 * @param listeners        who hears of leaks and pressure changes
 */
public record EngineConfig(long memoryLimitBytes, LeakDetection leakDetection, List<OcpListener> listeners) {

    /** Default memory limit: 1 GiB. */
    public static final long DEFAULT_MEMORY_LIMIT = 1L << 30;

    /**
     * Checks the values and copies the listener list.
     *
     * @throws IllegalArgumentException if the limit is not positive
     */
    public EngineConfig {
        if (memoryLimitBytes <= 0) {
            throw new IllegalArgumentException("memoryLimitBytes must be positive, not " + memoryLimitBytes);
        }
        Objects.requireNonNull(leakDetection, "leakDetection");
        listeners = List.copyOf(listeners);
    }

    /**
     * The default configuration.
     *
     * @return 1 GiB, leak detection from {@code -Docp.leakDetection} (default count), no listeners
     */
    public static EngineConfig defaults() {
        return new EngineConfig(DEFAULT_MEMORY_LIMIT, LeakDetection.fromSystemProperty(), List.of());
    }

    /**
     * Returns this configuration with another memory limit.
     *
     * @param bytes the new memory limit
     * @return a copy with it
     */
    public EngineConfig withMemoryLimit(long bytes) {
        return new EngineConfig(bytes, leakDetection, listeners);
    }

    /**
     * Returns this configuration with another leak-detection level.
     *
     * @param level the new leak-detection level
     * @return a copy with it
     */
    public EngineConfig withLeakDetection(LeakDetection level) {
        return new EngineConfig(memoryLimitBytes, level, listeners);
    }

    /**
     * Returns this configuration with one more listener.
     *
     * @param listener one more listener
     * @return a copy with it added
     */
    public EngineConfig withListener(OcpListener listener) {
        List<OcpListener> all = new ArrayList<>(listeners);
        all.add(Objects.requireNonNull(listener, "listener"));
        return new EngineConfig(memoryLimitBytes, leakDetection, all);
    }
}
