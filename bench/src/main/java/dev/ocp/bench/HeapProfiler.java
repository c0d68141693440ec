package dev.ocp.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.util.Collection;
import java.util.List;

/**
 * Java-heap bytes allocated per operation inside the measured loop ({@code -prof dev.ocp.bench.HeapProfiler},
 * reported as {@code heap.loop.norm} in B/op), from what {@link LoopAllocation} counted on the benchmark's
 * threads.
 *
 * <p>Why not only JMH's gc profiler ({@code gc.alloc.rate.norm})? It counts every thread of the fork, JMH's own
 * included: the thread that streams each iteration's results to the host, and the worker's bookkeeping between
 * iterations, allocate some kilobytes to tens of kilobytes per iteration. Divided by thousands of small parses
 * that is nothing; divided by the five or so parses of an 11 MB document an iteration holds, it is several
 * kilobytes per parse, and the 1 KB target of the off-heap engines would be decided by noise. This figure counts
 * the benchmark's operations alone. An engine that handed work to threads of its own would escape it; the gc
 * profiler's figure stays in the results beside it for that reason.
 */
public final class HeapProfiler implements InternalProfiler {

    /** Created by JMH. */
    public HeapProfiler() {
    }

    @Override
    public String getDescription() {
        return "Java-heap bytes allocated per operation inside the measured loop (benchmark threads only)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        LoopAllocation.BYTES.set(0);
        LoopAllocation.OPS.set(0);
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long ops = LoopAllocation.OPS.get();
        if (ops <= 0) {
            // A benchmark that does not count its operations: no figure rather than a wrong one.
            return List.of();
        }
        return List.of(new ScalarResult("heap.loop.norm", (double) LoopAllocation.BYTES.get() / ops, "B/op",
                AggregationPolicy.AVG));
    }
}
