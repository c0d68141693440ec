// The wasm module run as a host would run it (README.md's protocol), by node's WebAssembly, against the Java
// engine's fixtures: every case parsed with ocp_parse and again into an arena must give the Java engine's
// bytes, or its status and message. Then the protocol's own promises: failures inside the parsers unwind
// through the host and recover with nothing left allocated and the stack pointer back at its top; memory is
// reused; a recover out of turn does nothing.
//
// Usage: node wasm/test.mjs MODULE.wasm FIXTURES_DIR
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [modulePath, fixtures] = process.argv.slice(2);
if (!modulePath || !fixtures) {
  console.error('usage: node wasm/test.mjs MODULE.wasm FIXTURES_DIR');
  process.exit(2);
}

const OK = 0, INVALID_INPUT = 1, LIMIT_EXCEEDED = 2, OUT_OF_MEMORY = 3, UNSUPPORTED = 4, INTERNAL = 5, SYNTAX = 6;
const STATUS = { ok: OK, INVALID_INPUT, LIMIT_EXCEEDED, OUT_OF_MEMORY, UNSUPPORTED, INTERNAL, SYNTAX };
const NAMES = Object.fromEntries(Object.entries(STATUS).map(([k, v]) => [v, k]));

let failures = 0;
function fail(message) {
  failures++;
  if (failures <= 10) console.log('FAIL ' + message);
}
function check(condition, message) {
  if (!condition) fail(message);
  return condition;
}

// ---- the host side of the protocol ----

class Unwind extends Error {}
let unwinds = 0;
const module = new WebAssembly.Module(readFileSync(modulePath));
const instance = new WebAssembly.Instance(module, {
  ocp: { unwind: () => { unwinds++; throw new Unwind(); } },
});
const x = instance.exports;
const stackTop = x.__stack_pointer.value;

// Views are made afresh after every call that may grow the memory.
const u8 = () => new Uint8Array(x.memory.buffer);
const dv = () => new DataView(x.memory.buffer);

function atRest(what) {
  check(x.__stack_pointer.value === stackTop,
    `${what}: the stack pointer is ${x.__stack_pointer.value}, not back at ${stackTop}`);
}

// Calls a parse export; a failure inside the parsers arrives as Unwind and is recovered.
function guarded(parse) {
  let status;
  try {
    status = parse();
  } catch (e) {
    if (!(e instanceof Unwind)) throw e;
    status = x.ocp_wasm_recover();
  }
  atRest('after a parse');
  return status;
}

const options = x.ocp_wasm_alloc(32);
const result = x.ocp_wasm_alloc(280);
const stats = x.ocp_wasm_alloc(56);
const arenaOut = x.ocp_wasm_alloc(4);
let input = 0, inputCapacity = 0;

function setOptions(o) {
  const d = dv();
  d.setUint32(options, o.dialect, true);
  d.setUint32(options + 4, o.maxNestingDepth, true);
  d.setUint32(options + 8, o.maxNodes, true);
  d.setUint32(options + 12, o.maxInlineNesting, true);
  d.setBigUint64(options + 16, BigInt(o.maxInputBytes), true);
  d.setUint32(options + 24, o.extensions ?? 0, true);
  d.setUint32(options + 28, o.flavor ?? 0, true);
}

function putInput(bytes) {
  if (bytes.length > inputCapacity) {
    x.ocp_wasm_free(input);
    inputCapacity = Math.max(bytes.length, 2 * inputCapacity, 4096);
    input = x.ocp_wasm_alloc(inputCapacity);
    if (input === 0) throw new Error('no memory for the input');
  }
  u8().set(bytes, input);
}

function readResult() {
  const d = dv();
  const payload = d.getUint32(result, true);
  const length = Number(d.getBigUint64(result + 8, true));
  const status = d.getInt32(result + 16, true);
  const m = u8().subarray(result + 24, result + 280);
  const message = Buffer.from(m.subarray(0, m.indexOf(0))).toString('utf8');
  return { payload, length, status, message, bytes: () => u8().slice(payload, payload + length) };
}

function parse(engine, bytes, o) {
  setOptions(o);
  putInput(bytes);
  const status = guarded(() => x.ocp_parse(engine, input, BigInt(bytes.length), options, result));
  const r = readResult();
  check(r.status === status, `ocp_parse returned ${status} but its result says ${r.status}`);
  return r;
}

function arenaParse(arena, bytes, o) {
  setOptions(o);
  putInput(bytes);
  guarded(() => x.ocp_arena_parse(arena, input, BigInt(bytes.length), options, result));
  return readResult();
}

function statsOf(engine) {
  x.ocp_stats_get(engine, stats);
  const d = dv();
  const n = i => Number(d.getBigUint64(stats + 8 * i, true));
  return { liveAllocations: n(0), liveBytes: n(1), peak: n(2), allocations: n(3), frees: n(4), limit: n(5),
           pressure: d.getUint32(stats + 48, true) };
}

function newArena(engine, capacity) {
  const status = x.ocp_arena_create(engine, BigInt(capacity), arenaOut);
  return status === OK ? dv().getUint32(arenaOut, true) : 0;
}

const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
const utf8 = s => new TextEncoder().encode(s);
const DEFAULTS = { dialect: 0, maxNestingDepth: 10000, maxNodes: 50000000, maxInlineNesting: 1000,
                   maxInputBytes: 256 << 20 };

// ---- every fixture, as ocp_check diff does it natively ----

const engine = x.ocp_engine_create(0n);
const index = readFileSync(join(fixtures, 'index.tsv'), 'utf8').split('\n').filter(l => l.length > 0);
let total = 0, identical = 0;
const unwindsBefore = unwinds;
for (const line of index) {
  const f = line.split('\t');
  if (f.length < 10) continue;
  const [path, dialect, extensions, maxInput, depth, nodes, inlineNesting, flavor, expect] = f;
  const o = { dialect: +dialect, extensions: +extensions, maxInputBytes: BigInt(maxInput), maxNestingDepth: +depth, maxNodes: +nodes,
              maxInlineNesting: +inlineNesting, flavor: +flavor };
  const md = readFileSync(join(fixtures, path + '.md'));
  total++;
  const r = parse(engine, md, o);
  let ok;
  if (expect === 'ok') {
    const want = readFileSync(join(fixtures, path + '.ocp'));
    ok = check(r.status === OK, `${path}: Java gives a payload, wasm ${NAMES[r.status]}: ${r.message}`)
      && check(same(r.bytes(), want), `${path}: the payload differs from Java's`);
    if (ok) {
      const arena = newArena(engine, r.length + 8);
      const a = arenaParse(arena, md, o);
      ok = check(a.status === OK && same(a.bytes(), want), `${path}: the arena's payload differs`);
      x.ocp_arena_destroy(arena);
    }
    if (r.status === OK) x.ocp_free(engine, r.payload);
  } else {
    const want = readFileSync(join(fixtures, path + '.err'), 'utf8');
    ok = check(r.status === STATUS[expect] && r.message === want,
      `${path}: Java gives ${expect}: ${want}\n  wasm gives ${NAMES[r.status]}: ${r.message}`);
    if (r.status === OK) x.ocp_free(engine, r.payload);
  }
  const s = statsOf(engine);
  ok = check(s.liveBytes === 0 && s.liveAllocations === 0, `${path}: memory still live after the case`) && ok;
  if (ok) identical++;
}
const fixtureUnwinds = unwinds - unwindsBefore;
console.log(`wasm-test: ${identical}/${total} fixtures identical to the Java engine, ` +
  `${fixtureUnwinds} of them failing inside the parsers (unwound and recovered)`);
check(total > 0 && identical === total, 'not every fixture is identical');
check(fixtureUnwinds > 0, 'no fixture failed inside the parsers, so the unwind path was not exercised');

// ---- the protocol on purpose ----

// A limit the parsers meet half-way: unwinds, recovers, frees everything, and the instance goes on.
{
  const before = unwinds;
  const r = parse(engine, utf8('> '.repeat(50) + 'deep\n'), { ...DEFAULTS, maxNestingDepth: 10 });
  check(unwinds === before + 1, 'a nesting limit did not unwind');
  check(r.status === LIMIT_EXCEEDED && r.payload === 0 && r.length === 0,
    `nesting limit: ${NAMES[r.status]} ${r.message}`);
  check(/maxNestingDepth 10 deep/.test(r.message), `nesting limit message: ${r.message}`);
  check(statsOf(engine).liveBytes === 0, 'the failed parse left memory live');
  const again = parse(engine, utf8('# fine\n'), DEFAULTS);
  check(again.status === OK && again.length > 0, 'the instance does not parse after a recovery');
  x.ocp_free(engine, again.payload);
}

// The engine's memory limit, met by the working memory inside the parse.
{
  const small = x.ocp_engine_create(4096n);
  const before = unwinds;
  const r = parse(small, utf8('word '.repeat(5000)), DEFAULTS);
  check(unwinds === before + 1 && r.status === OUT_OF_MEMORY && /memory limit of 4096/.test(r.message),
    `memory limit: ${NAMES[r.status]} ${r.message}`);
  const s = statsOf(small);
  check(s.liveBytes === 0 && s.liveAllocations === 0 && s.allocations === s.frees && s.allocations > 0,
    `memory limit: counters after recovery ${JSON.stringify(s)}`);
  x.ocp_engine_destroy(small);
}

// A full arena: the failure leaves its offset where it was; a reset empties it in one step.
{
  const doc = utf8('# title\n\nsome *text* here\n');
  const arena = newArena(engine, 4096);
  const first = arenaParse(arena, doc, DEFAULTS);
  const used = Number(x.ocp_arena_used(arena));
  check(first.status === OK && used >= first.length && used % 8 === 0, `arena: used ${used} after one parse`);
  const big = arenaParse(arena, utf8('para\n\n'.repeat(2000)), DEFAULTS);
  check(big.status === OUT_OF_MEMORY && /arena full/.test(big.message), `arena full: ${big.message}`);
  check(Number(x.ocp_arena_used(arena)) === used, 'a failed arena parse moved the offset');
  x.ocp_arena_reset(arena);
  check(x.ocp_arena_used(arena) === 0n, 'reset did not empty the arena');
  const again = arenaParse(arena, doc, DEFAULTS);
  check(again.status === OK && again.payload === first.payload && same(again.bytes(), first.bytes()),
    'after a reset the arena does not start again at its beginning');
  x.ocp_arena_destroy(arena);
}

// A recover with no failure pending does nothing and says so.
check(x.ocp_wasm_recover() === INTERNAL, 'a recover out of turn did not return OCP_INTERNAL');
atRest('after a recover out of turn');

// Memory is reused: the same parses, repeated, do not grow it.
{
  const doc = readFileSync(join(fixtures, index[index.length - 1].split('\t')[0] + '.md'));
  const deep = utf8('> '.repeat(50) + 'deep\n');
  const round = () => {
    for (let i = 0; i < 20; i++) {
      const r = parse(engine, doc, DEFAULTS);
      if (r.status === OK) x.ocp_free(engine, r.payload);
      parse(engine, deep, { ...DEFAULTS, maxNestingDepth: 10 });
    }
  };
  round();
  const size = x.memory.buffer.byteLength;
  for (let i = 0; i < 10; i++) round();
  check(x.memory.buffer.byteLength === size,
    `memory grew from ${size} to ${x.memory.buffer.byteLength} bytes repeating the same parses`);
}

// The allocator under random traffic: blocks 8-byte aligned, never overlapping (each keeps the pattern it was
// filled with while others come and go), and the space of freed blocks found again.
{
  let seed;
  const random = n => { seed = (seed * 1103515245 + 12345) >>> 0; return seed % n; };
  const live = new Map();
  const verify = (at, size, tag) => {
    const m = u8();
    for (let i = 0; i < size; i += 61) if (m[at + i] !== ((tag + i) & 0xff)) return false;
    return m[at + size - 1] === ((tag + size - 1) & 0xff);
  };
  let ok = true, afterFirst = 0;
  for (let round = 0; round < 2 && ok; round++) {
    seed = 12345; // both rounds make the same requests
    for (let step = 0; step < 20000 && ok; step++) {
      if (live.size > 0 && random(5) < 2) {
        const keys = [...live.keys()];
        const at = keys[random(keys.length)];
        const { size, tag } = live.get(at);
        ok = check(verify(at, size, tag), `allocator: the block at ${at} (${size} bytes) was overwritten`);
        x.ocp_wasm_free(at);
        live.delete(at);
      } else {
        const size = 1 + (random(10) === 0 ? random(200000) : random(600));
        const at = x.ocp_wasm_alloc(size);
        ok = check(at !== 0 && at % 8 === 0, `allocator: ${size} bytes gave ${at}`);
        const tag = random(256);
        const m = u8();
        for (let i = 0; i < size; i++) m[at + i] = (tag + i) & 0xff;
        live.set(at, { size, tag });
      }
    }
    for (const [at, { size, tag }] of live) {
      ok = ok && check(verify(at, size, tag), `allocator: the block at ${at} (${size} bytes) was overwritten`);
      x.ocp_wasm_free(at);
    }
    live.clear();
    // The second round reuses what the first freed: the memory must not grow again.
    if (round === 0) afterFirst = x.memory.buffer.byteLength;
  }
  check(x.memory.buffer.byteLength === afterFirst,
    `allocator: the second round grew the memory from ${afterFirst} to ${x.memory.buffer.byteLength} bytes`);
}

// A small request is served from a freed chunk of a much larger size class, whose list is in another word of the
// allocator's bitmap, rather than from the free space at the end of memory: the chunk freed is cut again.
{
  const large = x.ocp_wasm_alloc(5000);
  const guard = x.ocp_wasm_alloc(16); // keeps the large chunk from merging into the free space after it
  x.ocp_wasm_free(large);
  const small = x.ocp_wasm_alloc(24);
  check(small === large, `allocator: 24 bytes came from ${small}, not from the freed 5000-byte chunk at ${large}`);
  x.ocp_wasm_free(small);
  x.ocp_wasm_free(guard);
}

// How deep the stack went: it starts zeroed, so the lowest byte written marks the high-water line.
const memory = u8();
let low = 0;
while (low < stackTop && memory[low] === 0) low++;
// The fixtures include deeply nested and pathological inputs; half the stack is the margin kept for changes.
check(stackTop - low <= stackTop / 2, `the stack reached ${stackTop - low} of its ${stackTop} bytes: raise WASM_STACK`);
const final = statsOf(engine);
check(final.liveBytes === 0 && final.liveAllocations === 0, 'memory live at the end');
x.ocp_engine_destroy(engine);
const version = Buffer.from(u8().subarray(x.ocp_version(), x.ocp_version() + 16)).toString('latin1').split('\0')[0];
console.log(`wasm-test: ocp ${version}, format ${x.ocp_format_version() >> 16}.${x.ocp_format_version() & 0xffff}; ` +
  `stack used at most ${stackTop - low} of ${stackTop} bytes; memory ${x.memory.buffer.byteLength >> 10} KiB`);

if (failures > 0) {
  console.log(`wasm-test: ${failures} failures`);
  process.exit(1);
}
console.log('wasm-test: passed');
