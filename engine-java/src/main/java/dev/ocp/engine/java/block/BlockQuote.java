package dev.ocp.engine.java.block;

/**
 * Block quotes: a {@code >} indented up to three spaces, with one following space or tab taken as part of the
 * marker, opens or continues a block quote; a line without the marker continues it only as a lazy paragraph
 * continuation. In MDX the marker may be indented any amount.
 *
 * <p>The code of this construct lives where the per-line driver reads it, so that the hot loop stays one method:
 * {@link Line#processLine} continues open quotes (the {@code QUOTE} case of its continuation checks) and opens new
 * ones (the {@code '>'} branch of its block starts); {@link BlockStack} keeps the quote index used to skip runs of
 * lists on blank lines; {@link MdxFlow} re-reads quote prefixes on the continuation lines of flow JSX. This file only
 * documents it.
 *
 * <p>References: CommonMark 0.31.2, section 5.1 (Block quotes); micromark and markdown-rs construct
 * {@code block_quote}.
 */
public final class BlockQuote {
    private BlockQuote() {
    }
}
