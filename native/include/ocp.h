/*
 * OCP core: Markdown to OCP v1 payloads (docs/ocp-format.md), the whole ABI in one header.
 *
 * Ownership: the library allocates every payload; the caller frees each one exactly once with ocp_free()
 * (payloads from an arena are freed by ocp_arena_reset() or ocp_arena_destroy() instead).
 * Threads: an engine may be used from many threads at once (its counters are atomic); an arena by one
 * thread at a time. There is no global mutable state and no "last error": each call reports into the
 * result the caller passes.
 * Types: fixed-size integers and pointers only, so that FFM, JNA and wasm bind it without glue.
 */
#ifndef OCP_H
#define OCP_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. Their meaning matches dev.ocp.OcpException.Code of the same name. */
#define OCP_OK 0
#define OCP_INVALID_INPUT 1
#define OCP_LIMIT_EXCEEDED 2
#define OCP_OUT_OF_MEMORY 3
#define OCP_UNSUPPORTED 4
#define OCP_INTERNAL 5
/* The input breaks its dialect's syntax (MDX); the message reads "LINE:COLUMN[-LINE:COLUMN]: REASON (ocp:RULE)". */
#define OCP_SYNTAX 6

/* Dialects, as in the OCP header. */
#define OCP_DIALECT_COMMONMARK 0
#define OCP_DIALECT_GFM 1
#define OCP_DIALECT_MDX 2

/* Extensions over the dialect's base, as bits (dev.ocp.Extension.bit(), and the payload header's flags). */
#define OCP_EXTENSION_GFM 1u
#define OCP_EXTENSION_FRONTMATTER 2u
#define OCP_EXTENSION_MATH 4u
#define OCP_EXTENSION_DIRECTIVE 8u
#define OCP_EXTENSION_ALERTS 16u
#define OCP_EXTENSION_HEADING_IDS 32u
#define OCP_EXTENSION_HTML_COMMENTS 64u

/* Flavors (dev.ocp.Flavor.code()): CommonMark's reference implementations, or micromark where it departs from them. */
#define OCP_FLAVOR_REFERENCE 0u
#define OCP_FLAVOR_MICROMARK 1u

/* Parse options: the fields of dev.ocp.ParseOptions. 32 bytes, no padding. The dialect is 1 (GFM) exactly when
 * the base is CommonMark and OCP_EXTENSION_GFM is set. */
typedef struct ocp_options {
    uint32_t dialect;
    uint32_t max_nesting_depth;
    uint32_t max_nodes;
    uint32_t max_inline_nesting;
    uint64_t max_input_bytes;
    uint32_t extensions; /* OCP_EXTENSION_* bits */
    uint32_t flavor;     /* OCP_FLAVOR_*: whose reading to follow where parsers part ways (dev.ocp.Flavor) */
} ocp_options;

#define OCP_MESSAGE_CAPACITY 256

/* What a parse produced. 280 bytes, no implicit padding. */
typedef struct ocp_result {
    const uint8_t *payload; /* on OCP_OK the payload, else NULL */
    uint64_t length;        /* its size in bytes */
    int32_t status;         /* OCP_OK or an error code */
    int32_t reserved;       /* 0 */
    char message[OCP_MESSAGE_CAPACITY]; /* NUL-terminated; empty on OCP_OK, else what went wrong */
} ocp_result;

/* Memory counters of an engine, counted by its allocator. 56 bytes. */
typedef struct ocp_stats {
    uint64_t live_allocations; /* blocks allocated and not freed (payloads, arenas, parses under way) */
    uint64_t live_bytes;       /* bytes in those blocks */
    uint64_t peak_bytes;       /* highest bytes reserved so far: live bytes and each thread's credit (at most
                                  4 chunks of 64 KiB, or of the limit's 64th part, per thread above live) */
    uint64_t allocations;      /* blocks allocated so far */
    uint64_t frees;            /* blocks freed so far */
    uint64_t limit_bytes;      /* the memory limit */
    uint32_t pressure;         /* 0 LOW (<50%), 1 MEDIUM (<75%), 2 HIGH (<90%), 3 CRITICAL */
    uint32_t reserved;         /* 0 */
} ocp_stats;

typedef struct ocp_engine ocp_engine;
typedef struct ocp_arena ocp_arena;

/* The library's version, "MAJOR.MINOR.PATCH", and the OCP format version it writes (major << 16 | minor). */
const char *ocp_version(void);
uint32_t ocp_format_version(void);
/* The format version again, as data: a binding can check it without a call into the library, which for Java's FFM
   costs more than the parse of a page (its first downcall builds the linker), and the engine that routes small
   documents to Java may never call the library at all. */
extern const uint32_t ocp_format;

/* An engine: an allocator with a memory limit and its counters. NULL if memory is short. */
ocp_engine *ocp_engine_create(uint64_t memory_limit_bytes);
/* Destroys the engine. Payloads and arenas of the engine must have been freed first. */
void ocp_engine_destroy(ocp_engine *engine);

/*
 * Parses src[0, length) (UTF-8; invalid sequences are parsed as they stand) into a new payload.
 * Returns out->status. On failure nothing stays allocated. Never reads src past length; src may be
 * NULL when length is 0.
 */
int32_t ocp_parse(ocp_engine *engine, const uint8_t *src, uint64_t length, const ocp_options *options,
                  ocp_result *out);
/* Frees a payload returned by ocp_parse. NULL is ignored. */
void ocp_free(ocp_engine *engine, const uint8_t *payload);

/* Arenas: payloads bump-allocated in one region of capacity_bytes, all freed by a reset in O(1). */
int32_t ocp_arena_create(ocp_engine *engine, uint64_t capacity_bytes, ocp_arena **out_arena);
int32_t ocp_arena_parse(ocp_arena *arena, const uint8_t *src, uint64_t length, const ocp_options *options,
                        ocp_result *out);
void ocp_arena_reset(ocp_arena *arena);
uint64_t ocp_arena_used(const ocp_arena *arena);
void ocp_arena_destroy(ocp_arena *arena);

/* A snapshot of the engine's counters. */
void ocp_stats_get(const ocp_engine *engine, ocp_stats *out);

#ifdef __cplusplus
}
#endif
#endif
