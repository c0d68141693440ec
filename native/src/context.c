/*
 * The parse context: failure by longjmp (through the host in the wasm build, see OCP_THROW), and the working
 * memory of one parse. Every working block is linked into the context's list (a header in front of it), so
 * that the entry point frees everything the parse took with one ocp_ctx_release, whether the parse succeeded
 * or jumped out of the middle of the parsers.
 *
 * Small blocks (OCP_SLAB_BLOCK_MAX bytes at most) are cut from one slab per parse instead: the parsers start some
 * twenty small arrays and structs, and asking the allocator for each of them (and giving each back) was a
 * third of what a parse of a one-line document cost. (So is zeroing them: the parsers start their arrays
 * small, see ocp_tree_init_for_source.) A slab block is never freed on its own; growing one moves it
 * out (to the slab again or to a block of its own), and the slab goes with the context. Under
 * AddressSanitizer each slab block is followed by a poisoned red zone and the unused rest of the slab is
 * poisoned, so that an overrun of a small block is caught as it was when each had its own allocation.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ocp_internal.h"

struct ocp_work_block {
    union {
        struct {
            ocp_work_block *prev, *next;
            size_t size;
        } link;
        max_align_t align; /* keeps the block after the header aligned like malloc's */
    } u;
};

#define WORK_HEADER sizeof(ocp_work_block)

#define SLAB_SIZE (OCP_SLAB_BYTES - WORK_HEADER)
/* The prev link of a block cut from the slab: it is in no list. */
#define IN_SLAB ((ocp_work_block *) (void *) &slab_mark)
static const unsigned char slab_mark;

#if defined(__SANITIZE_ADDRESS__)
#define OCP_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OCP_ASAN 1
#endif
#endif
#ifdef OCP_ASAN
#include <sanitizer/asan_interface.h>
#define SLAB_REDZONE ((size_t) 16)
#define POISON(at, size) ASAN_POISON_MEMORY_REGION(at, size)
#define UNPOISON(at, size) ASAN_UNPOISON_MEMORY_REGION(at, size)
#else
#define SLAB_REDZONE ((size_t) 0)
#define POISON(at, size) ((void) (at), (void) (size))
#define UNPOISON(at, size) ((void) (at), (void) (size))
#endif

_Noreturn void ocp_fail(ocp_ctx *ctx, int32_t status, const char *format, ...) {
    va_list args;
    va_start(args, format);
    int n = vsnprintf(ctx->message, sizeof ctx->message, format, args);
    va_end(args);
    if (n < 0) {
        ctx->message[0] = '\0';
    }
    ctx->status = status;
    OCP_THROW(ctx);
}

/* Says why the allocator refused size more bytes: the engine's limit, or the system. Never returns. */
_Noreturn static void fail_memory(ocp_ctx *ctx, size_t size) {
    ocp_stats s;
    ocp_stats_get(ctx->engine, &s);
    if (s.limit_bytes != 0 && (size > s.limit_bytes || s.live_bytes > s.limit_bytes - size)) {
        ocp_fail(ctx, OCP_OUT_OF_MEMORY,
                 "the parse needs %zu more bytes of working memory, which would bring the engine to %" PRIu64
                 " bytes, over its memory limit of %" PRIu64 "; free documents or raise the limit",
                 size, s.live_bytes + (uint64_t) size, s.limit_bytes);
    }
    ocp_fail(ctx, OCP_OUT_OF_MEMORY, "the system refused %zu more bytes of working memory", size);
}

static ocp_work_block *header_of(void *block) {
    return (ocp_work_block *) (void *) ((unsigned char *) block - WORK_HEADER);
}

static void link_block(ocp_ctx *ctx, ocp_work_block *h, size_t size) {
    h->u.link.size = size;
    h->u.link.prev = NULL;
    h->u.link.next = ctx->blocks;
    if (ctx->blocks != NULL) {
        ctx->blocks->u.link.prev = h;
    }
    ctx->blocks = h;
}

static void unlink_block(ocp_ctx *ctx, ocp_work_block *h) {
    if (h->u.link.prev == NULL) {
        ctx->blocks = h->u.link.next;
    } else {
        h->u.link.prev->u.link.next = h->u.link.next;
    }
    if (h->u.link.next != NULL) {
        h->u.link.next->u.link.prev = h->u.link.prev;
    }
}

/* The slab's bytes for a block of size bytes: its header, the block, a red zone under AddressSanitizer, rounded
 * up to keep the next block aligned. */
OCP_INLINE size_t slab_step(size_t size) {
    return (WORK_HEADER + size + SLAB_REDZONE + (WORK_HEADER - 1)) / WORK_HEADER * WORK_HEADER;
}

/* Cuts a block of size bytes from the slab, where step bytes are known to be free. */
OCP_INLINE void *cut_from_slab(ocp_ctx *ctx, size_t size, size_t step) {
    ocp_work_block *h = (ocp_work_block *) (void *) (ctx->slab + ctx->slab_used);
    ctx->slab_used += step;
    UNPOISON(h, WORK_HEADER + size);
    h->u.link.prev = IN_SLAB;
    h->u.link.next = NULL;
    h->u.link.size = size;
    return (unsigned char *) h + WORK_HEADER;
}

/* What the fast path of ocp_mem_alloc_raw leaves: the context's first slab, or a block of its own for a large
 * block or when the slab is full. Out of line, so that the fast path stays small enough to inline. */
OCP_COLD static void *alloc_slow(ocp_ctx *ctx, size_t size) {
    if (size <= OCP_SLAB_BLOCK_MAX && ctx->slab == NULL) {
        ocp_work_block *h = ocp_alloc(ctx->engine, OCP_SLAB_BYTES);
        if (h != NULL) {
            link_block(ctx, h, SLAB_SIZE);
            ctx->slab = (unsigned char *) h + WORK_HEADER;
            ctx->slab_used = 0;
            POISON(ctx->slab, SLAB_SIZE);
            return cut_from_slab(ctx, size, slab_step(size));
        }
    }
    if (size > SIZE_MAX - WORK_HEADER) {
        fail_memory(ctx, size);
    }
    ocp_work_block *h = ocp_alloc(ctx->engine, WORK_HEADER + size);
    if (h == NULL) {
        fail_memory(ctx, WORK_HEADER + size);
    }
    link_block(ctx, h, size);
    return (unsigned char *) h + WORK_HEADER;
}

/* ocp_mem_alloc_raw, here so that ocp_mem_alloc has it inlined in the wasm build too (OCP_INLINE). */
OCP_INLINE void *alloc_raw(ocp_ctx *ctx, size_t size) {
    if (size <= OCP_SLAB_BLOCK_MAX && ctx->slab != NULL) {
        size_t step = slab_step(size);
        if (step <= SLAB_SIZE - ctx->slab_used) {
            return cut_from_slab(ctx, size, step);
        }
    }
    return alloc_slow(ctx, size);
}

void *ocp_mem_alloc_raw(ocp_ctx *ctx, size_t size) {
    return alloc_raw(ctx, size);
}

void *ocp_mem_alloc(ocp_ctx *ctx, size_t size) {
    void *block = alloc_raw(ctx, size);
    memset(block, 0, size);
    return block;
}

void *ocp_mem_realloc(ocp_ctx *ctx, void *block, size_t size) {
    if (block == NULL) {
        return ocp_mem_alloc_raw(ctx, size);
    }
    if (size > SIZE_MAX - WORK_HEADER) {
        fail_memory(ctx, size);
    }
    ocp_work_block *h = header_of(block);
    size_t old = h->u.link.size;
    if (h->u.link.prev == IN_SLAB) {
        /* Moved out; the old place stays in the slab until the context goes. */
        void *moved = ocp_mem_alloc_raw(ctx, size);
        memcpy(moved, block, old < size ? old : size);
        return moved;
    }
    /* Unlink first: the system may move the block, and on refusal it stays valid and is linked again. */
    unlink_block(ctx, h);
    ocp_work_block *moved = ocp_realloc(ctx->engine, h, WORK_HEADER + size);
    if (moved == NULL) {
        link_block(ctx, h, old);
        fail_memory(ctx, size > old ? size - old : 0);
    }
    link_block(ctx, moved, size);
    return (unsigned char *) moved + WORK_HEADER;
}

void ocp_mem_free(ocp_ctx *ctx, void *block) {
    if (block == NULL) {
        return;
    }
    ocp_work_block *h = header_of(block);
    if (h->u.link.prev == IN_SLAB) {
        return; /* freed with the slab */
    }
    unlink_block(ctx, h);
    ocp_dealloc(ctx->engine, h);
}

void ocp_grow(ocp_ctx *ctx, void **array, int32_t *capacity, int64_t need, size_t elem) {
    int64_t cap = *capacity;
    if (need <= cap) {
        return;
    }
    if (need > INT32_MAX) {
        ocp_fail(ctx, OCP_LIMIT_EXCEEDED, "a working array would need %" PRId64 " elements, more than the %" PRId32
                 " the core can index", need, INT32_MAX);
    }
    int64_t grown = cap * 2 > need ? cap * 2 : need;
    if (grown > INT32_MAX) {
        grown = INT32_MAX;
    }
    if ((uint64_t) grown > SIZE_MAX / elem) {
        fail_memory(ctx, SIZE_MAX);
    }
    unsigned char *moved = ocp_mem_realloc(ctx, *array, (size_t) grown * elem);
    memset(moved + (size_t) cap * elem, 0, (size_t) (grown - cap) * elem);
    *array = moved;
    *capacity = (int32_t) grown;
}

void ocp_ctx_release(ocp_ctx *ctx) {
    if (ctx->slab != NULL) {
        UNPOISON(ctx->slab, SLAB_SIZE);
        ctx->slab = NULL;
    }
    ocp_work_block *h = ctx->blocks;
    while (h != NULL) {
        ocp_work_block *next = h->u.link.next;
        ocp_dealloc(ctx->engine, h);
        h = next;
    }
    ctx->blocks = NULL;
}
