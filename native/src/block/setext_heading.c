/*
 * Setext heading underlines.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * A line of '=' (level 1) or '-' (level 2), indented at most three spaces, with only spaces or tabs after it,
 * turns the paragraph it follows into a heading, once that paragraph's leading link reference definitions are
 * taken off; a paragraph that was nothing but definitions leaves the line to be a paragraph (or a thematic break)
 * instead. The underline cannot be a lazy continuation line.
 *
 * References: CommonMark 0.31.2 section 4.3 "Setext headings"; micromark setextUnderline; markdown-rs
 * construct/heading_setext.rs.
 */

/* Returns 1 or 2 if the line from at is a setext heading underline, else 0. */
static int32_t setext_level(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    uint8_t m = src[at];
    int32_t q = at;
    while (q < p->line_end && src[q] == m) {
        q++;
    }
    while (q < p->line_end && is_space_or_tab(src[q])) {
        q++;
    }
    if (q != p->line_end) {
        return 0;
    }
    return m == '=' ? 1 : 2;
}

/* Reads a heading id at the end of the heading's last line (heading_id in atx_heading.c, the same rule) and cuts it
 * off; a last line left empty is dropped, so the line before it ends the content. Returns the heading's lines. */
static int32_t setext_heading_id(block_parser *p, int32_t node, int32_t lines) {
    int32_t last = p->leaf_first + lines - 1;
    int32_t s = p->lines[last].start;
    int32_t e = p->lines[last].end;
    while (e > s && is_space_or_tab(p->src[e - 1])) {
        e--;
    }
    int32_t end = heading_id(p, node, s, e);
    if (end == e) {
        return lines;
    }
    p->lines[last].end = end;
    return end == s && lines > 1 ? lines - 1 : lines;
}

/* Turns the paragraph on top (k) into a setext heading of level ending on this line, unless it held nothing but
 * link reference definitions. Returns false if the paragraph was only definitions (the line is then tried as
 * something else). */
static bool setext_heading(block_parser *p, int32_t k, int32_t level) {
    int32_t paragraph_start = ocp_tree_span_start(p->tree, p->st[k].node);
    int32_t remaining = resolve_definitions(p, k);
    if (remaining == 0) {
        return false;
    }
    int32_t node = p->st[k].node;
    if (ocp_tree_span_start(p->tree, node) != paragraph_start) {
        ocp_tree_set_number(p->tree, node, 0, paragraph_start); /* v1.5: where the paragraph began */
    }
    ocp_tree_set_kind(p->tree, node, OCP_KIND_HEADING);
    ocp_tree_set_data(p->tree, node, level);
    ocp_tree_set_flags(p->tree, node, OCP_FLAG_HEADING_SETEXT);
    p->st[k].kind = HEADING;
    p->st[k].end = p->line_end;
    p->st[k].end_line = p->line_number;
    if (p->heading_ids) {
        remaining = setext_heading_id(p, node, remaining);
    }
    add_leaf(p, node, p->leaf_first, remaining);
    close_top(p);
    return true;
}
