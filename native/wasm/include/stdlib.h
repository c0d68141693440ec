/* The wasm build's <stdlib.h>: the allocator of wasm/malloc.c, over the module's linear memory. */
#ifndef OCP_WASM_STDLIB_H
#define OCP_WASM_STDLIB_H

#include <stddef.h>

void *malloc(size_t size);
void *realloc(void *block, size_t size);
void free(void *block);

#endif
