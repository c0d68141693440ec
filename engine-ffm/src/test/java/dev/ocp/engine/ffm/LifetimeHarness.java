package dev.ocp.engine.ffm;

import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.spi.EngineBackend;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures what each {@link Lifetime} costs, for docs/ffm-lifetimes.md. Not a test (no assertions on time);
 * run by hand on an idle machine:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp CLASSPATH dev.ocp.engine.ffm.LifetimeHarness [corpus.md] [busy]
 * </pre>
 *
 * For each strategy and input it reports the median of five rounds, in nanoseconds per operation, of: a parse
 * and its close (the round trip), and a close alone (documents parsed first, then closed in a timed loop).
 * With {@code busy}, one more platform thread runs Java code throughout, since a shared arena's close
 * handshakes with every running thread.
 */
public final class LifetimeHarness {
    private static volatile long sink;

    private LifetimeHarness() {
    }

    /**
     * Runs the measurements and prints one table.
     *
     * @param args an optional Markdown file for the large input ({@code -}: 1 MiB of generated text), then
     *             optionally {@code busy}
     * @throws Exception if the file cannot be read
     */
    public static void main(String[] args) throws Exception {
        byte[] small = ("# Title\n\nSome *emphasis*, `code` and a [link](http://x.y \"t\").\n\n- one\n- two\n\n> quote\n"
                + "with a second line\n\n```java\nint x = 1;\n```\n").repeat(4).getBytes(StandardCharsets.UTF_8);
        byte[] large = args.length > 0 && !args[0].equals("-") ? Files.readAllBytes(Path.of(args[0]))
                : new String(small, StandardCharsets.UTF_8).repeat((1 << 20) / small.length).getBytes(StandardCharsets.UTF_8);
        boolean busy = args.length > 1 && args[1].equals("busy");
        Thread spinner = null;
        if (busy) {
            spinner = new Thread(() -> {
                long x = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    x += System.nanoTime() & 7;
                }
                sink = x;
            });
            spinner.setDaemon(true);
            spinner.start();
        }
        System.out.printf(Locale.ROOT, "JDK %s, %d processors, busy thread: %s; small %d bytes, large %d bytes%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), busy, small.length, large.length);
        System.out.printf(Locale.ROOT, "%-14s %14s %14s %14s %14s%n", "lifetime", "small parse+close", "small close",
                "large parse+close", "large close");
        List<Lifetime> lifetimes = new ArrayList<>(List.of(Lifetime.MANUAL, Lifetime.SHARED));
        lifetimes.addAll(List.of(AlternativeLifetime.values()));
        for (Lifetime lifetime : lifetimes) {
            FfmBackend backend = new FfmBackend(1L << 30, lifetime);
            try {
                String smallTrip = roundTrip(backend, small, 20_000);
                String smallClose = closeOnly(backend, small, 5_000);
                String largeTrip = roundTrip(backend, large, 40);
                String largeClose = closeOnly(backend, large, 40);
                System.out.printf(Locale.ROOT, "%-14s %14s %14s %14s %14s%n",
                        lifetime == Lifetime.SHARED ? "SHARED" : lifetime == Lifetime.MANUAL ? "MANUAL" : lifetime, smallTrip, smallClose,
                        largeTrip, largeClose);
            } finally {
                System.gc();
                Thread.sleep(200);
                if (lifetime != AlternativeLifetime.AUTO) {
                    backend.close();
                }
            }
        }
        if (spinner != null) {
            spinner.interrupt();
        }
    }

    private static String roundTrip(FfmBackend backend, byte[] input, int n) {
        ByteBuffer in = ByteBuffer.wrap(input);
        long[] rounds = new long[5];
        try {
            for (int r = -2; r < rounds.length; r++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    EngineBackend.Payload p = backend.parse(in, ParseOptions.defaults());
                    sink += p.view().get(0);
                    p.release();
                }
                if (r >= 0) {
                    rounds[r] = (System.nanoTime() - t0) / n;
                }
            }
        } catch (OcpException e) {
            return "fails: " + e.code();
        }
        return median(rounds);
    }

    private static String closeOnly(FfmBackend backend, byte[] input, int n) {
        ByteBuffer in = ByteBuffer.wrap(input);
        long[] rounds = new long[5];
        EngineBackend.Payload[] open = new EngineBackend.Payload[n];
        try {
            for (int r = -2; r < rounds.length; r++) {
                for (int i = 0; i < n; i++) {
                    open[i] = backend.parse(in, ParseOptions.defaults());
                }
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    open[i].release();
                }
                if (r >= 0) {
                    rounds[r] = (System.nanoTime() - t0) / n;
                }
                Arrays.fill(open, null);
            }
        } catch (OcpException e) {
            return "fails: " + e.code();
        }
        return median(rounds);
    }

    private static String median(long[] rounds) {
        long[] sorted = rounds.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%,d", sorted[sorted.length / 2]);
    }
}
