package dev.ocp.engine.java;

import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.Set;

/**
 * commonmark-java 0.24.0 as a test oracle: its HTML as it is, and its HTML after the {@link AcceptedDifference}
 * oracle fixes corrected its tree. URLs are percent-encoded as cmark does (the spec's examples show them so).
 */
final class CommonmarkJavaOracle {
    private final Parser parser = Parser.builder().build();
    private final Parser parserWithSpans = Parser.builder()
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().percentEncodeUrls(true).build();

    /** @return commonmark-java's HTML for {@code markdown} */
    String html(String markdown) {
        return renderer.render(parser.parse(markdown));
    }

    /**
     * @param markdown the input
     * @param applied  receives the oracle fixes that changed something
     * @return commonmark-java's HTML for {@code markdown} after every oracle fix
     */
    String fixedHtml(String markdown, Set<AcceptedDifference> applied) {
        Node document = parserWithSpans.parse(markdown);
        for (AcceptedDifference d : AcceptedDifference.values()) {
            if (d.isOracleFix() && d.fixOracle(document, markdown)) {
                applied.add(d);
            }
        }
        return renderer.render(document);
    }
}
