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

  it('gives the same bytes for arrays of many elements, written a slice at a time', () => {
    const finding = (index: number) => ({
      ruleId: 'broken-link',
      severity: 'error',
      message: `Broken link \`/p${index}/\`:\n"quoted" \u2028 text`,
      line: index,
      data: { nested: [index, { deep: [] }], empty: {} },
    });
    const report = {
      tool: { name: 'linkworthy', version: '0' },
      root: '/x',
      summary: { pages: 2, links: 0, errors: 0, warnings: 0, infos: 0, durationMs: 1 },
      pages: Array.from({ length: 513 }, (_, index) => ({ url: `/p${index}/`, depth: null })),
      // `undefined` and functions in arrays are written as null, by both.
      findings: [
        ...Array.from({ length: 700 }, (_, index) => finding(index)),
        undefined,
        () => 1,
        [],
      ],
    } as unknown as LintReport;
    const chunks = [...jsonReportChunks(report)];
    expect(chunks.length).toBeGreaterThan(6);
    expect(chunks.join('')).toBe(formatJson(report));
  });

  it('keeps chunks of large elements small: a few pages with scorecards, not 256', () => {
    // Each element about 9 kB, as a page with its scorecard is: chunks of hundreds of them
    // were megabytes each, which V8 allocates in the old generation.
    const page = (index: number) => ({
      url: `/p${index}/`,
      text: 'x'.repeat(9000 + (index % 7) * 100),
    });
    const report = {
      tool: { name: 'linkworthy', version: '0' },
      root: '/x',
      summary: { pages: 600, links: 0, errors: 0, warnings: 0, infos: 0, durationMs: 1 },
      pages: Array.from({ length: 600 }, (_, index) => page(index)),
      findings: [],
    } as unknown as LintReport;
    const chunks = [...jsonReportChunks(report)];
    expect(chunks.join('')).toBe(formatJson(report));
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(128 * 1024);
    expect(chunks.length).toBeGreaterThan(600 / 8);
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
