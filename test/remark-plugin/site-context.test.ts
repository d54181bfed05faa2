import { mkdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSiteRoot, SiteCache } from '../../packages/remark-plugin/src/site-context.js';
import { removeSite, tempSite } from './helpers.js';

describe('the site on disk, as the language server reads it (remark-linkworthy)', () => {
  let root: string;
  let outside: string;
  beforeAll(async () => {
    root = await tempSite({
      'index.md': '# Home\n\n[A](./a.md)\n',
      'a.md': '# A\n\n## Alpha\n',
      'docs/b.mdx': '# B\n\n<Note>MDX</Note>\n',
      // Its text comes from another file when the site is built: its ids are not all known.
      'docs/included.md': '--8<-- "CONTRIBUTING.md"\n',
      'docs/notes.txt': 'not Markdown',
      'node_modules/pkg/readme.md': '# Package\n',
      '.github/template.md': '# Template\n',
      'drafts/wip.md': '# Work in progress\n',
      'nested/package.json': '{}',
      'nested/deep/page.md': '# Page\n',
      '.remarkignore': '# drafts are not part of the site\ndrafts/\n',
    });
    outside = await tempSite({ 'secret.md': '# Secret\n' });
    symlinkSync(join(outside, 'secret.md'), join(root, 'linked.md'));
    symlinkSync(outside, join(root, 'elsewhere'));
  });
  afterAll(async () => {
    await removeSite(root);
    await removeSite(outside);
  });

  it('finds every Markdown and MDX file, skipping ignored ones and never leaving the root', () => {
    const site = new SiteCache(root).read();
    expect([...site.pages.keys()].sort()).toEqual([
      'a.md',
      'docs/b.mdx',
      'docs/included.md',
      'index.md',
      'nested/deep/page.md',
    ]);
    expect(site.pages.get('a.md')?.ids).toContain('alpha');
  });

  it('re-reads only the files that changed, and notices added and removed ones', () => {
    const cache = new SiteCache(root, { rescanMs: 0 });
    const first = cache.read();
    const again = cache.read();
    expect(again.generation).toBe(first.generation);
    expect(again.pages.get('a.md')).toBe(first.pages.get('a.md'));

    writeFileSync(join(root, 'a.md'), '# A\n\n## Alpha\n\n## Beta\n');
    // A later modification time, as a save some time after the first read has.
    utimesSync(join(root, 'a.md'), new Date(), new Date(Date.now() + 5_000));
    writeFileSync(join(root, 'c.md'), '# C\n');
    const changed = cache.read();
    expect(changed.generation).toBeGreaterThan(first.generation);
    expect(changed.pages.get('a.md')?.ids).toContain('beta');
    expect(changed.pages.get('index.md')).toBe(first.pages.get('index.md'));
    expect(changed.pages.has('c.md')).toBe(true);

    rmSync(join(root, 'c.md'));
    const removed = cache.read();
    expect(removed.generation).toBeGreaterThan(changed.generation);
    expect(removed.pages.has('c.md')).toBe(false);
  });

  it('between walks, checks only the files it is given', () => {
    const cache = new SiteCache(root, { rescanMs: 60_000 });
    const first = cache.read();
    writeFileSync(join(root, 'index.md'), '# Home\n\n## Welcome\n');
    utimesSync(join(root, 'index.md'), new Date(), new Date(Date.now() + 10_000));
    writeFileSync(join(root, 'late.md'), '# Late\n');
    // Not given, not walked again yet: unchanged.
    expect(cache.read().generation).toBe(first.generation);
    // Given (a file the open page links to): checked at once.
    const given = cache.read(['index.md']);
    expect(given.generation).toBeGreaterThan(first.generation);
    expect(given.pages.get('index.md')?.ids).toContain('welcome');
    expect(given.pages.has('late.md')).toBe(false);
    rmSync(join(root, 'late.md'));
  });

  it('gives link targets without links or text (stubs), the same object while unchanged', () => {
    const site = new SiteCache(root).read();
    const stub = site.stubOf('index.md');
    expect(stub).toMatchObject({ file: 'index.md', title: 'Home', links: [], wordCount: 0 });
    expect(site.stubOf('index.md')).toBe(stub);
    // A page whose ids are not all known stays so: fragments into it are not reported.
    expect(site.stubOf('docs/included.md')).toMatchObject({ partial: true });
  });

  it('reads linked files the walk skips, when asked, but nothing above the root', () => {
    const site = new SiteCache(root).read([
      'drafts/wip.md',
      '../x.md',
      'docs/notes.txt',
      'elsewhere/secret.md',
      'linked.md',
    ]);
    expect(site.pages.has('drafts/wip.md')).toBe(true);
    expect([...site.pages.keys()].sort()).toEqual([
      'a.md',
      'docs/b.mdx',
      'docs/included.md',
      'drafts/wip.md',
      'index.md',
      'nested/deep/page.md',
    ]);
  });

  it('finds the site root: the nearest folder with a config or package.json, up to the cwd', () => {
    expect(findSiteRoot(root, 'nested/deep/page.md')).toBe(join(root, 'nested'));
    expect(findSiteRoot(root, 'docs/b.mdx')).toBe(root);
    mkdirSync(join(root, 'docs', 'sub'), { recursive: true });
    writeFileSync(join(root, 'docs', 'linkworthy.config.json'), '{}');
    expect(findSiteRoot(root, 'docs/sub/x.md')).toBe(join(root, 'docs'));
    // Outside the cwd: the cwd.
    expect(findSiteRoot(root, join(outside, 'secret.md'))).toBe(root);
  });
});
