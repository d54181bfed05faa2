import { extractHtml } from '@linkworthy/core';
import { extractMarkdown } from '@linkworthy/core/markdown';
import { describe, expect, it } from 'vitest';
import type { ExtractResult } from '../../packages/core/src/extract/file.js';
import { packResult, unpackResult } from '../../packages/core/src/extract/transfer.js';

/** What the main thread gets from a worker: packed, copied as postMessage copies, unpacked. */
function sent(result: ExtractResult): ExtractResult {
  return unpackResult(structuredClone(packResult(result)));
}

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
    const packed = packResult(result);
    expect('packedLinks' in packed).toBe(true);
    // JSON text compares key order too.
    expect(JSON.stringify(sent(result))).toBe(JSON.stringify(result));
  });

  it('leaves pages that are not built HTML, and unchanged files, as they are', () => {
    const facts = extractMarkdown('# T\n\n[a](./a.md) [b](https://example.org)\n', {
      file: 'index.md',
    });
    const result: ExtractResult = { file: facts.file, unchanged: false, facts };
    expect(packResult(result)).toBe(result);
    const unchanged: ExtractResult = { file: 'a.html', hash: 'x', unchanged: true };
    expect(packResult(unchanged)).toBe(unchanged);
    expect(JSON.stringify(sent(result))).toBe(JSON.stringify(result));
  });
});
