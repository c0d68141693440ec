package dev.ocp.markdown;

import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.internal.PayloadBuilder;
import dev.ocp.internal.PayloadBuilder.Node;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.ocp.internal.PayloadBuilder.doc;
import static dev.ocp.internal.PayloadBuilder.node;
import static dev.ocp.internal.PayloadBuilder.para;
import static dev.ocp.internal.PayloadBuilder.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output longer than the writer's chunks of lines (64 KiB), each decoded on its own: every character comes out once,
 * in order, whatever the chunk it was in, for a whole document and for a subtree, whether its characters all fit in
 * one byte or the first that does not comes late, and a string of ill-formed UTF-8 anywhere in it (which has the
 * whole output written again, each string checked as it is read) is written as it decodes.
 */
class LongOutputTest {
    /** Enough paragraphs for several chunks: about 420 KB of Markdown. */
    private static final int PARAGRAPHS = 6000;

    /**
     * Paragraph {@code i}'s text: ASCII, two-byte (Arabic), three-byte (CJK) and four-byte (an emoji, two UTF-16
     * units) characters, nothing that is escaped, in lengths that differ so that chunks end all over the lines.
     */
    private static String line(int i) {
        return "Line " + i + " مرحبا بالعالم " + "你好".repeat(i % 5) + " \uD83D\uDE00 " + "x".repeat(i % 23) + " end";
    }

    private static Node paragraphs(List<String> lines, int illFormedAt) {
        Node[] children = new Node[lines.size()];
        for (int i = 0; i < children.length; i++) {
            Object literal = lines.get(i);
            if (i == illFormedAt) {
                // A byte no UTF-8 sequence starts with, inside a well-formed string.
                byte[] good = lines.get(i).getBytes(StandardCharsets.UTF_8);
                byte[] bad = new byte[good.length + 1];
                System.arraycopy(good, 0, bad, 0, 4);
                bad[4] = (byte) 0xFF;
                System.arraycopy(good, 4, bad, 5, good.length - 4);
                literal = bad;
            }
            children[i] = para(node(NodeKind.TEXT).a(literal));
        }
        return doc(children);
    }

    private static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < PARAGRAPHS; i++) {
            lines.add(line(i));
        }
        return lines;
    }

    /** Blocks written one after another: each line, a blank line between. */
    private static String expected(List<String> lines, String prefix, String blank) {
        StringBuilder expected = new StringBuilder();
        for (String line : lines) {
            if (!expected.isEmpty()) {
                expected.append(blank).append('\n');
            }
            expected.append(prefix).append(line).append('\n');
        }
        return expected.toString();
    }

    @Test
    void aWholeDocumentLongerThanManyChunksIsWrittenWhole() {
        List<String> lines = lines();
        try (OcpDocument document = Ocp.read(PayloadBuilder.build(paragraphs(lines, -1)))) {
            String markdown = document.toMarkdown();
            assertTrue(markdown.getBytes(StandardCharsets.UTF_8).length > 6 * 65536, "several chunks");
            assertEquals(expected(lines, "", ""), markdown);
        }
    }

    @Test
    void chunksOfLatin1AloneAndThenOneBeyondAreWrittenWhole() {
        // Characters of one byte each in a string, until the last paragraph's, far into the output.
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < PARAGRAPHS; i++) {
            lines.add("Ligne " + i + " déjà vue, über " + "x".repeat(i % 23) + " fin");
        }
        List<String> latin1 = List.copyOf(lines);
        lines.set(PARAGRAPHS - 1, "Line 你好 \uD83D\uDE00 end");
        for (List<String> text : List.of(latin1, lines)) {
            try (OcpDocument document = Ocp.read(PayloadBuilder.build(paragraphs(text, -1)))) {
                assertEquals(expected(text, "", ""), document.toMarkdown());
            }
        }
    }

    @Test
    void aSubtreeLongerThanManyChunksIsWrittenWhole() {
        List<String> lines = lines();
        Node quote = node(NodeKind.BLOCK_QUOTE);
        // The paragraphs inside a block quote, the document's only child: its cursor is not the root's.
        Node[] paragraphs = new Node[lines.size()];
        for (int i = 0; i < paragraphs.length; i++) {
            paragraphs[i] = para(text(lines.get(i)));
        }
        quote.add(paragraphs);
        try (OcpDocument document = Ocp.read(PayloadBuilder.build(doc(quote)))) {
            OcpCursor cursor = document.cursor();
            assertTrue(cursor.toFirstChild());
            String markdown = MarkdownRenderer.renderToString(cursor, MarkdownOptions.defaults());
            assertEquals(expected(lines, "> ", ">"), markdown);
            assertEquals(markdown, document.toMarkdown());
        }
    }

    @Test
    void anIllFormedStringInALongOutputIsWrittenAsItDecodes() {
        List<String> lines = lines();
        // First, in the first chunk; then far into the output, after chunks already decoded.
        for (int at : new int[]{0, PARAGRAPHS - 2}) {
            try (OcpDocument document = Ocp.read(PayloadBuilder.build(paragraphs(lines, at)))) {
                List<String> decoded = new ArrayList<>(lines);
                decoded.set(at, lines.get(at).substring(0, 4) + "\uFFFD" + lines.get(at).substring(4));
                assertEquals(expected(decoded, "", ""), document.toMarkdown(), "ill-formed at paragraph " + at);
            }
        }
    }
}
