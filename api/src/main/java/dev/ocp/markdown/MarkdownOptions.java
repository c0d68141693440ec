package dev.ocp.markdown;

/**
 * How {@link dev.ocp.OcpDocument#renderMarkdown(Appendable, MarkdownOptions)} writes Markdown. Immutable; start from
 * {@link #defaults()} and change what you need with the {@code with...} methods.
 *
 * <p>Where the payload records what the source used (a list's bullet, an emphasis marker, a code fence's character,
 * setext or ATX headings, a reference link's form), the defaults keep it: a character option set to
 * {@link #AS_PARSED} means "as the source had it", and a node made without a source (by a builder) gets the
 * option's fallback, named on each method. Whatever the options, the Markdown written parses back to the same
 * document: where a choice would change the meaning (a thematic break that would read as a list item, two lists
 * that would merge, a bullet that would make a line of markers a thematic break, an indented code block that would
 * join the list before it, a setext underline that would take in the block above, spaces for a hard break on a line
 * that would then start a block), the writer takes another, and an emphasis read from a source keeps its marker
 * where the other would pair otherwise (inside or around another emphasis, beside a {@code *} or {@code _}, in a
 * paragraph whose text holds one, in a link's text).
 *
 * @param bullet           the bullet of unordered lists: {@code '-'}, {@code '*'}, {@code '+'}, or {@link #AS_PARSED}
 *                         (fallback {@code '-'})
 * @param orderedDelimiter the delimiter after an ordered list's numbers: {@code '.'}, {@code ')'}, or
 *                         {@link #AS_PARSED} (fallback {@code '.'})
 * @param emphasis         the marker of emphasis: {@code '*'}, {@code '_'}, or {@link #AS_PARSED} (fallback
 *                         {@code '*'}); {@code '*'} is used where {@code '_'} would not parse (inside a word)
 * @param strong           the marker of strong emphasis, likewise
 * @param fence            the character of code fences: {@code '`'}, {@code '~'}, or {@link #AS_PARSED}
 *                         (fallback {@code '`'}); {@code '~'} is used when the info string holds a backtick
 * @param thematicBreak    the character of thematic breaks, written three times: {@code '*'}, {@code '-'},
 *                         {@code '_'}, or {@link #AS_PARSED} (fallback {@code '*'}, and for payloads before format
 *                         v1.3, which do not record it)
 * @param headings         ATX ({@code # Title}) or setext (underlined) headings, or as parsed
 * @param fencedCode       write every code block fenced, indented ones included
 * @param hardBreak        how a hard line break is written: a backslash or two spaces before the line ending, or
 *                         as parsed (a break first on its line, which a transform can make, always takes the
 *                         backslash: spaces alone there would be a blank line)
 * @param incrementListNumbers number an ordered list's items from its start up ({@code 3. 4. 5.}); otherwise every
 *                         item repeats the start
 */
public record MarkdownOptions(char bullet, char orderedDelimiter, char emphasis, char strong, char fence,
                              char thematicBreak, HeadingStyle headings, boolean fencedCode, HardBreak hardBreak,
                              boolean incrementListNumbers) {

    /** A character option's value for "as the source had it". */
    public static final char AS_PARSED = 0;

    /** How headings are written. */
    public enum HeadingStyle {
        /** As the source wrote each one (ATX for headings without a source). */
        AS_PARSED,
        /** {@code ## Title} for every heading. */
        ATX,
        /** Underlined for levels 1 and 2 ({@code ===}, {@code ---}); ATX for the others, which setext cannot write. */
        SETEXT
    }

    /** How a hard line break is written. */
    public enum HardBreak {
        /** As the source wrote each one (a backslash for breaks without a source, and before format v1.3). */
        AS_PARSED,
        /** A backslash before the line ending: visible, and not lost to editors that trim trailing spaces. */
        BACKSLASH,
        /** Two spaces before the line ending. */
        SPACES
    }

    private static final MarkdownOptions DEFAULTS = new MarkdownOptions(AS_PARSED, AS_PARSED, AS_PARSED, AS_PARSED,
            AS_PARSED, AS_PARSED, HeadingStyle.AS_PARSED, false, HardBreak.AS_PARSED, true);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if a character is not one the option allows
     * @throws NullPointerException     if {@code headings} or {@code hardBreak} is null
     */
    public MarkdownOptions {
        check("bullet", bullet, "-*+");
        check("orderedDelimiter", orderedDelimiter, ".)");
        check("emphasis", emphasis, "*_");
        check("strong", strong, "*_");
        check("fence", fence, "`~");
        check("thematicBreak", thematicBreak, "*-_");
        java.util.Objects.requireNonNull(headings, "headings");
        java.util.Objects.requireNonNull(hardBreak, "hardBreak");
    }

    private static void check(String name, char value, String allowed) {
        if (value != AS_PARSED && allowed.indexOf(value) < 0) {
            throw new IllegalArgumentException(name + " must be one of " + String.join(" ", allowed.split(""))
                    + " or AS_PARSED, not '" + value + "'");
        }
    }

    /**
     * What the source used wherever the payload knows it, and ordered lists numbered up from their start.
     *
     * @return the default options
     */
    public static MarkdownOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns these options with another bullet.
     *
     * @param c the bullet of unordered lists, or {@link #AS_PARSED}
     * @return a copy with it
     */
    public MarkdownOptions withBullet(char c) {
        return new MarkdownOptions(c, orderedDelimiter, emphasis, strong, fence, thematicBreak, headings, fencedCode,
                hardBreak, incrementListNumbers);
    }

    /**
     * Returns these options with another ordered list delimiter.
     *
     * @param c the delimiter of ordered lists, or {@link #AS_PARSED}
     * @return a copy with it
     */
    public MarkdownOptions withOrderedDelimiter(char c) {
        return new MarkdownOptions(bullet, c, emphasis, strong, fence, thematicBreak, headings, fencedCode, hardBreak,
                incrementListNumbers);
    }

    /**
     * Returns these options with another emphasis marker.
     *
     * @param c the marker of emphasis, or {@link #AS_PARSED}
     * @return a copy with it
     */
    public MarkdownOptions withEmphasis(char c) {
        return new MarkdownOptions(bullet, orderedDelimiter, c, strong, fence, thematicBreak, headings, fencedCode,
                hardBreak, incrementListNumbers);
    }

    /**
     * Returns these options with another strong emphasis marker.
     *
     * @param c the marker of strong emphasis, or {@link #AS_PARSED}
     * @return a copy with it
     */
    public MarkdownOptions withStrong(char c) {
        return new MarkdownOptions(bullet, orderedDelimiter, emphasis, c, fence, thematicBreak, headings, fencedCode,
                hardBreak, incrementListNumbers);
    }

    /**
     * Returns these options with another code fence character.
     *
     * @param c the code fence character, or {@link #AS_PARSED}
     * @return a copy with it
     */
    public MarkdownOptions withFence(char c) {
        return new MarkdownOptions(bullet, orderedDelimiter, emphasis, strong, c, thematicBreak, headings, fencedCode,
                hardBreak, incrementListNumbers);
    }

    /**
     * Returns these options with another thematic break character.
     *
     * @param c the thematic break character, or {@link #AS_PARSED}
     * @return a copy with it
     */
    public MarkdownOptions withThematicBreak(char c) {
        return new MarkdownOptions(bullet, orderedDelimiter, emphasis, strong, fence, c, headings, fencedCode,
                hardBreak, incrementListNumbers);
    }

    /**
     * Returns these options with another heading style.
     *
     * @param style how headings are written
     * @return a copy with it
     */
    public MarkdownOptions withHeadings(HeadingStyle style) {
        return new MarkdownOptions(bullet, orderedDelimiter, emphasis, strong, fence, thematicBreak, style, fencedCode,
                hardBreak, incrementListNumbers);
    }

    /**
     * Returns these options with every code block fenced, or not.
     *
     * @param fenced whether every code block is fenced
     * @return a copy with it
     */
    public MarkdownOptions withFencedCode(boolean fenced) {
        return new MarkdownOptions(bullet, orderedDelimiter, emphasis, strong, fence, thematicBreak, headings, fenced,
                hardBreak, incrementListNumbers);
    }

    /**
     * Returns these options with another hard break style.
     *
     * @param style how hard line breaks are written
     * @return a copy with it
     */
    public MarkdownOptions withHardBreak(HardBreak style) {
        return new MarkdownOptions(bullet, orderedDelimiter, emphasis, strong, fence, thematicBreak, headings,
                fencedCode, style, incrementListNumbers);
    }

    /**
     * Returns these options with ordered lists numbered up, or not.
     *
     * @param increment whether ordered list items are numbered up from the start
     * @return a copy with it
     */
    public MarkdownOptions withIncrementListNumbers(boolean increment) {
        return new MarkdownOptions(bullet, orderedDelimiter, emphasis, strong, fence, thematicBreak, headings,
                fencedCode, hardBreak, increment);
    }
}
