import { treeOf } from './mdast-toolchain.mjs';
const md = JSON.parse(process.argv[2]);
const gfm = process.argv[3] !== 'cm';
console.log(JSON.stringify(treeOf({id:'p', dialect:'commonmark', extensions: gfm?['gfm']:[], markdown: md})));
