import { extractHtml } from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../../packages/core/src/extract/file.js';
import {
  BatchStrings,
  packResult,
  readTable,
  unpackResult,
} from '../../packages/core/src/extract/transfer.js';

/** A batch of results as the main thread gets it: packed, copied as postMessage copies, unpacked. */
function sendBatch(results: ExtractResult[]) {
  const strings = new BatchStrings();
  const message = structuredClone({
    results: results.map((result) => packResult(result, strings)),
    strings: strings.table(),
  });
  const table = readTable(message.strings);
  return { results: message.results.map((result) => unpackResult(result, table)), strings: table };
}

/** What the main thread gets from a worker for one result. */
function sent(result: ExtractResult): ExtractResult {
  return sendBatch([result]).results[0]!;
}

const page = (html: string, file = 'index.html'): ExtractResult => ({
  file,
  unchanged: false,
  facts: extractHtml(html, { file }),
});

describe('facts sent from pool workers', () => {
  it('arrive as extractHtml made them: values, key order, rel and aria-label', () => {
    const facts = extractHtml(
      `<html lang="en"><title>T</title><header><a href="/">Home</a></header>
      <nav><a href="/a/" rel="nofollow  Noopener">A</a></nav>
      <main><p>See <a href="b.html#x" aria-label="  The   B page ">b</a> and
      <a href="https://example.org/"><img src="x.png" alt="Example"></a>.</p>
      <map><area href="/c/" alt="C"></map></main>
      <aside><a href="#top">Top</a></aside><footer><a href="mailto:a@b.c"></a></footer>`,
      { file: 'index.html' },
    );
    expect(facts.links.map((link) => link.region)).toEqual([
      'header',
      'nav',
      'content',
      'content',
      'content',
      'aside',
      'footer',
    ]);
    const result: ExtractResult = { file: facts.file, unchanged: false, facts };
    const packed = packResult(result, new BatchStrings());
    expect('packedLinks' in packed).toBe(true);
    // JSON text compares key order too.
    expect(JSON.stringify(sent(result))).toBe(JSON.stringify(result));
  });

  it('leaves pages that are not built HTML, and unchanged files, as they are', () => {
    const facts = extractMarkdown('# T\n\n[a](./a.md) [b](https://example.org)\n', {
      file: 'index.md',
    });
    const result: ExtractResult = { file: facts.file, unchanged: false, facts };
    expect(packResult(result, new BatchStrings())).toBe(result);
    const unchanged: ExtractResult = { file: 'a.html', hash: 'x', unchanged: true };
    expect(packResult(unchanged, new BatchStrings())).toBe(unchanged);
    expect(JSON.stringify(sent(result))).toBe(JSON.stringify(result));
  });

  it('sends each distinct href and text of a batch once', () => {
    const nav =
      '<nav><a href="/guides/getting-started/">Getting started</a><a href="/">Home</a></nav>';
    const pages = [1, 2].map((n) =>
      page(
        `<html><title>P${n}</title>${nav}<main><a href="/p${n}/">Post ${n}</a></main>`,
        `p${n}.html`,
      ),
    );
    const batch = sendBatch(pages);
    // The navigation's strings once for both pages, the posts' links each.
    expect(batch.strings).toEqual([
      '/guides/getting-started/',
      'Getting started',
      '/',
      'Home',
      '/p1/',
      'Post 1',
      '/p2/',
      'Post 2',
    ]);
    for (const [index, result] of batch.results.entries()) {
      expect(JSON.stringify(result)).toBe(JSON.stringify(pages[index]));
    }
  });
});
