import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LintReport } from '@linkworthy/core';
import { describe, expect, it } from 'vitest';
import { astroBuild } from '../support/astro-build.js';
import { expectLazyMatchesEagerOnBuild } from '../support/lazy-sources.js';

// Astro 7 is covered by examples/astro-blog (example-build.test.ts); these fixtures pin the
// newest Astro 5 and 6 and build the same small site with the integration.
const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const INTEGRATION = fileURLToPath(
  new URL('../../packages/astro-integration/bundle/index.js', import.meta.url),
);

function build(fixture: string, env: Record<string, string> = {}) {
  const root = join(FIXTURES, fixture);
  return { ...astroBuild(root, env), root };
}

for (const [fixture, major] of [
  ['astro-v5', '5'],
  ['astro-v6', '6'],
] as const) {
  describe(`Astro ${major} (${fixture})`, () => {
    it('builds, and reports findings at their Markdown source lines', () => {
      if (!existsSync(INTEGRATION)) throw new Error('Build the packages first (`npm test` does).');
      const result = build(fixture);
      expect(result.version.startsWith(`${major}.`)).toBe(true);
      expect(result.status, result.output).toBe(0);
      expect(result.output).toContain(
        'src/content/blog/first-post.md:7:19  Broken fragment `#summery`: `/blog/second-post/` has no element with that id. Did you mean `#summary`?  (broken-fragment)',
      );
      expect(result.output).toMatch(
        /src\/content\/blog\/first-post\.md:9:9 +Broken link to `\/blog\/third-post\/`/,
      );
      const report = JSON.parse(
        readFileSync(join(result.root, 'linkworthy-report.json'), 'utf8'),
      ) as LintReport;
      expect(report.summary).toMatchObject({ pages: 4, errors: 2 });
      expect(report.pages.find((page) => page.url === '/blog/first-post/')?.source).toBe(
        'src/content/blog/first-post.md',
      );
    });

    it('parses sources lazily (as the integration does) with the eager report', async () => {
      await expectLazyMatchesEagerOnBuild(join(FIXTURES, fixture));
    });

    it("fails the build on errors with failOn: 'error'", () => {
      const result = build(fixture, { FIXTURE_FAIL_ON: 'error' });
      expect(result.status).not.toBe(0);
      expect(result.output).toContain(
        "linkworthy found 2 errors in the built site (failOn: 'error')",
      );
    });
  });
}
