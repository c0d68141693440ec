package dev.ocp.tck;

import dev.ocp.Capability;
import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.MemoryStats;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * promise 7 (docs/ownership.md): hostile input ends in a document whose payload is consistent and valid, or in an
 * {@link OcpException} with a code other than {@code INTERNAL}; never in another exception, and never in a
 * leak. (That the time is linear in the input is the parser's own tests' business: timing has no place in a
 * portable kit.)
 */
abstract class BadInputSuite extends TckSuite {

    /** Parses each input, closes what it gets, and fails listing every input that broke the promise. */
    private void survive(Map<String, byte[]> inputs) {
        survive(open(), inputs, ParseOptions.defaults());
    }

    private void survive(Subject s, Map<String, byte[]> inputs, ParseOptions options) {
        MemoryStats before = s.stats();
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            byte[] in = input.getValue();
            String name = input.getKey() + " " + Inputs.describe(in);
            try (OcpDocument doc = s.engine().parse(in, options)) {
                String problem = Payloads.problem(doc, in.length, options.dialect());
                if (problem != null) {
                    broken.add(name + ": inconsistent payload: " + problem);
                }
                String invalid = Payloads.invalid(doc);
                if (invalid != null) {
                    broken.add(name + ": the validator rejects the payload: " + invalid);
                }
            } catch (OcpException e) {
                if (e.code() == OcpException.Code.INTERNAL) {
                    broken.add(name + ": INTERNAL means an engine bug: " + e);
                }
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                broken.add(name + ": threw " + e + " instead of returning a document or an OcpException");
            }
        }
        if (!broken.isEmpty()) {
            fail(broken.size() + " of " + inputs.size() + " inputs broke the promise:\n  " + String.join("\n  ", broken));
        }
        MemoryStats after = s.stats();
        Stats.assertNothingLeftAllocated(before, after, "after parsing and closing every hostile input");
        assertEquals(before.leakedDocuments(), after.leakedDocuments(), "no leak");
    }

    private static Map<String, byte[]> numbered(String what, List<byte[]> inputs) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            m.put(what + " #" + i, inputs.get(i));
        }
        return m;
    }

    @Test
    void invalidUtf8() {
        survive(Inputs.invalidUtf8());
    }

    @Test
    void nulBytes() {
        survive(Inputs.nulBytes());
    }

    @Test
    void hugeLines() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("1 MiB of words on one line", Inputs.hugeLine(1 << 20));
        m.put("1 MiB of one letter", Inputs.ascii("a".repeat(1 << 20)));
        m.put("256 KiB heading", Inputs.ascii("# " + "h".repeat(256 << 10)));
        m.put("256 KiB of spaces then text", Inputs.ascii(" ".repeat(256 << 10) + "x"));
        m.put("256 KiB of tabs then text", Inputs.ascii("\t".repeat(256 << 10) + "x"));
        survive(m);
    }

    @Test
    void deepNesting() {
        survive(Inputs.deepNesting());
    }

    @Test
    void randomBytes() {
        survive(numbered("random bytes (seed 7)", Inputs.randomBytes(7, 300)));
    }

    @Test
    void pathologicalPatterns() {
        survive(Inputs.pathological());
    }

    /** The known blow-ups of GFM parsers, and every CommonMark one again, parsed as GFM. */
    @Test
    void pathologicalGfmPatterns() {
        Subject s = open();
        assumeSyntax(s, Extension.GFM);
        Map<String, byte[]> inputs = new LinkedHashMap<>(Inputs.gfmPathological());
        inputs.putAll(Inputs.pathological());
        inputs.putAll(Inputs.deepNesting());
        survive(s, inputs, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM));
    }

    /**
     * The shapes that could make an MDX parser slow, and every CommonMark blow-up, read as MDX with every extension
     * on: each parses or fails with a syntax error or a limit, and nothing is left allocated.
     */
    @Test
    void pathologicalMdxPatterns() {
        Subject s = open();
        assumeSyntax(s, Dialect.MDX);
        Map<String, byte[]> inputs = new LinkedHashMap<>(Inputs.mdxPathological());
        inputs.putAll(Inputs.pathological());
        inputs.putAll(Inputs.deepNesting());
        survive(s, inputs, ParseOptions.of(Dialect.MDX).withExtensions(EnumSet.allOf(Extension.class)));
    }

    /** The shapes that could make frontmatter and math slow, and every CommonMark blow-up, with every extension on. */
    @Test
    void pathologicalMathAndFrontmatterPatterns() {
        Subject s = open();
        assumeSyntax(s, Extension.MATH);
        assumeSyntax(s, Extension.FRONTMATTER);
        Map<String, byte[]> inputs = new LinkedHashMap<>(Inputs.mathPathological());
        inputs.putAll(Inputs.pathological());
        inputs.putAll(Inputs.deepNesting());
        survive(s, inputs, ParseOptions.defaults().withExtensions(EnumSet.allOf(Extension.class)));
    }
}
