package dev.ocp.chunk;

import dev.ocp.Dialect;
import dev.ocp.LineIndex;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpNode;
import dev.ocp.markdown.MarkdownOptions;
import dev.ocp.markdown.MarkdownRenderer;
import dev.ocp.text.TextRenderer;
import dev.ocp.toc.Headings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One document's chunking: its top-level blocks as units (a block larger than the cap as its rows, items or
 * sentences), the units packed into chunks under the cap, small chunks merged, then each chunk's Markdown and text.
 * The units tile the content: each runs from the line its block starts on to the next unit's start, so the bytes
 * between blocks belong to the unit before, and a run of units is a slice of the source.
 */
final class Plan {
    /** A unit's part of its block. */
    private enum Part { WHOLE, TABLE_HEAD, ROW, ITEM, SENTENCE }

    /** A piece of content no chunk boundary may fall inside. */
    private static final class Unit {
        int start;
        int end;
        ChunkKind kind;
        Part part = Part.WHOLE;
        /** The node whose text is the unit's, or -1 for a sentence (parsed for its text). */
        int node;
        /** The block a part belongs to (its table, list or paragraph), -1 for a whole block. */
        int block = -1;
        /** A row's table: its header and alignment rows, repeated when a chunk starts with the row. */
        Unit head;
        /**
         * Whether no chunk may start with the unit: a block indented four columns or more, which alone would read as
         * indented code, or a paragraph or heading on the line after a link reference definition, whose first line
         * was a paragraph's continuation there (alone, {@code 3) x} would be a list).
         */
        boolean glued;
        /** Whether the unit is an item of a tight list (its text joins the next item's with one line break). */
        boolean tight;
        int headingLevel;
        List<String> headingPath;
        /** Normalized labels it uses and defines: "l" or "f" (link or footnote), then the label. */
        Set<String> uses = Set.of();
        Set<String> defines = Set.of();
        /** A definition's normalized label, as in {@link #uses}. */
        String key;
        String markdown;
        int size;
        String text;
    }

    private final OcpDocument document;
    private final byte[] source;
    private final ChunkOptions options;
    private final Function<byte[], String> textOfPiece;
    private final LineIndex lines;
    private final List<Unit> units = new ArrayList<>();
    /** The definitions of the document by normalized label (the first wins, as in CommonMark), as units. */
    private final Map<String, Unit> definitions = new HashMap<>();
    private String frontmatter = "";

    Plan(OcpDocument document, byte[] source, ChunkOptions options, Function<byte[], String> textOfPiece) {
        this.document = document;
        this.source = source;
        this.options = options;
        this.textOfPiece = textOfPiece;
        this.lines = LineIndex.of(source);
    }

    List<Chunk> chunks() {
        collectUnits();
        List<List<Unit>> packed = mergeSmall(pack());
        List<Chunk> out = new ArrayList<>(packed.size());
        List<Unit> before = List.of();
        for (List<Unit> chunk : packed) {
            out.add(build(out.size(), overlapFrom(before, chunk), chunk));
            before = chunk;
        }
        return out;
    }

    // ---- units ----

    private void collectUnits() {
        OcpCursor cursor = document.cursor();
        // Definitions anywhere (in a block quote or list item too) are carried by label.
        for (int i = 0, n = cursor.nodeCount(); i < n; i++) {
            cursor.moveTo(i);
            NodeKind kind = cursor.node().kind();
            if (kind == NodeKind.DEFINITION || kind == NodeKind.FOOTNOTE_DEFINITION) {
                OcpNode node = cursor.node();
                String key = (kind == NodeKind.DEFINITION ? "l" : "f") + normalize(node.label());
                if (!definitions.containsKey(key)) {
                    Unit def = new Unit();
                    def.key = key;
                    def.start = node.spanStart();
                    def.end = node.spanEnd();
                    def.node = i;
                    def.kind = kindOf(kind);
                    labels(cursor, def);
                    // A nested definition's lines hold its containers' markers: the writer gives it alone.
                    def.markdown = (node.parentIndex() == 0 ? slice(def.start, def.end)
                            : MarkdownRenderer.renderToString(cursor, MarkdownOptions.defaults())).replaceAll("[\r\n]+$", "")
                            + "\n";
                    def.size = options.measure().applyAsInt(def.markdown);
                    definitions.put(key, def);
                }
            }
        }
        cursor.moveTo(0);
        List<Integer> blocks = new ArrayList<>();
        if (cursor.toFirstChild()) {
            do {
                blocks.add(cursor.index());
            } while (cursor.toNextSibling());
        }
        boolean afterFrontmatter = false;
        List<String> path = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            cursor.moveTo(blocks.get(b));
            OcpNode node = cursor.node();
            NodeKind kind = node.kind();
            if (kind == NodeKind.FRONTMATTER && options.frontmatterAsMetadata()) {
                String literal = node.literal();
                frontmatter = literal != null ? literal : slice(node.spanStart(), node.spanEnd());
                afterFrontmatter = true;
                continue;
            }
            // The content starts at the source's start, or after the frontmatter when that is metadata.
            int start = units.isEmpty() && !afterFrontmatter ? 0 : lineStart(node.spanStart());
            int end = b + 1 < blocks.size() ? lineStartOf(cursor, blocks.get(b + 1)) : source.length;
            cursor.moveTo(blocks.get(b));
            Unit unit = new Unit();
            unit.start = start;
            unit.end = end;
            unit.kind = kindOf(kind);
            unit.node = blocks.get(b);
            // MDX has no indented code: there an indented block may start a chunk.
            unit.glued = kind != NodeKind.CODE_BLOCK && document.dialect() != Dialect.MDX
                    && indentation(start, node.spanStart()) >= 4
                    || b > 0 && (kind == NodeKind.PARAGRAPH || kind == NodeKind.HEADING)
                    && continuesDefinition(blocks.get(b - 1), node.spanStart());
            if (kind == NodeKind.HEADING) {
                int level = node.headingLevel();
                while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                    levels.remove(levels.size() - 1);
                    path.remove(path.size() - 1);
                }
                levels.add(level);
                path.add(Headings.text(cursor));
                unit.headingLevel = level;
            }
            List<String> here = List.copyOf(path);
            labels(cursor, unit);
            finish(unit, cursor);
            if (size(List.of(unit)) > options.maxSize() && split(cursor, unit, here)) {
                continue;
            }
            unit.headingPath = here;
            units.add(unit);
        }
    }

    /** Whether a block starting at {@code at} is on the line right after a link reference definition. */
    private boolean continuesDefinition(int previous, int at) {
        OcpNode before = document.node(previous);
        if (before.kind() != NodeKind.DEFINITION) {
            return false;
        }
        int breaks = 0;
        for (int i = before.spanEnd(); i < at; i++) {
            if (source[i] == '\n' || (source[i] == '\r' && (i + 1 >= at || source[i + 1] != '\n'))) {
                breaks++;
            }
        }
        return breaks <= 1;
    }

    /** The start of the line the node's span starts on (a top-level block starts at most three spaces in). */
    private int lineStartOf(OcpCursor cursor, int node) {
        cursor.moveTo(node);
        return lineStart(cursor.node().spanStart());
    }

    /** The columns of white space from a line's start to a block's start (a tab to the next multiple of 4). */
    private int indentation(int lineStart, int blockStart) {
        int columns = 0;
        for (int i = lineStart; i < blockStart; i++) {
            columns = source[i] == '\t' ? columns + 4 - columns % 4 : columns + 1;
        }
        return columns;
    }

    private int lineStart(int at) {
        int i = at;
        while (i > 0 && (source[i - 1] == ' ' || source[i - 1] == '\t')) {
            i--;
        }
        return i == 0 || source[i - 1] == '\n' || source[i - 1] == '\r' ? i : at;
    }

    /** Splits a block over the cap into rows, items or sentences; false when it cannot be split. */
    private boolean split(OcpCursor cursor, Unit whole, List<String> path) {
        int block = whole.node;
        List<Unit> parts = switch (whole.kind) {
            case TABLE -> rows(cursor, whole);
            case LIST -> items(cursor, whole);
            case PARAGRAPH -> sentences(cursor, whole);
            // Every other kind is kept whole: a fence, marker or container its parts would lose (a new kind must
            // say whether it splits).
            case HEADING, CODE, MATH, HTML, JSX, EXPRESSION, ESM, QUOTE, ALERT, DIRECTIVE, FOOTNOTE, DEFINITION,
                 THEMATIC_BREAK, FRONTMATTER -> List.of();
        };
        cursor.moveTo(block);
        if (parts.size() < 2) {
            return false;
        }
        parts.get(0).glued = whole.glued;
        for (Unit part : parts) {
            part.block = block;
            part.kind = whole.kind;
            part.headingPath = path;
            units.add(part);
        }
        return true;
    }

    private List<Unit> rows(OcpCursor cursor, Unit table) {
        List<Integer> rows = children(cursor, table.node);
        if (rows.size() < 2) {
            return List.of();
        }
        List<Unit> out = new ArrayList<>();
        Unit head = null;
        for (int r = 0; r < rows.size(); r++) {
            Unit row = new Unit();
            row.start = r == 0 ? table.start : lineStartOf(cursor, rows.get(r));
            row.end = r + 1 < rows.size() ? lineStartOf(cursor, rows.get(r + 1)) : table.end;
            row.node = rows.get(r);
            row.part = r == 0 ? Part.TABLE_HEAD : Part.ROW;
            row.head = head;
            cursor.moveTo(row.node);
            labels(cursor, row);
            finish(row, cursor);
            if (r == 0) {
                head = row;
                // The header with the alignment row under it, to repeat: its bytes are the first unit's.
                head.markdown = slice(head.start, head.end);
            }
            out.add(row);
        }
        return out;
    }

    private List<Unit> items(OcpCursor cursor, Unit list) {
        cursor.moveTo(list.node);
        boolean tight = cursor.node().isTightList();
        List<Integer> items = children(cursor, list.node);
        List<Unit> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Unit item = new Unit();
            item.start = i == 0 ? list.start : lineStartOf(cursor, items.get(i));
            item.end = i + 1 < items.size() ? lineStartOf(cursor, items.get(i + 1)) : list.end;
            item.node = items.get(i);
            item.part = Part.ITEM;
            item.tight = tight;
            cursor.moveTo(item.node);
            labels(cursor, item);
            finish(item, cursor);
            out.add(item);
        }
        return out;
    }

    /**
     * A paragraph's sentences: cut after a {@code .}, {@code !} or {@code ?} and the white space after it, where the
     * next sentence starts with an ASCII letter, and only in the paragraph's own text (not inside emphasis, a link or
     * a code span), so each piece parses to the same inline content. A letter cannot start a block, so no piece
     * becomes a heading, a list or a table.
     */
    private List<Unit> sentences(OcpCursor cursor, Unit paragraph) {
        List<int[]> plain = new ArrayList<>();
        for (int child : children(cursor, paragraph.node)) {
            cursor.moveTo(child);
            OcpNode node = cursor.node();
            NodeKind kind = node.kind();
            if (kind == NodeKind.TEXT || kind == NodeKind.SOFT_BREAK) {
                if (!plain.isEmpty() && plain.get(plain.size() - 1)[1] == node.spanStart()) {
                    plain.get(plain.size() - 1)[1] = node.spanEnd();
                } else {
                    plain.add(new int[] {node.spanStart(), node.spanEnd()});
                }
            }
        }
        List<Integer> cuts = new ArrayList<>();
        for (int[] run : plain) {
            for (int i = run[0]; i + 1 < run[1]; i++) {
                byte b = source[i];
                if ((b == '.' || b == '!' || b == '?') && isSpace(source[i + 1])) {
                    int next = i + 1;
                    while (next < run[1] && isSpace(source[next])) {
                        next++;
                    }
                    if (next < run[1] && isAsciiLetter(source[next])) {
                        cuts.add(next);
                    }
                    i = next - 1;
                }
            }
        }
        List<Unit> out = new ArrayList<>();
        int at = paragraph.start;
        for (int c = 0; c <= cuts.size(); c++) {
            Unit sentence = new Unit();
            sentence.start = at;
            sentence.end = c < cuts.size() ? cuts.get(c) : paragraph.end;
            sentence.node = -1;
            sentence.part = Part.SENTENCE;
            sentence.uses = usesIn(cursor, paragraph.node, sentence.start, sentence.end);
            finish(sentence, cursor);
            out.add(sentence);
            at = sentence.end;
        }
        return out;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static boolean isAsciiLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static List<Integer> children(OcpCursor cursor, int parent) {
        cursor.moveTo(parent);
        List<Integer> out = new ArrayList<>();
        if (cursor.toFirstChild()) {
            do {
                out.add(cursor.index());
            } while (cursor.toNextSibling());
        }
        cursor.moveTo(parent);
        return out;
    }

    /** The unit's Markdown, size and text; the cursor is on its node (a whole block, row or item). */
    private void finish(Unit unit, OcpCursor cursor) {
        unit.markdown = slice(unit.start, unit.end);
        unit.size = options.measure().applyAsInt(unit.markdown);
        if (unit.node >= 0) {
            cursor.moveTo(unit.node);
            unit.text = TextRenderer.renderToString(cursor);
        } else {
            unit.text = textOfPiece.apply(slice(unit.start, unit.end).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The labels of references and definitions in the subtree under the cursor. */
    private static void labels(OcpCursor cursor, Unit unit) {
        int from = cursor.index();
        int to = cursor.subtreeEnd();
        Set<String> uses = new LinkedHashSet<>();
        Set<String> defines = new LinkedHashSet<>();
        for (int i = from; i < to; i++) {
            cursor.moveTo(i);
            collect(cursor.node(), uses, defines);
        }
        cursor.moveTo(from);
        unit.uses = uses.isEmpty() ? Set.of() : uses;
        unit.defines = defines.isEmpty() ? Set.of() : defines;
    }

    private static Set<String> usesIn(OcpCursor cursor, int paragraph, int start, int end) {
        cursor.moveTo(paragraph);
        int to = cursor.subtreeEnd();
        Set<String> uses = new LinkedHashSet<>();
        for (int i = paragraph + 1; i < to; i++) {
            cursor.moveTo(i);
            OcpNode node = cursor.node();
            if (node.spanStart() >= start && node.spanStart() < end) {
                collect(node, uses, new LinkedHashSet<>());
            }
        }
        cursor.moveTo(paragraph);
        return uses;
    }

    private static void collect(OcpNode node, Set<String> uses, Set<String> defines) {
        NodeKind kind = node.kind();
        if (kind == null) {
            return;
        }
        switch (kind) {
            case LINK, IMAGE -> {
                String label = node.label();
                if (label != null) {
                    uses.add("l" + normalize(label));
                }
            }
            case FOOTNOTE_REFERENCE -> uses.add("f" + normalize(node.label()));
            case DEFINITION -> defines.add("l" + normalize(node.label()));
            case FOOTNOTE_DEFINITION -> defines.add("f" + normalize(node.label()));
            // Every other kind uses and defines no label (a new kind must say whether it does).
            case DOCUMENT, PARAGRAPH, HEADING, THEMATIC_BREAK, BLOCK_QUOTE, LIST, LIST_ITEM, CODE_BLOCK, HTML_BLOCK,
                 TABLE, TABLE_ROW, TABLE_CELL, FRONTMATTER, MATH_BLOCK, MDX_JSX_FLOW, MDX_EXPRESSION_FLOW, MDX_ESM,
                 CONTAINER_DIRECTIVE, LEAF_DIRECTIVE, ALERT, TEXT, SOFT_BREAK, HARD_BREAK, CODE_SPAN, EMPHASIS, STRONG,
                 HTML_INLINE, STRIKETHROUGH, MATH_INLINE, MDX_JSX_TEXT, MDX_EXPRESSION_TEXT, TEXT_DIRECTIVE -> {
            }
        }
    }

    /**
     * A label as CommonMark matches it: trimmed, runs of space, tab and line breaks as one space, case folded (to
     * lower case and then upper, so that {@code ẞ} and {@code SS} match, as the HTML renderer matches them).
     */
    private static String normalize(String label) {
        return label == null ? "" : dev.ocp.internal.Labels.matchKey(label);
    }

    private static ChunkKind kindOf(NodeKind kind) {
        if (kind == null) {
            return ChunkKind.PARAGRAPH; // a block kind of a later minor version
        }
        return switch (kind) {
            case HEADING -> ChunkKind.HEADING;
            case PARAGRAPH -> ChunkKind.PARAGRAPH;
            case LIST, LIST_ITEM -> ChunkKind.LIST;
            case TABLE, TABLE_ROW, TABLE_CELL -> ChunkKind.TABLE;
            case CODE_BLOCK -> ChunkKind.CODE;
            case MATH_BLOCK -> ChunkKind.MATH;
            case HTML_BLOCK -> ChunkKind.HTML;
            case MDX_JSX_FLOW -> ChunkKind.JSX;
            case MDX_EXPRESSION_FLOW -> ChunkKind.EXPRESSION;
            case MDX_ESM -> ChunkKind.ESM;
            case BLOCK_QUOTE -> ChunkKind.QUOTE;
            case ALERT -> ChunkKind.ALERT;
            case CONTAINER_DIRECTIVE, LEAF_DIRECTIVE -> ChunkKind.DIRECTIVE;
            case FOOTNOTE_DEFINITION -> ChunkKind.FOOTNOTE;
            case DEFINITION -> ChunkKind.DEFINITION;
            case THEMATIC_BREAK -> ChunkKind.THEMATIC_BREAK;
            case FRONTMATTER -> ChunkKind.FRONTMATTER;
            case DOCUMENT, TEXT, SOFT_BREAK, HARD_BREAK, CODE_SPAN, EMPHASIS, STRONG, LINK, IMAGE, HTML_INLINE,
                 STRIKETHROUGH, FOOTNOTE_REFERENCE, MATH_INLINE, MDX_JSX_TEXT, MDX_EXPRESSION_TEXT, TEXT_DIRECTIVE ->
                    ChunkKind.PARAGRAPH;
        };
    }

    private String slice(int start, int end) {
        return new String(source, start, end - start, StandardCharsets.UTF_8);
    }

    // ---- packing ----

    /**
     * Units into chunks: a new chunk at each heading of the chosen levels, and before a unit that would overflow. A
     * unit that cannot start a chunk goes with the one before it as a group, which is never split.
     */
    private List<List<Unit>> pack() {
        List<List<Unit>> groups = new ArrayList<>();
        for (Unit unit : units) {
            if (unit.glued && !groups.isEmpty()) {
                groups.get(groups.size() - 1).add(unit);
            } else {
                groups.add(new ArrayList<>(List.of(unit)));
            }
        }
        List<List<Unit>> chunks = new ArrayList<>();
        List<Unit> current = new ArrayList<>();
        for (List<Unit> group : groups) {
            Unit head = group.get(0);
            boolean section = head.kind == ChunkKind.HEADING && options.headingLevels().contains(head.headingLevel);
            if (section && !current.isEmpty()) {
                chunks.add(current);
                current = new ArrayList<>();
            }
            if (!current.isEmpty() && sizeWith(current, group) > options.maxSize()) {
                // Headings at the end go on with what they head, when it fits beside them.
                int k = current.size();
                while (k > 1 && current.get(k - 1).kind == ChunkKind.HEADING && !current.get(k - 1).glued) {
                    k--;
                }
                List<Unit> headings = new ArrayList<>(current.subList(k, current.size()));
                if (!headings.isEmpty() && sizeWith(headings, group) > options.maxSize()) {
                    headings.clear();
                    k = current.size();
                }
                chunks.add(new ArrayList<>(current.subList(0, k)));
                current = headings;
            }
            int before = current.size();
            current.addAll(group);
            if (size(current) > options.maxSize()) {
                // Nothing joins a chunk over the cap: what it holds cannot be split further.
                if (before > 0) {
                    chunks.add(new ArrayList<>(current.subList(0, before)));
                }
                chunks.add(List.copyOf(group));
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /** Small chunks into a neighbour they fit beside. */
    private List<List<Unit>> mergeSmall(List<List<Unit>> chunks) {
        if (options.minSize() == 0) {
            return chunks;
        }
        List<List<Unit>> out = new ArrayList<>();
        for (List<Unit> chunk : chunks) {
            if (!out.isEmpty()) {
                List<Unit> last = out.get(out.size() - 1);
                boolean small = size(last) < options.minSize() || size(chunk) < options.minSize();
                List<Unit> joined = new ArrayList<>(last);
                joined.addAll(chunk);
                if (small && size(joined) <= options.maxSize()) {
                    out.set(out.size() - 1, joined);
                    continue;
                }
            }
            out.add(chunk);
        }
        return out;
    }

    private int sizeWith(List<Unit> chunk, List<Unit> next) {
        List<Unit> with = new ArrayList<>(chunk);
        with.addAll(next);
        return size(with);
    }

    /**
     * What a chunk of these units measures, added up from its parts: the repeated table header, the units, and the
     * definitions carried, each with a blank line before it (counted a little over, never under, for characters).
     */
    private int size(List<Unit> chunk) {
        long total = 0;
        Unit first = chunk.get(0);
        if (first.part == Part.ROW) {
            total += first.head.size;
        }
        for (Unit unit : chunk) {
            total += unit.size;
        }
        for (Unit def : carried(chunk)) {
            total += def.size + 2;
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    /**
     * The definitions the chunk's references need that lie outside it, with those they need in turn. The one that
     * counts is the document's first of a label, so a chunk holding a later one still gets the first.
     */
    private List<Unit> carried(List<Unit> chunk) {
        Set<String> needed = null;
        for (Unit unit : chunk) {
            if (!unit.uses.isEmpty()) {
                if (needed == null) {
                    needed = new LinkedHashSet<>();
                }
                needed.addAll(unit.uses);
            }
        }
        if (needed == null) {
            return List.of(); // most chunks use no definition: no sets to make
        }
        int from = chunk.get(0).start;
        int to = chunk.get(chunk.size() - 1).end;
        List<Unit> out = new ArrayList<>();
        List<String> queue = new ArrayList<>(needed);
        Set<String> seen = new java.util.HashSet<>(needed);
        for (int q = 0; q < queue.size(); q++) {
            String key = queue.get(q);
            Unit def = definitions.get(key);
            if (def == null || (def.start >= from && def.start < to)) {
                continue;
            }
            out.add(def);
            for (String more : def.uses) {
                if (seen.add(more)) {
                    queue.add(more);
                }
            }
        }
        return out;
    }

    /** The whole sentences and blocks at the end of the chunk before that fit in the overlap (no rows or items). */
    private List<Unit> overlapFrom(List<Unit> before, List<Unit> chunk) {
        if (options.overlap() == 0 || before.isEmpty() || chunk.get(0).part == Part.ROW) {
            return List.of();
        }
        int k = before.size();
        int total = 0;
        while (k > 0) {
            Unit unit = before.get(k - 1);
            if (unit.part == Part.ROW || unit.part == Part.ITEM || unit.part == Part.TABLE_HEAD
                    || total + unit.size > options.overlap()) {
                break;
            }
            total += unit.size;
            k--;
        }
        return before.subList(k, before.size());
    }

    // ---- chunks ----

    private Chunk build(int index, List<Unit> overlap, List<Unit> own) {
        Unit first = own.get(0);
        Unit last = own.get(own.size() - 1);
        StringBuilder markdown = new StringBuilder();
        StringBuilder text = new StringBuilder();
        List<Unit> all = new ArrayList<>(overlap);
        if (first.part == Part.ROW) {
            markdown.append(first.head.markdown);
            all.add(first.head);
        }
        for (Unit unit : overlap) {
            markdown.append(unit.markdown);
        }
        for (Unit unit : own) {
            markdown.append(unit.markdown);
        }
        all.addAll(own);
        Unit previous = null;
        for (Unit unit : all) {
            String t = unit.text.stripTrailing();
            if (t.isEmpty()) {
                continue;
            }
            if (!text.isEmpty()) {
                boolean sameBlock = previous != null && previous.block >= 0 && previous.block == unit.block;
                if (sameBlock && unit.part == Part.SENTENCE) {
                    text.append(' ');
                } else if (sameBlock && (unit.part == Part.ROW || unit.tight)) {
                    text.append('\n');
                } else {
                    text.append("\n\n");
                }
            }
            text.append(t);
            previous = unit;
        }
        if (!text.isEmpty()) {
            text.append('\n');
        }
        Set<String> defined = new java.util.HashSet<>();
        for (Unit unit : all) {
            defined.addAll(unit.defines);
        }
        // After a code, math, HTML or JSX block, which may run to the end of what it is in, definitions go first;
        // a footnote's only when the chunk does not start indented (its first block would join the footnote;
        // then it is left out).
        boolean definitionsFirst = endsInOpenBlock(last);
        boolean footnotesFirst = definitionsFirst && !startsIndented(markdown);
        StringBuilder before = new StringBuilder();
        for (Unit def : carried(all)) {
            boolean footnote = def.key.startsWith("f");
            if (footnote && definitionsFirst && !footnotesFirst) {
                continue; // read into the block either side: left out rather than change what the block holds
            }
            if ((footnote ? footnotesFirst : definitionsFirst) || defined.contains(def.key)) {
                // (The chunk holds a later definition of the label: the first goes before it, to win as it does.)
                before.append(def.markdown).append('\n');
            } else {
                trimToBlankLine(markdown);
                markdown.append(def.markdown);
            }
        }
        // The frontmatter, when the chunk starts with it, stays first.
        int at = overlap.isEmpty() && first.kind == ChunkKind.FRONTMATTER ? first.markdown.length() : 0;
        if (at > 0 && !before.isEmpty() && markdown.charAt(at - 1) != '\n') {
            before.insert(0, '\n');
        }
        markdown.insert(at, before);
        Set<ChunkKind> holds = EnumSet.noneOf(ChunkKind.class);
        for (Unit unit : own) {
            holds.add(unit.kind);
        }
        int start = overlap.isEmpty() ? first.start : overlap.get(0).start;
        int end = last.end;
        String md = markdown.toString();
        boolean overCap = options.measure().applyAsInt(md) > options.maxSize();
        return new Chunk(index, first.headingPath, md, text.toString(), start, end, lines.line(start),
                lines.line(Math.max(start, end - 1)), holds, overCap, frontmatter);
    }

    /**
     * Whether the last block to start in the unit (at any depth: the code block that ends a list item too) is one
     * that may run on to the end of what holds it, a code, math, HTML or JSX block or an MDX expression, so that
     * what follows it in the chunk's Markdown could be read into it.
     */
    private boolean endsInOpenBlock(Unit unit) {
        if (unit.node < 0) {
            return false; // a sentence
        }
        OcpCursor cursor = document.cursor();
        cursor.moveTo(unit.node);
        int last = -1;
        for (int i = unit.node, to = cursor.subtreeEnd(); i < to; i++) {
            NodeKind kind = document.node(i).kind();
            if (kind != null && kind.isBlock()) {
                last = i;
            }
        }
        NodeKind kind = last < 0 ? null : document.node(last).kind();
        return kind == NodeKind.CODE_BLOCK || kind == NodeKind.MATH_BLOCK || kind == NodeKind.HTML_BLOCK
                || kind == NodeKind.MDX_JSX_FLOW || kind == NodeKind.MDX_EXPRESSION_FLOW;
    }

    /** Whether the first line of the Markdown that is not blank is indented four columns or more. */
    private static boolean startsIndented(CharSequence markdown) {
        int columns = 0;
        for (int i = 0; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == ' ') {
                columns++;
            } else if (c == '\t') {
                columns += 4 - columns % 4;
            } else if (c == '\n' || c == '\r') {
                columns = 0;
            } else {
                return columns >= 4;
            }
        }
        return false;
    }

    /** Ends the Markdown with one blank line, before a definition is added. */
    private static void trimToBlankLine(StringBuilder markdown) {
        int n = markdown.length();
        while (n > 0 && Character.isWhitespace(markdown.charAt(n - 1))) {
            n--;
        }
        markdown.setLength(n);
        if (n > 0) {
            markdown.append("\n\n");
        }
    }
}
