#!/usr/bin/env bash
# Run by Maven (exec-maven-plugin, native/pom.xml); not needed by hand (use make, see README.md).
#
#   build-host.sh lib CLASSES_DIR BUILD_DIR  builds libocp for this machine with the system C compiler into
#       CLASSES_DIR/dev/ocp/natives/PLATFORM/, and for each other platform of the Makefile's CROSS whose cross
#       compiler is installed (linux-aarch64, windows-x86_64, ...) into its own PLATFORM folder, checking each
#       library's exports (make check-exports). CLASSES_DIR/dev/ocp/natives/index.txt gets a line per platform:
#       "PLATFORM<TAB>FILE", or "PLATFORM<TAB>-<TAB>why there is no library". Without a C compiler (or make)
#       the build still succeeds and the index says so; a compiler that fails the build fails it. With
#       OCP_NATIVE_REQUIRE_ALL=true (-Docp.native.requireAll, on in the release profile) a platform without a
#       library fails the build instead.
#   build-host.sh test BUILD_DIR FIXTURES    runs make test: the unit tests and, once a parser exists, the
#       exported symbols and the byte diff against the Java engine over FIXTURES; skipped, with the
#       reason, without a C compiler or make.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

platform() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=macos ;;
    MINGW* | MSYS* | CYGWIN*) os=windows ;;
    *) os="$(uname -s | tr '[:upper:]' '[:lower:]')" ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) arch="$(uname -m)" ;;
  esac
  echo "$os-$arch"
}

library_name() {
  case "$1" in
    macos-*) echo libocp.dylib ;;
    windows-*) echo ocp.dll ;;
    *) echo libocp.so ;;
  esac
}

# The compiler make will use: $CC if set, else the first of cc, gcc, clang on the PATH.
find_cc() {
  if [[ -n "${CC:-}" ]]; then
    command -v "$CC" >/dev/null 2>&1 && echo "$CC"
    return 0
  fi
  for cc in cc gcc clang; do
    if command -v "$cc" >/dev/null 2>&1; then
      echo "$cc"
      return 0
    fi
  done
}

# Why this machine cannot build the library, or nothing if it can.
why_not() {
  if ! command -v make >/dev/null 2>&1; then
    echo "make was not found when it was built"
  elif [[ -z "$(find_cc)" ]]; then
    echo "no C compiler was found when it was built${CC:+ (CC=$CC)}"
  elif [[ -f tools/gen_tables.py ]] && ! command -v "${PYTHON:-python3}" >/dev/null 2>&1; then
    echo "python3 was not found when it was built (it generates the C core's tables)"
  elif ! grep -qs '^void ocp_block_parse(' src/*.c; then
    echo "its source tree has no parser yet (src/ defines no ocp_block_parse)"
  fi
}

# Builds the library for platform $1 with compiler $2 in build folder $3, checks its exports, and puts it in
# the jar's folder for that platform; prints its index line.
build_one() {
  local p="$1" cc="$2" build="$3" lib
  lib="$(library_name "$p")"
  if ! make -s --no-print-directory CC="$cc" BUILD="$build" lib check-exports >&2; then
    echo "native: building the $p library with $cc failed (a cross compiler needs its C library's headers too:" \
      "native/README.md, Other platforms, names the packages; -Docp.native.skip=true builds without the C core)" >&2
    return 1
  fi
  mkdir -p "$natives/$p"
  cp "$build/$lib" "$natives/$p/$lib"
  echo "native: built dev/ocp/natives/$p/$lib with $cc" >&2
  printf '%s\t%s\n' "$p" "$lib"
}

case "${1:-}" in
  lib)
    classes="$2"
    build="$3"
    natives="$classes/dev/ocp/natives"
    host="$(platform)"
    mkdir -p "$natives"
    index="$natives/index.txt"
    reason="$(why_not)"
    if [[ -n "${OCP_NATIVE_SKIP:-}" ]]; then
      reason="its build skipped the C core (-Docp.native.skip)"
    fi
    # Every platform the build knows: this machine's, then the others of the Makefile (PLATFORM=CC lines).
    platforms=("$host=$(find_cc)")
    if [[ -z "$reason" ]]; then
      while IFS= read -r line; do
        [[ "${line%%=*}" == "$host" ]] || platforms+=("$line")
      done < <(make -s --no-print-directory cross-platforms)
    fi
    lines=()
    for entry in "${platforms[@]}"; do
      p="${entry%%=*}"
      cc="${entry#*=}"
      rm -rf "${natives:?}/$p"
      if [[ -n "$reason" ]]; then
        lines+=("$(printf '%s\t-\t%s' "$p" "$reason")")
      elif [[ "$p" != "$host" ]] && ! command -v "$cc" >/dev/null 2>&1; then
        lines+=("$(printf '%s\t-\t%s' "$p" "its cross compiler $cc was not installed when it was built")")
      else
        folder="$build/$p"
        [[ "$p" != "$host" ]] || folder="$build"
        line="$(build_one "$p" "$cc" "$folder")" || exit 1
        lines+=("$line")
      fi
    done
    printf '%s\n' "${lines[@]}" >"$index"
    missing=()
    for line in "${lines[@]}"; do
      if [[ "$(cut -f2 <<<"$line")" == "-" ]]; then
        echo "native: no library for $(cut -f1 <<<"$line"): $(cut -f3 <<<"$line")" >&2
        missing+=("$(cut -f1 <<<"$line")")
      fi
    done
    if [[ "${OCP_NATIVE_REQUIRE_ALL:-}" == "true" ]] && ((${#missing[@]} > 0)); then
      echo "native: -Docp.native.requireAll (the release profile) needs a library for every platform;" \
        "missing: ${missing[*]} (native/README.md says which packages build them)" >&2
      exit 1
    fi
    ;;
  test)
    build="$2"
    fixtures="$3"
    # Without a parser make test still runs the unit tests (and says what it skips); without a compiler
    # or make nothing can run.
    reason="$(why_not)"
    if [[ -n "${OCP_NATIVE_SKIP:-}" ]]; then
      reason="its build skipped the C core (-Docp.native.skip)"
    elif [[ "$reason" == "its source tree has no parser yet"* ]]; then
      reason=""
    fi
    if [[ -n "$reason" ]]; then
      echo "native: make test skipped: $reason" >&2
      exit 0
    fi
    make -s --no-print-directory CC="$(find_cc)" BUILD="$build" FIXTURES="$fixtures" DIFF_ARGS=--show\ 3 test
    ;;
  *)
    echo "usage: build-host.sh lib CLASSES_DIR BUILD_DIR | test BUILD_DIR FIXTURES" >&2
    exit 2
    ;;
esac
