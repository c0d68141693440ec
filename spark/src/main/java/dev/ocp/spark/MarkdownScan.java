package dev.ocp.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The scan of a {@link MarkdownTable}: which columns (only those the query selects), which files (listed on the
 * driver), and how they are grouped into tasks.
 */
final class MarkdownScan implements ScanBuilder, SupportsPushDownRequiredColumns, Scan, Batch {
    /** The names a folder's files must have to be read; a file named in the paths is read whatever its name. */
    private static final List<String> NAMES = List.of(".md", ".markdown", ".mdx");
    /** A task's share of bytes: enough to make per-task costs small, small enough to spread a corpus. */
    private static final long BYTES_PER_TASK = 64L << 20;

    private final CaseInsensitiveStringMap options;
    private final boolean mdx;
    private final Settings settings;
    private final Configuration hadoop;
    private final int parallelism;
    private StructType schema = MarkdownTable.SCHEMA;

    MarkdownScan(CaseInsensitiveStringMap options, boolean mdx) {
        this.options = options;
        this.mdx = mdx;
        SparkSession spark = SparkSession.active();
        this.settings = Settings.of(key -> spark.conf().get(key, null));
        this.hadoop = spark.sparkContext().hadoopConfiguration();
        this.parallelism = spark.sparkContext().defaultParallelism();
        // Fail early, on the driver, on a bad dialect or extension rather than in every task.
        FileReader.options(settings, options.get("dialect"), options.get("extensions"), mdx, "any.md");
        ChunkSpec.parse(options.get("chunks"), ChunkSpec.SOURCE_OPTION);
    }

    @Override
    public void pruneColumns(StructType required) {
        Set<String> names = Set.of(required.fieldNames());
        schema = new StructType(Arrays.stream(MarkdownTable.SCHEMA.fields())
                .filter(f -> names.contains(f.name())).toArray(StructField[]::new));
    }

    @Override
    public Scan build() {
        return this;
    }

    @Override
    public StructType readSchema() {
        return schema;
    }

    @Override
    public String description() {
        return "OCP " + (mdx ? "mdx" : "markdown") + " files " + paths();
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
        List<FileGroup.File> files = new ArrayList<>();
        for (String path : paths()) {
            list(new Path(path), files);
        }
        return FileGroup.spread(files, parallelism, BYTES_PER_TASK);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        // Broadcast: the configuration is large (every Hadoop default), and each task would carry a copy.
        Broadcast<HadoopConf> conf = JavaSparkContext.fromSparkContext(SparkSession.active().sparkContext())
                .broadcast(new HadoopConf(hadoop));
        return new FileReader.Factory(schema.fieldNames(), settings, conf, options.get("dialect"),
                options.get("extensions"), mdx, options.get("chunks"));
    }

    private List<String> paths() {
        List<String> paths = new ArrayList<>();
        String one = options.get("path");
        if (one != null) {
            paths.add(one);
        }
        String many = options.get("paths");
        if (many != null) {
            try {
                paths.addAll(Arrays.asList(new ObjectMapper().readValue(many, String[].class)));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the paths " + many, e);
            }
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("say which files or folders to read: load(PATH) or option(\"path\", "
                    + "PATH)");
        }
        return paths;
    }

    private void list(Path path, List<FileGroup.File> out) {
        try {
            FileSystem fs = path.getFileSystem(hadoop);
            FileStatus status = fs.getFileStatus(path);
            if (!status.isDirectory()) {
                out.add(FileGroup.File.of(status));
                return;
            }
            List<FileGroup.File> found = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(path, true);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                if (wanted(status.getPath(), file.getPath())) {
                    found.add(FileGroup.File.of(file));
                }
            }
            found.sort(Comparator.comparing(FileGroup.File::path));
            out.addAll(found);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A Markdown file not hidden: no part of its path below the folder asked for starts with "." or "_", as Spark's
     * file sources skip them (the folder's own path may: it was asked for).
     *
     * @param root the folder, qualified as the listing qualifies its files
     */
    private static boolean wanted(Path root, Path file) {
        String name = file.getName().toLowerCase(Locale.ROOT);
        if (NAMES.stream().noneMatch(name::endsWith)) {
            return false;
        }
        for (Path p = file; p != null && !p.equals(root) && p.getParent() != null; p = p.getParent()) {
            if (p.getName().startsWith(".") || p.getName().startsWith("_")) {
                return false;
            }
        }
        return true;
    }
}
