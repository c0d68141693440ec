package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.Ocp;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Flavor#MICROMARK} reads the constructs where micromark departs from CommonMark's reference parsers as
 * micromark does (each expectation checked against the npm packages), and {@link Flavor#REFERENCE} as before.
 */
class MicromarkFlavorTest {
    private static final ParseOptions GFM = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);
    private static final ParseOptions MICROMARK = GFM.withFlavor(Flavor.MICROMARK);

    private static String html(String markdown, ParseOptions options) {
        String html = Ocp.toHtml(markdown, options);
        return html.substring(0, html.indexOf('\n'));
    }

    private static void reads(String markdown, String reference, String micromark) {
        assertEquals(reference, html(markdown, GFM), "reference: " + markdown);
        assertEquals(micromark, html(markdown, MICROMARK), "micromark: " + markdown);
    }

    @Test
    void aCharacterBeyondTheBasicPlaneFlanksAsALetter() {
        // micromark classifies UTF-16 code units: an emoji (a symbol, so punctuation to CommonMark) is two surrogates
        reads("a*\uD83D\uDE00*b", "<p>a*\uD83D\uDE00*b</p>", "<p>a<em>\uD83D\uDE00</em>b</p>");
        // and JavaScript's whitespace, U+2028 among it, keeps a run from opening
        reads("a *\u2028b*", "<p>a <em>\u2028b</em></p>", "<p>a *\u2028b*</p>");
    }

    @Test
    void aTildeFlanksAnAsteriskOrUnderscoreRunAsALetter() {
        reads("a*~b~*c", "<p>a*<del>b</del>*c</p>", "<p>a<em><del>b</del></em>c</p>");
    }

    @Test
    void theRuleOfThreeLooksAtWhatIsLeftOfTheRuns() {
        // The opener `**` has one `*` left after the first match: 1 + 2 is a multiple of 3 for micromark, 2 + 2 is
        // not for the reference.
        reads("**a*[_**[", "<p><em><em>a</em>[_</em>*[</p>", "<p>*<em>a</em>[_**[</p>");
    }

    @Test
    void theKindFirstMetIsResolvedFirstAndALinksTextResolvesStrikethroughFirst() {
        // An asterisk run comes first: emphasis is resolved over the whole paragraph, then strikethrough.
        reads("*x* ~a *b~ c*", "<p><em>x</em> <del>a *b</del> c*</p>", "<p><em>x</em> ~a <em>b~ c</em></p>");
        // A tilde run comes first: strikethrough first.
        reads("~a *b~ c*", "<p><del>a *b</del> c*</p>", "<p><del>a *b</del> c*</p>");
        // In a link's text strikethrough comes first, whatever came first around it.
        reads("*x* [*a ~b* c~](u)", "<p><em>x</em> <a href=\"u\"><em>a ~b</em> c~</a></p>",
                "<p><em>x</em> <a href=\"u\">*a <del>b* c</del></a></p>");
    }

    /** The {@code line:column-line:column} of each node of {@code markdown}'s mdast, in document order. */
    private static String positions(String markdown, ParseOptions options) {
        StringBuilder out = new StringBuilder();
        com.google.gson.JsonObject root = com.google.gson.JsonParser.parseString(Ocp.toMdast(markdown, options))
                .getAsJsonObject();
        positions(root, out);
        return out.toString().strip();
    }

    private static void positions(com.google.gson.JsonObject node, StringBuilder out) {
        com.google.gson.JsonObject p = node.getAsJsonObject("position");
        out.append(node.get("type").getAsString()).append(' ')
                .append(p.getAsJsonObject("start").get("line")).append(':').append(p.getAsJsonObject("start").get("column"))
                .append('-').append(p.getAsJsonObject("end").get("line")).append(':')
                .append(p.getAsJsonObject("end").get("column")).append(' ');
        if (node.has("children")) {
            for (com.google.gson.JsonElement child : node.getAsJsonArray("children")) {
                positions(child.getAsJsonObject(), out);
            }
        }
    }

    @Test
    void aFenceNeverClosedThatANewContainerEndsKeepsItsLastLineEnding() {
        // micromark's positions (checked with mdast-util-from-markdown): the fence runs to the next line's start, the
        // containers that end with it to where the new one starts, or, ended by the next item, past its marker
        assertEquals("root 1:1-4:1 list 1:1-3:1 listItem 1:1-3:1 code 1:3-3:1 blockquote 3:1-3:4 paragraph 3:3-3:4"
                + " text 3:3-3:4", positions("- ```\n  a\n> b\n", MICROMARK));
        assertEquals("root 1:1-4:1 list 1:1-3:4 listItem 1:1-3:3 code 1:3-3:1 listItem 3:1-3:4 paragraph 3:3-3:4"
                + " text 3:3-3:4", positions("- ```\n  a\n- b\n", MICROMARK));
        assertEquals("root 1:1-4:1 blockquote 1:1-3:6 list 1:3-3:3 listItem 1:3-3:3 code 1:5-3:1 blockquote 3:3-3:6"
                + " paragraph 3:5-3:6 text 3:5-3:6", positions("> - ```\n>   a\n> > b\n", MICROMARK));
        // Ended by a line that starts no container, or by the reference's reading, it ends with its last line.
        assertEquals("root 1:1-4:1 blockquote 1:1-2:4 code 1:3-2:4 heading 3:1-3:4 text 3:3-3:4",
                positions("> ```\n> a\n# b\n", MICROMARK));
        assertEquals("root 1:1-4:1 list 1:1-2:4 listItem 1:1-2:4 code 1:3-2:4 blockquote 3:1-3:4 paragraph 3:3-3:4"
                + " text 3:3-3:4", positions("- ```\n  a\n> b\n", GFM));
    }

    @Test
    void aLineEndingACodeSpanAttemptCrossedEndsPastTheNextLinesPrefix() {
        // micromark's positions after its attempt at closing "`" crossed the line ending (checked with
        // mdast-util-from-markdown): the break ends past the item's prefix on the next line, at 2:3, not at 2:1
        assertEquals("root 1:1-2:4 list 1:1-2:4 listItem 1:1-2:4 paragraph 1:3-2:4 text 1:3-1:5 break 1:5-2:3"
                + " text 2:3-2:4", positions("* `a\\\n  b", MICROMARK));
        assertEquals("root 1:1-2:4 list 1:1-2:4 listItem 1:1-2:4 paragraph 1:3-2:4 text 1:3-1:4 break 1:4-2:1"
                + " text 2:3-2:4", positions("* a\\\n  b", MICROMARK));
        assertEquals("root 1:1-2:4 list 1:1-2:4 listItem 1:1-2:4 paragraph 1:3-2:4 text 1:3-1:5 break 1:5-2:1"
                + " text 2:3-2:4", positions("* `a\\\n  b", GFM));
    }

    @Test
    void aLineEndingAFailedLinkOrHtmlAttemptCrossedEndsPastTheNextLinesPrefix() {
        // micromark's positions (checked with mdast-util-from-markdown): after "[]", its attempt at a full reference
        // (read whether or not anything is defined) or a resource crossed the line ending; the break ends past the
        // item's prefix, at 2:3, where the reference's reading ends it at 2:1
        assertEquals("root 1:1-2:4 list 1:1-2:4 listItem 1:1-2:4 paragraph 1:3-2:4 text 1:3-1:6 break 1:6-2:3"
                + " text 2:3-2:4", positions("- [][  \n  ~", MICROMARK));
        assertEquals("root 1:1-2:4 list 1:1-2:4 listItem 1:1-2:4 paragraph 1:3-2:4 text 1:3-1:6 break 1:6-2:1"
                + " text 2:3-2:4", positions("- [][  \n  ~", GFM));
        assertEquals("root 1:1-2:4 list 1:1-2:4 listItem 1:1-2:4 paragraph 1:3-2:4 text 1:3-1:6 break 1:6-2:3"
                + " text 2:3-2:4", positions("- [](  \n  ~", MICROMARK));
        // Only up to where the attempt stopped: the label's "]" here, so the second break ends at 3:1.
        assertEquals("root 1:1-3:4 list 1:1-3:4 listItem 1:1-3:4 paragraph 1:3-3:4 text 1:3-1:7 break 1:7-2:3"
                + " text 2:3-2:5 break 2:5-3:1 text 3:3-3:4", positions("- [][a  \n  b]  \n  c", MICROMARK));
        // So do its attempts at raw HTML: a tag up to where it failed, an instruction (a comment, a declaration,
        // CDATA) that found no end to the paragraph's end.
        assertEquals("root 1:1-2:4 list 1:1-2:4 listItem 1:1-2:4 paragraph 1:3-2:4 text 1:3-1:6 break 1:6-2:3"
                + " text 2:3-2:4", positions("- </a  \n  b", MICROMARK));
        assertEquals("root 1:1-2:4 list 1:1-2:4 listItem 1:1-2:4 paragraph 1:3-2:4 text 1:3-1:6 break 1:6-2:3"
                + " text 2:3-2:4", positions("- |<?  \n  b", MICROMARK));
        assertEquals("root 1:1-2:4 list 1:1-2:4 listItem 1:1-2:4 paragraph 1:3-2:4 text 1:3-1:6 break 1:6-2:1"
                + " text 2:3-2:4", positions("- |<?  \n  b", GFM));
    }

    @Test
    void aListInTheContainerOfIndentedCodeNoLeafFollowedStartsAsIfItInterrupted() {
        // micromark's flow still has the code as its construct: no empty item, no ordered start but 1
        assertEquals("root 1:1-3:1 code 1:1-1:6 paragraph 2:1-2:2 text 2:1-2:2", positions("    a\n-\n", MICROMARK));
        assertEquals("root 1:1-4:1 code 1:1-1:6 blockquote 3:1-3:4 paragraph 3:3-3:4 text 3:3-3:4",
                positions("    a\n\n> -\n", MICROMARK));
        assertEquals("root 1:1-3:1 code 1:1-1:6 paragraph 2:1-2:5 text 2:1-2:5", positions("    a\n2. b\n", MICROMARK));
        // The code's container closed, or another leaf came between, or the reference's reading: a list.
        assertEquals("root 1:1-5:1 blockquote 1:1-3:8 paragraph 1:3-1:4 text 1:3-1:4 code 3:3-3:8 list 4:1-4:2"
                + " listItem 4:1-4:2", positions("> a\n>\n>     b\n-\n", MICROMARK));
        assertEquals("root 1:1-6:1 code 1:1-1:6 heading 3:1-3:4 text 3:3-3:4 list 5:1-5:2 listItem 5:1-5:2",
                positions("    a\n\n# h\n\n-\n", MICROMARK));
        assertEquals("root 1:1-3:1 code 1:1-1:6 list 2:1-2:2 listItem 2:1-2:2", positions("    a\n-\n", GFM));
    }

    @Test
    void numericReferencesToControlsAndNoncharactersAreTheReplacementCharacter() {
        // micromark-util-decode-numeric-character-reference: CommonMark keeps all but 0, surrogates and > U+10FFFF
        reads("a&#xFFFE;b&#127;c&#x1FFFF;d&#9;e [x](&#1;)",
                "<p>a\uFFFEb\u007Fc\uD83F\uDFFFd\te <a href=\"%01\">x</a></p>",
                "<p>a\uFFFDb\uFFFDc\uFFFDd\te <a href=\"%EF%BF%BD\">x</a></p>");
    }

    @Test
    void aPathEndsBeforeABracketThatOnlyTrailingPunctuationFollows() {
        reads("www.a.b] x", "<p><a href=\"http://www.a.b%5D\">www.a.b]</a> x</p>",
                "<p><a href=\"http://www.a.b\">www.a.b</a>] x</p>");
        reads("http://a.b/c](d", "<p><a href=\"http://a.b/c%5D(d\">http://a.b/c](d</a></p>",
                "<p><a href=\"http://a.b/c\">http://a.b/c</a>](d</p>");
        // Inside a path a bracket stays when something other than trailing punctuation follows it.
        reads("http://a.b/c]d", "<p><a href=\"http://a.b/c%5Dd\">http://a.b/c]d</a></p>",
                "<p><a href=\"http://a.b/c%5Dd\">http://a.b/c]d</a></p>");
    }

    @Test
    void wwwInAnyCaseAfterBracketsButNoFtp() {
        reads("Www.a.b", "<p>Www.a.b</p>", "<p><a href=\"http://Www.a.b\">Www.a.b</a></p>");
        reads("x]www.a.b", "<p>x]www.a.b</p>", "<p>x]<a href=\"http://www.a.b\">www.a.b</a></p>");
        reads("ftp://a.b", "<p><a href=\"ftp://a.b\">ftp://a.b</a></p>", "<p>ftp://a.b</p>");
        // A form feed is whitespace to cmark-gfm, not to micromark's literal.
        reads("x\fwww.a.b", "<p>x\f<a href=\"http://www.a.b\">www.a.b</a></p>", "<p>x\fwww.a.b</p>");
    }

    @Test
    void emailAddressesAsMicromarkTakesThem() {
        // An underscore run may start the address (micromark tries the literal before emphasis).
        reads("x _a@b.c", "<p>x _<a href=\"mailto:a@b.c\">a@b.c</a></p>",
                "<p>x <a href=\"mailto:_a@b.c\">_a@b.c</a></p>");
        // No protocol forms: the address after them is linked alone.
        reads("mailto:a@b.c", "<p><a href=\"mailto:a@b.c\">mailto:a@b.c</a></p>",
                "<p>mailto:<a href=\"mailto:a@b.c\">a@b.c</a></p>");
        // An address is tried before a www literal where both could start.
        reads("www.a.b@c.d", "<p><a href=\"http://www.a.b@c.d\">www.a.b@c.d</a></p>",
                "<p><a href=\"mailto:www.a.b@c.d\">www.a.b@c.d</a></p>");
        // A local part that an escaped character precedes is no address.
        reads("a\\+b@c.d", "<p>a+<a href=\"mailto:b@c.d\">b@c.d</a></p>", "<p>a+b@c.d</p>");
    }

    @Test
    void footnoteLabelsTakeEscapedBracketsAndNoWhitespace() {
        String call = "<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup>";
        // For the reference reading the label is no footnote's, and the line defines a link.
        reads("Call.[^a\\]b].\n\n[^a\\]b]: y", "<p>Call.<a href=\"y\">^a]b</a>.</p>", "<p>Call." + call + ".</p>");
        reads("[^ w]\n\n[^w]: x", "<p>" + call + "</p>", "<p>[^ w]</p>");
    }

    @Test
    void aBracketAfterTheTextThatOpensNoReferenceLeavesNoShortcut() {
        reads("[x][ ]\n\n[x]: /u", "<p><a href=\"/u\">x</a>[ ]</p>", "<p>[x][ ]</p>");
        reads("[x][]\n\n[x]: /u", "<p><a href=\"/u\">x</a></p>", "<p><a href=\"/u\">x</a></p>");
    }

    @Test
    void labelsMatchByJavaScriptsCaseMapping() {
        reads("[\u0131]: /u\n\n[I]", "<p>[I]</p>", "<p><a href=\"/u\">I</a></p>");
        reads("[K]: /u\n\n[\u212A]", "<p><a href=\"/u\">\u212A</a></p>", "<p><a href=\"/u\">\u212A</a></p>");
    }

    @Test
    void aTitleInParenthesesMayHoldAParenthesis() {
        // micromark ends it at the first unescaped `)`; CommonMark's title may not hold an unescaped `(`
        reads("[a](b (c(d))", "<p>[a](b (c(d))</p>", "<p><a href=\"b\" title=\"c(d\">a</a></p>");
        reads("[x]: y (c(d)\n\n[x]", "<p>[x]: y (c(d)</p>", "<p><a href=\"y\" title=\"c(d\">x</a></p>");
        // a run of unclosed ones is read once: each title starting inside the last one ends where it ended
        String run = "[a](b (".repeat(20_000);
        assertEquals(html(run, GFM).length(), html(run, MICROMARK).length());
    }

    @Test
    void aTagAloneAboveADelimiterRowIsAnHtmlBlock() {
        // micromark's table check ends the paragraph; then htmlFlow, tried first at a '<', takes the line
        assertEquals("<p>a</p>\n<x>\n:-\n<p>c</p>\n", Ocp.toHtml("a\n<x>\n:-\n\nc", MICROMARK));
        assertEquals("<p>a</p>\n<table>\n<thead>\n<tr>\n<th align=\"left\"><x></th>\n</tr>\n</thead>\n</table>\n"
                + "<p>c</p>\n", Ocp.toHtml("a\n<x>\n:-\n\nc", GFM));
        // more than the tag on the line: a table in both
        assertTrue(Ocp.toHtml("a\n<x> | b\n:- | -", MICROMARK).contains("<table>"));
    }

    @Test
    void indentedCodeOpenedOnALazyLineEndsWithIt() {
        // the line closes the block quote and opens no container: micromark's indented code stops at its end
        String both = Ocp.toHtml("> ```\n> x\n> ```\n    code\n    more", GFM);
        String micromark = Ocp.toHtml("> ```\n> x\n> ```\n    code\n    more", MICROMARK);
        assertEquals("<blockquote>\n<pre><code>x\n</code></pre>\n</blockquote>\n<pre><code>code\nmore\n</code></pre>\n", both);
        assertEquals("<blockquote>\n<pre><code>x\n</code></pre>\n</blockquote>\n<pre><code>code\n</code></pre>\n"
                + "<pre><code>more\n</code></pre>\n", micromark);
    }

    @Test
    void aFrontmatterFenceNeverClosedLeavesTheDocumentWithoutContainers() {
        // micromark's frontmatter is concrete: while it is open no container starts; it fails at the end
        ParseOptions frontmatter = GFM.withExtensions(Extension.GFM, Extension.FRONTMATTER);
        assertEquals("<hr />\n<ul>\n<li>a</li>\n</ul>\n<blockquote>\n<p>b</p>\n</blockquote>\n",
                Ocp.toHtml("---\n- a\n> b\n", frontmatter));
        assertEquals("<hr />\n<p>- a\n&gt; b</p>\n",
                Ocp.toHtml("---\n- a\n> b\n", frontmatter.withFlavor(Flavor.MICROMARK)));
        // closed, it is frontmatter, and the rest has its containers
        assertEquals("<ul>\n<li>a</li>\n</ul>\n",
                Ocp.toHtml("---\nx: 1\n---\n- a\n", frontmatter.withFlavor(Flavor.MICROMARK)));
    }

    @Test
    void theInterruptFlagHoldsForEveryContainerALineOpens() {
        reads("a\n> 2. b\n", "<p>a</p>", "<p>a</p>");
        assertEquals("<p>a</p>\n<blockquote>\n<p>2. b</p>\n</blockquote>\n", Ocp.toHtml("a\n> 2. b\n", MICROMARK));
        assertEquals("<p>a</p>\n<ul>\n<li>-</li>\n</ul>\n", Ocp.toHtml("a\n- -\n", MICROMARK));
        assertEquals("<p>a</p>\n<ul>\n<li>\n<ul>\n<li></li>\n</ul>\n</li>\n</ul>\n", Ocp.toHtml("a\n- -\n", GFM));
        // only the one digit 1 interrupts
        reads("x\n01. a\n", "<p>x</p>", "<p>x");
        reads("x\n1. a\n", "<p>x</p>", "<p>x</p>");
    }

    @Test
    void aTableRowsEscapeTakesABackslashOrAPipeAndItsWhitespaceIsSpacesAndTabs() {
        reads("a \\\\| b\n| - |\n", "<table>", "<p>a \\| b");
        reads("\\\\| a |\n| - | - |\n", "<p>\\| a |", "<table>");
        assertTrue(Ocp.toMdast("| a |\n| - |\n| \fb |\n", MICROMARK).contains("\"value\":\"\\fb\""));
        assertTrue(Ocp.toMdast("| a |\n| - |\n| \fb |\n", GFM).contains("\"value\":\"b\""));
    }

    @Test
    void containersANewBlockEndsEndWhereMdastsWalkBackStops() {
        // in a footnote, its indentation stops the walk: the item runs past the next item's marker
        assertEquals("root 1:1-4:1 footnoteDefinition 1:1-3:8 paragraph 1:7-1:8 text 1:7-1:8 list 2:5-3:8"
                + " listItem 2:5-3:7 paragraph 2:7-2:8 text 2:7-2:8 listItem 3:5-3:8 paragraph 3:7-3:8 text 3:7-3:8",
                positions("[^1]: x\n    - a\n    - b\n", MICROMARK));
        // in a block quote, past the line's > and the space after it, not into the new block's indentation
        assertEquals("root 1:1-3:1 blockquote 1:1-2:7 list 1:3-2:3 listItem 1:3-1:6 paragraph 1:5-1:6 text 1:5-1:6"
                + " list 2:4-2:7 listItem 2:4-2:7 paragraph 2:6-2:7 text 2:6-2:7",
                positions("> - a\n>  + b\n", MICROMARK));
    }

    private static final ParseOptions MDX = ParseOptions.of(Dialect.MDX, Extension.GFM);
    private static final ParseOptions MDX_MICROMARK = MDX.withFlavor(Flavor.MICROMARK);

    /** The reason of the syntax error {@code markdown} fails with, without its place, or "parses". */
    private static String error(String markdown, ParseOptions options) {
        try {
            Ocp.toMdast(markdown, options);
            return "parses";
        } catch (OcpException e) {
            return e.syntaxError().reason().replaceAll(" \\(\\d+:\\d+\\)", "");
        }
    }

    private static void rejects(String markdown, String reference, String micromark) {
        assertEquals(reference, error(markdown, MDX), "reference: " + markdown);
        assertEquals(micromark, error(markdown, MDX_MICROMARK), "micromark: " + markdown);
    }

    @Test
    void errorsOfTheReadingComeBeforeErrorsOfTheTree() {
        // Both read the whole document before they match tags: the expression that never ends, later, wins.
        String eof = "Unexpected end of file in expression, expected a corresponding closing brace for `{`";
        rejects("</a>\n\n{a", eof, eof);
        rejects("a </b> c\n\n<x>\n\n{a", eof, eof);
        // Of the tree's errors the first in document order wins, a paragraph's before a later flow tag's.
        String slash = "Unexpected closing slash `/` in tag, expected an open tag first";
        rejects("a </b> c\n\n</x>", slash, slash);
        rejects("a <b> c\n\n</x>", "Expected a closing tag for `<b>` before the end of `Paragraph`",
                "Expected a closing tag for `<b>` before the end of `paragraph`");
        // An element left open in an emphasis fails where the emphasis ends.
        rejects("*<a>* b", "Expected a closing tag for `<a>` before the end of `Emphasis`",
                "Expected a closing tag for `<a>` before the end of `emphasis`");
    }

    @Test
    void messagesInMicromarksWords() {
        rejects("> <a\nb>", "Unexpected lazy line in jsx in container, expected line to be prefixed with `>` when in a"
                + " block quote, whitespace when in a list, etc", "Unexpected lazy line in container, expected line to"
                + " be prefixed with `>` when in a block quote, whitespace when in a list, etc");
        rejects("<a>*b</a>*", "Expected the closing tag `</a>` either before the start of `Emphasis`, or another opening"
                + " tag after that start", "Expected the closing tag `</a>` either after the end of `emphasis` or"
                + " another opening tag after the start of `emphasis`");
    }

    @Test
    void theEndOfTheInputInsideATagFails() {
        rejects("a <b", "parses", "Unexpected end of file in name, expected a name character such as letters, digits,"
                + " `$`, or `_`; whitespace before attributes; or the end of the tag");
        // the spaces that end a paragraph are whitespace to micromark's text
        rejects("a <b \n\nc", "parses", "Unexpected end of file after name, expected a character that can start an"
                + " attribute name, such as a letter, `$`, or `_`; whitespace before attributes; or the end of the tag");
        rejects("a < ", "parses", "parses");
        rejects("a <", "parses", "Unexpected end of file before name, expected a character that can start a name, such"
                + " as a letter, `$`, or `_`");
    }

    @Test
    void aLessThanSignThatEndsItsLineStartsNoTagWhateverTheNextLine() {
        // (the next line is lazy: read as a tag, it would fail)
        rejects("[^1]: <\ns", "parses", "parses");
        rejects("> <\ns", "parses", "parses");
    }
}
