package dev.ocp.tck;

import dev.ocp.Capability;
import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.MemoryStats;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * promise 7 (docs/ownership.md): hostile input ends in a document whose payload is consistent and valid, or in an
 * {@link OcpException} with a code other than {@code INTERNAL}; never in another exception, never in a leak, and in
 * time linear in the input, which the kit tells by comparing sizes, never by a clock's absolute reading
 * ({@link Growth}).
 */
@Timeout(value = BadInputSuite.HUNG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class BadInputSuite extends TckSuite {
    /**
     * Seconds after which a check of hostile input fails as hung: sixty times what the slowest engine here takes for
     * the slowest of them (half a second). Each runs in a thread of its own, so that an engine that never returns
     * from a parse fails the check instead of hanging the build.
     */
    static final long HUNG_SECONDS = 30;

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
        survive(s, inputs, ParseOptions.of(Dialect.MDX).withExtensions(java.util.EnumSet.allOf(Extension.class)));
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
        survive(s, inputs, ParseOptions.defaults().withExtensions(java.util.EnumSet.allOf(Extension.class)));
    }

    /**
     * The system property that narrows the growth check to cmark's shapes as CommonMark ({@code true}), for a build
     * that runs the kit many times over engines whose parsers differ in nothing the other dialects would show (the
     * self-test's mutants, whose super-linear one slows every dialect alike). Unset, every dialect is measured.
     */
    public static final String GROWTH_COMMONMARK_ONLY_PROPERTY = "ocp.tck.growthCommonMarkOnly";

    /**
     * The time of a parse grows linearly with the input on every pathological shape, in every dialect the engine
     * parses: cmark's pathological cases and their kin as CommonMark, as GFM and as MDX with every extension on, the
     * GFM ones as GFM, the MDX ones as MDX with every extension, and the math and frontmatter ones as CommonMark with
     * every extension. Each shape is parsed at about 32 KB and at eight times that (where its growth is above
     * {@value Growth#RELATIVE_LIMIT}, beside a control, prose read in linear time, at the same sizes in the same
     * rounds), and its time may grow at most {@value Growth#ABSOLUTE_LIMIT}
     * times as fast as its size, and at most {@value Growth#RELATIVE_LIMIT} times as fast as the control's (linear
     * time grows about as fast as the input, time as the input to the power 1.5 2.8 times, quadratic eight times), in
     * two measures of up to {@value Growth#MOST_ROUNDS} rounds each: see {@link Growth} for how a busy
     * machine is kept from deciding. The check stops at the first shape that grows too fast.
     * ({@value #GROWTH_COMMONMARK_ONLY_PROPERTY} narrows it to the CommonMark shapes.)
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void parseTimeGrowsLinearlyWithPathologicalInput() {
        Subject s = open();
        java.util.Set<Extension> every = java.util.EnumSet.allOf(Extension.class);
        Map<ParseOptions, Map<String, IntFunction<String>>> shapes = new LinkedHashMap<>();
        for (ParseOptions options : List.of(ParseOptions.of(Dialect.COMMONMARK), ParseOptions.of(Dialect.COMMONMARK, Extension.GFM),
                ParseOptions.of(Dialect.MDX).withExtensions(every))) {
            shapes.put(options, new LinkedHashMap<>(Inputs.cmarkHostile()));
        }
        shapes.get(ParseOptions.of(Dialect.COMMONMARK, Extension.GFM)).putAll(Inputs.gfmHostile());
        shapes.get(ParseOptions.of(Dialect.MDX).withExtensions(every)).putAll(Inputs.mdxHostile());
        shapes.put(ParseOptions.defaults().withExtensions(every), Inputs.mathHostile());
        shapes.put(ParseOptions.of(Dialect.COMMONMARK, Extension.GFM).withFlavor(Flavor.MICROMARK),
                Inputs.micromarkHostile());
        boolean commonMarkOnly = Boolean.getBoolean(GROWTH_COMMONMARK_ONLY_PROPERTY);
        for (Map.Entry<ParseOptions, Map<String, IntFunction<String>>> set : shapes.entrySet()) {
            ParseOptions options = set.getKey();
            if (!s.engine().syntax().supports(options)
                    || commonMarkOnly && !options.equals(ParseOptions.of(Dialect.COMMONMARK))) {
                continue;
            }
            for (Map.Entry<String, IntFunction<String>> shape : set.getValue().entrySet()) {
                String name = shape.getKey() + " (" + options.dialect() + " with " + options.extensions()
                        + (options.flavor() == Flavor.REFERENCE ? "" : ", " + options.flavor()) + ")";
                Growth.Measure m = Growth.measure(s.engine(), name, shape.getValue(), options);
                if (!m.linear()) {
                    // Once more from a collected heap: one measure slow through all its rounds on a correct engine
                    // (seen once in about 200 runs of this check, four self-test runs of some 50 kits each, on two
                    // busy cores) does not decide; a super-linear parse grows too fast both times.
                    System.gc();
                    Growth.Measure again = Growth.measure(s.engine(), name, shape.getValue(), options);
                    if (!again.linear()) {
                        fail("the parse time grows faster than the input: " + m + "; measured again: " + again);
                    }
                }
            }
        }
    }
}
