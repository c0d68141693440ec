/*
 * Link reference definitions.
 * Included by inline_parser.c (one compilation unit), not by block_parser.c; never compiled on its own.
 *
 * A label ('[', at most 999 characters, ']', not blank), ':', optional whitespace with at most one line ending, a
 * destination ("<...>" or a run without spaces and with balanced parentheses), then optionally, after whitespace,
 * a title in '"', '\'' or '(' quotes; nothing but spaces or tabs may follow on the line. Definitions stand only at
 * the start of a paragraph's content; the first one for a label (normalized: case folded, whitespace collapsed)
 * wins. Each becomes a DEFINITION node before its paragraph.
 *
 * It lives in the inline parser's unit because it shares its link scanner, reference map and as-written strings
 * with links; the block side (taking definitions off a paragraph) is resolve_definitions in paragraph.c.
 *
 * References: CommonMark 0.31.2 section 4.7 "Link reference definitions"; micromark definition; markdown-rs
 * construct/definition.rs, construct/partial_label.rs, partial_destination.rs, partial_title.rs.
 */

void ocp_inline_forget_scans(ocp_inline_parser *p)
{
    ocp_ls_forget(&p->scan);
}

int32_t ocp_inline_parse_definition(ocp_inline_parser *p, const uint8_t *buf, int32_t off, int32_t len,
                                    const ocp_content_map *map, int32_t container, int32_t paragraph)
{
    ocp_tree *tree = p->tree;
    ocp_link_scanner *scan = &p->scan;
    int32_t end = off + len;
    int32_t i = ocp_ls_skip_space_tab(buf, off, end);
    int32_t label_end = ocp_ls_scan_label(scan, buf, i, end);
    p->work += scan->stop - off;
    if (label_end < 0 || label_end >= end || buf[label_end] != ':') {
        return 0;
    }
    int32_t d = ocp_ls_skip_space_tab_newline(buf, label_end + 1, end);
    int32_t de = ocp_ls_scan_destination(scan, buf, d, end);
    p->work += scan->stop - label_end;
    if (de <= d) {
        return 0; /* missing (an empty destination must be written <>) */
    }
    int32_t line_end = -1;
    int32_t title_end = -1;
    int32_t r = ocp_ls_skip_space_tab_newline(buf, de, end);
    if (r > de) {
        int32_t te = ocp_ls_scan_title(scan, buf, r, end);
        p->work += scan->stop - de;
        if (te >= 0) {
            int32_t after = ocp_ls_skip_space_tab(buf, te, end);
            if (after == end || buf[after] == '\n') {
                title_end = te;
                line_end = after;
            }
        }
    }
    if (line_end < 0) {
        /* No title, or one followed by more text: the definition is the destination's line, if that ends there. */
        int32_t after = ocp_ls_skip_space_tab(buf, de, end);
        if (after < end && buf[after] != '\n') {
            return 0;
        }
        line_end = after;
    }
    bool pointy = buf[d] == '<';
    ocp_tree_begin_string(tree);
    ocp_inline_append_unescaped(tree, buf, pointy ? d + 1 : d, pointy ? de - 1 : de, p->micromark);
    int32_t destination = ocp_tree_end_string(tree);
    int32_t title = (int32_t) OCP_NONE;
    if (title_end >= 0) {
        ocp_tree_begin_string(tree);
        ocp_inline_append_unescaped(tree, buf, r + 1, title_end - 1, p->micromark);
        title = ocp_tree_end_string(tree);
    }
    ocp_refs_normalize(&p->refs, buf, i + 1, label_end - 1);
    ocp_refs_add_normalized(&p->refs, destination, title);
    p->work += label_end - i + p->refs.work;
    p->refs.work = 0;
    int32_t node = ocp_tree_new_node(tree, OCP_KIND_DEFINITION, ocp_content_map_to_source(map, i),
                                     ocp_content_map_to_source(map, line_end));
    ocp_tree_set_string(tree, node, 0, destination);
    if ((uint32_t) title != OCP_NONE) {
        ocp_tree_set_string(tree, node, 1, title);
    }
    ocp_tree_begin_string(tree);
    append_as_written(p, map, buf, i + 1, label_end - 1, -1, 0);
    ocp_tree_set_string(tree, node, 2, ocp_tree_end_string(tree));
    ocp_tree_insert_before(tree, container, paragraph, node);
    return (line_end < end ? line_end + 1 : end) - off;
}
