#!/usr/bin/env node
// remark-cli with remark-linkworthy against remark-cli with remark-validate-links, on the
// Markdown twin of the generated site (bench/twin.mjs): the same command a user runs in CI,
// `remark . --quiet --frail`, one process per run, wall time the median of `--runs` runs after
// one warm-up. Each run's report is checked against the planted faults: every planted broken
// link and fragment must be reported, on its file, and nothing else.
//
//   node bench/remark-cli.mjs [--pages 2000] [--runs 3]
//
// Needs the built plugin (`pnpm run build`).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateTwin } from './twin.mjs';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '3' },
  },
});
const pages = Number(values.pages);
const runs = Number(values.runs);
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const plugin = here('../packages/remark-plugin/dist/index.js');
if (!existsSync(plugin)) throw new Error('Build first: `pnpm run build`.');
const out = here(`./.work/twin-${pages}/`);
const manifest = generateTwin({ pages, out });
const md = join(out, 'md');

/** A package of bench/package.json, as an absolute path remark-cli's `--use` loads from anywhere. */
const entry = (name, file) => join(realpathSync(here(`./node_modules/${name}`)), file);
const remarkCli = here('./node_modules/remark-cli/cli.js');
const common = ['.', '--quiet', '--frail', '--no-stdout', '--no-config', '--no-color'];
const frontmatter = ['--use', entry('remark-frontmatter', 'index.js')];

/** `file ruleId` for every message of the default reporter (vfile-reporter) on stderr. */
function messagesOf(stderr, source) {
  const found = [];
  let file;
  for (const line of stderr.split('\n')) {
    if (/^\S.*\.md$/.test(line)) file = line;
    const match = new RegExp(`\\s(\\S+)\\s+${source}(?::\\S+)?\\s*$`).exec(line);
    if (match && file && /^\d+:\d+/.test(line)) found.push(`${file} ${match[1]}`);
  }
  return found.sort();
}

const plantedFiles = (ruleIds) =>
  manifest.markdown.expected
    .filter((fault) => ruleIds.includes(fault.ruleId))
    .map((fault) => `${fault.url.slice(1, -1)}.md ${fault.ruleId}`)
    .sort();

const tools = [
  {
    name: 'remark-cli + remark-linkworthy',
    args: [...common, ...frontmatter, '--use', plugin],
    // Every planted fault of the Markdown twin (broken links and fragments, and the planted
    // non-descriptive anchors, which the default rules report too), and nothing else.
    expected: plantedFiles(manifest.markdown.expected.map((fault) => fault.ruleId)),
    found: (stderr) => messagesOf(stderr, 'linkworthy'),
  },
  {
    name: 'remark-cli + remark-validate-links 13',
    args: [
      ...common,
      ...frontmatter,
      '--use',
      `${entry('remark-validate-links', 'index.js')}=repository:false`,
    ],
    // It names faults its own way: map them to linkworthy's rule ids to compare.
    expected: plantedFiles(['broken-link', 'broken-fragment']),
    found: (stderr) =>
      messagesOf(stderr, 'remark-validate-links').map((message) =>
        message
          .replace(/ missing-file$/, ' broken-link')
          .replace(/ missing-heading(-in-file)?$/, ' broken-fragment'),
      ),
  },
];

/**
 * CPU time (user + system, ms) of the finished children of this process, from /proc on Linux:
 * on a busy machine it says more than wall time. Undefined elsewhere.
 */
function childCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // cutime and cstime, in clock ticks (100 per second on Linux).
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

const rows = [];
for (const tool of tools) {
  const times = [];
  const cpus = [];
  let last;
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    const cpu = childCpuMs();
    last = spawnSync(process.execPath, [remarkCli, ...tool.args], {
      cwd: md,
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    const elapsed = performance.now() - started;
    if (last.error) throw last.error;
    const used = childCpuMs();
    if (run > 0) {
      // The first run warms the disk cache.
      times.push(elapsed);
      if (cpu !== undefined && used !== undefined) cpus.push(used - cpu);
    }
  }
  times.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  const found = tool.found(last.stderr);
  const missed = tool.expected.filter((fault) => !found.includes(fault));
  const extra = found.filter((fault) => !tool.expected.includes(fault));
  rows.push({
    name: tool.name,
    median: times[Math.floor(times.length / 2)],
    cpu: cpus[Math.floor(cpus.length / 2)],
    exit: last.status,
    found: found.length,
    missed,
    extra,
  });
}

console.log(
  `Markdown twin: ${manifest.pages} pages, ${plantedFiles(['broken-link', 'broken-fragment']).length} planted broken links and fragments; node ${process.version}; load average ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}`,
);
console.log(
  `| tool | wall, median of ${runs} | CPU, median | exit | reported | missed | not planted |`,
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
  console.log(
    `| ${row.name} | ${Math.round(row.median)} ms | ${row.cpu === undefined ? '–' : `${row.cpu} ms`} | ${row.exit} | ${row.found} | ${row.missed.length} | ${row.extra.length} |`,
  );
}
for (const row of rows) {
  for (const fault of row.missed) console.log(`${row.name}: missed ${fault}`);
  for (const fault of row.extra) console.log(`${row.name}: not planted: ${fault}`);
}
if (rows[0].missed.length > 0 || rows[0].extra.length > 0) process.exitCode = 1;
