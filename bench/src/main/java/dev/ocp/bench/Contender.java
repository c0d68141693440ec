package dev.ocp.bench;

import com.vladsch.flexmark.util.data.MutableDataSet;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

/**
 * One parser under test, behind the two operations every benchmark compares: parse as a user of that parser
 * would (for OCP: parse and close; for a Java peer: parse to its node tree) and parse plus rendering HTML to a
 * String. Each gets its natural input, prepared before timing: OCP engines UTF-8 bytes, the Java peers a String.
 *
 * <p>Names: an OCP engine is its SPI name ({@code auto}, the default, {@code java}, {@code ffm}, {@code jna},
 * {@code wasm}) and is found through {@link Ocp#engine(String)} like in any application; the peers are
 * {@value #COMMONMARK} and {@value #FLEXMARK}. Only one contender runs in a benchmark fork, so the call through this
 * interface is monomorphic there and inlined.
 */
interface Contender extends AutoCloseable {
    /** commonmark-java, the baseline the ratios divide by. */
    String COMMONMARK = "commonmark";
    /** flexmark-java with its default (CommonMark) options and no extensions. */
    String FLEXMARK = "flexmark";
    /** The OCP engines the suite knows, in the order the report lists them; absent ones are reported, not run. */
    List<String> ENGINES = List.of("auto", "java", "ffm", "jna", "wasm");
    /** The Java peers, in the order the report lists them. */
    List<String> PEERS = List.of(COMMONMARK, FLEXMARK);

    /**
     * Parses and lets go of the result the way a user of this parser does.
     *
     * @param input the document
     * @param bh    receives the result so that the work cannot be optimised away
     */
    void parse(Corpus.Input input, Blackhole bh);

    /**
     * Parses and renders HTML.
     *
     * @param input the document
     * @return the HTML
     */
    String html(Corpus.Input input);

    /** Frees the parser's resources (an OCP engine reports documents left open). */
    @Override
    void close();

    /**
     * Creates the named contender.
     *
     * @param name an engine name or a peer name
     * @return a new contender the caller closes
     * @throws dev.ocp.OcpException {@code ENGINE_UNAVAILABLE} for an engine that is absent or cannot run here
     */
    static Contender create(String name) {
        switch (name) {
            case COMMONMARK:
                return new Commonmark();
            case FLEXMARK:
                return new Flexmark();
            default:
                return new OcpContender(Ocp.engine(name));
        }
    }

    /**
     * The version of a Java peer, read from the pom.properties its jar carries.
     *
     * @param name {@value #COMMONMARK} or {@value #FLEXMARK}
     * @return its version, or {@code ?} if the jar does not say
     */
    static String peerVersion(String name) {
        String resource = name.equals(COMMONMARK)
                ? "/META-INF/maven/org.commonmark/commonmark/pom.properties"
                : "/META-INF/maven/com.vladsch.flexmark/flexmark/pom.properties";
        try (InputStream in = Contender.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** An OCP engine: parse the bytes, close the document (its payload goes back at once). */
    final class OcpContender implements Contender {
        final OcpEngine engine;

        OcpContender(OcpEngine engine) {
            this.engine = engine;
        }

        @Override
        public void parse(Corpus.Input input, Blackhole bh) {
            try (OcpDocument doc = engine.parse(input.utf8)) {
                bh.consume(doc);
            }
        }

        @Override
        public String html(Corpus.Input input) {
            try (OcpDocument doc = engine.parse(input.utf8)) {
                return doc.toHtml();
            }
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    /** commonmark-java with its defaults: a Parser and an HtmlRenderer, both reused (they are thread-safe). */
    final class Commonmark implements Contender {
        private final org.commonmark.parser.Parser parser = org.commonmark.parser.Parser.builder().build();
        private final org.commonmark.renderer.html.HtmlRenderer renderer =
                org.commonmark.renderer.html.HtmlRenderer.builder().build();

        @Override
        public void parse(Corpus.Input input, Blackhole bh) {
            bh.consume(parser.parse(input.text));
        }

        @Override
        public String html(Corpus.Input input) {
            return renderer.render(parser.parse(input.text));
        }

        @Override
        public void close() {
            // Nothing held beyond the heap.
        }
    }

    /**
     * flexmark-java's core with default options, which follow CommonMark: a Parser and an HtmlRenderer, both
     * reused (each parse and render works on state of its own).
     */
    final class Flexmark implements Contender {
        private final com.vladsch.flexmark.parser.Parser parser;
        private final com.vladsch.flexmark.html.HtmlRenderer renderer;

        Flexmark() {
            MutableDataSet options = new MutableDataSet();
            parser = com.vladsch.flexmark.parser.Parser.builder(options).build();
            renderer = com.vladsch.flexmark.html.HtmlRenderer.builder(options).build();
        }

        @Override
        public void parse(Corpus.Input input, Blackhole bh) {
            bh.consume(parser.parse(input.text));
        }

        @Override
        public String html(Corpus.Input input) {
            return renderer.render(parser.parse(input.text));
        }

        @Override
        public void close() {
            // Nothing held beyond the heap.
        }
    }
}
