package dev.ocp.tck;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.ParseOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One test case of markdown-rs, the reference for frontmatter, math and MDX: an input, the options it is
 * parsed with, and what markdown-rs makes of it: HTML, a syntax error, or only success. The cases come with the
 * kit, extracted from markdown-rs's tests by {@code tools/markdown-rs-cases} into {@value #RESOURCE}, whose header
 * describes the format.
 *
 * @param source     the file and line of the assertion in markdown-rs, such as {@code tests/math_flow.rs:29}
 * @param dialect    the base: {@link Dialect#COMMONMARK} (markdown-rs's defaults) or {@link Dialect#MDX}
 * @param extensions the extensions switched on over the base
 * @param name       the assertion's message, which says what the case shows
 * @param markdown   the input
 * @param html       the HTML markdown-rs writes, or {@code null} when the case expects an error or says nothing of
 *                   the HTML
 * @param error      the error markdown-rs reports ({@code LINE:COLUMN: REASON (markdown-rs:RULE)}), or {@code null}
 * @param treeError  for an input markdown-rs's {@code to_html} writes as {@link #html()}: the error its
 *                   {@code to_mdast} reports, since no tree can be built of it, or {@code null} when one can
 * @param micromark  where micromark's tree builder rejects such an input too: {@code LINE:COLUMN RULE}, or
 *                   {@code null}
 */
record ReferenceCase(String source, Dialect dialect, Set<Extension> extensions, String name, String markdown,
                     String html, String error, String treeError, String micromark) {

    /** @return the options the case parses with */
    ParseOptions options() {
        return ParseOptions.of(dialect).withExtensions(extensions);
    }

    /**
     * The error an engine of this project must report for the case: markdown-rs's, whose source name
     * {@code markdown-rs} is {@code ocp} here. For an input that {@code to_html} writes but no tree can be
     * built of, that is the error of markdown-rs's tree builder, since a parse here always builds the tree.
     *
     * @return {@code LINE:COLUMN: REASON (ocp:RULE)}, or {@code null} when the case expects no error
     */
    String expectedError() {
        String expected = error != null ? error : treeError;
        return expected == null ? null : expected.replace("(markdown-rs:", "(ocp:");
    }

    /**
     * Whether an engine's outcome is the reference's: markdown-rs's HTML (see {@link #matches(String)}) or its
     * error, word for word; or, for an input no tree can be built of, the place and rule of micromark's tree
     * builder's error. The two tree builders count columns differently after a tab (markdown-rs to the next tab
     * stop, micromark one per character, as the engines here do), so either one's verdict is the reference's.
     *
     * @param html  the HTML an engine wrote, or {@code null} when it reported an error
     * @param error the error it reported ({@code LINE:COLUMN: REASON (ocp:RULE)}), or {@code null}
     * @return whether that is the reference's outcome
     */
    boolean passes(String html, String error) {
        String expected = expectedError();
        if (expected == null) {
            return error == null && matches(html);
        }
        if (expected.equals(error)) {
            return true;
        }
        if (treeError == null || micromark == null || error == null) {
            return false;
        }
        String[] placeAndRule = micromark.split(" ");
        String place = placeAndRule[0];
        return (error.startsWith(place + ":") || error.startsWith(place + "-"))
                && error.endsWith("(ocp:" + placeAndRule[1] + ")");
    }

    /** Room for one line of the case file, to look at the line after a case's outcome and go back. */
    private static final int BUFFER = 1 << 16;

    /** The case file on the kit's class path. */
    static final String RESOURCE = "/ocp-tck/markdown-rs-cases.txt";

    /**
     * Whether {@code ours} is the HTML markdown-rs writes. Line endings after the last block are not compared:
     * markdown-rs ends its HTML as the input ends (with a line ending or not), where the renderers here end
     * every block with one, as CommonMark's spec does.
     *
     * @param ours HTML an engine wrote for {@link #markdown()}
     * @return whether it is markdown-rs's
     */
    boolean matches(String ours) {
        return html == null || withoutFinalLineEndings(ours).equals(withoutFinalLineEndings(html));
    }

    private static String withoutFinalLineEndings(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * @return every case of {@value #RESOURCE}, in file order
     * @throws IllegalStateException if the file is not on the class path (a broken installation of the kit)
     */
    static List<ReferenceCase> all() {
        InputStream in = ReferenceCase.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is not on the class path: the kit's jar is incomplete");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<ReferenceCase> cases = new ArrayList<>();
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (!line.startsWith("case ")) {
                    continue;
                }
                String[] head = line.substring("case ".length()).split(" ", 3);
                String markdown = field(r.readLine(), "in ", number + 1);
                String outcome = r.readLine();
                number += 2;
                String html = null;
                String error = null;
                if (outcome != null && outcome.startsWith("error ")) {
                    error = field(outcome, "error ", number);
                } else if (!"ok".equals(outcome)) {
                    html = field(outcome, "out ", number);
                }
                String treeError = null;
                String micromark = null;
                r.mark(BUFFER);
                String next = r.readLine();
                if (next != null && next.startsWith("tree ")) {
                    number++;
                    treeError = field(next, "tree ", number);
                    r.mark(BUFFER);
                    next = r.readLine();
                    if (next != null && next.startsWith("micromark ")) {
                        number++;
                        micromark = field(next, "micromark ", number);
                    } else {
                        r.reset();
                    }
                } else {
                    r.reset();
                }
                Set<Extension> extensions = EnumSet.noneOf(Extension.class);
                Dialect dialect = Dialect.COMMONMARK;
                if (!head[1].equals("-")) {
                    for (String id : head[1].split(",")) {
                        if (id.equals("mdx")) {
                            dialect = Dialect.MDX;
                        } else {
                            extensions.add(Extension.byId(id));
                        }
                    }
                }
                cases.add(new ReferenceCase(head[0], dialect, extensions, head.length > 2 ? head[2] : "", markdown,
                        html, error, treeError, micromark));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String field(String line, String prefix, int number) {
        if (line == null || !line.startsWith(prefix)) {
            throw new IllegalStateException(RESOURCE + " line " + number + ": expected '" + prefix.strip() + " …'");
        }
        return unescape(line.substring(prefix.length()));
    }

    /** Undoes the file's escapes: {@code \n}, {@code \r}, {@code \t}, {@code \\} and {@code \}{@code uXXXX}. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
