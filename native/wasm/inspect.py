#!/usr/bin/env python3
"""Prints what a WebAssembly module shows its host, one line each, sorted: its imports, its exports, its
memory limits and its custom sections. make wasm-exports compares this with what native/wasm/README.md
promises; python rather than a wasm toolkit because the build already needs python3 and nothing else.

Usage: inspect.py MODULE.wasm
Lines:  import MODULE.NAME func SIGNATURE | export NAME func SIGNATURE | export NAME KIND (memory, global)
        | memory INITIAL_PAGES MAX_PAGES | custom NAME
where SIGNATURE is like (i32,i64)->(i32).
"""
import sys

KINDS = {0: "func", 1: "table", 2: "memory", 3: "global"}
VALUES = {0x7F: "i32", 0x7E: "i64", 0x7D: "f32", 0x7C: "f64", 0x7B: "v128", 0x70: "funcref", 0x6F: "externref"}


class Reader:
    def __init__(self, data, at=0):
        self.data, self.at = data, at

    def byte(self):
        b = self.data[self.at]
        self.at += 1
        return b

    def uleb(self):
        value, shift = 0, 0
        while True:
            b = self.byte()
            value |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return value

    def name(self):
        n = self.uleb()
        s = self.data[self.at:self.at + n].decode("utf-8")
        self.at += n
        return s

    def limits(self):
        flags = self.byte()
        initial = self.uleb()
        maximum = self.uleb() if flags & 1 else None
        return initial, maximum


def describe(data):
    if data[:8] != b"\0asm\1\0\0\0":
        raise SystemExit("not a WebAssembly 1.0 binary module")
    lines = []
    types, functions = [], []  # signatures; the type of each function, imports first
    r = Reader(data, 8)
    while r.at < len(data):
        section = r.byte()
        size = r.uleb()
        end = r.at + size
        if section == 0:
            lines.append("custom " + r.name())
        elif section == 1:  # types
            for _ in range(r.uleb()):
                r.byte()  # 0x60, a function type
                params = [VALUES[r.byte()] for _ in range(r.uleb())]
                results = [VALUES[r.byte()] for _ in range(r.uleb())]
                types.append(f"({','.join(params)})->({','.join(results)})")
        elif section == 3:  # functions
            functions.extend(r.uleb() for _ in range(r.uleb()))
        elif section == 2:  # imports
            for _ in range(r.uleb()):
                module, name, kind = r.name(), r.name(), r.byte()
                if kind == 0:
                    functions.append(r.uleb())
                    lines.append(f"import {module}.{name} func {types[functions[-1]]}")
                    continue
                lines.append(f"import {module}.{name} {KINDS[kind]}")
                if kind == 0:
                    r.uleb()
                elif kind == 1:
                    r.byte()
                    r.limits()
                elif kind == 2:
                    initial, maximum = r.limits()
                    lines.append(f"memory {initial} {maximum}")
                else:
                    r.byte()
                    r.byte()
        elif section == 5:  # memories
            for _ in range(r.uleb()):
                initial, maximum = r.limits()
                lines.append(f"memory {initial} {maximum}")
        elif section == 7:  # exports
            for _ in range(r.uleb()):
                name, kind = r.name(), r.byte()
                index = r.uleb()
                signature = f" {types[functions[index]]}" if kind == 0 else ""
                lines.append(f"export {name} {KINDS[kind]}{signature}")
        r.at = end
    return sorted(lines)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    with open(sys.argv[1], "rb") as f:
        print("\n".join(describe(f.read())))
