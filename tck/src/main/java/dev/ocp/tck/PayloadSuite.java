package dev.ocp.tck;

import dev.ocp.Dialect;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

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
        everyPayload("fail validation", (doc, input) -> Payloads.invalid(doc));
    }

    @Test
    void everyPayloadDescribesItsInputAndFormsOneTree() throws IOException {
        everyPayload("are inconsistent", (doc, input) -> Payloads.problem(doc, input.length, Dialect.COMMONMARK));
    }

    /**
     * Runs {@code problem} (what is wrong with a payload, or null) on the payload of every corpus input and
     * fails listing the first 20 it finds. The engine may refuse an input (a limit); there is then no payload
     * to check.
     */
    private void everyPayload(String verdict, BiFunction<OcpDocument, byte[], String> problem) throws IOException {
        Subject s = open();
        List<String> found = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, byte[]> e : corpus().entrySet()) {
            try (OcpDocument doc = s.parse(e.getValue())) {
                String p = problem.apply(doc, e.getValue());
                checked++;
                if (p != null) {
                    found.add(e.getKey() + " " + Inputs.describe(e.getValue()) + ": " + p);
                }
            } catch (OcpException refused) {
                // No payload to check.
            }
        }
        if (!found.isEmpty()) {
            fail(found.size() + " of " + checked + " payloads " + verdict + ":\n  "
                    + String.join("\n  ", found.subList(0, Math.min(20, found.size()))));
        }
    }
}
