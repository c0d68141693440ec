/*
 * The generated tables and their lookups (char_classes.c, entities.c) against their source, engine-java's
 * unicode.txt and entities.txt, and the cases of engine-java's InlineCharClassesTest and EntityTest.
 */
#include "char_classes.h"
#include "entities.h"
#include "inline_parser.h"
#include "ocp_tables.h"

#include "inline_check.h"

/* ---- ASCII classes ---- */

static void ascii_flags_match_their_definitions(void)
{
    const char *punct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    for (int c = 0; c < 256; c++) {
        uint8_t b = (uint8_t) c;
        int is_punct = c > 0 && c < 128 && strchr(punct, c) != NULL;
        int is_space = c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
        int is_letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        int is_digit = c >= '0' && c <= '9';
        CHECK_EQ(is_punct, ocp_cc_is_ascii_punct(b), "punct %d", c);
        CHECK_EQ(is_letter, ocp_cc_is_letter(b), "letter %d", c);
        CHECK_EQ(is_digit, ocp_cc_is_digit(b), "digit %d", c);
        CHECK_EQ(is_letter || is_digit, ocp_cc_is_alnum(b), "alnum %d", c);
        CHECK_EQ(is_space, (ocp_cc_flags(b) & OCP_CC_ASCII_SPACE) != 0, "space %d", c);
        if (c < 128) {
            CHECK_EQ(is_punct, ocp_cc_is_punctuation(c), "unicode punct %d", c);
            CHECK_EQ(is_space, ocp_cc_is_whitespace(c), "unicode space %d", c);
        }
    }
}

/* ---- Unicode classes (InlineCharClassesTest) ---- */

static void whitespace_is_zs_plus_tab_line_feed_form_feed_carriage_return(void)
{
    int32_t yes[] = {' ', '\t', '\n', '\f', '\r', 0xA0, 0x1680, 0x2000, 0x200A, 0x202F, 0x205F, 0x3000};
    int32_t no[] = {0x0B, 'a', 0x85, 0x200B, 0x2028, 0xFEFF, -1, 0x110000};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        CHECK(ocp_cc_is_whitespace(yes[i]), "%X", (unsigned) yes[i]);
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        CHECK(!ocp_cc_is_whitespace(no[i]), "%X", (unsigned) no[i]);
    }
}

static void punctuation_is_categories_p_and_s(void)
{
    /* P: ¡ « » ‐ — 、 ; S: £ € ± ° © ⌘ and an emoji (So, outside the BMP). */
    int32_t yes[] = {0xA1, 0xAB, 0xBB, 0x2010, 0x2014, 0x3001, 0xA3, 0x20AC, 0xB1, 0xB0, 0xA9, 0x2318, 0x1F600};
    int32_t no[] = {'a', 0xE9, 0x3B1, 0x4E00, 0xA0, 0x300, -1, 0x110000};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        CHECK(ocp_cc_is_punctuation(yes[i]), "%X", (unsigned) yes[i]);
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        CHECK(!ocp_cc_is_punctuation(no[i]), "%X", (unsigned) no[i]);
    }
}

/* Every code point's classes and folding agree with a direct reading of unicode.txt. */
static void unicode_tables_match_unicode_txt(void)
{
    uint8_t *cls = calloc(0x110000, 1); /* bit 1 space, 2 punct, 4 has folding, 8 XID_Start, 16 XID_Continue */
    int32_t *fold_of = calloc(0x110000, sizeof(int32_t) * 3);
    uint8_t *fold_n = calloc(0x110000, 1);
    if (!cls || !fold_of || !fold_n) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    FILE *f = open_resource("unicode.txt");
    char line[512];
    int ranges = 0;
    int folds = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n') {
            continue;
        }
        if (line[0] == 'F') {
            char *rest;
            long key = strtol(line + 2, &rest, 16);
            int n = 0;
            while (*rest == '\t' || *rest == ' ') {
                long cp = strtol(rest + 1, &rest, 16);
                if (n < 3) {
                    fold_of[key * 3 + n] = (int32_t) cp;
                }
                n++;
            }
            fold_n[key] = (uint8_t) n;
            cls[key] |= 4;
            folds++;
        } else {
            char *rest;
            long first = strtol(line + 2, &rest, 16);
            long last = strtol(rest, NULL, 16);
            for (long cp = first; cp <= last; cp++) {
                cls[cp] |= line[0] == 'Z' ? 1 : line[0] == 'I' ? 8 : line[0] == 'C' ? 16 : 2;
            }
            ranges++;
        }
    }
    fclose(f);
    CHECK(ranges > 300 && folds > 1400, "unicode.txt read: %d ranges, %d foldings", ranges, folds);
    int mismatches = 0;
    for (int32_t cp = 0; cp < 0x110000 && mismatches < 10; cp++) {
        int space = cp < 128 ? (ocp_cc_flags((uint8_t) cp) & OCP_CC_ASCII_SPACE) != 0 : (cls[cp] & 1) != 0;
        int punct = cp < 128 ? ocp_cc_is_ascii_punct((uint8_t) cp) : (cls[cp] & 2) != 0;
        int ok = ocp_cc_is_whitespace(cp) == space && ocp_cc_is_punctuation(cp) == punct
                 && ocp_cc_is_id_start(cp) == ((cls[cp] & 8) != 0) && ocp_cc_is_id_continue(cp) == ((cls[cp] & 16) != 0);
        int32_t fi = ocp_cc_fold_index(cp);
        if ((cls[cp] & 4) && cp >= 'A') {
            ok = ok && fi >= 0 && ocp_cc_fold_length(fi) == fold_n[cp];
            for (int k = 0; ok && k < fold_n[cp]; k++) {
                ok = ocp_cc_fold_at(fi, k) == fold_of[cp * 3 + k];
            }
        } else {
            ok = ok && fi < 0;
        }
        if (!ok) {
            mismatches++;
        }
        CHECK(ok, "code point %X", (unsigned) cp);
    }
    free(cls);
    free(fold_of);
    free(fold_n);
}

/* ---- UTF-8 ---- */

static void decoding_utf8_and_rejecting_malformed_sequences(void)
{
    const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"; /* aé€😀 */
    int32_t n = (int32_t) strlen(s);
    uint8_t *b = exact_copy(s, (size_t) n);
    CHECK_EQ('a', ocp_cc_decode(b, 0, n), "ascii");
    CHECK_EQ(0xE9, ocp_cc_decode(b, 1, n), "two bytes");
    CHECK_EQ(0x20AC, ocp_cc_decode(b, 3, n), "three bytes");
    CHECK_EQ(0x1F600, ocp_cc_decode(b, 6, n), "four bytes");
    CHECK_EQ(0x1F600, ocp_cc_decode_before(b, 0, n), "before the end");
    CHECK_EQ(0x20AC, ocp_cc_decode_before(b, 0, 6), "before the emoji");
    CHECK_EQ(0xE9, ocp_cc_decode_before(b, 0, 3), "before the euro sign");
    CHECK_EQ(-1, ocp_cc_decode(b, 2, n), "a continuation byte alone");
    CHECK_EQ(-1, ocp_cc_decode(b, 6, 8), "truncated");
    CHECK_EQ(-1, ocp_cc_decode_before(b, 4, 6), "the start of the sequence lies before start");
    CHECK_EQ(1, ocp_cc_sequence_length(b, 0, n), "ascii length");
    CHECK_EQ(2, ocp_cc_sequence_length(b, 1, n), "two");
    CHECK_EQ(3, ocp_cc_sequence_length(b, 3, n), "three");
    CHECK_EQ(4, ocp_cc_sequence_length(b, 6, n), "four");
    CHECK_EQ(1, ocp_cc_sequence_length(b, 6, 9), "truncated is one");
    free(b);
    const uint8_t bad_src[] = {0xC0, 0x80, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xE2, 0x82};
    uint8_t *bad = exact_copy(bad_src, sizeof bad_src);
    int32_t m = (int32_t) sizeof bad_src;
    CHECK_EQ(-1, ocp_cc_decode(bad, 0, m), "overlong");
    CHECK_EQ(-1, ocp_cc_decode(bad, 2, m), "surrogate");
    CHECK_EQ(-1, ocp_cc_decode(bad, 5, m), "above U+10FFFF");
    CHECK_EQ(-1, ocp_cc_decode(bad, 9, m), "cut off by the end of the buffer");
    CHECK_EQ(-1, ocp_cc_decode_before(bad, 0, 2), "overlong before");
    CHECK_EQ(-1, ocp_cc_decode_before(bad, 0, m), "cut off before the end");
    CHECK_EQ(1, ocp_cc_sequence_length(bad, 0, m), "overlong length");
    free(bad);
}

/* ---- entities (EntityTest) ---- */

/* The value of the reference at the start of s written into out (capacity 16); its length, or -1 if s has
 * none there. Checks the reported length against the position of the first ';'. */
static int decode_reference(const char *s, uint8_t *out)
{
    int32_t n = (int32_t) strlen(s);
    uint8_t *b = exact_copy(s, (size_t) n);
    uint64_t ref = ocp_entities_scan(b, 0, n);
    free(b);
    if (ref == 0) {
        return -1;
    }
    CHECK_EQ(strchr(s, ';') - s + 1, ocp_entities_ref_length(ref), "length of %s", s);
    uint32_t v = (uint32_t) ref;
    if (v & 0x80000000u) {
        int32_t len;
        const uint8_t *value = ocp_entities_value((int32_t) ~v, &len);
        if (len > 16) {
            return -1;
        }
        memcpy(out, value, (size_t) len);
        return len;
    }
    /* A numeric reference: the code point, encoded here. */
    int len = 0;
    if (v < 0x80) {
        out[len++] = (uint8_t) v;
    } else if (v < 0x800) {
        out[len++] = (uint8_t) (0xC0 | v >> 6);
        out[len++] = (uint8_t) (0x80 | (v & 0x3F));
    } else if (v < 0x10000) {
        out[len++] = (uint8_t) (0xE0 | v >> 12);
        out[len++] = (uint8_t) (0x80 | (v >> 6 & 0x3F));
        out[len++] = (uint8_t) (0x80 | (v & 0x3F));
    } else {
        out[len++] = (uint8_t) (0xF0 | v >> 18);
        out[len++] = (uint8_t) (0x80 | (v >> 12 & 0x3F));
        out[len++] = (uint8_t) (0x80 | (v >> 6 & 0x3F));
        out[len++] = (uint8_t) (0x80 | (v & 0x3F));
    }
    return len;
}

static void check_decodes(const char *s, const char *expected)
{
    uint8_t out[16];
    int len = decode_reference(s, out);
    CHECK(len == (int) strlen(expected) && memcmp(out, expected, strlen(expected)) == 0, "%s", s);
}

static void every_entry_of_the_resource_is_found_with_its_value(void)
{
    FILE *f = open_resource("entities.txt");
    char line[512];
    int count = 0;
    CHECK(fgets(line, sizeof line, f) && strncmp(line, "# WHATWG HTML named character references", 40) == 0,
          "header");
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (tab == NULL) {
            continue;
        }
        char ref[64];
        snprintf(ref, sizeof ref, "&%.*s;", (int) (tab - line), line);
        /* The expected value: the code points of the line in UTF-8. */
        char expected[17];
        int len = 0;
        char *rest = tab;
        while (*rest == '\t' || *rest == ' ') {
            unsigned long v = strtoul(rest + 1, &rest, 16);
            if (v < 0x80) {
                expected[len++] = (char) v;
            } else if (v < 0x800) {
                expected[len++] = (char) (0xC0 | v >> 6);
                expected[len++] = (char) (0x80 | (v & 0x3F));
            } else if (v < 0x10000) {
                expected[len++] = (char) (0xE0 | v >> 12);
                expected[len++] = (char) (0x80 | (v >> 6 & 0x3F));
                expected[len++] = (char) (0x80 | (v & 0x3F));
            } else {
                expected[len++] = (char) (0xF0 | v >> 18);
                expected[len++] = (char) (0x80 | (v >> 12 & 0x3F));
                expected[len++] = (char) (0x80 | (v >> 6 & 0x3F));
                expected[len++] = (char) (0x80 | (v & 0x3F));
            }
        }
        expected[len] = 0;
        check_decodes(ref, expected);
        int32_t name_len = (int32_t) (tab - line);
        uint8_t *name = exact_copy(line, (size_t) name_len);
        CHECK_EQ(count, ocp_entities_lookup(name, 0, name_len), "entity %d is looked up by its name", count);
        free(name);
        count++;
    }
    fclose(f);
    CHECK_EQ(2125, count, "HTML5 names that end in ';'");
    CHECK_EQ(count, ocp_entity_count, "the generated table has every entity");
}

static void named_references(void)
{
    check_decodes("&nbsp;", "\xC2\xA0");
    check_decodes("&amp;", "&");
    check_decodes("&ClockwiseContourIntegral;", "\xE2\x88\xB2");
    check_decodes("&ngE;", "\xE2\x89\xA7\xCC\xB8");
    check_decodes("&CounterClockwiseContourIntegral;", "\xE2\x88\xB3"); /* the longest name (31 characters) */
}

static void not_references(void)
{
    const char *cases[] = {"&nbsp", "&copy", "&x;", "&#;", "&#x;", "&MadeUpEntity;", "&hi?;", "&", "&;", "&AMP",
                           "&amp ;", "&#87654321;", "&#abcdef0;", "&#x1234567;",
                           "&aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;", "&#", "&#x", "&#12", "&amp"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t out[16];
        CHECK_EQ(-1, decode_reference(cases[i], out), "%s", cases[i]);
    }
}

static void numeric_references(void)
{
    check_decodes("&#35;", "#");
    check_decodes("&#1234;", "\xD3\x92");
    check_decodes("&#X22;", "\"");
    check_decodes("&#xcab;", "\xE0\xB2\xAB");
    check_decodes("&#1114111;", "\xF4\x8F\xBF\xBF");
    check_decodes("&#x10FFFF;", "\xF4\x8F\xBF\xBF");
    check_decodes("&#0000233;", "\xC3\xA9"); /* seven digits with leading zeros */
}

static void invalid_and_zero_code_points_become_replacement_character(void)
{
    const char *cases[] = {"&#0;", "&#x0;", "&#xD800;", "&#57343;", "&#x110000;", "&#9999999;"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        check_decodes(cases[i], "\xEF\xBF\xBD");
    }
}

/* ---- the inline parser's special bytes, and the nibble tables its SSSE3 scan classifies them by ---- */

/* Whether the two tables classify exactly the bytes of row. */
static int nibbles_classify(const bool *row, const uint8_t *low, const uint8_t *high, const char *what)
{
    int wrong = 0;
    for (int b = 0; b < 256; b++) {
        if (((low[b & 15] & high[b >> 4]) != 0) != row[b]) {
            wrong++;
        }
    }
    CHECK_EQ(0, wrong, "%s: bytes the nibble tables classify wrongly", what);
    return wrong == 0;
}

/* Every row (GFM 1, math 2, MDX 4, directives 8): the bytes the main loop must stop at, and nothing else; and its
 * nibble tables exact for all 256 bytes. The byte diff parses only some rows (CommonMark, GFM, GFM with math, MDX with
 * all). */
static void special_rows_and_their_nibble_tables(void)
{
    const char *base = "\n\\`*_[]!<&";
    for (int r = 0; r < 16; r++) {
        const bool *row = ocp_inline_special_row(r);
        int wrong = 0;
        for (int b = 0; b < 256; b++) {
            bool expected = b == 0 || strchr(base, b) != NULL || ((r & 1) != 0 && strchr("~wW:@", b) != NULL)
                            || ((r & 2) != 0 && b == '$') || ((r & 4) != 0 && b == '{') || ((r & 8) != 0 && b == ':');
            if (row[b] != expected) {
                wrong++;
            }
        }
        CHECK_EQ(0, wrong, "row %d: bytes special or not against the row's extensions", r);
        uint8_t low[16], high[16];
        char what[16];
        snprintf(what, sizeof what, "row %d", r);
        CHECK(ocp_inline_nibble_tables(row, low, high), "row %d has tables", r);
        nibbles_classify(row, low, high, what);
    }
    /* Eight high nibbles is the most two tables of eight bits tell apart; a ninth makes them unusable. */
    bool row[256] = {false};
    for (int h = 0; h < 8; h++) {
        row[h * 16 + h] = true;
        row[h * 16 + 15] = true;
    }
    uint8_t low[16], high[16];
    CHECK(ocp_inline_nibble_tables(row, low, high), "eight high nibbles");
    nibbles_classify(row, low, high, "eight high nibbles");
    row[0xF7] = true;
    CHECK(!ocp_inline_nibble_tables(row, low, high), "nine high nibbles are refused");
}

int main(void)
{
    ascii_flags_match_their_definitions();
    whitespace_is_zs_plus_tab_line_feed_form_feed_carriage_return();
    punctuation_is_categories_p_and_s();
    unicode_tables_match_unicode_txt();
    decoding_utf8_and_rejecting_malformed_sequences();
    every_entry_of_the_resource_is_found_with_its_value();
    named_references();
    not_references();
    numeric_references();
    invalid_and_zero_code_points_become_replacement_character();
    special_rows_and_their_nibble_tables();
    return check_report("inline_tables_test");
}
