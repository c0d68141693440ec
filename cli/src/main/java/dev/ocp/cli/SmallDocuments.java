package dev.ocp.cli;

import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The second half of {@code ocp compare}: what a small document costs, at 1, 2 and 8 threads parsing with one
 * engine. Most documents people parse are small (a comment, an issue body, a README section), and there the
 * fixed cost of a call (crossing into the engine, the payload's allocation and free, the bookkeeping of
 * ownership) is most of the time; threads show whether that cost is shared state they contend for.
 */
final class SmallDocuments {
    /** A small document is at most this many bytes. */
    static final int MAX_BYTES = 100;
    static final int[] THREADS = {1, 2, 8};

    private SmallDocuments() {
    }

    /** One engine's figures: nanoseconds of one thread per document, per thread count of {@link #THREADS}. */
    record Row(ProviderInfo engine, double[] nanosPerDocument) {
    }

    /**
     * The small documents of the inputs: each input of at most {@value #MAX_BYTES} bytes, and the start of each
     * longer one, cut after its last line ending within the first {@value #MAX_BYTES} bytes (or at a character
     * boundary when it has none there); only those the reference engine parses (an MDX page cut short may be
     * a syntax error).
     */
    static List<byte[]> of(List<Inputs.Input> inputs, OcpEngine reference, ParseOptions options) {
        List<byte[]> small = new ArrayList<>();
        for (Inputs.Input input : inputs) {
            byte[] start = start(input.bytes());
            try {
                reference.parse(start, options).close();
                small.add(start);
            } catch (OcpException e) {
                if (e.code() != OcpException.Code.SYNTAX) {
                    throw e;
                }
            }
        }
        return small;
    }

    static byte[] start(byte[] document) {
        if (document.length <= MAX_BYTES) {
            return document;
        }
        int end = MAX_BYTES;
        while (end > 0 && document[end - 1] != '\n') {
            end--;
        }
        if (end == 0) {
            end = MAX_BYTES;
            while (end > 0 && (document[end] & 0xC0) == 0x80) {
                end--; // not inside a UTF-8 sequence
            }
        }
        return java.util.Arrays.copyOf(document, end);
    }

    /**
     * Measures one engine: each thread count for {@code seconds}, the threads parsing and closing the documents
     * round after round with the same engine; one thread warms up first.
     */
    static Row measure(ProviderInfo provider, List<byte[]> documents, ParseOptions options, double seconds) {
        double[] perDocument = new double[THREADS.length];
        try (OcpEngine engine = Catalog.open(provider)) {
            run(engine, documents, options, 1, seconds);
            for (int i = 0; i < THREADS.length; i++) {
                perDocument[i] = run(engine, documents, options, THREADS[i], seconds);
            }
        }
        return new Row(provider, perDocument);
    }

    /** Runs threads for about seconds; returns the nanoseconds of one thread per document. */
    private static double run(OcpEngine engine, List<byte[]> documents, ParseOptions options, int threads,
                              double seconds) {
        long nanos = (long) (seconds * 1e9);
        AtomicLong parses = new AtomicLong();
        AtomicLong busyNanos = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> running = new ArrayList<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long n = 0;
                long t0 = System.nanoTime();
                long deadline = t0 + nanos;
                long now;
                int next = offset % documents.size();
                do {
                    for (int k = 0; k < 64; k++) {
                        engine.parse(documents.get(next), options).close();
                        next = next + 1 == documents.size() ? 0 : next + 1;
                    }
                    n += 64;
                    now = System.nanoTime();
                } while (now < deadline);
                parses.addAndGet(n);
                busyNanos.addAndGet(now - t0);
            }, "ocp-compare-small-" + t);
            thread.setUncaughtExceptionHandler((th, e) -> failure.compareAndSet(null,
                    e instanceof RuntimeException r ? r : new IllegalStateException(e)));
            running.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : running) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring small documents", e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return (double) busyNanos.get() / parses.get();
    }

    static void print(List<Row> rows, int documents, double seconds, ProviderInfo chosen, PrintStream out) {
        out.println("small documents: " + documents + " of at most " + MAX_BYTES + " bytes (the inputs' first lines),"
                + " parsed and closed by 1, 2 and 8 threads\nsharing one engine, " + Format.decimal(seconds, 2)
                + " s each, on " + Runtime.getRuntime().availableProcessors() + " processors; time per document of"
                + " one thread (and its throughput against one thread's):");
        out.println();
        List<String> header = new ArrayList<>(List.of("engine"));
        for (int t : THREADS) {
            header.add(">" + t + (t == 1 ? " thread" : " threads"));
        }
        Table table = new Table(header.toArray(String[]::new));
        for (Row row : rows) {
            List<String> cells = new ArrayList<>(List.of(row.engine().name() + (row.engine() == chosen ? " *" : "")));
            double one = row.nanosPerDocument()[0];
            for (int i = 0; i < THREADS.length; i++) {
                double ns = row.nanosPerDocument()[i];
                cells.add(Format.nanos(ns) + (i == 0 ? "" : " (" + Format.decimal(one / ns, 2) + "x)"));
            }
            table.row(cells.toArray(String[]::new));
        }
        table.print(out, "  ");
        out.println();
        out.println("  More threads than processors share them: on P processors, T threads can at best keep P/T of");
        out.println("  one thread's throughput each.");
    }
}
