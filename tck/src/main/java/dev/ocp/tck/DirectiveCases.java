package dev.ocp.tck;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.ParseOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * micromark-extension-directive 4's own test inputs, each with the mdast that mdast-util-from-markdown and
 * mdast-util-directive make of it (the resource {@value #RESOURCE}, one JSON object a line: {@code markdown} and
 * {@code tree}, positions included; written by the JS toolchain, {@code data} kept only for a label's
 * {@code directiveLabel}), read with {@link #OPTIONS}. The kit's mdast check compares them ({@link MdastSuite}), and
 * the C core's fixtures parse their inputs.
 */
final class DirectiveCases {
    private DirectiveCases() {
    }

    /** The resource of the cases. */
    static final String RESOURCE = "ocp-tck/mdast/directive-micromark.jsonl";
    /** How many cases the resource holds. */
    static final int SIZE = 252;
    /** How the reference reads them: the directive extension over CommonMark, micromark's reading. */
    static final ParseOptions OPTIONS = ParseOptions.defaults().withExtensions(Extension.DIRECTIVE)
            .withFlavor(Flavor.MICROMARK);
    /**
     * The cases (by index, from 0) whose mdast differs from the JS toolchain's for a reason docs/conformance.md gives
     * ("Directives"): a label's leading or trailing line endings and blanks (28, 32, 40, 48, 52, 58, 63, 105); a tab
     * after an attribute's name that micromark keeps in the name (126, 209); an item whose only child is an open
     * container with a blank line, which micromark spreads (147, 155); a quoted value across lines, whose line's
     * indentation and CR are the paragraph's here (231).
     */
    static final Set<Integer> ACCEPTED = Set.of(28, 32, 40, 48, 52, 58, 63, 105, 126, 209, 147, 155, 231);

    /** One case: its index in the resource, its input, and the JS toolchain's tree of it. */
    record Case(int index, String markdown, JsonElement tree) {
    }

    /** @return every case, in the resource's order */
    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (String line : MdastCases.resource(RESOURCE).split("\n")) {
            if (!line.isBlank()) {
                JsonObject c = JsonParser.parseString(line).getAsJsonObject();
                cases.add(new Case(cases.size(), c.get("markdown").getAsString(), c.get("tree")));
            }
        }
        return cases;
    }
}
