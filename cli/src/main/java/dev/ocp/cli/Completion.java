package dev.ocp.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Map;

/**
 * {@code ocp completion bash}: a completion script for bash (and zsh through its bashcompinit) made by picocli from
 * the same command models the commands parse with ({@link CommandLineArgs#spec}), so that it names every command
 * and option there is. A new command is completed once {@link #options} knows its options.
 */
final class Completion {
    private Completion() {
    }

    /**
     * @param command a command's name, as {@link Help#commands()} lists it
     * @return the options it takes, each with its value's name (empty for a flag)
     */
    static Map<String, String> options(String command) {
        switch (command) {
            case "engines":
                return Options.NONE;
            case "convert":
                return BatchCommand.CONVERT_OPTIONS;
            case "check":
                return BatchCommand.CHECK_OPTIONS;
            case "spec":
                return SpecCommand.OPTIONS;
            case "compare":
                return CompareCommand.OPTIONS;
            case "tck":
                return TckCommand.OPTIONS;
            case "chunk":
                return ChunkCommand.OPTIONS;
            case "completion":
                return Options.NONE;
            default:
                return RenderCommand.options(command);
        }
    }

    /** @return the short aliases of a command's options */
    static Map<String, String> aliases(String command) {
        return command.equals("dump") || command.equals("convert") ? Options.OUTPUT_ALIAS : Options.NO_ALIASES;
    }

    /** @return the model of {@code ocp} with every command */
    static CommandSpec model() {
        CommandSpec root = CommandSpec.create().name("ocp");
        root.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true).build());
        for (String command : Help.commands()) {
            root.addSubcommand(command, new CommandLine(CommandLineArgs.spec(command, options(command), aliases(command))));
        }
        return root;
    }

    static int run(CommandLineArgs args, Session session) {
        args.atMostOperands(1, "shell (bash)");
        String shell = args.operands().isEmpty() ? "bash" : args.operands().get(0);
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new UsageException("ocp completion: no completion for shell '" + shell + "'; there is one for "
                    + "bash (zsh reads it through bashcompinit)");
        }
        session.out().print(AutoComplete.bash("ocp", new CommandLine(model())));
        return 0;
    }
}
