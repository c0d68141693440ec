package dev.ocp.all;

import dev.ocp.EngineConfig;
import dev.ocp.Ocp;
import dev.ocp.OcpArena;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;
import dev.ocp.Syntax;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user gets from the one dependency {@code dev.ocp:ocp} (this module's class path is exactly that): every
 * engine, the fastest chosen by {@link Ocp#engine()}. (That the BOM names every published artifact is cli's
 * PublishingTest.)
 */
class EveryEngineTest {
    @Test
    void everyEngineIsThereAndTheDefaultIsTheFastestThatRuns() {
        Set<String> names = Ocp.providers().stream().map(ProviderInfo::name).collect(Collectors.toSet());
        assertEquals(Set.of("auto", "ffm", "jna", "java", "wasm"), names);
        boolean ffmRuns = Runtime.version().feature() >= 22;
        for (ProviderInfo p : Ocp.providers()) {
            assertTrue(p.available() || p.name().equals("ffm") && !ffmRuns, () -> p.name() + ": " + p.reason());
        }
        try (OcpEngine engine = Ocp.engine(); OcpDocument doc = engine.parse("# Hi\n")) {
            assertEquals("auto", engine.name());
            assertEquals("<h1>Hi</h1>\n", doc.toHtml());
        }
    }

    /**
     * The default parses small documents with the pure-Java parser (its payloads are arrays on the heap) and the
     * others with the native engine (its payloads are off the heap), from the size the two cost the same at.
     */
    @Test
    void theDefaultParsesSmallDocumentsOnTheHeapAndTheOthersNatively() {
        int smallBelow = Runtime.version().feature() >= 22 ? 512 : 1024;
        try (OcpEngine engine = Ocp.engine()) {
            for (int size : new int[] {1, 100, smallBelow - 1, smallBelow, 4096, 1 << 20}) {
                byte[] input = "a".repeat(size).getBytes(StandardCharsets.US_ASCII);
                try (OcpDocument doc = engine.parse(input)) {
                    // unsafeBytes(): a kept bytes() view would hold the payload past close, until collected
                    assertEquals(size >= smallBelow, doc.unsafeBytes().isDirect(), () -> size + " bytes");
                    assertEquals("<p>" + "a".repeat(size) + "</p>\n", doc.toHtml());
                }
            }
            // An arena is the native engine's, whatever the size.
            try (OcpArena arena = engine.newArena(1 << 20); OcpDocument doc = arena.parse("tiny".getBytes(
                    StandardCharsets.US_ASCII), ParseOptions.defaults())) {
                assertTrue(doc.unsafeBytes().isDirect());
            }
            assertEquals(0, engine.stats().liveBytes());
        }
    }

    /**
     * When the small documents' part of the limit is full, a small document goes to the native engine: the limit
     * holds for the sum, and no document is refused while the native part has room.
     */
    @Test
    void smallDocumentsGoToTheNativeEngineWhenTheirPartOfTheLimitIsFull() {
        long limit = 1 << 20; // a sixteenth, 64 KiB, for the small documents
        List<OcpDocument> open = new ArrayList<>();
        try (OcpEngine engine = Ocp.engine(EngineConfig.defaults().withMemoryLimit(limit))) {
            byte[] input = "a *b* c\n".repeat(40).getBytes(StandardCharsets.US_ASCII);
            int direct = 0;
            for (int i = 0; i < 400 && direct == 0; i++) {
                OcpDocument doc = engine.parse(input);
                open.add(doc);
                direct += doc.unsafeBytes().isDirect() ? 1 : 0;
            }
            assertEquals(1, direct, "once 64 KiB of small documents are open, the next goes to the native engine");
            assertTrue(open.size() > 2, () -> "the heap part held " + (open.size() - 1) + " documents");
            assertTrue(engine.stats().peakBytes() <= limit, engine.stats()::toString);
            open.forEach(OcpDocument::close);
            assertEquals(0, engine.stats().liveBytes());
        }
    }

    /**
     * Every engine that runs reads every dialect, extension and flavor, auto too (it reads what both of its engines
     * read): a Docusaurus page (MDX with GFM, frontmatter, math, directives and heading ids) parses to the same bytes
     * below and above the size auto hands to the native engine.
     */
    @Test
    void everyEngineAutoIncludedReadsEveryExtensionAndDirectivesAlike() {
        ParseOptions docusaurus = ParseOptions.of(dev.ocp.Dialect.MDX)
                .withExtensions(EnumSet.allOf(dev.ocp.Extension.class));
        String page = "---\ntitle: T\n---\n\n## Setup {#setup}\n\n:::tip[Mind *this*]{#a .b c=\"d\"}\nText :abbr[A]{title=x}"
                + " $x$.\n\n::video{src=v.mp4}\n:::\n\n";
        byte[] small = page.getBytes(StandardCharsets.UTF_8);
        byte[] large = (page + "a ".repeat(1 << 12) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[][] want = new byte[2][];
        try (OcpEngine java = Ocp.engine("java")) {
            want[0] = bytes(java, small, docusaurus);
            want[1] = bytes(java, large, docusaurus);
        }
        for (ProviderInfo p : Ocp.providers()) {
            if (!p.available()) {
                continue;
            }
            try (OcpEngine engine = Ocp.engine(p.name())) {
                assertEquals(Syntax.ALL, engine.syntax(), p.name());
                assertTrue(Arrays.equals(want[0], bytes(engine, small, docusaurus)), p.name() + ", small");
                assertTrue(Arrays.equals(want[1], bytes(engine, large, docusaurus)), p.name() + ", large");
            }
        }
    }

    private static byte[] bytes(OcpEngine engine, byte[] input, ParseOptions options) {
        try (OcpDocument doc = engine.parse(input, options)) {
            java.nio.ByteBuffer b = doc.bytes();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }
    }
}
