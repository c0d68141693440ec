/*
 * GitHub's alerts (OCP_EXTENSION_ALERTS).
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * A block quote that stands right in the document (not in a list item, another quote or a JSX element) becomes an
 * alert when its first child is a paragraph whose first line is a marker, [!NOTE], [!TIP], [!IMPORTANT], [!WARNING]
 * or [!CAUTION] in any case, followed by nothing but spaces and tabs, and something follows the marker: another line
 * of that paragraph (a lazy one too) or another block of the quote. The marker's line is then no part of the
 * content: the paragraph starts on its next line, or, when the marker was all of it, is dropped.
 *
 * Decided where the quote's first paragraph closes (finish_paragraph) and, when the marker was the whole
 * paragraph, where the quote closes (close_top): a quote whose marker paragraph waits keeps the type in a, the
 * paragraph's node in b and its line in c; the paragraph is queued for the inline phase only if the quote stays a
 * quote.
 *
 * References: github.com's behaviour as recorded by commonmark-java's commonmark-ext-gfm-alerts spec
 * (alerts-spec.txt); GitHub's documentation, "Basic writing and formatting syntax", section Alerts.
 */

/* The types, by their number in an ALERT's data (1 to 5), as the marker writes them. */
static const char *const ALERT_TYPES[5] = {"NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"};

/* Returns the type (1 to 5) of the marker that src[s, e) is, spaces and tabs after it allowed, or 0. */
static int32_t alert_marker_type(const uint8_t *src, int32_t s, int32_t e) {
    if (e - s < 6 || src[s] != '[' || src[s + 1] != '!') {
        return 0;
    }
    int32_t close = s + 2;
    while (close < e && src[close] != ']') {
        close++;
    }
    for (int32_t q = close + 1; q < e; q++) {
        if (!is_space_or_tab(src[q])) {
            return 0;
        }
    }
    if (close == e) {
        return 0;
    }
    int32_t length = close - (s + 2);
    for (int32_t t = 0; t < 5; t++) {
        const char *name = ALERT_TYPES[t];
        if ((int32_t) strlen(name) != length) {
            continue;
        }
        int32_t i = 0;
        while (i < length && (src[s + 2 + i] & ~0x20) == (uint8_t) name[i]) {
            i++;
        }
        if (i == length) {
            return t + 1;
        }
    }
    return 0;
}

/* Paragraph k, with lines lines left after its definitions, closes: if it opens an alert, takes the marker's line
 * off it. Returns the lines left to queue for the inline phase: lines, one fewer when the quote became an alert, or
 * 0 when the marker is the whole paragraph and the quote decides when it closes. */
static int32_t alert_marker_paragraph(block_parser *p, int32_t k, int32_t lines) {
    int32_t node = p->st[k].node;
    int32_t quote = p->st[1].node;
    if (k != 2 || p->st[1].kind != QUOTE || ocp_tree_first_child(p->tree, quote) != node) {
        return lines;
    }
    int32_t first = p->leaf_first;
    int32_t type = alert_marker_type(p->src, p->lines[first].start, p->lines[first].end);
    if (type == 0) {
        return lines;
    }
    if (lines == 1) {
        p->st[1].a = type;
        p->st[1].b = node;
        p->st[1].c = first;
        return 0;
    }
    ocp_tree_set_kind(p->tree, quote, OCP_KIND_ALERT);
    ocp_tree_set_data(p->tree, quote, type);
    p->leaf_first = first + 1;
    ocp_tree_set_span(p->tree, node, p->lines[first + 1].start, ocp_tree_span_end(p->tree, node));
    return lines - 1;
}

/* Quote k closes with its marker paragraph waiting: an alert if a block follows the paragraph (which is then
 * dropped), else a block quote whose paragraph is queued now (nothing was queued since: it is the quote's only
 * child). */
static void alert_close_quote(block_parser *p, int32_t k) {
    int32_t quote = p->st[k].node;
    int32_t paragraph = p->st[k].b;
    if (ocp_tree_next_sibling(p->tree, paragraph) != OCP_NIL) {
        ocp_tree_set_kind(p->tree, quote, OCP_KIND_ALERT);
        ocp_tree_set_data(p->tree, quote, p->st[k].a);
        ocp_tree_unlink(p->tree, quote, paragraph);
    } else {
        add_leaf(p, paragraph, p->st[k].c, 1);
    }
}
