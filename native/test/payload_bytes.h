/*
 * Little-endian reads of a payload's bytes, for the tests that look at payloads directly (the unit tests through
 * unit/check.h, the block parser's and the fast paths' tests).
 */
#ifndef OCP_TEST_PAYLOAD_BYTES_H
#define OCP_TEST_PAYLOAD_BYTES_H

#include <stdint.h>

static inline uint32_t le32(const uint8_t *p, uint32_t at) {
    return (uint32_t) p[at] | (uint32_t) p[at + 1] << 8 | (uint32_t) p[at + 2] << 16 | (uint32_t) p[at + 3] << 24;
}

static inline uint32_t le16(const uint8_t *p, uint32_t at) {
    return (uint32_t) p[at] | (uint32_t) p[at + 1] << 8;
}

#endif
