import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LintReport } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';
import { runCli } from '../support/cli.js';

const run = runCli;

describe('linkworthy baseline', () => {
  it('records the build, then reports the removed URL at its baseline line', async () => {
    const repo = tempSite({
      'dist/index.html': '<h1 id="home">Home</h1><a href="/guide/">Guide</a>',
      'dist/guide/index.html':
        '<h1 id="guide">Guide</h1><h2 id="install">Install</h2><a href="/">Home</a>',
      'dist/old/index.html': '<h1>Old</h1><a href="/">Home</a>',
      // A broken link is an error, but recording a baseline never fails on findings.
      'dist/broken/index.html': '<a href="/nowhere/">Nowhere</a>',
    });

    const recorded = await run(['baseline', 'dist'], repo);
    expect(recorded).toMatchObject({ code: 0, stdout: '' });
    expect(recorded.stderr).toContain(
      'recorded 4 URLs and 3 fragment ids in linkworthy-baseline.json',
    );
    const text = readFileSync(join(repo, 'linkworthy-baseline.json'), 'utf8');
    expect(text).toBe(
      [
        '{',
        '  "format": "linkworthy-baseline",',
        '  "version": 1,',
        '  "pages": {',
        '    "/": ["home"],',
        '    "/broken/": [],',
        '    "/guide/": ["guide", "install"],',
        '    "/old/": []',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    // Recording again gives the same bytes.
    await run(['baseline', 'dist', '--output', 'again.json'], repo);
    expect(readFileSync(join(repo, 'again.json'), 'utf8')).toBe(text);

    rmSync(join(repo, 'dist/old'), { recursive: true });
    rmSync(join(repo, 'dist/broken'), { recursive: true });
    const later = await run(
      ['dist', '--baseline', 'linkworthy-baseline.json', '-f', 'json', '-o', 'report.json'],
      repo,
    );
    // Removed URLs are warnings: exit 0.
    expect(later.code).toBe(0);
    const report = JSON.parse(readFileSync(join(repo, 'report.json'), 'utf8')) as LintReport;
    expect(
      report.findings
        .filter((finding) => finding.ruleId.startsWith('removed-'))
        .map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.url}`),
    ).toEqual([
      '../linkworthy-baseline.json:6 removed-url /broken/',
      '../linkworthy-baseline.json:8 removed-url /old/',
    ]);

    const stylish = await run(['dist', '--baseline', 'linkworthy-baseline.json'], repo);
    expect(stylish.stdout).toContain('../linkworthy-baseline.json\n');
    expect(stylish.stdout).toMatch(/8:1\s+warn\s+Removed URL `\/old\/`: the baseline has a page/);
  });

  it('writes the baseline where --output says, creating folders', async () => {
    const repo = tempSite({ 'site/index.html': '<h1 id="a">A</h1>' });
    const result = await run(['baseline', 'site', '-o', 'ci/baselines/site.json'], repo);
    expect(result.code).toBe(0);
    expect(existsSync(join(repo, 'ci/baselines/site.json'))).toBe(true);
  });

  it('exits 2 on usage errors and on a missing or malformed baseline', async () => {
    const repo = tempSite({ 'dist/index.html': '<h1>Home</h1>', 'bad.json': '{"pages": ' });

    const missingDir = await run(['baseline'], repo);
    expect(missingDir.code).toBe(2);
    expect(missingDir.stderr).toContain('Missing the site folder to record');

    const missing = await run(['dist', '--baseline', 'nope.json'], repo);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('the baseline file `../nope.json` does not exist');

    const malformed = await run(['dist', '--baseline', 'bad.json'], repo);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(
      /Invalid linkworthy baseline \.\.\/bad\.json:1: not valid JSON/,
    );
  });

  it('records a malformed configured baseline again instead of failing on it', async () => {
    const repo = tempSite({
      'site/index.html': '<h1 id="a">A</h1>',
      'site/linkworthy.config.json': '{ "baseline": "baseline.json" }',
      'site/baseline.json': 'not json',
    });
    const result = await run(['baseline', 'site', '-o', 'site/baseline.json'], repo);
    expect(result.code).toBe(0);
    const lintAfter = await run(['site'], repo);
    expect(lintAfter.code).toBe(0);
    expect(lintAfter.stdout).toContain('No problems');
  });

  it('treats `./baseline` as a folder to lint', async () => {
    const repo = tempSite({ 'baseline/index.html': '<h1>Home</h1>' });
    const result = await run(['./baseline'], repo);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No problems in 1 page');
  });
});
