package dev.ocp.cli;

import dev.ocp.tck.MarkdownGenerator;

import java.util.Locale;

/** Numbers and strings for people to read. ASCII only, so output survives any terminal encoding. */
final class Format {
    private Format() {
    }

    /** @return a byte count with a binary unit: {@code 999 B}, {@code 12.3 KiB}, {@code 4.5 MiB} */
    static String bytes(double bytes) {
        if (bytes < 10 * 1024) {
            return String.format(Locale.ROOT, "%,d B", Math.round(bytes));
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
        }
        if (bytes < 1024.0 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    /** @return a duration in the unit that keeps three or so significant digits */
    static String nanos(double nanos) {
        if (nanos < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String decimal(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }

    /** @return {@code s} as a quoted one-line literal: newlines, tabs and other controls escaped */
    static String quoted(String s) {
        return MarkdownGenerator.javaLiteral(s);
    }
}
