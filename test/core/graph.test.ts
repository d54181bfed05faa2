import {
  extractHtml,
  graphStats,
  placeInPage,
  resolveConfig,
  rules,
  runRules,
  Site,
  siteGraph,
  type PageFacts,
  type SiteOptions,
} from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';
import { describe, expect, it } from 'vitest';

/** A site from `file → HTML or Markdown` (by extension). */
function site(files: Record<string, string>, options: SiteOptions = {}): Site {
  const pages = Object.entries(files).map(([file, text]) =>
    /\.html$/.test(file) ? extractHtml(text, { file }) : extractMarkdown(text, { file }),
  );
  return new Site(pages, options);
}

function page(of: Site, file: string): PageFacts {
  const found = of.pageOfFile(file);
  if (!found) throw new Error(`no page ${file}`);
  return found;
}

describe('siteGraph', () => {
  it('is computed once per site', () => {
    const s = site({ 'index.html': '<a href="/a/">A</a>', 'a/index.html': '<h1>A</h1>' });
    expect(siteGraph(s)).toBe(siteGraph(s));
    expect(siteGraph(s)).not.toBe(siteGraph(site({ 'index.html': '' })));
  });

  it('keeps links that reach another page, with region and nofollow, and counts distinct pages', () => {
    const s = site({
      'index.html':
        '<nav><a href="/a/">A</a></nav><main><a href="/a/">A again</a> <a href="/b/" rel="nofollow">B</a> <a href="/">self</a> <a href="https://x.example/">x</a> <a href="/gone/">gone</a></main>',
      'a/index.html': '<a href="../">Home</a>',
      'b/index.html': '<meta name="robots" content="nofollow"><a href="/a/">A</a>',
    });
    const graph = siteGraph(s);
    const home = page(s, 'index.html');
    const links = graph.linksFrom(home);
    expect(links.map((link) => [link.to.file, link.region, link.nofollow, link.template])).toEqual([
      ['a/index.html', 'nav', false, true],
      ['a/index.html', 'content', false, false],
      ['b/index.html', 'content', true, false],
    ]);
    expect(graph.outbound(home)).toBe(1);
    expect(graph.inbound(page(s, 'a/index.html'))).toBe(1);
    // A robots `nofollow` page's links are all nofollow: they reach, but are not followed.
    expect(graph.linksFrom(page(s, 'b/index.html'))[0]!.nofollow).toBe(true);
    expect(graph.referrers(page(s, 'a/index.html'))).toBe(2);
    expect(graph.inbound(page(s, 'b/index.html'))).toBe(0);
    expect(graph.referrers(page(s, 'b/index.html'))).toBe(1);
  });

  describe('template links', () => {
    const sidebar =
      '<div class="side"><a href="/a/">A</a> <a href="/b/">B</a> <a href="/c/">C</a></div>';
    const files = {
      'index.html': `${sidebar}<p>Start with <a href="/a/">the first chapter</a>.</p>`,
      'a/index.html': `${sidebar}<h1>A</h1>`,
      'b/index.html': `${sidebar}<h1>B</h1><p>Go on to <a href="/c/">C</a>.</p>`,
      'c/index.html': `${sidebar}<h1>C</h1>`,
    };

    it('are the same link (target and text) on at least half of the pages', () => {
      const s = site(files);
      const graph = siteGraph(s);
      const fromHome = graph.linksFrom(page(s, 'index.html'));
      expect(fromHome.map((link) => [link.to.file, link.template])).toEqual([
        ['a/index.html', true],
        ['b/index.html', true],
        ['c/index.html', true],
        ['a/index.html', false],
      ]);
      // The same target and text in the content of B is indistinguishable from the sidebar.
      expect(graph.linksFrom(page(s, 'b/index.html')).every((link) => link.template)).toBe(true);
    });

    it('need at least 4 pages and 3 occurrences', () => {
      const s = site({
        'index.html': '<a href="/a/">A</a>',
        'a/index.html': '<a href="/b/">B</a>',
        'b/index.html': '<a href="/a/">A</a>',
      });
      expect(siteGraph(s).links.some((link) => link.template)).toBe(false);
    });

    it('are found per parent path too (a widget on every blog post)', () => {
      const posts: Record<string, string> = {};
      for (let index = 0; index < 4; index++) {
        posts[`blog/p${index}/index.html`] =
          '<h1>Post</h1><p>Recent: <a href="/blog/p0/">First post</a></p>';
      }
      // Five more pages outside /blog/ keep the widget under half of the whole site.
      for (let index = 0; index < 5; index++) posts[`docs/d${index}/index.html`] = '<h1>Doc</h1>';
      const s = site(posts);
      const graph = siteGraph(s);
      expect(graph.linksTo(page(s, 'blog/p0/index.html')).every((link) => link.template)).toBe(
        true,
      );
    });

    it('are never written in Markdown', () => {
      const markdown: Record<string, string> = {};
      for (const name of ['index', 'a', 'b', 'c']) {
        markdown[`docs/${name}.md`] = `# ${name}\n\nSee [the guide](./guide.md).\n`;
      }
      markdown['docs/guide.md'] = '# Guide\n';
      const s = site(markdown);
      expect(siteGraph(s).links).toHaveLength(4);
      expect(siteGraph(s).links.some((link) => link.template)).toBe(false);
    });
  });

  describe('entry points, depth and reach', () => {
    const chain = site({
      'index.html': '<a href="/a/">A</a><a href="/x/" rel="nofollow">X</a>',
      'a/index.html': '<a href="/b/">B</a>',
      'b/index.html': '<a href="/c/">C</a><a href="/a/">A</a>',
      'c/index.html': '<h1>C</h1>',
      'x/index.html': '<a href="/y/">Y</a>',
      'y/index.html': '<a href="/x/">X</a>',
    });

    it('counts clicks from `/` along followed links, with a shortest path', () => {
      const graph = siteGraph(chain);
      expect(graph.entryPoints.map((entry) => entry.file)).toEqual(['index.html']);
      const reach = graph.reach();
      expect(reach.depth(page(chain, 'c/index.html'))).toBe(3);
      expect(reach.path(page(chain, 'c/index.html'))!.map((step) => step.url)).toEqual([
        '/',
        '/a/',
        '/b/',
        '/c/',
      ]);
      expect(reach.depth(page(chain, 'x/index.html'))).toBeNull();
      expect(reach.path(page(chain, 'x/index.html'))).toBeUndefined();
      expect(graph.reach()).toBe(reach);
    });

    it('takes other entry points by URL path, with or without the base, or by file', () => {
      const graph = siteGraph(chain);
      const entries = graph.entriesFor(['/x/', '/nowhere/']);
      expect(entries.map((entry) => entry.file)).toEqual(['x/index.html']);
      expect(graph.reach(entries).depth(page(chain, 'y/index.html'))).toBe(1);
      expect(graph.reach(entries).depth(page(chain, 'index.html'))).toBeNull();
      expect(graph.entriesFor(['b/index.html']).map((entry) => entry.url)).toEqual(['/b/']);

      const based = site({ 'index.html': '', 'docs/index.html': '' }, { base: '/site/' });
      const viaBase = siteGraph(based).entriesFor(['/site/docs/', '/docs/']);
      expect(viaBase.map((entry) => entry.file)).toEqual(['docs/index.html']);
    });

    it('has no entry point on a built site without a page at `/`', () => {
      const graph = siteGraph(
        site({ 'git.html': '<a href="git-add.html">add</a>', 'git-add.html': '' }),
      );
      expect(graph.entryPoints).toEqual([]);
      expect(graph.entriesFor(['/'])).toEqual([]);
      expect(graph.reach().depth(page(graph.site, 'git.html'))).toBeNull();
    });

    it('follows a redirect page to its target', () => {
      const s = site({
        'index.html': '<a href="/old/">Old</a>',
        'old/index.html': '<meta http-equiv="refresh" content="0; url=/new/">',
        'new/index.html': '<h1>New</h1>',
      });
      const graph = siteGraph(s);
      // Through the redirect page (or straight to its target, when the site resolves the link
      // through the redirect).
      expect(graph.reach().depth(page(s, 'new/index.html'))).not.toBeNull();
      const fromOld = graph.reach(graph.entriesFor(['/old/']));
      expect(fromOld.depth(page(s, 'new/index.html'))).toBe(1);
    });

    it('splits unreachable pages into weakly connected clusters', () => {
      const graph = siteGraph(chain);
      const lost = chain.pages.filter((candidate) => graph.reach().depth(candidate) === null);
      expect(graph.clusters(lost).map((cluster) => cluster.map((member) => member.url))).toEqual([
        ['/x/', '/y/'],
      ]);
      const apart = [page(chain, 'index.html'), page(chain, 'c/index.html')];
      expect(graph.clusters(apart)).toHaveLength(2);
    });
  });

  describe('source mode', () => {
    it('takes the index or README at the top of the sources as entry points', () => {
      const s = site({
        'docs/index.md': '# Docs\n\n[Guide](guide/setup.md)\n',
        'docs/guide/index.md': '# Guide\n',
        'docs/guide/setup.md': '# Setup\n\n[Deeper](../deep/a.md)\n',
        'docs/deep/a.md': '# A\n',
      });
      const graph = siteGraph(s);
      expect(graph.sourceMode).toBe(true);
      expect(graph.entryPoints.map((entry) => entry.file)).toEqual(['docs/index.md']);
      expect(graph.entriesFor(['/']).map((entry) => entry.file)).toEqual(['docs/index.md']);
      expect(graph.reach().depth(page(s, 'docs/deep/a.md'))).toBe(2);

      const sideBySide = site({
        'blog/index.md': '# Blog\n',
        'docs/README.md': '# Docs\n',
        'docs/a.md': '# A\n',
      });
      expect(siteGraph(sideBySide).entryPoints.map((entry) => entry.file)).toEqual([
        'blog/index.md',
        'docs/README.md',
      ]);
      // A top level without an index (locale folders, a content collection) has no entry point.
      const locales = site({ 'en/getting-started.md': '# Start\n', 'en/guides/index.md': '# G\n' });
      expect(siteGraph(locales).entryPoints).toEqual([]);
    });

    it('matches root-relative routes to files by their path, when exactly one fits', () => {
      const s = site({
        'src/content/docs/index.mdx':
          '# Home\n\n[Setup](/guide/setup/) [Guide](/guide/) [Home](/)\n',
        'src/content/docs/guide/index.md': '# Guide\n\n[Intro](/intro/) [Setup](/guide/setup/#a)\n',
        'src/content/docs/guide/setup.md': '# Setup\n',
        'src/content/docs/en/intro.md': '# Intro (en)\n',
        'src/content/docs/fr/intro.md': '# Intro (fr)\n',
      });
      const graph = siteGraph(s);
      const fromHome = graph.linksFrom(page(s, 'src/content/docs/index.mdx'));
      expect(fromHome.map((link) => [link.to.file, link.guessed])).toEqual([
        ['src/content/docs/guide/setup.md', true],
        ['src/content/docs/guide/index.md', true],
      ]);
      // `/intro/` fits two files equally well: no edge rather than a wrong one.
      const fromGuide = graph.linksFrom(page(s, 'src/content/docs/guide/index.md'));
      expect(fromGuide.map((link) => link.to.file)).toEqual(['src/content/docs/guide/setup.md']);
    });
  });

  describe('equity', () => {
    it('is PageRank on a 0–100 scale, the strongest page at 100', () => {
      const s = site({
        'index.html': '<a href="/a/">A</a><a href="/b/">B</a>',
        'a/index.html': '<a href="/b/">B</a><a href="/" rel="nofollow">Home</a>',
        'b/index.html': '<a href="/">Home</a>',
        'lonely/index.html': '<h1>Nobody links here</h1>',
      });
      const graph = siteGraph(s);
      const equity = (file: string) => graph.equity(page(s, file));
      const values = s.pages.map((candidate) => graph.equity(candidate));
      expect(Math.max(...values)).toBe(100);
      for (const value of values) {
        expect(value).toBeGreaterThan(0);
        expect(value).toBeLessThanOrEqual(100);
      }
      // B gets half the home page's rank and all of A's (its nofollow link passes nothing).
      expect(equity('b/index.html')).toBeGreaterThan(equity('a/index.html'));
      // A page nobody links to has only the teleport share and what pages without links spread.
      expect(equity('lonely/index.html')).toBeLessThan(equity('a/index.html'));
      expect(String(equity('a/index.html'))).toMatch(/^\d+(\.\d{1,2})?$/);
    });

    it('gives every page 100 when the graph is symmetric', () => {
      const s = site({ 'index.html': '<a href="/a/">A</a>', 'a/index.html': '<a href="/">H</a>' });
      expect(s.pages.map((candidate) => siteGraph(s).equity(candidate))).toEqual([100, 100]);
      expect(siteGraph(site({})).stats().size).toBe(0);
    });

    it('feeds graphStats, the report’s page summary', () => {
      const s = site({
        'index.html': '<a href="/a/">A</a>',
        'a/index.html': '<a href="/">Home</a><a href="/b/" rel="nofollow">B</a>',
        'b/index.html': '',
      });
      const stats = graphStats(s);
      expect(stats.get(page(s, 'a/index.html'))).toEqual({
        inbound: 1,
        outbound: 1,
        depth: 1,
        equity: 100,
      });
      expect(stats.get(page(s, 'b/index.html'))).toMatchObject({ inbound: 0, depth: null });
    });
  });

  describe('pages that could not be read in full', () => {
    const s = site({
      'docs/index.md': '# Docs\n\n[Notes](notes.mdx)\n',
      'docs/notes.mdx': '# Notes\n\n<Changelog version="2"\n',
      'docs/faq.md': '# FAQ\n\n[Docs](index.md)\n',
    });
    const run = (id: string, options: unknown = {}) =>
      runRules(
        s,
        resolveConfig([{ origin: 'test', config: { rules: { [id]: ['warn', options] } } }]),
        placeInPage,
      ).filter((finding) => finding.ruleId === id);

    it('are listed, and findings their unknown links could change say so', () => {
      expect(siteGraph(s).partialPages.map((one) => one.file)).toEqual(['docs/notes.mdx']);
      const orphans = run('orphan-page', { checkSources: true });
      expect(orphans.map((finding) => finding.file)).toEqual(['docs/faq.md']);
      expect(orphans[0]!.note).toContain('`docs/notes.mdx` could not be read in full');
    });

    it('are never called dead ends: their links are not known', () => {
      expect(rules.has('dead-end-page')).toBe(true);
      const deadEnds = run('dead-end-page', { checkSources: true });
      expect(deadEnds.map((finding) => finding.file)).toEqual([]);
    });
  });
});
