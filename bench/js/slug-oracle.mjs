// The reference heading ids for the library's Slugger: what github-slugger makes of each text. Used as an oracle,
// as mdast-oracle.mjs is: its answers are committed beside the inputs, and CI (where node is) checks that the
// committed file is still what github-slugger writes.
//
//   node bench/js/slug-oracle.mjs INPUTS.json OUT.json KEPT.txt            write the slugs and the kept characters
//   node bench/js/slug-oracle.mjs --check INPUTS.json OUT.json KEPT.txt    exit 1, naming the first that differs
//
// INPUTS.json is an array of documents, each an array of heading texts in order; OUT.json the same shape with each
// text's slug, one slugger per document (so repeats get -1, -2, ...). KEPT.txt lists, as ranges "FIRST LAST" in
// hex, one a line, every code point github-slugger keeps in a slug (all others it removes; spaces become hyphens).
import { readFileSync, writeFileSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { regex } from 'github-slugger/regex.js';

const args = process.argv.slice(2);
const check = args[0] === '--check';
const [inputsFile, outFile, keptFile] = check ? args.slice(1) : args;
if (!inputsFile || !outFile || !keptFile) {
  console.error('usage: node slug-oracle.mjs [--check] INPUTS.json OUT.json KEPT.txt');
  process.exit(2);
}
const documents = JSON.parse(readFileSync(inputsFile, 'utf8'));
const slugs = documents.map((texts) => {
  const slugger = new GithubSlugger();
  return texts.map((text) => slugger.slug(text));
});
const written = '[\n' + slugs.map((s) => JSON.stringify(s)).join(',\n') + '\n]\n';

const ranges = [];
for (let c = 0; c <= 0x10FFFF; c++) {
  if (c >= 0xD800 && c <= 0xDFFF) continue; // no string holds a lone surrogate's code point as one character
  const s = String.fromCodePoint(c);
  regex.lastIndex = 0;
  if (s.replace(regex, '') !== s) continue;
  const last = ranges[ranges.length - 1];
  if (last && last[1] === c - 1) last[1] = c; else ranges.push([c, c]);
}
const hex = (c) => c.toString(16).toUpperCase();
const kept = ranges.map(([a, b]) => hex(a) + ' ' + hex(b)).join('\n') + '\n';

if (check) {
  const committed = readFileSync(outFile, 'utf8');
  if (committed !== written) {
    const old = JSON.parse(committed);
    const at = slugs.findIndex((s, i) => JSON.stringify(s) !== JSON.stringify(old[i]));
    console.error(`slug-oracle: ${outFile} differs from github-slugger at document ${at}: ` +
      `${JSON.stringify(old[at])} against ${JSON.stringify(slugs[at])}`);
    process.exit(1);
  }
  if (readFileSync(keptFile, 'utf8') !== kept) {
    console.error(`slug-oracle: ${keptFile} is not the set of characters github-slugger keeps`);
    process.exit(1);
  }
  console.log(`slug-oracle: ${slugs.length} documents and ${ranges.length} ranges of kept characters agree with ` +
    'github-slugger');
} else {
  writeFileSync(outFile, written);
  writeFileSync(keptFile, kept);
}
