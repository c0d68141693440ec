package dev.ocp.tck;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ocp.NodeKind;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.OcpNode;
import dev.ocp.ParseOptions;
import dev.ocp.markdown.MarkdownOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Markdown written back and read again: {@code toMarkdown} of a parsed document must parse, with the same options,
 * to a document with the same HTML and the same mdast (positions aside), and writing that one must give the same
 * Markdown again (the writer is idempotent after one pass). The kit's {@code MarkdownOutput} suite holds every
 * engine to it on the spec examples; engines' own tests may use it on more.
 */
public final class RoundTrip {
    private RoundTrip() {
    }

    /**
     * Parses, writes, parses and writes again, and compares.
     *
     * @param engine  the engine that parses both times
     * @param source  the input, UTF-8
     * @param options how to parse it, both times
     * @return {@code null} when the input round-trips, else what differs (first line: the HTML, the mdast, or the
     *         second writing), with the Markdown written; an input the engine refuses (a syntax error) round-trips
     *         trivially
     */
    public static String check(OcpEngine engine, byte[] source, ParseOptions options) {
        try (OcpDocument doc = engine.parse(source, options)) {
            return check(engine, doc, source, options);
        } catch (OcpException e) {
            if (e.code() == OcpException.Code.SYNTAX) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The same for a document in hand, parsed or made otherwise (a transform's result, a built document).
     *
     * @param engine   the engine that parses what is written
     * @param document the document, open; it stays open
     * @param source   what its spans point into: the source it (or the document it was transformed from) was parsed
     *                 from, empty for a built document
     * @param options  how to parse what is written: the document's syntax
     * @return {@code null} when it round-trips, else what differs, as for {@link #check(OcpEngine, byte[], ParseOptions)}
     */
    public static String check(OcpEngine engine, OcpDocument document, byte[] source, ParseOptions options) {
        return check(engine, document, source, options, MarkdownOptions.defaults());
    }

    /**
     * The same with the Markdown written with {@code writing}: whatever the options, what is written parses back to
     * the same HTML and mdast ({@link MarkdownOptions}' promise), and writing that with them gives the same Markdown.
     *
     * @param engine   the engine that parses what is written
     * @param source   the input, UTF-8
     * @param options  how to parse it, both times
     * @param writing  how to write it, both times
     * @return {@code null} when it round-trips, else what differs, as for {@link #check(OcpEngine, byte[], ParseOptions)}
     */
    public static String check(OcpEngine engine, byte[] source, ParseOptions options, MarkdownOptions writing) {
        try (OcpDocument doc = engine.parse(source, options)) {
            return check(engine, doc, source, options, writing);
        } catch (OcpException e) {
            if (e.code() == OcpException.Code.SYNTAX) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The same for a document in hand, written with {@code writing}.
     *
     * @param engine   the engine that parses what is written
     * @param document the document, open; it stays open
     * @param source   what its spans point into, empty for a built document
     * @param options  how to parse what is written: the document's syntax
     * @param writing  how to write it, both times
     * @return {@code null} when it round-trips, else what differs, as for {@link #check(OcpEngine, byte[], ParseOptions)}
     */
    public static String check(OcpEngine engine, OcpDocument document, byte[] source, ParseOptions options,
                               MarkdownOptions writing) {
        String html = document.toHtml();
        String sourceMdast = document.toMdast(source);
        String markdown = written(document, writing);
        // Everything read of the document is read before the next parse: an engine may not end a document the
        // caller holds (promise 1), but this check is no place to catch one that does.
        byte[] sourceCode = codeShapes(document);
        byte[] written = markdown.getBytes(StandardCharsets.UTF_8);
        String again;
        try (OcpDocument doc = engine.parse(written, options)) {
            String html2 = doc.toHtml();
            if (!html2.equals(html)) {
                return difference("the HTML differs", markdown, html, html2);
            }
            String writtenMdast = doc.toMdast(written);
            byte[] losses = codeLosses(sourceCode, doc);
            String mdast = withoutPositions(sourceMdast, true, losses);
            String mdast2 = withoutPositions(writtenMdast, true, losses);
            // A CR line ending before an LF that is no line ending (a character reference's, &#10;) reads as CR LF
            // to the first comparison, which takes CR LF for one line ending; the second takes each CR for one.
            if (!mdast2.equals(mdast) && !withoutPositions(writtenMdast, false, losses).equals(
                    withoutPositions(sourceMdast, false, losses))) {
                return difference("the mdast differs", markdown, mdast, mdast2);
            }
            again = written(doc, writing);
        } catch (OcpException e) {
            return "the Markdown written does not parse: " + e.getMessage() + "\n--- written\n" + markdown;
        }
        if (!again.equals(markdown)) {
            return difference("writing it again changes it", markdown, markdown, again);
        }
        return null;
    }

    private static String written(OcpDocument document, MarkdownOptions writing) {
        if (writing.equals(MarkdownOptions.defaults())) {
            return document.toMarkdown();
        }
        StringBuilder out = new StringBuilder();
        try {
            document.renderMarkdown(out, writing);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /** A code block whose mdast value may lose the line endings that end it: a fence the source left open. */
    private static final byte LEFT_OPEN = 1;
    /**
     * A code block whose mdast value may lose the blank lines after its text: an indented one (format v1.5 keeps
     * those lines) that the writer had to fence (after a list, whose last item indented lines would continue; after
     * indented code, which they would join; under a paragraph in a tight item), where they would change the HTML.
     */
    private static final byte FENCED = 2;

    /** A code block of the source that is indented ({@link #codeShapes}). */
    private static final byte INDENTED = 4;

    /** Per code block of a document, in order: {@link #LEFT_OPEN} for a fence left open, {@link #INDENTED}, or 0. */
    private static byte[] codeShapes(OcpDocument document) {
        List<OcpNode> blocks = codeBlocks(document);
        byte[] shapes = new byte[blocks.size()];
        for (int i = 0; i < shapes.length; i++) {
            OcpNode b = blocks.get(i);
            shapes[i] = !b.isFencedCode() ? INDENTED : b.isUnclosed() ? LEFT_OPEN : 0;
        }
        return shapes;
    }

    /**
     * Per code block of the source document ({@code sourceCode}, its {@link #codeShapes}), in order (mdast's
     * {@code code} nodes), what its value may lose in the round trip, judged from both documents; none when they do
     * not have as many code blocks (their mdast differs anyway).
     */
    private static byte[] codeLosses(byte[] sourceCode, OcpDocument written) {
        List<OcpNode> after = codeBlocks(written);
        byte[] losses = new byte[sourceCode.length];
        if (after.size() != sourceCode.length) {
            return losses;
        }
        for (int i = 0; i < losses.length; i++) {
            if (sourceCode[i] == LEFT_OPEN) {
                losses[i] = LEFT_OPEN;
            } else if (sourceCode[i] == INDENTED && after.get(i).isFencedCode()) {
                losses[i] = FENCED;
            }
        }
        return losses;
    }

    /** A document's code blocks in pre-order, the order of mdast's {@code code} nodes. */
    private static List<OcpNode> codeBlocks(OcpDocument document) {
        List<OcpNode> blocks = new ArrayList<>();
        document.walk(node -> {
            if (node.kind() == NodeKind.CODE_BLOCK) {
                blocks.add(document.node(node.index()));
            }
            return true;
        });
        return blocks;
    }

    private static String difference(String what, String markdown, String before, String after) {
        return what + "\n--- written\n" + markdown + "--- before\n" + before + "\n--- after\n" + after;
    }

    /**
     * mdast JSON without its {@code position} fields, which differ between a source and what was written of it; CR LF
     * taken for one line ending or (not {@code crLf}) for two, and the values of the code blocks that {@code losses}
     * marks (in order) without what they may lose.
     */
    private static String withoutPositions(String mdast, boolean crLf, byte[] losses) {
        JsonElement tree = JsonParser.parseString(mdast);
        strip(tree, crLf, losses, new int[1]);
        return tree.toString();
    }

    private static void strip(JsonElement e, boolean crLf, byte[] losses, int[] codes) {
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            o.remove("position");
            withoutWhitespaceAfterCheck(o);
            boolean inline = o.has("type") && ("inlineCode".equals(o.get("type").getAsString())
                    || "inlineMath".equals(o.get("type").getAsString()));
            // A block left open (an HTML block without its end marker, a fence without its closing fence) ends in
            // mdast by the line endings the source has before its container ends; the writer closes fences and ends
            // every block (and the document) with its own. The HTML, compared exactly, still holds their content.
            // A fence's meta keeps the whitespace that ends its line, which mdast reads from the source: the payload's
            // info string is trimmed, as CommonMark says, and the writer, which has the payload alone, cannot give it
            // back.
            String type = o.has("type") ? o.get("type").getAsString() : "";
            boolean html = type.equals("html") || type.equals("math");
            byte loss = 0;
            if (type.equals("code")) {
                int k = codes[0]++;
                loss = k < losses.length ? losses[k] : 0;
            }
            for (String key : o.keySet()) {
                JsonElement value = o.get(key);
                if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
                    String v = normalized(value.getAsString(), crLf);
                    o.addProperty(key, inline && key.equals("value") ? v.replaceAll("\\s+", " ").strip()
                            : (html || loss == LEFT_OPEN) && key.equals("value") ? v.replaceAll("\n+$", "")
                            : loss == FENCED && key.equals("value") ? v.replaceAll("(\n[ \t]*)+$", "")
                            : key.equals("meta") ? v.replaceAll("[ \t]+\\z", "") : v);
                } else {
                    strip(value, crLf, losses, codes);
                }
            }
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            a.forEach(element -> strip(element, crLf, losses, codes));
        }
    }

    /**
     * A task item's first paragraph without the whitespace its first text starts with: to mdast that is what followed
     * the check less one character (the LF of a CR LF, when the paragraph's text starts on the next line), which the
     * payload does not hold (its paragraph starts after it) and the writer writes as one space; a text that was only
     * that is taken out, as mdast takes out one left empty.
     */
    private static void withoutWhitespaceAfterCheck(JsonObject item) {
        if (!item.has("checked") || !item.get("checked").isJsonPrimitive() || !item.has("children")) {
            return;
        }
        for (JsonElement child : item.getAsJsonArray("children")) {
            JsonObject paragraph = child.getAsJsonObject();
            if (!"paragraph".equals(paragraph.get("type").getAsString())) {
                continue;
            }
            JsonArray inlines = paragraph.getAsJsonArray("children");
            if (!inlines.isEmpty() && "text".equals(inlines.get(0).getAsJsonObject().get("type").getAsString())) {
                JsonObject text = inlines.get(0).getAsJsonObject();
                String value = text.get("value").getAsString().replaceFirst("^[ \t\r\n]+", "");
                if (value.isEmpty()) {
                    inlines.remove(0);
                } else {
                    text.addProperty("value", value);
                }
            }
            return;
        }
    }

    /**
     * A value as the writer can give it back (and, for inline code and math, with its whitespace collapsed: mdast
     * keeps the whitespace that starts a line inside the span, which CommonMark and the payload drop, and so can
     * keep a line ending the payload's stripping took off; their HTML is compared exactly): mdast keeps the source's line endings (CR, CR LF) in values and its
     * NUL bytes in code, where the payload has LF and U+FFFD (CommonMark's replacement), and the writer writes
     * what the payload has.
     */
    private static String normalized(String value, boolean crLf) {
        if (value.indexOf('\r') < 0 && value.indexOf('\0') < 0) {
            return value;
        }
        return (crLf ? value.replace("\r\n", "\n") : value).replace('\r', '\n').replace('\0', '\uFFFD');
    }
}
