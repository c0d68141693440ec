/*
 * GFM autolink literals as micromark reads them, under OCP_FLAVOR_MICROMARK.
 * Included by inline_parser.c (one compilation unit), never compiled on its own.
 *
 * Where micromark departs from cmark-gfm: which byte may come before "www." or a scheme (only http and https), how
 * the domain and the path end, the trail of punctuation given back, and e-mail addresses found from their '@'.
 * The reference flavor's reading is autolink_literal.c, which calls in here.
 *
 * References: micromark-extension-gfm-autolink-literal (its syntax and its transform of literal text); markdown-rs
 * construct/gfm_autolink_literal.rs; GFM spec 6.9 "Autolinks (extension)" for the common ground.
 */

static bool previous_allows_www(uint8_t b);
static int32_t micromark_domain(ocp_inline_parser *p, int32_t d);
static int32_t micromark_path(ocp_inline_parser *p, int32_t q);
static bool trail_ends(ocp_inline_parser *p, int32_t i);
static int32_t micromark_email(ocp_inline_parser *p, int32_t at);
static int32_t micromark_email_end(ocp_inline_parser *p, int32_t s, int32_t at);
static int32_t micromark_email_from(ocp_inline_parser *p, int32_t i);

/* An autolink literal as micromark-extension-gfm-autolink-literal finds one, met at buf[i] as autolink_literal
 * meets it (micromarkLiteral in the Java twin): www. in any case after a space, line ending, ( * _ [ ] ~ or nothing;
 * http:// or https:// (no ftp://) after anything but a letter; an e-mail address whose local part follows neither
 * a slash nor a local-part character, with no protocol forms. The domain ends at whitespace, at punctuation other
 * than - . _, or at a . or _ that only trailing punctuation follows; the path ends where only trailing punctuation
 * follows (trail_ends), a ) kept while it closes an open one. docs/conformance.md lists where this reading departs
 * from cmark-gfm's. */
static int32_t micromark_literal(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *buf = p->buf;
    uint8_t c = buf[i];
    if (c == '@') {
        return micromark_email(p, i);
    }
    int32_t from;
    int32_t domain;
    if (c == ':') {
        from = i;
        while (from > p->text_start && ocp_cc_is_letter(buf[from - 1])) {
            from--;
        }
        int32_t n = i - from;
        if ((from > p->start && ocp_cc_is_letter(buf[from - 1]))
                || !((n == 4 && lower_is(p, from, "http", 4)) || (n == 5 && lower_is(p, from, "https", 5)))
                || p->end - i < 4 || buf[i + 1] != '/' || buf[i + 2] != '/') {
            return i + 1;
        }
        domain = i + 3;
        int32_t cp = ocp_cc_decode(buf, domain, p->end);
        if (cp < 0x20 || cp == 0x7F || ocp_cc_is_micromark_space(cp) || ocp_cc_is_punctuation(cp)) {
            return i + 1;
        }
    } else {
        int32_t email = micromark_email_from(p, i);
        if (email >= 0) {
            return emit_autolink_literal(p, i, email, MAILTO, (int32_t) sizeof MAILTO);
        }
        from = i;
        if (i > p->start && !previous_allows_www(buf[i - 1])) {
            return i + 1;
        }
        if (p->end - i < 5 || (buf[i + 1] | 0x20) != 'w' || (buf[i + 2] | 0x20) != 'w' || buf[i + 3] != '.') {
            return i + 1;
        }
        domain = i;
    }
    int32_t path_from = micromark_domain(p, domain);
    if (path_from < 0) {
        return i + 1;
    }
    int32_t to = micromark_path(p, path_from);
    return c == ':' ? emit_autolink_literal(p, from, to, NULL, 0)
                    : emit_autolink_literal(p, from, to, HTTP, (int32_t) sizeof HTTP);
}

static bool previous_allows_www(uint8_t b)
{
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '(' || b == '*' || b == '_' || b == '['
           || b == ']' || b == '~';
}

/* Whitespace to micromark: a space, tab or line ending, or what JavaScript's \s matches. */
/* The domain from d (micromarkDomain in the Java twin): where it ends, or -1 when an underscore is in its last two
 * segments. It ends at whitespace or the content's end, at punctuation other than - . _, or at a . or _ that only
 * trailing punctuation follows. Where it ends does not depend on d, so a later start inside the last one scanned
 * (after an underscore) reuses it, with its last two dots: the cache check_domain keeps, which the reference
 * flavor's scans never share with these within a parse. */
static int32_t micromark_domain(ocp_inline_parser *p, int32_t d)
{
    const uint8_t *buf = p->buf;
    if (d <= p->domain_from || d >= p->domain_stop) {
        int32_t i = d;
        int32_t last_dot = -1;
        int32_t second_dot = -1;
        while (i < p->end) {
            uint8_t b = buf[i];
            if (b == '.' || b == '_') {
                if (trail_ends(p, i)) {
                    break;
                }
                if (b == '.') {
                    second_dot = last_dot;
                    last_dot = i;
                }
                i++;
                continue;
            }
            int32_t cp = ocp_cc_decode(buf, i, p->end);
            if (cp < 0 || ocp_cc_is_micromark_space(cp) || (b != '-' && ocp_cc_is_punctuation(cp))) {
                break;
            }
            i += cp < 0x80 ? 1 : ocp_cc_sequence_length(buf, i, p->end);
        }
        p->work += i - d;
        p->domain_from = d;
        p->domain_stop = i;
        p->domain_last_dot = last_dot;
        p->domain_second_dot = second_dot;
        p->domain_underscore = has_underscore(p, second_dot >= 0 ? second_dot : d, i);
    }
    bool underscore = p->domain_second_dot >= d ? p->domain_underscore : has_underscore(p, d, p->domain_stop);
    return underscore ? -1 : p->domain_stop;
}

/* The path from q, after a domain (micromarkPath in the Java twin): up to whitespace or the content's end, or to
 * punctuation that only trailing punctuation follows; a ) stays while it closes an open (. */
static int32_t micromark_path(ocp_inline_parser *p, int32_t q)
{
    const uint8_t *buf = p->buf;
    int32_t open = 0;
    int32_t close = 0;
    int32_t from = q;
    while (q < p->end) {
        uint8_t b = buf[q];
        if (b == '(') {
            open++;
        } else if (b == ')' && close < open) {
            close++;
        } else if (b == '!' || b == '"' || b == '&' || b == '\'' || b == ')' || b == '*' || b == ',' || b == '.'
                   || b == ':' || b == ';' || b == '<' || b == '?' || b == ']' || b == '_' || b == '~') {
            if (trail_ends(p, q)) {
                break;
            }
            if (b == ')') {
                close++;
            }
        } else if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == '\f'
                   || (b >= 0x80 && ocp_cc_is_micromark_space(ocp_cc_decode(buf, q, p->end)))) {
            break;
        }
        q++;
    }
    p->work += q - from;
    return q;
}

/* Whether only trailing punctuation follows from i up to whitespace, < or the content's end
 * (trailEnds in the Java twin): ! " ' ) * , . : ; ? _ ~, character-reference-like &name;, and ] (which also ends the
 * trail before ( or [). A failed scan is remembered: every start inside it fails alike, so runs of punctuation,
 * each of whose bytes the domain and path scans ask about, cost linear time. */
static bool trail_ends(ocp_inline_parser *p, int32_t i)
{
    if (i >= p->trail_fail_from && i < p->trail_fail_to) {
        return false;
    }
    const uint8_t *buf = p->buf;
    int32_t end = p->end;
    int32_t q = i;
    bool ends;
    for (;;) {
        if (q >= end) {
            ends = true;
            break;
        }
        uint8_t b = buf[q];
        if (b == '!' || b == '"' || b == '\'' || b == ')' || b == '*' || b == ',' || b == '.' || b == ':' || b == ';'
                || b == '?' || b == '_' || b == '~') {
            q++;
        } else if (b == '&') {
            int32_t n = q + 1;
            while (n < end && ocp_cc_is_letter(buf[n])) {
                n++;
            }
            if (n == q + 1 || n >= end || buf[n] != ';') {
                ends = false;
                break;
            }
            q = n + 1;
        } else if (b == ']') {
            q++;
            if (q >= end || buf[q] == '(' || buf[q] == '[') {
                ends = true;
                break;
            }
        } else if (b == '<' || b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == '\f') {
            ends = true;
            break;
        } else {
            ends = b >= 0x80 && ocp_cc_is_micromark_space(ocp_cc_decode(buf, q, end));
            break;
        }
    }
    p->work += q - i + 1;
    if (!ends) {
        p->trail_fail_from = i;
        p->trail_fail_to = q;
    }
    return ends;
}

/* An e-mail address as micromark finds one, met at its @ (micromarkEmail in the Java twin): the local part taken back
 * from the pending text, which must not follow a slash, a local-part character or an escape; a domain of letters,
 * digits, - _ and inner dots that ends in a letter. No mailto: or xmpp: forms. */
static int32_t micromark_email(ocp_inline_parser *p, int32_t at)
{
    const uint8_t *buf = p->buf;
    int32_t s = at;
    while (s > p->text_start && is_atext(buf[s - 1]) && !escaped(p, s - 1)) {
        s--;
    }
    if (s == at || (s > p->start && (buf[s - 1] == '/' || is_atext(buf[s - 1])))) {
        return at + 1;
    }
    int32_t q = micromark_email_end(p, s, at);
    return q < 0 ? at + 1 : emit_autolink_literal(p, s, q, MAILTO, (int32_t) sizeof MAILTO);
}

/* A _ run, or an e-mail address it starts (emailOrDelimiterRun in the Java twin): micromark tries the address first,
 * and _ is a local-part character (_a@b.c is one link, where the pending text's local part never holds the run,
 * since the main loop stops at the _). */
static int32_t email_or_delimiter_run(ocp_inline_parser *p, int32_t i)
{
    int32_t q = micromark_email_from(p, i);
    return q >= 0 ? emit_autolink_literal(p, i, q, MAILTO, (int32_t) sizeof MAILTO) : delimiter_run(p, i);
}

/* Where an e-mail address that starts at buf[i] ends, or -1 if none does (micromarkEmailFrom in the Java twin):
 * micromark tries an address first where a www literal or a '_' run might start (www.a.b@c.d is an address). */
static int32_t micromark_email_from(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *buf = p->buf;
    if (p->bracket_count > 0 || (i > p->start && (buf[i - 1] == '/' || is_atext(buf[i - 1])))) {
        return -1;
    }
    int32_t at = i;
    while (at < p->end && is_atext(buf[at])) {
        at++;
    }
    p->work += at - i;
    return at < p->end && buf[at] == '@' ? micromark_email_end(p, i, at) : -1;
}

/* Where the domain of an address buf[s, at)@... ends, as micromark reads it, or -1 if it is none
 * (micromarkEmailEnd in the Java twin). */
static int32_t micromark_email_end(ocp_inline_parser *p, int32_t s, int32_t at)
{
    const uint8_t *buf = p->buf;
    int32_t q = at + 1;
    bool dot = false;
    while (q < p->end) {
        uint8_t b = buf[q];
        if (ocp_cc_is_alnum(b) || b == '-' || b == '_') {
            q++;
        } else if (b == '.' && q + 1 < p->end && ocp_cc_is_alnum(buf[q + 1])) {
            dot = true;
            q++;
        } else {
            break;
        }
    }
    p->work += q - s;
    return q == at + 1 || !dot || !ocp_cc_is_letter(buf[q - 1]) ? -1 : q;
}
