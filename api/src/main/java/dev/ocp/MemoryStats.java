package dev.ocp;

/**
 * A snapshot of an engine's memory, counted where the memory lives: the C allocator for the native and
 * wasm engines, the buffer pool for the pure-Java engine. Byte counts are payload and working memory
 * held by the engine, not Java objects that wrap it.
 *
 * <p>Parses on different threads write no counter in common: the C allocator and the Java engine's pool count each
 * thread's memory apart and sum it when asked, so the figures are exact whenever no parse or free is running at the
 * same time, and a snapshot taken during one may be a moment behind. The memory limit is exact at all times: each
 * thread takes the bytes it allocates from credit it reserved against the limit beforehand (64 KiB at a time, or the
 * limit's 64th part when that is less), and before a parse is refused every thread's unused credit is given back.
 *
 * @param liveDocuments   documents parsed and not yet freed (closed, reset or collected)
 * @param liveBytes       bytes allocated and not yet freed
 * @param peakBytes       the highest memory held since the engine was created: the highest bytes reserved, live
 *                        bytes and the credit threads held, at most 256 KiB (four chunks) per parsing thread above
 *                        the highest {@code liveBytes}; never above the limit. On {@code wasm}, whose instances
 *                        (one per parsing thread) each count their own exact peak: their sum, at most the limit,
 *                        and exact when one thread parses
 * @param allocations     allocations made since the engine was created
 * @param frees           frees made since the engine was created
 * @param limitBytes      the memory limit, or {@code 0} for none
 * @param leakedDocuments documents freed by the safety net because they were dropped without {@code close()}
 */
public record MemoryStats(long liveDocuments, long liveBytes, long peakBytes, long allocations, long frees,
                          long limitBytes, long leakedDocuments) {

    /**
     * How close the engine is to its memory limit, by {@link PressureLevel#of(long, long)}.
     *
     * @return the pressure level of {@link #liveBytes()} against {@link #limitBytes()}
     */
    public PressureLevel pressure() {
        return PressureLevel.of(liveBytes, limitBytes);
    }
}
