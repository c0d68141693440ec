/*
 * Autolinks: <scheme:...> and <address@domain> between angle brackets.
 * Included by inline_parser.c (one compilation unit), never compiled on its own.
 *
 * A URI autolink is a scheme of 2 to 32 letters, digits, '+', '.' or '-', a ':', then no space, '<' or '>' up
 * to the '>'; an e-mail autolink is an address of the spec's restricted form and links to mailto:. No escapes
 * inside. What is neither may be raw HTML (html_text.c). Not in MDX, where '<' starts JSX.
 *
 * References: CommonMark 0.31.2 section 6.5 "Autolinks"; micromark autolink; markdown-rs construct/autolink.rs.
 */

static int32_t scan_html(ocp_inline_parser *p, int32_t i);
static void raw_html(ocp_inline_parser *p, int32_t i, int32_t q);

static int32_t angle_bracket(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *buf = p->buf;
    ocp_tree *tree = p->tree;
    ocp_link_scanner *scan = &p->scan;
    int32_t q = ocp_ls_scan_uri_autolink(scan, buf, i, p->end);
    p->work += scan->stop - i;
    bool email = false;
    if (q < 0) {
        q = ocp_ls_scan_email_autolink(scan, buf, i, p->end);
        p->work += scan->stop - i;
        email = q >= 0;
    }
    if (q >= 0) {
        flush_text(p, i);
        int32_t link = ocp_tree_add(tree, OCP_KIND_LINK, p->top, src(p, i), src(p, q));
        ocp_tree_set_flags(tree, link, OCP_FLAG_LINK_AUTOLINK);
        ocp_tree_begin_string(tree);
        if (email) {
            ocp_tree_append(tree, MAILTO, 0, (int32_t) sizeof MAILTO);
        }
        append_raw(tree, buf, i + 1, q - 1);
        ocp_tree_set_string(tree, link, 0, ocp_tree_end_string(tree));
        int32_t text = ocp_tree_add(tree, OCP_KIND_TEXT, link, src(p, i + 1), src(p, q - 1));
        ocp_tree_begin_string(tree);
        append_raw(tree, buf, i + 1, q - 1);
        ocp_tree_set_string(tree, text, 0, ocp_tree_end_string(tree));
        p->text_start = q;
        return q;
    }
    q = scan_html(p, i);
    if (q >= 0) {
        raw_html(p, i, q);
        return q;
    }
    return i + 1;
}
