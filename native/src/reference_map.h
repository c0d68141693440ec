/*
 * The link reference definitions of one document: normalized label -> destination and title (string ids of
 * the parse's tree). A port of ReferenceMap.java (ocp_refs_ prefixes its method names). Labels are
 * normalized into a scratch buffer (ocp_refs_normalize) and looked up in an open-addressing table over one
 * byte pool, so a lookup allocates nothing. Memory is working memory of the parse context.
 */
#ifndef OCP_REFERENCE_MAP_H
#define OCP_REFERENCE_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "ocp_internal.h"

typedef struct ocp_reference_map {
    ocp_ctx *ctx;
    int32_t count;
    uint8_t *keys; /* the normalized labels, back to back */
    int32_t key_bytes, keys_capacity;
    int32_t *key_start, *key_length, *destination, *title;
    uint32_t *key_hash;
    int32_t entry_capacity;
    int32_t *table; /* entry + 1, 0 = empty */
    int32_t table_capacity;
    /* The last normalized label: normalized[0, normalized_length). */
    uint8_t *normalized;
    int32_t normalized_length, normalized_capacity;
} ocp_reference_map;

/* Readies an empty map whose memory comes from ctx. */
void ocp_refs_init(ocp_reference_map *m, ocp_ctx *ctx);

/* Normalizes the label buf[from, to) into m->normalized: Unicode full case folding, then runs of spaces,
 * tabs and line endings collapsed to one space, leading and trailing ones removed. Bytes that are not
 * well-formed UTF-8 are kept as they are. */
void ocp_refs_normalize(ocp_reference_map *m, const uint8_t *buf, int32_t from, int32_t to);
/* The definition of the normalized label, or -1. */
int32_t ocp_refs_lookup_normalized(const ocp_reference_map *m);
/* Adds a definition for the normalized label unless it already has one (the first definition of a label
 * wins). Returns whether it was added. */
bool ocp_refs_add_normalized(ocp_reference_map *m, int32_t destination_id, int32_t title_id);

static inline int32_t ocp_refs_destination(const ocp_reference_map *m, int32_t e) { return m->destination[e]; }
/* The title's string id, or (int32_t) OCP_NONE. */
static inline int32_t ocp_refs_title(const ocp_reference_map *m, int32_t e) { return m->title[e]; }
static inline int32_t ocp_refs_size(const ocp_reference_map *m) { return m->count; }

#endif
