package dev.ocp.cli;

import dev.ocp.Capability;
import dev.ocp.Ocp;
import dev.ocp.ProviderInfo;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** {@code ocp engines}: what discovery found, and which engine {@code Ocp.engine()} would pick. */
final class EnginesCommand {
    private EnginesCommand() {
    }

    static int run(CommandLineArgs args, Session session) {
        args.atMostOperands(0, "arguments");
        PrintStream out = session.out();
        List<ProviderInfo> all = session.catalog().all();
        if (all.isEmpty()) {
            session.err().println("ocp: no OCP engine found on the class path; this ocp jar was built without "
                    + "engines (add one as a dependency of the cli module)");
            return 1;
        }
        ProviderInfo chosen = session.catalog().defaultProvider();
        Table table = new Table("engine", ">priority", "syntax", "capabilities", "status");
        for (ProviderInfo p : all) {
            String caps = p.capabilities().isEmpty() ? "-"
                    : p.capabilities().stream().sorted().map(Capability::name).collect(Collectors.joining(","));
            table.row(p.name() + (p == chosen ? " *" : ""),
                    p.provider() == null ? "-" : Integer.toString(p.priority()),
                    p.provider() == null ? "-" : syntax(p.syntax()),
                    caps,
                    p.available() ? "available" : "unavailable: " + p.reason());
        }
        out.println("OCP engines found on the class path, best first:");
        out.println();
        table.print(out, "  ");
        out.println();
        String named = Catalog.namedByProperty();
        if (chosen != null) {
            out.println("* default: '" + chosen.name() + "', what Ocp.engine() picks"
                    + (named != null ? " because -D" + Ocp.ENGINE_PROPERTY + "=" + named + " names it"
                    : ": the available engine with the highest priority\n  (" + why(chosen.name()) + "; -D"
                    + Ocp.ENGINE_PROPERTY + "=NAME chooses another)"));
            return 0;
        }
        if (named != null) {
            out.println("no default: -D" + Ocp.ENGINE_PROPERTY + "=" + named + " names "
                    + (all.stream().anyMatch(p -> p.name().equals(named)) ? "an engine that cannot run here"
                    : "an engine that is not installed") + ", so Ocp.engine() fails; name one marked available");
        } else {
            out.println("no default: none of these engines can run here, so Ocp.engine() fails");
        }
        return 1;
    }

    /** @return the dialects, then {@code +} and the extensions: {@code commonmark,mdx+gfm,frontmatter,math} */
    static String syntax(dev.ocp.Syntax syntax) {
        String dialects = syntax.dialects().stream().sorted().map(d -> d.name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(","));
        return syntax.extensions().isEmpty() ? dialects : dialects + "+" + syntax.extensions().stream().sorted()
                .map(dev.ocp.Extension::id).collect(Collectors.joining(","));
    }

    /**
     * Why the default is the right engine here, in a line, and where it is not: the priorities rank the engines by
     * bench/'s measurements, and the one size where another engine leads is said.
     */
    static String why(String chosen) {
        return switch (chosen) {
            case "auto" -> "no one engine is the fastest at every size: auto parses documents under half a "
                    + "kilobyte with java\n  and the others with ffm (under a kilobyte, and jna, before JDK 22), each "
                    + "where it measured fastest";
            case "ffm" -> "priorities follow bench/'s speed: ffm leads from 1 KB up; on documents of 100 bytes and "
                    + "less java has measured up to 25% faster";
            case "jna" -> "ffm cannot run here; of the others jna leads from about 1 KB up, but on documents of 100 "
                    + "bytes and less java has measured 1.6x as fast: name java if yours are that small";
            default -> "priorities follow bench/'s speed";
        };
    }
}
