package dev.ocp.tck;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kit's large mdast set: 10,000 documents of the kit's generator ({@link MarkdownGenerator}, 2,500 in each of
 * its four streams, CommonMark, GFM, GFM with frontmatter and math, MDX), made at test time from a fixed seed, and
 * the JS toolchain's tree of each, committed as digests ({@value #DIGESTS}) where {@link MdastCases}'s smaller set
 * commits whole trees: 10,000 trees would be tens of megabytes.
 *
 * <p>A tree is compared by the SHA-256 of its <em>canonical JSON</em>, which this class and
 * {@code bench/js/mdast-digests.mjs} write alike: the JSON value (not the JS object: members whose value is
 * {@code undefined} are absent, as {@code JSON.stringify} leaves them out) with every object's members sorted by
 * key (UTF-16 code units, as {@link String#compareTo} and JavaScript's default sort order them), no whitespace,
 * integers only (written as decimal digits, a minus sign if negative), and strings escaped as ES2019's
 * {@code JSON.stringify} escapes them: {@code \"} and {@code \\}, the controls {@code \b \f \n \r \t} by name and
 * the others as <code>&#92;u00XX</code>, a lone surrogate as <code>&#92;uDXXX</code>, hexadecimal digits in lower
 * case, everything else as itself; the bytes digested are the text's UTF-8. An input the toolchain rejects (MDX that
 * does not parse) has the tree {@code {"error": REASON}}, the reason without the places in it and in lower case, as
 * {@code MdastSuite.withoutPlaces} compares reasons. Integers are those of JavaScript's safe range: past it, node's
 * numbers are not the text's.
 *
 * <p>Each line of {@value #DIGESTS} is a case's id, the first 16 hexadecimal digits of the SHA-256 of its input's
 * canonical JSON ({@code {"dialect":...,"extensions":[...],"id":...,"markdown":...}}; a generator that no longer
 * makes that input is told apart from an engine that differs), {@code tree} or {@code error}, and the first 32 of
 * its tree's digest, separated by tabs. {@code tools/mdast-generated-check} writes it with Node, checks it
 * ({@code .ci/run}), and prints and classifies the first difference of any case the engines differ on.
 */
public final class MdastGenerated {
    /** The JS toolchain's trees of the set, as digests, a resource of the kit. */
    public static final String DIGESTS = "ocp-tck/mdast/generated-10k.txt";
    /** The cases of the set whose mdast is not the JS toolchain's, with a class each, a resource of the kit. */
    public static final String DIFFERENCES = "ocp-tck/mdast/generated-10k-differences.txt";

    /** The system property that chooses a {@link Share} of the set for the kit to compare. */
    public static final String SHARE_PROPERTY = "ocp.tck.mdastShare";

    /** Another seed than {@link MdastCases}'s, so the two sets share no document. */
    static final long SEED = 20261126L;
    /** Documents per stream of the generator. */
    static final int PER_STREAM = 2500;
    /** How many cases the set has. */
    public static final int SIZE = 4 * PER_STREAM;

    static final int INPUT_DIGITS = 16;
    static final int TREE_DIGITS = 32;

    /** The largest integer a JavaScript number holds exactly, 2^53 - 1: canonical JSON has no others. */
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private MdastGenerated() {
    }

    /**
     * The set, made by the generator: for each index, a CommonMark, a GFM, a math and an MDX document, with
     * {@link MdastCases}'s lines of non-ASCII text and tabs before the first two and after the others (frontmatter
     * and ESM must come first).
     *
     * @return the {@value #SIZE} cases, in a fixed order
     */
    public static List<MdastCases.Case> make() {
        return make(Share.ALL);
    }

    /**
     * The cases of a share of the set, in the set's order.
     *
     * @param share which documents
     * @return the four cases of each of its indexes
     */
    public static List<MdastCases.Case> make(Share share) {
        List<MdastCases.Case> cases = new ArrayList<>();
        List<String> all = List.of("gfm", "frontmatter", "math");
        for (int i = 0; i < PER_STREAM; i++) {
            if (!share.has(i)) {
                continue;
            }
            String wide = MdastCases.WIDE.get(i % MdastCases.WIDE.size());
            cases.add(new MdastCases.Case("gen-commonmark-" + i, "commonmark", List.of(),
                    wide + MarkdownGenerator.generate(SEED, i)));
            cases.add(new MdastCases.Case("gen-gfm-" + i, "commonmark", List.of("gfm"),
                    wide + MarkdownGenerator.generateGfm(SEED, i)));
            cases.add(new MdastCases.Case("gen-math-" + i, "commonmark", all,
                    MarkdownGenerator.generateWithMath(SEED, i) + wide));
            cases.add(new MdastCases.Case("gen-mdx-" + i, "mdx", all, MarkdownGenerator.generateMdx(SEED, i) + wide));
        }
        return cases;
    }

    /**
     * A share of the set: the documents whose index in their stream is {@code k} modulo {@code n}, in all four
     * streams. The kit compares the whole set unless the system property {@value #SHARE_PROPERTY} says
     * {@code K/N}: a build that runs the kit many times over engines whose payloads it holds byte-identical
     * otherwise (the self-test's mutants, the engines beside the reference) can take a share each.
     *
     * @param k the residue, from 0
     * @param n the modulus, from 1
     */
    public record Share(int k, int n) {
        /** The whole set. */
        public static final Share ALL = new Share(0, 1);

        /**
         * Checks the bounds.
         *
         * @param k the residue
         * @param n the modulus
         */
        public Share {
            if (n < 1 || k < 0 || k >= n) {
                throw new IllegalArgumentException("a share K/N needs 0 <= K < N: " + k + "/" + n);
            }
        }

        /**
         * Reads a share as the system property gives it.
         *
         * @param text {@code all}, or {@code K/N}
         * @return the share
         */
        public static Share parse(String text) {
            return parse(SHARE_PROPERTY, text);
        }

        private static Share parse(String property, String text) {
            String t = text.trim();
            if (t.isEmpty() || t.equals("all")) {
                return ALL;
            }
            int slash = t.indexOf('/');
            try {
                return new Share(Integer.parseInt(t.substring(0, slash)), Integer.parseInt(t.substring(slash + 1)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(property + " is 'all' or K/N (such as 0/4), not '" + text
                        + "'", e);
            }
        }

        /**
         * The share this run compares.
         *
         * @return the share the system property {@value #SHARE_PROPERTY} names, or the whole set
         */
        public static Share configured() {
            return configured(SHARE_PROPERTY);
        }

        /**
         * The share a system property names, for another set of generated documents that a build may take a share
         * of (the transforms' documents, {@code TransformSuite}).
         *
         * @param property the system property
         * @return the share it names ({@code K/N}), or the whole set when it is not set or says {@code all}
         */
        public static Share configured(String property) {
            return parse(property, System.getProperty(property, "all"));
        }

        /**
         * Whether a document is in the share.
         *
         * @param index a document's index in its stream
         * @return whether the share holds it
         */
        public boolean has(int index) {
            return index % n == k;
        }

        /**
         * The share's size.
         *
         * @return how many of the set's cases the share holds
         */
        public int size() {
            int indexes = 0;
            for (int i = 0; i < PER_STREAM; i++) {
                indexes += has(i) ? 1 : 0;
            }
            return 4 * indexes;
        }

        /**
         * Whether a case is in the share.
         *
         * @param id a case's id ({@code gen-gfm-17})
         * @return whether the share holds it
         */
        public boolean hasCase(String id) {
            return has(Integer.parseInt(id.substring(id.lastIndexOf('-') + 1)));
        }

        @Override
        public String toString() {
            return n == 1 ? "all" : k + "/" + n;
        }
    }

    /**
     * The JS toolchain's digest of one case, as {@value #DIGESTS} holds it.
     *
     * @param input    the first hexadecimal digits of the digest of the input's canonical JSON
     * @param rejected whether the toolchain rejects the input (the digest is then of its error)
     * @param tree     the first hexadecimal digits of the digest of the tree's canonical JSON
     */
    public record Expected(String input, boolean rejected, String tree) {
    }

    /**
     * The committed digests, by case id.
     *
     * @return the digests, in the file's order
     */
    public static Map<String, Expected> expected() {
        Map<String, Expected> digests = new LinkedHashMap<>();
        for (String line : MdastCases.resource(DIGESTS).split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 4 || !(f[2].equals("tree") || f[2].equals("error"))) {
                throw new IllegalStateException(DIGESTS + ": not a line of id, input, tree|error, digest: " + line);
            }
            digests.put(f[0], new Expected(f[1], f[2].equals("error"), f[3]));
        }
        return digests;
    }

    /**
     * What {@value #DIFFERENCES} allows of one case: not only that it differs, but how.
     *
     * @param kind        the class of its first difference (see {@link #classify})
     * @param fingerprint the {@link #fingerprint} of the JS toolchain's tree and the engine's when the list was
     *                    written: another difference in a listed case (a second bug, a fix that went half way, an
     *                    edited expected tree) changes it
     */
    public record Listed(String kind, String fingerprint) {
    }

    /**
     * The listed differences of {@value #DIFFERENCES}: each line a case's id, the class of its first difference
     * (see {@link #classify}) and the fingerprint of the two trees ({@link #fingerprint}), separated by tabs.
     *
     * @return what is allowed of each listed case, by id
     */
    public static Map<String, Listed> listed() {
        Map<String, Listed> listed = new TreeMap<>();
        for (String line : MdastCases.resource(DIFFERENCES).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t");
                if (f.length != 3) {
                    throw new IllegalStateException(DIFFERENCES + ": not a line of id, class, fingerprint: " + line);
                }
                listed.put(f[0], new Listed(f[1], f[2]));
            }
        }
        return listed;
    }

    /** Hexadecimal digits of a {@link #fingerprint}. */
    static final int FINGERPRINT_DIGITS = 16;

    /**
     * The fingerprint of a difference, which a list of differences records for each input it allows to differ: the
     * digest of both sides, so that the list allows this difference and no other.
     *
     * @param want what the JS toolchain makes of the input (its tree, its error, or the digest of either)
     * @param ours what the engine makes of it, written alike
     * @return the first {@value #FINGERPRINT_DIGITS} hexadecimal digits of the SHA-256 of the two, a line apart
     */
    static String fingerprint(String want, String ours) {
        return digest(want + "\n" + ours, FINGERPRINT_DIGITS);
    }

    /**
     * The digest of a case's input, as the first column after its id in {@value #DIGESTS}.
     *
     * @param c the case
     * @return the first {@value #INPUT_DIGITS} hexadecimal digits of the SHA-256 of its canonical JSON
     */
    public static String inputDigest(MdastCases.Case c) {
        StringBuilder sb = new StringBuilder(c.markdown().length() + 100);
        sb.append("{\"dialect\":");
        appendString(sb, c.dialect());
        sb.append(",\"extensions\":[");
        for (int i = 0; i < c.extensions().size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendString(sb, c.extensions().get(i));
        }
        sb.append("],\"id\":");
        appendString(sb, c.id());
        sb.append(",\"markdown\":");
        appendString(sb, c.markdown());
        sb.append('}');
        return digest(sb, INPUT_DIGITS);
    }

    /**
     * What an engine makes of a case, as the toolchain's side is written: its mdast, or the error object of an input
     * it rejects with a syntax error.
     *
     * @param engine the engine
     * @param c      the case
     * @return the tree, or {@code {"error": reason}}
     */
    static Outcome outcome(OcpEngine engine, MdastCases.Case c) {
        byte[] source = c.markdown().getBytes(StandardCharsets.UTF_8);
        try (OcpDocument doc = engine.parse(source, MdastSuite.options(c))) {
            return new Outcome(false, doc.toMdast(source));
        } catch (OcpException e) {
            if (e.syntaxError() == null) {
                throw e;
            }
            JsonObject error = new JsonObject();
            error.addProperty("error", MdastSuite.withoutPlaces(e.syntaxError().reason()));
            return new Outcome(true, error.toString());
        }
    }

    /**
     * An engine's side of a case.
     *
     * @param rejected whether the engine rejected the input
     * @param json     the mdast, or the error object, as JSON
     */
    record Outcome(boolean rejected, String json) {
        /** The digest to compare with {@link Expected#tree}. */
        String digest() {
            return treeDigest(json);
        }
    }

    /**
     * For {@code tools/mdast-generated-check}, run from the CLI's jar (which holds the kit and every engine):
     * <ul>
     * <li>{@code inputs FILE}: writes the set for {@code bench/js/mdast-digests.mjs} and {@code mdast-oracle.mjs},
     * a JSON array of {@code {id, dialect, extensions, markdown}} as {@link MdastCases#INPUTS} is;</li>
     * <li>{@code differences TREES ENGINE [LIST]}: compares the engine's tree of every case with the JS toolchain's
     * whole trees ({@code mdast-oracle.mjs}'s output for the set), prints each case that differs with its class and
     * its first difference, then the count of each class, and writes the list in the form of {@value #DIFFERENCES}
     * to the file {@code LIST} if given, with the listed cases that still differ only (it fails if another
     * differs);</li>
     * <li>{@code digests ENGINE}: prints the lines of {@value #DIGESTS} as the engine's trees would make them.</li>
     * </ul>
     *
     * @param args the command and its arguments
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        String usage = "usage: MdastGenerated inputs FILE | differences TREES ENGINE [LIST] | digests ENGINE";
        if (args.length < 2) {
            throw new IllegalArgumentException(usage);
        }
        switch (args[0]) {
            case "inputs" -> writeInputs(Path.of(args[1]));
            case "digests" -> {
                try (OcpEngine engine = Ocp.engine(args[1])) {
                    StringBuilder out = new StringBuilder();
                    for (MdastCases.Case c : make()) {
                        Outcome o = outcome(engine, c);
                        out.append(c.id()).append('\t').append(inputDigest(c)).append('\t')
                                .append(o.rejected() ? "error" : "tree").append('\t').append(o.digest()).append('\n');
                    }
                    System.out.print(out);
                }
            }
            case "differences" -> {
                if (args.length < 3) {
                    throw new IllegalArgumentException(usage);
                }
                differences(Path.of(args[1]), args[2], args.length > 3 ? Path.of(args[3]) : null);
            }
            default -> throw new IllegalArgumentException(usage);
        }
    }

    private static void writeInputs(Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("[\n");
            List<MdastCases.Case> cases = make();
            for (int i = 0; i < cases.size(); i++) {
                MdastCases.Case c = cases.get(i);
                StringBuilder sb = new StringBuilder("{\"id\":");
                appendString(sb, c.id());
                sb.append(",\"dialect\":");
                appendString(sb, c.dialect());
                sb.append(",\"extensions\":[");
                for (int e = 0; e < c.extensions().size(); e++) {
                    sb.append(e > 0 ? "," : "");
                    appendString(sb, c.extensions().get(e));
                }
                sb.append("],\"markdown\":");
                appendString(sb, c.markdown());
                out.write(sb.append(i + 1 < cases.size() ? "},\n" : "}\n").toString());
            }
            out.write("]\n");
        }
        System.out.println("wrote the " + SIZE + " inputs of the kit's large mdast set to " + file);
    }

    /**
     * Prints the differences of the engine's trees from the toolchain's and, given a list to write, writes it again
     * with the cases that still differ, each with its class and fingerprint: a list only shrinks, so a case that
     * differs and is not on it is printed and makes the command fail, and is not written.
     */
    private static void differences(Path trees, String engineName, Path list) throws IOException {
        Map<String, JsonObject> theirs = new LinkedHashMap<>();
        try (var lines = Files.lines(trees, StandardCharsets.UTF_8)) {
            lines.filter(l -> l.startsWith("{")).forEach(l -> {
                JsonObject row = JsonParser.parseString(l.endsWith(",") ? l.substring(0, l.length() - 1) : l)
                        .getAsJsonObject();
                theirs.put(row.get("id").getAsString(), row.getAsJsonObject("tree"));
            });
        }
        Map<String, Expected> digests = expected();
        Map<String, Listed> listed = listed();
        Map<String, Integer> counts = new TreeMap<>();
        StringBuilder listText = new StringBuilder();
        List<String> unlisted = new ArrayList<>();
        int compared = 0;
        try (OcpEngine engine = Ocp.engine(engineName)) {
            for (MdastCases.Case c : make()) {
                JsonObject want = theirs.get(c.id());
                if (want == null) {
                    continue;
                }
                compared++;
                if (want.has("error")) {
                    // As the digests compare them: the reason without its places, in lower case.
                    JsonObject error = new JsonObject();
                    error.addProperty("error", MdastSuite.withoutPlaces(want.get("error").getAsString()));
                    want = error;
                }
                Outcome outcome = outcome(engine, c);
                JsonElement ours = JsonParser.parseString(outcome.json());
                var difference = JsonDiff.firstDifference(want, ours);
                if (difference.isEmpty()) {
                    continue;
                }
                String kind = classify(want, ours);
                counts.merge(kind, 1, Integer::sum);
                System.out.println(c.id() + "\t" + kind + "\t" + oneLine(difference.get()));
                if (listed.containsKey(c.id())) {
                    listText.append(c.id()).append('\t').append(kind).append('\t')
                            .append(fingerprint(digests.get(c.id()).tree(), outcome.digest())).append('\n');
                } else {
                    unlisted.add(c.id());
                }
            }
        }
        int differing = counts.values().stream().mapToInt(Integer::intValue).sum();
        System.out.println(engineName + ": " + differing + " of " + compared + " differ");
        counts.forEach((kind, n) -> System.out.println(String.format(Locale.ROOT, "%6d  %s", n, kind)));
        if (list != null) {
            Files.writeString(list, LIST_HEADER + listText, StandardCharsets.UTF_8);
            System.out.println("wrote " + list + " (" + (differing - unlisted.size()) + " cases; lower"
                    + " MdastSuite.LARGE_SET_LISTED to match)");
        }
        if (list != null && !unlisted.isEmpty()) {
            System.out.println(unlisted.size() + " case(s) differ that the list does not name, and a list only"
                    + " shrinks: fix them (the first: " + unlisted.get(0) + ")");
            System.exit(1);
        }
    }

    /** A difference on one line of output: line endings and tabs in its values shown as escapes. */
    private static String oneLine(String difference) {
        String line = difference.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        return line.length() <= 200 ? line : line.substring(0, 197) + "...";
    }

    private static final String LIST_HEADER = """
            # The cases of the kit's large mdast set (dev.ocp.tck.MdastGenerated, 10,000 generated documents) whose
            # mdast is not the JS toolchain's (issue 34), one a line: the case's id, the class of its first difference
            # (MdastGenerated.classify says what each means; docs/conformance.md's mdast section counts them) and the
            # fingerprint of the two trees (MdastGenerated.fingerprint), separated by tabs.
            # Mdast.theMdastOfTheLargeGeneratedSetIsTheJsToolchainsButTheListedOnes fails on a case that differs and is
            # not listed here, on one listed whose trees are not those of its fingerprint, on one listed that no longer
            # differs, and on a list of another size than MdastSuite.LARGE_SET_LISTED. The list only shrinks: written
            # by tools/mdast-generated-check --list (which needs Node; --show ID prints a case's first difference),
            # which drops the cases that no longer differ and refuses new ones; do not edit by hand.
            """;

    /**
     * The class of a difference, a word for the list and for docs/conformance.md's table: what the first difference
     * between the two trees (in document order, as {@link JsonDiff} finds it) is about.
     * <ul>
     * <li>{@code rejects-js}, {@code rejects-ours}: only the JS toolchain, or only the engine, rejects the input;
     * {@code reason}: both do, for other reasons;</li>
     * <li>{@code parse}: a node of another type, a node or a field more or less (another parse);</li>
     * <li>{@code position}: a line, column or offset; {@code spread}: a list's or an item's spread;</li>
     * <li>for a string (a value, an alt, a url, a title, a label, a meta): {@code line-ending} if they are equal once
     * CR LF and CR are LF; {@code replacement} if equal once U+FFFD, NUL, noncharacters and lone surrogates are
     * taken out (one side replaces a character the other keeps or drops); {@code whitespace} if equal once spaces,
     * tabs and line endings are; {@code extent} if one is the start or the end of the other (a text or a literal
     * that runs on, or stops early); {@code text} otherwise.</li>
     * </ul>
     *
     * @param want the JS toolchain's tree, or its error object
     * @param ours the engine's
     * @return the class
     */
    static String classify(JsonElement want, JsonElement ours) {
        boolean theyReject = want.isJsonObject() && want.getAsJsonObject().has("error");
        boolean weReject = ours.isJsonObject() && ours.getAsJsonObject().has("error");
        if (theyReject || weReject) {
            return theyReject && weReject ? "reason" : theyReject ? "rejects-js" : "rejects-ours";
        }
        String kind = firstDifference(want, ours, "");
        return kind == null ? "equal" : kind;
    }

    private static String firstDifference(JsonElement e, JsonElement a, String key) {
        if (e.isJsonObject() && a.isJsonObject()) {
            JsonObject eo = e.getAsJsonObject();
            JsonObject ao = a.getAsJsonObject();
            for (String k : eo.keySet()) {
                if (!ao.has(k)) {
                    return "parse";
                }
                String inner = firstDifference(eo.get(k), ao.get(k), k);
                if (inner != null) {
                    return inner;
                }
            }
            return eo.keySet().containsAll(ao.keySet()) ? null : "parse";
        }
        if (e.isJsonArray() && a.isJsonArray()) {
            int n = Math.min(e.getAsJsonArray().size(), a.getAsJsonArray().size());
            for (int i = 0; i < n; i++) {
                String inner = firstDifference(e.getAsJsonArray().get(i), a.getAsJsonArray().get(i), key);
                if (inner != null) {
                    return inner;
                }
            }
            return e.getAsJsonArray().size() == a.getAsJsonArray().size() ? null : "parse";
        }
        if (e.equals(a)) {
            return null;
        }
        switch (key) {
            case "line", "column", "offset" -> {
                return "position";
            }
            case "spread" -> {
                return "spread";
            }
            case "type" -> {
                return "parse";
            }
            default -> {
                if (!(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && a.isJsonPrimitive()
                        && a.getAsJsonPrimitive().isString())) {
                    return "parse";
                }
                return stringDifference(e.getAsString(), a.getAsString());
            }
        }
    }

    private static String stringDifference(String e, String a) {
        String le = e.replace("\r\n", "\n").replace('\r', '\n');
        String la = a.replace("\r\n", "\n").replace('\r', '\n');
        if (le.equals(la)) {
            return "line-ending";
        }
        if (withoutReplaced(le).equals(withoutReplaced(la))) {
            return "replacement";
        }
        if (le.replaceAll("[ \t\n]", "").equals(la.replaceAll("[ \t\n]", ""))) {
            return "whitespace";
        }
        if (e.startsWith(a) || a.startsWith(e) || e.endsWith(a) || a.endsWith(e)) {
            return "extent";
        }
        return "text";
    }

    /** The text without the characters a Markdown parser may replace with U+FFFD. */
    private static String withoutReplaced(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean noncharacter = (c & 0xFFFE) == 0xFFFE || c >= 0xFDD0 && c <= 0xFDEF;
            if (c != 0xFFFD && c != 0 && !noncharacter && !(c >= 0xD800 && c <= 0xDFFF)) {
                sb.appendCodePoint(c);
            }
        }
        return sb.toString();
    }

    /**
     * The digest {@value #DIGESTS} holds for a tree.
     *
     * @param json a JSON text
     * @return the first {@value #TREE_DIGITS} hexadecimal digits of the SHA-256 of its canonical JSON
     */
    public static String treeDigest(String json) {
        return digest(canonical(json), TREE_DIGITS);
    }

    /**
     * The canonical JSON of a JSON text (see the class's comment). The text is read into a light tree whose strings
     * and numbers stay places in the text, and written from it: the engines' mdast of the set runs to tens of
     * megabytes, and Gson's tree of it (or rewriting each object's members in place) cost more than rendering it.
     *
     * @param json a JSON text whose numbers are integers
     * @return its canonical JSON
     * @throws IllegalArgumentException if the text is not JSON, or a number in it not an integer
     */
    public static String canonical(String json) {
        Canonicalizer c = new Canonicalizer(json);
        Object value = c.value();
        c.space();
        if (c.at < json.length()) {
            throw c.error("text after the value");
        }
        StringBuilder out = new StringBuilder(json.length());
        c.write(value, out);
        return out.toString();
    }

    /**
     * A reader of JSON text into a light tree: an object is a {@link Members}, an array a {@link List}, a string
     * that needs no escape other than canonical JSON's, or an integer or literal as canonical JSON writes it, the
     * place of its text ({@code long}: start and end), any other string its value, any other integer a
     * {@link java.math.BigInteger}.
     */
    private static final class Canonicalizer {
        final String in;
        int at;
        /** The keys read so far, by a hash of their text: mdast has few, and each object repeats them. */
        private final String[] keys = new String[256];

        Canonicalizer(String in) {
            this.in = in;
        }

        /** An object's members: keys and values in the order read. */
        record Members(String[] keys, Object[] values) {
        }

        Object value() {
            space();
            if (at >= in.length()) {
                throw error("a value expected");
            }
            return switch (in.charAt(at)) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string(false);
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> number();
            };
        }

        private Members object() {
            at++;
            List<String> names = new ArrayList<>(8);
            List<Object> values = new ArrayList<>(8);
            space();
            if (peek() == '}') {
                at++;
            } else {
                while (true) {
                    space();
                    if (peek() != '"') {
                        throw error("a key expected");
                    }
                    String key = (String) string(true);
                    if (names.contains(key)) {
                        throw error("the key " + key + " twice");
                    }
                    names.add(key);
                    space();
                    expect(':');
                    values.add(value());
                    space();
                    if (peek() != ',') {
                        expect('}');
                        break;
                    }
                    at++;
                }
            }
            return new Members(names.toArray(new String[0]), values.toArray());
        }

        private List<Object> array() {
            at++;
            List<Object> items = new ArrayList<>();
            space();
            if (peek() == ']') {
                at++;
                return items;
            }
            while (true) {
                items.add(value());
                space();
                if (peek() != ',') {
                    expect(']');
                    return items;
                }
                at++;
            }
        }

        /**
         * Reads a string: as a key, its value; else its place if its text can be copied as it is (no escape, no
         * surrogate), or its value.
         */
        private Object string(boolean key) {
            int start = ++at;
            while (at < in.length()) {
                char c = in.charAt(at);
                if (c == '"') {
                    at++;
                    return key ? key(start, at - 1) : (long) (start - 1) << 32 | at;
                }
                if (c == '\\' || Character.isSurrogate(c)) {
                    break;
                }
                if (c < 0x20) {
                    throw error("a control character in a string");
                }
                at++;
            }
            StringBuilder s = new StringBuilder().append(in, start, at);
            while (at < in.length()) {
                char c = in.charAt(at++);
                if (c == '"') {
                    return s.toString();
                }
                if (c < 0x20) {
                    throw error("a control character in a string");
                }
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                char e = at < in.length() ? in.charAt(at++) : '?';
                switch (e) {
                    case '"', '\\', '/' -> s.append(e);
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'u' -> {
                        if (at + 4 > in.length()) {
                            throw error("a short \\u escape");
                        }
                        try {
                            s.append((char) Integer.parseInt(in, at, at + 4, 16));
                        } catch (NumberFormatException x) {
                            throw error("a bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw error("a bad escape");
                }
            }
            throw error("an unterminated string");
        }

        /** The key whose text (no escapes) runs from {@code start} to {@code end}, one string per distinct key. */
        private String key(int start, int end) {
            int h = 0;
            for (int k = start; k < end; k++) {
                h = 31 * h + in.charAt(k);
            }
            int slot = (h ^ h >>> 8) & (keys.length - 1);
            String known = keys[slot];
            if (known != null && known.length() == end - start && in.startsWith(known, start)) {
                return known;
            }
            return keys[slot] = in.substring(start, end);
        }

        /** An integer as canonical JSON writes it by its place, anything else by its value, an integer. */
        private Object number() {
            int start = at;
            while (at < in.length() && numeral(in.charAt(at))) {
                at++;
            }
            if (plainInteger(start, at)) {
                return (long) start << 32 | at;
            }
            String token = in.substring(start, at);
            try {
                long value = new java.math.BigDecimal(token).toBigIntegerExact().longValueExact();
                if (Math.abs(value) <= MAX_SAFE_INTEGER) {
                    return java.math.BigInteger.valueOf(value);
                }
            } catch (ArithmeticException | NumberFormatException x) {
                // not an integer, as below
            }
            throw error("not an integer JavaScript holds exactly: " + token);
        }

        /** Whether the text from {@code start} to {@code end} is an integer as canonical JSON writes it. */
        private boolean plainInteger(int start, int end) {
            int digits = start < end && in.charAt(start) == '-' ? start + 1 : start;
            if (digits == end || end - digits > 15
                    || in.charAt(digits) == '0' && (end - digits > 1 || digits > start)) {
                return false;
            }
            for (int k = digits; k < end; k++) {
                if (in.charAt(k) < '0' || in.charAt(k) > '9') {
                    return false;
                }
            }
            return true;
        }

        private Object literal(String word) {
            if (!in.startsWith(word, at)) {
                throw error(word + " expected");
            }
            at += word.length();
            return (long) (at - word.length()) << 32 | at;
        }

        void space() {
            char c;
            while (at < in.length() && ((c = in.charAt(at)) == ' ' || c == '\n' || c == '\r' || c == '\t')) {
                at++;
            }
        }

        private static boolean numeral(char c) {
            return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
        }

        private char peek() {
            return at < in.length() ? in.charAt(at) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "' expected");
            }
            at++;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("not JSON at " + at + ": " + what);
        }

        void write(Object value, StringBuilder out) {
            if (value instanceof Long place) {
                out.append(in, (int) (place >>> 32), (int) (long) place);
            } else if (value instanceof Members m) {
                int n = m.keys().length;
                int[] order = new int[n];
                for (int k = 0; k < n; k++) {
                    // Insertion by key: objects have a few members.
                    int j = k;
                    while (j > 0 && m.keys()[order[j - 1]].compareTo(m.keys()[k]) > 0) {
                        order[j] = order[j - 1];
                        j--;
                    }
                    order[j] = k;
                }
                out.append('{');
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        out.append(',');
                    }
                    appendString(out, m.keys()[order[k]]);
                    out.append(':');
                    write(m.values()[order[k]], out);
                }
                out.append('}');
            } else if (value instanceof List<?> items) {
                out.append('[');
                for (int k = 0; k < items.size(); k++) {
                    if (k > 0) {
                        out.append(',');
                    }
                    write(items.get(k), out);
                }
                out.append(']');
            } else if (value instanceof String s) {
                appendString(out, s);
            } else {
                out.append(value);
            }
        }
    }

    /**
     * Appends a string as JSON, escaped as ES2019's {@code JSON.stringify} escapes it.
     *
     * @param sb the text to append to
     * @param s  the string, which may hold lone surrogates
     */
    static void appendString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(sb, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(sb, c);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static void unicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
    }

    private static String digest(CharSequence canonical, int digits) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        char[] hex = new char[digits];
        for (int i = 0; i < digits; i++) {
            int b = hash[i / 2];
            hex[i] = HEX[(i % 2 == 0 ? b >> 4 : b) & 15];
        }
        return new String(hex);
    }
}
