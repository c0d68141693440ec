/*
 * ocp_check: the C core against the Java reference, and the core on its own under sanitizers and valgrind.
 *
 *   ocp_check diff DIR [--only PREFIX] [--show N] [--quiet] [--memory-only] [--no-ssse3]
 *       For every case of DIR/index.tsv (written by the Java side, dev.ocp.tck.NativeFixtures): parses
 *       PATH.md with the core, with ocp_parse and again into an arena, and compares with the reference's
 *       PATH.ocp byte for byte (or with its error, PATH.err: same status, same message). Prints the first
 *       difference of the first N failing cases (default 5) decoded as header field, node and field, or
 *       string, with the node tables of both sides around it, then a summary per set. Exit 1 if any differ
 *       (with --memory-only, as the sanitizer and valgrind runs use it: only if memory stays live after a
 *       case or a file is missing; the sanitizers themselves abort on memory errors). With --no-ssse3 the
 *       scans take the paths of a processor without SSSE3 (char_classes.h), which make test diffs too.
 *   ocp_check parse PATH...
 *       Parses every *.md / *.mdx / *.markdown under each PATH (files or folders; .mdx also as MDX with every
 *       extension on) with default options and
 *       with tight limits, a small memory limit and a small arena, so that failure paths run on real
 *       documents too. Each parse must succeed or fail with a limit or memory status; the engine's counters
 *       must return to zero. Exit 1 otherwise.
 *   ocp_check dump FILE.md
 *       Parses a file with the core and prints its nodes (what a port helper looks at first).
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef _WIN32
#include <windows.h>
#else
#include <signal.h>
#include <unistd.h>
#endif

#include "ocp.h"
#include "char_classes.h"
#include "ocp_format.h"

/* ---- small utilities ---- */

static uint8_t *read_file(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t capacity = 4096, n = 0;
    uint8_t *data = malloc(capacity);
    for (;;) {
        if (n == capacity) {
            capacity *= 2;
            data = realloc(data, capacity);
        }
        size_t got = fread(data + n, 1, capacity - n, f);
        if (got == 0) {
            break;
        }
        n += got;
    }
    fclose(f);
    *length = n;
    return data;
}

static uint32_t le32(const uint8_t *p, uint64_t length, uint64_t at) {
    if (at + 4 > length) {
        return 0;
    }
    return (uint32_t) p[at] | (uint32_t) p[at + 1] << 8 | (uint32_t) p[at + 2] << 16 | (uint32_t) p[at + 3] << 24;
}

static uint32_t le16(const uint8_t *p, uint64_t length, uint64_t at) {
    if (at + 2 > length) {
        return 0;
    }
    return (uint32_t) p[at] | (uint32_t) p[at + 1] << 8;
}

/* Input bytes for a message: printable ASCII as is, the rest escaped, at most max characters. */
static void print_escaped(const uint8_t *s, size_t length, size_t max) {
    putchar('"');
    size_t shown = 0;
    for (size_t i = 0; i < length && shown < max; i++) {
        uint8_t b = s[i];
        if (b == '\n') {
            shown += (size_t) printf("\\n");
        } else if (b == '\t') {
            shown += (size_t) printf("\\t");
        } else if (b == '"' || b == '\\') {
            shown += (size_t) printf("\\%c", b);
        } else if (b >= 0x20 && b < 0x7F) {
            putchar(b);
            shown++;
        } else {
            shown += (size_t) printf("\\x%02X", b);
        }
    }
    putchar('"');
    if (shown >= max) {
        printf("... (%zu bytes)", length);
    }
}

static const char *kind_name(uint32_t kind) {
    static const char *const block[] = {
        "?", "DOCUMENT", "PARAGRAPH", "HEADING", "THEMATIC_BREAK", "BLOCK_QUOTE", "LIST", "LIST_ITEM",
        "CODE_BLOCK", "HTML_BLOCK", "DEFINITION", "TABLE", "TABLE_ROW", "TABLE_CELL", "FOOTNOTE_DEFINITION",
        "FRONTMATTER", "MATH_BLOCK", "MDX_JSX_FLOW", "MDX_EXPRESSION_FLOW", "MDX_ESM"};
    static const char *const inline_kinds[] = {
        "TEXT", "SOFT_BREAK", "HARD_BREAK", "CODE_SPAN", "EMPHASIS", "STRONG", "LINK", "IMAGE", "HTML_INLINE",
        "STRIKETHROUGH", "FOOTNOTE_REFERENCE", "MATH_INLINE", "MDX_JSX_TEXT", "MDX_EXPRESSION_TEXT"};
    if (kind < sizeof block / sizeof block[0]) {
        return block[kind];
    }
    if (kind >= 32 && kind - 32 < sizeof inline_kinds / sizeof inline_kinds[0]) {
        return inline_kinds[kind - 32];
    }
    return "?";
}

static const char *status_name(int32_t status) {
    static const char *const names[] = {"OK", "INVALID_INPUT", "LIMIT_EXCEEDED", "OUT_OF_MEMORY", "UNSUPPORTED",
                                        "INTERNAL", "SYNTAX"};
    return status >= 0 && status <= OCP_SYNTAX ? names[status] : "?";
}

static int32_t status_of(const char *name) {
    for (int32_t s = 0; s <= OCP_SYNTAX; s++) {
        if (strcmp(name, status_name(s)) == 0) {
            return s;
        }
    }
    return -1;
}

/* ---- decoding a payload for reports ---- */

typedef struct view {
    const uint8_t *p;
    uint64_t length;
} view;

static uint32_t header(view v, uint32_t field) {
    return field == OCP_H_VERSION_MAJOR || field == OCP_H_VERSION_MINOR || field == OCP_H_HEADER_SIZE
                   || field == OCP_H_NODE_RECORD_SIZE || field == OCP_H_ATTR_RECORD_SIZE
               ? le16(v.p, v.length, field)
               : field == OCP_H_DIALECT || field == OCP_H_FLAGS ? (field < v.length ? v.p[field] : 0)
                                                                : le32(v.p, v.length, field);
}

static const struct {
    uint32_t at;
    const char *name;
} HEADER_FIELDS[] = {
    {OCP_H_MAGIC, "magic"}, {OCP_H_VERSION_MAJOR, "version_major"}, {OCP_H_VERSION_MINOR, "version_minor"},
    {OCP_H_HEADER_SIZE, "header_size"}, {OCP_H_DIALECT, "dialect"}, {OCP_H_FLAGS, "flags"},
    {OCP_H_TOTAL_SIZE, "total_size"}, {OCP_H_SOURCE_LENGTH, "source_length"}, {OCP_H_NODE_OFFSET, "node_offset"},
    {OCP_H_NODE_COUNT, "node_count"}, {OCP_H_NODE_RECORD_SIZE, "node_record_size"},
    {OCP_H_ATTR_RECORD_SIZE, "attr_record_size"}, {OCP_H_STRING_OFFSET, "string_offset"},
    {OCP_H_STRING_SIZE, "string_size"}, {OCP_H_ATTR_OFFSET, "attr_offset"}, {OCP_H_ATTR_COUNT, "attr_count"},
};

static const struct {
    uint32_t at;
    const char *name;
} NODE_FIELDS[] = {
    {OCP_N_KIND, "kind"}, {OCP_N_FLAGS, "flags"}, {OCP_N_DATA, "data"}, {OCP_N_PARENT, "parent"},
    {OCP_N_FIRST_CHILD, "first_child"}, {OCP_N_NEXT_SIBLING, "next_sibling"}, {OCP_N_SPAN_START, "span_start"},
    {OCP_N_SPAN_END, "span_end"}, {OCP_N_A, "a"}, {OCP_N_B, "b"}, {OCP_N_C, "c"},
};

static uint32_t node_count(view v) {
    uint32_t n = header(v, OCP_H_NODE_COUNT);
    uint64_t fit = v.length > OCP_HEADER_SIZE ? (v.length - OCP_HEADER_SIZE) / OCP_NODE_RECORD_SIZE : 0;
    return n > fit ? (uint32_t) fit : n;
}

static uint32_t node_field(view v, uint32_t index, uint32_t field) {
    uint64_t rec = (uint64_t) header(v, OCP_H_NODE_OFFSET) + (uint64_t) index * OCP_NODE_RECORD_SIZE;
    if (field == OCP_N_KIND || field == OCP_N_FLAGS) {
        return rec + field < v.length ? v.p[rec + field] : 0;
    }
    return field == OCP_N_DATA ? le16(v.p, v.length, rec + field) : le32(v.p, v.length, rec + field);
}

/* Prints a slot: NONE, or the number and, when it is a valid string reference, the string. */
static void print_slot(view v, uint32_t value) {
    if (value == OCP_NONE) {
        printf("-");
        return;
    }
    printf("%" PRIu32, value);
    uint32_t pool = header(v, OCP_H_STRING_OFFSET);
    uint32_t size = header(v, OCP_H_STRING_SIZE);
    if (value + 4u <= size && value + 4u > value) {
        uint32_t len = le32(v.p, v.length, (uint64_t) pool + value);
        if (len <= size - value - 4) {
            printf("~");
            print_escaped(v.p + pool + value + 4, len, 40);
        }
    }
}

static void print_node(view v, uint32_t i) {
    uint32_t kind = node_field(v, i, OCP_N_KIND);
    printf("%5" PRIu32 " %-14s fl=%-2" PRIu32 " d=%-3" PRIu32 " up=", i, kind_name(kind),
           node_field(v, i, OCP_N_FLAGS), node_field(v, i, OCP_N_DATA));
    uint32_t links[] = {node_field(v, i, OCP_N_PARENT), node_field(v, i, OCP_N_FIRST_CHILD),
                        node_field(v, i, OCP_N_NEXT_SIBLING)};
    for (int k = 0; k < 3; k++) {
        if (k > 0) {
            printf(k == 1 ? " first=" : " next=");
        }
        if (links[k] == OCP_NONE) {
            printf("-");
        } else {
            printf("%" PRIu32, links[k]);
        }
    }
    printf(" [%" PRIu32 ",%" PRIu32 ") a=", node_field(v, i, OCP_N_SPAN_START), node_field(v, i, OCP_N_SPAN_END));
    print_slot(v, node_field(v, i, OCP_N_A));
    printf(" b=");
    print_slot(v, node_field(v, i, OCP_N_B));
    printf(" c=");
    print_slot(v, node_field(v, i, OCP_N_C));
    printf("\n");
}

/* Where byte `at` of a payload lies, described in the terms of docs/ocp-format.md. */
static void describe_offset(view v, uint64_t at) {
    if (at < OCP_HEADER_SIZE) {
        const char *name = "?";
        for (size_t i = 0; i < sizeof HEADER_FIELDS / sizeof HEADER_FIELDS[0]; i++) {
            if (HEADER_FIELDS[i].at <= at) {
                name = HEADER_FIELDS[i].name;
            }
        }
        printf("header field %s", name);
        return;
    }
    uint64_t nodes = header(v, OCP_H_NODE_OFFSET);
    uint64_t attrs = header(v, OCP_H_ATTR_OFFSET);
    uint64_t strings = header(v, OCP_H_STRING_OFFSET);
    if (at >= nodes && at < nodes + (uint64_t) header(v, OCP_H_NODE_COUNT) * OCP_NODE_RECORD_SIZE) {
        uint64_t index = (at - nodes) / OCP_NODE_RECORD_SIZE;
        uint64_t off = (at - nodes) % OCP_NODE_RECORD_SIZE;
        const char *name = "?";
        for (size_t i = 0; i < sizeof NODE_FIELDS / sizeof NODE_FIELDS[0]; i++) {
            if (NODE_FIELDS[i].at <= off) {
                name = NODE_FIELDS[i].name;
            }
        }
        printf("node %" PRIu64 " (%s) field %s", index, kind_name(node_field(v, (uint32_t) index, OCP_N_KIND)),
               name);
        return;
    }
    if (at >= attrs && at < attrs + (uint64_t) header(v, OCP_H_ATTR_COUNT) * OCP_ATTR_RECORD_SIZE) {
        printf("attribute %" PRIu64 " byte %" PRIu64, (at - attrs) / OCP_ATTR_RECORD_SIZE,
               (at - attrs) % OCP_ATTR_RECORD_SIZE);
        return;
    }
    if (at >= strings) {
        /* Walk the pool to the string holding it, then find a node that refers to that string. */
        uint64_t ref = 0, size = header(v, OCP_H_STRING_SIZE);
        while (ref + 4 <= size) {
            uint64_t len = le32(v.p, v.length, strings + ref);
            if (at < strings + ref + 4 + len) {
                break;
            }
            ref += 4 + len;
        }
        printf("string pool +%" PRIu64 ", in the string at reference %" PRIu64, at - strings, ref);
        for (uint32_t i = 0; i < node_count(v); i++) {
            for (uint32_t f = OCP_N_A; f <= OCP_N_C; f += 4) {
                if (node_field(v, i, f) == ref) {
                    printf(" (node %" PRIu32 " %s field %c)", i, kind_name(node_field(v, i, OCP_N_KIND)),
                           "abc"[(f - OCP_N_A) / 4]);
                    return;
                }
            }
        }
        return;
    }
    printf("byte %" PRIu64, at);
}

/* The first node whose record or strings differ, comparing field by field and strings by content. */
static int64_t first_differing_node(view java, view c, const char **field) {
    uint32_t n = node_count(java) < node_count(c) ? node_count(java) : node_count(c);
    for (uint32_t i = 0; i < n; i++) {
        for (size_t k = 0; k < sizeof NODE_FIELDS / sizeof NODE_FIELDS[0]; k++) {
            if (node_field(java, i, NODE_FIELDS[k].at) != node_field(c, i, NODE_FIELDS[k].at)) {
                *field = NODE_FIELDS[k].name;
                return i;
            }
        }
    }
    if (node_count(java) != node_count(c)) {
        *field = "(one side has more nodes)";
        return n;
    }
    return -1;
}

static void report_difference(const char *path, const char *label, const uint8_t *md, size_t md_length,
                              view java, view c) {
    printf("\nDIFF %s  %s\n  input (%zu bytes): ", path, label, md_length);
    print_escaped(md, md_length, 240);
    printf("\n  java: %" PRIu64 " bytes, %" PRIu32 " nodes;  c: %" PRIu64 " bytes, %" PRIu32 " nodes\n", java.length,
           header(java, OCP_H_NODE_COUNT), c.length, header(c, OCP_H_NODE_COUNT));
    uint64_t common = java.length < c.length ? java.length : c.length;
    uint64_t at = 0;
    while (at < common && java.p[at] == c.p[at]) {
        at++;
    }
    printf("  first differing byte: %" PRIu64 ", ", at);
    if (at == common) {
        printf("one payload is a prefix of the other\n");
    } else {
        describe_offset(java, at);
        printf(" (java 0x%02X, c 0x%02X)\n", java.p[at], c.p[at]);
    }
    for (size_t i = 0; i < sizeof HEADER_FIELDS / sizeof HEADER_FIELDS[0]; i++) {
        uint32_t jv = header(java, HEADER_FIELDS[i].at), cv = header(c, HEADER_FIELDS[i].at);
        if (jv != cv) {
            printf("  header %s: java %" PRIu32 ", c %" PRIu32 "\n", HEADER_FIELDS[i].name, jv, cv);
        }
    }
    const char *field = "";
    int64_t node = first_differing_node(java, c, &field);
    if (node < 0) {
        printf("  every node record agrees; the difference is in the strings or attributes\n");
        node = 0;
    } else {
        printf("  first differing node: %" PRId64 ", field %s\n", node, field);
    }
    uint32_t from = node > 3 ? (uint32_t) node - 3 : 0;
    uint32_t to = (uint32_t) node + 4;
    printf("  java nodes %" PRIu32 "..:\n", from);
    for (uint32_t i = from; i < to && i < node_count(java); i++) {
        print_node(java, i);
    }
    printf("  c nodes %" PRIu32 "..:\n", from);
    for (uint32_t i = from; i < to && i < node_count(c); i++) {
        print_node(c, i);
    }
}

/* ---- diff ---- */

typedef struct set_count {
    char name[64];
    int total, same, seen;
} set_count;

static set_count *count_for(set_count *sets, int *n, const char *path) {
    char name[64];
    size_t len = strcspn(path, "/");
    if (len >= sizeof name) {
        len = sizeof name - 1;
    }
    memcpy(name, path, len);
    name[len] = '\0';
    for (int i = 0; i < *n; i++) {
        if (strcmp(sets[i].name, name) == 0) {
            return &sets[i];
        }
    }
    if (*n == 63) {
        return &sets[62];
    }
    set_count *s = &sets[(*n)++];
    memcpy(s->name, name, len + 1);
    s->total = s->same = s->seen = 0;
    return s;
}

static int live_is_zero(ocp_engine *e) {
    ocp_stats s;
    ocp_stats_get(e, &s);
    return s.live_bytes == 0 && s.live_allocations == 0;
}

/* A parse that does not return is a failure of its case, not a hung diff: each parse runs under a timer
 * (OCP_CHECK_CASE_SECONDS, default 120, generous for valgrind and emulators) that names the case and exits 1
 * when it fires. POSIX: alarm() and SIGALRM. Windows, which has neither: a timer of the process's timer queue,
 * whose callback runs on a pool thread while the parse goes on (or hangs) on the main one. */
static char hung_message[4200];
static size_t hung_length;

static unsigned case_seconds(void) {
    static unsigned seconds;
    if (seconds == 0) {
        const char *v = getenv("OCP_CHECK_CASE_SECONDS");
        seconds = v != NULL && atoi(v) > 0 ? (unsigned) atoi(v) : 120u;
    }
    return seconds;
}

#ifdef _WIN32
static HANDLE hang_timer;

static void CALLBACK on_hang(void *unused, BOOLEAN fired) {
    (void) unused;
    (void) fired;
    DWORD written;
    WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), hung_message, (DWORD) hung_length, &written, NULL);
    /* At once, without the C runtime's exit handlers: the main thread is still inside the parse. */
    TerminateProcess(GetCurrentProcess(), 1);
}

static void arm(unsigned seconds) {
    if (!CreateTimerQueueTimer(&hang_timer, NULL, on_hang, NULL, seconds * 1000u, 0, WT_EXECUTEONLYONCE)) {
        fprintf(stderr, "ocp_check: cannot create the hang timer (error %lu)\n", (unsigned long) GetLastError());
        exit(2);
    }
}

/* Waits for a callback that has begun, so that a parse that returns just in time is never reported as hung. */
static void disarm(void) {
    DeleteTimerQueueTimer(NULL, hang_timer, INVALID_HANDLE_VALUE);
}
#else
static void on_hang(int signal_number) {
    (void) signal_number;
    ssize_t ignored = write(STDOUT_FILENO, hung_message, hung_length);
    (void) ignored;
    _exit(1);
}

static void arm(unsigned seconds) {
    static bool installed;
    if (!installed) {
        struct sigaction a;
        memset(&a, 0, sizeof a);
        a.sa_handler = on_hang;
        sigaction(SIGALRM, &a, NULL);
        installed = true;
    }
    alarm(seconds);
}

static void disarm(void) {
    alarm(0);
}
#endif

/* Arms the timer for a parse of the case at path; disarm() when it returns. */
static void watch(const char *path) {
    unsigned seconds = case_seconds();
    int n = snprintf(hung_message, sizeof hung_message, "\nHUNG %s: the parse did not return within %u s\n", path,
                     seconds);
    hung_length = n < 0 ? 0 : (size_t) n < sizeof hung_message ? (size_t) n : sizeof hung_message - 1;
    fflush(stdout);
    arm(seconds);
}

/* Compares one case; returns 1 if the core agrees with the reference. */
static int diff_case(ocp_engine *engine, const char *dir, char **fields, int *shown, int show, int quiet,
                     int *broken) {
    const char *path = fields[0], *expect = fields[8], *label = fields[9];
    ocp_options o;
    o.dialect = (uint32_t) strtoul(fields[1], NULL, 10);
    o.extensions = (uint32_t) strtoul(fields[2], NULL, 10);
    o.max_input_bytes = strtoull(fields[3], NULL, 10);
    o.max_nesting_depth = (uint32_t) strtoul(fields[4], NULL, 10);
    o.max_nodes = (uint32_t) strtoul(fields[5], NULL, 10);
    o.max_inline_nesting = (uint32_t) strtoul(fields[6], NULL, 10);
    o.flavor = (uint32_t) strtoul(fields[7], NULL, 10);

    char file[4096];
    size_t md_length, ref_length = 0;
    snprintf(file, sizeof file, "%s/%s.md", dir, path);
    uint8_t *md = read_file(file, &md_length);
    int ok_expected = strcmp(expect, "ok") == 0;
    snprintf(file, sizeof file, "%s/%s.%s", dir, path, ok_expected ? "ocp" : "err");
    uint8_t *ref = read_file(file, &ref_length);
    if (md == NULL || ref == NULL) {
        printf("MISSING %s: %s\n", path, md == NULL ? "the .md file" : file);
        free(md);
        free(ref);
        (*broken)++;
        return 0;
    }
    int same = 1;
    ocp_result r;
    watch(path);
    int32_t status = ocp_parse(engine, md, md_length, &o, &r);
    disarm();
    int report = !quiet && *shown < show;
    if (ok_expected) {
        if (status != OCP_OK) {
            same = 0;
            if (report) {
                printf("\nDIFF %s  %s\n  input (%zu bytes): ", path, label, md_length);
                print_escaped(md, md_length, 240);
                printf("\n  java: a payload of %zu bytes;  c: %s: %s\n", ref_length, status_name(status), r.message);
            }
        } else {
            view java = {ref, ref_length}, c = {r.payload, r.length};
            same = r.length == ref_length && memcmp(r.payload, ref, ref_length) == 0;
            if (!same && report) {
                report_difference(path, label, md, md_length, java, c);
            }
            /* The same bytes through an arena (serialized in place, or aside and copied when tight). */
            ocp_arena *arena;
            if (same && ocp_arena_create(engine, r.length + 8, &arena) == OCP_OK) {
                ocp_result a;
                if (ocp_arena_parse(arena, md, md_length, &o, &a) != OCP_OK || a.length != r.length
                    || memcmp(a.payload, r.payload, r.length) != 0) {
                    same = 0;
                    if (report) {
                        printf("\nDIFF %s  %s\n  the arena's payload differs from ocp_parse's (%s: %s)\n", path,
                               label, status_name(a.status), a.message);
                    }
                }
                ocp_arena_destroy(arena);
            }
            ocp_free(engine, r.payload);
        }
    } else {
        char *message = (char *) ref;
        message = realloc(message, ref_length + 1);
        message[ref_length] = '\0';
        ref = (uint8_t *) message;
        int32_t want = status_of(expect);
        same = status == want && strcmp(r.message, message) == 0;
        if (!same && report) {
            printf("\nDIFF %s  %s\n  input (%zu bytes): ", path, label, md_length);
            print_escaped(md, md_length, 240);
            printf("\n  java: %s: %s\n  c:    %s: %s\n", expect, message, status_name(status),
                   status == OCP_OK ? "(a payload)" : r.message);
        }
        if (status == OCP_OK) {
            ocp_free(engine, r.payload);
        }
    }
    if (!live_is_zero(engine)) {
        printf("\nLEAK %s  %s: memory is still live after the payload was freed\n", path, label);
        same = 0;
        (*broken)++;
    }
    if (!same && report) {
        (*shown)++;
    }
    free(md);
    free(ref);
    return same;
}

static int run_diff(int argc, char **argv) {
    if (argc < 1) {
        fprintf(stderr, "usage: ocp_check diff DIR [--only PREFIX] [--show N] [--share N] [--quiet] [--memory-only]"
                        " [--no-ssse3]\n");
        return 2;
    }
    const char *dir = argv[0];
    const char *only = "";
    int show = 5, share = 1, quiet = 0, memory_only = 0, no_ssse3 = 0, broken = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else if (strcmp(argv[i], "--show") == 0 && i + 1 < argc) {
            show = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--share") == 0 && i + 1 < argc) {
            /* The slow runs (valgrind, emulated platforms): every spec example, one in N of each larger set. */
            share = atoi(argv[++i]);
            if (share < 1) {
                fprintf(stderr, "ocp_check diff: --share takes a whole number of 1 or more\n");
                return 2;
            }
        } else if (strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(argv[i], "--memory-only") == 0) {
            memory_only = 1;
        } else if (strcmp(argv[i], "--no-ssse3") == 0) {
            no_ssse3 = 1;
#ifdef OCP_CC_SSE2
            ocp_cc_ssse3_disabled = true;
#endif
        } else {
            fprintf(stderr, "ocp_check diff: unknown argument %s\n", argv[i]);
            return 2;
        }
    }
    char file[4096];
    snprintf(file, sizeof file, "%s/index.tsv", dir);
    size_t length;
    char *index = (char *) read_file(file, &length);
    if (index == NULL) {
        fprintf(stderr, "ocp_check: cannot read %s (make the fixtures with native/test/fixtures.sh)\n", file);
        return 2;
    }
    index = realloc(index, length + 1);
    index[length] = '\0';

    ocp_engine *engine = ocp_engine_create(0);
    set_count sets[64];
    int set_n = 0, shown = 0, total = 0, same = 0;
    for (char *line = index; line < index + length;) {
        char *end = strchr(line, '\n');
        if (end == NULL) {
            end = index + length;
        }
        *end = '\0';
        char *fields[10];
        int n = 0;
        for (char *f = line; n < 10;) {
            fields[n++] = f;
            char *tab = strchr(f, '\t');
            if (tab == NULL || n == 10) {
                break;
            }
            *tab = '\0';
            f = tab + 1;
        }
        if (n == 10 && strncmp(fields[0], only, strlen(only)) == 0) {
            set_count *s = count_for(sets, &set_n, fields[0]);
            if (share > 1 && strstr(s->name, "spec") == NULL && s->seen++ % share != 0) {
                line = end + 1;
                continue;
            }
            int ok = diff_case(engine, dir, fields, &shown, show, quiet, &broken);
            s->total++;
            s->same += ok;
            total++;
            same += ok;
        }
        line = end + 1;
    }
    printf("\n");
    for (int i = 0; i < set_n; i++) {
        printf("%-14s %5d/%-5d identical%s\n", sets[i].name, sets[i].same, sets[i].total,
               sets[i].same == sets[i].total ? "" : "  <--");
    }
    char shared[32] = "";
    if (share > 1) {
        snprintf(shared, sizeof shared, " --share %d", share);
    }
    printf("ocp_check diff%s%s: %d/%d cases identical to the Java engine%s\n", no_ssse3 ? " --no-ssse3" : "", shared,
           same, total,
           total - same > shown && !quiet ? " (--show N for more details, --only PREFIX to focus)" : "");
    ocp_engine_destroy(engine);
    free(index);
    if (memory_only) {
        /* The sanitizer and valgrind runs: every fixture parsed, differences counted but not failed on. */
        printf("ocp_check diff --memory-only: %d leaks or missing files\n", broken);
        return broken == 0 && total > 0 ? 0 : 1;
    }
    return same == total && total > 0 ? 0 : 1;
}

/* ---- parse ---- */

typedef struct tally {
    int files, parses, ok, limited, out_of_memory, bad;
    uint64_t bytes;
} tally;

static const ocp_options DEFAULTS = {OCP_DIALECT_COMMONMARK, 10000, 50000000, 1000, UINT64_C(256) << 20, 0, 0};

static void parse_variant(const char *path, const uint8_t *src, size_t length, uint64_t memory_limit,
                          uint64_t arena_capacity, ocp_options o, tally *t) {
    ocp_engine *engine = ocp_engine_create(memory_limit);
    ocp_result r;
    int32_t status;
    ocp_arena *arena = NULL;
    if (arena_capacity != 0) {
        if (ocp_arena_create(engine, arena_capacity, &arena) != OCP_OK) {
            fprintf(stderr, "ocp_check: no arena of %" PRIu64 " bytes\n", arena_capacity);
            t->bad++;
            ocp_engine_destroy(engine);
            return;
        }
        /* Twice: the second parse finds the arena partly used. */
        status = ocp_arena_parse(arena, src, length, &o, &r);
        if (status == OCP_OK) {
            status = ocp_arena_parse(arena, src, length, &o, &r);
        }
    } else {
        status = ocp_parse(engine, src, length, &o, &r);
        if (status == OCP_OK) {
            if (r.length < OCP_HEADER_SIZE || le32(r.payload, r.length, OCP_H_TOTAL_SIZE) != r.length
                || le32(r.payload, r.length, OCP_H_SOURCE_LENGTH) != length) {
                fprintf(stderr, "BAD %s: the payload's header does not match it\n", path);
                t->bad++;
            }
            ocp_free(engine, r.payload);
        }
    }
    ocp_arena_destroy(arena);
    t->parses++;
    if (status == OCP_OK) {
        t->ok++;
    } else if (status == OCP_LIMIT_EXCEEDED) {
        t->limited++;
    } else if (status == OCP_OUT_OF_MEMORY) {
        t->out_of_memory++;
    } else {
        fprintf(stderr, "BAD %s: %s: %s\n", path, status_name(status), r.message);
        t->bad++;
    }
    if (!live_is_zero(engine)) {
        fprintf(stderr, "LEAK %s: memory still live after the parse (limit %" PRIu64 ", arena %" PRIu64 ")\n", path,
                memory_limit, arena_capacity);
        t->bad++;
    }
    ocp_engine_destroy(engine);
}

static void parse_file(const char *path, tally *t) {
    size_t length;
    uint8_t *src = read_file(path, &length);
    if (src == NULL) {
        fprintf(stderr, "ocp_check: cannot read %s\n", path);
        t->bad++;
        return;
    }
    t->files++;
    t->bytes += length;
    /* Every file as CommonMark; an .mdx page also as MDX with every extension on, as an MDX site reads it. */
    size_t n = strlen(path);
    bool mdx = n > 4 && strcmp(path + n - 4, ".mdx") == 0;
    for (int pass = 0; pass < (mdx ? 2 : 1); pass++) {
        ocp_options base = DEFAULTS;
        if (pass == 1) {
            base.dialect = OCP_DIALECT_MDX;
            base.extensions = OCP_EXTENSION_GFM | OCP_EXTENSION_FRONTMATTER | OCP_EXTENSION_MATH;
        }
        ocp_options o = base;
        parse_variant(path, src, length, 0, 0, o, t);
        o.max_nodes = 1000;
        parse_variant(path, src, length, 0, 0, o, t);
        o = base;
        o.max_nesting_depth = 2;
        o.max_inline_nesting = 2;
        parse_variant(path, src, length, 0, 0, o, t);
        parse_variant(path, src, length, 64 * 1024, 0, base, t);
        parse_variant(path, src, length, 0, 16 * 1024, base, t);
    }
    free(src);
}

static int is_markdown(const char *name) {
    size_t n = strlen(name);
    return (n > 3 && strcmp(name + n - 3, ".md") == 0) || (n > 4 && strcmp(name + n - 4, ".mdx") == 0)
           || (n > 9 && strcmp(name + n - 9, ".markdown") == 0);
}

static void parse_path(const char *path, tally *t) {
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "ocp_check: no such file or folder: %s\n", path);
        t->bad++;
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        parse_file(path, t);
        return;
    }
    DIR *d = opendir(path);
    if (d == NULL) {
        t->bad++;
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') {
            continue;
        }
        char child[4096];
        snprintf(child, sizeof child, "%s/%s", path, e->d_name);
        if (stat(child, &st) == 0 && (S_ISDIR(st.st_mode) || is_markdown(e->d_name))) {
            parse_path(child, t);
        }
    }
    closedir(d);
}

static int run_parse(int argc, char **argv) {
    if (argc < 1) {
        fprintf(stderr, "usage: ocp_check parse PATH...\n");
        return 2;
    }
    tally t = {0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < argc; i++) {
        parse_path(argv[i], &t);
    }
    printf("ocp_check parse: %d files (%" PRIu64 " bytes), %d parses: %d ok, %d over a limit, %d out of memory, "
           "%d bad\n", t.files, t.bytes, t.parses, t.ok, t.limited, t.out_of_memory, t.bad);
    return t.bad == 0 && t.files > 0 ? 0 : 1;
}

static int run_dump(int argc, char **argv) {
    if (argc != 1) {
        fprintf(stderr, "usage: ocp_check dump FILE.md\n");
        return 2;
    }
    size_t length;
    uint8_t *src = read_file(argv[0], &length);
    if (src == NULL) {
        fprintf(stderr, "ocp_check: cannot read %s\n", argv[0]);
        return 2;
    }
    ocp_engine *engine = ocp_engine_create(0);
    ocp_result r;
    int rc = 0;
    if (ocp_parse(engine, src, length, &DEFAULTS, &r) == OCP_OK) {
        view v = {r.payload, r.length};
        printf("%" PRIu64 " bytes, %" PRIu32 " nodes, %" PRIu32 " string bytes\n", r.length,
               header(v, OCP_H_NODE_COUNT), header(v, OCP_H_STRING_SIZE));
        for (uint32_t i = 0; i < node_count(v); i++) {
            print_node(v, i);
        }
        ocp_free(engine, r.payload);
    } else {
        printf("%s: %s\n", status_name(r.status), r.message);
        rc = 1;
    }
    ocp_engine_destroy(engine);
    free(src);
    return rc;
}

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "diff") == 0) {
        return run_diff(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "parse") == 0) {
        return run_parse(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "dump") == 0) {
        return run_dump(argc - 2, argv + 2);
    }
    fprintf(stderr, "usage: ocp_check diff DIR [--only PREFIX] [--show N] [--quiet] [--memory-only] [--no-ssse3]\n"
                    "       ocp_check parse PATH...\n"
                    "       ocp_check dump FILE.md\n");
    return 2;
}
