#!/usr/bin/env node
// The HTML report of a large site in headless Chromium: its size, the time until it is loaded
// and interactive (tables rendered), and the time a filter change takes to re-render.
//
//   node bench/report.mjs [--pages 10000] [--runs 3]
//
// Needs a build (`tsc -b packages/core`), playwright-core and /usr/bin/chromium.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { format, lint, reportLinks } from '@linkworthy/core';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';
import { generateTwin } from './twin.mjs';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
  },
});
const pages = Number(values.pages);
const runs = Number(values.runs);
// A folder of its own: other bench scripts may clear bench/.work while this one runs.
const work = `${mkdtempSync(join(tmpdir(), 'linkworthy-report-bench-'))}/`;
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

generateTwin({ pages, seed: 3, out: `${work}twin` });
let links = [];
const lintStarted = performance.now();
const report = await lint({
  root: `${work}twin/html`,
  outDir: '',
  onSite: (site) => {
    links = reportLinks(site);
  },
});
const lintMs = performance.now() - lintStarted;
const formatStarted = performance.now();
const html = format(report, 'html', { links });
const formatMs = performance.now() - formatStarted;
const file = `${work}report.html`;
writeFileSync(file, html);
const bytes = statSync(file).size;

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const browser = await chromium.launch(chromiumLaunchOptions);
const loads = [];
const interactives = [];
const filters = [];
try {
  // One warm-up, then `runs` measured loads, each in a fresh page.
  for (let run = 0; run <= runs; run++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const started = performance.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const loaded = performance.now() - started;
    // Interactive: the script has rendered the tables and marked the body ready.
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('#f-body tr');
    await page.waitForSelector('#p-body tr');
    const interactive = performance.now() - started;

    // A filter change: pick the most common rule, wait until the count shows it.
    const counts = new Map();
    for (const finding of report.findings)
      counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
    const [rule, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
    const filterStarted = performance.now();
    await page.selectOption('#f-rule', rule);
    // A string, as in the browser test: the page's own `document`.
    await page.waitForFunction(
      `document.querySelector('#f-count')?.textContent?.includes(${JSON.stringify(`of ${count} findings`)})`,
    );
    const filtered = performance.now() - filterStarted;
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    await page.close();
    if (run === 0) continue;
    loads.push(loaded);
    interactives.push(interactive);
    filters.push(filtered);
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}

const ms = (value) => `${Math.round(value)} ms`;
console.log(
  JSON.stringify(
    {
      pages: report.summary.pages,
      links: report.summary.links,
      findings: report.findings.length,
      cores: availableParallelism(),
      node: process.version,
      lint: ms(lintMs),
      format: ms(formatMs),
      bytes,
      megabytes: (bytes / 1024 / 1024).toFixed(1),
      load: ms(median(loads)),
      interactive: ms(median(interactives)),
      filter: ms(median(filters)),
      runs: { loads: loads.map(ms), interactives: interactives.map(ms), filters: filters.map(ms) },
    },
    null,
    2,
  ),
);
