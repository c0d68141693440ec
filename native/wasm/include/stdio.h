/* The wasm build's <stdio.h>: only the formatter the core's error messages need, defined in wasm/libc.c. */
#ifndef OCP_WASM_STDIO_H
#define OCP_WASM_STDIO_H

#include <stdarg.h>
#include <stddef.h>

int vsnprintf(char *restrict out, size_t capacity, const char *restrict format, va_list args)
    __attribute__((format(printf, 3, 0)));

#endif
