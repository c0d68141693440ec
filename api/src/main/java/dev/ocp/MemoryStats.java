package dev.ocp;

/**
 * A snapshot of an engine's memory, counted where the memory lives: the C allocator for the native and
 * wasm engines, the buffer pool for the pure-Java engine. Byte counts are payload and working memory
 * held by the engine, not Java objects that wrap it.
 *
 * @param liveDocuments   documents parsed and not yet freed (closed, reset or collected)
 * @param liveBytes       bytes allocated and not yet freed
 * @param peakBytes       the highest {@code liveBytes} seen since the engine was created
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
