package dev.ocp.natives;

import dev.ocp.Dialect;
import dev.ocp.NodeKind;
import dev.ocp.ParseOptions;
import dev.ocp.spi.OcpFormat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The C headers state the format's numbers and the dialect codes a second time; these tests hold them to the
 * Java definitions (OcpFormat, NodeKind, Dialect, ParseOptions), in both directions. The ABI's structs and
 * status codes are CoreAbiAgreementTest's.
 */
class HeaderAgreementTest {
    private static final Pattern DEFINE = Pattern.compile("^#define (OCP_[A-Z0-9_]+) (0x[0-9A-Fa-f]+u?|[0-9]+u?)\\b",
            Pattern.MULTILINE);

    private static Map<String, Long> defines(String header) throws IOException {
        String text = Files.readString(Path.of(header));
        Map<String, Long> m = new LinkedHashMap<>();
        Matcher x = DEFINE.matcher(text);
        while (x.find()) {
            String v = x.group(2).replace("u", "");
            m.put(x.group(1), v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v));
        }
        return m;
    }

    @Test
    void ocpFormatHeaderMatchesOcpFormatAndNodeKind() throws IOException, IllegalAccessException {
        Map<String, Long> c = defines("src/ocp_format.h");
        Map<String, Long> java = new TreeMap<>();
        for (Field f : OcpFormat.class.getFields()) {
            // Dialect numbers are the ABI's, in ocp.h: the next test holds them.
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class && !f.getName().startsWith("DIALECT_")) {
                java.put("OCP_" + f.getName(), Integer.toUnsignedLong(f.getInt(null)));
            }
        }
        for (NodeKind k : NodeKind.values()) {
            java.put("OCP_KIND_" + k.name(), (long) k.code());
        }
        assertTrue(java.size() > 90, "found the Java constants: " + java.size());
        assertEquals(java, new TreeMap<>(c), "ocp_format.h and dev.ocp.spi.OcpFormat + dev.ocp.NodeKind");
    }

    @Test
    void ocpHeaderCodesMatchTheJavaApi() throws IOException {
        Map<String, Long> c = defines("include/ocp.h");
        for (Dialect d : Dialect.values()) {
            assertEquals((long) d.code(), c.get("OCP_DIALECT_" + d.name()), d.name());
        }
        // CommonMark with GFM: no Dialect of the Java API, a number of the header and of the C options.
        assertEquals((long) OcpFormat.DIALECT_GFM, c.get("OCP_DIALECT_GFM"), "OCP_DIALECT_GFM");
        // Status codes, struct layouts and extension bits: CoreAbiAgreementTest.
        // The C core rejects exactly what ParseOptions rejects.
        String api = Files.readString(Path.of("src/api.c"));
        assertTrue(api.contains("UINT64_C(0x" + Long.toHexString(ParseOptions.MAX_INPUT_BYTES).toUpperCase() + ")"),
                "api.c's MAX_INPUT_BYTES is ParseOptions.MAX_INPUT_BYTES");
    }
}
