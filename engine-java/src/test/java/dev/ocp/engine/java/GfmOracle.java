package dev.ocp.engine.java;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.footnotes.FootnotesExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;
import java.util.Set;

/**
 * commonmark-java 0.24.0 with its GFM extensions (tables, strikethrough, autolink, task-list items, footnotes) as
 * a test oracle for GFM HTML. URLs are percent-encoded as in {@link CommonmarkJavaOracle}.
 */
final class GfmOracle {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
            StrikethroughExtension.create(), AutolinkExtension.create(), TaskListItemsExtension.create(),
            FootnotesExtension.create());
    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).percentEncodeUrls(true)
            .build();

    private final Parser parserWithSpans = Parser.builder().extensions(EXTENSIONS)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();

    /** @return commonmark-java's GFM HTML for {@code markdown} */
    String html(String markdown) {
        return renderer.render(parser.parse(markdown));
    }

    /**
     * @param markdown the input
     * @param applied  receives the CommonMark oracle fixes ({@link AcceptedDifference}) that changed something
     * @return commonmark-java's GFM HTML after every CommonMark oracle fix and every GFM one
     *     ({@link GfmDifference}, all of them rendering conventions, applied whatever they change)
     */
    String fixedHtml(String markdown, Set<AcceptedDifference> applied) {
        Node document = parserWithSpans.parse(markdown);
        for (AcceptedDifference d : AcceptedDifference.values()) {
            if (d.isOracleFix() && d.fixOracle(document, markdown)) {
                applied.add(d);
            }
        }
        String html = renderer.render(document);
        for (GfmDifference d : GfmDifference.values()) {
            if (d.isOracleFix()) {
                html = d.fixOracle(html);
            }
        }
        return html;
    }
}
