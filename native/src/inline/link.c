/*
 * Links, images, footnote calls and brackets.
 * Included by inline_parser.c (one compilation unit), never compiled on its own.
 *
 * '[' and "![" push a bracket. At ']' the nearest bracket is taken: an inline link "(destination title)", a full
 * "[label]", collapsed "[]" or shortcut reference to a defined label make a link or image of the content between
 * (process_emphasis runs on it); otherwise the brackets are text. Links may not contain links, so a link makes
 * every earlier '[' inactive. With GFM, "[^label]" calls a defined footnote.
 *
 * References: CommonMark 0.31.2 sections 6.3 "Links" and 6.4 "Images", Appendix A "Look for link or image";
 * micromark labelStartLink, labelStartImage, labelEnd and micromark-extension-gfm-footnote; markdown-rs
 * construct/label_start_link.rs, label_start_image.rs, label_end.rs, gfm_label_start_footnote.rs.
 */

static int32_t open_bracket(ocp_inline_parser *p, int32_t i, bool image)
{
    flush_text(p, i);
    int32_t q = i + (image ? 2 : 1);
    int32_t node = ocp_tree_add(p->tree, OCP_KIND_TEXT, p->top, src(p, i), src(p, q));
    ocp_tree_set_string(p->tree, node, 0, ocp_tree_string(p->tree, p->buf, i, q - i));
    int32_t b = p->bracket_count;
    if (b == p->bracket_capacity) {
        int32_t n;
        p->brackets = grown(p->ctx, p->brackets, b, (int64_t) b * 2, sizeof *p->brackets, &n);
        p->bracket_capacity = n;
    }
    p->bracket_count = b + 1;
    p->brackets[b].node = node;
    p->brackets[b].pos = i;
    p->brackets[b].prev_delim = p->last_delim;
    p->brackets[b].image = image;
    p->text_start = q;
    return q;
}

static void pop_bracket(ocp_inline_parser *p)
{
    p->bracket_count--;
    if (p->inactive_below > p->bracket_count) {
        p->inactive_below = p->bracket_count;
    }
}

static inline int32_t max32(int32_t a, int32_t b)
{
    return a > b ? a : b;
}

static bool has_space_or_line_ending(const uint8_t *buf, int32_t from, int32_t to)
{
    for (int32_t k = from; k < to; k++) {
        if (buf[k] == ' ' || buf[k] == '\t' || buf[k] == '\n' || buf[k] == '\r') {
            return true;
        }
    }
    return false;
}

/* Whether the bracket closing at i without being a link is a footnote call (GFM): its content buf[text_from, i)
 * starts with '^' and the label after it, as written, names a definition, whatever the inline parse made of it
 * (InlineParser.java says why). */
static bool is_footnote_call(ocp_inline_parser *p, int32_t text_from, int32_t i)
{
    if (i - text_from < 2 || p->buf[text_from] != '^') {
        return false;
    }
    /* A label first: the scan stops at a bracket or past 999 characters, which keeps nested brackets linear. */
    bool is_label = ocp_ls_is_label_content(&p->scan, p->buf, text_from, i);
    p->work += p->scan.stop - text_from;
    if (!is_label || (p->micromark && has_space_or_line_ending(p->buf, text_from + 1, i))) {
        return false; /* micromark's footnote labels hold no whitespace ([^ a] is text) */
    }
    ocp_refs_normalize(&p->footnotes, p->buf, text_from + 1, i);
    bool found = ocp_refs_lookup_normalized(&p->footnotes) >= 0;
    p->work += i - text_from + p->footnotes.work;
    p->footnotes.work = 0;
    return found;
}

/* Replaces bracket b and its label by a FOOTNOTE_REFERENCE spanning [^label]: what the label was parsed into so
 * far (text, code spans, delimiter runs not yet paired) goes. An image's bracket ![ leaves its ! as text before
 * the reference, as micromark and commonmark-java read ![^a]. */
static int32_t footnote_reference(ocp_inline_parser *p, int32_t b, int32_t text_from, int32_t i, bool image)
{
    ocp_tree *tree = p->tree;
    int32_t opener = p->brackets[b].pos;
    while (p->last_delim != OCP_NIL && p->last_delim > p->brackets[b].prev_delim) {
        remove_delimiter(p, p->last_delim, p->top);
    }
    int32_t label = ocp_tree_next_sibling(tree, p->brackets[b].node);
    while (label != OCP_NIL) {
        int32_t next = ocp_tree_next_sibling(tree, label);
        ocp_tree_unlink(tree, p->top, label);
        label = next;
    }
    p->text_needs_decoding = false;
    if (image) {
        ocp_tree_set_string(tree, p->brackets[b].node, 0, ocp_tree_string(tree, p->buf, opener, 1));
        ocp_tree_set_span_end(tree, p->brackets[b].node, src(p, opener + 1));
        opener++;
    } else {
        ocp_tree_unlink(tree, p->top, p->brackets[b].node);
    }
    int32_t ref = ocp_tree_add(tree, OCP_KIND_FOOTNOTE_REFERENCE, p->top, src(p, opener), src(p, i + 1));
    ocp_tree_set_string(tree, ref, 2, ocp_tree_string(tree, p->buf, text_from + 1, i - text_from - 1));
    pop_bracket(p);
    p->text_start = i + 1;
    return i + 1;
}

/* The spec's "look for link or image" at buf[i] == ']'. */
static int32_t close_bracket(ocp_inline_parser *p, int32_t i)
{
    if (p->bracket_count == 0) {
        return i + 1;
    }
    const uint8_t *buf = p->buf;
    int32_t end = p->end;
    ocp_tree *tree = p->tree;
    ocp_link_scanner *scan = &p->scan;
    int32_t b = p->bracket_count - 1;
    bool image = p->brackets[b].image;
    if (!image && b < p->inactive_below) {
        pop_bracket(p);
        return i + 1;
    }
    int32_t text_from = p->brackets[b].pos + (image ? 2 : 1);
    int32_t after = i + 1;
    int32_t link_end = -1;
    int32_t dest_from = 0;
    int32_t dest_to = 0;
    int32_t title_from = -1;
    int32_t title_to = -1;
    int32_t reference = -1;
    int reference_flag = 0; /* OCP_FLAG_REFERENCE_*, with the label's range in buf */
    int32_t label_from = 0;
    int32_t label_to = 0;
    int32_t far = after; /* how far the attempts below read, for the work count */
    /* Inline: ( destination? title? ) with spaces, tabs and up to one line ending between the parts. */
    if (after < end && buf[after] == '(') {
        int32_t d = ocp_ls_skip_space_tab_newline(buf, after + 1, end);
        int32_t de = ocp_ls_scan_destination(scan, buf, d, end);
        far = max32(d, scan->stop);
        if (de >= 0) {
            int32_t r = ocp_ls_skip_space_tab_newline(buf, de, end);
            int32_t t = r;
            int32_t te = -1;
            if (r > de) {
                te = ocp_ls_scan_title(scan, buf, r, end);
                far = max32(far, scan->stop);
            }
            if (te >= 0) {
                t = ocp_ls_skip_space_tab_newline(buf, te, end);
            }
            far = max32(far, t);
            if (t < end && buf[t] == ')') {
                link_end = t + 1;
                bool pointy = d < de && buf[d] == '<';
                dest_from = pointy ? d + 1 : d;
                dest_to = pointy ? de - 1 : de;
                if (te >= 0) {
                    title_from = r + 1;
                    title_to = te - 1;
                }
            }
        }
    }
    /* References: full [text][label], collapsed [text][], shortcut [text]. */
    if (link_end < 0 && ocp_refs_size(&p->refs) > 0) {
        int32_t label_end = -1;
        if (after < end && buf[after] == '[') {
            label_end = ocp_ls_scan_label(scan, buf, after, end);
            far = max32(far, scan->stop);
        }
        if (label_end >= 0) {
            ocp_refs_normalize(&p->refs, buf, after + 1, label_end - 1);
            p->work += label_end - after;
            reference = ocp_refs_lookup_normalized(&p->refs);
            link_end = reference >= 0 ? label_end : -1;
            reference_flag = OCP_FLAG_REFERENCE_FULL;
            label_from = after + 1;
            label_to = label_end - 1;
        } else if (p->micromark && after + 1 < end && buf[after] == '[' && buf[after + 1] != ']') {
            /* micromark: a [ after the text that opens neither a full reference nor [] leaves no reference at all
             * (CommonMark reads a shortcut, [x] in [x][ ]). */
            link_end = -1;
        } else {
            /* Collapsed or shortcut: the link text itself must be a label. (A following [...] that is not a
             * label, such as "[ ]", leaves a shortcut reference.) */
            bool is_label = ocp_ls_is_label_content(scan, buf, text_from, i);
            p->work += scan->stop - text_from;
            if (is_label) {
                bool collapsed = after + 1 < end && buf[after] == '[' && buf[after + 1] == ']';
                p->work += i - text_from;
                ocp_refs_normalize(&p->refs, buf, text_from, i);
                reference = ocp_refs_lookup_normalized(&p->refs);
                if (reference >= 0) {
                    link_end = collapsed ? after + 2 : after;
                    reference_flag = collapsed ? OCP_FLAG_REFERENCE_COLLAPSED : OCP_FLAG_REFERENCE_SHORTCUT;
                    label_from = text_from;
                    label_to = i;
                }
            }
        }
    }
    if (link_end < 0 && p->micromark) {
        if (ocp_refs_size(&p->refs) == 0 && after < end && buf[after] == '[') {
            /* micromark reads a full reference's label whether or not anything is defined */
            ocp_ls_scan_label(scan, buf, after, end);
            far = max32(far, scan->stop);
        }
        p->failed_attempt_end = max32(p->failed_attempt_end, far);
    }
    p->work += far - i;
    if (link_end < 0) {
        if (ocp_refs_size(&p->footnotes) > 0 && is_footnote_call(p, text_from, i)) {
            return footnote_reference(p, b, text_from, i, image);
        }
        pop_bracket(p);
        return i + 1; /* the ']' stays in the text run */
    }
    flush_text(p, i);
    int32_t link = ocp_tree_new_node(tree, image ? OCP_KIND_IMAGE : OCP_KIND_LINK, src(p, p->brackets[b].pos),
                                     src(p, link_end));
    if (reference >= 0) {
        ocp_tree_set_string(tree, link, 0, ocp_refs_destination(&p->refs, reference));
        int32_t title = ocp_refs_title(&p->refs, reference);
        if ((uint32_t) title != OCP_NONE) {
            ocp_tree_set_string(tree, link, 1, title);
        }
        ocp_tree_set_flags(tree, link, reference_flag);
        ocp_tree_begin_string(tree);
        append_as_written(p, p->map, buf, label_from, label_to, -1, 0);
        ocp_tree_set_string(tree, link, 2, ocp_tree_end_string(tree));
    } else {
        ocp_tree_begin_string(tree);
        ocp_inline_append_unescaped(tree, buf, dest_from, dest_to, p->micromark);
        ocp_tree_set_string(tree, link, 0, ocp_tree_end_string(tree));
        if (title_from >= 0) {
            ocp_tree_begin_string(tree);
            ocp_inline_append_unescaped(tree, buf, title_from, title_to, p->micromark);
            ocp_tree_set_string(tree, link, 1, ocp_tree_end_string(tree));
        }
    }
    int32_t opener_node = p->brackets[b].node;
    int32_t first = ocp_tree_next_sibling(tree, opener_node);
    if (first != OCP_NIL) {
        ocp_tree_move_range(tree, p->top, first, ocp_tree_last_child(tree, p->top), link);
    }
    ocp_tree_unlink(tree, p->top, opener_node);
    ocp_tree_append_child(tree, p->top, link);
    /* micromark resolves a link's text as it does any span's: strikethrough, then emphasis */
    process_emphasis(p, p->brackets[b].prev_delim, link, true);
    pop_bracket(p);
    if (!image) {
        p->inactive_below = p->bracket_count; /* links may not contain links: every [ before this one is now inert */
    }
    p->text_start = link_end;
    return link_end;
}
