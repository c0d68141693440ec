package dev.ocp;

/**
 * How close an engine is to its memory limit: {@code LOW < 50% <= MEDIUM < 75% <= HIGH < 90% <= CRITICAL}.
 * An engine without a limit is always {@code LOW}.
 */
public enum PressureLevel {
    /** Below half of the limit. */
    LOW,
    /** At least 50% and below 75% of the limit. */
    MEDIUM,
    /** At least 75% and below 90% of the limit. */
    HIGH,
    /** At least 90% of the limit. */
    CRITICAL;

    /**
     * Classifies a memory use against a limit, in exact integer arithmetic.
     *
     * @param liveBytes  bytes in use
     * @param limitBytes the limit, or {@code 0} or less for none
     * @return the level for that use
     */
    public static PressureLevel of(long liveBytes, long limitBytes) {
        if (limitBytes <= 0) {
            return LOW;
        }
        // Integer arithmetic on purpose: the thresholds are exact for every byte count.
        if (liveBytes * 10 >= limitBytes * 9) {
            return CRITICAL;
        }
        if (liveBytes * 4 >= limitBytes * 3) {
            return HIGH;
        }
        if (liveBytes * 2 >= limitBytes) {
            return MEDIUM;
        }
        return LOW;
    }
}
