import { gzipSync } from 'node:zlib';
import { lint } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

const RULES = [
  'broken-link',
  'broken-fragment',
  'redirected-link',
  'not-in-sitemap',
  'sitemap-non-indexable',
];

describe('lint: robots.txt, sitemaps and _redirects in the output folder', () => {
  const root = tempSite({
    'linkworthy.config.json': JSON.stringify({
      site: 'https://example.com',
      trailingSlash: 'always',
      redirects: { '/blog/': '/news/' },
      i18n: { locales: ['en', 'fr'], defaultLocale: 'en' },
    }),
    'dist/robots.txt':
      'User-agent: *\nDisallow: /private/\nSitemap: https://example.com/sitemap-index.xml\n',
    'dist/_redirects': '# moved\n/old/*  /guide/:splat  301\n/loop/  /loop/\n',
    'dist/sitemap-index.xml':
      '<sitemapindex><sitemap><loc>https://example.com/sitemap-0.xml.gz</loc></sitemap></sitemapindex>',
    'dist/sitemap-0.xml.gz': gzipSync(
      [
        '<urlset>',
        '<url><loc>https://example.com/</loc></url>',
        '<url><loc>https://example.com/old/install/</loc></url>',
        '<url><loc>https://example.com/private/</loc></url>',
        '<url><loc>https://example.com/gone/</loc></url>',
        '</urlset>',
      ].join('\n'),
    ),
    'dist/index.html': [
      '<a href="/old/install/#setup">Install</a>',
      '<a href="/guide/install">Install, no slash</a>',
      '<a href="/blog/">Blog</a>',
      '<a href="/fr/guide/install/">Installer</a>',
      '<a href="/loop/">Loop</a>',
      '<a href="/Guide/install/">Case</a>',
    ].join('\n'),
    'dist/guide/install/index.html': '<h1>Install</h1><h2 id="setup">Setup</h2>',
    'dist/news/index.html': '<h1>News</h1>',
    'dist/private/index.html': '<h1>Private</h1>',
    'dist/unlisted/index.html': '<h1>Unlisted</h1>',
    'dist/404.html': '<h1>Page not found</h1>',
    // Outside the output folder: never read as the site's robots.txt.
    'robots.txt': 'User-agent: *\nDisallow: /\n',
  });

  it('reads them from the output folder and reports each rule at the right file and line', async () => {
    const report = await lint({ root, outDir: 'dist' });
    const found = report.findings
      .filter((finding) => RULES.includes(finding.ruleId))
      .map(
        (finding) =>
          `${finding.file ?? ''}:${finding.line ?? ''} ${finding.ruleId}/${finding.messageId}`,
      )
      .sort();
    expect(found).toEqual(
      [
        'dist/index.html:1 redirected-link/redirected',
        'dist/index.html:2 redirected-link/trailingSlash',
        'dist/index.html:3 redirected-link/redirected',
        'dist/index.html:5 broken-link/redirectLoop',
        'dist/index.html:6 broken-link/wrongCase',
        'dist/sitemap-0.xml.gz:3 sitemap-non-indexable/redirect',
        'dist/sitemap-0.xml.gz:4 sitemap-non-indexable/blocked',
        'dist/sitemap-0.xml.gz:5 sitemap-non-indexable/missing',
        'dist/news/index.html:1 not-in-sitemap/missing',
        'dist/unlisted/index.html:1 not-in-sitemap/missing',
      ].sort(),
    );
    const redirected = report.findings.find((finding) => finding.target === '/old/install/#setup');
    expect(redirected?.suggestions).toEqual(['/guide/install/#setup']);
    expect(redirected?.message).toContain('`_redirects:2`');
  });

  it('reads nothing without an output folder, and nothing when the files are absent', async () => {
    const bare = tempSite({
      'index.html': '<a href="/a/">A</a>',
      'a/index.html': '<h1>A</h1>',
    });
    const report = await lint({ root: bare, outDir: '', configFile: false });
    expect(report.findings.filter((finding) => RULES.includes(finding.ruleId))).toEqual([]);
  });
});
