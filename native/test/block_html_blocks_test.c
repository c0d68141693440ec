/* The seven HTML block start conditions and the end conditions of types 1 to 5 (HtmlBlocksTest.java). */
#include <stdlib.h>

#include "block_test.h"
#include "html_blocks.h"

/* Each line is scanned twice: padded on both sides with bytes that would change the result if a scanner read
 * outside [from, end) (as the Java test does), and alone in a heap block of its exact size, where
 * AddressSanitizer and valgrind catch any read past the end. */
static int start7(const char *line, bool allow7) {
    size_t n = strlen(line);
    uint8_t padded[256];
    memcpy(padded, "<<", 2);
    memcpy(padded + 2, line, n);
    memcpy(padded + 2 + n, "\n>", 2);
    int a = ocp_html_blocks_start_condition(padded, 2, (int32_t) n + 2, allow7);
    uint8_t *exact = malloc(n == 0 ? 1 : n);
    memcpy(exact, line, n);
    int b = ocp_html_blocks_start_condition(exact, 0, (int32_t) n, allow7);
    free(exact);
    return a == b ? a : -100 - b;
}

static int start(const char *line) {
    return start7(line, true);
}

static bool ends(int type, const char *line) {
    size_t n = strlen(line);
    uint8_t padded[256];
    memcpy(padded, "</pre>", 6);
    memcpy(padded + 6, line, n);
    memcpy(padded + 6 + n, "-->", 3);
    bool a = ocp_html_blocks_end_condition(type, padded, 6, (int32_t) n + 6);
    uint8_t *exact = malloc(n == 0 ? 1 : n);
    memcpy(exact, line, n);
    bool b = ocp_html_blocks_end_condition(type, exact, 0, (int32_t) n);
    free(exact);
    CHECK(a == b);
    return a;
}

static void condition1(void) {
    CHECK_INT(1, start("<pre"));
    CHECK_INT(1, start("<PRE class=\"x\">"));
    CHECK_INT(1, start("<script>"));
    CHECK_INT(1, start("<style\tmedia=x"));
    CHECK_INT(1, start("<textarea>"));
    CHECK_INT(0, start7("<pre/>", false));
    CHECK_INT(0, start7("<prefix>", false));
    CHECK_INT(0, start7("</pre>", false));
}

static void conditions2_to_5(void) {
    CHECK_INT(2, start("<!-- x"));
    CHECK_INT(2, start("<!---->"));
    CHECK_INT(3, start("<?php"));
    CHECK_INT(4, start("<!DOCTYPE html>"));
    CHECK_INT(4, start("<!x"));
    CHECK_INT(5, start("<![CDATA[ x"));
    CHECK_INT(0, start7("<!-x", false));
    CHECK_INT(0, start7("<![cdata[", false));
    CHECK_INT(0, start7("<!", false));
    CHECK_INT(0, start7("<", false));
    CHECK_INT(0, start7("", false));
}

static void condition6(void) {
    CHECK_INT(6, start("<div>"));
    CHECK_INT(6, start("<DIV CLASS=\"foo\">"));
    CHECK_INT(6, start("</div>"));
    CHECK_INT(6, start("<h1>"));
    CHECK_INT(6, start("<table"));
    CHECK_INT(6, start("<hr/>"));
    CHECK_INT(6, start("<search\t"));
    CHECK_INT(6, start("<ul unclosed"));
    /* The name must end there. */
    CHECK_INT(0, start7("<divx>", false));
    CHECK_INT(0, start7("<div-x>", false));
    CHECK_INT(0, start7("<h7>", false));
    CHECK_INT(0, start7("<source>", false)); /* dropped from the list in spec 0.31 */
    CHECK_INT(0, start7("<div/ >", false));
}

static void condition7(void) {
    CHECK_INT(7, start("<a>"));
    CHECK_INT(7, start("<custom-tag>  \t"));
    CHECK_INT(7, start("<a href=\"x\" title='y' data-z=w checked>"));
    CHECK_INT(7, start("<a b = c/>"));
    CHECK_INT(7, start("<x :a _b.c-d>"));
    CHECK_INT(7, start("</custom>"));
    CHECK_INT(7, start("</a  >"));
    /* Not while it would interrupt a paragraph. */
    CHECK_INT(0, start7("<a>", false));
    /* Incomplete or malformed tags, or text after the tag. */
    CHECK_INT(0, start("<a"));
    CHECK_INT(0, start("<a href=>"));
    CHECK_INT(0, start("<a href=\"x>"));
    CHECK_INT(0, start("<a b=c`d>"));
    CHECK_INT(0, start("<a\"b>"));
    CHECK_INT(0, start("<a b='c'd>"));
    CHECK_INT(0, start("<a> x"));
    CHECK_INT(0, start("<1a>"));
    CHECK_INT(0, start("</a b>"));
    CHECK_INT(0, start("<a/ >"));
    /* The tag ends exactly at the end of the line, with nothing to read after it. */
    CHECK_INT(0, start("<a href='x'"));
    CHECK_INT(0, start("<a b="));
    CHECK_INT(0, start("</a"));
}

static void non_ascii_bytes(void) {
    /* Bytes of 0x80 and above are never letters, and never a boundary after a name (0xFF included: read
     * unsigned, it is not the "end of line" value -1). */
    CHECK_INT(0, start("<pre\xC3\xA9>"));
    CHECK_INT(0, start("<div\xC3\xA9>"));
    CHECK_INT(0, start("<pre\xFF"));
    CHECK_INT(0, start("<div\xFF"));
    CHECK_INT(0, start("<\xC3\xA9>"));
    CHECK_INT(7, start("<a title=\xC3\xA9>"));
    CHECK(!ends(1, "</pr\xC3\xA9>"));
}

static void end_conditions(void) {
    CHECK(ends(1, "x</PRE>"));
    CHECK(ends(1, "</script>y"));
    CHECK(ends(1, "a</style></textarea>"));
    CHECK(!ends(1, "</pre"));
    CHECK(!ends(1, "</pres>"));
    CHECK(!ends(1, "</ pre>"));
    CHECK(ends(2, "x -->"));
    CHECK(!ends(2, "- ->"));
    CHECK(!ends(2, "--"));
    CHECK(ends(3, "?>"));
    CHECK(!ends(3, "?"));
    CHECK(ends(4, "a>"));
    CHECK(!ends(4, "a"));
    CHECK(ends(5, "]]>"));
    CHECK(!ends(5, "]]"));
    CHECK(!ends(6, "anything"));
    CHECK(!ends(7, "</div>"));
    CHECK(!ends(2, ""));
}

int main(void) {
    condition1();
    conditions2_to_5();
    condition6();
    condition7();
    non_ascii_bytes();
    end_conditions();
    return block_test_finish("block_html_blocks_test");
}
