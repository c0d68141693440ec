/* Entities.java in C: the same hash, probing and scanning, over the generated tables of ocp_tables.h. */
#include "entities.h"

#include <string.h>

#include "char_classes.h"
#include "ocp_tables.h"

/* FNV-1a over unsigned bytes, then h ^ h >>> 15: Entities.hash in 32-bit unsigned arithmetic. */
static uint32_t hash(const uint8_t *b, int32_t from, int32_t to)
{
    uint32_t h = 0x811C9DC5u;
    for (int32_t i = from; i < to; i++) {
        h = (h ^ b[i]) * 0x01000193u;
    }
    return h ^ h >> 15;
}

int32_t ocp_entities_lookup(const uint8_t *buf, int32_t from, int32_t to)
{
    uint32_t slot = hash(buf, from, to) & ocp_entity_mask;
    int32_t len = to - from;
    while (1) {
        int32_t e = (int32_t) ocp_entity_table[slot] - 1;
        if (e < 0) {
            return -1;
        }
        int32_t s = ocp_entity_name_start[e];
        if (ocp_entity_name_start[e + 1] - s == len && memcmp(ocp_entity_names + s, buf + from, (size_t) len) == 0) {
            return e;
        }
        slot = (slot + 1) & ocp_entity_mask;
    }
}

static int32_t hex_value(uint8_t b)
{
    if (b >= '0' && b <= '9') {
        return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
        return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
        return b - 'A' + 10;
    }
    return -1;
}

uint64_t ocp_entities_scan(const uint8_t *buf, int32_t i, int32_t end)
{
    int32_t p = i + 1;
    if (p >= end) {
        return 0;
    }
    if (buf[p] == '#') {
        p++;
        int32_t cp = 0;
        int32_t digits = 0;
        if (p < end && (buf[p] == 'x' || buf[p] == 'X')) {
            p++;
            while (p < end && digits < 7) { /* at most 7 hex digits: cp stays below 2^28 */
                int32_t d = hex_value(buf[p]);
                if (d < 0) {
                    break;
                }
                cp = cp * 16 + d;
                digits++;
                p++;
            }
            if (digits == 0 || digits > 6) {
                return 0;
            }
        } else {
            while (p < end && digits < 8 && ocp_cc_is_digit(buf[p])) { /* at most 8 digits: below 10^8 */
                cp = cp * 10 + (buf[p] - '0');
                digits++;
                p++;
            }
            if (digits == 0 || digits > 7) {
                return 0;
            }
        }
        if (p >= end || buf[p] != ';') {
            return 0;
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            cp = 0xFFFD;
        }
        return (uint64_t) (uint32_t) (p + 1 - i) << 32 | (uint32_t) cp;
    }
    int32_t name_start = p;
    while (p < end && p - name_start <= OCP_ENTITIES_MAX_NAME && ocp_cc_is_alnum(buf[p])) {
        p++;
    }
    if (p == name_start || p - name_start > OCP_ENTITIES_MAX_NAME || p >= end || buf[p] != ';') {
        return 0;
    }
    int32_t e = ocp_entities_lookup(buf, name_start, p);
    if (e < 0) {
        return 0;
    }
    /* -(e + 1) as a 32-bit two's complement value, which is ~e. */
    return (uint64_t) (uint32_t) (p + 1 - i) << 32 | ~(uint32_t) e;
}

void ocp_entities_append_value(ocp_tree *tree, int32_t e)
{
    int32_t s = ocp_entity_value_start[e];
    ocp_tree_append(tree, ocp_entity_values, s, ocp_entity_value_start[e + 1] - s);
}

bool ocp_entities_micromark_replaces(int32_t cp)
{
    return cp < 9 || cp == 11 || (cp > 13 && cp < 32) || (cp > 126 && cp < 160) || (cp >= 0xFDD0 && cp <= 0xFDEF)
           || (cp & 0xFFFE) == 0xFFFE;
}

void ocp_entities_append_reference(ocp_tree *tree, uint64_t ref)
{
    uint32_t v = (uint32_t) ref;
    if (v & 0x80000000u) {
        ocp_entities_append_value(tree, (int32_t) ~v); /* v = -(e + 1), so ~v = e */
    } else {
        ocp_tree_append_code_point(tree, (int32_t) v);
    }
}

const uint8_t *ocp_entities_value(int32_t e, int32_t *length)
{
    *length = ocp_entity_value_start[e + 1] - ocp_entity_value_start[e];
    return ocp_entity_values + ocp_entity_value_start[e];
}
