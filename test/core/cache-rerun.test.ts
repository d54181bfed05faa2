import {
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { lint, type LintOptions, type LintReport, type PageFacts } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { FactsCache } from '../../packages/core/src/extract/cache.js';
import { tempSite } from '../support/temp-site.js';

/** An hour ago: old enough for the cache to trust a file's stat (it does not for recent ones). */
const OLD = new Date(Date.now() - 3_600_000);

/** Sets every given file's times in the past, `offset` seconds apart from `OLD`. */
function age(root: string, files: Iterable<string>, offset = 0): void {
  const time = new Date(OLD.getTime() + offset * 1000);
  for (const file of files) utimesSync(join(root, file), time, time);
}

/** A small docs site: pages linking to their neighbours' headings, a nav, one broken link. */
function site(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index++) {
    const next = (index + 1) % count;
    files[`p${index}/index.html`] =
      `<!doctype html><html><head><title>Page ${index} of the guide</title></head><body>` +
      `<nav><a href="/">Home</a> <a href="/p${next}/">Next</a></nav><main>` +
      `<h1 id="top">Page ${index}</h1><h2 id="part-${index}">Part ${index}</h2>` +
      `<p>See <a href="/p${next}/#part-${next}">part ${next} of the guide</a>.</p>` +
      (index === 3 ? '<p><a href="/p1/#nowhere">a missing part</a></p>' : '') +
      '</main></body></html>';
  }
  files['index.html'] =
    '<!doctype html><html><head><title>Home</title></head><body><main><h1>Home</h1>' +
    Array.from({ length: count }, (_, index) => `<a href="/p${index}/">Page ${index}</a>`).join(
      ' ',
    ) +
    '</main></body></html>';
  return files;
}

/** The report without its timing, which is all a cached run may change. */
function comparable(report: LintReport) {
  return { ...report, summary: { ...report.summary, durationMs: 0 } };
}

/** Re-runs with the cache and checks the report against a run without one. */
/** A run over the built site at `root` on this thread, with its facts cache. */
function cachedRun(root: string): LintOptions {
  return { root, outDir: '', configFile: false, threads: 0, cache: '.cache/facts.json' };
}

async function expectSameAsCold(options: LintOptions): Promise<LintReport> {
  const cached = await lint(options);
  const cold = { ...options };
  delete cold.cache;
  expect(comparable(cached)).toEqual(comparable(await lint(cold)));
  return cached;
}

describe('re-runs with the facts cache', () => {
  it('give the report of a cold run after edits that change other pages’ findings', async () => {
    const files = site(12);
    const root = tempSite(files);
    age(root, Object.keys(files));
    const options = cachedRun(root);
    const first = await expectSameAsCold(options);
    expect(first.findings.map((finding) => finding.ruleId)).toContain('broken-fragment');
    // Unchanged files: the same report again, and nothing written.
    const written = statSync(join(root, '.cache/facts.json')).mtimeMs;
    await expectSameAsCold(options);
    expect(statSync(join(root, '.cache/facts.json')).mtimeMs).toBe(written);

    // A broken link added to one page.
    const p5 = join(root, 'p5/index.html');
    writeFileSync(
      p5,
      files['p5/index.html']!.replace('</main>', '<a href="/gone/">gone</a></main>'),
    );
    const added = await expectSameAsCold(options);
    expect(added.findings.some((finding) => finding.target === '/gone/')).toBe(true);

    // A page others link to deleted: their links break, though their files did not change.
    rmSync(join(root, 'p7'), { recursive: true });
    const deleted = await expectSameAsCold(options);
    expect(deleted.findings.filter((finding) => finding.ruleId === 'broken-link')).not.toEqual(
      added.findings.filter((finding) => finding.ruleId === 'broken-link'),
    );

    // A heading id renamed: the fragment link on the page before it breaks.
    const p9 = join(root, 'p9/index.html');
    writeFileSync(p9, files['p9/index.html']!.replace('id="part-9"', 'id="part-nine"'));
    const renamed = await expectSameAsCold(options);
    expect(
      renamed.findings.some(
        (finding) => finding.ruleId === 'broken-fragment' && finding.file === 'p8/index.html',
      ),
    ).toBe(true);

    // Everything old again (the cache now trusts the stat of every file), then one file edited
    // keeping its size, its times set back to old ones: the changed ctime still gives it away.
    age(root, ['p5/index.html', 'p9/index.html']);
    await expectSameAsCold(options);
    const p2 = join(root, 'p2/index.html');
    const before = readFileSync(p2, 'utf8');
    const after = before.replace('id="part-2"', 'id="part-X"');
    expect(after.length).toBe(before.length);
    writeFileSync(p2, after);
    age(root, ['p2/index.html']);
    const sameSize = await expectSameAsCold(options);
    expect(
      sameSize.findings.some(
        (finding) => finding.ruleId === 'broken-fragment' && finding.file === 'p1/index.html',
      ),
    ).toBe(true);

    // A page restored under another inode (an atomic rename), same size and times.
    const p4 = join(root, 'p4/index.html');
    writeFileSync(`${p4}.new`, files['p4/index.html']!.replace('part-4', 'part-Y'));
    age(root, ['p4/index.html.new']);
    renameSync(`${p4}.new`, p4);
    await expectSameAsCold(options);

    // The deleted page back: the links to it work again.
    mkdirSync(join(root, 'p7'));
    writeFileSync(join(root, 'p7/index.html'), files['p7/index.html']!);
    await expectSameAsCold(options);
  });

  it('keeps facts as extracted, not as the run changed them (infographics adopted from sources)', async () => {
    const source = (infographic: boolean) =>
      [
        '---',
        'title: Tea by the numbers',
        ...(infographic ? ['infographics:', '  - src: /img/tea.svg', '    title: Tea chart'] : []),
        '---',
        '',
        '# Tea by the numbers',
        '',
        '![tea](/img/tea.svg)',
        '',
      ].join('\n');
    const files = {
      'src/content/tea.md': source(true),
      'dist/tea/index.html':
        '<!doctype html><html><head><title>Tea by the numbers</title></head><body><main>' +
        '<h1>Tea by the numbers</h1><p><img src="/img/tea.svg" alt="tea"></p></main></body></html>',
      'dist/img/tea.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 6 9"></svg>',
    };
    const root = tempSite(files);
    age(root, Object.keys(files));
    const options: LintOptions = {
      root,
      outDir: 'dist',
      sources: ['src/content'],
      config: { site: 'https://tea.example' },
      configFile: false,
      threads: 0,
      cache: '.cache/facts.json',
    };
    const first = await expectSameAsCold(options);
    const infographic = (report: LintReport) =>
      report.findings.filter((finding) => finding.ruleId.startsWith('infographic-'));
    expect(infographic(first)).not.toEqual([]);
    // The source no longer declares the infographic; the built page is unchanged.
    writeFileSync(join(root, 'src/content/tea.md'), source(false));
    const after = await expectSameAsCold(options);
    expect(infographic(after)).toEqual([]);
  });

  it('trusts an old file’s stat, and reads a file again once its stat changes', () => {
    const root = tempSite({ 'a.html': '<h1>A</h1>', 'b.html': '<h1>B</h1>' });
    age(root, ['a.html']);
    const path = join(root, 'facts.json');
    const job = (file: string) => ({ path: join(root, file), file, terms: false });
    const facts = (title: string) => ({ title }) as unknown as PageFacts;
    const now = Date.now();
    const cache = FactsCache.open(path);
    for (const file of ['a.html', 'b.html']) {
      expect(cache.fresh(`html:${file}`, job(file), now)).toBeUndefined();
      cache.resolve(`html:${file}`, { file, hash: file, unchanged: false, facts: facts(file) });
    }
    cache.save(['html:a.html', 'html:b.html']);

    const again = FactsCache.open(path);
    // `a.html` is old: its facts come without reading it; `b.html` was written just now, and a
    // write within the same timestamp tick could keep its stat, so it is hashed instead.
    expect(again.fresh('html:a.html', job('a.html'), now)).toEqual(facts('a.html'));
    expect(again.fresh('html:b.html', job('b.html'), now)).toBeUndefined();
    expect(again.hashOf('html:b.html')).toBe('b.html');
    // The settings facts depend on are part of the stamp.
    expect(again.fresh('html:a.html', { ...job('a.html'), terms: true }, now)).toBeUndefined();
    // Once `b.html` is old, its unchanged content gets it a stat the next run trusts.
    age(root, ['b.html']);
    expect(again.fresh('html:b.html', job('b.html'), now)).toBeUndefined();
    again.resolve('html:b.html', { file: 'b.html', hash: 'b.html', unchanged: true });
    again.save(['html:a.html', 'html:b.html']);
    expect(FactsCache.open(path).fresh('html:b.html', job('b.html'), now)).toEqual(facts('b.html'));

    writeFileSync(join(root, 'a.html'), '<h1>Z</h1>');
    age(root, ['a.html'], 5);
    expect(again.fresh('html:a.html', job('a.html'), now)).toBeUndefined();
  });

  it('survives a cache file cut short, and compacts once a file is gone', async () => {
    const files = site(6);
    const root = tempSite(files);
    age(root, Object.keys(files));
    const cacheFile = join(root, '.cache/facts.json');
    const options = cachedRun(root);
    await expectSameAsCold(options);
    const text = readFileSync(cacheFile, 'utf8');
    // A run killed while appending: the last line is cut.
    writeFileSync(cacheFile, text.slice(0, text.length - 200));
    await expectSameAsCold(options);
    writeFileSync(
      join(root, 'p1/index.html'),
      files['p1/index.html']!.replace('Part 1', 'Part one'),
    );
    await expectSameAsCold(options);
    const lines = readFileSync(cacheFile, 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(8);
    rmSync(join(root, 'p2'), { recursive: true });
    await expectSameAsCold(options);
    // Header and one line per page (6 pages and the home page, one gone).
    expect(readFileSync(cacheFile, 'utf8').trimEnd().split('\n')).toHaveLength(7);
    await expectSameAsCold(options);
  });
});
