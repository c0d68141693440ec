/*
 * What the inline_* tests of the C core share: a failure counter with messages, inputs copied into buffers of
 * their exact size (so AddressSanitizer and valgrind see any read past the end the code under test makes),
 * and the path of engine-java's resources (entities.txt, unicode.txt), which the tests read to check the
 * generated tables against their source.
 */
#ifndef OCP_INLINE_CHECK_H
#define OCP_INLINE_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond, ...)                                                                                           \
    do {                                                                                                           \
        check_count++;                                                                                             \
        if (!(cond)) {                                                                                             \
            check_failures++;                                                                                      \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);                               \
            fprintf(stderr, __VA_ARGS__);                                                                          \
            fputc('\n', stderr);                                                                                   \
        }                                                                                                          \
    } while (0)

#define CHECK_EQ(expected, actual, ...)                                                                            \
    do {                                                                                                           \
        long long check_e_ = (long long) (expected);                                                               \
        long long check_a_ = (long long) (actual);                                                                 \
        check_count++;                                                                                             \
        if (check_e_ != check_a_) {                                                                                \
            check_failures++;                                                                                      \
            fprintf(stderr, "%s:%d: expected %lld, got %lld (%s): ", __FILE__, __LINE__, check_e_, check_a_,       \
                    #actual);                                                                                      \
            fprintf(stderr, __VA_ARGS__);                                                                          \
            fputc('\n', stderr);                                                                                   \
        }                                                                                                          \
    } while (0)

/* A heap copy of s[0, n) with nothing after it. The caller frees it. */
static inline uint8_t *exact_copy(const void *s, size_t n)
{
    uint8_t *b = malloc(n ? n : 1);
    if (b == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    if (n) {
        memcpy(b, s, n);
    }
    return b;
}

/* Opens one of engine-java's resources: in $OCP_RESOURCES if set, else found from native/ or the repository
 * root. Exits with a message if it is nowhere. */
static inline FILE *open_resource(const char *name)
{
    const char *dirs[] = {getenv("OCP_RESOURCES"), "../engine-java/src/main/resources/dev/ocp/engine/java",
                          "engine-java/src/main/resources/dev/ocp/engine/java",
                          "../../engine-java/src/main/resources/dev/ocp/engine/java"};
    char path[1024];
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        if (dirs[i] == NULL) {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dirs[i], name);
        FILE *f = fopen(path, "r");
        if (f != NULL) {
            return f;
        }
    }
    fprintf(stderr, "resource %s not found (set OCP_RESOURCES to engine-java's resource folder)\n", name);
    exit(2);
}

/* Ends a test program: prints the tally and returns its exit status. */
static inline int check_report(const char *name)
{
    if (check_failures) {
        fprintf(stderr, "%s: %d of %d checks failed\n", name, check_failures, check_count);
        return 1;
    }
    printf("%s: %d checks passed\n", name, check_count);
    return 0;
}

#endif
