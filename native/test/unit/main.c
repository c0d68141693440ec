/* Runs every group of C unit tests; exit status 1 if any check failed. */
#include <stdlib.h>

#include "check.h"

int check_failures;
int check_count;

void check_report(int ok, const char *file, int line, const char *what) {
    check_count++;
    if (!ok) {
        check_failures++;
        fprintf(stderr, "FAIL %s:%d: %s\n", file, line, what);
    }
}

static void run(const char *name, void (*group)(void)) {
    int failures = check_failures;
    int count = check_count;
    group();
    printf("%-8s %4d checks, %d failed\n", name, check_count - count, check_failures - failures);
}

int main(void) {
    run("alloc", test_alloc);
    run("context", test_context);
    run("tree", test_tree);
    run("api", test_api);
    run("arena", test_arena);
    run("flavor", test_flavor);
    printf("unit tests: %d checks, %d failed\n", check_count, check_failures);
    return check_failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
