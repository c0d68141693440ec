package dev.ocp.engine.java;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.tck.JsonDiff;
import dev.ocp.tck.MdastCases;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our mdast against the JS toolchain's, case by case (the kit's fixtures), compared as JSON values. The renderer
 * is young: this records how many cases match per set in {@code target/mdast-report.txt}, with the first
 * difference of each that does not, and fails if a set falls below what it reached when last raised here.
 */
class MdastDifferentialTest {
    /** Cases per set that match today: raise these as the renderer and the format grow; never lower them. */
    private static final Map<String, Integer> FLOOR = Map.of(
            "commonmark", 649, "gfm", 666, "generated", 129);

    @Test
    void ourMdastMatchesTheJsToolchainsOnTheKitsInputs() throws Exception {
        Map<String, JsonObject> expected = MdastCases.expected();
        Map<String, int[]> tally = new TreeMap<>();
        StringBuilder report = new StringBuilder();
        try (OcpEngine engine = Ocp.engine("java")) {
            for (MdastCases.Case c : MdastCases.make()) {
                String set = c.id().startsWith("generated") ? "generated" : c.id().substring(0, c.id().indexOf('-'));
                int[] counts = tally.computeIfAbsent(set, k -> new int[2]);
                counts[1]++;
                JsonObject want = expected.get(c.id());
                byte[] source = c.markdown().getBytes(StandardCharsets.UTF_8);
                Optional<String> difference;
                try (OcpDocument doc = engine.parse(source, options(c))) {
                    difference = want.has("error") ? Optional.of("the JS toolchain rejects it: " + want.get("error"))
                            : JsonDiff.firstDifference(want, JsonParser.parseString(doc.toMdast(source)));
                } catch (OcpException e) {
                    difference = want.has("error") ? Optional.empty() : Optional.of("we reject it: " + e.getMessage());
                }
                if (difference.isEmpty()) {
                    counts[0]++;
                } else {
                    report.append(c.id()).append(": ").append(difference.get()).append('\n');
                }
            }
        }
        StringBuilder summary = new StringBuilder();
        tally.forEach((set, n) -> summary.append(set).append(' ').append(n[0]).append('/').append(n[1]).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "mdast-report.txt"), summary + "\n" + report);
        System.out.print("mdast against the JS toolchain:\n" + summary);
        for (Map.Entry<String, Integer> floor : FLOOR.entrySet()) {
            int[] n = tally.get(floor.getKey());
            assertTrue(n != null && n[0] >= floor.getValue(), floor.getKey() + ": " + (n == null ? 0 : n[0])
                    + " cases match, fewer than the " + floor.getValue() + " reached before (target/mdast-report.txt)");
        }
    }

    private static ParseOptions options(MdastCases.Case c) {
        EnumSet<Extension> on = EnumSet.noneOf(Extension.class);
        for (String e : c.extensions()) {
            on.add(Extension.valueOf(e.toUpperCase(java.util.Locale.ROOT)));
        }
        return ParseOptions.of(c.dialect().equals("mdx") ? Dialect.MDX : Dialect.COMMONMARK).withExtensions(on);
    }
}
