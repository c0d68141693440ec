package dev.ocp.tck;

import dev.ocp.Dialect;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every payload an engine produces is valid OCP: the library's validator ({@link Ocp#read}) accepts it, and
 * its header and tree are consistent when read through the public API.
 */
abstract class PayloadSuite extends TckSuite {

    /** Seeded generated input, hostile input and, when on the class path, the spec examples. */
    private static Map<String, byte[]> corpus() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("sample", Inputs.SAMPLE_BYTES);
        m.put("empty", new byte[0]);
        List<byte[]> generated = Inputs.generated(81, 200);
        for (int i = 0; i < generated.size(); i++) {
            m.put("generated (seed 81) #" + i, generated.get(i));
        }
        List<byte[]> random = Inputs.randomBytes(83, 40);
        for (int i = 0; i < random.size(); i++) {
            m.put("random bytes (seed 83) #" + i, random.get(i));
        }
        m.putAll(Inputs.invalidUtf8());
        m.putAll(Inputs.nulBytes());
        for (SpecExample e : SpecExample.readResource("/spec.txt")) {
            m.put("spec example " + e.number(), e.markdown().getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void everyPayloadPassesTheValidator() throws IOException {
        Subject s = open();
        List<String> invalid = new ArrayList<>();
        int validated = 0;
        for (Map.Entry<String, byte[]> e : corpus().entrySet()) {
            try (OcpDocument doc = s.parse(e.getValue())) {
                try (OcpDocument read = Ocp.read(doc.bytes())) {
                    assertEquals(doc.nodeCount(), read.nodeCount());
                    validated++;
                } catch (OcpException rejected) {
                    invalid.add(e.getKey() + " " + Inputs.describe(e.getValue()) + ": " + rejected.getMessage());
                }
            } catch (OcpException refused) {
                // The engine may refuse an input (a limit); there is then no payload to validate.
            }
        }
        if (!invalid.isEmpty()) {
            fail(invalid.size() + " of " + (validated + invalid.size()) + " payloads fail validation:\n  "
                    + String.join("\n  ", invalid.subList(0, Math.min(20, invalid.size()))));
        }
    }

    @Test
    void everyPayloadDescribesItsInputAndFormsOneTree() throws IOException {
        Subject s = open();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, byte[]> e : corpus().entrySet()) {
            try (OcpDocument doc = s.engine().parse(e.getValue(), ParseOptions.defaults())) {
                String problem = Payloads.problem(doc, e.getValue().length, Dialect.COMMONMARK);
                checked++;
                if (problem != null) {
                    broken.add(e.getKey() + " " + Inputs.describe(e.getValue()) + ": " + problem);
                }
            } catch (OcpException refused) {
                // No payload to check.
            }
        }
        if (!broken.isEmpty()) {
            fail(broken.size() + " of " + checked + " payloads are inconsistent:\n  "
                    + String.join("\n  ", broken.subList(0, Math.min(20, broken.size()))));
        }
    }
}
