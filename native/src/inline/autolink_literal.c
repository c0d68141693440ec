/*
 * GFM autolink literals, as cmark-gfm reads them.
 * Included by inline_parser.c (one compilation unit), never compiled on its own.
 *
 * Without angle brackets: "www." followed by a valid domain, "http://", "https://" or "ftp://" followed by one,
 * and e-mail addresses, each at a word boundary. The domain needs a dot and no underscore in its last two labels;
 * trailing punctuation, an unbalanced ')' and an entity-like "&...;" at the end are not part of the link. Not
 * inside a link.
 *
 * References: GFM spec 6.9 "Autolinks (extension)"; micromark-extension-gfm-autolink-literal; markdown-rs
 * construct/gfm_autolink_literal.rs.
 */

static const uint8_t MAILTO[] = {'m', 'a', 'i', 'l', 't', 'o', ':'};
static const uint8_t HTTP[] = {'h', 't', 't', 'p', ':', '/', '/'};

static int32_t www_autolink(ocp_inline_parser *p, int32_t i);
static int32_t scheme_autolink(ocp_inline_parser *p, int32_t i);
static int32_t email_autolink(ocp_inline_parser *p, int32_t at);
static int32_t micromark_literal(ocp_inline_parser *p, int32_t i);

/* An autolink literal met at buf[i] (AutolinkLiteral.autolinkLiteral): www. at its first w, http://, https:// or
 * ftp:// at the ':' after the scheme, an e-mail address at its '@'; under OCP_FLAVOR_MICROMARK as micromark reads
 * them (micromark_literal). Returns where to continue: after the link, or after buf[i] when there is none. */
static int32_t autolink_literal(ocp_inline_parser *p, int32_t i)
{
    if (p->bracket_count > 0) {
        return i + 1; /* not while a bracket is open (cmark-gfm, micromark): it may yet become link text */
    }
    if (p->micromark) {
        return micromark_literal(p, i);
    }
    uint8_t c = p->buf[i];
    if (c == 'W') {
        return i + 1; /* cmark-gfm's www is lower case */
    }
    if (c == 'w') {
        return www_autolink(p, i);
    }
    return c == ':' ? scheme_autolink(p, i) : email_autolink(p, i);
}

static bool is_ascii_space(uint8_t b)
{
    return b == ' ' || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r';
}

/* Whether buf[s, s + n) is word (lower case ASCII letters) in any case. */
static bool lower_is(const ocp_inline_parser *p, int32_t s, const char *word, int32_t n)
{
    for (int32_t k = 0; k < n; k++) {
        if ((p->buf[s + k] | 0x20) != (uint8_t) word[k]) {
            return false;
        }
    }
    return true;
}

/* Whether the character at i may be in a domain: not whitespace, not punctuation, well-formed. */
static bool valid_host_char(const ocp_inline_parser *p, int32_t i)
{
    int32_t cp = ocp_cc_decode(p->buf, i, p->end);
    return cp >= 0 && !ocp_cc_is_whitespace(cp) && !ocp_cc_is_punctuation(cp);
}

static bool has_underscore(ocp_inline_parser *p, int32_t from, int32_t to)
{
    p->work += to - from;
    for (int32_t k = from; k < to; k++) {
        if (p->buf[k] == '_') {
            return true;
        }
    }
    return false;
}

/* cmark-gfm's domain check from d (AutolinkLiteral.checkDomain): how far a domain reaches, or 0 if it is no domain
 * (or, unless allow_short, has no dot). The scan is remembered so that hostile runs of candidates cost linear
 * time. */
static int32_t check_domain(ocp_inline_parser *p, int32_t d, bool allow_short)
{
    if (d <= p->domain_from || d >= p->domain_stop) {
        int32_t i = d + 1;
        int32_t last_dot = -1;
        int32_t second_dot = -1;
        while (i < p->end - 1) {
            uint8_t b = p->buf[i];
            if (b == '.') {
                second_dot = last_dot;
                last_dot = i;
            } else if (b != '_' && b != '-' && !valid_host_char(p, i)) {
                break;
            }
            i++;
        }
        p->domain_from = d;
        p->domain_stop = i;
        p->domain_last_dot = last_dot;
        p->domain_second_dot = second_dot;
        p->domain_underscore = second_dot >= 0 && has_underscore(p, second_dot, i);
        p->work += i - d;
    }
    int32_t i = p->domain_stop;
    /* No underscore in the last two labels (of those from d + 1 on): cached unless d is inside them. */
    bool underscore = p->domain_second_dot >= d + 1 ? p->domain_underscore : has_underscore(p, d + 1, i);
    if (underscore) {
        return 0;
    }
    if (allow_short) {
        return i - d;
    }
    return p->domain_last_dot >= d + 1 ? i - d : 0;
}

/* The index of the first ASCII whitespace at or after q, or the end. */
static int32_t to_whitespace(ocp_inline_parser *p, int32_t q)
{
    int32_t from = q;
    while (q < p->end && !is_ascii_space(p->buf[q])) {
        q++;
    }
    p->work += q - from;
    return q;
}

/* cmark-gfm's trailing-punctuation rule for a link candidate buf[from, to) (AutolinkLiteral.trimLinkEnd). Returns
 * the candidate's length that remains. */
static int32_t trim_link_end(ocp_inline_parser *p, int32_t from, int32_t to)
{
    const uint8_t *buf = p->buf;
    for (int32_t i = from; i < to; i++) {
        if (buf[i] == '<') {
            to = i;
            break;
        }
    }
    int32_t open = -1;
    int32_t close = 0;
    p->work += to - from;
    while (to > from) {
        uint8_t last = buf[to - 1];
        if (last == '?' || last == '!' || last == '.' || last == ',' || last == ':' || last == '*' || last == '_'
                || last == '~' || last == '\'' || last == '"') {
            to--;
        } else if (last == ';') {
            int32_t e = to - 2;
            while (e > from && ocp_cc_is_letter(buf[e])) {
                e--;
            }
            p->work += to - e;
            if (e < to - 2 && buf[e] == '&') {
                to = e;
            } else {
                to--;
            }
        } else if (last == ')') {
            if (open < 0) {
                open = 0;
                for (int32_t i = from; i < to; i++) {
                    if (buf[i] == '(') {
                        open++;
                    } else if (buf[i] == ')') {
                        close++;
                    }
                }
                p->work += to - from;
            }
            if (close <= open) {
                break;
            }
            to--;
            close--;
        } else {
            break;
        }
    }
    return to - from;
}

/* Emits buf[from, to) as an autolink literal: a LINK flagged literal whose destination is the text with prefix
 * (prefix_length bytes) before it, and whose one child is the text as written. */
static int32_t emit_autolink_literal(ocp_inline_parser *p, int32_t from, int32_t to, const uint8_t *prefix,
                                     int32_t prefix_length)
{
    ocp_tree *tree = p->tree;
    flush_text(p, from);
    int32_t link = ocp_tree_add(tree, OCP_KIND_LINK, p->top, src(p, from), src(p, to));
    ocp_tree_set_flags(tree, link, OCP_FLAG_LINK_LITERAL);
    ocp_tree_begin_string(tree);
    if (prefix_length > 0) {
        ocp_tree_append(tree, prefix, 0, prefix_length);
    }
    append_raw(tree, p->buf, from, to);
    ocp_tree_set_string(tree, link, 0, ocp_tree_end_string(tree));
    int32_t text = ocp_tree_add(tree, OCP_KIND_TEXT, link, src(p, from), src(p, to));
    ocp_tree_begin_string(tree);
    append_raw(tree, p->buf, from, to);
    ocp_tree_set_string(tree, text, 0, ocp_tree_end_string(tree));
    p->text_start = to;
    return to;
}

static int32_t www_autolink(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *buf = p->buf;
    if (i > p->start) {
        uint8_t before = buf[i - 1];
        if (!is_ascii_space(before) && before != '*' && before != '_' && before != '~' && before != '(') {
            return i + 1;
        }
    }
    if (p->end - i < 4 || buf[i + 1] != 'w' || buf[i + 2] != 'w' || buf[i + 3] != '.') {
        return i + 1;
    }
    int32_t domain = check_domain(p, i, false);
    if (domain == 0) {
        return i + 1;
    }
    int32_t e = trim_link_end(p, i, to_whitespace(p, i + domain));
    return emit_autolink_literal(p, i, i + e, HTTP, (int32_t) sizeof HTTP);
}

static int32_t scheme_autolink(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *buf = p->buf;
    if (p->end - i < 4 || buf[i + 1] != '/' || buf[i + 2] != '/') {
        return i + 1;
    }
    int32_t s = i;
    while (s > p->text_start && ocp_cc_is_letter(buf[s - 1])) {
        s--;
    }
    int32_t n = i - s;
    bool scheme = (n == 4 && lower_is(p, s, "http", 4)) || (n == 5 && lower_is(p, s, "https", 5))
                  || (n == 3 && lower_is(p, s, "ftp", 3));
    if (!scheme || !valid_host_char(p, i + 3)) {
        return i + 1;
    }
    int32_t domain = check_domain(p, i + 3, true);
    if (domain == 0) {
        return i + 1;
    }
    int32_t e = trim_link_end(p, i, to_whitespace(p, i + 3 + domain));
    return emit_autolink_literal(p, s, i + e, NULL, 0);
}

/* The simplified atext of an e-mail autolink's local part. */
static bool is_atext(uint8_t b)
{
    return ocp_cc_is_alnum(b) || b == '+' || b == '-' || b == '.' || b == '_';
}

/* Whether buf[i] is escaped by an odd run of backslashes before it in the pending text. */
static bool escaped(const ocp_inline_parser *p, int32_t i)
{
    int32_t n = 0;
    while (i - 1 - n >= p->text_start && p->buf[i - 1 - n] == '\\') {
        n++;
    }
    return (n & 1) == 1 && ocp_cc_is_ascii_punct(p->buf[i]);
}

static int32_t email_autolink(ocp_inline_parser *p, int32_t at)
{
    const uint8_t *buf = p->buf;
    /* The local part: atext taken back from the pending text, neither after a slash nor an escaped byte. */
    int32_t s = at;
    while (s > p->text_start && is_atext(buf[s - 1]) && !escaped(p, s - 1)) {
        s--;
    }
    if (s == at || (s > p->text_start && buf[s - 1] == '/')) {
        return at + 1;
    }
    bool xmpp = false;
    bool protocol = false;
    if (s - 1 > p->text_start && buf[s - 1] == ':') {
        int32_t w = s - 1;
        while (w > p->text_start && ocp_cc_is_alnum(buf[w - 1])) {
            w--;
        }
        xmpp = s - 1 - w == 4 && lower_is(p, w, "xmpp", 4);
        protocol = xmpp || (s - 1 - w == 6 && lower_is(p, w, "mailto", 6));
        if (protocol) {
            s = w;
        }
    }
    int32_t q = at + 1;
    bool dot = false;
    while (q < p->end) {
        uint8_t b = buf[q];
        if (ocp_cc_is_alnum(b) || b == '-' || b == '_' || (b == '/' && xmpp)) {
            q++;
        } else if (b == '.' && q + 1 < p->end && ocp_cc_is_alnum(buf[q + 1])) {
            dot = true;
            q++;
        } else {
            break;
        }
    }
    if (q == at + 1 || !dot || (!ocp_cc_is_letter(buf[q - 1]) && buf[q - 1] != '.')) {
        return at + 1;
    }
    p->work += q - s;
    return protocol ? emit_autolink_literal(p, s, q, NULL, 0)
                    : emit_autolink_literal(p, s, q, MAILTO, (int32_t) sizeof MAILTO);
}
