/*
 * Raw HTML in text.
 * Included by inline_parser.c (one compilation unit), never compiled on its own.
 *
 * An open tag, a closing tag, a comment, a processing instruction, a declaration or a CDATA section, each as the
 * spec's grammar has it, is kept as raw HTML. The terminators of the last four are searched once per content and
 * cached (find), so that many unterminated starts stay linear. Not in MDX, but for comments with
 * OCP_EXTENSION_HTML_COMMENTS (html_comment).
 *
 * References: CommonMark 0.31.2 section 6.6 "Raw HTML"; GFM spec 6.11 "Disallowed Raw HTML (extension)" (a
 * renderer's matter); micromark htmlText; markdown-rs construct/html_text.rs.
 */

static const uint8_t CDATA[] = {'[', 'C', 'D', 'A', 'T', 'A', '['};

static int32_t find(ocp_inline_parser *p, int kind, int32_t from);

/* Adds the raw HTML buf[i, q) to the tree. */
static void raw_html(ocp_inline_parser *p, int32_t i, int32_t q)
{
    ocp_tree *tree = p->tree;
    flush_text(p, i);
    int32_t html = ocp_tree_add(tree, OCP_KIND_HTML_INLINE, p->top, src(p, i), src(p, q));
    ocp_tree_begin_string(tree);
    append_raw(tree, p->buf, i, q);
    ocp_tree_set_string(tree, html, 0, ocp_tree_end_string(tree));
    if (loses_columns(p, i, q, HTML_KEEPS_PAST)) {
        ocp_tree_set_string(tree, html, 2, html_as_written(p, i, q)); /* v1.5: what mdast keeps of it */
    }
    p->text_start = q;
}

/* An HTML comment at buf[i] == '<' in MDX (OCP_EXTENSION_HTML_COMMENTS), added as raw HTML: returns the index
   after it, or -1 when none starts or it is not closed (then '<' is MDX's, which rejects "<!"). */
static int32_t html_comment(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *buf = p->buf;
    if (i + 3 >= p->end || buf[i + 1] != '!' || buf[i + 2] != '-' || buf[i + 3] != '-') {
        return -1;
    }
    int32_t q = scan_html(p, i);
    if (q >= 0) {
        raw_html(p, i, q);
    }
    return q;
}

/* Raw HTML at buf[i] == '<': returns the index after it, or -1. */
/* A tag's scan result, noted when it failed (failedTag in the Java twin): micromark's attempt at the tag crossed the
 * line endings up to where it failed, which then end past the next line's container prefixes (failed_attempt_end). */
static int32_t failed_tag(ocp_inline_parser *p, int32_t q)
{
    if (q < 0 && p->micromark) {
        p->failed_attempt_end = max32(p->failed_attempt_end, p->scan.stop);
    }
    return q;
}

/* A comment, an instruction, a declaration or CDATA that found no end (unterminated in the Java twin): micromark's
 * attempt crossed every line ending after it, as failed_tag's did up to where it failed. Returns -1. */
static int32_t unterminated(ocp_inline_parser *p)
{
    if (p->micromark) {
        p->failed_attempt_end = max32(p->failed_attempt_end, p->end);
    }
    return -1;
}

static int32_t scan_html(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *buf = p->buf;
    int32_t end = p->end;
    if (i + 1 >= end) {
        return -1;
    }
    uint8_t c = buf[i + 1];
    if (ocp_cc_is_letter(c)) {
        int32_t q = ocp_ls_scan_open_tag(&p->scan, buf, i, end);
        p->work += p->scan.stop - i;
        return failed_tag(p, q);
    }
    if (c == '/') {
        int32_t q = ocp_ls_scan_closing_tag(&p->scan, buf, i, end);
        p->work += p->scan.stop - i;
        return failed_tag(p, q);
    }
    if (c == '?') {
        int32_t at = find(p, FIND_PI, i + 2);
        return at < 0 ? unterminated(p) : at + 2;
    }
    if (c != '!' || i + 2 >= end) {
        return -1;
    }
    uint8_t d = buf[i + 2];
    if (d == '-') {
        if (i + 3 >= end || buf[i + 3] != '-') {
            return -1;
        }
        int32_t q = i + 4;
        if (q < end && buf[q] == '>') {
            return q + 1; /* <!--> */
        }
        if (q + 1 < end && buf[q] == '-' && buf[q + 1] == '>') {
            return q + 2; /* <!---> */
        }
        int32_t at = find(p, FIND_COMMENT, q);
        return at < 0 ? unterminated(p) : at + 3;
    }
    if (d == '[') {
        if (end - (i + 2) < (int32_t) sizeof CDATA || memcmp(buf + i + 2, CDATA, sizeof CDATA) != 0) {
            return -1;
        }
        int32_t at = find(p, FIND_CDATA, i + 2 + (int32_t) sizeof CDATA);
        return at < 0 ? unterminated(p) : at + 3;
    }
    if (ocp_cc_is_letter(d)) {
        int32_t at = find(p, FIND_DECLARATION, i + 3);
        return at < 0 ? unterminated(p) : at + 1;
    }
    return -1;
}

/* The first occurrence at or after from of the terminator of kind (-->, ?>, ]]>, >), or -1. Remembers the
 * last answer: queries come in increasing order, so each byte is scanned at most once per kind and parse. */
static int32_t find(ocp_inline_parser *p, int kind, int32_t from)
{
    int32_t cached_from = p->find_from[kind];
    if (cached_from >= 0 && from >= cached_from && (p->find_at[kind] < 0 || from <= p->find_at[kind])) {
        return p->find_at[kind];
    }
    int32_t at = -1;
    const uint8_t *b = p->buf;
    int32_t end = p->end;
    for (int32_t i = from; i < end; i++) {
        uint8_t x = b[i];
        if (kind == FIND_DECLARATION) {
            if (x == '>') {
                at = i;
                break;
            }
        } else if (kind == FIND_COMMENT) {
            if (x == '-' && i + 2 < end && b[i + 1] == '-' && b[i + 2] == '>') {
                at = i;
                break;
            }
        } else if (kind == FIND_PI) {
            if (x == '?' && i + 1 < end && b[i + 1] == '>') {
                at = i;
                break;
            }
        } else if (x == ']' && i + 2 < end && b[i + 1] == ']' && b[i + 2] == '>') {
            at = i;
            break;
        }
    }
    p->work += (at < 0 ? end : at) - from;
    p->find_from[kind] = from;
    p->find_at[kind] = at;
    return at;
}
