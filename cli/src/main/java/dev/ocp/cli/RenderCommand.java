package dev.ocp.cli;

import dev.ocp.HtmlOptions;
import dev.ocp.OcpDocument;
import dev.ocp.OcpEngine;
import dev.ocp.OcpException;
import dev.ocp.ParseOptions;
import dev.ocp.ProviderInfo;
import dev.ocp.markdown.MarkdownOptions;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * {@code ocp html}, {@code ocp json}, {@code ocp mdast}, {@code ocp markdown} and {@code ocp dump}: parse one input
 * and write what it became. ({@code ocp markdown --check} takes many files: {@link MarkdownCheck}.)
 */
final class RenderCommand {
    private static final Map<String, String> RENDER_OPTIONS =
            Options.of("--engine", "E", "--dialect", "D", "--with", "X,Y");
    private static final Map<String, String> HTML_OPTIONS =
            Options.of("--engine", "E", "--dialect", "D", "--with", "X,Y", "--safe", "", "--heading-ids", "");
    private static final Map<String, String> DUMP_OPTIONS =
            Options.of("--engine", "E", "--dialect", "D", "--with", "X,Y", "--output", "OUT");
    private static final Map<String, String> MARKDOWN_OPTIONS =
            Options.plus(Options.plus(RENDER_OPTIONS, "--check", ""), MarkdownStyle.OPTIONS);

    private RenderCommand() {
    }

    static int run(String command, List<String> tokens, Session session) {
        boolean dump = command.equals("dump");
        boolean markdown = command.equals("markdown");
        Args args = Args.parse(command, tokens, options(command), dump ? Options.OUTPUT_ALIAS : Options.NO_ALIASES);
        // Read before the input: a bad value is refused without waiting for standard input.
        MarkdownOptions style = markdown ? MarkdownStyle.of(args) : null;
        if (markdown && args.flag("--check")) {
            return MarkdownCheck.run(args, style, session);
        }
        args.atMostOperands(1, "input (FILE or - for standard input)");
        String output = args.value("--output");
        if (dump && output == null) {
            throw new UsageException("ocp dump: say where to write the payload with -o OUT (or -o - for standard "
                    + "output)");
        }
        if (dump && args.operands().isEmpty()) {
            throw new UsageException("ocp dump: give the Markdown FILE to parse (or - for standard input)");
        }
        String operand = args.operands().isEmpty() ? null : args.operands().get(0);
        // ocp markdown reads a *.mdx file as --check does, so that what it writes is what --check expects.
        ParseOptions options = markdown
                ? Catalog.parseOptions(args.value("--dialect"), args.value("--with"), operand)
                : Catalog.parseOptions(args.value("--dialect"), args.value("--with"));
        ProviderInfo provider = session.catalog().resolve(args.value("--engine"), options);
        byte[] input = session.readInput(operand);
        try (OcpEngine engine = Catalog.open(provider); OcpDocument document = engine.parse(input, options)) {
            if (dump) {
                return dump(document, output, session);
            }
            Writer writer = new BufferedWriter(new OutputStreamWriter(session.out(), StandardCharsets.UTF_8));
            if (command.equals("html")) {
                HtmlOptions html = args.flag("--safe") ? HtmlOptions.safe() : HtmlOptions.defaults();
                document.renderHtml(writer, html.withHeadingIds(args.flag("--heading-ids")));
            } else if (markdown) {
                document.renderMarkdown(writer, style);
            } else if (command.equals("mdast")) {
                document.renderMdast(writer, input);
                writer.write('\n');
            } else {
                document.renderJson(writer);
                writer.write('\n');
            }
            writer.flush();
            return 0;
        } catch (OcpException e) {
            if (e.syntaxError() == null) {
                throw e;
            }
            // FILE:LINE:COLUMN: REASON (ocp:RULE), the form editors and terminals link to the place.
            session.err().println((operand == null || operand.equals("-") ? "<stdin>" : operand) + ":"
                    + e.syntaxError());
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> options(String command) {
        switch (command) {
            case "html":
                return HTML_OPTIONS;
            case "markdown":
                return MARKDOWN_OPTIONS;
            case "dump":
                return DUMP_OPTIONS;
            default:
                return RENDER_OPTIONS;
        }
    }

    private static int dump(OcpDocument document, String output, Session session) throws IOException {
        ByteBuffer payload = document.bytes();
        int size = payload.remaining();
        if (output.equals("-")) {
            // The payload view is read-only and may be off-heap: copy it out in chunks, not all at once.
            byte[] chunk = new byte[Math.min(size, 64 * 1024)];
            while (payload.hasRemaining()) {
                int n = Math.min(chunk.length, payload.remaining());
                payload.get(chunk, 0, n);
                session.out().write(chunk, 0, n);
            }
            session.out().flush();
            return 0;
        }
        Path file = Path.of(output);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (payload.hasRemaining()) {
                channel.write(payload);
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot write " + file + ": its directory does not exist", e);
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + ": " + e, e);
        }
        session.out().println("wrote " + Format.count(size) + " bytes of OCP to " + file);
        return 0;
    }
}
