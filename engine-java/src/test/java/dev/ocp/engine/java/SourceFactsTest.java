package dev.ocp.engine.java;

import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.ParseOptions;
import dev.ocp.internal.PayloadLayout;
import dev.ocp.spi.OcpFormat;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The facts of format v1.5 (docs/ocp-format.md section 7.4): places in the source, indented lines and indentation
 * that the spans and strings leave out, which mdast reads instead of scanning the source for syntax. Read from the payload's
 * records, as a reader of the format would; the C core writes the same bytes (the differential tests hold it).
 */
class SourceFactsTest {

    /** One node's record, read raw. */
    private record Fact(int flags, int data, int start, int a, int c, String cString) {
    }

    /** The record of the first node of {@code kind} (the {@code nth}, from 0) in the java engine's payload. */
    private static Fact fact(String markdown, NodeKind kind, int nth, ParseOptions options) {
        try (OcpDocument doc = Ocp.engine("java").parse(markdown, options)) {
            ByteBuffer payload = doc.bytes().order(ByteOrder.LITTLE_ENDIAN);
            PayloadLayout layout = PayloadLayout.of(payload);
            OcpCursor cursor = doc.cursor();
            int seen = 0;
            for (int i = 0; i < cursor.nodeCount(); i++) {
                cursor.moveTo(i);
                if (cursor.kind() == kind && seen++ == nth) {
                    int r = layout.record(i);
                    int c = payload.getInt(r + OcpFormat.N_C);
                    boolean indentedCode = kind == NodeKind.CODE_BLOCK && (payload.get(r + OcpFormat.N_FLAGS) & 1) == 0;
                    boolean stringC = indentedCode || kind == NodeKind.HTML_INLINE;
                    return new Fact(payload.get(r + OcpFormat.N_FLAGS) & 0xFF,
                            payload.getShort(r + OcpFormat.N_DATA) & 0xFFFF, payload.getInt(r + OcpFormat.N_SPAN_START),
                            payload.getInt(r + OcpFormat.N_A), c, stringC ? layout.decode(payload, c) : null);
                }
            }
        }
        throw new AssertionError("no " + kind + " #" + nth + " in " + markdown);
    }

    private static Fact fact(String markdown, NodeKind kind) {
        return fact(markdown, kind, 0, ParseOptions.defaults());
    }

    @Test
    void indentedCodeRecordsTheIndentationBeforeItsSpan() {
        assertEquals(4, fact("    a\n", NodeKind.CODE_BLOCK).data(), "four spaces");
        assertEquals(4, fact("    \tx\n", NodeKind.CODE_BLOCK).data(), "four spaces, the tab is the value's");
        assertEquals(1, fact("\tx\n", NodeKind.CODE_BLOCK).data(), "one tab");
        // The quote takes one column of the first tab: the indentation starts at the second, which is partly the
        // value's (two columns of it), so the span starts there too.
        Fact quoted = fact(">\t\tfoo\n", NodeKind.CODE_BLOCK);
        assertEquals(2, quoted.start());
        assertEquals(0, quoted.data());
        assertEquals(4, fact("- a\n\n      code\n", NodeKind.CODE_BLOCK).data(), "the four spaces after the item's two columns");
    }

    @Test
    void indentedCodeRecordsItsTrailingIndentedLines() {
        assertNull(fact("    a\n\nb\n", NodeKind.CODE_BLOCK).cString(), "an empty line is nobody's");
        assertNull(fact("    a\n  \nb\n", NodeKind.CODE_BLOCK).cString(), "nor one indented less than four columns");
        assertEquals("", fact("    a\n    \nb\n", NodeKind.CODE_BLOCK).cString());
        assertEquals(" \n\n  ", fact("    a\n     \n\n      \nb\n", NodeKind.CODE_BLOCK).cString());
        assertEquals("  ", fact(">     a\n>       \n> b\n", NodeKind.CODE_BLOCK).cString(), "past the quote");
        assertNull(fact("    a\n    \n    b\n", NodeKind.CODE_BLOCK).cString(), "text after: the literal's");
    }

    @Test
    void aSetextHeadingAfterDefinitionsRecordsWhereItsParagraphBegan() {
        Fact heading = fact("[a]: /u\nb\n=\n", NodeKind.HEADING);
        assertEquals(8, heading.start());
        assertEquals(0, heading.a());
        assertEquals(2, fact("> [a]: /u\n> b\n> =\n", NodeKind.HEADING).a());
        assertEquals(OcpFormat.NONE, fact("b\n=\n", NodeKind.HEADING).a(), "no definitions");
        assertEquals(OcpFormat.NONE, fact("[a]: /u\n# b\n", NodeKind.HEADING).a(), "an ATX heading");
    }

    /** The first code span's content as written with its indentation (slot c), or "none". */
    private static String codeAsWritten(String markdown) {
        try (OcpDocument doc = Ocp.engine("java").parse(markdown, ParseOptions.defaults())) {
            ByteBuffer payload = doc.bytes().order(ByteOrder.LITTLE_ENDIAN);
            PayloadLayout layout = PayloadLayout.of(payload);
            for (int i = 0; i < doc.cursor().nodeCount(); i++) {
                if (doc.node(i).kind() == NodeKind.CODE_SPAN) {
                    String c = layout.decode(payload, payload.getInt(layout.record(i) + OcpFormat.N_C));
                    return c == null ? "none" : c;
                }
            }
        }
        throw new AssertionError("no code span in " + markdown);
    }

    @Test
    void aCodeSpanAcrossLinesKeepsTheIndentationItsParagraphTookOff() {
        assertEquals("x\n    y", codeAsWritten("a `x\n    y`\n"));
        assertEquals("x\n   y", codeAsWritten("- a `x\n     y`\n"), "past the item's two columns");
        assertEquals("x\n  y", codeAsWritten("> a `x\n>\ty`\n"), "the two columns of a tab the quote took one of");
        assertEquals("x\n\ty", codeAsWritten("a `x\n\ty`\n"));
        assertEquals("x\n y", codeAsWritten("> a `x\n y`\n"), "a lazy line: all of its indentation");
        // CommonMark strips the line ending at each end; mdast strips the first and last character as written
        assertEquals("    a\n ", codeAsWritten("  `\n    a\n  `\n"));
        assertEquals("none", codeAsWritten("> a `x\n> y`\n"), "nothing lost past the quote's marker and space");
        assertEquals("none", codeAsWritten("a `x\ny`\n"));
    }

    @Test
    void rawHtmlAcrossLinesKeepsWhatItsParagraphTookOffPastThreeColumns() {
        assertEquals("<?\n ?>", fact("a <?\n    ?>\n", NodeKind.HTML_INLINE).cString());
        assertNull(fact("a <?\n   ?>\n", NodeKind.HTML_INLINE).cString(), "three columns: nothing kept, no slot");
        assertEquals("<?\n ?>", fact("a <?\n\t?>\n", NodeKind.HTML_INLINE).cString(), "a tab's fourth column");
        assertEquals("<b\n   c>", fact("- a <b\n        c>\n", NodeKind.HTML_INLINE).cString(), "past the item's two");
        assertEquals("<?\n   ?>", fact("> \ta <?\n>\t\t?>\n", NodeKind.HTML_INLINE).cString(),
                "the quote takes a column of the first tab; three more go, the second tab's three stay as spaces");
    }

    /** The label of the first node of {@code kind}. */
    private static String label(String markdown, NodeKind kind) {
        try (OcpDocument doc = Ocp.engine("java").parse(markdown, ParseOptions.defaults())) {
            for (int i = 0; i < doc.cursor().nodeCount(); i++) {
                if (doc.node(i).kind() == kind) {
                    return doc.node(i).label();
                }
            }
        }
        throw new AssertionError("no " + kind + " in " + markdown);
    }

    @Test
    void aLabelAcrossLinesKeepsTheIndentationItsParagraphTookOff() {
        assertEquals("a\n \tb", label("[a\n \tb]: /u\n", NodeKind.DEFINITION));
        assertEquals("a\n  b", label("> [a\n>   b]: /u\n", NodeKind.DEFINITION), "past the quote's prefix");
        assertEquals("a\nb", label("> [a\n> b]: /u\n", NodeKind.DEFINITION), "nothing lost");
        assertEquals("a\n  b", label("[a\n  b]\n\n[a b]: /u\n", NodeKind.LINK), "a shortcut reference's");
    }

    @Test
    void aTableCellRecordsThePipeBeforeIt() {
        ParseOptions gfm = ParseOptions.of(dev.ocp.Dialect.COMMONMARK, dev.ocp.Extension.GFM);
        String table = "a |  b\n--|--\n| c | d |\n";
        assertEquals(OcpFormat.NONE, fact(table, NodeKind.TABLE_CELL, 0, gfm).a(), "no leading pipe");
        assertEquals(2, fact(table, NodeKind.TABLE_CELL, 1, gfm).a());
        assertEquals(13, fact(table, NodeKind.TABLE_CELL, 2, gfm).a(), "a leading pipe");
        assertEquals(17, fact(table, NodeKind.TABLE_CELL, 3, gfm).a());
    }

    /** Slot a of the {@code nth} list item (from 0) of {@code markdown} parsed as GFM: where its check starts. */
    private static int check(String markdown, int nth) {
        return fact(markdown, NodeKind.LIST_ITEM, nth, ParseOptions.of(dev.ocp.Dialect.COMMONMARK, dev.ocp.Extension.GFM))
                .a();
    }

    @Test
    void aTaskItemRecordsWhereItsCheckStarts() {
        assertEquals(2, check("- [x] a\n", 0));
        assertEquals(2, check("-\t[ ]\tb\n", 0), "after a tab, and a tab after it");
        assertEquals(4, check("> - [ ] c\n", 0), "inside a block quote");
        assertEquals(OcpFormat.NONE, check("- a\n  - [x] b\n", 0), "the outer item is no task");
        assertEquals(8, check("- a\n  - [x] b\n", 1), "the nested one is");
        assertEquals(2, check("- [ ] a\r\n- [X] b\r\n", 0));
        assertEquals(11, check("- [ ] a\r\n- [X] b\r\n", 1), "after a CR LF");
        assertEquals(6, check("1.\n   [ ] a\n", 0), "on the line after the marker");
        assertEquals(2, check("- [ ]   \n  m\n", 0), "nothing after it on its line");
        assertEquals(OcpFormat.NONE, check("- [ ]\n", 0), "nothing after it: a paragraph [ ]");
        assertEquals(OcpFormat.NONE, check("- [y] a\n", 0));
        assertEquals(OcpFormat.NONE, fact("- [x] a\n", NodeKind.LIST_ITEM).a(), "CommonMark has no task items");
    }
}
