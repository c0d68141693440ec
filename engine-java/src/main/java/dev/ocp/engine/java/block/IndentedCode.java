package dev.ocp.engine.java.block;

/**
 * Indented code: a line indented four or more columns past its containers, that cannot be a lazy paragraph
 * continuation, starts an indented code block; later lines continue it when indented four columns, or when blank.
 * Trailing blank lines are not part of it. Not in MDX, where indentation means nothing.
 *
 * <p>The code of this construct lives where the per-line driver reads it, so that the hot loop stays one method:
 * {@link Line#processLine} opens the block (the {@code indented} branch of its block starts) and continues it (the
 * {@code INDENTED} case of its continuation checks); {@link LeafContent#addCodeLine} keeps the lines and tracks the
 * trailing blank ones; {@link LeafContent#finishLiteral} builds the literal. This file only documents it.
 *
 * <p>References: CommonMark 0.31.2, section 4.4 (Indented code blocks); micromark and markdown-rs construct
 * {@code code_indented}.
 */
public final class IndentedCode {
    private IndentedCode() {
    }
}
