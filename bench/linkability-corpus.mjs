#!/usr/bin/env node
// Is the linkability score a proxy for length? For each real corpus in ../shared/corpora (skipped
// when absent): pages scored, Spearman ρ(score, log prose words) and each signal's ρ with log
// words (over the pages where the signal applies), with its mean share of its points.
// `node bench/linkability-corpus.mjs [corpus…]`. Needs `tsc -b packages/core`.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractHtml, isScorable, scorePage, SIGNALS } from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';

const CORPORA = fileURLToPath(new URL('../../shared/corpora/', import.meta.url));
const NOW = Date.parse('2025-06-01T00:00:00Z');
/** Locale folders of the Starlight sites: their pages are translations, not English posts. */
const LOCALE = /^(?:_?[a-z]{2}(?:-[a-z]{2,4})?)$/;

/** The corpora: where their pages are, and which files are English pages. */
const SETS = [
  { name: 'git-htmldocs', dir: 'git-htmldocs', html: true },
  { name: 'mkdocs-built', dir: 'mkdocs-built', html: true },
  { name: 'glfw-site (Doxygen)', dir: 'glfw-site/docs', html: true },
  { name: 'astro-docs (en)', dir: 'astro-docs/src/content/docs/en', html: false },
  { name: 'starlight-docs (en)', dir: 'starlight-docs/docs/src/content/docs', html: false },
  { name: 'tauri-docs (en)', dir: 'tauri-docs/src/content/docs', html: false },
];

function walk(dir, root, markdown) {
  const files = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      // Translations live in locale folders beside the English root (Starlight).
      if (markdown && dir === root && LOCALE.test(name) && name !== 'en') continue;
      if (name.startsWith('_') || name === 'node_modules') continue;
      files.push(...walk(path, root, markdown));
    } else if (markdown ? /\.mdx?$/.test(name) : /\.html?$/.test(name)) files.push(path);
  }
  return files;
}

function ranks(values) {
  const order = values.map((value, index) => [value, index]).sort((a, b) => a[0] - b[0]);
  const result = new Array(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1][0] === order[start][0]) end++;
    for (let k = start; k <= end; k++) result[order[k][1]] = (start + end) / 2;
    start = end + 1;
  }
  return result;
}

/** Spearman's ρ; NaN when one side is constant. */
export function spearman(x, y) {
  const rx = ranks(x);
  const ry = ranks(y);
  const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const mx = mean(rx);
  const my = mean(ry);
  let numerator = 0;
  let dx = 0;
  let dy = 0;
  for (let index = 0; index < rx.length; index++) {
    numerator += (rx[index] - mx) * (ry[index] - my);
    dx += (rx[index] - mx) ** 2;
    dy += (ry[index] - my) ** 2;
  }
  return numerator / Math.sqrt(dx * dy);
}

/** Scores every English page of one corpus: `{ words, score, signals: Map<id, share|null> }[]`. */
export function scoreCorpus(set) {
  const root = join(CORPORA, set.dir);
  if (!existsSync(root)) return undefined;
  const rows = [];
  for (const path of walk(root, root, !set.html)) {
    const file = relative(root, path);
    if (/(?:^|\/)404\.(?:html?|mdx?)$/.test(file)) continue;
    const page = set.html
      ? extractHtml(readFileSync(path), { file, terms: false })
      : extractMarkdown(readFileSync(path, 'utf8'), { file, terms: false });
    if (!isScorable(page)) continue;
    const result = scorePage(page, { now: NOW });
    rows.push({
      file,
      words: page.content?.proseWords ?? page.wordCount,
      score: result.score,
      profile: result.profile,
      // The score without `depth`, the one signal that measures length by design.
      withoutDepth: withoutSignal(result, 'depth'),
      signals: new Map(
        result.signals.map((signal) => [
          signal.id,
          signal.points === null ? null : signal.points / signal.max,
        ]),
      ),
    });
  }
  return rows;
}

function withoutSignal(result, id) {
  let points = 0;
  let max = 0;
  for (const signal of result.signals) {
    if (signal.id === id || signal.points === null) continue;
    points += signal.points;
    max += signal.max;
  }
  return max === 0 ? 0 : (points / max) * 100;
}

const format = (value) => (Number.isNaN(value) ? '   —  ' : value.toFixed(2).padStart(6));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2);
  for (const set of SETS) {
    if (only.length > 0 && !only.some((name) => set.name.startsWith(name))) continue;
    const rows = scoreCorpus(set);
    if (!rows) {
      console.log(`${set.name}: absent, skipped\n`);
      continue;
    }
    const logWords = rows.map((row) => Math.log(1 + row.words));
    const rho = spearman(
      rows.map((row) => row.score),
      logWords,
    );
    const scores = rows.map((row) => row.score).sort((a, b) => a - b);
    const rhoWithoutDepth = spearman(
      rows.map((row) => row.withoutDepth),
      logWords,
    );
    const words = rows.map((row) => row.words).sort((a, b) => a - b);
    console.log(
      `${set.name}: ${rows.length} pages (median ${words[words.length >> 1] ?? '—'} words), ` +
        `ρ(score, log words) = ${rho.toFixed(3)}, without depth ${rhoWithoutDepth.toFixed(3)}, ` +
        `median score ${scores[scores.length >> 1] ?? '—'}`,
    );
    const profiles = Map.groupBy(rows, (row) => row.profile);
    console.log(
      `  by profile: ${[...profiles]
        .map(([profile, group]) => {
          const groupRho = spearman(
            group.map((row) => row.score),
            group.map((row) => Math.log(1 + row.words)),
          );
          return `${profile} ${group.length} page${group.length === 1 ? '' : 's'}, ρ ${format(groupRho).trim()}`;
        })
        .join('; ')}`,
    );
    console.log('  signal                 applies   mean    ρ');
    for (const { id } of SIGNALS) {
      const applying = rows.filter((row) => row.signals.get(id) !== null);
      const values = applying.map((row) => row.signals.get(id));
      const mean = values.reduce((sum, value) => sum + value, 0) / (values.length || 1);
      const signalRho =
        applying.length < 3
          ? Number.NaN
          : spearman(
              values,
              applying.map((row) => Math.log(1 + row.words)),
            );
      console.log(
        `  ${id.padEnd(22)} ${String(applying.length).padStart(7)} ${format(mean)} ${format(signalRho)}`,
      );
    }
    console.log('');
  }
}
