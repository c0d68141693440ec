package dev.ocp.engine.java;

import org.junit.jupiter.api.Test;

import static dev.ocp.engine.java.BlockTrees.blocks;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Link reference definitions as the block parser drives them: taken off the start of a paragraph when it closes
 * (or when a setext underline would make it a heading), placed before it as DEFINITION nodes, and the paragraph
 * removed when nothing else is left.
 */
class BlockDefinitionsTest {

    @Test
    void definitionsComeOffTheStartOfAParagraph() {
        assertEquals("DEFINITION@0-7 DEFINITION@8-15 PARAGRAPH@16-20[\"para\"]@16-20", blocks("[a]: /u\n[b]: /v\npara"));
        assertEquals("DEFINITION@0-7", blocks("[a]: /u\n"));
        // A title on the following lines belongs to the definition.
        assertEquals("DEFINITION@0-15 PARAGRAPH@16-20[\"rest\"]@16-20", blocks("[a]:\n/u\n'title'\nrest"));
        // Only at the start: a definition after text is text.
        assertEquals("PARAGRAPH@0-9[\"p\\n[a]: /u\"]@0-9", blocks("p\n[a]: /u"));
    }

    @Test
    void aDefinitionSpansItsWholeLastLineAsBlocksDo() {
        // Trailing whitespace after the destination or title is on the definition's line, so in its span, whether
        // the definition ends the paragraph's content (whose last line lost that whitespace) or not.
        assertEquals("DEFINITION@0-9", blocks("[a]: /u  \n"));
        assertEquals("DEFINITION@0-12 DEFINITION@13-22", blocks("[a]: /u 't' \n[b]: /v \t\n"));
        assertEquals("BLOCK_QUOTE@0-11{DEFINITION@2-11}", blocks("> [a]: /u  \n"));
        assertEquals("DEFINITION@0-12 HEADING@13-20(1,setext)[\"Foo\"]@13-16", blocks("[a]:\n/u\n't' \nFoo\n==="));
    }

    @Test
    void aParagraphOfDefinitionsOnlyIsNoSetextHeading() {
        // The underline is then paragraph text, or a thematic break when it can be one.
        assertEquals("DEFINITION@0-7 PARAGRAPH@8-11[\"===\"]@8-11", blocks("[a]: /u\n==="));
        assertEquals("DEFINITION@0-7 THEMATIC_BREAK@8-11", blocks("[a]: /u\n---"));
        assertEquals("DEFINITION@0-7 HEADING@8-15(1,setext)[\"Foo\"]@8-11", blocks("[a]: /u\nFoo\n==="));
    }

    @Test
    void definitionsInContainers() {
        assertEquals("BLOCK_QUOTE@0-9{DEFINITION@2-9}", blocks("> [a]: /u"));
        // A definition is a block-level element for looseness (spec example 317 counts "b" and a definition as
        // two): a blank line after it separates it from what follows, as one before it does.
        assertEquals("LIST@0-14(-,loose){LIST_ITEM@0-14{DEFINITION@2-9 PARAGRAPH@13-14[\"b\"]@13-14}}",
                blocks("- [a]: /u\n\n  b"));
        assertEquals("LIST@0-21(-,loose){LIST_ITEM@0-3{PARAGRAPH@2-3[\"a\"]@2-3} "
                        + "LIST_ITEM@4-17{PARAGRAPH@6-7[\"b\"]@6-7 DEFINITION@11-17} LIST_ITEM@18-21{PARAGRAPH@20-21[\"d\"]@20-21}}",
                blocks("- a\n- b\n\n  [r]: /\n- d"));
    }
}
