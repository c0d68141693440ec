/*
 * Character classes of the inline grammar over UTF-8 bytes (a port of CharClasses.java; ocp_cc_ prefixes its
 * method names). ASCII classes come from a byte table, the Unicode classes CommonMark needs (whitespace = Zs
 * plus tab, LF, FF, CR; punctuation = general categories P and S; full case folding for link labels) from
 * the tables generated out of engine-java's unicode.txt (ocp_tables.h), so both engines answer from the same
 * data. Nothing here allocates or has state.
 */
#ifndef OCP_CHAR_CLASSES_H
#define OCP_CHAR_CLASSES_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define OCP_CC_ASCII_PUNCT 1  /* !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~ */
#define OCP_CC_ASCII_SPACE 2  /* space, tab, LF, FF, CR */
#define OCP_CC_ASCII_LETTER 4 /* A-Z a-z */
#define OCP_CC_ASCII_DIGIT 8  /* 0-9 */

/* Flags for each byte value (non-ASCII bytes have none). */
extern const uint8_t ocp_cc_flag_table[256];

static inline int ocp_cc_flags(uint8_t b) { return ocp_cc_flag_table[b]; }
static inline bool ocp_cc_is_ascii_punct(uint8_t b) { return (ocp_cc_flag_table[b] & OCP_CC_ASCII_PUNCT) != 0; }
static inline bool ocp_cc_is_letter(uint8_t b) { return (ocp_cc_flag_table[b] & OCP_CC_ASCII_LETTER) != 0; }
static inline bool ocp_cc_is_digit(uint8_t b) { return (ocp_cc_flag_table[b] & OCP_CC_ASCII_DIGIT) != 0; }
static inline bool ocp_cc_is_alnum(uint8_t b)
{
    return (ocp_cc_flag_table[b] & (OCP_CC_ASCII_LETTER | OCP_CC_ASCII_DIGIT)) != 0;
}

/* Unicode whitespace per CommonMark: Zs, tab, LF, FF, CR. Negative values (no character) are not. */
bool ocp_cc_is_whitespace(int32_t cp);
/* Unicode punctuation per CommonMark 0.31: general categories P and S. */
bool ocp_cc_is_punctuation(int32_t cp);
/* Whitespace as micromark classifies it (JavaScript's \s): CommonMark's, VT, U+2028, U+2029, U+FEFF. */
bool ocp_cc_is_micromark_space(int32_t cp);
/* CharClasses.isIdStart and isIdContinue: XID_Start and XID_Continue, for MDX's JSX names. */
bool ocp_cc_is_id_start(int32_t cp);
bool ocp_cc_is_id_continue(int32_t cp);

/* Full case folding of one code point: the index in the fold table (read it with ocp_cc_fold_length and
 * ocp_cc_fold_at), or -1 if cp folds to itself. */
int32_t ocp_cc_fold_index(int32_t cp);
int32_t ocp_cc_fold_length(int32_t index);
int32_t ocp_cc_fold_at(int32_t index, int32_t k);

/* The code point starting at buf[i] (i < end), or -1 if the bytes there are not well-formed UTF-8 (emphasis takes
 * that for U+FFFD, as a decoded input has it; other callers, for a character of no class). Reads nothing at or past
 * end. */
int32_t ocp_cc_decode(const uint8_t *buf, int32_t i, int32_t end);
/* Length in bytes of the well-formed sequence at buf[i] (i < end), or 1 if it is not well-formed. */
int32_t ocp_cc_sequence_length(const uint8_t *buf, int32_t i, int32_t end);
/* The length of the maximal subpart at buf[i] (i < end) where the bytes there are not well-formed UTF-8 (Unicode
 * 3.9): the 1 to 3 bytes that begin a well-formed sequence but do not complete one, or the one byte that begins
 * none; a reader that decodes its input first reads one U+FFFD for them. Reads nothing at or past end. */
int32_t ocp_cc_ill_formed_length(const uint8_t *buf, int32_t i, int32_t end);
/* The code point that ends just before buf[i] (start < i), or -1 if the bytes there are not well-formed
 * UTF-8. Reads nothing before start. */
int32_t ocp_cc_decode_before(const uint8_t *buf, int32_t start, int32_t i);

/* Sixteen bytes per test where SSE2 is there (every x86-64 CPU): the byte scans of the block and inline parsers
 * compare a whole vector with each byte they look for and take the first match from the lanes' mask. Elsewhere
 * (aarch64, wasm) they test eight-byte words. Both give the same offsets; the tests run the one the build has. */
#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define OCP_CC_SSE2 1

static inline __m128i ocp_cc_load16(const uint8_t *p)
{
    return _mm_loadu_si128((const __m128i *) (const void *) p);
}

/* SSSE3's byte shuffle (pshufb) is not in the x86-64 baseline the library is built for: a scan that uses it is
 * compiled for it alone (OCP_CC_TARGET_SSSE3) and called only where ocp_cc_ssse3() says the processor has it
 * (ocp_check diff --no-ssse3 sets ocp_cc_ssse3_disabled, so that make test diffs the SSE2 paths too). */
#include <tmmintrin.h>
#define OCP_CC_TARGET_SSSE3 __attribute__((target("ssse3")))
extern bool ocp_cc_ssse3_disabled;
static inline bool ocp_cc_ssse3(void)
{
    return !ocp_cc_ssse3_disabled && __builtin_cpu_supports("ssse3");
}

/* The index of the first lane set in a mask of _mm_movemask_epi8, which is not zero. */
static inline int32_t ocp_cc_first_lane(int mask)
{
    return (int32_t) __builtin_ctz((unsigned) mask);
}
#endif

/* The first byte equal to value in buf[from, to), or to. A vector or a word at a time: code blocks and raw text are
 * searched for NUL in full, code spans for their closing backticks, and a byte loop cost a tenth of the parse. A
 * word w ^ (value * ONES) has a zero byte iff (x - ONES) & ~x & HIGHS is not zero; the word that has one is then
 * searched byte by byte. Reads nothing at or past to; may read the bytes just before from, never before buf. */
static inline int32_t ocp_cc_find_byte(const uint8_t *buf, int32_t from, int32_t to, uint8_t value)
{
#ifdef OCP_CC_SSE2
    const __m128i needle = _mm_set1_epi8((char) value);
    while (to - from >= 16) {
        int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(ocp_cc_load16(buf + from), needle));
        if (mask != 0) {
            return from + ocp_cc_first_lane(mask);
        }
        from += 16;
    }
    if (from < to && to >= 16) {
        /* The last few bytes in one vector too, the one that ends at to (its lanes before from dropped): lines of
         * code are short, and the byte loop below was most of their search. */
        int mask = _mm_movemask_epi8(_mm_cmpeq_epi8(ocp_cc_load16(buf + to - 16), needle)) >> (16 - (to - from));
        return mask != 0 ? from + ocp_cc_first_lane(mask) : to;
    }
#endif
    const uint64_t ones = UINT64_C(0x0101010101010101);
    const uint64_t highs = UINT64_C(0x8080808080808080);
    const uint64_t pattern = ones * value;
    while (to - from >= 8) {
        uint64_t word;
        memcpy(&word, buf + from, 8);
        word ^= pattern;
        if (((word - ones) & ~word & highs) != 0) {
            break;
        }
        from += 8;
    }
    while (from < to && buf[from] != value) {
        from++;
    }
    return from;
}

/* The first NUL byte of buf[from, to), or to. */
static inline int32_t ocp_cc_find_nul(const uint8_t *buf, int32_t from, int32_t to)
{
    return ocp_cc_find_byte(buf, from, to, 0);
}

#endif
