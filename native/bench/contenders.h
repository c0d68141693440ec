/*
 * The parsers ocp_cbench times, behind one shape so that the timing loop is the same for all of them. Which
 * exist depends on the build: ocp-c always; cmark and md4c when the Makefile found their development packages
 * and defined OCP_BENCH_CMARK / OCP_BENCH_MD4C.
 */
#ifndef OCP_CBENCH_CONTENDERS_H
#define OCP_CBENCH_CONTENDERS_H

#include <stddef.h>
#include <stdint.h>

typedef struct contender {
    const char *name;
    /* State reused by every parse of a run (an engine handle, say); NULL if it cannot start. */
    void *(*open)(void);
    /* One parse of src[0, length) including freeing what it built; 0 if the parser reported a failure. */
    int (*parse)(void *state, const uint8_t *src, size_t length);
    void (*close)(void *state);
} contender;

extern const contender contenders[];
extern const int contender_count;

#endif
