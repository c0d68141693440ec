/*
 * Leaf content: line records, literals, and the content handed to the inline parser.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * A leaf's lines are recorded as source ranges (with the columns of a tab taken in part). Code and HTML blocks
 * become a literal, each line followed by a line feed, NUL as U+FFFD. Paragraphs and headings queue their lines
 * for phase 2: after the block phase, their lines are joined into one buffer, leading whitespace of each line and
 * trailing whitespace of the last dropped, with a content map back to source offsets.
 *
 * References: CommonMark 0.31.2 Appendix A "Phase 2: inline structure", section 2.3 "Insecure characters" (NUL);
 * micromark's content and text content types.
 */

static void add_indented_line(block_parser *p, int32_t start, int32_t end, int32_t pad, int32_t indent_at) {
    int32_t i = p->line_count;
    if (i == p->line_capacity) {
        grow_records(p->ctx, &p->lines, &p->line_capacity, (int64_t) i * 2, sizeof *p->lines);
    }
    p->lines[i].start = start;
    p->lines[i].end = end;
    p->lines[i].pad = pad;
    p->lines[i].indent_at = indent_at;
    p->line_count = i + 1;
}

static void add_line(block_parser *p, int32_t start, int32_t end, int32_t pad) {
    add_indented_line(p, start, end, pad, start);
}

static void add_leaf(block_parser *p, int32_t node, int32_t first_line, int32_t lines) {
    int32_t i = p->leaf_count;
    if (i == p->leaf_capacity) {
        grow_records(p->ctx, &p->leaves, &p->leaf_capacity, (int64_t) i * 2, sizeof *p->leaves);
    }
    p->leaves[i].node = node;
    p->leaves[i].first_line = first_line;
    p->leaves[i].line_count = lines;
    p->leaf_count = i + 1;
}

/* Code and HTML blocks: the literal is every line followed by a line feed. */
static void finish_literal(block_parser *p, int32_t k) {
    ocp_tree *tree = p->tree;
    int32_t node = p->st[k].node;
    int32_t last = p->st[k].kind == INDENTED ? p->leaf_last_text : p->line_count - 1;
    /* One search for NUL over the block's span, not one per line (each ended after a number of vectors that
     * varies with the line, a mispredicted branch per line of code); only a block that holds one goes by lines. */
    bool nul = last >= p->leaf_first
               && ocp_cc_find_nul(p->src, p->lines[p->leaf_first].start, p->lines[last].end) < p->lines[last].end;
    ocp_tree_begin_string(tree);
    for (int32_t i = p->leaf_first; i <= last; i++) {
        for (int32_t s = p->lines[i].pad; s > 0; s--) {
            ocp_tree_append_byte(tree, ' ');
        }
        int32_t start = p->lines[i].start;
        int32_t end = p->lines[i].end;
        /* A line that ends with a line feed takes it along in the same append (one call, not two per line). */
        bool feed = end < p->length && p->src[end] == '\n';
        if (nul) {
            append_literal(p, start, end + feed);
        } else {
            ocp_tree_append(tree, p->src, start, end + feed - start);
        }
        if (!feed) {
            ocp_tree_append_byte(tree, '\n');
        }
    }
    ocp_tree_set_string(tree, node, 0, ocp_tree_end_string(tree));
    if (p->st[k].kind == INDENTED && p->leaf_last_indented_blank > last) {
        /* v1.5: the blank lines after the last line of text, to the last one indented four columns or more, what
         * each holds past those columns, joined by line feeds (mdast's code takes them in). */
        ocp_tree_begin_string(tree);
        for (int32_t i = last + 1; i <= p->leaf_last_indented_blank; i++) {
            if (i > last + 1) {
                ocp_tree_append_byte(tree, '\n');
            }
            for (int32_t s = p->lines[i].pad; s > 0; s--) {
                ocp_tree_append_byte(tree, ' ');
            }
            append_literal(p, p->lines[i].start, p->lines[i].end);
        }
        ocp_tree_set_string(tree, node, 2, ocp_tree_end_string(tree));
    }
    p->line_count = p->leaf_first;
}

/* Appends source bytes to the open string with NUL replaced by U+FFFD, as the spec requires. */
static void append_literal(block_parser *p, int32_t from, int32_t to) {
    const uint8_t *src = p->src;
    int32_t run = from;
    for (int32_t i = ocp_cc_find_nul(src, from, to); i < to; i = ocp_cc_find_nul(src, i + 1, to)) {
        ocp_tree_append(p->tree, src, run, i - run);
        ocp_tree_append_code_point(p->tree, 0xFFFD);
        run = i + 1;
    }
    ocp_tree_append(p->tree, src, run, to - run);
}

/* Makes the scratch buffer hold at least size bytes. Nothing in it is kept: a fresh block, like Java's new
 * array. */
static void ensure_scratch(block_parser *p, int64_t size) {
    if (p->scratch_capacity >= size) {
        return;
    }
    int64_t capacity = (int64_t) p->scratch_capacity * 2;
    if (capacity < size) {
        capacity = size;
    }
    ocp_mem_free(p->ctx, p->scratch);
    p->scratch = NULL;
    p->scratch = ocp_mem_alloc_raw(p->ctx, (size_t) capacity);
    p->scratch_capacity = (int32_t) (capacity > INT32_MAX ? INT32_MAX : capacity);
}

/* Makes lines line records from first into inline content: content_buf, content_off, content_len and map. The
 * last line loses its trailing spaces and tabs. When the lines follow each other in the source, separated by
 * '\n', the source itself is the buffer; otherwise they are joined in the scratch buffer. */
static void build_content(block_parser *p, int32_t first, int32_t lines) {
    const uint8_t *src = p->src;
    const line_record *l = p->lines;
    int32_t last = first + lines - 1;
    int32_t last_end = l[last].end;
    while (last_end > l[last].start && is_space_or_tab(src[last_end - 1])) {
        last_end--;
    }
    ocp_content_map_reset(&p->map);
    bool contiguous = true;
    for (int32_t i = first; i < last; i++) {
        if (l[i + 1].start != l[i].end + 1 || src[l[i].end] != '\n') {
            contiguous = false;
            break;
        }
    }
    if (contiguous) {
        for (int32_t i = first; i <= last; i++) {
            ocp_content_map_add_indented_line(&p->map, l[i].start, l[i].start, after_line_ending(p, l[i].end),
                                              l[i].indent_at, l[i].pad);
        }
        p->content_buf = src;
        p->content_off = l[first].start;
        p->content_len = last_end - p->content_off;
        return;
    }
    int64_t size = lines - 1;
    for (int32_t i = first; i < last; i++) {
        size += l[i].end - l[i].start;
    }
    size += last_end - l[last].start;
    ensure_scratch(p, size);
    uint8_t *scratch = p->scratch;
    int32_t pos = 0;
    for (int32_t i = first; i <= last; i++) {
        int32_t s = l[i].start;
        int32_t e = i == last ? last_end : l[i].end;
        ocp_content_map_add_indented_line(&p->map, pos, s, after_line_ending(p, l[i].end), l[i].indent_at, l[i].pad);
        memcpy(scratch + pos, src + s, (size_t) (e - s));
        pos += e - s;
        if (i < last) {
            scratch[pos++] = '\n';
        }
    }
    p->content_buf = scratch;
    p->content_off = 0;
    p->content_len = pos;
}
