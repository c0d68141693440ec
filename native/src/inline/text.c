/*
 * Text: text runs, line endings, backslash escapes and entity references within text.
 * Included by inline_parser.c (one compilation unit), never compiled on its own.
 *
 * Bytes that start no inline construct are text, emitted as one TEXT node per run. A line ending is a soft break,
 * or a hard break after two or more spaces or a backslash; spaces at the end of a line are dropped. A backslash
 * before ASCII punctuation makes it literal; entity and numeric character references are decoded where valid; NUL
 * becomes U+FFFD.
 *
 * References: CommonMark 0.31.2 sections 2.4 "Backslash escapes", 2.5 "Entity and numeric character
 * references", 6.7 "Hard line breaks", 6.8 "Soft line breaks", 6.9 "Textual content"; micromark characterEscape,
 * characterReference, hardBreakEscape; markdown-rs construct/text.rs, character_escape.rs,
 * character_reference.rs, hard_break_escape.rs.
 */

static void append_raw(ocp_tree *tree, const uint8_t *buf, int32_t from, int32_t to);

/* Emits the pending text run up to to as a TEXT node. */
static void flush_text(ocp_inline_parser *p, int32_t to)
{
    int32_t from = p->text_start;
    if (to > from) {
        p->work += to - from;
        ocp_tree *tree = p->tree;
        int32_t t = ocp_tree_add(tree, OCP_KIND_TEXT, p->top, src(p, from), src(p, to));
        if (p->text_needs_decoding) {
            ocp_tree_begin_string(tree);
            ocp_inline_append_unescaped(tree, p->buf, from, to, p->micromark);
            ocp_tree_set_string(tree, t, 0, ocp_tree_end_string(tree));
        } else {
            ocp_tree_set_string(tree, t, 0, ocp_tree_string(tree, p->buf, from, to - from));
        }
    }
    p->text_needs_decoding = false;
}

/* Where the line ending at i ends, as a break's span end (lineEndingEnd in the Java twin): just past it; under
 * micromark's reading, past the next line's container prefixes once a failed attempt has crossed it (at closing a
 * code span, at a resource or a reference, at raw HTML), as micromark's positions have it (failed_attempt_end). */
static int32_t line_ending_end(ocp_inline_parser *p, int32_t i)
{
    return i < p->failed_attempt_end ? ocp_content_map_indentation_start(p->map, i + 1)
                                     : ocp_content_map_after_line_ending(p->map, i);
}

/* A line ending: a hard break after two or more spaces, else a soft break. The spaces before it are part of
 * the break; the indentation after it belongs to nothing (like the next line's container prefix). */
static int32_t line_ending(ocp_inline_parser *p, int32_t i)
{
    int32_t q = i;
    while (q > p->text_start && p->buf[q - 1] == ' ') {
        q--;
    }
    flush_text(p, q);
    int32_t next = ocp_ls_skip_space_tab(p->buf, i + 1, p->end);
    if (next < p->end) {
        int32_t line_break = ocp_tree_add(p->tree, i - q >= 2 ? OCP_KIND_HARD_BREAK : OCP_KIND_SOFT_BREAK, p->top,
                                          src(p, q), line_ending_end(p, i));
        if (i - q >= 2) {
            /* v1.3: made by spaces; v1.4: by spaces after a tab, which micromark does not take for a break */
            ocp_tree_set_data(p->tree, line_break, q > p->text_start && p->buf[q - 1] == '\t' ? '\t' : ' ');
        }
    }
    p->text_start = next;
    return next;
}

/* A backslash: a hard break before a line ending, an escape before ASCII punctuation, else literal. */
static int32_t backslash(ocp_inline_parser *p, int32_t i)
{
    if (i + 1 < p->end) {
        uint8_t n = p->buf[i + 1];
        if (n == '\n') {
            int32_t next = ocp_ls_skip_space_tab(p->buf, i + 2, p->end);
            if (next >= p->end) {
                return i + 1; /* at the end of the block a backslash is literal */
            }
            flush_text(p, i);
            int32_t line_break = ocp_tree_add(p->tree, OCP_KIND_HARD_BREAK, p->top, src(p, i),
                                              line_ending_end(p, i + 1));
            ocp_tree_set_data(p->tree, line_break, '\\'); /* v1.3: made by a backslash */
            p->text_start = next;
            return next;
        }
        if (ocp_cc_is_ascii_punct(n)) {
            p->text_needs_decoding = true;
            return i + 2; /* stays in the text run; decoded when the run is emitted */
        }
    }
    return i + 1;
}

void ocp_inline_append_unescaped(ocp_tree *tree, const uint8_t *buf, int32_t from, int32_t to, bool micromark)
{
    ocp_inline_append_decoded(tree, buf, from, to, true, micromark);
}

void ocp_inline_append_decoded(ocp_tree *tree, const uint8_t *buf, int32_t from, int32_t to, bool escapes,
                               bool micromark)
{
    int32_t run = from;
    int32_t i = from;
    while (i < to) {
        uint8_t b = buf[i];
        if (b == '\\' && escapes) {
            if (i + 1 < to && ocp_cc_is_ascii_punct(buf[i + 1])) {
                ocp_tree_append(tree, buf, run, i - run);
                run = i + 1;
                i += 2;
                continue;
            }
        } else if (b == '&') {
            uint64_t ref = ocp_entities_scan(buf, i, to);
            if (ref != 0) {
                ocp_tree_append(tree, buf, run, i - run);
                if (micromark && (int32_t) (uint32_t) ref >= 0
                        && ocp_entities_micromark_replaces((int32_t) (uint32_t) ref)) {
                    ocp_tree_append_code_point(tree, 0xFFFD);
                } else {
                    ocp_entities_append_reference(tree, ref);
                }
                i += ocp_entities_ref_length(ref);
                run = i;
                continue;
            }
        } else if (b == 0) {
            ocp_tree_append(tree, buf, run, i - run);
            ocp_tree_append_code_point(tree, 0xFFFD);
            run = i + 1;
        }
        i++;
    }
    ocp_tree_append(tree, buf, run, to - run);
}

/* Appends buf[from, to) as it is, except U+0000 becomes U+FFFD. */
static void append_raw(ocp_tree *tree, const uint8_t *buf, int32_t from, int32_t to)
{
    int32_t run = from;
    for (int32_t i = ocp_cc_find_nul(buf, from, to); i < to; i = ocp_cc_find_nul(buf, i + 1, to)) {
        ocp_tree_append(tree, buf, run, i - run);
        ocp_tree_append_code_point(tree, 0xFFFD);
        run = i + 1;
    }
    ocp_tree_append(tree, buf, run, to - run);
}
