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
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxjs } from 'micromark-extension-mdxjs';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { math } from 'micromark-extension-math';
import { mathFromMarkdown } from 'mdast-util-math';

const args = process.argv.slice(2);
const check = args[0] === '--check';
const [inputsFile, outFile] = check ? args.slice(1) : args;
if (!inputsFile || !outFile) {
  console.error('usage: node mdast-oracle.mjs [--check] INPUTS.json OUT.json');
  process.exit(2);
}

function optionsFor(input) {
  const extensions = [];
  const mdastExtensions = [];
  if (input.dialect === 'mdx') {
    extensions.push(mdxjs());
    mdastExtensions.push(mdxFromMarkdown());
  } else if (input.dialect !== 'commonmark') {
    throw new Error(`${input.id}: unknown dialect ${input.dialect}`);
  }
  for (const e of input.extensions) {
    if (e === 'gfm') {
      extensions.push(gfm());
      mdastExtensions.push(gfmFromMarkdown());
    } else if (e === 'frontmatter') {
      extensions.push(frontmatter(['yaml', 'toml']));
      mdastExtensions.push(frontmatterFromMarkdown(['yaml', 'toml']));
    } else if (e === 'math') {
      extensions.push(math());
      mdastExtensions.push(mathFromMarkdown());
    } else {
      throw new Error(`${input.id}: unknown extension ${e}`);
    }
  }
  return { extensions, mdastExtensions };
}

// Drops what is the JS toolchain's own: `data` (estree of expressions, hast hints) wherever it appears.
function strip(node) {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'data') continue;
    out[key] = strip(value);
  }
  return out;
}

function treeOf(input) {
  try {
    return strip(fromMarkdown(input.markdown, optionsFor(input)));
  } catch (e) {
    // A syntax error is a VFileMessage, with the reason and where; anything else is a fault of this script.
    if (e && typeof e === 'object' && 'reason' in e) {
      return { error: e.reason, line: e.line ?? null, column: e.column ?? null };
    }
    throw e;
  }
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
