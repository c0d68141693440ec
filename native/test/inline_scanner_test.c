/*
 * link_scanner.c: each recognizer on inputs that it accepts, rejects, and on which its limits bite; how far
 * it says it read; and, for every input, every start and every end, that it neither reads past the end (the
 * buffers have their exact size, so AddressSanitizer or valgrind would report it) nor answers outside it.
 */
#include "link_scanner.h"

#include "inline_check.h"

typedef int32_t (*scanner_fn)(ocp_link_scanner *, const uint8_t *, int32_t, int32_t);

typedef struct scan_case {
    const char *name;
    scanner_fn fn;
    const char *input;
    int32_t expected;
    int32_t stop; /* -2: not checked */
} scan_case;

#define LABEL ocp_ls_scan_label
#define DEST ocp_ls_scan_destination
#define TITLE ocp_ls_scan_title
#define URI ocp_ls_scan_uri_autolink
#define EMAIL ocp_ls_scan_email_autolink
#define OPEN ocp_ls_scan_open_tag
#define CLOSE ocp_ls_scan_closing_tag

static const scan_case CASES[] = {
    {"label", LABEL, "[foo]", 5, 5},
    {"label followed by more", LABEL, "[foo] bar", 5, 5},
    {"empty label", LABEL, "[]", -1, 2},
    {"blank label", LABEL, "[ \t\n]", -1, 5},
    {"unescaped bracket", LABEL, "[a[b]", -1, 3},
    {"escaped closing bracket", LABEL, "[a\\]b]", 6, 6},
    {"escaped opening bracket", LABEL, "[a\\[b]", 6, 6},
    {"escaped non-punctuation", LABEL, "[a\\b]", 5, 5},
    {"unclosed label", LABEL, "[foo", -1, 4},
    {"not a label", LABEL, "foo]", -1, 0},
    {"backslash at the end", LABEL, "[a\\", -1, 3},

    {"pointy destination with space", DEST, "<a b>", 5, 5},
    {"empty pointy destination", DEST, "<>", 2, 2},
    {"pointy destination with line ending", DEST, "<a\nb>", -1, 3},
    {"pointy destination with carriage return", DEST, "<a\rb>", -1, 3},
    {"pointy destination with <", DEST, "<a<b>", -1, 3},
    {"escaped > in pointy destination", DEST, "<a\\>b>", 6, 6},
    {"unclosed pointy destination", DEST, "<ab", -1, 3},
    {"balanced parentheses", DEST, "a(b)c d", 5, 6},
    {"unbalanced parentheses", DEST, "a(b c", -1, 4},
    {"closing parenthesis ends it", DEST, "a)b", 1, 2},
    {"empty destination", DEST, "", 0, 0},
    {"empty destination before )", DEST, ")", 0, 1},
    {"escaped parenthesis", DEST, "a\\)b", 4, 4},
    {"control character ends it", DEST, "a\x01" "b", 1, 2},
    {"DEL ends it", DEST, "a\x7f" "b", 1, 2},
    {"32 nested parentheses",
     DEST, "((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))", 65, 65},
    {"33 nested parentheses",
     DEST, "(((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))", -1, 33},
    {"non-ASCII destination", DEST, "\xC3\xA9t\xC3\xA9 x", 5, 6},

    {"double-quoted title", TITLE, "\"a\\\"b\"", 6, 6},
    {"single-quoted title", TITLE, "'a'", 3, 3},
    {"parenthesized title", TITLE, "(a)", 3, 3},
    {"unescaped ( in parenthesized title", TITLE, "(a(b)", -1, 3},
    {"escaped ( in parenthesized title", TITLE, "(a\\(b)", 6, 6},
    {"title across lines", TITLE, "'a\nb'", 5, 5},
    {"unclosed title", TITLE, "\"abc", -1, 4},
    {"not a title", TITLE, "x", -1, 1},
    {"no title at the end", TITLE, "", -1, 0},

    {"URI autolink", URI, "<http://a>", 10, 10},
    {"URI autolink with query", URI, "<https://a.b/c?d=e&f>", 21, 21},
    {"one-letter scheme", URI, "<a:b>", -1, 3},
    {"empty URI after scheme", URI, "<ab:>", 5, 5},
    {"32-character scheme", URI, "<abcdefghijklmnopqrstuvwxyzabcdef:x>", 36, 36},
    {"33-character scheme", URI, "<abcdefghijklmnopqrstuvwxyzabcdefg:x>", -1, 35},
    {"space in URI", URI, "<http://a b>", -1, 10},
    {"< in URI", URI, "<http://a<b>", -1, 10},
    {"unclosed URI", URI, "<http://a", -1, 9},
    {"scheme starting with a digit", URI, "<1a:b>", -1, 2},
    {"scheme with + . -", URI, "<a+b.c-d:e>", 11, 11},

    {"email autolink", EMAIL, "<foo@bar.example.com>", 21, 21},
    {"email with special local characters", EMAIL, "<foo+special@Bar.baz-bar0.com>", 30, 30},
    {"email with one domain label", EMAIL, "<foo@bar>", 9, 9},
    {"domain label starting with -", EMAIL, "<foo@-bar>", -1, 6},
    {"domain label ending with -", EMAIL, "<foo@bar->", -1, 9},
    {"empty last domain label", EMAIL, "<foo@bar.>", -1, 10},
    {"empty local part", EMAIL, "<@bar>", -1, 2},
    {"63-character domain label", EMAIL,
     "<a@abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc>", 67, 67},
    {"64-character domain label", EMAIL,
     "<a@abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd>", -1, 67},
    {"unclosed email", EMAIL, "<a@b", -1, 4},
    {"space in email", EMAIL, "<a b@c>", -1, 3},

    {"open tag", OPEN, "<a>", 3, 3},
    {"self-closing tag", OPEN, "<a/>", 4, 4},
    {"attributes of every kind", OPEN, "<a b c='d' e=\"f\" g=h>", 21, 21},
    {"spaces around =", OPEN, "<a b = c>", 9, 9},
    {"unclosed quoted value", OPEN, "<a b=\"c>", -1, 8},
    {"space before />", OPEN, "<a  />", 6, 6},
    {"attribute without whitespace before it", OPEN, "<a b='c'd>", -1, 9},
    {"empty unquoted value", OPEN, "<a b=>", -1, 6},
    {"tag name starting with a digit", OPEN, "<1a>", -1, 2},
    {"line ending between attributes", OPEN, "<a\nb>", 5, 5},
    {"unclosed tag", OPEN, "<a", -1, 2},
    {"tag name with - and digits", OPEN, "<my-tag2 x>", 11, 11},
    {"attribute names with _ : . -", OPEN, "<a _b :c d.e-f>", 15, 15},
    {"value with backtick", OPEN, "<a b=c`d>", -1, 7},

    {"closing tag", CLOSE, "</a>", 4, 4},
    {"closing tag with space", CLOSE, "</a >", 5, 5},
    {"closing tag with attribute", CLOSE, "</a b>", -1, 5},
    {"empty closing tag", CLOSE, "</>", -1, 3},
    {"unclosed closing tag", CLOSE, "</a", -1, 3},
    {"not a closing tag", CLOSE, "<a>", -1, 3},
};

static void recognizers_accept_reject_and_report_how_far_they_read(void)
{
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const scan_case *c = &CASES[i];
        int32_t n = (int32_t) strlen(c->input);
        uint8_t *b = exact_copy(c->input, (size_t) n);
        ocp_link_scanner s = {.stop = -7, .paren_from = -1};
        int32_t got = c->fn(&s, b, 0, n);
        CHECK_EQ(c->expected, got, "%s: %s", c->name, c->input);
        if (c->stop != -2) {
            CHECK_EQ(c->stop, s.stop, "stop of %s: %s", c->name, c->input);
        }
        free(b);
    }
}

static void long_labels(void)
{
    /* 999 characters fit; 1000 do not. Characters, not bytes: 999 two-byte characters fit too. */
    char buf[2 * 1000 + 3];
    for (int chars = 998; chars <= 1000; chars++) {
        for (int wide = 0; wide <= 1; wide++) {
            int32_t n = 0;
            buf[n++] = '[';
            for (int k = 0; k < chars; k++) {
                if (wide) {
                    buf[n++] = (char) 0xC3;
                    buf[n++] = (char) 0xA9;
                } else {
                    buf[n++] = 'a';
                }
            }
            buf[n++] = ']';
            uint8_t *b = exact_copy(buf, (size_t) n);
            ocp_link_scanner s;
            CHECK_EQ(chars <= 999 ? n : -1, ocp_ls_scan_label(&s, b, 0, n), "%d characters, wide %d", chars, wide);
            free(b);
        }
    }
    /* An escape counts two characters. */
    char esc[1000 + 3];
    int32_t n = 0;
    esc[n++] = '[';
    for (int k = 0; k < 499; k++) {
        esc[n++] = '\\';
        esc[n++] = '!';
    }
    esc[n++] = 'a';
    esc[n++] = ']';
    uint8_t *b = exact_copy(esc, (size_t) n);
    ocp_link_scanner s;
    CHECK_EQ(n, ocp_ls_scan_label(&s, b, 0, n), "499 escapes and a letter are 999 characters");
    b[n - 2] = 'a';
    CHECK_EQ(n, ocp_ls_scan_label(&s, b, 0, n), "still 999");
    free(b);
}

static void label_content(void)
{
    ocp_link_scanner s;
    const char *in = "[foo][ ][a]b]";
    int32_t n = (int32_t) strlen(in);
    uint8_t *b = exact_copy(in, (size_t) n);
    CHECK(ocp_ls_is_label_content(&s, b, 1, 4), "foo");
    CHECK(!ocp_ls_is_label_content(&s, b, 6, 7), "a blank label");
    CHECK(!ocp_ls_is_label_content(&s, b, 9, 12), "a]b holds a bracket");
    CHECK(ocp_ls_is_label_content(&s, b, 9, 10), "a");
    free(b);
}

static void skipping_whitespace(void)
{
    const char *in = " \t x \n \nx";
    int32_t n = (int32_t) strlen(in);
    uint8_t *b = exact_copy(in, (size_t) n);
    CHECK_EQ(3, ocp_ls_skip_space_tab(b, 0, n), "spaces and tabs");
    CHECK_EQ(3, ocp_ls_skip_space_tab_newline(b, 3, n), "nothing to skip");
    CHECK_EQ(7, ocp_ls_skip_space_tab_newline(b, 4, n), "one line ending at most");
    CHECK_EQ(2, ocp_ls_skip_space_tab(b, 0, 2), "stops at the end");
    CHECK_EQ(n, ocp_ls_skip_space_tab_newline(b, n, n), "at the end");
    free(b);
}

/* NUL stands for U+FFFD (spec 2.3): it continues a destination and a URI autolink, unlike controls. */
static void nul_is_not_a_control_character(void)
{
    ocp_link_scanner s;
    uint8_t *b = exact_copy("a\0b c", 5);
    CHECK_EQ(3, ocp_ls_scan_destination(&s, b, 0, 5), "NUL inside a destination");
    b[1] = 0x01;
    CHECK_EQ(1, ocp_ls_scan_destination(&s, b, 0, 5), "a control character ends it");
    free(b);
    b = exact_copy("<mx:\0>", 6);
    CHECK_EQ(6, ocp_ls_scan_uri_autolink(&s, b, 0, 6), "NUL inside a URI autolink");
    b[4] = 0x1F;
    CHECK_EQ(-1, ocp_ls_scan_uri_autolink(&s, b, 0, 6), "a control character is not allowed");
    free(b);
}

/* Every recognizer from every start under every end: answers inside [p, end] (or -1), stop at most end + 1,
 * and no read at or past end. */
static void never_reads_or_answers_past_the_end(void)
{
    scanner_fn fns[] = {LABEL, DEST, TITLE, URI, EMAIL, OPEN, CLOSE};
    const char *extra[] = {"[a](<b> 'c') <x y='z' / > </q\n> <a@b.c> <ab:c> \\", "<a b=\"", "<a b='", "<a b=c",
                           "<a b", "<a b ", "<a\n", "</a\n", "<a@b-", "<a@", "(\"'", "<\\", "\xF0\x9F"};
    size_t ncases = sizeof CASES / sizeof CASES[0];
    size_t nextra = sizeof extra / sizeof extra[0];
    for (size_t i = 0; i < ncases + nextra; i++) {
        const char *in = i < ncases ? CASES[i].input : extra[i - ncases];
        int32_t len = (int32_t) strlen(in);
        for (int32_t end = 0; end <= len; end++) {
            uint8_t *b = exact_copy(in, (size_t) end);
            for (int32_t p = 0; p <= end; p++) {
                for (size_t f = 0; f < sizeof fns / sizeof fns[0]; f++) {
                    if (p == end && (fns[f] == URI || fns[f] == EMAIL || fns[f] == OPEN || fns[f] == CLOSE)) {
                        continue; /* these start at a '<' the caller saw, so p < end */
                    }
                    ocp_link_scanner s = {.stop = -7, .paren_from = -1};
                    int32_t r = fns[f](&s, b, p, end);
                    CHECK(r == -1 || (r >= p && r <= end), "%s [%d, %d) fn %zu: %d", in, p, end, f, r);
                    CHECK(s.stop >= p && s.stop <= end + 1, "%s [%d, %d) fn %zu: stop %d", in, p, end, f, s.stop);
                }
                ocp_link_scanner s;
                if (p < end) {
                    (void) ocp_ls_is_label_content(&s, b, p, end - 1);
                }
            }
            free(b);
        }
    }
}

int main(void)
{
    recognizers_accept_reject_and_report_how_far_they_read();
    long_labels();
    label_content();
    skipping_whitespace();
    nul_is_not_a_control_character();
    never_reads_or_answers_past_the_end();
    return check_report("inline_scanner_test");
}
