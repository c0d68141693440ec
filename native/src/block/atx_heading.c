/*
 * ATX headings.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * One to six '#' after at most three spaces of indentation, then a space, a tab or the end of the line. The
 * content is the rest of the line, trimmed, without a closing run of '#' that stands after a space or tab (or
 * alone). A heading is one line and may interrupt a paragraph.
 *
 * References: CommonMark 0.31.2 section 4.2 "ATX headings"; micromark headingAtx; markdown-rs
 * construct/heading_atx.rs.
 */

/* Returns the level of an ATX heading opening at at, or 0. */
static int32_t atx_level(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    int32_t q = at;
    while (q < p->line_end && src[q] == '#' && q - at < 7) {
        q++;
    }
    int32_t level = q - at;
    if (level > 6 || (q < p->line_end && !is_space_or_tab(src[q]))) {
        return 0;
    }
    return level;
}

static void atx_heading(block_parser *p, int32_t container, int32_t level) {
    const uint8_t *src = p->src;
    int32_t line_end = p->line_end;
    int32_t parent = prepare(p, container, LEAF);
    int32_t node = ocp_tree_add(p->tree, OCP_KIND_HEADING, p->st[parent].node, p->nonspace, line_end);
    ocp_tree_set_data(p->tree, node, level);
    int32_t s = p->nonspace + level;
    while (s < line_end && is_space_or_tab(src[s])) {
        s++;
    }
    int32_t e = line_end;
    while (e > s && is_space_or_tab(src[e - 1])) {
        e--;
    }
    int32_t h = e;
    while (h > s && src[h - 1] == '#') {
        h--;
    }
    if (h < e) {
        if (h == s) {
            e = s; /* only a closing sequence (s is past at least one space after the opening one) */
        } else if (is_space_or_tab(src[h - 1])) {
            e = h;
            while (e > s && is_space_or_tab(src[e - 1])) {
                e--;
            }
        }
    }
    add_line(p, s, e, 0);
    add_leaf(p, node, p->line_count - 1, 1);
    leaf_done(p, parent);
}
