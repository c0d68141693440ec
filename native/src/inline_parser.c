/*
 * The CommonMark 0.31.2 inline parser (spec section 6) and link reference definitions (section 4.7): a port
 * of InlineParser.java, function by function in the same order (the class comment there explains the
 * design). One parser serves one parse: it holds the document's reference map, and its work arrays (the
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

struct ocp_inline_parser {
    ocp_tree *tree;
    ocp_ctx *ctx;
    uint32_t max_nesting;
    bool gfm;  /* whether OCP_EXTENSION_GFM is on */
    bool micromark; /* whether the parse follows micromark's reading where it departs (OCP_FLAVOR_MICROMARK) */
    bool math; /* whether OCP_EXTENSION_MATH is on */
    bool mdx;  /* whether the dialect is MDX: JSX and expressions, no raw HTML and no angle-bracket autolinks */
    ocp_mdx_scanner mdx_scanner;
    /* Open JSX text elements of the content being parsed: node, tag start, index in jsx_open_node. */
    int32_t jsx_depth, jsx_capacity;
    struct jsx_open {
        int32_t node, start, open_index;
    } *jsx;
    /* Elements of the content with a closing tag, in the order of their opening tags; their closing tags (markers
     * until resolve_jsx) in the order met, with the index of their element and the parent the pair is under. */
    int32_t jsx_opened, jsx_open_capacity;
    int32_t *jsx_open_node;
    int32_t jsx_closed, jsx_closed_capacity;
    struct jsx_closing {
        int32_t marker, open_index, parent;
    } *jsx_closing;
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
    if (p->mdx) {
        ocp_mdx_scanner_init(&p->mdx_scanner, ctx, p, mdx_failure);
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
static int32_t autolink_literal(ocp_inline_parser *p, int32_t i);
static int32_t expression(ocp_inline_parser *p, int32_t i);
static int32_t jsx_tag(ocp_inline_parser *p, int32_t i);
_Noreturn static void unclosed_jsx_text(ocp_inline_parser *p);
static void resolve_jsx(ocp_inline_parser *p);
static void process_emphasis(ocp_inline_parser *p, int32_t bottom, int32_t parent);
static void check_nesting(ocp_inline_parser *p);

/* Bytes the main loop stops at, all others being plain text, per set of extensions (index: 1 with GFM, plus 2
 * with math, plus 4 in MDX). GFM adds strikethrough runs and the bytes where an autolink literal may be met (W for
 * micromark's www in any case; the reference flavor passes it at once); math the dollar; MDX the brace of an
 * expression. */
#define SPECIAL_BASE ['\n'] = true, ['\\'] = true, ['`'] = true, ['*'] = true, ['_'] = true, ['['] = true, \
                     [']'] = true, ['!'] = true, ['<'] = true, ['&'] = true, [0] = true
#define SPECIAL_GFM ['~'] = true, ['w'] = true, ['W'] = true, [':'] = true, ['@'] = true
static const bool SPECIAL[8][256] = {
    {SPECIAL_BASE},
    {SPECIAL_BASE, SPECIAL_GFM},
    {SPECIAL_BASE, ['$'] = true},
    {SPECIAL_BASE, SPECIAL_GFM, ['$'] = true},
    {SPECIAL_BASE, ['{'] = true},
    {SPECIAL_BASE, SPECIAL_GFM, ['{'] = true},
    {SPECIAL_BASE, ['$'] = true, ['{'] = true},
    {SPECIAL_BASE, SPECIAL_GFM, ['$'] = true, ['{'] = true},
};
#undef SPECIAL_BASE
#undef SPECIAL_GFM

const bool *ocp_inline_special_row(int row)
{
    return SPECIAL[row & 7];
}

/* The row of SPECIAL for the parser's extensions. */
static const bool *special_row(const ocp_inline_parser *p)
{
    return SPECIAL[(p->gfm ? 1 : 0) | (p->math ? 2 : 0) | (p->mdx ? 4 : 0)];
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
        case 'w':
        case 'W':
        case ':':
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
        case '<':
            i = p->mdx ? jsx_tag(p, i) : angle_bracket(p, i);
            break;
        case '{':
            i = expression(p, i);
            break;
        default: /* '&' and NUL: decoded when the run is emitted */
            p->text_needs_decoding = true;
            i++;
        }
    }
    flush_text(p, end);
    if (p->jsx_depth > 0) {
        unclosed_jsx_text(p);
    }
    process_emphasis(p, OCP_NIL, p->top);
    if (p->jsx_closed > 0) {
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

/* ---- text ---- */

static void append_raw(ocp_tree *tree, const uint8_t *buf, int32_t from, int32_t to);

/* Emits the pending text run up to to as a TEXT node. */
static void flush_text(ocp_inline_parser *p, int32_t to)
{
    int32_t from = p->text_start;
    if (to > from) {
        p->work += to - from;
        ocp_tree *tree = p->tree;
        int32_t t = ocp_tree_add(tree, OCP_KIND_TEXT, p->top, src(p, from), src(p, to));
        if (p->text_needs_decoding) {
            ocp_tree_begin_string(tree);
            ocp_inline_append_unescaped(tree, p->buf, from, to);
            ocp_tree_set_string(tree, t, 0, ocp_tree_end_string(tree));
        } else {
            ocp_tree_set_string(tree, t, 0, ocp_tree_string(tree, p->buf, from, to - from));
        }
    }
    p->text_needs_decoding = false;
}

/* A line ending: a hard break after two or more spaces, else a soft break. The spaces before it are part of
 * the break; the indentation after it belongs to nothing (like the next line's container prefix). */
static int32_t line_ending(ocp_inline_parser *p, int32_t i)
{
    int32_t q = i;
    while (q > p->text_start && p->buf[q - 1] == ' ') {
        q--;
    }
    flush_text(p, q);
    int32_t next = ocp_ls_skip_space_tab(p->buf, i + 1, p->end);
    if (next < p->end) {
        int32_t line_break = ocp_tree_add(p->tree, i - q >= 2 ? OCP_KIND_HARD_BREAK : OCP_KIND_SOFT_BREAK, p->top,
                                          src(p, q), ocp_content_map_after_line_ending(p->map, i));
        if (i - q >= 2) {
            /* v1.3: made by spaces; v1.4: by spaces after a tab, which micromark does not take for a break */
            ocp_tree_set_data(p->tree, line_break, q > p->text_start && p->buf[q - 1] == '\t' ? '\t' : ' ');
        }
    }
    p->text_start = next;
    return next;
}

/* A backslash: a hard break before a line ending, an escape before ASCII punctuation, else literal. */
static int32_t backslash(ocp_inline_parser *p, int32_t i)
{
    if (i + 1 < p->end) {
        uint8_t n = p->buf[i + 1];
        if (n == '\n') {
            int32_t next = ocp_ls_skip_space_tab(p->buf, i + 2, p->end);
            if (next >= p->end) {
                return i + 1; /* at the end of the block a backslash is literal */
            }
            flush_text(p, i);
            int32_t line_break = ocp_tree_add(p->tree, OCP_KIND_HARD_BREAK, p->top, src(p, i),
                                              ocp_content_map_after_line_ending(p->map, i + 1));
            ocp_tree_set_data(p->tree, line_break, '\\'); /* v1.3: made by a backslash */
            p->text_start = next;
            return next;
        }
        if (ocp_cc_is_ascii_punct(n)) {
            p->text_needs_decoding = true;
            return i + 2; /* stays in the text run; decoded when the run is emitted */
        }
    }
    return i + 1;
}

void ocp_inline_append_unescaped(ocp_tree *tree, const uint8_t *buf, int32_t from, int32_t to)
{
    ocp_inline_append_decoded(tree, buf, from, to, true);
}

void ocp_inline_append_decoded(ocp_tree *tree, const uint8_t *buf, int32_t from, int32_t to, bool escapes)
{
    int32_t run = from;
    int32_t i = from;
    while (i < to) {
        uint8_t b = buf[i];
        if (b == '\\' && escapes) {
            if (i + 1 < to && ocp_cc_is_ascii_punct(buf[i + 1])) {
                ocp_tree_append(tree, buf, run, i - run);
                run = i + 1;
                i += 2;
                continue;
            }
        } else if (b == '&') {
            uint64_t ref = ocp_entities_scan(buf, i, to);
            if (ref != 0) {
                ocp_tree_append(tree, buf, run, i - run);
                ocp_entities_append_reference(tree, ref);
                i += ocp_entities_ref_length(ref);
                run = i;
                continue;
            }
        } else if (b == 0) {
            ocp_tree_append(tree, buf, run, i - run);
            ocp_tree_append_code_point(tree, 0xFFFD);
            run = i + 1;
        }
        i++;
    }
    ocp_tree_append(tree, buf, run, to - run);
}

/* Appends buf[from, to) as it is, except U+0000 becomes U+FFFD. */
static void append_raw(ocp_tree *tree, const uint8_t *buf, int32_t from, int32_t to)
{
    int32_t run = from;
    for (int32_t i = ocp_cc_find_nul(buf, from, to); i < to; i = ocp_cc_find_nul(buf, i + 1, to)) {
        ocp_tree_append(tree, buf, run, i - run);
        ocp_tree_append_code_point(tree, 0xFFFD);
        run = i + 1;
    }
    ocp_tree_append(tree, buf, run, to - run);
}

/* ---- code spans and inline math ---- */

static int32_t find_closing_run(ocp_inline_parser *p, int32_t from, int32_t n, uint8_t marker);
static int32_t code_content(ocp_inline_parser *p, int32_t from, int32_t to, bool keep_line_endings);
static bool loses_indentation(ocp_inline_parser *p, int32_t from, int32_t to);
static int32_t content_as_written(ocp_inline_parser *p, int32_t q, int32_t close, bool strip);
static void append_as_written(ocp_inline_parser *p, const ocp_content_map *map, const uint8_t *buf, int32_t from,
                              int32_t to, int32_t trim_at, int32_t skip_columns);
static bool strips_one_space(const ocp_inline_parser *p, int32_t from, int32_t to);
static bool has_line_ending(const ocp_inline_parser *p, int32_t from, int32_t to);

/* A run of backticks (a code span) or, with math, of dollars (inline math, which follows the code span's rules
 * with its own marker): the span up to the next run of the same length, or literal text. */
static int32_t raw_span(ocp_inline_parser *p, int32_t i)
{
    uint8_t marker = p->buf[i];
    if (marker == '$' && !p->math) {
        return i + 1;
    }
    int32_t q = i;
    while (q < p->end && p->buf[q] == marker) {
        q++;
    }
    int32_t n = q - i;
    int32_t close = find_closing_run(p, q, n, marker);
    if (close < 0) {
        return q; /* no closer: the run is literal text */
    }
    flush_text(p, i);
    int32_t node = ocp_tree_add(p->tree, marker == '`' ? OCP_KIND_CODE_SPAN : OCP_KIND_MATH_INLINE, p->top,
                                src(p, i), src(p, close + n));
    int32_t from = q;
    int32_t to = close;
    bool strip = strips_one_space(p, from, to);
    if (strip) {
        from++;
        to--;
    }
    /* Most spans are on one line: one vector search for a line ending spares them the byte loops that look for
     * one (the literal's, slot b's and the lost indentation's). */
    bool one_line = ocp_cc_find_byte(p->buf, q, close, '\n') == close;
    ocp_tree_set_string(p->tree, node, 0, code_content(p, from, to, one_line));
    if (!one_line && has_line_ending(p, from, to)) {
        /* v1.3: as written, for mdast and Markdown output */
        ocp_tree_set_string(p->tree, node, 1, code_content(p, from, to, true));
    }
    if (!one_line && loses_indentation(p, q, close)) {
        /* v1.5: with the indentation, for mdast */
        ocp_tree_set_string(p->tree, node, 2, content_as_written(p, q, close, strip));
    }
    p->text_start = close + n;
    return p->text_start;
}

static int32_t last_tick_run(ocp_inline_parser *p, int32_t n);
static void record_tick_run(ocp_inline_parser *p, int32_t len, int32_t s);

/* The run index's key of a run of len markers of kind m (0 backtick, 1 dollar). Lengths from 2^29 on share a
 * key: a shared key can only make a search rescan, never miss a closer. */
static int32_t run_key(int32_t len, int m)
{
    return 2 * (len < (1 << 29) ? len : (1 << 29)) + m;
}

/* The start of the first run of exactly n markers at or after from, or -1. */
static int32_t find_closing_run(ocp_inline_parser *p, int32_t from, int32_t n, uint8_t marker)
{
    int m = marker == '`' ? 0 : 1;
    if (p->ticks_scanned_to_end[m] && last_tick_run(p, run_key(n, m)) < from) {
        return -1;
    }
    int32_t i = from;
    const uint8_t *b = p->buf;
    int32_t end = p->end;
    while (i < end) {
        i = ocp_cc_find_byte(b, i, end, marker);
        if (i == end) {
            break;
        }
        int32_t s = i;
        while (i < end && b[i] == marker) {
            i++;
        }
        int32_t len = i - s;
        record_tick_run(p, run_key(len, m), s);
        if (len == n) {
            p->work += i - from;
            return s;
        }
    }
    p->work += i - from;
    p->ticks_scanned_to_end[m] = true;
    return -1;
}

static int32_t long_tick_slot(const ocp_inline_parser *p, int32_t len);

/* The last recorded start of a run of n backticks in this parse call, or -1. */
static int32_t last_tick_run(ocp_inline_parser *p, int32_t n)
{
    if (n < DENSE_TICKS) {
        return p->tick_generation[n] == p->generation ? p->tick_last[n] : -1;
    }
    if (p->long_tick_capacity == 0) {
        return -1;
    }
    int32_t slot = long_tick_slot(p, n);
    return p->long_tick_generation[slot] == p->generation ? p->long_tick_last[slot] : -1;
}

static void grow_long_ticks(ocp_inline_parser *p);

/* Records a run of len backticks at s. Only the last position counts: a later search may rescan runs an
 * earlier one already recorded, and must not move the answer back. */
static void record_tick_run(ocp_inline_parser *p, int32_t len, int32_t s)
{
    if (len < DENSE_TICKS) {
        if (p->tick_generation[len] != p->generation || p->tick_last[len] < s) {
            p->tick_last[len] = s;
            p->tick_generation[len] = p->generation;
        }
        return;
    }
    if (p->long_tick_capacity == 0) {
        grow_long_ticks(p);
    }
    int32_t slot = long_tick_slot(p, len);
    if (p->long_tick_generation[slot] != p->generation) {
        if (2 * ((int64_t) p->long_tick_count + 1) > p->long_tick_capacity) {
            grow_long_ticks(p);
            slot = long_tick_slot(p, len);
        }
        p->long_tick_count++;
        p->long_tick_generation[slot] = p->generation;
        p->long_tick_length[slot] = len;
        p->long_tick_last[slot] = s;
    } else if (p->long_tick_last[slot] < s) {
        p->long_tick_last[slot] = s;
    }
}

/* The slot holding run length len, or the free slot where it belongs. Slots of older generations are free. */
static int32_t long_tick_slot(const ocp_inline_parser *p, int32_t len)
{
    uint32_t mask = (uint32_t) p->long_tick_capacity - 1;
    uint32_t h = (uint32_t) len * 0x9E3779B9u;
    uint32_t slot = (h ^ h >> 16) & mask;
    while (p->long_tick_generation[slot] == p->generation && p->long_tick_length[slot] != len) {
        slot = (slot + 1) & mask;
    }
    return (int32_t) slot;
}

static void grow_long_ticks(ocp_inline_parser *p)
{
    int32_t *length = p->long_tick_length;
    int32_t *last = p->long_tick_last;
    int32_t *gen = p->long_tick_generation;
    int32_t old = p->long_tick_capacity;
    int32_t capacity = old == 0 ? 16 : old * 2;
    p->long_tick_length = alloc_array(p->ctx, capacity, sizeof(int32_t));
    p->long_tick_last = alloc_array(p->ctx, capacity, sizeof(int32_t));
    p->long_tick_generation = alloc_array(p->ctx, capacity, sizeof(int32_t));
    p->long_tick_capacity = capacity;
    for (int32_t i = 0; i < old; i++) {
        if (gen[i] == p->generation) {
            int32_t slot = long_tick_slot(p, length[i]);
            p->long_tick_length[slot] = length[i];
            p->long_tick_last[slot] = last[i];
            p->long_tick_generation[slot] = p->generation;
        }
    }
    ocp_mem_free(p->ctx, length);
    ocp_mem_free(p->ctx, last);
    ocp_mem_free(p->ctx, gen);
}

static bool is_space_or_line_ending(uint8_t b)
{
    return b == ' ' || b == '\n';
}

/* Code span content: line endings become spaces; one space is stripped from each end if both have one. */
/* Whether a code span's content loses one space or line ending on each side: it starts and ends with one and is
 * not all of them. */
static bool strips_one_space(const ocp_inline_parser *p, int32_t from, int32_t to)
{
    const uint8_t *buf = p->buf;
    if (to - from >= 2 && is_space_or_line_ending(buf[from]) && is_space_or_line_ending(buf[to - 1])) {
        for (int32_t i = from; i < to; i++) {
            if (!is_space_or_line_ending(buf[i])) {
                return true;
            }
        }
    }
    return false;
}

static bool has_line_ending(const ocp_inline_parser *p, int32_t from, int32_t to)
{
    for (int32_t i = from; i < to; i++) {
        if (p->buf[i] == '\n') {
            return true;
        }
    }
    return false;
}

/* A code span's content, U+0000 replaced, its line endings turned into spaces (the literal) or kept as LF (the
 * content as written, slot b from v1.3). With keep_line_endings, or where the content has no line ending, only
 * NUL changes anything: a vector search finds each. */
static int32_t code_content(ocp_inline_parser *p, int32_t from, int32_t to, bool keep_line_endings)
{
    const uint8_t *buf = p->buf;
    ocp_tree *tree = p->tree;
    int32_t nul = keep_line_endings ? ocp_cc_find_nul(buf, from, to) : from;
    if (nul == to) {
        return ocp_tree_string(tree, buf, from, to - from); /* as written: a slice where buf is the source */
    }
    ocp_tree_begin_string(tree);
    int32_t run = from;
    if (keep_line_endings) {
        for (int32_t i = nul; i < to; i = ocp_cc_find_nul(buf, i + 1, to)) {
            ocp_tree_append(tree, buf, run, i - run);
            ocp_tree_append_code_point(tree, 0xFFFD);
            run = i + 1;
        }
    } else {
        for (int32_t i = from; i < to; i++) {
            uint8_t b = buf[i];
            if (b == 0 || b == '\n') {
                ocp_tree_append(tree, buf, run, i - run);
                if (b == 0) {
                    ocp_tree_append_code_point(tree, 0xFFFD);
                } else {
                    ocp_tree_append_byte(tree, ' ');
                }
                run = i + 1;
            }
        }
    }
    ocp_tree_append(tree, buf, run, to - run);
    return ocp_tree_end_string(tree);
}

/* The columns (a tab's as spaces) and bytes of indentation the content line starting at i lost. */
static int32_t indentation(const ocp_inline_parser *p, int32_t i)
{
    return ocp_content_map_indentation_pad(p->map, i) + ocp_content_map_to_source(p->map, i)
           - ocp_content_map_indentation_start(p->map, i);
}

/* Whether a line of the content buf[from, to) after its first lost indentation (v1.5). */
static bool loses_indentation(ocp_inline_parser *p, int32_t from, int32_t to)
{
    for (int32_t i = from; i < to; i++) {
        if (p->buf[i] == '\n' && indentation(p, i + 1) > 0) {
            return true;
        }
    }
    return false;
}

/* The columns of indentation raw HTML loses to its paragraph before what mdast keeps (InlineParser.java). */
#define HTML_KEEPS_PAST 3

/* The column of source offset at on its line, from 0, tabs to their tab stops. */
static int32_t column_of(ocp_inline_parser *p, int32_t at)
{
    const uint8_t *source = p->tree->source;
    int32_t line_start = at;
    while (line_start > 0 && source[line_start - 1] != '\n' && source[line_start - 1] != '\r') {
        line_start--;
    }
    int32_t column = 0;
    for (int32_t k = line_start; k < at; k++) {
        column = source[k] == '\t' ? column + 4 - (column & 3) : column + 1;
    }
    p->work += at - line_start;
    return column;
}

/* The columns the content line starting at i lost: its tab's part, then its bytes up to their tab stops. */
static int32_t lost_columns(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *source = p->tree->source;
    int32_t indent = ocp_content_map_indentation_start(p->map, i);
    int32_t column = column_of(p, indent);
    int32_t start = column;
    int32_t stop = ocp_content_map_to_source(p->map, i);
    for (int32_t k = indent; k < stop; k++) {
        column = source[k] == '\t' ? column + 4 - (column & 3) : column + 1;
    }
    return ocp_content_map_indentation_pad(p->map, i) + column - start;
}

/* Whether a line of the content buf[from, to) after its first lost more than `columns` columns of indentation. */
static bool loses_columns(ocp_inline_parser *p, int32_t from, int32_t to, int32_t columns)
{
    for (int32_t i = from; i < to; i++) {
        if (p->buf[i] == '\n' && indentation(p, i + 1) > 0 && lost_columns(p, i + 1) > columns) {
            return true;
        }
    }
    return false;
}

/* Appends what the content line starting at i lost of its indentation past its first `skip` columns. */
static void append_indentation_past(ocp_inline_parser *p, int32_t i, int32_t skip)
{
    const uint8_t *source = p->tree->source;
    int32_t pad = ocp_content_map_indentation_pad(p->map, i);
    int32_t dropped = pad < skip ? pad : skip;
    for (int32_t k = dropped; k < pad; k++) {
        ocp_tree_append_byte(p->tree, ' ');
    }
    skip -= dropped;
    int32_t k = ocp_content_map_indentation_start(p->map, i);
    int32_t stop = ocp_content_map_to_source(p->map, i);
    int32_t column = column_of(p, k);
    while (k < stop && skip > 0) {
        int32_t width = source[k] == '\t' ? 4 - (column & 3) : 1;
        if (width > skip) {
            for (int32_t left = width - skip; left > 0; left--) {
                ocp_tree_append_byte(p->tree, ' ');
            }
            skip = 0;
        } else {
            skip -= width;
        }
        column += width;
        k++;
    }
    if (k < stop) {
        ocp_tree_append(p->tree, source, k, stop - k);
    }
}

/* Raw HTML buf[from, to) as mdast keeps it (v1.5): after each line ending what the next line's lost indentation
 * has past its first HTML_KEEPS_PAST columns, a tab those columns end inside as the spaces left of it; NUL as
 * U+FFFD. */
static int32_t html_as_written(ocp_inline_parser *p, int32_t from, int32_t to)
{
    ocp_tree_begin_string(p->tree);
    append_as_written(p, p->map, p->buf, from, to, -1, HTML_KEEPS_PAST);
    return ocp_tree_end_string(p->tree);
}

/* Appends the indentation the content line starting at i lost, less its last column when asked. */
static void append_indentation(ocp_inline_parser *p, const ocp_content_map *map, int32_t i, bool less_its_last)
{
    int32_t pad = ocp_content_map_indentation_pad(map, i);
    int32_t indent = ocp_content_map_indentation_start(map, i);
    int32_t bytes = ocp_content_map_to_source(map, i) - indent;
    if (less_its_last) {
        if (bytes > 0) {
            bytes--;
        } else {
            pad--;
        }
    }
    for (; pad > 0; pad--) {
        ocp_tree_append_byte(p->tree, ' ');
    }
    if (bytes > 0) {
        ocp_tree_append(p->tree, p->tree->source, indent, bytes);
    }
}

/* A code span's content buf[q, close) as written: line endings kept, and after each the indentation the next line
 * lost; less its first and last character when CommonMark strips a space or line ending at each end (strip): the
 * last is then the closing line's indentation when it has some. mdast's value. */
static int32_t content_as_written(ocp_inline_parser *p, int32_t q, int32_t close, bool strip)
{
    const uint8_t *buf = p->buf;
    ocp_tree_begin_string(p->tree);
    int32_t from = q;
    int32_t to = close;
    int32_t trim_at = -1;
    if (strip) {
        from++;
        if (buf[q] == '\n') {
            append_indentation(p, p->map, from, false);
        }
        if (buf[close - 1] == '\n' && indentation(p, close) > 0) {
            trim_at = close;
        } else {
            to--;
        }
    }
    append_as_written(p, p->map, buf, from, to, trim_at, 0);
    return ocp_tree_end_string(p->tree);
}

/* Appends buf[from, to) as written (v1.5: a label or a code span's content as written): NUL as U+FFFD, and after
 * each line ending the indentation the next line lost to its paragraph, less its last column for the line that
 * starts at trim_at (a code span whose closing line's indentation stands for the stripped space; -1 for none), or
 * less its first skip_columns columns when that is not 0 (raw HTML's, HTML_KEEPS_PAST). */
static void append_as_written(ocp_inline_parser *p, const ocp_content_map *map, const uint8_t *buf, int32_t from,
                              int32_t to, int32_t trim_at, int32_t skip_columns)
{
    ocp_tree *tree = p->tree;
    int32_t run = from;
    for (int32_t i = from; i < to; i++) {
        uint8_t b = buf[i];
        if (b == 0 || b == '\n') {
            ocp_tree_append(tree, buf, run, i - run);
            if (b == 0) {
                ocp_tree_append_code_point(tree, 0xFFFD);
            } else {
                ocp_tree_append_byte(tree, '\n');
                if (skip_columns > 0) {
                    append_indentation_past(p, i + 1, skip_columns);
                } else {
                    append_indentation(p, map, i + 1, i + 1 == trim_at);
                }
            }
            run = i + 1;
        }
    }
    ocp_tree_append(tree, buf, run, to - run);
}

/* ---- emphasis ---- */

static void push_delimiter(ocp_inline_parser *p, int32_t node, uint8_t c, int32_t s, int32_t e, int flags);

static int32_t delimiter_run(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *buf = p->buf;
    uint8_t c = buf[i];
    int32_t q = i + 1;
    while (q < p->end && buf[q] == c) {
        q++;
    }
    if (c == '~' && q - i > 2) {
        return q; /* three or more tildes never strike: plain text */
    }
    int32_t before = i > p->start ? ocp_cc_decode_before(buf, p->start, i) : '\n';
    int32_t after = q < p->end ? ocp_cc_decode(buf, q, p->end) : '\n';
    /* NUL stands for U+FFFD (spec 2.3), a symbol and so punctuation for flanking. */
    if (before == 0) {
        before = 0xFFFD;
    }
    if (after == 0) {
        after = 0xFFFD;
    }
    bool space_before = ocp_cc_is_whitespace(before);
    bool space_after = ocp_cc_is_whitespace(after);
    bool punct_before = ocp_cc_is_punctuation(before);
    bool punct_after = ocp_cc_is_punctuation(after);
    bool left = !space_after && (!punct_after || space_before || punct_before);
    bool right = !space_before && (!punct_before || space_after || punct_after);
    int flags;
    if (c != '_') {
        flags = (left ? CAN_OPEN : 0) | (right ? CAN_CLOSE : 0);
    } else {
        flags = (left && (!right || punct_before) ? CAN_OPEN : 0) | (right && (!left || punct_after) ? CAN_CLOSE : 0);
    }
    if (flags == 0) {
        return q; /* can neither open nor close: plain text */
    }
    flush_text(p, i);
    /* its string is set when the run leaves the stack */
    int32_t node = ocp_tree_add(p->tree, OCP_KIND_TEXT, p->top, src(p, i), src(p, q));
    push_delimiter(p, node, c, i, q, flags);
    p->text_start = q;
    return q;
}

static void push_delimiter(ocp_inline_parser *p, int32_t node, uint8_t c, int32_t s, int32_t e, int flags)
{
    int32_t d = p->delim_count;
    if (d == p->delim_capacity) {
        int32_t n;
        p->delims = grown(p->ctx, p->delims, d, (int64_t) d * 2, sizeof *p->delims, &n);
        p->delim_capacity = n;
    }
    p->delim_count = d + 1;
    p->delims[d].node = node;
    p->delims[d].ch = c;
    p->delims[d].start = s;
    p->delims[d].end = e;
    p->delims[d].orig = e - s;
    p->delims[d].flags = (uint8_t) flags;
    p->delims[d].prev = p->last_delim;
    p->delims[d].next = OCP_NIL;
    if (p->last_delim != OCP_NIL) {
        p->delims[p->last_delim].next = d;
    }
    p->last_delim = d;
}

/* Takes d off the stack. Its node keeps the characters no emphasis used as its text, or, if none are left,
 * leaves parent. */
static void remove_delimiter(ocp_inline_parser *p, int32_t d, int32_t parent)
{
    int32_t prev = p->delims[d].prev;
    int32_t next = p->delims[d].next;
    if (prev != OCP_NIL) {
        p->delims[prev].next = next;
    }
    if (next != OCP_NIL) {
        p->delims[next].prev = prev;
    } else {
        p->last_delim = prev;
    }
    int32_t node = p->delims[d].node;
    int32_t s = p->delims[d].start;
    int32_t e = p->delims[d].end;
    if (s == e) {
        ocp_tree_unlink(p->tree, parent, node);
    } else {
        ocp_tree_set_string(p->tree, node, 0, ocp_tree_string(p->tree, p->buf, s, e - s));
        ocp_tree_set_span(p->tree, node, src(p, s), src(p, e));
    }
}

static int32_t insert_emphasis(ocp_inline_parser *p, int32_t opener, int32_t closer, int32_t parent);

/* The spec's "process emphasis" over the delimiters above bottom (an index; OCP_NIL for all), whose nodes
 * are children of parent. Removes them all from the stack when done. */
static void process_emphasis(ocp_inline_parser *p, int32_t bottom, int32_t parent)
{
    int32_t closer = OCP_NIL;
    for (int32_t d = p->last_delim; d != OCP_NIL && d > bottom; d = p->delims[d].prev) {
        closer = d;
        p->work++;
    }
    if (closer == OCP_NIL) {
        return; /* no delimiter above bottom (most paragraphs): nothing to pair, nothing to remove */
    }
    int32_t *openers_bottom = p->openers_bottom;
    for (int k = 0; k < 14; k++) {
        openers_bottom[k] = bottom;
    }
    while (closer != OCP_NIL) {
        p->work++;
        int flags = p->delims[closer].flags;
        if ((flags & CAN_CLOSE) == 0) {
            closer = p->delims[closer].next;
            continue;
        }
        uint8_t ch = p->delims[closer].ch;
        int32_t closer_length = p->delims[closer].orig;
        int slot = ch == '~' ? 11 + (int) closer_length
                   : (ch == '_' ? 6 : 0) + ((flags & CAN_OPEN) != 0 ? 3 : 0) + (int) (closer_length % 3);
        int32_t limit = openers_bottom[slot];
        int32_t opener = p->delims[closer].prev;
        while (opener != OCP_NIL && opener > limit) {
            p->work++;
            int of = p->delims[opener].flags;
            if (p->delims[opener].ch == ch && (of & CAN_OPEN) != 0) {
                int32_t opener_length = p->delims[opener].orig;
                if (ch == '~') {
                    if (opener_length == closer_length) {
                        break; /* strikethrough pairs runs of the same length */
                    }
                } else {
                    /* Rule of 3: if either can both open and close, the run lengths' sum must not be a
                     * multiple of 3 unless both are. */
                    bool both_ways = (flags & CAN_OPEN) != 0 || (of & CAN_CLOSE) != 0;
                    if (!both_ways || (opener_length + closer_length) % 3 != 0
                            || (opener_length % 3 == 0 && closer_length % 3 == 0)) {
                        break;
                    }
                }
            }
            opener = p->delims[opener].prev;
        }
        if (opener != OCP_NIL && opener > limit) {
            closer = insert_emphasis(p, opener, closer, parent);
        } else {
            /* No opener for this kind of closer up to here: later searches of this kind stop here. */
            openers_bottom[slot] = closer - 1;
            int32_t next = p->delims[closer].next;
            if ((flags & CAN_OPEN) == 0) {
                remove_delimiter(p, closer, parent);
            }
            closer = next;
        }
    }
    while (p->last_delim != OCP_NIL && p->last_delim > bottom) {
        remove_delimiter(p, p->last_delim, parent);
    }
}

/* Wraps the nodes between opener and closer in emphasis or strikethrough; returns the closer to continue
 * with. */
static int32_t insert_emphasis(ocp_inline_parser *p, int32_t opener, int32_t closer, int32_t parent)
{
    ocp_tree *tree = p->tree;
    bool strike = p->delims[opener].ch == '~';
    int32_t use = strike ? p->delims[closer].orig
                  : p->delims[opener].end - p->delims[opener].start >= 2
                          && p->delims[closer].end - p->delims[closer].start >= 2 ? 2 : 1;
    p->delims[opener].end -= use;
    p->delims[closer].start += use;
    int32_t opener_node = p->delims[opener].node;
    int32_t closer_node = p->delims[closer].node;
    int32_t em = ocp_tree_new_node(tree, strike ? OCP_KIND_STRIKETHROUGH : use == 2 ? OCP_KIND_STRONG : OCP_KIND_EMPHASIS,
                                   src(p, p->delims[opener].end), src(p, p->delims[closer].start));
    if (!strike) {
        ocp_tree_set_data(tree, em, p->delims[opener].ch);
    }
    int32_t first = ocp_tree_next_sibling(tree, opener_node);
    if (first != closer_node) {
        ocp_tree_move_range(tree, parent, first, ocp_tree_previous_sibling(tree, closer_node), em);
    }
    ocp_tree_insert_before(tree, parent, closer_node, em);
    for (int32_t d = p->delims[opener].next; d != closer;) {
        int32_t next = p->delims[d].next;
        remove_delimiter(p, d, em);
        d = next;
    }
    if (p->delims[opener].start == p->delims[opener].end) {
        remove_delimiter(p, opener, parent);
    }
    if (p->delims[closer].start == p->delims[closer].end) {
        int32_t next = p->delims[closer].next;
        remove_delimiter(p, closer, parent);
        return next;
    }
    return closer;
}

/* ---- autolink literals (GFM) ---- */

static const uint8_t MAILTO[] = {'m', 'a', 'i', 'l', 't', 'o', ':'};
static const uint8_t HTTP[] = {'h', 't', 't', 'p', ':', '/', '/'};

static int32_t www_autolink(ocp_inline_parser *p, int32_t i);
static int32_t scheme_autolink(ocp_inline_parser *p, int32_t i);
static int32_t email_autolink(ocp_inline_parser *p, int32_t at);
static int32_t micromark_literal(ocp_inline_parser *p, int32_t i);

/* An autolink literal met at buf[i] (InlineParser.autolinkLiteral): www. at its first w, http://, https:// or
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

/* cmark-gfm's domain check from d (InlineParser.checkDomain): how far a domain reaches, or 0 if it is no domain
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

/* cmark-gfm's trailing-punctuation rule for a link candidate buf[from, to) (InlineParser.trimLinkEnd). Returns
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

/* ---- autolink literals as micromark reads them (OCP_FLAVOR_MICROMARK) ---- */

static bool previous_allows_www(uint8_t b);
static bool is_micromark_space(int32_t cp);
static int32_t micromark_domain(ocp_inline_parser *p, int32_t d);
static int32_t micromark_path(ocp_inline_parser *p, int32_t q);
static bool trail_ends(ocp_inline_parser *p, int32_t i);
static int32_t micromark_email(ocp_inline_parser *p, int32_t at);
static int32_t micromark_email_end(ocp_inline_parser *p, int32_t s, int32_t at);
static int32_t micromark_email_from(ocp_inline_parser *p, int32_t i);

/* An autolink literal as micromark-extension-gfm-autolink-literal finds one, met at buf[i] as autolink_literal
 * meets it (InlineParser.micromarkLiteral): www. in any case after a space, line ending, ( * _ [ ] ~ or nothing;
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
        if (cp < 0x20 || cp == 0x7F || is_micromark_space(cp) || ocp_cc_is_punctuation(cp)) {
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
static bool is_micromark_space(int32_t cp)
{
    return cp == 0x0B || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || ocp_cc_is_whitespace(cp);
}

/* The domain from d (InlineParser.micromarkDomain): where it ends, or -1 when an underscore is in its last two
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
            if (cp < 0 || is_micromark_space(cp) || (b != '-' && ocp_cc_is_punctuation(cp))) {
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

/* The path from q, after a domain (InlineParser.micromarkPath): up to whitespace or the content's end, or to
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
                   || (b >= 0x80 && is_micromark_space(ocp_cc_decode(buf, q, p->end)))) {
            break;
        }
        q++;
    }
    p->work += q - from;
    return q;
}

/* Whether only trailing punctuation follows from i up to whitespace, < or the content's end
 * (InlineParser.trailEnds): ! " ' ) * , . : ; ? _ ~, character-reference-like &name;, and ] (which also ends the
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
            ends = b >= 0x80 && is_micromark_space(ocp_cc_decode(buf, q, end));
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

/* An e-mail address as micromark finds one, met at its @ (InlineParser.micromarkEmail): the local part taken back
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

/* A _ run, or an e-mail address it starts (InlineParser.emailOrDelimiterRun): micromark tries the address first,
 * and _ is a local-part character (_a@b.c is one link, where the pending text's local part never holds the run,
 * since the main loop stops at the _). */
static int32_t email_or_delimiter_run(ocp_inline_parser *p, int32_t i)
{
    int32_t q = micromark_email_from(p, i);
    return q >= 0 ? emit_autolink_literal(p, i, q, MAILTO, (int32_t) sizeof MAILTO) : delimiter_run(p, i);
}

/* Where an e-mail address that starts at buf[i] ends, or -1 if none does (InlineParser.micromarkEmailFrom):
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
 * (InlineParser.micromarkEmailEnd). */
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

/* ---- links and images ---- */

static int32_t open_bracket(ocp_inline_parser *p, int32_t i, bool image)
{
    flush_text(p, i);
    int32_t q = i + (image ? 2 : 1);
    int32_t node = ocp_tree_add(p->tree, OCP_KIND_TEXT, p->top, src(p, i), src(p, q));
    ocp_tree_set_string(p->tree, node, 0, ocp_tree_string(p->tree, p->buf, i, q - i));
    int32_t b = p->bracket_count;
    if (b == p->bracket_capacity) {
        int32_t n;
        p->brackets = grown(p->ctx, p->brackets, b, (int64_t) b * 2, sizeof *p->brackets, &n);
        p->bracket_capacity = n;
    }
    p->bracket_count = b + 1;
    p->brackets[b].node = node;
    p->brackets[b].pos = i;
    p->brackets[b].prev_delim = p->last_delim;
    p->brackets[b].image = image;
    p->text_start = q;
    return q;
}

static void pop_bracket(ocp_inline_parser *p)
{
    p->bracket_count--;
    if (p->inactive_below > p->bracket_count) {
        p->inactive_below = p->bracket_count;
    }
}

static inline int32_t max32(int32_t a, int32_t b)
{
    return a > b ? a : b;
}

static bool has_space_or_line_ending(const uint8_t *buf, int32_t from, int32_t to)
{
    for (int32_t k = from; k < to; k++) {
        if (buf[k] == ' ' || buf[k] == '\t' || buf[k] == '\n' || buf[k] == '\r') {
            return true;
        }
    }
    return false;
}

/* Whether the bracket closing at i without being a link is a footnote call (GFM): its content buf[text_from, i)
 * starts with '^' and the label after it, as written, names a definition, whatever the inline parse made of it
 * (InlineParser.java says why). */
static bool is_footnote_call(ocp_inline_parser *p, int32_t text_from, int32_t i)
{
    if (i - text_from < 2 || p->buf[text_from] != '^') {
        return false;
    }
    /* A label first: the scan stops at a bracket or past 999 characters, which keeps nested brackets linear. */
    bool is_label = ocp_ls_is_label_content(&p->scan, p->buf, text_from, i);
    p->work += p->scan.stop - text_from;
    if (!is_label || (p->micromark && has_space_or_line_ending(p->buf, text_from + 1, i))) {
        return false; /* micromark's footnote labels hold no whitespace ([^ a] is text) */
    }
    ocp_refs_normalize(&p->footnotes, p->buf, text_from + 1, i);
    bool found = ocp_refs_lookup_normalized(&p->footnotes) >= 0;
    p->work += i - text_from + p->footnotes.work;
    p->footnotes.work = 0;
    return found;
}

/* Replaces bracket b and its label by a FOOTNOTE_REFERENCE spanning [^label]: what the label was parsed into so
 * far (text, code spans, delimiter runs not yet paired) goes. An image's bracket ![ leaves its ! as text before
 * the reference, as micromark and commonmark-java read ![^a]. */
static int32_t footnote_reference(ocp_inline_parser *p, int32_t b, int32_t text_from, int32_t i, bool image)
{
    ocp_tree *tree = p->tree;
    int32_t opener = p->brackets[b].pos;
    while (p->last_delim != OCP_NIL && p->last_delim > p->brackets[b].prev_delim) {
        remove_delimiter(p, p->last_delim, p->top);
    }
    int32_t label = ocp_tree_next_sibling(tree, p->brackets[b].node);
    while (label != OCP_NIL) {
        int32_t next = ocp_tree_next_sibling(tree, label);
        ocp_tree_unlink(tree, p->top, label);
        label = next;
    }
    p->text_needs_decoding = false;
    if (image) {
        ocp_tree_set_string(tree, p->brackets[b].node, 0, ocp_tree_string(tree, p->buf, opener, 1));
        ocp_tree_set_span_end(tree, p->brackets[b].node, src(p, opener + 1));
        opener++;
    } else {
        ocp_tree_unlink(tree, p->top, p->brackets[b].node);
    }
    int32_t ref = ocp_tree_add(tree, OCP_KIND_FOOTNOTE_REFERENCE, p->top, src(p, opener), src(p, i + 1));
    ocp_tree_set_string(tree, ref, 2, ocp_tree_string(tree, p->buf, text_from + 1, i - text_from - 1));
    pop_bracket(p);
    p->text_start = i + 1;
    return i + 1;
}

/* The spec's "look for link or image" at buf[i] == ']'. */
static int32_t close_bracket(ocp_inline_parser *p, int32_t i)
{
    if (p->bracket_count == 0) {
        return i + 1;
    }
    const uint8_t *buf = p->buf;
    int32_t end = p->end;
    ocp_tree *tree = p->tree;
    ocp_link_scanner *scan = &p->scan;
    int32_t b = p->bracket_count - 1;
    bool image = p->brackets[b].image;
    if (!image && b < p->inactive_below) {
        pop_bracket(p);
        return i + 1;
    }
    int32_t text_from = p->brackets[b].pos + (image ? 2 : 1);
    int32_t after = i + 1;
    int32_t link_end = -1;
    int32_t dest_from = 0;
    int32_t dest_to = 0;
    int32_t title_from = -1;
    int32_t title_to = -1;
    int32_t reference = -1;
    int reference_flag = 0; /* OCP_FLAG_REFERENCE_*, with the label's range in buf */
    int32_t label_from = 0;
    int32_t label_to = 0;
    int32_t far = after; /* how far the attempts below read, for the work count */
    /* Inline: ( destination? title? ) with spaces, tabs and up to one line ending between the parts. */
    if (after < end && buf[after] == '(') {
        int32_t d = ocp_ls_skip_space_tab_newline(buf, after + 1, end);
        int32_t de = ocp_ls_scan_destination(scan, buf, d, end);
        far = max32(d, scan->stop);
        if (de >= 0) {
            int32_t r = ocp_ls_skip_space_tab_newline(buf, de, end);
            int32_t t = r;
            int32_t te = -1;
            if (r > de) {
                te = ocp_ls_scan_title(scan, buf, r, end);
                far = max32(far, scan->stop);
            }
            if (te >= 0) {
                t = ocp_ls_skip_space_tab_newline(buf, te, end);
            }
            far = max32(far, t);
            if (t < end && buf[t] == ')') {
                link_end = t + 1;
                bool pointy = d < de && buf[d] == '<';
                dest_from = pointy ? d + 1 : d;
                dest_to = pointy ? de - 1 : de;
                if (te >= 0) {
                    title_from = r + 1;
                    title_to = te - 1;
                }
            }
        }
    }
    /* References: full [text][label], collapsed [text][], shortcut [text]. */
    if (link_end < 0 && ocp_refs_size(&p->refs) > 0) {
        int32_t label_end = -1;
        if (after < end && buf[after] == '[') {
            label_end = ocp_ls_scan_label(scan, buf, after, end);
            far = max32(far, scan->stop);
        }
        if (label_end >= 0) {
            ocp_refs_normalize(&p->refs, buf, after + 1, label_end - 1);
            p->work += label_end - after;
            reference = ocp_refs_lookup_normalized(&p->refs);
            link_end = reference >= 0 ? label_end : -1;
            reference_flag = OCP_FLAG_REFERENCE_FULL;
            label_from = after + 1;
            label_to = label_end - 1;
        } else if (p->micromark && after + 1 < end && buf[after] == '[' && buf[after + 1] != ']') {
            /* micromark: a [ after the text that opens neither a full reference nor [] leaves no reference at all
             * (CommonMark reads a shortcut, [x] in [x][ ]). */
            link_end = -1;
        } else {
            /* Collapsed or shortcut: the link text itself must be a label. (A following [...] that is not a
             * label, such as "[ ]", leaves a shortcut reference.) */
            bool is_label = ocp_ls_is_label_content(scan, buf, text_from, i);
            p->work += scan->stop - text_from;
            if (is_label) {
                bool collapsed = after + 1 < end && buf[after] == '[' && buf[after + 1] == ']';
                p->work += i - text_from;
                ocp_refs_normalize(&p->refs, buf, text_from, i);
                reference = ocp_refs_lookup_normalized(&p->refs);
                if (reference >= 0) {
                    link_end = collapsed ? after + 2 : after;
                    reference_flag = collapsed ? OCP_FLAG_REFERENCE_COLLAPSED : OCP_FLAG_REFERENCE_SHORTCUT;
                    label_from = text_from;
                    label_to = i;
                }
            }
        }
    }
    p->work += far - i;
    if (link_end < 0) {
        if (ocp_refs_size(&p->footnotes) > 0 && is_footnote_call(p, text_from, i)) {
            return footnote_reference(p, b, text_from, i, image);
        }
        pop_bracket(p);
        return i + 1; /* the ']' stays in the text run */
    }
    flush_text(p, i);
    int32_t link = ocp_tree_new_node(tree, image ? OCP_KIND_IMAGE : OCP_KIND_LINK, src(p, p->brackets[b].pos),
                                     src(p, link_end));
    if (reference >= 0) {
        ocp_tree_set_string(tree, link, 0, ocp_refs_destination(&p->refs, reference));
        int32_t title = ocp_refs_title(&p->refs, reference);
        if ((uint32_t) title != OCP_NONE) {
            ocp_tree_set_string(tree, link, 1, title);
        }
        ocp_tree_set_flags(tree, link, reference_flag);
        ocp_tree_begin_string(tree);
        append_as_written(p, p->map, buf, label_from, label_to, -1, 0);
        ocp_tree_set_string(tree, link, 2, ocp_tree_end_string(tree));
    } else {
        ocp_tree_begin_string(tree);
        ocp_inline_append_unescaped(tree, buf, dest_from, dest_to);
        ocp_tree_set_string(tree, link, 0, ocp_tree_end_string(tree));
        if (title_from >= 0) {
            ocp_tree_begin_string(tree);
            ocp_inline_append_unescaped(tree, buf, title_from, title_to);
            ocp_tree_set_string(tree, link, 1, ocp_tree_end_string(tree));
        }
    }
    int32_t opener_node = p->brackets[b].node;
    int32_t first = ocp_tree_next_sibling(tree, opener_node);
    if (first != OCP_NIL) {
        ocp_tree_move_range(tree, p->top, first, ocp_tree_last_child(tree, p->top), link);
    }
    ocp_tree_unlink(tree, p->top, opener_node);
    ocp_tree_append_child(tree, p->top, link);
    process_emphasis(p, p->brackets[b].prev_delim, link);
    pop_bracket(p);
    if (!image) {
        p->inactive_below = p->bracket_count; /* links may not contain links: every [ before this one is now inert */
    }
    p->text_start = link_end;
    return link_end;
}

/* ---- autolinks and raw HTML ---- */

static const uint8_t CDATA[] = {'[', 'C', 'D', 'A', 'T', 'A', '['};

static int32_t scan_html(ocp_inline_parser *p, int32_t i);

static int32_t angle_bracket(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *buf = p->buf;
    ocp_tree *tree = p->tree;
    ocp_link_scanner *scan = &p->scan;
    int32_t q = ocp_ls_scan_uri_autolink(scan, buf, i, p->end);
    p->work += scan->stop - i;
    bool email = false;
    if (q < 0) {
        q = ocp_ls_scan_email_autolink(scan, buf, i, p->end);
        p->work += scan->stop - i;
        email = q >= 0;
    }
    if (q >= 0) {
        flush_text(p, i);
        int32_t link = ocp_tree_add(tree, OCP_KIND_LINK, p->top, src(p, i), src(p, q));
        ocp_tree_set_flags(tree, link, OCP_FLAG_LINK_AUTOLINK);
        ocp_tree_begin_string(tree);
        if (email) {
            ocp_tree_append(tree, MAILTO, 0, (int32_t) sizeof MAILTO);
        }
        append_raw(tree, buf, i + 1, q - 1);
        ocp_tree_set_string(tree, link, 0, ocp_tree_end_string(tree));
        int32_t text = ocp_tree_add(tree, OCP_KIND_TEXT, link, src(p, i + 1), src(p, q - 1));
        ocp_tree_begin_string(tree);
        append_raw(tree, buf, i + 1, q - 1);
        ocp_tree_set_string(tree, text, 0, ocp_tree_end_string(tree));
        p->text_start = q;
        return q;
    }
    q = scan_html(p, i);
    if (q >= 0) {
        flush_text(p, i);
        int32_t html = ocp_tree_add(tree, OCP_KIND_HTML_INLINE, p->top, src(p, i), src(p, q));
        ocp_tree_begin_string(tree);
        append_raw(tree, buf, i, q);
        ocp_tree_set_string(tree, html, 0, ocp_tree_end_string(tree));
        if (loses_columns(p, i, q, HTML_KEEPS_PAST)) {
            ocp_tree_set_string(tree, html, 2, html_as_written(p, i, q)); /* v1.5: what mdast keeps of it */
        }
        p->text_start = q;
        return q;
    }
    return i + 1;
}

static int32_t find(ocp_inline_parser *p, int kind, int32_t from);

/* Raw HTML at buf[i] == '<': returns the index after it, or -1. */
static int32_t scan_html(ocp_inline_parser *p, int32_t i)
{
    const uint8_t *buf = p->buf;
    int32_t end = p->end;
    if (i + 1 >= end) {
        return -1;
    }
    uint8_t c = buf[i + 1];
    if (ocp_cc_is_letter(c)) {
        int32_t q = ocp_ls_scan_open_tag(&p->scan, buf, i, end);
        p->work += p->scan.stop - i;
        return q;
    }
    if (c == '/') {
        int32_t q = ocp_ls_scan_closing_tag(&p->scan, buf, i, end);
        p->work += p->scan.stop - i;
        return q;
    }
    if (c == '?') {
        int32_t at = find(p, FIND_PI, i + 2);
        return at < 0 ? -1 : at + 2;
    }
    if (c != '!' || i + 2 >= end) {
        return -1;
    }
    uint8_t d = buf[i + 2];
    if (d == '-') {
        if (i + 3 >= end || buf[i + 3] != '-') {
            return -1;
        }
        int32_t q = i + 4;
        if (q < end && buf[q] == '>') {
            return q + 1; /* <!--> */
        }
        if (q + 1 < end && buf[q] == '-' && buf[q + 1] == '>') {
            return q + 2; /* <!---> */
        }
        int32_t at = find(p, FIND_COMMENT, q);
        return at < 0 ? -1 : at + 3;
    }
    if (d == '[') {
        if (end - (i + 2) < (int32_t) sizeof CDATA || memcmp(buf + i + 2, CDATA, sizeof CDATA) != 0) {
            return -1;
        }
        int32_t at = find(p, FIND_CDATA, i + 2 + (int32_t) sizeof CDATA);
        return at < 0 ? -1 : at + 3;
    }
    if (ocp_cc_is_letter(d)) {
        int32_t at = find(p, FIND_DECLARATION, i + 3);
        return at < 0 ? -1 : at + 1;
    }
    return -1;
}

/* The first occurrence at or after from of the terminator of kind (-->, ?>, ]]>, >), or -1. Remembers the
 * last answer: queries come in increasing order, so each byte is scanned at most once per kind and parse. */
static int32_t find(ocp_inline_parser *p, int kind, int32_t from)
{
    int32_t cached_from = p->find_from[kind];
    if (cached_from >= 0 && from >= cached_from && (p->find_at[kind] < 0 || from <= p->find_at[kind])) {
        return p->find_at[kind];
    }
    int32_t at = -1;
    const uint8_t *b = p->buf;
    int32_t end = p->end;
    for (int32_t i = from; i < end; i++) {
        uint8_t x = b[i];
        if (kind == FIND_DECLARATION) {
            if (x == '>') {
                at = i;
                break;
            }
        } else if (kind == FIND_COMMENT) {
            if (x == '-' && i + 2 < end && b[i + 1] == '-' && b[i + 2] == '>') {
                at = i;
                break;
            }
        } else if (kind == FIND_PI) {
            if (x == '?' && i + 1 < end && b[i + 1] == '>') {
                at = i;
                break;
            }
        } else if (x == ']' && i + 2 < end && b[i + 1] == ']' && b[i + 2] == '>') {
            at = i;
            break;
        }
    }
    p->work += (at < 0 ? end : at) - from;
    p->find_from[kind] = from;
    p->find_at[kind] = at;
    return at;
}

/* ---- MDX: JSX and expressions ---- */

/* The scanner failed at a content offset: place it in the source. */
static void mdx_failure(void *host, int32_t at, const char *rule_id, const char *reason)
{
    ocp_inline_parser *p = host;
    ocp_mdx_syntax_error(p->ctx, p->tree->source, p->tree->source_length, src(p, at), -1, rule_id, reason);
}

/* An expression in text: {...} with balanced braces, whose source is what is between them. */
static int32_t expression(ocp_inline_parser *p, int32_t i)
{
    int32_t e = ocp_mdx_expression(&p->mdx_scanner, p->buf, i, p->end);
    flush_text(p, i);
    int32_t node = ocp_tree_add(p->tree, OCP_KIND_MDX_EXPRESSION_TEXT, p->top, src(p, i), src(p, e));
    ocp_tree_set_string(p->tree, node, 0, ocp_tree_string(p->tree, p->buf, i + 1, e - 2 - i));
    p->work += e - i;
    p->text_start = e;
    return e;
}

static void push_jsx(ocp_inline_parser *p, int32_t node, int32_t i)
{
    if (p->jsx_depth == p->jsx_capacity) {
        int32_t n;
        p->jsx = grown(p->ctx, p->jsx, p->jsx_depth, (int64_t) p->jsx_depth * 2, sizeof *p->jsx, &n);
        p->jsx_capacity = n;
    }
    if (p->jsx_opened == p->jsx_open_capacity) {
        p->jsx_open_node = grown(p->ctx, p->jsx_open_node, p->jsx_opened, (int64_t) p->jsx_opened * 2, sizeof(int32_t),
                                 &p->jsx_open_capacity);
    }
    p->jsx[p->jsx_depth].node = node;
    p->jsx[p->jsx_depth].start = i;
    p->jsx[p->jsx_depth].open_index = p->jsx_opened;
    p->jsx_open_node[p->jsx_opened++] = node;
    p->jsx_depth++;
}

/* A syntax error from content offset at (to `to`, or a point when -1), placed in the source. */
_Noreturn static void syntax(ocp_inline_parser *p, int32_t at, int32_t to, const char *rule_id, const char *reason)
{
    ocp_mdx_syntax_error(p->ctx, p->tree->source, p->tree->source_length, src(p, at), to < 0 ? -1 : src(p, to),
                         rule_id, reason);
}

/* A JSX tag in text. An opening tag adds its element, and its closing tag a marker: emphasis and links pair across
 * tags as markdown-rs pairs them, and once they are resolved resolve_jsx moves the nodes between an element and its
 * marker into the element (as a link takes its text). A self-closing tag is an element without children. Not a
 * tag: the '<' is text. */
static int32_t jsx_tag(ocp_inline_parser *p, int32_t i)
{
    ocp_mdx_scanner *t = &p->mdx_scanner;
    ocp_tree *tree = p->tree;
    int32_t e = ocp_mdx_tag(t, p->buf, i, p->end);
    if (e == OCP_MDX_NOK) {
        return i + 1;
    }
    p->work += e - i;
    flush_text(p, i);
    p->text_start = e;
    if (!t->closing) {
        int32_t node = ocp_tree_add(tree, OCP_KIND_MDX_JSX_TEXT, p->top, src(p, i), src(p, e));
        ocp_mdx_tag_fields(tree, node, t, p->buf, p->map);
        if (!t->self_closing) {
            push_jsx(p, node, i);
        }
        return e;
    }
    if (p->jsx_depth == 0) {
        int32_t slash = i + 1;
        while (p->buf[slash] != '/') {
            slash++;
        }
        syntax(p, slash, -1, "unexpected-closing-slash", "Unexpected closing slash `/` in tag, expected an open tag "
               "first");
    }
    if (t->closing_extra >= 0) {
        syntax(p, t->closing_extra, -1,
               t->closing_extra_is_slash ? "unexpected-self-closing-slash" : "unexpected-attribute",
               t->closing_extra_is_slash ? "Unexpected self-closing slash `/` in closing tag, expected the end of the tag"
                                         : "Unexpected attribute in closing tag, expected the end of the tag");
    }
    int32_t d = p->jsx_depth - 1;
    int32_t element = p->jsx[d].node;
    if (!ocp_mdx_same_name(tree, element, p->buf, t)) {
        ocp_mdx_text m = {{0}, 0};
        ocp_mdx_text_add(&m, "Unexpected closing tag `");
        ocp_mdx_text_add_closing_label(&m, p->buf, t);
        ocp_mdx_text_add(&m, "`, expected corresponding closing tag for `");
        ocp_mdx_text_add_label(&m, tree, element, false);
        ocp_mdx_text_add(&m, "` (");
        ocp_mdx_text_add_line_column(&m, tree->source, tree->source_length, src(p, p->jsx[d].start));
        ocp_mdx_text_add(&m, ")");
        syntax(p, i, e, "end-tag-mismatch", m.chars);
    }
    if (p->jsx_closed == p->jsx_closed_capacity) {
        int32_t n;
        p->jsx_closing = grown(p->ctx, p->jsx_closing, p->jsx_closed, (int64_t) p->jsx_closed * 2,
                               sizeof *p->jsx_closing, &n);
        p->jsx_closed_capacity = n;
    }
    p->jsx_closing[p->jsx_closed].marker = ocp_tree_add(tree, OCP_KIND_MDX_JSX_TEXT, p->top, src(p, i), src(p, e));
    p->jsx_closing[p->jsx_closed].open_index = p->jsx[d].open_index;
    p->jsx_closed++;
    p->jsx_depth--;
    return e;
}

static bool is_inline_container(int kind)
{
    return kind == OCP_KIND_EMPHASIS || kind == OCP_KIND_STRONG || kind == OCP_KIND_STRIKETHROUGH
           || kind == OCP_KIND_LINK || kind == OCP_KIND_IMAGE;
}

/* markdown-rs's name of an inline container, for messages. */
static const char *inline_name(const ocp_tree *tree, int32_t node)
{
    int k = ocp_tree_kind(tree, node);
    return k == OCP_KIND_EMPHASIS ? "Emphasis" : k == OCP_KIND_STRONG ? "Strong"
           : k == OCP_KIND_STRIKETHROUGH ? "GfmStrikethrough" : k == OCP_KIND_LINK ? "Link" : "Image";
}

static void push_open(ocp_inline_parser *p, int32_t *open, int32_t node)
{
    if (*open == p->open_capacity) {
        p->open_stack = grown(p->ctx, p->open_stack, p->open_capacity, (int64_t) *open * 2, sizeof(int32_t),
                              &p->open_capacity);
    }
    p->open_stack[(*open)++] = node;
}

/* InlineParser.resolveJsx: markdown-rs's to_mdast check in document order (a closing tag must find its element on
 * top of the open nodes, an emphasis or link must not end while an element opened inside it is open), then the
 * nodes between each element and its closing tag moved into the element, inner elements first. */
static void resolve_jsx(ocp_inline_parser *p)
{
    ocp_tree *tree = p->tree;
    int32_t depth = 0;
    int32_t open = 0;
    int32_t next_open = 0;
    int32_t next_marker = 0;
    int32_t n = ocp_tree_first_child(tree, p->top);
    for (;;) {
        if (n != OCP_NIL) {
            p->work++;
            if (next_open < p->jsx_opened && n == p->jsx_open_node[next_open]) {
                push_open(p, &open, n);
                next_open++;
            } else if (next_marker < p->jsx_closed && n == p->jsx_closing[next_marker].marker) {
                int32_t element = p->jsx_open_node[p->jsx_closing[next_marker].open_index];
                int32_t on_top = p->open_stack[open - 1];
                if (on_top != element) {
                    ocp_mdx_text m = {{0}, 0};
                    ocp_mdx_text_add(&m, "Expected the closing tag `");
                    ocp_mdx_text_add_label(&m, tree, element, true);
                    ocp_mdx_text_add(&m, "` either before the start of `");
                    ocp_mdx_text_add(&m, inline_name(tree, on_top));
                    ocp_mdx_text_add(&m, "` (");
                    ocp_mdx_text_add_line_column(&m, tree->source, tree->source_length,
                                                 ocp_tree_span_start(tree, on_top));
                    ocp_mdx_text_add(&m, "), or another opening tag after that start");
                    ocp_mdx_syntax_error(p->ctx, tree->source, tree->source_length, ocp_tree_span_start(tree, n), -1,
                                         "end-tag-mismatch", m.chars);
                }
                open--;
                p->jsx_closing[next_marker++].parent = depth == 0 ? p->top : p->walk_stack[depth - 1];
            } else if (is_inline_container(ocp_tree_kind(tree, n))) {
                push_open(p, &open, n);
                if (depth == p->walk_capacity) {
                    p->walk_stack = grown(p->ctx, p->walk_stack, p->walk_capacity, (int64_t) depth * 2,
                                          sizeof(int32_t), &p->walk_capacity);
                }
                p->walk_stack[depth++] = n;
                n = ocp_tree_first_child(tree, n);
                continue;
            }
            n = ocp_tree_next_sibling(tree, n);
        } else {
            if (depth == 0) {
                break;
            }
            int32_t container = p->walk_stack[--depth];
            int32_t on_top = p->open_stack[open - 1];
            if (on_top != container) {
                ocp_mdx_text m = {{0}, 0};
                ocp_mdx_text_add(&m, "Expected a closing tag for `");
                ocp_mdx_text_add_label(&m, tree, on_top, false);
                ocp_mdx_text_add(&m, "` (");
                ocp_mdx_text_add_line_column(&m, tree->source, tree->source_length, ocp_tree_span_start(tree, on_top));
                ocp_mdx_text_add(&m, ") before the end of `");
                ocp_mdx_text_add(&m, inline_name(tree, container));
                ocp_mdx_text_add(&m, "`");
                ocp_mdx_syntax_error(p->ctx, tree->source, tree->source_length, ocp_tree_span_end(tree, container), -1,
                                     "end-tag-mismatch", m.chars);
            }
            open--;
            n = ocp_tree_next_sibling(tree, container);
        }
    }
    for (int32_t i = 0; i < p->jsx_closed; i++) {
        int32_t element = p->jsx_open_node[p->jsx_closing[i].open_index];
        int32_t marker = p->jsx_closing[i].marker;
        int32_t parent = p->jsx_closing[i].parent;
        int32_t first = ocp_tree_next_sibling(tree, element);
        if (first != marker) {
            ocp_tree_move_range(tree, parent, first, ocp_tree_previous_sibling(tree, marker), element);
        }
        ocp_tree_set_span_end(tree, element, ocp_tree_span_end(tree, marker));
        ocp_tree_unlink(tree, parent, marker);
    }
}

/* The content ends with an element still open. */
_Noreturn static void unclosed_jsx_text(ocp_inline_parser *p)
{
    ocp_tree *tree = p->tree;
    int32_t d = p->jsx_depth - 1;
    int k = ocp_tree_kind(tree, p->top);
    const char *leaf = k == OCP_KIND_HEADING
                           ? ((ocp_tree_flags(tree, p->top) & OCP_FLAG_HEADING_SETEXT) != 0 ? "HeadingSetextText"
                                                                                              : "HeadingAtxText")
                       : k == OCP_KIND_TABLE_CELL ? "GfmTableCell"
                                                  : "Paragraph";
    ocp_mdx_text m = {{0}, 0};
    ocp_mdx_text_add(&m, "Expected a closing tag for `");
    ocp_mdx_text_add_label(&m, tree, p->jsx[d].node, false);
    ocp_mdx_text_add(&m, "` (");
    ocp_mdx_text_add_line_column(&m, tree->source, tree->source_length, src(p, p->jsx[d].start));
    ocp_mdx_text_add(&m, ") before the end of `");
    ocp_mdx_text_add(&m, leaf);
    ocp_mdx_text_add(&m, "`");
    syntax(p, p->end, -1, "end-tag-mismatch", m.chars);
}

/* ---- limits ---- */

/* Fails if inline containers under top nest deeper than the limit; an iterative walk. */
static void check_nesting(ocp_inline_parser *p)
{
    ocp_tree *tree = p->tree;
    int32_t depth = 0;
    int32_t n = ocp_tree_first_child(tree, p->top);
    while (1) {
        if (n != OCP_NIL) {
            p->work++;
            int k = ocp_tree_kind(tree, n);
            if (k == OCP_KIND_EMPHASIS || k == OCP_KIND_STRONG || k == OCP_KIND_STRIKETHROUGH || k == OCP_KIND_LINK
                    || k == OCP_KIND_IMAGE || k == OCP_KIND_MDX_JSX_TEXT) {
                if ((uint32_t) depth + 1 > p->max_nesting) {
                    ocp_fail(p->ctx, OCP_LIMIT_EXCEEDED,
                             "emphasis, strikethrough, links, images and JSX elements nest deeper than "
                             "maxInlineNesting %u",
                             (unsigned) p->max_nesting);
                }
                int32_t child = ocp_tree_first_child(tree, n);
                if (child != OCP_NIL) {
                    if (depth == p->walk_capacity) {
                        p->walk_stack = grown(p->ctx, p->walk_stack, p->walk_capacity, (int64_t) depth * 2,
                                              sizeof(int32_t), &p->walk_capacity);
                    }
                    p->walk_stack[depth++] = n;
                    n = child;
                    continue;
                }
            }
            n = ocp_tree_next_sibling(tree, n);
        } else {
            if (depth == 0) {
                return;
            }
            n = ocp_tree_next_sibling(tree, p->walk_stack[--depth]);
        }
    }
}

/* ---- link reference definitions ---- */

int32_t ocp_inline_parse_definition(ocp_inline_parser *p, const uint8_t *buf, int32_t off, int32_t len,
                                    const ocp_content_map *map, int32_t container, int32_t paragraph)
{
    ocp_tree *tree = p->tree;
    ocp_link_scanner *scan = &p->scan;
    int32_t end = off + len;
    int32_t i = ocp_ls_skip_space_tab(buf, off, end);
    int32_t label_end = ocp_ls_scan_label(scan, buf, i, end);
    p->work += scan->stop - off;
    if (label_end < 0 || label_end >= end || buf[label_end] != ':') {
        return 0;
    }
    int32_t d = ocp_ls_skip_space_tab_newline(buf, label_end + 1, end);
    int32_t de = ocp_ls_scan_destination(scan, buf, d, end);
    p->work += scan->stop - label_end;
    if (de <= d) {
        return 0; /* missing (an empty destination must be written <>) */
    }
    int32_t line_end = -1;
    int32_t title_end = -1;
    int32_t r = ocp_ls_skip_space_tab_newline(buf, de, end);
    if (r > de) {
        int32_t te = ocp_ls_scan_title(scan, buf, r, end);
        p->work += scan->stop - de;
        if (te >= 0) {
            int32_t after = ocp_ls_skip_space_tab(buf, te, end);
            if (after == end || buf[after] == '\n') {
                title_end = te;
                line_end = after;
            }
        }
    }
    if (line_end < 0) {
        /* No title, or one followed by more text: the definition is the destination's line, if that ends there. */
        int32_t after = ocp_ls_skip_space_tab(buf, de, end);
        if (after < end && buf[after] != '\n') {
            return 0;
        }
        line_end = after;
    }
    bool pointy = buf[d] == '<';
    ocp_tree_begin_string(tree);
    ocp_inline_append_unescaped(tree, buf, pointy ? d + 1 : d, pointy ? de - 1 : de);
    int32_t destination = ocp_tree_end_string(tree);
    int32_t title = (int32_t) OCP_NONE;
    if (title_end >= 0) {
        ocp_tree_begin_string(tree);
        ocp_inline_append_unescaped(tree, buf, r + 1, title_end - 1);
        title = ocp_tree_end_string(tree);
    }
    ocp_refs_normalize(&p->refs, buf, i + 1, label_end - 1);
    ocp_refs_add_normalized(&p->refs, destination, title);
    p->work += label_end - i + p->refs.work;
    p->refs.work = 0;
    int32_t node = ocp_tree_new_node(tree, OCP_KIND_DEFINITION, ocp_content_map_to_source(map, i),
                                     ocp_content_map_to_source(map, line_end));
    ocp_tree_set_string(tree, node, 0, destination);
    if ((uint32_t) title != OCP_NONE) {
        ocp_tree_set_string(tree, node, 1, title);
    }
    ocp_tree_begin_string(tree);
    append_as_written(p, map, buf, i + 1, label_end - 1, -1, 0);
    ocp_tree_set_string(tree, node, 2, ocp_tree_end_string(tree));
    ocp_tree_insert_before(tree, container, paragraph, node);
    return (line_end < end ? line_end + 1 : end) - off;
}
