package dev.ocp.tck;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.LeakDetection;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;
import dev.ocp.EngineConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * promise 8 (docs/ownership.md): every engine produces byte-identical OCP for the same input and options. The reference is the
 * {@code java} engine, found through the SPI like any other.
 */
abstract class DifferentialSuite extends TckSuite {
    /** The reference engine's name. */
    static final String REFERENCE = "java";

    private OcpEngine reference(Subject s) {
        assumeFalse(REFERENCE.equals(s.engine().name()), () -> "engine '" + REFERENCE + "' is the reference itself;"
                + " there is nothing to compare it with");
        ProviderInfo info = Ocp.providers().stream().filter(p -> p.name().equals(REFERENCE)).findFirst().orElse(null);
        assumeTrue(info != null, () -> "the reference engine '" + REFERENCE + "' is not on the class path: add "
                + "dev.ocp:ocp-engine-java as a test dependency beside the kit to compare with it (found "
                + Ocp.providers() + ")");
        assumeTrue(info.available(), () -> "the reference engine cannot run here: " + info.reason());
        OcpEngine ref = info.provider().create(EngineConfig.defaults().withLeakDetection(LeakDetection.COUNT));
        kit().track(ref);
        return ref;
    }

    /**
     * Every dialect, and every extension on at once over the CommonMark base: the options each input is compared
     * in (as far as both engines parse them).
     */
    private static final List<ParseOptions> EVERY_DIALECT = List.of(
            ParseOptions.of(Dialect.COMMONMARK),
            ParseOptions.of(Dialect.COMMONMARK, Extension.GFM),
            ParseOptions.of(Dialect.MDX),
            ParseOptions.defaults().withExtensions(java.util.EnumSet.allOf(Extension.class)));

    /** Compares the payloads of every input in every dialect both engines parse; fails listing the differences. */
    private void compare(Subject s, OcpEngine reference, Iterable<byte[]> inputs) {
        compare(s, reference, inputs, EVERY_DIALECT);
    }

    /**
     * The same with those of {@code optionSets} both engines parse. A comparison that compares nothing where the
     * engines parse the options (an input stream that ran dry) fails: it would otherwise pass unseen.
     *
     * @return how many inputs were compared, counted once per options
     */
    private int compare(Subject s, OcpEngine reference, Iterable<byte[]> inputs, List<ParseOptions> optionSets) {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        int parsedOptions = 0;
        for (ParseOptions options : optionSets) {
            if (!s.engine().syntax().supports(options) || !reference.syntax().supports(options)) {
                continue;
            }
            parsedOptions++;
            for (byte[] in : inputs) {
                String expected;
                byte[] want = null;
                try (OcpDocument doc = reference.parse(in, options)) {
                    want = copy(doc);
                    expected = null;
                } catch (OcpException e) {
                    expected = outcome(e);
                }
                String actual;
                byte[] got = null;
                try (OcpDocument doc = s.engine().parse(in, options)) {
                    got = copy(doc);
                    actual = null;
                } catch (OcpException e) {
                    actual = outcome(e);
                }
                compared++;
                String difference = difference(want, expected, got, actual);
                if (difference != null) {
                    differences.add(describe(options) + " " + Inputs.describe(in) + ": " + difference);
                }
            }
        }
        if (!differences.isEmpty()) {
            fail(differences.size() + " of " + compared + " payloads differ from the reference engine '" + REFERENCE
                    + "':\n  " + String.join("\n  ", differences.subList(0, Math.min(20, differences.size())))
                    + (differences.size() > 20 ? "\n  ..." : ""));
        }
        if (parsedOptions > 0 && compared == 0) {
            fail("no input was compared: the inputs given to the comparison were empty");
        }
        return compared;
    }

    /** Compares one generated stream in one dialect; all {@code documents} of it when both engines parse it. */
    private void compareStream(Subject s, OcpEngine reference, int documents, DocumentStream generator,
                               ParseOptions options) {
        int compared = compare(s, reference, grammarDocuments(79, documents, generator), List.of(options));
        boolean parsed = s.engine().syntax().supports(options) && reference.syntax().supports(options);
        assertEquals(parsed ? documents : 0, compared, () -> "documents compared in " + describe(options));
    }

    /** A failure as compared: its code, and for a syntax error where and why. */
    private static String outcome(OcpException e) {
        return e.syntaxError() == null ? e.code().toString() : e.code() + " " + e.syntaxError();
    }

    private static String describe(ParseOptions options) {
        return options.dialect() + (options.extensions().isEmpty() ? "" : " with " + options.extensions());
    }

    private static String difference(byte[] want, String wantError, byte[] got, String gotError) {
        if (want == null || got == null) {
            if (want == null && got == null && wantError.equals(gotError)) {
                return null;
            }
            return "reference " + (want == null ? "failed with " + wantError : "gave " + want.length + " bytes")
                    + ", engine " + (got == null ? "failed with " + gotError : "gave " + got.length + " bytes");
        }
        int at = Arrays.mismatch(want, got);
        if (at < 0) {
            return null;
        }
        return "first difference at byte " + at + " of " + want.length + " (reference) / " + got.length + " (engine)";
    }

    /**
     * The examples of both spec files, in every dialect both engines parse: each as it is, and each again made
     * {@linkplain #large large}. Every example is under half a kilobyte, where an engine that routes by size (the
     * default, {@code auto}) hands documents to the reference's own parser; made large, each reaches its other parser,
     * so that this comparison can fail for it too.
     */
    @Test
    void identicalToTheReferenceOnTheSpecExamples() throws IOException {
        Subject s = open();
        OcpEngine reference = reference(s);
        List<byte[]> inputs = new ArrayList<>();
        for (String resource : List.of(KnownExceptions.COMMONMARK_SPEC, KnownExceptions.GFM_SPEC)) {
            List<SpecExample> examples = SpecExample.readResource(resource);
            if (examples.isEmpty()) {
                fail("no " + resource + " on the class path: the kit's dependency "
                        + "org.commonmark:commonmark-test-util is missing");
            }
            for (SpecExample e : examples) {
                inputs.add(e.markdown().getBytes(StandardCharsets.UTF_8));
                inputs.add(large(e.markdown()));
            }
        }
        compare(s, reference, inputs);
    }

    /**
     * Past the size from which {@code auto} parses with its native engine ({@code AutoEngineProvider}: 512 bytes on
     * {@code ffm}, 1,024 on {@code jna}), with room for a threshold that moves.
     */
    static final int LARGE = 4096;

    /**
     * An input of at least {@value #LARGE} bytes that starts with the given one: the example, a blank line, and lines
     * of plain words after it (what the example leaves open, a fence or an HTML block, takes them in; both engines
     * read the same bytes, so either way they must agree).
     */
    static byte[] large(String example) {
        StringBuilder sb = new StringBuilder(LARGE + 128).append(example);
        if (!example.endsWith("\n")) {
            sb.append('\n');
        }
        sb.append('\n');
        for (int line = 0; sb.length() < LARGE; line++) {
            sb.append("more words to carry the example past the size threshold, line ").append(line).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void identicalToTheReferenceOnGeneratedInputs() {
        Subject s = open();
        OcpEngine reference = reference(s);
        List<byte[]> inputs = new ArrayList<>(Inputs.generated(71, 300));
        inputs.addAll(Inputs.randomBytes(73, 60));
        inputs.addAll(Inputs.invalidUtf8().values());
        inputs.addAll(Inputs.nulBytes().values());
        inputs.add(Inputs.SAMPLE_BYTES);
        compare(s, reference, inputs);
        int documents = Integer.getInteger(GENERATED_PROPERTY, 300);
        compareStream(s, reference, documents, MarkdownGenerator::generate, ParseOptions.of(Dialect.COMMONMARK));
        compareStream(s, reference, documents, MarkdownGenerator::generateGfm,
                ParseOptions.of(Dialect.COMMONMARK, Extension.GFM));
        compareStream(s, reference, documents, MarkdownGenerator::generateWithMath,
                ParseOptions.of(Dialect.COMMONMARK).withExtensions(java.util.EnumSet.allOf(Extension.class)));
        compareStream(s, reference, documents, MarkdownGenerator::generateMdx,
                ParseOptions.of(Dialect.MDX).withExtensions(java.util.EnumSet.allOf(Extension.class)));
        compareStream(s, reference, documents, MarkdownGenerator::generateMdxWithComments,
                ParseOptions.of(Dialect.MDX).withExtensions(java.util.EnumSet.allOf(Extension.class)));
        compareStream(s, reference, documents, MarkdownGenerator::generateWithDirectives,
                ParseOptions.of(Dialect.COMMONMARK).withExtensions(java.util.EnumSet.allOf(Extension.class)));
    }

    /** How many grammar-generated documents of each dialect the generated-input check compares (default 300). */
    static final String GENERATED_PROPERTY = "ocp.tck.generatedDocuments";

    /** The documents of MarkdownGenerator, made one at a time as the comparison asks for them. */
    private static Iterable<byte[]> grammarDocuments(long seed, int count, DocumentStream generator) {
        return () -> new java.util.Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public byte[] next() {
                if (next >= count) {
                    throw new java.util.NoSuchElementException();
                }
                return generator.apply(seed, next++).getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /** One of MarkdownGenerator's streams: a document from a seed and an index. */
    @FunctionalInterface
    private interface DocumentStream {
        String apply(long seed, long index);
    }
}
