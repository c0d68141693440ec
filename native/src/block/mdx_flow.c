/*
 * MDX in flow: ESM, JSX tags and expressions as blocks.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * In the MDX dialect a line whose content starts with '<' or '{' may be a flow construct: JSX tags (elements
 * open on the stack as containers until their closing tag) and expressions, in a run with only spaces and tabs
 * between and after them, each taking further lines while the scanner (mdx.c) needs them; a line that is not
 * such a run is text for a paragraph.
 * At the top level, a paragraph not being open, "import" or "export" and a space start ESM, which goes on to a
 * blank line. Errors carry markdown-rs's rule ids and messages.
 *
 * References: MDX documentation (mdxjs.com/docs/what-is-mdx: ESM, JSX, expressions); micromark-extension-mdx-jsx,
 * micromark-extension-mdx-expression, micromark-extension-mdxjs-esm; markdown-rs construct/mdx_jsx_flow.rs,
 * construct/mdx_expression_flow.rs, construct/mdx_esm.rs.
 */

/* Whether the line is ESM: import or export and a space at its first byte. */
static bool esm_start(const block_parser *p) {
    int32_t n = p->line_end - p->line_start;
    const uint8_t *l = p->src + p->line_start;
    return (n >= 7 && memcmp(l, "import ", 7) == 0) || (n >= 7 && memcmp(l, "export ", 7) == 0);
}

/* The flow scanner failed at a flow buffer offset: place it in the source. */
static void flow_failure(void *host, int32_t at, const char *rule_id, const char *reason) {
    block_parser *p = host;
    ocp_mdx_syntax_error(p->ctx, p->src, p->length, ocp_content_map_to_source(&p->flow_map, at), -1, rule_id,
                         reason);
}

/* Appends src[from, to) to the flow buffer. */
static void append_flow(block_parser *p, int32_t from, int32_t to) {
    int32_t n = to - from;
    if ((int64_t) p->flow_len + n + 1 > p->flow_capacity) {
        void *buf = p->flow_buf;
        ocp_grow(p->ctx, &buf, &p->flow_capacity, (int64_t) p->flow_len + n + 1, 1);
        p->flow_buf = buf;
    }
    memcpy(p->flow_buf + p->flow_len, p->src + from, (size_t) n);
    p->flow_len += n;
}

/* Where the content of line src[ls, le) starts inside the containers of the flow construct (block quotes take
 * their '>' and a space, items and footnote definitions their indentation, JSX elements nothing), or, if the line
 * does not continue one of them, ~at: at where the prefix of the first container it does not continue would start. */
static int32_t continued_content(block_parser *p, int32_t ls, int32_t le) {
    const uint8_t *src = p->src;
    int32_t at = ls;
    int32_t col = 0;
    for (int32_t k = 1; k <= p->flow_container; k++) {
        int32_t kind = p->st[k].kind;
        if (kind == JSX || kind == DIRECTIVE) {
            /* Neither takes a prefix off these lines: skip the run (deep nesting must not cost its depth per line). */
            k = p->st[k].run_top < p->flow_container ? p->st[k].run_top : p->flow_container;
            continue;
        }
        if (kind == LIST) {
            continue;
        }
        int32_t q = at;
        int32_t c = col;
        while (q < le && (src[q] == ' ' || src[q] == '\t')) {
            c = col_add(c, src[q] == '\t' ? TAB_STOP - c % TAB_STOP : 1);
            q++;
        }
        bool blank_line = q == le;
        if (kind == QUOTE) {
            if (blank_line || (!p->mdx && col_sub(c, col) > 3) || src[q] != '>') {
                return ~at;
            }
            q++;
            c = col_add(c, 1);
            if (q < le && (src[q] == ' ' || src[q] == '\t')) {
                c = col_add(c, src[q] == '\t' ? TAB_STOP - c % TAB_STOP : 1);
                q++;
            }
            at = q;
            col = c;
        } else if (kind == ITEM || kind == FOOTNOTE) {
            int32_t need = kind == ITEM ? p->st[k].a : FOOTNOTE_INDENT;
            if (blank_line) {
                return q;
            }
            if (col_sub(c, col) < need) {
                return ~at;
            }
            int32_t target = col_add(col, need);
            while (col < target) {
                col = col_add(col, src[at] == '\t' ? TAB_STOP - col % TAB_STOP : 1);
                at++;
            }
        }
    }
    return at;
}

/* The scanner reached the end of the flow buffer inside a tag or an expression: appends the next source line (a
 * line feed, then the line after the prefixes of the construct's containers), or fails if that line is lazy. */
static bool more_flow(void *host, ocp_mdx_scanner *scanner, bool in_expression) {
    block_parser *p = host;
    int32_t length = p->length;
    if (p->flow_line_end >= length) {
        return false;
    }
    int32_t ls = next_line(p, p->flow_line_end);
    if (ls >= length && (p->flow_line_end + 1 > length || ls == p->flow_line_end)) {
        return false;
    }
    int32_t le = line_end_from(p->src, ls, length);
    int32_t content = continued_content(p, ls, le);
    if (content < 0 && starts_container(p, ~content, le)) {
        return false; /* micromark closes the flow there: the construct meets the end of its input */
    }
    if (p->flow_len + 1 > p->flow_capacity) {
        void *buf = p->flow_buf;
        ocp_grow(p->ctx, &buf, &p->flow_capacity, (int64_t) p->flow_len + 1, 1);
        p->flow_buf = buf;
    }
    p->flow_buf[p->flow_len++] = '\n';
    if (content < 0) {
        ocp_content_map_add_line(&p->flow_map, p->flow_len, ls, next_line(p, le));
        flow_failure(p, p->flow_len, "unexpected-lazy",
                     in_expression ? "Unexpected lazy line in expression in container, expected line to be prefixed "
                                     "with `>` when in a block quote, whitespace when in a list, etc"
                     : p->micromark ? "Unexpected lazy line in container, expected line to be prefixed with `>` when "
                                      "in a block quote, whitespace when in a list, etc"
                                    : "Unexpected lazy line in jsx in container, expected line to be prefixed with `>` "
                                      "when in a block quote, whitespace when in a list, etc");
    }
    ocp_content_map_add_line(&p->flow_map, p->flow_len, content, next_line(p, le));
    append_flow(p, content, le);
    p->flow_line_end = le;
    p->flow_extra_lines++;
    p->work += le - ls + 1;
    scanner->line_ending_follows = le < p->length;
    ocp_mdx_grow(scanner, p->flow_buf, p->flow_len);
    return true;
}

/* MdxFlow.startsContainer: whether src[at, le) starts a block quote, a list item that could interrupt a paragraph
 * or (GFM) a footnote definition, after any indentation; micromark ends a flow construct's input there. */
static bool starts_container(block_parser *p, int32_t at, int32_t le) {
    const uint8_t *src = p->src;
    while (at < le && is_space_or_tab(src[at])) {
        at++;
    }
    if (at >= le) {
        return false;
    }
    uint8_t c = src[at];
    int32_t after;
    if (c == '>') {
        return true;
    } else if (c == '-' || c == '+' || c == '*') {
        after = at + 1;
        int32_t count = 0;
        for (int32_t i = at; i < le && (src[i] == c || is_space_or_tab(src[i])); i++) {
            count += src[i] == c ? 1 : 0;
            if (i + 1 == le && count >= 3) {
                return false; /* a thematic break */
            }
        }
    } else if (c == '1' && at + 1 < le && (src[at + 1] == '.' || src[at + 1] == ')')) {
        after = at + 2;
    } else {
        return c == '[' && p->gfm && footnote_definition_start_in(p, at, le) > 0;
    }
    if (after >= le || !is_space_or_tab(src[after])) {
        return false;
    }
    while (after < le && is_space_or_tab(src[after])) {
        after++;
    }
    return after < le;
}

/* MdxFlow.blockName: the name of the container at stack index k in messages, markdown-rs's or micromark's token
 * type (OCP_FLAVOR_MICROMARK). */
static const char *block_name(const block_parser *p, int32_t k) {
    bool mm = p->micromark;
    switch (p->st[k].kind) {
        case QUOTE:
            return mm ? "blockQuote" : "BlockQuote";
        case ITEM:
            return mm ? "listItem" : "ListItem";
        case LIST:
            return p->st[k].c == 1 ? mm ? "listOrdered" : "ListOrdered" : mm ? "listUnordered" : "ListUnordered";
        case FOOTNOTE:
            return mm ? "gfmFootnoteDefinition" : "GfmFootnoteDefinition";
        case JSX:
            return mm ? "mdxJsxFlowTag" : "MdxJsxFlowTag";
        case DIRECTIVE: /* (not markdown-rs's, which has no directives: mdast's name of the node, as it does) */
            return mm ? "directiveContainer" : "ContainerDirective";
        default:
            return mm ? "paragraph" : "Paragraph";
    }
}

/* The element at stack index k is still open where its parent ends (in_parent), or where the document does: an
 * error kept for the end of the parse (MdxFlow.unclosedJsx and its callers). */
static void unclosed_jsx(block_parser *p, int32_t k, int32_t at, bool in_parent) {
    ocp_mdx_text t = {{0}, 0};
    ocp_mdx_text_add(&t, "Expected a closing tag for `");
    ocp_mdx_text_add_label(&t, p->tree, p->st[k].node, false);
    ocp_mdx_text_add(&t, "` (");
    ocp_mdx_text_add_line_column(&t, p->src, p->length, p->st[k].a);
    ocp_mdx_text_add(&t, ")");
    if (in_parent) {
        ocp_mdx_text_add(&t, " before the end of `");
        ocp_mdx_text_add(&t, block_name(p, k - 1));
        ocp_mdx_text_add(&t, "`");
    }
    ocp_mdx_defer_syntax_error(p->ctx, p->src, p->length, at, -1, "end-tag-mismatch", t.chars,
                               in_parent ? at : p->length + 1, true);
}

/* One tag of a flow run at flow_buf[q, e), in the block at cur; returns where the next goes. */
static int32_t flow_tag(block_parser *p, int32_t cur, int32_t q, int32_t e) {
    ocp_mdx_scanner *t = &p->flow_scanner;
    ocp_tree *tree = p->tree;
    int32_t start = ocp_content_map_to_source(&p->flow_map, q);
    int32_t stop = ocp_content_map_to_source(&p->flow_map, e);
    if (!t->closing) {
        if (t->self_closing) {
            int32_t parent = prepare(p, cur, LEAF);
            int32_t node = ocp_tree_add(tree, OCP_KIND_MDX_JSX_FLOW, p->st[parent].node, start, stop);
            ocp_mdx_tag_fields(tree, node, t, p->flow_buf, &p->flow_map);
            leaf_done(p, parent);
            return parent;
        }
        int32_t k = open_block(p, cur, JSX, OCP_KIND_MDX_JSX_FLOW, start);
        ocp_mdx_tag_fields(tree, p->st[k].node, t, p->flow_buf, &p->flow_map);
        p->st[k].b = 0; /* not closed by a tag yet */
        p->st[k].a = start;
        p->st[k].end = stop;
        return k;
    }
    close_above(p, cur);
    while (!can_contain(p->st[cur].kind, LEAF)) {
        close_top(p); /* the paragraph (or other leaf) the closing tag interrupts */
        cur--;
    }
    int32_t element = cur;
    while (element > 0 && p->st[element].kind != JSX) {
        element--;
    }
    if (element == 0) {
        int32_t slash = q + 1;
        while (p->flow_buf[slash] != '/') {
            slash++;
        }
        int32_t at = ocp_content_map_to_source(&p->flow_map, slash);
        ocp_mdx_defer_syntax_error(p->ctx, p->src, p->length, at, -1, "unexpected-closing-slash",
                                   "Unexpected closing slash `/` in tag, expected an open tag first", at, false);
        return cur; /* read on as if the tag were not there */
    }
    if (t->closing_extra >= 0) {
        int32_t at = ocp_content_map_to_source(&p->flow_map, t->closing_extra);
        ocp_mdx_defer_syntax_error(p->ctx, p->src, p->length, at, -1,
                                   t->closing_extra_is_slash ? "unexpected-self-closing-slash" : "unexpected-attribute",
                                   t->closing_extra_is_slash
                                       ? "Unexpected self-closing slash `/` in closing tag, expected the end of the tag"
                                       : "Unexpected attribute in closing tag, expected the end of the tag",
                                   at, false);
    }
    if (element < cur) {
        /* The element is outside a container the closing tag is in. */
        ocp_mdx_text m = {{0}, 0};
        ocp_mdx_text_add(&m, "Expected the closing tag `");
        ocp_mdx_text_add_closing_label(&m, p->flow_buf, t);
        ocp_mdx_text_add_closed_outside(&m, block_name(p, element + 1), p->src, p->length,
                                        ocp_tree_span_start(tree, p->st[element + 1].node), p->st[element + 1].end,
                                        p->micromark);
        ocp_mdx_defer_syntax_error(p->ctx, p->src, p->length, p->st[element].a, -1, "end-tag-mismatch", m.chars, stop,
                                   false);
        return cur;
    }
    if (!ocp_mdx_same_name(tree, p->st[element].node, p->flow_buf, t)) {
        ocp_mdx_text m = {{0}, 0};
        ocp_mdx_text_add(&m, "Unexpected closing tag `");
        ocp_mdx_text_add_closing_label(&m, p->flow_buf, t);
        ocp_mdx_text_add(&m, "`, expected corresponding closing tag for `");
        ocp_mdx_text_add_label(&m, tree, p->st[element].node, false);
        ocp_mdx_text_add(&m, "` (");
        ocp_mdx_text_add_line_column(&m, p->src, p->length, p->st[element].a);
        ocp_mdx_text_add(&m, ")");
        ocp_mdx_defer_syntax_error(p->ctx, p->src, p->length, start, stop, "end-tag-mismatch", m.chars, stop, false);
        return cur;
    }
    p->st[element].b = 1;
    p->st[element].end = stop;
    p->st[element].end_line = p->line_number + p->flow_extra_lines;
    close_top(p);
    return element - 1;
}

/* Tags and expressions in flow: from the line's first non-blank byte, a run of JSX tags and expressions with only
 * spaces and tabs between and after them (MdxFlow.mdxFlow). Returns whether the line was that; if not, it is
 * text for a paragraph. */
static bool mdx_flow(block_parser *p, int32_t container) {
    ocp_mdx_scanner *t = &p->flow_scanner;
    p->flow_len = 0;
    ocp_content_map_reset(&p->flow_map);
    p->flow_container = container;
    p->flow_extra_lines = 0;
    p->flow_line_end = p->line_end;
    append_flow(p, p->nonspace, p->line_end);
    ocp_content_map_add_line(&p->flow_map, 0, p->nonspace, next_line(p, p->line_end));
    t->more = more_flow;
    t->line_ending_follows = p->line_end < p->length;
    int32_t constructs = 0;
    int32_t q = 0;
    for (;;) {
        while (q < p->flow_len && (p->flow_buf[q] == ' ' || p->flow_buf[q] == '\t')) {
            q++;
        }
        if (q >= p->flow_len) {
            break;
        }
        uint8_t c = p->flow_buf[q];
        int32_t e;
        if (c == '<') {
            e = ocp_mdx_tag(t, p->flow_buf, q, p->flow_len);
        } else if (c == '{') {
            e = ocp_mdx_expression(t, p->flow_buf, q, p->flow_len);
        } else {
            e = OCP_MDX_NOK;
        }
        if (e == OCP_MDX_NOK) {
            t->more = NULL;
            return false;
        }
        constructs++;
        q = e;
    }
    t->more = NULL;
    p->work += p->flow_len;
    /* The run is flow: make its nodes, reading the tags again from the complete buffer. */
    int32_t cur = container;
    q = 0;
    for (int32_t i = 0; i < constructs; i++) {
        while (p->flow_buf[q] == ' ' || p->flow_buf[q] == '\t') {
            q++;
        }
        if (p->flow_buf[q] == '{') {
            int32_t e = ocp_mdx_expression(t, p->flow_buf, q, p->flow_len);
            int32_t parent = prepare(p, cur, LEAF);
            int32_t node = ocp_tree_add(p->tree, OCP_KIND_MDX_EXPRESSION_FLOW, p->st[parent].node,
                                        ocp_content_map_to_source(&p->flow_map, q),
                                        ocp_content_map_to_source(&p->flow_map, e));
            ocp_tree_set_string(p->tree, node, 0, ocp_tree_string(p->tree, p->flow_buf, q + 1, e - q - 2));
            leaf_done(p, parent);
            cur = parent;
            q = e;
        } else {
            int32_t e = ocp_mdx_tag(t, p->flow_buf, q, p->flow_len);
            cur = flow_tag(p, cur, q, e);
            q = e;
        }
    }
    p->work += p->flow_len; /* the second reading */
    if (p->flow_extra_lines > 0) {
        p->line_number += p->flow_extra_lines;
        p->line_end = p->flow_line_end;
        p->resume_at = next_line(p, p->flow_line_end);
        if (cur > 0) {
            /* Its ancestors learn the end when it closes. */
            if (p->flow_line_end > p->st[cur].end) {
                p->st[cur].end = p->flow_line_end;
            }
            p->st[cur].end_line = p->line_number;
        }
    }
    return true;
}

/* ESM: its lines as written, joined by line feeds, without the last line's ending. */
static void finish_esm(block_parser *p, int32_t k) {
    ocp_tree *tree = p->tree;
    ocp_tree_begin_string(tree);
    for (int32_t i = p->leaf_first; i < p->line_count; i++) {
        if (i > p->leaf_first) {
            ocp_tree_append_byte(tree, '\n');
        }
        append_literal(p, p->lines[i].start, p->lines[i].end);
    }
    ocp_tree_set_string(tree, p->st[k].node, 0, ocp_tree_end_string(tree));
    p->work += p->lines[p->line_count - 1].end - p->lines[p->leaf_first].start;
    p->line_count = p->leaf_first;
}
