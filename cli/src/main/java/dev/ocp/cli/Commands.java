package dev.ocp.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of {@code ocp}'s commands: each command's name, how it is called, what it does, the options it takes
 * and the code that runs it. Dispatch ({@link Main}), the help texts ({@code ocp --help}, {@code ocp COMMAND --help})
 * and the completion script ({@link Completion}) are all made from it, so a command added here is parsed, run,
 * described and completed, and one missing here is none of these.
 *
 * <p>To add a command: write its class with a {@code run(CommandLineArgs, Session)} method and the map of its
 * options, add a {@link Command} to {@link #COMMANDS}, and describe each new option in {@link #OPTION_HELP} (an option
 * without a description fails the class's initialisation, so every CLI test).
 */
final class Commands {
    private Commands() {
    }

    /** Runs a command on its parsed command line. */
    @FunctionalInterface
    interface Runner {
        /**
         * @param args    the command line after the command's name, parsed with the command's options
         * @param session the streams and engines
         * @return the exit status
         */
        int run(CommandLineArgs args, Session session);
    }

    /**
     * One command.
     *
     * @param name        its name
     * @param synopses    how it is called, one line each, without {@code ocp}
     * @param description what it does, lines of text
     * @param options     the options it takes, each mapped to its value's name (empty for a flag), in the order its
     *                    help lists them
     * @param aliases     short option to long option, such as {@code -o} to {@code --output}
     * @param runner      what runs it
     */
    record Command(String name, List<String> synopses, List<String> description, Map<String, String> options,
                   Map<String, String> aliases, Runner runner) {
        Command(String name, List<String> synopses, List<String> description, Map<String, String> options,
                Runner runner) {
            this(name, synopses, description, options, Options.NO_ALIASES, runner);
        }

        /** @return the picocli model of its command line, which parsing and completion share */
        CommandSpec spec() {
            return CommandLineArgs.spec(name, options, aliases);
        }

        int run(List<String> tokens, Session session) {
            return runner.run(CommandLineArgs.parse(name, tokens, options, aliases), session);
        }
    }

    /** Each option's lines in the help: its name and value, then what it does. */
    private static final Map<String, String> OPTION_HELP = new LinkedHashMap<>();

    static {
        option("--engine", "--engine E           an engine from 'ocp engines' ('all' where a command says so). Default:",
                "                     the engine Ocp.engine() picks (-Docp.engine=NAME, else the best available).");
        option("--dialect", "--dialect D          commonmark (default), gfm (commonmark with gfm) or mdx. Without it, a",
                "                     file named *.mdx is read as an MDX site's page: mdx with gfm, frontmatter",
                "                     and math (compare, spec and standard input: commonmark).");
        option("--with", "--with X,Y           extensions over the dialect, any of gfm, frontmatter, math, directive,",
                "                     alerts, heading-ids, html-comments (a Docusaurus site: --dialect mdx --with",
                "                     gfm,frontmatter,math,directive,heading-ids,html-comments).");
        option("--max-input-bytes", "--max-input-bytes N  refuse a file larger than N bytes (default 268435456, 256 MiB).");
        option("--max-nesting-depth", "--max-nesting-depth N",
                "                     refuse block quotes, list items, footnotes, JSX elements and container",
                "                     directives nested deeper than N (default 10000).");
        option("--max-nodes", "--max-nodes N        refuse a document of more than N nodes (default 50000000).");
        option("--max-inline-nesting", "--max-inline-nesting N",
                "                     refuse emphasis, links and other inline containers nested deeper than N",
                "                     (default 1000).");
        option("--flavor", "--flavor F           reference (default): read as CommonMark's reference parsers and the GFM",
                "                     spec; micromark: as the JavaScript toolchain (remark, MDX) where it differs,",
                "                     for the trees its plugins would build (docs/conformance.md lists where).");
        option("--safe", "--safe               html: for untrusted input, raw HTML written as text, javascript: and",
                "                     other dangerous links emptied.");
        option("--heading-ids", "--heading-ids        html: give each heading its GitHub slug as its id.");
        option("--to", "--to FORMAT          convert: html, mdast, json or text.");
        option("--output", "-o, --output OUT     dump: the file to write ('-' for standard output); convert: the",
                "                     directory to write into (made if missing).");
        option("--jobs", "--jobs N             how many files to parse at once (default: one per core).");
        option("--seconds", "--seconds S          compare: time to measure all engines together, after each has",
                "                     warmed up (until its parses stop getting faster, at most 10 times its share",
                "                     of S).");
        option("--stdin-filepath", "--stdin-filepath NAME",
                "                     the name of the file standard input holds (an editor's buffer, a hook's",
                "                     file): *.mdx is read as a file of that name is, and messages name it.");
        option("--check", "--check              markdown: check the files instead of writing them (see above).");
        option("--max-chars", "--max-chars N        chunk: the cap on a chunk's size in characters (default 2000).");
        option("--max-tokens", "--max-tokens N       chunk: the cap in tokens of --tokenizer's encoding instead (the",
                "                     minimum and the overlap then count tokens too).");
        option("--tokenizer", "--tokenizer NAME     chunk: the encoding --max-tokens counts with: cl100k_base (default),",
                "                     o200k_base, p50k_base, p50k_edit, r50k_base, or a model name (gpt-4o).");
        option("--min-size", "--min-size N         chunk: merge a chunk smaller than N (characters, or tokens with",
                "                     --max-tokens) with its neighbour (default 0).");
        option("--levels", "--levels L,L         chunk: the heading levels that start a chunk (default 1,2,3).");
        option("--overlap", "--overlap N          chunk: repeat up to N characters of the chunk before (default 0),",
                "                     within the cap, and less than it.");
        option("--write", "--write              markdown: rewrite the files that are not normalized, each in one",
                "                     step (see above).");
        option("--help", "-h, --help           this text.");
    }

    private static void option(String name, String... lines) {
        OPTION_HELP.put(name, String.join("\n", lines));
    }

    private static final List<Command> COMMANDS = List.of(
            new Command("compare", List.of("compare [--dialect D] [--with X,Y] [--seconds S] [FILE|DIR ...]"), List.of(
                    "parse the inputs (default: sample documents bundled with ocp; a DIR means every",
                    "*.md, *.markdown and *.mdx file under it) with every available engine, check that all",
                    "engines produce byte-identical OCP, and measure each: throughput, time per document,",
                    "Java-heap bytes allocated per parse, engine memory left after close; then the time",
                    "per small document (100 bytes at most) at 1, 2 and 8 threads. S seconds for each",
                    "of the two (default 2)."), CompareCommand.OPTIONS, CompareCommand::run),
            new Command("engines", List.of("engines"), List.of(
                    "list the engines found: available or why not, priority, syntax, capabilities, the default."),
                    Options.NONE, EnginesCommand::run),
            new Command("html", List.of("html [--engine E] [--dialect D] [--with X,Y] [--safe] [--heading-ids] "
                    + "[LIMITS] [FILE|-]"), List.of(
                    "render FILE (or standard input) as CommonMark HTML on standard output."),
                    RenderCommand.HTML_OPTIONS, RenderCommand::run),
            new Command("json", List.of("json [--engine E] [--dialect D] [--with X,Y] [LIMITS] [FILE|-]"), List.of(
                    "print the syntax tree of FILE (or standard input) as JSON."), RenderCommand.RENDER_OPTIONS,
                    RenderCommand::run),
            new Command("mdast", List.of("mdast [--engine E] [--dialect D] [--with X,Y] [LIMITS] [FILE|-]"), List.of(
                    "print the syntax tree as mdast JSON, the tree of the unified/MDX tools (remark, MDX),",
                    "positions in UTF-16 units; differences from mdast-util-from-markdown: docs/conformance.md."),
                    RenderCommand.RENDER_OPTIONS, RenderCommand::run),
            new Command("text", List.of("text [--engine E] [--dialect D] [--with X,Y] [LIMITS] [FILE|-]"), List.of(
                    "print FILE (or standard input) as plain text for search indexes and embeddings: no",
                    "markup, blocks separated by blank lines, code, link text, alt text and math kept; raw",
                    "HTML, frontmatter and MDX expressions and ESM dropped (docs/ocp-format.md, 15)."),
                    RenderCommand.RENDER_OPTIONS, RenderCommand::run),
            new Command("markdown", List.of("markdown [--engine E] [--dialect D] [--with X,Y] [STYLE] [LIMITS] [FILE|-]",
                    "markdown --check|--write [--engine E] [--dialect D] [--with X,Y] [STYLE] [LIMITS] FILE|DIR ..."), List.of(
                    "write FILE (or standard input) back as normalized Markdown (MDX for MDX) on standard",
                    "output. With --check, print each file (for a DIR, each *.md, *.markdown and *.mdx under",
                    "it) that is not already what 'ocp markdown FILE' writes, byte for byte; exit 1 if any",
                    "is not, or cannot be read or parsed. With --write, rewrite each such file in place (a",
                    "crash leaves the old file or the new, never part of one) and print its name; a file that",
                    "cannot be read or parsed is left as it is, its place named; exit 1 if any."),
                    RenderCommand.MARKDOWN_OPTIONS, RenderCommand::run),
            new Command("dump", List.of("dump [--engine E] [--dialect D] [--with X,Y] [LIMITS] FILE|- -o OUT"), List.of(
                    "write the raw OCP payload to OUT ('-o -' for standard output)."), RenderCommand.DUMP_OPTIONS,
                    Options.OUTPUT_ALIAS, RenderCommand::run),
            new Command("convert", List.of("convert --to html|mdast|json|text [--engine E] [--dialect D] [--with X,Y] "
                    + "[--jobs N] [LIMITS] DIR -o OUT"), List.of(
                    "render every *.md, *.markdown and *.mdx file under DIR into OUT, keeping the folder",
                    "tree: a/b.md becomes OUT/a/b.html (.json for mdast and json, .txt for text), each file",
                    "what 'ocp html' (mdast, json, text) writes for it. Files are parsed on all cores; a file",
                    "that cannot be read or parsed is reported and the others are converted; exit 1 if any",
                    "was not."), BatchCommand.CONVERT_OPTIONS,
                    Options.OUTPUT_ALIAS, BatchCommand::run),
            new Command("check", List.of("check [--engine E] [--dialect D] [--with X,Y] [--jobs N] [LIMITS] FILE|DIR ..."),
                    List.of(
                    "parse every file (for a DIR, each *.md, *.markdown and *.mdx under it) on all cores and",
                    "print 'FILE:LINE:COLUMN: REASON (ocp:RULE)' for each that cannot be read or parsed: MDX",
                    "syntax errors and parse limits crossed; exit 1 if any, 0 if all parse: a docs site's CI",
                    "step."), BatchCommand.CHECK_OPTIONS, BatchCommand::run),
            new Command("chunk", List.of("chunk [--max-chars N | --max-tokens N [--tokenizer NAME]] [--min-size N] "
                    + "[--levels L,L] [--overlap N] [--engine E] [--dialect D] [--with X,Y] [--jobs N] [LIMITS] "
                    + "FILE|DIR ..."), List.of(
                    "split every file (for a DIR, each *.md, *.markdown and *.mdx under it) into chunks for",
                    "language models on all cores and print them as JSON Lines, one chunk per line with its",
                    "file: heading path, Markdown, text, byte and line range, kinds, over-cap flag. A chunk is",
                    "at most --max-chars characters (2000), or --max-tokens tokens, unless one block cannot be",
                    "split; a heading of --levels (1,2,3) starts one; code, table rows and list items are",
                    "never cut. Progress on standard error."),
                    ChunkCommand.OPTIONS, ChunkCommand::run),
            new Command("spec", List.of("spec [--engine E|all] [--dialect D] [--with X,Y] [FILE]"), List.of(
                    "run every example of FILE in CommonMark spec.txt format (default: the CommonMark spec",
                    "0.31.2, bundled) through the HTML renderer; print each failure, then 'N passed, N failed'."),
                    SpecCommand.OPTIONS, SpecCommand::run),
            new Command("tck", List.of("tck [--engine E|all]"), List.of(
                    "run the technology compatibility kit against installed engines."), TckCommand.OPTIONS,
                    TckCommand::run),
            new Command("completion", List.of("completion [bash]"), List.of(
                    "print a bash completion script for ocp, made from its commands and options (zsh: after",
                    "'autoload bashcompinit && bashcompinit'). Load it with: source <(ocp completion bash)."),
                    Options.NONE, Completion::run));

    private static final String STYLE = String.join("\n",
            "markdown STYLE (each option left out keeps what the source wrote):",
            "  --bullet -|*|+          the bullet of unordered lists.",
            "  --emphasis *|_          the marker of emphasis.",
            "  --strong *|_            the marker of strong emphasis.",
            "  --fence `|~             the character of code fences.",
            "  --thematic-break *|-|_  the character of thematic breaks (default *: the source's is not kept).",
            "  --headings atx|setext   '# Title', or underlined titles where the level is 1 or 2.",
            "  --fenced-code           fence every code block, indented ones too.",
            "");

    private static final String EXIT = "exit status: 0 all well, 1 failures found, 2 bad usage or input.\n";

    /** {@code ocp --help}: every command and every option. */
    static final String GLOBAL = global();

    static {
        checkEveryOptionIsDescribed();
    }

    private static String global() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: ocp COMMAND [OPTIONS] [ARGUMENTS]\n\n");
        sb.append("Parse Markdown and MDX into OCP, a compact binary syntax tree, with any installed engine.\n");
        sb.append("'ocp COMMAND --help' shows one command and its options.\n\n");
        sb.append("commands:\n");
        for (Command c : COMMANDS) {
            for (String synopsis : c.synopses()) {
                sb.append("  ").append(synopsis).append('\n');
            }
            for (String line : c.description()) {
                sb.append("        ").append(line).append('\n');
            }
        }
        sb.append("\noptions (LIMITS: the four --max options and --flavor):\n");
        for (String text : OPTION_HELP.values()) {
            sb.append(indent(text)).append('\n');
        }
        sb.append('\n').append(STYLE).append('\n').append(EXIT);
        return sb.toString();
    }

    /**
     * @param command a command's name
     * @return its help: how it is called, what it does, its options; the global help for a name that is no command
     */
    static String help(String command) {
        Command c = named(command);
        if (c == null) {
            return GLOBAL;
        }
        StringBuilder sb = new StringBuilder();
        String prefix = "usage: ";
        for (String synopsis : c.synopses()) {
            sb.append(prefix).append("ocp ").append(synopsis).append('\n');
            prefix = "       ";
        }
        sb.append('\n');
        for (String line : c.description()) {
            sb.append(line).append('\n');
        }
        sb.append("\noptions:\n");
        boolean style = false;
        for (String option : c.options().keySet()) {
            // The markdown style options are described together, after the others.
            if (isStyle(option)) {
                style = true;
            } else {
                sb.append(indent(OPTION_HELP.get(option))).append('\n');
            }
        }
        sb.append(indent(OPTION_HELP.get("--help"))).append('\n');
        if (style) {
            sb.append('\n').append(STYLE);
        }
        sb.append('\n').append(EXIT);
        return sb.toString();
    }

    /** @return the names of the commands, in the order the help lists them */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Command c : COMMANDS) {
            names.add(c.name());
        }
        return names;
    }

    /** @return the command of that name, or {@code null} if there is none */
    static Command named(String name) {
        for (Command c : COMMANDS) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** @return every command, in the order the help lists them */
    static List<Command> all() {
        return COMMANDS;
    }

    private static boolean isStyle(String option) {
        return STYLE.contains("\n  " + option + " ");
    }

    /** Every option a command takes has its lines in the help: else the help would silently leave it out. */
    private static void checkEveryOptionIsDescribed() {
        for (Command c : COMMANDS) {
            for (String option : c.options().keySet()) {
                if (!OPTION_HELP.containsKey(option) && !isStyle(option)) {
                    throw new IllegalStateException("ocp " + c.name() + "'s option " + option
                            + " has no description in Commands.OPTION_HELP");
                }
            }
        }
    }

    private static String indent(String text) {
        return "  " + text.replace("\n", "\n  ");
    }
}
