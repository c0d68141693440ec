/*
 * The CommonMark 0.31.2 inline parser (spec section 6) and link reference definitions (section 4.7): a port
 * of InlineParser.java, function by function (the class comment there explains the design). This file holds the
 * parser's state, its lifecycle and the main loop; each construct is a file of inline/ (named as engine-java's
 * inline/ classes) included at the end, so that the parser stays one compilation unit.
 *
 * One parser serves one parse: it holds the document's reference map, and its work arrays (the
 * delimiter and bracket stacks, the backtick index) are reused from one block's content to the next.
 *
 * Every construct is recognized in time linear in the input: backtick runs are indexed per run length (a hash
 * table for long runs), the bracket stack deactivates earlier links by moving one index (inactive_below),
 * process emphasis keeps openers_bottom per delimiter kind, link destinations nest parentheses at most
 * OCP_LS_MAX_DESTINATION_PARENS deep, and raw HTML remembers where each kind of terminator was. The work
 * counter adds up the bytes and stack entries examined, including every rescan, exactly as the Java one does.
 *
 * With OCP_EXTENSION_GFM the parser also reads GitHub's inline extensions (strikethrough, autolink literals,
 * footnote references), as InlineParser.java documents; with OCP_FLAVOR_MICROMARK too, its autolink literals as
 * micromark finds them (micromark_literal), with the same work counted.
 *
 * Memory: all of it is working memory of the tree's parse context (ocp_mem_*, ocp_grow); failures (limits,
 * memory) leave through ocp_fail. Nothing is read outside [off, off + len) of the content buffer, and
 * nothing recurses.
 */
#include <stdbool.h>
#include <string.h>

#include "char_classes.h"
/* ocp_content_map_after_line_ending (SourceMap.afterLineEnding); the rest of the map stays opaque here. */
#include "content_map.h"
#include "entities.h"
#include "inline_parser.h"
#include "link_scanner.h"
#include "mdx.h"
#include "ocp_internal.h"
#include "reference_map.h"

#define CAN_OPEN 1
#define CAN_CLOSE 2

/* Terminators searched for by raw HTML constructs (index into the find cache). */
#define FIND_COMMENT 0
#define FIND_PI 1
#define FIND_CDATA 2
#define FIND_DECLARATION 3

/* How many bytes the main loop stops at (SPECIAL below) in the base set, and the most with every extension. */
#define BASE_SPECIALS 11
#define MAX_SPECIALS 18

/* Short backtick run lengths index an array; longer ones go to an open-addressing table. */
#define DENSE_TICKS 64

/* A delimiter run on the stack (emphasis), and a bracket ([ or ![): one record each rather than an array per
 * field (InlineParser's layout), so that each stack is one allocation of the parse. */
typedef struct delimiter {
    int32_t node;
    int32_t start, end; /* remaining characters: [start, end) */
    int32_t orig;       /* length of the whole run (for the rule of 3) */
    int32_t prev, next;
    uint8_t ch, flags;
} delimiter;

typedef struct bracket {
    int32_t node, pos, prev_delim;
    uint8_t image;
} bracket;

struct jsx_open {
    int32_t node, start, open_index;
};

struct jsx_closing {
    int32_t marker, open_index, parent;
};

/* The stacks a directive's label is parsed with, apart from the content around it (parse_nested). */
typedef struct inline_stacks {
    delimiter *delims;
    int32_t delim_capacity;
    bracket *brackets;
    int32_t bracket_capacity;
    struct jsx_open *jsx;
    int32_t jsx_capacity;
    int32_t *jsx_open_node;
    int32_t jsx_open_capacity;
    struct jsx_closing *jsx_closing;
    int32_t jsx_closed_capacity;
} inline_stacks;

/* How deep directive labels nest parses: a label in a label needs one of the outer label's brackets, which nest at
 * most 32 deep (LABEL_BALANCE_MAX in inline/directive.c), so 33 levels below the content's own parse. */
#define NESTED_LEVELS 34

struct ocp_inline_parser {
    ocp_tree *tree;
    ocp_ctx *ctx;
    uint32_t max_nesting;
    bool gfm;  /* whether OCP_EXTENSION_GFM is on */
    bool micromark; /* whether the parse follows micromark's reading where it departs (OCP_FLAVOR_MICROMARK) */
    bool math; /* whether OCP_EXTENSION_MATH is on */
    bool mdx;  /* whether the dialect is MDX: JSX and expressions, no raw HTML and no angle-bracket autolinks */
    bool directive; /* whether OCP_EXTENSION_DIRECTIVE is on */
    bool html_comments; /* whether OCP_EXTENSION_HTML_COMMENTS is on: in MDX, "<!--" starts a comment, not JSX */
    ocp_directive_scan directive_scan; /* the scan of the text directive being read */
    inline_stacks *nested; /* per level of parse_nested, the stacks its labels are parsed with; made on first use */
    int32_t nested_depth;
    ocp_mdx_scanner mdx_scanner;
    /* Open JSX text elements of the content being parsed: node, tag start, index in jsx_open_node. */
    int32_t jsx_depth, jsx_capacity;
    struct jsx_open *jsx;
    /* Elements of the content with a closing tag, in the order of their opening tags; their closing tags (markers
     * until resolve_jsx) in the order met, with the index of their element and the parent the pair is under. */
    int32_t jsx_opened, jsx_open_capacity;
    int32_t *jsx_open_node;
    int32_t jsx_closed, jsx_closed_capacity;
    struct jsx_closing *jsx_closing;
    int32_t *open_stack; /* resolve_jsx: the containers and elements open at the walk's position */
    int32_t open_capacity;
    ocp_reference_map refs;
    /* The normalized labels of the document's footnote definitions (GFM); destinations and titles unused. */
    ocp_reference_map footnotes;
    ocp_link_scanner scan;

    /* Bytes and stack entries examined so far, counting every rescan: a deterministic measure of work. */
    int64_t work;

    /* The content being parsed: buf[start, end), its nodes appended to top. */
    const uint8_t *buf;
    int32_t start;
    int32_t end;
    const ocp_content_map *map;
    int32_t top;
    /* Start of the pending text run: bytes from here to the scan position are text not yet emitted. */
    int32_t text_start;
    /* Whether the pending text run may hold an escape, a reference or NUL (else it is copied as it is). */
    bool text_needs_decoding;

    /* Delimiter stack (emphasis runs), a doubly linked list in arrays; indices grow with position. */
    int32_t delim_count, delim_capacity;
    int32_t last_delim;
    delimiter *delims;
    /* Per delimiter kind: '*' and '_' by can-open and length mod 3 (12), '~' by length (2). */
    int32_t openers_bottom[14];
    /* The first delimiter run's character in the content ('*', '_' or '~'), or 0 before one. */
    uint8_t first_run;
    /* How far micromark's failed attempts (a link's resource or reference, raw HTML, closing a code span, which reads
     * to the content's end when it finds no closer) read, or -1: line endings they crossed end, as a break's or
     * text's end, past the next line's container prefixes (line_ending_end); the farthest is enough. */
    int32_t failed_attempt_end;

    /* Bracket stack ([ and ![), strictly LIFO. */
    int32_t bracket_count, bracket_capacity;
    /* Brackets below this index that are links ([, not ![) are inactive: they are inside or before a link. */
    int32_t inactive_below;
    bracket *brackets;

    /* Backtick runs (and dollar runs, with math) seen while searching for closers: per run, keyed by its length
     * and marker (run_key), the last position, stamped with the generation (one per parse call) so nothing needs
     * clearing. */
    int32_t tick_last[DENSE_TICKS];
    int32_t tick_generation[DENSE_TICKS];
    int32_t *long_tick_length;
    int32_t *long_tick_last;
    int32_t *long_tick_generation;
    int32_t long_tick_capacity; /* a power of two */
    int32_t long_tick_count;    /* entries of the current generation */
    int32_t generation;
    bool ticks_scanned_to_end[2]; /* per marker (0 backtick, 1 dollar): a search reached the content's end */

    /* Raw HTML terminator cache: the first terminator at or after find_from (or -1 for none). */
    int32_t find_from[4];
    int32_t find_at[4];

    int32_t *walk_stack;
    int32_t walk_capacity;

#ifdef OCP_CC_SSE2
    /* The row as two tables of nibbles, for skip_plain_nibbles (nibble_tables), when the processor has SSSE3. */
    uint8_t nibble_low[16], nibble_high[16];
    bool nibbles;
    /* Else the special bytes of the row as vectors, for skip_plain_wide (special_vectors). */
    __m128i needles[MAX_SPECIALS];
    int special_count;
#endif

    /* The last domain scan of this content (see check_domain): where it started and stopped, its last two dots,
     * and whether its last two labels hold an underscore. */
    int32_t domain_from;
    int32_t domain_stop;
    int32_t domain_last_dot;
    int32_t domain_second_dot;
    bool domain_underscore;

    /* The last failed trail scan (trail_ends): every start in [trail_fail_from, trail_fail_to) fails too. */
    int32_t trail_fail_from;
    int32_t trail_fail_to;
};

static void mdx_failure(void *host, int32_t at, const char *rule_id, const char *reason);

static const bool *special_row(const ocp_inline_parser *p);
#ifdef OCP_CC_SSE2
static int special_vectors(const bool *special, __m128i *needles);
#endif

static void *alloc_array(ocp_ctx *ctx, int32_t n, size_t elem)
{
    return ocp_mem_alloc(ctx, (size_t) n * elem);
}

ocp_inline_parser *ocp_inline_parser_new(ocp_tree *tree, const ocp_options *options)
{
    ocp_ctx *ctx = tree->ctx;
    ocp_inline_parser *p = ocp_mem_alloc(ctx, sizeof *p);
    p->tree = tree;
    p->ctx = ctx;
    p->max_nesting = options->max_inline_nesting;
    p->gfm = (options->extensions & OCP_EXTENSION_GFM) != 0;
    p->micromark = options->flavor == OCP_FLAVOR_MICROMARK;
    p->math = (options->extensions & OCP_EXTENSION_MATH) != 0;
    p->mdx = options->dialect == OCP_DIALECT_MDX;
    p->directive = (options->extensions & OCP_EXTENSION_DIRECTIVE) != 0;
    p->html_comments = (options->extensions & OCP_EXTENSION_HTML_COMMENTS) != 0;
    p->directive_scan.ctx = ctx;
    if (p->mdx) {
        ocp_mdx_scanner_init(&p->mdx_scanner, ctx, p, mdx_failure);
        p->mdx_scanner.micromark = p->micromark;
        p->jsx_capacity = 8;
        p->jsx = ocp_mem_alloc(ctx, 8 * sizeof *p->jsx);
        p->jsx_open_capacity = 8;
        p->jsx_open_node = alloc_array(ctx, 8, sizeof(int32_t));
        p->jsx_closed_capacity = 8;
        p->jsx_closing = alloc_array(ctx, 8, sizeof *p->jsx_closing);
        p->open_capacity = 16;
        p->open_stack = alloc_array(ctx, 16, sizeof(int32_t));
    }
#ifdef OCP_CC_SSE2
    /* SSSE3's tables where the processor has it (x86-64 ones have since about 2011), else SSE2's vectors. */
    p->nibbles = ocp_cc_ssse3() && ocp_inline_nibble_tables(special_row(p), p->nibble_low, p->nibble_high);
    if (!p->nibbles) {
        p->special_count = special_vectors(special_row(p), p->needles);
    }
#endif
    ocp_refs_init(&p->refs, ctx);
    ocp_refs_init(&p->footnotes, ctx);
    p->refs.dotless_is_i = p->micromark;
    p->footnotes.dotless_is_i = p->micromark;
    p->scan.parentheses_in_titles = p->micromark;
    ocp_ls_forget(&p->scan);
    p->last_delim = OCP_NIL;
    /* The delimiter, bracket and walk stacks start empty (capacity 0): plain text needs none of them, and
     * grown() gives each at least 8 entries when it first holds one. */
    /* The table of long backtick runs starts empty (capacity 0, no arrays): most documents never need it. */
    return p;
}

int64_t ocp_inline_work(const ocp_inline_parser *p)
{
    return p->work;
}

void ocp_inline_add_footnote(ocp_inline_parser *p, const uint8_t *buf, int32_t from, int32_t to)
{
    ocp_refs_normalize(&p->footnotes, buf, from, to);
    ocp_refs_add_normalized(&p->footnotes, (int32_t) OCP_NONE, (int32_t) OCP_NONE);
    p->work += to - from + p->footnotes.work;
    p->footnotes.work = 0;
}

/* Returns array (capacity old) grown to at least need elements, its new capacity in *capacity: the same
 * for each of several parallel arrays, since the growth is deterministic. (Through a void * local, so the
 * array pointer is never written through an lvalue of another pointer type.) */
static void *grown(ocp_ctx *ctx, void *array, int32_t old, int64_t need, size_t elem, int32_t *capacity)
{
    *capacity = old;
    ocp_grow(ctx, &array, capacity, need < 8 ? 8 : need, elem);
    return array;
}

static void flush_text(ocp_inline_parser *p, int32_t to);
static int32_t line_ending(ocp_inline_parser *p, int32_t i);
static int32_t backslash(ocp_inline_parser *p, int32_t i);
static int32_t raw_span(ocp_inline_parser *p, int32_t i);
static int32_t delimiter_run(ocp_inline_parser *p, int32_t i);
static int32_t email_or_delimiter_run(ocp_inline_parser *p, int32_t i);
static int32_t open_bracket(ocp_inline_parser *p, int32_t i, bool image);
static int32_t close_bracket(ocp_inline_parser *p, int32_t i);
static int32_t angle_bracket(ocp_inline_parser *p, int32_t i);
static int32_t html_comment(ocp_inline_parser *p, int32_t i);
static int32_t autolink_literal(ocp_inline_parser *p, int32_t i);
static int32_t expression(ocp_inline_parser *p, int32_t i);
static int32_t text_directive(ocp_inline_parser *p, int32_t i);
static int32_t jsx_tag(ocp_inline_parser *p, int32_t i);
static void resolve_jsx(ocp_inline_parser *p);
static void process_emphasis(ocp_inline_parser *p, int32_t bottom, int32_t parent, bool strike_first);
static void check_nesting(ocp_inline_parser *p);
OCP_INLINE int32_t src(const ocp_inline_parser *p, int32_t i);

/* Bytes the main loop stops at, all others being plain text, per set of extensions (index: 1 with GFM, plus 2
 * with math, plus 4 in MDX, plus 8 with directives). GFM adds strikethrough runs and the bytes where an autolink
 * literal may be met (W for micromark's www in any case; the reference flavor passes it at once); math the dollar;
 * MDX the brace of an expression; directives the colon (which GFM has already). */
#define SPECIAL_BASE ['\n'] = true, ['\\'] = true, ['`'] = true, ['*'] = true, ['_'] = true, ['['] = true, \
                     [']'] = true, ['!'] = true, ['<'] = true, ['&'] = true, [0] = true
#define SPECIAL_GFM ['~'] = true, ['w'] = true, ['W'] = true, [':'] = true, ['@'] = true
static const bool SPECIAL[16][256] = {
    {SPECIAL_BASE},
    {SPECIAL_BASE, SPECIAL_GFM},
    {SPECIAL_BASE, ['$'] = true},
    {SPECIAL_BASE, SPECIAL_GFM, ['$'] = true},
    {SPECIAL_BASE, ['{'] = true},
    {SPECIAL_BASE, SPECIAL_GFM, ['{'] = true},
    {SPECIAL_BASE, ['$'] = true, ['{'] = true},
    {SPECIAL_BASE, SPECIAL_GFM, ['$'] = true, ['{'] = true},
    {SPECIAL_BASE, [':'] = true},
    {SPECIAL_BASE, SPECIAL_GFM},
    {SPECIAL_BASE, ['$'] = true, [':'] = true},
    {SPECIAL_BASE, SPECIAL_GFM, ['$'] = true},
    {SPECIAL_BASE, ['{'] = true, [':'] = true},
    {SPECIAL_BASE, SPECIAL_GFM, ['{'] = true},
    {SPECIAL_BASE, ['$'] = true, ['{'] = true, [':'] = true},
    {SPECIAL_BASE, SPECIAL_GFM, ['$'] = true, ['{'] = true},
};
#undef SPECIAL_BASE
#undef SPECIAL_GFM

const bool *ocp_inline_special_row(int row)
{
    return SPECIAL[row & 15];
}

/* The row of SPECIAL for the parser's extensions. */
static const bool *special_row(const ocp_inline_parser *p)
{
    return SPECIAL[(p->gfm ? 1 : 0) | (p->math ? 2 : 0) | (p->mdx ? 4 : 0) | (p->directive ? 8 : 0)];
}

/* The first special byte of buf[i, end), or end. Eight bytes per test, their table entries or'd together: most
 * of the content is plain text, and a byte loop spent more on its own bookkeeping than on the table. */
static inline int32_t skip_plain(const bool *special, const uint8_t *buf, int32_t i, int32_t end)
{
    while (end - i >= 8) {
        const uint8_t *b = buf + i;
        if ((special[b[0]] | special[b[1]] | special[b[2]] | special[b[3]] | special[b[4]] | special[b[5]]
             | special[b[6]] | special[b[7]]) != 0) {
            break;
        }
        i += 8;
    }
    while (i < end && !special[buf[i]]) {
        i++;
    }
    return i;
}

#ifdef OCP_CC_SSE2
/* The special bytes of a row of SPECIAL, each in every lane of a vector; unused entries repeat the first, so that
 * a scan may always compare with all of them. Returns how many the row has, which may be more than MAX_SPECIALS
 * (then only skip_plain may scan for them). */
static int special_vectors(const bool *special, __m128i *needles)
{
    int count = 0;
    /* Eight entries at a time: every parse makes its vectors, and a test of each of the 256 entries was a third of
     * what parsing an empty document cost (1,400 of 3,600 instructions). */
    for (int from = 0; from < 256; from += 8) {
        uint64_t eight;
        memcpy(&eight, special + from, sizeof eight);
        if (eight == 0) {
            continue;
        }
        for (int b = from; b < from + 8; b++) {
            if (special[b]) {
                if (count < MAX_SPECIALS) {
                    needles[count] = _mm_set1_epi8((char) b);
                }
                count++;
            }
        }
    }
    for (int k = count; k < MAX_SPECIALS; k++) {
        needles[k] = needles[0];
    }
    return count;
}

/* skip_plain with SSE2: sixteen bytes per test, each compared with every special byte, the first BASE_SPECIALS
 * always and the others when all is set (a constant where it is inlined). The bytes past the last whole vector are
 * tested in the vector that ends at end, its lanes before them dropped (as in ocp_cc_find_byte): short lines ended
 * in a byte loop, a mispredicted branch at each one's end. */
OCP_INLINE int wide_hits(const __m128i *needles, bool all, __m128i v)
{
#define HIT(k) _mm_cmpeq_epi8(v, needles[k])
    __m128i hit = _mm_or_si128(_mm_or_si128(_mm_or_si128(HIT(0), HIT(1)), _mm_or_si128(HIT(2), HIT(3))),
                               _mm_or_si128(_mm_or_si128(HIT(4), HIT(5)), _mm_or_si128(HIT(6), HIT(7))));
    hit = _mm_or_si128(hit, _mm_or_si128(_mm_or_si128(HIT(8), HIT(9)), HIT(10)));
    if (all) {
        hit = _mm_or_si128(hit, _mm_or_si128(_mm_or_si128(HIT(11), HIT(12)), _mm_or_si128(HIT(13), HIT(14))));
        hit = _mm_or_si128(hit, _mm_or_si128(_mm_or_si128(HIT(15), HIT(16)), HIT(17)));
    }
#undef HIT
    return _mm_movemask_epi8(hit);
}

OCP_INLINE int32_t skip_plain_wide(const bool *special, const __m128i *needles, bool all, const uint8_t *buf,
                                   int32_t i, int32_t end)
{
    while (end - i >= 16) {
        int mask = wide_hits(needles, all, ocp_cc_load16(buf + i));
        if (mask != 0) {
            return i + ocp_cc_first_lane(mask);
        }
        i += 16;
    }
    if (i < end && end >= 16) {
        int mask = wide_hits(needles, all, ocp_cc_load16(buf + end - 16)) >> (16 - (end - i));
        return mask != 0 ? i + ocp_cc_first_lane(mask) : end;
    }
    return skip_plain(special, buf, i, end);
}
#endif

#ifdef OCP_CC_SSE2
/* skip_plain_wide for the base row (no extension), which most documents parse with: its eleven bytes fall in two
 * ranges and four single bytes, so a vector is tested with fourteen operations instead of twenty-one. The ranges
 * take in a few bytes that are not special (the controls 0x01-0x09 and '^'); each lane they flag is checked in
 * the table, and the scan goes on past those that are not. */
OCP_INLINE int base_candidates(__m128i v)
{
    const __m128i controls_top = _mm_set1_epi8(0x0A); /* NUL and '\n' are at or below it */
    const __m128i brackets_low = _mm_set1_epi8('[');  /* '[' '\\' ']' '_' '`' are '[' to '[' + 5 */
    const __m128i brackets_span = _mm_set1_epi8(5);
    const __m128i bang = _mm_set1_epi8('!');
    const __m128i amp = _mm_set1_epi8('&');
    const __m128i star = _mm_set1_epi8('*');
    const __m128i lt = _mm_set1_epi8('<');
    __m128i from_bracket = _mm_sub_epi8(v, brackets_low);
    __m128i ranges = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, controls_top), v),
                                  _mm_cmpeq_epi8(_mm_min_epu8(from_bracket, brackets_span), from_bracket));
    __m128i singles = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, bang), _mm_cmpeq_epi8(v, amp)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, star), _mm_cmpeq_epi8(v, lt)));
    return _mm_movemask_epi8(_mm_or_si128(ranges, singles));
}

/* The first lane of mask (lanes of buf from i) whose byte is special, or -1. */
OCP_INLINE int32_t first_special(const bool *special, const uint8_t *buf, int32_t i, int mask)
{
    while (mask != 0) {
        int32_t at = i + ocp_cc_first_lane(mask);
        if (special[buf[at]]) {
            return at;
        }
        mask &= mask - 1;
    }
    return -1;
}

OCP_INLINE int32_t skip_plain_base(const bool *special, const uint8_t *buf, int32_t i, int32_t end)
{
    while (end - i >= 16) {
        int32_t at = first_special(special, buf, i, base_candidates(ocp_cc_load16(buf + i)));
        if (at >= 0) {
            return at;
        }
        i += 16;
    }
    if (i < end && end >= 16) {
        /* The rest in the vector that ends at end, as in skip_plain_wide. */
        int mask = base_candidates(ocp_cc_load16(buf + end - 16)) >> (16 - (end - i));
        int32_t at = first_special(special, buf, i, mask);
        return at >= 0 ? at : end;
    }
    return skip_plain(special, buf, i, end);
}
#endif

/* The bytes of the row with the same high nibble share a bit, which high[that nibble] holds and low[each one's low
 * nibble] has set. Exact with at most eight high nibbles among the row's bytes (every row has seven at most). */
bool ocp_inline_nibble_tables(const bool *special, uint8_t *low, uint8_t *high)
{
    memset(low, 0, 16);
    memset(high, 0, 16);
    int bits = 0;
    for (int h = 0; h < 16; h++) {
        uint64_t eight[2];
        memcpy(eight, special + h * 16, sizeof eight);
        if ((eight[0] | eight[1]) == 0) {
            continue;
        }
        if (bits == 8) {
            return false;
        }
        high[h] = (uint8_t) (1u << bits);
        for (int l = 0; l < 16; l++) {
            if (special[h * 16 + l]) {
                low[l] |= high[h];
            }
        }
        bits++;
    }
    return true;
}

#ifdef OCP_CC_SSE2
/* The mask of the special bytes among the sixteen of v: two shuffles of the tables by v's nibbles, and'ed. */
OCP_CC_TARGET_SSSE3 static inline int nibble_hits(__m128i low, __m128i high, __m128i v)
{
    const __m128i nibble = _mm_set1_epi8(0x0F);
    __m128i by_low = _mm_shuffle_epi8(low, _mm_and_si128(v, nibble));
    __m128i by_high = _mm_shuffle_epi8(high, _mm_and_si128(_mm_srli_epi16(v, 4), nibble));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(by_low, by_high), _mm_setzero_si128())) ^ 0xFFFF;
}

/* skip_plain with SSSE3: each vector classified by its nibbles in seven operations, whatever the row (the base
 * row's fourteen in skip_plain_base, up to 21 for every extension in skip_plain_wide), and exactly, so that no
 * lane is looked up in the table afterwards. The bytes past the last whole vector as in skip_plain_wide. */
OCP_CC_TARGET_SSSE3 static int32_t skip_plain_nibbles(const ocp_inline_parser *p, const bool *special,
                                                      const uint8_t *buf, int32_t i, int32_t end)
{
    __m128i low = _mm_loadu_si128((const __m128i *) (const void *) p->nibble_low);
    __m128i high = _mm_loadu_si128((const __m128i *) (const void *) p->nibble_high);
    while (end - i >= 16) {
        int mask = nibble_hits(low, high, ocp_cc_load16(buf + i));
        if (mask != 0) {
            return i + ocp_cc_first_lane(mask);
        }
        i += 16;
    }
    if (i < end && end >= 16) {
        int mask = nibble_hits(low, high, ocp_cc_load16(buf + end - 16)) >> (16 - (end - i));
        return mask != 0 ? i + ocp_cc_first_lane(mask) : end;
    }
    return skip_plain(special, buf, i, end);
}
#endif

void ocp_inline_parse(ocp_inline_parser *p, int32_t parent, const uint8_t *buf, int32_t off, int32_t len,
                      const ocp_content_map *map)
{
    p->buf = buf;
    p->start = off;
    p->end = off + len;
    p->map = map;
    p->top = parent;
    p->delim_count = 0;
    p->last_delim = OCP_NIL;
    p->bracket_count = 0;
    p->inactive_below = 0;
    if (++p->generation == INT32_MAX) {
        memset(p->tick_generation, 0, sizeof p->tick_generation);
        if (p->long_tick_capacity > 0) {
            memset(p->long_tick_generation, 0, (size_t) p->long_tick_capacity * sizeof(int32_t));
        }
        p->generation = 1;
    }
    p->ticks_scanned_to_end[0] = false;
    p->ticks_scanned_to_end[1] = false;
    p->long_tick_count = 0;
    for (int k = 0; k < 4; k++) {
        p->find_from[k] = -1;
    }
    ocp_ls_forget(&p->scan);
    if (p->mdx) {
        /* micromark's text runs on over the spaces that end a paragraph's (or setext heading's) last line
         * (MdxScanner.spaceAtEnd) */
        int32_t after = len == 0 ? -1 : src(p, p->end - 1) + 1;
        int kind = ocp_tree_kind(p->tree, parent);
        bool paragraph = kind == OCP_KIND_PARAGRAPH
                         || (kind == OCP_KIND_HEADING && (ocp_tree_flags(p->tree, parent) & OCP_FLAG_HEADING_SETEXT) != 0);
        p->mdx_scanner.space_at_end = p->micromark && paragraph && after > 0 && after < p->tree->source_length
                                      && (p->tree->source[after] == ' ' || p->tree->source[after] == '\t');
    }
    p->domain_from = -1;
    p->domain_stop = -1;
    p->trail_fail_from = -1;
    p->trail_fail_to = -1;
    const bool *special = special_row(p);
    p->jsx_depth = 0;
    p->jsx_opened = 0;
    p->jsx_closed = 0;
    int32_t i = off;
    p->text_start = off;
    p->text_needs_decoding = false;
    p->first_run = 0;
    p->failed_attempt_end = -1;
    int32_t end = p->end;
#ifdef OCP_CC_SSE2
    bool nibbles = p->nibbles;
#endif
    while (i < end) {
#ifdef OCP_CC_SSE2
        if (nibbles) {
            i = skip_plain_nibbles(p, special, buf, i, end);
        } else if (p->special_count <= BASE_SPECIALS) {
            /* Only the base row has no more than the base bytes (every extension adds some). */
            i = skip_plain_base(special, buf, i, end);
        } else if (p->special_count <= MAX_SPECIALS) {
            i = skip_plain_wide(special, p->needles, true, buf, i, end);
        } else {
            i = skip_plain(special, buf, i, end);
        }
#else
        i = skip_plain(special, buf, i, end);
#endif
        if (i >= end) {
            break;
        }
        uint8_t c = buf[i];
        switch (c) {
        case '\n':
            i = line_ending(p, i);
            break;
        case '\\':
            i = backslash(p, i);
            break;
        case '`':
        case '$':
            i = raw_span(p, i);
            break;
        case '*':
        case '_':
        case '~':
            i = c == '_' && p->micromark && p->gfm ? email_or_delimiter_run(p, i) : delimiter_run(p, i);
            break;
        case ':':
            if (p->directive) {
                int32_t q = text_directive(p, i);
                if (q >= 0) {
                    i = q;
                    break;
                }
                if (!p->gfm) {
                    i++;
                    break;
                }
            }
            i = autolink_literal(p, i);
            break;
        case 'w':
        case 'W':
        case '@':
            i = autolink_literal(p, i);
            break;
        case '[':
            i = open_bracket(p, i, false);
            break;
        case '!':
            i = i + 1 < end && buf[i + 1] == '[' ? open_bracket(p, i, true) : i + 1;
            break;
        case ']':
            i = close_bracket(p, i);
            break;
        case '<': {
            int32_t q = p->mdx && p->html_comments ? html_comment(p, i) : -1;
            i = q >= 0 ? q : p->mdx ? jsx_tag(p, i) : angle_bracket(p, i);
            break;
        }
        case '{':
            i = expression(p, i);
            break;
        default: /* '&' and NUL: decoded when the run is emitted */
            p->text_needs_decoding = true;
            i++;
        }
    }
    flush_text(p, end);
    process_emphasis(p, OCP_NIL, p->top, p->first_run == '~');
    if (p->jsx_closed > 0 || p->jsx_depth > 0) {
        resolve_jsx(p);
    }
    check_nesting(p);
    p->work += len + p->refs.work;
    p->refs.work = 0;
    p->buf = NULL;
    p->map = NULL;
}

OCP_INLINE int32_t src(const ocp_inline_parser *p, int32_t i)
{
    return ocp_content_map_to_source(p->map, i);
}

/* Exchanges the parser's delimiter, bracket and JSX stacks (arrays and capacities) with those of other. */
static void swap_stacks(ocp_inline_parser *p, inline_stacks *other)
{
    inline_stacks mine = {p->delims, p->delim_capacity, p->brackets, p->bracket_capacity, p->jsx, p->jsx_capacity,
                          p->jsx_open_node, p->jsx_open_capacity, p->jsx_closing, p->jsx_closed_capacity};
    p->delims = other->delims;
    p->delim_capacity = other->delim_capacity;
    p->brackets = other->brackets;
    p->bracket_capacity = other->bracket_capacity;
    p->jsx = other->jsx;
    p->jsx_capacity = other->jsx_capacity;
    p->jsx_open_node = other->jsx_open_node;
    p->jsx_open_capacity = other->jsx_open_capacity;
    p->jsx_closing = other->jsx_closing;
    p->jsx_closed_capacity = other->jsx_closed_capacity;
    *other = mine;
}

/* InlineParser.parseNested: parses buf[from, to) of the content being parsed as inline content of its own, under
 * parent: a directive's label, whose delimiters and brackets pair among themselves only (micromark reads it as text
 * of its own). The state of the content around it is kept aside and given back; its stacks are swapped with the
 * spare ones of its nesting level (kept for the next label at that level, so that many labels cost no memory each),
 * and the caches of closers are forgotten after it, as their positions belonged to the label's parse. Recursion:
 * see inline/directive.c (at most NESTED_LEVELS deep). */
static void parse_nested(ocp_inline_parser *p, int32_t parent, int32_t from, int32_t to)
{
    if (p->nested == NULL) {
        p->nested = ocp_mem_alloc(p->ctx, NESTED_LEVELS * sizeof *p->nested);
    }
    if (p->nested_depth >= NESTED_LEVELS) {
        ocp_fail(p->ctx, OCP_LIMIT_EXCEEDED, "directive labels nest deeper than %d", NESTED_LEVELS); /* unreachable */
    }
    inline_stacks *spare = &p->nested[p->nested_depth++];
    const uint8_t *saved_buf = p->buf;
    const ocp_content_map *saved_map = p->map;
    int32_t saved_start = p->start;
    int32_t saved_end = p->end;
    int32_t saved_top = p->top;
    int32_t saved_text_start = p->text_start;
    bool saved_decoding = p->text_needs_decoding;
    int32_t saved_delim_count = p->delim_count;
    int32_t saved_last_delim = p->last_delim;
    uint8_t saved_first_run = p->first_run;
    int32_t saved_failed_attempt_end = p->failed_attempt_end;
    int32_t saved_bottom[14];
    memcpy(saved_bottom, p->openers_bottom, sizeof saved_bottom);
    int32_t saved_brackets = p->bracket_count;
    int32_t saved_inactive = p->inactive_below;
    int32_t saved_jsx_depth = p->jsx_depth;
    int32_t saved_jsx_opened = p->jsx_opened;
    int32_t saved_jsx_closed = p->jsx_closed;
    bool saved_space_at_end = p->mdx_scanner.space_at_end;
    p->mdx_scanner.space_at_end = false; /* the label is text of its own, which ends at its bracket */
    swap_stacks(p, spare);
    memset(p->openers_bottom, 0, sizeof p->openers_bottom);
    ocp_inline_parse(p, parent, saved_buf, from, to - from, saved_map);
    swap_stacks(p, spare);
    p->nested_depth--;
    p->buf = saved_buf;
    p->map = saved_map;
    p->start = saved_start;
    p->end = saved_end;
    p->top = saved_top;
    p->text_start = saved_text_start;
    p->text_needs_decoding = saved_decoding;
    p->delim_count = saved_delim_count;
    p->last_delim = saved_last_delim;
    p->first_run = saved_first_run;
    p->failed_attempt_end = saved_failed_attempt_end;
    memcpy(p->openers_bottom, saved_bottom, sizeof saved_bottom);
    p->bracket_count = saved_brackets;
    p->inactive_below = saved_inactive;
    p->jsx_depth = saved_jsx_depth;
    p->jsx_opened = saved_jsx_opened;
    p->jsx_closed = saved_jsx_closed;
    p->mdx_scanner.space_at_end = saved_space_at_end;
    /* Closer caches: the label's parse moved the generation; rescan rather than trust "scanned to the end". */
    p->ticks_scanned_to_end[0] = false;
    p->ticks_scanned_to_end[1] = false;
    if (++p->generation == INT32_MAX) {
        memset(p->tick_generation, 0, sizeof p->tick_generation);
        if (p->long_tick_capacity > 0) {
            memset(p->long_tick_generation, 0, (size_t) p->long_tick_capacity * sizeof(int32_t));
        }
        p->generation = 1;
    }
    p->long_tick_count = 0;
    for (int k = 0; k < 4; k++) {
        p->find_from[k] = -1;
    }
    ocp_ls_forget(&p->scan);
    p->domain_from = -1;
    p->domain_stop = -1;
    p->trail_fail_from = -1;
    p->trail_fail_to = -1;
}

/* ---- the constructs, one file each (inline/, named as engine-java's inline/ classes), included so that this
 * stays one compilation unit (static functions, inlining as before); the last, link reference definitions, is a
 * block construct parsed with this parser's link machinery ---- */

#include "inline/text.c"
#include "inline/code_span.c"
#include "inline/emphasis.c"
#include "inline/autolink_literal.c"
#include "inline/autolink_literal_micromark.c"
#include "inline/link.c"
#include "inline/autolink.c"
#include "inline/html_text.c"
#include "inline/mdx_text.c"
#include "inline/directive.c"
#include "inline/limits.c"
#include "block/definition.c"
