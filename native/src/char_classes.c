/*
 * CharClasses.java in C. The ASCII table is spelled out here (the Java class computes the same values in its
 * static initialiser; native/test/inline_tables_test.c checks every entry against the definitions); the
 * Unicode ranges and foldings are the generated tables of ocp_tables.h.
 */
#include "char_classes.h"

#include "ocp_tables.h"

const uint8_t ocp_cc_flag_table[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 2, 2, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20 */
    8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 1, 1, 1, 1, 1, 1, /* 0x30 */
    1, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, /* 0x40 */
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1, 1, 1, 1, 1, /* 0x50 */
    1, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, /* 0x60 */
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 1, 1, 1, 1, 0, /* 0x70 */
    /* 0x80-0xFF: bytes of multi-byte sequences belong to no ASCII class (zero) */
};

static bool in_ranges(const int32_t *ranges, int32_t pairs, int32_t cp)
{
    int32_t lo = 0;
    int32_t hi = pairs - 1;
    while (lo <= hi) {
        int32_t mid = (int32_t) ((uint32_t) (lo + hi) >> 1);
        if (cp < ranges[2 * mid]) {
            hi = mid - 1;
        } else if (cp > ranges[2 * mid + 1]) {
            lo = mid + 1;
        } else {
            return true;
        }
    }
    return false;
}

bool ocp_cc_is_whitespace(int32_t cp)
{
    if (cp < 128) {
        return cp >= 0 && (ocp_cc_flag_table[cp] & OCP_CC_ASCII_SPACE) != 0;
    }
    return in_ranges(ocp_space_ranges, ocp_space_range_count, cp);
}

bool ocp_cc_is_micromark_space(int32_t cp)
{
    return cp == 0x0B || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || ocp_cc_is_whitespace(cp);
}

bool ocp_cc_is_punctuation(int32_t cp)
{
    if (cp < 128) {
        return cp >= 0 && (ocp_cc_flag_table[cp] & OCP_CC_ASCII_PUNCT) != 0;
    }
    return in_ranges(ocp_punct_ranges, ocp_punct_range_count, cp);
}

bool ocp_cc_is_id_start(int32_t cp)
{
    return cp >= 0 && in_ranges(ocp_id_start_ranges, ocp_id_start_range_count, cp);
}

bool ocp_cc_is_id_continue(int32_t cp)
{
    return cp >= 0 && in_ranges(ocp_id_continue_ranges, ocp_id_continue_range_count, cp);
}

int32_t ocp_cc_fold_index(int32_t cp)
{
    if (cp < 'A') {
        return -1;
    }
    /* Arrays.binarySearch over the sorted keys. */
    int32_t lo = 0;
    int32_t hi = ocp_fold_count - 1;
    while (lo <= hi) {
        int32_t mid = (int32_t) ((uint32_t) (lo + hi) >> 1);
        int32_t key = ocp_fold_keys[mid];
        if (key < cp) {
            lo = mid + 1;
        } else if (key > cp) {
            hi = mid - 1;
        } else {
            return mid;
        }
    }
    return -1;
}

int32_t ocp_cc_fold_length(int32_t index)
{
    return ocp_fold_start[index + 1] - ocp_fold_start[index];
}

int32_t ocp_cc_fold_at(int32_t index, int32_t k)
{
    return ocp_fold_data[ocp_fold_start[index] + k];
}

/* ---- UTF-8 ---- */

int32_t ocp_cc_decode(const uint8_t *buf, int32_t i, int32_t end)
{
    int32_t b0 = buf[i];
    if (b0 < 0x80) {
        return b0;
    }
    int32_t n;
    int32_t cp;
    int32_t min;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 1;
        cp = b0 & 0x1F;
        min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 2;
        cp = b0 & 0x0F;
        min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 3;
        cp = b0 & 0x07;
        min = 0x10000;
    } else {
        return -1;
    }
    if (i + n >= end) {
        return -1;
    }
    for (int32_t k = 1; k <= n; k++) {
        int32_t b = buf[i + k];
        if ((b & 0xC0) != 0x80) {
            return -1;
        }
        cp = cp << 6 | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return -1;
    }
    return cp;
}

int32_t ocp_cc_sequence_length(const uint8_t *buf, int32_t i, int32_t end)
{
    if (buf[i] < 0x80) {
        return 1;
    }
    int32_t cp = ocp_cc_decode(buf, i, end);
    if (cp < 0) {
        return 1;
    }
    return cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

int32_t ocp_cc_ill_formed_length(const uint8_t *buf, int32_t i, int32_t end)
{
    uint8_t b0 = buf[i];
    int32_t more;
    uint8_t lo = 0x80;
    uint8_t hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        more = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        more = 2;
        lo = b0 == 0xE0 ? 0xA0 : 0x80; /* no overlong form */
        hi = b0 == 0xED ? 0x9F : 0xBF; /* no surrogate */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        more = 3;
        lo = b0 == 0xF0 ? 0x90 : 0x80; /* no overlong form */
        hi = b0 == 0xF4 ? 0x8F : 0xBF; /* nothing past U+10FFFF */
    } else {
        return 1;
    }
    int32_t k = 1;
    while (k <= more && i + k < end && buf[i + k] >= lo && buf[i + k] <= hi) {
        lo = 0x80;
        hi = 0xBF;
        k++;
    }
    return k;
}

int32_t ocp_cc_decode_before(const uint8_t *buf, int32_t start, int32_t i)
{
    if (buf[i - 1] < 0x80) {
        return buf[i - 1];
    }
    int32_t j = i - 1;
    while (j > start && j > i - 4 && (buf[j] & 0xC0) == 0x80) {
        j--;
    }
    int32_t cp = ocp_cc_decode(buf, j, i);
    if (cp < 0 || j + ocp_cc_sequence_length(buf, j, i) != i) {
        return -1;
    }
    return cp;
}

#ifdef OCP_CC_SSE2
bool ocp_cc_ssse3_disabled = false;
#endif
