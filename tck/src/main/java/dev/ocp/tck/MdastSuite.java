package dev.ocp.tck;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.ocp.Capability;
import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
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
 * {@code docs/conformance.md}; every generated document equal, or rejected for the same reason, but those listed by
 * name in {@value #GENERATED_DIFFERENCES}; every input of markdown-rs's tests, as CommonMark and as GFM, equal but
 * those listed in {@value #MARKDOWN_RS_DIFFERENCES}; every one of the 10,000 generated documents of
 * {@link MdastGenerated}, compared by the digest of its canonical JSON, equal or rejected for the same reason but those
 * listed in {@value MdastGenerated#DIFFERENCES}. And whatever the input, the output is strict JSON.
 */
abstract class MdastSuite extends TckSuite {
    /**
     * Spec examples whose mdast differs from the JS toolchain's, each for a reason docs/conformance.md gives, with the
     * {@linkplain MdastGenerated#fingerprint fingerprint} of the two trees: this difference is allowed, no other.
     */
    static final Map<String, String> KNOWN_DIFFERENCES = Map.of(
            "gfm-204", "211b5d83bbd5db93");
    /**
     * The generated documents whose mdast is not yet the JS toolchain's (issue 34), a resource of the kit: one line
     * each, the case's id, the {@linkplain MdastGenerated#fingerprint fingerprint} of the two trees (the difference
     * allowed), and its first difference, separated by tabs.
     */
    static final String GENERATED_DIFFERENCES = "ocp-tck/mdast/generated-differences.txt";
    /**
     * The inputs of markdown-rs's tests whose mdast is not the JS toolchain's, as CommonMark ({@code markdown-rs-N})
     * or as GFM ({@code markdown-rs-gfm-N}), a resource of the kit in the form of {@value #GENERATED_DIFFERENCES};
     * docs/conformance.md gives the reasons by class.
     */
    static final String MARKDOWN_RS_DIFFERENCES = "ocp-tck/mdast/markdown-rs-differences.txt";
    /** How many generated documents {@link MdastCases} makes. */
    static final int GENERATED = 300;

    /*
     * How many inputs each list names. A list only shrinks: a fix takes the inputs it mends off their list and lowers
     * its number here in the same commit; nothing raises one (a new difference is a bug to fix, or an accepted one to
     * give its reason in docs/conformance.md and review as such).
     */
    /** How many inputs {@value #GENERATED_DIFFERENCES} names. */
    static final int GENERATED_LISTED = 29;
    /** How many inputs {@value #MARKDOWN_RS_DIFFERENCES} names. */
    static final int MARKDOWN_RS_LISTED = 11;
    /** How many cases {@value MdastGenerated#DIFFERENCES} names. */
    static final int LARGE_SET_LISTED = 886;

    /** The kit's mdast inputs in the sets compared apart, each with its own list of differences. */
    enum InputSet {
        SPEC, GENERATED, MARKDOWN_RS;

        static InputSet of(String id) {
            return id.startsWith("generated") ? GENERATED : id.startsWith("markdown-rs") ? MARKDOWN_RS : SPEC;
        }
    }

    @Test
    void theMdastOfEverySpecExampleIsTheJsToolchains() {
        compareWithTheJsToolchain(InputSet.SPEC, KNOWN_DIFFERENCES, "MdastSuite.KNOWN_DIFFERENCES");
    }

    /**
     * Every input of markdown-rs's tests, as CommonMark and as GFM, has the JS toolchain's tree but those listed by
     * name in {@value #MARKDOWN_RS_DIFFERENCES}; one that no longer differs must come off the list.
     */
    @Test
    void theMdastOfEveryMarkdownRsInputIsTheJsToolchainsButTheListedOnes() {
        Map<String, String> listed = listed(MARKDOWN_RS_DIFFERENCES);
        assertEquals(MARKDOWN_RS_LISTED, listed.size(), MARKDOWN_RS_DIFFERENCES + "'s inputs");
        compareWithTheJsToolchain(InputSet.MARKDOWN_RS, listed, MARKDOWN_RS_DIFFERENCES);
    }

    /**
     * Every generated document has the JS toolchain's tree, or both reject it for the same reason (the message
     * alike once positions are set aside: the toolchain writes a place as {@code (6:5-6:11)} where a syntax error
     * here gives {@code (6:5)}, and names node types in lower case). The documents that do not are listed by name
     * in {@value #GENERATED_DIFFERENCES}, and none other may differ; one that no longer differs must come off the
     * list.
     */
    @Test
    void theMdastOfEveryGeneratedDocumentIsTheJsToolchainsButTheListedOnes() {
        Map<String, String> listed = listed(GENERATED_DIFFERENCES);
        assertEquals(GENERATED_LISTED, listed.size(), GENERATED_DIFFERENCES + "'s inputs");
        compareWithTheJsToolchain(InputSet.GENERATED, listed, GENERATED_DIFFERENCES);
    }

    /**
     * The kit's large set ({@link MdastGenerated}: 10,000 generated documents, made here from a fixed seed): every
     * engine's tree of each has the digest of the JS toolchain's, or both reject it for the same reason, but those
     * listed in {@value MdastGenerated#DIFFERENCES}; one listed that no longer differs must come off the list. The
     * system property {@value MdastGenerated#SHARE_PROPERTY} ({@code K/N}) restricts the check to a share of the set.
     */
    @Test
    void theMdastOfTheLargeGeneratedSetIsTheJsToolchainsButTheListedOnes() {
        Subject s = open();
        assumeSyntax(s, Extension.GFM);
        assumeSyntax(s, Dialect.MDX);
        assumeSyntax(s, Flavor.MICROMARK);
        LargeSet set = LargeSet.get();
        assertTrue(set.stale.isEmpty(), () -> set.stale.size() + " input(s) of the large set are not those whose trees"
                + " " + MdastGenerated.DIGESTS + " holds (the first: " + set.stale.get(0) + "): the kit's generator"
                + " changed; write the digests again with tools/mdast-generated-check --write (it needs node)");
        assertEquals(LARGE_SET_LISTED, set.listed.size(), MdastGenerated.DIFFERENCES + "'s cases");
        Set<String> differing = new TreeSet<>();
        List<String> unexpected = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (MdastCases.Case c : set.cases) {
            MdastGenerated.Expected want = set.expected.get(c.id());
            MdastGenerated.Outcome ours = MdastGenerated.outcome(s.engine(), c);
            String digest = ours.digest();
            if (ours.rejected() == want.rejected() && digest.equals(want.tree())) {
                continue;
            }
            differing.add(c.id());
            MdastGenerated.Listed listed = set.listed.get(c.id());
            if (listed != null) {
                String fingerprint = MdastGenerated.fingerprint(want.tree(), digest);
                if (!fingerprint.equals(listed.fingerprint())) {
                    changed.add(c.id() + " (" + listed.kind() + "): " + fingerprint);
                }
            } else {
                unexpected.add(c.id() + ": " + (want.rejected() == ours.rejected()
                        ? want.rejected() ? "both reject it, for other reasons" : "another tree"
                        : want.rejected() ? "the JS toolchain rejects it, the engine does not"
                        : "the engine rejects it: " + ours.json()));
            }
        }
        assertTrue(unexpected.isEmpty(), () -> unexpected.size() + " document(s) of the large set whose mdast differs"
                + " from the JS toolchain's, not listed in " + MdastGenerated.DIFFERENCES
                + " (tools/mdast-generated-check --show ID prints the first difference, --list writes the list"
                + " again):\n" + String.join("\n", unexpected.subList(0, Math.min(20, unexpected.size()))));
        assertTrue(changed.isEmpty(), () -> changed.size() + " document(s) of the large set listed in "
                + MdastGenerated.DIFFERENCES + " differ otherwise than the list allows (a second difference, or"
                + " another expected tree): find out why (tools/mdast-generated-check --show ID), and if it is a step"
                + " toward the toolchain's tree, write the list again with --list:\n"
                + String.join("\n", changed.subList(0, Math.min(20, changed.size()))));
        Set<String> stale = new TreeSet<>();
        for (String id : set.listed.keySet()) {
            if (set.share.hasCase(id) && !differing.contains(id)) {
                stale.add(id);
            }
        }
        assertTrue(stale.isEmpty(), () -> stale.size() + " document(s) listed in " + MdastGenerated.DIFFERENCES
                + " as different are now equal (tools/mdast-generated-check --list writes the list again): "
                + String.join(" ", List.copyOf(stale).subList(0, Math.min(20, stale.size()))));
        assertEquals(set.share.size(), set.cases.size(), "the share's documents");
        assertTrue(!set.cases.isEmpty(), "compared none of the large set");
    }

    /**
     * The large set's share, digests and list, read once per class loader: the self-test runs the kit dozens of
     * times in a JVM.
     */
    private static final class LargeSet {
        private static LargeSet made;

        final MdastGenerated.Share share = MdastGenerated.Share.configured();
        final List<MdastCases.Case> cases = MdastGenerated.make(share);
        final Map<String, MdastGenerated.Expected> expected = MdastGenerated.expected();
        final Map<String, MdastGenerated.Listed> listed = MdastGenerated.listed();
        /** The cases whose input is not the one the digests were written for (or that the digests lack). */
        final List<String> stale = new ArrayList<>();

        private LargeSet() {
            for (MdastCases.Case c : cases) {
                MdastGenerated.Expected want = expected.get(c.id());
                if (want == null || !want.input().equals(MdastGenerated.inputDigest(c))) {
                    stale.add(c.id());
                }
            }
            if (expected.size() != MdastGenerated.SIZE) {
                stale.add("the digests hold " + expected.size() + " inputs, the set has " + MdastGenerated.SIZE);
            }
        }

        static synchronized LargeSet get() {
            if (made == null) {
                made = new LargeSet();
            }
            return made;
        }
    }

    /**
     * Compares one set of inputs with the JS toolchain's trees: fails on one that differs and is not in
     * {@code known}, on one in {@code known} whose difference is not the one its fingerprint allows, on one in
     * {@code known} that no longer differs, and on a set smaller than it is.
     *
     * @param known the fingerprint of each input allowed to differ, by id
     */
    private void compareWithTheJsToolchain(InputSet set, Map<String, String> known, String listedIn) {
        Subject s = open();
        assumeSyntax(s, Extension.GFM);
        assumeSyntax(s, Dialect.MDX);
        assumeSyntax(s, Flavor.MICROMARK);
        Set<String> differing = new TreeSet<>();
        List<String> unexpected = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        int compared = 0;
        for (MdastCases.Case c : Fixtures.CASES) {
            if (InputSet.of(c.id()) != set) {
                continue;
            }
            compared++;
            Optional<Difference> difference = difference(s, c, Fixtures.EXPECTED_TEXT.get(c.id()));
            if (difference.isEmpty()) {
                continue;
            }
            differing.add(c.id());
            String line = c.id() + "\t" + difference.get().fingerprint() + "\t" + oneLine(difference.get().first());
            if (!known.containsKey(c.id())) {
                unexpected.add(line);
            } else if (!known.get(c.id()).equals(difference.get().fingerprint())) {
                changed.add(line);
            }
        }
        assertTrue(unexpected.isEmpty(), () -> unexpected.size() + " input(s) whose mdast differs from the JS"
                + " toolchain's, not listed in " + listedIn + ":\n" + String.join("\n",
                unexpected.subList(0, Math.min(20, unexpected.size()))));
        assertTrue(changed.isEmpty(), () -> changed.size() + " input(s) listed in " + listedIn + " differ otherwise"
                + " than the list allows (a second difference, or another expected tree); their lines now:\n"
                + String.join("\n", changed));
        Set<String> stale = new TreeSet<>(known.keySet());
        stale.removeAll(differing);
        assertTrue(stale.isEmpty(), () -> "listed in " + listedIn + " as different but now equal (take them off the"
                + " list): " + stale);
        int all = compared;
        int want = set == InputSet.GENERATED ? GENERATED : set == InputSet.MARKDOWN_RS
                ? 2 * MdastCases.markdownRsInputs().size() : 1300;
        assertTrue(set == InputSet.SPEC ? all > want : all == want && want > 0, () -> "compared only " + all + " inputs");
    }

    /**
     * @param resource a list of differences, such as {@value #GENERATED_DIFFERENCES}
     * @return the fingerprint of each input it lists, by id
     */
    static Map<String, String> listed(String resource) {
        Map<String, String> listed = new java.util.TreeMap<>();
        for (String line : MdastCases.resource(resource).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t", 3);
                if (f.length != 3 || f[1].length() != MdastGenerated.FINGERPRINT_DIGITS) {
                    throw new IllegalStateException(resource + ": not a line of id, fingerprint, difference: " + line);
                }
                listed.put(f[0], f[1]);
            }
        }
        return listed;
    }

    /**
     * Every input of micromark-extension-directive's tests ({@link DirectiveCases}) has the JS toolchain's tree,
     * positions included, but the accepted ones (each with its reason in docs/conformance.md); one of those that no
     * longer differs must come off the list.
     */
    @Test
    void theMdastOfEveryDirectiveCaseIsTheJsToolchainsButTheAcceptedOnes() {
        Subject s = open();
        assumeSyntax(s, Extension.DIRECTIVE);
        assumeSyntax(s, Flavor.MICROMARK);
        List<DirectiveCases.Case> cases = DirectiveCases.all();
        assertEquals(DirectiveCases.SIZE, cases.size(), DirectiveCases.RESOURCE + "'s cases");
        List<String> unexpected = new ArrayList<>();
        Set<Integer> differing = new TreeSet<>();
        for (DirectiveCases.Case c : cases) {
            byte[] source = c.markdown().getBytes(StandardCharsets.UTF_8);
            try (OcpDocument doc = s.engine().parse(source, DirectiveCases.OPTIONS)) {
                JsonElement got = JsonParser.parseString(doc.toMdast(source));
                if (!got.equals(c.tree())) {
                    differing.add(c.index());
                    if (!DirectiveCases.ACCEPTED.contains(c.index())) {
                        unexpected.add(c.index() + ": " + oneLine(c.markdown()) + "\n  want " + c.tree() + "\n  got  "
                                + got);
                    }
                }
            }
        }
        assertTrue(unexpected.isEmpty(), () -> unexpected.size() + " directive case(s) whose mdast differs from the JS"
                + " toolchain's, not accepted in DirectiveCases.ACCEPTED:\n"
                + String.join("\n", unexpected.subList(0, Math.min(10, unexpected.size()))));
        Set<Integer> stale = new TreeSet<>(DirectiveCases.ACCEPTED);
        stale.removeAll(differing);
        assertTrue(stale.isEmpty(), () -> "accepted in DirectiveCases.ACCEPTED as different but now equal: " + stale);
    }

    /**
     * A table's header row that is a paragraph's last line and nothing but a tag: micromark's table check ends the
     * paragraph, then its htmlFlow, tried first at a {@code <}, takes the line and the delimiter row as an HTML block.
     * A tag with more on its line is a table's header, and a delimiter row of other columns starts no table. Each
     * outline is the JS toolchain's tree (mdast-util-from-markdown with GFM): every node's type and span, and an html
     * node's value.
     */
    @Test
    void aTagAloneAboveADelimiterRowIsAnHtmlBlockToMicromark() {
        Subject s = open();
        assumeSyntax(s, Extension.GFM);
        assumeSyntax(s, Flavor.MICROMARK);
        Map<String, String> cases = Map.of(
                "a\n<x>\n:-\nb\n\nc",
                "root 1:1-6:2 paragraph 1:1-1:2 text 1:1-1:2 html 2:1-4:2 \"<x>\\n:-\\nb\" paragraph 6:1-6:2 text 6:1-6:2",
                "> a\n> <x>\n> :-",
                "root 1:1-3:5 blockquote 1:1-3:5 paragraph 1:3-1:4 text 1:3-1:4 html 2:3-3:5 \"<x>\\n:-\"",
                "- a\n\t</x>\n\t:-",
                "root 1:1-3:4 list 1:1-3:4 listItem 1:1-3:4 paragraph 1:3-1:4 text 1:3-1:4 html 2:2-3:4"
                        + " \"  </x>\\n  :-\"",
                "a\n  <x> | b\n:- | -",
                "root 1:1-3:7 paragraph 1:1-1:2 text 1:1-1:2 table 2:3-3:7 tableRow 2:3-2:10 tableCell 2:3-2:7"
                        + " html 2:3-2:6 \"<x>\" tableCell 2:7-2:10 text 2:9-2:10",
                "a\n<x>\n:-|:-",
                "root 1:1-3:6 paragraph 1:1-3:6 text 1:1-2:1 html 2:1-2:4 \"<x>\" text 2:4-3:6");
        ParseOptions options = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM).withFlavor(Flavor.MICROMARK);
        for (Map.Entry<String, String> c : cases.entrySet()) {
            byte[] source = c.getKey().getBytes(StandardCharsets.UTF_8);
            try (OcpDocument doc = s.engine().parse(source, options)) {
                StringBuilder outline = new StringBuilder();
                outline(JsonParser.parseString(doc.toMdast(source)).getAsJsonObject(), outline);
                assertEquals(c.getValue(), outline.toString().strip(), oneLine(c.getKey()));
            }
        }
    }

    /** Each node's type and {@code line:column-line:column} span, and an html node's value, in document order. */
    private static void outline(com.google.gson.JsonObject node, StringBuilder out) {
        com.google.gson.JsonObject start = node.getAsJsonObject("position").getAsJsonObject("start");
        com.google.gson.JsonObject end = node.getAsJsonObject("position").getAsJsonObject("end");
        out.append(node.get("type").getAsString()).append(' ').append(start.get("line")).append(':')
                .append(start.get("column")).append('-').append(end.get("line")).append(':').append(end.get("column"))
                .append(' ');
        if (node.get("type").getAsString().equals("html")) {
            out.append(node.get("value")).append(' ');
        }
        if (node.has("children")) {
            for (JsonElement child : node.getAsJsonArray("children")) {
                outline(child.getAsJsonObject(), out);
            }
        }
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

    /**
     * The inputs and the JS toolchain's trees, read once per class loader: every check and every kit run in a JVM
     * (the self-test runs dozens) reads them, and only reads them.
     */
    private static final class Fixtures {
        static final List<MdastCases.Case> CASES = cases();
        /**
         * Each tree written as compact JSON, members in the toolchain's order: an engine's mdast equal to it as text
         * is equal as a value, and strict JSON, without being parsed (the self-test runs these checks for every
         * mutant, and parsing thousands of trees per run was most of their cost). A text that differs is parsed and
         * compared as a value. Only the texts are kept: Gson's trees of them were most of a kit JVM's live objects
         * (some three million), which every full collection the kit asks for had to mark and move, 160 ms each in
         * the self-test, where the after-check of a leaking mutant asks for three after every check.
         */
        static final Map<String, String> EXPECTED_TEXT = texts();

        private static Map<String, String> texts() {
            com.google.gson.Gson gson = new com.google.gson.GsonBuilder().serializeNulls().disableHtmlEscaping()
                    .create();
            Map<String, String> texts = new java.util.HashMap<>();
            MdastCases.expected().forEach((id, tree) -> texts.put(id, gson.toJson(tree)));
            return java.util.Collections.unmodifiableMap(texts);
        }

        private static List<MdastCases.Case> cases() {
            try {
                return List.copyOf(MdastCases.make());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The text of a tree the JS toolchain did not make: its error, written as {@code {"error": message}}. */
    private static final String REJECTED = "{\"error\":";

    /**
     * How an engine's tree of an input differs from the JS toolchain's.
     *
     * @param first       the first difference, in words
     * @param fingerprint the {@linkplain MdastGenerated#fingerprint fingerprint} of the two sides
     */
    private record Difference(String first, String fingerprint) {
        static Optional<Difference> of(String first, String want, String ours) {
            return Optional.of(new Difference(first, MdastGenerated.fingerprint(want, ours)));
        }
    }

    private static Optional<Difference> difference(Subject s, MdastCases.Case c, String wantText) {
        byte[] source = c.markdown().getBytes(StandardCharsets.UTF_8);
        boolean rejected = wantText.startsWith(REJECTED);
        try (OcpDocument doc = s.engine().parse(source, options(c))) {
            String mdast = doc.toMdast(source);
            if (rejected) {
                return Difference.of("the JS toolchain rejects it (" + error(wantText) + "), the engine does not",
                        wantText, mdast);
            }
            if (mdast.equals(wantText)) {
                return Optional.empty();
            }
            // Equal as values though not as text (members in another order) is equal.
            Optional<String> first = JsonDiff.firstDifference(JsonParser.parseString(wantText), strict(mdast));
            return first.isEmpty() ? Optional.empty() : Difference.of(first.get(), wantText, mdast);
        } catch (OcpException e) {
            String ours = e.syntaxError() == null ? e.getMessage() : e.syntaxError().reason();
            if (!rejected) {
                return Difference.of("the engine rejects it: " + e.getMessage(), wantText, "error: " + ours);
            }
            String theirs = error(wantText);
            return withoutPlaces(ours).equals(withoutPlaces(theirs)) ? Optional.empty()
                    : Difference.of("both reject it, for other reasons: the JS toolchain \"" + theirs + "\", the"
                    + " engine \"" + ours + "\"", wantText, "error: " + ours);
        }
    }

    /**
     * A difference as a line of a list: tabs and line endings as escapes, a lone surrogate as {@code ?} (as UTF-8
     * has none).
     */
    private static String oneLine(String difference) {
        StringBuilder sb = new StringBuilder(difference.length());
        for (int i = 0; i < difference.length(); i++) {
            char c = difference.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < difference.length()
                    && Character.isLowSurrogate(difference.charAt(i + 1))) {
                sb.append(c).append(difference.charAt(++i));
            } else {
                sb.append(c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r"
                        : Character.isSurrogate(c) ? "?" : String.valueOf(c));
            }
        }
        return sb.toString();
    }

    /** The message of a tree the JS toolchain rejected ({@link #REJECTED}). */
    private static String error(String wantText) {
        return JsonParser.parseString(wantText).getAsJsonObject().get("error").getAsString();
    }

    /** A syntax error's words without the places in them ({@code (6:5)}, {@code (6:5-6:11)}), in lower case. */
    static String withoutPlaces(String message) {
        return message.replaceAll(" ?\\(\\d+:\\d+(-\\d+:\\d+)?\\)", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The options a case is parsed with: its syntax, read as micromark reads it ({@link Flavor#MICROMARK}), since the
     * trees it is compared with are the JS toolchain's.
     */
    static ParseOptions options(MdastCases.Case c) {
        EnumSet<Extension> on = EnumSet.noneOf(Extension.class);
        for (String e : c.extensions()) {
            on.add(Extension.valueOf(e.toUpperCase(Locale.ROOT)));
        }
        return ParseOptions.of(c.dialect().equals("mdx") ? Dialect.MDX : Dialect.COMMONMARK).withExtensions(on)
                .withFlavor(Flavor.MICROMARK);
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
