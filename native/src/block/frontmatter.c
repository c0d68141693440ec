/*
 * Frontmatter, with OCP_EXTENSION_FRONTMATTER.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * At the very start of the document (after a byte order mark), a fence of exactly three '-' (YAML) or '+'
 * (TOML), then only spaces or tabs, up to the next line that is the same fence. Without a closing fence there is
 * no frontmatter and the lines are read as Markdown.
 *
 * References: micromark-extension-frontmatter; markdown-rs construct/frontmatter.rs (no CommonMark or GFM
 * section: an extension).
 */

/* Whether src[from, to) is a frontmatter fence of marker: three of it, then spaces or tabs. */
static bool is_frontmatter_fence(const block_parser *p, uint8_t marker, int32_t from, int32_t to) {
    const uint8_t *src = p->src;
    if (to - from < 3 || src[from] != marker || src[from + 1] != marker || src[from + 2] != marker) {
        return false;
    }
    for (int32_t i = from + 3; i < to; i++) {
        if (!is_space_or_tab(src[i])) {
            return false;
        }
    }
    return true;
}

/* Frontmatter at at, the document's first byte (after a byte order mark): a fence of exactly three '-' (YAML) or
 * '+' (TOML) with nothing but spaces and tabs after it, the lines of the matter, and the same fence again, as
 * markdown-rs reads it. Without a closing fence the lines are read as usual (micromark: without containers,
 * containers_off). Returns where the lines after the
 * frontmatter start, or at if there is none. */
static int32_t frontmatter(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    int32_t length = p->length;
    uint8_t marker = src[at];
    int32_t open = line_end_from(src, at, length);
    if (!is_frontmatter_fence(p, marker, at, open) || open == length) {
        return at;
    }
    int32_t line = next_line(p, open);
    int32_t lines = 1;
    while (line < length) {
        int32_t e = line_end_from(src, line, length);
        lines++;
        p->work += e - line + 1;
        if (is_frontmatter_fence(p, marker, line, e)) {
            p->line_number += lines;
            p->line_start = at;
            p->line_end = e;
            int32_t parent = prepare(p, 0, LEAF);
            ocp_tree *tree = p->tree;
            int32_t node = ocp_tree_add(tree, OCP_KIND_FRONTMATTER, p->st[parent].node, at, e);
            ocp_tree_set_data(tree, node, marker == '-' ? OCP_FRONTMATTER_YAML : OCP_FRONTMATTER_TOML);
            ocp_tree_begin_string(tree);
            for (int32_t s = next_line(p, open); s < line;) {
                int32_t le = line_end_from(src, s, length);
                append_literal(p, s, le);
                ocp_tree_append_byte(tree, '\n');
                s = next_line(p, le);
            }
            ocp_tree_set_string(tree, node, 0, ocp_tree_end_string(tree));
            leaf_done(p, parent);
            return next_line(p, e);
        }
        line = next_line(p, e);
    }
    p->containers_off = p->micromark;
    return at;
}
