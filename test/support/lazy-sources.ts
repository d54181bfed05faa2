import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lint, type LintOptions, type LintReport } from '@linkworthy/core';
import { expect } from 'vitest';

/** The report without its timing, which differs from run to run. */
function comparable(report: LintReport): unknown {
  return { ...report, summary: { ...report.summary, durationMs: 0 } };
}

/** Lints eagerly and lazily (`sourceFacts: 'lazy'`); the reports must be the same, JSON text included. */
export async function expectSameReports(options: LintOptions): Promise<LintReport> {
  const eager = await lint({ ...options, threads: 0 });
  const lazy = await lint({ ...options, threads: 0, sourceFacts: 'lazy' });
  expect(JSON.stringify(comparable(lazy), null, 1)).toBe(
    JSON.stringify(comparable(eager), null, 1),
  );
  return lazy;
}

/**
 * The same check on an Astro project the calling test has just built: its `dist/` against its
 * `src/content` and `src/pages`, as the integration reads them.
 */
export async function expectLazyMatchesEagerOnBuild(root: string): Promise<void> {
  expect(existsSync(join(root, 'dist')), `${root} has no dist/: the build test failed`).toBe(true);
  const sources = ['src/content', 'src/pages'].filter((dir) => existsSync(join(root, dir)));
  const report = await expectSameReports({ root, outDir: 'dist', sources, configFile: false });
  expect(report.summary.pages).toBeGreaterThan(0);
}
