#!/usr/bin/env node
// linkworthy against its peers on the generated twin site (bench/twin.mjs): linkinator 8 with
// fragment checks over the built HTML, and remark-validate-links (remark-cli) over the Markdown
// twin. Every tool runs as its own process, as a user would run it; wall time is the median of
// `--runs` runs after one warm-up. Each tool's findings are checked against the planted broken
// links and fragments, so a fast wrong answer shows.
//
//   node bench/compare.mjs [--pages 2000] [--runs 5]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateTwin, ORIGIN } from './twin.mjs';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
  },
});
const pages = Number(values.pages);
const runs = Number(values.runs);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = here(`./.work/twin-${pages}/`);
const manifest = generateTwin({ pages, out });
const html = `${out}html`;
const md = `${out}md`;
const cli = here('../packages/cli/bin/linkworthy.js');
if (!existsSync(here('../packages/cli/dist/index.js'))) {
  throw new Error('Build first: `npm run bench` builds, or `pnpm run build`.');
}

const planted = manifest.expected.filter((entry) => /^broken-(link|fragment)$/.test(entry.ruleId));

const tools = [
  {
    name: 'linkworthy (built HTML, every rule)',
    command: [process.execPath, cli, html, '--site', ORIGIN, '--format', 'json'],
    found: (result) =>
      JSON.parse(result.stdout).findings.filter((finding) => /^broken-/.test(finding.ruleId))
        .length,
  },
  {
    name: 'linkworthy (Markdown twin)',
    command: [process.execPath, here('./lint-markdown.mjs'), md],
    found: (result) => Number(/broken: (\d+)/.exec(result.stdout)?.[1] ?? NaN),
  },
  {
    name: 'linkinator 8 (--recurse --check-fragments)',
    command: [
      process.execPath,
      here('./node_modules/linkinator/build/src/cli.js'),
      html,
      '--recurse',
      '--check-fragments',
      // The twin's external hosts are never fetched (linkinator serves the folder on loopback).
      '--skip',
      'elsewhere\\.example\\.org',
      '--skip',
      'twin\\.example\\.test',
      '--format',
      'json',
    ],
    found: (result) =>
      JSON.parse(result.stdout).links.filter((link) => link.state === 'BROKEN').length,
  },
  {
    name: 'remark-validate-links 13 (remark-cli)',
    command: [
      process.execPath,
      here('./node_modules/remark-cli/cli.js'),
      md,
      '--quiet',
      '--no-stdout',
      '--no-config',
      '--no-color',
      '--use',
      'remark-frontmatter',
      '--use',
      'remark-validate-links=repository:false',
    ],
    found: (result) => (result.stderr.match(/missing-(file|heading)/g) ?? []).length / 2,
  },
];

const rows = [];
for (const tool of tools) {
  const times = [];
  let last;
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    last = spawnSync(tool.command[0], tool.command.slice(1), {
      cwd: here('.'),
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    const elapsed = performance.now() - started;
    if (last.error) throw last.error;
    if (run > 0) times.push(elapsed); // the first run warms the disk cache
  }
  times.sort((a, b) => a - b);
  rows.push({
    name: tool.name,
    median: times[Math.floor(times.length / 2)],
    found: tool.found(last),
  });
}

const base = rows[0].median;
console.log(
  `twin site: ${manifest.pages} pages, ${planted.length} planted broken links and fragments`,
);
console.log(
  `| tool | median of ${runs} | × linkworthy (HTML) | broken links + fragments reported |`,
);
console.log('| --- | --- | --- | --- |');
for (const row of rows) {
  console.log(
    `| ${row.name} | ${Math.round(row.median)} ms | ${(row.median / base).toFixed(1)} | ${row.found} |`,
  );
}
