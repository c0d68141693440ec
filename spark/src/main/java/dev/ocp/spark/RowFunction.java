package dev.ocp.spark;

import dev.ocp.OcpEngine;
import dev.ocp.ParseOptions;
import org.apache.spark.sql.api.java.UDF3;
import scala.runtime.AbstractFunction3;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One SQL function over one row: {@code (text, dialect, extensions) -> output}. The same object serves the SQL path
 * (as a Scala function, inside a {@code ScalaUDF}) and the DataFrame path (as a {@link UDF3}). It carries the
 * driver's {@link Settings}; the engine it parses with is the executor's own ({@link Engines}).
 */
final class RowFunction extends AbstractFunction3<String, String, String, Object>
        implements UDF3<String, String, String, Object> {
    private static final long serialVersionUID = 1L;

    private final Output output;
    private final Settings settings;
    /** The options argument of {@code ocp_chunks} ({@link ChunkSpec}), null for the defaults. */
    private final String chunkSpec;
    private transient volatile dev.ocp.chunk.ChunkOptions chunking;
    /** The options of the last row's dialect and extensions: a column usually holds one pair throughout. */
    private transient volatile Cached last;

    private record Cached(String dialect, String extensions, ParseOptions options) {
    }

    RowFunction(Output output, Settings settings) {
        this(output, settings, null);
    }

    RowFunction(Output output, Settings settings, String chunkSpec) {
        this.output = output;
        this.settings = settings;
        this.chunkSpec = chunkSpec;
        ChunkSpec.parse(chunkSpec, ChunkSpec.FUNCTION); // a bad spec fails where the query is built, not on an executor
    }

    @Override
    public Object apply(String text, String dialect, String extensions) {
        if (text == null) {
            return null;
        }
        OcpEngine engine = Engines.of(settings);
        dev.ocp.chunk.ChunkOptions chunks = chunking;
        if (chunks == null) {
            chunks = ChunkSpec.parse(chunkSpec, ChunkSpec.FUNCTION);
            chunking = chunks;
        }
        return Output.render(engine, text.getBytes(StandardCharsets.UTF_8), options(dialect, extensions), chunks,
                output)[0];
    }

    private ParseOptions options(String dialect, String extensions) {
        Cached cached = last;
        if (cached == null || !Objects.equals(cached.dialect(), dialect)
                || !Objects.equals(cached.extensions(), extensions)) {
            cached = new Cached(dialect, extensions, settings.options(dialect, extensions));
            last = cached;
        }
        return cached.options();
    }

    @Override
    public Object call(String text, String dialect, String extensions) {
        return apply(text, dialect, extensions);
    }
}
