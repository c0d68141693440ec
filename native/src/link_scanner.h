/*
 * Recognizers for the parts of links and raw HTML, shared by inline links and link reference definitions: a
 * port of LinkScanner.java (ocp_ls_ prefixes its method names). Each takes the content buffer, a start index
 * and an exclusive end, returns the index just past what it recognized or -1, and leaves in stop how far it
 * read. None allocates or reads at or past end; each reads at most up to the first byte that ends its
 * construct, which keeps the inline parser linear.
 */
#ifndef OCP_LINK_SCANNER_H
#define OCP_LINK_SCANNER_H

#include <stdbool.h>
#include <stdint.h>

/* Most characters between the brackets of a link label. */
#define OCP_LS_MAX_LABEL_CHARS 999
/* Deepest nesting of unescaped parentheses in a link destination. The spec allows a limit (at least 3);
 * without one, a run of "[a](b" repeats would rescan the same bytes from every "](". */
#define OCP_LS_MAX_DESTINATION_PARENS 32

typedef struct ocp_link_scanner {
    /* Where the last scan stopped reading: every byte it examined lies before this index. The inline parser
     * sums stop - start over its scans to measure rescanning. */
    int32_t stop;
    /* LinkScanner.parenthesesInTitles: a title in parentheses may hold an unescaped '(' (OCP_FLAVOR_MICROMARK). */
    bool parentheses_in_titles;
    /* The last such title read: from paren_from to paren_stop in content ending at paren_end, and its result
     * (a title starting inside it ends where it ends); paren_from is -1 after ocp_ls_forget. */
    int32_t paren_from, paren_stop, paren_end, paren_result;
} ocp_link_scanner;

/* LinkScanner.forget: the next scan reads another content. */
void ocp_ls_forget(ocp_link_scanner *s);

/* Skips spaces and tabs. */
int32_t ocp_ls_skip_space_tab(const uint8_t *buf, int32_t p, int32_t end);
/* Skips spaces and tabs with at most one line ending among them. */
int32_t ocp_ls_skip_space_tab_newline(const uint8_t *buf, int32_t p, int32_t end);

/* A link label at buf[p] == '[': up to 999 characters with no unescaped bracket, at least one of them not a
 * space, tab or line ending, then ']'. Returns the index after ']', or -1. */
int32_t ocp_ls_scan_label(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end);
/* Whether buf[from, to) is exactly the content of a link label (buf[to] is the closing bracket). */
bool ocp_ls_is_label_content(ocp_link_scanner *s, const uint8_t *buf, int32_t from, int32_t to);
/* A link destination at p: <...> without line endings or unescaped angle brackets, or a run of non-space,
 * non-control characters with balanced unescaped parentheses (possibly empty). Returns the index after it,
 * or -1. */
int32_t ocp_ls_scan_destination(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end);
/* A link title at p: "...", '...' or (...). Returns the index after it, or -1. */
int32_t ocp_ls_scan_title(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end);

/* A URI autolink at buf[p] == '<'. Returns the index after '>', or -1. */
int32_t ocp_ls_scan_uri_autolink(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end);
/* An email autolink at buf[p] == '<' per the HTML5 non-normative email pattern. Returns the index after
 * '>', or -1. */
int32_t ocp_ls_scan_email_autolink(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end);

/* An open tag at buf[p] == '<'. Returns the index after '>', or -1. */
int32_t ocp_ls_scan_open_tag(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end);
/* A closing tag at buf[p] == '<'. Returns the index after '>', or -1. */
int32_t ocp_ls_scan_closing_tag(ocp_link_scanner *s, const uint8_t *buf, int32_t p, int32_t end);

#endif
