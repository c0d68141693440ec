package dev.ocp.toc;

import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;

import java.util.ArrayList;
import java.util.List;

/**
 * A document's headings, in document order, with their level, text and GitHub slug: what a table of contents is
 * made of. The slugs are those {@code HtmlOptions.withHeadingIds(true)} writes as ids, so links to them resolve.
 */
public final class Headings {
    private Headings() {
    }

    /**
     * Lists the headings of a document.
     *
     * @param document an open document
     * @return its headings, first to last
     * @throws IllegalStateException if the document is or gets closed
     */
    public static List<Heading> of(OcpDocument document) {
        List<Heading> out = new ArrayList<>();
        Slugger slugger = new Slugger();
        OcpCursor cursor = document.cursor();
        int count = cursor.nodeCount();
        for (int i = 0; i < count; i++) {
            cursor.moveTo(i);
            if (cursor.kind() == NodeKind.HEADING) {
                String text = text(cursor);
                String id = cursor.headingId(); // the author's {#id}, which HTML writes in place of the slug
                out.add(new Heading(i, cursor.headingLevel(), text, id != null ? id : slugger.slug(text)));
            }
        }
        return out;
    }

    /**
     * The text of the node under the cursor as a browser's {@code textContent} would have it: the literals of its
     * text, code and inline math, a line break for each break, and nothing of raw HTML or of an image's description
     * (an image has no text content). The cursor is back on the node afterwards.
     *
     * @param cursor a cursor on the node
     * @return its text
     */
    public static String text(OcpCursor cursor) {
        int start = cursor.index();
        int end = cursor.subtreeEnd();
        if (end == start + 2) {
            // Most headings are one run of text: its literal, without a builder's copies (chunking names thousands).
            cursor.moveTo(start + 1);
            String only = cursor.kind() == NodeKind.TEXT ? cursor.literal() : null;
            cursor.moveTo(start);
            if (only != null) {
                return only;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = start + 1; i < end; i++) {
            cursor.moveTo(i);
            NodeKind kind = cursor.kind();
            if (kind == null) {
                continue; // a kind of a newer minor version: its own text, if any, is in its children
            }
            // Where the scan goes on from: past an image, whose description is no heading text.
            i = switch (kind) {
                case TEXT, CODE_SPAN, MATH_INLINE -> {
                    text.append(cursor.literal());
                    yield i;
                }
                case SOFT_BREAK, HARD_BREAK -> {
                    text.append('\n');
                    yield i;
                }
                case IMAGE -> cursor.subtreeEnd() - 1;
                case DOCUMENT, PARAGRAPH, HEADING, THEMATIC_BREAK, BLOCK_QUOTE, ALERT, LIST, LIST_ITEM, CODE_BLOCK,
                     HTML_BLOCK, DEFINITION, TABLE, TABLE_ROW, TABLE_CELL, FOOTNOTE_DEFINITION, FRONTMATTER,
                     MATH_BLOCK, MDX_JSX_FLOW, MDX_EXPRESSION_FLOW, MDX_ESM, EMPHASIS, STRONG, LINK,
                     HTML_INLINE, STRIKETHROUGH, FOOTNOTE_REFERENCE, MDX_JSX_TEXT, MDX_EXPRESSION_TEXT,
                     CONTAINER_DIRECTIVE, LEAF_DIRECTIVE, TEXT_DIRECTIVE -> i; // a text directive: its label is text
            };
        }
        cursor.moveTo(start);
        return text.toString();
    }
}
