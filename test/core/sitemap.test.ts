import { gzipSync } from 'node:zlib';
import { parseSitemap, readSitemaps } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';

describe('parseSitemap', () => {
  it('reads <loc> inside <url>, with line and column', () => {
    const text = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      '  <url>',
      '    <loc>https://example.com/</loc>',
      '    <lastmod>2024-01-01</lastmod>',
      '  </url>',
      '  <url><loc>https://example.com/about/</loc></url>',
      '</urlset>',
    ].join('\n');
    expect(parseSitemap(text)).toEqual({
      kind: 'urlset',
      entries: [
        { loc: 'https://example.com/', line: 4, column: 5 },
        { loc: 'https://example.com/about/', line: 7, column: 8 },
      ],
    });
  });

  it('decodes entities, keeps CDATA literal, trims whitespace and skips comments', () => {
    const text = `<urlset>
      <url><loc>
        https://example.com/search?q=a&amp;b=&#x31;&#50;
      </loc></url>
      <url><loc><![CDATA[https://example.com/a?x=1&amp;y]]></loc></url>
      <!-- <url><loc>https://example.com/commented/</loc></url> -->
      <url><image:image><image:loc>https://example.com/img.png</image:loc></image:image>
        <loc>https://example.com/caf&#233;/</loc></url>
      <url><loc></loc></url>
    </urlset>`;
    expect(parseSitemap(text).entries.map((entry) => entry.loc)).toEqual([
      'https://example.com/search?q=a&b=12',
      'https://example.com/a?x=1&amp;y',
      'https://example.com/café/',
    ]);
  });

  it('reads namespace-prefixed sitemaps and sitemap indexes', () => {
    const text =
      '<sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:sitemap><sm:loc>https://example.com/sitemap-0.xml</sm:loc></sm:sitemap></sm:sitemapindex>';
    expect(parseSitemap(text)).toEqual({
      kind: 'sitemapindex',
      entries: [
        { loc: 'https://example.com/sitemap-0.xml', line: 1, column: text.indexOf('<sm:loc>') + 1 },
      ],
    });
  });

  it('inflates gzip and never throws on garbage', () => {
    const gz = gzipSync('<urlset><url><loc>/a/</loc></url></urlset>');
    expect(parseSitemap(gz).entries.map((entry) => entry.loc)).toEqual(['/a/']);
    expect(parseSitemap(new Uint8Array([0x1f, 0x8b, 1, 2, 3]))).toEqual({
      kind: 'unknown',
      entries: [],
    });
    expect(parseSitemap('<urlset><url><loc>https://x/').entries).toEqual([]);
    expect(parseSitemap('not xml at all').kind).toBe('unknown');
  });
});

describe('readSitemaps', () => {
  const files: Record<string, string | Uint8Array> = {
    'sitemap-index.xml':
      '<sitemapindex><sitemap><loc>https://example.com/sitemap-0.xml</loc></sitemap><sitemap><loc>https://example.com/nested/index.xml</loc></sitemap><sitemap><loc>https://example.com/gone.xml</loc></sitemap><sitemap><loc>https://cdn.example.org/other.xml</loc></sitemap></sitemapindex>',
    'sitemap-0.xml': '<urlset><url><loc>https://example.com/a/</loc></url></urlset>',
    'nested/index.xml':
      '<sitemapindex><sitemap><loc>https://example.com/nested/b.xml.gz</loc></sitemap><sitemap><loc>https://example.com/sitemap-index.xml</loc></sitemap></sitemapindex>',
    'nested/b.xml.gz': gzipSync('<urlset><url><loc>https://example.com/b/</loc></url></urlset>'),
  };
  const locate = (url: string) =>
    url.startsWith('https://example.com/') ? url.slice('https://example.com/'.length) : undefined;

  it('follows nested indexes once each, and lists index entries with no file', () => {
    const sitemaps = readSitemaps(
      ['sitemap.xml', 'sitemap-index.xml'],
      (file) => files[file],
      locate,
    )!;
    expect(sitemaps.files.map((file) => file.file)).toEqual([
      'sitemap-index.xml',
      'sitemap-0.xml',
      'nested/index.xml',
      'nested/b.xml.gz',
    ]);
    expect(sitemaps.entries.map((entry) => `${entry.file} ${entry.loc}`)).toEqual([
      'sitemap-0.xml https://example.com/a/',
      'nested/b.xml.gz https://example.com/b/',
    ]);
    const column =
      (files['sitemap-index.xml'] as string).indexOf('<loc>https://example.com/gone') + 1;
    expect(sitemaps.missing).toEqual([
      { file: 'sitemap-index.xml', loc: 'https://example.com/gone.xml', line: 1, column },
    ]);
  });

  it('is undefined when no sitemap exists', () => {
    expect(readSitemaps(['sitemap.xml'], () => undefined, locate)).toBeUndefined();
  });
});
