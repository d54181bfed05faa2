import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { shardOf, type FactsShard, type LintReport } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { generateTwin, ORIGIN } from '../../bench/twin.mjs';
import { runCli } from '../support/cli.js';
import { tempSite } from '../support/temp-site.js';

const repo = tempSite({});
generateTwin({ pages: 120, seed: 5, out: join(repo, 'twin') });
const site = 'twin/html';
// The twin has a sitemap, robots.txt, _redirects and a baseline: every input of the analysis.
const options = ['--site', ORIGIN, '--baseline', 'twin/linkworthy-baseline.json', '--no-config'];

/** The report without what differs between any two runs (time, the root folder). */
function comparable(file: string): Omit<LintReport, 'root'> {
  const report = JSON.parse(readFileSync(join(repo, file), 'utf8')) as Partial<LintReport>;
  delete report.root;
  delete (report.summary as Partial<LintReport['summary']>).durationMs;
  return report as Omit<LintReport, 'root'>;
}

/** A facts file: JSON Lines, the shard's header first, then one page per line. */
function readShard(file: string): FactsShard {
  const bytes = readFileSync(join(repo, file));
  const text = file.endsWith('.gz') ? gunzipSync(bytes) : bytes;
  const [header, ...pages] = text
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
  return { ...(header as FactsShard), pages: pages as FactsShard['pages'] };
}

describe('linkworthy extract --shard / merge', () => {
  it('merging shards 1/3, 2/3 and 3/3 gives the report of a direct run', async () => {
    const direct = await runCli([site, ...options, '-f', 'json', '-o', 'direct.json'], repo);
    expect(direct.code).toBe(1); // the twin's planted broken links are errors
    for (const index of [1, 2, 3]) {
      const extracted = await runCli(
        [
          'extract',
          site,
          '--shard',
          `${index}/3`,
          '--out',
          `facts-${index}.json.gz`,
          ...options.slice(0, 2),
        ],
        repo,
      );
      expect(extracted.code, extracted.stderr).toBe(0);
      expect(extracted.stderr).toMatch(new RegExp(`shard ${index}/3: \\d+ pages of \\d+ files`));
    }
    // Given in any order. Merged from the site folder, so that the baseline's path (relative
    // to the folder the run starts in) is the one of the direct run.
    const merged = await runCli(
      [
        'merge',
        ...['facts-3.json.gz', 'facts-1.json.gz', 'facts-2.json.gz'].map((file) => `../../${file}`),
        ...['--site', ORIGIN, '--baseline', '../linkworthy-baseline.json', '--no-config'],
        ...['-f', 'json', '-o', '../../merged.json'],
      ],
      join(repo, site),
    );
    expect(merged.code, merged.stderr).toBe(1);
    const report = comparable('merged.json');
    expect(report.findings.length).toBeGreaterThan(10);
    expect(report.findings.map((finding) => finding.ruleId)).toEqual(
      expect.arrayContaining([
        'broken-link',
        'sitemap-non-indexable',
        'removed-url',
        'redirected-link',
      ]),
    );
    expect(report).toEqual(comparable('direct.json'));
  });

  it('splits the files into disjoint shards by a stable hash of the path', () => {
    const shards = [1, 2, 3].map((index) => readShard(`facts-${index}.json.gz`));
    const files = shards.flatMap((shard) => shard.files);
    expect(new Set(files).size).toBe(files.length);
    for (const shard of shards) {
      expect(shard.format).toBe('linkworthy-facts');
      expect(shard.files.length).toBeGreaterThan(20);
      for (const file of shard.files) expect(shardOf(file, 3)).toBe(shard.shard.index);
      for (const page of shard.pages) expect(shard.files).toContain(page.file);
    }
    // Non-page files the analysis reads travel in the shard that owns them.
    const contents = Object.assign({}, ...shards.map((shard) => shard.contents)) as Record<
      string,
      string
    >;
    expect(Object.keys(contents).sort()).toEqual(['_redirects', 'robots.txt', 'sitemap.xml']);
    expect(shardOf('index.html', 4)).toBe(shardOf('index.html', 4));
  });

  it('writes plain JSON unless the name ends in .gz', async () => {
    const run = await runCli(
      ['extract', site, '--shard', '1/1', '--out', 'all.json', '--no-config'],
      repo,
    );
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(join(repo, 'all.json'), 'utf8');
    expect(text.startsWith('{"format":"linkworthy-facts"')).toBe(true);
    // JSON Lines: the header, then one line per page.
    expect(text.trimEnd().split('\n')).toHaveLength(1 + readShard('all.json').pages.length);
  });

  it('refuses a merge with a shard missing, and bad arguments', async () => {
    const missing = await runCli(['merge', 'facts-1.json.gz', 'facts-3.json.gz', ...options], repo);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('shard 2/3 is missing; a merge needs all 3.');
    const twice = await runCli(
      ['merge', 'facts-1.json.gz', 'facts-1.json.gz', 'facts-2.json.gz'],
      repo,
    );
    expect(twice.stderr).toContain('shard 1/3 was given twice.');
    const notFacts = await runCli(['merge', 'direct.json'], repo);
    expect(notFacts.code).toBe(2);
    expect(notFacts.stderr).toContain('`direct.json` is not a facts file');
    const lines = readFileSync(join(repo, 'all.json'), 'utf8').split('\n');
    writeFileSync(join(repo, 'cut.json'), lines.slice(0, 5).join('\n'));
    const cut = await runCli(['merge', 'cut.json'], repo);
    expect(cut.stderr).toMatch(/`cut\.json` is incomplete: 4 of its \d+ pages are there\./);
    const none = await runCli(['merge'], repo);
    expect(none.stderr).toContain('Missing the facts files');
    const badShard = await runCli(['extract', site, '--shard', '4/3', '--out', 'x.json'], repo);
    expect(badShard.code).toBe(2);
    expect(badShard.stderr).toContain('`--shard` takes `i/n` with 1 ≤ i ≤ n');
    const noOut = await runCli(['extract', site, '--shard', '1/2'], repo);
    expect(noOut.stderr).toContain('Missing `--out <file>`');
    const help = await runCli(['extract', '--help'], repo);
    expect(help.stdout).toContain('linkworthy merge <facts files>');
  });
});
