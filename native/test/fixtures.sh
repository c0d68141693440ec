#!/usr/bin/env bash
# The byte diff of the C core against the Java engine, in one command:
#   1. the Java side (dev.ocp.tck.NativeFixtures, run by Maven in the native module) writes every spec example
#      and the TCK's generated and hostile inputs, with the Java engine's payload or error, to
#      native/target/fixtures;
#   2. ocp_check (native/test/tools/ocp_check.c) parses each input with the C core and compares the bytes,
#      printing the first difference of the first failing cases, decoded, and a summary per set.
#
# Usage: native/test/fixtures.sh [--corpus DIR] [--reuse] [ocp_check diff options: --only PREFIX --show N]
#   --corpus DIR  also include every *.md / *.mdx under DIR (e.g. ../shared/corpus)
#   --reuse       keep the fixtures already written (skip Maven), e.g. while iterating on C code
# Environment: MVN (default: ./mvnw), MVN_ARGS (e.g. -o), CC (the compiler make uses).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
corpus=""
reuse=0
diff_args=()
while (($# > 0)); do
  case "$1" in
    --corpus) corpus="$(cd "$2" && pwd)"; shift 2 ;;
    --reuse) reuse=1; shift ;;
    *) diff_args+=("$1"); shift ;;
  esac
done

if ((reuse == 0)) || [[ ! -f "$root/native/target/fixtures/index.tsv" ]]; then
  cd "$root"
  # shellcheck disable=SC2086
  ${MVN:-./mvnw} -B -q ${MVN_ARGS:-} -Pnative -pl native -am process-test-classes -Docp.corpus="$corpus" \
    -Docp.native.skip=true
fi
cd "$root/native"
make --no-print-directory diff FIXTURES=target/fixtures DIFF_ARGS="${diff_args[*]:-}"
