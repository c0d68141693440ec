/* LinkScanner.java in C; the notes on each recognizer are in the Java source and link_scanner.h. */
#include "link_scanner.h"

#include "char_classes.h"

int32_t ocp_ls_skip_space_tab(const uint8_t *buf, int32_t p, int32_t end)
{
    while (p < end && (buf[p] == ' ' || buf[p] == '\t')) {
        p++;
    }
    return p;
}

int32_t ocp_ls_skip_space_tab_newline(const uint8_t *buf, int32_t p, int32_t end)
{
    p = ocp_ls_skip_space_tab(buf, p, end);
    if (p < end && buf[p] == '\n') {
        p = ocp_ls_skip_space_tab(buf, p + 1, end);
    }
    return p;
}

/* Records how far a scan read and returns result. */
static int32_t stop_at(ocp_link_scanner *s, int32_t at, int32_t result)
{
    s->stop = at;
    return result;
}

static inline int32_t min32(int32_t a, int32_t b)
{
    return a < b ? a : b;
}

/* The index of the ']' that ends label content starting at p, or -1. Stops at the first bracket or past
 * 999 characters. */
static int32_t label_end(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end)
{
    int32_t chars = 0;
    bool blank = true;
    while (p < end) {
        uint8_t b = buf[p];
        if (b == ']') {
            return stop_at(s, p + 1, blank ? -1 : p);
        }
        if (b == '[') {
            return stop_at(s, p + 1, -1);
        }
        if (b == '\\' && p + 1 < end && ocp_cc_is_ascii_punct(buf[p + 1])) {
            p += 2;
            chars += 2;
            blank = false;
        } else {
            if ((b & 0xC0) != 0x80) {
                chars++;
            }
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                blank = false;
            }
            p++;
        }
        if (chars > OCP_LS_MAX_LABEL_CHARS) {
            return stop_at(s, p, -1);
        }
    }
    return stop_at(s, p, -1);
}

int32_t ocp_ls_scan_label(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end)
{
    if (p >= end || buf[p] != '[') {
        return stop_at(s, p, -1);
    }
    int32_t close = label_end(s, buf, p + 1, end);
    return close < 0 ? -1 : close + 1;
}

bool ocp_ls_is_label_content(ocp_link_scanner *s, const uint8_t *buf, int32_t from, int32_t to)
{
    return label_end(s, buf, from, to + 1) == to;
}

int32_t ocp_ls_scan_destination(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end)
{
    if (p < end && buf[p] == '<') {
        p++;
        while (p < end) {
            uint8_t b = buf[p];
            if (b == '>') {
                return stop_at(s, p + 1, p + 1);
            }
            if (b == '<' || b == '\n' || b == '\r') {
                return stop_at(s, p + 1, -1);
            }
            if (b == '\\' && p + 1 < end && ocp_cc_is_ascii_punct(buf[p + 1])) {
                p += 2;
            } else {
                p++;
            }
        }
        return stop_at(s, p, -1);
    }
    int32_t depth = 0;
    while (p < end) {
        uint8_t b = buf[p];
        /* Spaces and controls end it; NUL does not, since it stands for U+FFFD (spec 2.3). */
        if ((b <= ' ' && b != 0) || b == 0x7F) {
            break;
        }
        if (b == '\\' && p + 1 < end && ocp_cc_is_ascii_punct(buf[p + 1])) {
            p += 2;
            continue;
        }
        if (b == '(') {
            if (++depth > OCP_LS_MAX_DESTINATION_PARENS) {
                return stop_at(s, p + 1, -1);
            }
        } else if (b == ')') {
            if (depth == 0) {
                break;
            }
            depth--;
        }
        p++;
    }
    return stop_at(s, min32(p + 1, end), depth == 0 ? p : -1);
}

void ocp_ls_forget(ocp_link_scanner *s)
{
    s->paren_from = -1;
}

static void remember(ocp_link_scanner *s, int32_t from, int32_t stop, int32_t end, int32_t result)
{
    s->paren_from = from;
    s->paren_stop = stop;
    s->paren_end = end;
    s->paren_result = result;
}

int32_t ocp_ls_scan_title(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end)
{
    if (p >= end) {
        return stop_at(s, p, -1);
    }
    uint8_t open = buf[p];
    uint8_t close;
    if (open == '"' || open == '\'') {
        close = open;
    } else if (open == '(') {
        close = ')';
    } else {
        return stop_at(s, p + 1, -1);
    }
    bool nests = open == '(' && s->parentheses_in_titles;
    if (nests && s->paren_from >= 0 && p > s->paren_from && p < s->paren_stop && end == s->paren_end) {
        return stop_at(s, p + 1, s->paren_result);
    }
    int32_t from = p;
    p++;
    while (p < end) {
        uint8_t b = buf[p];
        if (b == close) {
            if (nests) {
                remember(s, from, p + 1, end, p + 1);
            }
            return stop_at(s, p + 1, p + 1);
        }
        if (open == '(' && b == '(' && !nests) {
            return stop_at(s, p + 1, -1);
        }
        if (b == '\\' && p + 1 < end && ocp_cc_is_ascii_punct(buf[p + 1])) {
            p += 2;
        } else {
            p++;
        }
    }
    if (nests) {
        remember(s, from, p, end, -1);
    }
    return stop_at(s, p, -1);
}

/* ---- autolinks ---- */

int32_t ocp_ls_scan_uri_autolink(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end)
{
    int32_t q = p + 1;
    if (q >= end || !ocp_cc_is_letter(buf[q])) {
        return stop_at(s, q + 1, -1);
    }
    int32_t scheme_start = q;
    q++;
    while (q < end && q - scheme_start < 33) {
        uint8_t b = buf[q];
        if (ocp_cc_is_alnum(b) || b == '+' || b == '.' || b == '-') {
            q++;
        } else {
            break;
        }
    }
    int32_t scheme_length = q - scheme_start;
    if (scheme_length < 2 || scheme_length > 32 || q >= end || buf[q] != ':') {
        return stop_at(s, q + 1, -1);
    }
    q++;
    while (q < end) {
        uint8_t b = buf[q];
        if (b == '>') {
            return stop_at(s, q + 1, q + 1);
        }
        if ((b <= ' ' && b != 0) || b == 0x7F || b == '<') { /* NUL stands for U+FFFD */
            return stop_at(s, q + 1, -1);
        }
        q++;
    }
    return stop_at(s, q, -1);
}

static bool is_email_local(uint8_t b)
{
    if (ocp_cc_is_alnum(b)) {
        return true;
    }
    switch (b) {
    case '.': case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '/':
    case '=': case '?': case '^': case '_': case '`': case '{': case '|': case '}': case '~': case '-':
        return true;
    default:
        return false;
    }
}

int32_t ocp_ls_scan_email_autolink(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end)
{
    int32_t q = p + 1;
    int32_t local_start = q;
    while (q < end && is_email_local(buf[q])) {
        q++;
    }
    if (q == local_start || q >= end || buf[q] != '@') {
        return stop_at(s, q + 1, -1);
    }
    q++;
    while (1) {
        /* One domain label: alnum, then up to 61 alnum or '-', ending in alnum. */
        int32_t label_start = q;
        if (q >= end || !ocp_cc_is_alnum(buf[q])) {
            return stop_at(s, q + 1, -1);
        }
        while (q < end && q - label_start < 64 && (ocp_cc_is_alnum(buf[q]) || buf[q] == '-')) {
            q++;
        }
        if (q - label_start > 63 || buf[q - 1] == '-' || q >= end) {
            return stop_at(s, q, -1);
        }
        if (buf[q] == '>') {
            return stop_at(s, q + 1, q + 1);
        }
        if (buf[q] != '.') {
            return stop_at(s, q + 1, -1);
        }
        q++;
    }
}

/* ---- raw HTML ---- */

static int32_t skip_tag_name(const uint8_t *buf, int32_t q, int32_t end)
{
    while (q < end && (ocp_cc_is_alnum(buf[q]) || buf[q] == '-')) {
        q++;
    }
    return q;
}

static bool is_attribute_name_start(uint8_t b)
{
    return ocp_cc_is_letter(b) || b == '_' || b == ':';
}

static bool is_attribute_name_char(uint8_t b)
{
    return ocp_cc_is_alnum(b) || b == '_' || b == '.' || b == ':' || b == '-';
}

static int32_t scan_attribute_value(ocp_link_scanner *s, const uint8_t *buf, int32_t q, int32_t end)
{
    if (q >= end) {
        return stop_at(s, q, -1);
    }
    uint8_t b = buf[q];
    if (b == '"' || b == '\'') {
        for (int32_t i = q + 1; i < end; i++) {
            if (buf[i] == b) {
                return i + 1;
            }
        }
        return stop_at(s, end, -1);
    }
    int32_t start = q;
    while (q < end) {
        b = buf[q];
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '"' || b == '\'' || b == '=' || b == '<'
                || b == '>' || b == '`') {
            break;
        }
        q++;
    }
    return q > start ? q : stop_at(s, q + 1, -1);
}

int32_t ocp_ls_scan_open_tag(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end)
{
    int32_t q = p + 1;
    if (q >= end || !ocp_cc_is_letter(buf[q])) {
        return stop_at(s, q + 1, -1);
    }
    q = skip_tag_name(buf, q, end);
    while (1) {
        int32_t w = ocp_ls_skip_space_tab_newline(buf, q, end);
        if (w == q || w >= end || !is_attribute_name_start(buf[w])) {
            q = w;
            break;
        }
        q = w + 1;
        while (q < end && is_attribute_name_char(buf[q])) {
            q++;
        }
        int32_t v = ocp_ls_skip_space_tab_newline(buf, q, end);
        if (v < end && buf[v] == '=') {
            v = ocp_ls_skip_space_tab_newline(buf, v + 1, end);
            int32_t value_end = scan_attribute_value(s, buf, v, end);
            if (value_end < 0) {
                return -1; /* stop set by scan_attribute_value */
            }
            q = value_end;
        }
    }
    if (q < end && buf[q] == '/') {
        q++;
    }
    return stop_at(s, min32(q + 1, end), q < end && buf[q] == '>' ? q + 1 : -1);
}

int32_t ocp_ls_scan_closing_tag(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end)
{
    int32_t q = p + 2;
    if (q >= end || buf[p + 1] != '/' || !ocp_cc_is_letter(buf[q])) {
        return stop_at(s, min32(q + 1, end), -1);
    }
    q = ocp_ls_skip_space_tab_newline(buf, skip_tag_name(buf, q, end), end);
    return stop_at(s, min32(q + 1, end), q < end && buf[q] == '>' ? q + 1 : -1);
}
