import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LintReport } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';
import { runCli } from '../support/cli.js';

const run = runCli;

// Link checks only: the fixtures' tiny graphs would also have orphans and dead ends.
const LINK_RULES_ONLY = JSON.stringify({
  rules: { 'orphan-page': 'off', 'dead-end-page': 'off' },
});
const site = tempSite({
  'linkworthy.config.json': LINK_RULES_ONLY,
  'index.html':
    '<nav><a href="/guide/">Guide</a></nav><p><a href="/guide/#instal">Install</a> <a href="/blgo/">Blog</a></p>',
  'guide/index.html': '<h1 id="guide">Guide</h1><h2 id="install">Install</h2>',
  'blog/index.html': '<h1>Blog</h1>',
});
const clean = tempSite({
  'index.html': '<a href="/a/">A</a>',
  'a/index.html': '<a href="/">Home</a>',
});

describe('linkworthy CLI', () => {
  it('prints stylish findings grouped by file and exits 1 on errors', async () => {
    const result = await run(['.'], site);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('index.html\n');
    expect(result.stdout).toMatch(
      /1:\d+\s+error\s+Broken fragment `#instal`: `\/guide\/` has no element with that id\. Did you mean `#install`\?\s+broken-fragment/,
    );
    expect(result.stdout).toMatch(
      /Broken link to `\/blgo\/`.*Did you mean `\/blog\/`\?\s+broken-link/,
    );
    expect(result.stdout).toContain('✖ 2 problems (2 errors, 0 warnings) in 3 pages and 3 links');
    expect(result.stdout).not.toContain('\u001B[');
  });

  it('exits 0 on a clean site', async () => {
    const result = await run([clean], '/');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ No problems in 2 pages and 2 links');
  });

  it('writes the JSON report shape to --output', async () => {
    const result = await run(['.', '--format', 'json', '--output', 'out/r.json'], site);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('wrote json report to out/r.json (2 errors, 0 warnings)');
    const report = JSON.parse(readFileSync(join(site, 'out/r.json'), 'utf8')) as LintReport;
    expect(report.tool.name).toBe('linkworthy');
    expect(report.summary).toMatchObject({ pages: 3, links: 3, errors: 2, warnings: 0, infos: 0 });
    expect(report.pages.map((page) => page.url).sort()).toEqual(['/', '/blog/', '/guide/']);
    for (const finding of report.findings) {
      expect(finding).toMatchObject({ url: '/', file: 'index.html' });
      expect(finding.ruleId).toMatch(/^broken-(link|fragment)$/);
      expect(typeof finding.target).toBe('string');
      expect(finding.docs).toMatch(/docs\/rules\/broken-/);
    }
  });

  it('takes --site and --base', async () => {
    const based = tempSite({
      'linkworthy.config.json': LINK_RULES_ONLY,
      'index.html':
        '<a href="https://example.com/docs/guide/">Guide</a><a href="/guide/">No base</a>',
      'guide/index.html': '<h1>Guide</h1>',
    });
    const result = await run(
      ['.', '--site', 'https://example.com', '--base', '/docs/', '-f', 'json'],
      based,
    );
    const report = JSON.parse(result.stdout) as LintReport;
    expect(report.findings.map((finding) => [finding.target, finding.messageId])).toEqual([
      ['/guide/', 'missingBase'],
    ]);
  });

  it('keeps a facts cache with --cache', async () => {
    const first = await run(['.', '--cache', '-f', 'json'], site);
    expect(existsSync(join(site, '.linkworthy-cache/facts.json'))).toBe(true);
    const second = await run(['.', '--cache', '-f', 'json'], site);
    const findings = (text: string) => (JSON.parse(text) as LintReport).findings;
    expect(findings(second.stdout)).toEqual(findings(first.stdout));
  });

  it('with --cache, checks only the pages changed since the last run when it can, and says so', async () => {
    const files = {
      'index.html': '<title>Home</title><main><h1>Home</h1><a href="/a.html">The A page</a></main>',
      'a.html':
        '<title>A</title><main><h1>A</h1><p>First words.</p><a href="/">Home page</a></main>',
    };
    const root = tempSite(files);
    const old = Date.now() / 1000 - 3600;
    for (const file of Object.keys(files)) utimesSync(join(root, file), old, old);
    const first = await run(['.', '--cache', '-f', 'json'], root);
    expect(first.stderr).toContain(
      'every page was analysed (--cache: no analysis of an earlier run is cached)',
    );
    const same = await run(['.', '--cache', '-f', 'json'], root);
    expect(same.stderr).toContain('no page changed since the last run (--cache)');
    writeFileSync(join(root, 'a.html'), files['a.html'].replace('First words.', 'Other words.'));
    utimesSync(join(root, 'a.html'), old + 60, old + 60);
    const edited = await run(['.', '--cache', '-f', 'json'], root);
    expect(edited.stderr).toContain(
      '1 page changed since the last run (--cache): checked it again and kept the rest of the analysis.',
    );
    const fresh = await run(['.', '-f', 'json'], root);
    const timeless = (text: string) => text.replace(/"durationMs": \d+/, '');
    expect(timeless(edited.stdout)).toBe(timeless(fresh.stdout));
  });

  it('exits 2 on usage and configuration errors, with a clear message', async () => {
    expect((await run([], site)).stderr).toContain('Missing the site folder to lint.');
    expect((await run([], site)).code).toBe(2);
    const unknown = await run(['.', '--fromat', 'json'], site);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--fromat'/);
    expect((await run(['.', '-f', 'xml'], site)).stderr).toContain(
      'Unknown format `xml`; expected one of stylish, json, github, sarif, html, junit.',
    );
    expect((await run(['nope'], site)).stderr).toContain('`nope` is not a folder');
    const badSite = await run(['.', '--site', 'example.com'], site);
    expect(badSite.code).toBe(2);
    expect(badSite.stderr).toContain('Invalid linkworthy configuration (options):');
    expect(badSite.stderr).toContain('site:');
  });

  it('reads `--config` from where it runs, and names the file in its errors', async () => {
    const project = tempSite({
      'dist/index.html': '<!doctype html><title>Home</title><h1>Home</h1><a href="/gone/">Gone</a>',
      'linkworthy.config.json': JSON.stringify({ rules: { 'broken-link': 'off' } }),
      'strict.config.json': JSON.stringify({ rules: { 'broken-link': 'error' } }),
      'broken.config.json': JSON.stringify({ rules: { 'broken-lnk': 'error' } }),
    });
    const ruleIds = (stdout: string) =>
      (JSON.parse(stdout) as LintReport).findings.map((finding) => finding.ruleId);
    // Found in the site folder by name: none there, so the defaults (broken-link is an error).
    const plain = await run(['dist', '-f', 'json'], project);
    expect(ruleIds(plain.stdout)).toContain('broken-link');
    const off = await run(['dist', '-f', 'json', '-c', 'linkworthy.config.json'], project);
    expect(off.code).toBe(0);
    expect(ruleIds(off.stdout)).not.toContain('broken-link');
    const absolute = await run(
      ['dist', '-f', 'json', '--config', join(project, 'strict.config.json')],
      project,
    );
    expect(absolute.code).toBe(1);
    const broken = await run(['dist', '-c', 'broken.config.json'], project);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(
      `Invalid linkworthy configuration (${join(project, 'broken.config.json')}):`,
    );
    expect(broken.stderr).toContain('Did you mean `broken-link`?');
    const missing = await run(['dist', '-c', 'nope.json'], project);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('the file does not exist.');
  });

  it('runs as a real process with the documented exit codes', () => {
    const bin = fileURLToPath(new URL('../../packages/cli/bin/linkworthy.js', import.meta.url));
    const dist = fileURLToPath(new URL('../../packages/cli/dist/index.js', import.meta.url));
    if (!existsSync(dist))
      throw new Error(
        'packages/cli is not built: run `npm test` (it builds first) or `pnpm run build`.',
      );
    const failing = spawnSync(process.execPath, [bin, site, '--format', 'json'], {
      encoding: 'utf8',
    });
    expect(failing.status).toBe(1);
    expect((JSON.parse(failing.stdout) as LintReport).summary.errors).toBe(2);
    expect(spawnSync(process.execPath, [bin, clean], { encoding: 'utf8' }).status).toBe(0);
    expect(spawnSync(process.execPath, [bin, '--nope'], { encoding: 'utf8' }).status).toBe(2);
    // With worker threads: the bundle's worker (or dist's) is there and gives the same report.
    const report = (threads: string) =>
      (
        JSON.parse(
          spawnSync(process.execPath, [bin, site, '-f', 'json', '--threads', threads], {
            encoding: 'utf8',
          }).stdout,
        ) as LintReport
      ).findings;
    expect(report('2')).toEqual(report('0'));
  });

  it('gives the same reports from its bundle as from dist/, on worker threads too', () => {
    const bundle = new URL('../../packages/cli/bundle/linkworthy.js', import.meta.url);
    if (!existsSync(bundle)) {
      throw new Error(
        'packages/cli is not bundled: run `npm test` (it builds first) or `pnpm run build`.',
      );
    }
    const dist = new URL('../../packages/cli/dist/index.js', import.meta.url);
    const findings = (entry: URL, threads: string) => {
      const runner = join(site, `run-${threads}.mjs`);
      writeFileSync(
        runner,
        `const { main } = await import(${JSON.stringify(entry.href)});\nprocess.exitCode = await main(process.argv.slice(2));\n`,
      );
      const result = spawnSync(
        process.execPath,
        [runner, site, '-f', 'json', '--threads', threads],
        {
          encoding: 'utf8',
        },
      );
      rmSync(runner);
      expect(result.stderr).toBe('');
      return (JSON.parse(result.stdout) as LintReport).findings;
    };
    const expected = findings(dist, '0');
    expect(expected.length).toBeGreaterThan(0);
    expect(findings(bundle, '2')).toEqual(expected);
    expect(findings(bundle, '0')).toEqual(expected);
  });
});
