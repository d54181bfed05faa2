import { lint, type LintReport } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { scanSource } from '../../packages/core/src/site/lazy-sources.js';
import { CORPORA_DIR, corpus } from '../support/corpora.js';
import { expectSameReports } from '../support/lazy-sources.js';
import { tempSite } from '../support/temp-site.js';

describe('lint({ sourceFacts: "lazy" })', () => {
  it('gives the eager report: links placed in sources, controls, infographics, ties, fallbacks', async () => {
    const root = tempSite({
      // Traced by path alone; a broken fragment is placed on the source's line.
      'src/content/blog/first-post.md':
        '---\ntitle: First\n---\n\n# First\n\nSee [the second](/blog/second-post/#setup).\n\nAnd [gone](/gone/).\n',
      'src/content/blog/second-post.md': '# Second\n\n## Set-up\n',
      // A lint-control comment: read before the rules, its finding suppressed.
      'src/content/blog/quiet.md':
        '# Quiet\n\n<!-- lint disable broken-link -->\n\n[gone](/gone/)\n',
      // Frontmatter slug that differs from the file name.
      'src/content/blog/2024-03-slugged.md':
        "---\nslug: 'slugged'\n---\n\n# Slugged\n\n[Nowhere](/blog/first-post/#nowhere)\n",
      // Two sources named alike: decided on content.
      'src/content/docs/setup.md': '# Docs setup\n\n[Broken](/docs/missing/)\n',
      'src/content/guides/setup.md': '# Guide setup\n\n[Broken too](/guides/missing/)\n',
      // A locale with a fallback page made from the default locale's source.
      'src/content/docs/fr/setup.md': '# Installation\n\n[Cassé](/fr/docs/absent/)\n',
      // A source whose name is a tag page's last segment: the tag page is not made from it.
      'src/content/blog/espresso.md': '# Espresso\n\n[Ratio](/blog/ratio/)\n',
      // Invalid frontmatter on a source that is read (it has a finding placed in it).
      'src/content/blog/bad.md': '---\ntitle: [unclosed\n---\n\n# Bad\n\n[x](/blog/none/)\n',
      'src/content/index.md': '# Home\n\n[First](/blog/first-post/)\n',
      'dist/index.html':
        '<main><h1>Home</h1><a href="/blog/first-post/">First</a><a href="/tags/espresso/">T</a></main>',
      'dist/blog/first-post/index.html':
        '<nav><a href="/">Home</a></nav><main><h1 id="first">First</h1><p>See <a href="/blog/second-post/#setup">the second</a>. And <a href="/gone/">gone</a>.</p></main>',
      'dist/blog/second-post/index.html':
        '<main><h1 id="second">Second</h1><h2 id="set-up">Set-up</h2></main>',
      'dist/blog/quiet/index.html': '<main><h1>Quiet</h1><a href="/gone/">gone</a></main>',
      'dist/blog/slugged/index.html':
        '<main><h1>Slugged</h1><a href="/blog/first-post/#nowhere">Nowhere</a></main>',
      'dist/docs/setup/index.html':
        '<main><h1>Docs setup</h1><a href="/docs/missing/">Broken</a></main>',
      'dist/guides/setup/index.html':
        '<main><h1>Guide setup</h1><a href="/guides/missing/">Broken too</a></main>',
      'dist/fr/docs/setup/index.html':
        '<main><h1>Installation</h1><a href="/fr/docs/absent/">Cassé</a></main>',
      'dist/fr/guides/setup/index.html':
        '<main><h1>Guide setup</h1><a href="/guides/missing/">Broken too</a></main>',
      'dist/blog/espresso/index.html':
        '<main><h1>Espresso</h1><a href="/blog/ratio/">Ratio</a></main>',
      'dist/tags/espresso/index.html':
        '<main><h1>Tagged espresso</h1><a href="/blog/espresso/">Espresso</a></main>',
      'dist/blog/bad/index.html': '<main><h1>Bad</h1><a href="/blog/none/">x</a></main>',
    });
    const report = await expectSameReports({
      root,
      outDir: 'dist',
      sources: ['src/content'],
      configFile: false,
    });
    const placed = report.findings
      .filter((finding) => finding.ruleId.startsWith('broken-') || finding.ruleId === 'parse-error')
      .map((finding) => `${finding.file ?? ''}:${finding.line ?? '-'} ${finding.ruleId}`);
    expect(placed).toContain('src/content/blog/first-post.md:7 broken-fragment');
    expect(placed).toContain('src/content/blog/2024-03-slugged.md:7 broken-fragment');
    expect(placed).toContain('src/content/docs/setup.md:3 broken-link');
    expect(placed).toContain('src/content/blog/bad.md:2 parse-error');
    expect(placed.filter((line) => line.startsWith('src/content/blog/quiet.md'))).toEqual([]);
    expect(report.pages.find((page) => page.url === '/tags/espresso/')?.source).toBeUndefined();
  });

  it('parses only the sources it needs: an unneeded source’s parse error goes unreported', async () => {
    const root = tempSite({
      'src/content/blog/post.md': '---\ntitle: [unclosed\n---\n\n# Post\n\n[Home](/)\n',
      'dist/index.html': '<main><h1>Home</h1><a href="/blog/post/">Post</a></main>',
      'dist/blog/post/index.html': '<main><h1>Post</h1><a href="/">Home</a></main>',
    });
    const options = { root, outDir: 'dist', sources: ['src/content'], configFile: false as const };
    const parseErrors = (report: LintReport) =>
      report.findings.filter((finding) => finding.ruleId === 'parse-error').map((f) => f.file);
    expect(parseErrors(await lint(options))).toEqual(['src/content/blog/post.md']);
    const lazy = await lint({ ...options, sourceFacts: 'lazy' });
    expect(parseErrors(lazy)).toEqual([]);
    // Traced by its path all the same.
    expect(lazy.pages.find((page) => page.url === '/blog/post/')?.source).toBe(
      'src/content/blog/post.md',
    );
  });

  it('reads only what attribution needs from a source’s text', () => {
    expect(scanSource('/a.md', 'a.md', '---\nslug: "x/y"\n---\n# A\n')).toEqual({
      path: '/a.md',
      file: 'a.md',
      slug: 'x/y',
      early: false,
    });
    expect(scanSource('/a.md', 'a.md', '---\nslug: a#b # note\n---\n').slug).toBe('a#b');
    // Not plain strings, or not sure: parsed before attribution, which then uses the parse.
    expect(scanSource('/a.md', 'a.md', '---\nslug: 42\n---\n').early).toBe(true);
    expect(scanSource('/a.md', 'a.md', '---\nslug:\n---\n').early).toBe(true);
    expect(scanSource('/a.md', 'a.md', '---\nslug: >\n  folded\n---\n').early).toBe(true);
    expect(scanSource('/a.md', 'a.md', '# A\n\n<!-- lint ignore broken-link -->\n').early).toBe(
      true,
    );
    expect(scanSource('/a.md', 'a.md', '![x](/x.svg "Infographic: X")').early).toBe(true);
    expect(scanSource('/a.md', 'a.md', '---\ninfographics:\n  - src: /x.svg\n---\n').early).toBe(
      true,
    );
    expect(scanSource('/a.md', 'a.md', '# A\n\nslug: not frontmatter\n')).toEqual({
      path: '/a.md',
      file: 'a.md',
      early: false,
    });
  });

  // The Astro fixtures and the example blog are checked right after their builds
  // (test/astro/*: expectLazyMatchesEagerOnBuild).

  const mkdocs = corpus('mkdocs-built').present && corpus('mkdocs-src').present;
  it.skipIf(!mkdocs)('gives the eager report on mkdocs-src + mkdocs-built', async () => {
    await expectSameReports({
      root: CORPORA_DIR,
      outDir: 'mkdocs-built',
      sources: ['mkdocs-src'],
      configFile: false,
    });
  });

  it.skipIf(!corpus('glfw-site').present)(
    'gives the eager report on glfw-site (Jekyll Markdown and built HTML)',
    async () => {
      await expectSameReports({
        root: corpus('glfw-site').path,
        outDir: '',
        sources: ['.'],
        configFile: false,
      });
    },
  );
});
