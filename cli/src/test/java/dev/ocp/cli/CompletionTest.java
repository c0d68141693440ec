package dev.ocp.cli;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ocp completion bash}: the script is made from the command models, so it knows every command and option. */
class CompletionTest {

    @Test
    void theBashScriptNamesEveryCommandAndEachCommandsOptions() {
        Run run = Run.installed("completion", "bash");
        assertEquals(0, run.status(), run.toString());
        String script = run.out();
        assertTrue(script.contains("complete -F"), "a bash completion function is registered");
        // The list of commands offered after 'ocp ': picocli writes them into the root's command list.
        Matcher commands = Pattern.compile("local commands=\"([^\"]*)\"").matcher(script);
        assertTrue(commands.find(), script);
        for (String command : Commands.names()) {
            assertTrue((" " + commands.group(1) + " ").contains(" " + command + " "),
                    command + " is offered after ocp: " + commands.group(1));
        }
        for (String command : Commands.names()) {
            for (String option : Commands.named(command).options().keySet()) {
                assertTrue(script.contains(option), command + "'s " + option + " is completed");
            }
        }
        assertTrue(script.contains("--heading-ids") && script.contains("--fenced-code") && script.contains("-o"));
    }

    @Test
    void anUnknownShellIsAUsageError() {
        Run run = Run.installed("completion", "fish");
        assertEquals(2, run.status(), run.toString());
        assertTrue(run.err().contains("no completion for shell 'fish'"), run.toString());
    }
}
