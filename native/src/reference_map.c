/* ReferenceMap.java in C: same normalization, hash and table; arrays are working memory of the parse. */
#include "reference_map.h"

#include <string.h>

#include "char_classes.h"

void ocp_refs_init(ocp_reference_map *m, ocp_ctx *ctx)
{
    memset(m, 0, sizeof *m);
    m->ctx = ctx;
    m->keys_capacity = 256;
    m->keys = ocp_mem_alloc(ctx, 256);
    m->entry_capacity = 16;
    m->key_start = ocp_mem_alloc(ctx, 16 * sizeof(int32_t));
    m->key_length = ocp_mem_alloc(ctx, 16 * sizeof(int32_t));
    m->key_hash = ocp_mem_alloc(ctx, 16 * sizeof(uint32_t));
    m->destination = ocp_mem_alloc(ctx, 16 * sizeof(int32_t));
    m->title = ocp_mem_alloc(ctx, 16 * sizeof(int32_t));
    m->table_capacity = 32;
    m->table = ocp_mem_alloc(ctx, 32 * sizeof(int32_t));
    m->normalized_capacity = 64;
    m->normalized = ocp_mem_alloc(ctx, 64);
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
        if (b < 0x80) {
            m->normalized[n++] = b >= 'A' && b <= 'Z' ? (uint8_t) (b + 32) : b;
            i++;
            continue;
        }
        int32_t cp = ocp_cc_decode(buf, i, to);
        if (cp < 0) {
            m->normalized[n++] = b;
            i++;
            continue;
        }
        int32_t len = ocp_cc_sequence_length(buf, i, to);
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

/* FNV-1a over unsigned bytes, then h ^ h >>> 15 (ReferenceMap.hash in 32-bit unsigned arithmetic). */
static uint32_t hash(const uint8_t *b, int32_t from, int32_t to)
{
    uint32_t h = 0x811C9DC5u;
    for (int32_t i = from; i < to; i++) {
        h = (h ^ b[i]) * 0x01000193u;
    }
    return h ^ h >> 15;
}

int32_t ocp_refs_lookup_normalized(const ocp_reference_map *m)
{
    if (m->count == 0) {
        return -1;
    }
    uint32_t h = hash(m->normalized, 0, m->normalized_length);
    uint32_t mask = (uint32_t) m->table_capacity - 1;
    for (uint32_t slot = h & mask;; slot = (slot + 1) & mask) {
        int32_t e = m->table[slot] - 1;
        if (e < 0) {
            return -1;
        }
        if (m->key_hash[e] == h && m->key_length[e] == m->normalized_length
                && memcmp(m->keys + m->key_start[e], m->normalized, (size_t) m->normalized_length) == 0) {
            return e;
        }
    }
}

static void insert(ocp_reference_map *m, int32_t e)
{
    uint32_t mask = (uint32_t) m->table_capacity - 1;
    uint32_t slot = m->key_hash[e] & mask;
    while (m->table[slot] != 0) {
        slot = (slot + 1) & mask;
    }
    m->table[slot] = e + 1;
}

static void rehash(ocp_reference_map *m, int32_t capacity)
{
    ocp_mem_free(m->ctx, m->table);
    m->table = NULL; /* nothing dangles if the allocation below fails */
    m->table = ocp_mem_alloc(m->ctx, (size_t) capacity * sizeof(int32_t));
    m->table_capacity = capacity;
    for (int32_t e = 0; e < m->count; e++) {
        insert(m, e);
    }
}

bool ocp_refs_add_normalized(ocp_reference_map *m, int32_t destination_id, int32_t title_id)
{
    if (ocp_refs_lookup_normalized(m) >= 0) {
        return false;
    }
    int32_t e = m->count;
    if (e == m->entry_capacity) {
        int64_t need = (int64_t) e * 2;
        int32_t capacity;
        m->key_start = grown(m->ctx, m->key_start, e, need, sizeof(int32_t), &capacity);
        m->key_length = grown(m->ctx, m->key_length, e, need, sizeof(int32_t), &capacity);
        m->key_hash = grown(m->ctx, m->key_hash, e, need, sizeof(uint32_t), &capacity);
        m->destination = grown(m->ctx, m->destination, e, need, sizeof(int32_t), &capacity);
        m->title = grown(m->ctx, m->title, e, need, sizeof(int32_t), &capacity);
        m->entry_capacity = capacity;
    }
    int32_t len = m->normalized_length;
    if ((int64_t) m->key_bytes + len > m->keys_capacity) {
        m->keys = grown(m->ctx, m->keys, m->keys_capacity, (int64_t) m->key_bytes + len, 1, &m->keys_capacity);
    }
    memcpy(m->keys + m->key_bytes, m->normalized, (size_t) len);
    m->key_start[e] = m->key_bytes;
    m->key_length[e] = len;
    m->key_hash[e] = hash(m->normalized, 0, len);
    m->key_bytes += len;
    m->destination[e] = destination_id;
    m->title[e] = title_id;
    m->count = e + 1;
    if ((int64_t) m->count * 2 > m->table_capacity) {
        rehash(m, m->table_capacity * 2);
    } else {
        insert(m, e);
    }
    return true;
}
