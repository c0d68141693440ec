/*
 * Entity and numeric character references (&amp; &#42; &#x2A;), a port of Entities.java (ocp_entities_
 * prefixes its method names). Named references come from the tables generated out of engine-java's
 * entities.txt (the WHATWG list, names ending in ';'); a lookup hashes the input in place and allocates
 * nothing.
 */
#ifndef OCP_ENTITIES_H
#define OCP_ENTITIES_H

#include <stdint.h>

#include "ocp_internal.h"

/* Longest entity name in the table, without '&' and ';'. */
#define OCP_ENTITIES_MAX_NAME 32

/* The entity whose name is buf[from, to), or -1. */
int32_t ocp_entities_lookup(const uint8_t *buf, int32_t from, int32_t to);

/*
 * Recognizes a character reference at buf[i] == '&' within [i, end). Returns 0 if there is none; otherwise
 * its length in the high 32 bits and, in the low 32 bits, the code point of a numeric reference (invalid and
 * zero ones already U+FFFD) or -(entity + 1) for a named one, as Entities.scan.
 */
uint64_t ocp_entities_scan(const uint8_t *buf, int32_t i, int32_t end);

/* The length in bytes of a reference ocp_entities_scan recognized. */
static inline int32_t ocp_entities_ref_length(uint64_t ref) { return (int32_t) (ref >> 32); }

/* Appends the UTF-8 replacement text of entity e to the tree's open string. */
void ocp_entities_append_value(ocp_tree *tree, int32_t e);
/* Whether micromark (OCP_FLAVOR_MICROMARK) decodes a numeric reference to cp as U+FFFD where CommonMark keeps it:
 * controls but tab, line feed, form feed and carriage return, DEL and the C1 controls, and the noncharacters (U+FDD0
 * to U+FDEF, and every code point whose last 16 bits are FFFE or FFFF); Entities.micromarkReplaces. */
bool ocp_entities_micromark_replaces(int32_t cp);
/* Appends the replacement of a reference ocp_entities_scan recognized (ref is its result). */
void ocp_entities_append_reference(ocp_tree *tree, uint64_t ref);

/* The bytes entity e stands for: *length bytes at the returned pointer (tests and tools). */
const uint8_t *ocp_entities_value(int32_t e, int32_t *length);

#endif
