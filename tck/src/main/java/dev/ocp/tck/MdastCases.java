package dev.ocp.tck;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs whose mdast the JS toolchain ({@code mdast-util-from-markdown} with the MDX, GFM, frontmatter and math
 * extensions) writes as the reference for ours: the CommonMark and GFM spec examples, generated documents
 * that cover every construct, with non-ASCII text (emoji, CJK, combining marks: UTF-16 positions) and tabs
 * (columns), and the inputs of markdown-rs 1.0's tests, each as CommonMark and as GFM. The list is written into the kit as {@value #INPUTS}; {@code bench/js/mdast-oracle.mjs} turns it into
 * {@value #EXPECTED}, the JS toolchain's trees, committed so that the build needs no Node.
 *
 * <p>{@code java ... dev.ocp.tck.MdastCases DIR} writes the inputs file under {@code DIR}; the kit's
 * {@code MdastCasesTest} fails when the committed file is not what this class makes (so it cannot drift from
 * the generators), and CI fails when the committed trees are not what the JS toolchain makes of the inputs.
 */
public final class MdastCases {
    /** The inputs, a resource of the kit. */
    public static final String INPUTS = "ocp-tck/mdast/inputs.json";
    /** The JS toolchain's trees of the inputs, a resource of the kit. */
    public static final String EXPECTED = "ocp-tck/mdast/expected.json";

    /** The inputs of markdown-rs 1.0's tests, a resource of the kit. */
    static final String MARKDOWN_RS_INPUTS = "ocp-tck/mdast/markdown-rs-inputs.txt";

    private static final long SEED = 20261123L;
    private static final int GENERATED_PER_STREAM = 75;

    /**
     * One input.
     *
     * @param id         unique name: the set and a number ({@code commonmark-12}, {@code gfm-200}, {@code mdx-3})
     * @param dialect    {@code commonmark} or {@code mdx}
     * @param extensions the extensions on, of {@code gfm}, {@code frontmatter}, {@code math}
     * @param markdown   the input
     */
    public record Case(String id, String dialect, List<String> extensions, String markdown) {
    }

    /** Lines with text that is not ASCII (and tabs), put before generated documents in turn ({@link MdastGenerated} too). */
    static final List<String> WIDE = List.of(
            "Emoji 😀 and 👩‍👩‍👧 in *emphasis 🎉* text.\n\n",
            "# 漢字の見出し\n\n漢字とかなの文 `コード` です。\n\n",
            "Combining: e\u0301te\u0301, n\u0303, a\u0308 — [lien é](/é \"titré\").\n\n",
            "-\tA tab after the marker\n-\tand 🐍 after it\n\n",
            "\tindented code with a tab 😀\n\n",
            "> quote\twith\ttabs and ∑ math-ish ∫ symbols\n\n",
            "1.\tone\n2.\ttwo 𝕏\n\n",
            "");

    private MdastCases() {
    }

    /**
     * Makes the list of inputs.
     *
     * @return every input, in a fixed order
     * @throws IOException if the spec files cannot be read
     */
    public static List<Case> make() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (SpecExample e : SpecExample.readResource(KnownExceptions.COMMONMARK_SPEC)) {
            cases.add(new Case("commonmark-" + e.number(), "commonmark", List.of(), e.markdown()));
        }
        for (SpecExample e : SpecExample.readResource(KnownExceptions.GFM_SPEC)) {
            // A base example tests the syntax without extensions, as the GFM spec's runner does (SpecExample).
            cases.add(new Case("gfm-" + e.number(), "commonmark", e.extension().isEmpty() ? List.of() : List.of("gfm"),
                    e.markdown()));
        }
        for (int i = 0; i < GENERATED_PER_STREAM; i++) {
            String wide = WIDE.get(i % WIDE.size());
            cases.add(new Case("generated-" + i, "commonmark", List.of(),
                    wide + MarkdownGenerator.generate(SEED, i)));
            cases.add(new Case("generated-gfm-" + i, "commonmark", List.of("gfm"),
                    wide + MarkdownGenerator.generateGfm(SEED, i)));
            cases.add(new Case("generated-math-" + i, "commonmark", List.of("gfm", "frontmatter", "math"),
                    MarkdownGenerator.generateWithMath(SEED, i) + wide));
            cases.add(new Case("generated-mdx-" + i, "mdx", List.of("gfm", "frontmatter", "math"),
                    MarkdownGenerator.generateMdx(SEED, i) + wide));
        }
        int n = 0;
        for (String markdown : markdownRsInputs()) {
            // Each as the two dialects the JS toolchain's users meet most: plain CommonMark, and with GFM.
            cases.add(new Case("markdown-rs-" + n, "commonmark", List.of(), markdown));
            cases.add(new Case("markdown-rs-gfm-" + n, "commonmark", List.of("gfm"), markdown));
            n++;
        }
        return cases;
    }

    /**
     * The Markdown of markdown-rs 1.0's tests, as {@code tools/mdast-markdown-rs-check --extract} wrote it into
     * {@value #MARKDOWN_RS_INPUTS}: one input a line, after its place in markdown-rs ({@code FILE:LINE }), escaped
     * as the kit's markdown-rs cases are ({@link ReferenceCase#unescape}).
     */
    static List<String> markdownRsInputs() {
        List<String> inputs = new ArrayList<>();
        for (String line : resource(MARKDOWN_RS_INPUTS).split("\n", -1)) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                inputs.add(ReferenceCase.unescape(line.substring(line.indexOf(' ') + 1)));
            }
        }
        return inputs;
    }

    /**
     * The inputs file's text: a JSON array of the cases, one per line, so that a change shows as lines.
     *
     * @param cases the cases
     * @return the file's text
     */
    public static String toJson(List<Case> cases) {
        Gson gson = new GsonBuilder().disableHtmlEscaping().create();
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < cases.size(); i++) {
            sb.append(gson.toJson(cases.get(i))).append(i + 1 < cases.size() ? ",\n" : "\n");
        }
        return sb.append("]\n").toString();
    }

    /**
     * The committed trees, by case id: the JS toolchain's mdast of each input (without {@code data} and
     * {@code estree}), or an object {@code {"error": message}} for an input it rejects.
     *
     * @return the trees, in the inputs' order
     */
    public static Map<String, JsonObject> expected() {
        Map<String, JsonObject> trees = new LinkedHashMap<>();
        JsonArray all = JsonParser.parseString(resource(EXPECTED)).getAsJsonArray();
        for (var element : all) {
            JsonObject row = element.getAsJsonObject();
            trees.put(row.get("id").getAsString(), row.getAsJsonObject("tree"));
        }
        return trees;
    }

    /**
     * A resource of the kit as text.
     *
     * @param name the resource, such as {@value #INPUTS}
     * @return its text
     */
    static String resource(String name) {
        try (InputStream in = MdastCases.class.getModule().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the kit lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the inputs file under a folder (the kit's resources when run from the build:
     * {@code tck/src/main/resources}).
     *
     * @param args the folder
     * @throws IOException if it cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "tck/src/main/resources").resolve(INPUTS);
        Files.createDirectories(file.getParent());
        Files.writeString(file, toJson(make()));
        System.out.println("wrote " + file);
    }
}
