/*
 * Code fences: fenced code blocks and, with OCP_EXTENSION_MATH, math blocks.
 * Included by block_parser.c (one compilation unit), never compiled on its own.
 *
 * An opening fence is three or more backticks or tildes (two or more dollars for math) indented at most three
 * spaces; after a backtick fence the info string may hold no backtick. The block takes every following line,
 * with up to the fence's indentation removed, until a closing fence of the same byte, at least as long, with
 * nothing but spaces or tabs after it, or until its container ends (the block is then flagged unclosed). The rest
 * of the opening fence line, trimmed, is the info string (escapes and references decoded; a math fence's as
 * written), whose first word renderers take as the language.
 *
 * References: CommonMark 0.31.2 section 4.5 "Fenced code blocks"; micromark codeFenced and
 * micromark-extension-math's mathFlow; markdown-rs construct/raw_flow.rs.
 */

/* Returns the length of an opening code fence at at (three or more backticks or tildes), or of a math fence (two
 * or more dollars), or 0. */
static int32_t opening_fence(block_parser *p, int32_t at) {
    const uint8_t *src = p->src;
    uint8_t fence = src[at];
    int32_t q = at;
    while (q < p->line_end && src[q] == fence) {
        q++;
    }
    int32_t n = q - at;
    p->work += n;
    if (n < (fence == '$' ? 2 : 3)) {
        return 0;
    }
    if (fence == '`' || fence == '$') {
        p->work += p->line_end - q;
        for (int32_t i = q; i < p->line_end; i++) {
            if (src[i] == fence) {
                return 0;
            }
        }
    }
    return n;
}

/* A fenced code block, or a math block (a fence of dollars), whose meta is the rest of the fence line as it
 * stands where a code block's info string is decoded. */
static void fenced_code(block_parser *p, int32_t container, int32_t fence_length) {
    const uint8_t *src = p->src;
    ocp_tree *tree = p->tree;
    int32_t start = p->nonspace;
    bool is_math = src[start] == '$';
    int32_t k = open_block(p, container, FENCED, is_math ? OCP_KIND_MATH_BLOCK : OCP_KIND_CODE_BLOCK, start);
    int32_t node = p->st[k].node;
    p->st[k].a = src[start];
    p->st[k].b = fence_length;
    p->st[k].c = p->indent;
    /* Unclosed until its closing fence comes (v1.3). */
    if (is_math) {
        ocp_tree_set_flags(tree, node, OCP_FLAG_MATH_UNCLOSED);
    } else {
        ocp_tree_set_flags(tree, node, OCP_FLAG_CODE_FENCED | OCP_FLAG_CODE_UNCLOSED);
        ocp_tree_set_data(tree, node, src[start]);
    }
    int32_t s = start + fence_length;
    while (s < p->line_end && is_space_or_tab(src[s])) {
        s++;
    }
    int32_t e = p->line_end;
    while (e > s && is_space_or_tab(src[e - 1])) {
        e--;
    }
    if (s < e) {
        ocp_tree_begin_string(tree);
        if (is_math) {
            append_literal(p, s, e);
        } else {
            ocp_inline_append_unescaped(tree, src, s, e, p->micromark);
        }
        ocp_tree_set_string(tree, node, 1, ocp_tree_end_string(tree));
    }
}

static bool is_closing_fence(block_parser *p, int32_t k) {
    const uint8_t *src = p->src;
    uint8_t fence = (uint8_t) p->st[k].a;
    int32_t q = p->nonspace;
    while (q < p->line_end && src[q] == fence) {
        q++;
    }
    p->work += q - p->nonspace;
    if (q - p->nonspace < p->st[k].b) {
        return false;
    }
    while (q < p->line_end && is_space_or_tab(src[q])) {
        q++;
    }
    return q == p->line_end;
}
