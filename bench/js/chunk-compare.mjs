// Chunk boundaries against the syntax tree: LangChain.js's Markdown splitter (@langchain/textsplitters) and
// `ocp chunk`, with the same cap in characters (or, with --tokens, in tokens of cl100k_base: js-tiktoken's count as
// LangChain's length function, JTokkit's for `ocp chunk --max-tokens`), on the same files. For each file it reads the tree's code blocks and
// table rows from `ocp json` (byte spans), places each chunk in the source, and counts the chunks with a boundary
// strictly inside a code block or a table row. Prints a Markdown table; tools/chunk-compare runs it.
//
//   node chunk-compare.mjs [--tokens] [--with EXTS] OCP CAP FILE...      (OCP: the ocp launcher)
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import {MarkdownTextSplitter} from '@langchain/textsplitters'
import {getEncoding} from 'js-tiktoken'

const args = process.argv.slice(2)
// --tokens: the cap counts tokens of cl100k_base (special tokens' text counted as ordinary text, as JTokkit's
// countTokensOrdinary counts it), not characters.
const tokens = args[0] === '--tokens'
if (tokens) args.shift()
// --with EXTS: the extensions every file is read with (the READMEs: gfm); without it, as syntax() says.
let withExtensions = null
if (args[0] === '--with') {
  withExtensions = args[1]
  args.splice(0, 2)
}
const [ocp, capText, ...files] = args
const cap = Number(capText)
if (!ocp || !(cap > 0) || files.length === 0) {
  console.error('usage: node chunk-compare.mjs [--tokens] [--with EXTS] OCP CAP FILE...')
  process.exit(2)
}

/** What `ocp` reads a file with: an MDX page with GFM, frontmatter and math (as the TCK reads them). */
function syntax(file) {
  if (withExtensions) return ['--with', withExtensions]
  return file.endsWith('.mdx') ? ['--with', 'gfm,frontmatter,math'] : []
}

/** The byte spans of the code blocks and table rows of a file, from the tree `ocp json` writes. */
function spans(file) {
  const tree = JSON.parse(execFileSync(ocp, ['json', ...syntax(file), file], {maxBuffer: 1 << 30, encoding: 'utf8'}))
  const code = []
  const rows = []
  const stack = [tree]
  while (stack.length > 0) {
    const node = stack.pop()
    if (node.type === 'codeBlock' || node.type === 'code') code.push(node.span)
    if (node.type === 'tableRow') rows.push(node.span)
    for (const child of node.children || []) stack.push(child)
  }
  return {code, rows}
}

/** Whether a byte offset lies strictly inside one of the spans. */
function inside(spanList, at) {
  return spanList.some(([start, end]) => start < at && at < end)
}

/** LangChain's splitter with the cap, in characters or (--tokens) measured by js-tiktoken, LangChain.js's own tokenizer. */
function splitter() {
  if (!tokens) return new MarkdownTextSplitter({chunkSize: cap, chunkOverlap: 0})
  const encoding = getEncoding('cl100k_base')
  return new MarkdownTextSplitter({chunkSize: cap, chunkOverlap: 0,
    lengthFunction: (text) => encoding.encode(text, [], []).length})
}

/** LangChain's chunks of a text as byte ranges: each found in the source after the one before. */
async function langchain(text) {
  const chunks = await splitter().splitText(text)
  const ranges = []
  let from = 0
  let fromByte = 0
  let missing = 0
  for (const chunk of chunks) {
    const at = text.indexOf(chunk, from)
    if (at < 0) {
      missing++
      continue
    }
    const startByte = fromByte + Buffer.byteLength(text.slice(from, at))
    const endByte = startByte + Buffer.byteLength(chunk)
    ranges.push([startByte, endByte])
    from = at + chunk.length
    fromByte = endByte
  }
  return {ranges, count: chunks.length, missing}
}

/** Our chunks of a file as byte ranges, from `ocp chunk`'s JSON Lines. */
function ours(file) {
  const out = execFileSync(ocp, ['chunk', tokens ? '--max-tokens' : '--max-chars', String(cap), '--jobs', '1',
    ...syntax(file), file],
    {maxBuffer: 1 << 30, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']})
  return out.split('\n').filter(Boolean).map((line) => {
    const c = JSON.parse(line)
    return [c.startByte, c.endByte]
  })
}

function cuts(ranges, tree) {
  let code = 0
  let rows = 0
  for (const [start, end] of ranges) {
    if (inside(tree.code, start) || inside(tree.code, end)) code++
    if (inside(tree.rows, start) || inside(tree.rows, end)) rows++
  }
  return {code, rows}
}

const total = {lc: {n: 0, code: 0, rows: 0, missing: 0}, ocp: {n: 0, code: 0, rows: 0}}
for (const file of files) {
  const text = readFileSync(file, 'utf8')
  const tree = spans(file)
  const lc = await langchain(text)
  const lcCuts = cuts(lc.ranges, tree)
  const ourRanges = ours(file)
  const ourCuts = cuts(ourRanges, tree)
  total.lc.n += lc.count
  total.lc.code += lcCuts.code
  total.lc.rows += lcCuts.rows
  total.lc.missing += lc.missing
  total.ocp.n += ourRanges.length
  total.ocp.code += ourCuts.code
  total.ocp.rows += ourCuts.rows
}
console.log(`cap ${cap} ${tokens ? 'tokens (cl100k_base)' : 'characters'}, ${files.length} file(s)`)
console.log('| splitter | chunks | cutting a code block | cutting a table row |')
console.log('| --- | ---: | ---: | ---: |')
console.log(`| LangChain.js MarkdownTextSplitter | ${total.lc.n} | ${total.lc.code} | ${total.lc.rows} |`)
console.log(`| ocp chunk | ${total.ocp.n} | ${total.ocp.code} | ${total.ocp.rows} |`)
// LangChain's time: splitText over every file, the texts in memory, fifteen rounds in this process; the median of the
// last ten, when the JIT has settled, and the best round. In tokens a round over Pro Git takes a minute or more, and
// the tokenizer's time swamps the JIT's warm-up: three rounds, all counted.
const texts = files.map((file) => readFileSync(file, 'utf8'))
const rounds = []
const roundCount = tokens ? 3 : 15
const warmUp = tokens ? 0 : 5
for (let round = 0; round < roundCount; round++) {
  const began = process.hrtime.bigint()
  for (const text of texts) await splitter().splitText(text)
  rounds.push(Number(process.hrtime.bigint() - began) / 1e6)
}
const settled = rounds.slice(warmUp).sort((a, b) => a - b)
const middle = settled.length >> 1
const median = settled.length % 2 === 1 ? settled[middle] : (settled[middle - 1] + settled[middle]) / 2
console.log(`LangChain.js splitText over the file(s): median ${median.toFixed(1)} ms of rounds ${warmUp + 1} to`
  + ` ${roundCount}, best ${Math.min(...rounds).toFixed(1)} ms (Node ${process.version}; chunking only, the input in`
  + ' memory)')
if (total.lc.missing > 0) {
  console.log(`(${total.lc.missing} LangChain chunks not found verbatim in the source, not counted)`)
}
