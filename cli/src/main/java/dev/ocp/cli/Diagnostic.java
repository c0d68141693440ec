package dev.ocp.cli;

import dev.ocp.OcpException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What ocp says about a file that cannot be parsed: {@code FILE:LINE:COLUMN: REASON (ocp:RULE)}, the form editors,
 * terminals and CI annotations link to the place. A syntax error has its line and column; a limit crossed has the
 * line where the engine says it was crossed ({@code FILE:LINE: …}), or no place when the limit is the whole
 * document's (its size, its node count) or the engine does not say.
 */
final class Diagnostic {
    /** How the engines' limit messages name the line: "... (line 12)" (the C core's words are the same). */
    private static final Pattern LINE = Pattern.compile("\\s*\\(line (\\d+)\\)");
    private static final String PREFIX_END = "] ";

    private Diagnostic() {
    }

    /**
     * @param file how to name the file
     * @param e    why it failed to parse
     * @return the one-line diagnostic
     */
    static String of(String file, OcpException e) {
        if (e.syntaxError() != null) {
            return file + ":" + e.syntaxError();
        }
        String message = e.getMessage();
        // getMessage() starts with "[CODE] "; the rule at the end says the code in the form rules have.
        int prefix = message.startsWith("[") ? message.indexOf(PREFIX_END) : -1;
        if (prefix > 0) {
            message = message.substring(prefix + PREFIX_END.length());
        }
        String rule = e.code().name().toLowerCase(Locale.ROOT).replace('_', '-');
        Matcher line = LINE.matcher(message);
        if (line.find()) {
            return file + ":" + line.group(1) + ": " + message.substring(0, line.start())
                    + message.substring(line.end()) + " (ocp:" + rule + ")";
        }
        return file + ": " + message + " (ocp:" + rule + ")";
    }

    /**
     * @param file   how to name the file
     * @param reason why it could not be read
     * @return the one-line diagnostic
     */
    static String unreadable(String file, String reason) {
        return file + ": cannot read: " + reason + " (ocp:unreadable)";
    }
}
