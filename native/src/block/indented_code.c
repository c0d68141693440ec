/*
 * Indented code blocks.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * A line indented four or more columns that cannot be a lazy paragraph line starts a code block; it goes on with
 * every line indented that far and with blank lines, and the blank lines at its end are not part of it. Not in
 * MDX, where indentation means nothing.
 *
 * Here is add_code_line, which adds a line to any code-like block (fenced or indented code, HTML, ESM) and, for
 * indented code, keeps the blank lines after its last line of text apart: they are not part of the block, but
 * mdast keeps those indented four columns or more (format v1.5). The start and the continuation are branches of
 * process_line (line.c, the tests of CODE_INDENT and INDENTED); the literal is written by finish_literal
 * (leaf_content.c).
 *
 * References: CommonMark 0.31.2 section 4.4 "Indented code blocks"; micromark codeIndented; markdown-rs
 * construct/code_indented.rs.
 */

/* Adds the rest of the line to the code or HTML block k, a partly consumed tab as spaces. */
static void add_code_line(block_parser *p, int32_t k) {
    int32_t start = p->offset;
    int32_t pad = 0;
    if (p->partial_tab) {
        start++;
        pad = TAB_STOP - p->column % TAB_STOP;
    }
    add_line(p, start, p->line_end, pad);
    if (p->st[k].kind == INDENTED) {
        if (p->blank) {
            if (!p->shallow_blank_line) {
                p->leaf_last_indented_blank = p->line_count - 1;
            }
            return; /* trailing blank lines are not part of an indented code block */
        }
        p->leaf_last_text = p->line_count - 1;
    }
    p->st[k].end = p->line_end;
    p->st[k].end_line = p->line_number;
}
