#!/usr/bin/env node
// Scale benchmark: linkworthy against the tokenizer floor and its peers on realistic sites of
// 1,000, 10,000 and 100,000 pages, in one command.
//
//   node bench/scale.mjs                                  # 1k, 10k, 100k; median of 3
//   node bench/scale.mjs --sizes 1000,10000 --repeat 3 --peers linkinator,hyperlink,remark
//
// For each size it generates (or reuses, keyed by the parameters) the realistic site
// (`generate.mjs --weight realistic`) and, for remark-validate-links, the Markdown of the
// realistic twin (`twin.mjs --weight realistic --only md`). Every tool runs as its own process
// under /usr/bin/time, which gives wall time, CPU time (user + system) and peak RSS:
//
// - linkworthy: the CLI with every rule on (JSON report to a file, checked against planted.json);
// - floor: a bare htmlparser2 `Parser` pass over every HTML file with no-op callbacks, on the same
//   number of threads as linkworthy: what reading and tokenizing alone costs;
// - cache: linkworthy with its facts cache, after editing one page of a cached run;
// - peers: linkinator 8 (`--recurse --check-fragments`), hyperlink 5 (`--recursive --internal`),
//   remark-validate-links 13 (remark-cli, on the Markdown twin).
//
// A peer whose estimated run (from its time at the previous size) exceeds `--peer-limit`
// seconds is not run at that size; the table says so with the estimate. Results go to
// bench/results/scale.json and, between the `scale` markers, into bench/README.md. No prompts:
// it is made to run unattended.
import { spawn } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const WORK = here('./.work/scale/');
const CLI = here('../packages/cli/bin/linkworthy.js');
const ALL_PEERS = ['linkinator', 'hyperlink', 'remark'];

// --- child mode: the tokenizer floor ------------------------------------------------------------
if (process.argv[2] === '--floor') {
  await floor(process.argv[3], Number(process.argv[4] ?? 0));
  process.exit(0);
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    repeat: { type: 'string', default: '3' },
    peers: { type: 'string', default: ALL_PEERS.join(',') },
    tools: { type: 'string', default: 'linkworthy,floor,cache' },
    render: { type: 'boolean' },
    'all-rules': { type: 'boolean' },
    merge: { type: 'boolean' },
    'peer-limit': { type: 'string', default: '150' },
    threads: { type: 'string' },
    readme: { type: 'boolean', default: true },
    'no-readme': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'usage: node bench/scale.mjs [--sizes 1000,10000,100000] [--repeat 3]\n' +
      `       [--peers ${ALL_PEERS.join(',')}] [--peer-limit <s>] [--threads <n>] [--no-readme]\n` +
      '       [--tools linkworthy,floor,cache]\n' +
      '       node bench/scale.mjs --render   (the README table again, from results/scale.json)',
  );
  process.exit(0);
}
const sizes = values.sizes.split(',').map(Number);
const repeat = Number(values.repeat);
const peers = values.peers === '' ? [] : values.peers.split(',');
for (const peer of peers) {
  if (!ALL_PEERS.includes(peer)) throw new Error(`unknown peer ${peer}; known: ${ALL_PEERS}`);
}
const peerLimit = Number(values['peer-limit']);
const tools = new Set(values.tools.split(','));
const threads = values.threads === undefined ? undefined : Number(values.threads);
if (!existsSync(here('../packages/cli/dist/index.js'))) {
  throw new Error('Build first: `tsc -b packages/core packages/cli` (or `npm run bench`).');
}
if (!existsSync('/usr/bin/time')) throw new Error('/usr/bin/time (GNU time) is required');

const { generateSite } = await import('./generate.mjs');
const { generateTwin } = await import('./twin.mjs');
const { rules } = await import('@linkworthy/core');

// The default: every recommended rule (graph, sitemaps, redirects, linkability scorecard), as
// compare.mjs runs it. `--all-rules` adds the others as infos (link-suggestion reads page terms).
const allRules = values['all-rules']
  ? [...rules.values()]
      .filter((rule) => !rule.meta.recommended)
      .flatMap((rule) => ['--rule', `${rule.id}=info`])
  : [];

const machine = {
  cores: availableParallelism(),
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
const results = {
  machine,
  started: new Date().toISOString(),
  params: {
    sizes,
    repeat,
    peers,
    peerLimit,
    rules: values['all-rules'] ? 'all' : 'recommended',
    weight: 'realistic',
    links: 30,
    seed: 1,
  },
  sizes: [],
};
const mergedFrom = values.merge
  ? JSON.parse(readFileSync(here('./results/scale.json'), 'utf8'))
  : { sizes: [] };
if (values.render) {
  // Only the README table, again, from the last results (e.g. after a change of its layout).
  await writeReadme();
  process.exit(0);
}
console.log(
  `machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memoryGB} GB, Node ${machine.node}`,
);

const lastPeer = new Map(); // peer → { pages, wall } of its last run, for the estimate
for (const pages of sizes) {
  const site = ensureSite(pages);
  const entry = { pages, files: site.files, bytes: site.bytes, planted: site.planted, tools: [] };
  if (values.merge) {
    // Keep the figures of tools this run does not measure (e.g. slow peers) from the last run.
    const earlier = mergedFrom.sizes.find((size) => size.pages === pages);
    if (earlier) entry.earlier = earlier.tools;
  }
  results.sizes.push(entry);
  console.log(`\n${pages} pages: ${(site.bytes / 1e6).toFixed(0)} MB of HTML in ${site.dir}`);

  const report = join(WORK, `report-${pages}.json`);
  const threadArgs = threads === undefined ? [] : ['--threads', String(threads)];
  if (tools.has('linkworthy')) {
    const lw = await measure(
      'linkworthy',
      [process.execPath, CLI, site.dir, '--no-config', '-f', 'json', '-o', report].concat(
        threadArgs,
        allRules,
      ),
      repeat,
    );
    if (lw.outOfMemory) {
      // Out of memory at V8's default heap limit: record it, then measure with room to spare.
      entry.tools.push(lw);
      const heapMB = Math.floor(totalmem() / 2 ** 20 / 2);
      const raised = await measure(
        'linkworthy-heap',
        [process.execPath, CLI, site.dir, '--no-config', '-f', 'json', '-o', report].concat(
          threadArgs,
          allRules,
        ),
        1,
        Infinity,
        { ...process.env, NODE_OPTIONS: `--max-old-space-size=${heapMB}` },
      );
      raised.heapMB = heapMB;
      if (!raised.skipped) raised.check = await checkReport(report, site.dir);
      entry.tools.push(raised);
    } else if (!lw.skipped) {
      lw.check = await checkReport(report, site.dir);
      entry.tools.push(lw);
    } else {
      entry.tools.push(lw);
    }
    rmSync(report, { force: true });
  }

  // As many threads as linkworthy's pool starts by default (extract/pool.ts, defaultThreads).
  const cores = availableParallelism();
  const floorThreads =
    threads ??
    (cores >= 4
      ? site.files >= 1000
        ? cores - 1
        : 0
      : cores >= 2 && site.files >= 5000
        ? cores
        : 0);
  if (tools.has('floor')) {
    entry.tools.push(
      await measure(
        'floor',
        [process.execPath, here('./scale.mjs'), '--floor', site.dir, String(floorThreads)],
        repeat,
      ),
    );
  }
  const lwWall = entry.tools.find((tool) => tool.name === 'linkworthy')?.median?.wall ?? 0;
  if (tools.has('cache') && lwWall > 300) {
    // Two more runs of over five minutes each would take the set past its time.
    entry.tools.push({
      name: 'cache',
      skipped: `not run (a cold run took ${Math.round(lwWall / 60)} min)`,
    });
  } else if (tools.has('cache')) entry.tools.push(await cacheRun(site, threadArgs));

  for (const peer of peers) {
    const previous = lastPeer.get(peer);
    // Time grows at least linearly with pages: scale the last run (or the time it was stopped at).
    const estimate = previous ? (previous.wall * pages) / previous.pages : 0;
    if (estimate > peerLimit) {
      const minutes = Math.max(1, Math.round(estimate / 60));
      entry.tools.push({
        name: peer,
        skipped: `not run (est. ${previous.stopped ? '>' : ''}${minutes} min)`,
        estimateSeconds: Math.round(estimate),
      });
      console.log(`  ${peer}: not run (est. ${Math.round(estimate)} s)`);
      continue;
    }
    // Slow peers run once when a run would take more than half a minute.
    const runs = estimate > 30 ? 1 : repeat;
    const result = await measure(peer, peerCommand(peer, pages, site), runs, peerLimit);
    lastPeer.set(
      peer,
      result.skipped
        ? { pages, wall: result.timedOutAfter, stopped: true }
        : { pages, wall: result.median.wall },
    );
    entry.tools.push(result);
  }
  writeResults();
}
writeResults();
if (values.readme && !values['no-readme']) await writeReadme();

// -----------------------------------------------------------------------------------------------

function ensureSite(pages) {
  const dir = join(WORK, `site-${pages}-realistic-30-1`);
  const manifest = join(dir, 'planted.json');
  const key = JSON.stringify({ pages, linksPerPage: 30, seed: 1, weight: 'realistic' });
  let planted;
  if (existsSync(manifest)) {
    planted = JSON.parse(readFileSync(manifest, 'utf8'));
    if (JSON.stringify(planted.params) !== key) planted = undefined;
  }
  let bytes;
  if (planted && existsSync(join(dir, '.bytes'))) {
    bytes = Number(readFileSync(join(dir, '.bytes'), 'utf8'));
    console.log(`reusing ${relative(process.cwd(), dir)}`);
  } else {
    const started = performance.now();
    const result = generateSite({
      pages,
      linksPerPage: 30,
      seed: 1,
      weight: 'realistic',
      out: dir,
    });
    bytes = result.bytes;
    writeFileSync(join(dir, '.bytes'), String(bytes));
    console.log(
      `generated ${pages} pages (${(bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    planted = JSON.parse(readFileSync(manifest, 'utf8'));
  }
  return { dir, files: pages, bytes, planted: planted.errors.length };
}

function ensureTwin(pages) {
  const dir = join(WORK, `twin-${pages}-realistic-1`);
  const manifest = join(dir, 'expected.json');
  if (existsSync(manifest)) {
    const expected = JSON.parse(readFileSync(manifest, 'utf8'));
    if (expected.params.pages === pages && expected.params.weight === 'realistic') {
      return join(dir, 'md');
    }
  }
  generateTwin({ pages, seed: 1, weight: 'realistic', only: 'md', out: dir });
  return join(dir, 'md');
}

function peerCommand(peer, pages, site) {
  if (peer === 'linkinator') {
    return [
      process.execPath,
      here('./node_modules/linkinator/build/src/cli.js'),
      site.dir,
      '--recurse',
      '--check-fragments',
      '--skip',
      'example\\.org',
      '--skip',
      'docs\\.example\\.test',
      '--format',
      'json',
    ];
  }
  if (peer === 'hyperlink') {
    return [
      process.execPath,
      here('./node_modules/hyperlink/lib/cli.js'),
      '--root',
      site.dir,
      '--canonicalroot',
      'https://docs.example.test/',
      '--recursive',
      '--internal',
      join(site.dir, 'index.html'),
    ];
  }
  // remark-validate-links on the Markdown twin of the same size.
  return [
    process.execPath,
    here('./node_modules/remark-cli/cli.js'),
    ensureTwin(pages),
    '--quiet',
    '--no-stdout',
    '--no-config',
    '--no-color',
    '--use',
    'remark-frontmatter',
    '--use',
    'remark-validate-links=repository:false',
  ];
}

/** Runs `command` `runs` times under /usr/bin/time; keeps every run and the medians. */
async function measure(name, command, runs, timeoutSeconds, env) {
  const all = [];
  for (let run = 0; run < runs; run++) {
    const result = await timed(command, timeoutSeconds, env);
    if (result.failed) {
      return {
        name,
        skipped: `failed: ${result.failed} after ${Math.round(result.wall)} s`,
        ...result,
      };
    }
    if (result.timedOut) {
      const skipped = `not finished in ${Math.round(timeoutSeconds)} s (stopped)`;
      console.log(`  ${name}: ${skipped}`);
      return { name, skipped, timedOutAfter: timeoutSeconds, load: result.load };
    }
    all.push(result);
    // A run of over a minute is not repeated: the unattended set must end in reasonable time.
    if (result.wall > 60) break;
  }
  const median = (key) => {
    const sorted = all.map((run) => run[key]).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  const result = {
    name,
    runs: all,
    median: {
      wall: median('wall'),
      cpu: median('cpu'),
      rssMB: median('rssMB'),
      load: median('load'),
    },
  };
  const m = result.median;
  console.log(
    `  ${name}: ${m.wall.toFixed(2)} s wall, ${m.cpu.toFixed(2)} s CPU, ${Math.round(m.rssMB)} MB peak (load ${m.load.toFixed(2)}, ${all.length} run${all.length === 1 ? '' : 's'})`,
  );
  return result;
}

function timed(command, timeoutSeconds = Infinity, env = process.env) {
  const timeFile = join(WORK, `time-${process.pid}.txt`);
  mkdirSync(WORK, { recursive: true });
  const load = loadavg()[0];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, ...command], {
      cwd: here('.'),
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
      detached: true, // its own process group, so a timeout ends the tool with it
    });
    let timedOut = false;
    const timer =
      timeoutSeconds === Infinity
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            process.kill(-child.pid, 'SIGKILL');
          }, timeoutSeconds * 1000);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wall = (performance.now() - started) / 1000;
      if (timedOut) {
        rmSync(timeFile, { force: true });
        resolve({ wall, timedOut: true, load });
        return;
      }
      const [, user, sys, rssKB] = readFileSync(timeFile, 'utf8')
        .trim()
        .split('\n')
        .pop()
        .split(' ')
        .map(Number);
      rmSync(timeFile, { force: true });
      // Link checkers exit 1 when they find broken links (planted); anything else is a failure,
      // recorded (an unattended run goes on with the next tool).
      if (code !== 0 && code !== 1) {
        const outOfMemory = /heap out of memory/.test(stderr);
        const failed = outOfMemory ? 'out of memory' : `exit ${code}`;
        let rssMB;
        try {
          rssMB =
            Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ')[3]) / 1024;
        } catch {
          rssMB = undefined;
        }
        console.log(
          `  failed (${failed}): ${command.slice(1, 3).join(' ')}\n${stderr.slice(-600)}`,
        );
        resolve({ wall, failed, outOfMemory, rssMB, load, exit: code });
        return;
      }
      resolve({ wall, cpu: user + sys, user, sys, rssMB: rssKB / 1024, load, exit: code });
    });
  });
}

/** linkworthy's report against planted.json: every planted error found as a broken-* finding. */
async function checkReport(file, dir) {
  // Line by line: the 100k report (900 MB) is longer than a string can be. The JSON report is
  // indented by 2, so a finding's `ruleId` is at 6 spaces and the summary's `links` at 4.
  const planted = JSON.parse(readFileSync(join(dir, 'planted.json'), 'utf8'));
  let findings = 0;
  let broken = 0;
  let links;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.startsWith('      "ruleId": "')) {
      findings++;
      if (line.startsWith('      "ruleId": "broken-')) broken++;
    } else if (links === undefined && line.startsWith('    "links": ')) {
      links = Number.parseInt(line.slice(13), 10);
    }
  }
  const check = { findings, broken, planted: planted.errors.length, links };
  console.log(
    `  linkworthy: ${broken} broken-* findings, ${check.planted} planted; ${check.findings} findings in all`,
  );
  return check;
}

/** Cold run that fills the cache, then one edited page, then the re-run with the cache. */
async function cacheRun(site, threadArgs) {
  const cache = join(WORK, `cache-${site.files}.json`);
  rmSync(cache, { force: true });
  const command = [
    process.execPath,
    CLI,
    site.dir,
    '--no-config',
    '-f',
    'json',
    '-o',
    join(WORK, 'cache-report.json'),
    '--cache-location',
    cache,
    ...threadArgs,
    ...allRules,
  ];
  const cold = await timed(command);
  const page = join(site.dir, 's00', 'p00001.html');
  const original = readFileSync(page);
  const runs = [];
  try {
    for (let run = 0; run < (cold.wall > 60 ? 1 : repeat); run++) {
      writeFileSync(page, original.toString().replace('</main>', `<p>Edited ${run}.</p></main>`));
      runs.push(await timed(command));
    }
  } finally {
    writeFileSync(page, original);
  }
  rmSync(join(WORK, 'cache-report.json'), { force: true });
  const sorted = [...runs].sort((a, b) => a.wall - b.wall);
  const median = sorted[Math.floor(sorted.length / 2)];
  const cacheBytes = statSync(cache).size;
  rmSync(cache, { force: true });
  console.log(
    `  cache: cold with cache ${cold.wall.toFixed(2)} s; after editing one page ${median.wall.toFixed(2)} s (cache ${(cacheBytes / 1e6).toFixed(0)} MB)`,
  );
  return {
    name: 'cache',
    cold,
    runs,
    cacheMB: cacheBytes / 1e6,
    median: { wall: median.wall, cpu: median.cpu, rssMB: median.rssMB, load: median.load },
  };
}

function writeResults() {
  if (values.merge) {
    const sizesRun = new Set(results.sizes.map((size) => size.pages));
    const merged = results.sizes.map((size) => {
      const names = new Set(size.tools.map((tool) => tool.name));
      const { earlier = [], ...rest } = size;
      return {
        ...rest,
        tools: [...size.tools, ...earlier.filter((tool) => !names.has(tool.name))],
      };
    });
    const kept = mergedFrom.sizes.filter((size) => !sizesRun.has(size.pages));
    const all = { ...results, sizes: [...kept, ...merged].sort((a, b) => a.pages - b.pages) };
    mkdirSync(here('./results'), { recursive: true });
    writeFileSync(here('./results/scale.json'), `${JSON.stringify(all, null, 2)}\n`);
    return;
  }
  mkdirSync(here('./results'), { recursive: true });
  writeFileSync(here('./results/scale.json'), `${JSON.stringify(results, null, 2)}\n`);
}

async function writeReadme() {
  const readme = here('./README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- scale:start -->';
  const end = '<!-- scale:end -->';
  if (!text.includes(start) || !text.includes(end)) {
    console.log('bench/README.md has no scale markers; the table is only in results/scale.json');
    return;
  }
  const table = renderTable(JSON.parse(readFileSync(here('./results/scale.json'), 'utf8')));
  const next = `${text.slice(0, text.indexOf(start) + start.length)}\n${table}\n${text.slice(text.indexOf(end))}`;
  writeFileSync(readme, await prettyMarkdown(next, readme));
  console.log('\nupdated bench/README.md');
}

/** The README as the repository's Prettier writes it (the table aligned), when Prettier is there. */
async function prettyMarkdown(text, filepath) {
  try {
    const prettier = await import(here('../node_modules/prettier/index.mjs'));
    const options = (await prettier.resolveConfig(filepath)) ?? {};
    return await prettier.format(text, { ...options, filepath });
  } catch {
    return text;
  }
}

export function renderTable(data) {
  const { machine: m } = data;
  const lines = [
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGB} GB, Node ${m.node}, ${m.platform}; run of ${data.started.slice(0, 16).replace('T', ' ')} UTC, median of ${data.params.repeat} (a run over a minute is not repeated). Load is the 1-minute load average when the median run started: above about ${m.cores - 1}, other work shared the cores and wall times are longer than on a quiet machine (CPU time is less affected).`,
    '',
    '| pages (MB of HTML) | tool | wall s | CPU s | peak RSS MB | × linkworthy wall | runs | load |',
    '| ------------------ | ---- | -----: | ----: | ----------: | ----------------: | ---: | ---: |',
  ];
  const names = {
    linkworthy: `linkworthy, ${data.params.rules === 'all' ? 'every rule' : 'recommended rules'}`,
    'linkworthy-heap': 'linkworthy, V8 heap limit raised',
    floor: 'floor: htmlparser2 tokenizer only',
    cache: 'linkworthy, cache, 1 page edited',
    linkinator: 'linkinator 8 --check-fragments',
    hyperlink: 'hyperlink 5 --internal',
    remark: 'remark-validate-links 13 (Markdown twin)',
  };
  for (const size of data.sizes) {
    const base = size.tools.find((tool) => /^linkworthy/.test(tool.name) && tool.median)?.median
      ?.wall;
    size.tools.forEach((tool, index) => {
      const first =
        index === 0
          ? `${size.pages.toLocaleString('en')} (${Math.round(size.bytes / 1e6).toLocaleString('en')})`
          : '';
      if (tool.timedOutAfter) {
        const ratio = base ? ` > ${(tool.timedOutAfter / base).toFixed(0)}` : '';
        lines.push(
          `| ${first} | ${names[tool.name]} | > ${tool.timedOutAfter} (stopped) | | |${ratio} | 1 | ${tool.load.toFixed(1)} |`,
        );
        return;
      }
      if (tool.skipped) {
        const rss = tool.rssMB ? String(Math.round(tool.rssMB)) : '';
        const load = tool.load === undefined ? '' : tool.load.toFixed(1);
        lines.push(`| ${first} | ${names[tool.name]} | ${tool.skipped} | | ${rss} | | | ${load} |`);
        return;
      }
      const t = tool.median;
      lines.push(
        `| ${first} | ${names[tool.name]} | ${t.wall.toFixed(1)} | ${t.cpu.toFixed(1)} | ${Math.round(t.rssMB)} | ${base ? (t.wall / base).toFixed(2) : ''} | ${tool.runs.length} | ${t.load.toFixed(1)} |`,
      );
    });
  }
  return lines.join('\n');
}

// --- the floor ----------------------------------------------------------------------------------

async function floor(dir, threadCount) {
  const files = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.html?$/i.test(entry.name)) files.push(path);
    }
  };
  walk(dir);
  files.sort();
  if (threadCount <= 0) {
    await tokenize(files);
    return;
  }
  const { Worker } = await import('node:worker_threads');
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { readFileSync } = require('node:fs');
    const { Parser } = require(workerData.htmlparser2);
    const noop = () => {};
    for (const file of workerData.files) {
      const parser = new Parser({ onopentag: noop, ontext: noop, onclosetag: noop, onattribute: noop, oncomment: noop }, { decodeEntities: true });
      parser.end(readFileSync(file, 'utf8'));
    }
    parentPort.postMessage('done');`;
  const htmlparser2 = fileURLToPath(import.meta.resolve('htmlparser2')).replace(
    /esm\/index\.js$/,
    'commonjs/index.js',
  );
  await Promise.all(
    Array.from({ length: threadCount }, (_, index) => {
      const share = files.filter((_, k) => k % threadCount === index);
      const worker = new Worker(source, { eval: true, workerData: { files: share, htmlparser2 } });
      return new Promise((resolve, reject) => {
        worker.on('message', resolve);
        worker.on('error', reject);
      });
    }),
  );
}

async function tokenizeImport() {
  return import('htmlparser2');
}

function tokenize(files) {
  return tokenizeImport().then(({ Parser }) => {
    const noop = () => {};
    for (const file of files) {
      const parser = new Parser(
        { onopentag: noop, ontext: noop, onclosetag: noop, onattribute: noop, oncomment: noop },
        { decodeEntities: true },
      );
      parser.end(readFileSync(file, 'utf8'));
    }
  });
}
