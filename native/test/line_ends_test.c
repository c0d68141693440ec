/*
 * Line ends: the main loop's look-ahead (ocp_line_ends_next) and the plain scan (ocp_line_end_from) give the first
 * '\n' or '\r' from an offset exactly as a byte loop does, on inputs of every length around the 64-byte blocks and
 * the vectors, with line ends alone, in pairs and in runs, and for questions that go forward line by line, jump
 * ahead, or go back. Each input sits in a buffer of its exact size, so that AddressSanitizer and valgrind (make asan,
 * make valgrind) see a read past its end.
 */
#include "inline_check.h"
#include "line_ends.h"

static int32_t reference(const uint8_t *src, int32_t at, int32_t length) {
    while (at < length && src[at] != '\n' && src[at] != '\r') {
        at++;
    }
    return at;
}

static uint64_t state = 0x9E3779B97F4A7C15u;

static uint32_t next_random(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t) (state >> 32);
}

/* An input of length bytes whose line ends come about every `spacing` bytes: text, spaces, UTF-8, '\n', '\r',
 * "\r\n", and runs of line ends (blank lines, more than four to a block). */
static void fill(uint8_t *b, int32_t length, uint32_t spacing) {
    for (int32_t i = 0; i < length; i++) {
        uint32_t r = next_random() % (spacing * 4);
        b[i] = r == 0 ? '\n' : r == 1 ? '\r' : r == 2 ? 0xD8 : r < 8 ? ' ' : (uint8_t) ('a' + r % 26);
    }
    if (length > 40 && next_random() % 3 == 0) {
        int32_t run = (int32_t) (next_random() % 30);
        int32_t at = (int32_t) (next_random() % (uint32_t) (length - run));
        for (int32_t i = 0; i < run; i++) {
            b[at + i] = i % 3 == 2 ? '\r' : '\n';
        }
    }
}

static void check_input(const uint8_t *text, int32_t length, uint32_t pattern) {
    uint8_t *src = exact_copy(text, (size_t) length);
    /* every offset, with the plain scan */
    for (int32_t at = 0; at <= length; at++) {
        CHECK_EQ(reference(src, at, length), ocp_line_end_from(src, at, length), "length %d at %d", length, at);
    }
    /* the main loop's questions, one line after another, with jumps ahead (a block taking several lines) and back
     * (a caller that asks behind the last question) as pattern says */
    ocp_line_ends ends;
    memset(&ends, 0, sizeof ends);
    int32_t at = 0;
    int32_t steps = 0;
    while (at < length && steps++ < 4 * length + 8) {
        uint32_t r = next_random() % 16;
        int32_t ask = at;
        if (pattern == 1 && r == 0) {
            ask = at + (int32_t) (next_random() % 200);
        } else if (pattern == 2 && r == 0) {
            ask = at - (int32_t) (next_random() % 100);
        }
        ask = ask < 0 ? 0 : ask > length ? length : ask;
        int32_t expected = reference(src, ask, length);
        CHECK_EQ(expected, ocp_line_ends_next(&ends, src, ask, length), "length %d pattern %u asked at %d", length,
                 pattern, ask);
        at = expected + 1 > ask ? expected + 1 : ask + 1;
    }
    free(src);
}

int main(void) {
    static uint8_t text[2048];
    for (int32_t length = 0; length <= 300; length++) {
        for (uint32_t spacing = 1; spacing <= 64; spacing *= 4) {
            for (uint32_t pattern = 0; pattern < 3; pattern++) {
                fill(text, length, spacing);
                check_input(text, length, pattern);
            }
        }
    }
    for (int round = 0; round < 40; round++) {
        int32_t length = 300 + (int32_t) (next_random() % 1700);
        fill(text, length, 1 + next_random() % 100);
        check_input(text, length, next_random() % 3);
    }
    /* a block of nothing but line ends, and one without any between two that have some */
    memset(text, '\n', 200);
    check_input(text, 200, 0);
    memset(text + 64, 'x', 64);
    check_input(text, 200, 0);
    if (check_failures != 0) {
        fprintf(stderr, "line_ends_test: %d of %d checks failed\n", check_failures, check_count);
        return 1;
    }
    printf("line_ends_test: %d checks passed\n", check_count);
    return 0;
}
