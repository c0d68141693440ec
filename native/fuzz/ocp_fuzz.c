/*
 * libFuzzer target over the whole ABI: the first byte of an input chooses the options (tight or default
 * limits, a memory limit, an arena, GFM on or off, frontmatter, math and directives on or off, the MDX base or
 * CommonMark's, the micromark flavor or the reference one),
 * the rest is the Markdown. Every parse must succeed or fail with a limit or memory status, or (MDX) a syntax
 * error whose message reads LINE:COLUMN...: REASON (ocp:RULE); a payload must describe itself consistently;
 * an arena must give the same bytes as a plain parse; and the engine's counters must return to zero. Anything
 * else aborts, and ASan/UBSan abort on memory errors and undefined behaviour.
 *
 *   make fuzz && build/fuzz/ocp_fuzz -dict=fuzz/markdown.dict CORPUS_DIR SEED_DIR
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocp.h"
#include "ocp_format.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t le32(const uint8_t *p, uint64_t at) {
    return (uint32_t) p[at] | (uint32_t) p[at + 1] << 8 | (uint32_t) p[at + 2] << 16 | (uint32_t) p[at + 3] << 24;
}

static void fail(const char *what, const ocp_result *r) {
    fprintf(stderr, "ocp_fuzz: %s (status %d: %s)\n", what, r->status, r->message);
    abort();
}

/* A payload's header against what the ABI reported. */
static void check_payload(const ocp_result *r, uint64_t source_length) {
    if (r->payload == NULL || r->length < OCP_HEADER_SIZE || le32(r->payload, OCP_H_MAGIC) != OCP_MAGIC
        || le32(r->payload, OCP_H_TOTAL_SIZE) != r->length
        || le32(r->payload, OCP_H_SOURCE_LENGTH) != source_length
        || le32(r->payload, OCP_H_NODE_COUNT) == 0
        || (uint64_t) le32(r->payload, OCP_H_STRING_OFFSET) + le32(r->payload, OCP_H_STRING_SIZE) != r->length
        || r->message[0] != '\0') {
        fail("a payload does not describe itself", r);
    }
}

static void check_status(const ocp_result *r, int32_t status, const ocp_options *o) {
    if (status != r->status) {
        fail("the returned status is not the result's", r);
    }
    if (status == OCP_SYNTAX) {
        if (o->dialect != OCP_DIALECT_MDX) {
            fail("a syntax error outside MDX", r);
        }
        const char *m = r->message;
        if (m[0] < '1' || m[0] > '9' || strstr(m, ": ") == NULL || strstr(m, " (ocp:") == NULL
            || m[strlen(m) - 1] != ')') {
            fail("a syntax error's message does not read LINE:COLUMN: REASON (ocp:RULE)", r);
        }
    } else if (status != OCP_OK && status != OCP_LIMIT_EXCEEDED && status != OCP_OUT_OF_MEMORY) {
        fail("a parse failed for a reason other than a limit or memory", r);
    }
    if (status != OCP_OK && (r->payload != NULL || r->message[0] == '\0')) {
        fail("a failure left a payload or no message", r);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0) {
        return 0;
    }
    uint8_t choice = data[0];
    const uint8_t *src = size > 1 ? data + 1 : NULL;
    uint64_t length = size - 1;

    ocp_options o = {OCP_DIALECT_COMMONMARK, 10000, 50000000, 1000, UINT64_C(256) << 20, 0, 0};
    if (choice & 1) {
        o.max_nodes = 1u + (choice >> 4) * 7u;
    }
    if (choice & 2) {
        o.max_nesting_depth = 1u + (choice >> 5);
        o.max_inline_nesting = 1u + (choice >> 6);
    }
    if (choice & 4) {
        o.max_input_bytes = length == 0 ? 1 : length;
    }
    if (choice & 0x10) {
        o.dialect = OCP_DIALECT_GFM;
        o.extensions = OCP_EXTENSION_GFM;
    }
    if (choice & 0x20) {
        o.extensions |= OCP_EXTENSION_FRONTMATTER | OCP_EXTENSION_MATH | OCP_EXTENSION_DIRECTIVE;
    }
    if (choice & 0x40) {
        o.dialect = OCP_DIALECT_MDX; /* GFM stays an extension over it when 0x10 asked for it */
    }
    if (choice & 0x80) {
        o.flavor = OCP_FLAVOR_MICROMARK;
    }
    uint64_t memory_limit = (choice & 8) ? UINT64_C(32768) + (uint64_t) (choice >> 4) * 16384u : 0;

    ocp_engine *engine = ocp_engine_create(memory_limit);
    if (engine == NULL) {
        return 0;
    }
    ocp_result plain;
    int32_t status = ocp_parse(engine, src, length, &o, &plain);
    check_status(&plain, status, &o);
    if (status == OCP_OK) {
        check_payload(&plain, length);
        /* The same parse into an arena: the same bytes (or out of memory, when the limit allows no arena). */
        ocp_arena *arena;
        uint64_t capacity = (choice & 16) ? plain.length : plain.length + 64;
        if (ocp_arena_create(engine, capacity, &arena) == OCP_OK) {
            ocp_result in_arena;
            int32_t s = ocp_arena_parse(arena, src, length, &o, &in_arena);
            check_status(&in_arena, s, &o);
            if (s == OCP_OK) {
                check_payload(&in_arena, length);
                if (in_arena.length != plain.length || memcmp(in_arena.payload, plain.payload, plain.length) != 0) {
                    fail("the arena's payload differs from ocp_parse's", &in_arena);
                }
                if (ocp_arena_used(arena) > capacity || ocp_arena_used(arena) < in_arena.length) {
                    fail("the arena's used bytes are wrong", &in_arena);
                }
            }
            ocp_arena_reset(arena);
            if (ocp_arena_used(arena) != 0) {
                fail("a reset arena is not empty", &in_arena);
            }
            ocp_arena_destroy(arena);
        }
        ocp_free(engine, plain.payload);
    }
    ocp_stats s;
    ocp_stats_get(engine, &s);
    if (s.live_bytes != 0 || s.live_allocations != 0 || s.allocations != s.frees) {
        fail("memory is still live after everything was freed", &plain);
    }
    if (memory_limit != 0 && s.peak_bytes > memory_limit) {
        fail("the engine crossed its memory limit", &plain);
    }
    ocp_engine_destroy(engine);
    return 0;
}
