/* ReferenceMap.java in C: same normalization, sorted index, merge sort and work count; arrays are working
 * memory of the parse. */
#include "reference_map.h"

#include <stdbool.h>
#include <string.h>

#include "char_classes.h"

/* Every array is allocated when first needed (most documents define no reference, and a parse's fixed cost is
 * mostly its allocations): all capacities start at 0. */
void ocp_refs_init(ocp_reference_map *m, ocp_ctx *ctx)
{
    memset(m, 0, sizeof *m);
    m->ctx = ctx;
}

/* Returns array (capacity old) grown to at least need elements, its new capacity in *capacity (through a
 * void * local, so the array pointer is never written through an lvalue of another pointer type). */
static void *grown(ocp_ctx *ctx, void *array, int32_t old, int64_t need, size_t elem, int32_t *capacity)
{
    *capacity = old;
    ocp_grow(ctx, &array, capacity, need, elem);
    return array;
}

/* Appends cp as UTF-8 at normalized[n]; returns the new length. Room was reserved by the caller. */
static int32_t encode(ocp_reference_map *m, int32_t cp, int32_t n)
{
    uint8_t *out = m->normalized;
    uint32_t c = (uint32_t) cp;
    if (c < 0x80) {
        out[n++] = (uint8_t) c;
    } else if (c < 0x800) {
        out[n++] = (uint8_t) (0xC0 | c >> 6);
        out[n++] = (uint8_t) (0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out[n++] = (uint8_t) (0xE0 | c >> 12);
        out[n++] = (uint8_t) (0x80 | (c >> 6 & 0x3F));
        out[n++] = (uint8_t) (0x80 | (c & 0x3F));
    } else {
        out[n++] = (uint8_t) (0xF0 | c >> 18);
        out[n++] = (uint8_t) (0x80 | (c >> 12 & 0x3F));
        out[n++] = (uint8_t) (0x80 | (c >> 6 & 0x3F));
        out[n++] = (uint8_t) (0x80 | (c & 0x3F));
    }
    return n;
}

void ocp_refs_normalize(ocp_reference_map *m, const uint8_t *buf, int32_t from, int32_t to)
{
    int32_t n = 0;
    bool pending_space = false;
    int32_t i = from;
    while (i < to) {
        uint8_t b = buf[i];
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
            pending_space = n > 0;
            i++;
            continue;
        }
        /* One character writes at most 13 bytes: a space and a folding of up to 3 code points (checked by
         * gen_tables.py) of up to 4 bytes each. */
        if (n + 16 > m->normalized_capacity) {
            m->normalized = grown(m->ctx, m->normalized, m->normalized_capacity,
                                  (int64_t) m->normalized_capacity * 2 + 16, 1, &m->normalized_capacity);
        }
        if (pending_space) {
            m->normalized[n++] = ' ';
            pending_space = false;
        }
        if (b == 0) {
            n = encode(m, 0xFFFD, n); /* NUL stands for U+FFFD (spec 2.3), so the two labels match */
            i++;
            continue;
        }
        if (b < 0x80) {
            m->normalized[n++] = b >= 'A' && b <= 'Z' ? (uint8_t) (b + 32) : b;
            i++;
            continue;
        }
        int32_t cp = ocp_cc_decode(buf, i, to);
        if (cp < 0) {
            /* A U+FFFD per maximal subpart, as a reader that decodes its input first has it. */
            n = encode(m, 0xFFFD, n);
            i += ocp_cc_ill_formed_length(buf, i, to);
            continue;
        }
        int32_t len = ocp_cc_sequence_length(buf, i, to);
        if (cp == 0x131 && m->dotless_is_i) {
            m->normalized[n++] = 'i';
            i += len;
            continue;
        }
        int32_t f = ocp_cc_fold_index(cp);
        if (f < 0) {
            memcpy(m->normalized + n, buf + i, (size_t) len);
            n += len;
        } else {
            for (int32_t k = 0; k < ocp_cc_fold_length(f); k++) {
                n = encode(m, ocp_cc_fold_at(f, k), n);
            }
        }
        i += len;
    }
    m->normalized_length = n;
}

/* Compares label bytes a[a_from, a_from + a_len) with b[b_from, b_from + b_len), unsigned, a prefix first. */
static int compare(ocp_reference_map *m, const uint8_t *a, int32_t a_from, int32_t a_len, const uint8_t *b,
                   int32_t b_from, int32_t b_len)
{
    int32_t n = a_len < b_len ? a_len : b_len;
    int32_t i = 0;
    while (i < n && a[a_from + i] == b[b_from + i]) {
        i++;
    }
    m->work += 1 + i; /* Arrays.mismatch's position, or n when the common part is equal */
    if (i == n) {
        return a_len < b_len ? -1 : a_len > b_len ? 1 : 0;
    }
    return a[a_from + i] < b[b_from + i] ? -1 : 1;
}

static int compare_entries(ocp_reference_map *m, int32_t e, int32_t f)
{
    return compare(m, m->keys, m->key_start[e], m->key_length[e], m->keys, m->key_start[f], m->key_length[f]);
}

static void build_index(ocp_reference_map *m);

int32_t ocp_refs_lookup_normalized(ocp_reference_map *m)
{
    if (m->count == 0) {
        return -1;
    }
    if (m->indexed != m->count) {
        build_index(m);
    }
    int32_t lo = 0;
    int32_t hi = m->sorted_count - 1;
    while (lo <= hi) {
        int32_t mid = (int32_t) ((uint32_t) (lo + hi) >> 1);
        int32_t e = m->sorted[mid];
        int c = compare(m, m->normalized, 0, m->normalized_length, m->keys, m->key_start[e], m->key_length[e]);
        if (c == 0) {
            return e;
        }
        if (c < 0) {
            hi = mid - 1;
        } else {
            lo = mid + 1;
        }
    }
    return -1;
}

void ocp_refs_add_normalized(ocp_reference_map *m, int32_t destination_id, int32_t title_id)
{
    int32_t e = m->count;
    if (e == m->entry_capacity) {
        int64_t need = e == 0 ? 16 : (int64_t) e * 2;
        int32_t capacity;
        m->key_start = grown(m->ctx, m->key_start, e, need, sizeof(int32_t), &capacity);
        m->key_length = grown(m->ctx, m->key_length, e, need, sizeof(int32_t), &capacity);
        m->destination = grown(m->ctx, m->destination, e, need, sizeof(int32_t), &capacity);
        m->title = grown(m->ctx, m->title, e, need, sizeof(int32_t), &capacity);
        m->entry_capacity = capacity;
    }
    int32_t len = m->normalized_length;
    if ((int64_t) m->key_bytes + len > m->keys_capacity) {
        int64_t need = (int64_t) m->key_bytes + len;
        m->keys = grown(m->ctx, m->keys, m->keys_capacity, need < 256 ? 256 : need, 1, &m->keys_capacity);
    }
    if (len > 0) {
        memcpy(m->keys + m->key_bytes, m->normalized, (size_t) len);
    }
    m->key_start[e] = m->key_bytes;
    m->key_length[e] = len;
    m->key_bytes += len;
    m->destination[e] = destination_id;
    m->title[e] = title_id;
    m->count = e + 1;
}

/* Sorts the definitions by label with a stable bottom-up merge sort (so that equal labels stay in document
 * order), then keeps the first of each run of equal labels. */
static void build_index(ocp_reference_map *m)
{
    int32_t n = m->count;
    if (m->index_capacity < n) {
        ocp_mem_free(m->ctx, m->sorted);
        ocp_mem_free(m->ctx, m->merge);
        m->sorted = NULL; /* nothing dangles if an allocation below fails */
        m->merge = NULL;
        m->index_capacity = 0;
        m->sorted = ocp_mem_alloc(m->ctx, (size_t) m->entry_capacity * sizeof(int32_t));
        m->merge = ocp_mem_alloc(m->ctx, (size_t) m->entry_capacity * sizeof(int32_t));
        m->index_capacity = m->entry_capacity;
    }
    int32_t *a = m->sorted;
    int32_t *b = m->merge;
    for (int32_t i = 0; i < n; i++) {
        a[i] = i;
    }
    for (int64_t width = 1; width < n; width *= 2) {
        for (int64_t lo64 = 0; lo64 < n; lo64 += 2 * width) {
            int32_t lo = (int32_t) lo64;
            int32_t mid = (int32_t) (lo64 + width < n ? lo64 + width : n);
            int32_t hi = (int32_t) (lo64 + 2 * width < n ? lo64 + 2 * width : n);
            int32_t i = lo;
            int32_t j = mid;
            int32_t k = lo;
            while (i < mid && j < hi) {
                b[k++] = compare_entries(m, a[j], a[i]) < 0 ? a[j++] : a[i++];
            }
            while (i < mid) {
                b[k++] = a[i++];
            }
            while (j < hi) {
                b[k++] = a[j++];
            }
        }
        int32_t *t = a;
        a = b;
        b = t;
    }
    int32_t unique = 0;
    for (int32_t i = 0; i < n; i++) {
        if (unique == 0 || compare_entries(m, a[unique - 1], a[i]) != 0) {
            a[unique++] = a[i];
        }
    }
    m->sorted = a;
    m->merge = b;
    m->sorted_count = unique;
    m->indexed = n;
}
