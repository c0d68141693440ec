/*
 * A minimal harness for the block parser's C unit tests: checks that count and report failures with their line,
 * and a main() status. Each test program (native/test/block_*_test.c) is one file that includes this header once
 * and links with the library's objects, e.g. from native/:
 *
 *   cc -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc test/block_parser_test.c $SRC build/gen/ocp_tables.c
 *
 * with SRC every .c file of src/. block_html_blocks_test needs src/html_blocks.c only; block_linearity_test
 * takes an optional folder of *.md (the fixtures' spec examples) to parse as one more document.
 */
#ifndef OCP_BLOCK_TEST_H
#define OCP_BLOCK_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int block_test_checks;
static int block_test_failures;

#define CHECK(cond)                                                                                         \
    do {                                                                                                    \
        block_test_checks++;                                                                                \
        if (!(cond)) {                                                                                      \
            block_test_failures++;                                                                          \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                        \
        }                                                                                                   \
    } while (0)

#define CHECK_INT(expected, actual)                                                                         \
    do {                                                                                                    \
        long long e_ = (long long) (expected);                                                              \
        long long a_ = (long long) (actual);                                                                \
        block_test_checks++;                                                                                \
        if (e_ != a_) {                                                                                     \
            block_test_failures++;                                                                          \
            fprintf(stderr, "%s:%d: %s: expected %lld, got %lld\n", __FILE__, __LINE__, #actual, e_, a_);   \
        }                                                                                                   \
    } while (0)

#define CHECK_STR(expected, actual)                                                                         \
    do {                                                                                                    \
        const char *e_ = (expected);                                                                        \
        const char *a_ = (actual);                                                                          \
        block_test_checks++;                                                                                \
        if (strcmp(e_, a_) != 0) {                                                                          \
            block_test_failures++;                                                                          \
            fprintf(stderr, "%s:%d: %s\n  expected: %s\n  actual:   %s\n", __FILE__, __LINE__, #actual, e_, \
                    a_);                                                                                    \
        }                                                                                                   \
    } while (0)

/* Prints the summary; the program's exit status. */
static int block_test_finish(const char *name) {
    if (block_test_failures != 0) {
        fprintf(stderr, "%s: %d of %d checks failed\n", name, block_test_failures, block_test_checks);
        return 1;
    }
    printf("%s: %d checks passed\n", name, block_test_checks);
    return 0;
}

#endif
