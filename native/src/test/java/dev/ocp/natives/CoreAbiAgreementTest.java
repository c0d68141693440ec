package dev.ocp.natives;

import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.OcpException;
import dev.ocp.spi.CoreAbi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CoreAbi} is the one Java description of {@code include/ocp.h}; this test lays out the header's structs
 * as a C compiler does (natural alignment, 8-byte pointers) and holds every offset, size and code to it, in
 * both directions: a field without a constant, a constant without a field, or any number that differs fails.
 */
class CoreAbiAgreementTest {
    private static final Path HEADER = Path.of("include/ocp.h");
    /** The structs CoreAbi describes, with the prefix of their constants. */
    private static final Map<String, String> STRUCTS = Map.of("ocp_options", "OPTIONS", "ocp_result", "RESULT",
            "ocp_stats", "STATS");
    private static final Pattern STRUCT = Pattern.compile("typedef struct (\\w+) \\{(.*?)\\} \\1;", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile(
            "^\\s*(const\\s+)?(\\w+)\\s*(\\*?)\\s*(\\w+)\\s*(?:\\[(\\w+)\\])?\\s*;", Pattern.MULTILINE);
    private static final Pattern DEFINE = Pattern.compile("^#define (OCP_\\w+) (0x[0-9A-Fa-f]+|[0-9]+)u?\\b",
            Pattern.MULTILINE);

    @Test
    void coreAbiIsTheLayoutOfOcpH() throws IOException {
        assertEquals(List.of(), differences(Files.readString(HEADER)));
    }

    @Test
    void aChangedHeaderIsCaught() throws IOException {
        String header = Files.readString(HEADER);
        // A field added in front of another moves it and everything after it; the test names the first.
        String moved = header.replace("    uint64_t length;        /* its size in bytes */",
                "    uint32_t flags;\n    uint64_t length;        /* its size in bytes */");
        assertTrue(differences(moved).contains("RESULT_SIZE: ocp.h 288, CoreAbi 280"), differences(moved).toString());
        assertTrue(differences(moved).contains("ocp_result.flags: no constant RESULT_FLAGS in CoreAbi"),
                differences(moved).toString());
        // A field made wider moves the ones after it.
        String wider = header.replace("    uint32_t max_nodes;", "    uint64_t max_nodes;");
        assertTrue(differences(wider).contains("OPTIONS_MAX_INLINE_NESTING: ocp.h 16, CoreAbi 12"),
                differences(wider).toString());
        // A status code renumbered.
        String renumbered = header.replace("#define OCP_UNSUPPORTED 4", "#define OCP_UNSUPPORTED 7");
        assertTrue(differences(renumbered).contains("status 7 (OCP_UNSUPPORTED): CoreAbi says INTERNAL"),
                differences(renumbered).toString());
        // A flavor renumbered, or one the header lacks.
        String flavor = header.replace("#define OCP_FLAVOR_MICROMARK 1u", "#define OCP_FLAVOR_MICROMARK 2u");
        assertTrue(differences(flavor).contains("OCP_FLAVOR_MICROMARK is 2, Flavor.MICROMARK.code() 1"),
                differences(flavor).toString());
        String missing = header.replace("#define OCP_FLAVOR_MICROMARK 1u", "");
        assertTrue(differences(missing).contains("Flavor.MICROMARK has no OCP_FLAVOR_MICROMARK"),
                differences(missing).toString());
    }

    /** Everything in which the header and CoreAbi disagree, one line each; empty when they agree. */
    static List<String> differences(String header) {
        Map<String, Long> defines = defines(header);
        Map<String, Long> c = new TreeMap<>();
        List<String> out = new ArrayList<>();
        Matcher s = STRUCT.matcher(header);
        while (s.find()) {
            String prefix = STRUCTS.get(s.group(1));
            if (prefix == null) {
                continue;
            }
            long offset = 0;
            long align = 1;
            Matcher f = FIELD.matcher(s.group(2).replaceAll("/\\*.*?\\*/", ""));
            while (f.find()) {
                long size = f.group(3).isEmpty() ? scalarSize(f.group(2)) : 8;
                long count = f.group(5) == null ? 1
                        : f.group(5).matches("\\d+") ? Long.parseLong(f.group(5)) : defines.get(f.group(5));
                offset = (offset + size - 1) / size * size;
                align = Math.max(align, size);
                String name = prefix + "_" + f.group(4).toUpperCase(Locale.ROOT);
                if (!constants().containsKey(name)) {
                    out.add(s.group(1) + "." + f.group(4) + ": no constant " + name + " in CoreAbi");
                }
                c.put(name, offset);
                offset += size * count;
            }
            c.put(prefix + "_SIZE", (offset + align - 1) / align * align);
        }
        assertEquals(STRUCTS.size() * 1L, c.keySet().stream().filter(k -> k.endsWith("_SIZE")).count(),
                "found every struct of CoreAbi in the header");
        for (Map.Entry<String, Long> e : constants().entrySet()) {
            String name = e.getKey();
            boolean struct = STRUCTS.values().stream().anyMatch(p -> name.startsWith(p + "_"));
            if (struct && !c.containsKey(name)) {
                out.add(name + ": in CoreAbi but no such field in ocp.h");
            } else if (struct && !c.get(name).equals(e.getValue())) {
                out.add(name + ": ocp.h " + c.get(name) + ", CoreAbi " + e.getValue());
            }
        }
        // Status codes: OCP_OK, then one per exception code of the same name.
        int statuses = 0;
        for (Map.Entry<String, Long> d : defines.entrySet()) {
            String name = d.getKey().substring("OCP_".length());
            int value = d.getValue().intValue();
            if (name.equals("OK")) {
                check(out, value == CoreAbi.OK, "OCP_OK is " + value + ", CoreAbi.OK " + CoreAbi.OK);
            } else if (isCode(name)) {
                statuses++;
                OcpException.Code code = CoreAbi.code(value);
                check(out, code.name().equals(name), "status " + value + " (OCP_" + name + "): CoreAbi says " + code);
            } else if (name.startsWith("EXTENSION_")) {
                Extension e = Extension.valueOf(name.substring("EXTENSION_".length()));
                check(out, e.bit() == value, d.getKey() + " is " + value + ", Extension." + e + ".bit() " + e.bit());
            } else if (name.startsWith("FLAVOR_")) {
                Flavor f = Flavor.valueOf(name.substring("FLAVOR_".length()));
                check(out, f.code() == value, d.getKey() + " is " + value + ", Flavor." + f + ".code() " + f.code());
            } else if (name.equals("MESSAGE_CAPACITY")) {
                check(out, value == CoreAbi.MESSAGE_CAPACITY, "OCP_MESSAGE_CAPACITY " + value);
            }
        }
        // Every flavor the options can carry must be one the core knows by name.
        for (Flavor f : Flavor.values()) {
            check(out, defines.containsKey("OCP_FLAVOR_" + f.name()), "Flavor." + f + " has no OCP_FLAVOR_" + f.name());
        }
        // A status CoreAbi knows must be in the header: code(n) for n past the last is the INTERNAL fallback.
        check(out, CoreAbi.code(statuses + 1) == OcpException.Code.INTERNAL
                && CoreAbi.failure(statuses + 1, "x").getMessage().contains("unknown status"),
                "CoreAbi knows more statuses than the " + statuses + " of ocp.h");
        return out;
    }

    private static void check(List<String> out, boolean ok, String difference) {
        if (!ok) {
            out.add(difference);
        }
    }

    private static boolean isCode(String name) {
        for (OcpException.Code code : OcpException.Code.values()) {
            if (code.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static long scalarSize(String type) {
        switch (type) {
            case "uint64_t":
            case "int64_t":
                return 8;
            case "uint32_t":
            case "int32_t":
                return 4;
            case "uint16_t":
            case "int16_t":
                return 2;
            case "uint8_t":
            case "int8_t":
            case "char":
                return 1;
            default:
                throw new AssertionError("ocp.h uses a type this test cannot lay out: " + type);
        }
    }

    private static Map<String, Long> defines(String header) {
        Map<String, Long> m = new LinkedHashMap<>();
        Matcher x = DEFINE.matcher(header);
        while (x.find()) {
            String v = x.group(2);
            m.put(x.group(1), v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v));
        }
        return m;
    }

    private static Map<String, Long> constants() {
        Map<String, Long> m = new TreeMap<>();
        for (Field f : CoreAbi.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                try {
                    m.put(f.getName(), (long) f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return m;
    }
}
