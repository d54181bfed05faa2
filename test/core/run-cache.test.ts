import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CacheUse,
  format,
  formatJson,
  GRAPH_READS,
  graphStats,
  jsonReportBytes,
  lint,
  type LintOptions,
  type LintReport,
  rules,
  Site,
} from '@linkworthy/core';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSite, mulberry32 } from '../../bench/generate.mjs';
import { FactsCache } from '../../packages/core/src/extract/cache.js';
import { recordingPages, undeclared } from '../support/fact-reads.js';

const out = mkdtempSync(join(tmpdir(), 'linkworthy-run-cache-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

/** An hour ago, in seconds: old enough for the facts cache to trust a file's stat. */
const OLD = Date.now() / 1000 - 3600;

function age(root: string, files: Iterable<string>, offset = 0): void {
  for (const file of files) utimesSync(join(root, file), OLD + offset, OLD + offset);
}

function htmlFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .sort();
}

/** A generated site of realistic pages (planted broken links and fragments), all of it old. */
function makeSite(name: string): string {
  const { out: root } = generateSite({
    pages: 60,
    linksPerPage: 20,
    seed: 11,
    weight: 'realistic',
    out: join(out, name),
  });
  age(root, readdirSync(root, { recursive: true, encoding: 'utf8' }));
  return root;
}

const ALL_RULES = Object.fromEntries([...rules.keys()].map((id) => [id, 'info' as const]));

/** The report's JSON as the CLI writes it, timing aside (all a kept analysis may change). */
function json(report: LintReport): string {
  const text = formatJson({ ...report, summary: { ...report.summary, durationMs: 0 } });
  // The prepared scorecards' text (what `-o report.json` joins in) is the same text.
  const bytes = Buffer.concat([
    ...jsonReportBytes({ ...report, summary: { ...report.summary, durationMs: 0 } }),
  ]);
  expect(bytes.toString()).toBe(text);
  return text;
}

/** A run with the cache, checked against a run without it; what the cached run made of it. */
async function expectSameAsFull(options: LintOptions): Promise<CacheUse> {
  let use: CacheUse | undefined;
  const cached = await lint({
    ...options,
    onCacheUse: (given) => {
      use = given;
    },
  });
  const withoutCache = { ...options };
  delete withoutCache.cache;
  const full = await lint(withoutCache);
  expect(json(cached)).toBe(json(full));
  // The other formats read the kept scorecards' fields (parsed from their text on demand).
  const timeless = (report: LintReport) => ({
    ...report,
    summary: { ...report.summary, durationMs: 0 },
  });
  for (const name of ['stylish', 'sarif', 'junit'] as const) {
    expect(format(timeless(cached), name, { color: false }), name).toBe(
      format(timeless(full), name, { color: false }),
    );
  }
  expect(use).toBeDefined();
  return use!;
}

/** Edits a page could get, and whether the rest of the analysis can be kept after each. */
const EDITS: { name: string; keptWithDefaults: boolean; edit: (html: string) => string }[] = [
  {
    name: 'a sentence added',
    keptWithDefaults: true,
    edit: (html) => html.replace('</main>', '<p>One more sentence about the results.</p></main>'),
  },
  {
    name: 'a statistic added',
    keptWithDefaults: true,
    edit: (html) => html.replace('</main>', '<p>Sales grew by 45% in 2024.</p></main>'),
  },
  {
    name: 'an image without its alt text',
    keptWithDefaults: true,
    edit: (html) => html.replace(/ alt="[^"]*"/, ''),
  },
  {
    name: 'touched, content unchanged',
    keptWithDefaults: true,
    edit: (html) => html,
  },
  {
    name: 'a line added before the links (they move)',
    keptWithDefaults: true,
    edit: (html) => html.replace(/<main[^>]*>/, '$&\n<p>A new first line.</p>\n'),
  },
  {
    name: 'blank lines added at the top (the whole page moves)',
    keptWithDefaults: true,
    edit: (html) => html.replace('<head>', '\n\n\n<head>'),
  },
  {
    name: 'a broken link added',
    keptWithDefaults: false,
    edit: (html) => html.replace('</main>', '<a href="/nowhere/">nowhere</a></main>'),
  },
  {
    name: 'a heading id renamed',
    keptWithDefaults: false,
    edit: (html) => html.replace(/ id="([^"]+)"/, ' id="$1-renamed"'),
  },
  {
    name: 'the title changed',
    keptWithDefaults: false,
    edit: (html) => html.replace(/<title>[^<]*<\/title>/, '<title>Another title</title>'),
  },
  {
    name: 'marked noindex',
    keptWithDefaults: false,
    edit: (html) => html.replace('<head>', '<head><meta name="robots" content="noindex">'),
  },
];

describe('a run with the cache after pages changed (the last run’s analysis, RunCache)', () => {
  it('gives the report of a full run after every kind of edit, and keeps the rest when it can', async () => {
    const root = makeSite('edits');
    const options: LintOptions = {
      root,
      outDir: '',
      configFile: false,
      threads: 0,
      cache: join(out, 'edits-cache/facts.json'),
    };
    expect(await expectSameAsFull(options)).toMatchObject({ analysis: 'full' });
    // Nothing changed: everything kept.
    expect(await expectSameAsFull(options)).toEqual({ analysis: 'kept', changed: 0 });
    const pages = htmlFiles(root);
    // Pages with findings of site-wide rules first: when their lines move, those findings move.
    const uncached = { ...options };
    delete uncached.cache;
    const count = new Map<string, number>();
    for (const { file, ruleId } of (await lint(uncached)).findings) {
      if (file && ruleId.startsWith('broken-')) count.set(file, (count.get(file) ?? 0) + 1);
    }
    const edited = [...pages].sort((a, b) => (count.get(b) ?? 0) - (count.get(a) ?? 0));
    expect(count.get(edited[0]!)).toBeGreaterThan(1);
    for (const [index, { name, keptWithDefaults, edit }] of EDITS.entries()) {
      const file = edited[index]!;
      writeFileSync(join(root, file), edit(readFileSync(join(root, file), 'utf8')));
      age(root, [file], index + 1);
      const use = await expectSameAsFull(options);
      expect(use.analysis, `${name}: ${use.reason ?? ''}`).toBe(keptWithDefaults ? 'kept' : 'full');
      expect(use.changed, name).toBe(1);
    }
    // Runs that kept the analysis left the facts cache whole (they append to it, unread).
    const facts = FactsCache.open(options.cache!);
    for (const file of pages) expect(facts.hashOf(`html:${join(root, file)}`), file).toBeDefined();
  });

  it('gives the report of a full run through random edits, with every rule on', async () => {
    const root = makeSite('random');
    const options: LintOptions = {
      root,
      outDir: '',
      configFile: false,
      config: { rules: ALL_RULES, site: 'https://docs.example.test' },
      threads: 0,
      cache: join(out, 'random-cache/facts.json'),
    };
    await expectSameAsFull(options);
    const pages = htmlFiles(root);
    const next = mulberry32(5);
    const uses: CacheUse['analysis'][] = [];
    for (let step = 0; step < 14; step++) {
      const edited = new Set<string>();
      // One page most of the time, sometimes several.
      for (let count = next() < 0.7 ? 1 : 3; count > 0; count--) {
        const file = pages[Math.floor(next() * pages.length)]!;
        const { edit } = EDITS[Math.floor(next() * EDITS.length)]!;
        writeFileSync(join(root, file), edit(readFileSync(join(root, file), 'utf8')));
        edited.add(file);
      }
      age(root, edited, step + 1);
      uses.push((await expectSameAsFull(options)).analysis);
    }
    // Both ways were taken: the comparisons above covered kept analyses, not only full ones.
    expect(uses).toContain('kept');
    expect(uses).toContain('full');
  });

  it('runs in full when files come or go, non-page files or settings change, or the cache is cut short', async () => {
    const root = makeSite('inputs');
    writeFileSync(join(root, 'robots.txt'), 'User-agent: *\nAllow: /\n');
    age(root, ['robots.txt']);
    const cache = join(out, 'inputs-cache/facts.json');
    const options: LintOptions = {
      root,
      outDir: '',
      configFile: false,
      config: { site: 'https://docs.example.test' },
      threads: 0,
      cache,
    };
    await expectSameAsFull(options);
    expect(await expectSameAsFull(options)).toMatchObject({ analysis: 'kept' });

    writeFileSync(join(root, 'new-page.html'), '<title>New</title><main><h1>New</h1></main>');
    age(root, ['new-page.html']);
    expect(await expectSameAsFull(options)).toMatchObject({
      analysis: 'full',
      reason: 'files were added or removed',
    });

    writeFileSync(join(root, 'robots.txt'), 'User-agent: *\nDisallow: /s00/\n');
    age(root, ['robots.txt'], 1);
    expect(await expectSameAsFull(options)).toMatchObject({ analysis: 'full' });

    const stricter: LintOptions = {
      ...options,
      config: { ...options.config, rules: { 'orphan-page': 'error' } },
    };
    expect(await expectSameAsFull(stricter)).toMatchObject({
      analysis: 'full',
      reason: 'the settings, rules, baseline or linkworthy itself changed',
    });
    expect(await expectSameAsFull(stricter)).toMatchObject({ analysis: 'kept' });

    truncateSync(`${cache}.run`, 1000);
    expect(await expectSameAsFull(stricter)).toMatchObject({
      analysis: 'full',
      reason: 'no analysis of an earlier run is cached',
    });
    expect(await expectSameAsFull(stricter)).toMatchObject({ analysis: 'kept' });
  });

  it('keeps pages[]’ link figures only while what the graph reads is unchanged (GRAPH_READS)', async () => {
    const root = makeSite('graph');
    let site: Site | undefined;
    await lint({
      root,
      outDir: '',
      configFile: false,
      threads: 0,
      onSite: (given) => (site = given),
    });
    const recorded = recordingPages(site!.pages.map((page) => ({ ...page })));
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' });
    graphStats(new Site(recorded.pages, { files, site: 'https://docs.example.test' }));
    expect(recorded.read.size).toBeGreaterThan(3);
    expect(undeclared(recorded.read, GRAPH_READS)).toEqual([]);
  });
});
