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
 * {@code ocp html}, {@code ocp json}, {@code ocp mdast}, {@code ocp text}, {@code ocp markdown} and {@code ocp dump}:
 * parse one input and write what it became. ({@code ocp markdown --check} and {@code --write} take many files: {@link MarkdownCheck}.)
 */
final class RenderCommand {
    /** The options of json, mdast and text; html, dump and markdown take more. */
    static final Map<String, String> RENDER_OPTIONS =
            Options.plus(Options.of("--engine", "E", "--dialect", "D", "--with", "X,Y", "--stdin-filepath", "NAME"),
                    Options.LIMITS);
    static final Map<String, String> HTML_OPTIONS =
            Options.plus(RENDER_OPTIONS, "--safe", "", "--heading-ids", "");
    static final Map<String, String> DUMP_OPTIONS = Options.plus(RENDER_OPTIONS, "--output", "OUT");
    static final Map<String, String> MARKDOWN_OPTIONS =
            Options.plus(Options.plus(RENDER_OPTIONS, "--check", "", "--write", ""), MarkdownStyle.OPTIONS);

    private RenderCommand() {
    }

    static int run(CommandLineArgs args, Session session) {
        boolean dump = args.command().equals("dump");
        boolean markdown = args.command().equals("markdown");
        // Read before the input: a bad value is refused without waiting for standard input.
        MarkdownOptions style = markdown ? MarkdownStyle.of(args) : null;
        if (markdown && (args.flag("--check") || args.flag("--write"))) {
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
        String stdinName = stdinName(args, operand == null ? List.of() : List.of(operand));
        boolean stdin = operand == null || operand.equals("-");
        // A *.mdx file is read as an MDX page, as ocp markdown --check, convert and check read it, so that each
        // command says the same of the same file; standard input as the file --stdin-filepath names.
        ParseOptions options = Catalog.withLimits(
                Catalog.parseOptions(args.value("--dialect"), args.value("--with"), stdin ? stdinName : operand), args);
        ProviderInfo provider = session.catalog().resolve(args.value("--engine"), options);
        byte[] input = session.readInput(operand);
        try (OcpEngine engine = Catalog.open(provider)) {
            try (OcpDocument document = engine.parse(input, options)) {
                if (dump) {
                    return dump(document, output, session);
                }
                Writer writer = new BufferedWriter(new OutputStreamWriter(session.out(), StandardCharsets.UTF_8));
                if (markdown) {
                    document.renderMarkdown(writer, style);
                } else {
                    render(args.command(), document, input, htmlOptions(args), writer);
                }
                writer.flush();
                return 0;
            } catch (OcpException e) {
                if (e.syntaxError() == null && e.code() != OcpException.Code.LIMIT_EXCEEDED) {
                    throw e;
                }
                // The engine is still open here: a limit's place may take a second parse to find.
                String name = stdin ? (stdinName == null ? "<stdin>" : stdinName) : operand;
                session.err().println(Diagnostic.of(name, e, engine, input, options));
                return e.syntaxError() != null ? 1 : Main.exitStatus(e.code());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code --stdin-filepath NAME}: the name of the file standard input holds, as an editor or a hook that pipes a
     * buffer knows it: the dialect follows from it as from a file's name ({@code *.mdx}), and messages name it.
     *
     * @param args     a command line whose command takes the option
     * @param operands its inputs
     * @return the name, or {@code null} when not given
     * @throws UsageException when given but no input is standard input
     */
    static String stdinName(CommandLineArgs args, List<String> operands) {
        String name = args.value("--stdin-filepath");
        if (name != null && !operands.isEmpty() && !operands.contains("-")) {
            throw new UsageException("ocp " + args.command() + ": --stdin-filepath names standard input, which it"
                    + " reads without a FILE or with -; here it reads " + String.join(" ", operands));
        }
        if (name != null && name.isBlank()) {
            throw new UsageException("ocp " + args.command() + ": --stdin-filepath needs a file name");
        }
        return name;
    }

    /** @return the HTML options of {@code --safe} and {@code --heading-ids}, for a command that takes them */
    static HtmlOptions htmlOptions(CommandLineArgs args) {
        HtmlOptions html = args.flag("--safe") ? HtmlOptions.safe() : HtmlOptions.defaults();
        return html.withHeadingIds(args.flag("--heading-ids"));
    }

    /**
     * Writes a document as {@code ocp html}, {@code json}, {@code mdast} or {@code text} writes it: one place, so
     * that {@code ocp convert} writes each file byte for byte what these commands write.
     *
     * @param format html, json, mdast or text
     * @param input  the bytes the document was parsed from (mdast positions need them)
     * @param html   how to write HTML
     */
    static void render(String format, OcpDocument document, byte[] input, HtmlOptions html, Writer out)
            throws IOException {
        switch (format) {
            case "html":
                document.renderHtml(out, html);
                break;
            case "mdast":
                document.renderMdast(out, input);
                out.write('\n');
                break;
            case "json":
                document.renderJson(out);
                out.write('\n');
                break;
            case "text":
                document.renderText(out);
                break;
            default:
                throw new IllegalArgumentException("no rendering named " + format);
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
