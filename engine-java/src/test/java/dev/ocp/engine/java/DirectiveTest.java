package dev.ocp.engine.java;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.OcpDocument;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Directives against the JS toolchain: every input of micromark-extension-directive 4's own tests, with the mdast
 * mdast-util-from-markdown and mdast-util-directive make of it (committed oracle output, {@code data} kept only for
 * a label's {@code directiveLabel}), compared whole, positions included.
 */
class DirectiveTest {
    static final ParseOptions DIRECTIVE = ParseOptions.defaults().withExtensions(Extension.DIRECTIVE)
            .withFlavor(Flavor.MICROMARK);

    /** Inputs whose difference is accepted, each listed with its reason in docs/conformance.md. */
    private static final List<Integer> ACCEPTED = List.of();

    @Test
    void everyInputOfTheReferencesTestsGivesItsMdast() throws IOException {
        List<String> failures = new ArrayList<>();
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                DirectiveTest.class.getResourceAsStream("/directive/micromark-directive-mdast.jsonl")),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine(), n++) {
                JsonObject c = JsonParser.parseString(line).getAsJsonObject();
                String markdown = c.get("markdown").getAsString();
                JsonElement want = c.get("tree");
                byte[] source = markdown.getBytes(StandardCharsets.UTF_8);
                try (OcpDocument doc = BlockTrees.engine().parse(source, DIRECTIVE)) {
                    JsonElement got = JsonParser.parseString(doc.toMdast(source));
                    if (!got.equals(want) && !ACCEPTED.contains(n)) {
                        failures.add(n + ": " + JsonParser.parseString(line).getAsJsonObject().get("markdown")
                                + "\n  want " + want + "\n  got  " + got);
                    }
                }
            }
        }
        assertEquals(252, n);
        assertTrue(failures.isEmpty(), failures.size() + " differ:\n" + String.join("\n", failures));
    }
}
