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

    static final String USAGE = String.join("\n",
            "usage: ocp COMMAND [OPTIONS] [ARGUMENTS]",
            "",
            "Parse Markdown and MDX into OCP, a compact binary syntax tree, with any installed engine.",
            "",
            "commands:",
            "  compare [--dialect D] [--with X,Y] [--seconds S] [FILE|DIR ...]",
            "        parse the inputs (default: sample documents bundled with ocp; a DIR means every",
            "        *.md, *.markdown and *.mdx file under it) with every available engine, check that all",
            "        engines produce byte-identical OCP, and measure each: throughput, time per document,",
            "        Java-heap bytes allocated per parse, engine memory left after close; then the time",
            "        per small document (100 bytes at most) at 1, 2 and 8 threads. S seconds for each",
            "        of the two (default 2).",
            "  engines",
            "        list the engines found: available or why not, priority, syntax, capabilities, the default.",
            "  html [--engine E] [--dialect D] [--with X,Y] [--safe] [--heading-ids] [FILE|-]",
            "        render FILE (or standard input) as CommonMark HTML on standard output; --safe for",
            "        untrusted input: raw HTML written as text, javascript: and other dangerous links emptied;",
            "        --heading-ids gives each heading its GitHub slug as its id.",
            "  json [--engine E] [--dialect D] [--with X,Y] [FILE|-]",
            "        print the syntax tree of FILE (or standard input) as JSON.",
            "  mdast [--engine E] [--dialect D] [--with X,Y] [FILE|-]",
            "        print the syntax tree as mdast JSON, the tree of the unified/MDX tools (remark, MDX),",
            "        positions in UTF-16 units; differences from mdast-util-from-markdown: docs/conformance.md.",
            "  markdown [--engine E] [--dialect D] [--with X,Y] [STYLE] [FILE|-]",
            "        write FILE (or standard input) back as normalized Markdown (MDX for MDX) on standard",
            "        output; without --dialect a FILE named *.mdx is read as mdx with gfm, frontmatter and math.",
            "  markdown --check [--engine E] [--dialect D] [--with X,Y] [STYLE] FILE|DIR ...",
            "        print each file (for a DIR, each *.md, *.markdown and *.mdx under it) that is not already",
            "        what 'ocp markdown FILE' writes, byte for byte; exit 1 if any is not, or cannot be read or",
            "        parsed.",
            "  dump [--engine E] [--dialect D] [--with X,Y] FILE|- -o OUT",
            "        write the raw OCP payload to OUT ('-o -' for standard output).",
            "  spec [--engine E|all] [--dialect D] [--with X,Y] [FILE]",
            "        run every example of FILE in CommonMark spec.txt format (default: the CommonMark spec",
            "        0.31.2, bundled) through the HTML renderer; print each failure, then 'N passed, N failed'.",
            "  tck [--engine E|all]",
            "        run the technology compatibility kit against installed engines.",
            "",
            "options:",
            "  --engine E    an engine from 'ocp engines'; 'all' where shown. Default: the engine",
            "                Ocp.engine() picks (-Docp.engine=NAME, else the best available).",
            "  --dialect D   commonmark (default), gfm (commonmark with gfm) or mdx.",
            "  --with X,Y    extensions over the dialect, any of gfm, frontmatter, math (a real MDX site:",
            "                --dialect mdx --with gfm,frontmatter,math).",
            "  --seconds S   compare: time to measure all engines together, after each has warmed up",
            "                (until its parses stop getting faster, at most 10 times its share of S).",
            "  -o, --output  dump: where to write.",
            "  -h, --help    this text.",
            "",
            "markdown STYLE (each option left out keeps what the source wrote):",
            "  --bullet -|*|+          the bullet of unordered lists.",
            "  --emphasis *|_          the marker of emphasis.",
            "  --strong *|_            the marker of strong emphasis.",
            "  --fence `|~             the character of code fences.",
            "  --thematic-break *|-|_  the character of thematic breaks (default *: the source's is not kept).",
            "  --headings atx|setext   '# Title', or underlined titles where the level is 1 or 2.",
            "  --fenced-code           fence every code block, indented ones too.",
            "",
            "exit status: 0 all well, 1 failures found, 2 bad usage or input.",
            "");

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
        try {
            return run(command, rest, session);
        } catch (Args.HelpRequested help) {
            session.out().print(USAGE);
            return 0;
        }
    }

    private static int run(String command, List<String> rest, Session session) {
        switch (command) {
            case "engines":
                return EnginesCommand.run(Args.parse(command, rest, Options.NONE, Options.NO_ALIASES), session);
            case "html":
            case "json":
            case "mdast":
            case "markdown":
            case "dump":
                return RenderCommand.run(command, rest, session);
            case "spec":
                return SpecCommand.run(rest, session);
            case "compare":
                return CompareCommand.run(rest, session);
            case "tck":
                return TckCommand.run(rest, session);
            default:
                throw new UsageException("unknown command '" + command + "'; commands: compare, engines, html, "
                        + "json, mdast, markdown, dump, spec, tck (see 'ocp --help')");
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
