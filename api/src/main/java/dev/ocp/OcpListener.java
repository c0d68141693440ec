package dev.ocp;

/**
 * Hears of leaks and memory-pressure changes of one engine. Methods are called on whichever thread
 * noticed the event (the cleaner thread for leaks, a parsing or closing thread for pressure), must be
 * quick, and must not call back into the engine. Exceptions thrown by a listener are ignored.
 */
public interface OcpListener {
    /**
     * A document was freed by the safety net or by engine close, not by its owner.
     *
     * @param report what leaked and, with {@link LeakDetection#TRACK}, where it was created
     */
    default void documentLeaked(LeakReport report) {
    }

    /**
     * The engine's pressure level changed.
     *
     * @param from  the previous level
     * @param to    the new level
     * @param stats the stats that caused the change
     */
    default void pressureChanged(PressureLevel from, PressureLevel to, MemoryStats stats) {
    }
}
