/*
 * MDX in text: JSX tags and expressions inside paragraphs and headings.
 * Included by inline_parser.c (one compilation unit), never compiled on its own.
 *
 * '{' starts an expression up to its balancing '}'; '<' starts a JSX tag (opening, closing, self-closing or a
 * fragment), read by the shared scanner (mdx.c). Elements nest like other inline containers: a closing tag must
 * match the innermost open element of the same content, and pairs are resolved after the scan (resolve_jsx).
 * Errors carry markdown-rs's rule ids and messages.
 *
 * References: MDX documentation (mdxjs.com/docs/what-is-mdx); micromark-extension-mdx-jsx and
 * micromark-extension-mdx-expression; markdown-rs construct/mdx_jsx_text.rs and construct/mdx_expression_text.rs.
 */

/* The scanner failed at a content offset: place it in the source. */
static void mdx_failure(void *host, int32_t at, const char *rule_id, const char *reason)
{
    ocp_inline_parser *p = host;
    ocp_mdx_syntax_error(p->ctx, p->tree->source, p->tree->source_length, src(p, at), -1, rule_id, reason);
}

/* An expression in text: {...} with balanced braces, whose source is what is between them. */
static int32_t expression(ocp_inline_parser *p, int32_t i)
{
    int32_t e = ocp_mdx_expression(&p->mdx_scanner, p->buf, i, p->end);
    flush_text(p, i);
    int32_t node = ocp_tree_add(p->tree, OCP_KIND_MDX_EXPRESSION_TEXT, p->top, src(p, i), src(p, e));
    ocp_tree_set_string(p->tree, node, 0, ocp_tree_string(p->tree, p->buf, i + 1, e - 2 - i));
    p->work += e - i;
    p->text_start = e;
    return e;
}

static void push_jsx(ocp_inline_parser *p, int32_t node, int32_t i)
{
    if (p->jsx_depth == p->jsx_capacity) {
        int32_t n;
        p->jsx = grown(p->ctx, p->jsx, p->jsx_depth, (int64_t) p->jsx_depth * 2, sizeof *p->jsx, &n);
        p->jsx_capacity = n;
    }
    if (p->jsx_opened == p->jsx_open_capacity) {
        p->jsx_open_node = grown(p->ctx, p->jsx_open_node, p->jsx_opened, (int64_t) p->jsx_opened * 2, sizeof(int32_t),
                                 &p->jsx_open_capacity);
    }
    p->jsx[p->jsx_depth].node = node;
    p->jsx[p->jsx_depth].start = i;
    p->jsx[p->jsx_depth].open_index = p->jsx_opened;
    p->jsx_open_node[p->jsx_opened++] = node;
    p->jsx_depth++;
}

/* A syntax error of MDX's tree builder from content offset at (to `to`, or a point when -1), placed in the source,
 * kept for the end of the parse (InlineParser.defer) with the order of content offset `where`. */
static void defer(ocp_inline_parser *p, int32_t at, int32_t to, const char *rule_id, const char *reason, int32_t where)
{
    ocp_mdx_defer_syntax_error(p->ctx, p->tree->source, p->tree->source_length, src(p, at), to < 0 ? -1 : src(p, to),
                               rule_id, reason, src(p, where), false);
}

/* The same at source offset at, with the order of source offset `where`. */
static void defer_at(ocp_inline_parser *p, int32_t at, const char *reason, int32_t where)
{
    ocp_mdx_defer_syntax_error(p->ctx, p->tree->source, p->tree->source_length, at, -1, "end-tag-mismatch", reason,
                               where, false);
}

/* A JSX tag in text. An opening tag adds its element, and its closing tag a marker: emphasis and links pair across
 * tags as markdown-rs pairs them, and once they are resolved resolve_jsx moves the nodes between an element and its
 * marker into the element (as a link takes its text). A self-closing tag is an element without children. Not a
 * tag: the '<' is text. */
static int32_t jsx_tag(ocp_inline_parser *p, int32_t i)
{
    ocp_mdx_scanner *t = &p->mdx_scanner;
    ocp_tree *tree = p->tree;
    int32_t e = ocp_mdx_tag(t, p->buf, i, p->end);
    if (e == OCP_MDX_NOK) {
        return i + 1;
    }
    p->work += e - i;
    flush_text(p, i);
    p->text_start = e;
    if (!t->closing) {
        int32_t node = ocp_tree_add(tree, OCP_KIND_MDX_JSX_TEXT, p->top, src(p, i), src(p, e));
        ocp_mdx_tag_fields(tree, node, t, p->buf, p->map);
        if (!t->self_closing) {
            push_jsx(p, node, i);
        }
        return e;
    }
    if (p->jsx_depth == 0) {
        int32_t slash = i + 1;
        while (p->buf[slash] != '/') {
            slash++;
        }
        defer(p, slash, -1, "unexpected-closing-slash", "Unexpected closing slash `/` in tag, expected an open tag "
              "first", slash);
        return e; /* read on as if the tag were not there */
    }
    if (t->closing_extra >= 0) {
        defer(p, t->closing_extra, -1,
              t->closing_extra_is_slash ? "unexpected-self-closing-slash" : "unexpected-attribute",
              t->closing_extra_is_slash ? "Unexpected self-closing slash `/` in closing tag, expected the end of the tag"
                                        : "Unexpected attribute in closing tag, expected the end of the tag",
              t->closing_extra);
    }
    int32_t d = p->jsx_depth - 1;
    int32_t element = p->jsx[d].node;
    if (!ocp_mdx_same_name(tree, element, p->buf, t)) {
        ocp_mdx_text m = {{0}, 0};
        ocp_mdx_text_add(&m, "Unexpected closing tag `");
        ocp_mdx_text_add_closing_label(&m, p->buf, t);
        ocp_mdx_text_add(&m, "`, expected corresponding closing tag for `");
        ocp_mdx_text_add_label(&m, tree, element, false);
        ocp_mdx_text_add(&m, "` (");
        ocp_mdx_text_add_line_column(&m, tree->source, tree->source_length, src(p, p->jsx[d].start));
        ocp_mdx_text_add(&m, ")");
        defer(p, i, e, "end-tag-mismatch", m.chars, e);
        return e;
    }
    if (p->jsx_closed == p->jsx_closed_capacity) {
        int32_t n;
        p->jsx_closing = grown(p->ctx, p->jsx_closing, p->jsx_closed, (int64_t) p->jsx_closed * 2,
                               sizeof *p->jsx_closing, &n);
        p->jsx_closed_capacity = n;
    }
    p->jsx_closing[p->jsx_closed].marker = ocp_tree_add(tree, OCP_KIND_MDX_JSX_TEXT, p->top, src(p, i), src(p, e));
    p->jsx_closing[p->jsx_closed].open_index = p->jsx[d].open_index;
    p->jsx_closed++;
    p->jsx_depth--;
    return e;
}

static bool is_inline_container(int kind)
{
    return kind == OCP_KIND_EMPHASIS || kind == OCP_KIND_STRONG || kind == OCP_KIND_STRIKETHROUGH
           || kind == OCP_KIND_LINK || kind == OCP_KIND_IMAGE;
}

/* MdxText.inlineName: an inline container's name in messages, markdown-rs's or micromark's token type. */
static const char *inline_name(const ocp_inline_parser *p, int32_t node)
{
    int k = ocp_tree_kind(p->tree, node);
    bool mm = p->micromark;
    return k == OCP_KIND_EMPHASIS        ? mm ? "emphasis" : "Emphasis"
           : k == OCP_KIND_STRONG        ? mm ? "strong" : "Strong"
           : k == OCP_KIND_STRIKETHROUGH ? mm ? "strikethrough" : "GfmStrikethrough"
           : k == OCP_KIND_LINK          ? mm ? "link" : "Link"
                                         : mm ? "image" : "Image";
}

/* MdxText.leafName: the name of the leaf whose content holds an unclosed element, markdown-rs's or micromark's. */
static const char *leaf_name(const ocp_inline_parser *p, int32_t leaf)
{
    int k = ocp_tree_kind(p->tree, leaf);
    bool mm = p->micromark;
    if (k == OCP_KIND_HEADING) {
        bool setext = (ocp_tree_flags(p->tree, leaf) & OCP_FLAG_HEADING_SETEXT) != 0;
        return setext ? mm ? "setextHeading" : "HeadingSetextText" : mm ? "atxHeading" : "HeadingAtxText";
    }
    if (k == OCP_KIND_TABLE_CELL) {
        return !mm ? "GfmTableCell"
               : (ocp_tree_flags(p->tree, leaf) & OCP_FLAG_TABLE_HEADER) != 0 ? "tableHeader" : "tableData";
    }
    return k == OCP_KIND_LEAF_DIRECTIVE ? mm ? "directiveLeaf" : "LeafDirective" : mm ? "paragraph" : "Paragraph";
}

/* An element still open where a node named `node` ends, at source offset `at`. */
static void unclosed(ocp_inline_parser *p, int32_t element, const char *node, int32_t at)
{
    ocp_tree *tree = p->tree;
    ocp_mdx_text m = {{0}, 0};
    ocp_mdx_text_add(&m, "Expected a closing tag for `");
    ocp_mdx_text_add_label(&m, tree, element, false);
    ocp_mdx_text_add(&m, "` (");
    ocp_mdx_text_add_line_column(&m, tree->source, tree->source_length, ocp_tree_span_start(tree, element));
    ocp_mdx_text_add(&m, ") before the end of `");
    ocp_mdx_text_add(&m, node);
    ocp_mdx_text_add(&m, "`");
    defer_at(p, at, m.chars, at);
}

static void push_open(ocp_inline_parser *p, int32_t *open, int32_t node)
{
    if (*open == p->open_capacity) {
        p->open_stack = grown(p->ctx, p->open_stack, p->open_capacity, (int64_t) *open * 2, sizeof(int32_t),
                              &p->open_capacity);
    }
    p->open_stack[(*open)++] = node;
}

/* MdxText.resolveJsx: markdown-rs's to_mdast check in document order (a closing tag must find its element on
 * top of the open nodes, an emphasis or link must not end while an element opened inside it is open), then the
 * nodes between each element and its closing tag moved into the element, inner elements first. */
static void resolve_jsx(ocp_inline_parser *p)
{
    ocp_tree *tree = p->tree;
    int32_t depth = 0;
    int32_t open = 0;
    int32_t next_open = 0;
    int32_t next_marker = 0;
    int32_t n = ocp_tree_first_child(tree, p->top);
    for (;;) {
        if (n != OCP_NIL) {
            p->work++;
            if (next_open < p->jsx_opened && n == p->jsx_open_node[next_open]) {
                push_open(p, &open, n);
                next_open++;
            } else if (next_marker < p->jsx_closed && n == p->jsx_closing[next_marker].marker) {
                int32_t element = p->jsx_open_node[p->jsx_closing[next_marker].open_index];
                int32_t on_top = p->open_stack[open - 1];
                if (on_top != element) {
                    ocp_mdx_text m = {{0}, 0};
                    ocp_mdx_text_add(&m, "Expected the closing tag `");
                    ocp_mdx_text_add_label(&m, tree, element, true);
                    ocp_mdx_text_add_closed_outside(&m, inline_name(p, on_top), tree->source, tree->source_length,
                                                    ocp_tree_span_start(tree, on_top), ocp_tree_span_end(tree, on_top),
                                                    p->micromark);
                    defer_at(p, ocp_tree_span_start(tree, n), m.chars, ocp_tree_span_end(tree, n));
                    return;
                }
                open--;
                p->jsx_closing[next_marker++].parent = depth == 0 ? p->top : p->walk_stack[depth - 1];
            } else if (is_inline_container(ocp_tree_kind(tree, n))) {
                push_open(p, &open, n);
                if (depth == p->walk_capacity) {
                    p->walk_stack = grown(p->ctx, p->walk_stack, p->walk_capacity, (int64_t) depth * 2,
                                          sizeof(int32_t), &p->walk_capacity);
                }
                p->walk_stack[depth++] = n;
                n = ocp_tree_first_child(tree, n);
                continue;
            }
            n = ocp_tree_next_sibling(tree, n);
        } else {
            if (depth == 0) {
                if (open > 0) {
                    unclosed(p, p->open_stack[open - 1], leaf_name(p, p->top), src(p, p->end));
                    return;
                }
                break;
            }
            int32_t container = p->walk_stack[--depth];
            int32_t on_top = p->open_stack[open - 1];
            if (on_top != container) {
                unclosed(p, on_top, inline_name(p, container), ocp_tree_span_end(tree, container));
                return;
            }
            open--;
            n = ocp_tree_next_sibling(tree, container);
        }
    }
    for (int32_t i = 0; i < p->jsx_closed; i++) {
        int32_t element = p->jsx_open_node[p->jsx_closing[i].open_index];
        int32_t marker = p->jsx_closing[i].marker;
        int32_t parent = p->jsx_closing[i].parent;
        int32_t first = ocp_tree_next_sibling(tree, element);
        if (first != marker) {
            ocp_tree_move_range(tree, parent, first, ocp_tree_previous_sibling(tree, marker), element);
        }
        ocp_tree_set_span_end(tree, element, ocp_tree_span_end(tree, marker));
        ocp_tree_unlink(tree, parent, marker);
    }
}
