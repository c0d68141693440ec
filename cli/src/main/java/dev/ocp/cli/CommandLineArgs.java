package dev.ocp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options and operands of one command, parsed by picocli from the command's model ({@link #spec}). Accepts
 * {@code --name value}, {@code --name=value}, {@code -o value}; {@code -} is an operand (standard input);
 * everything after {@code --} is an operand. {@code -h} and {@code --help} in an option's place ask for help
 * ({@link HelpRequested}). picocli's own messages are replaced by ocp's one-line ones, which name the option
 * and what the command takes.
 */
final class CommandLineArgs {
    private final Map<String, String> values;
    private final List<String> operands;
    private final String command;

    private CommandLineArgs(String command, Map<String, String> values, List<String> operands) {
        this.command = command;
        this.values = values;
        this.operands = operands;
    }

    /**
     * The picocli model of one command: its options (each with its value's name, none for a flag), its operands
     * and {@code -h}/{@code --help}. Completion scripts are made from the same models ({@link Completion}).
     *
     * @param command  the command's name
     * @param options  the options the command takes, each mapped to the name of its value; empty for a flag
     * @param aliases  short option to long option, such as {@code -o} to {@code --output}
     */
    static CommandSpec spec(String command, Map<String, String> options, Map<String, String> aliases) {
        CommandSpec spec = CommandSpec.create().name(command);
        for (Map.Entry<String, String> option : options.entrySet()) {
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, String> alias : aliases.entrySet()) {
                if (alias.getValue().equals(option.getKey())) {
                    names.add(alias.getKey());
                }
            }
            names.add(option.getKey());
            boolean flag = option.getValue().isEmpty();
            OptionSpec.Builder builder = OptionSpec.builder(names.toArray(new String[0]));
            if (flag) {
                builder.arity("0").type(boolean.class);
            } else {
                builder.arity("1").type(String.class).paramLabel(option.getValue());
            }
            spec.addOption(builder.build());
        }
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).build());
        spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").type(List.class)
                .auxiliaryTypes(String.class)
                .paramLabel("ARG").build());
        // An option's value is taken as given, even when it starts with '-' (a bullet: --bullet -).
        spec.parser().overwrittenOptionsAllowed(false).unmatchedOptionsArePositionalParams(false)
                .allowOptionsAsOptionParameters(true).allowSubcommandsAsOptionParameters(true)
                .posixClusteredShortOptionsAllowed(false);
        return spec;
    }

    /**
     * @param command  the command, for messages
     * @param tokens   what followed the command on the command line
     * @param options  the options the command takes, each mapped to the name of its value (for messages);
     *                 short aliases map to their long option through {@code aliases}
     * @param aliases  short option to long option, such as {@code -o} to {@code --output}
     * @throws UsageException for an unknown option, a missing value, or an option given twice
     */
    static CommandLineArgs parse(String command, List<String> tokens, Map<String, String> options,
                                 Map<String, String> aliases) {
        CommandSpec spec = spec(command, options, aliases);
        // A flag given a value (--safe=yes): picocli takes --safe=true and refuses the rest in words of its own.
        for (String token : tokens) {
            if (token.equals("--")) {
                break;
            }
            int eq = token.indexOf('=');
            if (token.startsWith("--") && eq > 0 && "".equals(options.get(token.substring(0, eq)))) {
                throw new UsageException("ocp " + command + ": " + token.substring(0, eq) + " takes no value");
            }
        }
        ParseResult result;
        try {
            result = new CommandLine(spec).parseArgs(tokens.toArray(new String[0]));
        } catch (CommandLine.UnmatchedArgumentException e) {
            String token = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
            throw new UsageException("ocp " + command + ": unknown option '" + token + "'"
                    + (options.isEmpty() ? "; it takes no options" : "; it takes " + describe(options)));
        } catch (CommandLine.OverwrittenOptionException e) {
            throw new UsageException("ocp " + command + ": " + longName(e.getOverwritten()) + " is given more than once");
        } catch (CommandLine.MissingParameterException e) {
            ArgSpec arg = e.getMissing().isEmpty() ? null : e.getMissing().get(0);
            String name = arg instanceof OptionSpec ? typedName((OptionSpec) arg, tokens) : "an option";
            throw new UsageException("ocp " + command + ": " + name + " needs a value ("
                    + (arg == null ? "" : options.get(longName(arg))) + ")");
        } catch (CommandLine.ParameterException e) {
            throw new UsageException("ocp " + command + ": " + e.getMessage());
        }
        if (result.isUsageHelpRequested()) {
            throw new HelpRequested();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec option : result.matchedOptions()) {
            Object value = option.getValue();
            values.put(option.longestName(), option.arity().max() == 0 ? "true" : String.valueOf(value));
        }
        List<String> operands = new ArrayList<>();
        for (PositionalParamSpec positional : result.matchedPositionals()) {
            List<String> given = positional.getValue();
            if (given != null) {
                operands.addAll(given);
            }
        }
        return new CommandLineArgs(command, values, Collections.unmodifiableList(operands));
    }

    private static String longName(ArgSpec arg) {
        return arg instanceof OptionSpec ? ((OptionSpec) arg).longestName() : arg.paramLabel();
    }

    /** @return the name of the option as the user wrote it last (-o or --output) */
    private static String typedName(OptionSpec option, List<String> tokens) {
        for (int i = tokens.size() - 1; i >= 0; i--) {
            for (String name : option.names()) {
                if (tokens.get(i).equals(name)) {
                    return name;
                }
            }
        }
        return option.longestName();
    }

    private static String describe(Map<String, String> options) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey());
            if (!e.getValue().isEmpty()) {
                sb.append(' ').append(e.getValue());
            }
        }
        return sb.toString();
    }

    /** {@code -h} or {@code --help} in an option's place: the command prints the usage instead of running. */
    static final class HelpRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super("help requested", null, false, false);
        }
    }

    String command() {
        return command;
    }

    /** @return whether the flag (an option without a value) was given */
    boolean flag(String option) {
        return values.containsKey(option);
    }

    /** @return the option's value, or {@code null} if it was not given */
    String value(String option) {
        return values.get(option);
    }

    List<String> operands() {
        return operands;
    }

    /**
     * @param max  how many operands the command accepts
     * @param what what they are, for the message
     * @throws UsageException if there are more
     */
    void atMostOperands(int max, String what) {
        if (operands.size() > max) {
            throw new UsageException("ocp " + command + ": expected at most " + max + " " + what + ", got "
                    + operands.size() + ": " + String.join(" ", operands));
        }
    }
}
