package dev.ocp.tck;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.ocp.Capability;
import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.OcpDocument;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's mdast ({@link OcpDocument#toMdast}) against the JS toolchain's trees of the kit's inputs
 * ({@link MdastCases}), compared as JSON values: every spec example equal but the few listed with their reasons in
 * {@code docs/conformance.md}, and at least as many generated documents equal as the renderer reached when last
 * raised. And whatever the input, the output is strict JSON.
 */
abstract class MdastSuite extends TckSuite {
    /** Spec examples whose mdast differs from the JS toolchain's, each for a reason docs/conformance.md gives. */
    static final Set<String> KNOWN_DIFFERENCES = Set.of(
            "commonmark-215", "commonmark-260", "commonmark-541",
            "gfm-184", "gfm-200", "gfm-204", "gfm-238", "gfm-549", "gfm-628");
    /** Generated documents equal to the JS toolchain's tree (of 300, 49 of which it rejects): raise, never lower. */
    static final int GENERATED_FLOOR = 129;

    @Test
    void theMdastOfEverySpecExampleAndGeneratedDocumentIsTheJsToolchains() {
        Subject s = open();
        assumeSyntax(s, Extension.GFM);
        assumeSyntax(s, Dialect.MDX);
        Map<String, JsonObject> expected = MdastCases.expected();
        Set<String> differing = new TreeSet<>();
        List<String> unexpected = new ArrayList<>();
        int generated = 0;
        int generatedEqual = 0;
        for (MdastCases.Case c : cases()) {
            JsonObject want = expected.get(c.id());
            Optional<String> difference = difference(s, c, want);
            boolean isGenerated = c.id().startsWith("generated");
            generated += isGenerated ? 1 : 0;
            if (difference.isEmpty()) {
                generatedEqual += isGenerated ? 1 : 0;
                continue;
            }
            differing.add(c.id());
            if (!isGenerated && !KNOWN_DIFFERENCES.contains(c.id()) && unexpected.size() < 10) {
                unexpected.add(c.id() + ": " + difference.get());
            }
        }
        assertTrue(unexpected.isEmpty(), () -> "mdast differs from the JS toolchain's:\n" + String.join("\n", unexpected));
        Set<String> stale = new TreeSet<>(KNOWN_DIFFERENCES);
        stale.removeAll(differing);
        assertTrue(stale.isEmpty(), () -> "listed as different but now equal (take them off the list): " + stale);
        assertTrue(generated == 300 && generatedEqual >= GENERATED_FLOOR, generatedEqual + " of " + generated
                + " generated documents equal to the JS toolchain's tree, fewer than the " + GENERATED_FLOOR
                + " reached before");
    }

    @Test
    void theMdastOfAnyInputIsStrictJson() {
        Subject s = open();
        List<byte[]> inputs = new ArrayList<>(Inputs.randomBytes(12L, 200));
        inputs.addAll(Inputs.invalidUtf8().values());
        inputs.addAll(Inputs.nulBytes().values());
        StringBuilder controls = new StringBuilder("# c\n\n");
        for (char c = 0; c < 0x20; c++) {
            controls.append('a').append(c).append("b `").append(c).append("` [").append(c).append("](/").append(c)
                    .append(")\n");
        }
        inputs.add(controls.toString().getBytes(StandardCharsets.UTF_8));
        int parsed = 0;
        for (byte[] input : inputs) {
            try (OcpDocument doc = s.engine().parse(input, ParseOptions.defaults())) {
                assertEquals("root", strict(doc.toMdast(input)).getAsJsonObject().get("type").getAsString());
                parsed++;
            }
        }
        assertEquals(inputs.size(), parsed);
    }

    private static List<MdastCases.Case> cases() {
        try {
            return MdastCases.make();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> difference(Subject s, MdastCases.Case c, JsonObject want) {
        byte[] source = c.markdown().getBytes(StandardCharsets.UTF_8);
        try (OcpDocument doc = s.engine().parse(source, options(c))) {
            return want.has("error") ? Optional.of("the JS toolchain rejects it: " + want.get("error"))
                    : JsonDiff.firstDifference(want, strict(doc.toMdast(source)));
        } catch (OcpException e) {
            return want.has("error") ? Optional.empty() : Optional.of("the engine rejects it: " + e.getMessage());
        }
    }

    private static ParseOptions options(MdastCases.Case c) {
        EnumSet<Extension> on = EnumSet.noneOf(Extension.class);
        for (String e : c.extensions()) {
            on.add(Extension.valueOf(e.toUpperCase(Locale.ROOT)));
        }
        return ParseOptions.of(c.dialect().equals("mdx") ? Dialect.MDX : Dialect.COMMONMARK).withExtensions(on);
    }

    /** Parses as RFC 8259 JSON: nothing lenient, nothing after the value. */
    static JsonElement strict(String text) {
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            assertEquals(JsonToken.END_DOCUMENT, reader.peek(), "text after the JSON value");
            return element;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
