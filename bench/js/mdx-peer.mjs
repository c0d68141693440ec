// The JS toolchain that MDX sites run today, timed as a peer of the OCP engines: mdast-util-from-markdown with
// MDX (micromark-extension-mdxjs, which parses expressions and ESM with acorn), GFM, frontmatter (YAML and TOML)
// and math, building the mdast tree of every file (the work of our parse and toMdast from text, the
// mdast-to-mdast row), and micromark alone with the same extensions, parsing to its events and building no tree
// (the work of our parse to OCP, the parse-only row).
//
//   node bench/js/mdx-peer.mjs [--seconds S] [--warmup S] --json FILE...
//
// Prints one JSON array with two rows, the C driver's contract (parser, input, bytes, iterations, seconds,
// mb_per_s): one iteration parses every file once; seconds is the CPU time of the measured iterations (after a
// warmup that lets V8 optimise). A file the toolchain cannot parse fails the run with its name and message.
import { readFileSync } from 'node:fs';
import { parse, postprocess, preprocess } from 'micromark';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxjs } from 'micromark-extension-mdxjs';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { math } from 'micromark-extension-math';
import { mathFromMarkdown } from 'mdast-util-math';

let seconds = 5;
let warmup = 2;
const files = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--seconds') seconds = Number(args[++i]);
  else if (args[i] === '--warmup') warmup = Number(args[++i]);
  else if (args[i] === '--json') continue;
  else files.push(args[i]);
}
if (files.length === 0 || !(seconds > 0) || !(warmup >= 0)) {
  console.error('usage: node mdx-peer.mjs [--seconds S] [--warmup S] --json FILE...');
  process.exit(2);
}

const options = {
  extensions: [mdxjs(), gfm(), frontmatter(['yaml', 'toml']), math()],
  mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml']),
    mathFromMarkdown()],
};
const pages = files.map((f) => ({ name: f, text: readFileSync(f, 'utf8') }));
const bytes = files.reduce((sum, f) => sum + readFileSync(f).length, 0);

let sink = 0;
function treeAll() {
  for (const page of pages) {
    let tree;
    try {
      tree = fromMarkdown(page.text, options);
    } catch (e) {
      console.error(`mdx-peer: ${page.name}: ${e.message}`);
      process.exit(1);
    }
    sink += tree.children.length;
  }
}

// micromark's own pipeline up to its events, as fromMarkdown runs it before it builds the tree.
function eventsAll() {
  for (const page of pages) {
    const events = postprocess(parse({ extensions: options.extensions }).document().write(
      preprocess()(page.text, undefined, true)));
    sink += events.length;
  }
}

function cpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function measure(parser, work) {
  for (const start = cpuSeconds(); cpuSeconds() - start < warmup;) work();
  let iterations = 0;
  const start = cpuSeconds();
  let spent = 0;
  while (spent < seconds) {
    work();
    iterations++;
    spent = cpuSeconds() - start;
  }
  return { parser, input: 'mdx', bytes, iterations, seconds: spent, mb_per_s: (bytes * iterations) / spent / 1e6 };
}

const rows = [measure('mdast-util-from-markdown', treeAll), measure('micromark parse only', eventsAll)];
console.log(JSON.stringify(rows));
console.error(`mdx-peer: ${pages.length} files, ${rows.map((r) => `${r.parser} ${r.iterations} iterations`).join(', ')}`
  + `, ${sink} nodes and events made`);
