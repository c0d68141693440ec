package dev.ocp.engine.java;

import dev.ocp.Extension;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import static dev.ocp.engine.java.BlockTrees.blocks;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The block structure, node details and exact source spans of the block parser, construct by construct. Trees
 * are compared as {@link BlockTrees} dumps: {@code KIND@start-end(details){children}}, with each paragraph's and
 * heading's inline content as {@code ["text"]@start-end} (what the inline parser received, mapped back to the
 * source), so these tests do not depend on the inline parser's node shapes or the HTML renderer.
 */
class BlockParserTest {

    @Test
    void aDelimiterRowMayBeginWithTheTableWhitespaceThatIndentationDoesNotSkip() {
        // A line's first byte past spaces and tabs decides whether it can start a block (MAY_START_BLOCK): VT and FF
        // are table whitespace to a delimiter row, so a row led by one still makes a table.
        ParseOptions gfm = ParseOptions.defaults().withExtensions(Extension.GFM);
        for (String lead : new String[] {"\u000B", "\f", ""}) {
            try (OcpDocument doc = BlockTrees.engine().parse("a | b\n" + lead + "--- | ---\nc | d\n", gfm)) {
                OcpCursor cursor = doc.cursor();
                cursor.toFirstChild();
                assertEquals(NodeKind.TABLE, cursor.node().kind(), "a delimiter row led by byte "
                        + (lead.isEmpty() ? "-" : Integer.toString(lead.charAt(0))));
            }
        }
    }

    @Test
    void atxHeadings() {
        assertEquals("HEADING@0-4(1)[\"h1\"]@2-4 HEADING@5-13(2)[\"h2\"]@8-10 HEADING@14-25(6)[\"h6\"]@21-23 "
                        + "PARAGRAPH@26-36[\"####### no\"]@26-36",
                blocks("# h1\n## h2 ##\n###### h6 #\n####### no"));
        // Up to three spaces of indentation; a tab is four columns, which makes indented code.
        assertEquals("HEADING@2-7(1)[\"h\"]@4-5 CODE_BLOCK@9-14(\"# not\\n\")", blocks("  # h  \n\t# not"));
    }

    @Test
    void emptyAtxHeadingsAndClosingSequences() {
        assertEquals("HEADING@0-1(1)[] HEADING@2-5(1)[] HEADING@6-13(3)[]",
                blocks("#\n# #\n### ###"));
        assertEquals("HEADING@0-6(1)[\"foo#\"]@2-6", blocks("# foo#"));
    }

    @Test
    void setextHeadings() {
        assertEquals("HEADING@0-16(1,setext)[\"Setext\\nlines\"]@0-12 HEADING@18-25(2,setext)[\"Two\"]@18-21",
                blocks("Setext\nlines\n===\n\nTwo\n---"));
        // Leading indentation of continuation lines and trailing spaces of the last line are not content.
        assertEquals("HEADING@2-16(1,setext)[\"Foo\\nbar\"]@2-12", blocks("  Foo\n   bar  \n="));
    }

    @Test
    void thematicBreaks() {
        assertEquals("THEMATIC_BREAK@0-3 THEMATIC_BREAK@4-9 THEMATIC_BREAK@10-13", blocks("***\n- - -\n___"));
        // A list item's content can be a break; a break line ends a list.
        assertEquals("LIST@0-5(-,tight){LIST_ITEM@0-5{HEADING@2-5(1)[\"h\"]@4-5}} THEMATIC_BREAK@6-11 "
                        + "LIST@12-21(-,tight){LIST_ITEM@12-21{HEADING@14-21(2,setext)[\"b\"]@14-15}}",
                blocks("- # h\n- ---\n- b\n  ---"));
    }

    @Test
    void fencedCode() {
        assertEquals("CODE_BLOCK@0-24(fenced `,info=\"rust  extra\",\"code\\n\\n\") CODE_BLOCK@26-35(fenced ~,\"open\\n\")",
                blocks("```rust  extra\ncode\n\n```\n\n~~~~\nopen"));
        // Indentation of the opening fence is removed from content lines, up to that many columns.
        assertEquals("CODE_BLOCK@1-20(fenced `,\"  a\\n b\\nc\\n\")", blocks(" ```\n   a\n  b\n c\n```"));
        // The closing fence must be at least as long as the opening one; empty content is an empty literal.
        assertEquals("CODE_BLOCK@0-7(fenced `,\"\") CODE_BLOCK@8-16(fenced `,\"```\\n\")", blocks("```\n```\n````\n```\n"));
        // In a list item, a whitespace-only line keeps what lies past the item's indentation.
        assertEquals("LIST@0-17(-,tight){LIST_ITEM@0-17{CODE_BLOCK@2-17(fenced `,\"   \\n\")}}",
                blocks("- ```\n     \n  ```"));
        // A backtick fence's info string cannot contain backticks.
        assertEquals("PARAGRAPH@0-9[\"``` a`b\\nx\"]@0-9", blocks("``` a`b\nx"));
    }

    @Test
    void indentedCode() {
        // Blank lines inside are kept, trailing ones are not part of the block (span nor literal).
        assertEquals("CODE_BLOCK@4-19(\"code\\n\\n\\nmore\\n\") PARAGRAPH@22-26[\"para\"]@22-26",
                blocks("    code\n\n\n    more\n\n\npara"));
        // Indented code cannot interrupt a paragraph.
        assertEquals("PARAGRAPH@0-14[\"p\\nnot code\"]@0-14", blocks("p\n    not code"));
    }

    @Test
    void tabs() {
        assertEquals("CODE_BLOCK@4-13(\"a\\tb\\n\\tc\\n\")", blocks("    a\tb\n  \t\tc"));
        assertEquals("CODE_BLOCK@1-12(\"code\\nmore\\n\")", blocks("\tcode\n \tmore"));
        // The space after '>' is taken from a tab, whose other two columns stay code indentation.
        assertEquals("BLOCK_QUOTE@0-6{CODE_BLOCK@2-6(\"  foo\\n\")}", blocks(">\t\tfoo"));
        assertEquals("LIST@0-11(-,loose){LIST_ITEM@0-11{PARAGRAPH@2-5[\"foo\"]@2-5 PARAGRAPH@8-11[\"bar\"]@8-11}}",
                blocks("-\tfoo\n\n\tbar"));
        assertEquals("LIST@0-11(.,ordered,start=1,loose){LIST_ITEM@0-11{PARAGRAPH@3-4[\"x\"]@3-4 "
                + "PARAGRAPH@10-11[\"y\"]@10-11}}", blocks("1.\tx\n\n  \t y"));
    }

    @Test
    void htmlBlocks() {
        assertEquals("HTML_BLOCK@0-7(6,\"<div>\\nx\\n\") HTML_BLOCK@9-20(2,\"<!-- c\\n\\n-->\\n\") "
                + "PARAGRAPH@21-26[\"after\"]@21-26", blocks("<div>\nx\n\n<!-- c\n\n-->\nafter"));
        assertEquals("HTML_BLOCK@0-13(1,\"<pre>\\n\\n</pre>\\n\") PARAGRAPH@14-15[\"z\"]@14-15", blocks("<pre>\n\n</pre>\nz"));
        assertEquals("HTML_BLOCK@0-10(3,\"<?php\\n\\n?>z\\n\") PARAGRAPH@11-12[\"q\"]@11-12", blocks("<?php\n\n?>z\nq"));
        assertEquals("HTML_BLOCK@0-13(5,\"<![CDATA[\\n]]>\\n\") HTML_BLOCK@14-26(4,\"<!DOCTYPE x>\\n\") "
                + "PARAGRAPH@27-31[\"<x\\ny\"]@27-31", blocks("<![CDATA[\n]]>\n<!DOCTYPE x>\n<x\ny"));
        // Indentation before the tag is part of the literal.
        assertEquals("HTML_BLOCK@0-7(6,\"  <div>\\n\")", blocks("  <div>\n"));
    }

    @Test
    void htmlBlockType7CannotInterruptAParagraph() {
        assertEquals("PARAGRAPH@0-14[\"p\\n<custom-tag>\"]@0-14 HTML_BLOCK@16-30(7,\"<custom-tag>\\np\\n\")",
                blocks("p\n<custom-tag>\n\n<custom-tag>\np"));
        // Not even lazily: the line would continue the paragraph had it its '>'.
        assertEquals("BLOCK_QUOTE@0-16{PARAGRAPH@2-16[\"p\\n<custom-tag>\"]@2-16}", blocks("> p\n<custom-tag>"));
        assertEquals("HTML_BLOCK@0-24(7,\"<a href='x' b=c d >\\n</a>\\n\")", blocks("<a href='x' b=c d >\n</a>"));
        // Incomplete tags and condition-1 names do not start a type 7 block.
        assertEquals("PARAGRAPH@0-7[\"<a href\"]@0-7", blocks("<a href\n"));
        assertEquals("PARAGRAPH@0-6[\"<pre/>\"]@0-6", blocks("<pre/>"));
    }

    @Test
    void blockQuotesAndLaziness() {
        assertEquals("BLOCK_QUOTE@0-14{PARAGRAPH@2-8[\"a\\nlazy\"]@2-8 PARAGRAPH@13-14[\"b\"]@13-14}",
                blocks("> a\nlazy\n>\n> b"));
        assertEquals("BLOCK_QUOTE@0-24{BLOCK_QUOTE@2-24{BLOCK_QUOTE@4-24{PARAGRAPH@6-24[\"deep\\nmore\\nlazy\"]@6-24}}}",
                blocks("> > > deep\n> > more\nlazy"));
        assertEquals("BLOCK_QUOTE@0-3{BLOCK_QUOTE@1-3{BLOCK_QUOTE@2-3}}", blocks(">>>\n"));
        assertEquals("BLOCK_QUOTE@0-6{PARAGRAPH@2-6[\"code\"]@2-6}", blocks(">\tcode"));
    }

    @Test
    void listsAndItems() {
        assertEquals("LIST@0-9(),ordered,start=1,tight){LIST_ITEM@0-4{PARAGRAPH@3-4[\"x\"]@3-4} "
                        + "LIST_ITEM@5-9{PARAGRAPH@8-9[\"y\"]@8-9}} "
                        + "LIST@10-14(.,ordered,start=3,tight){LIST_ITEM@10-14{PARAGRAPH@13-14[\"z\"]@13-14}}",
                blocks("1) x\n2) y\n3. z"));
        // Items are placed by the indentation of their content, not of their marker.
        assertEquals("LIST@0-29(-,tight){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} LIST_ITEM@5-8{PARAGRAPH@7-8[\"b\"]@7-8} "
                        + "LIST_ITEM@11-14{PARAGRAPH@13-14[\"c\"]@13-14} LIST_ITEM@18-29{PARAGRAPH@20-29[\"d\\n- e\"]@20-29}}",
                blocks("- a\n - b\n  - c\n   - d\n    - e"));
        assertEquals("LIST@0-6(-,tight){LIST_ITEM@0-6{PARAGRAPH@2-6[\"a\\nb\"]@2-6}}", blocks("- a\n\tb"));
        // Start numbers up to nine digits; ten digits are not a marker.
        assertEquals("LIST@0-13(.,ordered,start=123456789,tight){LIST_ITEM@0-13{PARAGRAPH@11-13[\"ok\"]@11-13}}",
                blocks("123456789. ok"));
        assertEquals("PARAGRAPH@0-15[\"1234567890. not\"]@0-15", blocks("1234567890. not"));
    }

    @Test
    void emptyListItems() {
        // An item may start with one blank line; an empty item followed by a blank line ends.
        assertEquals("LIST@0-10(-,tight){LIST_ITEM@0-8{PARAGRAPH@5-8[\"foo\"]@5-8} LIST_ITEM@9-10} "
                + "PARAGRAPH@14-17[\"bar\"]@14-17", blocks("- \n  foo\n-\n\n  bar"));
        // A whitespace-only line is as blank as an empty one.
        assertEquals("LIST@0-1(-,tight){LIST_ITEM@0-1} PARAGRAPH@7-10[\"foo\"]@7-10", blocks("-\n  \n  foo"));
        assertEquals("LIST@0-39(-,tight){LIST_ITEM@0-7{PARAGRAPH@4-7[\"foo\"]@4-7} "
                        + "LIST_ITEM@8-27{CODE_BLOCK@12-27(fenced `,\"bar\\n\")} LIST_ITEM@28-39{CODE_BLOCK@36-39(\"baz\\n\")}}",
                blocks("-\n  foo\n-\n  ```\n  bar\n  ```\n-\n      baz"));
    }

    @Test
    void whatInterruptsAParagraph() {
        // A bullet item does; an ordered one only from 1; an empty item does not ('-' alone is a setext line).
        assertEquals("PARAGRAPH@0-1[\"p\"]@0-1 LIST@2-5(-,tight){LIST_ITEM@2-5{PARAGRAPH@4-5[\"a\"]@4-5}} "
                        + "PARAGRAPH@7-13[\"p\\n2. b\"]@7-13 PARAGRAPH@15-16[\"p\"]@15-16 "
                        + "LIST@17-21(.,ordered,start=1,tight){LIST_ITEM@17-21{PARAGRAPH@20-21[\"c\"]@20-21}} "
                        + "HEADING@23-26(2,setext)[\"p\"]@23-24 PARAGRAPH@28-31[\"p\\n*\"]@28-31",
                blocks("p\n- a\n\np\n2. b\n\np\n1. c\n\np\n-\n\np\n*"));
    }

    @Test
    void looseAndTightLists() {
        assertEquals("LIST@0-12(-,loose){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} LIST_ITEM@4-7{PARAGRAPH@6-7[\"b\"]@6-7} "
                + "LIST_ITEM@9-12{PARAGRAPH@11-12[\"c\"]@11-12}}", blocks("- a\n- b\n\n- c"));
        assertEquals("LIST@0-10(.,ordered,start=7,loose){LIST_ITEM@0-10{PARAGRAPH@3-4[\"a\"]@3-4 "
                + "PARAGRAPH@9-10[\"b\"]@9-10}}", blocks("7. a\n\n   b"));
        // The blank line is inside the sublist: only the sublist is loose.
        assertEquals("LIST@0-20(-,tight){LIST_ITEM@0-16{PARAGRAPH@2-3[\"a\"]@2-3 LIST@6-16(-,loose){"
                        + "LIST_ITEM@6-16{PARAGRAPH@8-9[\"b\"]@8-9 PARAGRAPH@15-16[\"c\"]@15-16}}} "
                        + "LIST_ITEM@17-20{PARAGRAPH@19-20[\"d\"]@19-20}}",
                blocks("- a\n  - b\n\n    c\n- d"));
        assertEquals("LIST@0-25(.,ordered,start=1,loose){LIST_ITEM@0-25{PARAGRAPH@3-4[\"a\"]@3-4 "
                        + "LIST@9-25(.,ordered,start=2,loose){LIST_ITEM@9-25{PARAGRAPH@12-13[\"b\"]@12-13 "
                        + "LIST@21-25(.,ordered,start=3,tight){LIST_ITEM@21-25{PARAGRAPH@24-25[\"c\"]@24-25}}}}}}",
                blocks("1. a\n\n   2. b\n\n      3. c"));
        // Blank lines inside a fenced code block do not separate anything.
        assertEquals("LIST@0-25(-,tight){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} "
                        + "LIST_ITEM@4-21{CODE_BLOCK@6-21(fenced `,\"b\\n\\n\\n\")} LIST_ITEM@22-25{PARAGRAPH@24-25[\"c\"]@24-25}}",
                blocks("- a\n- ```\n  b\n\n\n  ```\n- c"));
        assertEquals("LIST@0-10(*,loose){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} LIST_ITEM@4-5 "
                + "LIST_ITEM@7-10{PARAGRAPH@9-10[\"c\"]@9-10}}", blocks("* a\n*\n\n* c"));
        // A '>' line with nothing else is a blank line inside the quote.
        assertEquals("BLOCK_QUOTE@0-13{LIST@2-13(-,loose){LIST_ITEM@2-5{PARAGRAPH@4-5[\"a\"]@4-5} "
                + "LIST_ITEM@10-13{PARAGRAPH@12-13[\"b\"]@12-13}}}", blocks("> - a\n>\n> - b"));
        // Trailing blank lines of indented code still separate the items.
        assertEquals("PARAGRAPH@0-1[\"x\"]@0-1 LIST@3-18(-,loose){LIST_ITEM@3-13{CODE_BLOCK@9-13(\"code\\n\")} "
                + "LIST_ITEM@15-18{PARAGRAPH@17-18[\"b\"]@17-18}}", blocks("x\n\n-     code\n\n- b"));
        assertEquals("LIST@0-9(-,loose){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} LIST_ITEM@6-9{PARAGRAPH@8-9[\"b\"]@8-9}}",
                blocks("- a\n\n\n- b"));
        // A blank line after the last item does not make the list loose.
        assertEquals("LIST@0-7(-,tight){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} LIST_ITEM@4-7{PARAGRAPH@6-7[\"b\"]@6-7}}",
                blocks("- a\n- b\n\n"));
    }

    @Test
    void lineEndingsNulAndByteOrderMark() {
        assertEquals("PARAGRAPH@0-6[\"a\\nb\\nc\"]@0-6 PARAGRAPH@11-12[\"x\"]@11-12", blocks("a\r\nb\rc\n\r\n  x"));
        assertEquals("CODE_BLOCK@0-11(fenced `,\"x\\n\")", blocks("```\r\nx\r\n```\r\n"));
        assertEquals("CODE_BLOCK@4-7(\"a\uFFFDb\\n\")", blocks("    a\0b"));
        assertEquals("CODE_BLOCK@0-9(fenced `,\"\uFFFD\\n\")", blocks("```\n\0\n```"));
        assertEquals("HEADING@3-7(1)[\"Hi\"]@5-7", blocks("\uFEFF# Hi"));
        assertEquals("", blocks(""));
        assertEquals("", blocks("\n \n\t\n"));
    }

    @Test
    void inlineContentSkipsContainerPrefixes() {
        // Content joined from non-adjacent source lines still maps each part back to its own bytes.
        assertEquals("BLOCK_QUOTE@0-10{PARAGRAPH@2-10[\"a\\nb\\nc\"]@2-10}", blocks("> a\n>  b\nc"));
        assertEquals("LIST@0-19(-,tight){LIST_ITEM@0-19{PARAGRAPH@3-19[\"one\\ntwo\\nthree\"]@3-19}}",
                blocks("-  one\n   two\nthree"));
    }
}
