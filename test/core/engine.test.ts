import { chmodSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, lint } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

describe('lint', () => {
  it('goes on past bad input, naming each file and line', async () => {
    const root = tempSite({
      'dist/index.html':
        '<a href="/post/#intro">Post</a><a href="/image/">Image</a><a href="/gone/">Gone</a>',
      'dist/post/index.html': '<h1 id="intro">Post</h1><!-- never closed',
      'dist/image/index.html': new Uint8Array([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0,
      ]),
      'dist/locked/index.html': '<h1>Locked</h1>',
      'src/content/blog/bad-frontmatter.md': '---\ntitle: [unclosed\n---\n\n# Hi\n',
    });
    chmodSync(join(root, 'dist/locked/index.html'), 0o000);
    const report = await lint({
      root,
      outDir: 'dist',
      sources: ['src/content'],
      configFile: false,
    });
    const lines = report.findings.map(
      (finding) => `${finding.file ?? ''}:${finding.line ?? '-'} ${finding.ruleId}`,
    );
    expect(lines).toContain('dist/index.html:1 broken-link');
    expect(lines).toContain('dist/post/index.html:1 parse-error');
    expect(lines).toContain('dist/image/index.html:- parse-error');
    expect(lines).toContain('src/content/blog/bad-frontmatter.md:2 parse-error');
    expect(
      report.findings.find((finding) => finding.file === 'dist/image/index.html')?.message,
    ).toMatch(/binary/);
    // Root can read anything, so the permission test only bites for other users.
    if (process.getuid?.() !== 0) expect(lines).toContain('dist/locked/index.html:- parse-error');
    expect(report.summary.pages).toBe(4);
    // The valid fragment into the page with the unclosed comment, and the link to the binary page, are fine.
    expect(
      report.findings
        .filter((finding) => finding.ruleId === 'broken-link')
        .map((finding) => finding.target),
    ).toEqual(['/gone/']);
    expect(report.summary.errors).toBe(1);
  });

  it('points findings on built pages at the Markdown source and line', async () => {
    const root = tempSite({
      'src/content/blog/first-post.md':
        '---\ntitle: First\n---\n\n# First\n\nSee [the second](/blog/second-post/#setup).\n',
      'src/content/blog/second-post.md': '# Second\n\n## Set-up\n',
      'dist/blog/first-post/index.html':
        '<nav><a href="/blog/second-post/">Second</a></nav><main><h1 id="first">First</h1><p>See <a href="/blog/second-post/#setup">the second</a>.</p></main>',
      'dist/blog/second-post/index.html':
        '<main><h1 id="second">Second</h1><h2 id="set-up">Set-up</h2></main>',
    });
    const report = await lint({
      root,
      outDir: 'dist',
      sources: ['src/content'],
      configFile: false,
    });
    // The two-page site also has graph findings (`orphan-page`, `dead-end-page`): not this test's.
    const links = report.findings.filter((finding) => finding.ruleId.startsWith('broken-'));
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      ruleId: 'broken-fragment',
      file: 'src/content/blog/first-post.md',
      line: 7,
      column: 5,
      url: '/blog/first-post/',
      target: '/blog/second-post/#setup',
      suggestions: ['#set-up'],
    });
    expect(report.pages.find((page) => page.url === '/blog/first-post/')?.source).toBe(
      'src/content/blog/first-post.md',
    );
  });

  it('reads the config file, and refuses folders outside the root', async () => {
    const root = tempSite({
      'linkworthy.config.json': JSON.stringify({ rules: { 'broken-link': 'warn' } }),
      'index.html': '<a href="/nope/">x</a>',
    });
    const report = await lint({ root, outDir: '' });
    expect(report.findings.map((finding) => finding.severity)).toEqual(['warn']);
    await expect(lint({ root, outDir: '../' })).rejects.toThrow(ConfigError);
    await expect(lint({ root, outDir: '', configFile: 'missing.json' })).rejects.toThrow(
      /missing\.json/,
    );
  });

  it('never follows a symbolic link out of the root', async () => {
    const outside = tempSite({ 'secret.html': '<a href="/x/">x</a>' });
    const root = tempSite({ 'index.html': '<h1>Home</h1>' });
    symlinkSync(join(outside, 'secret.html'), join(root, 'secret.html'));
    const report = await lint({ root, outDir: '', configFile: false });
    expect(report.summary.links).toBe(0);
    const problem = report.findings.find((finding) => finding.ruleId === 'parse-error');
    expect(problem).toMatchObject({ ruleId: 'parse-error', file: 'secret.html' });
    expect(problem!.message).toMatch(/outside the site root/);
  });

  it('reports the page graph: inbound, outbound, depth and equity', async () => {
    const root = tempSite({
      'index.html': '<a href="/a/">A</a><a href="/b/">B</a>',
      'a/index.html': '<a href="/b/">B</a><a href="/" rel="nofollow">Home</a>',
      'b/index.html': '<h1>B</h1>',
      'orphan/index.html': '<a href="/">Home</a>',
    });
    const report = await lint({ root, outDir: '', configFile: false });
    const byUrl = new Map(report.pages.map((page) => [page.url, page]));
    expect(byUrl.get('/')).toMatchObject({ inbound: 1, outbound: 2, depth: 0 });
    expect(byUrl.get('/b/')).toMatchObject({ inbound: 2, outbound: 0, depth: 1 });
    expect(byUrl.get('/orphan/')).toMatchObject({ inbound: 0, depth: null });
    expect(byUrl.get('/b/')!.equity).toBeGreaterThan(byUrl.get('/a/')!.equity);
    // Equity is on a 0–100 scale: the strongest page has 100.
    expect(Math.max(...report.pages.map((page) => page.equity))).toBe(100);
    expect(byUrl.get('/orphan/')!.equity).toBeGreaterThan(0);
    expect(byUrl.get('/orphan/')!.equity).toBeLessThan(byUrl.get('/a/')!.equity);
  });
});
