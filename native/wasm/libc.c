/*
 * What the core takes from libc, for the freestanding wasm build: the memory functions (clang also calls them
 * for struct copies and zeroing) and a formatter for the error messages. The formatter knows exactly the
 * conversions the core's messages use (%s %c %d %i %u %x and %%, with the length modifiers l, ll and z) and
 * prints them as glibc does, so that a message is the same bytes on every engine; any other directive is
 * copied as it stands, and -Wformat checks the core's format strings against the types at compile time.
 */
#define OCP_WASM_LIBC /* the declarations of <string.h> without its macros to the builtins */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef __wasm_bulk_memory__
#error "the wasm build expects -mbulk-memory: memcpy and memset below are its memory.copy and memory.fill"
#endif

/* With bulk memory, clang turns these builtins into single memory.copy and memory.fill instructions; no call
 * back into these functions can result. */
void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    return __builtin_memcpy(dst, src, n);
}

void *memmove(void *dst, const void *src, size_t n) {
    return __builtin_memmove(dst, src, n); /* memory.copy is defined for overlapping ranges */
}

void *memset(void *dst, int value, size_t n) {
    return __builtin_memset(dst, value, n);
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i]) {
            return x[i] < y[i] ? -1 : 1;
        }
    }
    return 0;
}

size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n] != '\0') {
        n++;
    }
    return n;
}

/* ---- the formatter ---- */

typedef struct sink {
    char *out;
    size_t capacity; /* including the terminating NUL */
    size_t length;   /* what has been written, counting what did not fit */
} sink;

static void put(sink *s, char c) {
    if (s->length + 1 < s->capacity) {
        s->out[s->length] = c;
    }
    s->length++;
}

static void put_string(sink *s, const char *text) {
    for (; *text != '\0'; text++) {
        put(s, *text);
    }
}

static void put_unsigned(sink *s, unsigned long long value, unsigned base) {
    char digits[24]; /* 2^64 has 20 decimal digits */
    int n = 0;
    do {
        unsigned digit = (unsigned) (value % base);
        digits[n++] = (char) (digit < 10 ? '0' + digit : 'a' + (digit - 10));
        value /= base;
    } while (value != 0);
    while (n > 0) {
        put(s, digits[--n]);
    }
}

static void put_signed(sink *s, long long value) {
    if (value < 0) {
        put(s, '-');
        /* Negating in unsigned arithmetic keeps LLONG_MIN exact. */
        put_unsigned(s, 0ULL - (unsigned long long) value, 10);
    } else {
        put_unsigned(s, (unsigned long long) value, 10);
    }
}

/* The size of an integer argument: int, long, long long or size_t. */
enum width { W_INT, W_LONG, W_LLONG, W_SIZE };

int vsnprintf(char *restrict out, size_t capacity, const char *restrict format, va_list args) {
    sink s = {out, capacity, 0};
    for (const char *f = format; *f != '\0'; f++) {
        if (*f != '%') {
            put(&s, *f);
            continue;
        }
        const char *start = f++;
        enum width w = W_INT;
        if (*f == 'l') {
            f++;
            w = W_LONG;
            if (*f == 'l') {
                f++;
                w = W_LLONG;
            }
        } else if (*f == 'z') {
            f++;
            w = W_SIZE;
        }
        switch (*f) {
        case '%':
            put(&s, '%');
            break;
        case 'c':
            put(&s, (char) va_arg(args, int));
            break;
        case 's': {
            const char *text = va_arg(args, const char *);
            put_string(&s, text == NULL ? "(null)" : text);
            break;
        }
        case 'd':
        case 'i':
            put_signed(&s, w == W_INT     ? (long long) va_arg(args, int)
                           : w == W_LONG  ? (long long) va_arg(args, long)
                           : w == W_LLONG ? va_arg(args, long long)
                                          : (long long) va_arg(args, ptrdiff_t));
            break;
        case 'u':
        case 'x': {
            unsigned long long v = w == W_INT     ? va_arg(args, unsigned)
                                   : w == W_LONG  ? va_arg(args, unsigned long)
                                   : w == W_LLONG ? va_arg(args, unsigned long long)
                                                  : va_arg(args, size_t);
            put_unsigned(&s, v, *f == 'x' ? 16u : 10u);
            break;
        }
        default:
            /* Not a directive the core uses: copied literally, and nothing is consumed from args. */
            for (const char *c = start; c <= f && *c != '\0'; c++) {
                put(&s, *c);
            }
            if (*f == '\0') {
                f--;
            }
            break;
        }
    }
    if (capacity > 0) {
        s.out[s.length < capacity ? s.length : capacity - 1] = '\0';
    }
    return s.length > INT32_MAX ? -1 : (int) s.length;
}
