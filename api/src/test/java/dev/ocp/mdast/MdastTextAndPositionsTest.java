package dev.ocp.mdast;

import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.internal.PayloadBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static dev.ocp.NodeKind.*;
import static dev.ocp.internal.PayloadBuilder.*;
import static dev.ocp.spi.OcpFormat.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The mdast renderer's text values, line endings and positions, on trees built by hand as the parsers write them
 * for a small source; the expected mdast is what the JS toolchain ({@code mdast-util-from-markdown} 2 with the
 * extensions the source needs, {@code bench/js}) gives for that source.
 */
class MdastTextAndPositionsTest {

    /** The mdast of {@code root}, parsed from {@code source}. */
    private static String mdast(String source, Node root) {
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        try (OcpDocument d = Ocp.read(new PayloadBuilder().sourceLength(bytes.length).payload(root))) {
            return MdastRenderer.renderToString(d, bytes);
        }
    }

    private static String at(int line, int column, int offset) {
        return "{\"line\":" + line + ",\"column\":" + column + ",\"offset\":" + offset + "}";
    }

    private static String position(int[] start, int[] end) {
        return "\"position\":{\"start\":" + at(start[0], start[1], start[2]) + ",\"end\":" + at(end[0], end[1], end[2])
                + "}";
    }

    @Test
    void aMathBlockLeftOpenRunsToTheEndOfItsContainer() {
        // "$$\na\n\n": micromark keeps the fence open through the blank line, to the document's end.
        String source = "$$\na\n\n";
        String tree = mdast(source, doc(node(MATH_BLOCK).flags(FLAG_MATH_UNCLOSED).a("a\n\n").span(0, 5)).span(0, 6));
        assertTrue(tree.contains("{\"type\":\"math\",\"meta\":null,\"value\":\"a\\n\","
                + position(new int[]{1, 1, 0}, new int[]{4, 1, 6}) + "}"), tree);
    }

    @Test
    void anImagesAltKeepsTheSourcesLineEndingsAndDropsTheTrailingWhitespaceOfText() {
        // "![a\t\r\nb]()": alt "a\r\nb", as the text around the soft break has it.
        String tree = mdast("![a\t\r\nb]()", doc(para(node(IMAGE).a("").add(
                text("a\t").span(2, 4), node(SOFT_BREAK).span(4, 6), text("b").span(6, 7)).span(0, 10)).span(0, 10))
                .span(0, 10));
        assertTrue(tree.contains("\"alt\":\"a\\r\\nb\""), tree);
        // "![`  `\rb]()": a code span's spaces are its value, not a line's trailing whitespace.
        tree = mdast("![`  `\rb]()", doc(para(node(IMAGE).a("").add(
                node(CODE_SPAN).a("  ").span(2, 6), node(SOFT_BREAK).span(6, 7), text("b").span(7, 8)).span(0, 11))
                .span(0, 11)).span(0, 11));
        assertTrue(tree.contains("\"alt\":\"  \\rb\""), tree);
    }

    @Test
    void labelsAndTitlesKeepTheSourcesLineEndings() {
        // "[a\rb]: /u (c\r\nd)": mdast's label and title keep the CR and the CR LF.
        String tree = mdast("[a\rb]: /u (c\r\nd)", doc(node(DEFINITION).a("/u").b("c\nd").c("a\nb").span(0, 16))
                .span(0, 16));
        assertTrue(tree.contains("\"identifier\":\"a b\",\"label\":\"a\\rb\",\"title\":\"c\\r\\nd\""), tree);
        // "[x\r\ny][a\rb]": a full reference's label is its last part, after the text's line ending.
        tree = mdast("[x\r\ny][a\rb]\r\r[a\rb]: /u", doc(
                para(node(LINK).flags(FLAG_REFERENCE_FULL).a("/u").c("a\nb").add(text("x").span(1, 2),
                        node(SOFT_BREAK).span(2, 4), text("y").span(4, 5)).span(0, 11)).span(0, 11),
                node(DEFINITION).a("/u").c("a\nb").span(13, 22)).span(0, 22));
        assertTrue(tree.contains("\"type\":\"linkReference\",\"identifier\":\"a b\",\"label\":\"a\\rb\""), tree);
    }

    @Test
    void aLineFeedOfACharacterReferenceIsNoSourceLineEnding() {
        // "a&#10;b\r": the text's LF is the reference's; the CR after the paragraph is not in it.
        String tree = mdast("a&#10;b\r", doc(para(text("a\nb").span(0, 7)).span(0, 7)).span(0, 8));
        assertTrue(tree.contains("{\"type\":\"text\",\"value\":\"a\\nb\""), tree);
    }

    @Test
    void frontmattersLineEndingsStartAfterItsOpeningFence() {
        // "+++\r\na\rb\n+++": the value's line ending is the CR after "a", not the fence line's CR LF.
        String tree = mdast("+++\r\na\rb\n+++", doc(node(FRONTMATTER).data(FRONTMATTER_TOML).a("a\nb\n").span(0, 12))
                .span(0, 12));
        assertTrue(tree.contains("{\"type\":\"toml\",\"value\":\"a\\rb\""), tree);
    }

    @Test
    void aListInABlockQuoteEndsAfterTheQuotesBlankLinesItHolds() {
        // ">- a\n>\n>b": the list ends after the second line's ">" (2:2), its item after "a".
        String tree = mdast(">- a\n>\n>b", doc(node(BLOCK_QUOTE).add(
                node(LIST).flags(FLAG_LIST_TIGHT).data('-').add(node(LIST_ITEM).add(para(text("a").span(3, 4))
                        .span(3, 4)).span(1, 4)).span(1, 4),
                para(text("b").span(8, 9)).span(8, 9)).span(0, 9)).span(0, 9));
        assertTrue(tree.contains("\"type\":\"list\",\"ordered\":false,\"start\":null,\"spread\":false,\"children\":[{"
                + "\"type\":\"listItem\""), tree);
        assertTrue(tree.contains("]," + position(new int[]{1, 2, 1}, new int[]{1, 5, 4}) + "}]," // the item
                + position(new int[]{1, 2, 1}, new int[]{2, 2, 6}) + "},{\"type\":\"paragraph\""), tree); // the list
        // The same list outside a block quote ("- a\n\nb") ends after "a": micromark's walk back passes the blank line.
        tree = mdast("- a\n\nb", doc(node(LIST).flags(FLAG_LIST_TIGHT).data('-').add(node(LIST_ITEM).add(
                para(text("a").span(2, 3)).span(2, 3)).span(0, 3)).span(0, 3), para(text("b").span(5, 6)).span(5, 6))
                .span(0, 6));
        assertTrue(tree.contains("]," + position(new int[]{1, 1, 0}, new int[]{1, 4, 3}) + "}]," // the item
                + position(new int[]{1, 1, 0}, new int[]{1, 4, 3}) + "},{\"type\":\"paragraph\""), tree); // the list
    }

    @Test
    void aBlockQuoteInABlockQuoteEndsWhereANewContainerStartsOnItsNextLine() {
        // "> > a\n> - b": the inner quote ends where the list starts (2:3), after the outer quote's "> ".
        String tree = mdast("> > a\n> - b", doc(node(BLOCK_QUOTE).add(
                node(BLOCK_QUOTE).add(para(text("a").span(4, 5)).span(4, 5)).span(2, 5),
                node(LIST).flags(FLAG_LIST_TIGHT).data('-').add(node(LIST_ITEM).add(para(text("b").span(10, 11))
                        .span(10, 11)).span(8, 11)).span(8, 11)).span(0, 11)).span(0, 11));
        assertTrue(tree.contains("]," + position(new int[]{1, 3, 2}, new int[]{2, 3, 8}) + "},{\"type\":\"list\""),
                tree);
    }

    @Test
    void inlineMathKeepsItsLineEndingsAsWritten() {
        // "$a\r\nb$": the literal has a space where mdast's value has the CR LF.
        String tree = mdast("$a\r\nb$", doc(para(node(MATH_INLINE).a("a b").b("a\nb").span(0, 6)).span(0, 6))
                .span(0, 6));
        assertTrue(tree.contains("{\"type\":\"inlineMath\",\"value\":\"a\\r\\nb\""), tree);
    }

    @Test
    void aMathBlocksMetaHasItsReferencesAndEscapesDecoded() {
        // "$$ a&amp;b \\*\n$$": micromark reads the meta as string content.
        String tree = mdast("$$ a&amp;b \\*\n$$", doc(node(MATH_BLOCK).a("").b("a&amp;b \\*").span(0, 16)).span(0, 16));
        assertTrue(tree.contains("{\"type\":\"math\",\"meta\":\"a&b *\""), tree);
    }

    @Test
    void aClosedMathBlockEndsAtItsClosingFence() {
        String source = "$$\na\n$$\n\n";
        String tree = mdast(source, doc(node(MATH_BLOCK).a("a\n").span(0, 7)).span(0, 9));
        assertTrue(tree.contains("\"value\":\"a\"," + position(new int[]{1, 1, 0}, new int[]{3, 3, 7}) + "}"), tree);
    }

    /**
     * A task list of one item whose first (and only) child is {@code paragraph}, spanning {@code [0, end)}, with its
     * check recorded at 2 (v1.5), after {@code "* "}.
     */
    private static Node task(boolean checked, Node paragraph, int end) {
        return task(checked, 2, paragraph, end);
    }

    /** As {@link #task(boolean, Node, int)}, with the check at {@code check} ({@code null}: not recorded). */
    private static Node task(boolean checked, Integer check, Node paragraph, int end) {
        return doc(node(LIST).flags(FLAG_LIST_TIGHT).data('*').add(node(LIST_ITEM)
                .flags(FLAG_ITEM_TASK | (checked ? FLAG_ITEM_CHECKED : 0)).a(check).add(paragraph).span(0, end))
                .span(0, end)).span(0, end);
    }

    @Test
    void aTaskItemsCheckIsPlacedByTheItemsRecordNotByTheSource() {
        // No check recorded (a tree made in code): the paragraph is written as the payload has it, whatever the
        // source holds before it.
        String tree = mdast("* [ ]  a", task(false, null, para(text("a").span(7, 8)).span(7, 8), 8));
        assertTrue(tree.contains("{\"type\":\"paragraph\",\"children\":[{\"type\":\"text\",\"value\":\"a\","
                + position(new int[]{1, 8, 7}, new int[]{1, 9, 8}) + "}]," + position(new int[]{1, 8, 7},
                new int[]{1, 9, 8}) + "}"), tree);
        // The check recorded at 2: it ends three bytes on, whatever the source has there.
        tree = mdast("* {_}  a", task(false, 2, para(text("a").span(7, 8)).span(7, 8), 8));
        assertTrue(tree.contains("{\"type\":\"text\",\"value\":\" a\"," + position(new int[]{1, 7, 6},
                new int[]{1, 9, 8}) + "}]," + position(new int[]{1, 7, 6}, new int[]{1, 9, 8}) + "}"), tree);
    }

    @Test
    void aTaskItemsTextLosesTheCharacterAfterTheCheck() {
        // "* [ ]\na": the head text "\na" loses its LF; it and the paragraph start one column past it, on line 1.
        String tree = mdast("* [ ]\na", task(false, para(node(SOFT_BREAK).span(5, 6), text("a").span(6, 7)).span(5, 7),
                7));
        assertTrue(tree.contains("{\"type\":\"paragraph\",\"children\":[{\"type\":\"text\",\"value\":\"a\","
                + position(new int[]{1, 7, 6}, new int[]{2, 2, 7}) + "}]," + position(new int[]{1, 7, 6},
                new int[]{2, 2, 7}) + "}"), tree);
        // "* [x]\r\n  a": of a CR LF only the CR goes.
        tree = mdast("* [x]\r\n  a", task(true, para(node(SOFT_BREAK).span(5, 7), text("a").span(9, 10)).span(5, 10),
                10));
        assertTrue(tree.contains("{\"type\":\"text\",\"value\":\"\\na\"," + position(new int[]{1, 7, 6},
                new int[]{2, 4, 10}) + "}"), tree);
        // "* [ ]  a": the whitespace after the check is text, less its first character.
        tree = mdast("* [ ]  a", task(false, para(text("a").span(7, 8)).span(7, 8), 8));
        assertTrue(tree.contains("{\"type\":\"text\",\"value\":\" a\"," + position(new int[]{1, 7, 6},
                new int[]{1, 9, 8}) + "}]," + position(new int[]{1, 7, 6}, new int[]{1, 9, 8}) + "}"), tree);
    }

    @Test
    void aTaskItemsHeadTextLeftEmptyIsTakenOutAndItsParagraphStartsAtTheCheck() {
        // "* [x] *a*": the head text " " is gone; the paragraph starts at the "[".
        String tree = mdast("* [x] *a*", task(true, para(node(EMPHASIS).data('*').add(text("a").span(7, 8)).span(6, 9))
                .span(6, 9), 9));
        assertTrue(tree.contains("{\"type\":\"paragraph\",\"children\":[{\"type\":\"emphasis\""), tree);
        assertTrue(tree.contains("]," + position(new int[]{1, 7, 6}, new int[]{1, 10, 9}) + "}]," // the emphasis
                + position(new int[]{1, 3, 2}, new int[]{1, 10, 9}) + "}"), tree); // the paragraph
    }

    @Test
    void aFenceLeftOpenAtTheDocumentsEndTakesItsListToTheEnd() {
        // "- ```\n": the code, its item and its list end at 2:1, past the item's content.
        String tree = mdast("- ```\n", doc(node(LIST).flags(FLAG_LIST_TIGHT).data('-').add(node(LIST_ITEM).add(
                node(CODE_BLOCK).flags(FLAG_CODE_FENCED | FLAG_CODE_UNCLOSED).data('`').a("").span(2, 5)).span(0, 5))
                .span(0, 5)).span(0, 6));
        int[] end = {2, 1, 6};
        assertTrue(tree.contains("\"value\":\"\"," + position(new int[]{1, 3, 2}, end) + "}]," // the code
                + position(new int[]{1, 1, 0}, end) + "}]," + position(new int[]{1, 1, 0}, end) + "}]"), tree);
    }
}
