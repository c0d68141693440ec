/* Port of block/HtmlBlock.java (see html_blocks.h): the same scanners, in the same order. */
#include "html_blocks.h"

#include <string.h>

#include "char_classes.h"

/* A lower-case ASCII name and its length. */
typedef struct html_name {
    const char *bytes;
    int32_t length;
} html_name;

#define NAME(s) { s, (int32_t) (sizeof(s) - 1) }

/* Tag names of start condition 6, lower case. */
static const html_name BLOCK_NAMES[] = {
    NAME("address"), NAME("article"), NAME("aside"), NAME("base"), NAME("basefont"), NAME("blockquote"),
    NAME("body"), NAME("caption"), NAME("center"), NAME("col"), NAME("colgroup"), NAME("dd"), NAME("details"),
    NAME("dialog"), NAME("dir"), NAME("div"), NAME("dl"), NAME("dt"), NAME("fieldset"), NAME("figcaption"),
    NAME("figure"), NAME("footer"), NAME("form"), NAME("frame"), NAME("frameset"), NAME("h1"), NAME("h2"),
    NAME("h3"), NAME("h4"), NAME("h5"), NAME("h6"), NAME("head"), NAME("header"), NAME("hr"), NAME("html"),
    NAME("iframe"), NAME("legend"), NAME("li"), NAME("link"), NAME("main"), NAME("menu"), NAME("menuitem"),
    NAME("nav"), NAME("noframes"), NAME("ol"), NAME("optgroup"), NAME("option"), NAME("p"), NAME("param"),
    NAME("search"), NAME("section"), NAME("summary"), NAME("table"), NAME("tbody"), NAME("td"), NAME("tfoot"),
    NAME("th"), NAME("thead"), NAME("title"), NAME("tr"), NAME("track"), NAME("ul"),
};

/* Tag names of start condition 1 (also excluded from condition 7), lower case. */
static const html_name RAW_NAMES[] = {
    NAME("pre"), NAME("script"), NAME("style"), NAME("textarea"),
};

#define COUNT(a) ((int) (sizeof(a) / sizeof((a)[0])))

static int32_t open_tag(const uint8_t *s, int32_t p, int32_t end);
static int32_t attribute_value(const uint8_t *s, int32_t p, int32_t end);
static int32_t closing_tag(const uint8_t *s, int32_t p, int32_t end);
static int index_of_name(const html_name *names, int count, const uint8_t *s, int32_t from, int32_t to);
static bool starts_with(const uint8_t *s, int32_t p, int32_t end, const char *prefix);
static bool contains(const uint8_t *s, int32_t from, int32_t end, const char *needle);
static bool is_letter(uint8_t b);
static bool is_letter_or_digit(uint8_t b);
static bool is_attribute_name_start(uint8_t b);
static bool is_attribute_name_char(uint8_t b);

int ocp_html_blocks_start_condition(const uint8_t *s, int32_t p, int32_t end, bool allow7) {
    if (p + 1 >= end || s[p] != '<') {
        return 0;
    }
    uint8_t c = s[p + 1];
    if (c == '!') {
        if (starts_with(s, p + 2, end, "--")) {
            return 2;
        }
        if (starts_with(s, p + 2, end, "[CDATA[")) {
            return 5;
        }
        if (p + 2 < end && is_letter(s[p + 2])) {
            return 4;
        }
        return 0;
    }
    if (c == '?') {
        return 3;
    }
    bool closing = c == '/';
    int32_t name_start = closing ? p + 2 : p + 1;
    int32_t name_end = name_start;
    while (name_end < end && is_letter_or_digit(s[name_end])) {
        name_end++;
    }
    if (name_end > name_start) {
        int after = name_end < end ? (int) s[name_end] : -1; /* -1: the line ends right after the name */
        bool boundary = after == -1 || after == ' ' || after == '\t' || after == '>';
        if (!closing && boundary && index_of_name(RAW_NAMES, COUNT(RAW_NAMES), s, name_start, name_end) >= 0) {
            return 1;
        }
        if ((boundary || (after == '/' && name_end + 1 < end && s[name_end + 1] == '>'))
                && index_of_name(BLOCK_NAMES, COUNT(BLOCK_NAMES), s, name_start, name_end) >= 0) {
            return 6;
        }
    }
    if (allow7) {
        int32_t q = closing ? closing_tag(s, p, end) : open_tag(s, p, end);
        if (q > 0) {
            while (q < end && (s[q] == ' ' || s[q] == '\t')) {
                q++;
            }
            if (q == end) {
                return 7;
            }
        }
    }
    return 0;
}

bool ocp_html_blocks_end_condition(int type, const uint8_t *s, int32_t from, int32_t end) {
    switch (type) {
        case 1:
            for (int32_t i = from; i + 1 < end; i++) {
                if (s[i] == '<' && s[i + 1] == '/') {
                    int32_t name_end = i + 2;
                    while (name_end < end && is_letter(s[name_end])) {
                        name_end++;
                    }
                    if (name_end < end && s[name_end] == '>'
                            && index_of_name(RAW_NAMES, COUNT(RAW_NAMES), s, i + 2, name_end) >= 0) {
                        return true;
                    }
                }
            }
            return false;
        case 2:
            return contains(s, from, end, "-->");
        case 3:
            return contains(s, from, end, "?>");
        case 4:
            return contains(s, from, end, ">");
        case 5:
            return contains(s, from, end, "]]>");
        default:
            return false;
    }
}

/* Scans a complete open tag at s[p] == '<' (tag name other than the condition 1 names). Returns the index just
 * past its '>', or 0 if there is none. */
static int32_t open_tag(const uint8_t *s, int32_t p, int32_t end) {
    int32_t q = p + 1;
    if (q >= end || !is_letter(s[q])) {
        return 0;
    }
    int32_t name_start = q;
    while (q < end && (is_letter_or_digit(s[q]) || s[q] == '-')) {
        q++;
    }
    if (index_of_name(RAW_NAMES, COUNT(RAW_NAMES), s, name_start, q) >= 0) {
        return 0;
    }
    for (;;) {
        int32_t ws = q;
        while (ws < end && (s[ws] == ' ' || s[ws] == '\t')) {
            ws++;
        }
        if (ws == q || ws >= end || !is_attribute_name_start(s[ws])) {
            q = ws;
            break;
        }
        /* An attribute: name, then an optional value specification. */
        int32_t r = ws + 1;
        while (r < end && is_attribute_name_char(s[r])) {
            r++;
        }
        int32_t v = r;
        while (v < end && (s[v] == ' ' || s[v] == '\t')) {
            v++;
        }
        if (v < end && s[v] == '=') {
            v++;
            while (v < end && (s[v] == ' ' || s[v] == '\t')) {
                v++;
            }
            int32_t value_end = attribute_value(s, v, end);
            if (value_end == 0) {
                return 0;
            }
            q = value_end;
        } else {
            q = r;
        }
    }
    if (q < end && s[q] == '/') {
        q++;
    }
    return q < end && s[q] == '>' ? q + 1 : 0;
}

/* Returns the index just past an attribute value starting at p, or 0 if there is none. */
static int32_t attribute_value(const uint8_t *s, int32_t p, int32_t end) {
    if (p >= end) {
        return 0;
    }
    uint8_t quote = s[p];
    if (quote == '"' || quote == '\'') {
        for (int32_t i = p + 1; i < end; i++) {
            if (s[i] == quote) {
                return i + 1;
            }
        }
        return 0;
    }
    int32_t i = p;
    while (i < end) {
        uint8_t b = s[i];
        if (b == ' ' || b == '\t' || b == '"' || b == '\'' || b == '=' || b == '<' || b == '>' || b == '`') {
            break;
        }
        i++;
    }
    return i > p ? i : 0;
}

/* Scans a closing tag at s[p, p+2) == "</"; returns the index past its '>' or 0. */
static int32_t closing_tag(const uint8_t *s, int32_t p, int32_t end) {
    int32_t q = p + 2;
    if (q >= end || !is_letter(s[q])) {
        return 0;
    }
    while (q < end && (is_letter_or_digit(s[q]) || s[q] == '-')) {
        q++;
    }
    while (q < end && (s[q] == ' ' || s[q] == '\t')) {
        q++;
    }
    return q < end && s[q] == '>' ? q + 1 : 0;
}

static uint8_t to_lower(uint8_t b) {
    return b >= 'A' && b <= 'Z' ? (uint8_t) (b + 32) : b;
}

/* Returns the index in names of the ASCII-case-insensitive name s[from, to), or -1. */
static int index_of_name(const html_name *names, int count, const uint8_t *s, int32_t from, int32_t to) {
    int32_t len = to - from;
    for (int n = 0; n < count; n++) {
        const char *name = names[n].bytes;
        if (names[n].length != len) {
            continue;
        }
        int32_t i = 0;
        while (i < len && to_lower(s[from + i]) == (uint8_t) name[i]) {
            i++;
        }
        if (i == len) {
            return n;
        }
    }
    return -1;
}

static bool starts_with(const uint8_t *s, int32_t p, int32_t end, const char *prefix) {
    int32_t n = (int32_t) strlen(prefix);
    if (end - p < n) {
        return false;
    }
    for (int32_t i = 0; i < n; i++) {
        if (s[p + i] != (uint8_t) prefix[i]) {
            return false;
        }
    }
    return true;
}

static bool contains(const uint8_t *s, int32_t from, int32_t end, const char *needle) {
    int32_t n = (int32_t) strlen(needle);
    uint8_t first = (uint8_t) needle[0];
    for (int32_t i = ocp_cc_find_byte(s, from, end, first); i <= end - n; i = ocp_cc_find_byte(s, i + 1, end, first)) {
        if (starts_with(s, i, end, needle)) {
            return true;
        }
    }
    return false;
}

static bool is_letter(uint8_t b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

static bool is_letter_or_digit(uint8_t b) {
    return is_letter(b) || (b >= '0' && b <= '9');
}

static bool is_attribute_name_start(uint8_t b) {
    return is_letter(b) || b == '_' || b == ':';
}

static bool is_attribute_name_char(uint8_t b) {
    return is_letter_or_digit(b) || b == '_' || b == '.' || b == ':' || b == '-';
}
