package dev.ocp.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options and operands of one command, parsed by hand (the jar carries no argument library). Accepts
 * {@code --name value}, {@code --name=value}, {@code -o value}; {@code -} is an operand (standard input);
 * everything after {@code --} is an operand. {@code -h} and {@code --help} in an option's place ask for help
 * ({@link HelpRequested}); as an option's value or after {@code --} they are just words.
 */
final class Args {
    private final String command;
    private final Map<String, String> values;
    private final List<String> operands;

    private Args(String command, Map<String, String> values, List<String> operands) {
        this.command = command;
        this.values = values;
        this.operands = operands;
    }

    /**
     * @param command  the command, for messages
     * @param tokens   what followed the command on the command line
     * @param options  the options the command takes, each mapped to the name of its value (for messages);
     *                 short aliases map to their long option through {@code aliases}
     * @param aliases  short option to long option, such as {@code -o} to {@code --output}
     * @throws UsageException for an unknown option, a missing value, or an option given twice
     */
    static Args parse(String command, List<String> tokens, Map<String, String> options, Map<String, String> aliases) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        boolean onlyOperands = false;
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (onlyOperands || token.equals("-") || !token.startsWith("-")) {
                operands.add(token);
                continue;
            }
            if (token.equals("--")) {
                onlyOperands = true;
                continue;
            }
            if (token.equals("-h") || token.equals("--help")) {
                throw new HelpRequested();
            }
            String name = token;
            String value = null;
            int eq = token.indexOf('=');
            if (token.startsWith("--") && eq > 0) {
                name = token.substring(0, eq);
                value = token.substring(eq + 1);
            }
            name = aliases.getOrDefault(name, name);
            if (!options.containsKey(name)) {
                throw new UsageException("ocp " + command + ": unknown option '" + token + "'"
                        + (options.isEmpty() ? "; it takes no options" : "; it takes " + describe(options)));
            }
            if (options.get(name).isEmpty()) {
                // A flag: no value.
                if (value != null) {
                    throw new UsageException("ocp " + command + ": " + name + " takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= tokens.size()) {
                    throw new UsageException("ocp " + command + ": " + token + " needs a value ("
                            + options.get(name) + ")");
                }
                value = tokens.get(++i);
            }
            if (values.put(name, value) != null) {
                throw new UsageException("ocp " + command + ": " + name + " is given more than once");
            }
        }
        return new Args(command, values, Collections.unmodifiableList(operands));
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
