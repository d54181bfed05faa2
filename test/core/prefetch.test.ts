import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lint, prefetchBuild, PrefetchedFacts, type LintReport } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

/** The report without its timing, which differs from run to run. */
const comparable = (report: LintReport) =>
  JSON.stringify({ ...report, summary: { ...report.summary, durationMs: 0 } }, null, 1);

function write(root: string, file: string, text: string) {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

/** Waits until `done()` holds (watch events arrive asynchronously), for at most 5 s. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main><h1 id="top">${title}</h1>${body}</main></body></html>`;

describe('prefetchBuild', () => {
  it('extracts pages as they are written, in new folders too, and lint gives the same report', async () => {
    const root = tempSite({
      'src/content/blog/first.md': '---\ntitle: First\n---\n\n# First\n\n[Second](/second/)\n',
      'src/content/blog/second.md': '---\ntitle: Second\n---\n\n# Second\n',
    });
    const prefetch = await prefetchBuild({
      root,
      outDir: 'dist',
      config: {},
      sources: ['src/content'],
    });
    // As a host writes its build: folders first created, then the page in them.
    write(root, 'dist/index.html', page('Home', '<a href="/first/">First</a>'));
    write(root, 'dist/first/index.html', page('First', '<a href="/second/#nowhere">Second</a>'));
    write(root, 'dist/second/index.html', page('Second', '<a href="/first/#top">First</a>'));
    write(root, 'dist/deep/er/still/index.html', page('Deep', '<a href="/gone/">Gone</a>'));
    await until(() => prefetch.facts.size === 4);
    await prefetch.stop();
    expect(prefetch.facts.size).toBe(4);

    const options = {
      root,
      outDir: 'dist',
      sources: ['src/content'],
      sourceFacts: 'lazy' as const,
    };
    const prefetched = await lint({ ...options, prefetched: prefetch.facts, threads: 0 });
    const plain = await lint({ ...options, threads: 0 });
    expect(comparable(prefetched)).toBe(comparable(plain));
    expect(prefetched.findings.map((finding) => finding.ruleId)).toEqual(
      expect.arrayContaining(['broken-fragment', 'broken-link']),
    );
  });

  it('reads the pages of folders made together with a folder that has a page of its own', async () => {
    const root = tempSite({});
    const prefetch = await prefetchBuild({ root, outDir: 'dist', config: {}, sources: [] });
    // As Astro makes `tags/` with its first tag's folder (`mkdir -p`), then writes the tag index
    // and the tag pages, all before the watch of `tags/` can begin.
    const tags = ['beans', 'data', 'gear'];
    for (const tag of tags) mkdirSync(join(root, 'dist/tags', tag), { recursive: true });
    write(root, 'dist/tags/index.html', page('Tags', '<a href="/tags/beans/">Beans</a>'));
    for (const tag of tags) write(root, `dist/tags/${tag}/index.html`, page(tag, ''));
    await until(() => prefetch.facts.size === 4);
    await prefetch.stop();
    prefetch.close();
    expect(
      prefetch.facts
        .pages()
        .map((facts) => facts.file)
        .sort(),
    ).toEqual([
      'tags/beans/index.html',
      'tags/data/index.html',
      'tags/gear/index.html',
      'tags/index.html',
    ]);
  });

  it('rehearses the analysis on the pages so far without changing the real run', async () => {
    const root = tempSite({});
    const prefetch = await prefetchBuild({ root, outDir: 'dist', config: {} });
    write(root, 'dist/index.html', page('Home', '<a href="/a/">A</a> <a href="/later/">Later</a>'));
    write(
      root,
      'dist/a/index.html',
      page('A', '<a href="/#top">Home</a> <a href="/#nope">Home</a>'),
    );
    await until(() => prefetch.facts.size === 2);
    // `/later/` is not built yet: the rehearsal must not mind, nor leave anything behind.
    expect(prefetch.rehearse(() => false)).toBe(true);
    expect(prefetch.rehearse(() => true)).toBe(false);
    write(root, 'dist/later/index.html', page('Later', '<a href="/">Home</a>'));
    await until(() => prefetch.facts.size === 3);
    await prefetch.stop();
    const prefetched = await lint({ root, outDir: 'dist', prefetched: prefetch.facts, threads: 0 });
    const plain = await lint({ root, outDir: 'dist', threads: 0 });
    expect(comparable(prefetched)).toBe(comparable(plain));
    expect(prefetched.findings.map((finding) => finding.ruleId)).toContain('broken-fragment');
  });

  it('reads again what changed or went away after it was prefetched, and what it never saw', async () => {
    const root = tempSite({});
    const prefetch = await prefetchBuild({ root, outDir: 'dist', config: {} });
    write(root, 'dist/index.html', page('Home', '<a href="/a/">A</a> <a href="/b/">B</a>'));
    write(root, 'dist/a/index.html', page('A', '<a href="/#top">Home</a>'));
    write(root, 'dist/b/index.html', page('B', '<a href="/#top">Home</a>'));
    write(root, 'dist/c/index.html', page('C', '<a href="/#top">Home</a>'));
    await until(() => prefetch.facts.size === 4);
    await prefetch.stop();
    expect(prefetch.facts.size).toBe(4);
    const job = {
      path: join(root, 'dist/a/index.html'),
      file: 'a/index.html',
      kind: 'html' as const,
      terms: false,
    };
    expect(prefetch.facts.take(job)).toBeDefined();
    // After the watch stopped: a page changes (same size, later time), one goes, one is new.
    write(root, 'dist/a/index.html', page('A', '<a href="/#got">Home</a>'));
    utimesSync(join(root, 'dist/a/index.html'), new Date(), new Date(Date.now() + 5000));
    rmSync(join(root, 'dist/c'), { recursive: true });
    write(root, 'dist/d/index.html', page('D', '<a href="/nope/">Nope</a>'));
    // Stopped, it reads nothing more, though its watches are only closed later.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(prefetch.facts.take(job)).toBeUndefined();
    expect(prefetch.facts.has(join(root, 'dist/d/index.html'))).toBe(false);
    prefetch.close();

    const prefetched = await lint({ root, outDir: 'dist', prefetched: prefetch.facts, threads: 0 });
    const plain = await lint({ root, outDir: 'dist', threads: 0 });
    expect(comparable(prefetched)).toBe(comparable(plain));
    const found = prefetched.findings.map((finding) => `${finding.file!} ${finding.ruleId}`);
    expect(found).toContain('dist/a/index.html broken-fragment');
    expect(found).toContain('dist/d/index.html broken-link');
    expect(found.some((line) => line.startsWith('dist/c/'))).toBe(false);
  });

  it('follows folders emptied and made again, as a build that starts by emptying its folder', async () => {
    const root = tempSite({ 'dist/old/index.html': page('Old', ''), 'dist/keep.txt': 'x' });
    const prefetch = await prefetchBuild({ root, outDir: 'dist', config: {} });
    await until(() => prefetch.facts.size === 1);
    rmSync(join(root, 'dist/old'), { recursive: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    write(root, 'dist/old/index.html', page('New', ''));
    const job = (file: string) => ({
      path: join(root, 'dist', file),
      file,
      kind: 'html' as const,
      terms: false,
    });
    await until(() => prefetch.facts.take(job('old/index.html'))?.facts.title === 'New');
    // The new `old/` is watched, not the removed one: what is written into it is seen.
    write(root, 'dist/old/deeper/index.html', page('Deeper', ''));
    await until(() => prefetch.facts.take(job('old/deeper/index.html')) !== undefined);
    await prefetch.stop();
    expect(prefetch.facts.take(job('old/index.html'))?.facts.title).toBe('New');
    expect(prefetch.facts.take(job('old/deeper/index.html'))?.facts.title).toBe('Deeper');
  });

  it('keeps a file’s facts only while its size and modification time are those it was read at', async () => {
    const root = tempSite({ 'dist/index.html': page('Home', '') });
    const facts = new PrefetchedFacts();
    const job = { path: join(root, 'dist/index.html'), file: 'index.html', kind: 'html' as const };
    await facts.extract(job);
    expect(facts.take(job)?.facts.title).toBe('Home');
    // Another extraction setting (page terms) is another job.
    expect(facts.take({ ...job, terms: false })).toBeUndefined();
    utimesSync(job.path, new Date(), new Date(Date.now() + 5000));
    expect(facts.take(job)).toBeUndefined();

    const source = join(root, 'src/post.md');
    write(root, 'src/post.md', '---\nslug: hello\n---\n\n# Post\n');
    facts.scan(source, 'src/post.md');
    expect(facts.scanned(source, 'src/post.md')?.slug).toBe('hello');
    write(root, 'src/post.md', '---\nslug: world\n---\n\n# Post\n');
    utimesSync(source, new Date(), new Date(Date.now() + 5000));
    expect(facts.scanned(source, 'src/post.md')).toBeUndefined();
  });
});
