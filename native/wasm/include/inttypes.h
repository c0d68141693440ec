/*
 * The wasm build's <inttypes.h>: the format macros for wasm32, where int32_t is int and int64_t is long long
 * (-Wformat checks every use against the types).
 */
#ifndef OCP_WASM_INTTYPES_H
#define OCP_WASM_INTTYPES_H

#include <stdint.h>

#define PRId32 "d"
#define PRIu32 "u"
#define PRIx32 "x"
#define PRId64 "lld"
#define PRIu64 "llu"

#endif
