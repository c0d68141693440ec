package dev.ocp.markdown;

import dev.ocp.Dialect;
import dev.ocp.Extension;

import java.util.Set;

/**
 * What a text node's characters need in the Markdown of one dialect and its extensions: rows, each a character and
 * where it is unsafe, contributed by each {@link Syntax} that gives it a meaning. {@link Escaper#text} asks the table
 * built for the document, one array index a byte, and never which extensions are on.
 *
 * <p>The places are a closed set of bits ({@link #ANYWHERE} ... {@link #AFTER_SHORTCUT}), each a test that
 * {@link Escaper} knows how to make; a character's rows are or'ed, and it is escaped where any of them holds. A new
 * construct adds its rows to a {@link Syntax} of its own (and, if no existing place describes where its character is
 * unsafe, a new bit and its test in {@link Escaper#unsafe}).
 */
final class EscapeTable {
    /** In text, wherever it stands: backslash-escaped. */
    static final int ANYWHERE = 1;
    /** Before what reads as the rest of a character reference ({@code &amp;}): backslash-escaped there. */
    static final int BEFORE_REFERENCE_NAME = 1 << 1;
    /** Before {@code //}: the {@code :} of a GFM autolink literal's {@code ://}. */
    static final int BEFORE_TWO_SLASHES = 1 << 2;
    /** After {@code www} in any case: the {@code .} of a GFM autolink literal's {@code www.}. */
    static final int AFTER_WWW = 1 << 3;
    /** Last in a text that a link follows: a {@code !} would make the link an image. */
    static final int LAST_BEFORE_LINK = 1 << 4;
    /** Anywhere, written as a numeric character reference: a line ending, which no backslash escapes. */
    static final int AS_REFERENCE = 1 << 5;
    /** First on a line (after the blanks it starts with): it would start a block. */
    static final int LINE_START = 1 << 6;
    /** Right after the digits that start a line (up to ten): it would make them an ordered list item's marker. */
    static final int AFTER_LINE_START_DIGITS = 1 << 7;
    /** First in the text right after a shortcut reference, which it would turn into more ({@code [a](b)}). */
    static final int AFTER_SHORTCUT = 1 << 8;

    /** The places inside a text's run that {@link Escaper#text} tests byte by byte. */
    static final int IN_TEXT = ANYWHERE | BEFORE_REFERENCE_NAME | BEFORE_TWO_SLASHES | AFTER_WWW | LAST_BEFORE_LINK
            | AS_REFERENCE;

    /** One row: {@code character} is unsafe {@code where} (bits or'ed). */
    record Row(char character, int where) {
    }

    private static Row row(char character, int where) {
        return new Row(character, where);
    }

    /**
     * A syntax that gives characters a meaning in text, and its rows. The dialect's base syntax is always on; each
     * other is on with its extension or dialect.
     */
    enum Syntax {
        /** CommonMark: what starts inline syntax anywhere, and what starts a block at the start of a line. */
        COMMONMARK(
                row('\\', ANYWHERE), row('`', ANYWHERE), row('*', ANYWHERE), row('_', ANYWHERE),
                row('[', ANYWHERE), row(']', ANYWHERE), row('<', ANYWHERE),
                row('&', BEFORE_REFERENCE_NAME),
                row('!', LAST_BEFORE_LINK),
                row('\n', AS_REFERENCE), row('\r', AS_REFERENCE),
                // ATX heading, block quote, bullet or thematic break, setext underline, tilde fence; ':' too, as
                // the writer always escaped it there (a GFM table's delimiter row may start with it).
                row('#', LINE_START), row('>', LINE_START), row('-', LINE_START), row('+', LINE_START),
                row('=', LINE_START), row(':', LINE_START), row('~', LINE_START),
                row('.', AFTER_LINE_START_DIGITS), row(')', AFTER_LINE_START_DIGITS),
                // An inline link's destination, a definition's colon.
                row('(', AFTER_SHORTCUT), row(':', AFTER_SHORTCUT)),
        /** GFM: strikethrough, table pipes, and autolink literals kept from forming out of plain text. */
        GFM(
                row('~', ANYWHERE), row('|', ANYWHERE), row('@', ANYWHERE),
                row(':', BEFORE_TWO_SLASHES), row('.', AFTER_WWW)),
        /** Math: {@code $} opens inline math. */
        MATH(row('$', ANYWHERE)),
        /**
         * Directives: a colon before a name opens a text directive, and after one could be read as part of it; every
         * colon in text is escaped (a place finer than this would need a test of the byte after it).
         */
        DIRECTIVE(row(':', ANYWHERE)),
        /** MDX: braces open and close expressions. */
        MDX(row('{', ANYWHERE), row('}', ANYWHERE)),
        /**
         * Frontmatter: nothing in text. Its fences stand only first in a document, where a paragraph's {@code -} or
         * {@code +} at the start of a line is escaped anyway.
         */
        FRONTMATTER(),
        /**
         * Alerts: nothing in text. The marker {@code [!NOTE]} stands only first in a top-level block quote, and text
         * never writes it as one: CommonMark's row escapes {@code [} anywhere.
         */
        ALERTS(),
        /**
         * Heading ids: nothing in text. A heading's text that ends in {@code {#…}} would read as its id: the heading
         * protects its end ({@link Escaper#protectHeadingId}), as it protects closing hashes.
         */
        HEADING_IDS(),
        /** HTML comments in MDX: nothing in text. CommonMark's row escapes {@code <} anywhere already. */
        HTML_COMMENTS();

        private final Row[] rows;

        Syntax(Row... rows) {
            this.rows = rows;
        }
    }

    /** Per byte, the places (bits) where it is unsafe; 0 for every byte that is not ASCII. */
    private final int[] where = new int[256];
    /** Per byte, whether a text must look at it rather than copy it in a run: it is unsafe somewhere in a run. */
    private final boolean[] special = new boolean[256];
    /** Which {@link Escaper} word filter covers every special byte: 0 the narrow one, 1 the wide one, 2 neither. */
    private final int filter;

    /** Whether a heading's text must not end in what reads as its id ({@link Syntax#HEADING_IDS}). */
    private final boolean headingIds;

    private EscapeTable(Set<Syntax> syntaxes) {
        this.headingIds = syntaxes.contains(Syntax.HEADING_IDS);
        for (Syntax s : syntaxes) {
            for (Row r : s.rows) {
                where[r.character()] |= r.where();
            }
        }
        boolean narrow = true;
        boolean wide = true;
        for (int b = 0; b < 256; b++) {
            special[b] = (where[b] & IN_TEXT) != 0;
            if (special[b]) {
                narrow &= Escaper.inNarrowFilter(b);
                wide &= Escaper.inNarrowFilter(b) || Escaper.inWideFilter(b);
            }
        }
        this.filter = narrow ? 0 : wide ? 1 : 2;
    }

    /** The tables of each set of syntaxes asked for so far, by {@link #key}: built once, read only after. */
    private static final EscapeTable[] BUILT = new EscapeTable[1 << Syntax.values().length];

    /** The table of a dialect with extensions on. */
    static EscapeTable of(Dialect dialect, Set<Extension> extensions) {
        int key = 1 << Syntax.COMMONMARK.ordinal();
        for (Extension e : extensions) {
            key |= 1 << syntaxOf(e).ordinal();
        }
        if (dialect == Dialect.MDX) {
            key |= 1 << Syntax.MDX.ordinal();
        }
        EscapeTable table = BUILT[key];
        if (table == null) {
            java.util.EnumSet<Syntax> on = java.util.EnumSet.noneOf(Syntax.class);
            for (Syntax s : Syntax.values()) {
                if ((key & 1 << s.ordinal()) != 0) {
                    on.add(s);
                }
            }
            // Final fields: another thread that sees the table sees it whole; two may build the same one.
            table = BUILT[key] = new EscapeTable(on);
        }
        return table;
    }

    /** The syntax an extension adds: a switch the compiler holds to every extension. */
    private static Syntax syntaxOf(Extension e) {
        return switch (e) {
            case GFM -> Syntax.GFM;
            case MATH -> Syntax.MATH;
            case FRONTMATTER -> Syntax.FRONTMATTER;
            case DIRECTIVE -> Syntax.DIRECTIVE;
            case ALERTS -> Syntax.ALERTS;
            case HEADING_IDS -> Syntax.HEADING_IDS;
            case HTML_COMMENTS -> Syntax.HTML_COMMENTS;
        };
    }

    /** Whether heading ids are read: a heading's text must not end in {@code {#…}}. */
    boolean headingIds() {
        return headingIds;
    }

    /** Per byte, its places (bits); read by index, never written. */
    int[] where() {
        return where;
    }

    /** Per byte, whether a text must look at it; read by index, never written. */
    boolean[] special() {
        return special;
    }

    /** {@link #filter}. */
    int filter() {
        return filter;
    }
}
