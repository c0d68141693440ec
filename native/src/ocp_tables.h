/*
 * Constant tables generated at build time by native/tools/gen_tables.py from engine-java's resources
 * entities.txt and unicode.txt, the data Entities.java and CharClasses.java load at class initialisation:
 * one source of truth for both engines. Read through entities.c and char_classes.c, not directly.
 */
#ifndef OCP_TABLES_H
#define OCP_TABLES_H

#include <stdint.h>

/* Named character references: entity e is named ocp_entity_names[name_start[e], name_start[e + 1]) and
 * stands for the UTF-8 bytes ocp_entity_values[value_start[e], value_start[e + 1]). */
extern const int32_t ocp_entity_count;
extern const uint8_t ocp_entity_names[];
extern const uint16_t ocp_entity_name_start[];  /* ocp_entity_count + 1 entries */
extern const uint8_t ocp_entity_values[];
extern const uint16_t ocp_entity_value_start[]; /* ocp_entity_count + 1 entries */
/* Open addressing over the names (Entities.hash, linear probing): slot -> entity + 1, 0 = empty. */
extern const uint16_t ocp_entity_table[];       /* ocp_entity_mask + 1 entries */
extern const uint32_t ocp_entity_mask;

/* Unicode classes as sorted, disjoint ranges: pairs first, last (count pairs, 2 * count values). */
extern const int32_t ocp_space_range_count; /* Zs */
extern const int32_t ocp_space_ranges[];
extern const int32_t ocp_punct_range_count; /* P* and S* */
extern const int32_t ocp_punct_ranges[];
extern const int32_t ocp_id_start_range_count; /* XID_Start */
extern const int32_t ocp_id_start_ranges[];
extern const int32_t ocp_id_continue_range_count; /* XID_Continue */
extern const int32_t ocp_id_continue_ranges[];

/* Full case folding: ocp_fold_keys (sorted) folds to ocp_fold_data[fold_start[i], fold_start[i + 1]). */
extern const int32_t ocp_fold_count;
extern const int32_t ocp_fold_keys[];
extern const int32_t ocp_fold_start[]; /* ocp_fold_count + 1 entries */
extern const int32_t ocp_fold_data[];

#endif
