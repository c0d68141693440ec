/*
 * The stack of open blocks: what may contain what, opening, pushing and closing.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * Opening a block first closes the blocks the line did not continue, then climbs to the first open block that
 * may contain the new one (can_contain). Closing a block ends its span, finishes a leaf (paragraph, code, HTML,
 * table, ESM), reports its end to its parent so that a list's looseness can be read from line numbers
 * (child_starts), and enforces the nesting limit.
 *
 * References: CommonMark 0.31.2 Appendix A "Phase 1: block structure" (open blocks, closing unmatched blocks);
 * markdown-rs construct/document.rs (its container stack).
 */

static bool can_contain(int32_t parent, int32_t child) {
    switch (parent) {
        case DOCUMENT:
        case QUOTE:
        case ITEM:
        case FOOTNOTE:
        case JSX:
        case DIRECTIVE:
            return child != ITEM;
        case LIST:
            return child == ITEM;
        default:
            return false;
    }
}

/* Closes the blocks the line did not continue (above container) and then the ones that cannot hold a child of
 * kind. Returns the index of the block that gets the child. */
static int32_t prepare(block_parser *p, int32_t container, int32_t kind) {
    /* micromark closes its flow after a line that closed containers (a lazy line to it): indented code opened on such
     * a line leaves no construct open for the next line to interrupt */
    bool closes_containers = false;
    for (int32_t k = container + 1; p->micromark && k <= p->top; k++) {
        int32_t open = p->st[k].kind;
        closes_containers = closes_containers || open == QUOTE || open == ITEM || open == LIST || open == FOOTNOTE;
    }
    p->prepared_closing_containers = closes_containers;
    close_above(p, container);
    int32_t parent = container;
    while (!can_contain(p->st[parent].kind, kind)) {
        close_top(p);
        parent--;
    }
    child_starts(p, parent);
    if (p->micromark && kind != QUOTE && kind != ITEM && kind != LIST && kind != FOOTNOTE) {
        p->indented_code_in = kind == INDENTED && !closes_containers ? parent : -1;
        p->indented_code_in_node = p->st[parent].node;
    }
    return parent;
}

/* Whether a list item on this line, whose continued containers end at last_matched, would start a list in the
 * container of an indented code block no other leaf followed (indented_code_in; listAfterIndentedCode in the Java
 * twin): micromark then takes it as interrupting, as it would a paragraph (no empty item, no ordered start but 1). */
static bool list_after_indented_code(const block_parser *p, int32_t last_matched)
{
    int32_t k = p->indented_code_in;
    return k >= 0 && last_matched >= k && p->st[k].node == p->indented_code_in_node;
}

/* Opens a block of kind as a child of container (or of the first ancestor that can hold it). */
static int32_t open_block(block_parser *p, int32_t container, int32_t kind, int node_kind, int32_t start) {
    int32_t parent = prepare(p, container, kind);
    int32_t node = ocp_tree_add(p->tree, node_kind, p->st[parent].node, start, p->line_end);
    int32_t k = push(p, kind, node);
    if (kind == PARAGRAPH || kind == FENCED || kind == INDENTED || kind == HTML || kind == ESM) {
        p->leaf_first = p->line_count;
    }
    return k;
}

static int32_t push(block_parser *p, int32_t kind, int32_t node) {
    int32_t k = ++p->top;
    if (k == p->st_capacity) {
        grow_records(p->ctx, &p->st, &p->st_capacity, (int64_t) k * 2, sizeof *p->st);
    }
    if (kind == JSX || kind == DIRECTIVE) {
        int32_t start = k > 0 && p->st[k - 1].kind == kind ? p->st[k - 1].run_start : k;
        p->st[k].run_start = start;
        p->st[start].run_top = k;
    }
    p->st[k].kind = kind;
    p->st[k].node = node;
    p->st[k].end = p->line_end;
    p->st[k].end_line = p->line_number;
    p->st[k].child_end_line = -1;
    p->st[k].a = 0;
    p->st[k].b = 0;
    p->st[k].c = 0;
    bool container = kind == QUOTE || kind == ITEM || kind == FOOTNOTE || kind == JSX || kind == DIRECTIVE;
    p->st[k].directives = (k == 0 ? 0 : p->st[k - 1].directives) + (kind == DIRECTIVE ? 1 : 0);
    int32_t depth = k == 0 ? 0 : p->st[k - 1].depth + (container ? 1 : 0);
    if (depth > p->max_depth) {
        ocp_fail(p->ctx, OCP_LIMIT_EXCEEDED,
                 "block quotes, list items, footnotes, JSX elements and container directives are nested more than "
                 "maxNestingDepth %lld deep (line %ld)",
                 (long long) p->max_depth, (long) p->line_number);
    }
    p->st[k].depth = depth;
    int32_t quotes = k == 0 ? 0 : p->st[k - 1].quotes;
    if (kind == QUOTE) {
        if (quotes == p->quote_capacity) {
            grow_records(p->ctx, &p->quote_at, &p->quote_capacity, (int64_t) quotes * 2, sizeof *p->quote_at);
        }
        p->quote_at[quotes++] = k;
    }
    p->st[k].quotes = quotes;
    return k;
}

static void close_above(block_parser *p, int32_t k) {
    while (p->top > k) {
        close_top(p);
    }
}

/* A child of block parent starts on this line: a blank line before it makes the list loose, and spreads the list
 * (between items, bit 0 of the list's b) or the item (between its children, bit 1). */
/* Whether a footnote definition holds the block at stack index k. */
static bool in_footnote(const block_parser *p, int32_t k) {
    for (int32_t i = k - 1; i > 0; i--) {
        if (p->st[i].kind == FOOTNOTE) {
            return true;
        }
    }
    return false;
}

static void child_starts(block_parser *p, int32_t parent) {
    int32_t previous_end = p->st[parent].child_end_line;
    if (previous_end < 0 || p->line_number <= previous_end + 1) {
        return;
    }
    if (p->st[parent].kind == LIST) {
        p->st[parent].b |= 1;
    } else if (p->st[parent].kind == ITEM) {
        p->st[parent - 1].b |= 2;
        int32_t item = p->st[parent].node;
        ocp_tree_set_flags(p->tree, item, ocp_tree_flags(p->tree, item) | OCP_FLAG_ITEM_SPREAD);
    }
}

/* A heading or thematic break, already added under parent, ended on this line. */
static void leaf_done(block_parser *p, int32_t parent) {
    p->st[parent].child_end_line = p->line_number;
    if (p->line_end > p->st[parent].end) {
        p->st[parent].end = p->line_end;
    }
    if (p->line_number > p->st[parent].end_line) {
        p->st[parent].end_line = p->line_number;
    }
}

/* Closes the block on top of the stack and reports its end to its parent. */
static void close_top(block_parser *p) {
    int32_t k = p->top;
    if (p->st[k].kind == JSX && p->st[k].b == 0) {
        /* A container ends (a block quote, an item) with the element still open in it. */
        unclosed_jsx(p, k, p->st[k - 1].end, true);
    }
    if ((p->st[k].kind == JSX || p->st[k].kind == DIRECTIVE) && p->st[k].run_start < k) {
        p->st[p->st[k].run_start].run_top = k - 1;
    }
    int32_t node = p->st[k].node;
    switch (p->st[k].kind) {
        case PARAGRAPH:
            finish_paragraph(p, k);
            break;
        case FENCED:
        case INDENTED:
        case HTML:
            finish_literal(p, k);
            break;
        case ESM:
            finish_esm(p, k);
            break;
        case QUOTE:
            if (p->st[k].a != 0) {
                alert_close_quote(p, k);
            }
            break;
        case LIST:
            ocp_tree_set_flags(p->tree, node, (p->st[k].c == 1 ? OCP_FLAG_LIST_ORDERED : 0)
                                                  | (p->st[k].b == 0 ? OCP_FLAG_LIST_TIGHT : 0)
                                                  | ((p->st[k].b & 1) != 0 ? OCP_FLAG_LIST_SPREAD : 0));
            break;
        default:
            break;
    }
    ocp_tree_set_span_end(p->tree, node, p->st[k].end);
    p->top = k - 1;
    int32_t parent = k - 1;
    if (p->st[k].end > p->st[parent].end) {
        p->st[parent].end = p->st[k].end;
    }
    if (p->st[k].end_line > p->st[parent].end_line) {
        p->st[parent].end_line = p->st[k].end_line;
    }
    p->st[parent].child_end_line = p->st[k].end_line;
}
