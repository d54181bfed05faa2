import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExtractJob, ExtractResult } from '../../packages/core/src/extract/file.js';
import { extractAll } from '../../packages/core/src/extract/pool.js';
import { tempSite } from '../support/temp-site.js';

// `onResult` hands each page over as soon as it is extracted, with its job's index, so work that
// needs one page can be done while the others are read.

function jobs(count: number): ExtractJob[] {
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index++) files[`p${index}.html`] = `<h1>Page ${index}</h1>`;
  const root = tempSite(files);
  return Object.keys(files).map((file) => ({ path: join(root, file), file, kind: 'html' }));
}

describe('extractAll onResult', () => {
  it('gives every result once, with the index of its job', async () => {
    const all = jobs(40);
    const seen = new Map<number, ExtractResult>();
    const results = await extractAll(all, {
      threads: 0,
      onResult(result, index) {
        expect(seen.has(index)).toBe(false);
        seen.set(index, result);
      },
    });
    expect(seen.size).toBe(40);
    for (const [index, result] of results.entries()) {
      expect(seen.get(index)).toBe(result);
      expect(result.unchanged ? undefined : result.facts.file).toBe(all[index]!.file);
    }
  });

  it('rejects with what the callback threw', async () => {
    await expect(
      extractAll(jobs(5), {
        threads: 0,
        onResult(_, index) {
          if (index === 2) throw new Error('no room for page 2');
        },
      }),
    ).rejects.toThrow('no room for page 2');
  });
});
