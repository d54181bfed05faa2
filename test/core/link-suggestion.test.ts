import {
  emptyPage,
  extractHtml,
  lint,
  Site,
  type PageFacts,
  type TermFact,
} from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';
import { describe, expect, it } from 'vitest';
import {
  suggestLinks,
  type LinkSuggestionStats,
} from '../../packages/core/src/rules/link-suggestion.js';
import { tempSite } from '../support/temp-site.js';

describe('page terms', () => {
  it('HTML: counts the main content only, without code or link text; positions prose', () => {
    const page = extractHtml(
      [
        '<nav>Grinder grinder grinder</nav>',
        '<main><h1>Burr grinders</h1>',
        '<p>Choose a <a href="/x/">conical burr</a> grinder and a scale &amp; cups.',
        'The grinder decides the shot.</p>',
        '<pre><code>grinder grinder grinder grinder</code></pre></main>',
        '<footer>grinder</footer>',
      ].join('\n'),
      { file: 'index.html' },
    );
    const terms = new Map(page.terms!.map((term) => [term.term, term]));
    // Heading (1) and prose (2): not the nav, the code, the link text or the footer. Plurals
    // fold to one term, shown as first written.
    expect(terms.get('grinder')).toEqual({
      term: 'grinder',
      word: 'grinders',
      count: 3,
      position: { line: 3, column: 44 },
      // Words around it in the same run of text (a tag or an entity ends the run).
      phrase: 'grinder and a',
    });
    // Only in the heading and the link: counted once, and no place to put a link on.
    expect(terms.get('burr')).toEqual({ term: 'burr', count: 1 });
    expect(terms.has('conical')).toBe(false);
    expect(terms.get('shot')?.position).toEqual({ line: 4, column: 25 });
  });

  it('HTML without <main>: the content regions count', () => {
    const page = extractHtml('<nav>Menu</nav><p>Espresso espresso ristretto</p>', {
      file: 'a.html',
    });
    expect(page.terms!.map((term) => `${term.term}:${term.count}`)).toEqual([
      'espresso:2',
      'ristretto:1',
    ]);
  });

  it('Markdown: prose positions across lines; headings, links and code give no anchor', () => {
    const page = extractMarkdown(
      [
        '# Espresso machines',
        '',
        'Pick a machine with a stable boiler.',
        'Steam wands and boilers matter [for milk drinks](./milk.md).',
        '',
        '```sh',
        'boiler boiler boiler',
        '```',
      ].join('\n'),
      { file: 'docs/machines.md' },
    );
    const terms = new Map(page.terms!.map((term) => [term.term, term]));
    expect(terms.get('boiler')).toEqual({
      term: 'boiler',
      count: 2,
      position: { line: 3, column: 30 },
      // The rule trims the phrase at punctuation.
      phrase: 'a stable boiler. Steam wands',
    });
    expect(terms.get('steam')?.position).toEqual({ line: 4, column: 1 });
    expect(terms.get('machine')).toMatchObject({ count: 2, position: { line: 3, column: 8 } });
    expect(terms.has('milk')).toBe(false);
    expect(terms.get('espresso')).toEqual({ term: 'espresso', count: 1 });
  });

  it('are skipped when asked (and by lint() unless a rule reads them)', async () => {
    expect(extractHtml('<p>Espresso</p>', { file: 'a.html', terms: false }).terms).toBeUndefined();
    expect(extractMarkdown('Espresso', { file: 'a.md', terms: false }).terms).toBeUndefined();

    const root = tempSite({ 'index.html': '<p>Espresso espresso</p>' });
    const seen: (TermFact[] | undefined)[] = [];
    const onSite = (site: Site) => seen.push(site.pages[0]!.terms);
    await lint({ root, outDir: '', configFile: false, threads: 0, onSite });
    await lint({
      root,
      outDir: '',
      configFile: false,
      threads: 0,
      onSite,
      config: { rules: { 'link-suggestion': 'warn' } },
    });
    expect(seen[0]).toBeUndefined();
    expect(seen[1]).toEqual([
      { term: 'espresso', count: 2, position: { line: 1, column: 4 }, phrase: 'Espresso espresso' },
    ]);
  });
});

/** A deterministic pseudo-random generator (LCG), so the generated site is the same every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * `count` pages in topic clusters of 20: each page has 8 terms of its cluster's 30, 9 from a
 * 3,000-word shared vocabulary and 3 words every page has.
 */
function generatedSite(count: number): Site {
  const next = random(42);
  const pages: PageFacts[] = [];
  for (let index = 0; index < count; index++) {
    const cluster = Math.floor(index / 20);
    const words = new Set<string>();
    while (words.size < 8) words.add(`topic${cluster}x${Math.floor(next() * 30)}`);
    while (words.size < 17) words.add(`word${Math.floor(next() * 3000)}`);
    for (const common of ['docs', 'guide', 'page']) words.add(common);
    const page = emptyPage(`p${index}/index.html`, 'html');
    page.url = `/p${index}/`;
    page.wordCount = 300;
    page.headings.push({ depth: 1, text: `Topic ${cluster} page ${index}` });
    page.terms = [...words].map((term, position) => ({
      term,
      count: position < 8 ? 3 : 1,
      position: { line: position + 2, column: 1 },
      phrase: term,
    }));
    pages.push(page);
  }
  return new Site(pages);
}

describe('link-suggestion at scale', () => {
  it('does work linear in the number of pages, far below n²', () => {
    const work = (count: number) => {
      const stats: LinkSuggestionStats = { postings: 0, comparisons: 0 };
      const suggestions = suggestLinks(
        generatedSite(count),
        { max: 3, minScore: 0.25, ignore: [] },
        stats,
      );
      return { stats, suggestions, count };
    };
    const small = work(1000);
    const large = work(2000);

    const n = large.count;
    expect(large.stats.comparisons).toBeGreaterThan(0);
    // At most 150 candidates scored and 8 × 100 postings read per page…
    expect(large.stats.comparisons).toBeLessThanOrEqual(150 * n);
    expect(large.stats.postings).toBeLessThanOrEqual(8 * 100 * n);
    // …which is a small fraction of the n² pairs a naive comparison would score.
    expect(large.stats.comparisons).toBeLessThan((n * n) / 50);
    // Twice the pages, about twice the work (not four times).
    expect(large.stats.comparisons / small.stats.comparisons).toBeLessThan(2.5);

    // And the suggestions are the related pages: the same topic cluster.
    expect(large.suggestions.length).toBeGreaterThan(n);
    const sameCluster = large.suggestions.filter(
      (suggestion) =>
        suggestion.page.headings[0]!.text.split(' ')[1] ===
        suggestion.target.headings[0]!.text.split(' ')[1],
    );
    expect(sameCluster.length / large.suggestions.length).toBeGreaterThan(0.95);
    const perPage = new Map<PageFacts, number>();
    for (const suggestion of large.suggestions) {
      perPage.set(suggestion.page, (perPage.get(suggestion.page) ?? 0) + 1);
    }
    expect(Math.max(...perPage.values())).toBeLessThanOrEqual(3);
  });

  it('stays bounded when every page shares the same terms', () => {
    const pages = Array.from({ length: 2000 }, (_, index) => {
      const page = emptyPage(`p${index}.html`, 'html');
      page.url = `/p${index}.html`;
      page.wordCount = 300;
      // Terms on 150 pages each: too common to find candidates by.
      page.terms = Array.from({ length: 20 }, (_, term) => ({
        term: `t${term}x${index % 13}`,
        count: 2,
      }));
      return page;
    });
    const stats: LinkSuggestionStats = { postings: 0, comparisons: 0 };
    suggestLinks(new Site(pages), { max: 3, minScore: 0, ignore: [] }, stats);
    expect(stats.postings).toBe(0);
    expect(stats.comparisons).toBe(0);
  });
});
