import {fromMarkdown} from 'mdast-util-from-markdown';
import {gfm} from 'micromark-extension-gfm';
import {gfmFromMarkdown} from 'mdast-util-gfm';
const src = process.argv[2].replace(/\\n/g, '\n');
const t = fromMarkdown(src, {extensions:[gfm()], mdastExtensions:[gfmFromMarkdown()]});
const strip = n => { delete n.position; if (n.children) n.children.forEach(strip); return n; };
console.log(JSON.stringify(strip(t).children));
