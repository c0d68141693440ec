#!/usr/bin/env bash
# Run by Maven (exec-maven-plugin, native/pom.xml); not needed by hand (use make, see README.md).
#
#   build-host.sh lib CLASSES_DIR BUILD_DIR  builds libocp for this machine with the system C compiler into
#       CLASSES_DIR/dev/ocp/natives/PLATFORM/, and records in CLASSES_DIR/dev/ocp/natives/index.txt either
#       "PLATFORM<TAB>FILE" or "PLATFORM<TAB>-<TAB>why there is no library". Without a C compiler (or make)
#       the build still succeeds and the index says so; a compiler that fails the build fails it.
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

case "${1:-}" in
  lib)
    classes="$2"
    build="$3"
    p="$(platform)"
    lib="$(library_name "$p")"
    mkdir -p "$classes/dev/ocp/natives"
    index="$classes/dev/ocp/natives/index.txt"
    rm -rf "${classes:?}/dev/ocp/natives/$p"
    reason="$(why_not)"
    if [[ -n "${OCP_NATIVE_SKIP:-}" ]]; then
      reason="its build skipped the C core (-Docp.native.skip)"
    fi
    if [[ -n "$reason" ]]; then
      printf '%s\t-\t%s\n' "$p" "$reason" >"$index"
      echo "native: no library for $p: $reason" >&2
      exit 0
    fi
    cc="$(find_cc)"
    make -s --no-print-directory CC="$cc" BUILD="$build" lib
    mkdir -p "$classes/dev/ocp/natives/$p"
    cp "$build/$lib" "$classes/dev/ocp/natives/$p/$lib"
    printf '%s\t%s\n' "$p" "$lib" >"$index"
    echo "native: built dev/ocp/natives/$p/$lib with $cc"
    ;;
  test)
    build="$2"
    fixtures="$3"
    # Without a parser make test still runs the unit tests (and says what it skips); without a compiler
    # or make nothing can run.
    reason="$(why_not)"
    if [[ -n "${OCP_NATIVE_SKIP:-}" ]]; then
      reason="its build skipped the C core (-Docp.native.skip)"
    elif [[ -f tools/gen_tables.py ]] && ! command -v "${PYTHON:-python3}" >/dev/null 2>&1; then
    echo "python3 was not found when it was built (it generates the C core's tables)"
  elif ! grep -qs '^void ocp_block_parse(' src/*.c; then
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
