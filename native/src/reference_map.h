/*
 * The link reference definitions of one document: normalized label -> destination and title (string ids of
 * the parse's tree). A port of ReferenceMap.java (ocp_refs_ prefixes its method names). Labels are
 * normalized into a scratch buffer (ocp_refs_normalize) and kept in one byte pool; a lookup allocates nothing.
 *
 * Lookups bisect an index of the labels sorted by their bytes rather than probe a hash table: the document's
 * author chooses the labels, and labels built to collide in a hash would make every lookup walk one long
 * chain. The index is built (a stable merge sort, O(n log n) comparisons whatever the labels) on the first
 * lookup after definitions were added; the block parser adds all of them before the inline phase, so once
 * per document. Memory is working memory of the parse context.
 */
#ifndef OCP_REFERENCE_MAP_H
#define OCP_REFERENCE_MAP_H

#include <stdint.h>

#include "ocp_internal.h"

typedef struct ocp_reference_map {
    ocp_ctx *ctx;
    int32_t count;
    uint8_t *keys; /* the normalized labels, back to back */
    int32_t key_bytes, keys_capacity;
    int32_t *key_start, *key_length, *destination, *title;
    int32_t entry_capacity;
    /* The first definition of each label, ordered by label bytes: sorted[0, sorted_count). */
    int32_t *sorted;
    int32_t sorted_count;
    int32_t *merge; /* scratch for the merge sort, as long as sorted */
    int32_t index_capacity;
    int32_t indexed; /* definitions that sorted covers; fewer than count means it must be rebuilt */
    /* Label bytes compared so far (work the inline parser adds to its counter). */
    int64_t work;
    /* The last normalized label: normalized[0, normalized_length). */
    uint8_t *normalized;
    int32_t normalized_length, normalized_capacity;
    /* Labels match as micromark matches them (OCP_FLAVOR_MICROMARK): JavaScript's lower then upper case equals
     * case folding but takes the dotless i (U+0131) for i (ReferenceMap.dotlessIsI). */
    bool dotless_is_i;
} ocp_reference_map;

/* Readies an empty map whose memory comes from ctx. */
void ocp_refs_init(ocp_reference_map *m, ocp_ctx *ctx);

/* Normalizes the label buf[from, to) into m->normalized: Unicode full case folding, then runs of spaces,
 * tabs and line endings collapsed to one space, leading and trailing ones removed; NUL becomes U+FFFD (spec
 * 2.3), and so does each maximal subpart of bytes that are not well-formed UTF-8 (as a reader that decodes its
 * input first has them). */
void ocp_refs_normalize(ocp_reference_map *m, const uint8_t *buf, int32_t from, int32_t to);
/* The definition of the normalized label, or -1. Builds the index first if definitions were added. */
int32_t ocp_refs_lookup_normalized(ocp_reference_map *m);
/* Adds a definition for the normalized label. If the label already has one, the earlier one stays in force
 * (the first definition of a label wins). */
void ocp_refs_add_normalized(ocp_reference_map *m, int32_t destination_id, int32_t title_id);

static inline int32_t ocp_refs_destination(const ocp_reference_map *m, int32_t e) { return m->destination[e]; }
/* The title's string id, or (int32_t) OCP_NONE. */
static inline int32_t ocp_refs_title(const ocp_reference_map *m, int32_t e) { return m->title[e]; }
static inline int32_t ocp_refs_size(const ocp_reference_map *m) { return m->count; }

#endif
