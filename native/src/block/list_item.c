/*
 * List markers, list items and GFM task items.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * A bullet ('-', '+', '*') or an ordered marker (one to nine digits and '.' or ')') indented at most three
 * spaces, followed by a space, a tab or the end of the line. The item's content starts one to four columns past
 * the marker (one when five or more follow, or when the line is blank); an item interrupting a paragraph must
 * not be empty and an ordered one must start at 1. Items of the same marker type form a list, loose when a blank
 * line separates two of its items or two blocks of an item. With GFM, "[ ]" or "[x]" (either case) and a space or
 * tab at the start of an item's first paragraph make it a task item.
 *
 * References: CommonMark 0.31.2 sections 5.2 "List items" and 5.3 "Lists"; GFM spec 5.3 "Task list items
 * (extension)"; micromark list and micromark-extension-gfm-task-list-item; markdown-rs construct/list_item.rs and
 * construct/gfm_task_list_item_check.rs.
 */

/* Scans a list marker at at, filling the marker_* fields. interrupts_paragraph: whether the item would interrupt
 * a paragraph (then it must not be empty and an ordered one must start at 1). */
static bool list_marker(block_parser *p, int32_t at, bool interrupts_paragraph) {
    const uint8_t *src = p->src;
    int32_t line_end = p->line_end;
    uint8_t c = src[at];
    int32_t next;
    if (c == '*' || c == '+' || c == '-') {
        p->marker_byte = c;
        p->marker_ordered = false;
        p->marker_start_number = 0;
        next = at + 1;
    } else if (c >= '0' && c <= '9') {
        int32_t q = at;
        /* Up to ten digits are read (a tenth rejects the marker), so the value needs more than 32 bits. */
        int64_t value = 0;
        while (q < line_end && q - at < 10 && src[q] >= '0' && src[q] <= '9') {
            value = value * 10 + (src[q] - '0');
            q++;
        }
        if (q - at > 9 || q >= line_end || (src[q] != '.' && src[q] != ')')) {
            return false;
        }
        p->marker_byte = src[q];
        p->marker_ordered = true;
        p->marker_start_number = (int32_t) value;
        next = q + 1;
    } else {
        return false;
    }
    if (next < line_end && !is_space_or_tab(src[next])) {
        return false;
    }
    if (interrupts_paragraph) {
        /* micromark asks for the one digit 1 (01 or 001 is one too to CommonMark) */
        if (p->marker_ordered && (p->marker_start_number != 1 || (p->micromark && next - at != 2))) {
            return false;
        }
        int32_t q = next;
        while (q < line_end && is_space_or_tab(src[q])) {
            q++;
        }
        if (q == line_end) {
            return false;
        }
    }
    p->marker_width = next - at;
    return true;
}

/* Whether the scanned marker continues the list at container: the same bullet or delimiter. */
static bool continues_list(const block_parser *p, int32_t container) {
    return p->st[container].kind == LIST && p->st[container].a == p->marker_byte
           && (p->st[container].c == 1) == p->marker_ordered;
}

/* Opens a list item (and its list unless container is a list it continues) for the scanned marker. */
static int32_t list_item(block_parser *p, int32_t container) {
    const uint8_t *src = p->src;
    int32_t start = p->nonspace;
    int32_t marker_indent = p->indent;
    advance(p, p->nonspace + p->marker_width - p->offset, false);
    bool saved_partial = p->partial_tab;
    int32_t saved_offset = p->offset;
    int32_t saved_column = p->column;
    /* MDX has no indented code: the content starts after all the whitespace (ListItem.listItem). */
    while ((p->mdx || col_sub(p->column, saved_column) <= 5) && p->offset < p->line_end
           && is_space_or_tab(src[p->offset])) {
        advance(p, 1, true);
    }
    int32_t spaces = col_sub(p->column, saved_column);
    int32_t padding;
    if ((spaces >= 5 && !p->mdx) || spaces < 1 || p->offset == p->line_end) {
        /* Content starts one column after the marker: indented code, blank start, or no space at all. */
        padding = p->marker_width + 1;
        p->offset = saved_offset;
        p->column = saved_column;
        p->partial_tab = saved_partial;
        if (spaces > 0) {
            advance(p, 1, true);
        }
    } else {
        padding = p->marker_width + spaces;
    }
    if (!continues_list(p, container)) {
        container = open_block(p, container, LIST, OCP_KIND_LIST, start);
        int32_t list = p->st[container].node;
        p->st[container].a = p->marker_byte;
        p->st[container].c = p->marker_ordered ? 1 : 0;
        ocp_tree_set_data(p->tree, list, p->marker_byte);
        if (p->marker_ordered) {
            ocp_tree_set_flags(p->tree, list, OCP_FLAG_LIST_ORDERED);
            ocp_tree_set_number(p->tree, list, 0, p->marker_start_number);
        }
    }
    int32_t item = open_block(p, container, ITEM, OCP_KIND_LIST_ITEM, start);
    p->st[item].a = marker_indent + padding;
    return item;
}

/* Flags the item above paragraph k (of the given number of lines) as a task-list item when the paragraph is the
 * item's first child (on the marker's line or a later one), starts with [ ], [x] or [X] followed by whitespace
 * (spaces or tabs, or the line's end), and goes on after it: more on that line, or another line. The paragraph
 * then starts after the whitespace, at the line's end when nothing is left on it. */
static void task_item(block_parser *p, int32_t k, int32_t lines) {
    const uint8_t *src = p->src;
    ocp_tree *tree = p->tree;
    int32_t item = p->st[k - 1].node;
    int32_t node = p->st[k].node;
    int32_t s = p->lines[p->leaf_first].start;
    int32_t e = p->lines[p->leaf_first].end;
    if (ocp_tree_first_child(tree, item) != node || s + 3 > e || src[s] != '[' || src[s + 2] != ']'
            || (s + 3 < e && !is_space_or_tab(src[s + 3]))) {
        return;
    }
    uint8_t check = src[s + 1];
    if (check != ' ' && check != 'x' && check != 'X') {
        return;
    }
    int32_t content = s + 3;
    while (content < e && is_space_or_tab(src[content])) {
        content++;
    }
    if (content == e && lines == 1) {
        return;
    }
    ocp_tree_set_flags(tree, item, ocp_tree_flags(tree, item) | OCP_FLAG_ITEM_TASK
                                       | (check == ' ' ? 0 : OCP_FLAG_ITEM_CHECKED));
    ocp_tree_set_number(tree, item, 0, s); /* v1.5: where the check starts, which the paragraph's span leaves out */
    p->lines[p->leaf_first].start = content;
    ocp_tree_set_span(tree, node, content, ocp_tree_span_end(tree, node));
}
