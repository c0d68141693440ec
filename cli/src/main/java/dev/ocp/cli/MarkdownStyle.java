package dev.ocp.cli;

import dev.ocp.markdown.MarkdownOptions;

import java.util.Locale;

/**
 * The options of {@code ocp markdown} that choose how the Markdown is written, mapped onto {@link MarkdownOptions}'
 * withers. Each one left out keeps what the source used ({@link MarkdownOptions#defaults()}), so that a project's
 * own choices survive; one given makes every document alike. Only the choices a style guide makes are offered
 * here; the library has a few more.
 */
final class MarkdownStyle {
    /** The options, with their values as the messages name them. */
    static final String[] OPTIONS = {"--bullet", "-|*|+", "--emphasis", "*|_", "--strong", "*|_", "--fence", "`|~",
            "--thematic-break", "*|-|_", "--headings", "atx|setext", "--fenced-code", ""};

    private MarkdownStyle() {
    }

    /**
     * @param args a command line that may give the options of {@link #OPTIONS}
     * @return the writer's options: the defaults, changed where the command line says
     * @throws UsageException naming the allowed values when a value is not one of them
     */
    static MarkdownOptions of(CommandLineArgs args) {
        MarkdownOptions options = MarkdownOptions.defaults();
        Character bullet = character(args, "--bullet", "-*+");
        if (bullet != null) {
            options = options.withBullet(bullet);
        }
        Character emphasis = character(args, "--emphasis", "*_");
        if (emphasis != null) {
            options = options.withEmphasis(emphasis);
        }
        Character strong = character(args, "--strong", "*_");
        if (strong != null) {
            options = options.withStrong(strong);
        }
        Character fence = character(args, "--fence", "`~");
        if (fence != null) {
            options = options.withFence(fence);
        }
        Character thematicBreak = character(args, "--thematic-break", "*-_");
        if (thematicBreak != null) {
            options = options.withThematicBreak(thematicBreak);
        }
        String headings = args.value("--headings");
        if (headings != null) {
            switch (headings.trim().toLowerCase(Locale.ROOT)) {
                case "atx":
                    options = options.withHeadings(MarkdownOptions.HeadingStyle.ATX);
                    break;
                case "setext":
                    options = options.withHeadings(MarkdownOptions.HeadingStyle.SETEXT);
                    break;
                default:
                    throw new UsageException("ocp " + args.command() + ": --headings takes atx or setext, not '"
                            + headings + "'");
            }
        }
        return options.withFencedCode(args.flag("--fenced-code"));
    }

    /**
     * @return the option's character, or {@code null} when the option is not given
     * @throws UsageException unless the value is exactly one of {@code allowed}
     */
    private static Character character(CommandLineArgs args, String option, String allowed) {
        String value = args.value(option);
        if (value == null) {
            return null;
        }
        if (value.length() != 1 || allowed.indexOf(value.charAt(0)) < 0) {
            throw new UsageException("ocp " + args.command() + ": " + option + " takes one of "
                    + String.join(" ", allowed.split("")) + ", not '" + value + "'");
        }
        return value.charAt(0);
    }
}
