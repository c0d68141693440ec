package dev.ocp.engine.java;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared test corpus: the directory named by the system property {@code ocp.corpus}, or else the first
 * {@code shared/corpus} found walking up from the working directory. The corpus is not part of the repository, so
 * tests that use it skip (saying why) when it is absent.
 */
final class Corpus {
    private Corpus() {
    }

    /** @return the corpus directory, or {@code null} if there is none */
    static Path directory() {
        String property = System.getProperty("ocp.corpus");
        if (property != null && !property.isEmpty()) {
            Path p = Path.of(property);
            return Files.isDirectory(p) ? p : null;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("corpus");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** @return progit/progit.md of the corpus, or {@code null} if it is absent */
    static Path progit() {
        Path dir = directory();
        if (dir == null) {
            return null;
        }
        Path file = dir.resolve("progit").resolve("progit.md");
        return Files.isRegularFile(file) ? file : null;
    }
}
