package dev.ocp.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a run of {@code ocp convert} or {@code ocp check} is, told as it goes and summed up at the end. On a
 * terminal, one line redrawn in place ten times a second: a bar, files, bytes, time. Elsewhere (a CI log, a pipe),
 * a plain line every five seconds, so that logs stay readable. Reports of failed files go through here, so that on a
 * terminal they are never drawn over the bar. Thread-safe: the pool's threads count into it.
 */
final class Progress {
    private static final int BAR = 30;
    private static final long TERMINAL_TICK_MS = 100;
    private static final long PLAIN_TICK_MS = 5_000;

    private final String command;
    private final long total;
    private final PrintStream err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private final AtomicLong files = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread ticker;
    /** The width of the bar's line as last drawn, to clear it; guarded by {@code this}. */
    private int drawn;
    private volatile boolean finished;

    /**
     * @param command  the command, to start each line with
     * @param total    how many files the run has
     * @param err      where progress and the summary go
     * @param terminal whether {@code err} is a terminal that takes a line redrawn in place
     */
    Progress(String command, long total, PrintStream err, boolean terminal) {
        this.command = command;
        this.total = total;
        this.err = err;
        this.terminal = terminal;
        this.ticker = new Thread(this::tick, "ocp-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    /**
     * @param err the stream progress would go to
     * @return whether it is the process's standard error and that is a terminal (not a file or a pipe)
     */
    static boolean onTerminal(PrintStream err) {
        Console console = System.console();
        if (err != System.err || console == null) {
            return false;
        }
        // From JDK 22 on there is a console even when the streams are redirected; isTerminal() tells them apart.
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // before JDK 22 a console exists only on a terminal
        }
    }

    /** One file done, {@code size} bytes read. */
    void done(long size) {
        files.incrementAndGet();
        bytes.addAndGet(size);
    }

    /**
     * One file failed: the report goes to {@code to} at once, in one piece.
     *
     * @param report the line that says which file and why
     * @param size   the bytes read of it
     * @param to     where reports of this command go
     */
    void failed(String report, long size, PrintStream to) {
        failed.incrementAndGet();
        done(size);
        synchronized (this) {
            clear();
            to.println(report);
            to.flush();
            if (terminal && !finished) {
                draw();
            }
        }
    }

    long failed() {
        return failed.get();
    }

    private void tick() {
        long every = terminal ? TERMINAL_TICK_MS : PLAIN_TICK_MS;
        while (!finished) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (finished) {
                    return;
                }
                if (terminal) {
                    draw();
                } else {
                    err.println("ocp " + command + ": " + state());
                }
            }
        }
    }

    /** Stops the progress and takes the bar away, leaving the line for the summary. */
    void finish() {
        finished = true;
        ticker.interrupt();
        synchronized (this) {
            clear();
        }
    }

    /** @return the last line: files, bytes, time, threads and failures */
    String summary(int threads) {
        double seconds = (System.nanoTime() - start) / 1e9;
        long n = files.get();
        return "ocp " + command + ": " + Format.count(n) + (n == 1 ? " file, " : " files, ") + Format.bytes(bytes.get())
                + " in " + Format.decimal(seconds, 2) + " s on " + threads + (threads == 1 ? " thread" : " threads")
                + " (" + Format.count(Math.round(n / Math.max(seconds, 1e-9))) + " files/s): " + Format.count(failed.get())
                + " failed";
    }

    private String state() {
        long n = files.get();
        return Format.count(n) + " of " + Format.count(total) + " files, " + Format.bytes(bytes.get()) + ", "
                + Format.decimal((System.nanoTime() - start) / 1e9, 1) + " s"
                + (failed.get() == 0 ? "" : ", " + Format.count(failed.get()) + " failed");
    }

    /** Draws the bar over the line; with {@code this} held. */
    private void draw() {
        long n = files.get();
        int full = total == 0 ? BAR : (int) (BAR * Math.min(n, total) / total);
        String line = "[" + "#".repeat(full) + ".".repeat(BAR - full) + "] " + state();
        err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        err.flush();
        drawn = line.length();
    }

    /** Takes the bar off its line, if one is drawn; with {@code this} held. */
    private void clear() {
        if (terminal && drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
        }
    }
}
