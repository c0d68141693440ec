/*
 * ATX headings.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * One to six '#' after at most three spaces of indentation, then a space, a tab or the end of the line. The
 * content is the rest of the line, trimmed, without a closing run of '#' that stands after a space or tab (or
 * alone). A heading is one line and may interrupt a paragraph.
 *
 * Heading ids (OCP_EXTENSION_HEADING_IDS), for ATX and setext headings alike (heading_id): content that ends in
 * {#id} (after the closing sequence and trailing whitespace are gone, on a setext heading's last line) gives the
 * heading that id and loses it, with the spaces and tabs before it. The id is what lies between the last "{#" and the
 * final '}': no '}', line ending or NUL in it, something besides spaces and tabs, trimmed; a backslash-escaped '{' is
 * text. Read before the inline phase, so that in MDX it is an id and not an expression.
 *
 * References: CommonMark 0.31.2 section 4.2 "ATX headings"; micromark headingAtx; markdown-rs
 * construct/heading_atx.rs; heading ids: Docusaurus' parseMarkdownHeadingId (docusaurus-utils markdownUtils.ts) and
 * remark-heading-id.
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
    if (p->heading_ids) {
        e = heading_id(p, node, s, e);
    }
    add_line(p, s, e, 0);
    add_leaf(p, node, p->line_count - 1, 1);
    leaf_done(p, parent);
}

/* Reads a heading id at the end of heading node's content src[s, e) (no trailing whitespace) into its slot b.
 * Returns where the content ends without the id and the spaces and tabs before it, or e if it has none. */
static int32_t heading_id(block_parser *p, int32_t node, int32_t s, int32_t e) {
    const uint8_t *src = p->src;
    if (e - s < 4 || src[e - 1] != '}') {
        return e;
    }
    int32_t open = -1;
    for (int32_t j = e - 2; j > s; j--) {
        uint8_t c = src[j];
        if (c == '}' || c == '\n' || c == '\r' || c == 0) {
            return e;
        }
        if (c == '#' && src[j - 1] == '{') {
            open = j - 1;
            break;
        }
    }
    if (open < 0) {
        return e;
    }
    int32_t backslashes = 0;
    while (open - 1 - backslashes >= s && src[open - 1 - backslashes] == '\\') {
        backslashes++;
    }
    int32_t from = open + 2;
    int32_t to = e - 1;
    while (from < to && is_space_or_tab(src[from])) {
        from++;
    }
    while (to > from && is_space_or_tab(src[to - 1])) {
        to--;
    }
    if (from == to || backslashes % 2 != 0) {
        return e;
    }
    ocp_tree_begin_string(p->tree);
    ocp_tree_append(p->tree, src, from, to - from);
    ocp_tree_set_string(p->tree, node, 1, ocp_tree_end_string(p->tree));
    int32_t end = open;
    while (end > s && is_space_or_tab(src[end - 1])) {
        end--;
    }
    return end;
}
