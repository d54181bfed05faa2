import { formatJson, jsonReportChunks, lint, type LintReport } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

describe('jsonReportChunks', () => {
  it('gives the text of formatJson, byte for byte, in pieces', async () => {
    const root = tempSite({
      'index.html':
        '<title>Home</title><h1 id="top">Home</h1><a href="/a/">A</a> <a href="/gone/">Gone</a>',
      'a/index.html':
        '<title>A</title><p>Text with "quotes" and\nlines.</p><a href="/#nope">Back</a>',
    });
    const report = await lint({ root, outDir: '', configFile: false });
    expect(report.findings.length).toBeGreaterThan(0);
    const chunks = [...jsonReportChunks(report)];
    expect(chunks.length).toBeGreaterThan(report.pages.length);
    expect(chunks.join('')).toBe(formatJson(report));
  });

  it('handles empty arrays and absent values as JSON.stringify does', () => {
    const report = {
      tool: { name: 'linkworthy', version: '0' },
      root: '/x',
      summary: { pages: 0, links: 0, errors: 0, warnings: 0, infos: 0, durationMs: 1 },
      pages: [],
      findings: [],
      extra: undefined,
    } as unknown as LintReport;
    expect([...jsonReportChunks(report)].join('')).toBe(formatJson(report));
  });
});
