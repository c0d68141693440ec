/*
 * The wasm build's <string.h>: the few functions the core uses, defined in wasm/libc.c. The macros send the
 * core's calls to clang's builtins, which -ffreestanding would otherwise switch off, so that small fixed-size
 * copies become plain loads and stores and the rest bulk-memory instructions or the functions below.
 */
#ifndef OCP_WASM_STRING_H
#define OCP_WASM_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int value, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#ifndef OCP_WASM_LIBC
#define memcpy(d, s, n) __builtin_memcpy((d), (s), (n))
#define memmove(d, s, n) __builtin_memmove((d), (s), (n))
#define memset(d, v, n) __builtin_memset((d), (v), (n))
#define memcmp(a, b, n) __builtin_memcmp((a), (b), (n))
#define strlen(s) __builtin_strlen((s))
#endif

#endif
