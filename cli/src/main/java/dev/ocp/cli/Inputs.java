package dev.ocp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The documents {@code ocp compare} parses and {@code ocp markdown --check} checks: named files, every Markdown file
 * under a directory, or samples.
 */
final class Inputs {
    /** The sample documents bundled in the jar, smallest first. */
    static final List<String> SAMPLES = List.of("tiny.md", "inline-soup.md", "lists-and-quotes.md",
            "readme.md", "release-notes.md", "article.md");
    private static final String SAMPLE_DIR = "/dev/ocp/cli/samples/";

    private Inputs() {
    }

    /**
     * One document.
     *
     * @param name  how to refer to it in messages
     * @param bytes its content
     */
    record Input(String name, byte[] bytes) {
    }

    static List<Input> samples() {
        List<Input> inputs = new ArrayList<>();
        for (String name : SAMPLES) {
            try (InputStream in = Inputs.class.getResourceAsStream(SAMPLE_DIR + name)) {
                if (in == null) {
                    throw new IllegalStateException("sample " + name + " is missing from the ocp jar");
                }
                inputs.add(new Input(name, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return inputs;
    }

    /**
     * @param operands files (taken whatever their name) and directories (searched for *.md, *.markdown, *.mdx)
     * @return their documents, each directory's in path order
     * @throws UsageException for a missing path, or a directory without Markdown files
     */
    static List<Input> collect(List<String> operands) {
        List<Input> inputs = new ArrayList<>();
        for (String operand : operands) {
            Path path = Path.of(operand);
            if (Files.isDirectory(path)) {
                List<Path> files = markdownUnder(path);
                if (files.isEmpty()) {
                    throw new UsageException("no *.md, *.markdown or *.mdx file under " + path);
                }
                for (Path file : files) {
                    inputs.add(new Input(path.relativize(file).toString(), Session.readFile(file)));
                }
            } else if (Files.exists(path)) {
                inputs.add(new Input(operand, Session.readFile(path)));
            } else {
                throw new UsageException("no such file or directory: " + operand);
            }
        }
        return inputs;
    }

    /** @return the Markdown files under {@code dir}, in path order, each named by {@code dir} and its path below */
    static List<Path> markdownUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(Inputs::isMarkdown).sorted()
                    .collect(Collectors.toList());
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    static boolean isMarkdown(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".markdown") || name.endsWith(".mdx");
    }

    /** @return whether the file is named as an MDX page ({@code *.mdx}, any case) */
    static boolean isMdx(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".mdx");
    }
}
