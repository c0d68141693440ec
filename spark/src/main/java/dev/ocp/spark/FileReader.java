package dev.ocp.spark;

import dev.ocp.LineIndex;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.chunk.ChunkOptions;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.unsafe.types.UTF8String;
import scala.Function1;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Reads one task's files, one row each: the file's facts, and the parsed columns the query selected from one parse
 * of its text (none when it selected none: the file is then not even read).
 */
final class FileReader implements PartitionReader<InternalRow> {
    /**
     * Made on the driver, run on the executors.
     *
     * @param chunks the {@code chunks} option, how the {@code chunks} column chunks ({@link ChunkSpec}), or null
     */
    record Factory(String[] columns, Settings settings, Broadcast<HadoopConf> hadoop, String dialect, String extensions,
                   boolean mdx, String chunks) implements PartitionReaderFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public PartitionReader<InternalRow> createReader(InputPartition partition) {
            return new FileReader(this, ((FileGroup) partition).files().iterator());
        }
    }

    /** The largest byte array a JVM makes. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Factory factory;
    private final Iterator<FileGroup.File> files;
    /** For each column, the output it is, or null for the file's facts. */
    private final Output[] outputs;
    private final Output[] parsed;
    /**
     * How the {@code chunks} column chunks, read once per task when the query selects it (a tokenizer's encoding is
     * loaded once per JVM).
     */
    private final ChunkOptions chunking;
    private final List<Function1<Object, Object>> converters = new ArrayList<>();
    private InternalRow row;

    private FileReader(Factory factory, Iterator<FileGroup.File> files) {
        this.factory = factory;
        this.files = files;
        String[] columns = factory.columns();
        outputs = new Output[columns.length];
        List<Output> wanted = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            for (Output output : MarkdownTable.PARSED) {
                if (output.column.equals(columns[i])) {
                    outputs[i] = output;
                    wanted.add(output);
                }
            }
            converters.add(outputs[i] == null ? null : CatalystTypeConverters.createToCatalystConverter(
                    outputs[i].type));
        }
        parsed = wanted.toArray(new Output[0]);
        // Read only for a query that selects the column: a token cap loads its encoding, which the others never use.
        chunking = wanted.contains(Output.CHUNKS) ? ChunkSpec.parse(factory.chunks(), ChunkSpec.SOURCE_OPTION)
                : ChunkOptions.defaults();
    }

    /**
     * The options a file is parsed with: the {@code dialect} and {@code extensions} options when a dialect is given;
     * otherwise an MDX page for {@code *.mdx} (or for every file of the {@code mdx} format), CommonMark for the rest,
     * with the extensions option added. The limits are the conf's.
     */
    static ParseOptions options(Settings settings, String dialect, String extensions, boolean mdx, String path) {
        if (dialect != null || !(mdx || path.toLowerCase(Locale.ROOT).endsWith(".mdx"))) {
            return settings.options(dialect, extensions);
        }
        return settings.withConf(Settings.withExtensions(Settings.MDX_PAGE, extensions));
    }

    @Override
    public boolean next() {
        if (!files.hasNext()) {
            return false;
        }
        FileGroup.File file = files.next();
        Object[] values = parsed.length == 0 ? new Object[0] : parse(file);
        Object[] cells = new Object[outputs.length];
        int next = 0;
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] != null) {
                cells[i] = converters.get(i).apply(values[next++]);
                continue;
            }
            cells[i] = switch (factory.columns()[i]) {
                case "path" -> UTF8String.fromString(file.path());
                case "size" -> file.size();
                case "modificationTime" -> file.modificationTime() * 1000L; // Spark's timestamps are microseconds
                default -> throw new IllegalStateException("no column " + factory.columns()[i]);
            };
        }
        row = new GenericInternalRow(cells);
        return true;
    }

    private Object[] parse(FileGroup.File file) {
        ParseOptions options = options(factory.settings(), factory.dialect(), factory.extensions(), factory.mdx(),
                file.path());
        if (file.size() > options.maxInputBytes()) {
            // Refused before it is read, as the engine would refuse it after: a huge file costs no memory.
            return Output.failed(Output.errors(new OcpException(OcpException.Code.LIMIT_EXCEEDED, "input of "
                    + file.size() + " bytes exceeds maxInputBytes " + options.maxInputBytes())), parsed);
        }
        if (file.size() > MAX_ARRAY) {
            return Output.failed(Output.errors(new OcpException(OcpException.Code.LIMIT_EXCEEDED, "input of "
                    + file.size() + " bytes is more than one Java array holds (" + MAX_ARRAY + ")")), parsed);
        }
        byte[] source;
        try {
            source = read(file);
        } catch (IOException e) {
            // Gone or changed since it was listed, or no longer readable: the row says so, the task goes on (as
            // ocp check reports a file it cannot read and goes on).
            return Output.failed(List.of(RowFactory.create(null, null, "ocp:unreadable", "cannot read: " + e)),
                    parsed);
        }
        int bad = firstNonUtf8(source);
        if (bad >= 0) {
            // The engines would parse it (invalid UTF-8 shows as U+FFFD), but a file that is not UTF-8 text is an
            // image, an archive or another encoding under a Markdown name: say so rather than index mojibake.
            LineIndex lines = LineIndex.of(source);
            return Output.failed(List.of(RowFactory.create(lines.line(bad), lines.column(bad), "ocp:invalid-input",
                    String.format("not UTF-8 text: byte 0x%02X at offset %d (a binary file?)", source[bad] & 0xFF,
                            bad))), parsed);
        }
        return Output.render(Engines.of(factory.settings()), source, options, chunking, parsed);
    }

    /** @return the offset of the first byte that is not part of valid UTF-8, or -1 */
    static int firstNonUtf8(byte[] source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(source);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return decoder.flush(out).isError() ? in.position() : -1;
            }
            out.clear();
        }
    }

    private byte[] read(FileGroup.File file) throws IOException {
        Path path = new Path(file.path());
        FileSystem fs = path.getFileSystem(factory.hadoop().value().get());
        byte[] bytes = new byte[(int) file.size()];
        try (FSDataInputStream in = fs.open(path)) {
            in.readFully(bytes);
            if (in.read() != -1) {
                throw new IOException("it grew after it was listed at " + file.size() + " bytes");
            }
        }
        return bytes;
    }

    @Override
    public InternalRow get() {
        return row;
    }

    @Override
    public void close() {
        // Each document is closed within its row; nothing stays open between rows.
    }
}
