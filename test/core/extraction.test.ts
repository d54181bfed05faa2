import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LintReport } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { defaultThreads } from '../../packages/core/src/extract/pool.js';
import { tempSite } from '../support/temp-site.js';

// Worker threads need the compiled worker, so this test drives the built package.
const dist = fileURLToPath(new URL('../../packages/core/dist/', import.meta.url));

interface Built {
  lint: (options: Record<string, unknown>) => Promise<LintReport>;
}
interface BuiltFile {
  extractFile: (job: Record<string, unknown>) => Promise<{ unchanged: boolean; hash?: string }>;
}

function pages(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index++) {
    const next = (index + 1) % count;
    files[`p${index}/index.html`] =
      `<h1 id="t${index}">Page ${index}</h1><a href="/p${next}/#t${next}">next</a>` +
      (index % 50 === 0 ? `<a href="/p${next}/#missing">broken</a>` : '');
  }
  return files;
}

describe.runIf(existsSync(`${dist}index.js`))(
  'extraction: worker threads and the facts cache',
  () => {
    it('gives the same report on worker threads as on one thread', async () => {
      const { lint } = (await import(`${dist}index.js`)) as Built;
      const root = tempSite(pages(300));
      const single = await lint({ root, outDir: '', configFile: false, threads: 0 });
      const parallel = await lint({ root, outDir: '', configFile: false, threads: 2 });
      expect(parallel.findings).toEqual(single.findings);
      expect(parallel.pages).toEqual(single.pages);
      expect(single.findings).toHaveLength(6);
    });

    it('scores pages while the workers extract, with the same report', async () => {
      const { lint, jsonReportBytes } = (await import(`${dist}index.js`)) as Built & {
        jsonReportBytes: (report: LintReport) => Iterable<Buffer>;
      };
      const { hasPreparedScorecard } = (await import(`${dist}report/json.js`)) as {
        hasPreparedScorecard: (page: LintReport['pages'][number]) => boolean;
      };
      const root = tempSite(pages(300));
      const bytes = (report: LintReport) =>
        Buffer.concat([
          ...jsonReportBytes({ ...report, summary: { ...report.summary, durationMs: 0 } }),
        ]);
      const single = await lint({
        root,
        outDir: '',
        configFile: false,
        threads: 0,
        jsonReport: true,
      });
      // One worker leaves this thread a core (on two or more), so it scores pages meanwhile.
      const overlapped = await lint({
        root,
        outDir: '',
        configFile: false,
        threads: 1,
        jsonReport: true,
      });
      expect(bytes(overlapped).equals(bytes(single))).toBe(true);
      expect(single.pages.some(hasPreparedScorecard)).toBe(false);
      if (availableParallelism() > 1)
        expect(overlapped.pages.every(hasPreparedScorecard)).toBe(true);
    });

    it('reuses cached facts for unchanged files and re-reads changed ones', async () => {
      const { lint } = (await import(`${dist}index.js`)) as Built;
      const { extractFile } = (await import(`${dist}extract/file.js`)) as BuiltFile;
      const root = tempSite(pages(20));
      const options = { root, outDir: '', configFile: false, cache: '.cache/facts.json' };
      const first = await lint(options);
      expect(existsSync(join(root, '.cache/facts.json'))).toBe(true);
      expect((await lint(options)).findings).toEqual(first.findings);

      writeFileSync(join(root, 'p3/index.html'), '<h1 id="t3">Three</h1><a href="/gone/">gone</a>');
      const changed = await lint(options);
      expect(changed.findings.map((finding) => finding.target)).toContain('/gone/');

      const job = {
        path: join(root, 'p3/index.html'),
        file: 'p3/index.html',
        kind: 'html',
        hash: true,
      };
      const { hash } = await extractFile(job);
      expect(await extractFile({ ...job, cachedHash: hash })).toMatchObject({ unchanged: true });
    });

    it('appends changed entries to the cache, writes nothing when none changed', async () => {
      const { lint } = (await import(`${dist}index.js`)) as Built;
      const root = tempSite(pages(20));
      const cacheFile = join(root, '.cache/facts.json');
      const options = { root, outDir: '', configFile: false, cache: '.cache/facts.json' };
      const lines = () => readFileSync(cacheFile, 'utf8').trimEnd().split('\n');
      const first = await lint(options);
      expect(lines()).toHaveLength(21);

      const written = statSync(cacheFile).mtimeMs;
      await lint(options);
      expect(statSync(cacheFile).mtimeMs).toBe(written);

      writeFileSync(join(root, 'p3/index.html'), '<h1 id="t3">Three</h1><a href="/gone/">gone</a>');
      const changed = await lint(options);
      expect(lines()).toHaveLength(22);
      // The appended line replaces the first one for p3.
      expect((await lint(options)).findings).toEqual(changed.findings);

      writeFileSync(join(root, 'p3/index.html'), pages(20)['p3/index.html']!);
      expect((await lint(options)).findings).toEqual(first.findings);
      expect(lines()).toHaveLength(23);

      // A file gone: the cache is written whole again, with live entries only.
      rmSync(join(root, 'p19'), { recursive: true });
      await lint(options);
      expect(lines()).toHaveLength(20);
    });
  },
);

it('starts workers by default on large sites only, one per core with two or three', () => {
  expect(defaultThreads(10_000, 1)).toBe(0);
  expect(defaultThreads(1_000, 2)).toBe(0);
  expect(defaultThreads(1_999, 2)).toBe(0);
  expect(defaultThreads(2_000, 2)).toBe(2);
  expect(defaultThreads(10_000, 2)).toBe(2);
  expect(defaultThreads(500, 8)).toBe(0);
  expect(defaultThreads(1_000, 8)).toBe(7);
});

it('the worker-thread tests ran against a build', () => {
  if (!existsSync(`${dist}index.js`)) {
    throw new Error(
      'packages/core is not built: `npm test` builds before testing; run `pnpm run build`.',
    );
  }
});
