import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LintReport } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { astroBuild } from '../support/astro-build.js';
import { expectLazyMatchesEagerOnBuild } from '../support/lazy-sources.js';

// A Starlight site (Astro 7) with `integrations: [starlight({...}), linkworthy()]` and no
// linkworthy options: a second locale with a missing translation (Starlight builds a fallback
// page for it), links to headings by Starlight's ids, a sidebar, search, a 404 page and the "On
// this page" table of contents. The one deliberate broken fragment must be the only finding.
const ROOT = fileURLToPath(new URL('../fixtures/starlight/', import.meta.url));
const INTEGRATION = fileURLToPath(
  new URL('../../packages/astro-integration/bundle/index.js', import.meta.url),
);
const BROKEN_FILE = 'src/content/docs/guides/brewing.md';
const BROKEN_HREF = '/reference/#hold-times';

function build() {
  rmSync(join(ROOT, 'linkworthy-report.json'), { force: true });
  rmSync(join(ROOT, 'node_modules/.astro/linkworthy-facts.json'), { force: true });
  return astroBuild(ROOT);
}

describe('Starlight (test/fixtures/starlight)', () => {
  it('reports the deliberate broken fragment at its Markdown line, and nothing else', () => {
    if (!existsSync(INTEGRATION)) throw new Error('Build the packages first (`npm test` does).');
    const source = readFileSync(join(ROOT, BROKEN_FILE), 'utf8').split('\n');
    const line = source.findIndex((text) => text.includes(BROKEN_HREF)) + 1;
    expect(line, `the deliberate broken fragment is still in ${BROKEN_FILE}`).toBeGreaterThan(0);
    const column = source[line - 1]!.indexOf(`[hold time](${BROKEN_HREF})`) + 1;

    const result = build();
    // No options: failOn is 'error', so the one error fails the build, as it would for a user.
    expect(result.status, result.output).toBe(1);
    expect(result.output).toContain(
      `[ERROR] [@linkworthy/astro] ${BROKEN_FILE}:${line}:${column}  Broken fragment \`#hold-times\`: \`/reference/\` has no element with that id. Did you mean \`#hold-time\`?  (broken-fragment)`,
    );
    expect(result.output).toMatch(/linkworthy: 1 error, 0 warnings in 11 pages and \d+ links/);
    expect(result.output).toContain("linkworthy found 1 error in the built site (failOn: 'error')");

    const report = JSON.parse(
      readFileSync(join(ROOT, 'linkworthy-report.json'), 'utf8'),
    ) as LintReport;
    expect(report.summary).toMatchObject({ pages: 11, errors: 1, warnings: 0, infos: 0 });
    expect(report.findings.map(({ ruleId, file, line }) => ({ ruleId, file, line }))).toEqual([
      { ruleId: 'broken-fragment', file: BROKEN_FILE, line },
    ]);

    // Every page traced to the Markdown it was built from; the French fallback pages to the
    // English source Starlight rendered them from, the home page to the collection's index.md.
    const sources = Object.fromEntries(
      report.pages.map((page) => [page.url ?? page.file, page.source]),
    );
    expect(sources).toEqual({
      '/': 'src/content/docs/index.md',
      '/404.html': undefined,
      '/getting-started/': 'src/content/docs/getting-started.md',
      '/guides/brewing/': 'src/content/docs/guides/brewing.md',
      '/guides/descaling/': 'src/content/docs/guides/descaling.md',
      '/reference/': 'src/content/docs/reference.md',
      '/fr/': 'src/content/docs/fr/index.md',
      '/fr/getting-started/': 'src/content/docs/fr/getting-started.md',
      '/fr/guides/brewing/': 'src/content/docs/fr/guides/brewing.md',
      '/fr/guides/descaling/': 'src/content/docs/guides/descaling.md',
      '/fr/reference/': 'src/content/docs/reference.md',
    });
    // The French pages are reached through the hreflang alternates (Starlight's language picker
    // is a <select>, not links).
    const depth = Object.fromEntries(
      report.pages.map((page) => [page.url ?? page.file, page.depth]),
    );
    expect(depth['/fr/']).toBe(1);
    // The analysis thread read the pages while Astro wrote them; it keeps no facts cache (the
    // fallback on Astro's thread does: test/astro/integration.test.ts).
    const timing = /; (\d+) pages extracted ahead, (\d+) of them once the build was done/.exec(
      result.output,
    );
    expect(timing, result.output).not.toBeNull();
    expect(Number(timing![1]) - Number(timing![2])).toBeGreaterThan(0);
    expect(existsSync(join(ROOT, 'node_modules/.astro/linkworthy-facts.json'))).toBe(false);
  }, 200_000);

  it('parses sources lazily (as the integration does) with the eager report', async () => {
    await expectLazyMatchesEagerOnBuild(ROOT);
  });
});
