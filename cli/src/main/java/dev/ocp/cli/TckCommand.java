package dev.ocp.cli;

import dev.ocp.ProviderInfo;
import dev.ocp.tck.TckRunner;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code ocp tck}: the compatibility kit against installed engines, through the TCK's own runner, which
 * prints every failed and skipped check with its reason and counts them.
 */
final class TckCommand {
    static final Map<String, String> OPTIONS = Options.of("--engine", "E|all");

    private TckCommand() {
    }

    static int run(CommandLineArgs args, Session session) {
        args.atMostOperands(0, "arguments");
        List<ProviderInfo> engines = session.catalog().resolveMany(args.value("--engine"));
        PrintStream out = session.out();
        long passed = 0;
        long failed = 0;
        long skipped = 0;
        for (ProviderInfo engine : engines) {
            if (engines.size() > 1) {
                out.println("== TCK for engine '" + engine.name() + "'");
            }
            TckRunner.Result result = TckRunner.run(engine.name(), out);
            passed += result.passed();
            failed += result.failed();
            skipped += result.skipped();
        }
        if (engines.size() > 1) {
            out.println("== all engines (" + engines.size() + ")");
        }
        if (skipped > 0) {
            out.println(skipped + " skipped, each listed above with its cause (a capability the engine does not"
                    + " declare, a known exception, a missing reference engine or a JDK limit), not counted below");
        }
        out.println(passed + " passed, " + failed + " failed");
        TckRunner.Result total = new TckRunner.Result(passed, failed, skipped);
        if (!total.ok() && failed == 0) {
            session.err().println("ocp tck: no check passed, so nothing was shown to work");
        }
        return status(total);
    }

    /** The exit status of a run: 1 when any check failed or none passed, whatever passed or was skipped besides. */
    static int status(TckRunner.Result total) {
        return total.ok() ? 0 : 1;
    }
}
