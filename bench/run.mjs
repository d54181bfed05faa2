#!/usr/bin/env node
// linkworthy on a generated site: wall time on one thread and on worker threads, cold and with
// the facts cache, and a correctness check against the errors the generator planted.
//
//   node bench/run.mjs [--pages 2000] [--links 40] [--runs 3]
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { lint } from '@linkworthy/core';
import { generateSite } from './generate.mjs';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '2000' },
    links: { type: 'string', default: '40' },
    runs: { type: 'string', default: '3' },
  },
});
const pages = Number(values.pages);
const links = Number(values.links);
const runs = Number(values.runs);
const out = fileURLToPath(new URL(`./.work/site-${pages}-${links}/`, import.meta.url));
const cache = fileURLToPath(new URL(`./.work/cache-${pages}-${links}.json`, import.meta.url));

generateSite({ pages, linksPerPage: links, seed: 1, out });
const planted = JSON.parse(readFileSync(`${out}planted.json`, 'utf8'));

async function timed(options) {
  const times = [];
  let report;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    report = await lint({ root: out, outDir: '', configFile: false, ...options });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], report };
}

const rows = [];
const single = await timed({ threads: 0 });
rows.push(['one thread', single]);
rows.push([
  `${availableParallelism()} worker threads`,
  await timed({ threads: availableParallelism() }),
]);
if (existsSync(cache)) rmSync(cache);
await lint({ root: out, outDir: '', configFile: false, cache });
rows.push(['warm facts cache', await timed({ cache })]);

// Every planted error must be found, and nothing else.
const expected = new Set(planted.errors.map((error) => `${error.page} ${error.href}`));
// This site plants broken links and fragments only; the graph rules' findings are not its subject.
const found = new Set(
  single.report.findings
    .filter((finding) => finding.ruleId === 'broken-link' || finding.ruleId === 'broken-fragment')
    .map((finding) => `${finding.file} ${finding.target}`),
);
const missed = [...expected].filter((key) => !found.has(key));
const extra = [...found].filter((key) => !expected.has(key));

const { summary } = single.report;
console.log(`site: ${pages} pages, ${summary.links} links (${out})`);
console.log(`| run | median of ${runs} | pages/s |`);
console.log('| --- | --- | --- |');
for (const [name, { median }] of rows) {
  console.log(`| ${name} | ${Math.round(median)} ms | ${Math.round((pages / median) * 1000)} |`);
}
console.log(
  `planted errors: ${expected.size}, found: ${expected.size - missed.length}, missed: ${missed.length}, false: ${extra.length}`,
);
if (missed.length > 0 || extra.length > 0) {
  console.log({ missed: missed.slice(0, 10), extra: extra.slice(0, 10) });
  process.exitCode = 1;
}
