package dev.ocp.spi;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which stripe of a striped structure ({@link InFlight}, {@link OpenDocuments}, {@link BlockPool}) the calling
 * thread uses: each thread draws a number the first time it asks, in turn, so that threads parsing at once have
 * stripes of their own until there are more of them than stripes.
 *
 * <p>The stripes were picked by the thread's identity hash before. HotSpot seeds those hashes the same way in every
 * run, so whether two parsing threads shared a stripe was fixed by how many threads the JVM had started before
 * them, and when they did, they took turns at one lock and one counter for every document: in four JMH forks of
 * two threads parsing the 100-byte document, {@code ffm} read 3.1, 1.4, 3.4 and 1.6 million documents a second
 * and {@code java} 3.0, 3.3, 3.5 and 1.6; drawn numbers read 2.7 to 3.2 million in every fork of both. Thread ids
 * would not do either: the JVM starts threads of its own (compiler threads, on demand) between a pool's workers.
 * The price is a thread-local read per call, about a nanosecond and a half.
 */
final class ThreadStripes {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final ThreadLocal<Integer> NUMBER = ThreadLocal.withInitial(
            () -> NEXT.getAndIncrement() & Integer.MAX_VALUE);

    private ThreadStripes() {
    }

    /**
     * Stripes for a structure every parsing thread writes: twice the processors rounded up to a power of two, and at
     * least 16, for servers whose parsing threads outnumber their processors ({@link BlockPool#forParsingThreads}).
     */
    static int count() {
        int processors = Math.max(1, Runtime.getRuntime().availableProcessors());
        return Math.max(16, Integer.highestOneBit(processors * 2 - 1) * 2);
    }

    /**
     * The length of an array that gives each of {@code stripes} stripes {@code spacing} elements, with one stripe's
     * worth left unused before the first and after the last. Every access to an element reads the array's length for
     * its bounds check: a stripe on the header's cache line would be written by one thread and read by every other on
     * every access (two threads on the {@code java} engine, 100-byte documents, with one thread's stripe there: each
     * kept half of one thread's throughput), and the last stripe could share a line with the next object on the heap.
     *
     * @param stripes how many stripes
     * @param spacing elements per stripe
     * @return the array's length
     */
    static int paddedLength(int stripes, int spacing) {
        return Math.multiplyExact(stripes + 2, spacing);
    }

    /**
     * Where a stripe starts in an array of {@link #paddedLength}.
     *
     * @param stripe  which, from 0
     * @param spacing elements per stripe
     * @return the index of its first element
     */
    static int start(int stripe, int spacing) {
        return (stripe + 1) * spacing;
    }

    /** The calling thread's number for picking a stripe: never negative; threads draw consecutive numbers. */
    static int current() {
        return NUMBER.get();
    }
}
