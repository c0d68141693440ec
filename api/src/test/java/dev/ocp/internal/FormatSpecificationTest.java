package dev.ocp.internal;

import dev.ocp.NodeKind;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.ocp.internal.PayloadBuilder.*;
import static dev.ocp.internal.Trees.em;
import static org.junit.jupiter.api.Assertions.*;

/** docs/ocp-format.md is part of the product: its example and tables must agree with the code. */
class FormatSpecificationTest {
    private static String spec;

    @BeforeAll
    static void load() throws IOException {
        Path path = Path.of("..", "docs", "ocp-format.md"); // tests run in the api module's directory
        assertTrue(Files.exists(path), "the specification is at " + path.toAbsolutePath());
        spec = Files.readString(path, StandardCharsets.UTF_8);
    }

    /** The fenced block right after an HTML comment marker. */
    private static String block(String marker) {
        int at = spec.indexOf("<!-- " + marker + " -->");
        assertTrue(at >= 0, marker);
        int open = spec.indexOf("```\n", at) + 4;
        int close = spec.indexOf("\n```", open);
        return spec.substring(open, close + 1);
    }

    @Test
    void workedExampleBytesAreWhatAWriterProducesAndValidate() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String line : block("example-hex").split("\n")) {
            for (String hex : line.substring(line.indexOf(':') + 1).trim().split(" ")) {
                bytes.write(Integer.parseInt(hex, 16));
            }
        }
        byte[] documented = bytes.toByteArray();
        Node tree = doc(para(text("Hi ").span(0, 3), em(text("you").span(4, 7)).span(3, 8)).span(0, 8)).span(0, 9);
        assertArrayEquals(PayloadBuilder.bytes(tree), documented);
        PayloadValidator.validateCanonical(ByteBuffer.wrap(documented));
        try (OcpDocument d = Ocp.read(ByteBuffer.wrap(documented))) {
            assertEquals(block("example-html"), d.toHtml());
            assertEquals(block("example-json"), d.toJson() + "\n");
        }
    }

    @Test
    void kindNumberTableMatchesNodeKind() {
        Matcher m = Pattern.compile("\\| (\\d+) \\| `([A-Z_]+)`").matcher(spec);
        int rows = 0;
        while (m.find()) {
            NodeKind kind = NodeKind.valueOf(m.group(2));
            assertEquals(kind.code(), Integer.parseInt(m.group(1)), kind.name());
            rows++;
        }
        assertEquals(NodeKind.values().length, rows, "one row per kind in section 7.2");
    }

    @Test
    void fieldTableHasARowForEveryKind() {
        String section = spec.substring(spec.indexOf("### 7.3"), spec.indexOf("## 8."));
        for (NodeKind kind : NodeKind.values()) {
            assertTrue(section.contains("\n| `" + kind.name() + "` |"), "section 7.3 describes " + kind);
        }
    }

    @Test
    void jsonTableNamesTypesAsTheRendererDoes() {
        String section = spec.substring(spec.indexOf("## 13."), spec.indexOf("## 14."));
        for (NodeKind kind : NodeKind.values()) {
            String type = dev.ocp.json.JsonNames.typeName(kind);
            boolean listed = section.contains("`" + type + "`");
            boolean fieldless = switch (kind) {
                case PARAGRAPH, THEMATIC_BREAK, BLOCK_QUOTE, TABLE, SOFT_BREAK, HARD_BREAK, STRIKETHROUGH -> true;
                default -> false;
            };
            assertTrue(listed || fieldless, "section 13 lists the fields of " + type);
        }
    }
}
