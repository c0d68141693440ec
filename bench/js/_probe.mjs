import {micromark} from 'micromark'
import {mdxjs} from 'micromark-extension-mdxjs'
import fs from 'node:fs'
for (const line of fs.readFileSync(process.argv[2],'utf8').split('\n').filter(Boolean)) {
  const input = line.replace(/\\n/g,'\n').replace(/\\t/g,'\t')
  try { console.log(JSON.stringify(micromark(input,{extensions:[mdxjs()]}))) }
  catch (e) { console.log(`${e.line}:${e.column} ${e.reason.slice(0,60)} (${e.ruleId})`) }
}
