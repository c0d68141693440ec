/*
 * Each inline construct on the tree: kinds, decoded strings and source spans. The cases of engine-java's
 * InlineParserTest, run through the C port of its InlineHarness (inline_harness.h).
 */
#include "inline_check.h"
#include "inline_harness.h"

/* Checks that markdown dumps as expected (strings are UTF-8). */
#define DUMP_EQ(expected, markdown) dump_eq(__LINE__, expected, markdown, (int32_t) strlen(markdown))
/* The same for markdown holding NUL bytes: give the array, its size minus the terminator is its length. */
#define DUMP_EQ_BYTES(expected, array) dump_eq(__LINE__, expected, array, (int32_t) sizeof(array) - 1)

static void dump_eq(int line, const char *expected, const char *markdown, int32_t length)
{
    harness h;
    ocp_options o = harness_defaults();
    harness_parse_bytes(&h, markdown, length, &o);
    char *got = harness_dump(&h);
    check_count++;
    if (strcmp(expected, got) != 0) {
        check_failures++;
        fprintf(stderr, "%s:%d: dump of \"%s\"\n  expected %s\n  got      %s\n", __FILE__, line, markdown, expected, got);
    }
    free(got);
    harness_free(&h);
}

#define STR_EQ(expected, actual, ...)                                                                              \
    do {                                                                                                           \
        char *str_a_ = (actual);                                                                                   \
        const char *str_e_ = (expected);                                                                           \
        CHECK(str_a_ != NULL && str_e_ != NULL ? strcmp(str_e_, str_a_) == 0 : str_a_ == str_e_,                   \
              "expected \"%s\", got \"%s\": " __VA_ARGS__, str_e_ ? str_e_ : "(null)", str_a_ ? str_a_ : "(null)");  \
        free(str_a_);                                                                                              \
    } while (0)

/* A string of n copies of s (caller frees). */
static char *repeat(const char *s, int n)
{
    size_t l = strlen(s);
    char *r = harness_malloc(l * (size_t) n + 1);
    for (int i = 0; i < n; i++) {
        memcpy(r + l * (size_t) i, s, l);
    }
    r[l * (size_t) n] = 0;
    return r;
}

/* printf into a new string (caller frees). */
static char *format(const char *fmt, ...) OCP_PRINTF(1, 2);
static char *format(const char *fmt, ...)
{
    va_list a;
    va_start(a, fmt);
    int n = vsnprintf(NULL, 0, fmt, a);
    va_end(a);
    char *s = harness_malloc((size_t) n + 1);
    va_start(a, fmt);
    vsnprintf(s, (size_t) n + 1, fmt, a);
    va_end(a);
    return s;
}

/* ---- text ---- */

static void text(void)
{
    harness h;
    harness_parse(&h, "hello world");
    int32_t t = harness_single(&h, OCP_KIND_TEXT);
    STR_EQ("hello world", harness_string(&h, t, 0), "plain text");
    STR_EQ("hello world", harness_span_text(&h, t), "plain text spans its bytes");
    harness_free(&h);

    harness_parse(&h, "\\*not\\* \\a \\\\");
    t = harness_single(&h, OCP_KIND_TEXT);
    STR_EQ("*not* \\a \\", harness_string(&h, t, 0), "escapes decoded");
    STR_EQ("\\*not\\* \\a \\\\", harness_span_text(&h, t), "escapes span their source");
    harness_free(&h);

    DUMP_EQ("text(\"\xC2\xA9 \xC3\x86 \xE2\x89\xA7\xCC\xB8 # \xD3\x92 \xEF\xBF\xBD \" \xE0\xB4\x86 &nbsp &x; &#87654321;\")",
            "&copy; &AElig; &ngE; &#35; &#1234; &#0; &#X22; &#XD06; &nbsp &x; &#87654321;");
    DUMP_EQ("text(\"\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD \xF4\x8F\xBF\xBF\")", "&#xD800; &#x110000; &#0; &#x10FFFF;");
    DUMP_EQ_BYTES("text(\"a\xEF\xBF\xBD" "b \") code(\"\xEF\xBF\xBD\")", "a\0b `\0`");
    DUMP_EQ_BYTES("link<\xEF\xBF\xBD>(text(\"\xEF\xBF\xBD\")) text(\" \") html(\"<!-- \xEF\xBF\xBD -->\")",
                  "[\0](<\0>) <!-- \0 -->");
    DUMP_EQ("text(\"*foo*\")", "&#42;foo&#42;");
    DUMP_EQ("text(\"a ] b ! c < d _ e * f\")", "a ] b ! c < d _ e * f");
}

/* ---- line breaks ---- */

static void line_breaks(void)
{
    harness h;
    harness_parse(&h, "foo \n   bar");
    char *d = harness_dump(&h);
    STR_EQ("text(\"foo\") soft text(\"bar\")", d, "soft break");
    /* The spaces before the line ending go with the break; the next line's indentation with nothing. */
    STR_EQ(" \n", harness_span_text(&h, harness_single(&h, OCP_KIND_SOFT_BREAK)), "soft break span");
    harness_free(&h);

    harness_parse(&h, "foo   \nbar");
    STR_EQ("text(\"foo\") hard text(\"bar\")", harness_dump(&h), "hard break");
    STR_EQ("   \n", harness_span_text(&h, harness_single(&h, OCP_KIND_HARD_BREAK)), "hard break span");
    harness_free(&h);

    harness_parse(&h, "foo\\\nbar");
    STR_EQ("text(\"foo\") hard text(\"bar\")", harness_dump(&h), "backslash hard break");
    STR_EQ("\\\n", harness_span_text(&h, harness_single(&h, OCP_KIND_HARD_BREAK)), "backslash hard break span");
    harness_free(&h);

    DUMP_EQ("text(\"foo\\\")", "foo\\");
    DUMP_EQ("em*(text(\"foo\") hard text(\"bar\"))", "*foo  \nbar*");
    DUMP_EQ("text(\"foo\t\") soft text(\"bar\")", "foo\t\nbar");
}

/* ---- code spans ---- */

static void code_spans(void)
{
    harness h;
    harness_parse(&h, "a `` b ` c `` d");
    int32_t c = harness_single(&h, OCP_KIND_CODE_SPAN);
    STR_EQ("b ` c", harness_string(&h, c, 0), "content");
    STR_EQ("`` b ` c ``", harness_span_text(&h, c), "span");
    harness_free(&h);

    DUMP_EQ("code(\"foo bar   baz\")", "``\nfoo\nbar  \nbaz\n``");
    DUMP_EQ("code(\" `` \")", "`  ``  `");
    DUMP_EQ("code(\"  \")", "`  `");
    DUMP_EQ("code(\" a\")", "` a`");
    DUMP_EQ("code(\"foo\\\") text(\"bar`\")", "`foo\\`bar`");
    DUMP_EQ("code(\"&amp;\")", "`&amp;`");
    DUMP_EQ("text(\"```foo``\")", "```foo``");
    DUMP_EQ("text(\"`foo\") code(\"bar\")", "`foo``bar``");
    DUMP_EQ("text(\"*foo\") code(\"*\")", "*foo`*`");
    DUMP_EQ("text(\"[not a \") code(\"link](/foo\") text(\")\")", "[not a `link](/foo`)");

    /* Long runs match only runs of the same length. */
    char *t100 = repeat("`", 100);
    char *t200 = repeat("`", 200);
    char *t300 = repeat("`", 300);
    char *md = format("%sa %s b%s", t100, t200, t100);
    char *expected = format("code(\"a %s b\")", t200);
    DUMP_EQ(expected, md);
    free(md);
    free(expected);
    md = format("%sx%sy%s %s", t200, t300, t300, t100);
    expected = format("text(\"%sx\") code(\"y\") text(\" %s\")", t200, t100);
    DUMP_EQ(expected, md);
    free(md);
    free(expected);
    /* Many distinct long lengths (the index of long runs grows) and then a late match. */
    sbuf sb = {0};
    sb_str(&sb, t100);
    for (int i = 101; i < 400; i++) {
        char *run = repeat("`", i);
        sb_str(&sb, " ");
        sb_str(&sb, run);
        free(run);
    }
    sb_str(&sb, " z ");
    sb_str(&sb, t100);
    harness_parse(&h, sb.s);
    char *dumped = harness_dump(&h);
    size_t dl = strlen(dumped);
    CHECK(strncmp(dumped, "code(\"", 6) == 0 && dl > 10 && strcmp(dumped + dl - 4, " z\")") == 0,
          "late match after many long lengths: %.40s...", dumped);
    CHECK_EQ(1, harness_nodes(&h, OCP_KIND_CODE_SPAN, &c, 1), "one code span");
    free(dumped);
    harness_free(&h);
    free(sb.s);
    /* The same lengths in a second paragraph: the generation stamp forgets the first paragraph's runs. */
    md = format("%sa\n\n%s b %s", t200, t100, t200);
    expected = format("text(\"%sa\") | text(\"%s b %s\")", t200, t100, t200);
    DUMP_EQ(expected, md);
    free(md);
    free(expected);
    free(t100);
    free(t200);
    free(t300);
}

/* ---- emphasis ---- */

static void emphasis(void)
{
    DUMP_EQ("em*(text(\"a\")) text(\" \") em_(text(\"b\")) text(\" \") strong*(text(\"c\")) text(\" \") strong_(text(\"d\"))",
            "*a* _b_ **c** __d__");

    harness h;
    harness_parse(&h, "x ***a** b* y");
    STR_EQ("text(\"x \") em*(strong*(text(\"a\")) text(\" b\")) text(\" y\")", harness_dump(&h), "nested");
    STR_EQ("***a** b*", harness_span_text(&h, harness_single(&h, OCP_KIND_EMPHASIS)), "em span");
    STR_EQ("**a**", harness_span_text(&h, harness_single(&h, OCP_KIND_STRONG)), "strong span");
    harness_free(&h);

    harness_parse(&h, "**foo*");
    STR_EQ("text(\"*\") em*(text(\"foo\"))", harness_dump(&h), "leftover");
    int32_t first = ocp_tree_first_child(&h.tree, h.paragraphs[0]);
    STR_EQ("*", harness_span_text(&h, first), "leftover delimiter span");
    CHECK_EQ(0, ocp_tree_span_start(&h.tree, first), "leftover starts the paragraph");
    STR_EQ("*foo*", harness_span_text(&h, harness_single(&h, OCP_KIND_EMPHASIS)), "em span");
    harness_free(&h);

    DUMP_EQ("text(\"foo_bar_baz\")", "foo_bar_baz");
    DUMP_EQ("text(\"foo\") em*(text(\"bar\")) text(\"baz\")", "foo*bar*baz");
    DUMP_EQ("em*(text(\"foo**bar\"))", "*foo**bar*");
    DUMP_EQ("em*(text(\"foo\") strong*(text(\"bar\")) text(\"baz\"))", "*foo**bar**baz*");
    DUMP_EQ("strong*(text(\"foo\")) text(\"*\")", "**foo***");
    /* '£' (Sc) is punctuation since 0.31; U+00A0 is Unicode whitespace. */
    DUMP_EQ("text(\"a*\xC2\xA3*b\")", "a*\xC2\xA3*b");
    DUMP_EQ("text(\"a \") em*(text(\"\xC2\xA3\")) text(\" b\")", "a *\xC2\xA3* b");
    DUMP_EQ("text(\"*\xC2\xA0" "a*\")", "*\xC2\xA0" "a*");
    DUMP_EQ("em*(text(\"foo \") em*(text(\"bar\")) text(\" baz\"))", "*foo *bar* baz*");
    DUMP_EQ("strong*(strong*(text(\"foo\")))", "****foo****");
    DUMP_EQ("text(\"(\") em_(text(\"a\")) text(\")\")", "(_a_)");
    /* Malformed UTF-8 next to a run is a character of no class. */
    DUMP_EQ("text(\"\xFF\") em*(text(\"a\")) text(\"\xC3\")", "\xFF*a*\xC3");
}

/* ---- links ---- */

static void links(void)
{
    harness h;
    harness_parse(&h, "go [to *it*](/a\\*b&amp;c \"t\\\"&quot;\") now");
    int32_t link = harness_single(&h, OCP_KIND_LINK);
    STR_EQ("/a*b&c", harness_string(&h, link, 0), "destination");
    STR_EQ("t\"\"", harness_string(&h, link, 1), "title");
    CHECK_EQ(0, ocp_tree_flags(&h.tree, link), "no flags");
    STR_EQ("[to *it*](/a\\*b&amp;c \"t\\\"&quot;\")", harness_span_text(&h, link), "span");
    STR_EQ("text(\"go \") link</a*b&c \"t\"\"\">(text(\"to \") em*(text(\"it\"))) text(\" now\")", harness_dump(&h), "tree");
    harness_free(&h);

    DUMP_EQ("link<\xC3\xA4 b>(text(\"x\"))", "[x](<\xC3\xA4 b>)");
    DUMP_EQ("link<>(text(\"a\"))", "[a]()");
    DUMP_EQ("link<>(text(\"a\"))", "[a](<>)");
    DUMP_EQ("link<b)c>(text(\"a\"))", "[a](<b)c>)");
    harness_parse(&h, "[a](/u)");
    STR_EQ(NULL, harness_string(&h, harness_single(&h, OCP_KIND_LINK), 1), "no title");
    harness_free(&h);
    DUMP_EQ("link</u \"1\">(text(\"a\")) text(\" \") link</u \"2\">(text(\"b\")) text(\" \") link</u \"3\">(text(\"c\"))",
            "[a](/u \"1\") [b](/u '2') [c](/u (3))");
    DUMP_EQ("link</u \"t\">(text(\"a\"))", "[a](\n/u\n\"t\"\n)");
    DUMP_EQ("link<(foo(and(bar)))>(text(\"link\"))", "[link]((foo(and(bar))))");
    DUMP_EQ("text(\"[link](foo(and(bar))\")", "[link](foo(and(bar))");

    char *open32 = repeat("(", 32);
    char *close32 = repeat(")", 32);
    char *md = format("[a](%s%s)", open32, close32);
    char *expected = format("link<%s%s>(text(\"a\"))", open32, close32);
    DUMP_EQ(expected, md);
    free(md);
    free(expected);
    md = format("[a]((%s%s))", open32, close32);
    expected = format("text(\"%s\")", md);
    DUMP_EQ(expected, md);
    free(md);
    free(expected);
    free(open32);
    free(close32);

    DUMP_EQ("text(\"[foo \") link</uri>(text(\"bar\")) text(\"](/uri)\")", "[foo [bar](/uri)](/uri)");
    DUMP_EQ("text(\"[[[a]]] \") link</u>(text(\"b\"))", "[[[a]]] [b](/u)");
    DUMP_EQ("image</i>(text(\"a \") link</l>(text(\"b\")) text(\" c\"))", "![a [b](/l) c](/i)");

    harness_parse(&h, "x ![i](/a) [l][r]\n\n[r]: /b");
    STR_EQ("![i](/a)", harness_span_text(&h, harness_single(&h, OCP_KIND_IMAGE)), "image span");
    STR_EQ("[l][r]", harness_span_text(&h, harness_single(&h, OCP_KIND_LINK)), "reference link span");
    harness_free(&h);

    const char *defs = "\n\n[foo]: /f \"T\"\n[b a r]: /b";
    const char *forms[][2] = {
        {"[x][foo]", "link</f \"T\">(text(\"x\")) | def(foo -> /f \"T\") | def(b a r -> /b)"},
        {"[Foo][]", "link</f \"T\">(text(\"Foo\")) | def(foo -> /f \"T\") | def(b a r -> /b)"},
        {"[FOO]", "link</f \"T\">(text(\"FOO\")) | def(foo -> /f \"T\") | def(b a r -> /b)"},
        {"[B\n  A   r]", "link</b>(text(\"B\") soft text(\"A   r\")) | def(foo -> /f \"T\") | def(b a r -> /b)"},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        md = format("%s%s", forms[i][0], defs);
        DUMP_EQ(forms[i][1], md);
        free(md);
    }
    DUMP_EQ("text(\"[foo]\") link</b>(text(\"bar\")) | def(baz -> /b)", "[foo][bar][baz]\n\n[baz]: /b");
    DUMP_EQ("text(\"[foo][nope]\") | def(foo -> /f)", "[foo][nope]\n\n[foo]: /f");
    DUMP_EQ("link</f>(text(\"foo\")) text(\"[ ]\") | def(foo -> /f)", "[foo][ ]\n\n[foo]: /f");
    DUMP_EQ("link</u>(text(\"\xE1\xBA\x9E\")) | def(SS -> /u)", "[\xE1\xBA\x9E]\n\n[SS]: /u");
    DUMP_EQ("link</\xCF\x86>(text(\"\xCE\xB1\xCE\xB3\xCF\x89\")) | def(\xCE\x91\xCE\x93\xCE\xA9 -> /\xCF\x86)",
            "[\xCE\xB1\xCE\xB3\xCF\x89]\n\n[\xCE\x91\xCE\x93\xCE\xA9]: /\xCF\x86");
    /* The first definition of a label wins; a definition's title may be on the next line. */
    DUMP_EQ("link</1 \"t\">(text(\"a\")) | def(a -> /1 \"t\") | def(A -> /2)", "[a]\n\n[a]: /1\n't'\n[A]: /2");

    char *a999 = repeat("a", 999);
    md = format("[%s]\n\n[%s]: /u", a999, a999);
    expected = format("link</u>(text(\"%s\")) | def(%s -> /u)", a999, a999);
    DUMP_EQ(expected, md);
    free(md);
    free(expected);
    free(a999);
    char *a1000 = repeat("a", 1000);
    md = format("[%s]\n\n[%s]: /u", a1000, a1000);
    expected = format("text(\"[%s]\") | text(\"[%s]: /u\")", a1000, a1000);
    DUMP_EQ(expected, md);
    free(md);
    free(expected);
    free(a1000);
}

/* ---- many references: the map's table and pools grow ---- */

static void many_definitions(void)
{
    sbuf md = {0};
    sbuf expected = {0};
    for (int i = 0; i < 300; i++) {
        char line[128];
        snprintf(line, sizeof line, "[L%d] ", i);
        sb_str(&md, line);
        snprintf(line, sizeof line, "%slink</u%d>(text(\"L%d\"))", i ? " text(\" \") " : "", i, i);
        sb_str(&expected, line);
    }
    sb_str(&md, "\n");
    for (int i = 0; i < 300; i++) {
        char line[128];
        snprintf(line, sizeof line, "\n[l%d]: /u%d", i, i);
        sb_str(&md, line);
    }
    for (int i = 0; i < 300; i++) {
        char line[128];
        snprintf(line, sizeof line, " | def(l%d -> /u%d)", i, i);
        sb_str(&expected, line);
    }
    DUMP_EQ(expected.s, md.s);
    free(md.s);
    free(expected.s);
}

/* ---- autolinks ---- */

static void autolinks(void)
{
    harness h;
    harness_parse(&h, "a <https://x.y/?q=\\*&amp;> b");
    int32_t link = harness_single(&h, OCP_KIND_LINK);
    CHECK_EQ(OCP_FLAG_LINK_AUTOLINK, ocp_tree_flags(&h.tree, link), "autolink flag");
    STR_EQ("https://x.y/?q=\\*&amp;", harness_string(&h, link, 0), "raw destination");
    STR_EQ("<https://x.y/?q=\\*&amp;>", harness_span_text(&h, link), "span");
    STR_EQ("https://x.y/?q=\\*&amp;", harness_span_text(&h, ocp_tree_first_child(&h.tree, link)), "text span");
    STR_EQ("text(\"a \") link[auto]<https://x.y/?q=\\*&amp;>(text(\"https://x.y/?q=\\*&amp;\")) text(\" b\")",
           harness_dump(&h), "tree");
    harness_free(&h);

    DUMP_EQ("link[auto]<mailto:foo+special@Bar.baz-bar0.com>(text(\"foo+special@Bar.baz-bar0.com\"))",
            "<foo+special@Bar.baz-bar0.com>");
    DUMP_EQ("text(\"<https://foo.bar/baz bim>\")", "<https://foo.bar/baz bim>");
    DUMP_EQ("text(\"<m:abc> <foo.bar.baz> <foo@bar-.com>\")", "<m:abc> <foo.bar.baz> <foo@bar-.com>");
    DUMP_EQ("text(\"<foo+@bar.example.com>\")", "<foo\\+@bar.example.com>");
    DUMP_EQ("link[auto]<mailto:a+@b.c>(text(\"a+@b.c\"))", "<a+@b.c>");
}

/* ---- raw HTML ---- */

static void raw_html(void)
{
    harness h;
    harness_parse(&h, "a <b c=\"d\n e\" f/> <!-- x -- y --> <?p?> <!DOCTYPE x> <![CDATA[<>]]> </b >");
    STR_EQ("<b c=\"d\n e\" f/>|<!-- x -- y -->|<?p?>|<!DOCTYPE x>|<![CDATA[<>]]>|</b >",
           harness_spans(&h, OCP_KIND_HTML_INLINE), "spans");
    int32_t first;
    harness_nodes(&h, OCP_KIND_HTML_INLINE, &first, 1);
    STR_EQ("<b c=\"d\ne\" f/>", harness_string(&h, first, 0), "content lines lose their indentation");
    harness_free(&h);

    DUMP_EQ("html(\"<!-->\") text(\" \") html(\"<!--->\")", "<!--> <!--->");
    DUMP_EQ("text(\"<33> <__> <a h*#ref=\"hi\"> <a href='bar'title=title> </a href=\"foo\">\")",
            "<33> <__> <a h*#ref=\"hi\"> <a href='bar'title=title> </a href=\"foo\">");
    DUMP_EQ("text(\"[foo \") html(\"<bar attr=\"](baz)\">\")", "[foo <bar attr=\"](baz)\">");
    /* Terminators are remembered: later constructs of a kind reuse the answer, found or not. */
    DUMP_EQ("html(\"<!-- a -->\") text(\" <!-- b <? c \") html(\"<!X y>\") text(\" <![CDATA[\")",
            "<!-- a --> <!-- b <? c <!X y> <![CDATA[ ");
    DUMP_EQ("html(\"<?a?>\") text(\" \") html(\"<?b?>\") text(\" \") html(\"<![CDATA[x]]>\") text(\" \") html(\"<!A>\")",
            "<?a?> <?b?> <![CDATA[x]]> <!A>");
}

/* ---- NUL is U+FFFD everywhere; a code span after another finds its closer (DifferentialFindingsTest) ---- */

static void nul_is_the_replacement_character_everywhere(void)
{
    DUMP_EQ_BYTES("link<\xEF\xBF\xBD>()", "[](\0)");
    DUMP_EQ_BYTES("def(x -> a\xEF\xBF\xBD" "b) | link<a\xEF\xBF\xBD" "b>(text(\"x\"))", "[x]: a\0b\n\n[x]");
    DUMP_EQ_BYTES("def(x -> \xEF\xBF\xBD)", "[x]:\0");
    DUMP_EQ_BYTES("link[auto]<mx:\xEF\xBF\xBD>(text(\"mx:\xEF\xBF\xBD\"))", "<mx:\0>");
    DUMP_EQ_BYTES("text(\"\xEF\xBF\xBD\") em*(text(\">\"))", "\0*>*");
    DUMP_EQ_BYTES("text(\"\xEF\xBF\xBD\") strong*(text(\"\xE3\x80\x82\"))", "\0**\xE3\x80\x82**");
    DUMP_EQ_BYTES("text(\"*\xEF\xBF\xBD*b\")", "*\0*b");
    DUMP_EQ_BYTES("def(\xEF\xBF\xBD -> /u) | link</u>(text(\"\xEF\xBF\xBD\"))", "[\xEF\xBF\xBD]: /u\n\n[\0]");
    DUMP_EQ_BYTES("def(\xEF\xBF\xBD -> /u) | link</u>(text(\"\xEF\xBF\xBD\"))", "[\0]: /u\n\n[\xEF\xBF\xBD]");
}

static void a_code_span_after_another_finds_its_closer(void)
{
    DUMP_EQ("text(\"``*\") code(\";\") text(\"x\") code(\">\")", "``*`;`x`>`");
    DUMP_EQ("text(\"`` \") code(\" \") text(\" \") code(\" \")", "`` ` ` ` `");
    /* The same with runs past the dense index (64 and more): the hash table keeps the last position too. */
    char *run70 = repeat("`", 70);
    char *run69 = repeat("`", 69);
    char *md = format("%sx%sa%sb%sc%s", run70, run69, run69, run69, run69);
    char *expected = format("text(\"%sx\") code(\"a\") text(\"b\") code(\"c\")", run70);
    DUMP_EQ(expected, md);
    free(md);
    free(expected);
    free(run70);
    free(run69);
}

int main(void)
{
    text();
    line_breaks();
    code_spans();
    emphasis();
    links();
    many_definitions();
    autolinks();
    raw_html();
    nul_is_the_replacement_character_everywhere();
    a_code_span_after_another_finds_its_closer();
    return check_report("inline_parser_test");
}
