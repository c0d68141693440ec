/*
 * Nesting and size limits.
 * Included by inline_parser.c (one compilation unit), never compiled on its own.
 *
 * After a content is parsed, its inline containers (emphasis, strong, strikethrough, links, images, JSX) may nest
 * no deeper than options->max_inline_nesting; the walk is iterative, so a hostile input costs no stack. The parse
 * fails with a limit error rather than building a tree a consumer could not walk.
 *
 * References: no spec section (CommonMark sets no limit); the option is ocp_options.max_inline_nesting
 * (include/ocp.h), the block parser's own depth limit is in block_stack.c (push).
 */

/* Fails if inline containers under top nest deeper than the limit; an iterative walk. */
static void check_nesting(ocp_inline_parser *p)
{
    ocp_tree *tree = p->tree;
    int32_t depth = 0;
    int32_t n = ocp_tree_first_child(tree, p->top);
    while (1) {
        if (n != OCP_NIL) {
            p->work++;
            int k = ocp_tree_kind(tree, n);
            if (k == OCP_KIND_EMPHASIS || k == OCP_KIND_STRONG || k == OCP_KIND_STRIKETHROUGH || k == OCP_KIND_LINK
                    || k == OCP_KIND_IMAGE || k == OCP_KIND_MDX_JSX_TEXT) {
                if ((uint32_t) depth + 1 > p->max_nesting) {
                    ocp_fail(p->ctx, OCP_LIMIT_EXCEEDED,
                             "emphasis, strikethrough, links, images and JSX elements nest deeper than "
                             "maxInlineNesting %u",
                             (unsigned) p->max_nesting);
                }
                int32_t child = ocp_tree_first_child(tree, n);
                if (child != OCP_NIL) {
                    if (depth == p->walk_capacity) {
                        p->walk_stack = grown(p->ctx, p->walk_stack, p->walk_capacity, (int64_t) depth * 2,
                                              sizeof(int32_t), &p->walk_capacity);
                    }
                    p->walk_stack[depth++] = n;
                    n = child;
                    continue;
                }
            }
            n = ocp_tree_next_sibling(tree, n);
        } else {
            if (depth == 0) {
                return;
            }
            n = ocp_tree_next_sibling(tree, p->walk_stack[--depth]);
        }
    }
}
