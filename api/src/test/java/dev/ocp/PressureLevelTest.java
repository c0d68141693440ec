package dev.ocp;

import org.junit.jupiter.api.Test;

import static dev.ocp.PressureLevel.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PressureLevelTest {

    @Test
    void thresholdsAreHalfThreeQuartersAndNineTenths() {
        assertEquals(LOW, PressureLevel.of(0, 100));
        assertEquals(LOW, PressureLevel.of(49, 100));
        assertEquals(MEDIUM, PressureLevel.of(50, 100));
        assertEquals(MEDIUM, PressureLevel.of(74, 100));
        assertEquals(HIGH, PressureLevel.of(75, 100));
        assertEquals(HIGH, PressureLevel.of(89, 100));
        assertEquals(CRITICAL, PressureLevel.of(90, 100));
        assertEquals(CRITICAL, PressureLevel.of(100, 100));
        assertEquals(CRITICAL, PressureLevel.of(250, 100));
    }

    @Test
    void thresholdsAreExactForLimitsThatDoNotDivideEvenly() {
        // limit 1 GiB + 1: 50% is 536870912.5 bytes, so 536870912 is still LOW and 536870913 MEDIUM
        long limit = (1L << 30) + 1;
        assertEquals(LOW, PressureLevel.of(536_870_912, limit));
        assertEquals(MEDIUM, PressureLevel.of(536_870_913, limit));
        // 75% is 805306368.75, 90% is 966367642.5
        assertEquals(MEDIUM, PressureLevel.of(805_306_368, limit));
        assertEquals(HIGH, PressureLevel.of(805_306_369, limit));
        assertEquals(HIGH, PressureLevel.of(966_367_642, limit));
        assertEquals(CRITICAL, PressureLevel.of(966_367_643, limit));
        assertEquals(LOW, PressureLevel.of(1, 3));
        assertEquals(MEDIUM, PressureLevel.of(2, 3));
        assertEquals(CRITICAL, PressureLevel.of(3, 3));
    }

    @Test
    void noLimitMeansLow() {
        assertEquals(LOW, PressureLevel.of(1L << 40, 0));
        assertEquals(LOW, PressureLevel.of(1L << 40, -1));
    }

    @Test
    void levelsAreOrdered() {
        assertEquals(0, LOW.compareTo(LOW));
        assertEquals(-1, Integer.signum(LOW.compareTo(MEDIUM)));
        assertEquals(-1, Integer.signum(MEDIUM.compareTo(HIGH)));
        assertEquals(-1, Integer.signum(HIGH.compareTo(CRITICAL)));
    }

    @Test
    void memoryStatsReportsTheLevelOfItsCounters() {
        assertEquals(HIGH, new MemoryStats(1, 80, 90, 1, 0, 100, 0).pressure());
        assertEquals(LOW, new MemoryStats(1, 80, 90, 1, 0, 0, 0).pressure());
    }

    @Test
    void hugeLimitsDoNotOverflow() {
        long limit = Long.MAX_VALUE;
        assertEquals(LOW, PressureLevel.of(limit / 2 - 1, limit));
        assertEquals(MEDIUM, PressureLevel.of(limit / 2 + 1, limit));
        assertEquals(HIGH, PressureLevel.of(limit - limit / 4, limit));
        assertEquals(CRITICAL, PressureLevel.of(limit - limit / 10, limit));
        assertEquals(CRITICAL, PressureLevel.of(limit, limit));
    }
}
