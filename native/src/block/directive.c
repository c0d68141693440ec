/*
 * Leaf and container directives (extension directive):
 *
 * - a leaf: ::name[label]{attributes} and nothing but spaces and tabs after it on its line; one line, which may
 *   interrupt a paragraph. Its label's inlines are its children.
 * - a container: three or more colons, the name, label and attributes, nothing after them on the line; then every
 *   line up to a closing fence (up to three spaces of indentation, or any in MDX, then at least as many colons and
 *   only spaces and tabs) is its content, read as blocks, with as much of its indentation taken off as the opening
 *   fence had. The closing fence is looked for before anything inside (so a fence in a code block in it closes it,
 *   and containers nest by longer outer fences); without one, the container ends with its parent or the document.
 *   A line that would be a lazy paragraph line past it ends it instead (micromark reads it as a concrete
 *   construct). Its label is a PARAGRAPH flagged as the label, its first child.
 *
 * The name, label and attributes are scanned as for text directives (inline/directive.c, ocp_directive_parts),
 * their label and attributes without line endings. A label or attributes that do not scan make the line no
 * directive.
 *
 * Included by block_parser.c (one compilation unit), never compiled on its own; a port of Directive.java (engine-java's
 * block/ package), function for function.
 *
 * References: micromark-extension-directive 4 (directive-leaf, directive-container); mdast-util-directive.
 */

/* The label's content, one line, as inline content of node. */
static void directive_label_content(block_parser *p, int32_t node, const ocp_directive_scan *s) {
    if (s->label_end > s->label_start) {
        add_line(p, s->label_start, s->label_end, 0);
        add_leaf(p, node, p->line_count - 1, 1);
    }
}

/* A line whose content starts with a colon: a leaf directive (added whole; -1), a container directive's opening
 * fence (opened; its stack index), or neither (0). */
static int32_t directive_start(block_parser *p, int32_t container) {
    const uint8_t *src = p->src;
    int32_t at = p->nonspace;
    int32_t q = at;
    while (q < p->line_end && src[q] == ':') {
        q++;
    }
    int32_t colons = q - at;
    if (colons < 2) {
        return 0;
    }
    ocp_directive_scan *s = &p->directive_scan;
    int32_t end = ocp_directive_parts(s, src, q, p->line_end, true);
    if (end < 0) {
        return 0;
    }
    int32_t after = end;
    while (after < p->line_end && is_space_or_tab(src[after])) {
        after++;
    }
    if (after < p->line_end) {
        return 0;
    }
    p->work += p->line_end - at;
    if (colons == 2) {
        int32_t parent = prepare(p, container, LEAF);
        int32_t node = ocp_tree_add(p->tree, OCP_KIND_LEAF_DIRECTIVE, p->st[parent].node, at, p->line_end);
        ocp_directive_fields(p->tree, node, s, src, NULL);
        if (s->label_start >= 0) {
            directive_label_content(p, node, s);
        }
        leaf_done(p, parent);
        return -1;
    }
    int32_t indentation = p->indent;
    int32_t k = open_block(p, container, DIRECTIVE, OCP_KIND_CONTAINER_DIRECTIVE, at);
    int32_t node = p->st[k].node;
    ocp_directive_fields(p->tree, node, s, src, NULL);
    p->st[k].a = colons;
    p->st[k].c = indentation;
    if (s->label_start >= 0) {
        int32_t paragraph = ocp_tree_add(p->tree, OCP_KIND_PARAGRAPH, node, s->label_start - 1, s->label_end + 1);
        ocp_tree_set_flags(p->tree, paragraph, OCP_FLAG_PARAGRAPH_DIRECTIVE_LABEL);
        directive_label_content(p, paragraph, s);
    }
    p->st[k].end = p->line_end;
    p->st[k].end_line = p->line_number;
    p->offset = p->line_end; /* the rest of the line is the fence's */
    p->nonspace = p->line_end;
    return k;
}

/* Whether the line closes container directive k: at least its colons, then only spaces and tabs. */
static bool is_directive_closing_fence(block_parser *p, int32_t k) {
    const uint8_t *src = p->src;
    int32_t q = p->nonspace;
    while (q < p->line_end && src[q] == ':') {
        q++;
    }
    if (q - p->nonspace < p->st[k].a) {
        return false;
    }
    while (q < p->line_end && is_space_or_tab(src[q])) {
        q++;
    }
    p->work += q - p->nonspace;
    return q == p->line_end;
}
