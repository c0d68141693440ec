// The JS toolchain as the kit's mdast oracles run it (mdast-oracle.mjs writes whole trees, mdast-digests.mjs their
// digests; tools/mdast-corpus-check, pages of a docs site): mdast-util-from-markdown with the MDX, GFM, frontmatter,
// math and directive extensions an input asks for.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxjs } from 'micromark-extension-mdxjs';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { math } from 'micromark-extension-math';
import { mathFromMarkdown } from 'mdast-util-math';
import { directive } from 'micromark-extension-directive';
import { directiveFromMarkdown } from 'mdast-util-directive';

// The extensions of an input: {id, dialect: "commonmark"|"mdx", extensions: ["gfm"|"frontmatter"|"math"|"directive"],
// markdown}.
export function optionsFor(input) {
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
    } else if (e === 'directive') {
      extensions.push(directive());
      mdastExtensions.push(directiveFromMarkdown());
    } else {
      throw new Error(`${input.id}: unknown extension ${e}`);
    }
  }
  return { extensions, mdastExtensions };
}

// Drops what is the JS toolchain's own: `data` (estree of expressions, hast hints) wherever it appears.
export function strip(node) {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'data') continue;
    out[key] = strip(value);
  }
  return out;
}

// The tree of an input, or {error, line, column} for one the toolchain rejects (MDX with unbalanced tags or an
// expression acorn cannot parse).
export function treeOf(input) {
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
