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
        // live >= ceil(f * limit) for f = 9/10, 3/4, 1/2, written as limit - floor((1 - f) * limit): exact for
        // every byte count and free of the overflow that multiplying near Long.MAX_VALUE would cause.
        if (liveBytes >= limitBytes - limitBytes / 10) {
            return CRITICAL;
        }
        if (liveBytes >= limitBytes - limitBytes / 4) {
            return HIGH;
        }
        if (liveBytes >= limitBytes - limitBytes / 2) {
            return MEDIUM;
        }
        return LOW;
    }
}
