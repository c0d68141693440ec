package dev.ocp.spark;

import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.Map;

/**
 * {@code spark.read.format("markdown").load(PATH...)}: one row per file under the paths (files, or folders read
 * recursively for {@code *.md}, {@code *.markdown} and {@code *.mdx}), with the columns {@code path},
 * {@code size}, {@code modificationTime}, {@code frontmatter}, {@code html}, {@code mdast}, {@code text},
 * {@code headings}, {@code links}, {@code errors} and {@code chunks} (the types of {@link OcpFunctions}' functions).
 * Only the columns a query selects are computed; a query of path, size and time reads no file. Files are spread over
 * tasks in groups of about equal size.
 * <p>
 * A {@code *.mdx} file is read as an MDX page (MDX with GFM, frontmatter and math, as {@code ocp} reads it), any
 * other file as CommonMark; the options {@code dialect} ({@code commonmark}, {@code gfm}, {@code mdx}) and
 * {@code extensions} (a comma list of {@link dev.ocp.Extension} ids: {@code gfm}, {@code frontmatter}, {@code math},
 * {@code directive}, {@code alerts}, {@code heading-ids}, {@code html-comments}) choose one syntax for every file. A
 * file that cannot be parsed (not UTF-8, a syntax error, over {@code spark.ocp.maxInputBytes}) has nulls and its
 * error in {@code errors}. The option {@code chunks} says how the {@code chunks} column chunks, in the words of
 * {@code ocp_chunks}' options ({@code option("chunks", "max_tokens=512 levels=1,2")}); a bad one fails the query as it
 * is planned.
 */
public class MarkdownSource implements TableProvider, DataSourceRegister {
    /** Made by Spark, found through {@code META-INF/services}. */
    public MarkdownSource() {
    }

    @Override
    public String shortName() {
        return "markdown";
    }

    /** @return whether every file is an MDX page whatever its name */
    boolean mdx() {
        return false;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return MarkdownTable.SCHEMA;
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new MarkdownTable(shortName(), mdx());
    }
}
