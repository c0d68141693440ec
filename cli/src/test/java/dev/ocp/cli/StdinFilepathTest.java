package dev.ocp.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --stdin-filepath NAME}: standard input is read as a file of that name would be (the dialect of
 * {@code *.mdx}), and messages name it, for editors and hooks that pipe a buffer through {@code ocp}.
 */
class StdinFilepathTest {
    private static final String JSX = "# Hi <X y=\"1\" />\n";

    @Test
    void anMdxNameReadsStandardInputAsAnMdxPage() {
        Run plain = Run.of(Catalog.installed(), JSX, "html", "-");
        assertEquals(0, plain.status(), plain.toString());
        assertEquals("<h1>Hi <X y=\"1\" /></h1>\n", plain.out(), "without a name: CommonMark, the tag is raw HTML");
        Run named = Run.of(Catalog.installed(), JSX, "html", "--stdin-filepath", "docs/page.mdx");
        assertEquals(0, named.status(), named.toString());
        assertEquals("<h1>Hi </h1>\n", named.out(), "as an MDX page: the element is JSX, which HTML leaves out");
        Run md = Run.of(Catalog.installed(), JSX, "html", "--stdin-filepath", "docs/page.md", "-");
        assertEquals(plain.out(), md.out(), "a *.md name is CommonMark");
        Run dialect = Run.of(Catalog.installed(), JSX, "html", "--dialect", "commonmark", "--stdin-filepath", "p.mdx");
        assertEquals(plain.out(), dialect.out(), "--dialect wins over the name, as over a file's");
    }

    @Test
    void messagesNameTheFile() {
        Run html = Run.of(Catalog.installed(), "# Hi\n\n<X y={\n", "html", "--stdin-filepath", "docs/page.mdx");
        assertEquals(1, html.status(), html.toString());
        assertTrue(html.err().startsWith("docs/page.mdx:4:1: "), html.err());
        Run check = Run.of(Catalog.installed(), "-   a\n", "markdown", "--check", "--stdin-filepath", "notes.md", "-");
        assertEquals(1, check.status(), check.toString());
        assertEquals("notes.md\n", check.out());
        Run normalized = Run.of(Catalog.installed(), "-   a\n", "markdown", "--stdin-filepath", "notes.md");
        assertEquals("- a\n", normalized.out());
    }

    @Test
    void everyCommandThatReadsStandardInputTakesIt() {
        for (String command : new String[] {"html", "json", "mdast", "text", "markdown"}) {
            Run run = Run.of(Catalog.installed(), JSX, command, "--stdin-filepath", "page.mdx");
            assertEquals(0, run.status(), command + ": " + run);
            Run help = Run.installed(command, "--help");
            assertTrue(help.out().contains("--stdin-filepath NAME"), command + ": " + help.out());
        }
        Run dump = Run.of(Catalog.installed(), JSX, "dump", "--stdin-filepath", "page.mdx", "-", "-o", "-");
        assertEquals(0, dump.status(), dump.toString());
    }

    @Test
    void aNameWithAFileIsAUsageError() {
        Run run = Run.installed("html", "--stdin-filepath", "a.mdx", "README.md");
        assertEquals(2, run.status(), run.toString());
        assertTrue(run.err().contains("--stdin-filepath names standard input"), run.err());
    }
}
