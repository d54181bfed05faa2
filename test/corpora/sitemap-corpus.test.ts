import { lint, type Finding } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { corpus } from '../support/corpora.js';

const built = corpus('mkdocs-built');
const SITEMAP_RULES = new Set(['redirected-link', 'not-in-sitemap', 'sitemap-non-indexable']);

function sitemapFindings(findings: readonly Finding[]): string[] {
  return findings
    .filter((finding) => SITEMAP_RULES.has(finding.ruleId))
    .map(
      (finding) =>
        `${finding.file ?? ''}:${finding.line ?? ''} ${finding.ruleId}/${finding.messageId}`,
    );
}

describe.skipIf(!built.present)('corpus: mkdocs-built sitemap and redirect pages', () => {
  it('finds nothing wrong: every indexable page is listed, redirect pages are not', async () => {
    // 23 pages: 19 in sitemap.xml, the 404 page, and 3 mkdocs-redirects pages (meta refresh,
    // noindex, canonical to their target). No link leads to a redirect page.
    const report = await lint({ root: built.path, outDir: '', configFile: false });
    expect(report.summary.pages).toBe(23);
    expect(sitemapFindings(report.findings)).toEqual([]);
  });

  it('reads the sitemap: under `trailingSlash: never` every entry but the home page redirects', async () => {
    const report = await lint({
      root: built.path,
      outDir: '',
      configFile: false,
      config: { rules: { 'redirected-link': 'off' }, trailingSlash: 'never' },
    });
    const entries = sitemapFindings(report.findings);
    expect(entries).toHaveLength(18);
    expect(new Set(entries.map((entry) => entry.replace(/:\d+ /, ' ')))).toEqual(
      new Set(['sitemap.xml sitemap-non-indexable/redirect']),
    );
  });
});
