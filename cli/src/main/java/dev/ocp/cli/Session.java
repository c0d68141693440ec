package dev.ocp.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What a command works with: its streams and the engines to choose from. One per run of {@link Main}.
 *
 * @param in      standard input
 * @param out     standard output: the command's results
 * @param err     standard error: messages and progress
 * @param catalog the engines
 */
record Session(InputStream in, PrintStream out, PrintStream err, Catalog catalog) {

    /**
     * @param operand a file name, {@code -} or {@code null} (both meaning standard input)
     * @return its bytes
     * @throws UsageException if the file is missing, a directory or unreadable
     */
    byte[] readInput(String operand) {
        if (operand == null || operand.equals("-")) {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UsageException("cannot read standard input: " + e.getMessage(), e);
            }
        }
        return readFile(Path.of(operand));
    }

    /**
     * @throws UsageException if the file is missing, a directory or unreadable
     */
    static byte[] readFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException(file + " is a directory; give a Markdown file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file, e);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e, e);
        }
    }
}
