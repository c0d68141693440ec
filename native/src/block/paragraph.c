/*
 * Paragraphs: paragraph lines, lazy continuation lines, finishing a paragraph.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * Lines that start no other block form a paragraph; a line that would only continue it (its containers' markers
 * missing) is a lazy continuation line. Finishing a paragraph first takes link reference definitions off its
 * start (resolve_definitions, through the inline parser's ocp_inline_parse_definition, block/definition.c); a
 * paragraph left empty is removed; with GFM its first line may mark a task item; the rest waits for the inline
 * phase.
 *
 * References: CommonMark 0.31.2 sections 4.8 "Paragraphs", 5.1 (laziness) and 4.7; micromark content and
 * paragraph; markdown-rs construct/paragraph.rs and construct/partial_non_lazy_continuation.rs.
 */

/* Adds the line from its first non-space byte to paragraph k (also for lazy continuation lines). */
static void add_paragraph_line(block_parser *p, int32_t k) {
    if (p->line_count == p->leaf_first) {
        ocp_tree_set_span(p->tree, p->st[k].node, p->nonspace, p->line_end);
    }
    /* The indentation it loses is kept beside it: a code span across lines keeps it in its content as written. */
    add_indented_line(p, p->nonspace, p->line_end, p->partial_tab ? TAB_STOP - p->column % TAB_STOP : 0,
                      p->partial_tab ? p->offset + 1 : p->offset);
    p->st[k].end = p->line_end;
    p->st[k].end_line = p->line_number;
}

/* Closes paragraph k: takes link reference definitions off its start, then queues the rest for the inline phase,
 * or unlinks the paragraph if nothing is left. */
static void finish_paragraph(block_parser *p, int32_t k) {
    int32_t first = p->leaf_first;
    int32_t remaining = resolve_definitions(p, k);
    int32_t node = p->st[k].node;
    if (remaining == 0) {
        ocp_tree_unlink(p->tree, p->st[k - 1].node, node);
        p->line_count = first;
        return;
    }
    if (p->gfm && p->st[k - 1].kind == ITEM) {
        task_item(p, k, remaining);
    }
    if (p->alerts && k == 2) {
        remaining = alert_marker_paragraph(p, k, remaining);
        if (remaining == 0) {
            return; /* the marker alone: its quote decides, when it closes (block/alert.c) */
        }
    }
    add_leaf(p, node, p->leaf_first, remaining);
}

/* Lets the inline parser take link reference definitions off the start of paragraph k's content; they become
 * DEFINITION nodes before it. Moves leaf_first past the lines they used. Returns the number of lines left. */
static int32_t resolve_definitions(block_parser *p, int32_t k) {
    int32_t lines = p->line_count - p->leaf_first;
    if (lines == 0 || p->src[p->lines[p->leaf_first].start] != '[') {
        return lines;
    }
    build_content(p, p->leaf_first, lines);
    ocp_inline_forget_scans(p->inline_parser);
    const uint8_t *buf = p->content_buf;
    int32_t pos = p->content_off;
    int32_t end = p->content_off + p->content_len;
    while (pos < end && buf[pos] == '[') {
        int32_t used = ocp_inline_parse_definition(p->inline_parser, buf, pos, end - pos, &p->map,
                                                   p->st[k - 1].node, p->st[k].node);
        if (used <= 0) {
            break;
        }
        pos += used;
    }
    if (pos == p->content_off) {
        return lines;
    }
    if (pos >= end) {
        /* The last definition ends the content, whose last line lost its trailing whitespace: end it with its
         * line, as every block does. */
        ocp_tree_set_span_end(p->tree, ocp_tree_previous_sibling(p->tree, p->st[k].node), p->st[k].end);
        p->leaf_first = p->line_count;
        return 0;
    }
    int32_t line = ocp_content_map_line_of(&p->map, pos);
    if (ocp_content_map_line_content_start(&p->map, line) != pos) {
        ocp_fail(p->ctx, OCP_INTERNAL, "a link reference definition ended inside a line");
    }
    p->leaf_first += line;
    ocp_tree_set_span(p->tree, p->st[k].node, p->lines[p->leaf_first].start, p->st[k].end);
    return p->line_count - p->leaf_first;
}
