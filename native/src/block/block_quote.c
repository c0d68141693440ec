/*
 * Block quotes.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * A '>' indented at most three spaces, with one following space or tab (a tab possibly in part), opens or
 * continues a block quote; a paragraph inside may go on lazily on a line without the marker. Block quotes may
 * interrupt a paragraph and hold any blocks.
 *
 * No function of its own: the continuation (step 1) and the start (step 2) are the QUOTE branches of
 * process_line in line.c, and push() in block_stack.c keeps quote_at, the stack index of each open
 * quote, which lets a blank line skip the list items between two quotes at once.
 *
 * References: CommonMark 0.31.2 section 5.1 "Block quotes"; micromark blockQuote; markdown-rs
 * construct/block_quote.rs.
 */
