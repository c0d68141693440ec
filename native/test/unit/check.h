/* A minimal test harness for the C unit tests: checks count, failures print where and what, main exits 1. */
#ifndef OCP_CHECK_H
#define OCP_CHECK_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../payload_bytes.h"

extern int check_failures;
extern int check_count;

void check_report(int ok, const char *file, int line, const char *what);

#define CHECK(cond) check_report((cond) ? 1 : 0, __FILE__, __LINE__, #cond)

#define CHECK_EQ(expected, actual)                                                                                 \
    do {                                                                                                           \
        uint64_t check_e_ = (uint64_t) (expected), check_a_ = (uint64_t) (actual);                                 \
        check_report(check_e_ == check_a_, __FILE__, __LINE__, #actual " == " #expected);                          \
        if (check_e_ != check_a_) {                                                                                \
            fprintf(stderr, "    expected %" PRIu64 " (0x%" PRIx64 "), got %" PRIu64 " (0x%" PRIx64 ")\n", check_e_, \
                    check_e_, check_a_, check_a_);                                                                 \
        }                                                                                                          \
    } while (0)

#define CHECK_STR(expected, actual)                                                                                \
    do {                                                                                                           \
        const char *check_e_ = (expected), *check_a_ = (actual);                                                   \
        int check_ok_ = strcmp(check_e_, check_a_) == 0;                                                           \
        check_report(check_ok_, __FILE__, __LINE__, #actual " equals " #expected);                                 \
        if (!check_ok_) {                                                                                          \
            fprintf(stderr, "    expected \"%s\"\n    got      \"%s\"\n", check_e_, check_a_);                       \
        }                                                                                                          \
    } while (0)

/* The test groups, one per file. */
void test_alloc(void);
void test_context(void);
void test_tree(void);
void test_api(void);
void test_arena(void);
void test_flavor(void);

#endif
