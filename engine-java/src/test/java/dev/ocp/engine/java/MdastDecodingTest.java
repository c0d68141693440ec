package dev.ocp.engine.java;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The mdast of ill-formed UTF-8 decodes it as every other rendering does, one U+FFFD for each maximal subpart (as
 * the toolchain's {@code TextDecoder} does), including the text the literal-link pass splits, which the writer decodes
 * apart from the rest.
 */
class MdastDecodingTest {
    private static final ParseOptions GFM = ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);

    /** {@code before}, the bytes, {@code after}, as one source. */
    private static byte[] source(String before, byte[] bytes, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The values of the tree's text nodes, in order, joined. */
    private static void texts(JsonElement element, StringBuilder out) {
        if (element.isJsonObject()) {
            JsonObject node = element.getAsJsonObject();
            if (node.has("type") && node.get("type").getAsString().equals("text")) {
                out.append(node.get("value").getAsString());
            }
            if (node.has("children")) {
                node.getAsJsonArray("children").forEach(child -> texts(child, out));
            }
        }
    }

    @Test
    void illFormedUtf8InTextTheLiteralLinkPassSplitsDecodesAsTheTextDoes() {
        byte[][] sequences = {
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate: three
                {(byte) 0xC0, (byte) 0x80}, // an overlong NUL: two
                {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, // a truncated four-byte sequence: one
                {(byte) 0xF5, (byte) 0x80}, // past U+10FFFF: two
        };
        try (OcpEngine engine = Ocp.engine("java")) {
            for (byte[] bytes : sequences) {
                // After a "[" that opens no link the toolchain's pass, not the parser, links the address.
                for (String before : new String[] {"[www.a.com ", "plain "}) {
                    byte[] source = source(before, bytes, " x\n");
                    try (OcpDocument document = engine.parse(source, GFM)) {
                        StringBuilder values = new StringBuilder();
                        texts(JsonParser.parseString(document.toMdast(source)), values);
                        assertEquals(document.toText().strip(), values.toString(), before + " and " + bytes.length
                                + " bytes: the mdast's texts are the plain text");
                    }
                }
            }
        }
    }
}
