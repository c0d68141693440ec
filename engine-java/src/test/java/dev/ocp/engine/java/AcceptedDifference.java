package dev.ocp.engine.java;

import static dev.ocp.engine.java.SourceLines.lineAfter;
import static dev.ocp.engine.java.SourceLines.lineStart;

import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.spi.OcpFormat;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The differences between the {@code java} engine's HTML and commonmark-java 0.24.0's that differential testing
 * accepts, each for a reason given in {@code docs/conformance.md} with the spec section behind it, and each
 * matched as narrowly as it can be:
 * <ul>
 *   <li>an <em>oracle fix</em> corrects one specific error of commonmark-java in its syntax tree before it is
 *       rendered (the tree, with source spans, holds what is needed to tell the error from correct output), so
 *       the rest of the document is still compared as it is;</li>
 *   <li>an <em>input rewrite</em>, for differences that change the block structure or swallow text, rewrites
 *       only the construct that triggers the difference, in a way both parsers read alike; the rewritten
 *       document must then agree everywhere.</li>
 * </ul>
 * Oracle fixes come first in the declaration order, input rewrites after them. Every entry carries a minimal
 * example with both outputs, which a test pins, so that an entry that stops being true (a commonmark-java
 * upgrade, a change of ours) is noticed and removed. Where commonmark-java is wrong it cannot check us: in a
 * document that needs a rewrite, the rewritten construct is checked by the spec examples and unit tests only.
 */
enum AcceptedDifference {
    /**
     * commonmark-java remembers the trailing spaces of the last line that ended in plain text; a later line
     * that ends in something else (a lone backtick, a bracket, an entity, a link, raw HTML) then ends in a hard
     * break when that earlier line had one.
     */
    STALE_HARD_BREAK("6.7 Hard line breaks, 6.8 Soft line breaks", "a  \nb`\nc",
            "<p>a<br />\nb`\nc</p>\n", "<p>a<br />\nb`<br />\nc</p>\n") {
        @Override
        boolean fixOracle(Node document, String input) {
            boolean changed = false;
            for (Node block : descendants(document)) {
                if (block instanceof Paragraph || block instanceof Heading) {
                    changed |= fixBreaks(block, input);
                }
            }
            return changed;
        }

        /**
         * A hard break from trailing spaces (commonmark-java gives those no span) needs two spaces at the end of
         * its line: the line of the last source position before it, tracked through the spans met in document
         * order (a node's start on entering it, its end on leaving it).
         */
        private boolean fixBreaks(Node block, String input) {
            int[] line = {-1};
            return walkBreaks(block, block, input, line);
        }

        private boolean walkBreaks(Node block, Node parent, String input, int[] line) {
            boolean changed = false;
            for (Node n = parent.getFirstChild(); n != null; ) {
                Node next = n.getNext();
                List<SourceSpan> spans = n.getSourceSpans();
                if (n instanceof HardLineBreak && spans.isEmpty() && line[0] >= 0) {
                    SourceSpan span = spanOfLine(block, line[0]);
                    if (span != null && !input.startsWith("  ", span.getInputIndex() + span.getLength() - 2)) {
                        n.insertAfter(new SoftLineBreak());
                        n.unlink();
                        changed = true;
                    }
                } else if (!spans.isEmpty()) {
                    line[0] = Math.max(line[0], spans.get(0).getLineIndex());
                    changed |= walkBreaks(block, n, input, line);
                    line[0] = Math.max(line[0], spans.get(spans.size() - 1).getLineIndex());
                } else {
                    changed |= walkBreaks(block, n, input, line);
                }
                n = next;
            }
            return changed;
        }
    },

    /**
     * The alt text of an image is the plain string content of its description (6.4); cmark and commonmark.js
     * include the text of code spans and the source of raw HTML, commonmark-java leaves both out.
     */
    ALT_TEXT_OF_CODE_AND_HTML("6.4 Images", "![a `b` <i>c</i>](/u)",
            "<p><img src=\"/u\" alt=\"a b &lt;i&gt;c&lt;/i&gt;\" /></p>\n",
            "<p><img src=\"/u\" alt=\"a  c\" /></p>\n") {
        @Override
        boolean fixOracle(Node document, String input) {
            boolean changed = false;
            for (Node image : descendants(document)) {
                if (!(image instanceof Image)) {
                    continue;
                }
                for (Node n : descendants(image)) {
                    String literal = n instanceof Code ? ((Code) n).getLiteral()
                            : n instanceof HtmlInline ? ((HtmlInline) n).getLiteral() : null;
                    if (literal != null) {
                        n.insertAfter(new Text(literal));
                        n.unlink();
                        changed = true;
                    }
                }
            }
            return changed;
        }
    },

    /**
     * A numeric character reference to a surrogate (U+D800 to U+DFFF) is not a valid code point and becomes
     * U+FFFD (6.2); commonmark-java writes the lone surrogate.
     */
    SURROGATE_REFERENCE("6.2 Entity and numeric character references", "&#xD800;",
            "<p>\uFFFD</p>\n", "<p>\uD800</p>\n") {
        @Override
        boolean fixOracle(Node document, String input) {
            boolean changed = false;
            for (Node n : descendants(document)) {
                if (n instanceof Text) {
                    Text t = (Text) n;
                    String s = replaceLoneSurrogates(t.getLiteral());
                    changed |= !s.equals(t.getLiteral());
                    t.setLiteral(s);
                } else if (n instanceof Link || n instanceof Image) {
                    String destination = n instanceof Link ? ((Link) n).getDestination() : ((Image) n).getDestination();
                    String title = n instanceof Link ? ((Link) n).getTitle() : ((Image) n).getTitle();
                    String d = replaceLoneSurrogates(destination);
                    String t = title == null ? null : replaceLoneSurrogates(title);
                    changed |= !d.equals(destination) || t != null && !t.equals(title);
                    if (n instanceof Link) {
                        ((Link) n).setDestination(d);
                        ((Link) n).setTitle(t);
                    } else {
                        ((Image) n).setDestination(d);
                        ((Image) n).setTitle(t);
                    }
                } else if (n instanceof FencedCodeBlock) {
                    FencedCodeBlock f = (FencedCodeBlock) n;
                    String s = replaceLoneSurrogates(f.getInfo());
                    changed |= !s.equals(f.getInfo());
                    f.setInfo(s);
                }
            }
            return changed;
        }
    },

    /**
     * The language of a fenced code block is the first word of its (decoded) info string; cmark and
     * commonmark.js end the word at any ASCII whitespace, commonmark-java only at a space, and it writes an
     * empty {@code language-} class when the info string starts with a space (as {@code &#32;} can make it),
     * where commonmark.js, as we do, writes none. The fix gives commonmark-java the first word as its info.
     */
    INFO_STRING_WORD("4.5 Fenced code blocks", "```ruby\tx\n```",
            "<pre><code class=\"language-ruby\"></code></pre>\n",
            "<pre><code class=\"language-ruby\tx\"></code></pre>\n") {
        @Override
        boolean fixOracle(Node document, String input) {
            boolean changed = false;
            for (Node n : descendants(document)) {
                if (n instanceof FencedCodeBlock) {
                    FencedCodeBlock f = (FencedCodeBlock) n;
                    String info = f.getInfo();
                    int word = 0;
                    while (word < info.length() && " \t\n\r\f\u000b".indexOf(info.charAt(word)) < 0) {
                        word++;
                    }
                    if (word < info.length() && info.indexOf(' ') != word) {
                        f.setInfo(info.substring(0, word));
                        changed = true;
                    }
                }
            }
            return changed;
        }
    },

    /**
     * A list is loose when its items, or two blocks directly in one item, are separated by a blank line (5.3).
     * commonmark-java misses a blank line that follows a block other than a paragraph in an item (a heading,
     * code, an HTML block, a thematic break still open when the blank line comes); it counts a blank line inside
     * a fenced code block that its item's end left unclosed as one between items, and one anywhere inside a
     * nested list as one between the blocks of the item holding it. The fix recomputes looseness from the
     * lines of commonmark-java's blocks, but only for a list that shows one of those patterns.
     */
    LOOSENESS_AROUND_NON_PARAGRAPHS("5.3 Lists (loose and tight)", "- # h\n\n  b",
            "<ul>\n<li>\n<h1>h</h1>\n<p>b</p>\n</li>\n</ul>\n", "<ul>\n<li>\n<h1>h</h1>\nb</li>\n</ul>\n") {
        @Override
        boolean fixOracle(Node document, String input) {
            boolean changed = false;
            for (Node n : descendants(document)) {
                if (n instanceof ListBlock) {
                    ListBlock list = (ListBlock) n;
                    int verdict = Looseness.verdict(list);
                    if (verdict != 0 && (verdict > 0) == list.isTight()) {
                        list.setTight(verdict < 0);
                        changed = true;
                    }
                }
            }
            return changed;
        }
    },

    /**
     * {@code [ ]} is not a link label (it holds no non-whitespace character), so {@code [foo][ ]} is the shortcut
     * reference {@code [foo]} followed by the text {@code [ ]} (6.3). commonmark-java and commonmark.js make no
     * link; cmark makes the link and drops the {@code [ ]}.
     */
    BLANK_LABEL_AFTER_SHORTCUT("6.3 Links (shortcut reference links, link labels)", "[foo][ ]\n\n[foo]: /u",
            "<p><a href=\"/u\">foo</a>[ ]</p>\n", "<p>[foo][ ]</p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return BLANK_LABEL.matcher(input).replaceAll("] [ ]");
        }
    },

    /**
     * A link destination may hold parentheses only in balanced pairs (6.3); commonmark-java accepts an unclosed
     * {@code (} when the destination ends at a space, a line ending or the end of the input. Rewritten: each
     * unclosed {@code (} of a destination after {@code ](} or {@code ]:} is escaped.
     */
    UNBALANCED_DESTINATION("6.3 Links (link destination)", "[a](b(c \"t\")",
            "<p>[a](b(c &quot;t&quot;)</p>\n", "<p><a href=\"b(c\" title=\"t\">a</a></p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return escapeUnclosedParens(input);
        }
    },

    /**
     * Where block structure consumes part of a tab (a block quote's optional space, a list item's or a code
     * fence's indentation), the rest of the tab counts as spaces (2.2); commonmark-java keeps the whole tab in
     * the content. Rewritten: tabs among a line's leading indentation and container markers become the spaces
     * they stand for, which changes nothing in the block structure.
     */
    PARTLY_CONSUMED_TAB("2.2 Tabs", ">\t<b>",
            "<blockquote>\n  <b>\n</blockquote>\n", "<blockquote>\n\t<b>\n</blockquote>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return expandLeadingTabs(input);
        }
    },

    /**
     * A blank line inside a list item keeps the whitespace past the item's content indentation, as content of
     * a code block there ({@code 1. ```} then a line of four spaces holds one space), as cmark does: the item's
     * lines are its content indented (5.2). commonmark.js and commonmark-java drop all of a blank line's
     * whitespace in a list item. Rewritten: inside list items, whitespace-only lines (after any block quote
     * markers) lose that whitespace.
     */
    BLANK_LINE_INDENTATION_IN_ITEM("5.2 List items (rule 1 and blank lines)", "1. ```\n    \n   ```",
            "<ol>\n<li>\n<pre><code> \n</code></pre>\n</li>\n</ol>\n",
            "<ol>\n<li>\n<pre><code>\n</code></pre>\n</li>\n</ol>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return emptyBlankLinesInItems(input, engine);
        }
    },

    /**
     * An HTML block of types 1 to 5 without its end condition runs to the end of its container, blank lines
     * included (4.6), as in cmark and commonmark.js; commonmark-java drops the empty lines at its end.
     * Rewritten: those lines are removed from the input.
     */
    HTML_BLOCK_TRAILING_BLANK_LINES("4.6 HTML blocks", "> <!--\n>\n",
            "<blockquote>\n<!--\n\n</blockquote>\n", "<blockquote>\n<!--\n</blockquote>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return removeTrailingBlankLinesOfHtmlBlocks(input, engine);
        }
    },

    /**
     * Link reference definitions are taken off a paragraph when it closes (4.7), so a line after a definition
     * continues the paragraph unless it can interrupt one: {@code [a]: /u} then {@code 2)} is a definition and
     * the paragraph "2)". commonmark-java takes definitions off as it goes and then starts a block that cannot
     * interrupt a paragraph (here an empty list item). Rewritten: a blank line (with the block quote markers of
     * the definition's line) goes between such a definition and the paragraph after it, when that paragraph
     * does not start like a title.
     */
    BLOCK_AFTER_DEFINITION("4.7 Link reference definitions, 4.8 Paragraphs", "[a]: /u\n2)",
            "<p>2)</p>\n", "<ol start=\"2\">\n<li></li>\n</ol>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return separateDefinitionsFromParagraphs(input, engine, false);
        }
    },

    /**
     * A link title may span lines but must be closed (6.3), so after {@code [a]: /u} a line {@code "t} that never
     * closes is no title: the definition ends with its destination and {@code "t} is a paragraph (4.7).
     * commonmark-java takes an unclosed title that runs to the end of the paragraph as the title. Rewritten: a
     * blank line goes between such a definition and the paragraph after it.
     */
    UNCLOSED_TITLE_AFTER_DEFINITION("4.7 Link reference definitions, 6.3 Links (link title)", "[a]: /u\n\"t\n\n[a]",
            "<p>&quot;t</p>\n<p><a href=\"/u\">a</a></p>\n",
            "<p>&quot;t</p>\n<p><a href=\"/u\" title=\"t\n\">a</a></p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return separateDefinitionsFromParagraphs(input, engine, true);
        }
    },

    /**
     * The info string of a backtick fence may hold any character but a backtick (4.5); commonmark-java does
     * not open a fence whose info string holds a tilde. Rewritten: tildes in such an info string become dashes.
     */
    TILDE_IN_BACKTICK_INFO("4.5 Fenced code blocks", "```~\n```",
            "<pre><code class=\"language-~\"></code></pre>\n", "<p>```~</p>\n<pre><code></code></pre>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return replaceInInfo(input, engine, '`', '~');
        }
    },

    /**
     * Only a backtick fence's info string may not hold backticks (4.5): a tilde fence's may. commonmark-java does
     * not open a tilde fence whose info string holds a backtick. Rewritten: backticks in such an info string become
     * dashes.
     */
    BACKTICK_IN_TILDE_INFO("4.5 Fenced code blocks", "~~~`\n~~~",
            "<pre><code class=\"language-`\"></code></pre>\n", "<p>~~~`</p>\n<pre><code></code></pre>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return replaceInInfo(input, engine, '~', '`');
        }
    },

    /**
     * 0.31 made a declaration {@code <!} and any ASCII letter (before: an uppercase letter, and inline a name
     * and whitespace), as HTML block start condition 4 (4.6) and as raw HTML (6.6); commonmark-java keeps the
     * older rules. Rewritten: the {@code !} of {@code <!} before a letter is escaped, which makes it text for both.
     */
    DECLARATION_RULE_OF_0_31("4.6 HTML blocks (condition 4), 6.6 Raw HTML (declaration)", "<!x>",
            "<!x>\n", "<p>&lt;!x&gt;</p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return DECLARATION.matcher(input).replaceAll("<\\\\!$1");
        }
    },

    /**
     * A processing instruction is {@code <?}, any text without {@code ?>}, then {@code ?>} (6.6); commonmark-java
     * misses the end when a {@code ?} comes just before it ({@code <??>}, {@code <?a??>}). Rewritten: a space
     * goes between the two question marks.
     */
    QUESTION_MARK_BEFORE_PI_END("6.6 Raw HTML (processing instruction)", "a <??>",
            "<p>a <??></p>\n", "<p>a &lt;??&gt;</p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return input.replace("??>", "? ?>");
        }
    },

    /**
     * 0.31 strips and skips only spaces and tabs where earlier versions said whitespace, which included line
     * tabulation (U+000B) and form feed (U+000C): around heading and paragraph content (4.2, 4.8), before a
     * link destination (6.3), around an info string (4.5). commonmark-java still treats the two as whitespace
     * in some of those places. Rewritten: both become U+007F, a control character like them that no version
     * treats as whitespace (and that, unlike U+0001, Java's {@code String.trim} leaves alone).
     */
    LINE_TABULATION_AND_FORM_FEED("4.2 ATX headings, 4.5 Fenced code blocks, 4.8 Paragraphs, 6.3 Links",
            "# \u000b", "<h1>\u000b</h1>\n", "<h1></h1>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return input.replace('\u000b', '\u007f').replace('\u000c', '\u007f');
        }
    },

    /**
     * A byte order mark at the start of the input is not content (the spec does not say; cmark skips it, and
     * cmark's regression tests hold it to that, see cmark-regression.txt, issue 334); commonmark-java keeps it
     * as text, so a byte order mark then {@code # Hi} is no heading there. Rewritten: the leading byte order mark is dropped.
     */
    LEADING_BYTE_ORDER_MARK("2.1 Characters and lines (a byte order mark is not mentioned)", "\uFEFF# Hi",
            "<h1>Hi</h1>\n", "<p>\uFEFF# Hi</p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return input.startsWith("\uFEFF") ? input.substring(1) : input;
        }
    },

    /**
     * Only ASCII control characters end a link destination (6.3); commonmark-java also stops at the C1 controls
     * U+0080 to U+009F (Java's {@code isISOControl}), such as U+0085 in {@code [](...)}. Rewritten: C1 controls in
     * destinations become {@code x}.
     */
    C1_CONTROL_IN_DESTINATION("6.3 Links (link destination)", "[](\u0085)",
            "<p><a href=\"%C2%85\"></a></p>\n", "<p>[](\u0085)</p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return rewriteDestinations(input, false);
        }
    },
    /**
     * A link reference definition ends with its line after the destination or the title: "no further character
     * may occur" (4.7), so {@code [x]:y [z]:w} is a paragraph. commonmark-java, meeting a {@code [} after the
     * destination, drops what came before and reads a new definition from there. Rewritten: that {@code [} is
     * escaped.
     */
    DEFINITION_RESTARTED_MID_LINE("4.7 Link reference definitions", "[x]:y [z]:w\n\n[z]",
            "<p>[x]:y [z]:w</p>\n<p>[z]</p>\n", "<p><a href=\"w\">z</a></p>\n") {
        @Override
        String rewrite(String input, OcpEngine engine) {
            return SECOND_DEFINITION_ON_LINE.matcher(input).replaceAll("$1\\\\[");
        }
    },
    ;

    private static final java.util.regex.Pattern SECOND_DEFINITION_ON_LINE =
            java.util.regex.Pattern.compile("(\\]:[ \\t]*[^ \\t\\r\\n]+[ \\t]+)\\[");
    private static final java.util.regex.Pattern DECLARATION = java.util.regex.Pattern.compile("<!([A-Za-z])");
    private static final java.util.regex.Pattern BLANK_LABEL =
            java.util.regex.Pattern.compile("\\]\\[[ \\t]*(?:\\r\\n|\\r|\\n)?[ \\t]*\\]");

    /** The spec section(s) that justify our side. */
    final String section;
    /** A minimal input that shows the difference. */
    final String example;
    /** Our HTML for {@link #example}. */
    final String ours;
    /** commonmark-java's HTML for {@link #example}. */
    final String theirs;

    AcceptedDifference(String section, String example, String ours, String theirs) {
        this.section = section;
        this.example = example;
        this.ours = ours;
        this.theirs = theirs;
    }

    /**
     * Corrects this error in commonmark-java's tree of {@code input} (parsed with source spans).
     *
     * @return whether anything changed
     */
    boolean fixOracle(Node document, String input) {
        return false;
    }

    /**
     * @param engine the {@code java} engine, for rewrites that find the construct through our tree
     * @return {@code input} with the construct behind this difference rewritten; the input itself if it has none
     */
    String rewrite(String input, OcpEngine engine) {
        return input;
    }

    /** @return whether this entry corrects commonmark-java's tree rather than rewriting the input */
    boolean isOracleFix() {
        return ordinal() < FIRST_REWRITE.ordinal();
    }

    /** The first input rewrite in declaration order; every entry before it is an oracle fix. */
    private static final AcceptedDifference FIRST_REWRITE = BLANK_LABEL_AFTER_SHORTCUT;

    // ---- input rewrites ----

    static String escapeUnclosedParens(String input) {
        return rewriteDestinations(input, true);
    }

    /**
     * Scans every link destination candidate after {@code ](} or {@code ]:}: with {@code parens}, escapes each
     * unclosed {@code (} in it; without, replaces C1 control characters in it by {@code x}.
     */
    private static String rewriteDestinations(String input, boolean parens) {
        // Candidates may nest (a footnote definition's "[^a]:" before a definition "[b]: ("): every "](" and "]:"
        // is scanned, and the edits are applied once each, in order.
        java.util.TreeSet<Integer> allEdits = new java.util.TreeSet<>();
        for (int i = 0; i + 1 < input.length(); i++) {
            if (input.charAt(i) != ']' || input.charAt(i + 1) != '(' && input.charAt(i + 1) != ':') {
                continue;
            }
            boolean inline = input.charAt(i + 1) == '(';
            int p = skipSpacesAndOneLineEnding(input, i + 2);
            if (p >= input.length() || input.charAt(p) == '<') {
                continue;
            }
            List<Integer> open = new ArrayList<>(); // unclosed parentheses so far
            List<Integer> controls = new ArrayList<>();
            while (p < input.length()) {
                char c = input.charAt(p);
                if (c <= ' ' && c != 0 || c == 0x7F) { // NUL stands for U+FFFD
                    break;
                }
                if (c == '\\' && p + 1 < input.length() && isAsciiPunctuation(input.charAt(p + 1))) {
                    p += 2;
                    continue;
                }
                if (c >= 0x80 && c <= 0x9F) {
                    controls.add(p);
                } else if (c == '(') {
                    open.add(p);
                } else if (c == ')') {
                    if (!open.isEmpty()) {
                        open.remove(open.size() - 1);
                    } else if (inline) {
                        break;
                    }
                }
                p++;
            }
            allEdits.addAll(parens ? open : controls);
        }
        if (allEdits.isEmpty()) {
            return input;
        }
        StringBuilder out = new StringBuilder(input.length() + allEdits.size());
        int copied = 0;
        for (int at : allEdits) {
            out.append(input, copied, at).append(parens ? "\\" : "x");
            copied = parens ? at : at + 1;
        }
        return out.append(input, copied, input.length()).toString();
    }

    private static int skipSpacesAndOneLineEnding(String s, int p) {
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        if (p < s.length() && (s.charAt(p) == '\n' || s.charAt(p) == '\r')) {
            p += s.startsWith("\r\n", p) ? 2 : 1;
            // The next line's block quote markers, if any, then its indentation.
            while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t' || s.charAt(p) == '>')) {
                p++;
            }
        }
        return p;
    }

    private static boolean isAsciiPunctuation(char c) {
        return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
    }

    /** Tabs among each line's leading spaces, {@code >} markers and list markers become spaces to the next tab stop. */
    static String expandLeadingTabs(String input) {
        if (input.indexOf('\t') < 0) {
            return input;
        }
        StringBuilder out = new StringBuilder(input.length() + 16);
        int i = 0;
        while (i < input.length()) {
            int column = 0;
            boolean prefix = true;
            while (i < input.length() && input.charAt(i) != '\n' && input.charAt(i) != '\r') {
                char c = input.charAt(i);
                if (prefix && c == '\t') {
                    int spaces = 4 - column % 4;
                    out.append("    ", 0, spaces);
                    column += spaces;
                    i++;
                    continue;
                }
                if (prefix && !(c == ' ' || c == '>' || c == '-' || c == '+' || c == '*' || c == '.' || c == ')'
                        || c >= '0' && c <= '9')) {
                    prefix = false;
                }
                out.append(c);
                column++;
                i++;
            }
            while (i < input.length() && (input.charAt(i) == '\n' || input.charAt(i) == '\r')) {
                out.append(input.charAt(i++));
                if (out.charAt(out.length() - 1) == '\r' && i < input.length() && input.charAt(i) == '\n') {
                    out.append(input.charAt(i++));
                }
                break;
            }
        }
        return out.toString();
    }

    /** Whitespace-only lines within LIST_ITEM spans (after the item's first line) become empty. */
    static String emptyBlankLinesInItems(String input, OcpEngine engine) {
        byte[] src = input.getBytes(StandardCharsets.UTF_8);
        boolean[] blankAndInItem = new boolean[src.length + 1];
        boolean any = false;
        try (OcpDocument doc = engine.parse(src)) {
            OcpCursor c = doc.cursor();
            for (int n = 0; n < c.nodeCount(); n++) {
                c.moveTo(n);
                if (c.kind() != NodeKind.LIST_ITEM) {
                    continue;
                }
                for (int p = lineAfter(src, c.spanStart()); p < c.spanEnd(); p = lineAfter(src, p)) {
                    // A line of block quote markers and whitespace only: the whitespace after the last marker.
                    int from = p;
                    int e = p;
                    while (e < src.length && (src[e] == ' ' || src[e] == '\t' || src[e] == '>')) {
                        if (src[e] == '>') {
                            from = e + 1;
                        }
                        e++;
                    }
                    if (e > from && (e == src.length || src[e] == '\n' || src[e] == '\r')) {
                        Arrays.fill(blankAndInItem, from, e, true);
                        any = true;
                    }
                }
            }
        }
        if (!any) {
            return input;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(src.length);
        for (int i = 0; i < src.length; i++) {
            if (!blankAndInItem[i]) {
                out.write(src[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The start of the line after the one holding {@code p}, or the input's length. */
    /** Removes the source lines behind the empty lines at the end of HTML blocks of types 1 to 5. */
    static String removeTrailingBlankLinesOfHtmlBlocks(String input, OcpEngine engine) {
        byte[] src = input.getBytes(StandardCharsets.UTF_8);
        boolean[] remove = new boolean[src.length];
        boolean any = false;
        try (OcpDocument doc = engine.parse(src)) {
            OcpCursor c = doc.cursor();
            for (int n = 0; n < c.nodeCount(); n++) {
                c.moveTo(n);
                if (c.kind() != NodeKind.HTML_BLOCK || c.data() > 5) {
                    continue;
                }
                String literal = c.literal();
                int empty = 0;
                while (literal.length() - empty - 2 >= 0 && literal.charAt(literal.length() - empty - 2) == '\n') {
                    empty++;
                }
                // The last `empty` lines of the block's span, each with the line ending before it.
                int end = c.spanEnd();
                for (int k = 0; k < empty; k++) {
                    int lineStart = end;
                    while (lineStart > c.spanStart() && src[lineStart - 1] != '\n' && src[lineStart - 1] != '\r') {
                        lineStart--;
                    }
                    int from = lineStart;
                    if (from > 0 && src[from - 1] == '\n') {
                        from--;
                    }
                    if (from > 0 && src[from - 1] == '\r') {
                        from--;
                    }
                    Arrays.fill(remove, from, end, true);
                    any = true;
                    end = from;
                }
            }
        }
        return any ? SourceLines.without(src, remove) : input;
    }

    /** Inserts a blank line after each definition that a paragraph follows on the very next line. */
    static String separateDefinitionsFromParagraphs(String input, OcpEngine engine, boolean titleLike) {
        byte[] src = input.getBytes(StandardCharsets.UTF_8);
        List<int[]> inserts = new ArrayList<>(); // {at, definition line start}
        try (OcpDocument doc = engine.parse(src)) {
            OcpCursor c = doc.cursor();
            for (int n = 0; n < c.nodeCount(); n++) {
                c.moveTo(n);
                // A paragraph, or a setext heading (a paragraph until its underline came).
                if (c.kind() != NodeKind.DEFINITION || !c.toNextSibling() || c.kind() != NodeKind.PARAGRAPH
                        && (c.kind() != NodeKind.HEADING || (c.flags() & OcpFormat.FLAG_HEADING_SETEXT) == 0)) {
                    continue;
                }
                int paragraphStart = c.spanStart();
                boolean startsLikeTitle = src[paragraphStart] == '"' || src[paragraphStart] == '\'' || src[paragraphStart] == '(';
                c.moveTo(n);
                if (startsLikeTitle != titleLike || titleLike && c.title() != null) {
                    continue;
                }
                int next = lineAfter(src, c.spanEnd());
                if (lineAfter(src, next) > paragraphStart && next <= paragraphStart) {
                    inserts.add(new int[] {next, lineStart(src, c.spanStart()), c.spanStart()});
                }
            }
        }
        if (inserts.isEmpty()) {
            return input;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(src.length + 16);
        int copied = 0;
        inserts.sort((a, b) -> Integer.compare(a[0], b[0]));
        for (int[] ins : inserts) {
            out.write(src, copied, ins[0] - copied);
            // The definition line's block quote markers, list markers and indentation blanked out.
            StringBuilder prefix = new StringBuilder();
            for (int i = ins[1]; i < ins[2]; i++) {
                prefix.append(src[i] == '>' ? '>' : ' ');
            }
            // The same line ending as the definition's line, so that it cannot merge with it (CR then LF).
            String ending = src[ins[0] - 1] == '\r' ? "\r" : ins[0] >= 2 && src[ins[0] - 2] == '\r' ? "\r\n" : "\n";
            out.writeBytes(prefix.toString().stripTrailing().concat(ending).getBytes(StandardCharsets.UTF_8));
            copied = ins[0];
        }
        out.write(src, copied, src.length - copied);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Replaces {@code other} with dashes on the first line of each code block fenced with {@code fence}. */
    static String replaceInInfo(String input, OcpEngine engine, char fence, char other) {
        byte[] src = input.getBytes(StandardCharsets.UTF_8);
        boolean any = false;
        try (OcpDocument doc = engine.parse(src)) {
            OcpCursor c = doc.cursor();
            for (int n = 0; n < c.nodeCount(); n++) {
                c.moveTo(n);
                String info = c.kind() == NodeKind.CODE_BLOCK && c.data() == fence ? c.info() : null;
                if (info == null || info.indexOf(other) < 0) {
                    continue;
                }
                for (int i = c.spanStart(); i < src.length && src[i] != '\n' && src[i] != '\r'; i++) {
                    if (src[i] == other) {
                        src[i] = '-';
                        any = true;
                    }
                }
            }
        }
        return any ? new String(src, StandardCharsets.UTF_8) : input;
    }

    // ---- helpers ----

    /** {@code root}'s descendants in document order (a snapshot, so the tree may be changed while iterating). */
    static List<Node> descendants(Node root) {
        List<Node> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, List<Node> out) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            out.add(c);
            collect(c, out);
        }
    }

    private static SourceSpan spanOfLine(Node block, int line) {
        for (SourceSpan s : block.getSourceSpans()) {
            if (s.getLineIndex() == line) {
                return s;
            }
        }
        return null;
    }

    static String replaceLoneSurrogates(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
            if (Character.isHighSurrogate(c) && !lone) {
                if (sb != null) {
                    sb.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (lone && sb == null) {
                sb = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (sb != null) {
                sb.append(lone ? '\uFFFD' : c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
