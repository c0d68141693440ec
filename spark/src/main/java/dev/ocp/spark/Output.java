package dev.ocp.spark;

import dev.ocp.NodeKind;
import dev.ocp.OcpCursor;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.chunk.Chunk;
import dev.ocp.chunk.ChunkOptions;
import dev.ocp.chunk.Chunker;
import dev.ocp.toc.Heading;
import dev.ocp.toc.Headings;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * What a document can be turned into, as a Spark value of a Spark type: the SQL functions ({@code ocp_<name>}) and
 * the data source's columns (named {@link #column}) are these, so that both give the same for the same text.
 */
enum Output {
    HTML("html", DataTypes.StringType),
    MDAST("mdast", DataTypes.StringType),
    TEXT("text", DataTypes.StringType),
    MARKDOWN("markdown", DataTypes.StringType),
    HEADINGS("headings", DataTypes.createArrayType(new StructType()
            .add("level", DataTypes.IntegerType, false)
            .add("text", DataTypes.StringType, false)
            .add("slug", DataTypes.StringType, false), false)),
    LINKS("links", DataTypes.createArrayType(new StructType()
            .add("destination", DataTypes.StringType, true)
            .add("title", DataTypes.StringType, true)
            .add("text", DataTypes.StringType, false), false)),
    FRONTMATTER("frontmatter", new StructType()
            .add("format", DataTypes.StringType, false)
            .add("raw", DataTypes.StringType, false)),
    ERRORS("errors", DataTypes.createArrayType(new StructType()
            .add("line", DataTypes.IntegerType, true)
            .add("column", DataTypes.IntegerType, true)
            .add("rule", DataTypes.StringType, false)
            .add("message", DataTypes.StringType, false), false)),
    CHUNKS("chunks", DataTypes.createArrayType(new StructType()
            .add("index", DataTypes.IntegerType, false)
            .add("heading_path", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("markdown", DataTypes.StringType, false)
            .add("text", DataTypes.StringType, false)
            .add("start_byte", DataTypes.IntegerType, false)
            .add("end_byte", DataTypes.IntegerType, false)
            .add("start_line", DataTypes.IntegerType, false)
            .add("end_line", DataTypes.IntegerType, false)
            .add("holds", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("size", DataTypes.IntegerType, false)
            .add("over_cap", DataTypes.BooleanType, false)
            .add("frontmatter", DataTypes.StringType, false), false));

    final String column;
    final DataType type;

    Output(String column, DataType type) {
        this.column = column;
        this.type = type;
    }

    /** @return the SQL function's name */
    String function() {
        return "ocp_" + column;
    }

    /**
     * Parses one text and gives each output asked for; a text that cannot be parsed gives {@code null} for each,
     * except {@link #ERRORS}, which says why. The document is closed before this returns.
     *
     * @param engine   the engine
     * @param source   the text in UTF-8
     * @param options  how to parse it
     * @param chunking how {@link #CHUNKS} chunks it
     * @param wanted   the outputs asked for
     * @return their values, in the order asked
     */
    static Object[] render(OcpEngine engine, byte[] source, ParseOptions options, ChunkOptions chunking,
                           Output... wanted) {
        Object[] values = new Object[wanted.length];
        try (OcpDocument document = engine.parse(source, options)) {
            for (int i = 0; i < wanted.length; i++) {
                values[i] = wanted[i].of(engine, document, source, options, chunking);
            }
        } catch (OcpException e) {
            // The row's own failure (a syntax error, a limit, bytes that are not UTF-8): reported, not thrown, so
            // that one bad document never fails the task.
            return failed(errors(e), wanted);
        }
        return values;
    }

    /** @return the values of a row that failed: {@code errors} for {@link #ERRORS}, null for every other output */
    static Object[] failed(List<Row> errors, Output... wanted) {
        Object[] values = new Object[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            values[i] = wanted[i] == ERRORS ? errors : null;
        }
        return values;
    }

    private Object of(OcpEngine engine, OcpDocument document, byte[] source, ParseOptions options,
                      ChunkOptions chunking) {
        return switch (this) {
            case HTML -> document.toHtml();
            case MDAST -> document.toMdast(source);
            case TEXT -> document.toText();
            case MARKDOWN -> document.toMarkdown();
            case HEADINGS -> headings(document);
            case LINKS -> links(document);
            case FRONTMATTER -> frontmatter(document);
            case ERRORS -> List.of();
            case CHUNKS -> chunks(engine, document, source, options, chunking);
        };
    }

    /** The chunks of {@link Chunker}, as rows. */
    static List<Row> chunks(OcpEngine engine, OcpDocument document, byte[] source, ParseOptions options,
                            ChunkOptions chunking) {
        List<Row> rows = new ArrayList<>();
        for (Chunk c : Chunker.chunk(engine, document, source, options, chunking)) {
            rows.add(RowFactory.create(c.index(), c.headingPath(), c.markdown(), c.text(), c.startByte(),
                    c.endByte(), c.startLine(), c.endLine(), c.holds().stream().map(Enum::name).sorted().toList(),
                    c.size(), c.overCap(), c.frontmatter()));
        }
        return rows;
    }

    private static List<Row> headings(OcpDocument document) {
        List<Row> rows = new ArrayList<>();
        for (Heading heading : Headings.of(document)) {
            rows.add(RowFactory.create(heading.level(), heading.text(), heading.slug()));
        }
        return rows;
    }

    private static List<Row> links(OcpDocument document) {
        List<Row> rows = new ArrayList<>();
        OcpCursor cursor = document.cursor();
        int count = cursor.nodeCount();
        for (int i = 0; i < count; i++) {
            cursor.moveTo(i);
            if (cursor.kind() == NodeKind.LINK) {
                String destination = cursor.destination();
                String title = cursor.title();
                rows.add(RowFactory.create(destination, title, Headings.text(cursor)));
            }
        }
        return rows;
    }

    private static Row frontmatter(OcpDocument document) {
        OcpCursor cursor = document.cursor();
        // Frontmatter can only be the document's first block.
        if (!cursor.toFirstChild() || cursor.kind() != NodeKind.FRONTMATTER) {
            return null;
        }
        // Without its final line ending, as mdast's yaml and toml nodes have their value.
        String raw = cursor.literal();
        int end = raw.endsWith("\r\n") ? raw.length() - 2
                : raw.endsWith("\n") || raw.endsWith("\r") ? raw.length() - 1 : raw.length();
        return RowFactory.create(cursor.frontmatterFormat(), raw.substring(0, end));
    }

    /**
     * What {@code ocp check} says of a failure, as a row: a syntax error's place, rule and reason; a limit's line
     * where the engine names one. (The CLI also finds the place of inline containers nested too deep with a second
     * parse; here that limit has no place.)
     */
    static List<Row> errors(OcpException e) {
        if (e.syntaxError() != null) {
            OcpException.SyntaxError error = e.syntaxError();
            return List.of(RowFactory.create(error.line(), error.column(), "ocp:" + e.rule(), e.reason()));
        }
        return List.of(RowFactory.create(e.line() > 0 ? e.line() : null, null, "ocp:" + e.rule(), e.reason()));
    }
}
