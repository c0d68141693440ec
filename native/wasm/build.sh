#!/usr/bin/env bash
# Run by Maven (native/pom.xml); by hand use make (README.md).
#
#   wasm/build.sh OUT_DIR BUILD_DIR  leaves the module at OUT_DIR/ocp.wasm: built from source (make wasm, objects
#       under BUILD_DIR) when clang can target wasm32 and wasm-ld is on the PATH, otherwise the committed
#       wasm/ocp.wasm (also with OCP_NATIVE_SKIP set), and says which. A build that fails fails; missing tools
#       do not.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out="$1"
build="$2"
cc="${WASM_CC:-clang}"
mkdir -p "$out"
short() { sha256sum <"$1" | cut -c1-16; }

why_not=""
if [[ -n "${OCP_NATIVE_SKIP:-}" ]]; then
  why_not="the build skipped the C core (-Docp.native.skip)"
elif ! command -v make >/dev/null 2>&1; then
  why_not="make is not installed"
elif ! command -v "$cc" >/dev/null 2>&1; then
  why_not="$cc is not installed"
elif ! echo 'int x;' | "$cc" --target=wasm32 -x c -c -o /dev/null - >/dev/null 2>&1; then
  why_not="$cc cannot target wasm32"
elif ! command -v wasm-ld >/dev/null 2>&1; then
  why_not="wasm-ld is not installed (package lld)"
elif [[ -f tools/gen_tables.py ]] && ! command -v "${PYTHON:-python3}" >/dev/null 2>&1; then
  why_not="python3 is not installed (it generates the C core's tables)"
fi

if [[ -n "$why_not" ]]; then
  cp wasm/ocp.wasm "$out/ocp.wasm"
  echo "wasm: using the COMMITTED module native/wasm/ocp.wasm ($(short wasm/ocp.wasm)..., built by $(cat wasm/ocp.wasm.clang))," \
    "not built from source: $why_not"
  exit 0
fi
make -s --no-print-directory WASM_CC="$cc" BUILD="$build" wasm
cp "$build/wasm/ocp.wasm" "$out/ocp.wasm"
if cmp -s "$out/ocp.wasm" wasm/ocp.wasm; then
  echo "wasm: built ocp.wasm from source with $cc ($(short "$out/ocp.wasm")..., the same bytes as the committed module)"
else
  echo "wasm: built ocp.wasm from source with $cc ($(short "$out/ocp.wasm")...); it DIFFERS from the committed" \
    "native/wasm/ocp.wasm: make -C native wasm-update, then commit it (make wasm-check tells more)"
fi
