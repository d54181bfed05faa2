import {
  formatJson,
  formatJsonBytes,
  jsonReportBytes,
  jsonReportChunks,
  lint,
  prepareScorecardJson,
  type LintReport,
} from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { tempSite } from '../support/temp-site.js';

const prose = (words: number) =>
  Array.from({ length: words }, (_, index) => `word${index % 50}`).join(' ');

async function report(): Promise<LintReport> {
  const root = tempSite({
    'dist/index.html': `<html lang="en"><head><title>Home</title></head><body><main><h1>Home</h1><p>${prose(300)} – “quoted” √2</p><a href="/a/">A</a></main></body></html>`,
    'dist/a/index.html': `<html lang="en"><head><title>A</title></head><body><main><h1 id="a">A</h1><p>${prose(120)}</p><a href="/#gone">Home</a></main></body></html>`,
    'dist/redirect/index.html': '<meta http-equiv="refresh" content="0; url=/a/">',
  });
  return lint({ root, outDir: 'dist', configFile: false, threads: 0 });
}

describe('formatJsonBytes', () => {
  it('is formatJson’s text as UTF-8, with scorecards prepared ahead or not', async () => {
    const lintReport = await report();
    expect(lintReport.pages.filter((page) => page.linkability)).toHaveLength(2);
    const expected = Buffer.from(formatJson(lintReport));
    expect(formatJsonBytes(lintReport).equals(expected)).toBe(true);
    for (const page of lintReport.pages) {
      if (page.linkability) prepareScorecardJson(page.linkability);
    }
    expect(formatJsonBytes(lintReport).equals(expected)).toBe(true);
    // A key added after the scorecard (the Astro integration adds `source` for route pages).
    lintReport.pages[0]!.source = 'src/pages/index.astro';
    expect(formatJsonBytes(lintReport).equals(Buffer.from(formatJson(lintReport)))).toBe(true);
    expect(
      formatJsonBytes({ ...lintReport, pages: [] }).equals(
        Buffer.from(formatJson({ ...lintReport, pages: [] })),
      ),
    ).toBe(true);
  });
});

describe('jsonReportBytes', () => {
  it('is jsonReportChunks as UTF-8, with some, all or none of the scorecards prepared', async () => {
    // More pages than one chunk holds (256), so chunks with and without prepared text meet.
    const files: Record<string, string> = {};
    for (let index = 0; index < 600; index++) {
      files[`dist/p${index}/index.html`] =
        `<html lang="en"><head><title>Page ${index}</title></head><body><main><h1>Page ${index}</h1>` +
        `<p>${prose(40 + (index % 7) * 30)} – ${index} % “quoted”</p><a href="/p${(index + 1) % 600}/">next</a></main></body></html>`;
    }
    const lintReport = await lint({
      root: tempSite(files),
      outDir: 'dist',
      configFile: false,
      threads: 0,
    });
    const expected = Buffer.from(formatJson(lintReport));
    const bytes = () => Buffer.concat([...jsonReportBytes(lintReport)]);
    expect(Buffer.from([...jsonReportChunks(lintReport)].join('')).equals(expected)).toBe(true);
    expect(bytes().equals(expected)).toBe(true);
    // Every third page's scorecard, then all of them.
    lintReport.pages.forEach((page, index) => {
      if (page.linkability && index % 3 === 0) prepareScorecardJson(page.linkability);
    });
    expect(bytes().equals(expected)).toBe(true);
    for (const page of lintReport.pages) {
      if (page.linkability) prepareScorecardJson(page.linkability);
    }
    expect(bytes().equals(expected)).toBe(true);
  });
});
