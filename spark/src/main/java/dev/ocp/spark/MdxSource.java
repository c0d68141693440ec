package dev.ocp.spark;

/**
 * {@code spark.read.format("mdx")}: as {@link MarkdownSource}, with every file read as an MDX page (MDX with GFM,
 * frontmatter and math) unless the options say otherwise.
 */
public final class MdxSource extends MarkdownSource {
    /** Made by Spark, found through {@code META-INF/services}. */
    public MdxSource() {
    }

    @Override
    public String shortName() {
        return "mdx";
    }

    @Override
    boolean mdx() {
        return true;
    }
}
