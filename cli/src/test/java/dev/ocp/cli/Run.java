package dev.ocp.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One in-process run of {@link Main} with captured streams.
 *
 * @param status   the exit status
 * @param out      what went to standard output
 * @param err      what went to standard error
 * @param outBytes standard output as bytes
 */
record Run(int status, String out, String err, byte[] outBytes) {

    static Run of(Catalog catalog, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            status = Main.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, catalog);
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                out.toByteArray());
    }

    /** Runs against the engines really installed (discovery), with empty standard input. */
    static Run installed(String... args) {
        return of(Catalog.installed(), "", args);
    }

    static Run with(List<dev.ocp.ProviderInfo> providers, String... args) {
        return of(Catalog.of(providers), "", args);
    }

    /** @return the last line of standard output */
    String lastLine() {
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
}
