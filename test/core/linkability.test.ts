import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractHtml, lint, scorePage, type Linkability } from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';
import { corpus } from '../support/corpora.js';
import { tempSite } from '../support/temp-site.js';

const NOW = Date.parse('2025-06-01T00:00:00Z');

/** A plain guide of a few hundred words: every section short, one internal link, no figures. */
function guide(change: Partial<Record<'frontmatter' | 'summary' | 'link' | 'table', string>> = {}) {
  const filler = (seed: string) =>
    Array.from(
      { length: 8 },
      (_, index) => `${seed} sentence ${index} explains one more detail of the setup.`,
    ).join(' ');
  return [
    '---',
    'title: Setting up a static site build',
    'linkability: guide',
    ...(change.frontmatter ? [change.frontmatter] : []),
    '---',
    '',
    '# Setting up a static site build',
    '',
    filler('This'),
    '',
    `## ${change.summary ?? 'Background'}`,
    '',
    filler('That'),
    '',
    `Read the [setup notes](/setup/) and ${change.link ?? 'the health statistics page'} for context.`,
    '',
    '## Details',
    '',
    filler('Another'),
    ...(change.table ? ['', change.table] : []),
    '',
  ].join('\n');
}

function score(source: string): Linkability {
  return scorePage(extractMarkdown(source, { file: 'guide.md' }), { now: NOW });
}

function pointsById(result: Linkability): Map<string, number | null> {
  return new Map(result.signals.map((signal) => [signal.id, signal.points]));
}

/** Asserts that only `id` changed, by `delta` points, and that the score follows the formula. */
function expectOnlyChange(before: Linkability, after: Linkability, id: string, delta: number) {
  const a = pointsById(before);
  const b = pointsById(after);
  for (const [signal, points] of a) {
    if (signal === id) expect(b.get(signal)! - points!).toBeCloseTo(delta, 5);
    else expect(b.get(signal), signal).toBe(points);
  }
  const possible = after.signals.reduce(
    (sum, signal) => sum + (signal.points === null ? 0 : signal.max),
    0,
  );
  const total = (result: Linkability) =>
    result.signals.reduce((sum, signal) => sum + (signal.points ?? 0), 0);
  expect(after.score).toBe(Math.round((total(after) / possible) * 100));
  expect(after.score - before.score).toBeCloseTo((delta / possible) * 100, -0.2);
}

describe('linkability scorecard: metamorphic', () => {
  const base = score(guide());

  it('scores the base page as a guide with every signal explained', () => {
    expect(base.profile).toBe('guide');
    expect(base.profileFrom).toBe('frontmatter');
    expect(base.signals).toHaveLength(16);
    for (const signal of base.signals) {
      expect(signal.fix).not.toBe('');
      expect(signal.target).not.toBe('');
      if (signal.points !== null) expect(signal.points).toBeLessThanOrEqual(signal.max);
    }
    // Biggest gains first, n/a last.
    const gains = base.signals.filter((signal) => signal.points !== null).map((s) => s.gain);
    expect(gains).toEqual([...gains].sort((x, y) => y - x));
  });

  it('a numeric data table adds half of original-data and nothing else', () => {
    const table = ['| Tool | Seconds |', '|---|---|', '| Alpha | 4.1 |', '| Beta | 12 |'].join(
      '\n',
    );
    expectOnlyChange(base, score(guide({ table })), 'original-data', 8);
  });

  it('a link to an authoritative source adds to cites-sources only', () => {
    const after = score(guide({ link: 'the [health statistics page](https://www.nih.gov/stats)' }));
    // One of two cited sites (target 2·√(words/1000), at least 1) and one of two authorities.
    const words = extractMarkdown(guide(), { file: 'guide.md' }).content!.proseWords;
    const target = Math.max(1, 2 * Math.sqrt(Math.max(words, 300) / 1000));
    const value = 0.5 * Math.min(1, 1 / target) + 0.3 * 0.5;
    expectOnlyChange(base, after, 'cites-sources', Math.round(12 * (0.2 + value) * 10) / 10 - 2.4);
  });

  it('a summary section adds to quotable-summary only', () => {
    expectOnlyChange(base, score(guide({ summary: 'Summary' })), 'quotable-summary', 3.6);
  });

  it('an author adds the author-byline points only', () => {
    expectOnlyChange(
      base,
      score(guide({ frontmatter: 'author: Ada Lovelace' })),
      'author-byline',
      5,
    );
  });
});

describe('linkability scorecard: profiles, languages, saturation', () => {
  it('marks signals that do not apply as n/a, outside the denominator', () => {
    const essay = score(guide({ frontmatter: 'type: essay' }).replace('linkability: guide\n', ''));
    expect(essay.profile).toBe('essay');
    const byId = pointsById(essay);
    expect(byId.get('original-data')).toBeNull();
    expect(byId.get('quotable-statistics')).toBeNull();
    expect(essay.signals.at(-1)!.points).toBeNull();
  });

  it('drops language-dependent signals on pages in other languages', () => {
    const french = score(guide({ frontmatter: 'lang: fr' }));
    expect(pointsById(french).get('quotable-summary')).toBeNull();
    expect(pointsById(french).get('descriptive-anchors')).toBeNull();
    expect(pointsById(score(guide())).get('quotable-summary')).not.toBeNull();
  });

  it('saturates: more figures than the target earn no more points', () => {
    const sourced = (count: number) =>
      Array.from(
        { length: count },
        (_, i) => `Builds got ${i + 2}% faster ([source](https://example.org/${i})).`,
      ).join('\n\n');
    const points = (count: number) =>
      pointsById(score(guide({ table: sourced(count) }))).get('quotable-statistics');
    expect(points(8)).toBe(8);
    expect(points(30)).toBe(8);
  });

  it('infers a data study from a numeric table and first-party research', () => {
    const page = extractMarkdown(
      '# Build times\n\nWe measured 40 tools.\n\n| Tool | s |\n|---|---|\n| A | 1 |\n| B | 2 |\n',
      { file: 'study.md' },
    );
    expect(scorePage(page, { now: NOW }).profile).toBe('data-study');
  });

  it('reads author and dates from built HTML metadata', () => {
    const page = extractHtml(
      [
        '<html lang="en"><head><title>Build times of static sites</title>',
        '<meta name="author" content="Ada">',
        '<script type="application/ld+json">{"@type":"BlogPosting","datePublished":"2025-01-02"}</script>',
        '</head><body><main><h1>Build times</h1><p>Text.</p></main></body></html>',
      ].join('\n'),
      { file: 'index.html' },
    );
    expect(page.content).toMatchObject({ author: 'Ada', published: '2025-01-02' });
    expect(pointsById(scorePage(page, { now: NOW })).get('author-byline')).toBe(5);
  });
});

describe('linkability in the JSON report', () => {
  it('gives pages[].linkability with score, band, profile and signals', async () => {
    const root = tempSite({ 'docs/guide.md': guide(), 'docs/empty.md': '' });
    const report = await lint({ root, sources: ['docs'], threads: 0 });
    const page = report.pages.find((entry) => entry.file.endsWith('guide.md'))!;
    expect(page.linkability!.profile).toBe('guide');
    expect(page.linkability!.score).toBe(
      scorePage(extractMarkdown(guide(), { file: 'g.md' })).score,
    );
    expect(page.linkability!.signals).toHaveLength(16);
    expect(
      report.pages.find((entry) => entry.file.endsWith('empty.md'))!.linkability,
    ).toBeUndefined();
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => [value, index] as const).sort((a, b) => a[0] - b[0]);
  const result = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    for (let k = start; k <= end; k++) result[order[k]![1]] = (start + end) / 2;
    start = end + 1;
  }
  return result;
}

function spearman(x: readonly number[], y: readonly number[]): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const mx = mean(rx);
  const my = mean(ry);
  let numerator = 0;
  let dx = 0;
  let dy = 0;
  for (let index = 0; index < rx.length; index++) {
    numerator += (rx[index]! - mx) * (ry[index]! - my);
    dx += (rx[index]! - mx) ** 2;
    dy += (ry[index]! - my) ** 2;
  }
  return numerator / Math.sqrt(dx * dy);
}

const gitDocs = corpus('git-htmldocs');

describe.skipIf(!gitDocs.present)('linkability is not a proxy for length (git-htmldocs)', () => {
  it('|Spearman ρ(score, log words)| ≤ 0.5 over ≥ 100 pages', () => {
    const scores: number[] = [];
    const logWords: number[] = [];
    for (const path of walk(gitDocs.path).filter((file) => file.endsWith('.html'))) {
      const page = extractHtml(readFileSync(path), {
        file: relative(gitDocs.path, path),
        terms: false,
      });
      if (page.wordCount === 0 || page.meta.refresh) continue;
      scores.push(scorePage(page, { now: NOW }).score);
      logWords.push(Math.log(1 + page.content!.proseWords));
    }
    const rho = spearman(scores, logWords);
    console.log(
      `linkability: Spearman ρ(score, log words) = ${rho.toFixed(3)} over ${scores.length} git-htmldocs pages`,
    );
    expect(scores.length).toBeGreaterThanOrEqual(100);
    expect(Math.abs(rho)).toBeLessThanOrEqual(0.5);
  });
});
