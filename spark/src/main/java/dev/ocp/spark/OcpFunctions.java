package dev.ocp.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.ScalaUDF;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NullType;
import scala.Option;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The OCP functions of Spark SQL and of the DataFrame API. Each takes the Markdown text and, optionally, the dialect
 * ({@code commonmark}, the default; {@code gfm}; {@code mdx}) and the extensions (a comma-separated list of
 * {@code gfm}, {@code frontmatter}, {@code math}):
 * <ul>
 *   <li>{@code ocp_html}, {@code ocp_mdast} (JSON), {@code ocp_text} (plain text), {@code ocp_markdown}: strings;</li>
 *   <li>{@code ocp_headings}: array of struct {@code level, text, slug};</li>
 *   <li>{@code ocp_links}: array of struct {@code destination, title, text};</li>
 *   <li>{@code ocp_frontmatter}: struct {@code format, raw} (null when there is none);</li>
 *   <li>{@code ocp_errors}: array of struct {@code line, column, rule, message}, empty when the text is valid;</li>
 *   <li>{@code ocp_chunks}: array of struct {@code index, heading_path, markdown, text, start_byte, end_byte,
 *       start_line, end_line, holds, size, over_cap, frontmatter}, the chunks of {@link dev.ocp.chunk.Chunker}
 *       ({@code explode} gives a row per chunk). It takes a last, constant argument of options after the text
 *       ({@code ocp_chunks(text, options)}) or after the extensions ({@code ocp_chunks(text, dialect, extensions,
 *       options)}): {@code key=value} pairs separated by spaces, {@code max_chars} (2000) or {@code max_tokens}
 *       with {@code tokenizer} ({@code cl100k_base} by default, or another encoding or model JTokkit knows, such as
 *       {@code o200k_base} or {@code gpt-4o}; {@code min_size} and {@code overlap} then count tokens too),
 *       {@code min_size} (0), {@code levels} ({@code 1,2,3}, or {@code none}), {@code overlap} (0),
 *       {@code frontmatter} ({@code metadata} or {@code content}), e.g. {@code 'max_chars=1500 levels=1,2'} or
 *       {@code 'max_tokens=512 overlap=64'}. Each chunk's {@code size} is what the cap counts.</li>
 * </ul>
 * A text that cannot be parsed (a syntax error, a limit crossed) gives null, and its error in {@code ocp_errors};
 * the task goes on. A null text gives null. An unknown dialect or extension is a usage error and fails the query.
 * <p>
 * The parse limits, the flavor and the engine come from the session's conf when the query is planned:
 * {@code spark.ocp.engine} (default: the best engine that can run on each executor), {@code spark.ocp.maxInputBytes},
 * {@code spark.ocp.maxNestingDepth}, {@code spark.ocp.maxNodes}, {@code spark.ocp.maxInlineNesting},
 * {@code spark.ocp.flavor} ({@code reference}, the default, or {@code micromark}: {@link dev.ocp.Flavor}).
 * <p>
 * In SQL, the functions exist once {@link OcpSparkExtensions} is in {@code spark.sql.extensions} or after
 * {@link #register(SparkSession)}; the static methods here need neither.
 */
public final class OcpFunctions {
    private OcpFunctions() {
    }

    /**
     * Registers every OCP function in a session's function registry, for a session built without
     * {@link OcpSparkExtensions}.
     *
     * @param spark a classic (not Spark Connect) session
     * @throws IllegalArgumentException for a Spark Connect session, whose functions live on the server
     */
    public static void register(SparkSession spark) {
        if (!(spark instanceof org.apache.spark.sql.classic.SparkSession classic)) {
            throw new IllegalArgumentException("OcpFunctions.register needs a classic SparkSession; with Spark Connect, "
                    + "set spark.sql.extensions=" + OcpSparkExtensions.class.getName() + " on the server");
        }
        for (Output output : Output.values()) {
            classic.sessionState().functionRegistry().registerFunction(identifier(output), info(output),
                    builder(output));
        }
    }

    /**
     * @param text a string column of Markdown
     * @return the HTML of the CommonMark text, or null
     */
    public static Column ocp_html(Column text) {
        return column(Output.HTML, text, null, null);
    }

    /**
     * @param text       a string column of Markdown
     * @param dialect    a string column: {@code commonmark} (or null), {@code gfm} or {@code mdx}
     * @param extensions a string column: a comma-separated list of {@code gfm}, {@code frontmatter},
     *                   {@code math}, or null
     * @return the HTML of the text in a dialect with extensions (string columns; null for the defaults)
     */
    public static Column ocp_html(Column text, Column dialect, Column extensions) {
        return column(Output.HTML, text, dialect, extensions);
    }

    /**
     * @param text a string column of Markdown
     * @return the mdast (JSON) of the CommonMark text, or null
     */
    public static Column ocp_mdast(Column text) {
        return column(Output.MDAST, text, null, null);
    }

    /**
     * @param text       a string column of Markdown
     * @param dialect    a string column: {@code commonmark} (or null), {@code gfm} or {@code mdx}
     * @param extensions a string column: a comma-separated list of {@code gfm}, {@code frontmatter},
     *                   {@code math}, or null
     * @return the mdast (JSON) of the text in a dialect with extensions
     */
    public static Column ocp_mdast(Column text, Column dialect, Column extensions) {
        return column(Output.MDAST, text, dialect, extensions);
    }

    /**
     * @param text a string column of Markdown
     * @return the plain text of the CommonMark text, or null
     */
    public static Column ocp_text(Column text) {
        return column(Output.TEXT, text, null, null);
    }

    /**
     * @param text       a string column of Markdown
     * @param dialect    a string column: {@code commonmark} (or null), {@code gfm} or {@code mdx}
     * @param extensions a string column: a comma-separated list of {@code gfm}, {@code frontmatter},
     *                   {@code math}, or null
     * @return the plain text of the text in a dialect with extensions
     */
    public static Column ocp_text(Column text, Column dialect, Column extensions) {
        return column(Output.TEXT, text, dialect, extensions);
    }

    /**
     * @param text a string column of Markdown
     * @return the CommonMark text written back as Markdown, or null
     */
    public static Column ocp_markdown(Column text) {
        return column(Output.MARKDOWN, text, null, null);
    }

    /**
     * @param text       a string column of Markdown
     * @param dialect    a string column: {@code commonmark} (or null), {@code gfm} or {@code mdx}
     * @param extensions a string column: a comma-separated list of {@code gfm}, {@code frontmatter},
     *                   {@code math}, or null
     * @return the text in a dialect with extensions written back as Markdown
     */
    public static Column ocp_markdown(Column text, Column dialect, Column extensions) {
        return column(Output.MARKDOWN, text, dialect, extensions);
    }

    /**
     * @param text a string column of Markdown
     * @return the headings (level, text, slug) of the CommonMark text, or null
     */
    public static Column ocp_headings(Column text) {
        return column(Output.HEADINGS, text, null, null);
    }

    /**
     * @param text       a string column of Markdown
     * @param dialect    a string column: {@code commonmark} (or null), {@code gfm} or {@code mdx}
     * @param extensions a string column: a comma-separated list of {@code gfm}, {@code frontmatter},
     *                   {@code math}, or null
     * @return the headings of the text in a dialect with extensions
     */
    public static Column ocp_headings(Column text, Column dialect, Column extensions) {
        return column(Output.HEADINGS, text, dialect, extensions);
    }

    /**
     * @param text a string column of Markdown
     * @return the links (destination, title, text) of the CommonMark text, or null
     */
    public static Column ocp_links(Column text) {
        return column(Output.LINKS, text, null, null);
    }

    /**
     * @param text       a string column of Markdown
     * @param dialect    a string column: {@code commonmark} (or null), {@code gfm} or {@code mdx}
     * @param extensions a string column: a comma-separated list of {@code gfm}, {@code frontmatter},
     *                   {@code math}, or null
     * @return the links of the text in a dialect with extensions
     */
    public static Column ocp_links(Column text, Column dialect, Column extensions) {
        return column(Output.LINKS, text, dialect, extensions);
    }

    /**
     * @param text       a string column of Markdown
     * @param dialect    a string column: {@code commonmark} (or null), {@code gfm} or {@code mdx}
     * @param extensions a string column: a comma-separated list of {@code gfm}, {@code frontmatter},
     *                   {@code math}, or null
     * @return the frontmatter (format, raw) of the text in a dialect with extensions ({@code frontmatter} on)
     */
    public static Column ocp_frontmatter(Column text, Column dialect, Column extensions) {
        return column(Output.FRONTMATTER, text, dialect, extensions);
    }

    /**
     * @param text a string column of Markdown
     * @return why the CommonMark text cannot be parsed (line, column, rule, message): empty when it can
     */
    public static Column ocp_errors(Column text) {
        return column(Output.ERRORS, text, null, null);
    }

    /**
     * @param text       a string column of Markdown
     * @param dialect    a string column: {@code commonmark} (or null), {@code gfm} or {@code mdx}
     * @param extensions a string column: a comma-separated list of {@code gfm}, {@code frontmatter},
     *                   {@code math}, or null
     * @return why the text cannot be parsed in a dialect with extensions: empty when it can
     */
    public static Column ocp_errors(Column text, Column dialect, Column extensions) {
        return column(Output.ERRORS, text, dialect, extensions);
    }

    /**
     * @param text a string column of Markdown
     * @return the chunks of the CommonMark text for language models ({@link dev.ocp.chunk.Chunker}), or null
     */
    public static Column ocp_chunks(Column text) {
        return column(Output.CHUNKS, text, null, null);
    }

    /**
     * @param text       a string column of Markdown
     * @param dialect    a string column: {@code commonmark} (or null), {@code gfm} or {@code mdx}
     * @param extensions a string column: a comma-separated list of {@code gfm}, {@code frontmatter},
     *                   {@code math}, or null
     * @return the chunks of the text in a dialect with extensions
     */
    public static Column ocp_chunks(Column text, Column dialect, Column extensions) {
        return column(Output.CHUNKS, text, dialect, extensions);
    }

    /**
     * @param text    a string column of CommonMark
     * @param options how to chunk: {@code key=value} pairs separated by spaces ({@code max_chars} or
     *                {@code max_tokens} and {@code tokenizer}, {@code min_size}, {@code levels}, {@code overlap},
     *                {@code frontmatter}; see the class comment), or null for the defaults
     * @return the chunks of the text
     * @throws IllegalArgumentException if the options cannot be read
     */
    public static Column ocp_chunks(Column text, String options) {
        return column(Output.CHUNKS, text, null, null, options);
    }

    /**
     * @param text       a string column of Markdown
     * @param dialect    a string column: {@code commonmark} (or null), {@code gfm} or {@code mdx}
     * @param extensions a string column: a comma-separated list of {@code gfm}, {@code frontmatter},
     *                   {@code math}, or null
     * @param options    how to chunk, as for {@link #ocp_chunks(Column, String)}
     * @return the chunks of the text in a dialect with extensions
     * @throws IllegalArgumentException if the options cannot be read
     */
    public static Column ocp_chunks(Column text, Column dialect, Column extensions, String options) {
        return column(Output.CHUNKS, text, dialect, extensions, options);
    }

    private static Column column(Output output, Column text, Column dialect, Column extensions) {
        return column(output, text, dialect, extensions, null);
    }

    private static Column column(Output output, Column text, Column dialect, Column extensions, String chunkSpec) {
        Column none = functions.lit(null).cast(DataTypes.StringType);
        return functions.udf(new RowFunction(output, settings(), chunkSpec), output.type).withName(output.function())
                .apply(text, dialect == null ? none : dialect, extensions == null ? none : extensions);
    }

    /** The active session's settings, read where the query is built (the driver). */
    private static Settings settings() {
        SparkSession spark = SparkSession.active();
        return Settings.of(key -> spark.conf().get(key, null));
    }

    /**
     * The function's name as Spark 4.2 keeps the built-in functions ({@code system.builtin.ocp_html}): the name
     * {@link #register} registers. (The extensions take the bare name and qualify it themselves; a qualified name
     * given to {@code injectFunction} is silently left out.)
     */
    static FunctionIdentifier identifier(Output output) {
        return org.apache.spark.sql.catalyst.analysis.FunctionRegistry$.MODULE$.builtinFunctionIdentifier(
                output.function());
    }

    static ExpressionInfo info(Output output) {
        return new ExpressionInfo(OcpFunctions.class.getName(), null, output.function(),
                (output == Output.CHUNKS ? "_FUNC_(text[, dialect, extensions][, options]) - "
                        : "_FUNC_(text[, dialect[, extensions]]) - ") + output.column + " of Markdown text (OCP)", "", "", "",
                "misc_funcs", "", "", "built-in");
    }

    /**
     * The SQL builder of one function: checks the arguments (one to three strings) and makes a {@code ScalaUDF} of
     * the {@link RowFunction}, with the settings of the session that plans the query.
     */
    static AbstractFunction1<Seq<Expression>, Expression> builder(Output output) {
        return new AbstractFunction1<>() {
            @Override
            public Expression apply(Seq<Expression> given) {
                List<Expression> arguments = new ArrayList<>(CollectionConverters.asJava(given));
                // ocp_chunks(text, options) and ocp_chunks(text, dialect, extensions, options): a constant string.
                String chunkSpec = null;
                if (output == Output.CHUNKS && (arguments.size() == 2 || arguments.size() == 4)) {
                    Expression options = arguments.remove(arguments.size() - 1);
                    if (!options.foldable()) {
                        throw new IllegalArgumentException("ocp_chunks takes its options as a constant string, not "
                                + options.sql());
                    }
                    Object value = options.eval(null);
                    chunkSpec = value == null ? null : value.toString();
                }
                if (arguments.isEmpty() || arguments.size() > 3) {
                    throw new IllegalArgumentException(output.function() + " takes the text and, optionally, the "
                            + "dialect and the extensions: " + arguments.size() + " arguments given");
                }
                for (Expression argument : arguments) {
                    if (argument.resolved() && !(argument.dataType() instanceof org.apache.spark.sql.types.StringType)
                            && !(argument.dataType() instanceof NullType)) {
                        throw new IllegalArgumentException(output.function() + " takes strings, not "
                                + argument.dataType().simpleString() + " (" + argument.sql() + ")");
                    }
                }
                while (arguments.size() < 3) {
                    arguments.add(Literal.create(null, DataTypes.StringType));
                }
                Seq<Option<org.apache.spark.sql.catalyst.encoders.ExpressionEncoder<?>>> encoders =
                        CollectionConverters.asScala(Collections.<Option<org.apache.spark.sql.catalyst.encoders
                                .ExpressionEncoder<?>>>nCopies(3, Option.empty())).toList();
                return new ScalaUDF(new RowFunction(output, settings(), chunkSpec), output.type,
                        CollectionConverters.asScala(arguments).toList(), encoders, Option.empty(),
                        Option.apply(output.function()), true, true);
            }
        };
    }
}
