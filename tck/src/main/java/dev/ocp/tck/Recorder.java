package dev.ocp.tck;

import dev.ocp.LeakReport;
import dev.ocp.MemoryStats;
import dev.ocp.OcpListener;
import dev.ocp.PressureLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The kit's listener on every engine it creates: remembers what the engine told it, in order. */
final class Recorder implements OcpListener {
    /** One pressure change as heard. */
    record Pressure(PressureLevel from, PressureLevel to, MemoryStats stats) {
    }

    private final Queue<LeakReport> leaks = new ConcurrentLinkedQueue<>();
    private final Queue<Pressure> pressure = new ConcurrentLinkedQueue<>();

    @Override
    public void documentLeaked(LeakReport report) {
        leaks.add(report);
    }

    @Override
    public void pressureChanged(PressureLevel from, PressureLevel to, MemoryStats stats) {
        pressure.add(new Pressure(from, to, stats));
    }

    /** @return a snapshot of the leak reports heard so far */
    List<LeakReport> leaks() {
        return new ArrayList<>(leaks);
    }

    /** @return a snapshot of the pressure changes heard so far */
    List<Pressure> pressure() {
        return new ArrayList<>(pressure);
    }
}
