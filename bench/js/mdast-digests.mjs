// The reference mdast of the OCP kit's large generated set (dev.ocp.tck.MdastGenerated: 10,000 documents), as
// digests: one line per input with the digest of the input and of the JS toolchain's tree (or of its error), so
// that the kit can compare an engine's trees with the toolchain's without tens of megabytes of trees in git. The
// kit computes the same digests (MdastGenerated's comment defines the canonical JSON both sides hash); the
// vector file holds strings that are hard to escape alike, with their canonical JSON and digest as written here,
// and the kit's unit test checks that Java writes the same.
//
//   node bench/js/mdast-digests.mjs INPUTS.json DIGESTS.txt VECTOR.json           write both files
//   node bench/js/mdast-digests.mjs --check INPUTS.json DIGESTS.txt VECTOR.json   exit 1, naming the first line
//                                                                                 that differs, when either is not
//                                                                                 what the toolchain writes now
//
// INPUTS.json is written by the kit (tools/mdast-generated-check does it: `MdastGenerated inputs FILE`), in the
// form of mdast-oracle.mjs's inputs. tools/mdast-generated-check runs this script; see it for the files' places.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { treeOf } from './mdast-toolchain.mjs';

const INPUT_DIGITS = 16;
const TREE_DIGITS = 32;

const args = process.argv.slice(2);
const check = args[0] === '--check';
const [inputsFile, digestsFile, vectorFile] = check ? args.slice(1) : args;
if (!inputsFile || !digestsFile || !vectorFile) {
  console.error('usage: node mdast-digests.mjs [--check] INPUTS.json DIGESTS.txt VECTOR.json');
  process.exit(2);
}

// The canonical JSON of a JSON value (parsed JSON: no undefined, no functions): members sorted by key in UTF-16
// code unit order (the default sort), no whitespace, integers only, strings as JSON.stringify writes them (ES2019:
// lone surrogates escaped, lower-case hexadecimal digits).
export function canonical(value) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return String(value);
    case 'number':
      if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
      return String(value);
    case 'string':
      return JSON.stringify(value);
    default:
      if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
      return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
}

function digest(text, digits) {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, digits);
}

// A syntax error's words without the places in them, in lower case, as the kit compares them (MdastSuite).
function withoutPlaces(reason) {
  return reason.replace(/ ?\(\d+:\d+(-\d+:\d+)?\)/g, '').toLowerCase();
}

function line(input) {
  const { id, dialect, extensions, markdown } = input;
  const tree = treeOf(input);
  const rejected = 'error' in tree;
  // Through JSON first: the digest is of the JSON value the toolchain's users see, not of the JS object.
  const value = rejected ? { error: withoutPlaces(tree.error) } : JSON.parse(JSON.stringify(tree));
  return [id, digest(canonical({ dialect, extensions, id, markdown }), INPUT_DIGITS), rejected ? 'error' : 'tree',
    digest(canonical(value), TREE_DIGITS)].join('\t');
}

const HEADER = `# The JS toolchain's mdast of the OCP kit's large generated set (dev.ocp.tck.MdastGenerated), one input a line:
# its id, the first ${INPUT_DIGITS} hex digits of the SHA-256 of its canonical JSON, "tree" or "error" (an input the
# toolchain rejects), and the first ${TREE_DIGITS} of the SHA-256 of the canonical JSON of its tree (or of its error).
# Written by bench/js/mdast-digests.mjs (tools/mdast-generated-check --write); do not edit.
`;

// Strings and values that are hard to write alike: every control character, quotes and backslashes, lone and
// swapped surrogates, characters JSON.stringify leaves as they are (DEL, C1 controls, U+2028, U+2029, BOM), keys
// whose order differs by code unit and code point, integers at the edges of the safe range.
function vectorValues() {
  let controls = '';
  for (let c = 0; c < 0x20; c++) controls += String.fromCharCode(c);
  return [
    '',
    'plain text',
    controls,
    '"quoted" and \\back\\slashed\\',
    '\x7f\x80\x85\x9f\xa0\xad',
    '\u2028\u2029\ufeff\ufffe\uffff',
    '\ud800',
    '\udfff',
    'a\udc00\ud800b',
    'end\ud83d',
    '\ude00start',
    '😀 👩‍👩‍👧 𝕏 漢字 e\u0301 \u0000',
    '</script><!-- -->&amp;',
    { b: 1, a: 2, B: 3, _: 4, '': 5, é: 6, '😀': 7, '\uffff': 8, 10: 9, 9: 10, a1: 11, 'a\u0000': 12 },
    [0, -1, 1, 9007199254740991, -9007199254740991, 100000000000000000000 / 100000000000000000000, null, true, false],
    { '\ud800': '\udbff\udfff', '\ud7ff': '\ue000' },
    { type: 'root', children: [{ type: 'text', value: 'a\tb\r\nc', position: { start: { line: 1, column: 1, offset: 0 },
      end: { line: 2, column: 2, offset: 5 } } }], position: { start: { line: 1, column: 1, offset: 0 },
      end: { line: 2, column: 2, offset: 5 } } },
    { dialect: 'mdx', extensions: ['gfm', 'frontmatter', 'math'], id: 'gen-mdx-0', markdown: '# a\r\n\t{1}\n' },
    { error: withoutPlaces('Unexpected character `!` (U+0021) before name (1:2-1:3)') },
  ];
}

function vectorText() {
  const rows = vectorValues().map((value) => {
    const text = canonical(value);
    return JSON.stringify({ value, canonical: text, digest: digest(text, TREE_DIGITS) });
  });
  return `[\n${rows.join(',\n')}\n]\n`;
}

const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
const text = HEADER + inputs.map((input) => `${line(input)}\n`).join('');
const vector = vectorText();
if (!check) {
  writeFileSync(digestsFile, text);
  writeFileSync(vectorFile, vector);
  console.log(`mdast-digests: wrote ${inputs.length} digests to ${digestsFile} and the vector to ${vectorFile}`);
} else {
  let failed = false;
  for (const [file, now] of [[digestsFile, text], [vectorFile, vector]]) {
    const committed = readFileSync(file, 'utf8');
    if (committed === now) continue;
    failed = true;
    const before = committed.split('\n');
    const after = now.split('\n');
    let i = 0;
    while (i < Math.max(before.length, after.length) && before[i] === after[i]) i++;
    const was = (before[i] ?? '').split('\t');
    const is = (after[i] ?? '').split('\t');
    const why = was[0] === is[0] && was[1] !== is[1]
      ? `the kit's generator no longer makes the input of ${is[0]}`
      : was[0] === is[0] ? `the JS toolchain's tree of ${is[0]} changed` : `line ${i + 1} differs`;
    console.error(`mdast-digests: ${file} is not what the JS toolchain writes now: ${why}` +
      ' (regenerate with tools/mdast-generated-check --write, which needs node)');
  }
  if (failed) process.exit(1);
  console.log(`mdast-digests: ${digestsFile} and ${vectorFile} are what the JS toolchain writes (${inputs.length} inputs)`);
}
