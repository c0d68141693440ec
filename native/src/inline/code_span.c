/*
 * Code spans and inline math, and the content as written they keep.
 * Included by inline_parser.c (one compilation unit), never compiled on its own.
 *
 * A run of backticks opens a code span closed by the next run of exactly the same length; line endings become
 * spaces, and one space is stripped from each side when both sides have one and the content is not all spaces.
 * With OCP_EXTENSION_MATH a run of dollars does the same for inline math. Backtick runs are indexed by length, so
 * the search for closers stays linear. The helpers after them rebuild content as written in the source (the
 * indentation a paragraph's lines lost), which code spans, raw HTML and definitions keep (format v1.5).
 *
 * References: CommonMark 0.31.2 section 6.1 "Code spans"; micromark codeText and micromark-extension-math's
 * mathText; markdown-rs construct/raw_text.rs.
 */

static int32_t find_closing_run(ocp_inline_parser *p, int32_t from, int32_t n, uint8_t marker);
static int32_t code_content(ocp_inline_parser *p, int32_t from, int32_t to, bool keep_line_endings);
static bool loses_indentation(ocp_inline_parser *p, int32_t from, int32_t to);
static int32_t content_as_written(ocp_inline_parser *p, int32_t q, int32_t close, bool strip);
static void append_as_written(ocp_inline_parser *p, const ocp_content_map *map, const uint8_t *buf, int32_t from,
                              int32_t to, int32_t trim_at, int32_t skip_columns);
static bool strips_one_space(const ocp_inline_parser *p, int32_t from, int32_t to);
static bool has_line_ending(const ocp_inline_parser *p, int32_t from, int32_t to);

/* A run of backticks (a code span) or, with math, of dollars (inline math, which follows the code span's rules
 * with its own marker): the span up to the next run of the same length, or literal text. */
static int32_t raw_span(ocp_inline_parser *p, int32_t i)
{
    uint8_t marker = p->buf[i];
    if (marker == '$' && !p->math) {
        return i + 1;
    }
    int32_t q = i;
    while (q < p->end && p->buf[q] == marker) {
        q++;
    }
    int32_t n = q - i;
    int32_t close = find_closing_run(p, q, n, marker);
    if (close < 0) {
        if (p->micromark) {
            p->failed_attempt_end = p->end; /* the search for a closer crossed every line ending after the run */
        }
        return q; /* no closer: the run is literal text */
    }
    flush_text(p, i);
    int32_t node = ocp_tree_add(p->tree, marker == '`' ? OCP_KIND_CODE_SPAN : OCP_KIND_MATH_INLINE, p->top,
                                src(p, i), src(p, close + n));
    int32_t from = q;
    int32_t to = close;
    bool strip = strips_one_space(p, from, to);
    if (strip) {
        from++;
        to--;
    }
    /* Most spans are on one line: one vector search for a line ending spares them the byte loops that look for
     * one (the literal's, slot b's and the lost indentation's). */
    bool one_line = ocp_cc_find_byte(p->buf, q, close, '\n') == close;
    ocp_tree_set_string(p->tree, node, 0, code_content(p, from, to, one_line));
    if (!one_line && has_line_ending(p, from, to)) {
        /* v1.3: as written, for mdast and Markdown output */
        ocp_tree_set_string(p->tree, node, 1, code_content(p, from, to, true));
    }
    if (!one_line && loses_indentation(p, q, close)) {
        /* v1.5: with the indentation, for mdast */
        ocp_tree_set_string(p->tree, node, 2, content_as_written(p, q, close, strip));
    }
    p->text_start = close + n;
    return p->text_start;
}

static int32_t last_tick_run(ocp_inline_parser *p, int32_t n);
static void record_tick_run(ocp_inline_parser *p, int32_t len, int32_t s);

/* The run index's key of a run of len markers of kind m (0 backtick, 1 dollar). Lengths from 2^29 on share a
 * key: a shared key can only make a search rescan, never miss a closer. */
static int32_t run_key(int32_t len, int m)
{
    return 2 * (len < (1 << 29) ? len : (1 << 29)) + m;
}

/* The start of the first run of exactly n markers at or after from, or -1. */
static int32_t find_closing_run(ocp_inline_parser *p, int32_t from, int32_t n, uint8_t marker)
{
    int m = marker == '`' ? 0 : 1;
    if (p->ticks_scanned_to_end[m] && last_tick_run(p, run_key(n, m)) < from) {
        return -1;
    }
    int32_t i = from;
    const uint8_t *b = p->buf;
    int32_t end = p->end;
    while (i < end) {
        i = ocp_cc_find_byte(b, i, end, marker);
        if (i == end) {
            break;
        }
        int32_t s = i;
        while (i < end && b[i] == marker) {
            i++;
        }
        int32_t len = i - s;
        record_tick_run(p, run_key(len, m), s);
        if (len == n) {
            p->work += i - from;
            return s;
        }
    }
    p->work += i - from;
    p->ticks_scanned_to_end[m] = true;
    return -1;
}

static int32_t long_tick_slot(const ocp_inline_parser *p, int32_t len);

/* The last recorded start of a run of n backticks in this parse call, or -1. */
static int32_t last_tick_run(ocp_inline_parser *p, int32_t n)
{
    if (n < DENSE_TICKS) {
        return p->tick_generation[n] == p->generation ? p->tick_last[n] : -1;
    }
    if (p->long_tick_capacity == 0) {
        return -1;
    }
    int32_t slot = long_tick_slot(p, n);
    return p->long_tick_generation[slot] == p->generation ? p->long_tick_last[slot] : -1;
}

static void grow_long_ticks(ocp_inline_parser *p);

/* Records a run of len backticks at s. Only the last position counts: a later search may rescan runs an
 * earlier one already recorded, and must not move the answer back. */
static void record_tick_run(ocp_inline_parser *p, int32_t len, int32_t s)
{
    if (len < DENSE_TICKS) {
        if (p->tick_generation[len] != p->generation || p->tick_last[len] < s) {
            p->tick_last[len] = s;
            p->tick_generation[len] = p->generation;
        }
        return;
    }
    if (p->long_tick_capacity == 0) {
        grow_long_ticks(p);
    }
    int32_t slot = long_tick_slot(p, len);
    if (p->long_tick_generation[slot] != p->generation) {
        if (2 * ((int64_t) p->long_tick_count + 1) > p->long_tick_capacity) {
            grow_long_ticks(p);
            slot = long_tick_slot(p, len);
        }
        p->long_tick_count++;
        p->long_tick_generation[slot] = p->generation;
        p->long_tick_length[slot] = len;
        p->long_tick_last[slot] = s;
    } else if (p->long_tick_last[slot] < s) {
        p->long_tick_last[slot] = s;
    }
}

/* The slot holding run length len, or the free slot where it belongs. Slots of older generations are free. */
static int32_t long_tick_slot(const ocp_inline_parser *p, int32_t len)
{
    uint32_t mask = (uint32_t) p->long_tick_capacity - 1;
    uint32_t h = (uint32_t) len * 0x9E3779B9u;
    uint32_t slot = (h ^ h >> 16) & mask;
    while (p->long_tick_generation[slot] == p->generation && p->long_tick_length[slot] != len) {
        slot = (slot + 1) & mask;
    }
    return (int32_t) slot;
}

static void grow_long_ticks(ocp_inline_parser *p)
{
    int32_t *length = p->long_tick_length;
    int32_t *last = p->long_tick_last;
    int32_t *gen = p->long_tick_generation;
    int32_t old = p->long_tick_capacity;
    int32_t capacity = old == 0 ? 16 : old * 2;
    p->long_tick_length = alloc_array(p->ctx, capacity, sizeof(int32_t));
    p->long_tick_last = alloc_array(p->ctx, capacity, sizeof(int32_t));
    p->long_tick_generation = alloc_array(p->ctx, capacity, sizeof(int32_t));
    p->long_tick_capacity = capacity;
    for (int32_t i = 0; i < old; i++) {
        if (gen[i] == p->generation) {
            int32_t slot = long_tick_slot(p, length[i]);
            p->long_tick_length[slot] = length[i];
            p->long_tick_last[slot] = last[i];
            p->long_tick_generation[slot] = p->generation;
        }
    }
    ocp_mem_free(p->ctx, length);
    ocp_mem_free(p->ctx, last);
    ocp_mem_free(p->ctx, gen);
}

static bool is_space_or_line_ending(uint8_t b)
{
    return b == ' ' || b == '\n';
}

/* Code span content: line endings become spaces; one space is stripped from each end if both have one. */
/* Whether a code span's content loses one space or line ending on each side: it starts and ends with one and is
 * not all of them. */
static bool strips_one_space(const ocp_inline_parser *p, int32_t from, int32_t to)
{
    const uint8_t *buf = p->buf;
    if (to - from >= 2 && is_space_or_line_ending(buf[from]) && is_space_or_line_ending(buf[to - 1])) {
        for (int32_t i = from; i < to; i++) {
            if (!is_space_or_line_ending(buf[i])) {
                return true;
            }
        }
    }
    return false;
}

static bool has_line_ending(const ocp_inline_parser *p, int32_t from, int32_t to)
{
    for (int32_t i = from; i < to; i++) {
        if (p->buf[i] == '\n') {
            return true;
        }
    }
    return false;
}

/* A code span's content, U+0000 replaced, its line endings turned into spaces (the literal) or kept as LF (the
 * content as written, slot b from v1.3). With keep_line_endings, or where the content has no line ending, only
 * NUL changes anything: a vector search finds each. */
static int32_t code_content(ocp_inline_parser *p, int32_t from, int32_t to, bool keep_line_endings)
{
    const uint8_t *buf = p->buf;
    ocp_tree *tree = p->tree;
    int32_t nul = keep_line_endings ? ocp_cc_find_nul(buf, from, to) : from;
    if (nul == to) {
        return ocp_tree_string(tree, buf, from, to - from); /* as written: a slice where buf is the source */
    }
    ocp_tree_begin_string(tree);
    int32_t run = from;
    if (keep_line_endings) {
        for (int32_t i = nul; i < to; i = ocp_cc_find_nul(buf, i + 1, to)) {
            ocp_tree_append(tree, buf, run, i - run);
            ocp_tree_append_code_point(tree, 0xFFFD);
            run = i + 1;
        }
    } else {
        for (int32_t i = from; i < to; i++) {
            uint8_t b = buf[i];
            if (b == 0 || b == '\n') {
                ocp_tree_append(tree, buf, run, i - run);
                if (b == 0) {
                    ocp_tree_append_code_point(tree, 0xFFFD);
                } else {
                    ocp_tree_append_byte(tree, ' ');
                }
                run = i + 1;
            }
        }
    }
    ocp_tree_append(tree, buf, run, to - run);
    return ocp_tree_end_string(tree);
}

/* The columns (a tab's as spaces) and bytes of indentation the content line starting at i lost. */
static int32_t indentation(const ocp_inline_parser *p, int32_t i)
{
    return ocp_content_map_indentation_pad(p->map, i) + ocp_content_map_to_source(p->map, i)
           - ocp_content_map_indentation_start(p->map, i);
}

/* Whether a line of the content buf[from, to) after its first lost indentation (v1.5). */
static bool loses_indentation(ocp_inline_parser *p, int32_t from, int32_t to)
{
    for (int32_t i = from; i < to; i++) {
        if (p->buf[i] == '\n' && indentation(p, i + 1) > 0) {
            return true;
        }
    }
    return false;
}

/* The columns of indentation raw HTML loses to its paragraph before what mdast keeps (InlineParser.java). */
#define HTML_KEEPS_PAST 3

/* The column of source offset at on its line, from 0, tabs to their tab stops. */
static int32_t column_of(ocp_inline_parser *p, int32_t at)
{
    const uint8_t *source = p->tree->source;
    int32_t line_start = at;
    while (line_start > 0 && source[line_start - 1] != '\n' && source[line_start - 1] != '\r') {
        line_start--;
    }
    int32_t column = 0;
    for (int32_t k = line_start; k < at; k++) {
        column = source[k] == '\t' ? column + 4 - (column & 3) : column + 1;
    }
    p->work += at - line_start;
    return column;
}

/* The columns the content line starting at i lost: its tab's part, then its bytes up to their tab stops. */
static int32_t lost_columns(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *source = p->tree->source;
    int32_t indent = ocp_content_map_indentation_start(p->map, i);
    int32_t column = column_of(p, indent);
    int32_t start = column;
    int32_t stop = ocp_content_map_to_source(p->map, i);
    for (int32_t k = indent; k < stop; k++) {
        column = source[k] == '\t' ? column + 4 - (column & 3) : column + 1;
    }
    return ocp_content_map_indentation_pad(p->map, i) + column - start;
}

/* Whether a line of the content buf[from, to) after its first lost more than `columns` columns of indentation. */
static bool loses_columns(ocp_inline_parser *p, int32_t from, int32_t to, int32_t columns)
{
    for (int32_t i = from; i < to; i++) {
        if (p->buf[i] == '\n' && indentation(p, i + 1) > 0 && lost_columns(p, i + 1) > columns) {
            return true;
        }
    }
    return false;
}

/* Appends what the content line starting at i lost of its indentation past its first `skip` columns. */
static void append_indentation_past(ocp_inline_parser *p, int32_t i, int32_t skip)
{
    const uint8_t *source = p->tree->source;
    int32_t pad = ocp_content_map_indentation_pad(p->map, i);
    int32_t dropped = pad < skip ? pad : skip;
    for (int32_t k = dropped; k < pad; k++) {
        ocp_tree_append_byte(p->tree, ' ');
    }
    skip -= dropped;
    int32_t k = ocp_content_map_indentation_start(p->map, i);
    int32_t stop = ocp_content_map_to_source(p->map, i);
    int32_t column = column_of(p, k);
    while (k < stop && skip > 0) {
        int32_t width = source[k] == '\t' ? 4 - (column & 3) : 1;
        if (width > skip) {
            for (int32_t left = width - skip; left > 0; left--) {
                ocp_tree_append_byte(p->tree, ' ');
            }
            skip = 0;
        } else {
            skip -= width;
        }
        column += width;
        k++;
    }
    if (k < stop) {
        ocp_tree_append(p->tree, source, k, stop - k);
    }
}

/* Raw HTML buf[from, to) as mdast keeps it (v1.5): after each line ending what the next line's lost indentation
 * has past its first HTML_KEEPS_PAST columns, a tab those columns end inside as the spaces left of it; NUL as
 * U+FFFD. */
static int32_t html_as_written(ocp_inline_parser *p, int32_t from, int32_t to)
{
    ocp_tree_begin_string(p->tree);
    append_as_written(p, p->map, p->buf, from, to, -1, HTML_KEEPS_PAST);
    return ocp_tree_end_string(p->tree);
}

/* Appends the indentation the content line starting at i lost, less its last column when asked. */
static void append_indentation(ocp_inline_parser *p, const ocp_content_map *map, int32_t i, bool less_its_last)
{
    int32_t pad = ocp_content_map_indentation_pad(map, i);
    int32_t indent = ocp_content_map_indentation_start(map, i);
    int32_t bytes = ocp_content_map_to_source(map, i) - indent;
    if (less_its_last) {
        if (bytes > 0) {
            bytes--;
        } else {
            pad--;
        }
    }
    for (; pad > 0; pad--) {
        ocp_tree_append_byte(p->tree, ' ');
    }
    if (bytes > 0) {
        ocp_tree_append(p->tree, p->tree->source, indent, bytes);
    }
}

/* A code span's content buf[q, close) as written: line endings kept, and after each the indentation the next line
 * lost; less its first and last character when CommonMark strips a space or line ending at each end (strip): the
 * last is then the closing line's indentation when it has some. mdast's value. */
static int32_t content_as_written(ocp_inline_parser *p, int32_t q, int32_t close, bool strip)
{
    const uint8_t *buf = p->buf;
    ocp_tree_begin_string(p->tree);
    int32_t from = q;
    int32_t to = close;
    int32_t trim_at = -1;
    if (strip) {
        from++;
        if (buf[q] == '\n') {
            append_indentation(p, p->map, from, false);
        }
        if (buf[close - 1] == '\n' && indentation(p, close) > 0) {
            trim_at = close;
        } else {
            to--;
        }
    }
    append_as_written(p, p->map, buf, from, to, trim_at, 0);
    return ocp_tree_end_string(p->tree);
}

/* Appends buf[from, to) as written (v1.5: a label or a code span's content as written): NUL as U+FFFD, and after
 * each line ending the indentation the next line lost to its paragraph, less its last column for the line that
 * starts at trim_at (a code span whose closing line's indentation stands for the stripped space; -1 for none), or
 * less its first skip_columns columns when that is not 0 (raw HTML's, HTML_KEEPS_PAST). */
static void append_as_written(ocp_inline_parser *p, const ocp_content_map *map, const uint8_t *buf, int32_t from,
                              int32_t to, int32_t trim_at, int32_t skip_columns)
{
    ocp_tree *tree = p->tree;
    int32_t run = from;
    for (int32_t i = from; i < to; i++) {
        uint8_t b = buf[i];
        if (b == 0 || b == '\n') {
            ocp_tree_append(tree, buf, run, i - run);
            if (b == 0) {
                ocp_tree_append_code_point(tree, 0xFFFD);
            } else {
                ocp_tree_append_byte(tree, '\n');
                if (skip_columns > 0) {
                    append_indentation_past(p, i + 1, skip_columns);
                } else {
                    append_indentation(p, map, i + 1, i + 1 == trim_at);
                }
            }
            run = i + 1;
        }
    }
    ocp_tree_append(tree, buf, run, to - run);
}
