/*
 * One line: the per-line driver and the column arithmetic under it.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * Appendix A of the spec (phase 1, block structure) reads each line in three steps, and process_line follows
 * them: (1) walk the open blocks from the document down and let each one take its prefix off the line (a '>' and
 * an optional space, an item's content indentation, a code block's four columns) until one does not continue;
 * (2) try the block starts on what is left, most common first, as long as a container opened; (3) give the rest
 * of the line to the innermost block, as text or as a lazy continuation line of a paragraph. Tabs count to the
 * next multiple of four columns and may be taken in part (partial_tab); columns wrap like Java ints.
 *
 * References: CommonMark 0.31.2 sections 2.2 "Tabs" and Appendix A "Phase 1: block structure"; micromark's
 * document and flow content types; markdown-rs construct/document.rs and construct/flow.rs.
 */

/* Java int arithmetic for columns: wraps instead of overflowing (see the file comment). */
static inline int32_t col_add(int32_t a, int32_t b) {
    return (int32_t) ((uint32_t) a + (uint32_t) b);
}

OCP_INLINE int32_t col_sub(int32_t a, int32_t b) {
    return (int32_t) ((uint32_t) a - (uint32_t) b);
}

/*
 * The end of the line that starts at at: the first '\n' or '\r' from there, or length. A vector at a time with
 * SSE2 (char_classes.h), else eight bytes at a time (the line scan touches every byte of the input, and a byte
 * loop cost a quarter of the parse). In words: both bytes are
 * below 0x0E, and a word has a byte below 0x0E iff (w - 0x0E * ONES) & ~w & HIGHS is not zero (which may also
 * flag a byte above a true one, never below it, and none when there is none). The first flagged byte is then
 * checked, as it may be a tab or another control byte. No byte at or past length is read.
 */
static int32_t line_end_from(const uint8_t *src, int32_t at, int32_t length) {
#ifdef OCP_CC_SSE2
    /* Sixteen bytes at a time, each compared with both line ending bytes: no candidate to check afterwards. */
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    /* Four vectors in the first test: three lines in four are shorter than 64 bytes, and each then takes one
     * well-predicted branch, where steps of 32 made the exit's place depend on the line's length. */
    if (length - at >= 64) {
        __m128i v0 = ocp_cc_load16(src + at);
        __m128i v1 = ocp_cc_load16(src + at + 16);
        __m128i v2 = ocp_cc_load16(src + at + 32);
        __m128i v3 = ocp_cc_load16(src + at + 48);
        uint64_t m0 = (uint32_t) _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v0, lf), _mm_cmpeq_epi8(v0, cr)));
        uint64_t m1 = (uint32_t) _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v1, lf), _mm_cmpeq_epi8(v1, cr)));
        uint64_t m2 = (uint32_t) _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v2, lf), _mm_cmpeq_epi8(v2, cr)));
        uint64_t m3 = (uint32_t) _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v3, lf), _mm_cmpeq_epi8(v3, cr)));
        uint64_t mask = m0 | m1 << 16 | m2 << 32 | m3 << 48;
        if (mask != 0) {
            return at + (int32_t) __builtin_ctzll(mask);
        }
        at += 64;
    }
    /* Two vectors per test while a line has that much left: one branch and one mask for 32 bytes. */
    while (length - at >= 32) {
        __m128i v = ocp_cc_load16(src + at);
        __m128i w = ocp_cc_load16(src + at + 16);
        __m128i hit_v = _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr));
        __m128i hit_w = _mm_or_si128(_mm_cmpeq_epi8(w, lf), _mm_cmpeq_epi8(w, cr));
        int mask = _mm_movemask_epi8(_mm_or_si128(hit_v, hit_w));
        if (mask != 0) {
            int first = _mm_movemask_epi8(hit_v);
            return first != 0 ? at + ocp_cc_first_lane(first) : at + 16 + ocp_cc_first_lane(_mm_movemask_epi8(hit_w));
        }
        at += 32;
    }
    while (length - at >= 16) {
        __m128i v = ocp_cc_load16(src + at);
        int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        if (mask != 0) {
            return at + ocp_cc_first_lane(mask);
        }
        at += 16;
    }
#endif
    const uint64_t ones = UINT64_C(0x0101010101010101);
    const uint64_t highs = UINT64_C(0x8080808080808080);
    while (length - at >= 8) {
        uint64_t word;
        memcpy(&word, src + at, 8);
        uint64_t low = (word - ones * 0x0E) & ~word & highs;
        if (low == 0) {
            at += 8;
            continue;
        }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* The lowest flag is a true one, and the lowest byte of the word is the first in memory. */
        int32_t first = at + (int32_t) (__builtin_ctzll(low) >> 3);
#else
        int32_t first = at;
        while (src[first] >= 0x0E) {
            first++;
        }
#endif
        if (src[first] == '\n' || src[first] == '\r') {
            return first;
        }
        at = first + 1;
    }
    while (at < length && src[at] != '\n' && src[at] != '\r') {
        at++;
    }
    return at;
}

/* The bytes a line's content (past its indentation) starts with when it opens a block other than a paragraph, or may
 * (outside MDX, not indented): '>' a block quote, '#' a heading, '`' '~' '$' a fence, '<' HTML, '=' '-' a setext
 * underline, '*' '-' '_' a thematic break, '[' a footnote definition, '*' '+' '-' and digits a list item, '|' ':' '-'
 * and the table whitespace VT and FF a table's delimiter row. Any other byte makes the line text, which most lines
 * are: one look here instead of a test per construct. */
static const bool MAY_START_BLOCK[256] = {
    ['>'] = true, ['#'] = true, ['`'] = true, ['~'] = true, ['$'] = true, ['<'] = true, ['='] = true, ['-'] = true,
    ['*'] = true, ['_'] = true, ['+'] = true, ['['] = true, ['|'] = true, [':'] = true, [0x0B] = true, [0x0C] = true,
    ['0'] = true, ['1'] = true, ['2'] = true, ['3'] = true, ['4'] = true, ['5'] = true, ['6'] = true, ['7'] = true,
    ['8'] = true, ['9'] = true,
};

/* OCP_FLAVOR_MICROMARK (containersEnd in the Java twin), a block quote, list item or footnote starting on this line:
 * the containers of a fence never closed (or an HTML block of start condition 1 to 5 whose end marker has not come)
 * that end because of it run to where this line's new blocks start (past the prefixes of the containers it
 * continues), and the fence, in mdast, to the line's start: the mdast writer sees their span end on the line of the
 * block after them. Ended any other way (a line outside them that is not lazy, the document's end) they end as the
 * reference's do, on their last line.
 * So do the containers it ends in a footnote definition (mdast walks back from the new block over prefixes to the
 * last line ending, and the footnote's indentation stops it); only the item itself when its list's next item starts
 * (sibling; its nested blocks end as ever). (micromark then counts the blank lines before the line as the item's,
 * which it spreads, and not the list's, and a footnote takes none of a blank line's whitespace; the Markdown writer,
 * which writes for both readings, could not keep those, and the parser keeps CommonMark's: docs/conformance.md.) */
static void containers_end(block_parser *p, int32_t container, bool sibling)
{
    if (!p->micromark || p->top <= container) {
        return;
    }
    if (p->st[p->top].kind == FENCED || (p->st[p->top].kind == HTML && p->st[p->top].a <= 5)) {
        for (int32_t k = container + 1; k < p->top; k++) {
            p->st[k].end = p->offset; /* (a fence or HTML block still open is one not closed yet) */
        }
        return;
    }
    if (!in_footnote(p, container + 1)) {
        return;
    }
    int32_t last = sibling ? container + 1 : p->top;
    for (int32_t k = container + 1; k <= last; k++) {
        int32_t kind = p->st[k].kind;
        if (kind == QUOTE || kind == ITEM || kind == LIST || kind == FOOTNOTE) {
            p->st[k].end = p->offset;
        }
    }
}

static void process_line(block_parser *p) {
    const uint8_t *src = p->src;
    ocp_tree *tree = p->tree;
    p->line_number++;
    p->offset = p->line_start;
    p->column = 0;
    p->partial_tab = false;
    p->nonspace = -1;
    p->break_kill = 0;

    /* 1. Which open blocks does the line continue? */
    int32_t k = 1;
    while (k <= p->top) {
        p->work++;
        find_nonspace(p);
        int32_t kind = p->st[k].kind;
        if (kind == QUOTE) {
            if ((!p->mdx && p->indent > 3) || p->blank || src[p->nonspace] != '>') {
                break;
            }
            advance(p, p->nonspace + 1 - p->offset, false);
            if (p->offset < p->line_end && is_space_or_tab(src[p->offset])) {
                advance(p, 1, true);
            }
            p->st[k].end = p->line_end;
            p->st[k].end_line = p->line_number;
        } else if (kind == ITEM) {
            bool empty = ocp_tree_first_child(tree, p->st[k].node) == OCP_NIL;
            if (p->blank && empty) {
                /* An item can begin with at most one blank line (its marker line), whatever the blank line's
                 * indentation (cmark tests the indentation first and keeps "-\n  \n  foo" in the item). */
                break;
            }
            if (p->indent >= p->st[k].a) {
                /* Also for blank lines: whitespace past the item's indentation stays content, as in cmark. */
                advance(p, p->st[k].a, true);
            } else if (p->blank) {
                advance(p, p->nonspace - p->offset, false);
                /* Every block between here and the next block quote (or the top) is a list or a list item with
                 * children, which a blank line continues without consuming anything: skip them. */
                int32_t next = p->st[k].quotes < p->st[p->top].quotes ? p->quote_at[p->st[k].quotes] : p->top;
                if (next > k + 1) {
                    k = next - 1;
                }
            } else {
                break;
            }
        } else if (kind == FENCED) {
            if ((p->mdx || p->indent <= 3) && !p->blank && src[p->nonspace] == p->st[k].a && is_closing_fence(p, k)) {
                int32_t node = p->st[k].node;
                int unclosed = ocp_tree_kind(p->tree, node) == OCP_KIND_MATH_BLOCK ? OCP_FLAG_MATH_UNCLOSED
                                                                                   : OCP_FLAG_CODE_UNCLOSED;
                ocp_tree_set_flags(p->tree, node, ocp_tree_flags(p->tree, node) & ~unclosed);
                p->st[k].end = p->line_end;
                p->st[k].end_line = p->line_number;
                close_top(p);
                return;
            }
            for (int32_t i = p->st[k].c; i > 0 && p->offset < p->line_end && is_space_or_tab(src[p->offset]); i--) {
                advance(p, 1, true);
            }
        } else if (kind == INDENTED) {
            p->shallow_blank_line = p->indent < CODE_INDENT;
            if (p->st[k].node == p->code_ends_with_its_line) {
                break; /* opened on a lazy line: ends with it (micromark) */
            }
            if (p->indent >= CODE_INDENT) {
                advance(p, CODE_INDENT, true);
            } else if (p->blank) {
                advance(p, p->nonspace - p->offset, false);
            } else {
                break;
            }
        } else if (kind == HTML) {
            if (p->blank && p->st[k].a >= 6) {
                break;
            }
        } else if (kind == PARAGRAPH || kind == TABLE) {
            if (p->blank || (kind == TABLE && row_without_cells(p))) {
                break;
            }
        } else if (kind == FOOTNOTE) {
            if (p->indent >= FOOTNOTE_INDENT) {
                advance(p, FOOTNOTE_INDENT, true);
            } else if (p->blank) {
                advance(p, p->nonspace - p->offset, false);
            } else {
                break;
            }
        } else if (kind == ESM) {
            if (p->blank) {
                break;
            }
        } else if (kind == DIRECTIVE) {
            k = continue_directive_run(p, k);
            if (k < 0) {
                return;
            }
        } else if (kind == JSX) {
            /* A JSX element continues every line without a prefix, and so does every element nested directly in
             * it: skip the whole run at once, or deep nesting would cost its depth on every line. (A blank line in
             * a list item may have skipped to the middle of the run: its top is kept at its start.) */
            k = p->st[p->st[k].run_start].run_top;
        }
        k++;
    }
    int32_t last_matched = k - 1;

    /* 2. Does it open new blocks? */
    int32_t container = last_matched;
    int32_t container_kind = p->st[container].kind;
    bool maybe_lazy = p->st[p->top].kind == PARAGRAPH;
    /* Whether a list item here interrupts: micromark's document sets the flag once a line, for every container it
     * opens (a paragraph's line, or code's, interrupted by "> 2." has no list in the quote either). */
    bool interrupting = p->micromark && (container_kind == PARAGRAPH || list_after_indented_code(p, last_matched));
    bool opened = false;
    while (container_kind != FENCED && container_kind != INDENTED && container_kind != HTML && container_kind != ESM) {
        p->work++;
        find_nonspace(p);
        bool indented = !p->mdx && p->indent >= CODE_INDENT;
        int c = p->blank ? -1 : src[p->nonspace];
        int32_t n;
        if (!p->mdx && (c < 0 || (!indented && !MAY_START_BLOCK[c]))) {
            break; /* a blank line, or text: none of the tests below can pass (each wants one of these bytes) */
        }
        /* In MDX, an HTML comment is an HTML block when the extension asks for it (CommonMark's second kind: it
           ends on the line that holds "-->"), never JSX; it does not interrupt a paragraph (it is text there). */
        bool comment_start = p->mdx && p->html_comments && c == '<'
                             && ocp_html_blocks_start_condition(src, p->nonspace, p->line_end, false) == 2;
        int comment = comment_start && p->st[p->top].kind != PARAGRAPH ? 2 : 0;
        if (p->mdx && !comment_start && (c == '<' || c == '{') && mdx_flow(p, container)) {
            return;
        } else if (p->mdx && ((c == '<' && comment == 0) || c == '{')) {
            break; /* text: a paragraph, or a lazy line of one (the checks below cannot start with these bytes) */
        } else if (p->mdx && p->st[p->top].kind != PARAGRAPH && p->nonspace == p->line_start && esm_start(p)) {
            /* At column 1 no block quote, list item or footnote can have matched: the containers around are JSX
               elements and container directives, which take lines without a prefix, and micromark reads ESM in
               them as at the top. */
            container = open_block(p, container, ESM, OCP_KIND_MDX_ESM, p->line_start);
            opened = true;
            break;
        } else if (!indented && c == '>' && !p->containers_off) {
            int32_t start = p->nonspace;
            containers_end(p, container, false);
            advance(p, p->nonspace + 1 - p->offset, false);
            if (p->offset < p->line_end && is_space_or_tab(src[p->offset])) {
                advance(p, 1, true);
            }
            container = open_block(p, container, QUOTE, OCP_KIND_BLOCK_QUOTE, start);
        } else if (!indented && c == '#' && (n = atx_level(p, p->nonspace)) > 0) {
            atx_heading(p, container, n);
            return;
        } else if (!indented && (c == '`' || c == '~' || (c == '$' && p->math))
                   && (n = opening_fence(p, p->nonspace)) > 0) {
            fenced_code(p, container, n);
            return;
        } else if (!indented && c == '<'
                   && (n = p->mdx ? comment
                                  : ocp_html_blocks_start_condition(src, p->nonspace, p->line_end,
                                                                    p->st[p->top].kind != PARAGRAPH)) > 0) {
            /* The tag is content: the offset stays where the line's content starts. */
            container = open_block(p, container, HTML, OCP_KIND_HTML_BLOCK, p->offset);
            p->st[container].a = n;
            ocp_tree_set_data(tree, p->st[container].node, n);
            if (n <= 5) {
                /* until its end marker comes (v1.4) */
                ocp_tree_set_flags(tree, p->st[container].node, OCP_FLAG_HTML_UNCLOSED);
            }
            opened = true;
            break;
        } else if (!indented && container_kind == PARAGRAPH && (c == '=' || c == '-')
                && (n = setext_level(p, p->nonspace)) > 0 && setext_heading(p, container, n)) {
            return;
        } else if (p->directive && !indented && c == ':' && (n = directive_start(p, container)) != 0) {
            if (n < 0) {
                return; /* a leaf directive, the whole line */
            }
            container = n;
            opened = true;
            break; /* the rest of the fence's line is the fence's */
        } else if (!indented && (c == '*' || c == '-' || c == '_') && p->nonspace >= p->break_kill
                && is_thematic_break(p, p->nonspace)) {
            int32_t parent = prepare(p, container, LEAF);
            int32_t rule = ocp_tree_add(tree, OCP_KIND_THEMATIC_BREAK, p->st[parent].node, p->nonspace, p->line_end);
            ocp_tree_set_data(tree, rule, c); /* v1.3: its character */
            leaf_done(p, parent);
            return;
        } else if (p->gfm && !indented && c == '[' && !p->containers_off && (n = footnote_definition_start(p, p->nonspace)) > 0) {
            containers_end(p, container, false);
            container = footnote_definition(p, container, n);
        } else if (!indented && c != -1 && !p->containers_off && list_marker(p, p->nonspace, container_kind == PARAGRAPH || interrupting
                                                                   || list_after_indented_code(p, last_matched))) {
            containers_end(p, container, continues_list(p, container));
            container = list_item(p, container);
        } else if (indented && !maybe_lazy && !p->blank) {
            /* v1.5: the bytes of indentation before the block's span, from the first byte at or after the column
             * its four columns start at (past a tab its container took columns of). */
            int32_t indentation = p->partial_tab ? p->offset + 1 : p->offset;
            advance(p, CODE_INDENT, true);
            container = open_block(p, container, INDENTED, OCP_KIND_CODE_BLOCK, p->offset);
            p->code_ends_with_its_line = p->micromark && p->prepared_closing_containers ? p->st[container].node : OCP_NIL;
            ocp_tree_set_data(p->tree, p->st[container].node, p->offset - indentation);
            p->leaf_last_text = -1;
            p->leaf_last_indented_blank = -1;
            opened = true;
            break;
        } else if (p->gfm && !indented && container_kind == PARAGRAPH && c != -1
                && (n = delimiter_row(p, p->nonspace)) > 0 && table_start(p, container, n)) {
            return;
        } else {
            break;
        }
        opened = true;
        container_kind = p->st[container].kind;
        maybe_lazy = false;
    }

    /* 3. What is left of the line is text for the container, or a lazy continuation line. */
    find_nonspace(p);
    if (!opened && last_matched < p->top && !p->blank && p->st[p->top].kind == PARAGRAPH
        && p->st[p->top].directives == p->st[last_matched].directives) { /* no lazy line crosses a directive's fence */
        add_paragraph_line(p, p->top);
        return;
    }
    close_above(p, container);
    int32_t kind = p->st[container].kind;
    if (kind == FENCED || kind == INDENTED || kind == ESM) {
        add_code_line(p, container);
    } else if (kind == HTML) {
        add_code_line(p, container);
        int type = p->st[container].a;
        if (type <= 5 && ocp_html_blocks_end_condition(type, src, p->nonspace, p->line_end)) {
            ocp_tree_set_flags(p->tree, p->st[container].node, 0);
            close_top(p);
        }
    } else if (p->blank) {
        /* Nothing: blank lines only end blocks (already done) and separate them (seen through line numbers). */
    } else if (kind == TABLE) {
        table_row(p, container, false);
    } else if (kind == PARAGRAPH) {
        add_paragraph_line(p, container);
    } else {
        container = open_block(p, container, PARAGRAPH, OCP_KIND_PARAGRAPH, p->nonspace);
        add_paragraph_line(p, container);
    }
}

/* ------------------------------------------------------------------------------------------------------------
 * Column arithmetic
 * ------------------------------------------------------------------------------------------------------------ */

/* Finds the first non-space byte from the offset, from the offset on: the run of spaces and tabs there. */
static void scan_nonspace(block_parser *p) {
    const uint8_t *src = p->src;
    int32_t at = p->offset;
    int32_t col = p->column;
    while (at < p->line_end) {
        p->work++;
        uint8_t b = src[at];
        if (b == ' ') {
            col = col_add(col, 1);
        } else if (b == '\t') {
            col = col_add(col, TAB_STOP - col % TAB_STOP);
        } else {
            break;
        }
        at++;
    }
    p->nonspace = at;
    p->nonspace_column = col;
}

/* Finds the first non-space byte from the offset. The result is kept while the offset stays before it, so that
 * containers consuming a long run of indentation one after the other scan it once. Inlined, with the test of the
 * offset's own byte: most lines have no indentation, and the call was 7% of a parse of progit (perf). */
OCP_NATIVE_INLINE void find_nonspace(block_parser *p) {
    if (p->nonspace <= p->offset) {
        int32_t at = p->offset;
        if (at < p->line_end && !is_space_or_tab(p->src[at])) {
            p->work++;
            p->nonspace = at;
            p->nonspace_column = p->column;
        } else {
            scan_nonspace(p);
        }
    }
    p->indent = col_sub(p->nonspace_column, p->column);
    p->blank = p->nonspace == p->line_end;
}

/* Advances by count bytes, or by count columns when columns is set; in the latter case a tab may be consumed in
 * part, leaving the offset on it with partial_tab set. */
static void advance(block_parser *p, int32_t count, bool columns) {
    const uint8_t *src = p->src;
    while (count > 0 && p->offset < p->line_end) {
        if (src[p->offset] == '\t') {
            int32_t to_tab = TAB_STOP - p->column % TAB_STOP;
            if (columns) {
                p->partial_tab = to_tab > count;
                int32_t step = count < to_tab ? count : to_tab;
                p->column = col_add(p->column, step);
                if (!p->partial_tab) {
                    p->offset++;
                }
                count -= step;
            } else {
                p->partial_tab = false;
                p->column = col_add(p->column, to_tab);
                p->offset++;
                count--;
            }
        } else {
            p->partial_tab = false;
            p->offset++;
            p->column = col_add(p->column, 1);
            count--;
        }
    }
}

OCP_INLINE bool is_space_or_tab(uint8_t b) {
    return b == ' ' || b == '\t';
}

/* The start of the line after the line ending at line_end (LF, CR or CR LF), or the input's length. */
static int32_t next_line(const block_parser *p, int32_t line_end) {
    if (line_end + 1 < p->length && p->src[line_end] == '\r' && p->src[line_end + 1] == '\n') {
        return line_end + 2;
    }
    return line_end + 1 < p->length ? line_end + 1 : p->length;
}

/* Returns the source offset past the line ending (LF, CR or CR LF) at line_end, if there is one. */
static int32_t after_line_ending(const block_parser *p, int32_t line_end) {
    if (line_end >= p->length) {
        return line_end;
    }
    return p->src[line_end] == '\r' && line_end + 1 < p->length && p->src[line_end + 1] == '\n' ? line_end + 2
                                                                                              : line_end + 1;
}
