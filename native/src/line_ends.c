/*
 * Line ends (line_ends.h). The byte scans test 16 bytes at a time with SSE2 (every x86-64 build) and 8-byte words
 * elsewhere (aarch64, wasm), where the main loop's look-ahead is left out.
 */
#include "line_ends.h"

#include <string.h>

#include "char_classes.h"
#include "ocp_internal.h"

/*
 * The end of the line that starts at at: the first '\n' or '\r' from there, or length. A vector at a time with
 * SSE2 (char_classes.h), else eight bytes at a time (the line scan touches every byte of the input, and a byte
 * loop cost a quarter of the parse). In words: both bytes are
 * below 0x0E, and a word has a byte below 0x0E iff (w - 0x0E * ONES) & ~w & HIGHS is not zero (which may also
 * flag a byte above a true one, never below it, and none when there is none). The first flagged byte is then
 * checked, as it may be a tab or another control byte. No byte at or past length is read.
 */
int32_t ocp_line_end_from(const uint8_t *src, int32_t at, int32_t length) {
#ifdef OCP_CC_SSE2
    /* Sixteen bytes at a time, each compared with both line ending bytes: no candidate to check afterwards. */
    const __m128i lf = _mm_set1_epi8('\n');
    const __m128i cr = _mm_set1_epi8('\r');
    /* Two vectors per test while a line has that much left: one branch and one mask for 32 bytes. */
    while (length - at >= 32) {
        __m128i v = ocp_cc_load16(src + at);
        __m128i w = ocp_cc_load16(src + at + 16);
        __m128i hit_v = _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr));
        __m128i hit_w = _mm_or_si128(_mm_cmpeq_epi8(w, lf), _mm_cmpeq_epi8(w, cr));
        int mask = _mm_movemask_epi8(_mm_or_si128(hit_v, hit_w));
        if (mask != 0) {
            int first = _mm_movemask_epi8(hit_v);
            return first != 0 ? at + ocp_cc_first_lane(first) : at + 16 + ocp_cc_first_lane(_mm_movemask_epi8(hit_w));
        }
        at += 32;
    }
    while (length - at >= 16) {
        __m128i v = ocp_cc_load16(src + at);
        int mask = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        if (mask != 0) {
            return at + ocp_cc_first_lane(mask);
        }
        at += 16;
    }
#endif
    const uint64_t ones = UINT64_C(0x0101010101010101);
    const uint64_t highs = UINT64_C(0x8080808080808080);
    while (length - at >= 8) {
        uint64_t word;
        memcpy(&word, src + at, 8);
        uint64_t low = (word - ones * 0x0E) & ~word & highs;
        if (low == 0) {
            at += 8;
            continue;
        }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* The lowest flag is a true one, and the lowest byte of the word is the first in memory. */
        int32_t first = at + (int32_t) (__builtin_ctzll(low) >> 3);
#else
        int32_t first = at;
        while (src[first] >= 0x0E) {
            first++;
        }
#endif
        if (src[first] == '\n' || src[first] == '\r') {
            return first;
        }
        at = first + 1;
    }
    while (at < length && src[at] != '\n' && src[at] != '\r') {
        at++;
    }
    return at;
}

#ifdef OCP_CC_SSE2
/* The '\n' and '\r' bytes of one vector, as 0xFF lanes. */
OCP_INLINE __m128i line_end_lanes(const uint8_t *at) {
    __m128i x = ocp_cc_load16(at);
    return _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r')));
}

/* Stores the positions of the line ends of src[at, at + 64) at out, in order; returns how many. Four are stored
 * whether there are that many or not (the rest garbage past the count), more only when a block has more line ends,
 * which few have (progit has about one per block). So a line's end costs no branch of its own, where scanning to
 * each line's end (ocp_line_end_from) ended in a branch that went the other way on every line. */
OCP_INLINE int32_t store_line_ends(int32_t *out, const uint8_t *src, int32_t at) {
    __m128i a = line_end_lanes(src + at);
    __m128i b = line_end_lanes(src + at + 16);
    __m128i c = line_end_lanes(src + at + 32);
    __m128i d = line_end_lanes(src + at + 48);
    uint64_t bits = (uint64_t) (uint32_t) _mm_movemask_epi8(a) | (uint64_t) (uint32_t) _mm_movemask_epi8(b) << 16
                    | (uint64_t) (uint32_t) _mm_movemask_epi8(c) << 32
                    | (uint64_t) (uint32_t) _mm_movemask_epi8(d) << 48;
    /* The count: each lane 0 or 1, four vectors added, then summed by SAD (no popcount instruction in baseline
     * x86-64, and the library call cost more than the rest of the step). */
    const __m128i one = _mm_set1_epi8(1);
    __m128i lanes = _mm_add_epi8(_mm_add_epi8(_mm_and_si128(a, one), _mm_and_si128(b, one)),
                                 _mm_add_epi8(_mm_and_si128(c, one), _mm_and_si128(d, one)));
    __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    int32_t count = _mm_cvtsi128_si32(sums) + _mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums));
    /* The top bit ORed in keeps the count of trailing zeros defined once bits runs out; it changes no true one. */
    const uint64_t top = UINT64_C(1) << 63;
    out[0] = at + (int32_t) __builtin_ctzll(bits | top);
    bits &= bits - 1;
    out[1] = at + (int32_t) __builtin_ctzll(bits | top);
    bits &= bits - 1;
    out[2] = at + (int32_t) __builtin_ctzll(bits | top);
    bits &= bits - 1;
    out[3] = at + (int32_t) __builtin_ctzll(bits | top);
    if (count > 4) {
        bits &= bits - 1;
        for (int32_t j = 4; j < count; j++) {
            out[j] = at + (int32_t) __builtin_ctzll(bits);
            bits &= bits - 1;
        }
    }
    return count;
}
#endif

/* Where the main loop asked last is ends->from: a question at or after it is answered from the line ends found
 * ahead, skipping those before it, and when none is left the next 64-byte blocks are scanned. */
int32_t ocp_line_ends_next(ocp_line_ends *ends, const uint8_t *src, int32_t at, int32_t length) {
#ifdef OCP_CC_SSE2
    if (at >= ends->from) {
        int32_t i = ends->next;
        while (i < ends->count && ends->ends[i] < at) {
            i++;
        }
        ends->next = i;
        ends->from = at;
        if (i < ends->count) {
            return ends->ends[i];
        }
        /* None in [at, scanned_to): the next is at or after both. */
        int32_t s = at > ends->scanned_to ? at : ends->scanned_to;
        int32_t count = 0;
        while (count < OCP_LINE_ENDS_AHEAD && length - s >= 64) {
            count += store_line_ends(ends->ends + count, src, s);
            s += 64;
        }
        ends->next = 0;
        ends->count = count;
        ends->scanned_to = s;
        if (count > 0) {
            return ends->ends[0];
        }
        /* Fewer than 64 bytes were left, none of them a line end before s: the tail, scanned once per line left. */
        return ocp_line_end_from(src, s, length);
    }
#else
    (void) ends;
#endif
    return ocp_line_end_from(src, at, length);
}
