package dev.ocp.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

/**
 * CPU time of the whole benchmark JVM per operation ({@code -prof dev.ocp.bench.CpuProfiler}), reported as
 * {@code cpu.time.norm} in ms/op. Unlike throughput it barely moves when other processes compete for the
 * cores: on a shared machine one benchmark of a run may get the CPU to itself and the next one half of it, so
 * a throughput ratio mixes both parsers' speed with the luck of the moment. Every thread counts, garbage
 * collector threads included, so a parser that allocates much pays for its collections here as it would on
 * a machine of its own.
 */
public final class CpuProfiler implements InternalProfiler {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long before;

    /** Created by JMH. */
    public CpuProfiler() {
    }

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM (all threads, GC included) per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = OS.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long used = OS.getProcessCpuTime() - before;
        long ops = result.getMetadata().getAllOps();
        if (before < 0 || used < 0 || ops <= 0) {
            return List.of();
        }
        return List.of(new ScalarResult("cpu.time.norm", used / 1e6 / ops, "ms/op", AggregationPolicy.AVG));
    }
}
