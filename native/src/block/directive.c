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
    bool in_run = p->st[k].run_start < k;
    p->st[k].b = in_run && p->st[k - 1].b < colons ? p->st[k - 1].b : colons;
    p->st[k].indent_sum = (in_run ? p->st[k - 1].indent_sum : 0) + indentation;
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

/* Takes up to columns columns of spaces and tabs off the line. */
static void take_directive_indentation(block_parser *p, int64_t columns) {
    for (int64_t i = columns; i > 0 && p->offset < p->line_end && is_space_or_tab(p->src[p->offset]); i--) {
        advance(p, 1, true);
    }
}

/* The colons of a line that can be a closing fence (past its indentation, colons and then only spaces and tabs),
 * or 0. */
static int32_t closing_colons(block_parser *p) {
    const uint8_t *src = p->src;
    int32_t q = p->nonspace;
    while (q < p->line_end && src[q] == ':') {
        q++;
    }
    int32_t colons = q - p->nonspace;
    while (q < p->line_end && is_space_or_tab(src[q])) {
        q++;
    }
    p->work += q - p->nonspace;
    return q == p->line_end ? colons : 0;
}

/* The line continues the run of container directives that starts at k (or, a list item's blank line having
 * skipped to it, the top of the stack), or closes one of them: the first (outermost) whose fence its colons match,
 * at three columns of indentation or fewer past the prefixes of the directives below (any in MDX). Each directive
 * takes up to its fence's indentation off the line.
 *
 * Nothing is done per directive on a line that continues them all: their indentations are taken off at once
 * (taking off a and then b columns is taking off a + b), the end of the line is recorded at the run's top only
 * (closing a block passes its end on to its parent), and a fence line jumps to the first directive whose fence it
 * can close (the fewest colons up to each one only decrease along the run).
 *
 * Returns the run's top, where the line goes on, or -1 when the line closed a directive. */
static int32_t continue_directive_run(block_parser *p, int32_t k) {
    int32_t top = p->st[p->st[k].run_start].run_top;
    int32_t colons = p->blank ? 0 : closing_colons(p);
    int32_t first = top + 1;
    if (colons >= p->st[top].b) {
        int32_t lo = k;
        int32_t hi = top;
        while (lo < hi) {
            int32_t mid = lo + (hi - lo) / 2;
            if (p->st[mid].b <= colons) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        first = lo;
    }
    if (first > k) {
        take_directive_indentation(p, p->st[first - 1].indent_sum
                - (p->st[k].run_start == k ? 0 : p->st[k - 1].indent_sum));
    }
    for (int32_t j = first; j <= top; j++) {
        p->work++;
        find_nonspace(p);
        if ((p->mdx || p->indent <= 3) && colons >= p->st[j].a) {
            close_above(p, j);
            p->st[j].end = p->line_end;
            p->st[j].end_line = p->line_number;
            close_top(p);
            return -1;
        }
        take_directive_indentation(p, p->st[j].c);
    }
    p->st[top].end = p->line_end; /* a line it continues is its own, blank or not */
    p->st[top].end_line = p->line_number;
    return top;
}
