/*
 * The native anchor: times the OCP C core's parse against the C parsers people use, on the same inputs, in one
 * process and one run, so that the ratios between them mean something on any machine.
 *
 *   ocp_cbench [--json] [--seconds S] [--rounds N] [--warmup S] [--parser NAME]... [FILE...]
 *
 * Without a FILE it times a generated document of 1 MB (and says so on stderr).
 *
 * Contenders (md4c and cmark only when the build found them, see bench/contenders.h):
 *   ocp-c  ocp_parse + ocp_free: the whole payload is built, as the ffm and jna engines get it;
 *   cmark  cmark_parse_document + cmark_node_free: a tree of nodes is built and freed;
 *   md4c   md_parse with callbacks that do nothing: no tree at all, shown beside the two that build one.
 *
 * Method: each input is read into memory once; each contender is warmed up (--warmup seconds, default 0.5),
 * then measured in --rounds rounds (default 5), each repeating the parse until it has taken at least --seconds
 * (default 1) of the process's CPU time; the contenders take their rounds in turn (ocp-c, cmark, md4c, then
 * again), so that drift in the machine's speed during the run reaches all of them; the round with the median
 * time per parse is reported. CPU time rather than wall time because the machines this runs on are often
 * shared: a descheduled process is not slower.
 * MB/s counts input bytes, 10^6 to the MB, as the rest of the project's reports do.
 *
 * Output: a table; with --json one JSON array of objects
 *   {"parser": "ocp-c"|"cmark"|"md4c", "input": NAME, "bytes": N, "iterations": N, "seconds": S, "mb_per_s": X}
 * where iterations and seconds are those of the median round (mb_per_s = bytes * iterations / seconds / 1e6).
 * bench/'s report script reads exactly that.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "contenders.h"

#define MAX_ROUNDS 51
#define MAX_INPUTS 64
#define MAX_CONTENDERS 8

typedef struct settings {
    double seconds; /* minimum CPU time of one round */
    double warmup;  /* CPU time spent before the rounds */
    int rounds;
    int json;
    const char *only[8]; /* contenders to run; none named: all */
    int only_count;
} settings;

typedef struct measurement {
    const char *parser;
    const char *input;
    uint64_t bytes;
    uint64_t iterations;
    double seconds;
} measurement;

static double cpu_seconds(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) {
        perror("clock_gettime");
        exit(2);
    }
    return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

static uint8_t *read_file(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t capacity = 1 << 16, used = 0;
    uint8_t *buf = malloc(capacity);
    while (buf != NULL) {
        used += fread(buf + used, 1, capacity - used, f);
        if (used < capacity) {
            break;
        }
        uint8_t *grown = realloc(buf, capacity * 2);
        if (grown == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = grown;
        capacity *= 2;
    }
    int failed = ferror(f);
    fclose(f);
    if (buf == NULL || failed) {
        free(buf);
        return NULL;
    }
    *length = used;
    return buf;
}

/*
 * Markdown of about size bytes, the same on every run, for when no input is given (the corpus is not part of the
 * project): headings, paragraphs with emphasis, code spans, links and entities, lists, block quotes, code blocks.
 */
static uint8_t *generate(size_t size, size_t *length) {
    static const char *const words[] = {"parse", "tree", "node", "Markdown", "engine", "payload", "input", "fast",
                                        "the", "of", "and", "a", "to", "is", "in", "with", "byte", "offset"};
    uint8_t *out = malloc(size + 512);
    size_t at = 0;
    uint32_t state = 12345;
    while (out != NULL && at < size) {
        state = state * 1103515245u + 12345u;
        unsigned pick = (state >> 16) % 6;
        const char *w1 = words[(state >> 8) % 18], *w2 = words[(state >> 12) % 18], *w3 = words[(state >> 4) % 18];
        int n;
        switch (pick) {
        case 0:
            n = snprintf((char *) out + at, 512, "## Section %u\n\n", state % 1000);
            break;
        case 1:
            n = snprintf((char *) out + at, 512, "%s *%s* and **%s** with `code %u` and a [link](https://example.com/%u \"title\") &amp; more %s.\n%s %s\n\n",
                         w1, w2, w3, state % 100, state % 1000, w1, w2, w3);
            break;
        case 2:
            n = snprintf((char *) out + at, 512, "- item %u %s\n- item _%s_\n  continued %s\n\n", state % 10, w1, w2, w3);
            break;
        case 3:
            n = snprintf((char *) out + at, 512, "> quoted %s %s\n> again %u\n\n", w1, w2, state % 10);
            break;
        case 4:
            n = snprintf((char *) out + at, 512, "```c\nint x = %u; /* %s */\nreturn x;\n```\n\n", state % 100, w1);
            break;
        default:
            n = snprintf((char *) out + at, 512, "1. first %s\n2. second [ref %u]\n\n[ref %u]: /url/%u\n\n", w1, state, state, state % 1000);
            break;
        }
        at += (size_t) n;
    }
    *length = at;
    return out;
}

static int compare_double(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return x < y ? -1 : x > y;
}

/* Repeats the parse until min_seconds of CPU time have passed; returns the iterations and their time. */
static uint64_t run_for(const contender *c, void *state, const uint8_t *src, size_t length, double min_seconds,
                        double *seconds) {
    uint64_t iterations = 0;
    double start = cpu_seconds(), now = start;
    /* Check the clock every few parses only when a parse is short, so that reading it costs nothing. */
    uint64_t batch = 1;
    do {
        for (uint64_t i = 0; i < batch; i++) {
            if (!c->parse(state, src, length)) {
                fprintf(stderr, "ocp_cbench: %s failed to parse the input\n", c->name);
                exit(1);
            }
        }
        iterations += batch;
        now = cpu_seconds();
        if (now - start < min_seconds / 100 && batch < (UINT64_C(1) << 20)) {
            batch *= 2;
        }
    } while (now - start < min_seconds);
    *seconds = now - start;
    return iterations;
}

/* The round with the median time per parse, as the contender's measurement. */
static measurement median_round(const contender *c, const char *name, size_t length, const double *per_parse,
                                const double *seconds, const uint64_t *iterations, int rounds) {
    double sorted[MAX_ROUNDS];
    memcpy(sorted, per_parse, sizeof(double) * (size_t) rounds);
    qsort(sorted, (size_t) rounds, sizeof(double), compare_double);
    double median = sorted[rounds / 2];
    int pick = 0;
    while (per_parse[pick] != median) {
        pick++;
    }
    measurement m = {c->name, name, length, iterations[pick], seconds[pick]};
    return m;
}

/*
 * Times the chosen contenders on one input, their rounds taken in turn (round 1 of each, then round 2 of each...),
 * so that a machine that gets slower or faster during the run moves them alike and their ratio stays.
 */
static int measure_input(const contender **chosen, int count, const char *name, const uint8_t *src, size_t length,
                         const settings *s, measurement *out) {
    void *state[MAX_CONTENDERS];
    double per_parse[MAX_CONTENDERS][MAX_ROUNDS], seconds[MAX_CONTENDERS][MAX_ROUNDS];
    uint64_t iterations[MAX_CONTENDERS][MAX_ROUNDS];
    for (int c = 0; c < count; c++) {
        state[c] = chosen[c]->open();
        if (state[c] == NULL) {
            fprintf(stderr, "ocp_cbench: %s could not start\n", chosen[c]->name);
            exit(1);
        }
        double ignored;
        run_for(chosen[c], state[c], src, length, s->warmup, &ignored);
    }
    for (int r = 0; r < s->rounds; r++) {
        for (int c = 0; c < count; c++) {
            iterations[c][r] = run_for(chosen[c], state[c], src, length, s->seconds, &seconds[c][r]);
            per_parse[c][r] = seconds[c][r] / (double) iterations[c][r];
        }
    }
    for (int c = 0; c < count; c++) {
        chosen[c]->close(state[c]);
        out[c] = median_round(chosen[c], name, length, per_parse[c], seconds[c], iterations[c], s->rounds);
    }
    return count;
}

static double mb_per_s(const measurement *m) {
    return (double) m->bytes * (double) m->iterations / m->seconds / 1e6;
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash == NULL ? path : slash + 1;
}

static void print_json_string(const char *s) {
    putchar('"');
    for (; *s != '\0'; s++) {
        unsigned char ch = (unsigned char) *s;
        if (ch == '"' || ch == '\\') {
            printf("\\%c", ch);
        } else if (ch < 0x20) {
            printf("\\u%04x", ch);
        } else {
            putchar(ch);
        }
    }
    putchar('"');
}

static void print_json(const measurement *m, int count) {
    printf("[");
    for (int i = 0; i < count; i++) {
        printf("%s\n  {\"parser\": ", i == 0 ? "" : ",");
        print_json_string(m[i].parser);
        printf(", \"input\": ");
        print_json_string(m[i].input);
        printf(", \"bytes\": %" PRIu64 ", \"iterations\": %" PRIu64 ", \"seconds\": %.6f, \"mb_per_s\": %.2f}",
               m[i].bytes, m[i].iterations, m[i].seconds, mb_per_s(&m[i]));
    }
    printf("\n]\n");
}

/* The table: one line per input and contender, with each contender's speed relative to ocp-c's. */
static void print_table(const measurement *m, int count, const settings *s) {
    printf("%-7s %-24s %12s %10s %12s %10s %9s\n", "parser", "input", "bytes", "parses", "us/parse", "MB/s",
           "vs ocp-c");
    for (int i = 0; i < count; i++) {
        double ours = 0;
        for (int j = 0; j < count; j++) {
            if (strcmp(m[j].input, m[i].input) == 0 && strcmp(m[j].parser, "ocp-c") == 0) {
                ours = mb_per_s(&m[j]);
            }
        }
        char ratio[32] = "";
        if (ours > 0) {
            snprintf(ratio, sizeof ratio, "%.2fx", mb_per_s(&m[i]) / ours);
        }
        printf("%-7s %-24s %12" PRIu64 " %10" PRIu64 " %12.2f %10.1f %9s\n", m[i].parser, m[i].input, m[i].bytes,
               m[i].iterations, m[i].seconds / (double) m[i].iterations * 1e6, mb_per_s(&m[i]), ratio);
    }
    printf("CPU time of the median of %d rounds of >= %.2f s each, after %.2f s of warm-up; MB = 10^6 bytes.\n",
           s->rounds, s->seconds, s->warmup);
    printf("ocp-c and cmark build a tree (ocp-c its whole OCP payload); md4c builds none (empty callbacks).\n");
}

static int wanted(const settings *s, const char *name) {
    if (s->only_count == 0) {
        return 1;
    }
    for (int i = 0; i < s->only_count; i++) {
        if (strcmp(s->only[i], name) == 0) {
            return 1;
        }
    }
    return 0;
}

static double number(const char *option, const char *text, double min, double max) {
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !(v >= min && v <= max)) {
        fprintf(stderr, "ocp_cbench: %s must be a number in [%g, %g], not '%s'\n", option, min, max, text);
        exit(2);
    }
    return v;
}

static void usage(FILE *to) {
    fprintf(to, "usage: ocp_cbench [--json] [--seconds S] [--rounds N] [--warmup S] [--parser NAME]... FILE...\n"
                "contenders in this build:");
    for (int i = 0; i < contender_count; i++) {
        fprintf(to, " %s", contenders[i].name);
    }
    fprintf(to, "\n");
}

int main(int argc, char **argv) {
    settings s = {1.0, 0.5, 5, 0, {0}, 0};
    const char *files[MAX_INPUTS];
    int file_count = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--json") == 0) {
            s.json = 1;
        } else if ((strcmp(a, "--seconds") == 0 || strcmp(a, "--warmup") == 0 || strcmp(a, "--rounds") == 0
                    || strcmp(a, "--parser") == 0) && i + 1 < argc) {
            const char *v = argv[++i];
            if (strcmp(a, "--seconds") == 0) {
                s.seconds = number(a, v, 0.001, 3600);
            } else if (strcmp(a, "--warmup") == 0) {
                s.warmup = number(a, v, 0, 3600);
            } else if (strcmp(a, "--rounds") == 0) {
                s.rounds = (int) number(a, v, 1, MAX_ROUNDS);
            } else if (s.only_count < 8) {
                s.only[s.only_count++] = v;
            }
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-' && a[1] == '-') {
            usage(stderr);
            return 2;
        } else if (file_count < MAX_INPUTS) {
            files[file_count++] = a;
        }
    }
    if (file_count == 0) {
        fprintf(stderr, "ocp_cbench: no input files given (the Makefile passes the progit corpus when it finds "
                        "it): timing a generated document of 1 MB instead\n");
    }
    for (int i = 0; i < s.only_count; i++) {
        int known = 0;
        for (int j = 0; j < contender_count; j++) {
            known |= strcmp(contenders[j].name, s.only[i]) == 0;
        }
        if (!known) {
            fprintf(stderr, "ocp_cbench: no contender '%s' in this build\n", s.only[i]);
            usage(stderr);
            return 2;
        }
    }
    int inputs = file_count == 0 ? 1 : file_count;
    measurement *results = calloc((size_t) (inputs * contender_count), sizeof *results);
    int count = 0;
    for (int f = 0; f < inputs; f++) {
        size_t length;
        uint8_t *src = file_count == 0 ? generate(1000000, &length) : read_file(files[f], &length);
        const char *name = file_count == 0 ? "generated-1mb" : base_name(files[f]);
        if (src == NULL) {
            fprintf(stderr, "ocp_cbench: cannot read %s\n", files[f]);
            return 1;
        }
        const contender *chosen[MAX_CONTENDERS];
        int chosen_count = 0;
        for (int c = 0; c < contender_count && chosen_count < MAX_CONTENDERS; c++) {
            if (wanted(&s, contenders[c].name)) {
                chosen[chosen_count++] = &contenders[c];
            }
        }
        if (!s.json) {
            fprintf(stderr, "  %d contender(s) on %s, %d rounds in turn ...\n", chosen_count, name, s.rounds);
            fflush(stderr);
        }
        count += measure_input(chosen, chosen_count, name, src, length, &s, &results[count]);
        free(src);
    }
    if (s.json) {
        print_json(results, count);
    } else {
        print_table(results, count, &s);
    }
    free(results);
    return 0;
}
