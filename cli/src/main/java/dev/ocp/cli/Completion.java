package dev.ocp.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;


/**
 * {@code ocp completion bash}: a completion script for bash (and zsh through its bashcompinit) made by picocli from
 * the same command models the commands parse with ({@link Commands.Command#spec}), so that it names every command
 * and option there is.
 */
final class Completion {
    private Completion() {
    }

    /** @return the model of {@code ocp} with every command */
    static CommandSpec model() {
        CommandSpec root = CommandSpec.create().name("ocp");
        root.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true).build());
        for (Commands.Command command : Commands.all()) {
            root.addSubcommand(command.name(), new CommandLine(command.spec()));
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
