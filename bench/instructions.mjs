#!/usr/bin/env node
// Instructions linkworthy's extraction executes per built page, counted by callgrind: a measure
// that repeats to a tenth of a percent on a shared machine, where wall and CPU times of the same
// run move by 10–40 % from one minute to the next.
//
//   node bench/instructions.mjs [--pages 200 | --site <folder> [--limit 200]] [--rounds 4]
//                               [--core packages/core/dist ...]
//
// It writes (or reuses) a realistic site of `--pages` pages (generate.mjs, seed 1) in
// bench/.work/instructions/, or reads the first `--limit` HTML files of `--site` (in name order),
// then, for each `--core` (a built `@linkworthy/core`, `dist/` by
// default; give two to compare a change with a copy of the code before it), runs
// `valgrind --tool=callgrind node --single-threaded` over a child that reads the pages and
// extracts each `--rounds` times with `extractHtml`, terms off (the default) and on. Node's
// start-up and reading the files are counted apart (a run of 0 rounds) and taken off. With
// `--single-threaded` V8 compiles on the main thread, so the same code gives the same count.
// Needs valgrind (Debian: `apt-get install valgrind`) and `tsc -b packages/core`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateSite } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));

// --- child mode: extract every page of a folder `rounds` times ----------------------------------
if (process.argv[2] === '--child') {
  const [, , , core, dir, limit, rounds, terms] = process.argv;
  const { extractHtml } = await import(pathToFileURL(join(core, 'index.js')).href);
  const pages = htmlFiles(dir, Number(limit)).map((file) => [file, readFileSync(join(dir, file))]);
  for (let round = 0; round < Number(rounds); round++) {
    for (const [file, bytes] of pages) extractHtml(bytes, { file, terms: terms === 'on' });
  }
  process.exit(0);
}

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '200' },
    site: { type: 'string' },
    limit: { type: 'string', default: '200' },
    rounds: { type: 'string', default: '4' },
    core: { type: 'string', multiple: true },
  },
});
const pages = Number(values.pages);
const rounds = Number(values.rounds);
const cores = (values.core ?? [join(here, '../packages/core/dist')]).map((core) => resolve(core));

if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error('bench/instructions.mjs needs valgrind (Debian: apt-get install valgrind).');
  process.exit(1);
}
for (const core of cores) {
  if (!existsSync(join(core, 'index.js'))) {
    console.error(`No built core at ${core}: run \`tsc -b packages/core\` (or give --core).`);
    process.exit(1);
  }
}

const site = values.site
  ? resolve(values.site)
  : join(here, `.work/instructions/site-${pages}-realistic`);
if (!values.site && !existsSync(join(site, 'planted.json'))) {
  generateSite({ pages, linksPerPage: 30, seed: 1, weight: 'realistic', out: site });
}
const limit = values.site ? Number(values.limit) : Infinity;
const files = htmlFiles(site, limit).length;

/** Instructions of one child run, in millions. */
function count(core, childRounds, terms) {
  const out = join(tmpdir(), `linkworthy-callgrind-${process.pid}.out`);
  const result = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      '--smc-check=all',
      `--callgrind-out-file=${out}`,
      process.execPath,
      '--single-threaded',
      fileURLToPath(import.meta.url),
      '--child',
      core,
      site,
      String(limit),
      String(childRounds),
      terms,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  rmSync(out, { force: true });
  const collected = /Collected : (\d+)/.exec(result.stderr);
  if (result.status !== 0 || !collected) {
    throw new Error(`callgrind run failed (${result.status}):\n${result.stderr.slice(-2000)}`);
  }
  return Number(collected[1]) / 1e6;
}

console.log(
  `${files} pages of ${site}, ${rounds} rounds each; millions of instructions (Node's start-up and reading the files taken off)`,
);
const rows = [];
for (const core of cores) {
  const base = count(core, 0, 'off');
  for (const terms of ['off', 'on']) {
    const total = count(core, rounds, terms) - base;
    const row = { core, terms, total, perPage: (total * 1e6) / (rounds * files) };
    rows.push(row);
    console.log(
      `  ${core}, terms ${terms}: ${total.toFixed(0)} M, ${Math.round(row.perPage).toLocaleString('en')} per page`,
    );
  }
}
if (cores.length > 1) {
  for (const terms of ['off', 'on']) {
    const [first, ...rest] = rows.filter((row) => row.terms === terms);
    for (const row of rest) {
      const change = ((row.total / first.total - 1) * 100).toFixed(1);
      console.log(
        `  terms ${terms}: ${row.core} ${change.startsWith('-') ? '' : '+'}${change} % against ${first.core}`,
      );
    }
  }
}

/** The first `limit` HTML files under `dir`, in name order, relative to it. */
function htmlFiles(dir, limit) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .sort()
    .slice(0, limit);
}
