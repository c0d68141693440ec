package dev.ocp.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command table ({@link Commands}) is what dispatch, help and completion read: each command's help names every
 * option the command parses and none it does not, and {@code ocp --help} lists every command.
 */
class CommandsTest {

    @Test
    void eachCommandsHelpNamesExactlyTheOptionsItParses() {
        for (Commands.Command command : Commands.all()) {
            String help = Commands.help(command.name());
            assertTrue(help.startsWith("usage: ocp " + command.name()), help);
            for (String option : command.options().keySet()) {
                assertTrue(help.contains(option + " "), command.name() + "'s help lacks " + option);
            }
            String options = help.substring(help.indexOf("\noptions:\n"));
            for (Commands.Command other : Commands.all()) {
                for (String option : other.options().keySet()) {
                    if (!command.options().containsKey(option)) {
                        assertFalse(options.contains("\n  " + option + " "),
                                command.name() + "'s help lists " + option + ", which it does not take");
                    }
                }
            }
        }
    }

    @Test
    void theGlobalHelpListsEveryCommandAndAnUnknownNameHasNone() {
        for (String name : Commands.names()) {
            assertTrue(Main.USAGE.contains("\n  " + name), "ocp --help lacks " + name);
        }
        assertNull(Commands.named("nosuch"));
        assertEquals(Main.USAGE, Commands.help("nosuch"));
    }
}
