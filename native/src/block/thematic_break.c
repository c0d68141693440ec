/*
 * Thematic breaks.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * Three or more of the same '*', '-' or '_', with any spaces or tabs between them and nothing else on the line,
 * indented at most three spaces. It may interrupt a paragraph; a line of '-' under a paragraph is a setext
 * underline first, and a list item start is tried after a break. The node is added in line.c (process_line).
 *
 * References: CommonMark 0.31.2 section 4.1 "Thematic breaks"; micromark thematicBreak; markdown-rs
 * construct/thematic_break.rs.
 */

static bool is_thematic_break(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    uint8_t m = src[at];
    int32_t count = 0;
    for (int32_t i = at; i < p->line_end; i++) {
        p->work++;
        uint8_t b = src[i];
        if (b == m) {
            count++;
        } else if (!is_space_or_tab(b)) {
            p->break_kill = i;
            return false;
        }
    }
    if (count < 3) {
        p->break_kill = p->line_end;
        return false;
    }
    return true;
}
