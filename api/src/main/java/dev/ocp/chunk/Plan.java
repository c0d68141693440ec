package dev.ocp.chunk;

import dev.ocp.Dialect;
import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpNode;
import dev.ocp.internal.LibraryRenderer;
import dev.ocp.internal.Utf8;
import dev.ocp.markdown.MarkdownOptions;
import dev.ocp.markdown.MarkdownRenderer;
import dev.ocp.internal.text.PlainText;
import dev.ocp.toc.Headings;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
         * was a paragraph's continuation there (alone, {@code 3) x} would be a list), or a table on the line after a
         * paragraph, whose header row was the paragraph's last line there (alone, a header {@code <x>} would start an
         * HTML block, {@code 2. a | b} a list).
         */
        boolean glued;
        /**
         * Where a paragraph on the line after a link reference definition (and its first sentence) is read from alone:
         * that definition's first line, since the paragraph's first line was a continuation there; -1 for the unit's
         * own start.
         */
        int readFrom = -1;
        /** Whether the unit is an item of a tight list (its text joins the next item's with one line break). */
        boolean tight;
        int headingLevel;
        List<String> headingPath;
        /** Normalized labels it uses and defines: "l" or "f" (link or footnote), then the label. */
        Set<String> uses = Set.of();
        Set<String> defines = Set.of();
        /** A definition's normalized label, as in {@link #uses}. */
        String key;
        /**
         * Whether a footnote definition leaves a block open (a fence, math or HTML block never closed), which takes in
         * the blank lines after it: nothing may follow it but a line that is neither blank nor indented.
         */
        boolean openEnded;
        String markdown;
        int size;
        /** A sentence's plain text (parsed alone); a node's is its range in {@link #text}, its mark's. */
        String text;
        /** The unit's place in {@link #units}, and its node's in the marks of {@link #text} (-1 for a sentence). */
        int order;
        int mark = -1;
        /** The line endings that end in the unit (a CR LF at its LF), and the line the unit starts on. */
        int breaks;
        int line;
    }

    private final OcpDocument document;
    private final byte[] source;
    /**
     * The source as the caller gave it, when a string: the Markdown of a chunk is then a substring of it, not decoded
     * from the bytes again; null for a source given as bytes.
     */
    private final String sourceString;
    /** For {@link #sourceString}: the UTF-16 units before each 64 bytes of the source, counted once when first needed. */
    private int[] unitsBeforeBlock;
    /** The source read eight bytes at a time, and bit 7 of each of them. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGHS = 0x8080808080808080L;

    private final ChunkOptions options;
    /** Parses a piece of Markdown alone (a sentence, for its text); the plan closes what it gives. */
    private final Function<byte[], OcpDocument> parsePiece;
    /**
     * Whether the measure is the default, characters, and the chunker counts them in the source's bytes (checked
     * against each chunk's decoded Markdown, {@link Miscounted}).
     */
    private final boolean counted;

    private final List<Unit> units = new ArrayList<>();
    /** The definitions of the document by normalized label (the first wins, as in CommonMark), as units. */
    private final Map<String, Unit> definitions = new HashMap<>();
    private String frontmatter = "";
    /** The document's plain text, with each unit's node marked in it: every chunk's text is taken from it. */
    private PlainText.Marked text;

    /**
     * @param sourceString the source as a string, when the caller gave one ({@code source} is its UTF-8), else null
     */
    Plan(OcpDocument document, byte[] source, String sourceString, ChunkOptions options,
         Function<byte[], OcpDocument> parsePiece) {
        this(document, source, sourceString, options, parsePiece, false);
    }

    private Plan(OcpDocument document, byte[] source, String sourceString, ChunkOptions options,
                 Function<byte[], OcpDocument> parsePiece, boolean measureStrings) {
        this.document = document;
        this.source = source;
        this.sourceString = sourceString;
        this.options = options;
        this.parsePiece = parsePiece;
        this.counted = !measureStrings && options.measure() == ChunkOptions.defaults().measure();
        this.budget = options.maxSize() - options.overlap(); // Chunker holds the overlap under the cap
    }

    /**
     * What the chunks' own content is packed under: the cap less the overlap, so that the overlap finds room before a
     * chunk reaches the cap.
     */
    private final int budget;

    /** Whether {@link #chunks} had to measure the document again, string by string (its tests look). */
    boolean measuredAgain;

    List<Chunk> chunks() {
        try {
            return plan();
        } catch (Miscounted e) {
            // Ill-formed UTF-8 that decodes to another count than its bytes say: measured again, string by string.
            measuredAgain = true;
            return new Plan(document, source, sourceString, options, parsePiece, true).plan();
        }
    }

    /**
     * A chunk's Markdown decoded to another length than its units' counted sizes add up to: the source holds ill-formed
     * UTF-8 there, whose replacement characters the count from its bytes does not foresee.
     */
    private static final class Miscounted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Miscounted INSTANCE = new Miscounted();

        private Miscounted() {
            super(null, null, false, false);
        }
    }

    private List<Chunk> plan() {
        underOneRead(this::collectUnits);
        numberLines();
        markText();
        addUp();
        int[] ends = mergeSmall(pack());
        List<Chunk> out = new ArrayList<>(ends.length);
        List<Unit> before = List.of();
        int start = 0;
        for (int end : ends) {
            List<Unit> chunk = units.subList(start, end);
            out.add(build(out.size(), overlapFrom(before, chunk), chunk));
            before = chunk;
            start = end;
        }
        return out;
    }

    // ---- units ----

    /**
     * The units, in two steps: one walk over each top-level block's subtree (its labels, and the definitions anywhere
     * in it, carried by label), then the blocks over the cap split, once every definition a block may carry is known.
     */
    private void collectUnits(OcpCursor cursor) {
        cursor.moveTo(0);
        // The top-level blocks, their kinds and spans, read in one pass over the root's children.
        int count = 0;
        int[] blocks = new int[16];
        int[] starts = new int[16];
        int[] ends = new int[16];
        NodeKind[] kinds = new NodeKind[16];
        if (cursor.toFirstChild()) {
            do {
                if (count == blocks.length) {
                    blocks = Arrays.copyOf(blocks, 2 * count);
                    starts = Arrays.copyOf(starts, 2 * count);
                    ends = Arrays.copyOf(ends, 2 * count);
                    kinds = Arrays.copyOf(kinds, 2 * count);
                }
                blocks[count] = cursor.index();
                starts[count] = cursor.spanStart();
                ends[count] = cursor.spanEnd();
                kinds[count++] = cursor.kind();
            } while (cursor.toNextSibling());
        }
        // MDX has no indented code: there an indented block may start a chunk.
        boolean indentedCode = document.dialect() != Dialect.MDX;
        boolean afterFrontmatter = false;
        List<String> path = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        List<String> headingPath = List.of();
        List<Unit> blockUnits = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            NodeKind kind = kinds[b];
            int spanStart = starts[b];
            if (kind == NodeKind.FRONTMATTER && options.frontmatterAsMetadata()) {
                cursor.moveTo(blocks[b]);
                String literal = cursor.literal();
                frontmatter = literal != null ? literal : slice(spanStart, ends[b]);
                afterFrontmatter = true;
                continue;
            }
            // The content starts at the source's start, or after the frontmatter when that is metadata.
            Unit unit = new Unit();
            unit.start = blockUnits.isEmpty() && !afterFrontmatter ? 0 : lineStart(spanStart);
            unit.end = b + 1 < count ? lineStart(starts[b + 1]) : source.length;
            unit.kind = kindOf(kind);
            unit.node = blocks[b];
            unit.glued = kind != NodeKind.CODE_BLOCK && indentedCode && indentation(unit.start, spanStart) >= 4
                    || b > 0 && (kind == NodeKind.PARAGRAPH || kind == NodeKind.HEADING)
                    && kinds[b - 1] == NodeKind.DEFINITION && atMostOneLineBreak(ends[b - 1], spanStart)
                    || b > 0 && kind == NodeKind.TABLE && kinds[b - 1] == NodeKind.PARAGRAPH
                    && atMostOneLineBreak(ends[b - 1], spanStart);
            if (kind == NodeKind.PARAGRAPH && b > 0 && kinds[b - 1] == NodeKind.DEFINITION
                    && atMostOneLineBreak(ends[b - 1], spanStart)) {
                unit.readFrom = lineStart(starts[b - 1]);
            }
            cursor.moveTo(blocks[b]);
            if (kind == NodeKind.HEADING) {
                int level = cursor.headingLevel();
                while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                    levels.remove(levels.size() - 1);
                    path.remove(path.size() - 1);
                }
                levels.add(level);
                path.add(Headings.text(cursor));
                unit.headingLevel = level;
                headingPath = List.copyOf(path);
            }
            unit.headingPath = headingPath;
            labels(cursor, unit, true);
            measure(unit);
            blockUnits.add(unit);
        }
        for (Unit unit : blockUnits) {
            if (ownSize(unit) > budget && split(cursor, unit, unit.headingPath)) {
                continue;
            }
            units.add(unit);
        }
    }

    /**
     * Runs {@code reading} with a cursor on the document that reads under one hold of the document for the whole run
     * (a walk's), not one per read: on an engine that gates reads against a close on another thread, each read of a
     * cursor of its own is two atomic updates, and the chunker reads every node. The walk enters the root only, and
     * {@code reading} runs there, where the walk's unguarded cursor may be used.
     */
    private void underOneRead(java.util.function.Consumer<OcpCursor> reading) {
        OcpCursor root = document.cursor();
        root.moveTo(0);
        root.walk(new LibraryRenderer() {
            private OcpCursor unguarded;

            @Override
            public void lookAroundUnguarded(OcpCursor cursor) {
                unguarded = cursor;
            }

            @Override
            public boolean enter(OcpNode node) {
                reading.accept(unguarded);
                return false;
            }
        });
    }

    /** Adds the definition under the cursor, when it is the document's first of its label. */
    private void define(OcpCursor cursor) {
        NodeKind kind = cursor.kind();
        String key = (kind == NodeKind.DEFINITION ? "l" : "f") + normalize(cursor.label());
        if (definitions.containsKey(key)) {
            return;
        }
        int at = cursor.index();
        Unit def = new Unit();
        def.key = key;
        def.start = cursor.spanStart();
        def.end = cursor.spanEnd();
        def.node = at;
        def.kind = kindOf(kind);
        labels(cursor, def, false);
        def.openEnded = kind == NodeKind.FOOTNOTE_DEFINITION && leavesBlockOpen(cursor);
        cursor.moveTo(at);
        // A nested definition's lines hold its containers' markers: the writer gives it alone. One left open keeps
        // the blank lines at its end, which the block it leaves open holds.
        if (cursor.parentIndex() == 0 && def.openEnded) {
            int end = lineEnd(def.end);
            def.markdown = slice(def.start, end) + (end > def.end ? "" : "\n"); // (the source's end: no line ending)
        } else {
            def.markdown = (cursor.parentIndex() == 0 ? slice(def.start, def.end)
                    : MarkdownRenderer.renderToString(cursor, MarkdownOptions.defaults())).replaceAll("[\r\n]+$", "")
                    + "\n";
        }
        def.size = measured(def.markdown);
        definitions.put(key, def);
        cursor.moveTo(at);
    }

    /** Whether the source from {@code from} to {@code at} holds at most one line break (CR LF counted once). */
    private boolean atMostOneLineBreak(int from, int at) {
        int breaks = 0;
        for (int i = from; i < at; i++) {
            if (source[i] == '\n' || (source[i] == '\r' && (i + 1 >= at || source[i + 1] != '\n'))) {
                breaks++;
            }
        }
        return breaks <= 1;
    }

    /** The start of the line the node's span starts on (a top-level block starts at most three spaces in). */
    private int lineStartOf(OcpCursor cursor, int node) {
        cursor.moveTo(node);
        return lineStart(cursor.spanStart());
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
        parts.get(0).readFrom = whole.readFrom;
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
        cursor.moveTo(table.node);
        int headerStart = cursor.spanStart();
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
            labels(cursor, row, false);
            measure(row);
            if (r == 0) {
                head = row;
                // The header with the alignment row under it, to repeat: the first unit's bytes from the header's
                // first cell on (indented four columns, as a paragraph's next line may be, alone it would be code).
                head.markdown = slice(headerStart, head.end);
            }
            out.add(row);
        }
        return out;
    }

    private List<Unit> items(OcpCursor cursor, Unit list) {
        cursor.moveTo(list.node);
        boolean tight = cursor.isTightList();
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
            labels(cursor, item, false);
            measure(item);
            out.add(item);
        }
        return out;
    }

    /**
     * A paragraph's sentences: cut after a sentence's end ({@link #sentenceEnd}: {@code .}, {@code !}, {@code ?} and
     * their kin in other scripts) and any white space after it, where the next sentence starts with a letter of any
     * script, and only in the paragraph's own text (not inside emphasis, a link or a code span, nor after a {@code [}
     * that text leaves open, nor right after a bare URL, {@code www.} address or email address, whose end depends on
     * what follows it), so each piece parses to the same inline content. A letter cannot start a block, so no
     * piece becomes a heading, a list or a table.
     */
    private List<Unit> sentences(OcpCursor cursor, Unit paragraph) {
        // Runs of the paragraph's own text: start, end, where a bare URL before it ends (what follows such a URL
        // says where it ends, and alone nothing would), and the brackets open at its start. A [ the text leaves open,
        // in emphasis too, is one after which a URL is no autolink, which alone it would be.
        List<int[]> plain = new ArrayList<>();
        int literalEnd = -1;
        int brackets = 0;
        for (int child : children(cursor, paragraph.node)) {
            cursor.moveTo(child);
            OcpNode node = cursor.node();
            NodeKind kind = node.kind();
            if (kind == NodeKind.TEXT || kind == NodeKind.SOFT_BREAK) {
                if (!plain.isEmpty() && plain.get(plain.size() - 1)[1] == node.spanStart()) {
                    plain.get(plain.size() - 1)[1] = node.spanEnd();
                } else {
                    plain.add(new int[] {node.spanStart(), node.spanEnd(), literalEnd, brackets});
                }
                brackets = brackets(brackets, node.spanStart(), node.spanEnd());
            } else if (kind == NodeKind.LINK && node.isAutolinkLiteral()) {
                literalEnd = node.spanEnd();
            } else if (kind == NodeKind.EMPHASIS || kind == NodeKind.STRONG || kind == NodeKind.STRIKETHROUGH) {
                for (int i = child + 1, to = cursor.subtreeEnd(); i < to; i++) {
                    cursor.moveTo(i);
                    if (cursor.kind() == NodeKind.TEXT && isPhrasingOnly(cursor, child)) {
                        brackets = brackets(brackets, cursor.spanStart(), cursor.spanEnd());
                    }
                }
            }
        }
        List<Integer> cuts = new ArrayList<>();
        for (int[] run : plain) {
            int openBrackets = run[3];
            for (int i = run[0]; i < run[1]; i++) {
                byte b = source[i];
                if (b == '\\') {
                    i++; // an escaped character
                    continue;
                }
                if (b == '[' || b == ']') {
                    openBrackets = b == '[' ? openBrackets + 1 : Math.max(0, openBrackets - 1);
                    continue;
                }
                int after = openBrackets > 0 || i == run[2] ? -1 : sentenceEnd(i, run[1]);
                if (after < 0) {
                    continue;
                }
                int next = after;
                while (next < run[1] && isSpace(source[next])) {
                    next++;
                }
                if (next < run[1] && startsLetter(next, run[1])) {
                    cuts.add(next);
                }
                i = next - 1;
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
            measure(sentence);
            out.add(sentence);
            at = sentence.end;
        }
        return out;
    }

    /**
     * Where a sentence's end at byte {@code i} is over, or -1 if none ends there: a {@code .}, {@code !} or {@code ?},
     * a danda, an Arabic question mark or an Urdu full stop, each with white space after it; or an ideographic full
     * stop, a full-width exclamation or question mark, which Chinese and Japanese set no space after.
     */
    private int sentenceEnd(int i, int end) {
        byte b = source[i];
        if (b >= 0) {
            return (b == '.' || b == '!' || b == '?') && i + 1 < end && isSpace(source[i + 1]) ? i + 1 : -1;
        }
        int sequence = (b & 0xC0) == 0x80 ? -1 : Utf8.sequence(sourceBuffer(), i, end); // (not inside a character)
        if (sequence < 0) {
            return -1;
        }
        int after = i + Utf8.length(sequence);
        int c = Utf8.codePoint(sequence);
        if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F) {
            return after; // set with no space after them
        }
        boolean spaced = c == 0x0964 || c == 0x061F || c == 0x06D4;
        return spaced && after < end && isSpace(source[after]) ? after : -1;
    }

    /** Whether a letter of any script starts at byte {@code at} (ill-formed UTF-8 is none). */
    private boolean startsLetter(int at, int end) {
        byte b = source[at];
        if (b >= 0) {
            return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
        }
        int sequence = Utf8.sequence(sourceBuffer(), at, end);
        return sequence >= 0 && Character.isLetter(Utf8.codePoint(sequence));
    }

    /** The source as a buffer, for {@link Utf8#sequence}, wrapped when first needed. */
    private java.nio.ByteBuffer sourceBuffer() {
        if (sourceBuffer == null) {
            sourceBuffer = java.nio.ByteBuffer.wrap(source);
        }
        return sourceBuffer;
    }

    private java.nio.ByteBuffer sourceBuffer;

    /** Whether a byte or character is a space, a tab or a line ending's. */
    private static boolean isSpace(int b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    /** The count of open brackets after the text's bytes {@code [from, to)}: a {@code ]} closes one, escapes aside. */
    private int brackets(int open, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = source[i];
            if (b == '\\') {
                i++;
            } else if (b == '[') {
                open++;
            } else if (b == ']') {
                open = Math.max(0, open - 1);
            }
        }
        return open;
    }

    /** Whether the nodes between the cursor's and {@code top} are emphasis, strong or strikethrough (no link's text). */
    private static boolean isPhrasingOnly(OcpCursor cursor, int top) {
        int at = cursor.index();
        for (int p = cursor.parentIndex(); p != top; p = cursor.parentIndex()) {
            cursor.moveTo(p);
            NodeKind kind = cursor.kind();
            if (kind != NodeKind.EMPHASIS && kind != NodeKind.STRONG && kind != NodeKind.STRIKETHROUGH) {
                cursor.moveTo(at);
                return false;
            }
        }
        cursor.moveTo(at);
        return true;
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

    /**
     * The unit's size, as the measure counts its Markdown, and its line endings, in one pass over its bytes. The
     * default measure counts characters, which UTF-8 gives without making the string: each byte but a continuation
     * byte starts a character, a lead byte of four one of two UTF-16 units. (Ill-formed UTF-8 may decode to another
     * count, replacement characters; {@link #build} sees that and the document is measured again, string by string.)
     */
    private void measure(Unit unit) {
        int from = unit.start;
        int to = unit.end;
        int chars = 0;
        int breaks = 0;
        int i = from;
        // Eight bytes at a time, bit 7 of each byte of these words saying which starts what. The LFs of a word are
        // counted at once when it holds no CR (a CR needs a look at the byte after it).
        for (; i + 8 <= to; i += 8) {
            long word = (long) WORDS.get(source, i);
            chars += unitsIn(word);
            if (zeroBytes(word ^ ONES * '\r') != 0) {
                for (int k = i; k < i + 8; k++) {
                    breaks += endsLine(k) ? 1 : 0;
                }
            } else {
                breaks += Long.bitCount(zeroBytes(word ^ ONES * '\n'));
            }
        }
        for (; i < to; i++) {
            chars += unitsOf(source[i]);
            breaks += endsLine(i) ? 1 : 0;
        }
        unit.breaks = breaks;
        unit.size = counted ? chars : measured(slice(from, to));
    }

    private static final long ONES = 0x0101010101010101L;

    /**
     * The UTF-16 units the eight bytes of a word start: each byte but a continuation byte starts a character, a lead
     * byte of four one of two units (bit 7 of each byte says which starts what).
     */
    private static int unitsIn(long word) {
        long continuation = word & ~(word << 1) & HIGHS;
        long fourByteLead = word & (word << 1) & (word << 2) & (word << 3) & HIGHS;
        return 8 - Long.bitCount(continuation) + Long.bitCount(fourByteLead);
    }

    /** The UTF-16 units a byte starts, as {@link #unitsIn} counts them. */
    private static int unitsOf(byte b) {
        int unsigned = b & 0xFF;
        return (unsigned & 0xC0) == 0x80 ? 0 : unsigned >= 0xF0 ? 2 : 1;
    }

    /** Bit 7 of each byte of the word that is zero, exactly (no false positives after a zero byte). */
    private static long zeroBytes(long x) {
        return ~(((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
    }

    /** Whether a line ending ends at byte {@code i} (LF, CR, or the LF of CR LF), as {@link dev.ocp.LineIndex} counts. */
    private boolean endsLine(int i) {
        byte b = source[i];
        return b == '\n' || b == '\r' && (i + 1 >= source.length || source[i + 1] != '\n');
    }

    /** Past the line ending (LF, CR or CR LF) that starts at byte {@code at}, if one does. */
    private int lineEnd(int at) {
        int end = at < source.length && source[at] == '\r' ? at + 1 : at;
        return end < source.length && source[end] == '\n' ? end + 1 : end;
    }

    /**
     * Whether the last block to start under the cursor was left open (a fence, math or HTML block that ends with its
     * container), so that it is still open where the node ends.
     */
    private static boolean leavesBlockOpen(OcpCursor cursor) {
        int last = lastBlock(cursor, cursor.index() + 1, cursor.subtreeEnd());
        if (last < 0) {
            return false;
        }
        cursor.moveTo(last);
        return cursor.isUnclosed();
    }

    /** The last block node to start among the nodes {@code [from, to)} (in document order), or -1 if none does. */
    private static int lastBlock(OcpCursor cursor, int from, int to) {
        int last = -1;
        for (int i = from; i < to; i++) {
            cursor.moveTo(i);
            NodeKind kind = cursor.kind();
            if (kind != null && kind.isBlock()) {
                last = i;
            }
        }
        return last;
    }

    /** Each unit's first line, from the line endings before the first unit and in each unit. */
    private void numberLines() {
        int line = 1;
        int at = 0;
        for (Unit unit : units) {
            for (int i = at; i < unit.start; i++) {
                line += endsLine(i) ? 1 : 0; // before the first unit (the frontmatter); units follow each other
            }
            unit.line = line;
            line += unit.breaks;
            at = Math.max(unit.start, unit.end);
        }
    }

    /**
     * The labels of references and definitions in the subtree under the cursor; with {@code define}, the
     * definitions in it are added to the document's too (one walk serves both).
     */
    private void labels(OcpCursor cursor, Unit unit, boolean define) {
        int from = cursor.index();
        int to = cursor.subtreeEnd();
        Set<String> uses = null;
        Set<String> defines = null;
        for (int i = from; i < to; i++) {
            cursor.moveTo(i);
            if (!usesOrDefines(cursor.kind())) {
                continue; // most nodes: no sets made for them
            }
            if (uses == null) {
                uses = new LinkedHashSet<>();
                defines = new LinkedHashSet<>();
            }
            if (collect(cursor, uses, defines) && define) {
                define(cursor);
            }
        }
        cursor.moveTo(from);
        unit.uses = uses == null || uses.isEmpty() ? Set.of() : uses;
        unit.defines = defines == null || defines.isEmpty() ? Set.of() : defines;
    }

    /** Whether a node of the kind may use or define a label ({@link #collect} says which). */
    private static boolean usesOrDefines(NodeKind kind) {
        return kind == NodeKind.LINK || kind == NodeKind.IMAGE || kind == NodeKind.FOOTNOTE_REFERENCE
                || kind == NodeKind.DEFINITION || kind == NodeKind.FOOTNOTE_DEFINITION;
    }

    private static Set<String> usesIn(OcpCursor cursor, int paragraph, int start, int end) {
        cursor.moveTo(paragraph);
        int to = cursor.subtreeEnd();
        Set<String> uses = new LinkedHashSet<>();
        for (int i = paragraph + 1; i < to; i++) {
            cursor.moveTo(i);
            int at = cursor.spanStart();
            if (at >= start && at < end) {
                collect(cursor, uses, new LinkedHashSet<>());
            }
        }
        cursor.moveTo(paragraph);
        return uses;
    }

    /**
     * Adds the label the node under the cursor uses or defines, if any.
     *
     * @return whether the node is a definition (of a link or a footnote)
     */
    private static boolean collect(OcpCursor node, Set<String> uses, Set<String> defines) {
        NodeKind kind = node.kind();
        if (kind == null) {
            return false;
        }
        switch (kind) {
            case LINK, IMAGE -> {
                String label = node.label();
                if (label != null) {
                    uses.add("l" + normalize(label));
                }
            }
            case FOOTNOTE_REFERENCE -> uses.add("f" + normalize(node.label()));
            case DEFINITION -> {
                defines.add("l" + normalize(node.label()));
                return true;
            }
            case FOOTNOTE_DEFINITION -> {
                defines.add("f" + normalize(node.label()));
                return true;
            }
            // Every other kind uses and defines no label (a new kind must say whether it does).
            case DOCUMENT, PARAGRAPH, HEADING, THEMATIC_BREAK, BLOCK_QUOTE, LIST, LIST_ITEM, CODE_BLOCK, HTML_BLOCK,
                 TABLE, TABLE_ROW, TABLE_CELL, FRONTMATTER, MATH_BLOCK, MDX_JSX_FLOW, MDX_EXPRESSION_FLOW, MDX_ESM,
                 CONTAINER_DIRECTIVE, LEAF_DIRECTIVE, ALERT, TEXT, SOFT_BREAK, HARD_BREAK, CODE_SPAN, EMPHASIS, STRONG,
                 HTML_INLINE, STRIKETHROUGH, MATH_INLINE, MDX_JSX_TEXT, MDX_EXPRESSION_TEXT, TEXT_DIRECTIVE -> {
            }
        }
        return false;
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

    /**
     * The source from {@code start} to {@code end}: decoded as every renderer decodes (ill-formed UTF-8 included), or,
     * from a string, the substring it was encoded from (two byte offsets at character boundaries map to UTF-16 ones).
     */
    private String slice(int start, int end) {
        if (sourceString == null) {
            return Utf8.decode(source, start, end);
        }
        return sourceString.substring(unitsBefore(start), unitsBefore(end));
    }

    /**
     * The UTF-16 units of the source before byte {@code at}, a character boundary: each byte but a continuation byte
     * starts a character, a lead byte of four one of two units (a string encodes to well-formed UTF-8; an unpaired
     * surrogate becomes {@code ?}, one byte for one unit). Counted from the nearest multiple of 64 bytes below.
     */
    private int unitsBefore(int at) {
        if (unitsBeforeBlock == null) {
            unitsBeforeBlock = countUnitsByBlock();
        }
        int units = unitsBeforeBlock[at >>> 6];
        for (int i = at & ~63; i < at; i++) {
            units += unitsOf(source[i]);
        }
        return units;
    }

    /** The UTF-16 units before each 64 bytes of the source, eight bytes at a time as {@link #measure} counts them. */
    private int[] countUnitsByBlock() {
        int[] before = new int[(source.length >>> 6) + 1];
        int units = 0;
        int i = 0;
        for (int block = 0; block < before.length; block++) {
            before[block] = units;
            int end = Math.min(source.length, (block + 1) << 6);
            for (; i + 8 <= end; i += 8) {
                units += unitsIn((long) WORDS.get(source, i));
            }
            for (; i < end; i++) {
                units += unitsOf(source[i]);
            }
        }
        return before;
    }

    // ---- packing ----
    // Every chunk is a run of units, and the chunks follow each other: a chunk is where it ends in the units, and
    // its size is a difference of sums kept once for all, not a walk over its units (unless it may carry definitions).

    /** The units' own sizes added up before each unit, and in all at the end. */
    private long[] sizesBefore;
    /** How many units before each use a label (so that a chunk holding them may carry definitions). */
    private int[] usersBefore;

    private void addUp() {
        sizesBefore = new long[units.size() + 1];
        usersBefore = new int[units.size() + 1];
        for (int u = 0; u < units.size(); u++) {
            Unit unit = units.get(u);
            sizesBefore[u + 1] = sizesBefore[u] + unit.size;
            usersBefore[u + 1] = usersBefore[u] + (unit.uses.isEmpty() ? 0 : 1);
        }
    }

    /**
     * Units into chunks, as the index in the units where each chunk ends: a new chunk at each heading of the chosen
     * levels, and before a unit that would overflow. A unit that cannot start a chunk goes with the one before it as a
     * group, which is never split.
     */
    private int[] pack() {
        int n = units.size();
        int[] ends = new int[n];
        int chunks = 0;
        int start = 0; // the current chunk is the units from start to the group
        for (int group = 0; group < n; ) {
            int groupEnd = group + 1;
            while (groupEnd < n && units.get(groupEnd).glued) {
                groupEnd++;
            }
            Unit head = units.get(group);
            boolean section = head.kind == ChunkKind.HEADING && options.headingLevels().contains(head.headingLevel);
            if (section && start < group) {
                ends[chunks++] = group;
                start = group;
            }
            if (start < group && size(start, groupEnd) > budget) {
                // Headings at the end go on with what they head, when it fits beside them.
                int k = group;
                while (k > start + 1 && units.get(k - 1).kind == ChunkKind.HEADING && !units.get(k - 1).glued) {
                    k--;
                }
                if (k < group && size(k, groupEnd) > budget) {
                    k = group;
                }
                ends[chunks++] = k;
                start = k;
            }
            if (size(start, groupEnd) > budget) {
                // Nothing joins a chunk over the cap: what it holds cannot be split further.
                if (start < group) {
                    ends[chunks++] = group;
                }
                ends[chunks++] = groupEnd;
                start = groupEnd;
            }
            group = groupEnd;
        }
        if (start < n) {
            ends[chunks++] = n;
        }
        return Arrays.copyOf(ends, chunks);
    }

    /** Small chunks into a neighbour they fit beside. */
    private int[] mergeSmall(int[] ends) {
        if (options.minSize() == 0) {
            return ends;
        }
        int[] out = new int[ends.length];
        int count = 0;
        for (int c = 0, start = 0; c < ends.length; start = ends[c++]) {
            if (count > 0) {
                int lastStart = count > 1 ? out[count - 2] : 0;
                boolean small = size(lastStart, start) < options.minSize()
                        || size(start, ends[c]) < options.minSize();
                if (small && size(lastStart, ends[c]) <= budget) {
                    out[count - 1] = ends[c];
                    continue;
                }
            }
            out[count++] = ends[c];
        }
        return Arrays.copyOf(out, count);
    }

    /** The own sizes of units {@code [from, to)} added up. */
    private long sum(int from, int to) {
        return sizesBefore[to] - sizesBefore[from];
    }

    /** What the options' measure gives for a piece of Markdown, refused when it is no size. */
    private int measured(String markdown) {
        int size = options.measure().applyAsInt(markdown);
        if (size < 0) {
            throw new IllegalArgumentException("the chunk options' measure gave " + size + " for "
                    + markdown.length() + " characters of Markdown; a size is 0 or more");
        }
        return size;
    }

    /** What a chunk of this one unit measures: {@link #size} without the list. */
    private int ownSize(Unit unit) {
        if (unit.uses.isEmpty() && unit.part != Part.ROW) {
            return unit.size;
        }
        return size(List.of(unit));
    }

    /** The size of the table header a chunk starting with this unit repeats, or 0. */
    private static int headSize(Unit first) {
        return first.part == Part.ROW ? first.head.size : 0;
    }

    private static int clamp(long size) {
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /**
     * What a chunk of units {@code [from, to)} measures, added up from its parts: the repeated table header, the
     * units, and the definitions carried, each with a blank line before it (counted a little over, never under, for
     * characters).
     */
    private int size(int from, int to) {
        long total = headSize(units.get(from)) + sum(from, to);
        return usersBefore[to] > usersBefore[from] ? withCarried(total, units.subList(from, to)) : clamp(total);
    }

    /** {@link #size(int, int)} of a chunk of units not yet numbered (a block before it is split). */
    private int size(List<Unit> chunk) {
        long total = headSize(chunk.get(0));
        for (Unit unit : chunk) {
            total += unit.size;
        }
        return withCarried(total, chunk);
    }

    /** The size of the chunk's own parts, {@code total}, with the definitions it carries added. */
    private int withCarried(long total, List<Unit> chunk) {
        for (Unit def : carried(chunk)) {
            total += def.size + 2;
        }
        return clamp(total);
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

    /**
     * The whole sentences and blocks at the end of the chunk before that fit in the overlap and in the room the chunk
     * leaves under the cap. No rows or items; nothing from a heading back, so that the overlap stays in the section
     * the chunk starts in, whose heading path it has (and none before a chunk that starts with a heading or a row);
     * and no unit first that cannot start a chunk.
     */
    private List<Unit> overlapFrom(List<Unit> before, List<Unit> chunk) {
        Unit first = chunk.get(0);
        if (options.overlap() == 0 || before.isEmpty() || first.part == Part.ROW || first.kind == ChunkKind.HEADING) {
            return List.of();
        }
        long room = Math.min(options.overlap(),
                (long) options.maxSize() - size(first.order, first.order + chunk.size()));
        int k = before.size();
        long total = 0;
        while (k > 0) {
            Unit unit = before.get(k - 1);
            if (unit.part == Part.ROW || unit.part == Part.ITEM || unit.part == Part.TABLE_HEAD
                    || unit.kind == ChunkKind.HEADING || total + unit.size > room) {
                break;
            }
            total += unit.size;
            k--;
        }
        while (k < before.size() && before.get(k).glued) {
            k++;
        }
        return before.subList(k, before.size());
    }

    // ---- chunks ----

    private Chunk build(int index, List<Unit> overlap, List<Unit> own) {
        Unit first = own.get(0);
        Unit last = own.get(own.size() - 1);
        boolean repeatsHead = first.part == Part.ROW;
        List<Unit> all = own;
        if (!overlap.isEmpty() || repeatsHead) {
            all = new ArrayList<>(overlap.size() + own.size() + 1);
            all.addAll(overlap);
            if (repeatsHead) {
                all.add(first.head);
            }
            all.addAll(own);
        }
        // The units of the overlap and the chunk follow each other in the units and in the source: their Markdown is
        // one slice of it, and their sizes and uses of labels are differences of sums.
        Unit from = overlap.isEmpty() ? first : overlap.get(0);
        int start = from.start;
        int end = last.end;
        String body = slice(start, end);
        if (counted && body.length() != sum(from.order, last.order + 1)) {
            throw Miscounted.INSTANCE;
        }
        String head = repeatsHead ? first.head.markdown : "";
        boolean usesLabels = usersBefore[last.order + 1] > usersBefore[from.order]
                || repeatsHead && !first.head.uses.isEmpty();
        List<Unit> carried = usesLabels ? carried(all) : List.of();
        // (Not head.concat(body): that copies the body even when the head is empty.)
        String md = carried.isEmpty() ? (head.isEmpty() ? body : head + body) : withDefinitions(head, body, overlap, first, last, all,
                carried);
        // A byte order mark the document holds as a character (not at its start) would start the chunk, where a parser
        // drops it, and a line it starts could read otherwise ("# a" a heading): it is written as a reference.
        boolean byteOrderMark = start > 0 && md.startsWith("\uFEFF");
        if (byteOrderMark) {
            md = "&#xFEFF;" + md.substring(1);
        }
        Set<ChunkKind> holds = EnumSet.noneOf(ChunkKind.class);
        for (Unit unit : own) {
            holds.add(unit.kind);
        }
        // A chunk of one unit alone is the Markdown that unit was measured on: no second count (a tokenizer's costs).
        boolean measuredAlready = own.size() == 1 && overlap.isEmpty() && head.isEmpty() && carried.isEmpty()
                && !byteOrderMark;
        int size = measuredAlready ? first.size : counted ? md.length() : measured(md);
        boolean overCap = size > options.maxSize();
        if (overCap && !overlap.isEmpty()) {
            return build(index, List.of(), own); // the definitions the overlap carries took the room it had
        }
        // The line of the last byte: the last unit's first line and the line endings in it before that byte.
        int startLine = (overlap.isEmpty() ? first : overlap.get(0)).line;
        int endLine = end > start ? last.line + last.breaks - (endsLine(end - 1) ? 1 : 0) : startLine;
        return new Chunk(index, first.headingPath, md, text(all), start, end, startLine, Math.max(startLine, endLine),
                holds, size, overCap, frontmatter);
    }

    /**
     * The plain text of the units: where they follow each other in the document, its text over them (one rendering of
     * the document serves every chunk, and the text between blocks is what it is there); a repeated table header and
     * the sentences of a split paragraph, which have no place of their own there, are joined as the text renderer
     * joins blocks: sentences by a space (by nothing where the source has none between them), rows and the items of
     * a tight list by a line break, else a blank line.
     */
    private String text(List<Unit> all) {
        boolean oneRun = true;
        for (int u = 0; u < all.size() && oneRun; u++) {
            Unit unit = all.get(u);
            oneRun = unit.mark >= 0 && (u == 0 || unit.order == all.get(u - 1).order + 1);
        }
        if (oneRun) {
            return runText(all, 0, all.size());
        }
        StringBuilder joined = new StringBuilder();
        Unit previous = null;
        for (int u = 0; u < all.size(); ) {
            Unit first = all.get(u);
            int end = u + 1;
            if (first.mark >= 0) {
                while (end < all.size() && all.get(end).mark >= 0
                        && all.get(end).order == all.get(end - 1).order + 1) {
                    end++;
                }
            }
            String piece = first.mark >= 0 ? runText(all, u, end) : sentenceText(first);
            int n = piece.length();
            while (n > 0 && Character.isWhitespace(piece.charAt(n - 1))) {
                n--; // (no supplementary character is white space, so this strips as stripTrailing does)
            }
            if (n > 0) {
                if (!joined.isEmpty()) {
                    boolean sameBlock = previous != null && previous.block >= 0 && previous.block == first.block;
                    if (sameBlock && first.part == Part.SENTENCE) {
                        if (isSpace(source[first.start - 1])) {
                            joined.append(' '); // (after an ideographic full stop, often none)
                        }
                    } else if (sameBlock && (first.part == Part.ROW || first.tight)) {
                        joined.append('\n');
                    } else {
                        joined.append("\n\n");
                    }
                }
                joined.append(piece, 0, n);
                previous = all.get(end - 1);
            }
            u = end;
        }
        if (!joined.isEmpty()) {
            joined.append('\n');
        }
        return joined.toString();
    }

    /**
     * The document's text over units {@code [from, to)} of the list, which follow each other in it, ending with one
     * line break as a rendering ends: from the first one's text that is not empty to the last one's.
     */
    private String runText(List<Unit> all, int from, int to) {
        int start = -1;
        int end = -1;
        for (int u = from; u < to; u++) {
            int mark = all.get(u).mark;
            if (text.end(mark) > text.start(mark)) {
                start = start < 0 ? text.start(mark) : start;
                end = text.end(mark);
            }
        }
        if (start < 0) {
            return "";
        }
        char[] chars = text.chars();
        if (chars[end - 1] == '\n') {
            return new String(chars, start, end - start);
        }
        // After a block's text the document's text goes on with a line break (or ends with one).
        return end < text.length() && chars[end] == '\n' ? new String(chars, start, end + 1 - start)
                : new String(chars, start, end - start) + "\n";
    }

    /**
     * A sentence's plain text: what the engine makes of it alone, with the definitions it uses after it, so that its
     * references read as they do in the document ({@code [text][label]} as {@code text}). Only the sentence's own
     * blocks are written: a footnote's definition carried for its reference has text, which is not the sentence's.
     */
    private String sentenceText(Unit sentence) {
        if (sentence.text == null) {
            // (A definition before it writes no text.)
            byte[] own = Arrays.copyOfRange(source, sentence.readFrom >= 0 ? sentence.readFrom : sentence.start,
                    sentence.end);
            List<Unit> carried = carried(List.of(sentence));
            byte[] piece = own;
            if (!carried.isEmpty()) {
                StringBuilder definitions = new StringBuilder("\n\n");
                for (Unit def : carried) {
                    definitions.append(def.markdown).append('\n');
                }
                byte[] after = definitions.toString().getBytes(StandardCharsets.UTF_8);
                piece = Arrays.copyOf(own, own.length + after.length);
                System.arraycopy(after, 0, piece, own.length, after.length);
            }
            try (OcpDocument alone = parsePiece.apply(piece)) {
                sentence.text = carried.isEmpty() ? alone.toText() : textBefore(alone, own.length);
            }
        }
        return sentence.text;
    }

    /** The text of the document's top-level blocks that start before byte {@code end}. */
    private static String textBefore(OcpDocument document, int end) {
        OcpCursor root = document.cursor();
        root.moveTo(0);
        int[] blocks = new int[4];
        int count = 0;
        if (root.toFirstChild()) {
            do {
                if (root.spanStart() < end) {
                    if (count == blocks.length) {
                        blocks = Arrays.copyOf(blocks, 2 * count);
                    }
                    blocks[count++] = root.index();
                }
            } while (root.toNextSibling());
        }
        if (count == 0) {
            return "";
        }
        root.moveTo(0);
        PlainText.Marked marked = PlainText.writeMarked(root, Arrays.copyOf(blocks, count));
        return new String(marked.chars(), marked.start(0), marked.end(count - 1) - marked.start(0));
    }

    /** Renders the document's text once, with the node of every unit marked in it. */
    private void markText() {
        int[] nodes = new int[units.size()];
        int count = 0;
        for (int u = 0; u < units.size(); u++) {
            Unit unit = units.get(u);
            unit.order = u;
            if (unit.node >= 0) {
                unit.mark = count;
                nodes[count++] = unit.node;
            }
        }
        OcpCursor root = document.cursor();
        root.moveTo(0);
        text = PlainText.writeMarked(root, Arrays.copyOf(nodes, count));
    }

    /** The chunk's Markdown with the definitions it carries, each where it resolves without changing a block. */
    private String withDefinitions(String head, String body, List<Unit> overlap, Unit first, Unit last,
                                   List<Unit> all, List<Unit> carried) {
        StringBuilder markdown = new StringBuilder(head.length() + body.length() + 256).append(head).append(body);
        Set<String> defined = new java.util.HashSet<>();
        for (Unit unit : all) {
            defined.addAll(unit.defines);
        }
        for (Unit def : carried) { // a definition in a carried footnote's: the first of its label goes before that
            for (String key : def.defines) {
                if (!key.equals(def.key)) {
                    defined.add(key);
                }
            }
        }
        // After a code, math, HTML or JSX block or a container directive, which may run to the end of what it is in,
        // definitions go first, as does the first definition of a label the chunk (or a footnote it carries) defines
        // again (to win, as it does).
        // A footnote's goes first only where the line after it is not indented (that line's block would join the
        // footnote), and one left open only before a line neither blank nor indented (it takes in a blank line); where
        // a footnote's cannot go first it is left out, rather than change what a block holds or which definition wins.
        // The frontmatter, when the chunk starts with it, stays first.
        int at = overlap.isEmpty() && first.kind == ChunkKind.FRONTMATTER ? slice(first.start, first.end).length() : 0;
        boolean definitionsFirst = endsInOpenBlock(last);
        boolean indented = lineIndent(markdown, 0, true) >= 4;
        int atLine = lineIndent(markdown, at, false);
        boolean flush = !indented && atLine >= 0 && atLine < 4;
        StringBuilder before = new StringBuilder();
        List<Unit> openAfter = new ArrayList<>(0);
        for (Unit def : carried) {
            boolean footnote = def.key.startsWith("f");
            if (definitionsFirst || defined.contains(def.key)) {
                if (footnote && (def.openEnded ? !flush : indented)) {
                    continue;
                }
                before.append(def.markdown);
                if (!def.openEnded) {
                    before.append('\n');
                }
            } else if (def.openEnded) {
                openAfter.add(def); // last, with nothing between: a blank line would be the open block's
            } else {
                trimToBlankLine(markdown);
                markdown.append(def.markdown);
            }
        }
        if (!openAfter.isEmpty()) {
            trimToBlankLine(markdown);
        }
        for (Unit def : openAfter) {
            markdown.append(def.markdown);
        }
        if (at > 0 && !before.isEmpty() && markdown.charAt(at - 1) != '\n') {
            before.insert(0, '\n');
        }
        markdown.insert(at, before);
        return markdown.toString();
    }

    /**
     * Whether the last block to start in the unit (at any depth: the code block that ends a list item too) is one
     * that may run on to the end of what holds it, a code, math, HTML or JSX block or an MDX expression, or the unit
     * is a container directive (which its closing fence may not end), so that what follows it in the chunk's Markdown
     * could be read into it.
     */
    private boolean endsInOpenBlock(Unit unit) {
        if (unit.node < 0) {
            return false; // a sentence
        }
        OcpCursor cursor = document.cursor();
        cursor.moveTo(unit.node);
        if (cursor.kind() == NodeKind.CONTAINER_DIRECTIVE) {
            return true;
        }
        int block = lastBlock(cursor, unit.node, cursor.subtreeEnd());
        if (block < 0) {
            return false;
        }
        cursor.moveTo(block);
        NodeKind kind = cursor.kind();
        return kind == NodeKind.CODE_BLOCK || kind == NodeKind.MATH_BLOCK || kind == NodeKind.HTML_BLOCK
                || kind == NodeKind.MDX_JSX_FLOW || kind == NodeKind.MDX_EXPRESSION_FLOW;
    }

    /**
     * The columns of indentation of the Markdown's line at {@code from}, -1 when that line is blank; or, going
     * {@code overBlankLines}, of the first line at or after it that is not. 0 at the end (nothing there to read into
     * a block).
     */
    private static int lineIndent(CharSequence markdown, int from, boolean overBlankLines) {
        int columns = 0;
        for (int i = from; i < markdown.length(); i++) {
            char c = markdown.charAt(i);
            if (c == ' ') {
                columns++;
            } else if (c == '\t') {
                columns += 4 - columns % 4;
            } else if (c == '\n' || c == '\r') {
                if (!overBlankLines) {
                    return -1;
                }
                columns = 0;
            } else {
                return columns;
            }
        }
        return 0;
    }

    /** Ends the Markdown with one blank line, before a definition is added. */
    private static void trimToBlankLine(StringBuilder markdown) {
        int n = markdown.length();
        // Spaces, tabs and line endings only: a paragraph keeps a form feed or an ideographic space that ends it.
        while (n > 0 && isSpace(markdown.charAt(n - 1))) {
            n--;
        }
        markdown.setLength(n);
        if (n > 0) {
            markdown.append("\n\n");
        }
    }
}
