package dev.ocp.engine.java;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.HtmlOptions;
import dev.ocp.MemoryStats;
import dev.ocp.Ocp;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simple case in one call (promise 15): static conveniences over one shared engine, nothing to close. */
class OneCallTest {

    @Test
    void oneLineRendersHtml() {
        assertEquals("<h1>Hi</h1>\n", Ocp.toHtml("# Hi"));
    }

    @Test
    void optionsChooseTheSyntaxAndTheHtml() {
        String table = "| a |\n| - |\n| b |\n";
        assertEquals("<p>| a |\n| - |\n| b |</p>\n", Ocp.toHtml(table), "plain CommonMark has no tables");
        assertTrue(Ocp.toHtml(table, ParseOptions.of(Dialect.COMMONMARK, Extension.GFM)).startsWith("<table>"),
                "GFM has them");
        assertEquals("<p>&lt;b&gt;x&lt;/b&gt;</p>\n", Ocp.toHtml("<b>x</b>", ParseOptions.defaults(), HtmlOptions.safe()),
                "safe HTML writes raw HTML as text");
    }

    @Test
    void mdastAndJsonInOneCallEqualWhatADocumentRenders() throws Exception {
        String page = "---\ntitle: x\n---\n\n# <Hello /> $x$\n";
        ParseOptions mdx = ParseOptions.of(Dialect.MDX, Extension.GFM, Extension.FRONTMATTER, Extension.MATH);
        byte[] source = page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (OcpEngine engine = Ocp.engine("java"); var doc = engine.parse(source, mdx)) {
            assertEquals(doc.toMdast(source), Ocp.toMdast(page, mdx));
            assertEquals(doc.toJson(), Ocp.toJson(page, mdx));
        }
        try (OcpEngine engine = Ocp.engine("java"); var doc = engine.parse("*a*")) {
            assertEquals(doc.toJson(), Ocp.toJson("*a*"));
            assertEquals(doc.toMdast("*a*".getBytes(java.nio.charset.StandardCharsets.UTF_8)), Ocp.toMdast("*a*"));
        }
    }

    /** Many threads through the conveniences at once: every answer right, one engine, no document left open. */
    @Test
    void oneSharedEngineServesEveryThreadAndKeepsNothingOpen() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String html = Ocp.toHtml("# t" + thread + "-" + i + "\n");
                        assertEquals("<h1>t" + thread + "-" + i + "</h1>\n", html);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        OcpEngine shared = shared();
        Ocp.toHtml("again");
        assertSame(shared, shared(), "the same engine serves every call");
        MemoryStats stats = shared.stats();
        assertEquals(0, stats.liveDocuments(), "every document was closed inside its call: " + stats);
        assertEquals(0, stats.liveBytes(), "and freed: " + stats);
        assertEquals(0, stats.leakedDocuments(), "none was left to the safety net: " + stats);
    }

    private static OcpEngine shared() throws ReflectiveOperationException {
        Field f = Ocp.class.getDeclaredField("shared");
        f.setAccessible(true);
        return (OcpEngine) f.get(null);
    }
}
