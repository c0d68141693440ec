/*
 * malloc, realloc and free over the module's linear memory, for the freestanding wasm build (the tracked
 * allocator of alloc.c sits on top of them and does the counting and the memory limit).
 *
 * A boundary-tag allocator: the heap runs from __heap_base to the end of memory as a sequence of chunks, each
 * with an 8-byte header, so that blocks are 8-byte aligned; free chunks are coalesced with their neighbours
 * at once and kept in size-segregated lists (exact lists of 8-byte steps below 512 bytes, four lists per
 * power of two above), found through a bitmap. The last chunk, "top", is the free space up to the end of
 * memory, grown with memory.grow when nothing else fits; a block next to top (a growing working array, the
 * payload being written) grows and shrinks in place. Memory is never given back (wasm cannot shrink a memory),
 * but every freed byte is reused.
 *
 * State is static: a wasm instance runs one call at a time on one thread, and this file exists only there.
 *
 * Chunk layout, all sizes multiples of 8:
 *   +0  prev_size  the size of the chunk before, valid only while that chunk is free
 *   +4  head       this chunk's size | INUSE | PREV_INUSE
 *   +8  the block; while free: next and prev links of its list, and its size again in the next chunk's
 *       prev_size (so that freeing the next chunk finds this one).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PREV_INUSE 1u
#define INUSE 2u
#define FLAGS (PREV_INUSE | INUSE)
#define HEAD 8u       /* the header in front of every block */
#define MIN_CHUNK 16u /* a header and the two links of a free chunk */
#define PAGE 65536u
/* Below this, one list per chunk size; from it up, four lists per power of two. */
#define SMALL_LIMIT 512u
#define SMALL_BINS (SMALL_LIMIT / 8u)
#define BINS (SMALL_BINS + 4u * 23u) /* 2^9 .. 2^32 */
#define MAP_WORDS ((BINS + 31u) / 32u)
/* Growth of memory: at least this many pages, and at least an eighth of what there is, so that a parse of
 * a large document grows the memory a few dozen times rather than once per megabyte. */
#define MIN_GROW_PAGES 16u

typedef struct chunk {
    uint32_t prev_size;
    uint32_t head;
    struct chunk *next; /* free chunks only */
    struct chunk *prev;
} chunk;

extern unsigned char __heap_base[];

static chunk *bins[BINS];
static uint32_t bin_map[MAP_WORDS];
/* Bit w is set when bin_map[w] is not zero: take_free finds the next list with chunks without reading the empty
 * words of the map (after a parse has freed everything into top, all of them). */
static uint32_t map_words;
_Static_assert(MAP_WORDS <= 32, "map_words has a bit per word of bin_map");
static chunk *top;         /* the free space at the end of memory */
static uint32_t top_size;  /* its size, header included; at least MIN_CHUNK once initialized */
static int initialized;

/* The chunk arithmetic below is inlined even though the module is built without inlining (native/src/ocp_internal.h,
 * OCP_INLINE, says why): each is a few instructions, used on every allocation and free. */
#define INLINE static inline __attribute__((always_inline))

INLINE uint32_t size_of(const chunk *c) {
    return c->head & ~FLAGS;
}

INLINE chunk *at(chunk *c, uint32_t offset) {
    return (chunk *) (void *) ((unsigned char *) c + offset);
}

INLINE void *block_of(chunk *c) {
    return (unsigned char *) c + HEAD;
}

INLINE chunk *chunk_of(void *block) {
    return (chunk *) (void *) ((unsigned char *) block - HEAD);
}

static uint32_t memory_end(void) {
    return (uint32_t) (__builtin_wasm_memory_size(0) * PAGE);
}

static int initialize(void) {
    uint32_t base = ((uint32_t) (uintptr_t) __heap_base + 7u) & ~7u;
    uint32_t end = memory_end();
    if (end < base + MIN_CHUNK) {
        if (__builtin_wasm_memory_grow(0, 1) == SIZE_MAX) {
            return 0;
        }
        end = memory_end();
    }
    top = (chunk *) (uintptr_t) base;
    top_size = end - base;
    top->head = PREV_INUSE; /* nothing before it to coalesce with */
    initialized = 1;
    return 1;
}

INLINE uint32_t bin_of(uint32_t size) {
    if (size < SMALL_LIMIT) {
        return size / 8u;
    }
    uint32_t log = 31u - (uint32_t) __builtin_clz(size); /* 9 .. 31 */
    return SMALL_BINS + 4u * (log - 9u) + ((size >> (log - 2u)) & 3u);
}

static void link_free(chunk *c) {
    uint32_t b = bin_of(size_of(c));
    c->prev = NULL;
    c->next = bins[b];
    if (c->next != NULL) {
        c->next->prev = c;
    }
    bins[b] = c;
    bin_map[b / 32u] |= 1u << (b % 32u);
    map_words |= 1u << (b / 32u);
}

static void unlink_free(chunk *c) {
    uint32_t b = bin_of(size_of(c));
    if (c->prev != NULL) {
        c->prev->next = c->next;
    } else {
        bins[b] = c->next;
        if (c->next == NULL) {
            bin_map[b / 32u] &= ~(1u << (b % 32u));
            if (bin_map[b / 32u] == 0) {
                map_words &= ~(1u << (b / 32u));
            }
        }
    }
    if (c->next != NULL) {
        c->next->prev = c->prev;
    }
}

/* Marks c (size bytes, whose predecessor is in use) free: its size into the next chunk, into a list. The
 * caller has coalesced it already, so the next chunk is in use. */
static void make_free(chunk *c, uint32_t size) {
    c->head = size | PREV_INUSE;
    chunk *next = at(c, size);
    next->prev_size = size;
    next->head &= ~PREV_INUSE;
    link_free(c);
}

/* Returns the chunk c of size bytes (in use or not, its predecessor in use) to the free space, merging it
 * with the next chunk or with top. */
static void release(chunk *c, uint32_t size) {
    chunk *next = at(c, size);
    if (next == top) {
        top = c;
        top_size += size;
        top->head = PREV_INUSE;
        return;
    }
    if ((next->head & INUSE) == 0) {
        unlink_free(next);
        size += size_of(next);
    }
    make_free(c, size);
}

/* Cuts c (in use, of size bytes) down to want bytes, freeing the rest when it can hold a chunk. */
static void trim(chunk *c, uint32_t size, uint32_t want) {
    if (size - want < MIN_CHUNK) {
        return;
    }
    c->head = want | (c->head & PREV_INUSE) | INUSE;
    chunk *rest = at(c, want);
    rest->head = PREV_INUSE;
    release(rest, size - want);
}

/* Makes top hold at least need bytes (and a header after them) by growing the memory; 0 if it cannot. */
static int grow_top(uint32_t need) {
    if (top_size >= need + MIN_CHUNK) {
        return 1;
    }
    uint32_t missing = need + MIN_CHUNK - top_size;
    size_t pages = (missing + PAGE - 1u) / PAGE;
    size_t have = __builtin_wasm_memory_size(0);
    size_t more = pages;
    if (more < MIN_GROW_PAGES) {
        more = MIN_GROW_PAGES;
    }
    if (more < have / 8u) {
        more = have / 8u;
    }
    if (__builtin_wasm_memory_grow(0, more) == SIZE_MAX) {
        /* The generous step may pass the maximum where the bare need does not. */
        if (more == pages || __builtin_wasm_memory_grow(0, pages) == SIZE_MAX) {
            return 0;
        }
        more = pages;
    }
    /* Only this allocator grows the memory, so the new pages follow top. */
    top_size += (uint32_t) (more * PAGE);
    return 1;
}

/* The chunk size for a request of n bytes; 0 if no chunk can be that large. */
static uint32_t chunk_size(size_t n) {
    if (n > UINT32_MAX - HEAD - 7u - MIN_CHUNK - PAGE) {
        return 0;
    }
    uint32_t size = ((uint32_t) n + HEAD + 7u) & ~7u;
    return size < MIN_CHUNK ? MIN_CHUNK : size;
}

/* A free chunk of at least size bytes from the lists, unlinked; NULL if none. */
static chunk *take_free(uint32_t size) {
    uint32_t b = bin_of(size);
    if (b >= SMALL_BINS) {
        /* Sizes in a large list vary: first fit within it. */
        for (chunk *c = bins[b]; c != NULL; c = c->next) {
            if (size_of(c) >= size) {
                unlink_free(c);
                return c;
            }
        }
        b++;
    }
    /* Any chunk of a list from b on is large enough (in the exact lists, b's own is exactly size). */
    uint32_t w = b / 32u;
    if (w >= MAP_WORDS) {
        return NULL;
    }
    uint32_t bits = bin_map[w] & (~0u << (b % 32u));
    if (bits == 0) {
        uint32_t later = map_words & (~1u << w); /* the words after w that have lists with chunks */
        if (later == 0) {
            return NULL;
        }
        w = (uint32_t) __builtin_ctz(later);
        bits = bin_map[w];
    }
    chunk *c = bins[w * 32u + (uint32_t) __builtin_ctz(bits)];
    unlink_free(c);
    return c;
}

void *malloc(size_t n) {
    uint32_t size = chunk_size(n);
    if (size == 0 || (!initialized && !initialize())) {
        return NULL;
    }
    chunk *c = take_free(size);
    if (c != NULL) {
        uint32_t have = size_of(c);
        c->head |= INUSE; /* its predecessor is in use: free chunks never touch */
        at(c, have)->head |= PREV_INUSE;
        trim(c, have, size);
        return block_of(c);
    }
    if (!grow_top(size)) {
        return NULL;
    }
    c = top;
    c->head = size | PREV_INUSE | INUSE;
    top = at(c, size);
    top_size -= size;
    top->head = PREV_INUSE;
    return block_of(c);
}

void free(void *block) {
    if (block == NULL) {
        return;
    }
    chunk *c = chunk_of(block);
    uint32_t size = size_of(c);
    if ((c->head & PREV_INUSE) == 0) {
        chunk *before = at(c, 0u - c->prev_size);
        unlink_free(before);
        size += size_of(before);
        c = before;
    }
    release(c, size);
}

void *realloc(void *block, size_t n) {
    if (block == NULL) {
        return malloc(n);
    }
    uint32_t size = chunk_size(n);
    if (size == 0) {
        return NULL;
    }
    chunk *c = chunk_of(block);
    uint32_t have = size_of(c);
    if (size <= have) {
        trim(c, have, size);
        return block;
    }
    chunk *next = at(c, have);
    if (next == top) {
        /* The last block grows into top, the memory growing under it if need be. */
        if (!grow_top(size - have)) {
            return NULL;
        }
        top = at(c, size);
        top_size -= size - have;
        top->head = PREV_INUSE;
        c->head = size | (c->head & PREV_INUSE) | INUSE;
        return block;
    }
    if ((next->head & INUSE) == 0 && have + size_of(next) >= size) {
        uint32_t merged = have + size_of(next);
        unlink_free(next);
        c->head = merged | (c->head & PREV_INUSE) | INUSE;
        at(c, merged)->head |= PREV_INUSE;
        trim(c, merged, size);
        return block;
    }
    void *moved = malloc(n);
    if (moved == NULL) {
        return NULL;
    }
    memcpy(moved, block, have - HEAD);
    free(block);
    return moved;
}
