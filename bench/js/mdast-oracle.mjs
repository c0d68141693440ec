// The reference mdast for the OCP kit's inputs: what mdast-util-from-markdown, with the MDX, GFM, frontmatter and
// math extensions each input asks for, makes of it. Used as an oracle, the way a test uses a second
// implementation: its trees are committed as the kit's expected.json, and CI (where node is) checks that the
// committed file is still what the toolchain writes.
//
//   node bench/js/mdast-oracle.mjs INPUTS.json OUT.json     write the trees
//   node bench/js/mdast-oracle.mjs --check INPUTS.json OUT.json
//                                                           exit 1, naming the first case that differs, when OUT
//                                                           is not what the toolchain writes now
//
// INPUTS.json is an array of {id, dialect: "commonmark"|"mdx", extensions: ["gfm"|"frontmatter"|"math"], markdown}
// (tck/src/main/resources/ocp-tck/mdast/inputs.json, written by dev.ocp.tck.MdastCases). OUT.json is an array of
// {id, tree}, one per line: the tree without `data` fields and without the `estree` of expressions (the parts of
// mdast that are the JS toolchain's own), or {"error": message} for an input the toolchain rejects (MDX with
// unbalanced tags or an expression acorn cannot parse).
import { readFileSync, writeFileSync } from 'node:fs';
import { treeOf } from './mdast-toolchain.mjs';

const args = process.argv.slice(2);
const check = args[0] === '--check';
const [inputsFile, outFile] = check ? args.slice(1) : args;
if (!inputsFile || !outFile) {
  console.error('usage: node mdast-oracle.mjs [--check] INPUTS.json OUT.json');
  process.exit(2);
}

const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
const rows = inputs.map((input) => JSON.stringify({ id: input.id, tree: treeOf(input) }));
const text = `[\n${rows.join(',\n')}\n]\n`;
if (!check) {
  writeFileSync(outFile, text);
  console.log(`mdast-oracle: wrote ${rows.length} trees to ${outFile}`);
} else {
  const committed = readFileSync(outFile, 'utf8');
  if (committed === text) {
    console.log(`mdast-oracle: ${outFile} is what the JS toolchain writes (${rows.length} trees)`);
  } else {
    const before = committed.split('\n');
    const now = text.split('\n');
    let i = 0;
    while (i < Math.max(before.length, now.length) && before[i] === now[i]) i++;
    const id = (now[i] ?? before[i] ?? '').match(/"id":"([^"]*)"/)?.[1] ?? `line ${i + 1}`;
    console.error(`mdast-oracle: ${outFile} is not what the JS toolchain writes now: first difference at ${id}` +
      ` (regenerate with node bench/js/mdast-oracle.mjs ${inputsFile} ${outFile})`);
    process.exit(1);
  }
}
