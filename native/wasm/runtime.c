/*
 * The wasm build's side of failure and of the host's buffers (the protocol is native/wasm/README.md).
 *
 * Wasm has no setjmp (short of Emscripten or the exception-handling proposal), so a failing parse leaves by
 * the host: ocp_fail records the failure in the parse's context and ocp_wasm_unwind calls the host's one
 * import, ocp.unwind, which throws and so abandons every wasm frame of the call. The context lives in those
 * frames, on the shadow stack in linear memory, where the abandoned frames leave it intact; the host then calls
 * ocp_wasm_recover (recover.s), which runs below them, does what the native build's setjmp branch does, and
 * puts the stack pointer back where it is between calls.
 *
 * State is static: an instance runs one call at a time on one thread.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ocp_internal.h"

/* The layouts the host reads and writes (README.md), held here so that a change cannot slip by. */
_Static_assert(sizeof(void *) == 4, "wasm32");
_Static_assert(sizeof(ocp_options) == 32 && offsetof(ocp_options, max_input_bytes) == 16
                   && offsetof(ocp_options, extensions) == 24, "ocp_options");
_Static_assert(sizeof(ocp_result) == 280 && offsetof(ocp_result, payload) == 0 && offsetof(ocp_result, length) == 8
                   && offsetof(ocp_result, status) == 16 && offsetof(ocp_result, message) == 24,
               "ocp_result");
_Static_assert(sizeof(ocp_stats) == 56 && offsetof(ocp_stats, limit_bytes) == 40 && offsetof(ocp_stats, pressure) == 48,
               "ocp_stats");

/* The host's function that throws; it never returns. */
__attribute__((import_module("ocp"), import_name("unwind"))) _Noreturn void ocp_host_unwind(void);

/* The parse that called ocp_host_unwind and has not been recovered yet, if any. */
static ocp_ctx *failing;

_Noreturn void ocp_wasm_unwind(ocp_ctx *ctx) {
    failing = ctx;
    ocp_host_unwind();
}

/* recover.s's body: the setjmp branch of the failed entry point. OCP_INTERNAL, with nothing done, when no
 * parse is waiting to be recovered (the host called out of turn). */
int32_t ocp_wasm_recover_failed(void);
int32_t ocp_wasm_recover_failed(void) {
    ocp_ctx *ctx = failing;
    if (ctx == NULL) {
        return OCP_INTERNAL;
    }
    failing = NULL;
    return ocp_parse_failed(ctx);
}

/* Where the stack pointer is between calls: with --stack-first the stack is the first region of memory and
 * grows down from its end, which is where the linker puts the data that follows, __global_base. */
extern unsigned char __global_base[];
uintptr_t ocp_wasm_stack_top(void);
uintptr_t ocp_wasm_stack_top(void) {
    return (uintptr_t) __global_base;
}

/* The host's buffers (input, options, results, stats): untracked, not part of ocp_stats, 8-byte aligned. */
void *ocp_wasm_alloc(uint32_t size);
void *ocp_wasm_alloc(uint32_t size) {
    return malloc(size);
}

void ocp_wasm_free(void *block);
void ocp_wasm_free(void *block) {
    free(block);
}
