package dev.ocp.tck;

import dev.ocp.Capability;
import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
        everyPayload("the validator rejects it", (doc, input) -> Payloads.invalid(doc));
    }

    @Test
    void everyPayloadDescribesItsInputAndFormsOneTree() throws IOException {
        everyPayload("inconsistent", (doc, input) -> Payloads.problem(doc, input.length, Dialect.COMMONMARK));
    }

    /**
     * For engines that parse MDX: generated MDX documents (with GFM, frontmatter and math) and markdown-rs's MDX
     * cases each give a payload the validator accepts and whose tree is consistent, or fail with a syntax error
     * or a limit, never anything else; and enough of them parse (a third) for the check to mean something.
     */
    @Test
    void everyMdxPayloadIsValidOrTheInputIsASyntaxError() {
        Subject s = open();
        assumeSyntax(s, Dialect.MDX);
        ParseOptions options = ParseOptions.of(Dialect.MDX).withExtensions(dev.ocp.Syntax.C_CORE.extensions());
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            inputs.add(MarkdownGenerator.generateMdx(89, i).getBytes(StandardCharsets.UTF_8));
        }
        for (ReferenceCase c : ReferenceCase.all()) {
            if (c.dialect() == Dialect.MDX) {
                inputs.add(c.markdown().getBytes(StandardCharsets.UTF_8));
            }
        }
        List<String> found = new ArrayList<>();
        int parsed = 0;
        for (byte[] in : inputs) {
            try (OcpDocument doc = s.engine().parse(in, options)) {
                parsed++;
                String p = Payloads.invalid(doc);
                if (p == null) {
                    p = Payloads.problem(doc, in.length, Dialect.MDX);
                }
                if (p != null) {
                    found.add(Inputs.describe(in) + ": " + p);
                }
            } catch (OcpException e) {
                if (e.code() != OcpException.Code.SYNTAX && e.code() != OcpException.Code.LIMIT_EXCEEDED) {
                    found.add(Inputs.describe(in) + ": failed with " + e);
                } else if (e.code() == OcpException.Code.SYNTAX && e.syntaxError() == null) {
                    found.add(Inputs.describe(in) + ": a syntax error without its place: " + e);
                }
            }
        }
        if (!found.isEmpty()) {
            fail(found.size() + " of " + inputs.size() + " MDX inputs broke the promise:\n  "
                    + String.join("\n  ", found.subList(0, Math.min(20, found.size()))));
        }
        int all = inputs.size();
        int ok = parsed;
        // The generator's near misses and the CommonMark grammar's stray '<' and '{' make many documents syntax
        // errors in MDX (about half of them); a third at least must still parse.
        assertTrue(ok * 3 > all, () -> "only " + ok + " of " + all + " MDX inputs parsed: the check sees few trees");
    }

    /**
     * Runs {@code problem} (what is wrong with a payload, or null) on the payload of every corpus input and
     * fails listing the first 20 it finds. Every input must give a payload: the corpus is small documents and
     * bytes that no default limit refuses, and Markdown has no syntax errors, so a refusal of any kind (an
     * {@code INTERNAL} error above all) breaks the promise too; and the check counts what it checked, so that it
     * cannot pass having checked nothing.
     */
    private void everyPayload(String verdict, BiFunction<OcpDocument, byte[], String> problem) throws IOException {
        Subject s = open();
        List<String> found = new ArrayList<>();
        Map<String, byte[]> corpus = corpus();
        int checked = 0;
        for (Map.Entry<String, byte[]> e : corpus.entrySet()) {
            try (OcpDocument doc = s.parse(e.getValue())) {
                String p = problem.apply(doc, e.getValue());
                checked++;
                if (p != null) {
                    found.add(e.getKey() + " " + Inputs.describe(e.getValue()) + ": " + verdict + ": " + p);
                }
            } catch (OcpException refused) {
                found.add(e.getKey() + " " + Inputs.describe(e.getValue()) + ": refused with " + refused);
            }
        }
        if (!found.isEmpty()) {
            fail(found.size() + " of " + corpus.size() + " inputs gave no payload or one that does not pass ("
                    + verdict + "):\n  " + String.join("\n  ", found.subList(0, Math.min(20, found.size()))));
        }
        assertEquals(corpus.size(), checked, "every input of the corpus was checked");
    }
}
