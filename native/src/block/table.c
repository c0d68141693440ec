/*
 * GFM tables: the table start, its rows, their cells and the cells' inline content.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * A paragraph's last line becomes the header row when the next line is a delimiter row: cells of dashes with an
 * optional ':' on either side (the alignment), separated by '|', as many cells as the header row has. The body
 * rows follow until a blank line, a line without cells or the start of another block; each is cut or padded to
 * the header's number of cells. Cells are split at unescaped '|' and trimmed; "\|" inside a cell stands for a
 * pipe, also inside code spans. This follows cmark-gfm's reading (its whitespace includes VT and FF).
 *
 * References: GFM spec 4.10 "Tables (extension)"; micromark-extension-gfm-table; markdown-rs
 * construct/gfm_table.rs.
 */

/* Table whitespace, cmark-gfm's spacechar: space, tab, vertical tab, form feed; micromark's (its markdownSpace) has no
 * vertical tab or form feed, which are then cell content. */
static bool is_table_space(const block_parser *p, uint8_t b) {
    return b == ' ' || b == '\t' || (!p->micromark && (b == 0x0B || b == '\f'));
}

static int32_t skip_table_space_to(const block_parser *p, int32_t q, int32_t to) {
    while (q < to && is_table_space(p, p->src[q])) {
        q++;
    }
    return q;
}

/* Whether the line has no cells for a table row (cmark-gfm's row_from_string finds none): nothing but an
 * optional pipe and table whitespace. Such a line ends a table, as a blank line does. */
static bool row_without_cells(const block_parser *p) {
    int32_t q = p->nonspace;
    if (q < p->line_end && p->src[q] == '|') {
        q = skip_table_space_to(p, q + 1, p->line_end);
    }
    return q == p->line_end;
}

/* Scans a table delimiter row at at: cells of an optional ':', dashes and an optional ':', separated by single
 * pipes, with optional outer pipes and table whitespace around each. Records each column's alignment in
 * table_align. Returns the number of cells, or 0 if the line is no delimiter row. */
static int32_t delimiter_row(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    int32_t line_end = p->line_end;
    int32_t q = at;
    if (src[q] == '|') {
        q++;
    }
    int32_t cells = 0;
    for (;;) {
        q = skip_table_space_to(p, q, line_end);
        bool left = q < line_end && src[q] == ':';
        if (left) {
            q++;
        }
        int32_t dashes = q;
        while (q < line_end && src[q] == '-') {
            q++;
        }
        p->work += q - dashes + 1;
        if (q == dashes) {
            return 0;
        }
        bool right = q < line_end && src[q] == ':';
        if (right) {
            q++;
        }
        if (cells == p->align_capacity) {
            grow_records(p->ctx, &p->table_align, &p->align_capacity, cells == 0 ? 16 : (int64_t) cells * 2,
                         sizeof *p->table_align);
        }
        p->table_align[cells++] = left && right ? OCP_ALIGN_CENTER : left ? OCP_ALIGN_LEFT
                                  : right ? OCP_ALIGN_RIGHT : OCP_ALIGN_NONE;
        q = skip_table_space_to(p, q, line_end);
        if (q == line_end) {
            return cells;
        }
        if (src[q] != '|') {
            return 0;
        }
        q = skip_table_space_to(p, q + 1, line_end);
        if (q == line_end) {
            return cells;
        }
    }
}

/* Adds the cell src[from, to) (trimmed) of column column to row, after the pipe at pipe (OCP_NIL for a first cell
 * without one); queues its content. */
static void cell(block_parser *p, int32_t row, int32_t pipe, int32_t from, int32_t to, int32_t column, bool header) {
    const uint8_t *src = p->src;
    while (from < to && is_table_space(p, src[from])) {
        from++;
    }
    while (to > from && is_table_space(p, src[to - 1])) {
        to--;
    }
    int32_t node = ocp_tree_add(p->tree, OCP_KIND_TABLE_CELL, row, from, to);
    ocp_tree_set_data(p->tree, node, p->table_align[column]);
    if (pipe != OCP_NIL) {
        ocp_tree_set_number(p->tree, node, 0, pipe); /* v1.5: the pipe it starts after */
    }
    if (header) {
        ocp_tree_set_flags(p->tree, node, OCP_FLAG_TABLE_HEADER);
    }
    if (to > from) {
        add_line(p, from, to, 0);
        add_leaf(p, node, p->line_count - 1, CELL);
    }
}

/* Splits the row src[from, to) into cells as cmark-gfm does: an optional leading pipe, then cells separated by
 * pipes that do not follow a backslash, table whitespace after each pipe
 * skipped, no empty cell after a trailing pipe. Adds each cell to row (OCP_NIL: count only) while limit allows.
 * Returns the number of cells of the row. */
static int32_t split_row(block_parser *p, int32_t from, int32_t to, int32_t row, int32_t limit, bool header) {
    const uint8_t *src = p->src;
    int32_t q = from;
    int32_t pipe = OCP_NIL;
    if (q < to && src[q] == '|') {
        pipe = q;
        q = skip_table_space_to(p, q + 1, to);
    }
    int32_t cells = 0;
    while (q < to) {
        int32_t cell_start = q;
        /* A pipe right after a backslash is the cell's (cmark-gfm's cell scanner takes the longest match, so
         * even in \\| the backslash before the pipe escapes it; micromark's escape takes a backslash or a pipe
         * after it, so there the pipe ends the cell). */
        while (q < to && (src[q] != '|' || (!p->micromark && q > cell_start && src[q - 1] == '\\'))) {
            q += p->micromark && src[q] == '\\' && q + 1 < to && (src[q + 1] == '\\' || src[q + 1] == '|') ? 2 : 1;
        }
        p->work += q - cell_start + 1;
        bool ends_at_pipe = q < to;
        if (q > cell_start || ends_at_pipe) {
            if (row != OCP_NIL && cells < limit) {
                cell(p, row, pipe, cell_start, q, cells, header);
            }
            cells++;
        }
        if (!ends_at_pipe) {
            break;
        }
        pipe = q;
        q = skip_table_space_to(p, q + 1, to);
    }
    return cells;
}

/*
 * micromark (OCP_FLAVOR_MICROMARK): the header row would be a tag alone on its line. micromark's table check ends
 * the paragraph before that line, and at the flow's start its htmlFlow, tried first at a '<', takes the line: an
 * HTML block of condition 7, this line its second (Table.java).
 */
static void html_instead(block_parser *p, int32_t k, int32_t h) {
    int32_t start = p->lines[h].indent_at;
    int32_t end = p->lines[h].end;
    int32_t pad = p->lines[h].pad;
    p->line_count = h;
    p->st[k].end = p->lines[h - 1].end;
    p->st[k].end_line = p->line_number - 2;
    int32_t parent = k - 1;
    close_top(p);
    /* Where a block opened on that line would start: past its container's prefix, at a tab it took part of. */
    int32_t node = ocp_tree_add(p->tree, OCP_KIND_HTML_BLOCK, p->st[parent].node, pad > 0 ? start - 1 : start,
                                p->line_end);
    int32_t html = push(p, HTML, node);
    p->leaf_first = p->line_count;
    p->st[html].a = 7;
    ocp_tree_set_data(p->tree, node, 7);
    add_line(p, start, end, pad);
    add_code_line(p, html);
}

/* Turns the last line of paragraph k into a table's header row if it has columns cells (those of the delimiter
 * row on this line); the paragraph's earlier lines stay a paragraph. Returns whether the table was made (else
 * the line goes on as it would have). */
static bool table_start(block_parser *p, int32_t k, int32_t columns) {
    ocp_tree *tree = p->tree;
    int32_t h = p->line_count - 1;
    int32_t header_start = p->lines[h].start;
    int32_t header_end = p->lines[h].end;
    if (split_row(p, header_start, header_end, OCP_NIL, 0, true) != columns) {
        return false;
    }
    if (p->micromark && !p->mdx && h > p->leaf_first
        && ocp_html_blocks_start_condition(p->src, header_start, header_end, true) == 7) {
        html_instead(p, k, h);
        return true;
    }
    int32_t t;
    if (h > p->leaf_first) {
        p->line_count = h;
        p->st[k].end = p->lines[h - 1].end;
        p->st[k].end_line = p->line_number - 2;
        int32_t parent = k - 1;
        close_top(p);
        t = push(p, TABLE, ocp_tree_add(tree, OCP_KIND_TABLE, p->st[parent].node, header_start, p->line_end));
    } else {
        p->line_count = h;
        t = k;
        p->st[t].kind = TABLE;
        ocp_tree_set_kind(tree, p->st[t].node, OCP_KIND_TABLE);
    }
    p->st[t].a = columns;
    int32_t row = ocp_tree_add(tree, OCP_KIND_TABLE_ROW, p->st[t].node, header_start, header_end);
    ocp_tree_set_flags(tree, row, OCP_FLAG_TABLE_HEADER);
    split_row(p, header_start, header_end, row, columns, true);
    p->st[t].end = p->line_end;
    p->st[t].end_line = p->line_number;
    return true;
}

/* Adds the rest of the line as a body row of table t, cut or padded to its columns. */
static void table_row(block_parser *p, int32_t t, bool header) {
    ocp_tree *tree = p->tree;
    int32_t row = ocp_tree_add(tree, OCP_KIND_TABLE_ROW, p->st[t].node, p->nonspace, p->line_end);
    int32_t columns = p->st[t].a;
    int32_t cells = split_row(p, p->nonspace, p->line_end, row, columns, header);
    for (int32_t c = cells; c < columns; c++) {
        ocp_tree_set_data(tree, ocp_tree_add(tree, OCP_KIND_TABLE_CELL, row, p->line_end, p->line_end),
                          p->table_align[c]);
    }
    p->st[t].end = p->line_end;
    p->st[t].end_line = p->line_number;
}

/* Maps the piece of cell content at pos to the source from run: the cell's first piece, or one after an escaped
 * pipe, whose span starts at its backslash (a text's span covers its escapes as written). */
static void add_cell_piece(block_parser *p, int32_t pos, int32_t run, int32_t cell_start, int32_t cell_end) {
    if (run == cell_start) {
        ocp_content_map_add_line(&p->map, pos, run, cell_end);
    } else {
        ocp_content_map_add_piece_after_escape(&p->map, pos, run, cell_end);
    }
}

/* Makes table cell content from line record rec: the cell's bytes with the backslash of each \| dropped (the pipe
 * is then plain text to the inline parser, even in a code span), mapped to the source piece by piece. Without an
 * escaped pipe the source itself is the buffer. */
static void build_cell_content(block_parser *p, int32_t rec) {
    const uint8_t *src = p->src;
    int32_t s = p->lines[rec].start;
    int32_t e = p->lines[rec].end;
    ocp_content_map_reset(&p->map);
    int32_t first = -1;
    for (int32_t i = s; i + 1 < e; i++) {
        if (src[i] == '\\' && src[i + 1] == '|') {
            first = i;
            break;
        }
    }
    if (first < 0) {
        ocp_content_map_add_line(&p->map, s, s, e);
        p->content_buf = src;
        p->content_off = s;
        p->content_len = e - s;
        return;
    }
    ensure_scratch(p, e - s);
    uint8_t *scratch = p->scratch;
    int32_t pos = 0;
    int32_t run = s;
    for (int32_t i = first; i + 1 < e; i++) {
        if (src[i] == '\\' && src[i + 1] == '|') {
            add_cell_piece(p, pos, run, s, e);
            memcpy(scratch + pos, src + run, (size_t) (i - run));
            pos += i - run;
            run = i + 1;
        }
    }
    add_cell_piece(p, pos, run, s, e);
    memcpy(scratch + pos, src + run, (size_t) (e - run));
    pos += e - run;
    p->content_buf = scratch;
    p->content_off = 0;
    p->content_len = pos;
}
