import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  extractHtml,
  isScorable,
  lint,
  scorePage,
  SIGNALS,
  type Linkability,
} from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';
import { corpus } from '../support/corpora.js';
import { tempSite } from '../support/temp-site.js';

const NOW = Date.parse('2025-06-01T00:00:00Z');

const filler = (seed: string, sentences = 8) =>
  Array.from(
    { length: sentences },
    (_, index) => `${seed} sentence ${index} explains one more detail of the setup.`,
  ).join(' ');

/**
 * A plain guide of 254 words (under 300, so `depth` earns nothing and every √-scaled target is at
 * its floor: a sentence more changes no other signal): short sections, one internal link, no figures.
 */
function guide(
  change: Partial<
    Record<'frontmatter' | 'title' | 'lead' | 'summary' | 'link' | 'table', string>
  > = {},
) {
  return [
    '---',
    `title: ${change.title ?? 'Setting up a static site build'}`,
    'linkability: guide',
    ...(change.frontmatter ? [change.frontmatter] : []),
    '---',
    '',
    '# Setting up a static site build',
    '',
    ...(change.lead ? [change.lead, ''] : []),
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

/** The same guide as a built page (where metadata signals apply): 254 words, no metadata. */
function htmlGuide(change: { head?: string; ids?: boolean } = {}): Linkability {
  const id = (value: string) => (change.ids ? ` id="${value}"` : '');
  const html = [
    '<!doctype html><html lang="en"><head><title>Setting up a static site build</title>',
    change.head ?? '',
    '</head><body><main><h1>Setting up a static site build</h1>',
    `<p>${filler('This')}</p>`,
    `<h2${id('background')}>Background</h2>`,
    `<p>${filler('That')} Read the <a href="/setup/">setup notes</a> for context.</p>`,
    `<h2${id('details')}>Details</h2>`,
    `<p>${filler('Another')}</p>`,
    '</main></body></html>',
  ].join('\n');
  return scorePage(extractHtml(html, { file: 'guide/index.html' }), { now: NOW });
}

const round1 = (value: number) => Math.round(value * 10) / 10;
/** A √-scaled count target at the 300-word floor (the base pages are shorter). */
const floorTarget = (perThousand: number) => Math.max(1, perThousand * Math.sqrt(0.3));
/** Signals a metamorphic test below has added to a page. */
const covered = new Set<string>();

function pointsById(result: Linkability): Map<string, number | null> {
  return new Map(result.signals.map((signal) => [signal.id, signal.points]));
}

/** Asserts that only `id` changed, by `delta` points, and that the score follows the formula. */
function expectOnlyChange(before: Linkability, after: Linkability, id: string, delta: number) {
  covered.add(id);
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
  // Both scores are rounded to integers: the change is the exact one within 1.
  expect(Math.abs(after.score - before.score - (delta / possible) * 100)).toBeLessThanOrEqual(1);
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
    // One cited site of a target of 2·√(words/1000) (at least 1), and one authority.
    const words = extractMarkdown(guide(), { file: 'guide.md' }).content!.proseWords;
    const target = Math.max(1, 2 * Math.sqrt(Math.max(words, 300) / 1000));
    // Primary sources: 1 per √1,000 words, at least 1 (this page is short).
    const value = 0.5 * Math.min(1, 1 / target) + 0.3 * Math.min(1, 1 / floorTarget(1));
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

  it('a methodology sentence adds its share of original-data only', () => {
    const after = score(guide({ table: 'We measured every step of the build on one machine.' }));
    expectOnlyChange(base, after, 'original-data', 16 * 0.3 * 0.5);
  });

  it('a data download adds its share of original-data only', () => {
    const after = score(guide({ table: 'Download [the raw data](/data/builds.csv).' }));
    expectOnlyChange(base, after, 'original-data', 16 * 0.2);
  });

  it('a sourced figure adds to quotable-statistics only', () => {
    const after = score(
      guide({ table: 'Builds got 35% faster, according to [the benchmark page](/bench/).' }),
    );
    expectOnlyChange(base, after, 'quotable-statistics', round1(8 / floorTarget(3)));
  });

  it('prose up to the target adds to depth only', () => {
    const section = (name: string) => `## ${name}\n\n${filler(name, 16)}`;
    const source = guide({ table: [section('Caching'), section('Deploying')].join('\n\n') });
    const words = extractMarkdown(source, { file: 'guide.md' }).content!.proseWords;
    expect(words).toBeGreaterThan(300);
    expect(words).toBeLessThan(1000);
    expectOnlyChange(base, score(source), 'depth', round1(10 * Math.sqrt(words / 1000)));
  });

  it('an image with a descriptive alt text adds the visual-assets points only', () => {
    const after = score(guide({ table: '![A chart of build times per generator](/chart.png)' }));
    expectOnlyChange(base, after, 'visual-assets', 8);
  });

  it('a date adds the dates points only', () => {
    expectOnlyChange(base, score(guide({ frontmatter: 'date: 2025-01-02' })), 'dates', 4);
  });

  it('a definitional lead and a quote add to quotable-summary only', () => {
    const lead = 'A static site build is the step that turns sources into pages.';
    expectOnlyChange(base, score(guide({ lead })), 'quotable-summary', 6 * 0.3);
    const quote = '> Ship the smallest page that answers the question.';
    expectOnlyChange(base, score(guide({ table: quote })), 'quotable-summary', 6 * 0.1);
  });

  it('a meta description of 120–156 characters adds the meta-description points only', () => {
    const description =
      'How to set up a static site build: sources, collections, caching and deployment, with the defaults that work for most sites.';
    expect(description.length).toBeGreaterThanOrEqual(120);
    expectOnlyChange(
      base,
      score(guide({ frontmatter: `description: '${description}'` })),
      'meta-description',
      3,
    );
  });

  it('a specific title instead of a generic one adds to descriptive-title only', () => {
    // "Notes": one word (0 of 0.4), short (0.3), generic (0 of 0.3).
    expectOnlyChange(score(guide({ title: 'Notes' })), base, 'descriptive-title', 5 - 1.5);
  });

  it('a link text that says where it leads, instead of "here", adds to descriptive-anchors only', () => {
    const vague = score(guide({ table: 'See [here](/stats/).' }));
    const clear = score(guide({ table: 'See [the statistics page](/stats/).' }));
    expectOnlyChange(vague, clear, 'descriptive-anchors', 3 - round1(3 * (1 - 1 / floorTarget(3))));
  });

  it('a subheading that splits an over-long section adds to heading-cadence only', () => {
    const long = (heading: string) =>
      guide({ table: `${filler('Long', 20)}\n\n${heading}${filler('More', 20)}` });
    const before = score(long(''));
    const after = score(long('## Caching\n\n'));
    expect(pointsById(before).get('heading-cadence')).toBeLessThan(5);
    expectOnlyChange(
      before,
      after,
      'heading-cadence',
      5 - pointsById(before).get('heading-cadence')!,
    );
  });

  it('a table of contents on a page of over 1,500 words adds its points only', () => {
    const long = (toc?: string) =>
      guide({
        table: ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight']
          .map((name) => `## Part ${name}\n\n${filler(name, 24)}`)
          .join('\n\n'),
        ...(toc ? { lead: toc } : {}),
      });
    const before = score(long());
    expect(pointsById(before).get('table-of-contents')).toBe(0);
    expectOnlyChange(before, score(long('[[toc]]')), 'table-of-contents', 2);
  });

  it('ids on the subheadings of a built page add the heading-ids points only', () => {
    expectOnlyChange(htmlGuide(), htmlGuide({ ids: true }), 'heading-ids', 3);
  });

  it('a social card adds the social-card points only', () => {
    const head = [
      '<meta property="og:image" content="https://example.org/card.png">',
      '<meta property="og:image:alt" content="A chart of build times per generator">',
      '<meta name="twitter:card" content="summary_large_image">',
    ].join('');
    expectOnlyChange(htmlGuide(), htmlGuide({ head }), 'social-card', 3);
  });

  it('a canonical URL or JSON-LD Article adds its share of citation-metadata only', () => {
    // The base page has 1 of the 9 fields (its title).
    const delta = round1((7 * 2) / 9) - round1(7 / 9);
    const canonical = '<link rel="canonical" href="https://example.org/guide/">';
    expectOnlyChange(htmlGuide(), htmlGuide({ head: canonical }), 'citation-metadata', delta);
    const jsonLd = '<script type="application/ld+json">{"@type":"TechArticle"}</script>';
    expectOnlyChange(htmlGuide(), htmlGuide({ head: jsonLd }), 'citation-metadata', delta);
  });

  it('covers every signal of the scorecard', () => {
    expect([...covered].sort()).toEqual(SIGNALS.map((signal) => signal.id).sort());
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

  it('counts an anchor inside a heading (DocBook) as the heading id', () => {
    const page = extractHtml(
      [
        '<html lang="en"><head><title>Git user manual</title></head><body><main>',
        '<h1>Git user manual</h1><p>Text.</p>',
        '<h2 class="title"><a name="how-to-get-a-git-repository"></a>How to get a Git repository</h2>',
        '<p>Text.</p></main></body></html>',
      ].join('\n'),
      { file: 'user-manual.html' },
    );
    expect(page.headings[1]!.id).toBe('how-to-get-a-git-repository');
    expect(pointsById(scorePage(page, { now: NOW })).get('heading-ids')).toBe(3);
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

/**
 * Corpora where the score is not a proxy for length (see `node bench/linkability-corpus.mjs` for
 * every corpus, with each signal's ρ). Not here, because |ρ| is over 0.5 there: the English tauri
 * and Starlight docs, where `depth` is almost the only signal that varies between guides.
 */
const LENGTH_CORPORA = [
  { name: 'git-htmldocs', dir: 'git-htmldocs', html: true },
  { name: 'astro-docs', dir: 'astro-docs/src/content/docs/en', html: false },
];

for (const set of LENGTH_CORPORA) {
  const root = corpus(set.dir);
  describe.skipIf(!root.present)(`linkability is not a proxy for length (${set.name})`, () => {
    // Hundreds of real pages, parsed: give a busy machine time.
    it('|Spearman ρ(score, log words)| ≤ 0.5 over ≥ 100 pages', { timeout: 120_000 }, () => {
      const scores: number[] = [];
      const logWords: number[] = [];
      const pattern = set.html ? /\.html$/ : /\.mdx?$/;
      for (const path of walk(root.path).filter((file) => pattern.test(file))) {
        const file = relative(root.path, path);
        if (/(?:^|\/)404\.\w+$/.test(file)) continue;
        const page = set.html
          ? extractHtml(readFileSync(path), { file, terms: false })
          : extractMarkdown(readFileSync(path, 'utf8'), { file, terms: false });
        if (!isScorable(page)) continue;
        scores.push(scorePage(page, { now: NOW }).score);
        logWords.push(Math.log(1 + page.content!.proseWords));
      }
      const rho = spearman(scores, logWords);
      console.log(
        `linkability: Spearman ρ(score, log words) = ${rho.toFixed(3)} over ${scores.length} ${set.name} pages`,
      );
      expect(scores.length).toBeGreaterThanOrEqual(100);
      expect(Math.abs(rho)).toBeLessThanOrEqual(0.5);
    });
  });
}
