package dev.ocp.tck;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kit's mdast fixtures: inputs that cannot drift from their generators, and a reference tree for each. */
class MdastCasesTest {

    @Test
    void theCommittedInputsAreWhatTheGeneratorsMake() throws Exception {
        String made = MdastCases.toJson(MdastCases.make());
        assertTrue(made.equals(MdastCases.resource(MdastCases.INPUTS)), "the kit's " + MdastCases.INPUTS
                + " is not what MdastCases makes: run dev.ocp.tck.MdastCases tck/src/main/resources, then"
                + " node bench/js/mdast-oracle.mjs on it (see MdastCases)");
    }

    @Test
    void everyInputHasTheJsToolchainsTreeOrItsError() throws Exception {
        List<MdastCases.Case> cases = MdastCases.make();
        Map<String, JsonObject> expected = MdastCases.expected();
        assertEquals(cases.stream().map(MdastCases.Case::id).toList(), List.copyOf(expected.keySet()),
                "one tree per input, in the inputs' order");
        int errors = 0;
        for (MdastCases.Case c : cases) {
            JsonObject tree = expected.get(c.id());
            if (tree.has("error")) {
                errors++;
                assertEquals("mdx", c.dialect(), c.id() + ": only MDX may be rejected: " + tree);
            } else {
                assertEquals("root", tree.get("type").getAsString(), c.id());
                assertTrue(tree.has("position"), c.id() + ": positions are part of the reference");
            }
        }
        assertTrue(cases.size() > 1500, "the spec examples and the generated documents: " + cases.size());
        assertTrue(errors < cases.size() / 20, errors + " inputs rejected");
    }
}
