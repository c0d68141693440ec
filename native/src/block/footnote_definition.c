/*
 * GFM footnote definitions.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * "[^label]:" at the start of a line (indented at most three spaces) opens a container whose content follows on
 * the same line and on lines indented four columns; a paragraph inside may continue lazily. The label holds no
 * space, tab or ']' (micromark also reads backslash escapes in it). The normalized label is handed to the inline
 * parser, so that footnote calls ([^label]) before the definition resolve too.
 *
 * References: not part of the GFM spec; GitHub's documentation of footnotes; micromark-extension-gfm-footnote;
 * markdown-rs construct/gfm_footnote_definition.rs.
 */

/* Scans a footnote definition's start [^label]: at at: a label of at least one byte, none of them ']', a space, a
 * tab or NUL; under OCP_FLAVOR_MICROMARK a backslash takes the '[' '\\' ']' after it into the label and an unescaped
 * '[' is no label (footnoteDefinitionStart in the Java twin). Returns the index of the label's ']', or 0 if there is no
 * definition start. */
static int32_t footnote_definition_start(block_parser *p, int32_t at) {
    return footnote_definition_start_in(p, at, p->line_end);
}

/* footnote_definition_start on a line that ends at line_end. */
static int32_t footnote_definition_start_in(block_parser *p, int32_t at, int32_t line_end) {
    const uint8_t *src = p->src;
    if (at + 1 >= line_end || src[at + 1] != '^') {
        return 0;
    }
    int32_t q = at + 2;
    while (q < line_end) {
        uint8_t b = src[q];
        if (b == ']' || b == ' ' || b == '\t' || b == 0) {
            break;
        }
        if (p->micromark) {
            if (b == '[') {
                return 0;
            }
            if (b == '\\' && q + 1 < line_end && (src[q + 1] == '[' || src[q + 1] == '\\' || src[q + 1] == ']')) {
                q++;
            }
        }
        q++;
    }
    p->work += q - at;
    if (q == at + 2 || q + 1 >= line_end || src[q] != ']' || src[q + 1] != ':') {
        return 0;
    }
    return q;
}

/* Opens a footnote definition whose label ends at label_end; its content starts after the spaces. */
static int32_t footnote_definition(block_parser *p, int32_t container, int32_t label_end) {
    const uint8_t *src = p->src;
    int32_t start = p->nonspace;
    advance(p, label_end + 2 - p->offset, false);
    /* Columns count characters as UTF-16 code units (as commonmark-java and micromark do), not bytes: a tab after
     * a non-ASCII label stops where theirs does. */
    for (int32_t i = start + 2; i < label_end; i++) {
        if ((src[i] & 0xC0) == 0x80) {
            p->column = col_sub(p->column, 1); /* a continuation byte */
        } else if (src[i] >= 0xF0) {
            p->column = col_add(p->column, 1); /* a four-byte character is a surrogate pair: two units */
        }
    }
    while (p->offset < p->line_end && is_space_or_tab(src[p->offset])) {
        advance(p, 1, false);
    }
    int32_t k = open_block(p, container, FOOTNOTE, OCP_KIND_FOOTNOTE_DEFINITION, start);
    ocp_tree_set_string(p->tree, p->st[k].node, 2, ocp_tree_string(p->tree, src, start + 2, label_end - start - 2));
    ocp_inline_add_footnote(p->inline_parser, src, start + 2, label_end);
    return k;
}
