package dev.ocp.internal;

import dev.ocp.NodeKind;
import dev.ocp.internal.KindSchema.Flag;
import dev.ocp.internal.KindSchema.Holds;
import dev.ocp.internal.KindSchema.Kind;
import dev.ocp.internal.KindSchema.Needs;
import dev.ocp.internal.KindSchema.Place;
import dev.ocp.internal.KindSchema.Slot;
import dev.ocp.spi.OcpFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kind schema is stated three times: {@link KindSchema} (with {@link NodeKind}), which the library runs on;
 * {@code native/src/ocp_format.h}, which the C core runs on; and {@code docs/ocp-format.md} sections 7.2 and 7.3,
 * which readers in other languages follow. These tests read the header and the document's tables and fail on any
 * disagreement with the schema: a kind's number, its flag bits and the minor that defined each, what each slot holds
 * and from which minor, what its children are, the syntax it needs.
 */
class KindSchemaAgreementTest {
    private static final Pattern DEFINE = Pattern.compile("^#define (OCP_[A-Z0-9_]+) (0x[0-9A-Fa-f]+u?|[0-9]+u?)\\b",
            Pattern.MULTILINE);

    private static Map<String, Long> header;
    private static String spec;

    @BeforeAll
    static void load() throws IOException {
        // Tests run in the api module's directory.
        Path h = Path.of("..", "native", "src", "ocp_format.h");
        Path doc = Path.of("..", "docs", "ocp-format.md");
        assertTrue(Files.exists(h) && Files.exists(doc), "the header and the specification are at " + h.toAbsolutePath()
                + " and " + doc.toAbsolutePath());
        header = defines(Files.readString(h, StandardCharsets.UTF_8));
        spec = Files.readString(doc, StandardCharsets.UTF_8);
    }

    static Map<String, Long> defines(String text) {
        Map<String, Long> m = new TreeMap<>();
        Matcher x = DEFINE.matcher(text);
        while (x.find()) {
            String v = x.group(2).replace("u", "");
            m.put(x.group(1), v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v));
        }
        return m;
    }

    // ---- the C header ----

    @Test
    void headerKindNumbersAreTheSchemas() {
        Map<String, Long> expected = new TreeMap<>();
        for (NodeKind k : NodeKind.values()) {
            expected.put("OCP_KIND_" + k.name(), (long) k.code());
        }
        assertEquals(expected, only(header, "OCP_KIND_"), "ocp_format.h's kinds and NodeKind");
    }

    @Test
    void headerFlagsAreTheSchemas() throws ReflectiveOperationException {
        Map<String, Long> expected = new TreeMap<>();
        for (Kind kind : KindSchema.all().values()) {
            for (Flag f : kind.flags()) {
                assertEquals(OcpFormat.class.getField(f.constant()).getInt(null), f.bits(),
                        kind.kind() + ": the schema's " + f.constant() + " and OcpFormat's");
                put(expected, "OCP_" + f.constant(), f.bits());
                for (String value : f.values()) {
                    int bits = OcpFormat.class.getField(value).getInt(null);
                    assertEquals(bits, bits & f.bits(), value + " lies in " + f.constant());
                    put(expected, "OCP_" + value, bits);
                }
            }
        }
        assertEquals(expected, only(header, "OCP_FLAG_"), "ocp_format.h's flags and the kind schema's");
    }

    private static void put(Map<String, Long> m, String name, long value) {
        Long before = m.put(name, value);
        assertTrue(before == null || before == value, name + " has one value in the schema");
    }

    private static Map<String, Long> only(Map<String, Long> m, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, v);
            }
        });
        return out;
    }

    // ---- docs/ocp-format.md ----

    /** Section 7.2: each kind's number, and the syntax it needs in parentheses. */
    @Test
    void kindNumberTableAgreesWithTheSchema() {
        String section = section("### 7.2", "### 7.3");
        Matcher m = Pattern.compile("\\| (\\d+) \\| `([A-Z_]+)`(?: \\(([A-Za-z]+)\\))?").matcher(section);
        Map<NodeKind, String> documented = new EnumMap<>(NodeKind.class);
        Map<NodeKind, String> schema = new EnumMap<>(NodeKind.class);
        while (m.find()) {
            NodeKind k = NodeKind.valueOf(m.group(2));
            documented.put(k, m.group(1) + " " + (m.group(3) == null ? "" : m.group(3).toUpperCase()));
        }
        for (NodeKind k : NodeKind.values()) {
            Needs needs = KindSchema.of(k).needs();
            schema.put(k, k.code() + " " + (needs == Needs.NOTHING ? "" : needs.name()));
        }
        assertEquals(schema, documented, "section 7.2 (number and needed syntax per kind) and the kind schema");
    }

    /** Section 7.3: flag bits, slots and children, row by row. */
    @Test
    void fieldTableAgreesWithTheSchema() {
        Map<NodeKind, String[]> rows = fieldTable();
        assertEquals(NodeKind.values().length, rows.size(), "section 7.3 has one row per kind");
        List<String> differences = new ArrayList<>();
        for (NodeKind k : NodeKind.values()) {
            Kind schema = KindSchema.of(k);
            String[] row = rows.get(k);
            String flags = describeFlags(schema);
            String documentedFlags = documentedFlags(row[1]);
            if (!flags.equals(documentedFlags)) {
                differences.add(k + " flags: schema " + flags + ", section 7.3 " + documentedFlags);
            }
            Slot[] slots = {schema.a(), schema.b(), schema.c()};
            for (int s = 0; s < 3; s++) {
                String slot = describe(slots[s]);
                String documented = documentedSlot(rows, k, 3 + s);
                if (!slot.equals(documented)) {
                    differences.add(k + " slot " + "abc".charAt(s) + ": schema " + slot + ", section 7.3 "
                            + documented);
                }
            }
            Place children = documentedChildren(row[6]);
            if (children != schema.contains()) {
                differences.add(k + " children: schema " + schema.contains() + ", section 7.3 " + children);
            }
        }
        assertEquals(List.of(), differences, "section 7.3 and the kind schema");
    }

    private static String section(String from, String to) {
        int start = spec.indexOf(from);
        int end = spec.indexOf(to, start);
        assertTrue(start >= 0 && end > start, from);
        return spec.substring(start, end);
    }

    /** The rows of section 7.3's table, by kind: kind, flags, data, a, b, c, children. */
    private static Map<NodeKind, String[]> fieldTable() {
        Map<NodeKind, String[]> rows = new EnumMap<>(NodeKind.class);
        for (String line : section("### 7.3", "### 7.4").split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.substring(2, line.length() - 2).split(" \\|", -1);
            assertEquals(7, cells.length, "seven columns: " + line);
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
            }
            rows.put(NodeKind.valueOf(cells[0].replace("`", "")), cells);
        }
        return rows;
    }

    /** Each flag bit with the minor that defined it, for example {@code "0@0 1@0 2@3"}. */
    private static String describeFlags(Kind kind) {
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < 8; bit++) {
            for (Flag f : kind.flags()) {
                if ((f.bits() & (1 << bit)) != 0) {
                    sb.append(bit).append('@').append(f.since()).append(' ');
                }
            }
        }
        return sb.toString().strip();
    }

    /** The flags column: "bit N" or "bits N–M", each with "(v1.x)" after it when a later minor defined it. */
    private static String documentedFlags(String cell) {
        Matcher m = Pattern.compile("bits? (\\d)(?:–(\\d))?(?: \\(v1\\.(\\d)\\))?").matcher(cell);
        int[] since = new int[8];
        java.util.Arrays.fill(since, -1);
        while (m.find()) {
            int from = Integer.parseInt(m.group(1));
            int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
            for (int bit = from; bit <= to; bit++) {
                if (since[bit] < 0) { // the first mention defines it; later ones refer to it
                    since[bit] = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int bit = 0; bit < 8; bit++) {
            if (since[bit] >= 0) {
                sb.append(bit).append('@').append(since[bit]).append(' ');
            }
        }
        return sb.toString().strip();
    }

    /** What a slot holds and from which minor, for example {@code "STRING@3"}. */
    private static String describe(Slot slot) {
        return slot.holds() == Holds.UNUSED ? "UNUSED" : slot.holds() + "@" + slot.since();
    }

    /** A slot's cell: "string ..." or "number ...", "(v1.x" when a later minor defined it, or "as `KIND`". */
    private static String documentedSlot(Map<NodeKind, String[]> rows, NodeKind kind, int column) {
        String cell = rows.get(kind)[column];
        Matcher as = Pattern.compile("^as `([A-Z_]+)`$").matcher(cell);
        if (as.matches()) {
            return documentedSlot(rows, NodeKind.valueOf(as.group(1)), column);
        }
        if (cell.isEmpty()) {
            return "UNUSED";
        }
        Matcher m = Pattern.compile("^(string|number)(?: \\(v1\\.(\\d))?").matcher(cell);
        assertTrue(m.find(), kind + ": a slot's cell starts with string or number: " + cell);
        return m.group(1).toUpperCase() + "@" + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    private static Place documentedChildren(String cell) {
        if (cell.equals("none")) {
            return Place.NOTHING;
        }
        if (cell.equals("blocks")) {
            return Place.BLOCKS;
        }
        if (cell.startsWith("inlines")) {
            return Place.INLINES;
        }
        if (cell.startsWith("`LIST_ITEM`s")) {
            return Place.ITEMS;
        }
        if (cell.startsWith("`TABLE_ROW`s")) {
            return Place.ROWS;
        }
        if (cell.startsWith("`TABLE_CELL`s")) {
            return Place.CELLS;
        }
        throw new AssertionError("children in section 7.3 not understood: " + cell);
    }

    /** Where a kind stands follows from what holds it: each list, table and row holds only its own kind. */
    @Test
    void whatAKindHoldsIsWhereItsChildrenStand() {
        for (NodeKind k : NodeKind.values()) {
            Place standsIn = KindSchema.of(k).standsIn();
            Place expected = switch (k) {
                case LIST_ITEM -> Place.ITEMS;
                case TABLE_ROW -> Place.ROWS;
                case TABLE_CELL -> Place.CELLS;
                default -> k.isBlock() ? Place.BLOCKS : Place.INLINES;
            };
            assertEquals(expected, standsIn, k.name());
        }
    }
}
