package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.HtmlOptions;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.toc.Heading;
import dev.ocp.toc.Headings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Heading ids in the HTML and the table of contents: the same GitHub slugs, from the same heading text. */
class HeadingIdsTest {
    private static final String GUIDE = """
            # Guide

            ## Install `ocp` *now*

            ## What's new in [1.0](https://x.org)?

            Setext heading
            --------------

            ## An ![logo](l.png) image and <b>html</b>

            ## Guide

            ### Café & crème — ½ off!
            """;

    @Test
    void headingsListLevelTextAndSlugInOrder() {
        try (OcpEngine engine = Ocp.engine("java"); OcpDocument doc = engine.parse(GUIDE)) {
            List<Heading> headings = Headings.of(doc);
            List<String> seen = new ArrayList<>();
            for (Heading h : headings) {
                seen.add(h.level() + "|" + h.text() + "|" + h.slug());
                assertEquals(h.level(), doc.node(h.index()).headingLevel(), "the index is the heading's node");
            }
            assertEquals(List.of(
                    "1|Guide|guide",
                    "2|Install ocp now|install-ocp-now",
                    "2|What's new in 1.0?|whats-new-in-10",
                    "2|Setext heading|setext-heading",
                    "2|An  image and html|an--image-and-html",
                    "2|Guide|guide-1",
                    "3|Café & crème — ½ off!|café--crème---off"), seen);
        }
    }

    @Test
    void htmlIdsAreTheSlugsOfTheTableOfContents() {
        try (OcpEngine engine = Ocp.engine("java");
             OcpDocument doc = engine.parse(GUIDE, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM))) {
            String html = doc.toHtml(HtmlOptions.defaults().withHeadingIds(true));
            Matcher m = Pattern.compile("<h([1-6]) id=\"([^\"]*)\">").matcher(html);
            List<String> ids = new ArrayList<>();
            while (m.find()) {
                ids.add(m.group(2));
            }
            assertEquals(Headings.of(doc).stream().map(Heading::slug).toList(), ids, html);
            assertEquals(doc.toHtml(), html.replaceAll(" id=\"[^\"]*\"", ""), "nothing else changes");
            // A second rendering starts over: the ids are the document's, not the renderer's history.
            assertEquals(html, doc.toHtml(HtmlOptions.defaults().withHeadingIds(true)));
        }
    }
}
