package dev.ocp.spark;

import dev.ocp.Dialect;
import dev.ocp.Extension;
import dev.ocp.Flavor;
import dev.ocp.Ocp;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.chunk.Chunk;
import dev.ocp.chunk.ChunkOptions;
import dev.ocp.chunk.Chunker;
import dev.ocp.tck.MarkdownGenerator;
import dev.ocp.toc.Headings;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark in {@code local[2]} (one session for the class: starting one takes seconds) runs every function and the
 * data source over the CLI's bundled samples and the TCK's generated documents, and each result must be what the
 * API gives for the same text and options; bad rows must come back as nulls and errors.
 */
class OcpSparkTest {
    private static final Path SAMPLES = Path.of("../cli/src/main/resources/dev/ocp/cli/samples");
    private static final long SEED = 32;
    private static final String[] FUNCTIONS = {"html", "mdast", "text", "markdown", "headings", "links",
            "frontmatter", "errors", "chunks"};
    private static final ParseOptions MDX_PAGE = ParseOptions.of(Dialect.MDX, Extension.GFM, Extension.FRONTMATTER,
            Extension.MATH);
    private static final String LINKS = "---\ntitle: Links\n---\n# Links *here*\n\n[one](/a \"A\") and "
            + "[**two**](b) and <https://c.example>\n";

    private static SparkSession spark;
    private static OcpEngine engine;

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("ocp-spark-test")
                .config("spark.sql.extensions", OcpSparkExtensions.class.getName())
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        engine = Ocp.engine();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (engine != null) {
            engine.close();
        }
    }

    /** One row of text to parse, with the dialect and extensions the functions are given. */
    private record Doc(String id, String text, String dialect, String extensions) {
        ParseOptions options() {
            ParseOptions options = switch (dialect == null ? "commonmark" : dialect) {
                case "commonmark" -> ParseOptions.of(Dialect.COMMONMARK);
                case "gfm" -> ParseOptions.of(Dialect.COMMONMARK, Extension.GFM);
                default -> ParseOptions.of(Dialect.MDX);
            };
            if (extensions == null) {
                return options;
            }
            List<Extension> all = new ArrayList<>(options.extensions());
            Arrays.stream(extensions.split(",")).map(Extension::byId).forEach(all::add);
            return options.withExtensions(all.toArray(new Extension[0]));
        }
    }

    private static List<Doc> documents() throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path file : files.sorted().toList()) {
                String text = Files.readString(file);
                docs.add(new Doc("sample " + file.getFileName(), text, null, null));
                docs.add(new Doc("gfm sample " + file.getFileName(), text, "gfm", "frontmatter"));
            }
        }
        for (int i = 0; i < 12; i++) {
            docs.add(new Doc("commonmark " + i, MarkdownGenerator.generate(SEED, i), "commonmark", null));
            docs.add(new Doc("gfm " + i, MarkdownGenerator.generateGfm(SEED, i), "gfm", null));
            docs.add(new Doc("math " + i, MarkdownGenerator.generateWithMath(SEED, i), "gfm", "frontmatter,math"));
            docs.add(new Doc("mdx " + i, MarkdownGenerator.generateMdx(SEED, i), "mdx", "gfm,frontmatter,math"));
        }
        docs.add(new Doc("links", LINKS, "gfm", "frontmatter"));
        docs.add(new Doc("invalid mdx", "# Title\n\n<Note\n", "mdx", null));
        return docs;
    }

    private static Dataset<Row> frame(List<Doc> docs) {
        StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType)
                .add("dialect", DataTypes.StringType).add("extensions", DataTypes.StringType);
        List<Row> rows = docs.stream().map(d -> RowFactory.create(d.id(), d.text(), d.dialect(), d.extensions()))
                .toList();
        return spark.createDataFrame(rows, schema).repartition(2);
    }

    /** The bundled samples, in name order, read as GFM with frontmatter. */
    private static List<Doc> gfmSamples() throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path file : files.sorted().toList()) {
                docs.add(new Doc("gfm sample " + file.getFileName(), Files.readString(file), "gfm", "frontmatter"));
            }
        }
        return docs;
    }

    /**
     * {@code ocp_chunks} in SQL over the bundled samples, exploded to a row per chunk, and the data source's
     * {@code chunks} column, are the chunks {@link Chunker} gives for the same text (issue 59).
     */
    @Test
    void chunksAreTheApisChunks() throws IOException {
        List<Doc> docs = gfmSamples();
        frame(docs).createOrReplaceTempView("chunk_samples");
        List<Row> rows = spark.sql("SELECT id, c.* FROM chunk_samples"
                + " LATERAL VIEW explode(ocp_chunks(text, dialect, extensions)) AS c ORDER BY id, c.index")
                .collectAsList();
        assertEquals(expectedChunks(docs, ChunkOptions.defaults()), cells(rows));

        // With options, in SQL (after the extensions) and in the DataFrame API (after the text).
        ChunkOptions small = ChunkOptions.defaults().withMaxSize(300).withHeadingLevels(1, 2).withOverlap(80)
                .withMinSize(40);
        List<Row> withOptions = spark.sql("SELECT id, c.* FROM chunk_samples LATERAL VIEW explode(ocp_chunks(text,"
                + " dialect, extensions, 'max_chars=300 levels=1,2 overlap=80 min_size=40')) AS c"
                + " ORDER BY id, c.index").collectAsList();
        List<List<Object>> expected = expectedChunks(docs, small);
        assertEquals(expected, cells(withOptions));
        assertTrue(expected.size() > expectedChunks(docs, ChunkOptions.defaults()).size(),
                "a cap of 300 makes more chunks than the default 2000");
        List<Row> api = spark.table("chunk_samples")
                .select(functions.col("id"), functions.explode(OcpFunctions.ocp_chunks(functions.col("text"),
                        functions.col("dialect"), functions.col("extensions"),
                        "max_chars=300 levels=1,2 overlap=80 min_size=40")).as("c"))
                .select("id", "c.*").orderBy("id", "index").collectAsList();
        assertEquals(expected, cells(api));
        List<Row> twoArguments = spark.sql("SELECT ocp_chunks('# A\n\nOne. Two.\n\n## B\n\nThree.',"
                + " 'max_chars=20 levels=1') AS c").collectAsList();
        assertEquals(Chunker.chunk("# A\n\nOne. Two.\n\n## B\n\nThree.", ChunkOptions.defaults()
                .withMaxSize(20).withHeadingLevels(1)).size(), twoArguments.get(0).getList(0).size());
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OcpFunctions.ocp_chunks(functions.col("text"), "max_chars=0"));
        assertTrue(bad.getMessage().contains("max_chars"), bad.getMessage());
        IllegalArgumentException wholeCap = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> OcpFunctions.ocp_chunks(functions.col("text"),
                        "overlap=300 max_chars=300"));
        assertEquals("ocp_chunks options: overlap 300 must be less than max_chars (300)", wholeCap.getMessage());
        assertTrue(expected.size() > docs.size(), "the samples make several chunks each: " + expected.size());

        // The data source's column, exploded, gives as many rows.
        long fromSource = spark.read().format("markdown").load(SAMPLES.toString())
                .selectExpr("explode(chunks) AS c").count();
        long apiCount = 0;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path file : files.sorted().toList()) {
                apiCount += Chunker.chunk(engine, Files.readAllBytes(file), ParseOptions.of(Dialect.COMMONMARK),
                        ChunkOptions.defaults()).size();
            }
        }
        assertEquals(apiCount, fromSource);
    }

    /**
     * A cap in tokens ({@code max_tokens}, JTokkit's count of the encoding {@code tokenizer} names) gives the API's
     * chunks with that measure, each chunk's {@code size} the count of its Markdown; the data source's {@code chunks}
     * option chunks its column as {@code ocp_chunks} would; wrong options fail as the query is built, saying which.
     */
    @Test
    void chunksCapInTokensAndTheSourceTakesChunkOptions() throws IOException {
        List<Doc> docs = gfmSamples();
        frame(docs).createOrReplaceTempView("token_samples");
        var registry = com.knuddels.jtokkit.Encodings.newDefaultEncodingRegistry();
        var cl100k = registry.getEncoding(com.knuddels.jtokkit.api.EncodingType.CL100K_BASE);
        var o200k = registry.getEncoding(com.knuddels.jtokkit.api.EncodingType.O200K_BASE);
        for (var encoding : List.of(cl100k, o200k)) {
            String tokenizer = encoding == cl100k ? "" : " tokenizer=gpt-4o"; // a model's name, o200k_base its encoding
            List<Row> rows = spark.sql("SELECT id, c.* FROM token_samples LATERAL VIEW explode(ocp_chunks(text,"
                    + " dialect, extensions, 'max_tokens=64 overlap=16" + tokenizer + "')) AS c ORDER BY id, c.index")
                    .collectAsList();
            List<List<Object>> expected = expectedChunks(docs, ChunkOptions.defaults().withMaxSize(64).withOverlap(16)
                    .withMeasure(encoding::countTokensOrdinary));
            assertEquals(expected, cells(rows), tokenizer);
            assertTrue(expected.size() > 2 * docs.size(), "64 tokens make several chunks a sample: " + expected.size());
            for (List<Object> chunk : expected) { // id, index, heading_path, markdown, ..., holds, size, over_cap
                assertEquals(encoding.countTokensOrdinary((String) chunk.get(3)), chunk.get(10), tokenizer);
            }
        }
        // A special token's text is counted as ordinary text (JTokkit's countTokens would throw on it).
        Row special = spark.sql("SELECT c.size FROM (SELECT explode(ocp_chunks('Text ends at <|endoftext|> here.',"
                + " 'max_tokens=64')) AS c)").first();
        assertEquals(cl100k.countTokensOrdinary("Text ends at <|endoftext|> here."), special.getInt(0));
        assertNotEquals(expectedChunks(docs, ChunkOptions.defaults().withMaxSize(64)
                        .withMeasure(cl100k::countTokensOrdinary)),
                expectedChunks(docs, ChunkOptions.defaults().withMaxSize(64).withMeasure(o200k::countTokensOrdinary)),
                "the two encodings count the samples alike: the tokenizer's effect is not seen");

        Map<String, String> refusals = Map.of(
                "max_tokens=10 max_chars=10", "ocp_chunks options: max_chars and max_tokens are two caps; give one",
                "tokenizer=gpt-4o", "ocp_chunks options: tokenizer names how max_tokens counts; give max_tokens",
                "max_tokens=10 overlap=10", "ocp_chunks options: overlap 10 must be less than max_tokens (10)");
        refusals.forEach((options, message) -> assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> OcpFunctions.ocp_chunks(col("text"), options)).getMessage()));
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> OcpFunctions.ocp_chunks(col("text"), "max_tokens=10 tokenizer=no_such_base")).getMessage();
        assertTrue(unknown.startsWith("ocp_chunks options: no tokenizer named 'no_such_base'")
                && unknown.contains("cl100k_base") && unknown.contains("o200k_base"), unknown);

        // The data source: its chunks option, as ocp_chunks takes it, for every file (read as CommonMark).
        ChunkOptions small = ChunkOptions.defaults().withMaxSize(300).withHeadingLevels(1, 2);
        List<Row> fromSource = spark.read().format("markdown").option("chunks", "max_chars=300 levels=1,2")
                .load(SAMPLES.toString()).selectExpr("path", "explode(chunks) AS c")
                .selectExpr("path", "c.index AS i", "c.markdown", "c.size").orderBy("path", "i").collectAsList();
        List<List<Object>> expected = new ArrayList<>();
        try (Stream<Path> files = Files.list(SAMPLES)) {
            for (Path file : files.sorted().toList()) {
                for (Chunk c : Chunker.chunk(engine, Files.readAllBytes(file), ParseOptions.of(Dialect.COMMONMARK),
                        small)) {
                    expected.add(List.of(file.getFileName().toString(), c.markdown(), c.size()));
                }
            }
        }
        assertEquals(expected, fromSource.stream().map(r -> List.<Object>of(
                r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1), r.getString(2), r.getInt(3))).toList());
        Exception refused = assertThrows(Exception.class, () -> spark.read().format("markdown")
                .option("chunks", "max_chars=0").load(SAMPLES.toString()).selectExpr("explode(chunks)").count());
        String said = "";
        for (Throwable t = refused; t != null; t = t.getCause()) {
            said += t.getMessage() + "\n";
        }
        assertTrue(said.contains("the chunks option: max_chars takes a whole number from 1, not '0'"), said);
    }

    /** The API's chunks of the documents, in id order, as the cells of {@code SELECT id, c.*}. */
    private List<List<Object>> expectedChunks(List<Doc> docs, ChunkOptions options) {
        List<List<Object>> expected = new ArrayList<>();
        for (Doc doc : docs.stream().sorted(java.util.Comparator.comparing(Doc::id)).toList()) {
            for (Chunk c : Chunker.chunk(engine, doc.text().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    doc.options(), options)) {
                expected.add(Arrays.asList(doc.id(), c.index(), c.headingPath(), c.markdown(), c.text(),
                        c.startByte(), c.endByte(), c.startLine(), c.endLine(),
                        c.holds().stream().map(Enum::name).sorted().toList(), c.size(), c.overCap(),
                        c.frontmatter()));
            }
        }
        return expected;
    }

    private static List<List<Object>> cells(List<Row> rows) {
        return rows.stream().map(r -> {
            List<Object> cells = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                Object v = r.get(i);
                cells.add(v instanceof scala.collection.Seq<?> seq ? List.copyOf(
                        scala.jdk.javaapi.CollectionConverters.asJava(seq)) : v);
            }
            return cells;
        }).toList();
    }

    @Test
    void everyFunctionGivesWhatTheApiGives() throws IOException {
        List<Doc> docs = documents();
        Map<String, Doc> byId = docs.stream().collect(Collectors.toMap(Doc::id, d -> d));
        Dataset<Row> frame = frame(docs);
        frame.createOrReplaceTempView("docs");
        String sql = Arrays.stream(FUNCTIONS).map(f -> "ocp_" + f + "(text, dialect, extensions) AS " + f)
                .collect(Collectors.joining(", ", "SELECT id, ", " FROM docs"));
        Map<String, Row> bySql = byId(spark.sql(sql).collectAsList());
        Map<String, Row> byColumns = byId(frame.select(col("id"),
                OcpFunctions.ocp_html(col("text"), col("dialect"), col("extensions")),
                OcpFunctions.ocp_mdast(col("text"), col("dialect"), col("extensions")),
                OcpFunctions.ocp_text(col("text"), col("dialect"), col("extensions")),
                OcpFunctions.ocp_markdown(col("text"), col("dialect"), col("extensions")),
                OcpFunctions.ocp_headings(col("text"), col("dialect"), col("extensions")),
                OcpFunctions.ocp_links(col("text"), col("dialect"), col("extensions")),
                OcpFunctions.ocp_frontmatter(col("text"), col("dialect"), col("extensions")),
                OcpFunctions.ocp_errors(col("text"), col("dialect"), col("extensions")),
                OcpFunctions.ocp_chunks(col("text"), col("dialect"), col("extensions"))).collectAsList());
        assertEquals(docs.size(), bySql.size());
        int failed = 0;
        for (Doc doc : docs) {
            Row row = bySql.get(doc.id());
            assertEquals(row, byColumns.get(doc.id()), doc.id() + ": the DataFrame API and SQL differ");
            if (!assertSameAsApi(doc.id(), doc.text().getBytes(StandardCharsets.UTF_8), doc.options(), row)) {
                failed++;
            }
        }
        // The generated MDX has near misses that are syntax errors; the invalid row is one for sure.
        assertTrue(failed >= 1 && failed < docs.size() / 2, failed + " of " + docs.size() + " failed");

        Row links = bySql.get("links");
        assertEquals(List.of(Arrays.asList("/a", "A", "one"), Arrays.asList("b", null, "two"),
                        Arrays.asList("https://c.example", null, "https://c.example")),
                links.getList(links.fieldIndex("links")).stream().map(r -> cells((Row) r)).toList());
        Row frontmatter = links.getStruct(links.fieldIndex("frontmatter"));
        assertEquals(List.of("yaml", "title: Links"), cells(frontmatter));
        Row heading = (Row) links.getList(links.fieldIndex("headings")).get(0);
        assertEquals(List.of(1, "Links here", "links-here"), cells(heading));
    }

    /**
     * Asserts that a row of the functions (or of the data source) holds what the API gives for the same bytes and
     * options: each rendering, the headings, and no error; or, when the API cannot parse them, nulls and its error.
     *
     * @return whether the text parsed
     */
    private static boolean assertSameAsApi(String id, byte[] source, ParseOptions options, Row row) {
        OcpException failure = null;
        try (OcpDocument document = engine.parse(source, options)) {
            assertEquals(document.toHtml(), row.getAs("html"), id);
            assertEquals(document.toMdast(source), row.getAs("mdast"), id);
            assertEquals(document.toText(), row.getAs("text"), id);
            if (hasField(row, "markdown")) {
                assertEquals(document.toMarkdown(), row.getAs("markdown"), id);
            }
            assertEquals(Headings.of(document).stream().map(h -> List.<Object>of(h.level(), h.text(), h.slug()))
                    .toList(), row.getList(row.fieldIndex("headings")).stream().map(r -> cells((Row) r)).toList(), id);
            assertNotNull(row.getList(row.fieldIndex("links")), id);
            assertEquals(List.of(), row.getList(row.fieldIndex("errors")), id);
        } catch (OcpException e) {
            failure = e;
        }
        if (failure == null) {
            return true;
        }
        for (String f : FUNCTIONS) {
            if (!f.equals("errors") && hasField(row, f)) {
                assertNull(row.getAs(f), id + ": " + f + " of a text that does not parse");
            }
        }
        assertErrors(id, failure, row.getList(row.fieldIndex("errors")));
        return false;
    }

    /** Asserts that the errors are the one ocp check would print for the failure. */
    private static void assertErrors(String id, OcpException expected, List<Object> errors) {
        assertEquals(1, errors.size(), id + ": " + errors);
        List<Object> error = cells((Row) errors.get(0));
        OcpException.SyntaxError syntax = expected.syntaxError();
        if (syntax != null) {
            assertEquals(Arrays.asList(syntax.line(), syntax.column(), "ocp:" + syntax.ruleId(), syntax.reason()),
                    error, id);
        } else {
            assertEquals("ocp:" + expected.code().name().toLowerCase().replace('_', '-'), error.get(2), id);
            assertTrue(expected.getMessage().endsWith((String) error.get(3)), id + ": " + error);
        }
    }

    @Test
    void badRowsGiveNullsAndErrorsNotFailedTasks() {
        String tooBig = "# A heading\n\n" + "word ".repeat(100);
        Dataset<Row> frame = frame(List.of(new Doc("invalid", "<Note>\n\n*a*\n\n</Other>\n", "mdx", null),
                new Doc("null", null, "mdx", null),
                new Doc("big", tooBig, null, null),
                new Doc("ok", "*fine*", null, null)));
        frame.createOrReplaceTempView("bad");
        spark.conf().set("spark.ocp.maxInputBytes", "200");
        try {
            Map<String, Row> rows = byId(spark.sql("SELECT id, ocp_html(text, dialect) AS html, "
                    + "ocp_errors(text, dialect) AS errors FROM bad").collectAsList());
            Row invalid = rows.get("invalid");
            assertNull(invalid.getAs("html"));
            OcpException mdx = assertThrows(OcpException.class,
                    () -> engine.parse("<Note>\n\n*a*\n\n</Other>\n", ParseOptions.of(Dialect.MDX)).close());
            assertErrors("invalid", mdx, invalid.getList(2));
            assertNull(rows.get("null").getAs("html"));
            assertNull(rows.get("null").getAs("errors"));
            Row big = rows.get("big");
            assertNull(big.getAs("html"));
            OcpException limit = assertThrows(OcpException.class,
                    () -> engine.parse(tooBig, ParseOptions.defaults().withMaxInputBytes(200)).close());
            assertErrors("big", limit, big.getList(2));
            assertEquals("<p><em>fine</em></p>\n", rows.get("ok").getAs("html"));
            assertEquals(List.of(), rows.get("ok").getList(2));
        } finally {
            spark.conf().unset("spark.ocp.maxInputBytes");
        }
        // The one-argument form is CommonMark, where the same text is HTML and parses.
        assertEquals(Ocp.toHtml("<Note>\n"), spark.sql("SELECT ocp_html('<Note>\n')").first().getString(0));
        // Bad arguments are the query's error, said on the driver or in the task.
        Exception unknown = assertThrows(Exception.class,
                () -> spark.sql("SELECT ocp_html(text, 'rst') FROM bad").collectAsList());
        assertTrue(String.valueOf(unknown.getMessage()).contains("unknown dialect 'rst'"), unknown.getMessage());
        Exception arguments = assertThrows(Exception.class, () -> spark.sql("SELECT ocp_text(1)").collect());
        assertTrue(String.valueOf(arguments.getMessage()).contains("ocp_text takes strings"), arguments.getMessage());
    }

    @Test
    void theConfsFlavorIsTheReadingOfEveryFunction() {
        // "Www." starts an autolink literal for micromark, not for cmark-gfm (docs/conformance.md).
        String query = "SELECT ocp_html('Www.a.b', 'gfm')";
        assertEquals("<p>Www.a.b</p>\n", spark.sql(query).first().getString(0));
        spark.conf().set("spark.ocp.flavor", "micromark");
        try {
            assertEquals("<p><a href=\"http://Www.a.b\">Www.a.b</a></p>\n", spark.sql(query).first().getString(0));
            assertEquals(Ocp.toHtml("Www.a.b", ParseOptions.of(Dialect.COMMONMARK, Extension.GFM)
                    .withFlavor(Flavor.MICROMARK)), spark.sql(query).first().getString(0));
        } finally {
            spark.conf().unset("spark.ocp.flavor");
        }
    }

    @Test
    void theDataSourceReadsEachFileAsTheApiParsesIt() throws IOException {
        // A folder asked for is read even when its own name would hide it.
        Path root = Files.createDirectories(folder.resolve("_site"));
        Map<String, byte[]> files = new HashMap<>();
        try (Stream<Path> samples = Files.list(SAMPLES)) {
            for (Path sample : samples.toList()) {
                files.put(sample.getFileName().toString(), Files.readAllBytes(sample));
            }
        }
        for (int i = 0; i < 8; i++) {
            files.put("pages/page" + i + ".mdx", MarkdownGenerator.generateMdx(SEED + 1, i)
                    .getBytes(StandardCharsets.UTF_8));
        }
        files.put("pages/deep/notes.markdown", MarkdownGenerator.generateGfm(SEED + 1, 0)
                .getBytes(StandardCharsets.UTF_8));
        files.put("pages/broken.mdx", "# Broken\n\n<Tabs>\n\ntext\n".getBytes(StandardCharsets.UTF_8));
        files.put("binary.md", new byte[] {'#', ' ', (byte) 0xFF, (byte) 0xFE, 0, 1, (byte) 0xC3, '\n'});
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.createDirectories(root.resolve(file.getKey()).getParent());
            Files.write(root.resolve(file.getKey()), file.getValue());
        }
        // Not read: not Markdown by name, or hidden.
        Files.writeString(root.resolve("notes.txt"), "# not markdown");
        Files.createDirectories(root.resolve(".cache"));
        Files.writeString(root.resolve(".cache/old.md"), "# hidden");

        Dataset<Row> read = spark.read().format("markdown").load(root.toString());
        assertEquals(2, read.rdd().getNumPartitions(), "local[2] spreads the files over two tasks");
        List<Row> rows = read.collectAsList();
        assertEquals(new TreeSet<>(files.keySet()), rows.stream().map(r -> relative(root, r.getAs("path")))
                .collect(Collectors.toCollection(TreeSet::new)));
        for (Row row : rows) {
            String name = relative(root, row.getAs("path"));
            byte[] source = files.get(name);
            assertEquals((long) source.length, (long) row.getAs("size"), name);
            assertEquals(Files.getLastModifiedTime(root.resolve(name)).toMillis(),
                    ((java.sql.Timestamp) row.getAs("modificationTime")).getTime(), name);
            if (name.equals("binary.md")) {
                // The engines would parse it (invalid UTF-8 shows as U+FFFD); the data source refuses it.
                for (String f : FUNCTIONS) {
                    if (!f.equals("errors") && hasField(row, f)) {
                        assertNull(row.getAs(f), f + " of a binary file");
                    }
                }
                assertEquals(List.of(Arrays.asList(1, 3, "ocp:invalid-input",
                                "not UTF-8 text: byte 0xFF at offset 2 (a binary file?)")),
                        row.getList(row.fieldIndex("errors")).stream().map(r -> cells((Row) r)).toList());
                continue;
            }
            ParseOptions options = name.endsWith(".mdx") ? MDX_PAGE : ParseOptions.of(Dialect.COMMONMARK);
            boolean parsed = assertSameAsApi(name, source, options, row);
            if (name.equals("pages/broken.mdx")) {
                assertFalse(parsed, "an unclosed JSX tag is an MDX syntax error");
            }
        }

        // "mdx" reads every file as an MDX page, and takes one path or several.
        Row article = spark.read().format("mdx").load(root.resolve("article.md").toString(),
                root.resolve("tiny.md").toString()).select("path", "html", "mdast", "text", "headings", "links",
                "errors", "frontmatter").where(col("path").endsWith("article.md")).first();
        assertSameAsApi("article.md as mdx", files.get("article.md"), MDX_PAGE, article);

        // A file over spark.ocp.maxInputBytes is refused unread, with the engine's words.
        spark.conf().set("spark.ocp.maxInputBytes", "64");
        try {
            Row big = spark.read().format("markdown").load(root.resolve("article.md").toString())
                    .select("html", "errors").first();
            assertNull(big.getAs("html"));
            OcpException limit = assertThrows(OcpException.class, () -> engine.parse(files.get("article.md"),
                    ParseOptions.defaults().withMaxInputBytes(64)).close());
            assertErrors("too big", limit, big.getList(1));
        } finally {
            spark.conf().unset("spark.ocp.maxInputBytes");
        }
    }

    @Test
    void onlyTheSelectedColumnsAreComputed() throws IOException {
        Path root = Files.createDirectories(folder.resolve("pruned"));
        for (int i = 0; i < 4; i++) {
            Files.writeString(root.resolve("doc" + i + ".md"), MarkdownGenerator.generate(SEED, i));
        }
        // An engine that does not exist fails any parse: a query that parses nothing must not notice it.
        spark.conf().set("spark.ocp.engine", "no-such-engine");
        try {
            Dataset<Row> read = spark.read().format("markdown").load(root.toString());
            assertEquals(4, read.select("path", "size", "modificationTime").collectAsList().size());
            Exception parsed = assertThrows(Exception.class, () -> read.select("path", "text").collectAsList());
            assertTrue(String.valueOf(parsed.getMessage()).contains("no-such-engine"), parsed.getMessage());
        } finally {
            spark.conf().unset("spark.ocp.engine");
        }
        // And "java" is one that does: the conf picks it.
        spark.conf().set("spark.ocp.engine", "java");
        try {
            assertEquals(Ocp.toHtml("*x*"), spark.sql("SELECT ocp_html('*x*')").first().getString(0));
        } finally {
            spark.conf().unset("spark.ocp.engine");
        }
    }

    @Test
    void registerAddsTheFunctionsToASessionWithoutTheExtension() {
        SparkSession session = spark.newSession();
        ((org.apache.spark.sql.classic.SparkSession) session).sessionState().functionRegistry()
                .dropFunction(OcpFunctions.identifier(Output.TEXT));
        assertThrows(Exception.class, () -> session.sql("SELECT ocp_text('*a*')").collect());
        OcpFunctions.register(session);
        assertEquals("a", session.sql("SELECT ocp_text('*a*')").first().getString(0).strip());
    }

    private static Map<String, Row> byId(List<Row> rows) {
        return rows.stream().collect(Collectors.toMap(r -> r.getString(0), r -> r));
    }

    private static List<Object> cells(Row row) {
        List<Object> cells = new ArrayList<>();
        for (int i = 0; i < row.length(); i++) {
            cells.add(row.get(i));
        }
        return cells;
    }

    private static boolean hasField(Row row, String name) {
        return Arrays.asList(row.schema().fieldNames()).contains(name);
    }

    private static String relative(Path root, String uri) {
        return root.toUri().relativize(Path.of(java.net.URI.create(uri)).toUri()).getPath();
    }

}
