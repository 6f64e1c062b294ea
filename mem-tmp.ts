import { benchmark } from './test/bench/spreadsheet.bench.ts';
const name = process.argv[2]!;
let max = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
const t = setInterval(() => { const m = process.memoryUsage(); for (const k of Object.keys(max) as (keyof typeof max)[]) max[k] = Math.max(max[k], m[k]); console.error(JSON.stringify(Object.fromEntries(Object.entries(m).map(([k,v])=>[k, Math.round(v/1048576)])))); }, 2000);
await benchmark.cases.find(c => c.name === name)!.run();
clearInterval(t);
console.log(Object.fromEntries(Object.entries(max).map(([k,v])=>[k, Math.round(v/1048576)])));
