package dev.ocp.spark;

import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** The files of a {@link MarkdownSource} read as one table. */
final class MarkdownTable implements SupportsRead {
    /** The columns computed from a file's text: those of the functions of the same names. */
    static final Output[] PARSED = {Output.FRONTMATTER, Output.HTML, Output.MDAST, Output.TEXT, Output.HEADINGS,
            Output.LINKS, Output.ERRORS, Output.CHUNKS};

    static final StructType SCHEMA;

    static {
        StructType schema = new StructType()
                .add("path", DataTypes.StringType, false)
                .add("size", DataTypes.LongType, false)
                .add("modificationTime", DataTypes.TimestampType, false);
        for (Output output : PARSED) {
            schema = schema.add(output.column, output.type, true);
        }
        SCHEMA = schema;
    }

    private final String name;
    private final boolean mdx;

    MarkdownTable(String name, boolean mdx) {
        this.name = name;
        this.mdx = mdx;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Column[] columns() {
        return Arrays.stream(SCHEMA.fields()).map(f -> Column.create(f.name(), f.dataType(), f.nullable()))
                .toArray(Column[]::new);
    }

    @Override
    public Set<TableCapability> capabilities() {
        return EnumSet.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        return new MarkdownScan(options, mdx);
    }
}
