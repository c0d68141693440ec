/*
 * HTML blocks.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * Seven kinds, told apart by how they start ('<script', '<pre', '<style', '<textarea'; a comment; a processing
 * instruction; a declaration; CDATA; a known block tag name; any complete open or closing tag alone on its line)
 * and ending at the line holding the kind's end marker (kinds 1 to 5) or before a blank line (6 and 7, and kind 7
 * cannot interrupt a paragraph). Not in MDX, where '<' starts JSX.
 *
 * No function of its own here: the start and end conditions are src/html_blocks.c (a compilation unit of its own,
 * html_blocks.h, tested alone by test/block_html_blocks_test.c); opening, continuing and closing the block are the
 * HTML branches of process_line in line.c, and its literal is written by finish_literal in leaf_content.c.
 *
 * References: CommonMark 0.31.2 section 4.6 "HTML blocks"; GFM spec 6.11 "Disallowed Raw HTML (extension)" (a
 * renderer's matter); micromark htmlFlow; markdown-rs construct/html_flow.rs.
 */
