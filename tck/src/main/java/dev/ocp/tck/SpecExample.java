package dev.ocp.tck;

import dev.ocp.Extension;
import dev.ocp.ParseOptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * One example of a file in CommonMark's {@code spec.txt} format (the CommonMark and GFM specs, the
 * regression files): Markdown in, expected HTML out. The one reader of that format in the project, used by
 * the engines' conformance tests, the TCK and {@code ocp spec}.
 *
 * @param number   the example's number, from 1, in file order
 * @param section  the heading the example is under
 * @param line     the line of the file where the example starts
 * @param markdown the input, with the spec's {@code →} turned back into tabs
 * @param html     the expected HTML, likewise
 * @param extension the word after {@code example} on the fence line (such as {@code table}), or empty
 */
public record SpecExample(int number, String section, int line, String markdown, String html, String extension) {

    private static final String FENCE = "````````````````````````````````";

    /**
     * @param file a spec file
     * @return its examples in order
     * @throws IOException if it cannot be read
     */
    public static List<SpecExample> read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r);
        }
    }

    /**
     * @param resource a class-path resource such as {@code /spec.txt} (from {@code commonmark-test-util})
     * @return its examples, or an empty list if the resource is not on the class path
     * @throws IOException if it cannot be read
     */
    public static List<SpecExample> readResource(String resource) throws IOException {
        // Through the class loader, not the class: in a named module a class finds resources of its own module
        // only, and the spec files live in another jar.
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = SpecExample.class.getClassLoader();
        InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(name) : loader.getResourceAsStream(name);
        if (in == null) {
            return List.of();
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(r);
        }
    }

    /**
     * @param source text in spec format
     * @return its examples in order
     * @throws IOException if reading fails
     */
    public static List<SpecExample> read(Reader source) throws IOException {
        BufferedReader in = source instanceof BufferedReader ? (BufferedReader) source : new BufferedReader(source);
        List<SpecExample> examples = new ArrayList<>();
        String section = "";
        StringBuilder markdown = new StringBuilder();
        StringBuilder html = new StringBuilder();
        String extension = "";
        int state = 0; // 0 prose, 1 markdown, 2 html
        int start = 0;
        int lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            switch (state) {
                case 0:
                    if (line.startsWith(FENCE + " example")) {
                        extension = line.substring(FENCE.length() + " example".length()).trim();
                        state = 1;
                        start = lineNumber;
                        markdown.setLength(0);
                        html.setLength(0);
                    } else if (line.startsWith("#")) {
                        section = line.replaceFirst("^#+\\s*", "");
                    }
                    break;
                case 1:
                    if (line.equals(".")) {
                        state = 2;
                    } else {
                        markdown.append(line).append('\n');
                    }
                    break;
                default:
                    if (line.equals(FENCE)) {
                        examples.add(new SpecExample(examples.size() + 1, section, start, tabs(markdown), tabs(html),
                                extension));
                        state = 0;
                    } else {
                        html.append(line).append('\n');
                    }
            }
        }
        return examples;
    }

    /**
     * The options to parse this example with when a run asks for {@code requested}: an example marked for an
     * extension ({@code example table}, and the GFM spec's task-list examples marked {@code disabled}) as asked;
     * a base example, which tests the syntax without extensions, with the GFM extension off, as cmark-gfm's
     * own test runner runs them (with autolink literals on, {@code http://example.com} would be a link, against
     * the CommonMark examples that say it is not).
     *
     * @param requested the options of the run
     * @return the options for this example
     */
    public ParseOptions optionsFor(ParseOptions requested) {
        if (!extension.isEmpty() || !requested.has(Extension.GFM)) {
            return requested;
        }
        EnumSet<Extension> without = EnumSet.noneOf(Extension.class);
        without.addAll(requested.extensions());
        without.remove(Extension.GFM);
        return requested.withExtensions(without);
    }

    private static String tabs(CharSequence s) {
        return s.toString().replace('\u2192', '\t');
    }
}
