package dev.ocp.cli;

import dev.ocp.OcpException;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code ocp} command: parse Markdown with any installed engine, render it, check engines against each
 * other and measure them. Exit status 0 when all is well, 1 when failures were found, 2 for bad usage or
 * input; every failure comes with a message saying what to do.
 */
public final class Main {

    /** {@code ocp --help}: every command and option ({@link Commands}). */
    static final String USAGE = Commands.GLOBAL;

    private Main() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err, Catalog.installed());
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line against the given streams and engines; never exits the JVM. */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Catalog catalog) {
        Session session = new Session(in, out, err, catalog);
        try {
            return dispatch(Arrays.asList(args), session);
        } catch (UsageException e) {
            err.println("ocp: " + e.getMessage());
            return 2;
        } catch (OcpException e) {
            err.println("ocp: " + e.getMessage());
            return exitStatus(e.code());
        } catch (UncheckedIOException e) {
            err.println("ocp: " + e.getCause().getMessage());
            return 2;
        } catch (RuntimeException | Error e) {
            // A bug in ocp or an engine: show everything, the trace is what a report needs.
            err.println("ocp: internal error: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int dispatch(List<String> args, Session session) {
        if (args.isEmpty()) {
            session.err().print(USAGE);
            return 2;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        if (command.equals("-h") || command.equals("--help") || command.equals("help")) {
            session.out().print(USAGE);
            return 0;
        }
        Commands.Command found = Commands.named(command);
        if (found == null) {
            throw new UsageException("unknown command '" + command + "'; commands: "
                    + String.join(", ", Commands.names()) + " (see 'ocp --help')");
        }
        try {
            return found.run(rest, session);
        } catch (CommandLineArgs.HelpRequested help) {
            session.out().print(Commands.help(command));
            return 0;
        }
    }

    /** Input the engine refuses is the user's to fix (2); anything else is a failure (1). */
    static int exitStatus(OcpException.Code code) {
        switch (code) {
            case INVALID_INPUT:
            case LIMIT_EXCEEDED:
            case ENGINE_UNAVAILABLE:
            case UNSUPPORTED:
            case CORRUPT_PAYLOAD:
                return 2;
            default:
                return 1;
        }
    }
}
